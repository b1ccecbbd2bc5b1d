"""``case-api`` command line: serve, migrate, rebuild read models, issue tokens, export OpenAPI."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from case_api.accounts import cli as accounts_cli
from case_api.cases import import_cli
from case_api.chain import check as store_check
from case_api.clients import cli as cli_clients
from case_api.courts import cli as court_key_cli
from case_api.documents import cli as documents_cli
from case_api.platform.access import Role
from case_api.platform.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="case-api")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("serve", help="Run the HTTP API (uvicorn)")
    sub.add_parser("migrate", help="Bring the read-model schema to the newest revision")
    sub.add_parser("rebuild", help="Rebuild the read models from the event store")
    project = sub.add_parser("project", help="Run the read-model projector as its own process")
    project.add_argument(
        "--once", action="store_true", help="Catch up with the event store, then exit"
    )
    sub.add_parser("openapi", help="Print the OpenAPI document")
    calendar = sub.add_parser("load-calendar", help="Load or correct a year's holiday schedule")
    calendar.add_argument("file", help='JSON: {"year", "holidays", "makeup_workdays", "source"}')
    calendar.add_argument("--reason", required=True, help="Why (recorded with the event)")
    calendar.add_argument("--operator", default="cli", help="Who loads it (recorded)")
    token = sub.add_parser("token", help="Issue a bearer token for local use")
    token.add_argument("--role", required=True, choices=[r.value for r in Role])
    token.add_argument("--subject", required=True)
    token.add_argument("--agency")
    token.add_argument("--jurisdiction")
    token.add_argument("--court")
    token.add_argument("--ttl", type=int, help="Seconds (default: the settings' token TTL)")
    cli_clients.add_parser(sub)
    accounts_cli.add_parser(sub)
    court_key_cli.add_parser(sub)
    store_check.add_parser(sub)
    documents_cli.add_parser(sub)
    import_cli.add_parser(sub)
    args = parser.parse_args(argv)
    settings = Settings()
    return COMMANDS[args.command](settings, args)


def server_options(settings: Settings) -> dict[str, Any]:
    """How ``serve`` runs uvicorn. Behind a proxy, the client's address (which the rate limits
    of anonymous traffic count) is taken from ``X-Forwarded-For`` of the proxies named in
    ``forwarded_allow_ips`` only; anyone else's header is ignored."""
    return {
        "host": settings.host,
        "port": settings.port,
        "log_level": "info",
        "proxy_headers": True,
        "forwarded_allow_ips": settings.forwarded_allow_ips,
    }


def _serve(settings: Settings, _args: argparse.Namespace) -> int:
    import uvicorn

    from case_api.main import create_app

    uvicorn.run(create_app(settings), **server_options(settings))
    return 0


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from case_api.platform.migrate import upgrade

    settings.prepare_local_dirs()
    upgrade(settings.readmodel_url)
    print("read-model schema is at the newest revision")
    return 0


def _rebuild(settings: Settings, _args: argparse.Namespace) -> int:
    from case_api.readmodel.rebuild import rebuild

    settings = settings.model_copy(update={"run_projector": False})
    count = rebuild(settings)
    print(f"rebuilt the read models from {count} events")
    return 0


def _import(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.accountability.routes_commands import COMMANDS as ACCOUNTABILITY
    from case_api.cases.routes_commands import COMMANDS as CASES

    schemas = {command: schema for _, schema, command, _ in [*CASES, *ACCOUNTABILITY]}
    return import_cli.run(settings, args, schemas)


def _project(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.readmodel.rebuild import project

    position = project(settings, once=args.once)
    print(f"the read models are at position {position}")
    return 0


def _openapi(settings: Settings, _args: argparse.Namespace) -> int:
    from case_api.main import create_app

    json.dump(create_app(settings).openapi(), sys.stdout, indent=2, ensure_ascii=False)
    print()
    return 0


def _load_calendar(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import date
    from pathlib import Path

    from case_api.deadlines.calendar_admin import load_schedule
    from case_api.platform.access import Principal
    from case_api.runtime import build_runtime

    data = json.loads(Path(args.file).read_text(encoding="utf-8"))
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        position = load_schedule(
            runtime.committer,
            year=int(data["year"]),
            holidays=[date.fromisoformat(d) for d in data["holidays"]],
            makeup_workdays=[date.fromisoformat(d) for d in data["makeup_workdays"]],
            source=data["source"],
            reason=args.reason,
            meta=Principal(args.operator, Role.ADMIN).meta(),
        )
    finally:
        runtime.close()
    print(f"loaded the {data['year']} schedule at position {position}")
    return 0


def _token(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.platform.http.auth import issue_token
    from case_api.platform.http.keyring import Keyring

    keyring = Keyring.from_settings(settings)
    print(
        issue_token(
            keyring.signing_key,
            settings.token_issuer,
            kid=keyring.signing_kid,
            subject=args.subject,
            role=Role(args.role),
            ttl_seconds=args.ttl or settings.token_ttl_seconds,
            agency=args.agency,
            jurisdiction=args.jurisdiction,
            court=args.court,
        )
    )
    return 0


COMMANDS = {
    "serve": _serve,
    "migrate": _migrate,
    "rebuild": _rebuild,
    "project": _project,
    "openapi": _openapi,
    "token": _token,
    "load-calendar": _load_calendar,
    "client": cli_clients.run,
    "account": accounts_cli.run,
    "court-key": court_key_cli.run,
    "verify": store_check.run,
    "documents": documents_cli.run,
    "import": _import,
}

if __name__ == "__main__":
    raise SystemExit(main())

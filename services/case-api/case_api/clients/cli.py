"""``case-api client register|list|rotate-secret|revoke``: machine clients from the shell.

Secrets go to standard output once, as JSON, and nowhere else.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from case_api.clients.actions import ACTIONS, CLIENT_ROLES
from case_api.platform.access import Principal, Role
from case_api.platform.settings import Settings


def add_parser(sub: Any) -> None:
    client = sub.add_parser("client", help="Register and manage machine clients")
    actions = client.add_subparsers(dest="client_command", required=True)
    register = actions.add_parser("register", help="Register a client; prints its secret once")
    register.add_argument("--name", required=True)
    register.add_argument("--role", required=True, choices=sorted(r.value for r in CLIENT_ROLES))
    register.add_argument(
        "--action", dest="actions", action="append", required=True, choices=sorted(ACTIONS)
    )
    register.add_argument("--court")
    register.add_argument("--agency")
    register.add_argument("--jurisdiction")
    actions.add_parser("list", help="List the clients (never their secrets)")
    rotate = actions.add_parser("rotate-secret", help="Issue a new secret; prints it once")
    rotate.add_argument("client_id")
    rotate.add_argument("--grace", type=int, help="Seconds the previous secret keeps working")
    revoke = actions.add_parser("revoke", help="Revoke a client at once")
    revoke.add_argument("client_id")
    revoke.add_argument("--reason", required=True)
    for parser in (register, rotate, revoke):
        parser.add_argument("--operator", default="cli", help="Who does it (recorded)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.platform.domain_errors import DomainError
    from case_api.runtime import build_runtime

    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        result = HANDLERS[args.client_command](runtime, args)
    except DomainError as error:
        print(f"{error.code}: {error.message}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
    return 0


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    return Principal(args.operator, Role.ADMIN).meta()


def _register(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    issued = runtime.clients.register(
        name=args.name,
        role=args.role,
        actions=args.actions,
        court=args.court,
        agency=args.agency,
        jurisdiction=args.jurisdiction,
        meta=_meta(args),
    )
    print("The client secret is shown once: store it now.", file=sys.stderr)
    return vars(issued)


def _rotate(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    issued = runtime.clients.rotate_secret(args.client_id, _meta(args), args.grace)
    print("The new client secret is shown once: store it now.", file=sys.stderr)
    return vars(issued)


def _revoke(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    position = runtime.clients.revoke(args.client_id, args.reason, _meta(args))
    return {"client_id": args.client_id, "position": position}


def _list(runtime: Any, _args: argparse.Namespace) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from case_api.clients.tables import api_clients

    runtime.projector.catch_up()
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(api_clients).order_by(api_clients.c.registered_at))
        return [dict(r) for r in rows.mappings()]


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], Any]] = {
    "register": _register,
    "list": _list,
    "rotate-secret": _rotate,
    "revoke": _revoke,
}

"""``case-api account create|list|reset-password|unlock|disable``: people's accounts from the
shell. Passwords are read from standard input (never an argument: shell history keeps those)."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from typing import Any

from case_api.accounts.scopes import PERSON_SCOPES
from case_api.platform.access import Principal, Role
from case_api.platform.settings import Settings


def add_parser(sub: Any) -> None:
    account = sub.add_parser("account", help="Create and manage people's accounts")
    actions = account.add_subparsers(dest="account_command", required=True)
    create = actions.add_parser("create", help="Create an account; asks for its first password")
    create.add_argument("username")
    create.add_argument("--name", required=True, help="The person's name as shown")
    create.add_argument("--role", required=True, choices=sorted(r.value for r in PERSON_SCOPES))
    create.add_argument("--agency")
    create.add_argument("--jurisdiction")
    actions.add_parser("list", help="List the accounts")
    reset = actions.add_parser("reset-password", help="Set a new password; ends their sessions")
    reset.add_argument("username")
    unlock = actions.add_parser("unlock", help="Lift a lock-out after failed sign-ins")
    unlock.add_argument("username")
    disable = actions.add_parser("disable", help="Disable an account at once")
    disable.add_argument("username")
    disable.add_argument("--reason", required=True)
    for parser in (create, reset, unlock, disable):
        parser.add_argument("--operator", default="cli", help="Who does it (recorded)")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.platform.domain_errors import DomainError
    from case_api.runtime import build_runtime

    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        result = HANDLERS[args.account_command](runtime, args)
    except DomainError as error:
        print(f"{error.code}: {error.message}", file=sys.stderr)
        return 1
    finally:
        runtime.close()
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False, default=str)
    print()
    return 0


def _password(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\n")


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    return {**Principal(args.operator, Role.ADMIN).meta(), "source": "cli"}


def _create(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    position = runtime.accounts.create(
        username=args.username,
        display_name=args.name,
        role=args.role,
        password=_password("First password: "),
        agency=args.agency,
        jurisdiction=args.jurisdiction,
        meta=_meta(args),
    )
    return {"username": args.username, "position": position}


def _reset(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    position = runtime.accounts.reset_password(
        args.username, _password("New password: "), _meta(args)
    )
    return {"username": args.username, "position": position}


def _unlock(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    return {
        "username": args.username,
        "position": runtime.accounts.unlock(args.username, _meta(args)),
    }


def _disable(runtime: Any, args: argparse.Namespace) -> dict[str, Any]:
    position = runtime.accounts.disable(args.username, args.reason, _meta(args))
    return {"username": args.username, "position": position}


def _list(runtime: Any, _args: argparse.Namespace) -> list[dict[str, Any]]:
    from sqlalchemy import select

    from case_api.accounts.tables import accounts

    runtime.projector.catch_up()
    with runtime.engine.connect() as conn:
        rows = conn.execute(select(accounts).order_by(accounts.c.username))
        return [dict(r) for r in rows.mappings()]


HANDLERS: dict[str, Callable[[Any, argparse.Namespace], Any]] = {
    "create": _create,
    "list": _list,
    "reset-password": _reset,
    "unlock": _unlock,
    "disable": _disable,
}

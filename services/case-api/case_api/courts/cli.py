"""``case-api court-key add|list|retire COURT``: the courts' delivery signing secrets."""

from __future__ import annotations

import argparse
import sys

from case_api.platform.settings import Settings


def add_parser(sub: argparse._SubParsersAction) -> None:
    keys = sub.add_parser("court-key", help="Manage a court's delivery signing secrets")
    action = keys.add_subparsers(dest="action", required=True)
    add = action.add_parser("add", help="Add a secret (printed once, never again)")
    add.add_argument("court")
    add.add_argument("--secret", help="whsec_<base64> agreed with the court (default: a new one)")
    action.add_parser("list", help="Key ids and dates (never the secrets)").add_argument("court")
    retire = action.add_parser("retire", help="Stop accepting a secret")
    retire.add_argument("court")
    retire.add_argument("key_id")


def run(settings: Settings, args: argparse.Namespace) -> int:
    from case_api.courts.keys import CourtKeys, new_secret
    from case_api.platform.db import make_engine
    from shared.clock import clock_from_file

    engine = make_engine(settings.readmodel_url)
    keys, now = CourtKeys(engine), clock_from_file(settings.clock_file).now()
    try:
        if args.action == "add":
            secret = args.secret or new_secret()
            try:
                key = keys.add(args.court, secret, now)
            except ValueError as error:
                print(f"case-api court-key: {error}", file=sys.stderr)
                return 2
            print(f"{key.key_id} {secret}")
        elif args.action == "list":
            for key in keys.list(args.court):
                retired = key.retired_at.isoformat() if key.retired_at else "active"
                print(f"{key.key_id}  added {key.created_at.isoformat()}  {retired}")
        elif not keys.retire(args.court, args.key_id, now):
            print(f"case-api court-key: no active key {args.key_id}", file=sys.stderr)
            return 1
    finally:
        engine.dispose()
    return 0

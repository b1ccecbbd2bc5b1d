"""``notifier`` command line: run, migrate, and operator commands on the database."""

from __future__ import annotations

import argparse
import json
import logging

from notifier.platform.config import Settings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="notifier")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="Follower + sender + operator API in one process")
    sub.add_parser("migrate", help="Bring the notifier's schema to the newest revision")
    listing = sub.add_parser("deliveries", help="List deliveries (JSON lines)")
    listing.add_argument("--case")
    listing.add_argument("--agency")
    listing.add_argument("--state")
    listing.add_argument("--kind")
    listing.add_argument("--limit", type=int, default=100)
    retry = sub.add_parser("retry", help="Schedule a dead delivery again")
    retry.add_argument("delivery_id", type=int)
    sub.add_parser("position", help="The follower's position and lag")
    sub.add_parser("replan", help="Re-plan every case with pending deliveries (after upgrades)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    return COMMANDS[args.command](Settings(), args)


def _run(settings: Settings, _args: argparse.Namespace) -> int:
    from notifier.runner import run

    settings.prepare_local_dirs()
    run(settings)
    return 0


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from notifier.platform.migrate import upgrade

    settings.prepare_local_dirs()
    upgrade(settings.database_url)
    print("notifier schema is at the newest revision")
    return 0


def _deliveries(settings: Settings, args: argparse.Namespace) -> int:
    from notifier.platform.db import make_engine
    from notifier.sending.queries import list_deliveries

    engine = make_engine(settings.database_url)
    rows = list_deliveries(
        engine,
        case_id=args.case,
        agency=args.agency,
        state=args.state,
        kind=args.kind,
        limit=args.limit,
    )
    for row in rows:
        print(json.dumps(row, default=str, ensure_ascii=False))
    return 0


def _retry(settings: Settings, args: argparse.Namespace) -> int:
    from notifier.platform.db import make_engine
    from notifier.sending.queries import retry_dead
    from shared.clock import clock_from_file

    engine = make_engine(settings.database_url)
    if retry_dead(engine, args.delivery_id, clock_from_file(settings.clock_file).now()):
        print(f"delivery {args.delivery_id} scheduled again")
        return 0
    print(f"delivery {args.delivery_id} is not dead or failed (or does not exist)")
    return 1


def _position(settings: Settings, _args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from notifier.platform.db import make_engine
    from notifier.platform.tables import follower_positions

    engine = make_engine(settings.database_url)
    with engine.connect() as conn:
        for row in conn.execute(select(follower_positions)).mappings():
            lag = max(row["head"] - row["position"], 0)
            print(f"{row['name']}: position {row['position']}, head {row['head']}, lag {lag}")
    return 0


def _replan(settings: Settings, _args: argparse.Namespace) -> int:
    from notifier.runtime import build_runtime

    runtime = build_runtime(settings)
    try:
        print(f"re-planned {runtime.follower.replan()} cases with pending deliveries")
    finally:
        runtime.close()
    return 0


COMMANDS = {
    "run": _run,
    "replan": _replan,
    "migrate": _migrate,
    "deliveries": _deliveries,
    "retry": _retry,
    "position": _position,
}

if __name__ == "__main__":
    raise SystemExit(main())

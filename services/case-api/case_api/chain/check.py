"""``case-api verify``: check the hash chains of the event store, with a progress bar.

Exit status 0 when every chain is intact (events from before chaining are counted, not
failed), 1 when any problem is found, so a scheduled job can alert on it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from uuid import UUID

from case_api.chain.verify import timeline_positions, verify_aggregate, verify_store
from case_api.chain.walk import Problem
from case_api.platform.db import make_engine
from case_api.platform.eventstore import CaseStore
from case_api.platform.settings import Settings
from case_api.platform.store_walk import opened_store, position_bar

Print = Callable[[str], None]


def add_parser(sub: argparse._SubParsersAction) -> None:
    verify = sub.add_parser("verify", help="Check the hash chains of the stored events")
    verify.add_argument("--case", type=UUID, help="Only this case (or other stream) id")


def run(settings: Settings, args: argparse.Namespace) -> int:
    return check(settings, args.case, show_progress=True)


def check(
    settings: Settings,
    case_id: UUID | None = None,
    *,
    show_progress: bool = True,
    out: Print = print,
) -> int:
    with opened_store(settings) as store:
        if case_id is not None:
            return _check_one(settings, store, case_id, out)
        return _check_all(store, show_progress, out)


def _check_one(settings: Settings, store: CaseStore, case_id: UUID, out: Print) -> int:
    engine = make_engine(settings.readmodel_url)
    try:
        report = verify_aggregate(store, case_id, timeline_positions(engine, case_id))
    finally:
        engine.dispose()
    for problem in report.problems:
        out(describe(problem))
    out(
        f"{report.status}: {report.events} events of {case_id} "
        f"({report.unchained} unchained), head {report.chain_head}"
    )
    return 1 if report.problems else 0


def _check_all(store: CaseStore, show_progress: bool, out: Print) -> int:
    with position_bar(store.max_position(), show_progress) as advance:
        report = verify_store(store, progress=advance)
    for problem in report.problems:
        out(describe(problem))
    out(
        f"{report.status}: {report.events} events in {report.aggregates} streams, "
        f"{report.unchained} unchained, {len(report.problems)} problems"
    )
    return 1 if report.problems else 0


def describe(problem: Problem) -> str:
    position = "?" if problem.position is None else problem.position
    return (
        f"{problem.kind}: {problem.aggregate_id} version {problem.version} "
        f"(position {position}, {problem.topic}): {problem.detail}"
    )

"""How much deriving deadlines adds to projecting an event.

Fills an event store with Guangzhou cases (filed, notice served, reported, summons, answer,
appearance, judgment, effective: the events rules read), then rebuilds the read models twice
in the same run: once with the deadline projection and once without it. Prints the time per
event of each and what the deadlines add.

    .venv/bin/python bench/bench_deadline_projection.py [--quick] [--postgres URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from uuid import UUID

from case_api.platform.access import Principal, Role
from case_api.platform.commands import Request
from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from case_api.runtime import build_runtime

ADMIN = Principal("bench", Role.ADMIN)
REQUEST = Request(ADMIN)


def fill(settings: Settings, cases: int) -> int:
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        meta = ADMIN.meta()
        runtime.registry.register_jurisdiction(
            meta=meta, code="gz", name="广州", level="city", parent=None, pack="guangzhou"
        )
        runtime.registry.register_agency(
            meta=meta, code="gz-hrss", name="人社局", jurisdiction="gz", level="department"
        )
        for n in range(cases):
            walk_case(runtime, n)
        return runtime.store.max_position()
    finally:
        runtime.close()


def walk_case(runtime, n: int) -> None:  # type: ignore[no-untyped-def]
    day = date(2025, 1, 2) + timedelta(days=n % 300)
    facts = {
        "court": "gz-court",
        "case_number": f"B{n}",
        "subject_matter": "工伤认定",
        "agencies": [{"agency_id": "gz-hrss", "role": "implementing"}],
        "plaintiff_count": 1,
        "filed_date": day,
        "flags": [],
    }
    case_id = UUID(runtime.commands.file_case(REQUEST, **facts).case_id)
    steps = [
        (
            "serve_document",
            {
                "kind": "notice_to_respond",
                "served_date": day,
                "hearing_date": None,
                "document_number": "",
            },
        ),
        (
            "report_to_bureau",
            {"subject": "notice_to_respond", "reported_date": day + timedelta(days=1)},
        ),
        (
            "serve_document",
            {
                "kind": "summons",
                "served_date": day,
                "hearing_date": day + timedelta(days=30),
                "document_number": "",
            },
        ),
        ("submit_answer", {"submitted_date": day + timedelta(days=10), "evidence_submitted": True}),
        (
            "record_appearance",
            {
                "hearing_date": day + timedelta(days=30),
                "appearances": [{"name": "甲", "role": "deputy_head"}],
            },
        ),
        (
            "serve_judgment",
            {
                "judgment": {"instance": "first", "kind": "judgment", "outcome": "won"},
                "served_date": day + timedelta(days=60),
            },
        ),
        ("make_effective", {"effective_date": day + timedelta(days=76)}),
    ]
    for command, args in steps:
        runtime.commands.execute(REQUEST, case_id, command, **args)


def timed_rebuild(settings: Settings, with_deadlines: bool) -> float:
    runtime = build_runtime(settings.model_copy(update={"run_projector": False}))
    try:
        projector = runtime.projector
        projector.batch_size = 2000
        if not with_deadlines:
            projector.after_batch = []
        projector.reset()
        started = time.perf_counter()
        projector.catch_up()
        return time.perf_counter() - started
    finally:
        runtime.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--postgres", help="a PostgreSQL URL to use instead of SQLite")
    args = parser.parse_args()
    cases = 300 if args.quick else 3000
    with tempfile.TemporaryDirectory() as tmp:
        if args.postgres:
            settings = Settings(event_store_url=args.postgres, readmodel_url=args.postgres)
        else:
            settings = Settings(
                event_store_url=f"sqlite:///{Path(tmp)}/events.db",
                readmodel_url=f"sqlite:///{Path(tmp)}/readmodel.db",
            )
        upgrade(settings.readmodel_url)
        events = fill(settings, cases)
        bare = min(timed_rebuild(settings, False) for _ in range(2))
        full = min(timed_rebuild(settings, True) for _ in range(2))
    per_bare, per_full = bare / events * 1e6, full / events * 1e6
    print(f"events projected: {events} ({cases} Guangzhou cases)")
    print(
        f"projection without deadlines: {per_bare:8.1f} µs/event  ({events / bare:,.0f} events/s)"
    )
    print(
        f"projection with deadlines:    {per_full:8.1f} µs/event  ({events / full:,.0f} events/s)"
    )
    print(
        f"deadlines add:                {per_full - per_bare:8.1f} µs/event  (×{full / bare:.2f} the bare projection)"
    )


if __name__ == "__main__":
    main()

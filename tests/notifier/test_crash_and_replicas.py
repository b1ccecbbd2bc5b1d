"""Crash safety and replicas, with real processes (integration).

- SIGKILL the notifier at random points, 20+ times, while deliveries are due and while it
  is still following the feed: afterwards every due delivery reached the sink, every
  duplicate carried the same Idempotency-Key as its first copy (droppable), and there are at
  most as many copies as sends in flight at the kills.
- Two notifier replicas on one database at once: no delivery is sent by both.
"""

from __future__ import annotations

import random
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from notifier.platform.db import make_engine
from notifier.platform.tables import deliveries
from tests.backends import BACKENDS, postgres_schema
from tests.notifier.processes import migrate_notifier, wait_until
from tests.notifier.sink import start_sink
from tests.notifier.walk import Stack, at, open_stack

pytestmark = pytest.mark.integration
CASES = 24
KILLS = 22


@contextmanager
def stack_on(backend: str, directory: Path, **extra: str) -> Iterator[Stack]:
    sink = start_sink()
    sink.delay = 0.02  # a slow receiver: kills land while requests are in flight
    stack = open_stack(directory, sink, at("09-19 10:00"), **extra)
    try:
        if backend == "sqlite":
            yield stack
            return
        with postgres_schema() as (url, _schema):
            stack.notifier_env["NOTIFIER_DATABASE_URL"] = url
            migrate_notifier(stack.notifier_env)
            yield stack
    finally:
        stack.close()


def _load_cases(stack: Stack) -> None:
    """Each case: 报备 reminder + 2 escalations + 2 answer reminders due by Sep 30 10:00."""
    stack.register_guangzhou()
    for n in range(CASES):
        case_id = stack.file_case(f"（2025）粤0106行初{100 + n}号", "2025-09-15")
        body = {"kind": "notice_to_respond", "served_date": "2025-09-19"}
        stack.post(f"/v1/cases/{case_id}/documents", body)


def _rows(stack: Stack) -> list[dict]:
    """The deliveries due by Sep 30 (the answer's escalations come later)."""
    engine = make_engine(stack.notifier_env["NOTIFIER_DATABASE_URL"])
    due = select(deliveries).where(deliveries.c.due_at <= datetime(2025, 9, 30, 2))
    try:
        with engine.connect() as conn:
            return [dict(r) for r in conn.execute(due).mappings()]
    finally:
        engine.dispose()


def _all_sent(stack: Stack, expected: int) -> bool:
    rows = _rows(stack)
    return len(rows) == expected and all(r["state"] == "sent" for r in rows)


@pytest.mark.parametrize("backend", BACKENDS)
def test_sigkill_at_random_points_loses_nothing(backend: str, tmp_path: Path) -> None:
    extra = {
        "NOTIFIER_LEASE_SECONDS": "5",
        "NOTIFIER_FEED_PAGE_SIZE": "4",
        "NOTIFIER_SEND_BATCH_SIZE": "100",
        "NOTIFIER_SEND_WORKERS": "4",
    }
    with stack_on(backend, tmp_path, **extra) as stack:
        _load_cases(stack)
        stack.set_clock(at("09-30 10:00"))
        rng = random.Random(4)
        clock = [datetime.fromisoformat(at("09-30 10:00"))]

        def let_time_pass(seconds: int) -> None:
            clock[0] += timedelta(seconds=seconds)
            stack.set_clock(clock[0].isoformat())

        for run in range(KILLS):
            proc = stack.start_notifier(f"notifier-{run}")
            time.sleep(rng.uniform(0.0, 0.6))
            proc.kill()
            let_time_pass(10)  # past the 5-second lease: rows a dead sender held are due again
        final = stack.start_notifier("notifier-final")
        # Time keeps passing so that a send that failed under load is retried after backoff.
        wait_until(lambda: let_time_pass(1) or _all_sent(stack, CASES * 5), 180, 0.2)
        final.stop()
        rows = _rows(stack)
    received = stack.sink.received
    assert {r["key"] for r in rows} <= {r.key for r in received}, "a due delivery was lost"
    first_key: dict[tuple, str] = {}
    copies: dict[str, int] = defaultdict(int)
    for item in received:
        content = (item.path, item.body.get("title"), item.body.get("message"))
        assert first_key.setdefault(content, item.key or "") == item.key, "duplicate, new key"
        copies[item.key or ""] += 1
    dupes = sum(copies.values()) - len(copies)
    print(f"crash [{backend}]: {KILLS} kills, {len(rows)} messages, {dupes} copies")
    # Each answer is recorded as soon as it comes: a kill can repeat at most the sends then in
    # flight, one per send worker.
    assert dupes <= KILLS * int(extra["NOTIFIER_SEND_WORKERS"])


@pytest.mark.parametrize("backend", BACKENDS)
def test_two_replicas_never_send_the_same_delivery(backend: str, tmp_path: Path) -> None:
    extra = {"NOTIFIER_SEND_BATCH_SIZE": "3", "NOTIFIER_SEND_WORKERS": "2"}
    with stack_on(backend, tmp_path, **extra) as stack:
        first = stack.start_notifier("replica-1")
        stack.start_notifier("replica-2")
        _load_cases(stack)
        stack.caught_up(first)
        stack.set_clock(at("09-30 10:00"))
        wait_until(lambda: _all_sent(stack, CASES * 5), 180, 0.2)
        rows = _rows(stack)
    keys = stack.sink.seen_keys()
    assert len(keys) == len(set(keys)) == CASES * 5, "a delivery was sent by both replicas"
    assert {r["key"] for r in rows} == set(keys)
    assert all(r["attempts"] == 1 for r in rows)

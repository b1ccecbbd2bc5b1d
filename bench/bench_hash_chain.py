"""What the hash chain costs: each figure beside the same work without it, in the same run.

Usage: .venv/bin/python bench/bench_hash_chain.py [--quick]

Two twin aggregates with the fields of a typical case event (a document served: kind, two
dates, a number and the actor's meta, Chinese text included) differ only in their base:
``Aggregate`` or ``ChainedAggregate``. Figures, best of three passes:
1. triggering events in memory (the command path without storage);
2. saving them to an SQLite file, 10 events per save (the write path);
3. loading 10-event aggregates back (the read path of every command);
4. the digest alone beside the library's encoding of the same event (to_stored_event);
5. ``case-api verify`` over the store beside paging through it and decoding every event.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from uuid import uuid4

from eventsourcing.domain import Aggregate, event
from eventsourcing.utils import get_topic

from case_api.chain.domain import ChainedAggregate, digest
from case_api.chain.verify import verify_store
from case_api.platform.eventstore import CaseStore

REPEATS = 3
EVENTS_PER_AGGREGATE = 10
META = {
    "principal_id": "court_system-gz-tianhe-court",
    "role": "court_system",
    "agency": None,
    "source": "court_system",
    "request_id": "delivery-0001",
    "request_hash": "9f" * 32,
}


class Plain(Aggregate):
    @event("Filed")
    def __init__(self, *, case_number: str, filed_date: date, meta: dict[str, Any]) -> None:
        self.case_number = case_number

    @event("Served")
    def serve(
        self,
        kind: str,
        served_date: date,
        hearing_date: date | None,
        document_number: str,
        meta: dict[str, Any],
    ) -> None:
        self.kind = kind


class Chained(ChainedAggregate):
    @event("Filed")
    def __init__(self, *, case_number: str, filed_date: date, meta: dict[str, Any]) -> None:
        self.case_number = case_number

    @event("Served")
    def serve(
        self,
        kind: str,
        served_date: date,
        hearing_date: date | None,
        document_number: str,
        meta: dict[str, Any],
    ) -> None:
        self.kind = kind


def build(cls: type, count: int) -> list[Any]:
    """``count`` aggregates of EVENTS_PER_AGGREGATE events each."""
    aggregates = []
    for n in range(count):
        agg = cls(case_number=f"（2025）粤0106行初{n}号", filed_date=date(2025, 9, 20), meta=META)
        for _ in range(EVENTS_PER_AGGREGATE - 1):
            agg.serve("summons", date(2025, 9, 22), date(2025, 10, 20), "穗天法送〔2025〕1号", META)
        aggregates.append(agg)
    return aggregates


def best_pair(base: Callable[[], Any], other: Callable[[], Any]) -> tuple[float, float]:
    """Seconds of the fastest pass of each; passes alternate, so a noisy moment on a shared
    machine hits both sides alike."""
    times = [float("inf"), float("inf")]
    for _ in range(REPEATS):
        for side, run in enumerate((base, other)):
            began = time.perf_counter()
            run()
            times[side] = min(times[side], time.perf_counter() - began)
    return times[0], times[1]


def open_store(path: Path) -> CaseStore:
    return CaseStore(env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)})


def triggering(count: int) -> tuple[float, float]:
    return best_pair(lambda: build(Plain, count), lambda: build(Chained, count))


def saving(count: int, directory: Path) -> tuple[float, float]:
    def runner(cls: type) -> Callable[[], None]:
        def run() -> None:
            store = open_store(directory / f"{cls.__name__}-{uuid4().hex}.db")
            for agg in build(cls, count):
                store.save(agg)
            store.close()

        return run

    return best_pair(runner(Plain), runner(Chained))


def loading(count: int, directory: Path) -> tuple[float, float]:
    runs = []
    stores = []
    for cls in (Plain, Chained):
        store = open_store(directory / f"load-{cls.__name__}.db")
        aggregates = build(cls, count)
        store.save(*aggregates)
        ids = [agg.id for agg in aggregates]
        runs.append(lambda store=store, ids=ids: [store.repository.get(i) for i in ids])
        stores.append(store)
    elapsed = best_pair(*runs)
    for store in stores:
        store.close()
    return elapsed


def encoding_vs_hashing(count: int, directory: Path) -> tuple[float, float]:
    events = [e for agg in build(Chained, count) for e in agg.collect_events()]
    store = open_store(directory / "mapper.db")
    elapsed = best_pair(
        lambda: [store.mapper.to_stored_event(e) for e in events],
        lambda: [
            digest(get_topic(type(e)), e.originator_id, e.originator_version, vars(e))
            for e in events
        ],
    )
    store.close()
    return elapsed


def reading_vs_verifying(count: int, directory: Path) -> tuple[float, float]:
    store = open_store(directory / "verify.db")
    store.save(*build(Chained, count))

    def read() -> None:
        start = 1
        while page := store.recorder.select_notifications(start, 500):
            for n in page:
                store.mapper.transcoder.decode(n.state)
            start = page[-1].id + 1

    elapsed = best_pair(read, lambda: verify_store(store))
    store.close()
    return elapsed


def row(label: str, events: int, times: tuple[float, float], names: tuple[str, str]) -> None:
    base, other = times
    print(
        f"{label:<32}{events / base:>11,.0f}{events / other:>11,.0f}"
        f"{other / base:>8.2f}   {names[0]} / {names[1]}"
    )


def main(argv: list[str]) -> None:
    count = 200 if "--quick" in argv else 1000
    events = count * EVENTS_PER_AGGREGATE
    print(f"{count} aggregates x {EVENTS_PER_AGGREGATE} events, best of {REPEATS}, one process")
    print(f"{'work':<32}{'base ev/s':>11}{'with ev/s':>11}{'x time':>8}   base / with")
    twins = ("Aggregate", "ChainedAggregate")
    row("trigger events in memory", events, triggering(count), twins)
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        row("save to SQLite, 10 events/save", events, saving(count, directory), twins)
        row("load 10-event aggregates", events, loading(count, directory), twins)
        pair = encoding_vs_hashing(count, directory)
        row("hash beside encoding", events, pair, ("to_stored_event", "digest"))
        pair = reading_vs_verifying(count, directory)
        row("verify beside reading", events, pair, ("page+decode", "verify_store"))


if __name__ == "__main__":
    main(sys.argv[1:])

"""notifier benchmarks, each next to a baseline measured in the same run.

Usage: .venv/bin/python bench/bench_notifier.py [--quick]

1. Throughput: reminders delivered per second by the sender (lease → Apprise json:// POST →
   mark sent, SQLite) to a local webhook sink in another process; baseline: a bare httpx
   loop POSTing to the same sink.
2. Lateness: 10,000 reminders due within the same minute, the sender following a clock that
   runs at wall speed; p50/p99/max of (sent_at − due_at). Baseline: a bare in-memory loop
   that waits for each due time and POSTs with httpx (no database, no Apprise).
3. Lag: case-api and the notifier as real processes; from the moment a write returns in
   case-api to the notifier having committed it (planned) and to the reminder reaching the
   sink. Baseline: a bare long-poll on case-api's feed started before the write.
"""

from __future__ import annotations

import multiprocessing
import random
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from notifier.bulletin.build import BulletinBuilder  # noqa: E402
from notifier.channels.book import ChannelBook  # noqa: E402
from notifier.channels.dispatch import Dispatcher  # noqa: E402
from notifier.feed.caseapi import CaseApiClient  # noqa: E402
from notifier.platform.config import Settings  # noqa: E402
from notifier.platform.db import from_db, make_engine, to_db  # noqa: E402
from notifier.platform.migrate import upgrade  # noqa: E402
from notifier.platform.tables import deliveries  # noqa: E402
from notifier.sending.sender import Sender  # noqa: E402
from shared.clock import FixedClock  # noqa: E402
from tests.notifier.processes import OPERATOR, wait_until  # noqa: E402
from tests.notifier.sink import start_sink  # noqa: E402
from tests.notifier.walk import at, open_stack  # noqa: E402

T0 = datetime(2025, 9, 30, 1, 0, tzinfo=UTC)


def _serve_sink(port_out: multiprocessing.Queue) -> None:
    sink = start_sink()
    port_out.put(sink.url)
    threading.Event().wait()


def sink_process() -> tuple[multiprocessing.Process, str]:
    queue: multiprocessing.Queue = multiprocessing.Queue()
    process = multiprocessing.Process(target=_serve_sink, args=(queue,), daemon=True)
    process.start()
    return process, queue.get(timeout=10)


class RunningClock:
    """Business time starting at ``start`` and running at wall speed (for the lateness run)."""

    def __init__(self, start: datetime) -> None:
        self.start, self.began = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.began)

    def today(self):  # type: ignore[no-untyped-def]
        return self.now().date()


class Book:
    def __init__(self, sink_url: str) -> None:
        host = sink_url.removeprefix("http://")
        self._book = ChannelBook({"agencies": {"a": {"contact": [f"json://{host}/hook/c"]}}})

    def book(self) -> ChannelBook:
        return self._book


def sender_for(directory: Path, sink_url: str, clock) -> Sender:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{directory}/bench.db"
    upgrade(url)
    engine = make_engine(url)
    settings = Settings(database_url=url, send_batch_size=200, send_workers=16)
    client = CaseApiClient("http://unused", "")
    return Sender(
        engine,
        settings,
        clock,
        Dispatcher(5.0),
        client,
        Book(sink_url),  # type: ignore[arg-type]
        BulletinBuilder(engine, client),
    )


def load(sender: Sender, dues: list[datetime]) -> None:
    rows = [
        {
            "key": f"bench:{n}",
            "kind": "reminder",
            "recipient": "contact:a",
            "due_at": to_db(due),
            "state": "scheduled",
            "attempts": 0,
            "next_attempt_at": to_db(due),
            "updated_at": to_db(due),
            "payload": {"title": "【行政应诉提醒】答辩期满", "body": f"第{n}件：距期满还有1天"},
        }
        for n, due in enumerate(dues)
    ]
    with sender.engine.begin() as conn:
        conn.execute(deliveries.insert(), rows)


def bare_rate(sink_url: str, count: int) -> float:
    with httpx.Client() as client:
        began = time.perf_counter()
        for n in range(count):
            client.post(
                f"{sink_url}/hook/raw",
                json={"message": f"第{n}件"},
                headers={"Idempotency-Key": f"raw:{n}"},
            )
        return count / (time.perf_counter() - began)


def throughput(directory: Path, sink_url: str, count: int) -> None:
    baseline = bare_rate(sink_url, count)
    sender = sender_for(directory / "throughput", sink_url, FixedClock(T0))
    load(sender, [T0] * count)
    began = time.perf_counter()
    while sender.run_once():
        pass
    rate = count / (time.perf_counter() - began)
    sender.close()
    print(
        f"throughput: notifier {rate:,.0f} reminders/s (16 send workers, SQLite); "
        f"bare httpx loop {baseline:,.0f} req/s; ratio {rate / baseline:.2f}"
    )


def lateness(directory: Path, sink_url: str, count: int, spread: float) -> None:
    rng = random.Random(7)
    offsets = sorted(rng.uniform(0, spread) for _ in range(count))
    base = _bare_lateness(sink_url, offsets)
    clock = RunningClock(T0)
    sender = sender_for(directory / "lateness", sink_url, clock)
    load(sender, [T0 + timedelta(seconds=o) for o in offsets])
    clock.began = time.monotonic()
    while True:
        if not sender.run_once():
            with sender.engine.connect() as conn:
                if not conn.execute(
                    deliveries.select().where(deliveries.c.state != "sent").limit(1)
                ).first():
                    break
            time.sleep(0.01)
    sender.close()
    with sender.engine.connect() as conn:
        rows = conn.execute(deliveries.select()).mappings().all()
    late = sorted((from_db(r["sent_at"]) - from_db(r["due_at"])).total_seconds() for r in rows)
    p99 = late[int(0.99 * (len(late) - 1))]
    print(
        f"lateness: {count:,} due within {spread:.0f} s: notifier p50 "
        f"{statistics.median(late) * 1000:.0f} ms, p99 {p99 * 1000:.0f} ms, "
        f"max {late[-1] * 1000:.0f} ms; bare loop p99 {base * 1000:.0f} ms; "
        f"ratio {p99 / max(base, 1e-3):.1f}"
    )


def _bare_lateness(sink_url: str, offsets: list[float]) -> float:
    late = []
    with httpx.Client() as client:
        began = time.monotonic()
        for n, offset in enumerate(offsets):
            wait = began + offset - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            client.post(
                f"{sink_url}/hook/raw", json={"n": n}, headers={"Idempotency-Key": f"late:{n}"}
            )
            late.append(time.monotonic() - began - offset)
    late.sort()
    return late[int(0.99 * (len(late) - 1))]


def lag(directory: Path, samples: int) -> None:
    sink = start_sink()
    stack = open_stack(directory, sink, at("09-22 10:00"))
    try:
        notifier = stack.start_notifier(NOTIFIER_FEED_WAIT_SECONDS="10")
        stack.register_guangzhou()
        planned, delivered, raw = [], [], []
        for n in range(samples):
            case_id = stack.file_case(f"（2025）粤0106行初{n}号", "2025-09-15")
            stack.caught_up(notifier)
            seen: dict[str, float] = {}
            poll = threading.Thread(target=_long_poll, args=(stack, seen))
            poll.start()
            time.sleep(0.05)
            body = {"kind": "notice_to_respond", "served_date": "2025-09-19"}
            position = stack.post(f"/v1/cases/{case_id}/documents", body)["position"]
            appended = time.perf_counter()
            wait_until(
                lambda p=position: (
                    httpx.get(f"{notifier.url}/v1/follower", headers=OPERATOR).json()["position"]
                    >= p
                ),
                20,
                0.002,
            )
            planned.append(time.perf_counter() - appended)
            wait_until(lambda c=case_id: any(k.startswith(c) for k in sink.seen_keys()), 20, 0.002)
            delivered.append(time.perf_counter() - appended)
            poll.join(15)
            raw.append(seen["at"] - appended)
        p50 = statistics.median
        print(
            f"lag ({samples} events): notifier committed p50 {p50(planned) * 1000:.0f} ms, "
            f"max {max(planned) * 1000:.0f} ms; reminder at sink p50 "
            f"{p50(delivered) * 1000:.0f} ms, max {max(delivered) * 1000:.0f} ms; "
            f"bare feed long-poll p50 {p50(raw) * 1000:.0f} ms; ratio (committed / bare) "
            f"{p50(planned) / max(p50(raw), 1e-3):.1f}"
        )
    finally:
        stack.close()


def _long_poll(stack, seen: dict[str, float]) -> None:  # type: ignore[no-untyped-def]
    from tests.notifier.walk import NOTIFIER

    head = stack.head()
    while True:
        page = httpx.get(
            f"{stack.case_api.url}/v1/events",
            params={"after": head, "wait": 10},
            headers=NOTIFIER,
            timeout=20,
        ).json()
        if any(e["type"] == "DocumentServed" for e in page["events"]):
            seen["at"] = time.perf_counter()
            return
        head = page["last_position"]


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    process, sink_url = sink_process()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for name in ("throughput", "lateness", "lag"):
                (root / name).mkdir()
            throughput(root, sink_url, 500 if quick else 3000)
            lateness(root, sink_url, 1000 if quick else 10_000, 10 if quick else 60)
            lag(root / "lag", 5 if quick else 30)
    finally:
        process.terminate()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

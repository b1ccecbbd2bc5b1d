"""Closed-loop load: N threads, each repeating one step as fast as it is answered.

Every thread first runs its own setup (file its case), then all start together; a warm-up
is run and discarded, and only steps *started* inside the measured window count. CPU of the
client (this process), of the server and of PostgreSQL is sampled at the window's edges.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import psycopg

from caseapi_bench.servers import cpu_seconds, postgres_cpu_seconds
from caseapi_bench.storage import CONNINFO

Step = Callable[[], None]


@dataclass
class LoadResult:
    clients: int
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


def run_threads(
    clients: int,
    make_step: Callable[[int], Step],
    seconds: float,
    warmup: float,
    server_pid: int | None = None,
) -> LoadResult:
    """``make_step(i)`` runs in thread i (its setup) and returns the step to repeat."""
    ready = threading.Barrier(clients + 1, timeout=60)
    window: dict[str, float] = {}
    result = LoadResult(clients, seconds)
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            step = make_step(index)
        except Exception as error:  # noqa: BLE001 - reported, and the barrier is broken
            result.errors.append(f"setup: {error!r}")
            ready.abort()
            return
        ready.wait()
        start, end = window["start"], window["end"]
        mine: list[float] = []
        while (began := time.perf_counter()) < end:
            try:
                step()
            except Exception as error:  # noqa: BLE001 - counted; a bench must not stop
                with lock:
                    if len(result.errors) < 20:
                        result.errors.append(repr(error))
                continue
            if began >= start:
                mine.append(time.perf_counter() - began)
        with lock:
            result.latencies.extend(mine)

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(clients)]
    for t in threads:
        t.start()
    window["start"] = time.perf_counter() + 0.05 + warmup
    window["end"] = window["start"] + seconds
    with psycopg.connect(CONNINFO, autocommit=True) as stats:
        ready.wait()
        _sleep_until(window["start"])
        before = _cpu(server_pid, stats)
        _sleep_until(window["end"])
        after = _cpu(server_pid, stats)
    for t in threads:
        t.join(timeout=30)
    result.cpu = {k: (after[k] - before[k]) / seconds for k in after}
    return result


def _sleep_until(moment: float) -> None:
    delay = moment - time.perf_counter()
    if delay > 0:
        time.sleep(delay)


def _cpu(server_pid: int | None, stats: psycopg.Connection) -> dict[str, float]:
    """CPU seconds so far, and PostgreSQL sessions opened so far (pg_stat_database)."""
    sessions = stats.execute(
        "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
    ).fetchone()
    sample = {
        "client": time.process_time(),
        "postgres": postgres_cpu_seconds(),
        "new_connections": float(sessions[0]) if sessions else 0.0,
    }
    if server_pid:
        sample["server"] = cpu_seconds(server_pid)
    return sample


def cpu_note(result: LoadResult) -> str:
    """CPU use in cores, e.g. 'server 0.98 client 0.61 pg 0.35' (pg is approximate: backends
    that exit during the window take their CPU with them), and new PostgreSQL sessions/s."""
    names = {
        "server": "server",
        "client": "client",
        "postgres": "pg",
        "new_connections": "new pg sessions/s",
    }
    return " ".join(f"{names[k]} {v:.2f}" for k, v in result.cpu.items())

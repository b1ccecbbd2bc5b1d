"""Writes under SIGKILL and a database cut, on each backend, as integrators send them.

case-api runs as a real process under four writers (each write resent with its
Idempotency-Key until answered). It is SIGKILLed ``KILLS`` times at random moments and
started again; once, the database goes away for a few seconds (PostgreSQL: the TCP proxy
between case-api and the server is cut; SQLite: another process holds both files locked).
Then every answered write is resent once more, and the event store is read back.

Figures (the terminal summary prints them): acknowledged writes, and — each of which must be
0 — writes lost, request ids stored twice, answers (first or replayed) disagreeing with the
stored event, 5xx other than 503 storage-unavailable with Retry-After, writes refused.
"""

from __future__ import annotations

import os
import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from case_api.platform.settings import Settings
from case_api.platform.store_walk import opened_store
from tests.backends import BACKENDS, POSTGRES_URL, postgres_schema
from tests.faults.ledger import Figures, figures
from tests.faults.load import Writers, replay_all
from tests.faults.outage import target_of, via
from tests.faults.service import CaseApiProcess, register_world, service_env, wait_for_projection
from tests.faults.summary import report
from tests.faults.tcp_proxy import proxied
from tests.notifier.processes import wait_until

KILLS = 8 if os.environ.get("CI") else 3
CUT_SECONDS = 4.0
Cut = Callable[[], object]


@contextmanager
def backend_settings(backend: str, directory: Path) -> Iterator[tuple[Settings, Settings, Cut]]:
    """(what the process uses, what the test reads the store with, a database cut)."""
    if backend == "sqlite":
        settings = Settings(
            event_store_url=f"sqlite:///{directory}/events.db",
            readmodel_url=f"sqlite:///{directory}/readmodel.db",
        )
        files = [directory / "events.db", directory / "readmodel.db"]
        yield settings, settings, lambda: _locked(files, CUT_SECONDS)
        return
    assert POSTGRES_URL
    with postgres_schema() as (url, schema), proxied(*target_of(POSTGRES_URL)) as proxy:
        direct = Settings(
            event_store_url=POSTGRES_URL, readmodel_url=url, event_store_schema=schema
        )
        behind = direct.model_copy(
            update={
                "event_store_url": via(POSTGRES_URL, proxy.port),
                "readmodel_url": via(url, proxy.port),
            }
        )

        def cut() -> None:
            proxy.cut()
            time.sleep(CUT_SECONDS)
            proxy.restore()

        yield behind, direct, cut


def _locked(files: list[Path], seconds: float) -> None:
    """SQLite has no connection to cut: another process holds both files' write lock."""
    connections = [sqlite3.connect(f, timeout=30, isolation_level=None) for f in files]
    try:
        for connection in connections:
            connection.execute("BEGIN EXCLUSIVE")
        time.sleep(seconds)
    finally:
        for connection in connections:
            connection.execute("ROLLBACK")
            connection.close()


@pytest.mark.integration
@pytest.mark.parametrize("backend", BACKENDS)
def test_answered_writes_survive_kills_and_a_database_cut(backend: str, tmp_path: Path):
    with backend_settings(backend, tmp_path) as (settings, direct, cut):
        service = CaseApiProcess(service_env(settings, tmp_path), tmp_path)
        service.migrate(direct.readmodel_url)
        service.start()
        rng = random.Random(16)
        try:
            register_world(service.url)
            writers = Writers(service.url).start()
            for _ in range(KILLS):
                time.sleep(rng.uniform(0.5, 1.5))
                service.kill()
                service.start()
            time.sleep(1.0)
            cut()
            time.sleep(1.5)
            writers.stop()
            replay_all(service.url, writers.writes, writers.tally)
            last = max(a["position"] for w in writers.writes for a in w.answers)
            wait_until(lambda: wait_for_projection(service.url, last) or True, timeout=60)
        finally:
            service.stop()
        with opened_store(direct) as store:
            found = figures(backend, KILLS, "yes", writers.writes, writers.tally, store)
    report(Figures.HEADER, found.row())
    assert found.acknowledged > 20
    assert found.clean, (found.row(), writers.tally.unexpected)

"""A real PostgreSQL restart under load, twice (a clean one and a crash recovered from the
WAL), on a private cluster: writes answered before, during and after are all stored once and
answered as stored; meanwhile requests are 503 storage-unavailable with Retry-After, never
500; case-api and its projector carry on by themselves once the server is back."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from case_api.platform.settings import Settings
from case_api.platform.store_walk import opened_store
from tests.faults import private_postgres
from tests.faults.ledger import Figures, figures
from tests.faults.load import Writers, replay_all
from tests.faults.service import CaseApiProcess, register_world, service_env, wait_for_projection
from tests.faults.summary import report
from tests.notifier.processes import wait_until


@pytest.mark.integration
def test_a_postgresql_restart_and_crash_under_load_lose_nothing(tmp_path: Path):
    reason = private_postgres.unavailable()
    if reason:
        print(f"SKIPPED: {reason}")
        pytest.skip(reason)
    with private_postgres.running() as cluster:
        settings = Settings(event_store_url=cluster.url, readmodel_url=cluster.url)
        service = CaseApiProcess(service_env(settings, tmp_path), tmp_path)
        service.migrate(settings.readmodel_url)
        service.start()
        try:
            register_world(service.url)
            writers = Writers(service.url).start()
            for mode in ("fast", "immediate"):
                time.sleep(2.0)
                cluster.restart(mode)
            time.sleep(2.0)
            writers.stop()
            replay_all(service.url, writers.writes, writers.tally)
            last = max(a["position"] for w in writers.writes for a in w.answers)
            wait_until(lambda: wait_for_projection(service.url, last) or True, timeout=60)
        finally:
            service.stop()
        with opened_store(settings) as store:
            found = figures("pg restart x2", 0, "yes", writers.writes, writers.tally, store)
    report(Figures.HEADER, found.row())
    assert found.acknowledged > 20
    assert found.clean, (found.row(), writers.tally.unexpected)

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from case_api.platform.migrate import upgrade
from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.backends import BACKENDS, storage

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if __import__("os").environ.get("CI") else "dev")


@pytest.fixture(params=BACKENDS)
def case_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with storage(request.param, tmp_path) as fields:
        s = Settings(
            **fields,
            projection_poll_seconds=0.01,
            clock_file=tmp_path / "now.txt",
            document_store_url=f"file:{tmp_path}/documents",
            # Other features' tests must never meet a rate limit; test_abuse_limits sets its own.
            rate_limit_reads="1000000/minute",
            rate_limit_writes="1000000/minute",
            rate_limit_unverified="1000000/minute",
        )
        (tmp_path / "now.txt").write_text("2026-12-01T09:00:00+08:00")
        upgrade(s.readmodel_url)
        yield s


@pytest.fixture
async def api(case_settings: Settings) -> AsyncIterator[Api]:
    async with open_api(case_settings) as client:
        yield client

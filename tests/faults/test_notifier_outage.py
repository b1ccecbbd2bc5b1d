"""The notifier through an outage of its database (PostgreSQL behind a cut TCP proxy): the
operator API answers 503 storage-unavailable with Retry-After, the follower backs off without
spilling tracebacks, and both carry on by themselves once the database is back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime

import httpx
import pytest

from notifier.feed.follower import FAILURE_PAUSE, LONGEST_PAUSE, FollowerThread
from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.platform.migrate import upgrade
from notifier.runtime import Runtime, build_runtime
from shared.clock import FixedClock
from tests.backends import POSTGRES_URL, postgres_schema
from tests.faults.outage import target_of, via
from tests.faults.tcp_proxy import TcpProxy, proxied
from tests.notifier.cases import CASE, case_feed_events
from tests.notifier.fakes import FakeCaseApi
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not POSTGRES_URL, reason="CASE_TEST_POSTGRES_URL is not set: no PostgreSQL to cut"
    ),
]
NOW = datetime.fromisoformat("2025-09-19T10:00:00+08:00")


@pytest.fixture
def notifier() -> Iterator[tuple[Runtime, TcpProxy]]:
    assert POSTGRES_URL
    with postgres_schema() as (url, _schema), proxied(*target_of(POSTGRES_URL)) as proxy:
        upgrade(url)
        settings = Settings(database_url=via(url, proxy.port), operator_token=OPERATOR_TOKEN)
        runtime = build_runtime(settings, clock=FixedClock(NOW))
        runtime.follower.client = FakeCaseApi(case_feed_events())  # type: ignore[assignment]
        try:
            yield runtime, proxy
        finally:
            runtime.close()


async def test_operator_api_answers_503_with_retry_after_and_then_serves_again(notifier):  # type: ignore[no-untyped-def]
    runtime, proxy = notifier
    runtime.follower.step(wait=0)
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ops", headers=OPERATOR
    ) as ops:
        proxy.cut()
        for path in ("/v1/deliveries", "/v1/follower", "/v1/bulletins"):
            refused = await ops.get(path)
            assert refused.status_code == 503, (path, refused.text)
            assert refused.headers["content-type"] == "application/problem+json"
            assert refused.json()["code"] == "storage-unavailable"
            assert refused.headers["Retry-After"] == "5"
        proxy.restore()
        rows = (await ops.get("/v1/deliveries", params={"case_id": CASE})).json()
        assert rows and all(r["case_id"] == CASE for r in rows)


def test_follower_backs_off_while_its_database_is_down_and_resumes(notifier, caplog):  # type: ignore[no-untyped-def]
    runtime, proxy = notifier
    thread = FollowerThread(runtime.follower)
    proxy.cut()
    with caplog.at_level(logging.WARNING):
        pauses = [thread.step() for _ in range(7)]
    assert pauses == [min(FAILURE_PAUSE * 2**n, LONGEST_PAUSE) for n in range(7)]
    assert "database unavailable" in caplog.text and "Traceback" not in caplog.text
    proxy.restore()
    assert thread.step() == 0.0
    assert runtime.follower.position()[0] == max(e["position"] for e in case_feed_events())
    assert thread.backoff.failures == 0

"""The operator API in-process (ASGI): deliveries, retry, follower lag, bulletins, health."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime

import httpx
import pytest

from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import build_runtime
from shared.clock import FixedClock
from tests.notifier.cases import CASE, case_feed_events
from tests.notifier.fakes import FakeCaseApi
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN

NOW = datetime.fromisoformat("2025-09-19T10:00:00+08:00")


@pytest.fixture
async def ops(notifier_url: str) -> AsyncIterator[tuple[httpx.AsyncClient, object]]:
    settings = Settings(database_url=notifier_url, operator_token=OPERATOR_TOKEN)
    runtime = build_runtime(settings, clock=FixedClock(NOW))
    runtime.follower.client = FakeCaseApi(case_feed_events())  # type: ignore[assignment]
    runtime.follower.step(wait=0)
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    async with httpx.AsyncClient(
        transport=transport, base_url="http://ops", headers=OPERATOR
    ) as client:
        yield client, runtime
    runtime.close()


async def test_lists_deliveries_per_case_and_state(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    rows = (await client.get("/v1/deliveries", params={"case_id": CASE})).json()
    assert rows and all(r["case_id"] == CASE for r in rows)
    assert (await client.get("/v1/deliveries", params={"state": "dead"})).json() == []
    by_agency = (await client.get("/v1/deliveries", params={"agency": "gz-hrss"})).json()
    assert len(by_agency) == len(rows)


async def test_invalid_text_in_a_filter_is_refused_with_invalid_text(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    response = await client.get("/v1/deliveries?case_id=%ED%A0%80")
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-text" and response.json()["location"] == "query"


async def test_retry_of_a_scheduled_delivery_is_a_conflict_problem(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    first = (await client.get("/v1/deliveries")).json()[0]
    response = await client.post(f"/v1/deliveries/{first['id']}/retry")
    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["code"] == "delivery-not-retryable"


async def test_retry_of_a_dead_delivery_schedules_it(ops) -> None:  # type: ignore[no-untyped-def]
    client, runtime = ops
    from sqlalchemy import update

    from notifier.platform.tables import deliveries

    with runtime.engine.begin() as conn:
        conn.execute(update(deliveries).where(deliveries.c.id == 1).values(state="dead"))
    response = await client.post("/v1/deliveries/1/retry")
    assert response.status_code == 200 and response.json()["state"] == "scheduled"


async def test_unknown_delivery_and_bad_filters_are_problems(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    missing = await client.get("/v1/deliveries/999999")
    assert (missing.status_code, missing.json()["code"]) == (404, "delivery-not-found")
    invalid = await client.get("/v1/deliveries", params={"state": "bogus"})
    assert (invalid.status_code, invalid.json()["code"]) == (422, "invalid-request")


async def test_follower_position_lag_and_health(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    assert (await client.get("/v1/follower")).json() == {
        "name": "notifier",
        "position": 4,
        "head": 4,
        "lag_events": 0,
    }
    assert (await client.get("/healthz")).status_code == 200
    assert (await client.get("/readyz")).json() == {"status": "ready"}
    metrics = (await client.get("/metrics")).text
    assert 'notifier_deliveries{state="scheduled"}' in metrics
    assert "notifier_follower_position 4.0" in metrics


async def test_missing_bulletin_is_a_problem(ops) -> None:  # type: ignore[no-untyped-def]
    client, _ = ops
    assert (await client.get("/v1/bulletins")).json() == []
    response = await client.get("/v1/bulletins/gz/2025-09.xlsx")
    assert (response.status_code, response.json()["code"]) == (404, "bulletin-not-found")


@pytest.mark.parametrize("token", [None, "wrong-token", OPERATOR_TOKEN + "x"])
async def test_deliveries_and_follower_need_the_operator_token(ops, token) -> None:  # type: ignore[no-untyped-def]
    client, runtime = ops
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    client.headers.pop("Authorization")
    for method, path in (
        ("GET", "/v1/deliveries"),
        ("GET", "/v1/deliveries/1"),
        ("POST", "/v1/deliveries/1/retry"),
        ("GET", "/v1/follower"),
    ):
        response = await client.request(method, path, headers=headers)
        assert response.status_code == 401, (method, path)
        assert response.json()["code"] == "operator-token-required"
    assert (await client.get("/healthz")).status_code == 200


async def test_an_unset_operator_token_opens_nothing(notifier_url: str) -> None:
    runtime = build_runtime(Settings(database_url=notifier_url), clock=FixedClock(NOW))
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://ops") as client:
            for token in ("", "x"):
                response = await client.get(
                    "/v1/deliveries", headers={"Authorization": f"Bearer {token}"}
                )
                assert response.status_code == 401
    finally:
        runtime.close()

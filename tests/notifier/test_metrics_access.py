"""The notifier's /metrics: open unless NOTIFIER_METRICS_TOKEN is set, then only with that
bearer token (not the operator's)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime

import httpx
import pytest
from pydantic import SecretStr

from notifier.main import create_app
from notifier.platform.config import Settings
from notifier.runtime import build_runtime
from shared.clock import FixedClock
from tests.notifier.processes import OPERATOR, OPERATOR_TOKEN

NOW = datetime.fromisoformat("2025-09-19T10:00:00+08:00")
TOKEN = "4be0c1a9d37f4e2b8c6d5a0f1e2d3c4b"


@asynccontextmanager
async def operator_api(url: str, metrics_token: str | None) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(
        database_url=url,
        operator_token=OPERATOR_TOKEN,
        metrics_token=SecretStr(metrics_token) if metrics_token is not None else None,
    )
    runtime = build_runtime(settings, clock=FixedClock(NOW))
    transport = httpx.ASGITransport(app=create_app(runtime=runtime))
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://ops") as client:
            yield client
    finally:
        runtime.close()


@pytest.mark.parametrize("setting", [None, ""], ids=["unset", "empty"])
async def test_without_a_token_setting_metrics_are_open(notifier_url: str, setting: str | None):
    async with operator_api(notifier_url, setting) as client:
        r = await client.get("/metrics")
    assert r.status_code == 200
    assert "notifier_follower_position 0.0" in r.text


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        f"Bearer {TOKEN[:-1]}",
        f"Bearer {TOKEN}x",
        f"Basic {TOKEN}",
        TOKEN,
        "Bearer ",
        OPERATOR["Authorization"],  # the operator's key opens deliveries, not the counters
    ],
    ids=["none", "shorter", "longer", "basic", "no-scheme", "empty", "operator"],
)
async def test_with_a_token_setting_metrics_refuse_any_other_credential(
    notifier_url: str, authorization: str | None
):
    headers = {"Authorization": authorization} if authorization is not None else {}
    async with operator_api(notifier_url, TOKEN) as client:
        r = await client.get("/metrics", headers=headers)
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert (body["code"], body["status"]) == ("metrics-token-required", 401)
    assert body["type"].endswith("/metrics-token-required")
    assert "NOTIFIER_METRICS_TOKEN" in body["detail"]
    assert "notifier_follower_position" not in r.text


async def test_with_a_token_setting_metrics_answer_that_bearer_token(notifier_url: str):
    async with operator_api(notifier_url, TOKEN) as client:
        r = await client.get("/metrics", headers={"Authorization": f"bearer {TOKEN}"})
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert r.status_code == 200
    assert "notifier_follower_position 0.0" in r.text
    assert health.status_code == ready.status_code == 200  # probes stay open

"""/metrics: open unless CASE_API_METRICS_TOKEN is set, then only with that bearer token."""

from __future__ import annotations

import pytest
from pydantic import SecretStr

from case_api.platform.settings import Settings
from tests.api_client import open_api

TOKEN = "9f2c1d0b7e6a4c3f8e5d2a1b0c9d8e7f"


async def test_without_a_token_setting_metrics_are_open(case_settings: Settings):
    async with open_api(case_settings) as api:
        r = await api.client.get("/metrics")
    assert r.status_code == 200
    assert "case_api_requests_total" in r.text


@pytest.mark.parametrize(
    "authorization",
    [None, f"Bearer {TOKEN[:-1]}", f"Bearer {TOKEN}x", f"Basic {TOKEN}", TOKEN, "Bearer "],
    ids=["none", "shorter", "longer", "basic", "no-scheme", "empty"],
)
async def test_with_a_token_setting_metrics_refuse_any_other_credential(
    case_settings: Settings, authorization: str | None
):
    settings = case_settings.model_copy(update={"metrics_token": SecretStr(TOKEN)})
    headers = {"Authorization": authorization} if authorization is not None else {}
    async with open_api(settings) as api:
        refused = await api.client.get("/metrics", headers=headers)
        admin = await api.client.get("/metrics", headers=api.admin)  # a user token is no key
    for r in (refused, admin):
        assert r.status_code == 401
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "metrics-token-required"
        assert "case_api_requests_total" not in r.text


async def test_with_a_token_setting_metrics_answer_that_bearer_token(case_settings: Settings):
    settings = case_settings.model_copy(update={"metrics_token": SecretStr(TOKEN)})
    async with open_api(settings) as api:
        r = await api.client.get("/metrics", headers={"Authorization": f"bearer {TOKEN}"})
        health = await api.client.get("/healthz")
    assert r.status_code == 200
    assert "case_api_requests_total" in r.text
    assert health.status_code == 200  # probes stay open


def test_the_openapi_document_keeps_metrics_outside_the_bearer_scheme():
    """Unset, the route is public; set, the 401 is documented on it (not as a JWT scheme)."""
    from case_api.main import create_app

    operation = create_app(Settings()).openapi()["paths"]["/metrics"]["get"]
    assert "security" not in operation
    assert "metrics-token-required" in operation["responses"]["401"]["description"]

"""OpenID Connect sign-in (authorization code + PKCE) against a fake provider in-process."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from pydantic import SecretStr

from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.case_api.oidc_provider import ISSUER, FakeProvider


@pytest.fixture
async def oidc(case_settings: Settings) -> AsyncIterator[tuple[Api, FakeProvider]]:
    settings = case_settings.model_copy(
        update={
            "oidc_metadata_url": f"{ISSUER}/.well-known/openid-configuration",
            "oidc_client_id": "yingsu",
            "oidc_client_secret": SecretStr("provider-secret"),
            "oidc_role_map": {"法制科": "agency_user"},
            "oidc_scope_claims": {"agency": "org_code", "jurisdiction": "region_code"},
        }
    )
    provider = FakeProvider("yingsu", "provider-secret")
    async with open_api(settings) as api:
        api.runtime.oidc.http = httpx.Client(transport=provider.transport)
        api.client.base_url = "https://case-api"
        await api.register_guangzhou()
        yield api, provider


async def _sign_in(api: Api, provider: FakeProvider, claims: dict) -> httpx.Response:
    start = await api.client.get("/v1/session/oidc/login")
    assert start.status_code == 302, start.text
    code = provider.authorize(start.headers["location"], claims)
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    return await api.client.get("/v1/session/oidc/callback", params={"code": code, "state": state})


async def test_a_person_the_provider_names_as_a_clerk_gets_a_session_scoped_to_their_agency(oidc):
    api, provider = oidc
    back = await _sign_in(
        api, provider, {"sub": "u-17", "yingsu_role": "法制科", "org_code": "gz-hrss"}
    )
    assert back.status_code == 303, back.text
    assert back.headers["location"] == "/console/"
    who = await api.client.get("/v1/session")
    assert who.status_code == 200, who.text
    assert who.json() | {"csrf_token": None, "expires_at": None} == {
        "username": "oidc:u-17",
        "role": "agency_user",
        "agency": "gz-hrss",
        "jurisdiction": None,
        "court": None,
        "csrf_token": None,
        "expires_at": None,
    }


async def test_a_role_the_mapping_does_not_know_is_refused(oidc):
    api, provider = oidc
    back = await _sign_in(api, provider, {"sub": "u-18", "yingsu_role": "保安"})
    assert back.status_code == 401
    assert (await api.client.get("/v1/session")).status_code == 401


async def test_a_callback_whose_state_differs_from_the_one_sent_is_refused(oidc):
    api, provider = oidc
    start = await api.client.get("/v1/session/oidc/login")
    code = provider.authorize(start.headers["location"], {"sub": "u", "yingsu_role": "admin"})
    forged = await api.client.get(
        "/v1/session/oidc/callback", params={"code": code, "state": "attacker-state"}
    )
    assert forged.status_code == 401


async def test_a_callback_without_the_started_sign_in_is_refused(oidc):
    api, provider = oidc
    start = await api.client.get("/v1/session/oidc/login")
    code = provider.authorize(start.headers["location"], {"sub": "u", "yingsu_role": "admin"})
    state = parse_qs(urlsplit(start.headers["location"]).query)["state"][0]
    api.client.cookies.clear()  # another browser than the one that started
    r = await api.client.get("/v1/session/oidc/callback", params={"code": code, "state": state})
    assert r.status_code == 401


async def test_without_a_provider_configured_the_login_route_says_so(api: Api):
    r = await api.client.get("/v1/session/oidc/login")
    assert r.status_code == 404 and r.json()["code"] == "oidc-not-configured"

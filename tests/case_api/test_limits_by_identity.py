"""Rate limits count identities, not addresses: a court's signed deliveries by court once the
signature holds, token requests by client id once the credentials hold, failed proofs in a
separate budget of their sender, and anonymous traffic by the real client address the trusted
proxy names. Served the way ``case-api serve`` runs uvicorn, behind the compose nginx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from asgi_lifespan import LifespanManager

from case_api.cli import server_options
from case_api.courts.keys import CourtKeys
from case_api.main import create_app
from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.case_api.machine_clients import register
from tests.case_api.test_court_deliveries import COURT, FILING, NOW, SECRET, URL, signed

PROXY = "10.9.0.2"
COURT_HOST, ATTACKER, NEIGHBOUR = "198.51.100.1", "203.0.113.7", "192.0.2.44"
PREVIEW = {"trigger_date": "2025-09-01", "offset": 15, "unit": "days"}


def behind_proxy(settings: Settings, **budgets: str) -> Settings:
    return settings.model_copy(update={"forwarded_allow_ips": PROXY, **budgets})


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[tuple[Api, callable]]:  # type: ignore[valid-type]
    """The app as uvicorn loads it for ``case-api serve``; ``via(address)`` is a client whose
    requests reach it through the proxy, which appends ``address`` to X-Forwarded-For."""
    config = uvicorn.Config(create_app(settings), **server_options(settings))
    config.load()
    app = config.loaded_app
    async with LifespanManager(app, startup_timeout=60, shutdown_timeout=60):
        transport = httpx.ASGITransport(app=app, client=(PROXY, 40000))  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url="http://case-api") as client:
            inner = app
            while not hasattr(inner, "state"):
                inner = inner.app
            api = Api(client, settings, inner)

            def via(address: str, claimed: str | None = None) -> dict[str, str]:
                chain = f"{claimed}, {address}" if claimed else address  # nginx appends
                return {"X-Forwarded-For": chain}

            yield api, via


async def test_junk_deliveries_cannot_lock_out_a_court_behind_the_proxy(case_settings):
    async with open_api(case_settings) as setup:  # unlimited: the world, before the test
        await setup.register_guangzhou()
        CourtKeys(setup.runtime.engine).add(COURT, SECRET, NOW)
    settings = behind_proxy(
        case_settings, rate_limit_writes="3/minute", rate_limit_unverified="3/minute"
    )
    async with served(settings) as (api, via):
        raw, headers = signed(FILING, "gz-2025-0001")
        junk = {**headers, "webhook-signature": "v1,AAAA"}
        statuses = []
        for _ in range(6):
            r = await api.client.post(URL, content=raw, headers={**junk, **via(ATTACKER)})
            statuses.append(r.status_code)
        assert statuses == [401, 401, 401, 429, 429, 429]
        # The attacker claiming the court's address: nginx appends the real one, uvicorn
        # believes only what the proxy added.
        forged = {**junk, **via(ATTACKER, claimed=COURT_HOST)}
        assert (await api.client.post(URL, content=raw, headers=forged)).status_code == 429
        delivered = await api.client.post(URL, content=raw, headers={**headers, **via(COURT_HOST)})
        assert delivered.status_code == 201, delivered.text
        assert delivered.headers["RateLimit-Limit"] == "3"
        assert delivered.headers["RateLimit-Remaining"] == "2"
        # A court's budget is its own, wherever it sends from.
        for n, remaining in ((2, "1"), (3, "0")):
            raw_n, headers_n = signed(FILING, f"gz-2025-000{n}")
            r = await api.client.post(URL, content=raw_n, headers={**headers_n, **via(NEIGHBOUR)})
            assert r.headers["RateLimit-Remaining"] == remaining, (r.status_code, r.text)
        raw_4, headers_4 = signed(FILING, "gz-2025-0004")
        over = await api.client.post(URL, content=raw_4, headers={**headers_4, **via(COURT_HOST)})
        assert over.status_code == 429 and over.json()["code"] == "rate-limited"
        assert int(over.headers["Retry-After"]) >= 1


async def test_token_requests_count_per_client_and_failed_ones_per_sender(case_settings):
    async with open_api(case_settings) as setup:
        await setup.register_guangzhou()
        one = await register(setup, ["cases:read"], name="一号平台")
        two = await register(setup, ["cases:read"], name="二号平台")
    settings = behind_proxy(
        case_settings, rate_limit_writes="2/minute", rate_limit_unverified="2/minute"
    )
    async with served(settings) as (api, via):
        form = {"grant_type": "client_credentials"}

        async def ask(client: dict, secret: str, address: str) -> httpx.Response:
            return await api.client.post(
                "/v1/oauth/token",
                data=form,
                auth=(client["client_id"], secret),
                headers=via(address),
            )

        guesses = [(await ask(one, "wrong", ATTACKER)).status_code for _ in range(4)]
        assert guesses == [401, 401, 429, 429]
        assert (await ask(one, one["client_secret"], COURT_HOST)).status_code == 200
        assert (await ask(one, one["client_secret"], NEIGHBOUR)).status_code == 200
        assert (await ask(one, one["client_secret"], COURT_HOST)).status_code == 429
        assert (await ask(two, two["client_secret"], COURT_HOST)).status_code == 200


async def test_anonymous_callers_behind_the_proxy_have_their_own_budgets(case_settings):
    async with served(behind_proxy(case_settings, rate_limit_reads="2/minute")) as (api, via):
        for _ in range(2):
            r = await api.client.get("/v1/deadlines/preview", params=PREVIEW, headers=via(ATTACKER))
            assert r.status_code == 200
        refused = await api.client.get(
            "/v1/deadlines/preview", params=PREVIEW, headers=via(ATTACKER)
        )
        assert refused.status_code == 429
        other = await api.client.get(
            "/v1/deadlines/preview", params=PREVIEW, headers=via(NEIGHBOUR, claimed=ATTACKER)
        )
        assert other.status_code == 200


async def test_forwarded_headers_from_an_untrusted_peer_are_ignored(case_settings):
    settings = case_settings.model_copy(
        update={"rate_limit_reads": "1/minute", "forwarded_allow_ips": "10.9.9.9"}
    )
    async with served(settings) as (api, via):
        # The peer (10.9.0.2) is not a trusted proxy here: every request is the peer's.
        first = await api.client.get("/v1/deadlines/preview", params=PREVIEW, headers=via(ATTACKER))
        assert first.status_code == 200
        second = await api.client.get(
            "/v1/deadlines/preview", params=PREVIEW, headers=via(NEIGHBOUR)
        )
        assert second.status_code == 429


def test_serve_runs_uvicorn_trusting_only_the_configured_proxies():
    options = server_options(Settings(forwarded_allow_ips="172.30.16.10"))
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == "172.30.16.10"

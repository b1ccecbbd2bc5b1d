"""Steps shared by the machine-client tests: register a client, ask for a token, move time."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import httpx

from tests.api_client import Api

COURT = {"role": "court_system", "court": "gz-tianhe-court"}


async def register(
    api: Api, actions: list[str], scope: dict[str, str] | None = None, name: str = "送达平台"
) -> dict[str, Any]:
    body = {"name": name, "actions": actions, **(scope or COURT)}
    r = await api.client.post("/v1/clients", json=body, headers=api.admin)
    assert r.status_code == 201, r.text
    return r.json()


async def ask_token(
    api: Api, client_id: str, secret: str, scope: str | None = None, basic: bool = True
) -> httpx.Response:
    form = {"grant_type": "client_credentials"}
    if scope is not None:
        form["scope"] = scope
    if basic:
        return await api.client.post("/v1/oauth/token", data=form, auth=(client_id, secret))
    form |= {"client_id": client_id, "client_secret": secret}
    return await api.client.post("/v1/oauth/token", data=form)


async def bearer(api: Api, client: dict[str, Any], scope: str | None = None) -> dict[str, str]:
    r = await ask_token(api, client["client_id"], client["client_secret"], scope)
    assert r.status_code == 200, r.text
    return {"Authorization": f"Bearer {r.json()['access_token']}"}


def move_clock(api: Api, seconds: float) -> None:
    path = api.settings.clock_file
    assert path is not None
    now = datetime.fromisoformat(path.read_text().strip())
    path.write_text((now + timedelta(seconds=seconds)).isoformat())

"""Rolling over a client's secret and the token signing key without downtime."""

from __future__ import annotations

import jwt
from pydantic import SecretStr

from case_api.platform.settings import Settings
from tests.api_client import Api, open_api
from tests.case_api.machine_clients import ask_token, bearer, move_clock, register

K1, K2 = "first-signing-key-0123456789abcdef", "second-signing-key-0123456789abcdef"


async def test_the_previous_secret_works_until_the_grace_period_ends(api: Api):
    client = await register(api, ["cases:read"])
    old = client["client_secret"]
    r = await api.client.post(
        f"/v1/clients/{client['client_id']}/secret-rotations",
        json={"grace_seconds": 3600},
        headers=api.admin,
    )
    assert r.status_code == 201, r.text
    new = r.json()["client_secret"]
    assert new != old
    move_clock(api, 3599)
    assert (await ask_token(api, client["client_id"], old)).status_code == 200
    move_clock(api, 1)
    assert (await ask_token(api, client["client_id"], old)).json()["error"] == "invalid_client"
    assert (await ask_token(api, client["client_id"], new)).status_code == 200


async def test_a_second_rotation_does_not_extend_the_oldest_secret(api: Api):
    client = await register(api, ["cases:read"])
    path = f"/v1/clients/{client['client_id']}/secret-rotations"
    await api.client.post(path, json={"grace_seconds": 60}, headers=api.admin)
    await api.client.post(path, json={"grace_seconds": 3600}, headers=api.admin)
    move_clock(api, 60)
    assert (await ask_token(api, client["client_id"], client["client_secret"])).status_code == 401


async def test_a_revoked_client_cannot_be_rotated_or_revoked_again(api: Api):
    client = await register(api, ["cases:read"])
    base = f"/v1/clients/{client['client_id']}"
    await api.client.post(f"{base}/revocation", json={"reason": "停用"}, headers=api.admin)
    before = api.runtime.store.max_position()
    rotated = await api.client.post(f"{base}/secret-rotations", json={}, headers=api.admin)
    again = await api.client.post(f"{base}/revocation", json={"reason": "x"}, headers=api.admin)
    assert rotated.status_code == again.status_code == 409
    assert rotated.json()["code"] == "client-revoked"
    missing = await api.client.post(
        "/v1/clients/cl_none/revocation", json={"reason": "x"}, headers=api.admin
    )
    assert missing.status_code == 404
    assert api.runtime.store.max_position() == before


async def test_tokens_signed_with_the_previous_key_work_until_they_expire(
    case_settings: Settings,
):
    first = _with_keys(case_settings, {"k1": K1}, "k1")
    async with open_api(first) as api:
        client = await register(api, ["cases:read"])
        old_headers = await bearer(api, client)
    rolled = _with_keys(case_settings, {"k1": K1, "k2": K2}, "k2")
    async with open_api(rolled) as api:
        assert (await api.client.get("/v1/cases", headers=old_headers)).status_code == 200
        new_headers = await bearer(api, client)
        assert jwt.get_unverified_header(new_headers["Authorization"][7:])["kid"] == "k2"
        move_clock(api, 600)
        assert (await api.client.get("/v1/cases", headers=old_headers)).status_code == 401
    retired = _with_keys(case_settings, {"k2": K2}, "k2")
    async with open_api(retired) as api:
        move_clock(api, -600)
        assert (await api.client.get("/v1/cases", headers=old_headers)).status_code == 401
        assert (await api.client.get("/v1/cases", headers=new_headers)).status_code == 200
        # People's tokens made without a kid (before keys were named) still verify.
        assert (await api.client.get("/v1/cases", headers=api.admin)).status_code == 200


def _with_keys(settings: Settings, keys: dict[str, str], signing: str) -> Settings:
    return settings.model_copy(
        update={
            "token_keys": {kid: SecretStr(key) for kid, key in keys.items()},
            "token_signing_kid": signing,
        }
    )

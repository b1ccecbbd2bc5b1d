"""Machine clients: registration, the client credentials grant, and what their tokens allow."""

from __future__ import annotations

import base64
import json

from tests.api_client import GZ_CASE, Api
from tests.case_api.machine_clients import ask_token, bearer, move_clock, register

READ_WRITE = ["cases:read", "cases:write", "deliveries:write"]


async def test_a_registered_court_client_gets_a_token_and_files_a_case(api: Api):
    await api.register_guangzhou()
    client = await register(api, READ_WRITE)
    r = await ask_token(api, client["client_id"], client["client_secret"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 600
    assert body["scope"] == "cases:read cases:write deliveries:write"
    assert r.headers["cache-control"] == "no-store"
    headers = {"Authorization": f"Bearer {body['access_token']}"}
    filed = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert filed.status_code == 201, filed.text
    case_id = filed.json()["case_id"]
    read = await api.client.get(
        f"/v1/cases/{case_id}/events",
        params={"min_position": filed.json()["position"]},
        headers=headers,
    )
    assert read.status_code == 200
    assert read.json()["events"][0]["meta"]["principal_id"] == client["client_id"]


async def test_form_fields_authenticate_as_well_as_basic(api: Api):
    client = await register(api, ["cases:read"])
    r = await ask_token(api, client["client_id"], client["client_secret"], basic=False)
    assert r.status_code == 200, r.text


async def test_wrong_or_unknown_credentials_get_invalid_client_and_append_nothing(api: Api):
    client = await register(api, READ_WRITE)
    before = api.runtime.store.max_position()
    for client_id, secret in (
        (client["client_id"], "not-the-secret"),
        ("cl_unknown", client["client_secret"]),
    ):
        r = await ask_token(api, client_id, secret)
        assert r.status_code == 401
        assert r.json()["error"] == "invalid_client"
        assert r.headers["www-authenticate"].startswith("Basic")
    assert api.runtime.store.max_position() == before


async def test_a_revoked_client_loses_its_live_tokens_at_once(api: Api):
    await api.register_guangzhou()
    client = await register(api, READ_WRITE)
    headers = await bearer(api, client)
    r = await api.client.post(
        f"/v1/clients/{client['client_id']}/revocation",
        json={"reason": "平台下线"},
        headers=api.admin,
    )
    assert r.status_code == 201, r.text
    before = api.runtime.store.max_position()
    refused = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert refused.status_code == 401
    assert refused.json()["code"] == "unauthenticated"
    again = await ask_token(api, client["client_id"], client["client_secret"])
    assert again.json()["error"] == "invalid_client"
    assert api.runtime.store.max_position() == before


async def test_a_token_expires_after_ten_minutes_of_injected_time(api: Api):
    await api.register_guangzhou()
    headers = await bearer(api, await register(api, READ_WRITE))
    move_clock(api, 599)
    assert (await api.client.get("/v1/cases", headers=headers)).status_code == 200
    move_clock(api, 1)
    before = api.runtime.store.max_position()
    expired = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert expired.status_code == 401
    assert api.runtime.store.max_position() == before


async def test_tampered_tokens_and_unknown_kids_are_refused(api: Api):
    await api.register_guangzhou()
    token = (await bearer(api, await register(api, ["cases:read"])))["Authorization"][7:]
    head, claims, signature = token.split(".")
    widened = _b64({**_unb64(claims), "scope": "cases:read cases:write"})
    other_kid = _b64({**_unb64(head), "kid": "retired"})
    before = api.runtime.store.max_position()
    for forged in (f"{head}.{widened}.{signature}", f"{other_kid}.{claims}.{signature}"):
        r = await api.client.post(
            "/v1/cases", json=GZ_CASE, headers={"Authorization": f"Bearer {forged}"}
        )
        assert r.status_code == 401, forged
    assert api.runtime.store.max_position() == before


async def test_a_narrowed_token_may_read_but_not_write(api: Api):
    await api.register_guangzhou()
    headers = await bearer(api, await register(api, READ_WRITE), scope="cases:read")
    assert (await api.client.get("/v1/cases", headers=headers)).status_code == 200
    before = api.runtime.store.max_position()
    refused = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert refused.status_code == 403
    assert refused.json()["code"] == "forbidden"
    assert refused.json()["action"] == "cases:write"
    assert api.runtime.store.max_position() == before


async def test_a_scope_beyond_the_registered_actions_is_invalid_scope(api: Api):
    client = await register(api, ["cases:read"])
    r = await ask_token(api, client["client_id"], client["client_secret"], scope="cases:write")
    assert r.status_code == 400
    assert r.json()["error"] == "invalid_scope"


async def test_actions_narrow_the_role_rules_and_never_widen_them(api: Api):
    """A court client granted every action still may not report to the bureau (agency only)."""
    await api.register_guangzhou()
    filed = await api.file_case()
    client = await register(api, [*READ_WRITE, "feed:read", "registry:read"])
    headers = await bearer(api, client)
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/reports",
        json={"subject": "complaint_copy", "reported_date": "2025-09-23"},
        headers=headers,
    )
    assert r.status_code == 403
    feed = await api.client.get("/v1/events", headers=await bearer(api, client, "cases:read"))
    assert feed.status_code == 403
    assert feed.json()["action"] == "feed:read"


async def test_deliveries_are_their_own_action(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    await api.summary(filed["case_id"], filed["position"])
    headers = await bearer(api, await register(api, ["cases:read", "cases:write"]))
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/documents",
        json={"kind": "complaint_copy", "served_date": "2025-09-22"},
        headers=headers,
    )
    assert r.status_code == 403
    assert r.json()["action"] == "deliveries:write"


async def test_grant_errors_follow_rfc_6749(api: Api):
    client = await register(api, ["cases:read"])
    ident, secret = client["client_id"], client["client_secret"]
    wrong_grant = await api.client.post(
        "/v1/oauth/token", data={"grant_type": "password"}, auth=(ident, secret)
    )
    assert (wrong_grant.status_code, wrong_grant.json()["error"]) == (
        400,
        "unsupported_grant_type",
    )
    both = await api.client.post(
        "/v1/oauth/token",
        data={"grant_type": "client_credentials", "client_id": ident, "client_secret": secret},
        auth=(ident, secret),
    )
    assert (both.status_code, both.json()["error"]) == (400, "invalid_request")
    as_json = await api.client.post(
        "/v1/oauth/token", json={"grant_type": "client_credentials"}, auth=(ident, secret)
    )
    assert (as_json.status_code, as_json.json()["error"]) == (400, "invalid_request")
    none = await api.client.post("/v1/oauth/token", data={"grant_type": "client_credentials"})
    assert (none.status_code, none.json()["error"]) == (401, "invalid_client")


async def test_only_administrators_manage_clients_and_machine_roles_only(api: Api):
    body = {"name": "x", "role": "court_system", "court": "c", "actions": ["cases:read"]}
    assert (await api.client.post("/v1/clients", json=body, headers=api.court)).status_code == 403
    before = api.runtime.store.max_position()
    for bad in (
        {**body, "role": "admin"},
        {**body, "actions": ["cases:delete"]},
        {**body, "court": None},
        {**body, "agency": "gz-hrss"},
        {**body, "role": "agency_user", "court": None, "agency": "no-such-agency"},
    ):
        r = await api.client.post("/v1/clients", json=bad, headers=api.admin)
        assert r.status_code == 422, (bad, r.text)
    assert api.runtime.store.max_position() == before


def _unb64(part: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

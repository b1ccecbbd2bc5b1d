"""Every change to a client is recorded and audited; its secrets never leave the event store."""

from __future__ import annotations

import json

import pytest

from case_api import cli
from case_api.clients.tables import api_client_changes, api_clients
from case_api.platform.settings import Settings
from tests.api_client import Api
from tests.case_api.machine_clients import register
from tests.case_api.test_rebuild import dump


async def test_the_list_and_history_show_who_changed_what_but_no_secret(api: Api):
    client = await register(api, ["cases:read", "feed:read"])
    base = f"/v1/clients/{client['client_id']}"
    rotated = await api.client.post(
        f"{base}/secret-rotations", json={"grace_seconds": 60}, headers=api.admin
    )
    revoked = await api.client.post(
        f"{base}/revocation", json={"reason": "平台下线"}, headers=api.admin
    )
    at = {"min_position": revoked.json()["position"]}
    listed = (await api.client.get("/v1/clients", params=at, headers=api.admin)).json()
    history = (await api.client.get(f"{base}/changes", params=at, headers=api.admin)).json()
    assert [c["status"] for c in listed] == ["revoked"]
    assert listed[0]["actions"] == ["cases:read", "feed:read"]
    assert [s["secret_id"] for s in listed[0]["secrets"]] == [
        client["secret_id"],
        rotated.json()["secret_id"],
    ]
    assert listed[0]["secrets"][0]["expires_at"] is not None
    assert [h["type"] for h in history] == ["ClientRegistered", "SecretRotated", "ClientRevoked"]
    assert {h["principal_id"] for h in history} == {"admin-x"}
    assert history[2]["details"]["reason"] == "平台下线"
    everything = json.dumps([listed, history], ensure_ascii=False)
    assert "scrypt" not in everything
    assert client["client_secret"] not in everything


async def test_client_events_stay_off_the_feed(api: Api):
    await api.register_guangzhou()
    client = await register(api, ["cases:read"])
    feed = await api.client.get("/v1/events", params={"after": 0, "limit": 1000}, headers=api.admin)
    types = {e["type"] for e in feed.json()["events"]}
    assert "AgencyRegistered" in types
    assert not types & {"ClientRegistered", "SecretRotated", "ClientRevoked"}
    assert client["client_id"] not in feed.text


async def test_managing_clients_needs_an_administrator(api: Api):
    client = await register(api, ["cases:read"])
    for method, path in (
        ("GET", "/v1/clients"),
        ("GET", f"/v1/clients/{client['client_id']}/changes"),
        ("POST", f"/v1/clients/{client['client_id']}/secret-rotations"),
    ):
        r = await api.client.request(method, path, json={}, headers=api.bureau)
        assert r.status_code == 403, path


def test_the_cli_registers_lists_rotates_and_revokes(
    case_settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
):
    for name in ("event_store_url", "readmodel_url", "event_store_schema", "clock_file"):
        value = getattr(case_settings, name)
        if value is not None:
            monkeypatch.setenv(f"CASE_API_{name.upper()}", str(value))

    def run(*argv: str) -> object:
        assert cli.main(["client", *argv]) == 0
        return json.loads(capsys.readouterr().out)

    issued = run(
        "register",
        "--name",
        "法院",
        "--role",
        "court_system",
        "--court",
        "c",
        "--action",
        "cases:read",
    )
    client_id = issued["client_id"]
    assert issued["client_secret"]
    rotated = run("rotate-secret", client_id, "--grace", "0")
    assert rotated["client_secret"] != issued["client_secret"]
    run("revoke", client_id, "--reason", "测试")
    listed = run("list")
    assert [(c["client_id"], c["status"]) for c in listed] == [(client_id, "revoked")]
    assert "scrypt" not in json.dumps(listed)
    assert cli.main(["client", "revoke", client_id, "--reason", "again"]) == 1


async def test_a_rebuild_gives_the_same_client_records(api: Api):
    client = await register(api, ["cases:read"])
    base = f"/v1/clients/{client['client_id']}"
    await api.client.post(f"{base}/secret-rotations", json={}, headers=api.admin)
    last = await api.client.post(f"{base}/revocation", json={"reason": "r"}, headers=api.admin)
    api.runtime.watch.wait(last.json()["position"], 5)
    before = dump(api.runtime.engine, [api_clients, api_client_changes])
    api.runtime.projector.reset()
    api.runtime.projector.catch_up()
    assert dump(api.runtime.engine, [api_clients, api_client_changes]) == before
    assert len(before["api_client_changes"]) == 3

"""Resends after a crash: the answer is the first write's own (version, ETag, position,
chain_head), whichever way the resend is recognised, and a key still held by a request is 409
with Retry-After until it may be taken over."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from case_api.platform.tables import idempotency_keys
from tests.api_client import GZ_CASE, Api

SERVE = {"kind": "complaint_copy", "served_date": "2025-09-22"}
COURT = "court_system-gz-tianhe-court"


async def _busy_feed(api: Api, case_id: str) -> None:
    """Later writes on the same case and on another one: the case's version, its chain head
    and the feed's head all move past the write that is resent."""
    await api.command(case_id, "hearings", {"hearing_date": "2025-10-20"}, api.court)
    await api.file_case(case_number="（2025）粤0106行初999号")


def _set_running(api: Api, key: str, started: datetime) -> None:
    """The crash-free reproduction: the finished key's record set back to running."""
    with api.runtime.engine.begin() as conn:
        conn.execute(
            update(idempotency_keys)
            .where(idempotency_keys.c.key == key)
            .values(state="running", created_at=started)
        )


async def test_a_resend_taken_over_from_a_running_record_answers_its_own_event(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    headers = {**api.court, "Idempotency-Key": "serve-1"}
    path = f"/v1/cases/{filed['case_id']}/documents"
    first = await api.client.post(path, json=SERVE, headers=headers)
    assert first.status_code == 201, first.text
    await _busy_feed(api, filed["case_id"])
    stale = api.settings.idempotency_stale_seconds + 1
    _set_running(api, "serve-1", datetime.now(UTC) - timedelta(seconds=stale))
    again = await api.client.post(path, json=SERVE, headers=headers)
    assert again.status_code == 201
    assert again.json() == {**first.json(), "replayed": True}
    assert again.headers["ETag"] == first.headers["ETag"] == '"2"'
    assert again.headers["Idempotent-Replayed"] == "true"
    stored = await api.client.post(path, json=SERVE, headers=headers)  # now from the record
    assert stored.json() == again.json()


async def test_a_resent_filing_answers_the_filing_not_the_case_today(api: Api):
    await api.register_guangzhou()
    headers = {**api.court, "Idempotency-Key": "file-1"}
    first = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    await _busy_feed(api, first.json()["case_id"])
    api.runtime.idempotency.abandon(COURT, "file-1")  # the record lost
    again = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert again.status_code == 201
    assert again.json() == {**first.json(), "replayed": True}
    assert again.json()["status"] == "filed" and again.json()["version"] == 1


async def test_a_resend_while_the_key_is_held_is_409_with_retry_after(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    headers = {**api.court, "Idempotency-Key": "serve-2"}
    path = f"/v1/cases/{filed['case_id']}/documents"
    await api.client.post(path, json=SERVE, headers=headers)
    _set_running(api, "serve-2", datetime.now(UTC))
    held = await api.client.post(path, json=SERVE, headers=headers)
    assert held.status_code == 409
    assert held.json()["code"] == "idempotency-request-in-flight"
    stale = api.settings.idempotency_stale_seconds
    assert 1 <= int(held.headers["Retry-After"]) <= stale
    assert held.json()["retry_after"] == int(held.headers["Retry-After"])

"""Idempotency-Key, If-Match / ETag, and read-your-writes."""

from __future__ import annotations

import pytest

from tests.api_client import GZ_CASE, Api

SERVE = {"kind": "complaint_copy", "served_date": "2025-09-22"}


async def test_same_key_and_body_returns_the_first_response_and_appends_once(api: Api):
    await api.register_guangzhou()
    headers = {**api.court, "Idempotency-Key": "delivery-001"}
    first = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    again = await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == {**first.json(), "replayed": True}
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.headers["ETag"] == first.headers["ETag"]
    assert api.runtime.store.max_position() == first.json()["position"]


async def test_same_key_with_another_body_is_rejected(api: Api):
    await api.register_guangzhou()
    headers = {**api.court, "Idempotency-Key": "delivery-002"}
    await api.client.post("/v1/cases", json=GZ_CASE, headers=headers)
    before = api.runtime.store.max_position()
    other = await api.client.post(
        "/v1/cases", json={**GZ_CASE, "case_number": "X"}, headers=headers
    )
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency-key-reused"
    assert api.runtime.store.max_position() == before


async def test_keys_are_scoped_per_client(api: Api):
    await api.register_guangzhou()
    one = await api.client.post(
        "/v1/cases", json=GZ_CASE, headers={**api.court, "Idempotency-Key": "k"}
    )
    other_case = {**GZ_CASE, "case_number": "（2025）粤0106行初124号"}
    two = await api.client.post(
        "/v1/cases", json=other_case, headers={**api.admin, "Idempotency-Key": "k"}
    )
    assert one.status_code == two.status_code == 201
    assert one.json()["case_id"] != two.json()["case_id"]


async def test_resend_after_a_crash_lost_the_key_record_appends_nothing(api: Api):
    """The case remembers request ids in its events: losing the key table must not duplicate."""
    await api.register_guangzhou()
    filed = await api.file_case()
    headers = {**api.court, "Idempotency-Key": "serve-1"}
    path = f"/v1/cases/{filed['case_id']}/documents"
    first = await api.client.post(path, json=SERVE, headers=headers)
    api.runtime.idempotency.abandon("court_system-gz-tianhe-court", "serve-1")
    again = await api.client.post(path, json=SERVE, headers=headers)
    assert again.status_code == 201
    assert again.json() == {**first.json(), "replayed": True}
    assert again.json()["version"] == 2
    changed = await api.client.post(
        path, json={**SERVE, "served_date": "2025-09-23"}, headers=headers
    )
    assert changed.status_code == 422


async def test_if_match_with_a_stale_version_fails_and_changes_nothing(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    path = f"/v1/cases/{filed['case_id']}/documents"
    ok = await api.client.post(path, json=SERVE, headers={**api.court, "If-Match": '"1"'})
    assert ok.status_code == 201 and ok.headers["ETag"] == '"2"'
    stale = await api.client.post(path, json=SERVE, headers={**api.court, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert stale.json()["code"] == "version-mismatch"
    assert api.runtime.store.max_position() == ok.json()["position"]


@pytest.mark.parametrize("value", ["abc", '"3', "+3", '"-1"', "1" * 19])
async def test_malformed_if_match_is_refused_as_the_schema_says(api: Api, value: str):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/documents",
        json=SERVE,
        headers={**api.court, "If-Match": value},
    )
    assert r.status_code == 422 and r.json()["code"] == "invalid-request", r.text
    assert r.json()["errors"][0]["location"] == ["header", "if-match"]


@pytest.mark.parametrize("value", ['"1"', 'W/"1"', "1", "*"])
async def test_if_match_takes_the_etag_as_written_weak_bare_or_any(api: Api, value: str):
    await api.register_guangzhou()
    filed = await api.file_case()
    r = await api.client.post(
        f"/v1/cases/{filed['case_id']}/documents",
        json=SERVE,
        headers={**api.court, "If-Match": value},
    )
    assert r.status_code == 201, r.text


async def test_get_answers_304_for_the_current_etag(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    first = await api.client.get(
        f"/v1/cases/{filed['case_id']}",
        params={"min_position": filed["position"]},
        headers=api.admin,
    )
    assert first.headers["ETag"] == '"1"'
    cached = await api.client.get(
        f"/v1/cases/{filed['case_id']}", headers={**api.admin, "If-None-Match": '"1"'}
    )
    assert cached.status_code == 304


async def test_query_waits_for_min_position_of_own_write(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    written = await api.command(filed["case_id"], "documents", SERVE, api.court)
    summary = await api.summary(filed["case_id"], written["position"])
    assert summary["version"] == 2 and summary["last_position"] == written["position"]


async def test_bad_body_is_problem_json_and_appends_nothing(api: Api):
    await api.register_guangzhou()
    before = api.runtime.store.max_position()
    r = await api.client.post(
        "/v1/cases", json={**GZ_CASE, "filed_date": "not-a-date", "extra": 1}, headers=api.court
    )
    assert r.status_code == 422
    body = r.json()
    assert body["code"] == "invalid-request"
    assert {tuple(e["location"]) for e in body["errors"]} >= {
        ("body", "filed_date"),
        ("body", "extra"),
    }
    assert api.runtime.store.max_position() == before


async def test_a_case_number_names_one_case_whoever_files_it(api: Api):
    await api.register_guangzhou()
    filed = await api.file_case()
    before = api.runtime.store.max_position()
    # The agency files the court's case a second time, with half-width brackets and a space.
    again = {**GZ_CASE, "case_number": "(2025)粤0106行初123号 "}
    r = await api.client.post("/v1/cases", json=again, headers=api.agency)
    assert (r.status_code, r.json()["code"]) == (409, "case-number-taken")
    assert r.json()["case_id"] == filed["case_id"]
    assert api.runtime.store.max_position() == before
    # Another court's case with the same number is another case.
    elsewhere = await api.client.post(
        "/v1/cases",
        json={**GZ_CASE, "court": "gz-yuexiu-court"},
        headers=api.token("court_system", court="gz-yuexiu-court"),
    )
    assert elsewhere.status_code == 201, elsewhere.text


async def test_a_taken_number_does_not_reveal_the_case_to_those_who_may_not_see_it(api: Api):
    await api.register_guangzhou()
    await api.file_case()
    foreign = {**GZ_CASE, "agencies": [{"agency_id": "th-gov", "role": "implementing"}]}
    r = await api.client.post(
        "/v1/cases", json=foreign, headers=api.token("agency_user", agency="th-gov")
    )
    assert (r.status_code, r.json()["code"]) == (409, "case-number-taken")
    assert "case_id" not in r.json()

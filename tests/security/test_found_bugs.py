"""Bugs the security tests found, reproduced on both backends: open ones as strict xfail
(fixing one turns its test into a failure until the mark goes), fixed ones as regressions."""

from __future__ import annotations

from tests.api_client import Api


async def test_a_405_lists_every_method_of_the_path(api: Api):
    r = await api.client.request("DELETE", "/v1/jurisdictions", headers=api.admin)
    assert r.status_code == 405
    assert {m.strip() for m in r.headers.get("allow", "").split(",")} >= {"GET", "POST"}


async def test_a_min_position_beyond_the_head_is_answered_at_once(api: Api, monkeypatch):
    waits: list[int] = []
    watch = api.runtime.watch
    wait = watch.wait
    monkeypatch.setattr(
        watch, "wait", lambda position, *a: waits.append(position) or wait(position, *a)
    )
    r = await api.client.get("/v1/cases", params={"min_position": 10**12}, headers=api.admin)
    assert (r.status_code, r.json()["code"]) == (422, "position-not-written"), r.text
    assert waits == [], "the request waited for a position never written"
    reachable = await api.client.get(
        "/v1/cases", params={"min_position": api.runtime.store.max_position()}, headers=api.admin
    )
    assert reachable.status_code == 200, reachable.text


async def test_a_date_query_parameter_refuses_a_number(api: Api):
    for path, name in (
        ("/v1/cases", "filed_to"),
        ("/v1/deadlines", "due_from"),
        ("/v1/deadlines/preview", "trigger_date"),
    ):
        r = await api.client.get(path, params={name: "0"}, headers=api.admin)
        assert (r.status_code, r.json()["code"]) == (422, "invalid-request"), (path, r.text)
    ok = await api.client.get("/v1/cases", params={"filed_to": "2025-01-31"}, headers=api.admin)
    assert ok.status_code == 200, ok.text


# Bugs schemathesis found and that are fixed: kept as regressions.


async def test_statistics_for_a_period_in_year_one_answer_without_a_server_error(api: Api):
    params = {"from": "0001-01-01", "to": "0001-01-01"}
    r = await api.client.get("/v1/statistics", params=params, headers=api.admin)
    assert r.status_code == 200, r.text


async def test_a_schedule_listing_a_day_twice_is_refused_and_records_nothing(api: Api):
    body = {
        "holidays": ["2027-01-01", "2027-01-01"],
        "makeup_workdays": [],
        "source": "国办发明电〔2026〕X号",
        "reason": "test",
    }
    refused = await api.client.put("/v1/calendar/2027", json=body, headers=api.admin)
    assert refused.status_code == 422 and refused.json()["code"] == "schedule-invalid"
    feed = await api.client.get("/v1/events", headers=api.admin)
    assert [e["type"] for e in feed.json()["events"]] == []
    body["holidays"] = ["2027-01-01"]
    loaded = await api.client.put("/v1/calendar/2027", json=body, headers=api.admin)
    assert loaded.status_code == 201, loaded.text
    r = await api.client.get(
        "/v1/calendar/2027", params={"min_position": loaded.json()["position"]}, headers=api.admin
    )
    assert r.status_code == 200 and r.json()["holidays"] == ["2027-01-01"], r.text

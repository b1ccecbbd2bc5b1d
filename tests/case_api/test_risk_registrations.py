"""容错风险报备 through HTTP [000 四(二)]: a unit registers a risky decision in advance, and a
Wenzhou fault tolerance on the ground ``pre_registered_risk`` must name a registration that
exists, was made by the party's unit and predates the fault."""

from __future__ import annotations

from typing import Any

import pytest

from tests.case_api.accountability_steps import Place, person

ACC = "accountability"
OTHER = ("wz-water", "温州市水利局")


def _registration(agency: str, reference: str, registered: str) -> dict[str, Any]:
    return {
        "agency": agency,
        "reference": reference,
        "decision": "对历史遗留违法用地分类处置",
        "decision_date": registered,
        "risk": "政策界限不明确，处置决定可能被诉",
        "measures": "集体讨论并征求法律顾问意见",
        "registered_date": registered,
    }


@pytest.fixture
async def wz(api) -> Place:  # type: ignore[no-untyped-def]
    place = Place(api, "wenzhou")
    await place.register(OTHER)
    return place


async def _register(wz: Place, body: dict[str, Any], headers: dict[str, str], status: int = 201):
    r = await wz.api.client.post("/v1/risk-registrations", json=body, headers=headers)
    assert r.status_code == status, r.text
    if status == 201:
        wz.position = max(wz.position, r.json()["position"])
    return r.json()


async def _list(wz: Place, headers: dict[str, str], **params: str) -> list[dict[str, Any]]:
    r = await wz.api.client.get(
        "/v1/risk-registrations",
        params={"min_position": wz.position, **params},
        headers=headers,
    )
    assert r.status_code == 200, r.text
    return list(r.json())


async def test_units_register_their_own_risks_and_overseers_read_them(wz: Place):
    api = wz.api
    own = await _register(wz, _registration(wz.agency_code, "报备1号", "2025-02-01"), wz.agency)
    water = api.token("agency_user", agency=OTHER[0])
    await _register(wz, _registration(OTHER[0], "报备1号", "2025-02-03"), water)
    # Only the unit itself registers; the same reference twice is one registration.
    other_unit = _registration(OTHER[0], "报备2号", "2025-02-03")
    assert (await _register(wz, other_unit, wz.agency, 403))["code"] == "forbidden"
    assert (await _register(wz, other_unit, wz.bureau, 403))["code"] == "forbidden"
    again = _registration(wz.agency_code, "报备1号", "2025-02-05")
    problem = await _register(wz, again, wz.agency, 409)
    assert problem["code"] == "risk-registration-exists"
    assert problem["registration_id"] == own["registration_id"]
    future = _registration(wz.agency_code, "报备3号", "2027-01-01")
    assert (await _register(wz, future, wz.agency, 422))["code"] == "fact-dated-in-future"

    mine = await _list(wz, wz.agency)
    assert [r["registration_id"] for r in mine] == [own["registration_id"]]
    assert mine[0]["measures"] == "集体讨论并征求法律顾问意见"
    assert len(await _list(wz, wz.bureau)) == 2
    assert len(await _list(wz, wz.discipline)) == 2
    assert [r["agency"] for r in await _list(wz, wz.bureau, agency=OTHER[0])] == [OTHER[0]]
    elsewhere = api.token("bureau_officer", jurisdiction="gz")
    assert await _list(wz, elsewhere) == []
    r = await api.client.get("/v1/risk-registrations", headers=wz.court)
    assert r.status_code == 403

    # Risk descriptions are not broadcast: the feed, open to every client, leaves them out.
    # (The lists above waited for the registrations to be projected.)
    r = await api.client.get("/v1/events", params={"after": 0}, headers=water)
    assert r.status_code == 200, r.text
    assert "RiskRegistered" not in {e["type"] for e in r.json()["events"]}

    path = f"/v1/risk-registrations/{own['registration_id']}"
    r = await api.client.get(path, headers=wz.bureau)
    assert r.status_code == 200 and r.json()["reference"] == "报备1号"
    r = await api.client.get(path, headers=water)
    assert r.status_code == 404 and r.json()["code"] == "risk-registration-not-found"


async def _decidable_case(wz: Place) -> str:
    case = await wz.lost_case("2026-01-09", "2026-01-26")
    investigation = {"completed_date": "2026-02-12", "act_date": "2025-03-01"}
    await wz.do(case, f"{ACC}/investigation", investigation, "agency")
    report = {"submitted_date": "2026-02-13", "summary": "分析"}
    await wz.do(case, "loss-reports", report, "agency")
    await wz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-24"}, "bureau")
    party = person("p1", "wz-001", wz.agency_code, "duty_not_performed", "2025-03-01")
    await wz.do(case, f"{ACC}/parties", {"party": party, "named_date": "2026-02-25"}, "agency")
    return case


async def test_pre_registered_fault_tolerance_needs_a_fitting_registration(wz: Place):
    water = wz.api.token("agency_user", agency=OTHER[0])
    before = await _register(wz, _registration(wz.agency_code, "R1", "2025-02-01"), wz.agency)
    after = await _register(wz, _registration(wz.agency_code, "R2", "2025-04-01"), wz.agency)
    same_day = await _register(wz, _registration(wz.agency_code, "R3", "2025-03-01"), wz.agency)
    other = await _register(wz, _registration(OTHER[0], "R1", "2025-01-10"), water)
    case = await _decidable_case(wz)
    tolerance = {
        "party_id": "p1",
        "decision": "fault_tolerance",
        "ground": "pre_registered_risk",
        "deciding_organ": "温州市纪委监委",
        "decided_date": "2026-03-01",
    }
    path = f"{ACC}/decisions"
    refused = [
        ({}, 422, "risk-registration-required"),
        (
            {"risk_registration_id": "6f1c2b1e-0000-4000-8000-000000000000"},
            422,
            "risk-registration-not-found",
        ),
        ({"risk_registration_id": other["registration_id"]}, 409, "risk-registration-other-unit"),
        ({"risk_registration_id": after["registration_id"]}, 409, "risk-registration-after-fault"),
        (
            {"risk_registration_id": same_day["registration_id"]},
            409,
            "risk-registration-after-fault",
        ),
        (
            {"ground": "hard_risky_tasks", "risk_registration_id": before["registration_id"]},
            422,
            "risk-registration-not-for-ground",
        ),
    ]
    for extra, status, code in refused:
        problem = await wz.do(case, path, {**tolerance, **extra}, "discipline", status=status)
        assert problem["code"] == code, extra
    accepted = {**tolerance, "risk_registration_id": before["registration_id"]}
    await wz.do(case, path, accepted, "discipline")
    decision = (await wz.view(case, "bureau"))["decisions"][0]
    assert decision["ground"] == "pre_registered_risk"
    assert decision["ground_source"] == "000 四(二)"
    assert decision["risk_registration_id"] == before["registration_id"]
    assert decision["evaluation_effect"] == "no_negative_effect"

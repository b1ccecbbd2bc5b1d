"""Who leads a case's response and the plan it draws up, through HTTP (Xiuyan [002 第七条、
第九条]): the plan names its lead, agents, strategy and evidence; the lead must hold the post
the pack names for the case's circumstances; the plan meets the 3-working-day deadline
counted from the briefing of the deputy county head."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api
from tests.case_api.accountability_steps import Place

EXECUTIVE = {"name": "王某某", "post": "executive_deputy_county_head"}
DEPUTY = {"name": "刘某", "post": "deputy_county_head"}


def plan(lead: dict[str, str], plan_date: str, *circumstances: str) -> dict[str, Any]:
    return {
        "lead": lead,
        "circumstances": list(circumstances),
        "agents": [
            {"name": "李某", "kind": "staff", "unit": "县住建局法规股"},
            {"name": "赵某", "kind": "lawyer", "unit": "辽宁某律师事务所"},
        ],
        "strategy": "以程序合法为主线答辩",
        "evidence_summary": "征收决定、送达回证、评估报告等12项",
        "plan_date": plan_date,
    }


async def sued(place: Place, number: str, served: str, briefed: str) -> str:
    body = {
        "court": place.court_code,
        "case_number": f"（2026）辽0323行初{number}号",
        "agencies": [{"agency_id": place.agency_code, "role": "implementing"}],
        "subject_matter": "房屋征收",
        "filed_date": "2026-10-30",
    }
    r = await place.api.client.post("/v1/cases", json=body, headers=place.court)
    assert r.status_code == 201, r.text
    case = str(r.json()["case_id"])
    document = {"kind": "complaint_copy", "served_date": served}
    await place.do(case, "documents", document, "court")
    briefing = {"briefed_date": briefed, "leader": "刘副县长"}
    await place.do(case, "leadership-briefings", briefing, "agency")
    return case


async def test_a_cross_department_plan_led_by_the_executive_deputy_meets_the_deadline(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    # Served Mon 11-02, briefed Tue 11-03: the plan is due 3 working days later, Fri 11-06.
    prompt = await sued(xy, "201", "2026-11-02", "2026-11-03")
    late = await sued(xy, "202", "2026-11-02", "2026-11-03")

    wrong = plan(DEPUTY, "2026-11-05", "major_case", "cross_department")
    refusal = await xy.do(prompt, "response-plans", wrong, "agency", status=409)
    assert refusal["code"] == "lead-does-not-fit-case"
    assert (refusal["basis"], refusal["required_posts"], refusal["source"]) == (
        "cross_department",
        "executive_deputy_county_head",
        "002 第九条",
    )
    ordinary = plan(EXECUTIVE, "2026-11-05")
    assert await xy.refused(prompt, "response-plans", ordinary, "agency") == (
        "lead-does-not-fit-case"
    )
    unknown = plan(EXECUTIVE, "2026-11-05", "politically_sensitive")
    assert await xy.refused(prompt, "response-plans", unknown, "agency") == (
        "circumstance-not-in-pack"
    )
    chief = plan({"name": "张某", "post": "county_head"}, "2026-11-05")
    assert await xy.refused(prompt, "response-plans", chief, "agency") == "post-not-in-pack"
    right = plan(EXECUTIVE, "2026-11-05", "major_case", "cross_department")
    await xy.do(prompt, "response-plans", right, "bureau", status=403)
    await xy.do(prompt, "response-plans", right, "agency")
    await xy.do(late, "response-plans", plan(DEPUTY, "2026-11-10", "major_case"), "agency")

    met = (await xy.deadlines(prompt))["response_plan"]
    assert [(d["due_date"], d["status"]) for d in met] == [("2026-11-06", "met")]
    missed = (await xy.deadlines(late))["response_plan"]
    assert [(d["due_date"], d["status"]) for d in missed] == [("2026-11-06", "met_late")]
    recorded = [e["data"] for e in await xy.timeline(prompt) if e["type"] == "ResponsePlanRecorded"]
    assert len(recorded) == 1
    assert recorded[0]["lead"] == EXECUTIVE
    assert (recorded[0]["basis"], recorded[0]["basis_source"]) == ("cross_department", "002 第九条")
    assert [a["kind"] for a in recorded[0]["agents"]] == ["staff", "lawyer"]
    summary = await api.summary(prompt, xy.position)
    assert summary["response_lead"] == {
        **EXECUTIVE,
        "basis": "cross_department",
        "basis_source": "002 第九条",
        "plan_date": "2026-11-05",
    }
    assert (await api.summary(late, xy.position))["response_lead"]["basis"] == "major_case"


async def test_the_county_government_as_party_and_ordinary_cases_are_led_by_the_deputy(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await sued(xy, "203", "2026-11-02", "2026-11-03")
    county = plan(EXECUTIVE, "2026-11-04", "county_government_party")
    assert await xy.refused(case, "response-plans", county, "agency") == "lead-does-not-fit-case"
    await xy.do(
        case, "response-plans", plan(DEPUTY, "2026-11-04", "county_government_party"), "agency"
    )
    # A later plan revises the strategy (更正应诉策略): still under a lead that fits.
    await xy.do(case, "response-plans", plan(DEPUTY, "2026-11-09"), "agency")
    bases = [
        e["data"]["basis"] for e in await xy.timeline(case) if e["type"] == "ResponsePlanRecorded"
    ]
    assert bases == ["county_government_party", "ordinary"]
    three = plan(DEPUTY, "2026-11-09")
    three["agents"] *= 2
    r = await api.client.post(f"/v1/cases/{case}/response-plans", json=three, headers=xy.agency)
    assert r.status_code == 422, r.text


async def test_a_pack_that_names_no_lead_records_no_plan(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    lists = (await api.client.get("/v1/response-leads/xiuyan", headers=wz.agency)).json()
    assert [c["id"] for c in lists["response_lead"]["circumstances"]] == [
        "cross_department",
        "county_government_party",
        "major_case",
    ]
    assert lists["response_lead"]["circumstances"][0]["source"] == "002 第九条"
    none = await api.client.get("/v1/response-leads/wenzhou", headers=wz.agency)
    assert none.json() == {"pack": "wenzhou", "response_lead": None}
    missing = await api.client.get("/v1/response-leads/atlantis", headers=wz.agency)
    assert (missing.status_code, missing.json()["code"]) == (404, "pack-not-found")
    case = await wz.lost_case("2026-01-09", None)
    assert await wz.refused(case, "response-plans", plan(DEPUTY, "2026-01-12"), "agency") == (
        "no-response-lead-rules"
    )

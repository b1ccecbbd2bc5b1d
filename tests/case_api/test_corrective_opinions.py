"""纠正意见 through HTTP [000 五(二)]: Wenzhou's joint meeting, convened by the legal office,
finds a decision improper and requires the unit to decide again. The opinion reopens the
decision; the unit's new decision supersedes it and is the one the statistics count."""

from __future__ import annotations

from typing import Any

import pytest

from tests.case_api.accountability_steps import Place, person

ACC = "accountability"
SANCTION = {
    "party_id": "p1",
    "decision": "sanction",
    "ground": "duty_not_performed",
    "sanctions": ["written_self_criticism"],
    "deciding_organ": "温州市纪委监委",
    "decided_date": "2026-03-01",
}
OPINION = {
    "party_id": "p1",
    "issued_by": "温州市行政诉讼败诉案件过错责任追究与容错免责工作联席会议",
    "meeting_date": "2026-07-10",
    "issued_date": "2026-07-12",
    "improper": "未考虑主动挽回损失的情节",
    "required_action": "重新审查过错情节并作出处理决定",
}
NEW_DECISION = {
    "party_id": "p1",
    "decision": "no_accountability",
    "ground": "minor_and_corrected",
    "deciding_organ": "温州市纪委监委",
    "decided_date": "2026-08-01",
}


@pytest.fixture
async def wz(api) -> Place:  # type: ignore[no-untyped-def]
    place = Place(api, "wenzhou")
    await place.register()
    return place


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


async def _statistics(wz: Place) -> dict[str, Any]:
    r = await wz.api.client.get(
        "/v1/accountability/statistics",
        params={"min_position": wz.position, "jurisdiction": wz.code},
        headers=wz.bureau,
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_corrective_opinion_reopens_a_decision_and_the_new_one_counts_once(wz: Place):
    case = await _decidable_case(wz)
    opinions = f"{ACC}/corrective-opinions"
    assert await wz.refused(case, opinions, OPINION, "bureau") == (
        "corrective-opinion-requires-decision"
    )
    await wz.do(case, f"{ACC}/decisions", SANCTION, "discipline")
    deadlines_before = await wz.deadlines(case)
    # Only the legal office, which convenes the joint meeting, issues the opinion.
    for who in ("agency", "discipline", "court"):
        problem = await wz.do(case, opinions, OPINION, who, status=403)
        assert problem["code"] == "forbidden", who
    early = {**OPINION, "issued_date": "2026-07-09"}
    problem = await wz.do(case, opinions, early, "bureau", status=422)
    assert problem["code"] == "opinion-before-meeting"
    await wz.do(case, opinions, OPINION, "bureau")

    # Reopened: a second opinion, an appeal of the old decision are refused; the old decision
    # stays the current one (counted once) until the unit decides again.
    assert await wz.refused(case, opinions, OPINION, "bureau") == "correction-pending"
    appeal = {"party_id": "p1", "kind": "review", "appealed_date": "2026-07-20"}
    assert await wz.refused(case, f"{ACC}/appeals", appeal, "agency") == "correction-pending"
    view = await wz.view(case, "bureau")
    assert [d["reopened"] for d in view["decisions"]] == [True]
    [opinion] = view["corrective_opinions"]
    assert opinion["source"] == "000 五(二)"
    assert opinion["redecided_date"] is None
    assert opinion["reopened_decision"]["decision"] == "sanction"
    assert (await _statistics(wz))["decisions"] == {"sanction": 1}
    # The clause sets no period for the new decision: the opinion starts no deadline.
    after = await wz.deadlines(case)
    assert sorted(after) == sorted(deadlines_before)
    assert [len(v) for v in after.values()] == [len(v) for v in deadlines_before.values()]

    await wz.do(case, f"{ACC}/decisions", NEW_DECISION, "discipline")
    again = {**NEW_DECISION, "decided_date": "2026-08-02"}
    assert await wz.refused(case, f"{ACC}/decisions", again, "discipline") == (
        "party-already-decided"
    )
    view = await wz.view(case, "bureau")
    [decision] = view["decisions"]
    assert (decision["decision"], decision["reopened"]) == ("no_accountability", False)
    [opinion] = view["corrective_opinions"]
    assert opinion["redecided_date"] == "2026-08-01"
    assert opinion["reopened_decision"]["sanctions"] == ["written_self_criticism"]
    figures = await _statistics(wz)
    assert figures["decisions"] == {"no_accountability": 1}
    assert figures["sanctions"] == {}
    assert figures["persons_sanctioned"] == 0
    types = [e["type"] for e in await wz.timeline(case)]
    assert types.count("AccountabilityDecided") == 2
    assert "CorrectiveOpinionIssued" in types
    # The new decision can be corrected in its turn (history keeps both opinions).
    second = {**OPINION, "meeting_date": "2026-09-10", "issued_date": "2026-09-10"}
    await wz.do(case, opinions, second, "bureau")
    assert len((await wz.view(case, "bureau"))["corrective_opinions"]) == 2


async def test_a_pack_without_corrective_opinions_refuses_one(api):  # type: ignore[no-untyped-def]
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await xy.lost_case("2026-01-09", "2026-01-26")
    code = await xy.refused(case, f"{ACC}/corrective-opinions", OPINION, "bureau")
    assert code == "corrective-opinion-not-in-pack"


async def test_a_county_bureau_does_not_convene_the_city_joint_meeting(wz: Place):
    await wz.register_county("wz-lc", "鹿城区", "wz-lc-gov")
    case = await wz.lost_case("2026-01-09", "2026-01-26", agency="wz-lc-gov", number="lc")
    county = wz.api.token("bureau_officer", jurisdiction="wz-lc")
    r = await wz.api.client.post(
        f"/v1/cases/{case}/{ACC}/corrective-opinions", json=OPINION, headers=county
    )
    assert (r.status_code, r.json()["code"]) == (403, "not-convening-bureau")
    # The city's legal office may: the party merely has no decision yet.
    code = await wz.refused(case, f"{ACC}/corrective-opinions", OPINION, "bureau")
    assert code == "corrective-opinion-requires-decision"

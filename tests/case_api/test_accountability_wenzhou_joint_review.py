"""Wenzhou's joint review of a major case through HTTP [000 二(五)2]: the legal office
designates it while the report awaits review, the court and the organisation department
state their positions, and only then is the report reviewed, the opinion issued and the
decision taken. The review's own 30 working days are unchanged."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, jinzhai_report, person

JOINT = "accountability/joint-review"
POSITIONS = f"{JOINT}/positions"
COURT = {"unit_id": "wz-court", "name": "温州市中级人民法院", "kind": "court"}
ORG = {"unit_id": "wz-org", "name": "中共温州市委组织部", "kind": "organisation_department"}
PROCURATORATE = {"unit_id": "wz-proc", "name": "温州市人民检察院", "kind": "other"}


def designation(*units: dict[str, str], grounds: tuple[str, ...] = ("major_case",)) -> dict:
    chosen = list(units) or [COURT, ORG, PROCURATORATE]
    return {"grounds": list(grounds), "units": chosen, "designated_date": "2026-02-24"}


def position(unit_id: str, stance: str = "concur", on: str = "2026-03-02") -> dict[str, Any]:
    return {"unit_id": unit_id, "position": stance, "opinion": "意见", "recorded_date": on}


async def reported_case(wz: Place, number: str = "1") -> str:
    """A lost Wenzhou case whose responsibility analysis report awaits review."""
    case = await wz.lost_case("2026-01-20", "2026-02-01", number=number)
    investigation = {"completed_date": "2026-02-12", "act_date": "2025-03-01"}
    await wz.do(case, "accountability/investigation", investigation, "agency")
    await wz.do(case, "loss-reports", {"submitted_date": "2026-02-13", "summary": "分析"}, "agency")
    return case


async def test_a_major_case_is_reviewed_jointly_before_opinion_and_decision(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await reported_case(wz)
    body = designation(grounds=("major_case", "disputed_case"))
    await wz.do(case, JOINT, body, "bureau")
    approve = {"result": "approved", "opinion": "同意", "reviewed_date": "2026-03-10"}
    problem = await wz.do(case, "reviews", approve, "bureau", status=409)
    assert (problem["code"], problem["missing"]) == (
        "joint-review-positions-missing",
        "wz-court, wz-org",
    )
    await wz.do(case, POSITIONS, position("wz-court"), "bureau")
    waiting = (await wz.view(case))["joint_review"]
    assert (waiting["review_round"], waiting["awaiting"]) == (1, ["wz-org"])
    assert await wz.refused(case, "reviews", approve, "bureau") == "joint-review-positions-missing"
    await wz.do(case, POSITIONS, position("wz-org", "dissent", "2026-03-05"), "bureau")
    # The procuratorate (等单位) was named but is not a required kind: the review goes on.
    await wz.do(case, "reviews", approve, "bureau")
    await wz.do(case, "accountability/review-opinions", {"issued_date": "2026-03-12"}, "bureau")
    party = person("p1", "wz-001", wz.agency_code, "duty_not_performed", "2025-03-01")
    await wz.do(
        case, "accountability/parties", {"party": party, "named_date": "2026-03-13"}, "agency"
    )
    decision = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "duty_not_performed",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "市自然资源局",
        "decided_date": "2026-04-20",
    }
    await wz.do(case, "accountability/decisions", decision, "discipline")

    view = await wz.view(case)
    joint = view["joint_review"]
    assert joint["designated_date"] == "2026-02-24"
    assert [(g["id"], g["source"]) for g in joint["grounds"]] == [
        ("major_case", "000 二(五)2"),
        ("disputed_case", "000 二(五)2"),
    ]
    assert [(u["unit_id"], u["required"]) for u in joint["units"]] == [
        ("wz-court", True),
        ("wz-org", True),
        ("wz-proc", False),
    ]
    assert [(p["unit_id"], p["position"], p["review_round"]) for p in joint["positions"]] == [
        ("wz-court", "concur", 1),
        ("wz-org", "dissent", 1),
    ]
    assert (joint["review_round"], joint["awaiting"]) == (None, [])
    assert view["decisions"][0]["party_id"] == "p1"
    timeline = await wz.timeline(case)
    joint_events = [(e["type"], e["data"]) for e in timeline if e["type"].startswith("JointReview")]
    assert [t for t, _ in joint_events] == [
        "JointReviewDesignated",
        "JointReviewPositionRecorded",
        "JointReviewPositionRecorded",
    ]
    assert joint_events[0][1]["units"][1] == ORG
    assert joint_events[2][1] == {**position("wz-org", "dissent", "2026-03-05"), "review_round": 1}
    deadlines = await wz.deadlines(case)
    # The review's 30 working days from Fri 02-13 (past Spring Festival) are unchanged.
    assert [(d["due_date"], d["status"]) for d in deadlines["review"]] == [("2026-04-02", "met")]


async def test_a_resubmitted_report_is_reviewed_jointly_again(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await reported_case(wz)
    await wz.do(case, JOINT, designation(COURT, ORG), "bureau")
    for unit in ("wz-court", "wz-org"):
        await wz.do(case, POSITIONS, position(unit), "bureau")
    returned = {"result": "returned", "opinion": "补充", "reviewed_date": "2026-03-03"}
    await wz.do(case, "reviews", returned, "bureau")
    await wz.do(case, "accountability/review-opinions", {"issued_date": "2026-03-04"}, "bureau")
    await wz.do(case, "loss-reports", {"submitted_date": "2026-03-09", "summary": "补充"}, "agency")
    approve = {"result": "approved", "reviewed_date": "2026-03-20"}
    assert await wz.refused(case, "reviews", approve, "bureau") == "joint-review-positions-missing"
    second = (await wz.view(case))["joint_review"]
    assert (second["review_round"], second["awaiting"]) == (2, ["wz-court", "wz-org"])
    for unit in ("wz-court", "wz-org"):
        await wz.do(case, POSITIONS, position(unit, on="2026-03-16"), "bureau")
    await wz.do(case, "reviews", approve, "bureau")
    rounds = [
        (p["unit_id"], p["review_round"])
        for p in (await wz.view(case))["joint_review"]["positions"]
    ]
    assert rounds == [("wz-court", 1), ("wz-org", 1), ("wz-court", 2), ("wz-org", 2)]


async def test_designation_only_while_the_report_awaits_review_and_only_once(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await wz.lost_case("2026-01-20", "2026-02-01")
    refused = await wz.refused(case, JOINT, designation(), "bureau")
    assert refused == "joint-review-requires-report-under-review"  # no report submitted yet
    await wz.do(case, "loss-reports", {"submitted_date": "2026-02-13", "summary": "分析"}, "agency")
    await wz.do(case, JOINT, designation(), "bureau")
    assert await wz.refused(case, JOINT, designation(), "bureau") == (
        "joint-review-already-designated"
    )
    reviewed = await reported_case(wz, number="2")
    await wz.do(
        reviewed, "reviews", {"result": "approved", "reviewed_date": "2026-03-02"}, "bureau"
    )
    assert await wz.refused(reviewed, JOINT, designation(), "bureau") == (
        "joint-review-requires-report-under-review"  # the review, hence the opinion, is done
    )


async def test_a_unit_states_its_position_once_per_review_and_only_if_named(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await reported_case(wz)
    refused = await wz.refused(case, POSITIONS, position("wz-court"), "bureau")
    assert refused == "joint-review-not-designated"
    await wz.do(case, JOINT, designation(COURT, ORG), "bureau")
    await wz.do(case, POSITIONS, position("wz-court"), "bureau")
    assert await wz.refused(case, POSITIONS, position("wz-court", "dissent"), "bureau") == (
        "position-already-recorded"
    )
    assert await wz.refused(case, POSITIONS, position("wz-proc"), "bureau") == (
        "unit-not-in-joint-review"
    )
    await wz.do(case, POSITIONS, position("wz-org"), "bureau")
    await wz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-03"}, "bureau")
    assert await wz.refused(case, POSITIONS, position("wz-court", on="2026-03-04"), "bureau") == (
        "joint-review-requires-report-under-review"
    )


async def test_a_designation_uses_the_packs_grounds_and_names_every_required_kind(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await reported_case(wz)
    cases = [
        (designation(grounds=("urgent_case",)), "joint-review-ground-not-in-pack"),
        (designation(COURT, {**ORG, "kind": "procuratorate"}), "unit-kind-not-in-pack"),
        (designation(COURT, PROCURATORATE), "joint-review-needs-required-units"),
    ]
    for body, code in cases:
        assert await wz.refused(case, JOINT, body, "bureau") == code, body
    twice = await wz.do(case, JOINT, designation(COURT, ORG, COURT), "bureau", status=422)
    assert twice["code"] == "unit-listed-twice"
    missing = await wz.do(case, JOINT, designation(COURT, PROCURATORATE), "bureau", status=409)
    assert missing["missing"] == "organisation_department"


async def test_only_the_reviewing_legal_office_designates_and_records(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    await wz.register_county("wz-lc", "鹿城区", "wz-lc-gov")
    county_case = await wz.lost_case("2026-01-20", "2026-02-01", agency="wz-lc-gov", number="3")
    report = {"submitted_date": "2026-02-13", "summary": "分析"}
    county_agency = api.token("agency_user", agency="wz-lc-gov")
    r = await api.client.post(
        f"/v1/cases/{county_case}/loss-reports", json=report, headers=county_agency
    )
    assert r.status_code == 201, r.text
    county_bureau = api.token("bureau_officer", jurisdiction="wz-lc")
    r = await api.client.post(
        f"/v1/cases/{county_case}/{JOINT}", json=designation(), headers=county_bureau
    )
    # A county government's report is reviewed by the city legal office [000 二(五)2].
    assert (r.status_code, r.json()["code"]) == (403, "not-reviewing-bureau"), r.text
    await wz.do(county_case, JOINT, designation(), "bureau")
    case = await reported_case(wz)
    for who in ("agency", "discipline", "court"):
        await wz.do(case, JOINT, designation(), who, status=403)
    await wz.do(case, JOINT, designation(), "bureau")
    for who in ("agency", "discipline", "court"):
        await wz.do(case, POSITIONS, position("wz-court"), who, status=403)


async def test_packs_without_a_joint_review_refuse_it_naming_the_rule(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await jz.lost_case("2026-01-20", "2026-02-01")
    await jz.do(case, "loss-reports", jinzhai_report("2026-02-13"), "agency")
    assert await jz.refused(case, JOINT, designation(), "bureau") == "no-joint-review-rules"
    assert await jz.refused(case, POSITIONS, position("wz-court"), "bureau") == (
        "no-joint-review-rules"
    )
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-02"}, "bureau")

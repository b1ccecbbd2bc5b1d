"""Jinzhai accountability through HTTP [001]: filing within 10 days, the joint meeting's papers
3 days before, decisions, appeal, compensation recovery; the system's repeat-fault flag
[001 十七(一)] across cases; a person's record surviving a transfer between agencies."""

from __future__ import annotations

from case_api.accountability.tables import (
    accountability_cases,
    accountability_decisions,
    accountability_parties,
    accountability_recoveries,
)
from case_api.readmodel.rebuild import rebuild
from tests.api_client import Api
from tests.case_api.accountability_steps import JINZHAI_MEMBERS, Place, jinzhai_report, person, unit
from tests.case_api.test_rebuild import dump

ACC = "accountability"
ACCOUNTABILITY_TABLES = [
    accountability_cases,
    accountability_parties,
    accountability_decisions,
    accountability_recoveries,
]


async def approved_case(
    jz: Place, number: str, agency: str | None = None, who: str = "agency"
) -> str:
    case = await jz.lost_case("2026-03-02", "2026-03-18", agency=agency, number=number)
    await jz.do(case, "loss-reports", jinzhai_report("2026-03-20"), who)
    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-25"}, "bureau")
    return case


async def test_jinzhai_procedure_from_effective_loss_to_recovery(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    case = await jz.lost_case("2026-01-20", None)
    meeting = {"meeting_date": "2026-02-26", "agenda": "责任认定"}
    assert await jz.refused(case, f"{ACC}/meetings", meeting, "bureau") == (
        "accountability-requires-effective-loss"
    )
    await jz.do(case, "effective", {"effective_date": "2026-02-05"}, "court")
    assert await jz.refused(
        case, f"{ACC}/meeting-papers", {"sent_date": "2026-02-13"}, "bureau"
    ) == ("papers-require-meeting")
    await jz.do(case, f"{ACC}/meetings", meeting, "bureau")
    await jz.do(case, f"{ACC}/meeting-papers", {"sent_date": "2026-02-13"}, "bureau")
    await jz.do(case, "loss-reports", jinzhai_report("2026-02-24"), "agency")
    deadlines = await jz.deadlines(case)
    # Filing: 10 days from Thu 02-05 = Sun 02-15, inside Spring Festival → Tue 02-24.
    assert (deadlines["loss_filing"][0]["due_date"], deadlines["loss_filing"][0]["status"]) == (
        "2026-02-24",
        "met",
    )
    # Papers: 3 days before Thu 02-26 = Mon 02-23, a holiday → back to Sat 02-14 (worked).
    assert deadlines["meeting_papers"][0]["due_date"] == "2026-02-14"
    assert deadlines["meeting_papers"][0]["status"] == "met"

    await jz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-02"}, "bureau")
    handler = person("p1", "jz-001", jz.agency_code, "unclear_facts", "2025-05-10")
    head = person(
        "p2", "jz-002", jz.agency_code, "procedure_violated", "2025-05-10", role="principal_head"
    )
    for party in (handler, head, unit("u1", jz.agency_code, "unclear_facts", "2025-05-10")):
        await jz.do(case, f"{ACC}/parties", {"party": party, "named_date": "2026-03-03"}, "agency")
    base = {"deciding_organ": "县监察局", "decided_date": "2026-03-10"}
    # The meeting of 02-26 establishes responsibility [001 八、十]; its opinion, countersigned
    # by every member and archived, comes before any decision.
    opinion = {
        "meeting_date": "2026-02-26",
        "established": True,
        "party_ids": ["p1", "u1"],
        "reasons": "主要事实不清",
        "recorded_date": "2026-03-04",
    }
    await jz.do(case, f"{ACC}/meeting-opinions", opinion, "bureau")
    for member in JINZHAI_MEMBERS:
        body = {"member": member, "signed_date": "2026-03-05"}
        await jz.do(case, f"{ACC}/meeting-opinions/countersignatures", body, "bureau")
    await jz.do(case, f"{ACC}/meeting-opinions/archive", {"archived_date": "2026-03-06"}, "bureau")
    illegal = [
        (
            {
                "party_id": "u1",
                "decision": "sanction",
                "ground": "unclear_facts",
                "sanctions": ["admonishment"],
            },
            "sanction-not-for-units",
        ),
        (
            {"party_id": "p1", "decision": "fault_tolerance", "ground": "minor_no_harm"},
            "ground-not-in-pack",
        ),
        (
            {
                "party_id": "p1",
                "decision": "sanction",
                "ground": "unclear_facts",
                "sanctions": ["reminder_talk"],
            },
            "sanction-not-in-pack",
        ),
    ]
    for body, code in illegal:
        assert await jz.refused(case, f"{ACC}/decisions", {**base, **body}, "discipline") == code
    sanction = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "unclear_facts",
        "sanctions": ["admonishment"],
        "mitigation": ["self_corrected"],
    }
    await jz.do(case, f"{ACC}/decisions", {**base, **sanction}, "discipline")
    units = {
        "party_id": "u1",
        "decision": "sanction",
        "ground": "unclear_facts",
        "sanctions": ["written_self_criticism", "public_apology"],
    }
    await jz.do(case, f"{ACC}/decisions", {**base, **units}, "discipline")
    exempt = {"party_id": "p2", "decision": "exemption", "ground": "counterparty_fraud"}
    await jz.do(case, f"{ACC}/decisions", {**base, **exempt}, "bureau")
    before_appeal = await api.client.get(
        "/v1/accountability/statistics",
        params={"jurisdiction": "jz", "min_position": jz.position},
        headers=jz.bureau,
    )
    # Unit and person sanctions are different measures [001 十三]: counted apart.
    assert before_appeal.json()["sanctions_by_party_kind"] == {
        "person": {"admonishment": 1},
        "unit": {"written_self_criticism": 1, "public_apology": 1},
    }
    assert (
        before_appeal.json()["units_sanctioned"],
        before_appeal.json()["persons_sanctioned"],
    ) == (1, 1)
    assert (
        await jz.refused(
            case, f"{ACC}/committee-reports", {"reported_date": "2026-03-12"}, "bureau"
        )
        == "step-not-in-pack"
    )

    no_appeal = {"party_id": "p1", "outcome": "upheld", "decided_date": "2026-03-20"}
    assert (
        await jz.refused(case, f"{ACC}/appeal-decisions", no_appeal, "discipline")
        == "no-pending-appeal"
    )
    appeal = {"party_id": "p1", "kind": "appeal", "appealed_date": "2026-03-12"}
    await jz.do(case, f"{ACC}/appeals", appeal, "agency")
    assert await jz.refused(case, f"{ACC}/appeals", appeal, "agency") == "appeal-pending"
    await jz.do(case, f"{ACC}/appeal-decisions", {**no_appeal, "outcome": "revoked"}, "discipline")

    recovery = {"party_id": "p1", "amount_yuan": 5000, "recovered_date": "2026-04-01"}
    assert (
        await jz.refused(case, f"{ACC}/recoveries", {**recovery, "party_id": "u1"}, "agency")
        == "recovery-from-persons"
    )
    await jz.do(case, f"{ACC}/recoveries", recovery, "agency")
    await jz.do(
        case, f"{ACC}/transfer", {"transferred_date": "2026-03-05", "organ": "县监察局"}, "bureau"
    )

    view = await jz.view(case)
    decisions = {d["party_id"]: d for d in view["decisions"]}
    assert decisions["p1"]["appeal_outcome"] == "revoked" and not decisions["p1"]["in_force"]
    assert decisions["p1"]["evaluation_effect"] == "none"
    assert decisions["p1"]["mitigation"] == ["self_corrected"]
    assert decisions["u1"]["sanctions_in_force"] == ["written_self_criticism", "public_apology"]
    assert decisions["p2"]["ground_source"] == "001 十五(二)"
    assert [r["amount_yuan"] for r in view["recoveries"]] == [5000]
    assert view["procedure"]["transferred_to"] == "县监察局"
    stats = await api.client.get(
        "/v1/accountability/statistics",
        params={"jurisdiction": "jz", "min_position": jz.position},
        headers=jz.bureau,
    )
    assert stats.json()["decisions"] == {"sanction": 2, "exemption": 1}
    assert stats.json()["by_unit"] == [
        {"agency": jz.agency_code, "decisions": {"sanction": 2, "exemption": 1}}
    ]
    assert stats.json()["appeals"] == {"revoked": 1}
    # p1's sanction was revoked on appeal: only the unit's remain in force, kept apart.
    assert stats.json()["sanctions_by_party_kind"] == {
        "person": {},
        "unit": {"written_self_criticism": 1, "public_apology": 1},
    }
    assert (stats.json()["units_sanctioned"], stats.json()["persons_sanctioned"]) == (1, 0)


async def test_repeat_faults_of_a_kind_within_a_year_are_flagged_across_cases(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register()
    first, second, third = [await approved_case(jz, n) for n in "123"]
    same = person("p1", "jz-001", jz.agency_code, "unclear_facts", "2025-06-01")
    await jz.do(first, f"{ACC}/parties", {"party": same, "named_date": "2026-03-26"}, "agency")
    other_kind = {**same, "fault_kind": "procedure_violated", "fault_date": "2025-09-01"}
    await jz.do(
        second, f"{ACC}/parties", {"party": other_kind, "named_date": "2026-03-26"}, "agency"
    )
    view = await jz.view(first)
    assert [p["repeat_fault"] for p in view["parties"]] == [False]
    # The same kind again within a year (2025-06-01 → 2026-03-01): both faults flagged.
    again = {**same, "fault_date": "2026-03-01"}
    await jz.do(third, f"{ACC}/parties", {"party": again, "named_date": "2026-03-26"}, "agency")
    await jz.meeting_opinion(third, "2026-03-27", ["p1"])
    decision = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "unclear_facts",
        "sanctions": ["admonishment"],
        "aggravation": ["repeat_fault_within_year"],
        "deciding_organ": "县监察局",
        "decided_date": "2026-03-30",
    }
    await jz.do(third, f"{ACC}/decisions", decision, "discipline")
    assert [p["repeat_fault"] for p in (await jz.view(first))["parties"]] == [True]
    assert [p["repeat_fault"] for p in (await jz.view(second))["parties"]] == [False]
    third_view = await jz.view(third)
    assert third_view["decisions"][0]["system_flags"] == ["repeat_fault_within_year"]
    before = dump(api.runtime.engine, ACCOUNTABILITY_TABLES)
    rebuild(api.settings, show_progress=False)
    assert dump(api.runtime.engine, ACCOUNTABILITY_TABLES) == before


async def test_a_persons_record_survives_a_transfer_between_agencies(api: Api):
    jz = Place(api, "jinzhai")
    await jz.register(("jz-land", "金寨县自然资源局"))
    land = jz.land = api.token("agency_user", agency="jz-land")  # type: ignore[attr-defined]
    before = await approved_case(jz, "1")
    after = await approved_case(jz, "2", agency="jz-land", who="land")
    at_hrss = person("p1", "jz-001", jz.agency_code, "unclear_facts", "2024-01-10", post="科员")
    at_land = person(
        "x7",
        "jz-001",
        "jz-land",
        "wrong_legal_basis",
        "2025-11-01",
        post="副局长",
        role="deputy_head",
    )
    await jz.do(before, f"{ACC}/parties", {"party": at_hrss, "named_date": "2026-03-26"}, "agency")
    r = await api.client.post(
        f"/v1/cases/{after}/{ACC}/parties",
        json={"party": at_land, "named_date": "2026-03-26"},
        headers=land,
    )
    assert r.status_code == 201, r.text
    await jz.meeting_opinion(before, "2026-03-27", ["p1"])
    await jz.meeting_opinion(after, "2026-03-27", ["x7"])
    base = {"decision": "sanction", "deciding_organ": "县监察局", "decided_date": "2026-03-30"}
    await jz.do(
        before,
        f"{ACC}/decisions",
        {
            **base,
            "party_id": "p1",
            "ground": "unclear_facts",
            "sanctions": ["written_self_criticism"],
        },
        "discipline",
    )
    await jz.do(
        after,
        f"{ACC}/decisions",
        {
            **base,
            "party_id": "x7",
            "ground": "wrong_legal_basis",
            "sanctions": ["job_transfer"],
            "decided_date": "2026-03-31",
        },
        "discipline",
    )
    await jz.do(
        before,
        f"{ACC}/appeals",
        {"party_id": "p1", "kind": "review", "appealed_date": "2026-04-02"},
        "agency",
    )
    await jz.do(
        before,
        f"{ACC}/recoveries",
        {"party_id": "p1", "amount_yuan": 1200, "recovered_date": "2026-04-03"},
        "agency",
    )
    record = await api.client.get(
        "/v1/accountability/persons/jz-001",
        params={"min_position": jz.position},
        headers=jz.discipline,
    )
    body = record.json()
    assert body["agencies"] == [jz.agency_code, "jz-land"]
    assert [(f["agency"], f["post"], f["role"]) for f in body["faults"]] == [
        (jz.agency_code, "科员", "handler"),
        ("jz-land", "副局长", "deputy_head"),
    ]
    assert [(d["case_id"], d["sanctions_in_force"]) for d in body["decisions"]] == [
        (before, ["written_self_criticism"]),
        (after, ["job_transfer"]),
    ]
    assert [a["appeal_kind"] for a in body["appeals"]] == ["review"]
    assert body["recovered_yuan"] == 1200
    # The new agency sees only its own decisions; an unrelated agency sees nothing.
    own = await api.client.get("/v1/accountability/persons/jz-001", headers=land)
    assert [d["case_id"] for d in own.json()["decisions"]] == [after]
    stranger = api.token("agency_user", agency="xy-housing")
    assert (
        await api.client.get("/v1/accountability/persons/jz-001", headers=stranger)
    ).status_code == 404

"""Wenzhou accountability through HTTP [000]: investigation → report → review (returned and
resubmitted) → opinion and city filing → decisions, with every deadline across Spring
Festival 2026 (Feb 15-23 off; Sat Feb 14 and Sat Feb 28 worked) and Qingming (Apr 4-6)."""

from __future__ import annotations

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, person, unit

ACC = "accountability"


async def test_wenzhou_procedure_from_effective_loss_to_decisions(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    await wz.register_government("wz-gov", "温州市人民政府")
    case = await wz.lost_case("2026-01-20", "2026-02-01")
    investigation = {"completed_date": "2026-02-12", "act_date": "2025-03-01"}
    await wz.do(case, f"{ACC}/investigation", investigation, "agency")
    assert await wz.refused(case, f"{ACC}/investigation", investigation, "agency") == (
        "investigation-already-completed"
    )
    await wz.do(case, "loss-reports", {"submitted_date": "2026-02-13", "summary": "分析"}, "agency")
    returned = {"result": "returned", "opinion": "补充", "reviewed_date": "2026-02-24"}
    await wz.do(case, "reviews", returned, "bureau")
    await wz.do(case, f"{ACC}/review-opinions", {"issued_date": "2026-02-25"}, "bureau")
    assert await wz.refused(
        case, f"{ACC}/review-opinions", {"issued_date": "2026-02-26"}, "bureau"
    ) == ("opinion-requires-review")
    await wz.do(case, "loss-reports", {"submitted_date": "2026-03-02", "summary": "补充"}, "agency")
    deadlines = await wz.deadlines(case)
    # Investigation: 30 working days from Sun 02-01 across Spring Festival → Thu 03-19.
    assert [d["due_date"] for d in deadlines["investigation"]] == ["2026-03-19"]
    # Submission: 5 working days from Thu 02-12: Fri 13, Sat 14 (worked), Feb 24, 25, 26.
    assert deadlines["review_submission"][0]["due_date"] == "2026-02-26"
    # Review: 30 working days from each submission (the second skips Qingming Apr 4-6).
    assert sorted(d["due_date"] for d in deadlines["review"]) == ["2026-04-02", "2026-04-14"]
    # Opinion: 5 working days from Tue 02-24, counting Sat 02-28. The city's own legal office
    # reviewed (a city department's report), so nothing is filed with the city [000 二(五)2].
    assert deadlines["review_opinion"][0]["due_date"] == "2026-03-02"
    assert "city_filing" not in deadlines
    # Handling counted from the opinion of 02-25 lapses when the report is resubmitted.
    assert [(d["due_date"], d["status"]) for d in deadlines["handling"]] == [
        ("2026-04-08", "waived")
    ]

    await wz.do(
        case,
        f"{ACC}/parties",
        {
            "party": person("p1", "wz-001", wz.agency_code, "duty_not_performed", "2025-03-01"),
            "named_date": "2026-03-03",
        },
        "agency",
    )
    await wz.do(
        case,
        f"{ACC}/parties",
        {
            "party": person(
                "p2", "wz-002", wz.agency_code, "improper_response", "2025-03-01", role="approver"
            ),
            "named_date": "2026-03-03",
        },
        "agency",
    )
    await wz.do(
        case,
        f"{ACC}/parties",
        {
            "party": person("p3", "wz-003", wz.agency_code, "refused_mediation", "2025-09-01"),
            "named_date": "2026-03-03",
        },
        "agency",
    )
    await wz.do(
        case,
        f"{ACC}/parties",
        {
            "party": unit("u1", wz.agency_code, "duty_not_performed", "2025-03-01"),
            "named_date": "2026-03-03",
        },
        "agency",
    )
    bad_kind = person("p9", "wz-009", wz.agency_code, "unclear_facts", "2025-03-01")
    assert (
        await wz.refused(
            case, f"{ACC}/parties", {"party": bad_kind, "named_date": "2026-03-03"}, "agency"
        )
        == "fault-kind-not-in-pack"
    )

    sanction = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "duty_not_performed",
        "sanctions": ["written_self_criticism", "job_transfer"],
        "deciding_organ": "市自然资源局",
        "decided_date": "2026-04-20",
    }
    # Not before the report is approved; never by the agency itself.
    assert await wz.refused(case, f"{ACC}/decisions", sanction, "discipline") == (
        "decision-requires-approved-report"
    )
    await wz.do(case, f"{ACC}/decisions", sanction, "agency", status=403)
    await wz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-03-20"}, "bureau")
    await wz.do(case, f"{ACC}/review-opinions", {"issued_date": "2026-03-23"}, "bureau")
    assert (
        await wz.refused(case, f"{ACC}/city-filings", {"filed_date": "2026-03-24"}, "bureau")
        == "city-filing-requires-county-review"
    )
    assert (
        await wz.refused(case, f"{ACC}/meetings", {"meeting_date": "2026-04-01"}, "bureau")
        == "step-not-in-pack"
    )

    illegal = [
        ({**sanction, "party_id": "u1", "sanctions": ["job_transfer"]}, "sanction-not-for-units"),
        ({**sanction, "sanctions": ["admonishment"]}, "sanction-not-in-pack"),
        (
            {**sanction, "party_id": "u1", "sanctions": ["circulated_criticism"]},
            "sanction-needs-companion",
        ),
        ({**sanction, "decision": "fault_tolerance", "sanctions": []}, "ground-not-in-pack"),
        (
            {
                **sanction,
                "party_id": "u1",
                "decision": "fault_tolerance",
                "ground": "pre_registered_risk",
                "sanctions": [],
            },
            "fault-tolerance-for-persons",
        ),
        ({**sanction, "party_id": "nobody"}, "party-not-named"),
        ({**sanction, "mitigation": ["self_corrected"]}, "factor-not-in-pack"),
    ]
    for body, code in illegal:
        assert await wz.refused(case, f"{ACC}/decisions", body, "discipline") == code, body
    await wz.do(case, f"{ACC}/decisions", sanction, "discipline")
    assert await wz.refused(case, f"{ACC}/decisions", sanction, "bureau") == "party-already-decided"
    unit_sanction = {
        **sanction,
        "party_id": "u1",
        "sanctions": ["written_self_criticism", "circulated_criticism"],
        "deciding_organ": "温州市人民政府",
        "deciding_agency": "wz-gov",  # the department's superior organ [000 二(五)1]
    }
    await wz.do(case, f"{ACC}/decisions", unit_sanction, "bureau")
    tolerance = {
        **sanction,
        "party_id": "p2",
        "decision": "fault_tolerance",
        "ground": "hard_risky_tasks",
        "sanctions": [],
    }
    await wz.do(case, f"{ACC}/decisions", tolerance, "discipline")
    mediator = {
        **sanction,
        "party_id": "p3",
        "decision": "exemption",
        "ground": "authorised_mediator",
        "sanctions": [],
    }
    await wz.do(case, f"{ACC}/decisions", mediator, "discipline")

    await wz.do(
        case,
        f"{ACC}/appeals",
        {"party_id": "p1", "kind": "review", "appealed_date": "2026-04-25"},
        "agency",
    )
    assert (
        await wz.refused(
            case,
            f"{ACC}/appeals",
            {"party_id": "p2", "kind": "review", "appealed_date": "2026-04-25"},
            "agency",
        )
        == "appeal-requires-sanction"
    )
    pending = await wz.view(case)
    p1 = next(d for d in pending["decisions"] if d["party_id"] == "p1")
    assert p1["in_force"] and p1["appeal_kind"] == "review"  # the appeal does not suspend it
    changed = {
        "party_id": "p1",
        "outcome": "changed",
        "sanctions": ["written_self_criticism"],
        "decided_date": "2026-05-20",
    }
    await wz.do(case, f"{ACC}/appeal-decisions", changed, "discipline")

    deadlines = await wz.deadlines(case)
    # The second opinion (Mon 03-23) + 30 working days, past Qingming and May Day → Fri 05-08.
    handling = {d["due_date"]: d["status"] for d in deadlines["handling"]}
    assert handling == {"2026-04-08": "waived", "2026-05-08": "met"}
    assert sorted((d["due_date"], d["status"]) for d in deadlines["review_opinion"]) == [
        ("2026-03-02", "met"),
        ("2026-03-27", "met"),
    ]
    view = await wz.view(case)
    decisions = {d["party_id"]: d for d in view["decisions"]}
    assert decisions["p1"]["sanctions_in_force"] == ["written_self_criticism"]
    assert decisions["p1"]["appeal_outcome"] == "changed"
    assert decisions["p1"]["ground_source"] == "000 一(三)"
    assert decisions["p2"]["evaluation_effect"] == "no_negative_effect"  # [000 四(三)]
    assert decisions["p3"]["ground_source"] == "000 三(二)"
    assert decisions["u1"]["evaluation_effect"] == "negative"
    assert view["procedure"]["city_filed_date"] is None  # a city review is not filed


async def test_wenzhou_acts_before_2013_02_01_are_outside_the_scope(api: Api):
    wz = Place(api, "wenzhou")
    await wz.register()
    case = await wz.lost_case("2026-01-20", "2026-02-01")
    await wz.do(
        case,
        f"{ACC}/investigation",
        {"completed_date": "2026-02-12", "act_date": "2013-01-31"},
        "agency",
    )
    await wz.do(case, "loss-reports", {"submitted_date": "2026-02-13", "summary": "分析"}, "agency")
    await wz.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-24"}, "bureau")
    party = person("p1", "wz-001", wz.agency_code, "duty_not_performed", "2013-01-31")
    await wz.do(case, f"{ACC}/parties", {"party": party, "named_date": "2026-02-25"}, "agency")
    decision = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "duty_not_performed",
        "sanctions": ["written_self_criticism"],
        "deciding_organ": "x",
        "decided_date": "2026-03-02",
    }
    assert (
        await wz.refused(case, f"{ACC}/decisions", decision, "discipline")
        == "outside-accountability-scope"
    )

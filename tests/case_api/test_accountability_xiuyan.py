"""Xiuyan accountability through HTTP [002]: the rectification report within 2 months, the
transfer to the discipline organ flagged and required above 300,000 yuan lost through
dereliction [002 第六条], decisions and the report to the county committee within 10
working days across Spring Festival 2026 [002 第十五条]."""

from __future__ import annotations

from tests.api_client import Api
from tests.case_api.accountability_steps import Place, loss_report_body, person, unit

ACC = "accountability"


async def test_xiuyan_procedure_with_transfer_and_committee_report(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    case = await xy.lost_case("2026-01-09", "2026-01-26")
    await xy.do(case, "reports", {"subject": "judgment", "reported_date": "2026-01-15"}, "agency")
    loss = {"completed_date": "2026-01-30", "direct_loss_yuan": 450000, "dereliction": True}
    await xy.do(case, f"{ACC}/investigation", loss, "discipline")
    await xy.do(case, "loss-reports", loss_report_body("xiuyan", "2026-02-02", "整改"), "agency")
    await xy.do(case, "reviews", {"result": "approved", "reviewed_date": "2026-02-04"}, "bureau")
    for party in (
        person("p1", "xy-001", xy.agency_code, "no_answer_or_evidence", "2025-07-01"),
        person(
            "p2", "xy-002", xy.agency_code, "major_trial_error", "2025-07-01", role="principal_head"
        ),
        unit("u1", xy.agency_code, "no_answer_or_evidence", "2025-07-01"),
    ):
        await xy.do(case, f"{ACC}/parties", {"party": party, "named_date": "2026-02-04"}, "bureau")
    flagged = await xy.view(case, "bureau")
    assert flagged["transfer"] == {
        "threshold_yuan": 300000,
        "source": "002 第六条",
        "flagged": True,
        "transferred_date": None,
        "organ": None,
        "ground": None,
        "ground_source": None,
    }
    base = {"deciding_organ": "县纪委监委", "decided_date": "2026-02-06"}
    sanction = {
        "party_id": "p1",
        "decision": "sanction",
        "ground": "no_answer_or_evidence",
        "sanctions": ["admonishment_talk"],
    }
    assert await xy.refused(case, f"{ACC}/decisions", {**base, **sanction}, "discipline") == (
        "transfer-to-discipline-first"
    )
    committee = {"reported_date": "2026-02-10"}
    assert await xy.refused(case, f"{ACC}/committee-reports", committee, "discipline") == (
        "report-requires-decision"
    )
    transfer = {
        "transferred_date": "2026-02-05",
        "organ": "县纪委监委",
        "reason": "直接经济损失45万元",
    }
    await xy.do(case, f"{ACC}/transfer", transfer, "discipline", status=403)
    await xy.do(case, f"{ACC}/transfer", transfer, "bureau")
    assert await xy.refused(case, f"{ACC}/transfer", transfer, "bureau") == "already-transferred"
    illegal = [
        ({**sanction, "party_id": "u1", "sanctions": ["reminder_talk"]}, "sanction-not-for-units"),
        ({**sanction, "sanctions": ["written_warning"]}, "sanction-not-for-persons"),
        ({**sanction, "sanctions": ["job_transfer"]}, "sanction-not-in-pack"),
    ]
    for body, code in illegal:
        assert await xy.refused(case, f"{ACC}/decisions", {**base, **body}, "discipline") == code
    await xy.do(case, f"{ACC}/decisions", {**base, **sanction}, "discipline")
    units = {
        "party_id": "u1",
        "decision": "sanction",
        "ground": "no_answer_or_evidence",
        "sanctions": ["written_warning", "circulated_criticism"],
    }
    await xy.do(case, f"{ACC}/decisions", {**base, **units}, "discipline")
    tolerance = {
        "party_id": "p2",
        "decision": "fault_tolerance",
        "ground": "reform_pilot_error",
        "mitigation": ["superior_order_mitigation"],
    }
    await xy.do(case, f"{ACC}/decisions", {**base, **tolerance}, "discipline")
    await xy.do(case, f"{ACC}/committee-reports", {"reported_date": "2026-02-26"}, "discipline")
    assert await xy.refused(
        case, f"{ACC}/city-filings", {"filed_date": "2026-02-26"}, "bureau"
    ) == ("step-not-in-pack")

    deadlines = await xy.deadlines(case)
    # Judgment report: 5 working days from Fri 01-09 → Fri 01-16.
    assert deadlines["judgment_report"][0]["due_date"] == "2026-01-16"
    # Rectification report: 2 months from Mon 01-26 → Thu 03-26.
    assert deadlines["rectification_report"][0]["due_date"] == "2026-03-26"
    # Committee report: 10 working days from Fri 02-06: Feb 9-13, Sat 14, Feb 24-27 → 02-27,
    # one per decision (all three decided the same day).
    reports = deadlines["decision_report"]
    assert {(d["due_date"], d["status"]) for d in reports} == {("2026-02-27", "met")}
    view = await xy.view(case)  # the agency sees its own decisions
    decisions = {d["party_id"]: d for d in view["decisions"]}
    assert decisions["p2"]["evaluation_effect"] == "no_negative_effect"
    assert decisions["p2"]["ground_source"] == "002 第十一条"
    assert decisions["u1"]["sanctions_in_force"] == ["written_warning", "circulated_criticism"]
    assert view["transfer"]["flagged"] and view["transfer"]["transferred_date"] == "2026-02-05"
    assert view["procedure"]["committee_reported_date"] == "2026-02-26"
    lists = (await api.client.get("/v1/accountability/packs/xiuyan", headers=xy.agency)).json()
    assert lists["transfer_threshold_yuan"] == 300000
    assert {"id": "written_warning", "parties": ["unit"]}.items() <= lists["sanctions"][5].items()
    missing = await api.client.get("/v1/accountability/packs/guangzhou", headers=xy.agency)
    assert missing.status_code == 404


async def test_a_loss_of_exactly_300000_yuan_or_without_dereliction_is_not_flagged(api: Api):
    xy = Place(api, "xiuyan")
    await xy.register()
    for number, loss, dereliction in (("1", 300000, True), ("2", 900000, False)):
        case = await xy.lost_case("2026-01-09", "2026-01-26", number=number)
        facts = {
            "completed_date": "2026-01-30",
            "direct_loss_yuan": loss,
            "dereliction": dereliction,
        }
        await xy.do(case, f"{ACC}/investigation", facts, "discipline")
        assert (await xy.view(case, "discipline"))["transfer"]["flagged"] is False

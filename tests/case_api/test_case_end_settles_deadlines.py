"""Closing, withdrawing or mediating a case settles the deadlines it made moot, over HTTP:
waived with the reason and the event that waived it when not yet due, missed when overdue;
the summary's next deadline moves on and the open list drops them (DOMAIN.md §3-4)."""

from __future__ import annotations

from typing import Any

from tests.api_client import Api

PRINCIPAL = [{"name": "李明", "role": "principal_head", "spoke_in_court": True}]


async def _deadlines(api: Api, case_id: str, position: int) -> dict[str, dict[str, Any]]:
    r = await api.client.get(
        f"/v1/cases/{case_id}/deadlines", params={"min_position": position}, headers=api.bureau
    )
    assert r.status_code == 200, r.text
    return {d["key"].split("@")[0]: d for d in r.json()["deadlines"]}


async def test_closing_a_lost_case_waives_the_report_not_yet_due_and_moves_the_next_deadline(
    api: Api,
):
    await api.register_guangzhou()
    api.set_today("2025-12-30")
    case = (await api.file_case(filed_date="2025-09-20"))["case_id"]
    summons = {"kind": "summons", "served_date": "2025-09-22", "hearing_date": "2025-10-20"}
    await api.command(case, "documents", summons, api.court)
    heard = {"hearing_date": "2025-10-20", "appearances": PRINCIPAL}
    await api.command(case, "appearances", heard, api.agency)
    judgment = {
        "instance": "first",
        "outcome": "lost",
        "loss_type": "ordered_to_perform",
        "performance_duty": True,
        "performance_due_date": "2025-12-20",
    }
    await api.command(
        case, "judgments", {"judgment": judgment, "served_date": "2025-11-03"}, api.court
    )
    effective = await api.command(case, "effective", {"effective_date": "2025-11-19"}, api.court)
    before = await api.summary(case, effective["position"])
    # The effective judgment's report (due Fri 11-21) is what is owed next.
    assert (before["next_deadline_rule"], before["next_deadline_date"]) == (
        "report_effective_judgment",
        "2025-11-21",
    )
    await api.command(case, "performance", {"completed_date": "2025-11-19"}, api.agency)
    await api.loss_report(case, "2025-11-19", api.agency)
    await api.command(
        case, "reviews", {"result": "approved", "reviewed_date": "2025-11-19"}, api.bureau
    )
    closed = await api.command(case, "closure", {"closed_date": "2025-11-20"}, api.bureau)

    deadlines = await _deadlines(api, case, closed["position"])
    report = deadlines["report_effective_judgment"]
    assert report["status"] == "waived"
    assert report["ended_by"] == {"position": closed["position"], "event": "CaseClosed"}
    assert report["status_reason"].startswith("案件已于2025-11-20结案，该期限不再适用")
    # Feedback on the hearing was due Oct 21 and never came: overdue when the judgment took
    # effect, it stays missed, with the reason and the end that settled it.
    feedback = deadlines["hearing_feedback"]
    assert (feedback["status"], feedback["ended_by"]["event"]) == ("missed", "JudgmentEffective")
    assert "逾期未完成" in feedback["status_reason"]
    after = await api.summary(case, closed["position"])
    assert (after["next_deadline_rule"], after["next_deadline_date"], after["overdue"]) == (
        None,
        None,
        False,
    )
    listed = await api.client.get(
        "/v1/deadlines", params={"status": "open", "agency": "gz-hrss"}, headers=api.bureau
    )
    assert [d for d in listed.json()["items"] if d["case_id"] == case] == []
    waived = await api.client.get("/v1/deadlines", params={"status": "waived"}, headers=api.bureau)
    # Also the feedback on the performance, due the day the case closed.
    assert sorted(d["rule_id"] for d in waived.json()["items"]) == [
        "performance_feedback",
        "report_effective_judgment",
    ]


async def test_a_withdrawal_waives_what_was_not_yet_due_and_keeps_what_was_missed(api: Api):
    await api.register_guangzhou()
    api.set_today("2025-10-31")
    case = (await api.file_case(filed_date="2025-09-20"))["case_id"]
    notice = {"kind": "notice_to_respond", "served_date": "2025-10-09"}
    await api.command(case, "documents", notice, api.court)
    summons = {"kind": "summons", "served_date": "2025-10-09", "hearing_date": "2025-11-20"}
    await api.command(case, "documents", summons, api.court)
    withdrawn = {"conclusion": "withdrawn", "concluded_date": "2025-10-15"}
    written = await api.command(case, "conclusion", withdrawn, api.court)
    deadlines = await _deadlines(api, case, written["position"])
    # Reports of the papers were due Oct 11 (2 days): missed; the answer (Oct 24) and the
    # hearing (Nov 20) were not yet due: waived by the withdrawal.
    statuses = {rule: d["status"] for rule, d in deadlines.items()}
    assert statuses == {
        "report_notice": "missed",
        "report_summons": "missed",
        "answer": "waived",
        "hearing": "waived",
    }
    assert {d["ended_by"]["event"] for d in deadlines.values()} == {"CaseConcluded"}
    assert "撤诉" in deadlines["answer"]["status_reason"]
    summary = await api.summary(case, written["position"])
    assert summary["next_deadline_rule"] is None and not summary["overdue"]
    overdue = await api.client.get("/v1/cases", params={"overdue": "true"}, headers=api.bureau)
    assert overdue.json()["items"] == []

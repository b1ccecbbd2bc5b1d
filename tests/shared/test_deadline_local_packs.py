"""Deadlines of the Xiangshan, Wenzhou, Xiuyan and Jinzhai packs, worked out by hand.

2025: National Day block Oct 1-8, make-up working days Sun Sep 28 and Sat Oct 11.
2026: Spring Festival Feb 15-23, make-up working days Sat Feb 14 and Sat Feb 28; no holiday
in March.
"""

from __future__ import annotations

from .test_deadline_support import case, d, derive, effective, judgment, served


def test_only_a_lost_effective_judgment_needs_a_loss_report() -> None:
    lost = derive("xiangshan", case(judgment("2025-11-10", "lost"), effective("2025-11-26")))
    # Wed 11-26 + 20 days = Tue 12-16.
    assert lost["loss_report@2"].due_date == d("2025-12-16")
    won = derive("xiangshan", case(judgment("2025-11-10", "won"), effective("2025-11-26")))
    assert "loss_report@2" not in won
    # The judgment itself is filed within 5 working days: Mon 11-10 → Mon 11-17.
    assert won["judgment_filing@1"].due_date == d("2025-11-17")


def test_the_effective_judgment_is_the_latest_one_served() -> None:
    second = judgment("2026-03-02", "won")
    second[1]["judgment"]["instance"] = "second"
    events = case(
        judgment("2025-11-10", "lost"),
        ("AppealFiled", {"appellant": "defendant", "filed_date": "2025-11-20"}),
        second,
        effective("2026-03-02"),
    )
    assert not [k for k in derive("xiangshan", events) if k.startswith("loss_report")]


def test_xiangshan_files_five_working_days_before_the_answer_deadline() -> None:
    found = derive("xiangshan", case(served("complaint_copy", "2025-09-26")))
    # Answer due Sat 10-11. Back 5 working days: Fri 10-10, Thu 10-09, (Oct 1-8 holiday),
    # Tue 09-30, Mon 09-29, Sun 09-28 (调休 working day) → due Sun 09-28.
    filing = found["bureau_filing@1"]
    assert (filing.trigger_date, filing.due_date) == (d("2025-10-11"), d("2025-09-28"))
    assert filing.explanation.direction == "before"


def test_xiangshan_filing_after_its_day_is_late_and_a_withdrawal_waives_it() -> None:
    # Served Mon 11-03 → answer due Tue 11-18 → back 5 working days: 11-17, 11-14, 11-13,
    # 11-12, 11-11 → due Tue 11-11.
    events = case(
        served("complaint_copy", "2025-11-03"),
        ("ReportedToBureau", {"subject": "complaint_copy", "reported_date": "2025-11-12"}),
    )
    found = derive("xiangshan", events)
    assert found["bureau_filing@1"].due_date == d("2025-11-11")
    assert found["bureau_filing@1"].status == "met_late"
    # The bureau forwards within 3 working days of Wed 11-12: Mon 11-17.
    assert found["bureau_forwarding@2"].due_date == d("2025-11-17")
    withdrawn = case(
        served("complaint_copy", "2025-11-03"),
        ("CaseConcluded", {"conclusion": "withdrawn", "concluded_date": "2025-11-05"}),
    )
    assert derive("xiangshan", withdrawn)["bureau_filing@1"].status == "waived"


def test_wenzhou_investigation_counts_30_working_days_across_spring_festival_2026() -> None:
    found = derive("wenzhou", case(judgment("2026-01-20", "lost"), effective("2026-02-02")))
    # From Mon 02-02: Feb 3-6 (4), Feb 9-13 (9), Sat 02-14 调休 (10), Feb 15-23 holiday,
    # Feb 24-27 (14), Sat 02-28 调休 (15), Mar 2-6 (20), Mar 9-13 (25), Mar 16-20 (30).
    assert found["investigation@2"].due_date == d("2026-03-20")
    # Report for review 5 working days after the investigation's due date: Fri 03-27.
    assert found["review_submission@2"].due_date == d("2026-03-27")


def test_wenzhou_review_submission_counts_from_the_investigation_once_recorded() -> None:
    events = case(
        judgment("2026-01-20", "lost"),
        effective("2026-02-02"),
        ("InvestigationCompleted", {"completed_date": "2026-03-02"}),
    )
    found = derive("wenzhou", events)
    assert found["investigation@2"].status == "met"
    # Mon 03-02 + 5 working days = Mon 03-09.
    assert found["review_submission@2"].due_date == d("2026-03-09")


def test_wenzhou_handling_lapses_when_a_returned_report_is_resubmitted() -> None:
    events = case(
        ("LossReportSubmitted", {"submitted_date": "2025-11-03"}),
        ("ReportReviewed", {"result": "returned", "reviewed_date": "2025-11-10"}),
        ("LossReportSubmitted", {"submitted_date": "2025-11-17"}),
    )
    found = derive("wenzhou", events)
    assert found["review@1"].status == "met"
    # Opinion due Mon 11-10 + 5 working days = Mon 11-17; handling 30 working days later.
    assert found["review_opinion@2"].due_date == d("2025-11-17")
    assert found["handling@2"].status == "waived"
    assert found["review@3"].status == "open"


def test_xiuyan_analysis_report_is_due_two_months_after_the_effective_judgment() -> None:
    found = derive("xiuyan", case(judgment("2025-12-10", "lost"), effective("2025-12-31")))
    # 12-31 + 2 months = 02-28 (no Feb 31); Sat 2026-02-28 is a 调休 working day.
    assert found["rectification_report@2"].due_date == d("2026-02-28")


def test_xiuyan_response_plan_follows_the_briefing() -> None:
    events = [served("complaint_copy", "2025-11-03")]
    # Briefing: Mon 11-03 + 2 working days = Wed 11-05; plan: + 3 working days = Mon 11-10.
    assert derive("xiuyan", case(*events))["response_plan@1"].due_date == d("2025-11-10")
    events.append(("LeadershipBriefed", {"briefed_date": "2025-11-04"}))
    # Briefed Tue 11-04: plan due Fri 11-07.
    assert derive("xiuyan", case(*events))["response_plan@1"].due_date == d("2025-11-07")


def test_jinzhai_meeting_papers_move_earlier_off_the_national_day_block() -> None:
    found = derive("jinzhai", case(("JointMeetingScheduled", {"meeting_date": "2025-10-09"})))
    # Thu 10-09 − 3 days = Mon 10-06, a holiday; earlier, past Oct 1-5, to Tue 09-30.
    assert found["meeting_papers@1"].due_date == d("2025-09-30")

"""Deadlines derived from case events, with every date worked out by hand.

2025 (国办发明电〔2024〕12号): National Day block Oct 1-8; make-up working days Sun Sep 28
and Sat Oct 11. 2026 (notice of 2025-11-04): Spring Festival Feb 15-23 with make-up working
days Sat Feb 14 and Sat Feb 28; no holiday in March. 2027: not published, not loaded.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from typing import Any

from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, Deadline, derive_deadlines, next_open
from shared.rulepacks import PackLibrary
from shared.rulepacks.library import SHANGHAI

LIB = PackLibrary.load()
CAL = WorkCalendar.official()
RECORDED = datetime(2025, 9, 1, 9, 0, tzinfo=SHANGHAI)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def case(*items: tuple[str, dict[str, Any]]) -> list[CaseEvent]:
    """Events at positions 1, 2, ...; a CaseFiled is not needed by any rule."""
    return [CaseEvent(i, kind, data, RECORDED) for i, (kind, data) in enumerate(items, 1)]


def served(kind: str, day: str, hearing: str | None = None) -> tuple[str, dict[str, Any]]:
    return "DocumentServed", {"kind": kind, "served_date": day, "hearing_date": hearing}


def judgment(day: str, outcome: str, duty_due: str | None = None) -> tuple[str, dict[str, Any]]:
    body = {"instance": "first", "kind": "judgment", "outcome": outcome, "loss_type": None}
    body |= {"performance_duty": duty_due is not None, "performance_due_date": duty_due}
    return "JudgmentServed", {"judgment": body, "served_date": day}


def effective(day: str) -> tuple[str, dict[str, Any]]:
    return "JudgmentEffective", {"effective_date": day}


def derive(pack_id: str, events: list[CaseEvent]) -> dict[str, Deadline]:
    return {dl.key: dl for dl in derive_deadlines(events, LIB, CAL, pack_id=pack_id)}


def test_guangzhou_report_and_answer_fall_on_national_day_make_up_working_days() -> None:
    found = derive("guangzhou", case(served("notice_to_respond", "2025-09-26")))
    # Fri 09-26 + 2 days = Sun 09-28, a 调休 working day: due that Sunday.
    assert found["report_notice@1"].due_date == d("2025-09-28")
    # + 15 days = Sat 10-11, also a 调休 working day: due that Saturday.
    answer = found["answer@1"]
    assert answer.due_date == d("2025-10-11")
    assert answer.status == "open" and answer.reminders == (7, 1)
    assert any("make-up working day" in step for step in answer.explanation.steps)
    assert (answer.pack, answer.pack_version, answer.source.split("; ")[0]) == (
        "statutory",
        1,
        "行政诉讼法 §67",
    )


def test_an_answer_after_the_due_date_is_met_late_and_starts_the_feedback_day() -> None:
    found = derive(
        "guangzhou",
        case(
            served("notice_to_respond", "2025-09-26"),
            ("AnswerSubmitted", {"submitted_date": "2025-10-13", "evidence_submitted": True}),
        ),
    )
    answer = found["answer@1"]
    assert (answer.status, answer.satisfied_position, answer.satisfied_date) == (
        "met_late",
        2,
        d("2025-10-13"),
    )
    # Feedback the day after answering: Mon 10-13 + 1 = Tue 10-14.
    assert found["answer_feedback@2"].due_date == d("2025-10-14")


def test_an_answer_on_the_friday_before_a_make_up_saturday_is_met() -> None:
    found = derive(
        "guangzhou",
        case(
            served("complaint_copy", "2025-09-26"),
            ("AnswerSubmitted", {"submitted_date": "2025-10-10", "evidence_submitted": True}),
            ("FeedbackSubmitted", {"subject": "answer", "feedback_date": "2025-10-11"}),
        ),
    )
    assert found["answer@1"].status == "met"
    # Fri 10-10 + 1 = Sat 10-11, a 调休 working day; feedback given that day.
    assert found["answer_feedback@2"].due_date == d("2025-10-11")
    assert found["answer_feedback@2"].status == "met"


def test_complaint_copy_and_notice_together_start_one_answer_period() -> None:
    found = derive(
        "statutory",
        case(served("notice_to_respond", "2025-09-26"), served("complaint_copy", "2025-09-27")),
    )
    assert [key for key in found if key.startswith("answer")] == ["answer@1"]


def test_withdrawal_before_answering_waives_the_answer_and_the_hearing() -> None:
    found = derive(
        "guangzhou",
        case(
            served("notice_to_respond", "2025-09-26"),
            served("summons", "2025-10-09", hearing="2025-10-20"),
            ("CaseConcluded", {"conclusion": "withdrawn", "concluded_date": "2025-10-10"}),
        ),
    )
    assert found["answer@1"].status == "waived"
    assert found["hearing@2"].status == "waived"
    assert found["report_notice@1"].status == "open"  # receipt still had to be reported


def test_a_conclusion_after_the_answer_leaves_it_met() -> None:
    found = derive(
        "statutory",
        case(
            served("complaint_copy", "2025-09-26"),
            ("AnswerSubmitted", {"submitted_date": "2025-10-09", "evidence_submitted": True}),
            ("CaseConcluded", {"conclusion": "mediated", "concluded_date": "2025-10-20"}),
        ),
    )
    assert found["answer@1"].status == "met"


def test_each_hearing_is_met_only_by_the_appearance_at_that_hearing() -> None:
    found = derive(
        "guangzhou",
        case(
            served("summons", "2025-10-09", hearing="2025-10-20"),
            ("HearingScheduled", {"hearing_date": "2025-11-05", "location": "3号法庭"}),
            ("AppearanceRecorded", {"hearing_date": "2025-10-20", "appearances": []}),
        ),
    )
    assert found["hearing@1"].status == "met"
    assert found["hearing@1"].due_date == d("2025-10-20")
    assert found["hearing@2"].status == "open"
    # The summons (Thu 10-09) is reported within 2 days: Sat 10-11, a 调休 working day.
    assert found["report_summons@1"].due_date == d("2025-10-11")
    # Feedback the day after appearing: Mon 10-20 + 1 = Tue 10-21.
    assert found["hearing_feedback@3"].due_date == d("2025-10-21")


def test_effective_judgment_with_a_performance_duty_must_be_reported_and_performed() -> None:
    events = case(judgment("2025-11-10", "lost", duty_due="2025-12-20"), effective("2025-11-26"))
    found = derive("guangzhou", events)
    # Wed 11-26 + 2 = Fri 11-28.
    assert found["report_effective_judgment@2"].due_date == d("2025-11-28")
    # Performance due Sat 12-20 (a plain weekend): first working day after, Mon 12-22.
    assert found["performance@2"].due_date == d("2025-12-22")
    without_duty = derive(
        "guangzhou", case(judgment("2025-11-10", "lost"), effective("2025-11-26"))
    )
    assert not [k for k in without_duty if k.startswith(("report_effective", "performance"))]


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


def test_a_deadline_in_an_unloaded_year_is_provisional_with_the_reason() -> None:
    late = derive("statutory", case(served("complaint_copy", "2026-12-28")))["answer@1"]
    # Mon 2026-12-28 + 15 = Tue 2027-01-12, read as weekends only.
    assert (late.due_date, late.provisional) == (d("2027-01-12"), True)
    assert late.provisional_reason is not None and "2027" in late.provisional_reason
    known = derive("statutory", case(served("complaint_copy", "2026-11-02")))["answer@1"]
    assert (known.provisional, known.provisional_reason) == (False, None)


def test_status_on_reports_missed_only_after_the_due_day() -> None:
    answer = derive("statutory", case(served("complaint_copy", "2025-09-26")))["answer@1"]
    assert answer.status_on(d("2025-10-11")) == "open"
    assert answer.status_on(d("2025-10-12")) == "missed"
    assert answer.status == "open"


def test_next_open_is_the_earliest_deadline_not_yet_past() -> None:
    deadlines = derive_deadlines(
        case(served("notice_to_respond", "2025-09-26")), LIB, CAL, pack_id="guangzhou"
    )
    assert [dl.key for dl in deadlines] == ["report_notice@1", "answer@1"]
    assert next_open(deadlines, d("2025-09-27")).key == "report_notice@1"
    assert next_open(deadlines, d("2025-09-29")).key == "answer@1"
    assert next_open(deadlines, d("2025-10-12")) is None


def test_events_in_any_order_give_the_same_deadlines() -> None:
    events = case(
        served("notice_to_respond", "2025-09-26"),
        served("summons", "2025-10-09", hearing="2025-10-20"),
        ("AnswerSubmitted", {"submitted_date": "2025-10-09", "evidence_submitted": True}),
        judgment("2025-11-10", "lost", duty_due="2025-12-20"),
        effective("2025-11-26"),
    )
    shuffled = events[:]
    random.Random(7).shuffle(shuffled)
    expected = derive_deadlines(events, LIB, CAL, pack_id="guangzhou")
    assert derive_deadlines(shuffled, LIB, CAL, pack_id="guangzhou") == expected

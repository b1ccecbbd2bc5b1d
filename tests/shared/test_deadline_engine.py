"""Deadlines of the statutory and Guangzhou packs, with every date worked out by hand.

2025 (国办发明电〔2024〕12号): National Day block Oct 1-8; make-up working days Sun Sep 28
and Sat Oct 11. 2026 (notice of 2025-11-04): Spring Festival Feb 15-23 with make-up working
days Sat Feb 14 and Sat Feb 28; no holiday in March. 2027: not published, not loaded.
"""

from __future__ import annotations

import random

from shared.deadlines import derive_deadlines, next_open

from .test_deadline_support import CAL, LIB, case, d, derive, effective, judgment, served


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
    answer = found["answer@1"]
    assert (answer.status, answer.ended_by_position, answer.ended_by_event) == (
        "waived",
        3,
        "CaseConcluded",
    )
    assert answer.status_reason is not None and "2025-10-10撤诉" in answer.status_reason
    assert found["hearing@2"].status == "waived"
    # The receipt had to be reported by Sep 28: overdue when the case ended, it stays missed
    # (and is chased no more).
    report = found["report_notice@1"]
    assert (report.status, report.ended_by_position) == ("missed", 3)
    assert report.status_reason is not None and "逾期未完成" in report.status_reason


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


DAYS = ("2025-09-27", "2025-09-29", "2025-10-12")


def test_next_open_is_the_earliest_deadline_not_yet_past() -> None:
    deadlines = derive_deadlines(
        case(served("notice_to_respond", "2025-09-26")), LIB, CAL, pack_id="guangzhou"
    )
    assert [dl.key for dl in deadlines] == ["report_notice@1", "answer@1"]
    keys = [getattr(next_open(deadlines, d(day)), "key", None) for day in DAYS]
    # 09-27: the report (due 09-28) comes first; 09-29: the report is missed, the answer is
    # next; 10-12: the answer is missed too.
    assert keys == ["report_notice@1", "answer@1", None]


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

"""When each delivery is due (pure planner): reminders, 报备, 反馈, escalations, withdrawal.

National Day 2025: Oct 1-8 are holidays; Sun Sep 28 and Sat Oct 11 are make-up working days.
"""

from __future__ import annotations

from datetime import datetime

from notifier.reminders.plan import CaseInfo
from notifier.reminders.texts import Context, compose
from shared.calendar import WorkCalendar, YearSchedule
from shared.rulepacks.library import SHANGHAI
from tests.notifier.cases import CASE, feed_event, filed, plan, served

CONTACT, HEAD, BUREAU = "contact:gz-hrss", "head:gz-hrss", "bureau:gz"


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI)


def key(deadline: str, kind: str, tail: str) -> str:
    return f"{CASE}:{deadline}:{kind}:{tail}"


def test_answer_reminders_inside_national_day_move_back_to_september_30() -> None:
    planned = plan([filed(), served(2, "notice_to_respond", "2025-09-19")])
    # answer due Oct 4 → holiday → Oct 9; 7 days before = Oct 2, 1 day before = Oct 8.
    for days in (7, 1):
        reminder = planned[key("answer@2", "reminder", f"{days}:{CONTACT}")]
        assert reminder.due_at == at("2025-09-30 09:00")
        assert reminder.payload["due_date"] == "2025-10-09"
        # Sent on Sep 30, nine days before Oct 9, whatever the nominal offset.
        _, body = compose(reminder.payload, Context(reminder.due_at.date(), {}))
        assert "距期满还有9天" in body


def test_hearing_reminder_on_sunday_moves_to_the_make_up_saturday() -> None:
    planned = plan([filed(), served(2, "summons", "2025-09-26", "2025-10-13")])
    assert planned[key("hearing@2", "reminder", f"1:{CONTACT}")].due_at == at("2025-10-11 09:00")
    assert planned[key("hearing@2", "reminder", f"7:{CONTACT}")].due_at == at("2025-09-30 09:00")


def test_report_due_on_the_make_up_sunday_is_reminded_that_sunday() -> None:
    planned = plan([filed(), served(2, "summons", "2025-09-26", "2025-10-13")])
    assert planned[key("report_summons@2", "report", f"0:{CONTACT}")].due_at == at(
        "2025-09-28 09:00"
    )


def test_feedback_check_is_on_the_first_working_day_after_the_holiday() -> None:
    events = [
        filed(),
        served(2, "notice_to_respond", "2025-09-19"),
        feed_event(
            3, "AnswerSubmitted", {"submitted_date": "2025-09-30", "evidence_submitted": True}
        ),
    ]
    planned = plan(events)
    # the day after Sep 30 is Oct 1, a holiday: the period ends on Oct 9.
    check = planned[key("answer_feedback@3", "feedback", f"0:{CONTACT}")]
    assert check.due_at == at("2025-10-09 09:00")
    assert not check.settled


def test_missed_answer_escalates_to_head_and_bureau_and_requires_remediation() -> None:
    planned = plan([filed(), served(2, "notice_to_respond", "2025-09-19")])
    for recipient in (HEAD, BUREAU):
        assert planned[key("answer@2", "escalation", recipient)].due_at == at("2025-10-10 09:00")
    remediation = planned[key("answer@2", "remediation", "case-api")]
    assert remediation.payload["deadline"] == "answer@2"
    assert remediation.due_at == at("2025-10-10 09:00")


def test_missed_report_escalates_without_a_remediation_record() -> None:
    planned = plan([filed(), served(2, "notice_to_respond", "2025-09-19")])
    assert key("report_notice@2", "escalation", HEAD) in planned
    assert key("report_notice@2", "remediation", "case-api") not in planned


def test_answer_on_time_settles_reminders_and_escalations() -> None:
    events = [
        filed(),
        served(2, "notice_to_respond", "2025-09-19"),
        feed_event(
            3, "AnswerSubmitted", {"submitted_date": "2025-09-29", "evidence_submitted": True}
        ),
    ]
    planned = plan(events)
    answer = [p for p in planned.values() if p.deadline_key == "answer@2"]
    assert answer and all(p.settled for p in answer)


def test_late_answer_withdraws_reminders_but_still_escalates() -> None:
    events = [
        filed(),
        served(2, "notice_to_respond", "2025-09-19"),
        feed_event(
            3, "AnswerSubmitted", {"submitted_date": "2025-10-10", "evidence_submitted": True}
        ),
    ]
    planned = plan(events)
    assert planned[key("answer@2", "reminder", f"7:{CONTACT}")].settled
    assert not planned[key("answer@2", "escalation", HEAD)].settled


def test_withdrawn_case_settles_everything_for_its_answer() -> None:
    events = [
        filed(),
        served(2, "notice_to_respond", "2025-09-19"),
        feed_event(3, "CaseConcluded", {"conclusion": "withdrawn", "concluded_date": "2025-09-25"}),
    ]
    answer = [p for p in plan(events).values() if p.deadline_key == "answer@2"]
    assert answer and all(p.settled for p in answer)


def test_configured_hour_replaces_the_pack_hour() -> None:
    planned = plan([filed(), served(2, "notice_to_respond", "2025-09-19")], hour=8)
    assert planned[key("answer@2", "reminder", f"7:{CONTACT}")].due_at == at("2025-09-30 08:00")


def test_a_corrected_holiday_schedule_moves_the_reminder() -> None:
    official = WorkCalendar.official().schedule(2025)
    corrected = YearSchedule(
        2025,
        official.holidays | {datetime(2025, 9, 30).date()},
        official.makeup_workdays,
        "test correction",
    )
    calendar = WorkCalendar.official().with_schedule(corrected)
    planned = plan([filed(), served(2, "notice_to_respond", "2025-09-19")], calendar)
    assert planned[key("answer@2", "reminder", f"7:{CONTACT}")].due_at == at("2025-09-29 09:00")


def test_keys_are_stable_and_unique() -> None:
    events = [
        filed(),
        served(2, "notice_to_respond", "2025-09-19"),
        served(3, "summons", "2025-09-26", "2025-10-13"),
    ]
    first, second = plan(events), plan(list(reversed(events)))
    assert first.keys() == second.keys()
    assert len(first) == len(set(first))


def test_a_postponed_hearing_withdraws_its_reminders_and_plans_the_new_date() -> None:
    events = [
        filed(),
        served(2, "summons", "2025-09-26", "2025-10-13"),
        feed_event(3, "HearingScheduled", {"hearing_date": "2025-10-27", "replaces": "2025-10-13"}),
    ]
    planned = plan(events)
    old = [p for p in planned.values() if p.deadline_key == "hearing@2"]
    assert old and all(p.settled for p in old)
    # Mon 2025-10-27: a week before is Mon 10-20, a day before Sun 10-26 → Fri 10-24.
    assert planned[key("hearing@3", "reminder", f"7:{CONTACT}")].due_at == at("2025-10-20 09:00")
    assert planned[key("hearing@3", "reminder", f"1:{CONTACT}")].due_at == at("2025-10-24 09:00")
    assert not planned[key("hearing@3", "reminder", f"1:{CONTACT}")].settled


def suggestion(position: int, served: str, stated: str | None = None) -> dict:
    return feed_event(
        position,
        "SuggestionReceived",
        {
            "issuer": "court",
            "issuer_name": "广州铁路运输中级法院",
            "number": "（2025）粤71司建3号",
            "content": "建议规范调查程序",
            "served_date": served,
            "reply_due_date": stated,
            "reply_due_stated": stated is not None,
        },
    )


def test_a_suggestion_reply_is_reminded_in_chinese_and_escalated_when_missed() -> None:
    planned = plan([filed(), suggestion(2, "2025-09-10")])
    # Two months from Sep 10 = Mon Nov 10; 7 days before = Mon Nov 3.
    reminder = planned[key("judicial_suggestion_reply@2", "reminder", f"7:{CONTACT}")]
    assert reminder.due_at == at("2025-11-03 09:00")
    title, body = compose(reminder.payload, Context(reminder.due_at.date(), {}))
    assert title == "【建议回复期限提醒】（2025）粤0106行初1号，距期满还有7天"
    assert "须收到司法建议书之日起两个月内书面回复，建议回复期限届满日为2025年11月10日" in body
    assert "004 7-③" not in body  # the clause is named by its document
    for recipient in (HEAD, BUREAU):
        escalation = planned[key("judicial_suggestion_reply@2", "escalation", recipient)]
        assert escalation.due_at == at("2025-11-11 09:00")
        _, text = compose(escalation.payload, Context(escalation.due_at.date(), {}))
        assert "仍无书面回复司法建议、检察建议记录" in text and "已逾期1天" in text


def test_a_suggestion_answered_in_time_settles_its_reminders_and_escalations() -> None:
    reply = {"number": "（2025）粤71司建3号", "answered_date": "2025-10-20", "reply": "已整改"}
    events = [
        filed(),
        suggestion(2, "2025-09-10", stated="2025-10-31"),
        feed_event(3, "SuggestionAnswered", reply),
    ]
    planned = plan(events)
    assert key("judicial_suggestion_reply@2", "reminder", f"7:{CONTACT}") not in planned
    stated = [p for p in planned.values() if p.deadline_key == "suggestion_reply_stated@2"]
    assert stated and all(p.settled for p in stated)


JINZHAI = CaseInfo(CASE, "（2026）皖1524行初7号", "jinzhai", ("jz-land",), ("jz",), "土地征收")
XIUYAN = CaseInfo(CASE, "（2026）辽0323行初5号", "xiuyan", ("xy-env",), ("xy",), "环境处罚")


def filed_in(info: CaseInfo) -> dict:
    event = filed()
    event["data"] = {
        **event["data"],
        "case_number": info.case_number,
        "agencies": [{"agency_id": info.agencies[0], "role": "implementing"}],
        "jurisdiction": info.bureaus[0],
        "pack": info.pack,
        "filed_date": "2026-03-02",
    }
    return event


def test_the_meeting_office_is_reminded_of_its_papers_not_the_agency_clerk() -> None:
    meeting = {"meeting_date": "2026-06-18", "agenda": "认定败诉责任"}
    planned = plan(
        [filed_in(JINZHAI), feed_event(2, "JointMeetingScheduled", meeting)], info=JINZHAI
    )
    papers = [p for p in planned.values() if p.deadline_key == "meeting_papers@2"]
    assert papers and {p.recipient for p in papers} == {"bureau:jz"}
    [first] = [p for p in papers if p.payload["facts"]["days_before"] == 1]
    title, body = compose(
        first.payload, Context(first.due_at.date(), {"jz-land": "金寨县自然资源局"})
    )
    assert title.startswith("【会议材料期限提醒】（2026）皖1524行初7号")
    assert "你单位" not in body
    assert "联席会议办公室在会议召开前3天将会议资料送达成员单位" in body
    assert "被诉单位：金寨县自然资源局" in body  # the bureau is told whose case it is


def test_a_late_decision_report_is_put_to_the_bureau_not_the_agency_head() -> None:
    decided = {"decided_date": "2026-05-06", "party_id": "p1", "outcome": "sanctioned"}
    planned = plan([filed_in(XIUYAN), feed_event(2, "AccountabilityDecided", decided)], info=XIUYAN)
    reports = [p for p in planned.values() if p.deadline_key == "decision_report@2"]
    assert {p.recipient for p in reports} == {"bureau:xy"}
    [escalation] = [p for p in reports if p.kind == "escalation"]
    _, body = compose(escalation.payload, Context(escalation.due_at.date(), {}))
    assert "你单位" not in body and "负责人" not in body
    assert "问责机关在处理决定作出后10个工作日内向县委报告" in body
    assert "请督促办理" in body

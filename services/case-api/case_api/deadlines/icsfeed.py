"""An agency's open deadlines as an iCalendar (RFC 5545) feed phone calendars subscribe to."""

from __future__ import annotations

from datetime import timedelta

from icalendar import Alarm, Calendar, Event

from case_api.deadlines.queries import DeadlineFilters
from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import NotFound


def agency_calendar(runtime, principal: Principal, agency: str) -> bytes:  # type: ignore[no-untyped-def]
    if principal.role in (Role.AGENCY_USER, Role.MOBILE_READER) and principal.agency != agency:
        raise NotFound("agency-not-found", f"Agency {agency} not found.", f"单位 {agency} 不存在。")
    today = runtime.clock.today()  # visibility itself is applied by the deadline query
    rows = runtime.deadline_queries.across_cases(
        principal, DeadlineFilters(agency=agency, status="pending"), today, limit=1000
    )
    calendar = Calendar()
    calendar.add("prodid", "-//yingsu//case-api deadlines//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{agency} 应诉期限")
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    for row in rows:
        calendar.add_component(_event(row))
    return calendar.to_ical()


def _event(row: dict) -> Event:
    event = Event()
    event.add("uid", f"{row['case_id']}-{row['key']}@yingsu")
    event.add("summary", f"{row['title_zh']}（{row['status']}）")
    event.add("dtstart", row["due_date"])
    event.add("dtend", row["due_date"] + timedelta(days=1))
    steps = "\n".join(row["explanation"].get("steps", []))
    event.add("description", f"{row['title']}\n依据：{row['source']}\n{steps}")
    for days in row["reminders"]:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"{row['title_zh']}：还有 {days} 天")
        alarm.add("trigger", timedelta(days=-days, hours=9))
        event.add_component(alarm)
    return event

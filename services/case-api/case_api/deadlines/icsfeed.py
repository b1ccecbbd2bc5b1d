"""An agency's open deadlines as an iCalendar (RFC 5545) feed phone calendars subscribe to.

Every upcoming deadline is in the feed. Overdue ones pile up over the years and would crowd
out what is coming, so only the ``OVERDUE_LISTED`` most recently due appear as events; one
more event, dated today, gives how many there are (counted up to ``OVERDUE_COUNTED``: "1000
项以上" beyond) and where the full list is. The counts also ride in the response headers,
so the cap is never silent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from case_api.deadlines.queries import DeadlineFilters
from case_api.platform.access import Principal, Role
from case_api.platform.domain_errors import NotFound

OVERDUE_LISTED = 50
OVERDUE_COUNTED = 1000
PAGE = 500


@dataclass(frozen=True)
class AgencyFeed:
    body: bytes
    headers: dict[str, str]


def agency_calendar(runtime: Any, principal: Principal, agency: str) -> AgencyFeed:
    if principal.role in (Role.AGENCY_USER, Role.MOBILE_READER) and principal.agency != agency:
        raise NotFound("agency-not-found", f"Agency {agency} not found.", f"单位 {agency} 不存在。")
    today = runtime.clock.today()  # visibility itself is applied by the deadline query
    queries = runtime.deadline_queries
    upcoming = _all(queries, principal, DeadlineFilters(agency=agency, status="open"), today)
    overdue = DeadlineFilters(agency=agency, status="pending", due_to=today - timedelta(days=1))
    listed = queries.latest(principal, overdue, today, OVERDUE_LISTED)
    total = len(listed)
    if total == OVERDUE_LISTED:
        total = queries.count(principal, overdue, today, up_to=OVERDUE_COUNTED + 1)
    calendar = Calendar()
    calendar.add("prodid", "-//yingsu//case-api deadlines//ZH")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{agency} 应诉期限")
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    calendar.add("x-wr-caldesc", _description(len(upcoming), total, len(listed)))
    for row in [*listed, *upcoming]:
        calendar.add_component(_event(row))
    if total:
        calendar.add_component(_overdue_summary(agency, today, total, len(listed)))
    return AgencyFeed(
        calendar.to_ical(),
        {
            "X-Upcoming-Deadlines": str(len(upcoming)),
            "X-Overdue-Deadlines": _counted(total),
            "X-Overdue-Deadlines-Listed": str(len(listed)),
        },
    )


def _all(queries: Any, principal: Principal, f: DeadlineFilters, today: date) -> list[dict]:
    rows, cursor = queries.across_cases(principal, f, today, PAGE)
    while cursor:
        page, cursor = queries.across_cases(principal, f, today, PAGE, cursor)
        rows.extend(page)
    return rows


def _counted(total: int) -> str:
    return f"{OVERDUE_COUNTED}+" if total > OVERDUE_COUNTED else str(total)


def _description(upcoming: int, overdue: int, listed: int) -> str:
    text = f"即将到期 {upcoming} 项（全部列出）；已逾期未完成 {_zh(overdue)}"
    return text + (f"（列出最近到期的 {listed} 项）" if listed < overdue else "")


def _overdue_summary(agency: str, today: date, total: int, listed: int) -> Event:
    event = Event()
    event.add("uid", f"overdue-{agency}@yingsu")
    event.add("summary", f"已逾期未完成的期限 {_zh(total)}")
    event.add("dtstart", today)
    event.add("dtend", today + timedelta(days=1))
    shown = "全部列在日历中" if listed == total else f"日历中只列出最近到期的 {listed} 项"
    event.add(
        "description",
        f"{shown}。完整清单：GET /v1/deadlines?agency={agency}&status=missed"
        f"\n{_counted(total)} overdue deadlines; the full list is at /v1/deadlines.",
    )
    return event


def _zh(total: int) -> str:
    return f"{OVERDUE_COUNTED} 项以上" if total > OVERDUE_COUNTED else f"{total} 项"


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

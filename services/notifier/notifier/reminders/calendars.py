"""The working-day calendar: the official schedules plus corrections that came on the feed.

A ``HolidayScheduleLoaded`` event (stream_type "calendar") replaces one year's schedule; the
corrections are stored, so every replica and every restart builds the same calendar.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from notifier.platform.tables import calendar_schedules
from shared.calendar import WorkCalendar, YearSchedule


class CalendarSource:
    def __init__(self) -> None:
        self._seen: tuple[tuple[int, int], ...] = ()
        self._calendar = WorkCalendar.official()

    def current(self, conn: Connection) -> WorkCalendar:
        """The calendar with every stored correction; rebuilt only when they changed."""
        rows = conn.execute(
            select(calendar_schedules).order_by(calendar_schedules.c.year)
        ).mappings()
        rows = list(rows)
        seen = tuple((r["year"], r["position"]) for r in rows)
        if seen != self._seen:
            calendar = WorkCalendar.official()
            for row in rows:
                calendar = calendar.with_schedule(YearSchedule.from_dict(row["schedule"]))
            self._calendar, self._seen = calendar, seen
        return self._calendar


def schedule_of(data: dict) -> dict:
    """The YearSchedule JSON shape out of a HolidayScheduleLoaded event's data (validated)."""
    shape = {
        "year": data["year"],
        "source": data.get("source") or "",
        "holidays": list(data.get("holidays", [])),
        "makeup_workdays": list(data.get("makeup_workdays", [])),
    }
    YearSchedule.from_dict(shape)
    return shape

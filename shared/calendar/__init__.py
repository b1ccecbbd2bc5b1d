"""Working-day calendar for mainland China, from the State Council holiday notices.

Pure domain: no web or database imports. Dates are Asia/Shanghai calendar dates.
"""

from shared.calendar.errors import CalendarYearNotLoaded, ScheduleInvalid
from shared.calendar.months import add_months, days_in_month
from shared.calendar.official import load_official_schedules
from shared.calendar.schedule import YearSchedule
from shared.calendar.statutory import DECREE, statutory_rest_days
from shared.calendar.work_calendar import DayKind, WorkCalendar, provisional_kind

__all__ = [
    "DECREE",
    "CalendarYearNotLoaded",
    "DayKind",
    "ScheduleInvalid",
    "WorkCalendar",
    "YearSchedule",
    "add_months",
    "days_in_month",
    "load_official_schedules",
    "provisional_kind",
    "statutory_rest_days",
]

"""When to remind of a deadline (Guangzhou: one week and one day before, [004 5-①])."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from shared.calendar import WorkCalendar
from shared.deadlines.model import Deadline
from shared.periods import Direction, Unit, compute_period
from shared.rulepacks import Policy
from shared.rulepacks.library import SHANGHAI


@dataclass(frozen=True)
class Reminder:
    days_before: int
    on: date
    at: datetime  # ``on`` at the pack's reminder hour, Asia/Shanghai
    provisional: bool = False  # the due date or ``on`` read a year without a schedule


def reminder_dates(
    deadline: Deadline, calendar: WorkCalendar, policy: Policy
) -> tuple[Reminder, ...]:
    """The deadline's reminders in date order.

    With ``reminders_on_rest_days: earlier`` a reminder falling on a rest day moves to the
    previous working day: the source does not say, and we choose never to remind late
    (DOMAIN.md §4). Years without a schedule are read provisionally (statutory holidays and weekends).
    """
    reminders = []
    for days in deadline.reminders:
        provisional = deadline.provisional
        if policy.reminders_on_rest_days == "earlier":
            period = compute_period(
                calendar,
                deadline.due_date,
                days,
                Unit.DAYS,
                Direction.BEFORE,
                allow_provisional=True,
                makeup_day_is_working_day=policy.makeup_day_is_working_day,
            )
            on, provisional = period.due_date, provisional or period.provisional
        else:
            on = deadline.due_date - timedelta(days=days)
        at = datetime.combine(on, time(policy.reminder_hour), tzinfo=SHANGHAI)
        reminders.append(Reminder(days, on, at, provisional))
    return tuple(sorted(reminders, key=lambda r: (r.on, -r.days_before)))

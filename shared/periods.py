"""Statutory period arithmetic (期间计算).

Civil Procedure Law §85, applied to administrative suits by Administrative Procedure
Law §101 and 法释〔2018〕1号 §48: the trigger day is not counted; holidays inside a period
are counted; a period ending on a rest day ends on the first working day after it.
Months follow Civil Code §202 (same-numbered day, else the month's last day).
"N before X" periods count back from X and, by project policy, move *earlier* off a
rest day so that nothing is ever late.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

from shared.calendar import (
    CalendarYearNotLoaded,
    DayKind,
    WorkCalendar,
    add_months,
    provisional_kind,
)

_ONE_DAY = timedelta(days=1)
_WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_LABEL = {
    DayKind.WEEKEND: "weekend",
    DayKind.HOLIDAY: "public holiday",
    DayKind.MAKEUP_WORKDAY: "make-up working day, a rest day under this pack's policy",
}


class Unit(StrEnum):
    DAYS = "days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


class Direction(StrEnum):
    AFTER = "after"
    BEFORE = "before"


_Skipped = list[tuple[date, DayKind]]
_UNIT_TEXT = {Unit.DAYS: "days", Unit.WORKING_DAYS: "working days", Unit.MONTHS: "months"}


@dataclass(frozen=True, slots=True)
class PeriodResult:
    """A computed due date with the facts needed to explain and audit it.

    ``start`` is the trigger day (AFTER) or the reference day X (BEFORE), never counted.
    ``raw_end`` is the end before the rest-day rule (for WORKING_DAYS, the due date).
    ``skipped_rest_days`` are the rest days passed over, in calendar order.
    ``provisional`` is True when a year without a loaded schedule was read provisionally
    (statutory holidays and weekends, ``provisional_kind``); ``steps`` explain the
    computation in English, one line each.
    """

    due_date: date
    start: date
    raw_end: date
    skipped_rest_days: tuple[date, ...]
    offset: int
    unit: Unit
    direction: Direction
    provisional: bool
    provisional_reason: str | None
    steps: tuple[str, ...]


class _DayReader:
    """Day kinds for one computation, remembering the years read provisionally."""

    __slots__ = ("calendar", "allow_provisional", "guessed_years")

    def __init__(self, calendar: WorkCalendar, allow_provisional: bool) -> None:
        self.calendar = calendar
        self.allow_provisional = allow_provisional
        self.guessed_years: set[int] = set()

    def kind(self, day: date) -> DayKind:
        kind = self.calendar.day_kind(day)
        if kind is not DayKind.NOT_LOADED:
            return kind
        if not self.allow_provisional:
            raise CalendarYearNotLoaded(day.year)
        self.guessed_years.add(day.year)
        return provisional_kind(day)


def compute_period(
    calendar: WorkCalendar,
    start: date,
    offset: int,
    unit: Unit,
    direction: Direction = Direction.AFTER,
    *,
    allow_provisional: bool = False,
    makeup_day_is_working_day: bool = True,
) -> PeriodResult:
    """The last day of a period of ``offset`` ``unit`` after (or before) ``start``.

    ``makeup_day_is_working_day`` is the pack's policy for make-up working days
    (调休上班) under the rest-day rule; counting WORKING_DAYS always counts them.
    Raises CalendarYearNotLoaded for a year without a schedule unless
    ``allow_provisional``; raises ValueError for a negative offset.
    """
    if type(offset) is not int:
        offset = operator.index(offset)  # a fractional count would never reach zero
    if offset < 0:
        raise ValueError(f"period offset must be >= 0, got {offset}")
    if type(unit) is not Unit or type(direction) is not Direction:
        unit, direction = Unit(unit), Direction(direction)
    forward = direction is Direction.AFTER
    step = _ONE_DAY if forward else -_ONE_DAY
    days = _DayReader(calendar, allow_provisional)
    counting = unit is Unit.WORKING_DAYS and offset > 0
    if counting:
        due, due_kind, skipped = _count_working_days(days, start, offset, step)
        raw_end = due
    else:
        raw_end = _raw_end(start, offset if forward else -offset, unit)
        due, due_kind, skipped = _roll_to_working_day(
            days, raw_end, step, makeup_day_is_working_day
        )
    reason = _provisional_reason(days.guessed_years)
    period = f"{'+' if forward else '-'}{offset} {_UNIT_TEXT[unit]}"
    return PeriodResult(
        due_date=due,
        start=start,
        raw_end=raw_end,
        skipped_rest_days=_in_calendar_order(skipped, forward),
        offset=offset,
        unit=unit,
        direction=direction,
        provisional=reason is not None,
        provisional_reason=reason,
        steps=_explain(start, period, forward, None if counting else raw_end, skipped, due)
        + _explain_tail(due, due_kind, reason),
    )


def _raw_end(start: date, signed_offset: int, unit: Unit) -> date:
    if unit is Unit.MONTHS:
        return add_months(start, signed_offset)
    # WORKING_DAYS only reaches here with offset 0: the rest-day rule alone applies.
    return start + timedelta(days=signed_offset)


def _roll_to_working_day(
    days: _DayReader, day: date, step: timedelta, makeup_is_working: bool
) -> tuple[date, DayKind, _Skipped]:
    """The rest-day rule: move by ``step`` until a working day under the pack policy."""
    skipped: _Skipped = []
    while True:
        kind = days.kind(day)
        if kind is DayKind.WORKDAY or (kind is DayKind.MAKEUP_WORKDAY and makeup_is_working):
            return day, kind, skipped
        skipped.append((day, kind))
        day += step


def _count_working_days(
    days: _DayReader, start: date, count: int, step: timedelta
) -> tuple[date, DayKind, _Skipped]:
    """Walk ``count`` working days from ``start`` (not counted), make-up days included."""
    skipped: _Skipped = []
    day, kind = start, DayKind.WORKDAY
    while count:
        day += step
        kind = days.kind(day)
        if kind <= DayKind.MAKEUP_WORKDAY:
            count -= 1
        else:
            skipped.append((day, kind))
    return day, kind, skipped


def _in_calendar_order(skipped: _Skipped, forward: bool) -> tuple[date, ...]:
    if not skipped:  # the common case; skip building a generator
        return ()
    ordered = (day for day, _ in skipped)
    return tuple(ordered) if forward else tuple(reversed(list(ordered)))


def _provisional_reason(years: set[int]) -> str | None:
    if not years:
        return None
    listed = ", ".join(str(year) for year in sorted(years))
    noun = "schedule" if len(years) == 1 else "schedules"
    return f"{listed} holiday {noun} not loaded; statutory holidays and weekends only"


def _explain(
    start: date, period: str, forward: bool, raw_end: date | None, skipped: _Skipped, due: date
) -> tuple[str, ...]:
    """Steps in walking order; ``raw_end`` is None when working days were counted."""
    lines = [f"start {_show(start)} ({'trigger' if forward else 'reference'} day, not counted)"]
    if raw_end is None:
        for day, kind in skipped:
            lines.append(f"skip {_show(day)} ({_LABEL[kind]})")
        lines.append(f"{period}: due {_show(due)}")
        return tuple(lines)
    lines.append(f"{period}: raw end {_show(raw_end)}")
    way = "forward" if forward else "earlier"
    for day, kind in skipped:
        lines.append(f"{_show(day)} is a rest day ({_LABEL[kind]}); move {way}")
    if skipped:
        landed = "first working day after" if forward else "previous working day"
        lines.append(f"due {_show(due)} ({landed})")
    else:
        lines.append(f"due {_show(due)}")
    return tuple(lines)


def _explain_tail(due: date, due_kind: DayKind, reason: str | None) -> tuple[str, ...]:
    if due_kind is DayKind.MAKEUP_WORKDAY:
        note = f"{_show(due)} is an official make-up working day, worked as usual"
        return (note, f"provisional: {reason}") if reason else (note,)
    return (f"provisional: {reason}",) if reason else ()


@lru_cache(maxsize=8192)
def _show(day: date) -> str:
    return f"{_WEEKDAY[day.weekday()]} {day.isoformat()}"

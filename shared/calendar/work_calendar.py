"""Mainland-China working days from the loaded official holiday schedules."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import IntEnum
from types import MappingProxyType
from typing import Any

from shared.calendar.errors import CalendarYearNotLoaded
from shared.calendar.schedule import YearSchedule
from shared.calendar.statutory import statutory_rest_days


class DayKind(IntEnum):
    """How the calendar treats one date; the values are stored in the day table.

    Ordered so that ``kind <= MAKEUP_WORKDAY`` means "a working day".
    """

    WORKDAY = 0
    MAKEUP_WORKDAY = 1  # 调休上班: a Saturday or Sunday officially worked
    WEEKEND = 2
    HOLIDAY = 3  # a rest day of a public-holiday block (法定节假日及调休放假)
    NOT_LOADED = 4

    @property
    def is_working(self) -> bool:
        return self <= DayKind.MAKEUP_WORKDAY


_KIND_BY_VALUE = tuple(DayKind)


class WorkCalendar:
    """An immutable set of yearly schedules, answering "is this a working day?".

    A day is a working day if it is a make-up workday, else if it is Monday-Friday
    and not a holiday. Days of years without a schedule raise CalendarYearNotLoaded
    unless the caller asks for a provisional answer (``provisional_kind``).
    """

    __slots__ = ("_schedules", "_base", "_kinds")

    _schedules: MappingProxyType[int, YearSchedule]
    _base: int  # ordinal of the first table entry (Jan 1 of the first loaded year)
    _kinds: bytes  # one DayKind per day from _base; gaps hold NOT_LOADED

    def __init__(self, schedules: Iterable[YearSchedule]) -> None:
        by_year: dict[int, YearSchedule] = {}
        for schedule in schedules:
            if schedule.year in by_year:
                raise ValueError(f"two schedules given for {schedule.year}")
            by_year[schedule.year] = schedule
        ordered = dict(sorted(by_year.items()))
        base, kinds = _day_table(ordered)
        object.__setattr__(self, "_schedules", MappingProxyType(ordered))
        object.__setattr__(self, "_base", base)
        object.__setattr__(self, "_kinds", kinds)

    @classmethod
    def official(cls) -> WorkCalendar:
        """The calendar of the schedules shipped in ``shared/calendar/data``."""
        from shared.calendar.official import official_calendar

        return official_calendar()

    def with_schedule(self, schedule: YearSchedule) -> WorkCalendar:
        """A new calendar with ``schedule`` added, or replacing that year's schedule."""
        return WorkCalendar({**self._schedules, schedule.year: schedule}.values())

    def loaded_years(self) -> frozenset[int]:
        return frozenset(self._schedules)

    def is_loaded(self, year: int) -> bool:
        return year in self._schedules

    def schedule(self, year: int) -> YearSchedule:
        try:
            return self._schedules[year]
        except KeyError:
            raise CalendarYearNotLoaded(year) from None

    def day_kind(self, day: date) -> DayKind:
        """The kind of ``day``; NOT_LOADED (never an error) outside the loaded years."""
        index = day.toordinal() - self._base
        if 0 <= index < len(self._kinds):
            return _KIND_BY_VALUE[self._kinds[index]]
        return DayKind.NOT_LOADED

    def is_working_day(self, day: date, *, provisional: bool = False) -> bool:
        """Whether ``day`` is worked; ``provisional`` answers for unloaded years too.

        The caller that passes ``provisional=True`` must mark its result provisional.
        """
        kind = self.day_kind(day)
        if kind is DayKind.NOT_LOADED:
            if not provisional:
                raise CalendarYearNotLoaded(day.year)
            kind = provisional_kind(day)
        return kind <= DayKind.MAKEUP_WORKDAY

    def is_rest_day(self, day: date, *, provisional: bool = False) -> bool:
        return not self.is_working_day(day, provisional=provisional)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("WorkCalendar is immutable; use with_schedule()")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("WorkCalendar is immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkCalendar):
            return NotImplemented
        return dict(self._schedules) == dict(other._schedules)

    def __hash__(self) -> int:
        return hash(tuple(self._schedules.values()))

    def __repr__(self) -> str:
        return f"WorkCalendar(years={sorted(self._schedules)})"


def provisional_kind(day: date) -> DayKind:
    """How a day of a year without a schedule is read until its schedule is loaded.

    The holidays the law fixes are rest days, and so are weekends; the yearly notice's
    bridge days and make-up working days are unknown, so none is assumed.
    """
    if day in statutory_rest_days(day.year):
        return DayKind.HOLIDAY
    return DayKind.WEEKEND if day.weekday() >= 5 else DayKind.WORKDAY


def _day_table(schedules: dict[int, YearSchedule]) -> tuple[int, bytes]:
    """Precompute one DayKind byte per day so lookups on the hot path are an index."""
    if not schedules:
        return 0, b""
    base = date(min(schedules), 1, 1).toordinal()
    end = date(max(schedules), 12, 31).toordinal()
    table = bytearray([DayKind.NOT_LOADED]) * (end - base + 1)
    for year, schedule in schedules.items():
        first = date(year, 1, 1).toordinal()
        for ordinal in range(first, date(year, 12, 31).toordinal() + 1):
            # Ordinal 1 (0001-01-01) is a Monday, so (ordinal - 1) % 7 is date.weekday().
            weekend = (ordinal - 1) % 7 >= 5
            table[ordinal - base] = DayKind.WEEKEND if weekend else DayKind.WORKDAY
        for day in schedule.holidays:
            table[day.toordinal() - base] = DayKind.HOLIDAY
        for day in schedule.makeup_workdays:
            table[day.toordinal() - base] = DayKind.MAKEUP_WORKDAY
    return base, bytes(table)

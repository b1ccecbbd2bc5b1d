"""One year's official holiday schedule (国务院办公厅关于部分节假日安排的通知)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from shared.calendar.errors import ScheduleInvalid

_KEYS = frozenset({"year", "source", "holidays", "makeup_workdays"})


@dataclass(frozen=True)
class YearSchedule:
    """The rest and make-up days of one calendar year.

    ``holidays``: every rest day of a public-holiday block (放假), weekend days inside
    the block included. ``makeup_workdays``: weekend days worked instead (调休上班).
    A block may straddle New Year: the late-December days of a block announced in
    next year's notice belong to this year's schedule, because schedules are per
    calendar year. ``source`` names the notice(s) the dates come from.
    """

    year: int
    holidays: frozenset[date]
    makeup_workdays: frozenset[date]
    source: str

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ScheduleInvalid(f"year {self.year} is out of range")
        _check_days(self.year, "holidays", self.holidays)
        _check_days(self.year, "makeup_workdays", self.makeup_workdays)
        both = sorted(self.holidays & self.makeup_workdays)
        if both:
            raise ScheduleInvalid(
                f"{self.year}: {_iso(both)} listed both as holiday and as make-up workday"
            )
        weekdays = sorted(d for d in self.makeup_workdays if d.weekday() < 5)
        if weekdays:
            raise ScheduleInvalid(
                f"{self.year}: make-up workdays must be Saturdays or Sundays, "
                f"got weekdays {_iso(weekdays)}"
            )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> YearSchedule:
        """Parse the JSON shape ``{"year", "source", "holidays", "makeup_workdays"}``."""
        if not isinstance(data, Mapping):
            raise ScheduleInvalid("a schedule must be a JSON object")
        missing, unknown = _KEYS - data.keys(), data.keys() - _KEYS
        if missing or unknown:
            raise ScheduleInvalid(
                f"schedule keys: missing {sorted(missing)}, unknown {sorted(unknown)}"
            )
        year, source = data["year"], data["source"]
        if type(year) is not int:
            raise ScheduleInvalid(f"year must be an integer, got {year!r}")
        if not isinstance(source, str) or not source.strip():
            raise ScheduleInvalid(f"{year}: source must name the notice")
        return cls(
            year=year,
            holidays=_parse_dates(year, "holidays", data["holidays"]),
            makeup_workdays=_parse_dates(year, "makeup_workdays", data["makeup_workdays"]),
            source=source,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "source": self.source,
            "holidays": [d.isoformat() for d in sorted(self.holidays)],
            "makeup_workdays": [d.isoformat() for d in sorted(self.makeup_workdays)],
        }


def _check_days(year: int, field: str, days: frozenset[date]) -> None:
    if not isinstance(days, frozenset):
        raise ScheduleInvalid(f"{year}: {field} must be a frozenset of dates")
    # datetime is a date subclass but never equal to a date: it would silently miss.
    not_dates = [d for d in days if type(d) is not date]
    if not_dates:
        raise ScheduleInvalid(f"{year}: {field} holds non-dates {not_dates[:3]!r}")
    outside = sorted(d for d in days if d.year != year)
    if outside:
        raise ScheduleInvalid(f"{year}: {field} has dates outside the year: {_iso(outside)}")


def _parse_dates(year: int, field: str, raw: object) -> frozenset[date]:
    if not isinstance(raw, list):
        raise ScheduleInvalid(f"{year}: {field} must be a list of YYYY-MM-DD strings")
    days: list[date] = []
    for item in raw:
        try:
            days.append(date.fromisoformat(item))
        except (TypeError, ValueError):
            raise ScheduleInvalid(f"{year}: {field} has a bad date {item!r}") from None
    repeated = sorted({d for d in days if days.count(d) > 1})
    if repeated:
        raise ScheduleInvalid(f"{year}: {field} lists {_iso(repeated)} more than once")
    return frozenset(days)


def _iso(days: Iterable[date]) -> str:
    return ", ".join(d.isoformat() for d in days)

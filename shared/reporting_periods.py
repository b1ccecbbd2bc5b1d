"""Reporting periods and their names (pure date arithmetic): bulletins, typical-case quotas.

A rule pack's bulletin entry says how often it comes out (``every``); each kind of period has
a name of its own, so a name alone says which kind it is: ``2025-09`` (month), ``2025-Q3``
(quarter), ``2025-H1`` (half-year), ``2025`` (year). Within one kind, names sort in time order.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {"month": 1, "quarter": 3, "half_year": 6, "year": 12}
FORMS = {  # kind → (name, Chinese label); n counts from 1 within the year
    "month": ("{year:04d}-{n:02d}", "{year}年{n}月"),
    "quarter": ("{year:04d}-Q{n}", "{year}年第{n}季度"),
    "half_year": ("{year:04d}-H{n}", "{year}年{half}半年"),
    "year": ("{year:04d}", "{year}年度"),
}
_NAME = re.compile(r"(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?")


def period_of(day: date, every: str) -> str:
    """The name of the ``every`` period that ``day`` falls in."""
    return _name(day.year, (day.month - 1) // MONTHS[every], every)


def parse_period(period: str) -> tuple[int, int, str]:
    """``period`` → (year, 0-based index within the year, kind); ValueError if no name."""
    found = _NAME.fullmatch(period)
    if found is None:
        raise ValueError(f"not a bulletin period: {period!r}")
    year, month, quarter, half = found.groups()
    if month is not None:
        if not 1 <= int(month) <= 12:
            raise ValueError(f"not a bulletin period: {period!r}")
        return int(year), int(month) - 1, "month"
    if quarter is not None:
        return int(year), int(quarter) - 1, "quarter"
    if half is not None:
        return int(year), int(half) - 1, "half_year"
    return int(year), 0, "year"


def period_kind(period: str) -> str:
    return parse_period(period)[2]


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day of ``period``, both inclusive."""
    year, index, every = parse_period(period)
    first = index * MONTHS[every] + 1
    last = first + MONTHS[every] - 1
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def next_period(period: str) -> str:
    return period_of(period_bounds(period)[1] + timedelta(days=1), period_kind(period))


def period_label(period: str) -> str:
    """The period as a Chinese title says it: 2025年9月, 2025年第3季度, 2025年上半年, 2025年度."""
    year, index, every = parse_period(period)
    return _format(FORMS[every][1], year, index)


def _name(year: int, index: int, every: str) -> str:
    return _format(FORMS[every][0], year, index)


def _format(form: str, year: int, index: int) -> str:
    return form.format(year=year, n=index + 1, half=("上", "下")[index % 2])

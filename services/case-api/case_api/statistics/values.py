"""Reporting periods named the way bureaus name them: a year, a half, a quarter, a month."""

from __future__ import annotations

import calendar
import re
from datetime import date

PERIOD_PATTERN = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$"
"""``2026`` (year), ``2026-H1`` (half-year), ``2026-Q3`` (quarter), ``2026-11`` (month)."""


def period_bounds(period: str) -> tuple[date, date] | None:
    """First and last day of ``period``; None when it is not a period's name."""
    if not re.fullmatch(PERIOD_PATTERN, period):
        return None
    year, _, part = period.partition("-")
    y = int(year)
    if not part:
        first, last = 1, 12
    elif part[0] == "H":
        first = 1 + 6 * (int(part[1]) - 1)
        last = first + 5
    elif part[0] == "Q":
        first = 1 + 3 * (int(part[1]) - 1)
        last = first + 2
    else:
        first = last = int(part)
    return date(y, first, 1), date(y, last, calendar.monthrange(y, last)[1])

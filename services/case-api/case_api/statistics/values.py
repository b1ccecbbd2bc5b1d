"""Reporting periods named the way bureaus name them: a year, a half, a quarter, a month."""

from __future__ import annotations

import re
from datetime import date

from shared import reporting_periods

PERIOD_PATTERN = r"^[1-9][0-9]{3}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$"
"""``2026`` (year), ``2026-H1`` (half-year), ``2026-Q3`` (quarter), ``2026-11`` (month): the
names of ``shared.reporting_periods``, as the path parameter states them."""


def period_bounds(period: str) -> tuple[date, date] | None:
    """First and last day of ``period``; None when it is not a period's name."""
    if not re.fullmatch(PERIOD_PATTERN, period):
        return None
    return reporting_periods.period_bounds(period)

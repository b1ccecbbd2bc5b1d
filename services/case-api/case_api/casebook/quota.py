"""Whether each period of a year met the pack's typical-case quota (pure date arithmetic).

A period is met once a case was published in it. A later withdrawal (the judgment overturned
on appeal, say) does not undo the publication the duty asked for, so it still counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from shared.reporting_periods import MONTHS, period_bounds, period_label, period_of


@dataclass(frozen=True)
class Period:
    period: str
    label: str
    start: date
    end: date
    published: int
    withdrawn: int
    status: str


def year_periods(year: int, every: str) -> list[str]:
    """The names of the year's ``every`` periods, in time order."""
    return [period_of(date(year, month, 1), every) for month in range(1, 13, MONTHS[every])]


def quota(
    year: int, every: str, publications: Iterable[tuple[date, bool]], today: date
) -> list[Period]:
    """Each ``every`` period of ``year``; ``publications``: (published date, withdrawn since)."""
    counts: dict[str, list[int]] = {name: [0, 0] for name in year_periods(year, every)}
    for published, withdrawn in publications:
        name = period_of(published, every)
        if name in counts:
            counts[name][0] += 1
            counts[name][1] += int(withdrawn)
    return [_period(name, *counts[name], today) for name in counts]


def _period(name: str, published: int, withdrawn: int, today: date) -> Period:
    start, end = period_bounds(name)
    if published:
        status = "met"
    elif end < today:
        status = "missed"
    elif start > today:
        status = "upcoming"
    else:
        status = "open"
    return Period(name, period_label(name), start, end, published, withdrawn, status)

"""Rest days fixed by law, for years whose State Council schedule is not yet published.

《全国年节及纪念日放假办法》 (2024 revision, State Council Decree No. 795, in force since
2025-01-01) names the public holidays every year has, whatever the yearly notice later adds:
New Year's Day (1 day), the Spring Festival (4 days: Lunar New Year's Eve and the first three
days of the first lunar month), Qingming (the day of the solar term), Labour Day (May 1-2),
the Dragon Boat Festival (5th day of the 5th lunar month), Mid-Autumn (15th day of the 8th
lunar month) and National Day (October 1-3). The yearly notice adds bridge days and make-up
working days (调休), which nobody can know in advance: a calendar built from this module is
provisional and every date computed from it must say so.

Lunar dates and the solar term come from ``lunar_python`` (a maintained lunar-calendar
library), never from a table of our own.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from lunar_python import Lunar, Solar

DECREE = "全国年节及纪念日放假办法（2024年修订）"


@cache
def statutory_rest_days(year: int) -> frozenset[date]:
    """The public holidays of ``year`` that the law fixes (weekends not included)."""
    new_year = _solar(Lunar.fromYmd(year, 1, 1).getSolar())
    spring = {new_year + timedelta(days=n) for n in range(-1, 3)}  # 除夕 … 正月初三
    fixed = {date(year, 1, 1), date(year, 5, 1), date(year, 5, 2)}
    fixed |= {date(year, 10, day) for day in (1, 2, 3)}
    lunar = {
        _solar(Lunar.fromYmd(year, 5, 5).getSolar()),  # 端午
        _solar(Lunar.fromYmd(year, 8, 15).getSolar()),  # 中秋
    }
    qingming = _solar(Solar.fromYmd(year, 4, 15).getLunar().getJieQiTable()["清明"])
    # Lunar New Year's Eve of ``year`` falls in January or February of that same year.
    return frozenset(d for d in spring | fixed | lunar | {qingming} if d.year == year)


def _solar(day: Solar) -> date:
    return date(day.getYear(), day.getMonth(), day.getDay())

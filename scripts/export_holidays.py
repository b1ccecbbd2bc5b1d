"""Export the official holiday schedules from chinesecalendar into shared/calendar/data.

Usage: python scripts/export_holidays.py [--out DIR] [--check]

chinesecalendar 1.11 holds the State Council notices for 2004-2026 and raises for
later years, so nothing here is guessed. Two corrections are applied on export:
- weekend days *inside* a holiday block that the package leaves out (2011-06-05,
  2012-06-23, 2015-06-21: the Dragon Boat blocks "6月4日至6日放假" etc.) are added, so
  ``holidays`` is every rest day of a block;
- late-December days of a New Year block announced in next year's notice stay in
  this year's file, and its ``source`` names both notices.
--check compares with the files on disk and exits 1 when they differ.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar

from shared.calendar import YearSchedule

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "shared" / "calendar" / "data"
NOTICE = "国务院办公厅关于{year}年部分节假日安排的通知"
NOTICE_REFERENCE = {
    2025: "（国办发明电〔2024〕12号）",
    2026: "（2025-11-04）",
}
AMENDMENTS = {
    2019: "国务院办公厅关于调整2019年劳动节假期安排的通知",
    2020: "国务院办公厅关于延长2020年春节假期的通知",
}
NEW_YEAR = chinese_calendar.Holiday.new_years_day.value


def source_for(year: int, named: dict[date, str]) -> str:
    parts = [NOTICE.format(year=year) + NOTICE_REFERENCE.get(year, "")]
    if year in AMENDMENTS:
        parts.append(AMENDMENTS[year])
    if any(d.year == year and d.month == 12 and name == NEW_YEAR for d, name in named.items()):
        parts.append(NOTICE.format(year=year + 1) + "（12月的元旦放假调休）")
    return "；".join(parts)


def fill_block_gaps(holidays: dict[date, str], makeup: set[date]) -> list[date]:
    """Add weekend days lying between two days of the same holiday block."""
    added = []
    for day, name in sorted(holidays.items()):
        for gap in (1, 2):
            after = day + timedelta(days=gap + 1)
            inside = [day + timedelta(days=i) for i in range(1, gap + 1)]
            if holidays.get(after) != name:
                continue
            if all(d.weekday() >= 5 and d not in holidays and d not in makeup for d in inside):
                added.extend(inside)
    for d in added:
        holidays[d] = holidays[d - timedelta(days=1)]
    return added


def build_schedules() -> tuple[list[YearSchedule], list[date]]:
    by_year: dict[int, dict[date, str]] = defaultdict(dict)
    makeup_by_year: dict[int, dict[date, str]] = defaultdict(dict)
    for day, name in chinese_calendar.holidays.items():
        by_year[day.year][day] = name
    for day, name in chinese_calendar.workdays.items():
        makeup_by_year[day.year][day] = name
    schedules, filled = [], []
    for year in sorted(by_year):
        holidays, makeup = by_year[year], makeup_by_year[year]
        filled += fill_block_gaps(holidays, set(makeup))
        source = source_for(year, {**holidays, **makeup})
        schedules.append(YearSchedule(year, frozenset(holidays), frozenset(makeup), source))
    return schedules, filled


def render(schedule: YearSchedule) -> str:
    return json.dumps(schedule.to_dict(), ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    schedules, filled = build_schedules()
    for day in filled:
        print(f"added weekend day inside a holiday block: {day}", file=sys.stderr)
    stale = []
    for schedule in schedules:
        path = args.out / f"{schedule.year}.json"
        text = render(schedule)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    years = f"{schedules[0].year}-{schedules[-1].year}"
    print(f"{'checked' if args.check else 'wrote'} {len(schedules)} years ({years})")
    if stale:
        print(f"out of date: {', '.join(stale)}", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())

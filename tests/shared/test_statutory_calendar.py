"""Years without a published schedule rest on the holidays the law fixes, and on weekends."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from shared.calendar import DayKind, WorkCalendar, provisional_kind, statutory_rest_days

CAL = WorkCalendar.official()


def test_every_published_schedule_since_the_2024_revision_rests_on_the_statutory_days():
    for year in sorted(CAL.loaded_years()):
        if year >= 2025:  # the 2024 revision of the holiday measures applies from 2025
            assert statutory_rest_days(year) <= CAL.schedule(year).holidays, year


def test_2027_statutory_days_follow_the_lunar_calendar_and_the_qingming_term():
    assert sorted(statutory_rest_days(2027)) == [
        date(2027, 1, 1),
        *(date(2027, 2, day) for day in (5, 6, 7, 8)),  # 除夕 Feb 5 to 正月初三 Feb 8
        date(2027, 4, 5),  # 清明
        date(2027, 5, 1),
        date(2027, 5, 2),
        date(2027, 6, 9),  # 端午
        date(2027, 9, 15),  # 中秋
        *(date(2027, 10, day) for day in (1, 2, 3)),
    ]


def test_a_festival_on_national_day_is_one_rest_day_not_two():
    # Mid-Autumn 2028 falls on October 3rd: thirteen holidays, twelve distinct days.
    assert date(2028, 10, 3) in statutory_rest_days(2028)
    assert len(statutory_rest_days(2028)) == 12


@given(st.dates(date(2027, 1, 1), date(2040, 12, 31)))
def test_an_unloaded_day_rests_exactly_when_weekend_or_statutory(day: date):
    kind = provisional_kind(day)
    rests = day.weekday() >= 5 or day in statutory_rest_days(day.year)
    assert CAL.is_rest_day(day, provisional=True) is rests
    assert kind in ((DayKind.HOLIDAY, DayKind.WEEKEND) if rests else (DayKind.WORKDAY,))


@given(st.integers(2025, 2060))
def test_every_year_has_its_spring_festival_as_four_consecutive_days(year: int):
    days = sorted(
        d for d in statutory_rest_days(year) if d.month in (1, 2) and d != date(year, 1, 1)
    )
    assert len(days) == 4
    assert all(b - a == timedelta(days=1) for a, b in zip(days, days[1:], strict=False))

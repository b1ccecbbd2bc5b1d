"""Bulletin periods: names, bounds and the next period, for every kind a rule pack may name;
and the day each period's bulletin goes out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from notifier.bulletin.schedule import bulletin_due
from shared.calendar import WorkCalendar
from shared.reporting_periods import (
    MONTHS,
    next_period,
    parse_period,
    period_bounds,
    period_kind,
    period_label,
    period_of,
)

KINDS = st.sampled_from(sorted(MONTHS))
DAYS = st.dates(date(1000, 1, 1), date(9998, 12, 31))
CAL = WorkCalendar.official()
LOADED = st.dates(date(2004, 1, 1), date(2026, 11, 30))


@given(DAYS, KINDS)
def test_every_day_lies_in_the_period_named_after_it(day: date, every: str) -> None:
    period = period_of(day, every)
    start, end = period_bounds(period)
    assert start <= day <= end
    assert period_of(start, every) == period_of(end, every) == period
    assert period_kind(period) == every


@given(DAYS, KINDS)
def test_periods_of_a_kind_tile_the_calendar(day: date, every: str) -> None:
    """Contiguous and disjoint: the next period starts the day after this one ends, and the
    day before this one starts lies in the previous one, so no day is in two periods."""
    period = period_of(day, every)
    start, end = period_bounds(period)
    following = next_period(period)
    assert period_bounds(following)[0] == end + timedelta(days=1)
    assert next_period(period_of(start - timedelta(days=1), every)) == period
    assert period < following  # names of one kind sort in time order
    assert not period_bounds(following)[0] <= day <= period_bounds(following)[1]


@given(DAYS, KINDS)
def test_a_period_spans_its_months(day: date, every: str) -> None:
    start, end = period_bounds(period_of(day, every))
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    assert (start.day, months) == (1, MONTHS[every])
    assert (end + timedelta(days=1)).day == 1


@given(DAYS, KINDS, KINDS)
def test_shorter_periods_nest_in_longer_ones(day: date, short: str, long: str) -> None:
    if MONTHS[short] > MONTHS[long]:
        short, long = long, short
    start, end = period_bounds(period_of(day, short))
    assert period_of(start, long) == period_of(end, long) == period_of(day, long)


@given(DAYS, KINDS)
def test_a_name_reads_back_as_itself(day: date, every: str) -> None:
    period = period_of(day, every)
    year, index, kind = parse_period(period)
    assert (year, kind) == (day.year, every)
    assert 0 <= index < 12 // MONTHS[every]


@given(LOADED, KINDS)
def test_a_bulletin_is_due_on_the_first_working_day_after_its_period(day: date, every: str) -> None:
    period = period_of(day, every)
    due = bulletin_due(period, CAL, 9)
    end = period_bounds(period)[1]
    assert due.hour == 9 and due.date() > end
    assert CAL.is_working_day(due.date(), provisional=True)
    between = (end + timedelta(days=n) for n in range(1, (due.date() - end).days))
    assert not any(CAL.is_working_day(d, provisional=True) for d in between)


@pytest.mark.parametrize(
    ("day", "every", "name", "label", "bounds"),
    [
        ("2025-09-30", "month", "2025-09", "2025年9月", ("2025-09-01", "2025-09-30")),
        ("2024-02-10", "month", "2024-02", "2024年2月", ("2024-02-01", "2024-02-29")),
        ("2025-09-30", "quarter", "2025-Q3", "2025年第3季度", ("2025-07-01", "2025-09-30")),
        ("2025-10-01", "quarter", "2025-Q4", "2025年第4季度", ("2025-10-01", "2025-12-31")),
        ("2025-06-30", "half_year", "2025-H1", "2025年上半年", ("2025-01-01", "2025-06-30")),
        ("2025-07-01", "half_year", "2025-H2", "2025年下半年", ("2025-07-01", "2025-12-31")),
        ("2025-12-31", "year", "2025", "2025年度", ("2025-01-01", "2025-12-31")),
    ],
)
def test_names_labels_and_bounds(day, every, name, label, bounds) -> None:  # type: ignore[no-untyped-def]
    assert period_of(date.fromisoformat(day), every) == name
    assert period_label(name) == label
    assert tuple(d.isoformat() for d in period_bounds(name)) == bounds


def test_the_next_period_crosses_the_year() -> None:
    assert [next_period(p) for p in ("2025-12", "2025-Q4", "2025-H2", "2025")] == [
        "2026-01",
        "2026-Q1",
        "2026-H1",
        "2026",
    ]


@pytest.mark.parametrize("text", ["2025-13", "2025-00", "2025-Q5", "2025-H3", "25-09", "x", ""])
def test_other_text_is_no_period(text: str) -> None:
    with pytest.raises(ValueError, match="not a bulletin period"):
        parse_period(text)


def test_second_half_of_2025_waits_for_the_new_year_make_up_sunday() -> None:
    assert bulletin_due("2025-H2", CAL, 9).isoformat() == "2026-01-04T09:00:00+08:00"
    assert bulletin_due("2025-Q3", CAL, 9).isoformat() == "2025-10-09T09:00:00+08:00"

"""Invariants of period arithmetic over every loaded year (2004-2026)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.calendar import CalendarYearNotLoaded, WorkCalendar, days_in_month
from shared.periods import Direction, Unit, compute_period

CAL = WorkCalendar.official()
LOADED = st.dates(date(2004, 1, 1), date(2026, 12, 31))
WORKING = LOADED.filter(CAL.is_working_day)
DAY_OFFSETS = st.integers(0, 400)
MONTH_OFFSETS = st.integers(0, 24)
WORKING_OFFSETS = st.integers(1, 60)
BEFORE = Direction.BEFORE


def working(day: date) -> bool:
    return CAL.is_working_day(day, provisional=True)


def working_days_in(after: date, through: date) -> int:
    """Working days in the half-open span (after, through]."""
    span = (through - after).days
    return sum(working(after + timedelta(days=i)) for i in range(1, span + 1))


@given(
    LOADED,
    st.one_of(
        st.tuples(st.just(Unit.DAYS), DAY_OFFSETS), st.tuples(st.just(Unit.MONTHS), MONTH_OFFSETS)
    ),
)
def test_days_and_months_after_never_end_on_a_rest_day(start, unit_and_offset):
    unit, offset = unit_and_offset
    result = compute_period(CAL, start, offset, unit, allow_provisional=True)
    assert working(result.due_date)
    assert result.due_date >= result.raw_end > start or offset == 0
    # only rest days lie between the raw end and the due date
    assert not any(working(day) for day in result.skipped_rest_days)
    assert len(result.skipped_rest_days) == (result.due_date - result.raw_end).days


@given(LOADED, DAY_OFFSETS)
def test_with_makeup_days_as_rest_the_period_ends_on_an_ordinary_working_day(start, offset):
    result = compute_period(
        CAL, start, offset, Unit.DAYS, allow_provisional=True, makeup_day_is_working_day=False
    )
    assert working(result.due_date) and result.due_date.weekday() < 5


@given(WORKING, WORKING_OFFSETS)
def test_n_working_days_after_a_working_day_span_exactly_n_working_days(start, count):
    result = compute_period(CAL, start, count, Unit.WORKING_DAYS, allow_provisional=True)
    assert working(result.due_date)
    assert working_days_in(start, result.due_date) == count
    span = (result.due_date - start).days
    assert len(result.skipped_rest_days) == span - count


@given(WORKING, WORKING_OFFSETS)
def test_working_days_after_then_before_return_to_the_start(start, count):
    there = compute_period(CAL, start, count, Unit.WORKING_DAYS, allow_provisional=True)
    back = compute_period(
        CAL, there.due_date, count, Unit.WORKING_DAYS, BEFORE, allow_provisional=True
    )
    assert back.due_date == start


@given(LOADED, st.integers(-24, 24))
def test_month_arithmetic_stays_inside_the_target_month(start, months):
    direction = Direction.AFTER if months >= 0 else BEFORE
    result = compute_period(CAL, start, abs(months), Unit.MONTHS, direction, allow_provisional=True)
    raw = result.raw_end
    month_index = start.year * 12 + start.month - 1 + months
    assert (raw.year, raw.month - 1) == divmod(month_index, 12)
    assert raw.day == min(start.day, days_in_month(raw.year, raw.month))


@given(st.dates(date(2005, 1, 1), date(2026, 12, 31)), st.integers(0, 365))
def test_before_days_never_land_on_a_rest_day_nor_after_the_reference(x, offset):
    result = compute_period(CAL, x, offset, Unit.DAYS, BEFORE)
    assert CAL.is_working_day(result.due_date)
    assert result.due_date <= x - timedelta(days=offset) <= x


@given(LOADED, DAY_OFFSETS)
def test_later_start_never_gives_an_earlier_due_date(start, offset):
    first = compute_period(CAL, start, offset, Unit.DAYS, allow_provisional=True)
    later = compute_period(
        CAL, start + timedelta(days=1), offset, Unit.DAYS, allow_provisional=True
    )
    assert later.due_date >= first.due_date


@given(
    st.dates(date(2026, 6, 1), date(2026, 12, 31)),
    st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS]),
    st.integers(1, 200),
)
def test_results_beyond_2026_raise_unless_provisional(start, unit, offset):
    offset = min(offset, 12) if unit is Unit.MONTHS else offset
    result = compute_period(CAL, start, offset, unit, allow_provisional=True)
    reaches_2027 = result.due_date.year >= 2027
    assert result.provisional is reaches_2027
    if reaches_2027:
        assert (
            result.provisional_reason
            == "2027 holiday schedule not loaded; statutory holidays and weekends only"
        )
        with pytest.raises(CalendarYearNotLoaded) as caught:
            compute_period(CAL, start, offset, unit)
        assert caught.value.year == 2027
    else:
        assert result.provisional_reason is None
        assert compute_period(CAL, start, offset, unit) == result


@given(LOADED, st.sampled_from(list(Unit)), st.sampled_from(list(Direction)))
def test_negative_offsets_are_rejected(start, unit, direction):
    with pytest.raises(ValueError, match="offset"):
        compute_period(CAL, start, -1, unit, direction)

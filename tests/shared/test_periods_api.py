"""What a PeriodResult records, provisional results, and argument checking."""

from datetime import date

import pytest

from shared.calendar import CalendarYearNotLoaded, WorkCalendar
from shared.periods import Direction, PeriodResult, Unit, compute_period

CAL = WorkCalendar.official()


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def test_result_records_raw_end_skipped_days_and_steps():
    # served Sat 2025-09-20; +15 = Sun 10-05; Oct 5-8 are National Day rest days
    result = compute_period(CAL, d("2025-09-20"), 15, Unit.DAYS)
    assert result == PeriodResult(
        due_date=d("2025-10-09"),
        start=d("2025-09-20"),
        raw_end=d("2025-10-05"),
        skipped_rest_days=(d("2025-10-05"), d("2025-10-06"), d("2025-10-07"), d("2025-10-08")),
        offset=15,
        unit=Unit.DAYS,
        direction=Direction.AFTER,
        provisional=False,
        provisional_reason=None,
        steps=(
            "start Sat 2025-09-20 (trigger day, not counted)",
            "+15 days: raw end Sun 2025-10-05",
            "Sun 2025-10-05 is a rest day (public holiday); move forward",
            "Mon 2025-10-06 is a rest day (public holiday); move forward",
            "Tue 2025-10-07 is a rest day (public holiday); move forward",
            "Wed 2025-10-08 is a rest day (public holiday); move forward",
            "due Thu 2025-10-09 (first working day after)",
        ),
    )


def test_working_days_before_list_skipped_days_in_calendar_order():
    # 5 wd before Thu 2025-10-09: skips Oct 8..1 and Sat Sep 27; due Thu Sep 25
    result = compute_period(CAL, d("2025-10-09"), 5, Unit.WORKING_DAYS, Direction.BEFORE)
    assert result.due_date == result.raw_end == d("2025-09-25")
    expected = (d("2025-09-27"),) + tuple(d(f"2025-10-0{n}") for n in range(1, 9))
    assert result.skipped_rest_days == expected
    assert result.steps[0] == "start Thu 2025-10-09 (reference day, not counted)"
    assert result.steps[1] == "skip Wed 2025-10-08 (public holiday)"
    assert result.steps[-1] == "-5 working days: due Thu 2025-09-25"


def test_steps_say_when_the_due_date_is_a_makeup_day():
    # Fri 2025-09-26 +15 = Sat 10-11, an official make-up working day
    result = compute_period(CAL, d("2025-09-26"), 15, Unit.DAYS)
    assert result.due_date == d("2025-10-11")
    assert result.steps[-1] == "Sat 2025-10-11 is an official make-up working day, worked as usual"
    rest = compute_period(CAL, d("2025-09-26"), 15, Unit.DAYS, makeup_day_is_working_day=False)
    assert rest.skipped_rest_days == (d("2025-10-11"), d("2025-10-12"))
    assert "a rest day under this pack's policy" in rest.steps[2]


def test_period_reaching_2027_raises_unless_provisional():
    # served Sun 2026-12-20; +15 = Mon 2027-01-04; 2027 has no schedule yet
    with pytest.raises(CalendarYearNotLoaded) as caught:
        compute_period(CAL, d("2026-12-20"), 15, Unit.DAYS)
    assert caught.value.year == 2027
    result = compute_period(CAL, d("2026-12-20"), 15, Unit.DAYS, allow_provisional=True)
    assert result.due_date == d("2027-01-04")  # a Monday: working (New Year is Fri 01-01)
    assert result.provisional
    assert (
        result.provisional_reason
        == "2027 holiday schedule not loaded; statutory holidays and weekends only"
    )
    assert (
        result.steps[-1]
        == "provisional: 2027 holiday schedule not loaded; statutory holidays and weekends only"
    )


def test_provisional_reason_names_every_unloaded_year_read():
    only_2025 = WorkCalendar([CAL.schedule(2025)])
    result = compute_period(
        only_2025, d("2025-12-30"), 300, Unit.WORKING_DAYS, allow_provisional=True
    )
    assert result.due_date.year == 2027
    assert (
        result.provisional_reason
        == "2026, 2027 holiday schedules not loaded; statutory holidays and weekends only"
    )


def test_trigger_day_in_unloaded_year_is_not_read():
    # the trigger day is not counted, so Wed 2003-12-31 needs no 2003 schedule
    result = compute_period(CAL, d("2003-12-31"), 2, Unit.DAYS)
    assert result.due_date == d("2004-01-02") and not result.provisional


def test_unit_and_direction_accept_their_string_values():
    result = compute_period(CAL, d("2025-09-30"), 5, "working_days", "after")  # type: ignore[arg-type]
    assert result.due_date == d("2025-10-14")
    assert result.unit is Unit.WORKING_DAYS and result.direction is Direction.AFTER


@pytest.mark.parametrize("offset", [-1, -15])
def test_negative_offset_is_rejected(offset):
    with pytest.raises(ValueError, match="offset"):
        compute_period(CAL, d("2025-09-30"), offset, Unit.DAYS)


def test_fractional_offset_is_rejected():
    with pytest.raises(TypeError):
        compute_period(CAL, d("2025-09-30"), 1.5, Unit.WORKING_DAYS)  # type: ignore[arg-type]


def test_unknown_unit_is_rejected():
    with pytest.raises(ValueError):
        compute_period(CAL, d("2025-09-30"), 1, "weeks")  # type: ignore[arg-type]

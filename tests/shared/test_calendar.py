"""The working-day calendar and the shipped State Council schedules."""

from dataclasses import replace
from datetime import date, datetime

import chinese_calendar
import pytest

from shared.calendar import (
    CalendarYearNotLoaded,
    ScheduleInvalid,
    WorkCalendar,
    YearSchedule,
    load_official_schedules,
)

CAL = WorkCalendar.official()


def dates(*isos: str) -> frozenset[date]:
    return frozenset(date.fromisoformat(iso) for iso in isos)


def days_between(first: str, last: str) -> frozenset[date]:
    lo, hi = date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()
    return frozenset(date.fromordinal(o) for o in range(lo, hi + 1))


def test_official_calendar_loads_2004_to_2026_and_not_2027():
    assert CAL.loaded_years() == frozenset(range(2004, 2027))
    assert not CAL.is_loaded(2027)
    assert WorkCalendar.official() is CAL  # parsed once, shared (it is immutable)


def test_2025_schedule_matches_state_council_notice():
    # 国办发明电〔2024〕12号: New Year Jan 1; Spring Festival Jan 28-Feb 4 (work Sun Jan 26,
    # Sat Feb 8); Qingming Apr 4-6; Labour Day May 1-5 (work Sun Apr 27); Dragon Boat
    # May 31-Jun 2; National Day + Mid-Autumn Oct 1-8 (work Sun Sep 28, Sat Oct 11).
    schedule = CAL.schedule(2025)
    assert schedule.holidays == (
        dates("2025-01-01")
        | days_between("2025-01-28", "2025-02-04")
        | days_between("2025-04-04", "2025-04-06")
        | days_between("2025-05-01", "2025-05-05")
        | days_between("2025-05-31", "2025-06-02")
        | days_between("2025-10-01", "2025-10-08")
    )
    assert schedule.makeup_workdays == dates(
        "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"
    )
    assert "国办发明电〔2024〕12号" in schedule.source


def test_2026_schedule_matches_state_council_notice():
    # Notice of 2025-11-04 (国务院办公厅关于2026年部分节假日安排的通知): New Year Jan 1-3
    # (work Sun Jan 4); Spring Festival Feb 15-23, 9 days (work Sat Feb 14, Sat Feb 28);
    # Qingming Apr 4-6; Labour Day May 1-5 (work Sat May 9); Dragon Boat Jun 19-21;
    # Mid-Autumn Sep 25-27; National Day Oct 1-7 (work Sun Sep 20, Sat Oct 10).
    schedule = CAL.schedule(2026)
    assert schedule.holidays == (
        days_between("2026-01-01", "2026-01-03")
        | days_between("2026-02-15", "2026-02-23")
        | days_between("2026-04-04", "2026-04-06")
        | days_between("2026-05-01", "2026-05-05")
        | days_between("2026-06-19", "2026-06-21")
        | days_between("2026-09-25", "2026-09-27")
        | days_between("2026-10-01", "2026-10-07")
    )
    assert schedule.makeup_workdays == dates(
        "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"
    )


def test_shipped_files_hold_chinesecalendar_data_plus_weekends_inside_blocks():
    filled = dates("2011-06-05", "2012-06-23", "2015-06-21")  # Dragon Boat blocks
    for schedule in load_official_schedules():
        source_holidays = {d for d in chinese_calendar.holidays if d.year == schedule.year}
        source_makeup = {d for d in chinese_calendar.workdays if d.year == schedule.year}
        assert schedule.holidays - source_holidays <= filled
        assert source_holidays <= schedule.holidays
        assert schedule.makeup_workdays == source_makeup


def test_late_december_days_of_next_new_year_block_stay_in_their_year():
    # The 2019 notice: New Year Dec 30 2018 - Jan 1 2019, work Sat Dec 29 2018.
    assert dates("2018-12-30", "2018-12-31") <= CAL.schedule(2018).holidays
    assert CAL.is_working_day(date(2018, 12, 29))
    assert "2019年" in CAL.schedule(2018).source


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2025, 1, 26), True),  # Sunday, make-up workday
        (date(2025, 2, 8), True),  # Saturday, make-up workday
        (date(2025, 2, 3), False),  # Monday inside Spring Festival
        (date(2025, 10, 4), False),  # Saturday inside National Day
        (date(2025, 10, 13), True),  # ordinary Monday
        (date(2025, 10, 18), False),  # ordinary Saturday
        (date(2026, 1, 4), True),  # Sunday, make-up workday
        (date(2026, 2, 23), False),  # Monday, last day of Spring Festival 2026
    ],
)
def test_working_day_rule(day, working):
    assert CAL.is_working_day(day) is working
    assert CAL.is_rest_day(day) is not working


def test_unloaded_year_raises_with_the_year():
    with pytest.raises(CalendarYearNotLoaded) as caught:
        CAL.is_working_day(date(2027, 3, 1))
    assert caught.value.year == 2027
    assert "2027" in str(caught.value)
    with pytest.raises(CalendarYearNotLoaded):
        CAL.schedule(2027)
    with pytest.raises(CalendarYearNotLoaded):
        CAL.is_rest_day(date(2003, 12, 31))


def test_provisional_reading_of_an_unloaded_year_rests_on_statutory_holidays_and_weekends():
    assert CAL.is_rest_day(date(2027, 1, 1), provisional=True)  # Fri, New Year's Day
    assert CAL.is_rest_day(date(2027, 1, 2), provisional=True)  # Saturday
    assert CAL.is_working_day(date(2027, 1, 4), provisional=True)  # Monday
    assert CAL.is_rest_day(date(2027, 2, 5), provisional=True)  # Fri, Lunar New Year's Eve
    assert CAL.is_rest_day(date(2027, 2, 8), provisional=True)  # Mon, 3rd day of the year
    assert CAL.is_working_day(date(2027, 2, 9), provisional=True)  # no bridge day assumed
    assert CAL.is_rest_day(date(2027, 4, 5), provisional=True)  # Mon, Qingming
    assert CAL.is_working_day(date(2025, 10, 1), provisional=True) is False  # loaded year


def test_with_schedule_adds_a_year_without_changing_the_original():
    y2027 = YearSchedule(2027, dates("2027-01-01"), dates("2027-01-09"), "test notice")
    extended = CAL.with_schedule(y2027)
    assert extended.is_loaded(2027) and not CAL.is_loaded(2027)
    assert extended.is_rest_day(date(2027, 1, 1))
    assert extended.is_working_day(date(2027, 1, 9))  # Saturday worked
    assert extended.is_working_day(date(2026, 10, 10))  # other years kept


def test_with_schedule_replaces_a_year():
    corrected = replace(CAL.schedule(2026), makeup_workdays=frozenset(), source="corrected")
    changed = CAL.with_schedule(corrected)
    assert changed.schedule(2026).source == "corrected"
    assert changed.is_rest_day(date(2026, 2, 28))
    assert CAL.is_working_day(date(2026, 2, 28))
    assert changed != CAL


def test_calendar_with_a_gap_year_raises_inside_the_gap():
    cal = WorkCalendar([CAL.schedule(2024), CAL.schedule(2026)])
    assert cal.loaded_years() == {2024, 2026}
    with pytest.raises(CalendarYearNotLoaded):
        cal.is_working_day(date(2025, 6, 3))
    with pytest.raises(CalendarYearNotLoaded):
        WorkCalendar([]).is_working_day(date(2025, 6, 3))


def test_calendar_is_immutable_and_rejects_two_schedules_for_one_year():
    with pytest.raises(AttributeError):
        CAL.extra = 1
    with pytest.raises(ValueError, match="2025"):
        WorkCalendar([CAL.schedule(2025), CAL.schedule(2025)])


def test_schedule_round_trips_through_dict():
    for year in (2007, 2020, 2026):
        schedule = CAL.schedule(year)
        assert YearSchedule.from_dict(schedule.to_dict()) == schedule
    assert CAL.schedule(2026).to_dict()["holidays"][0] == "2026-01-01"


@pytest.mark.parametrize(
    ("holidays", "makeup", "message"),
    [
        (dates("2026-12-31", "2027-01-01"), frozenset(), "outside the year"),
        (dates("2027-01-01"), dates("2027-01-01"), "both"),
        (frozenset(), dates("2027-01-04"), "Saturdays or Sundays"),  # a Monday
        (frozenset({datetime(2027, 1, 1, 8)}), frozenset(), "non-dates"),
    ],
)
def test_invalid_schedule_is_rejected(holidays, makeup, message):
    with pytest.raises(ScheduleInvalid, match=message):
        YearSchedule(2027, holidays, makeup, "test notice")


def test_holidays_may_fall_on_weekdays_and_weekends():
    schedule = YearSchedule(2027, dates("2027-01-01", "2027-01-02"), frozenset(), "test")
    assert len(schedule.holidays) == 2


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"year": "2027"}, "integer"),
        ({"source": " "}, "source"),
        ({"holidays": ["2027-02-30"]}, "bad date"),
        ({"holidays": "2027-01-01"}, "list"),
        ({"holidays": ["2027-01-01", "2027-01-01"]}, "more than once"),
        ({"extra": 1}, "unknown"),
    ],
)
def test_invalid_schedule_json_is_rejected(change, message):
    data = {"year": 2027, "source": "notice", "holidays": [], "makeup_workdays": []}
    with pytest.raises(ScheduleInvalid, match=message):
        YearSchedule.from_dict({**data, **change})


def test_schedule_json_with_missing_key_is_rejected():
    with pytest.raises(ScheduleInvalid, match="missing"):
        YearSchedule.from_dict({"year": 2027, "source": "notice", "holidays": []})

"""Period arithmetic against the official 2025 and 2026 schedules, worked out by hand.

2025 (国办发明电〔2024〕12号): rest Jan 1; Jan 28-Feb 4; Apr 4-6; May 1-5; May 31-Jun 2;
Oct 1-8. Make-up workdays: Sun Jan 26, Sat Feb 8, Sun Apr 27, Sun Sep 28, Sat Oct 11.
2026 (notice of 2025-11-04): rest Jan 1-3; Feb 15-23; Apr 4-6; May 1-5; Jun 19-21;
Sep 25-27; Oct 1-7. Make-up workdays: Sun Jan 4, Sat Feb 14, Sat Feb 28, Sat May 9,
Sun Sep 20, Sat Oct 10.
Every expected date below is reasoned from those lists, not copied from the code.
"""

from datetime import date

import pytest

from shared.calendar import WorkCalendar
from shared.periods import Direction, Unit, compute_period

CAL = WorkCalendar.official()
D, WD, M = Unit.DAYS, Unit.WORKING_DAYS, Unit.MONTHS


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def due(start: str, offset: int, unit: Unit, *, before: bool = False, makeup: bool = True):
    direction = Direction.BEFORE if before else Direction.AFTER
    result = compute_period(
        CAL, d(start), offset, unit, direction, makeup_day_is_working_day=makeup
    )
    assert not result.provisional
    return result.due_date


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # served Sat 09-20; +15 = Sun 10-05 (National Day block Oct 1-8) -> Thu 10-09
        ("2025-09-20", 15, "2025-10-09"),
        # served Tue 09-16; +15 = Wed 10-01, first day of the block -> Thu 10-09
        ("2025-09-16", 15, "2025-10-09"),
        # received Mon 09-22; Jinzhai 10 days = Thu 10-02 (block) -> Thu 10-09
        ("2025-09-22", 10, "2025-10-09"),
        # received Mon 09-29; Guangzhou 2 days = Wed 10-01 (block) -> Thu 10-09
        ("2025-09-29", 2, "2025-10-09"),
        # served Thu 2026-09-17; +15 = Fri 10-02 (block Oct 1-7) -> Thu 10-08
        ("2026-09-17", 15, "2026-10-08"),
    ],
)
def test_answer_due_on_national_day_moves_to_first_working_day(start, offset, expected):
    assert due(start, offset, D) == d(expected)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # served Wed 2025-01-15; +15 = Thu 01-30 (Spring Festival Jan 28-Feb 4) -> Wed 02-05
        ("2025-01-15", 15, "2025-02-05"),
        # served Fri 2025-01-17; +15 = Sat 02-01 (inside the block) -> Wed 02-05
        ("2025-01-17", 15, "2025-02-05"),
        # served Mon 2026-02-02; +15 = Tue 02-17 (Spring Festival Feb 15-23) -> Tue 02-24
        ("2026-02-02", 15, "2026-02-24"),
        # effective Fri 2026-01-30; Xiangshan 20 days = Thu 02-19 (block) -> Tue 02-24
        ("2026-01-30", 20, "2026-02-24"),
    ],
)
def test_period_ending_in_spring_festival_moves_past_the_block(start, offset, expected):
    assert due(start, offset, D) == d(expected)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # served Sat 2025-03-22; +15 = Sun 04-06 (Qingming Apr 4-6) -> Mon 04-07
        ("2025-03-22", 15, "2025-04-07"),
        # served Wed 2025-04-16; +15 = Thu 05-01 (Labour Day May 1-5) -> Tue 05-06
        ("2025-04-16", 15, "2025-05-06"),
        # served Fri 2025-05-16; +15 = Sat 05-31 (Dragon Boat May 31-Jun 2) -> Tue 06-03
        ("2025-05-16", 15, "2025-06-03"),
        # served Fri 2026-03-20; +15 = Sat 04-04 (Qingming Apr 4-6) -> Tue 04-07
        ("2026-03-20", 15, "2026-04-07"),
        # served Thu 2026-04-16; +15 = Fri 05-01 (Labour Day May 1-5) -> Wed 05-06
        ("2026-04-16", 15, "2026-05-06"),
        # served Thu 2026-06-04; +15 = Fri 06-19 (Dragon Boat Jun 19-21) -> Mon 06-22
        ("2026-06-04", 15, "2026-06-22"),
        # served Thu 2026-09-10; +15 = Fri 09-25 (Mid-Autumn Sep 25-27) -> Mon 09-28
        ("2026-09-10", 15, "2026-09-28"),
        # served Fri 2025-03-07; +15 = Sat 03-22, ordinary weekend -> Mon 03-24
        ("2025-03-07", 15, "2025-03-24"),
        # served Mon 2025-07-07; +13 = Sun 07-20 -> Mon 07-21
        ("2025-07-07", 13, "2025-07-21"),
    ],
)
def test_period_ending_on_rest_day_moves_to_first_working_day(start, offset, expected):
    assert due(start, offset, D) == d(expected)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # served Wed 2025-01-22; +15 = Thu 02-06, a working day; Jan 28-Feb 4 counted
        ("2025-01-22", 15, "2025-02-06"),
        # served Tue 2025-09-30; +15 = Wed 10-15; the 8-day block is counted
        ("2025-09-30", 15, "2025-10-15"),
        # served Thu 2026-02-12; +15 = Fri 02-27; Feb 15-23 counted
        ("2026-02-12", 15, "2026-02-27"),
        # served Wed 2026-04-29; +15 = Thu 05-14; May 1-5 counted
        ("2026-04-29", 15, "2026-05-14"),
        # served Mon 2025-11-10; +15 = Tue 11-25, nothing to adjust
        ("2025-11-10", 15, "2025-11-25"),
    ],
)
def test_holidays_inside_a_period_are_counted(start, offset, expected):
    assert due(start, offset, D) == d(expected)


@pytest.mark.parametrize(
    ("start", "offset", "unit", "policy_working", "policy_rest"),
    [
        # Fri 2025-09-26 +15 = Sat 10-11 (make-up) | rest: Sat, Sun 10-12 -> Mon 10-13
        ("2025-09-26", 15, D, "2025-10-11", "2025-10-13"),
        # Thu 2025-09-18 +10 = Sun 09-28 (make-up) | rest: -> Mon 09-29
        ("2025-09-18", 10, D, "2025-09-28", "2025-09-29"),
        # Sun 2025-01-19 +7 = Sun 01-26 (make-up) | rest: -> Mon 01-27 (block starts 01-28)
        ("2025-01-19", 7, D, "2025-01-26", "2025-01-27"),
        # Fri 2026-02-13 +15 = Sat 02-28 (make-up) | rest: Sat, Sun 03-01 -> Mon 03-02
        ("2026-02-13", 15, D, "2026-02-28", "2026-03-02"),
        # Sun 2025-12-21 +14 = Sun 2026-01-04 (make-up) | rest: -> Mon 01-05
        ("2025-12-21", 14, D, "2026-01-04", "2026-01-05"),
        # Fri 2026-04-24 +15 = Sat 05-09 (make-up) | rest: Sat, Sun 05-10 -> Mon 05-11
        ("2026-04-24", 15, D, "2026-05-09", "2026-05-11"),
        # Sat 2026-09-05 +15 = Sun 09-20 (make-up) | rest: -> Mon 09-21
        ("2026-09-05", 15, D, "2026-09-20", "2026-09-21"),
        # Wed 2025-12-31 +2 months = Sat 2026-02-28 (make-up) | rest: -> Mon 03-02
        ("2025-12-31", 2, M, "2026-02-28", "2026-03-02"),
    ],
)
def test_period_ending_on_makeup_day_follows_the_pack_policy(
    start, offset, unit, policy_working, policy_rest
):
    assert due(start, offset, unit, makeup=True) == d(policy_working)
    assert due(start, offset, unit, makeup=False) == d(policy_rest)


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        # Fri 2025-01-31 +1 month: no Feb 31 -> last day Fri 2025-02-28 (not a leap year)
        ("2025-01-31", 1, "2025-02-28"),
        # Fri 2025-01-31 +2 months = Mon 03-31 (same-numbered day exists)
        ("2025-01-31", 2, "2025-03-31"),
        # Wed 2024-01-31 +1 month: leap year -> Thu 2024-02-29, a working day
        ("2024-01-31", 1, "2024-02-29"),
        # Thu 2024-02-29 +12 months -> no Feb 29 in 2025 -> Fri 2025-02-28
        ("2024-02-29", 12, "2025-02-28"),
        # Thu 2024-02-29 +24 months -> Sat 2026-02-28, a make-up workday
        ("2024-02-29", 24, "2026-02-28"),
        # Mon 2025-03-31 +1 month: no Apr 31 -> Wed 04-30
        ("2025-03-31", 1, "2025-04-30"),
        # Thu 2025-07-31 +2 months: no Sep 31 -> Tue 09-30
        ("2025-07-31", 2, "2025-09-30"),
        # Sun 2025-08-31 +3 months: no Nov 31 -> Sun 11-30, weekend -> Mon 12-01
        ("2025-08-31", 3, "2025-12-01"),
        # Fri 2025-08-01 +2 months (Xiuyan report) = Wed 10-01 (block) -> Thu 10-09
        ("2025-08-01", 2, "2025-10-09"),
        # Thu 2025-12-04 +2 months = Wed 2026-02-04, a working day
        ("2025-12-04", 2, "2026-02-04"),
        # Wed 2025-12-17 +2 months = Tue 2026-02-17 (Spring Festival) -> Tue 02-24
        ("2025-12-17", 2, "2026-02-24"),
        # Tue 2026-03-31 +6 months: no Sep 31 -> Wed 2026-09-30
        ("2026-03-31", 6, "2026-09-30"),
    ],
)
def test_months_end_on_same_numbered_day_or_month_end_then_rest_day_rule(start, months, expected):
    assert due(start, months, M) == d(expected)


@pytest.mark.parametrize(
    ("start", "offset", "expected"),
    [
        # served Wed 2025-12-17; +15 = Thu 2026-01-01 (New Year Jan 1-3), Fri 01-02,
        # Sat 01-03 -> Sun 01-04 is a make-up workday -> due Sun 2026-01-04
        ("2025-12-17", 15, "2026-01-04"),
        # served Fri 2025-12-19; +15 = Sat 2026-01-03 (block) -> Sun 01-04 (make-up)
        ("2025-12-19", 15, "2026-01-04"),
        # served Mon 2025-12-22; +15 = Tue 2026-01-06, a working day
        ("2025-12-22", 15, "2026-01-06"),
        # served Tue 2025-12-16; +15 = Wed 2025-12-31, a working day
        ("2025-12-16", 15, "2025-12-31"),
        # served Tue 2024-12-17; +15 = Wed 2025-01-01 (New Year) -> Thu 2025-01-02
        ("2024-12-17", 15, "2025-01-02"),
    ],
)
def test_period_crossing_the_year_end_uses_next_years_schedule(start, offset, expected):
    assert due(start, offset, D) == d(expected)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        # Xiangshan 5 wd after Tue 2025-09-30: skip Oct 1-8; Thu 9 (1), Fri 10 (2),
        # Sat 11 make-up (3), skip Sun 12, Mon 13 (4), Tue 14 (5)
        ("2025-09-30", 5, "2025-10-14"),
        # 3 wd after Thu 2025-09-25: Fri 26 (1), skip Sat 27, Sun 28 make-up (2), Mon 29 (3)
        ("2025-09-25", 3, "2025-09-29"),
        # Xiuyan 2 wd after Fri 2025-01-24: skip Sat 25, Sun 26 make-up (1), Mon 27 (2)
        ("2025-01-24", 2, "2025-01-27"),
        # 5 wd after Mon 2025-01-27: skip Jan 28-Feb 4; Wed 5, Thu 6, Fri 7 (3),
        # Sat 8 make-up (4), skip Sun 9, Mon 10 (5)
        ("2025-01-27", 5, "2025-02-10"),
        # 10 wd after Fri 2025-04-25: skip Sat 26; Sun 27 make-up, Mon 28, Tue 29, Wed 30 (4);
        # skip May 1-5; Tue 6 .. Fri 9 (8); skip 10-11; Mon 12 (9), Tue 13 (10)
        ("2025-04-25", 10, "2025-05-13"),
        # Wenzhou 30 wd after Mon 2025-09-01: Sep 2-5 (4), 8-12 (9), 15-19 (14), 22-26 (19),
        # Sun 28 make-up (20), 29-30 (22), skip Oct 1-8, Oct 9-10 (24), Sat 11 make-up (25),
        # Oct 13-17 (30)
        ("2025-09-01", 30, "2025-10-17"),
        # 5 wd after Thu 2026-02-12: Fri 13 (1), Sat 14 make-up (2), skip Feb 15-23,
        # Tue 24 (3), Wed 25 (4), Thu 26 (5)
        ("2026-02-12", 5, "2026-02-26"),
        # 3 wd after Wed 2026-09-30: skip Oct 1-7; Thu 8 (1), Fri 9 (2), Sat 10 make-up (3)
        ("2026-09-30", 3, "2026-10-10"),
        # 5 wd after Fri 2026-06-12: skip 13-14; Mon 15 .. Thu 18 (4); skip Jun 19-21 (Dragon
        # Boat); Mon 22 (5)
        ("2026-06-12", 5, "2026-06-22"),
        # 5 wd after Fri 2025-12-26: skip 27-28; Mon 29, Tue 30, Wed 31 (3); skip 2026 Jan
        # 1-3; Sun Jan 4 make-up (4), Mon Jan 5 (5)
        ("2025-12-26", 5, "2026-01-05"),
    ],
)
def test_working_day_periods_skip_holidays_and_count_makeup_days(start, count, expected):
    assert due(start, count, WD) == d(expected)


def test_counting_working_days_counts_makeup_days_whatever_the_rest_day_policy():
    # 3 wd after Thu 2025-09-25: Fri 26, Sun 28 (make-up), Mon 29 — the policy is moot
    assert due("2025-09-25", 3, WD, makeup=False) == d("2025-09-29")


@pytest.mark.parametrize(
    ("x", "offset", "expected"),
    [
        # reminder 7 days before answer deadline Thu 2025-10-09 = Thu 10-02 (block) ->
        # earlier past Oct 1 -> Tue 09-30
        ("2025-10-09", 7, "2025-09-30"),
        # reminder 1 day before hearing Thu 2025-10-09 = Wed 10-08 (block) -> Tue 09-30
        ("2025-10-09", 1, "2025-09-30"),
        # 1 day before Mon 2025-03-24 = Sun 03-23 -> Sat 22 -> Fri 03-21
        ("2025-03-24", 1, "2025-03-21"),
        # Jinzhai papers 3 days before meeting Thu 2025-02-06 = Mon 02-03 (Spring Festival)
        # -> earlier past Jan 28 -> Mon 01-27
        ("2025-02-06", 3, "2025-01-27"),
        # 7 days before Wed 2026-02-25 = Wed 02-18 (block) -> earlier -> Sat 02-14 make-up
        ("2026-02-25", 7, "2026-02-14"),
        # 7 days before Tue 2025-05-06 = Tue 04-29, a working day
        ("2025-05-06", 7, "2025-04-29"),
        # 7 days before Fri 2026-05-08 = Fri 05-01 (Labour Day) -> Thu 04-30
        ("2026-05-08", 7, "2026-04-30"),
        # 0 days before Sun 2025-10-12 -> the rest-day rule alone -> Sat 10-11 make-up
        ("2025-10-12", 0, "2025-10-11"),
    ],
)
def test_reminder_landing_on_rest_day_moves_earlier(x, offset, expected):
    assert due(x, offset, D, before=True) == d(expected)


@pytest.mark.parametrize(
    ("x", "offset", "policy_working", "policy_rest"),
    [
        # 7 before Wed 2026-02-25 = Wed 02-18 -> Sat 02-14 (make-up) | rest: -> Fri 02-13
        ("2026-02-25", 7, "2026-02-14", "2026-02-13"),
        # 7 before Sat 2025-10-18 = Sat 10-11 (make-up) | rest: -> Fri 10-10
        ("2025-10-18", 7, "2025-10-11", "2025-10-10"),
        # 1 before Mon 2026-01-05 = Sun 01-04 (make-up) | rest: Jan 3, 2, 1 -> Wed 2025-12-31
        ("2026-01-05", 1, "2026-01-04", "2025-12-31"),
    ],
)
def test_reminder_on_makeup_day_follows_the_pack_policy(x, offset, policy_working, policy_rest):
    assert due(x, offset, D, before=True, makeup=True) == d(policy_working)
    assert due(x, offset, D, before=True, makeup=False) == d(policy_rest)


@pytest.mark.parametrize(
    ("x", "count", "expected"),
    [
        # Xiangshan: 5 wd before answer deadline Thu 2025-10-09: skip Oct 8..1; Tue 30 (1),
        # Mon 29 (2), Sun 28 make-up (3), skip Sat 27, Fri 26 (4), Thu 25 (5)
        ("2025-10-09", 5, "2025-09-25"),
        # 5 wd before Wed 2025-02-05: skip Feb 4..Jan 28; Mon 27 (1), Sun 26 make-up (2),
        # skip Sat 25, Fri 24 (3), Thu 23 (4), Wed 22 (5)
        ("2025-02-05", 5, "2025-01-22"),
        # 5 wd before Tue 2026-02-24: skip Feb 23..15; Sat 14 make-up (1), Fri 13 .. Tue 10
        ("2026-02-24", 5, "2026-02-10"),
        # 3 wd before Mon 2026-01-05: Sun 4 make-up (1), skip Jan 3..1, Wed 2025-12-31 (2),
        # Tue 12-30 (3)
        ("2026-01-05", 3, "2025-12-30"),
        # 5 wd before Mon 2025-06-09: skip 8, 7; Fri 6 .. Tue 3 (4); skip Jun 2, 1, May 31
        # (Dragon Boat); Fri 05-30 (5)
        ("2025-06-09", 5, "2025-05-30"),
    ],
)
def test_working_days_before_a_deadline_skip_holidays(x, count, expected):
    assert due(x, count, WD, before=True) == d(expected)


@pytest.mark.parametrize(
    ("x", "months", "expected"),
    [
        # 1 month before Sat 2025-03-29: no Feb 29 in 2025 -> Fri 02-28, a working day
        ("2025-03-29", 1, "2025-02-28"),
        # 1 month before Sun 2025-11-02 = Thu 10-02 (block) -> earlier -> Tue 09-30
        ("2025-11-02", 1, "2025-09-30"),
    ],
)
def test_months_before_clamp_to_month_end_then_move_earlier(x, months, expected):
    assert due(x, months, M, before=True) == d(expected)


@pytest.mark.parametrize(
    ("start", "unit", "expected"),
    [
        # 0 days after Sat 2025-10-04 (block) -> Thu 10-09
        ("2025-10-04", D, "2025-10-09"),
        # 0 working days after Wed 2025-10-15, a working day -> itself
        ("2025-10-15", WD, "2025-10-15"),
        # 0 months after Sun 2026-02-22 (Spring Festival) -> Tue 02-24
        ("2026-02-22", M, "2026-02-24"),
    ],
)
def test_zero_offset_applies_only_the_rest_day_rule(start, unit, expected):
    assert due(start, 0, unit) == d(expected)

"""Calendar-month arithmetic without python-dateutil."""

from datetime import date

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap_year(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year: int, month: int) -> int:
    if month == 2 and is_leap_year(year):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(day: date, months: int) -> date:
    """The same-numbered day ``months`` later (earlier when negative).

    When the target month has no such day, its last day is used: Civil Code §202
    (到期月的对应日为期间的最后一日；没有对应日的，月末日为期间的最后一日).
    So Jan 31 + 1 month is Feb 28/29, and Dec 31 + 2 months is the last day of February.
    """
    year, month_index = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month_index + 1
    return date(year, month, min(day.day, days_in_month(year, month)))

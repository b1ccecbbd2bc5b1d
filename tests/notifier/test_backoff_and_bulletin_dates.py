"""Retry backoff, and the day each monthly bulletin goes out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from notifier.bulletin.schedule import bulletin_due, period_bounds
from notifier.sending.backoff import is_dead, next_attempt
from shared.calendar import WorkCalendar

NOW = datetime(2025, 9, 30, 1, tzinfo=UTC)


def test_backoff_doubles_from_the_base() -> None:
    delays = [(next_attempt(NOW, n, 60, 3600) - NOW).total_seconds() for n in range(1, 6)]
    assert delays == [60, 120, 240, 480, 960]


def test_backoff_is_capped() -> None:
    assert next_attempt(NOW, 30, 60, 3600) - NOW == timedelta(hours=1)


def test_dead_after_the_last_attempt() -> None:
    assert not is_dead(5, 6)
    assert is_dead(6, 6)


def test_september_bulletin_waits_for_the_end_of_national_day() -> None:
    due = bulletin_due("2025-09", WorkCalendar.official(), 9)
    assert due.isoformat() == "2025-10-09T09:00:00+08:00"


def test_october_bulletin_skips_the_weekend() -> None:
    assert bulletin_due("2025-10", WorkCalendar.official(), 9).date().isoformat() == "2025-11-03"


def test_december_period_bounds() -> None:
    start, end = period_bounds("2025-12")
    assert (start.isoformat(), end.isoformat()) == ("2025-12-01", "2025-12-31")

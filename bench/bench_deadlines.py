"""Throughput of compute_period on one core, against bare date arithmetic.

Usage: python bench/bench_deadlines.py [iterations]

Start dates are drawn (fixed seed) from 2025-01-01..2026-10-31, so that even a 2-month
period ends inside the loaded schedules (2027 is not loaded and would raise). Each
figure is the best of three timed passes over the same start dates.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta

from shared.calendar import WorkCalendar
from shared.periods import Unit, compute_period

FIRST, LAST = date(2025, 1, 1), date(2026, 10, 31)
DEFAULT_ITERATIONS = 200_000
REPEATS = 3


def random_starts(count: int, seed: int = 20250101) -> list[date]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    return [FIRST + timedelta(days=rng.randint(0, span)) for _ in range(count)]


def best_rate(run: Callable[[list[date]], None], starts: list[date]) -> float:
    """Calls per second of the fastest of REPEATS passes."""
    best = float("inf")
    for _ in range(REPEATS):
        began = time.perf_counter()
        run(starts)
        best = min(best, time.perf_counter() - began)
    return len(starts) / best


def bare_timedelta(starts: list[date]) -> None:
    for start in starts:
        start + timedelta(days=15)


def period_runner(offset: int, unit: Unit) -> Callable[[list[date]], None]:
    calendar = WorkCalendar.official()

    def run(starts: list[date]) -> None:
        for start in starts:
            compute_period(calendar, start, offset, unit)

    return run


def main(argv: list[str]) -> None:
    iterations = int(argv[1]) if len(argv) > 1 else DEFAULT_ITERATIONS
    starts = random_starts(iterations)
    WorkCalendar.official()  # load and parse the schedules outside the timing
    baseline = best_rate(bare_timedelta, starts)
    cases = [
        ("15 days", 15, Unit.DAYS),
        ("5 working days", 5, Unit.WORKING_DAYS),
        ("2 months", 2, Unit.MONTHS),
    ]
    print(f"{iterations:,} random start dates {FIRST}..{LAST}, best of {REPEATS}, one core")
    print(f"{'computation':<28}{'calls/s':>14}{'us/call':>10}{'x bare':>9}")
    print(f"{'date + timedelta(days=15)':<28}{baseline:>14,.0f}{1e6 / baseline:>10.2f}{1:>9.1f}")
    for label, offset, unit in cases:
        rate = best_rate(period_runner(offset, unit), starts)
        name = f"compute_period {label}"
        print(f"{name:<28}{rate:>14,.0f}{1e6 / rate:>10.2f}{baseline / rate:>9.1f}")


if __name__ == "__main__":
    main(sys.argv)

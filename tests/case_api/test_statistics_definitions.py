"""What the statistics count matches what shared/metrics defines, and reporting periods."""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from case_api.statistics.counts import COUNTS, FAILURE_COUNTS
from case_api.statistics.values import period_bounds
from shared.metrics import catalogue

METRICS = catalogue()


def test_every_count_is_defined_and_every_defined_count_counted() -> None:
    counted = [c.name for c in COUNTS]
    defined = [c.key for c in METRICS.counts if not c.recorded]
    assert counted == defined


def test_the_four_failures_sum_counts_the_statistics_make() -> None:
    # 拒不到庭 and 中途退庭 are counts of their own and parts of 不出庭 [003 二(二)2].
    made = {c.name for c in [*COUNTS, *FAILURE_COUNTS]}
    for failure in METRICS.four_failures:
        assert set(failure.parts) <= made, failure.key


@pytest.mark.parametrize(
    ("period", "bounds"),
    [
        ("2026", (date(2026, 1, 1), date(2026, 12, 31))),
        ("2026-H1", (date(2026, 1, 1), date(2026, 6, 30))),
        ("2026-H2", (date(2026, 7, 1), date(2026, 12, 31))),
        ("2026-Q1", (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026-Q4", (date(2026, 10, 1), date(2026, 12, 31))),
        ("2028-02", (date(2028, 2, 1), date(2028, 2, 29))),
        ("2026-11", (date(2026, 11, 1), date(2026, 11, 30))),
        ("2026-13", None),
        ("2026-Q5", None),
        ("2026-H0", None),
        ("0000", None),
        ("0999", None),
        ("26-11", None),
        ("2026-1", None),
    ],
)
def test_period_names(period: str, bounds: tuple[date, date] | None) -> None:
    assert period_bounds(period) == bounds


@given(st.integers(1000, 9999), st.integers(1, 12))
def test_a_month_runs_from_its_first_to_its_last_day(year: int, month: int) -> None:
    start, end = period_bounds(f"{year:04d}-{month:02d}") or (None, None)
    assert start == date(year, month, 1)
    assert end == date(year, month, calendar.monthrange(year, month)[1])


def test_the_bureau_guide_lists_every_figure_as_defined() -> None:
    guide = (Path(__file__).resolve().parents[2] / "docs" / "bureau.md").read_text("utf-8")
    mediation = (*METRICS.mediation.counts, *METRICS.mediation.rates)
    every = (*METRICS.counts, *METRICS.rates, *METRICS.four_failures, METRICS.repeated_losses)
    for x in (*every, *mediation):
        line = f"| `{x.key}` | {x.name_zh} | {x.formula_zh} | [{x.source}] |"
        assert line in guide, f"docs/bureau.md lacks {line}"

"""The scale benchmark's table: each figure at every size, its growth from the first size to
the last, and its ratio to a baseline of the same run."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from case_api.cases.import_report import ImportReport
from caseapi_bench.load import LoadResult
from caseapi_bench.scale_data import RebuildFigures
from caseapi_bench.scale_notifier import CatchUp

GROWTH_TARGET = 1.5  # statistics, case lists, deadline lists, the calendar feed
SINGLE_GET = "single case GET"


@dataclass
class Figures:
    size: int
    load_before: str = ""
    load_after: str = ""
    imported: ImportReport | None = None
    rebuild: RebuildFigures | None = None
    baselines: dict[str, LoadResult] = field(default_factory=dict)
    operations: dict[str, LoadResult] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    memory_mb: float = 0.0
    save_floor: float = 0.0  # the library's batched save alone, events/s
    notifier: CatchUp | None = None

    def p50(self, name: str) -> float:
        result = self.operations.get(name) or self.baselines[name]
        return result.percentile(50) * 1e3

    def as_dict(self) -> dict[str, Any]:
        def load(r: LoadResult) -> dict[str, Any]:
            return {
                "p50_ms": r.percentile(50) * 1e3,
                "p99_ms": r.percentile(99) * 1e3,
                "rate": r.rate,
                "errors": r.errors[:3],
                "cpu": r.cpu,
            }

        out: dict[str, Any] = {"load": [self.load_before, self.load_after]}
        out["operations"] = {k: load(v) for k, v in self.operations.items()}
        out["baselines"] = {k: load(v) for k, v in self.baselines.items()}
        out["memory_mb_country_month"] = self.memory_mb
        if self.imported:
            i = self.imported
            out["import"] = {
                "events": i.events,
                "rate": i.rate,
                "inside_save": i.save_rate,
                "save_floor": self.save_floor,
            }
        if self.rebuild:
            r = self.rebuild
            out["rebuild"] = {
                "events": r.events,
                "rate": r.rate,
                "first_tenth": r.rate_between(0, 0.1),
                "last_tenth": r.rate_between(0.9, 1.0),
                "decoded_read": r.decoded_read_rate,
                "raw_read": r.raw_read_rate,
            }
        if self.notifier:
            n = self.notifier
            out["notifier"] = {"events": n.events, "rate": n.rate, "page_rate": n.page_rate}
        return out


def print_table(figures: dict[int, Figures]) -> None:
    sizes = sorted(figures)
    first, last = figures[sizes[0]], figures[sizes[-1]]
    head = " | ".join(f"{n // 1000}k p50 ms" for n in sizes)
    print(f"\n| figure | {head} | growth | x single GET ({sizes[-1] // 1000}k) | target |")
    print("|---|" + "---|" * (len(sizes) + 3))
    names = [SINGLE_GET, "indexed count of the city's cases", *last.operations]
    for name in names:
        values = " | ".join(f"{figures[n].p50(name):,.1f}" for n in sizes)
        growth = last.p50(name) / first.p50(name)
        ratio = last.p50(name) / last.p50(SINGLE_GET)
        print(
            f"| {name} | {values} | {growth:.2f}x | {ratio:.1f}x | {_target(last, name, growth, ratio)} |"
        )
    print()
    for n in sizes:
        _totals(figures[n])


def _target(f: Figures, name: str, growth: float, ratio: float) -> str:
    if name not in f.operations:
        return "baseline"
    marks = [f"growth <= {GROWTH_TARGET}x: {'met' if growth <= GROWTH_TARGET else 'NOT met'}"]
    if name == "statistics, country, month":
        marks.append(f"<= 10x GET: {'met' if ratio <= 10 else 'NOT met'}")
    return "; ".join(marks)


def _totals(f: Figures) -> None:
    print(f"At {f.size:,} cases (load average before {f.load_before}, after {f.load_after}):")
    if f.imported:
        i = f.imported
        print(
            f"- bulk import {i.rate:,.0f} events/s vs the library's batched save alone "
            f"{f.save_floor:,.0f} events/s: {i.rate / f.save_floor:.2f}x (target >= 0.5x)"
        )
    if f.rebuild:
        r = f.rebuild
        linear = r.rate_between(0.9, 1.0) / r.rate_between(0.0, 0.1)
        print(
            f"- rebuild {r.rate:,.0f} events/s ({r.events:,} events) vs decoded log read "
            f"{r.decoded_read_rate:,.0f}/s: {r.rate / r.decoded_read_rate:.2f}x (target >= 0.5x); "
            f"raw log read {r.raw_read_rate:,.0f}/s; last tenth / first tenth {linear:.2f} "
            "(target >= 0.8)"
        )
    print(
        f"- memory growth of case-api during the country's month: {f.memory_mb:.0f} MB (< 100 MB)"
    )
    if f.notifier:
        n = f.notifier
        print(
            f"- notifier catch-up {n.rate:,.0f} events/s ({n.events:,} events) vs feed pages "
            f"{n.page_rate:,.0f}/s: {n.rate / max(n.page_rate, 1e-9):.2f}x (target >= 0.25x)"
        )

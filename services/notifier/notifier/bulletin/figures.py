"""A statistics answer as a bulletin shows it: Chinese names, rates with their formulas,
agencies by name, targets.

Answers from case-api come in two shapes: newer ones name everything in Chinese (``labels``,
``name_zh``, ``formula_zh``, ``agency_name``, ``targets``, per-agency ``rates`` and
``flags``); older ones carry English keys and agency codes only. Both become one
``Figures``; what an older answer lacks comes from ``labels`` and the notifier's own
registry (agency and jurisdiction names it follows on the feed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from notifier.bulletin import labels
from notifier.bulletin.ranking import AgencyRow, RateCell, rank_agencies


@dataclass(frozen=True)
class Rate:
    key: str
    name: str
    cell: RateCell
    formula: str
    note: str = ""
    source: str = ""


@dataclass(frozen=True)
class Target:
    metric: str
    op: str
    threshold: float
    name: str
    source: str = ""

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return {
            "lt": value < self.threshold,
            "lte": value <= self.threshold,
            "gt": value > self.threshold,
            "gte": value >= self.threshold,
        }.get(self.op, value == self.threshold)


@dataclass
class Figures:
    jurisdiction: str
    jurisdiction_name: str
    start: str
    end: str
    counts: list[tuple[str, int]] = field(default_factory=list)
    rates: list[Rate] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    agencies: list[AgencyRow] = field(default_factory=list)
    deadlines: list[dict[str, Any]] = field(default_factory=list)
    failures: list[tuple[str, int]] = field(default_factory=list)
    repeated: list[tuple[str, str, int]] = field(default_factory=list)
    suggestions: list[tuple[str, int]] = field(default_factory=list)
    risks: list[tuple[str, int]] = field(default_factory=list)
    accountability: list[tuple[str, int]] = field(default_factory=list)
    count_of: dict[str, tuple[str, int]] = field(default_factory=dict)  # key → (label, value)

    def rate(self, key: str) -> Rate | None:
        return next((r for r in self.rates if r.key == key), None)

    def counts_of(self, keys: tuple[str, ...]) -> list[tuple[str, int]]:
        return [self.count_of[k] for k in keys if k in self.count_of]

    def rates_of(self, keys: tuple[str, ...]) -> list[Rate]:
        return [r for r in self.rates if r.key in keys]


def read_figures(stats: Mapping[str, Any], names: Mapping[str, str]) -> Figures:
    """``names``: agency and jurisdiction codes → names, for answers that carry codes only."""
    scope = stats.get("scope") or {}
    code = scope.get("jurisdiction") or ""
    given = {**labels.COUNT_LABELS, **labels.FAILURE_LABELS, **(stats.get("labels") or {})}
    targets = [_target(t) for t in stats.get("targets") or []]
    agency_names = {**names, **{r["agency"]: r["agency_name"] for r in _named(stats)}}
    return Figures(
        jurisdiction=code,
        jurisdiction_name=scope.get("jurisdiction_name") or names.get(code, ""),
        start=str(scope.get("from") or ""),
        end=str(scope.get("to") or ""),
        counts=_labelled(stats.get("counts") or {}, given),
        rates=[_rate(r) for r in stats.get("rates") or [] if _rate_name(r)],
        targets=targets,
        agencies=rank_agencies(
            [_agency(r, targets, agency_names) for r in stats.get("by_agency") or []]
        ),
        deadlines=[
            r for r in stats.get("deadlines") or [] if r.get("kind") in labels.DEADLINE_LABELS
        ],
        failures=_labelled(stats.get("four_failures") or {}, given),
        repeated=[
            (agency_names.get(r["agency"], r["agency"]), r["subject_matter"], r["losses"])
            for r in stats.get("repeated_losses") or []
        ],
        # Absent from answers given before suggestions were counted.
        suggestions=_labelled(stats.get("suggestions") or {}, labels.SUGGESTION_LABELS),
        # Absent from answers given before risks and accountability were counted.
        risks=_labelled(stats.get("risks") or {}, labels.RISK_LABELS),
        accountability=_labelled(stats.get("accountability") or {}, labels.ACCOUNTABILITY_LABELS),
        count_of={k: (given[k], v) for k, v in (stats.get("counts") or {}).items() if k in given},
    )


def _named(stats: Mapping[str, Any]) -> list[dict[str, Any]]:
    rows = [*(stats.get("by_agency") or []), *(stats.get("repeated_losses") or [])]
    return [r for r in rows if r.get("agency_name")]


def _labelled(values: Mapping[str, int], given: Mapping[str, str]) -> list[tuple[str, int]]:
    return [(given[k], v) for k, v in values.items() if k in given]


def _rate_name(rate: Mapping[str, Any]) -> str:
    return rate.get("name_zh") or labels.RATE_LABELS.get(rate["name"], "")


def _rate(rate: Mapping[str, Any]) -> Rate:
    cell = RateCell(rate.get("value"), rate.get("numerator"), rate.get("denominator"))
    note = rate.get("note_zh") or (labels.NOT_COMPUTABLE if cell.value is None else "")
    formula = rate.get("formula_zh") or labels.RATE_FORMULAS.get(rate["name"], "")
    return Rate(rate["name"], _rate_name(rate), cell, formula, note, rate.get("source") or "")


def _target(target: Mapping[str, Any]) -> Target:
    metric, op, threshold = target["metric"], target["op"], float(target["threshold"])
    name = target.get("name_zh") or (
        f"{labels.RATE_LABELS.get(metric, '')}{labels.COMPARISONS.get(op, '')}{threshold * 100:g}%"
    )
    return Target(metric, op, threshold, name, target.get("source") or "")


def _agency(row: Mapping[str, Any], targets: list[Target], names: Mapping[str, str]) -> AgencyRow:
    rates = {
        k: RateCell(v.get("value"), v.get("numerator"), v.get("denominator"))
        for k, v in (row.get("rates") or {}).items()
    }
    if "loss_rate" not in rates:  # older answers: counts only
        losses, concluded = row.get("losses", 0), row.get("concluded", 0)
        rates["loss_rate"] = RateCell(
            round(losses / concluded, 4) if concluded else None, losses, concluded
        )
    given = {f["metric"]: f.get("met") for f in row.get("flags") or []}
    flags = [
        given[t.metric] if t.metric in given else t.met(rates.get(t.metric, RateCell()).value)
        for t in targets
    ]
    return AgencyRow(
        code=row["agency"],
        name=row.get("agency_name") or names.get(row["agency"], row["agency"]),
        received=row.get("received", 0),
        concluded=row.get("concluded", 0),
        losses=row.get("losses", 0),
        rates=rates,
        flags=flags,
    )

"""The oversight figures as data (``definitions.yaml``), one definition each.

The statistics API answers with these names, formulas and clauses, and the bulletins print
them, so a figure is redefined in one place. The counts' SQL lives with the read models that
hold their rows (case-api); here each count has only its name, meaning and clause.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Catalogue", "Count", "Failure", "MediationFigures", "Rate", "Repeated", "catalogue"]


@dataclass(frozen=True)
class Count:
    key: str
    name_zh: str
    formula_zh: str
    source: str
    recorded: bool = False
    """Not counted from cases but recorded by people (行政行为数量)."""


@dataclass(frozen=True)
class Rate:
    key: str
    name_zh: str
    numerator: str
    denominator: str
    formula: str
    formula_zh: str
    source: str


@dataclass(frozen=True)
class Failure:
    """One of the 四不: the sum of ``parts`` (deadline and answer counts)."""

    key: str
    name_zh: str
    parts: tuple[str, ...]
    formula_zh: str
    source: str


@dataclass(frozen=True)
class Repeated:
    key: str
    name_zh: str
    minimum: int
    formula_zh: str
    source: str


@dataclass(frozen=True)
class MediationFigures:
    """Figures per mediator and per mediation centre: counted from mediation attempts, not
    from cases, so they are kept apart from the case counts."""

    counts: tuple[Count, ...]
    rates: tuple[Rate, ...]

    def count(self, key: str) -> Count:
        return next(c for c in self.counts if c.key == key)


@dataclass(frozen=True)
class Catalogue:
    counts: tuple[Count, ...]
    rates: tuple[Rate, ...]
    four_failures: tuple[Failure, ...]
    repeated_losses: Repeated
    notes_zh: dict[str, str]
    mediation: MediationFigures

    def count(self, key: str) -> Count:
        return next(c for c in self.counts if c.key == key)

    def rate(self, key: str) -> Rate:
        return next(r for r in self.rates if r.key == key)

    def figure_keys(self) -> frozenset[str]:
        """Every figure's key: the keys a target, a sort or a bulletin may name."""
        return frozenset(
            [c.key for c in self.counts]
            + [r.key for r in self.rates]
            + [f.key for f in self.four_failures]
            + [self.repeated_losses.key]
            + [c.key for c in self.mediation.counts]
            + [r.key for r in self.mediation.rates]
        )

    def labels(self) -> dict[str, str]:
        """Chinese label of every count and of each of the four failures."""
        return {c.key: c.name_zh for c in self.counts} | {
            f.key: f.name_zh for f in self.four_failures
        }


def _rates(raw: list[dict[str, Any]], counts: tuple[Count, ...]) -> tuple[Rate, ...]:
    rates = tuple(Rate(**r) for r in raw)
    known = {c.key for c in counts}
    for rate in rates:
        for term in (rate.numerator, rate.denominator):
            if term not in known:
                raise ValueError(f"rate {rate.key} names no count {term}")
    return rates


def _parse(raw: dict[str, Any]) -> Catalogue:
    counts = tuple(Count(**c) for c in raw["counts"])
    rates = _rates(raw["rates"], counts)
    failures = tuple(Failure(**{**f, "parts": tuple(f["parts"])}) for f in raw["four_failures"])
    mediation_counts = tuple(Count(**c) for c in raw["mediation"]["counts"])
    mediation = MediationFigures(
        mediation_counts, _rates(raw["mediation"]["rates"], mediation_counts)
    )
    keys = [c.key for c in counts] + [r.key for r in rates] + [f.key for f in failures]
    keys += [c.key for c in mediation.counts] + [r.key for r in mediation.rates]
    if len(keys) != len(set(keys)):
        raise ValueError("figure keys repeat")
    return Catalogue(
        counts=counts,
        rates=rates,
        four_failures=failures,
        repeated_losses=Repeated(**raw["repeated_losses"]),
        notes_zh=dict(raw["notes_zh"]),
        mediation=mediation,
    )


@cache
def catalogue() -> Catalogue:
    """The shipped definitions, read once."""
    text = (Path(__file__).parent / "definitions.yaml").read_text(encoding="utf-8")
    return _parse(yaml.safe_load(text))

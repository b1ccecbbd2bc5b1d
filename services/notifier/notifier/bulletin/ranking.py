"""Ranking agencies for a bulletin: by loss rate (lower first), then by the rate of hearings
with the agency head present (higher first). Equal figures share a rank; an agency with no
concluded case has no loss rate and is listed after the ranked ones, unranked."""

from __future__ import annotations

from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class RateCell:
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None


@dataclass(frozen=True)
class AgencyRow:
    code: str
    name: str
    received: int
    concluded: int
    losses: int
    rates: dict[str, RateCell] = field(default_factory=dict)
    flags: list[bool | None] = field(default_factory=list)  # one per target, None: not computable
    rank: int | None = None

    def value(self, key: str) -> float | None:
        return self.rates.get(key, RateCell()).value


def rank_agencies(rows: list[AgencyRow]) -> list[AgencyRow]:
    ranked = sorted((r for r in rows if r.value("loss_rate") is not None), key=_order)
    unranked = sorted((r for r in rows if r.value("loss_rate") is None), key=lambda r: r.name)
    out: list[AgencyRow] = []
    for position, row in enumerate(ranked, start=1):
        tied = out and _order(out[-1]) == _order(row)
        out.append(replace(row, rank=out[-1].rank if tied else position))
    return out + unranked


def _order(row: AgencyRow) -> tuple[float, float]:
    head = row.value("head_appearance_rate")
    return (row.value("loss_rate") or 0.0, -(head if head is not None else -1.0))

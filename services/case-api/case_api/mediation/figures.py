"""Mediation figures per mediator and per centre for a period (调解成功率, ``shared.metrics``).

Attempts count in the period of their date, outcomes in the period of the outcome's date
(the conclusion's, or the recorded failure's). Both statements are restricted to the period
by an indexed date first, so their cost follows the period's rows, not the history; the
register is read for the mediators and centres at hand only. Only attempts naming a
mediator count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, Select, func, select

from case_api.cases.visibility import visible_rows
from case_api.mediation.tables import mediation_attempts, mediation_centres, mediators
from case_api.platform.access import Principal
from case_api.registry.paths import JurisdictionPaths
from shared.metrics import catalogue

FIGURES = catalogue().mediation
RATE = FIGURES.rates[0]
a = mediation_attempts.c
COUNTS = ("mediation_attempts", "mediations_settled", "mediations_failed", "mediations_concluded")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    jurisdiction: str | None = None
    centre: str | None = None


def statements(principal: Principal, paths: JurisdictionPaths, period: Period) -> list[Select]:
    """The period's attempts, and its outcomes, per mediator and centre: each restricted to
    the period by its indexed date."""
    conditions = [a.mediator_id.is_not(None), visible_rows(principal, mediation_attempts, paths)]
    if period.jurisdiction:
        conditions.append(paths.below(a.jurisdiction_path, period.jurisdiction))
    if period.centre:
        conditions.append(a.centre == period.centre)
    made = select(a.mediator_id, a.centre, func.count().label("mediation_attempts"))
    made = made.where(a.attempted_date >= period.start, a.attempted_date <= period.end)
    ended = select(
        a.mediator_id,
        a.centre,
        func.count().filter(a.outcome == "settled").label("mediations_settled"),
        func.count().filter(a.outcome == "failed").label("mediations_failed"),
    ).where(a.outcome_date >= period.start, a.outcome_date <= period.end)
    return [q.where(*conditions).group_by(a.mediator_id, a.centre) for q in (made, ended)]


def mediation_figures(
    engine: Engine, paths: JurisdictionPaths, principal: Principal, period: Period
) -> dict[str, Any]:
    per_mediator: dict[tuple[str, str], dict[str, int]] = {}
    with engine.connect() as conn:
        for query in statements(principal, paths, period):
            for row in conn.execute(query).mappings():
                entry = per_mediator.setdefault(
                    (row["mediator_id"], row["centre"]), dict.fromkeys(COUNTS, 0)
                )
                entry.update({k: v for k, v in row.items() if k in COUNTS})
        names = _names(conn, per_mediator)
    by_centre: dict[str, dict[str, int]] = {}
    for (_, centre), counts in per_mediator.items():
        counts["mediations_concluded"] = counts["mediations_settled"] + counts["mediations_failed"]
        total = by_centre.setdefault(centre, dict.fromkeys(COUNTS, 0))
        for key in COUNTS:
            total[key] += counts[key]
    totals = {k: sum(c[k] for c in by_centre.values()) for k in COUNTS}
    return {
        "scope": {
            "from": period.start,
            "to": period.end,
            "jurisdiction": period.jurisdiction,
            "centre": period.centre,
        },
        "definitions": _definitions(),
        "totals": _with_rate(totals),
        "by_mediator": [
            {
                "mediator_id": mediator,
                "name": names["mediators"].get(mediator),
                "centre": centre,
                **_with_rate(counts),
            }
            for (mediator, centre), counts in sorted(per_mediator.items())
        ],
        "by_centre": [
            {
                "centre": centre,
                "name": names["centres"].get(centre, {}).get("name"),
                "station_of": names["centres"].get(centre, {}).get("station_of"),
                **_with_rate(counts),
            }
            for centre, counts in sorted(by_centre.items())
        ],
    }


def _with_rate(counts: dict[str, int]) -> dict[str, Any]:
    n, d = counts[RATE.numerator], counts[RATE.denominator]
    return {
        **counts,
        RATE.key: {"value": round(n / d, 4) if d else None, "numerator": n, "denominator": d},
    }


def _definitions() -> dict[str, Any]:
    return {
        "counts": [
            {"key": c.key, "name_zh": c.name_zh, "formula_zh": c.formula_zh, "source": c.source}
            for c in FIGURES.counts
        ],
        "rates": [
            {
                "key": r.key,
                "name_zh": r.name_zh,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "formula": r.formula,
                "formula_zh": r.formula_zh,
                "source": r.source,
            }
            for r in FIGURES.rates
        ],
    }


def _names(conn: Connection, keys: dict[tuple[str, str], Any]) -> dict[str, dict[str, Any]]:
    """Names of the mediators and centres at hand only."""
    ids = sorted({mediator for mediator, _ in keys})
    codes = sorted({centre for _, centre in keys if centre})
    found: dict[str, dict[str, Any]] = {"mediators": {}, "centres": {}}
    if ids:
        query = select(mediators.c.mediator_id, mediators.c.name)
        rows = conn.execute(query.where(mediators.c.mediator_id.in_(ids)))
        found["mediators"] = {r.mediator_id: r.name for r in rows}
    if codes:
        c = mediation_centres.c
        rows = conn.execute(select(c.code, c.name, c.station_of).where(c.code.in_(codes)))
        found["centres"] = {r.code: {"name": r.name, "station_of": r.station_of} for r in rows}
    return found

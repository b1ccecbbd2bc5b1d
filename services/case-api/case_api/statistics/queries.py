"""Oversight figures per agency or jurisdiction and period (DOMAIN.md §7).

No national standard fixes the denominators, so every rate comes with its raw counts and
the formula it uses. Cases count in the period they were filed (received) or concluded
(concluded, losses, mediation and withdrawal); hearings, answers and deadlines by their dates.

Each figure is an aggregate in the database over one indexed read model, restricted to the
period first (``counts.py``), so the cost follows the rows of the period, not the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, select

from case_api.cases.tables import case_agencies, case_summaries
from case_api.cases.visibility import visible_cases
from case_api.platform.access import Principal
from case_api.registry.paths import JurisdictionPaths
from case_api.statistics.counts import (
    BY_AGENCY,
    COUNTS,
    DEADLINES,
    FAILURE_COUNTS,
    FOUR_FAILURES,
    RATES,
    REPEATED_LOSS_MINIMUM,
    Count,
    deadline_status,
)

STATUSES = ("met", "met_late", "missed", "open", "waived")
s = case_summaries.c


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    jurisdiction: str | None = None
    agency: str | None = None


def figures(
    engine: Engine, paths: JurisdictionPaths, principal: Principal, scope: Scope, today: date
) -> dict[str, Any]:
    cases = _cases_in_scope(paths, principal, scope)
    with engine.connect() as conn:
        counts = _count(conn, COUNTS, cases, scope, today)
        failures = _count(conn, FAILURE_COUNTS, cases, scope, today)
        return {
            "scope": {
                "jurisdiction": scope.jurisdiction,
                "agency": scope.agency,
                "from": scope.start,
                "to": scope.end,
            },
            "counts": counts,
            "rates": [_rate(name, counts) for name in RATES],
            "deadlines": _deadline_table(conn, cases, scope, today),
            "four_failures": {
                name: sum(failures[part] for part in parts) for name, parts in FOUR_FAILURES.items()
            },
            "repeated_losses": _repeated_losses(conn, cases, scope.end),
            "by_agency": _by_agency(conn, cases, scope, today),
        }


def _cases_in_scope(paths: JurisdictionPaths, principal: Principal, scope: Scope) -> Any:
    """Conditions on a case's summary: visible to the principal, in the scope, filed by the
    period's end."""
    conditions = [visible_cases(principal, paths), s.filed_date <= scope.end]
    if scope.jurisdiction:
        conditions.append(paths.below(s.jurisdiction_path, scope.jurisdiction))
    if scope.agency:
        own = select(case_agencies.c.case_id).where(case_agencies.c.agency == scope.agency)
        conditions.append(s.case_id.in_(own))
    return and_(*conditions)


def _in_period(count: Count, cases: Any, scope: Scope) -> Any:
    dated = count.source.dated
    return and_(dated >= scope.start, dated <= scope.end, cases)


def _aggregate(count: Count, today: date) -> Any:
    where = count.where(today)
    counted = func.count() if where is None else func.count().filter(where)
    return counted.label(count.name)


def _count(
    conn: Connection, counts: list[Count], cases: Any, scope: Scope, today: date
) -> dict[str, int]:
    """One query per source, each count a filtered aggregate over the period's rows."""
    out: dict[str, int] = {}
    for source in dict.fromkeys(c.source for c in counts):
        mine = [c for c in counts if c.source == source]
        query = (
            select(*(_aggregate(c, today) for c in mine))
            .select_from(source.from_clause())
            .where(_in_period(mine[0], cases, scope))
        )
        row = conn.execute(query).mappings().one()
        out.update({c.name: int(row[c.name] or 0) for c in mine})
    return {c.name: out[c.name] for c in counts}


def _rate(name: str, counts: dict[str, int]) -> dict[str, Any]:
    numerator, denominator, formula = RATES[name]
    n, d = counts[numerator], counts[denominator]
    return {
        "name": name,
        "value": round(n / d, 4) if d else None,
        "numerator": n,
        "denominator": d,
        "formula": formula,
    }


def _deadline_table(
    conn: Connection, cases: Any, scope: Scope, today: date
) -> list[dict[str, Any]]:
    kind, status = DEADLINES.table.c.kind, deadline_status(today).label("status")
    query = (
        select(kind, status, func.count().label("n"))
        .select_from(DEADLINES.from_clause())
        .where(_in_period(Count("deadlines", DEADLINES), cases, scope))
        .group_by(kind, status)
    )
    table: dict[str, dict[str, int]] = {}
    for row in conn.execute(query):
        table.setdefault(row.kind, dict.fromkeys(STATUSES, 0))[row.status] = row.n
    return [{"kind": k, **table[k]} for k in sorted(table)]


def _repeated_losses(conn: Connection, cases: Any, end: date) -> list[dict[str, Any]]:
    """一败再败: one agency losing two or more times on the same subject within a year."""
    since = end - min(timedelta(days=365), end - date.min)  # a period may start in year 1
    losses = func.count().label("losses")
    query = (
        select(s.agency, s.subject_matter, losses)
        .where(s.outcome == "lost", s.effective_date > since, s.effective_date <= end, cases)
        .group_by(s.agency, s.subject_matter)
        .having(func.count() >= REPEATED_LOSS_MINIMUM)
        .order_by(s.agency, s.subject_matter)
    )
    return [
        {"agency": r.agency, "subject_matter": r.subject_matter, "losses": r.losses}
        for r in conn.execute(query)
    ]


def _by_agency(conn: Connection, cases: Any, scope: Scope, today: date) -> list[dict[str, Any]]:
    """Each implementing agency with a case received or concluded in the period."""
    counts = [c for c in COUNTS if c.name in BY_AGENCY]
    table: dict[str, dict[str, int]] = {}
    for source in dict.fromkeys(c.source for c in counts):
        mine = [c for c in counts if c.source == source]
        query = (
            select(s.agency, *(_aggregate(c, today) for c in mine))
            .select_from(source.from_clause())
            .where(_in_period(mine[0], cases, scope))
            .group_by(s.agency)
        )
        for row in conn.execute(query).mappings():
            entry = table.setdefault(row["agency"], dict.fromkeys(BY_AGENCY, 0))
            entry.update({c.name: int(row[c.name] or 0) for c in mine})
    return [{"agency": agency, **table[agency]} for agency in sorted(table)]

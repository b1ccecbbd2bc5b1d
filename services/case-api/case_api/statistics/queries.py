"""Oversight figures per agency or jurisdiction and period (DOMAIN.md §7).

No national standard fixes the denominators, so every rate comes with its raw counts and
the formula it uses. Cases count in the period they were filed (received) or concluded
(concluded, losses, mediation and withdrawal); hearings, answers and deadlines by their dates.

Each figure is an aggregate in the database over one read model, restricted to the period
by an indexed date first (``counts.py``), so the cost follows the rows of the period, not
the history. One statement per read model computes all its counts, broken down by agency
(cases) or by kind and status (deadlines); the totals are the sums of the breakdown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select

from case_api.cases.tables import case_agencies, case_summaries
from case_api.cases.visibility import visible_cases, visible_rows
from case_api.platform.access import Principal
from case_api.registry.paths import JurisdictionPaths
from case_api.statistics.counts import (
    BY_AGENCY,
    COUNTS,
    DEADLINES,
    FAILURE_COUNTS,
    FOUR_FAILURES,
    LOSSES_IN_EFFECT,
    RATES,
    REPEATED_LOSS_MINIMUM,
    SUGGESTION_COUNTS,
    Count,
    Source,
)

STATUSES = ("met", "met_late", "missed", "open", "waived")
s = case_summaries.c
Tally = dict[Source, list[dict[str, Any]]]
"""Per source, one row per breakdown group: the group's columns and each count."""


@dataclass(frozen=True)
class Scope:
    start: date
    end: date
    jurisdiction: str | None = None
    agency: str | None = None


@dataclass(frozen=True)
class Asked:
    """Who asks about which period and place: the conditions on any source's rows."""

    principal: Principal
    scope: Scope
    paths: JurisdictionPaths
    today: date

    def rows_of(self, source: Source) -> Any:
        """``source``'s rows dated in the period and in scope. Every source carries its case's
        path, so no source is joined to the summaries (a case counts among the summaries
        only once filed by the period's end)."""
        table, scope = source.table, self.scope
        conditions = [source.dated >= scope.start, source.dated <= scope.end]
        if table is case_summaries:
            conditions += [visible_cases(self.principal, self.paths), s.filed_date <= scope.end]
        else:
            conditions.append(visible_rows(self.principal, table, self.paths))
        if scope.jurisdiction:
            conditions.append(self.paths.below(table.c.jurisdiction_path, scope.jurisdiction))
        if scope.agency:
            conditions.append(_defended_by(table, scope.agency))
        return and_(*conditions)


def _defended_by(table: Any, agency: str) -> Any:
    """Rows of cases ``agency`` is a defendant in: its own (the implementing agency, on the
    row itself) or one of the few it is only a co-defendant in. Neither walks the agency's
    whole history: the first is a condition on the period's rows."""
    a = case_agencies.c
    co_defended = select(a.case_id).where(a.agency == agency, a.is_primary.is_(False))
    return or_(table.c.agency == agency, table.c.case_id.in_(co_defended))


def figures(
    engine: Engine, paths: JurisdictionPaths, principal: Principal, scope: Scope, today: date
) -> dict[str, Any]:
    asked = Asked(principal, scope, paths, today)
    every = [*COUNTS, *FAILURE_COUNTS]
    with engine.connect() as conn:
        tally = _tally(conn, every, asked)
        suggested = _tally(conn, SUGGESTION_COUNTS, asked)
        repeated = _repeated_losses(conn, asked)
    totals = {c.name: sum(row[c.name] for row in tally[c.source]) for c in every}
    suggestions = {
        c.name: sum(row[c.name] for row in suggested[c.source]) for c in SUGGESTION_COUNTS
    }
    counts = {c.name: totals[c.name] for c in COUNTS}
    return {
        "scope": {
            "jurisdiction": scope.jurisdiction,
            "agency": scope.agency,
            "from": scope.start,
            "to": scope.end,
        },
        "counts": counts,
        "rates": [_rate(name, counts) for name in RATES],
        "deadlines": _deadline_table(tally[DEADLINES]),
        "four_failures": {
            name: sum(totals[part] for part in parts) for name, parts in FOUR_FAILURES.items()
        },
        "repeated_losses": repeated,
        "suggestions": suggestions,
        "by_agency": _by_agency(tally),
    }


def _tally(conn: Connection, counts: list[Count], asked: Asked) -> Tally:
    """One statement per source: all its counts, per breakdown group."""
    out: Tally = {}
    for source in dict.fromkeys(c.source for c in counts):
        mine = [c for c in counts if c.source == source]
        keys = source.breakdown(asked.today)
        query = select(*keys, *(_aggregate(c, asked.today) for c in mine))
        query = query.select_from(source.table).where(asked.rows_of(source))
        if keys:
            query = query.group_by(*keys)
        out[source] = [dict(row) for row in conn.execute(query).mappings()]
    return out


def _aggregate(count: Count, today: date) -> Any:
    where = count.where(today)
    counted = func.count() if where is None else func.count().filter(where)
    return counted.label(count.name)


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


def _deadline_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        statuses = table.setdefault(row["kind"], dict.fromkeys(STATUSES, 0))
        statuses[row["status"]] += row["deadlines"]
    return [{"kind": kind, **table[kind]} for kind in sorted(table)]


def _by_agency(tally: Tally) -> list[dict[str, Any]]:
    """Each implementing agency with a case received or concluded in the period."""
    table: dict[str, dict[str, int]] = {}
    for rows in tally.values():
        for row in rows:
            if "agency" in row:
                entry = table.setdefault(row["agency"], dict.fromkeys(BY_AGENCY, 0))
                entry.update({name: row[name] for name in BY_AGENCY if name in row})
    return [{"agency": agency, **table[agency]} for agency in sorted(table)]


def _repeated_losses(conn: Connection, asked: Asked) -> list[dict[str, Any]]:
    """一败再败: one agency losing two or more times on the same subject within the year up to
    the period's end."""
    end = asked.scope.end
    since = end - min(timedelta(days=365), end - date.min)  # a period may start in year 1
    year = replace(asked, scope=replace(asked.scope, start=since + timedelta(days=1)))
    query = (
        select(s.agency, s.subject_matter, func.count().label("losses"))
        .where(s.outcome == "lost", year.rows_of(LOSSES_IN_EFFECT))
        .group_by(s.agency, s.subject_matter)
        .having(func.count() >= REPEATED_LOSS_MINIMUM)
        .order_by(s.agency, s.subject_matter)
    )
    return [
        {"agency": r.agency, "subject_matter": r.subject_matter, "losses": r.losses}
        for r in conn.execute(query)
    ]

"""Oversight figures per agency or jurisdiction and period (DOMAIN.md §7).

No national standard fixes the denominators, so every rate comes with its raw counts and
the formula it uses (``shared/metrics/definitions.yaml``). Cases count in the period they
were filed (received) or concluded (concluded, losses, mediation and withdrawal); hearings,
answers and deadlines by their dates.

Each figure is an aggregate in the database over one read model, restricted to the period
by an indexed date first (``counts.py``), so the cost follows the rows of the period, not
the history. One statement per read model computes all its counts, broken down by agency
(and, for deadlines, by kind and status); the totals and the per-agency table are both sums
of that breakdown. The registry (names, rule packs, recorded administrative acts) is read
for the agencies at hand only.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, or_, select

from case_api.cases.tables import case_agencies, case_summaries
from case_api.cases.visibility import visible_cases, visible_rows
from case_api.platform.access import Principal, Role
from case_api.registry.paths import JurisdictionPaths
from case_api.registry.tables import administrative_acts, agencies, jurisdictions
from case_api.statistics.counts import (
    COUNTS,
    DEADLINES,
    FAILURE_COUNTS,
    LOSSES_IN_EFFECT,
    REPEATED_LOSS_MINIMUM,
    SUGGESTION_COUNTS,
    Count,
    Source,
)
from case_api.statistics.report_counts import ACCOUNTABILITY_COUNTS, RISK_COUNTS
from shared.metrics import Rate as MetricRate
from shared.metrics import catalogue
from shared.rulepacks import PackLibrary
from shared.rulepacks.errors import PackNotFound, PackNotInEffect

METRICS = catalogue()
OPS: dict[str, Callable[[float, float], bool]] = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
}
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
    engine: Engine,
    paths: JurisdictionPaths,
    principal: Principal,
    scope: Scope,
    today: date,
    library: PackLibrary,
    sort: str = "agency",
) -> dict[str, Any]:
    asked = Asked(principal, scope, paths, today)
    every = [*COUNTS, *FAILURE_COUNTS]
    with engine.connect() as conn:
        tally = _tally(conn, every, asked)
        suggested = _tally(conn, SUGGESTION_COUNTS, asked)
        risks = _tally(conn, RISK_COUNTS, asked)
        decided = _tally(conn, ACCOUNTABILITY_COUNTS, asked)
        repeated = _repeated_losses(conn, asked)
        per_agency = _per_agency(tally, every)
        in_scope = _scope_agencies(conn, asked)
        named = _registry_rows(conn, set(per_agency) | set(in_scope))
        scope_row = _scope_jurisdiction(conn, scope, named)
    totals = {c.name: sum(row[c.name] for row in per_agency.values()) for c in every}
    totals["administrative_acts"] = _acts_of_all(in_scope)
    targets = _targets(library, scope_row["pack"] if scope_row else None, scope.end)
    rows = [
        _agency_row(agency, counts, in_scope, named, library, scope.end)
        for agency, counts in per_agency.items()
    ]
    return {
        "scope": {
            "jurisdiction": scope.jurisdiction,
            "jurisdiction_name": scope_row["name"] if scope.jurisdiction and scope_row else None,
            "agency": scope.agency,
            "from": scope.start,
            "to": scope.end,
        },
        "counts": {c.name: totals[c.name] for c in COUNTS},
        "rates": [_rate(rate, totals) for rate in METRICS.rates],
        "labels": METRICS.labels(),
        "targets": targets,
        "deadlines": _deadline_table(tally[DEADLINES]),
        "four_failures": _four_failures(totals),
        "repeated_losses": repeated,
        "suggestions": _sums(suggested, SUGGESTION_COUNTS),
        "risks": _sums(risks, RISK_COUNTS),
        "accountability": _sums(decided, ACCOUNTABILITY_COUNTS),
        "by_agency": sort_rows(rows, sort),
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


def _sums(tally: Tally, counts: list[Count]) -> dict[str, int]:
    return {c.name: sum(row[c.name] for row in tally[c.source]) for c in counts}


def _aggregate(count: Count, today: date) -> Any:
    where = count.where(today)
    counted = func.count() if where is None else func.count().filter(where)
    return counted.label(count.name)


def _per_agency(tally: Tally, every: list[Count]) -> dict[str, dict[str, int]]:
    """Every count per implementing agency, summed over each source's breakdown groups."""
    table: dict[str, dict[str, int]] = {}
    for source, rows in tally.items():
        mine = [c.name for c in every if c.source == source]
        for row in rows:
            entry = table.setdefault(row["agency"], {c.name: 0 for c in every})
            for name in mine:
                entry[name] += row[name]
    return table


def _scope_agencies(conn: Connection, asked: Asked) -> dict[str, int | None]:
    """The registered agencies the figures cover, with the administrative acts each recorded
    for exactly this period (None when it recorded none). A jurisdiction's 发案率 needs the
    acts of all of them; one agency missing leaves it unknown rather than too high."""
    ag, j, x = agencies.c, jurisdictions.c, administrative_acts.c
    scope, principal = asked.scope, asked.principal
    query = select(ag.code, x.acts).select_from(
        agencies.join(jurisdictions, j.code == ag.jurisdiction).outerjoin(
            administrative_acts,
            and_(
                x.agency == ag.code,
                x.period_start == scope.start,
                x.period_end == scope.end,
            ),
        )
    )
    if scope.agency:
        query = query.where(ag.code == scope.agency)
    if scope.jurisdiction:
        query = query.where(asked.paths.below(j.path, scope.jurisdiction))
    if principal.role in (Role.AGENCY_USER, Role.MOBILE_READER):
        query = query.where(ag.code == principal.agency)
    elif principal.role == Role.BUREAU_OFFICER and principal.jurisdiction:
        query = query.where(asked.paths.below(j.path, principal.jurisdiction))
    return {r.code: r.acts for r in conn.execute(query)}


def _acts_of_all(in_scope: dict[str, int | None]) -> int | None:
    if not in_scope or any(acts is None for acts in in_scope.values()):
        return None
    return sum(acts for acts in in_scope.values() if acts is not None)


def _registry_rows(conn: Connection, codes: set[str]) -> dict[str, dict[str, Any]]:
    """Name, jurisdiction and rule pack of each agency in ``codes`` (those at hand only)."""
    if not codes:
        return {}
    ag, j = agencies.c, jurisdictions.c
    query = (
        select(ag.code, ag.name, ag.jurisdiction, j.pack)
        .select_from(agencies.join(jurisdictions, j.code == ag.jurisdiction))
        .where(ag.code.in_(sorted(codes)))
    )
    return {r.code: dict(r._mapping) for r in conn.execute(query)}


def _scope_jurisdiction(
    conn: Connection, scope: Scope, named: dict[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """The jurisdiction asked about (or the one agency's): its name and rule pack."""
    code = scope.jurisdiction or (named.get(scope.agency or "") or {}).get("jurisdiction")
    if not code:
        return None
    j = jurisdictions.c
    row = conn.execute(select(j.name, j.pack).where(j.code == code)).first()
    return dict(row._mapping) if row else None


def _targets(library: PackLibrary, pack_id: str | None, at: date) -> list[dict[str, Any]]:
    if pack_id is None:
        return []
    try:
        pack = library.pack(pack_id, at)
    except (PackNotFound, PackNotInEffect):
        return []
    return [t.model_dump() for t in pack.targets]


def _rate_of(rate: MetricRate, counts: dict[str, int | None]) -> dict[str, Any]:
    n, d = counts[rate.numerator], counts[rate.denominator]
    value = round(n / d, 4) if n is not None and d else None
    return {"value": value, "numerator": n, "denominator": d}


def _rate(rate: MetricRate, counts: dict[str, int | None]) -> dict[str, Any]:
    figure = _rate_of(rate, counts)
    note = None
    if figure["value"] is None:
        if figure["denominator"] is None:
            note = METRICS.notes_zh["not_recorded"]
        else:
            note = METRICS.notes_zh["zero_denominator"].format(
                denominator=METRICS.count(rate.denominator).name_zh, name=rate.name_zh
            )
    return {
        "name": rate.key,
        **figure,
        "formula": rate.formula,
        "name_zh": rate.name_zh,
        "formula_zh": rate.formula_zh,
        "source": rate.source,
        "note_zh": note,
    }


def _four_failures(counts: dict[str, Any]) -> dict[str, int]:
    return {f.key: sum(counts[part] for part in f.parts) for f in METRICS.four_failures}


def _deadline_table(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        statuses = table.setdefault(row["kind"], dict.fromkeys(STATUSES, 0))
        statuses[row["status"]] += row["deadlines"]
    return [{"kind": kind, **table[kind]} for kind in sorted(table)]


def _agency_row(
    agency: str,
    counted: dict[str, int],
    in_scope: dict[str, int | None],
    named: dict[str, dict[str, Any]],
    library: PackLibrary,
    at: date,
) -> dict[str, Any]:
    """One agency's line of the table: its counts, rates, four failures and how it stands
    against its own jurisdiction's targets (点对点督促提醒 [004 5-⑤三])."""
    counts: dict[str, int | None] = {c.name: counted[c.name] for c in COUNTS}
    counts["administrative_acts"] = in_scope.get(agency)
    rates = {rate.key: _rate_of(rate, counts) for rate in METRICS.rates}
    registered = named.get(agency)
    flags = []
    for target in _targets(library, registered["pack"] if registered else None, at):
        value = rates[target["metric"]]["value"] if target["metric"] in rates else None
        if value is None and target["metric"] in counts:
            value = counts[target["metric"]]
        flags.append(
            {
                "metric": target["metric"],
                "met": None if value is None else OPS[target["op"]](value, target["threshold"]),
                "value": value,
                "threshold": target["threshold"],
                "op": target["op"],
                "name_zh": target["name_zh"],
                "source": target["source"],
            }
        )
    return {
        "agency": agency,
        "agency_name": registered["name"] if registered else None,
        **counts,
        "rates": rates,
        "four_failures": _four_failures(counted),
        "flags": flags,
    }


SORT_KEYS = frozenset(
    {"agency", "agency_name"}
    | {c.name for c in COUNTS}
    | {"administrative_acts"}
    | {r.key for r in METRICS.rates}
    | {f.key for f in METRICS.four_failures}
)
"""What ``by_agency`` may be sorted by; ``-key`` sorts descending."""


def sort_rows(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Sorted by ``sort`` (``key`` ascending, ``-key`` descending), agencies without the
    figure last either way, ties by agency code."""
    key = sort.removeprefix("-")
    descending = sort.startswith("-")

    def figure(row: dict[str, Any]) -> Any:
        if key in row["rates"]:
            return row["rates"][key]["value"]
        if key in row["four_failures"]:
            return row["four_failures"][key]
        return row[key]

    rows = sorted(rows, key=lambda r: r["agency"])
    known = [r for r in rows if figure(r) is not None]
    unknown = [r for r in rows if figure(r) is None]
    return sorted(known, key=figure, reverse=descending) + unknown


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

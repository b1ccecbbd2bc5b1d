"""The read side: case summaries, timelines and the event feed, filtered by visibility."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, select, tuple_

from case_api.cases.commands import case_not_found
from case_api.cases.tables import case_agencies, case_suggestions, case_summaries, case_timeline
from case_api.cases.values import case_number_key
from case_api.cases.visibility import visible_cases, visible_events
from case_api.deadlines.tables import deadlines
from case_api.platform.access import Principal
from case_api.platform.cursors import decode_cursor, encode_cursor
from case_api.registry.paths import JurisdictionPaths
from shared.deadlines.corrections import effective_events
from shared.deadlines.model import CaseEvent


@dataclass(frozen=True)
class CaseFilters:
    case_number: str | None = None  # compared by its one spelling (values.case_number_key)
    agency: str | None = None
    jurisdiction: str | None = None
    status: str | None = None
    court: str | None = None
    filed_from: date | None = None
    filed_to: date | None = None
    overdue: bool | None = None
    today: date | None = None
    proceeding_kind: str | None = None


class CaseQueries:
    def __init__(self, engine: Engine, paths: JurisdictionPaths | None = None) -> None:
        self.engine = engine
        self.paths = paths or JurisdictionPaths(engine)

    def case(self, principal: Principal, case_id: str) -> dict[str, Any]:
        query = select(case_summaries).where(
            case_summaries.c.case_id == case_id, visible_cases(principal, self.paths)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise case_not_found(case_id)
        return dict(row)

    def cases(
        self, principal: Principal, filters: CaseFilters, cursor: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest filing first; the cursor is the last row's (filed_date, case_id).

        An agency's cases are walked in that order on its own index (its defendant rows
        carry the filing date), so a rarely sued agency is found without reading the
        country's newest cases one by one."""
        s, order = case_summaries.c, _order(filters)
        query = select(case_summaries).where(
            visible_cases(principal, self.paths), *_conditions(filters, self.paths)
        )
        if filters.agency:
            a = case_agencies.c
            query = query.join(case_agencies, a.case_id == s.case_id).where(
                a.agency == filters.agency
            )
        if cursor:
            filed, case_id = decode_cursor(cursor, date, str)
            query = query.where(tuple_(*order) < tuple_(filed, case_id))
        query = query.order_by(*(column.desc() for column in order)).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = encode_cursor(rows[-1]["filed_date"], rows[-1]["case_id"]) if more else None
        return rows, next_cursor

    def case_numbers(self, case_ids: set[str]) -> dict[str, str]:
        """Case numbers of cases a caller already may see (one page of a list: bounded)."""
        if not case_ids:
            return {}
        s = case_summaries.c
        query = select(s.case_id, s.case_number).where(s.case_id.in_(sorted(case_ids)))
        with self.engine.connect() as conn:
            return {row.case_id: row.case_number for row in conn.execute(query)}

    def timeline(self, principal: Principal, case_id: str) -> list[dict[str, Any]]:
        """Every event, oldest first; a corrected or retracted one names what changed it."""
        self.case(principal, case_id)
        query = (
            select(case_timeline)
            .where(case_timeline.c.stream_id == case_id)
            .order_by(case_timeline.c.version)
        )
        with self.engine.connect() as conn:
            return annotate_corrections([dict(r) for r in conn.execute(query).mappings()])

    def suggestions(self, principal: Principal, case_id: str) -> list[dict[str, Any]]:
        """The case's suggestions in service order, each with its reply deadline's row (the
        one its ``SuggestionReceived`` event triggered), if the pack sets one."""
        self.case(principal, case_id)
        sg, d = case_suggestions.c, deadlines.c
        reply = and_(
            d.case_id == sg.case_id,
            d.trigger_position == sg.position,
            d.kind == "suggestion_reply",
        )
        query = (
            select(case_suggestions, d.key, d.due_date, d.status, d.source)
            .select_from(case_suggestions.outerjoin(deadlines, reply))
            .where(sg.case_id == case_id)
            .order_by(sg.served_date, sg.position)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def feed(self, principal: Principal, after: int, limit: int) -> list[dict[str, Any]]:
        query = (
            select(case_timeline)
            .where(case_timeline.c.position > after, visible_events(principal, self.paths))
            .order_by(case_timeline.c.position)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]


def annotate_corrections(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each fact a correction or retraction names gets ``corrected_by`` (their versions),
    ``retracted_by`` and ``corrected_data`` (its data as now corrected); the rows of the
    corrections themselves say who corrected it, when and why."""
    events = [
        CaseEvent(r["position"], r["type"], r["data"], r["recorded_at"], r["version"]) for r in rows
    ]
    current = {e.version: e.data for e in effective_events(events)}
    for row in rows:
        row.setdefault("corrected_by", [])
        row.setdefault("retracted_by", None)
    by_version = {r["version"]: r for r in rows}
    for row in rows:
        target = by_version.get(row["data"].get("event_version"))
        if target is None or row["type"] not in ("FactCorrected", "FactRetracted"):
            continue
        if row["type"] == "FactCorrected":
            target["corrected_by"].append(row["version"])
            target["corrected_data"] = current.get(target["version"])
        else:
            target["retracted_by"] = row["version"]
    return rows


def _order(f: CaseFilters) -> tuple[Any, Any]:
    """(filed_date, case_id): of the agency's defendant rows when listing an agency's cases."""
    table = case_agencies if f.agency else case_summaries
    return table.c.filed_date, table.c.case_id


def _conditions(f: CaseFilters, paths: JurisdictionPaths) -> list[Any]:
    """The filters on the summaries (``agency`` is a join: see ``cases``)."""
    s = case_summaries.c
    conditions: list[Any] = []
    if f.case_number:
        conditions.append(s.case_number_key == case_number_key(f.case_number))
    if f.jurisdiction:
        conditions.append(paths.below(s.jurisdiction_path, f.jurisdiction))
    if f.status:
        conditions.append(s.status == f.status)
    if f.court:
        conditions.append(s.court == f.court)
    if f.proceeding_kind:
        conditions.append(s.proceeding_kind == f.proceeding_kind)
    if f.filed_from:
        conditions.append(s.filed_date >= f.filed_from)
    if f.filed_to:
        conditions.append(s.filed_date <= f.filed_to)
    if f.overdue is not None and f.today is not None:
        late = and_(s.next_deadline_date.is_not(None), s.next_deadline_date < f.today)
        conditions.append(late if f.overdue else ~late)
    return conditions

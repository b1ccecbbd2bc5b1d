"""The read side: case summaries, timelines and the event feed, filtered by visibility."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, and_, select, tuple_

from case_api.cases.commands import case_not_found
from case_api.cases.tables import case_agencies, case_summaries, case_timeline
from case_api.cases.visibility import visible_cases, visible_events
from case_api.platform.access import Principal
from case_api.platform.domain_errors import InvalidValue


@dataclass(frozen=True)
class CaseFilters:
    agency: str | None = None
    jurisdiction: str | None = None
    status: str | None = None
    court: str | None = None
    filed_from: date | None = None
    filed_to: date | None = None
    overdue: bool | None = None
    today: date | None = None


class CaseQueries:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def case(self, principal: Principal, case_id: str) -> dict[str, Any]:
        query = select(case_summaries).where(
            case_summaries.c.case_id == case_id, visible_cases(principal)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise case_not_found(case_id)
        return dict(row)

    def cases(
        self, principal: Principal, filters: CaseFilters, cursor: str | None, limit: int
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Newest filing first; the cursor is the last row's (filed_date, case_id)."""
        s = case_summaries.c
        query = select(case_summaries).where(visible_cases(principal), *_conditions(filters))
        if cursor:
            filed, case_id = _decode_cursor(cursor)
            query = query.where(tuple_(s.filed_date, s.case_id) < tuple_(filed, case_id))
        query = query.order_by(s.filed_date.desc(), s.case_id.desc()).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [dict(r) for r in conn.execute(query).mappings()]
        more = len(rows) > limit
        rows = rows[:limit]
        next_cursor = _encode_cursor(rows[-1]) if more else None
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
        self.case(principal, case_id)
        query = (
            select(case_timeline)
            .where(case_timeline.c.stream_id == case_id)
            .order_by(case_timeline.c.version)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def feed(self, principal: Principal, after: int, limit: int) -> list[dict[str, Any]]:
        query = (
            select(case_timeline)
            .where(case_timeline.c.position > after, visible_events(principal))
            .order_by(case_timeline.c.position)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]


def _conditions(f: CaseFilters) -> list[Any]:
    s = case_summaries.c
    conditions: list[Any] = []
    if f.agency:
        conditions.append(
            s.case_id.in_(select(case_agencies.c.case_id).where(case_agencies.c.agency == f.agency))
        )
    if f.jurisdiction:
        conditions.append(s.jurisdiction_path.contains(f"/{f.jurisdiction}/"))
    if f.status:
        conditions.append(s.status == f.status)
    if f.court:
        conditions.append(s.court == f.court)
    if f.filed_from:
        conditions.append(s.filed_date >= f.filed_from)
    if f.filed_to:
        conditions.append(s.filed_date <= f.filed_to)
    if f.overdue is not None and f.today is not None:
        late = and_(s.next_deadline_date.is_not(None), s.next_deadline_date < f.today)
        conditions.append(late if f.overdue else ~late)
    return conditions


def _encode_cursor(row: dict[str, Any]) -> str:
    raw = json.dumps([row["filed_date"].isoformat(), row["case_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode_cursor(cursor: str) -> tuple[date, str]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        filed, case_id = json.loads(base64.urlsafe_b64decode(padded))
        return date.fromisoformat(filed), str(case_id)
    except (ValueError, TypeError) as error:
        raise InvalidValue(
            "invalid-cursor", "The cursor is not one this API issued.", "分页游标无效。"
        ) from error

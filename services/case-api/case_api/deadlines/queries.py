"""Reading deadlines: per case with explanations, across cases, changes after calendar loads."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Engine, and_, func, literal, select, true, tuple_

from case_api.cases.queries import CaseQueries
from case_api.cases.visibility import visible_rows
from case_api.deadlines.histories import case_events
from case_api.deadlines.rows import HearingIndex, duty_for
from case_api.deadlines.tables import deadline_changes, deadlines
from case_api.platform.access import Principal
from case_api.platform.cursors import decode_cursor, encode_cursor
from shared.calendar import WorkCalendar
from shared.deadlines.effect import JudgmentEffect, judgment_effects
from shared.rulepacks import PackLibrary


@dataclass(frozen=True)
class DeadlineFilters:
    agency: str | None = None
    jurisdiction: str | None = None
    kind: str | None = None
    status: str | None = None  # open, missed, met, met_late, waived, or "pending" (open+missed)
    due_from: date | None = None
    due_to: date | None = None


class DeadlineQueries:
    def __init__(
        self,
        engine: Engine,
        cases: CaseQueries,
        library: PackLibrary,
        calendar: Callable[[Connection], WorkCalendar],
    ) -> None:
        """``calendar``: the working-day calendar in force, as the deadline projection has it."""
        self.engine = engine
        self.cases = cases
        self.library = library
        self.calendar = calendar

    def of_case(self, principal: Principal, case_id: str, today: date) -> dict[str, Any]:
        summary = self.cases.case(principal, case_id)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(deadlines)
                .where(deadlines.c.case_id == case_id)
                .order_by(deadlines.c.due_date, deadlines.c.key)
            ).mappings()
            items = [with_status(dict(r), today) for r in rows]
            events = case_events(conn, {case_id})[case_id]
            hearings = HearingIndex(conn)
            duty = duty_for(hearings, summary, events, self.library, summary["hearing_date"])
            calendar = self.calendar(conn)
        effects = judgment_effects(events, self.library, calendar, pack_id=summary["pack"])
        return {
            "case_id": case_id,
            "appearance_duty": {"required": duty.required, "reasons": list(duty.reasons)},
            "deadlines": items,
            "judgment_effects": [_effect(e) for e in effects],
        }

    def across_cases(
        self,
        principal: Principal,
        f: DeadlineFilters,
        today: date,
        limit: int,
        cursor: str | None = None,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """Earliest due first; the cursor is the last row's (due_date, case_id, key)."""
        d = deadlines.c
        query = select(deadlines).where(self.scope(principal, f, today))
        if cursor:
            key = decode_cursor(cursor, due_date=date, case_id=str, key=str)
            query = query.where(tuple_(d.due_date, d.case_id, d.key) > tuple_(*key))
        query = query.order_by(d.due_date, d.case_id, d.key).limit(limit + 1)
        with self.engine.connect() as conn:
            rows = [with_status(dict(r), today) for r in conn.execute(query).mappings()]
        if len(rows) <= limit:
            return rows, None
        last = rows[limit - 1]
        cursor = encode_cursor(due_date=last["due_date"], case_id=last["case_id"], key=last["key"])
        return rows[:limit], cursor

    def latest(
        self, principal: Principal, f: DeadlineFilters, today: date, limit: int
    ) -> list[dict[str, Any]]:
        """The ``limit`` most recently due of the selected rows, latest first."""
        d = deadlines.c
        query = (
            select(deadlines)
            .where(self.scope(principal, f, today))
            .order_by(d.due_date.desc(), d.case_id.desc(), d.key.desc())
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [with_status(dict(r), today) for r in conn.execute(query).mappings()]

    def count(self, principal: Principal, f: DeadlineFilters, today: date, up_to: int) -> int:
        """How many rows the filters select, counted up to ``up_to`` (a count of years of
        overdue deadlines would cost what the years hold)."""
        rows = select(literal(1)).where(self.scope(principal, f, today)).limit(up_to)
        query = select(func.count()).select_from(rows.subquery())
        with self.engine.connect() as conn:
            return int(conn.execute(query).scalar_one())

    def scope(self, principal: Principal, f: DeadlineFilters, today: date) -> Any:
        """The rows the filters select among those ``principal`` may see."""
        d = deadlines.c
        paths = self.cases.paths
        conditions = [visible_rows(principal, deadlines, paths)]
        if f.agency:
            conditions.append(d.agency == f.agency)
        if f.jurisdiction:
            conditions.append(paths.below(d.jurisdiction_path, f.jurisdiction))
        if f.kind:
            conditions.append(d.kind == f.kind)
        if f.due_from:
            conditions.append(d.due_date >= f.due_from)
        if f.due_to:
            conditions.append(d.due_date <= f.due_to)
        conditions.append(_status_condition(f.status, today))
        return and_(*conditions)

    def changes(self, principal: Principal, year: int | None) -> list[dict[str, Any]]:
        c = deadline_changes.c
        query = select(deadline_changes).where(
            visible_rows(principal, deadline_changes, self.cases.paths)
        )
        if year is not None:
            query = query.where(c.year == year)
        query = query.order_by(c.position, c.case_id, c.deadline_key)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]


def with_status(row: dict[str, Any], today: date) -> dict[str, Any]:
    """``missed`` is a matter of today's date, so it is worked out when read."""
    if row["status"] == "open" and row["due_date"] < today:
        row["status"] = "missed"
        row["status_reason"] = row["status_reason"] or "not met by the due date"
    if row.get("ended_by_position") is not None:
        row["ended_by"] = {"position": row["ended_by_position"], "event": row["ended_by_event"]}
    return row


def _effect(effect: JudgmentEffect) -> dict[str, Any]:
    return {
        "judgment_position": effect.judgment_position,
        "kind": effect.kind,
        "instance": effect.instance,
        "parties": [
            {
                "party": p.party,
                "served_date": p.served_date,
                "appeal_deadline": p.appeal_deadline,
                "explanation": asdict(p.explanation) if p.explanation else None,
            }
            for p in effect.parties
        ],
        "appealed": effect.appealed,
        "derived_effective_date": effect.derived_date,
        "steps": list(effect.steps),
        "source": effect.source,
        "posted_effective_date": effect.posted_date,
        "mismatch": effect.mismatch,
    }


def _status_condition(status: str | None, today: date) -> Any:
    d = deadlines.c
    if status == "missed":
        return (d.status == "missed") | ((d.status == "open") & (d.due_date < today))
    if status == "open":
        return and_(d.status == "open", d.due_date >= today)
    if status == "pending":
        return d.status == "open"
    if status:
        return d.status == status
    return true()

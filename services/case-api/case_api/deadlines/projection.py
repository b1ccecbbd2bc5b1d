"""Deadline rows, derived after each projection batch from the touched cases' events.

Due dates are never stored in events: the shared engine derives them from the case's
timeline, its rule pack and the calendar in effect. A batch ends at a calendar load, so a
load first leaves the deadlines as they were, then recomputes the open ones it may move
and records each change (case, rule, old → new due date) for the bureau to review.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from case_api.cases.tables import case_summaries
from case_api.deadlines.histories import case_events, chunked, whole_in_batch
from case_api.deadlines.rows import HearingIndex, deadline_rows
from case_api.deadlines.tables import calendar_overrides, deadline_changes, deadlines
from case_api.readmodel.batch import Batch
from shared.calendar import WorkCalendar, YearSchedule
from shared.deadlines.effect import JudgmentEffect, judgment_effects
from shared.deadlines.model import CaseEvent
from shared.rulepacks import PackLibrary


class DeadlineProjection:
    def __init__(self, library: PackLibrary, base: WorkCalendar | None = None) -> None:
        self.library = library
        self.base = base or WorkCalendar.official()
        self._cached: tuple[tuple, WorkCalendar] | None = None

    def __call__(self, batch: Batch) -> None:
        conn = batch.conn
        calendar = self.calendar(conn)
        touched = {r["stream_id"] for r in batch.timeline if r["stream_type"] == "case"}
        if touched:
            summaries = {c: batch.summaries[c] for c in touched}
            self.recompute(conn, summaries, calendar, whole_in_batch(batch))
        for load in batch.calendar_loads:
            calendar = self._apply_load(conn, load, calendar)

    def calendar(self, conn: Connection) -> WorkCalendar:
        """The official schedules with every administrator's load applied (latest wins)."""
        rows = conn.execute(select(calendar_overrides).order_by(calendar_overrides.c.year)).all()
        signature = tuple((r.year, r.position) for r in rows)
        if self._cached is None or self._cached[0] != signature:
            calendar = self.base
            for row in rows:
                calendar = calendar.with_schedule(YearSchedule.from_dict(row.schedule))
            self._cached = (signature, calendar)
        return self._cached[1]

    def recompute(
        self,
        conn: Connection,
        summaries: dict[str, dict[str, Any]],
        calendar: WorkCalendar,
        known: dict[str, list[CaseEvent]] | None = None,
    ) -> None:
        """Replace the deadlines of the cases in ``summaries`` (case id → summary row);
        ``known`` holds the complete histories of cases filed in this batch, which have no
        deadline rows yet."""
        known = known or {}
        events = {**case_events(conn, set(summaries) - known.keys()), **known}
        hearings = HearingIndex(conn)
        rows: list[dict[str, Any]] = []
        nearest: list[dict[str, Any]] = []
        for case_id, summary in summaries.items():
            case_rows = deadline_rows(hearings, summary, events[case_id], self.library, calendar)
            rows.extend(case_rows)
            open_rows = [r for r in case_rows if r["status"] == "open"]
            first = min(open_rows, key=lambda r: (r["due_date"], r["key"]), default=None)
            effect = self._effect(summary, events[case_id], calendar)
            nearest.append(
                {
                    "b_case_id": case_id,
                    "b_date": first["due_date"] if first else None,
                    "b_rule": first["rule_id"] if first else None,
                    "b_derived": effect.derived_date if effect else None,
                    # None until the court posts a date to compare with the derived one.
                    "b_mismatch": effect.mismatch if effect and effect.posted_date else None,
                }
            )
        for chunk in chunked(sorted(set(summaries) - known.keys())):
            conn.execute(delete(deadlines).where(deadlines.c.case_id.in_(chunk)))
        if rows:
            conn.execute(deadlines.insert(), rows)
        if nearest:
            conn.execute(
                update(case_summaries)
                .where(case_summaries.c.case_id == bindparam("b_case_id"))
                .values(
                    next_deadline_date=bindparam("b_date"),
                    next_deadline_rule=bindparam("b_rule"),
                    effective_date_derived=bindparam("b_derived"),
                    effective_date_mismatch=bindparam("b_mismatch"),
                ),
                nearest,
            )

    def _effect(
        self, summary: dict[str, Any], events: list[CaseEvent], calendar: WorkCalendar
    ) -> JudgmentEffect | None:
        """The latest judgment's derived effective date, checked against the posted one."""
        found = judgment_effects(events, self.library, calendar, pack_id=summary["pack"])
        return found[-1] if found else None

    def _apply_load(
        self, conn: Connection, load: dict[str, Any], calendar: WorkCalendar
    ) -> WorkCalendar:
        year = load["year"]
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(calendar_overrides).values(**load)
        conn.execute(
            stmt.on_conflict_do_update(
                index_elements=["year"],
                set_={k: stmt.excluded[k] for k in ("schedule", "reason", "position", "loaded_at")},
            )
        )
        new_calendar = self.calendar(conn)
        before = _open_deadlines_reaching(conn, year)
        for chunk in chunked(sorted({case_id for case_id, _ in before})):
            self.recompute(conn, summaries_of(conn, chunk), new_calendar)
            _record_changes(conn, load["position"], year, before, chunk)
        return new_calendar


def summaries_of(conn: Connection, case_ids: list[str]) -> dict[str, dict[str, Any]]:
    query = select(case_summaries).where(case_summaries.c.case_id.in_(case_ids))
    return {r["case_id"]: dict(r) for r in conn.execute(query).mappings()}


def _open_deadlines_reaching(conn: Connection, year: int) -> dict[tuple[str, str], Any]:
    """Open deadlines whose period may touch ``year``: any day from trigger to due."""
    d = deadlines.c
    query = select(d.case_id, d.key, d.due_date, d.provisional).where(
        d.status == "open",
        d.trigger_date <= date(year, 12, 31),
        d.due_date >= date(year - 1, 12, 1),
    )
    return {(r.case_id, r.key): r for r in conn.execute(query)}


def _record_changes(
    conn: Connection,
    position: int,
    year: int,
    before: dict[tuple[str, str], Any],
    case_ids: list[str],
) -> None:
    d = deadlines.c
    after = conn.execute(
        select(
            d.case_id, d.key, d.rule_id, d.agency, d.jurisdiction_path, d.due_date, d.provisional
        ).where(d.case_id.in_(case_ids))
    ).all()
    changes = []
    for row in after:
        old = before.get((row.case_id, row.key))
        if old is None or (old.due_date, old.provisional) == (row.due_date, row.provisional):
            continue
        changes.append(
            {
                "position": position,
                "deadline_key": row.key,
                "case_id": row.case_id,
                "year": year,
                "rule_id": row.rule_id,
                "agency": row.agency,
                "jurisdiction_path": row.jurisdiction_path,
                "old_due_date": old.due_date,
                "new_due_date": row.due_date,
                "old_provisional": old.provisional,
                "new_provisional": row.provisional,
            }
        )
    if changes:
        conn.execute(deadline_changes.insert(), changes)

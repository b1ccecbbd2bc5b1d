"""One case's deadlines as table rows, with the court-appearance duty applied.

An appearance record that does not meet the duty (DOMAIN.md §5: a head, or the principal
head) leaves the hearing deadline missed, with the reason.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, literal, or_, select

from case_api.cases.tables import case_hearings
from shared.calendar import WorkCalendar
from shared.deadlines.appearance import AppearanceDuty, appearance_duty, check_appearance
from shared.deadlines.corrections import effective_events
from shared.deadlines.engine import derive_deadlines
from shared.deadlines.model import CaseEvent, Deadline
from shared.rulepacks import PackLibrary


class HearingIndex:
    """Guangzhou's "the agency's first first-instance hearing of the year" [004 5-②]:
    whether another case of the agency had a hearing earlier that year.

    Only hearings known when the appearance was recorded count (scheduled before it and not
    postponed by then), so the answer does not depend on how events fall into batches: a
    rebuild agrees with the live projection. The agency's earliest hearings of the year are
    read once per index (one batch) and answer nearly every question; the rest probe.
    """

    EARLIEST = 16

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._earliest: dict[tuple[str, int], list[Any]] = {}

    def is_first_of_year(
        self, summary: dict[str, Any], hearing: date, as_of: int | None = None
    ) -> bool:
        if summary["instance"] != "first":
            return False
        rows = self._earliest_of(summary["agency"], hearing.year)
        for row in rows:
            if row.hearing_date >= hearing:
                return True
            if row.case_id != summary["case_id"] and _known(row, as_of):
                return False
        if len(rows) < self.EARLIEST:
            return True  # those were all of the agency's hearings that year
        return self._probe(summary, hearing, as_of)

    def _earliest_of(self, agency: str, year: int) -> list[Any]:
        if (agency, year) not in self._earliest:
            h = case_hearings.c
            query = (
                select(h.case_id, h.hearing_date, h.scheduled_position, h.postponed_position)
                .where(
                    h.agency == agency,
                    h.hearing_date >= date(year, 1, 1),
                    h.hearing_date <= date(year, 12, 31),
                )
                .order_by(h.hearing_date)
                .limit(self.EARLIEST)
            )
            self._earliest[agency, year] = list(self.conn.execute(query))
        return self._earliest[agency, year]

    def _probe(self, summary: dict[str, Any], hearing: date, as_of: int | None) -> bool:
        h = case_hearings.c
        query = select(literal(1)).where(
            h.agency == summary["agency"],
            h.hearing_date >= date(hearing.year, 1, 1),
            h.hearing_date < hearing,
            h.case_id != summary["case_id"],
        )
        if as_of is None:
            query = query.where(h.postponed_position.is_(None))
        else:
            query = query.where(
                h.scheduled_position < as_of,
                or_(h.postponed_position.is_(None), h.postponed_position > as_of),
            )
        return self.conn.execute(query.limit(1)).first() is None


def _known(row: Any, as_of: int | None) -> bool:
    """Scheduled, and not postponed, at position ``as_of`` (now when None)."""
    if as_of is None:
        return row.postponed_position is None
    postponed = row.postponed_position
    return row.scheduled_position < as_of and (postponed is None or postponed > as_of)


def deadline_rows(
    hearings: HearingIndex,
    summary: dict[str, Any],
    events: list[CaseEvent],
    library: PackLibrary,
    calendar: WorkCalendar,
) -> list[dict[str, Any]]:
    derived = derive_deadlines(events, library, calendar, pack_id=summary["pack"])
    by_position = {e.position: e for e in effective_events(events)}
    rows = []
    for deadline in derived:
        status, reason = deadline.status, deadline.status_reason
        appeared = by_position.get(deadline.satisfied_position or -1)
        if deadline.kind == "hearing" and appeared is not None:
            duty = duty_for(
                hearings, summary, events, library, deadline.due_date, appeared.position
            )
            met, why = check_appearance(duty, appeared.data.get("appearances") or [])
            conduct = court_conduct(appeared.data)
            if conduct:
                status, reason = "missed", conduct
            elif not met:
                status, reason = "missed", why
        rows.append(_row(summary, deadline, status, reason))
    return rows


def court_conduct(appearance: dict[str, Any]) -> str | None:
    """An appearance that was none [003 二(二)2]; events stored before it was kept carry no
    such field, and neither happened then."""
    if appearance.get("refused_to_attend"):
        return "无正当理由拒不到庭 (refused to attend court)"
    if appearance.get("left_without_permission"):
        return "未经法庭许可中途退庭 (left the court without its permission)"
    return None


def duty_for(
    hearings: HearingIndex,
    summary: dict[str, Any],
    events: list[CaseEvent],
    library: PackLibrary,
    hearing_date: date | None,
    as_of: int | None = None,
) -> AppearanceDuty:
    """The appearance duty of the case; Guangzhou's "first hearing of the year" looks at the
    agency's other cases' hearings known at ``as_of`` (the appearance's position; now when
    None), and only for packs that have that ground."""
    filed = next((e for e in events if e.type == "CaseFiled"), None)
    if filed is None:
        return AppearanceDuty("none", ())
    grounds = library.ruleset(summary["pack"], filed.recorded_at).appearance().grounds
    first = (
        hearing_date is not None
        and any(g.first_hearing_of_year for g in grounds)
        and hearings.is_first_of_year(summary, hearing_date, as_of)
    )
    return appearance_duty(
        filed.data,
        summary["pack"],
        first_hearing_of_year=first,
        library=library,
        at=filed.recorded_at,
    )


def _row(summary: dict[str, Any], d: Deadline, status: str, reason: str | None) -> dict[str, Any]:
    e = d.explanation
    explanation = {
        "start": e.start.isoformat(),
        "raw_end": e.raw_end.isoformat(),
        "due_date": e.due_date.isoformat(),
        "offset": e.offset,
        "unit": str(e.unit),
        "direction": str(e.direction),
        "skipped_rest_days": [x.isoformat() for x in e.skipped_rest_days],
        "provisional": e.provisional,
        "provisional_reason": e.provisional_reason,
        "steps": list(e.steps),
    }
    return {
        "key": d.key,
        "case_id": summary["case_id"],
        "rule_id": d.rule_id,
        "kind": d.kind,
        "title": d.title,
        "title_zh": d.title_zh,
        "source": d.source,
        "pack": d.pack,
        "pack_version": d.pack_version,
        "actor": d.actor,
        "agency": summary["agency"],
        "jurisdiction_path": summary["jurisdiction_path"],
        "trigger_position": d.trigger_position,
        "trigger_date": d.trigger_date,
        "due_date": d.due_date,
        "provisional": d.provisional,
        "provisional_reason": d.provisional_reason,
        "status": status,
        "status_reason": reason,
        "ended_by_position": d.ended_by_position,
        "ended_by_event": d.ended_by_event,
        "satisfied_position": d.satisfied_position,
        "satisfied_date": d.satisfied_date,
        "explanation": explanation,
        "reminders": list(d.reminders),
        "escalation": list(d.escalation),
    }

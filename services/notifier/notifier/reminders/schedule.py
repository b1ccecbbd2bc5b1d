"""Recompute one case's deadlines and bring its delivery rows in line (inside the caller's
transaction): new rows scheduled, moved rows re-timed, settled or vanished rows withdrawn.
Rows already sending, sent or dead are history and stay as they are.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from notifier.platform.db import from_db, to_db
from notifier.platform.tables import agencies, case_events, cases, deliveries
from notifier.reminders.plan import CaseInfo, Planned, plan_case
from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, derive_deadlines
from shared.rulepacks import PackLibrary

OPEN_STATES = ("scheduled", "failed")


def recompute_case(
    conn: Connection,
    case_id: str,
    library: PackLibrary,
    calendar: WorkCalendar,
    reminder_hour: int,
    now: datetime,
) -> int:
    """Re-plan ``case_id``; return how many rows were inserted or changed."""
    case = _case_info(conn, case_id)
    if case is None:
        return 0
    events = _events(conn, case_id)
    deadlines = derive_deadlines(events, library, calendar, pack_id=case.pack)
    rules = library.ruleset(case.pack, events[0].recorded_at if events else None)
    policy = rules.policy.model_copy(update={"reminder_hour": reminder_hour})
    remediation = frozenset(rules.pack.remediation.after_missed if rules.pack.remediation else ())
    planned = plan_case(case, deadlines, calendar, policy, remediation)
    return apply_plan(conn, case_id, planned, now)


def apply_plan(conn: Connection, case_id: str, planned: list[Planned], now: datetime) -> int:
    existing = {
        row["key"]: row
        for row in conn.execute(
            select(
                deliveries.c.id,
                deliveries.c.key,
                deliveries.c.state,
                deliveries.c.due_at,
                deliveries.c.payload,
            ).where(deliveries.c.case_id == case_id)
        ).mappings()
    }
    changes = 0
    wanted = set()
    for item in planned:
        wanted.add(item.key)
        row = existing.get(item.key)
        if row is None:
            if not item.settled:
                conn.execute(deliveries.insert().values(**_new_row(case_id, item, now)))
                changes += 1
            continue
        changes += _reconcile(conn, row, item, now)
    for key, row in existing.items():
        if key not in wanted and row["state"] in OPEN_STATES:
            _set(conn, row["id"], now, state="withdrawn", last_answer="deadline no longer exists")
            changes += 1
    return changes


def _reconcile(conn: Connection, row: Any, item: Planned, now: datetime) -> int:
    state = row["state"]
    if item.settled:
        if state not in OPEN_STATES:
            return 0
        _set(conn, row["id"], now, state="withdrawn", last_answer="deadline met or waived")
        return 1
    due = to_db(item.due_at)
    if state == "withdrawn" or (state == "scheduled" and row["due_at"] != due):
        _set(conn, row["id"], now, state="scheduled", due_at=due, next_attempt_at=due)
        state = "scheduled"
    elif row["payload"] == item.payload or state not in OPEN_STATES:
        return 0
    # The text names the due date as it is now (a calendar load or a correction moves it)
    # and whether it is still provisional; a message not yet sent says what is true.
    if row["payload"] != item.payload:
        _set(conn, row["id"], now, payload=item.payload)
    return 1


def _set(conn: Connection, row_id: int, now: datetime, **values: Any) -> None:
    conn.execute(
        update(deliveries).where(deliveries.c.id == row_id).values(updated_at=to_db(now), **values)
    )


def _new_row(case_id: str, item: Planned, now: datetime) -> dict[str, Any]:
    due = to_db(item.due_at)
    return {
        "key": item.key,
        "kind": item.kind,
        "recipient": item.recipient,
        "case_id": case_id,
        "agency": item.agency,
        "deadline_key": item.deadline_key,
        "due_at": due,
        "state": "scheduled",
        "attempts": 0,
        "next_attempt_at": due,
        "payload": item.payload,
        "updated_at": to_db(now),
    }


def _case_info(conn: Connection, case_id: str) -> CaseInfo | None:
    row = conn.execute(select(cases).where(cases.c.case_id == case_id)).mappings().first()
    if row is None:
        return None
    ids = tuple(a["agency_id"] for a in row["agencies"])
    known = dict(
        conn.execute(
            select(agencies.c.code, agencies.c.jurisdiction).where(agencies.c.code.in_(ids))
        ).all()
    )
    bureaus = tuple(known.get(a, row["jurisdiction"]) for a in ids)
    return CaseInfo(case_id, row["case_number"], row["pack"], ids, bureaus)


def _events(conn: Connection, case_id: str) -> list[CaseEvent]:
    rows = conn.execute(
        select(case_events).where(case_events.c.case_id == case_id).order_by(case_events.c.position)
    ).mappings()
    return [
        CaseEvent(r["position"], r["type"], r["data"], from_db(r["recorded_at"]))  # type: ignore[arg-type]
        for r in rows
    ]

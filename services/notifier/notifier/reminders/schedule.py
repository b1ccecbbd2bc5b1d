"""Recompute cases' deadlines and bring their delivery rows in line (inside the caller's
transaction): new rows scheduled, moved rows re-timed, settled or vanished rows withdrawn.
Rows already sending, sent or dead are history and stay as they are. A row whose due date
moved (a corrected fact, a new holiday schedule) says so in its message.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from notifier.platform.db import from_db, to_db
from notifier.platform.tables import agencies, case_events, cases, deliveries
from notifier.reminders.plan import CaseInfo, Planned, plan_case
from shared.calendar import WorkCalendar
from shared.deadlines import CaseEvent, derive_deadlines
from shared.rulepacks import PackLibrary
from shared.rulepacks.citations import documents_of

log = logging.getLogger(__name__)
OPEN_STATES = ("scheduled", "failed")
CHUNK = 200
"""Cases per ``IN (...)`` when loading a page's touched cases (each has at most 20 agencies)."""


def recompute_cases(
    conn: Connection,
    case_ids: list[str],
    library: PackLibrary,
    calendar: WorkCalendar,
    reminder_hour: int,
    now: datetime,
    histories: dict[str, list[CaseEvent]] | None = None,
) -> int:
    """Re-plan ``case_ids``; return how many rows were inserted or changed.

    The cases, their events and their deliveries are read, and new deliveries written, a few
    statements per ``CHUNK`` cases; ``histories`` holds complete histories already at hand
    (cases filed in the page being applied), which are not read again. A case the rule packs
    cannot read must not stall the feed for every other case: it is logged and keeps its
    previous deliveries.
    """
    changes = 0
    for start in range(0, len(case_ids), CHUNK):
        known = load_cases(conn, case_ids[start : start + CHUNK], histories or {})
        existing = _deliveries_of(conn, list(known))
        new_rows: list[dict[str, Any]] = []
        for case_id, (case, events) in known.items():
            try:
                planned = _plan(case, events, library, calendar, reminder_hour)
            except LookupError as error:  # PackNotFound, PackNotInEffect, CalendarYearNotLoaded
                log.error("case %s: deadlines not derived: %s", case_id, error)
                continue
            changes += apply_plan(conn, case_id, planned, now, existing.get(case_id, {}), new_rows)
        if new_rows:
            conn.execute(deliveries.insert(), new_rows)
            changes += len(new_rows)
    return changes


def _plan(
    case: CaseInfo,
    events: list[CaseEvent],
    library: PackLibrary,
    calendar: WorkCalendar,
    reminder_hour: int,
) -> list[Planned]:
    deadlines = derive_deadlines(events, library, calendar, pack_id=case.pack)
    rules = library.ruleset(case.pack, events[0].recorded_at if events else None)
    policy = rules.policy.model_copy(update={"reminder_hour": reminder_hour})
    remediation = frozenset(rules.pack.remediation.after_missed if rules.pack.remediation else ())
    documents = documents_of((*rules.includes, rules.pack))
    return plan_case(case, deadlines, calendar, policy, remediation, documents)


def _deliveries_of(conn: Connection, case_ids: list[str]) -> dict[str, dict[str, Any]]:
    d = deliveries.c
    query = select(d.id, d.case_id, d.key, d.state, d.due_at, d.payload).where(
        d.case_id.in_(case_ids)
    )
    out: dict[str, dict[str, Any]] = {}
    for row in conn.execute(query).mappings():
        out.setdefault(row["case_id"], {})[row["key"]] = row
    return out


def apply_plan(
    conn: Connection,
    case_id: str,
    planned: list[Planned],
    now: datetime,
    existing: dict[str, Any],
    new_rows: list[dict[str, Any]],
) -> int:
    """Bring the case's ``existing`` deliveries (by key) in line with ``planned``; new ones
    are appended to ``new_rows`` for the caller to insert. Returns the rows changed here."""
    changes = 0
    wanted = set()
    for item in planned:
        wanted.add(item.key)
        row = existing.get(item.key)
        if row is None:
            if not item.settled:
                new_rows.append(_new_row(case_id, item, now))
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
    payload = moved(row["payload"], item.payload)
    if state == "withdrawn" or (state == "scheduled" and row["due_at"] != due):
        _set(
            conn,
            row["id"],
            now,
            state="scheduled",
            due_at=due,
            next_attempt_at=due,
            payload=payload,
        )
        return 1
    # The facts name the due date as it is now and whether it is still provisional: a
    # message not yet sent says what is true. A row being sent gets them too: should this
    # attempt fail, the retry carries them (the attempt in flight holds its own copy).
    if state in (*OPEN_STATES, "sending") and payload != row["payload"]:
        _set(conn, row["id"], now, payload=payload)
        return 1
    return 0


def moved(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new``; if the deadline's date differs from the one ``old`` announced, saying so
    (``moved_from``: the message opens with the change)."""
    before = old.get("moved_from") or old.get("due_date")
    if "due_date" not in new or before in (None, new["due_date"]):
        return new
    return {**new, "moved_from": before}


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


def load_cases(
    conn: Connection, case_ids: list[str], histories: dict[str, list[CaseEvent]]
) -> dict[str, tuple[CaseInfo, list[CaseEvent]]]:
    """The cases known here among ``case_ids`` (at most ``CHUNK``), each with its events in
    order, taken from ``histories`` where there: three statements for all of them."""
    if not case_ids:
        return {}
    rows = conn.execute(select(cases).where(cases.c.case_id.in_(case_ids))).mappings().all()
    codes = {a["agency_id"] for row in rows for a in row["agencies"]}
    query = select(agencies.c.code, agencies.c.jurisdiction).where(agencies.c.code.in_(codes))
    known = dict(conn.execute(query).all())
    events: dict[str, list[CaseEvent]] = {c: list(histories.get(c, [])) for c in case_ids}
    unread = [c for c in case_ids if c not in histories]
    if unread:
        # The feed carries all of a case's events to the notifier, so an event's rank by
        # position is its version in the case, which a correction names.
        query = select(case_events).where(case_events.c.case_id.in_(unread))
        for r in conn.execute(query.order_by(case_events.c.position)).mappings():
            case = events[r["case_id"]]
            recorded = from_db(r["recorded_at"])
            case.append(CaseEvent(r["position"], r["type"], r["data"], recorded, len(case) + 1))  # type: ignore[arg-type]
    out: dict[str, tuple[CaseInfo, list[CaseEvent]]] = {}
    for row in rows:
        ids = tuple(a["agency_id"] for a in row["agencies"])
        bureaus = tuple(known.get(a, row["jurisdiction"]) for a in ids)
        history = events[row["case_id"]]
        subject = history[0].data.get("subject_matter", "") if history else ""
        info = CaseInfo(row["case_id"], row["case_number"], row["pack"], ids, bureaus, subject)
        out[row["case_id"]] = (info, events[row["case_id"]])
    return out

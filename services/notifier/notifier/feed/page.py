"""What one feed page changes in the notifier's own tables: case events, cases, the
registry and holiday schedules (inside the follower's transaction)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from notifier.platform.db import from_db, to_db
from notifier.platform.sqlutil import insert_new, insert_new_rows, upsert, upsert_rows
from notifier.platform.tables import (
    agencies,
    calendar_schedules,
    case_events,
    cases,
    deliveries,
    jurisdictions,
)
from notifier.reminders.calendars import schedule_of
from shared.deadlines import CaseEvent

log = logging.getLogger(__name__)


def store_events(conn: Connection, events: list[dict[str, Any]], now: datetime) -> set[str]:
    """Store the page's facts; return the case ids whose deadlines must be re-planned.

    Case events (nearly all of a page) are written with one statement per table."""
    touched: set[str] = set()
    case_rows: list[dict[str, Any]] = []
    filed: list[dict[str, Any]] = []
    for event in events:
        kind, data = event["type"], event["data"]
        if event["stream_type"] == "case":
            case_rows.append(_case_event_row(event))
            if kind == "CaseFiled":
                filed.append(_case_row(event))
            touched.add(event["stream_id"])
        elif kind == "JurisdictionRegistered":
            row = {k: data.get(k) for k in ("code", "name", "level", "parent", "pack")}
            insert_new(conn, jurisdictions, ["code"], {**row, "seen_at": to_db(now)})
        elif kind == "JurisdictionPackChanged":
            query = update(jurisdictions).where(jurisdictions.c.code == data["code"])
            conn.execute(query.values(pack=data["pack"]))
        elif kind == "AgencyRegistered":
            row = {k: data[k] for k in ("code", "name", "jurisdiction")}
            upsert(conn, agencies, ["code"], row)
        elif kind == "HolidayScheduleLoaded":
            try:
                _store_schedule(conn, event)
            except (KeyError, ValueError) as error:  # ScheduleInvalid is a ValueError
                log.error("position %s: holiday schedule ignored: %s", event["position"], error)
                continue
            touched |= cases_with_open_deliveries(conn)
    insert_new_rows(conn, case_events, ["position"], case_rows)
    upsert_rows(conn, cases, ["case_id"], filed)
    return touched


def filed_in(events: list[dict[str, Any]]) -> dict[str, list[CaseEvent]]:
    """Histories of the cases filed in this page: all their events are in it (the common
    case while catching up), so they need not be read back."""
    filed = {e["stream_id"] for e in events if e["type"] == "CaseFiled"}
    histories: dict[str, list[CaseEvent]] = {case_id: [] for case_id in filed}
    for e in events:
        if e["stream_id"] in filed:
            recorded = from_db(to_db(datetime.fromisoformat(e["recorded_at"])))
            history = histories[e["stream_id"]]
            history.append(
                CaseEvent(e["position"], e["type"], e["data"], recorded, e["version"])  # type: ignore[arg-type]
            )
    return histories


def _case_event_row(event: dict[str, Any]) -> dict[str, Any]:
    return {
        "position": event["position"],
        "case_id": event["stream_id"],
        "type": event["type"],
        "data": event["data"],
        "recorded_at": to_db(datetime.fromisoformat(event["recorded_at"])),
    }


def _case_row(event: dict[str, Any]) -> dict[str, Any]:
    data = event["data"]
    return {
        "case_id": event["stream_id"],
        "case_number": data["case_number"],
        "pack": data["pack"],
        "jurisdiction": data["jurisdiction"],
        "agencies": data["agencies"],
    }


def _store_schedule(conn: Connection, event: dict[str, Any]) -> None:
    data = event["data"]
    row = {
        "year": int(data["year"]),
        "schedule": schedule_of(data),
        "reason": data.get("reason") or "",
        "position": event["position"],
    }
    upsert(conn, calendar_schedules, ["year"], row)


def cases_with_open_deliveries(conn: Connection) -> set[str]:
    """A holiday correction can move any pending reminder: re-plan every case that has one."""
    query = select(deliveries.c.case_id).where(
        deliveries.c.state.in_(("scheduled", "failed", "withdrawn")),
        deliveries.c.case_id.is_not(None),
    )
    return {row[0] for row in conn.execute(query.distinct())}

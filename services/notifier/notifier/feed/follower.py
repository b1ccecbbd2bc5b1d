"""Follows case-api's feed: exactly-once, resumable, safe with several replicas.

Each step fetches a page over HTTP first (never inside a transaction), then in ONE
transaction locks the follower's position row, checks that nobody moved it meanwhile (else the
page is dropped: another replica did it), stores what the page says, re-plans the touched
cases' deliveries and writes the new position. A crash rolls everything back together.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, select, update

from notifier.feed.caseapi import CaseApiBusy, CaseApiClient, FeedPage
from notifier.platform.db import to_db
from notifier.platform.sqlutil import insert_new, upsert
from notifier.platform.tables import (
    agencies,
    calendar_schedules,
    case_events,
    cases,
    deliveries,
    jurisdictions,
)
from notifier.platform.tables import follower_positions as positions
from notifier.reminders.calendars import CalendarSource, schedule_of
from notifier.reminders.schedule import recompute_case
from shared.calendar import WorkCalendar
from shared.clock import Clock
from shared.outage import Backoff, storage_unavailable
from shared.rulepacks import PackLibrary

log = logging.getLogger(__name__)
FAILURE_PAUSE = 1.0  # seconds after a failed step that named no wait
LONGEST_PAUSE = 30.0
"""The pause after failures doubles from FAILURE_PAUSE up to this (case-api or the database
down for a while): a follower never asks in a tight loop, and resumes within this once the
outage is over."""


class Follower:
    def __init__(
        self,
        engine: Engine,
        client: CaseApiClient,
        library: PackLibrary,
        clock: Clock,
        *,
        name: str = "notifier",
        page_size: int = 200,
        wait_seconds: float = 10.0,
        reminder_hour: int = 9,
    ) -> None:
        self.engine, self.client, self.library, self.clock = engine, client, library, clock
        self.name, self.page_size, self.wait_seconds = name, page_size, wait_seconds
        self.reminder_hour = reminder_hour
        self.calendars = CalendarSource()

    def position(self) -> tuple[int, int]:
        """(position, head) as last committed."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(positions.c.position, positions.c.head).where(positions.c.name == self.name)
            ).first()
        return (row[0], row[1]) if row else (0, 0)

    def step(self, wait: float | None = None) -> int:
        """Fetch and apply one page; the number of events applied (0: none or lost race)."""
        after, _ = self.position()
        page = self.client.feed(after, self.page_size, self.wait_seconds if wait is None else wait)
        return self.apply(after, page)

    def apply(self, after: int, page: FeedPage) -> int:
        now = self.clock.now()
        with self.engine.begin() as conn:
            if self._lock(conn) != after:
                return 0  # another replica applied this page first
            touched = store_events(conn, page.events, now)
            calendar = self.calendars.current(conn)
            for case_id in sorted(touched):
                self._recompute(conn, case_id, calendar, now)
            conn.execute(
                update(positions)
                .where(positions.c.name == self.name)
                .values(position=page.last_position, head=page.head, updated_at=to_db(now))
            )
        return len(page.events)

    def replan(self, batch: int = 200) -> int:
        """Re-plan every case that still has deliveries to make or withdraw, from the events
        already stored (after an upgrade changed how deadlines are derived: a case that ended
        before it keeps no delivery about what it made moot). The feed position stays."""
        with self.engine.connect() as conn:
            case_ids = sorted(_cases_with_open_deliveries(conn))
        now = self.clock.now()
        for start in range(0, len(case_ids), batch):
            with self.engine.begin() as conn:
                calendar = self.calendars.current(conn)
                for case_id in case_ids[start : start + batch]:
                    self._recompute(conn, case_id, calendar, now)
        return len(case_ids)

    def _recompute(self, conn: Connection, case_id: str, calendar: WorkCalendar, now: datetime):  # type: ignore[no-untyped-def]
        """A case the rule packs cannot read must not stall the feed for every other case:
        it is logged and keeps its previous deliveries (nothing was written for it yet)."""
        try:
            recompute_case(conn, case_id, self.library, calendar, self.reminder_hour, now)
        except LookupError as error:  # PackNotFound, PackNotInEffect, CalendarYearNotLoaded
            log.error("case %s: deadlines not derived: %s", case_id, error)

    def _lock(self, conn: Connection) -> int:
        insert_new(conn, positions, ["name"], {"name": self.name, "position": 0, "head": 0})
        return conn.execute(
            select(positions.c.position).where(positions.c.name == self.name).with_for_update()
        ).scalar_one()


def store_events(conn: Connection, events: list[dict[str, Any]], now: datetime) -> set[str]:
    """Store the page's facts; return the case ids whose deadlines must be re-planned."""
    touched: set[str] = set()
    for event in events:
        kind, data = event["type"], event["data"]
        if event["stream_type"] == "case":
            _store_case_event(conn, event)
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
            touched |= _cases_with_open_deliveries(conn)
    return touched


def _store_case_event(conn: Connection, event: dict[str, Any]) -> None:
    data = event["data"]
    recorded = datetime.fromisoformat(event["recorded_at"])
    row = {
        "position": event["position"],
        "case_id": event["stream_id"],
        "type": event["type"],
        "data": data,
        "recorded_at": to_db(recorded),
    }
    insert_new(conn, case_events, ["position"], row)
    if event["type"] == "CaseFiled":
        case = {
            "case_id": event["stream_id"],
            "case_number": data["case_number"],
            "pack": data["pack"],
            "jurisdiction": data["jurisdiction"],
            "agencies": data["agencies"],
        }
        upsert(conn, cases, ["case_id"], case)


def _store_schedule(conn: Connection, event: dict[str, Any]) -> None:
    data = event["data"]
    row = {
        "year": int(data["year"]),
        "schedule": schedule_of(data),
        "reason": data.get("reason") or "",
        "position": event["position"],
    }
    upsert(conn, calendar_schedules, ["year"], row)


def _cases_with_open_deliveries(conn: Connection) -> set[str]:
    """A holiday correction can move any pending reminder: re-plan every case that has one."""
    query = select(deliveries.c.case_id).where(
        deliveries.c.state.in_(("scheduled", "failed", "withdrawn")),
        deliveries.c.case_id.is_not(None),
    )
    return {row[0] for row in conn.execute(query.distinct())}


class FollowerThread:
    """Runs ``Follower.step`` until stopped; a failing step is logged and retried.

    After a refusal the thread waits as long as case-api's Retry-After asked (nothing else runs
    on this thread: the sender and the API go on meanwhile), after other failures a second,
    doubling while they last (``LONGEST_PAUSE``).
    """

    def __init__(self, follower: Follower, wait: Callable[[float], object] | None = None) -> None:
        self.follower = follower
        self.backoff = Backoff(FAILURE_PAUSE, LONGEST_PAUSE)
        self._stop = threading.Event()
        self._wait = wait or self._stop.wait  # returns early on stop()
        self._thread = threading.Thread(target=self.run, name="follower", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.follower.wait_seconds + 15)

    def run(self) -> None:
        while not self._stop.is_set():
            pause = self.step()
            if pause > 0:
                self._wait(pause)

    def step(self) -> float:
        """One step of the feed; the seconds to wait before the next."""
        try:
            self.follower.step()
        except CaseApiBusy as busy:
            log.warning("case-api busy (%s); following again in %s s", busy, busy.wait)
            # Never less than the failure pause: a 'Retry-After: 0' (or a date already past)
            # answered at once would otherwise have the follower ask in a tight loop.
            return max(busy.wait or 0.0, FAILURE_PAUSE)
        except Exception as error:  # noqa: BLE001 - case-api or the database may be down
            pause = self.backoff.next()
            if storage_unavailable(error):
                log.warning("database unavailable; following again in %.1f s: %s", pause, error)
            else:
                log.exception("follower step failed; retrying in %.1f s", pause)
            return pause
        if self.backoff.failures:
            log.warning("following again after %d failed steps", self.backoff.failures)
            self.backoff.reset()
        return 0.0

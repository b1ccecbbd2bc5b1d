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
from concurrent.futures import Future, ThreadPoolExecutor

from sqlalchemy import Connection, Engine, select, update

from notifier.feed.caseapi import CaseApiBusy, CaseApiClient, FeedPage
from notifier.feed.page import cases_with_open_deliveries, filed_in, store_events
from notifier.platform.db import to_db
from notifier.platform.sqlutil import insert_new
from notifier.platform.tables import follower_positions as positions
from notifier.reminders.calendars import CalendarSource
from notifier.reminders.schedule import recompute_cases
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
        # While catching up, the next page is fetched as this one is applied.
        self._fetcher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="feed-prefetch")
        self._next: tuple[int, Future[FeedPage]] | None = None

    def position(self) -> tuple[int, int]:
        """(position, head) as last committed."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(positions.c.position, positions.c.head).where(positions.c.name == self.name)
            ).first()
        return (row[0], row[1]) if row else (0, 0)

    def step(self, wait: float | None = None) -> int:
        """Fetch and apply one page; the number of events applied (0: none or lost race).

        A full page means more are waiting: the next is fetched (without waiting) while this
        one is applied. It is used only if it starts where this one ends."""
        after, _ = self.position()
        page = self._prefetched(after) or self.client.feed(
            after, self.page_size, self.wait_seconds if wait is None else wait
        )
        if len(page.events) >= self.page_size:
            start = page.last_position
            self._next = (start, self._fetcher.submit(self.client.feed, start, self.page_size, 0))
        return self.apply(after, page)

    def _prefetched(self, after: int) -> FeedPage | None:
        ahead, self._next = self._next, None
        if ahead is None or ahead[0] != after:
            return None
        return ahead[1].result()

    def close(self) -> None:
        self._fetcher.shutdown(wait=False, cancel_futures=True)

    def apply(self, after: int, page: FeedPage) -> int:
        now = self.clock.now()
        with self.engine.begin() as conn:
            if self._lock(conn) != after:
                return 0  # another replica applied this page first
            touched = store_events(conn, page.events, now)
            calendar = self.calendars.current(conn)
            histories = filed_in(page.events)
            recompute_cases(
                conn, sorted(touched), self.library, calendar, self.reminder_hour, now, histories
            )
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
            case_ids = sorted(cases_with_open_deliveries(conn))
        now = self.clock.now()
        for start in range(0, len(case_ids), batch):
            with self.engine.begin() as conn:
                calendar = self.calendars.current(conn)
                chunk = case_ids[start : start + batch]
                recompute_cases(conn, chunk, self.library, calendar, self.reminder_hour, now)
        return len(case_ids)

    def _lock(self, conn: Connection) -> int:
        insert_new(conn, positions, ["name"], {"name": self.name, "position": 0, "head": 0})
        return conn.execute(
            select(positions.c.position).where(positions.c.name == self.name).with_for_update()
        ).scalar_one()


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

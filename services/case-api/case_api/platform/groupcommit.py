"""Group commit: concurrent commands on different cases share one ``save``.

The library serialises every save with a table lock (PostgreSQL) or the database lock
(SQLite), so one save per command caps throughput at the per-transaction rate. A single
writer thread drains whatever commands are waiting and saves their aggregates together. A
version conflict fails the shared save as a whole: the batch is then saved one aggregate at a
time so only the conflicting command is told to reload and retry.
"""

from __future__ import annotations

import logging
import queue
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as WaitedTooLong
from dataclasses import dataclass, field

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import IntegrityError

from case_api.platform.eventstore import CaseStore
from shared.outage import StorageUnavailable

logger = logging.getLogger(__name__)


class VersionConflict(Exception):
    """Another writer appended to the aggregate first: reload it and run the command again."""


@dataclass
class _Pending:
    events: list
    done: Future[int] = field(default_factory=Future)

    @property
    def ids(self) -> set:
        return {e.originator_id for e in self.events}


class GroupCommitter:
    def __init__(self, store: CaseStore, max_batch: int = 128) -> None:
        self._store = store
        self._max_batch = max_batch
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._listeners: list = []
        self._thread = threading.Thread(target=self._run, name="group-commit", daemon=True)
        self._thread.start()

    def on_commit(self, listener) -> None:
        """Call ``listener(position)`` after every successful save (wakes projectors)."""
        self._listeners.append(listener)

    def save(self, *aggregates: Aggregate, timeout: float = 30.0) -> int:
        """Save the aggregates' pending events; return the position of the last one.

        The events are taken from the aggregates here, so a shared save that fails can be
        repeated per command without asking the aggregates again.
        """
        pending = _Pending([e for a in aggregates for e in a.collect_events()])
        self._queue.put(pending)
        try:
            return pending.done.result(timeout=timeout)
        except WaitedTooLong:
            # The save may still commit: the client hears 503 and resends under its key.
            raise StorageUnavailable(f"the event store did not commit within {timeout} s") from None

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    nxt = self._queue.get_nowait()
                except queue.Empty:
                    break
                if nxt is None:
                    self._queue.put(None)
                    break
                batch.append(nxt)
            self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        # Two commands on one case in one save would conflict with each other: only the first
        # goes into the shared save; the others are saved after it has committed, so one that
        # then conflicts reloads and finds the first's events (a resend recognises itself).
        seen: set = set()
        shared: list[_Pending] = []
        later: list[_Pending] = []
        for pending in batch:
            ids = pending.ids
            (later if ids & seen else shared).append(pending)
            seen |= ids
        try:
            self._save_together(shared)
        except IntegrityError:
            for pending in shared:
                self._save_alone(pending)
        except Exception as error:  # noqa: BLE001 - every waiting command must hear of it
            _fail_waiting(shared, error)
        for pending in later:
            self._save_alone(pending)

    def _save_alone(self, pending: _Pending) -> None:
        # Any error here must reach the command that is waiting, not end the writer thread:
        # a dead writer would leave every later command waiting until its timeout.
        try:
            self._save_together([pending])
        except Exception as error:  # noqa: BLE001
            _fail_waiting([pending], error)

    def _save_together(self, group: list[_Pending]) -> None:
        events = [e for p in group for e in p.events]
        try:
            recordings = self._store.save(*events)
        except IntegrityError:
            if len(group) > 1:
                raise
            group[0].done.set_exception(VersionConflict())
            return
        last: dict = {}
        for recording in recordings:
            last[recording.domain_event.originator_id] = recording.notification.id
        top = max(last.values(), default=0)
        for pending in group:
            pending.done.set_result(max(last.get(i, 0) for i in pending.ids))
        for listener in self._listeners:
            try:
                listener(top)
            except Exception:  # a listener only speeds up followers; they also poll
                logger.exception("commit listener failed")


def _fail_waiting(group: list[_Pending], error: BaseException) -> None:
    for pending in group:
        if not pending.done.done():
            pending.done.set_exception(error)

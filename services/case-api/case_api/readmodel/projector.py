"""Runs the read-model projection: exactly-once, resumable, batched.

Each transaction locks the projection's tracking row, reads the events after it from the
event store, applies them, and writes the rows together with the new position; a crash
rolls both back, and the next run resumes from the committed position. Replicas take turns
through the row lock (SQLite: the database write lock), so none projects an event twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from case_api.deadlines.calendar import ScheduleLoad
from case_api.platform.eventstore import CaseStore
from case_api.platform.tables import projection_positions
from case_api.platform.wakeups import notify_readmodel
from case_api.readmodel.batch import Batch
from case_api.readmodel.projection import project
from case_api.readmodel.watch import PositionWatch

log = logging.getLogger(__name__)

NAME = "case_readmodel"
AfterBatch = Callable[[Batch], None]
ANALYZE_FLOOR = 10_000
"""Statistics are refreshed each time the projected log has doubled since the last refresh,
from this many events on: a planner that still believes a table empty scans it whole."""


class Projector:
    def __init__(
        self,
        store: CaseStore,
        engine: Engine,
        *,
        batch_size: int = 500,
        watch: PositionWatch | None = None,
        after_batch: Iterable[AfterBatch] = (),
        owned_tables: Iterable[Any] = (),
    ) -> None:
        self.store = store
        self.engine = engine
        self.batch_size = batch_size
        self.watch = watch or PositionWatch()
        self.after_batch = list(after_batch)
        self.owned_tables = list(owned_tables)
        self._analysed_at: int | None = None
        self._paths: dict[str, str] = {}  # jurisdiction paths never change

    def run_batch(self, limit: int | None = None) -> int:
        """Project the next events (at most one batch); return how many were projected."""
        with self.engine.begin() as conn:
            position = self._lock_position(conn)
            self.watch.advance(position)
            notifications = self.store.recorder.select_notifications(
                start=position + 1, limit=limit or self.batch_size
            )
            if not notifications:
                return 0
            batch = Batch(conn, self._paths)
            for notification in notifications:
                event = self.store.mapper.to_domain_event(notification)
                project(batch, event, notification.id)
                last = notification.id
                if isinstance(event, ScheduleLoad.Event):
                    break  # later events must see the new calendar: end the batch here
            batch.flush()
            for hook in self.after_batch:
                hook(batch)
            notify_readmodel(conn)
            conn.execute(
                update(projection_positions)
                .where(projection_positions.c.name == NAME)
                .values(position=last)
            )
        self.watch.advance(last)
        self._analyse_if_grown(last)
        return sum(1 for n in notifications if n.id <= last)

    def catch_up(self, progress: Callable[[int], None] | None = None) -> int:
        """Project until the read models reach the store's head; return that position.

        ``progress`` hears the position after each batch. Other replicas may project some of
        the batches meanwhile; the position counts their work too.
        """
        while self.run_batch():
            if progress:
                progress(self.watch.position)
        if progress:
            progress(self.watch.position)
        return self.watch.position

    def position(self) -> int:
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(projection_positions.c.position).where(
                        projection_positions.c.name == NAME
                    )
                ).scalar_one_or_none()
                or 0
            )

    def reset(self) -> None:
        """Empty the projection's tables and rewind it to the start of the event store.

        PostgreSQL truncates (a DELETE would leave every dead row for the rebuild to wade
        through); both then analyse, so the planner knows the tables are empty now and
        learns their growth as the rebuild goes (``_analyse_if_grown``).
        """
        with self.engine.begin() as conn:
            self._lock_position(conn)
            if conn.dialect.name == "postgresql" and self.owned_tables:
                names = ", ".join(
                    conn.dialect.identifier_preparer.quote(t.name) for t in self.owned_tables
                )
                conn.exec_driver_sql(f"TRUNCATE {names}")
            else:
                for table in self.owned_tables:
                    conn.execute(delete(table))
            conn.execute(
                update(projection_positions)
                .where(projection_positions.c.name == NAME)
                .values(position=0)
            )
        self.analyse()
        self._analysed_at = 0

    def analyse(self) -> None:
        """Refresh the planner's statistics of the projected tables."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                for table in self.owned_tables:
                    conn.exec_driver_sql(
                        f"ANALYZE {conn.dialect.identifier_preparer.quote(table.name)}"
                    )
            else:
                conn.exec_driver_sql("ANALYZE")

    def _analyse_if_grown(self, position: int) -> None:
        if self._analysed_at is None:
            self._analysed_at = position  # as found at start: the database's own upkeep
        elif position >= 2 * max(self._analysed_at, ANALYZE_FLOOR // 2):
            self.analyse()
            self._analysed_at = position

    def _lock_position(self, conn: Any) -> int:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(
            dialect.insert(projection_positions)
            .values(name=NAME, position=0)
            .on_conflict_do_nothing(index_elements=["name"])
        )
        return conn.execute(
            select(projection_positions.c.position)
            .where(projection_positions.c.name == NAME)
            .with_for_update()
        ).scalar_one()

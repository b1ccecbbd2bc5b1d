"""The event store's recorders: the library's, told how long to try and where an event landed.

The library's PostgreSQL recorder tries each call ten times, each try waiting up to the pool's
connect timeout: with the database down, a request would hang for ten timeouts before
anyone is told. Here each call is tried twice (a connection dropped by a restart between the
pool's ping and the query gets a second chance); after that the caller answers 503
storage-unavailable and the client resends under its Idempotency-Key.

``position_of`` finds the feed position of one stored event, so a resent write can be
answered with its own event's position (``cases.commands``).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.persistence import InterfaceError, OperationalError
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

TRIES = 2
_again = retry((InterfaceError, OperationalError), max_attempts=TRIES, wait=0.2)


def _once(method: Any) -> Any:
    """The library's method without its own retry decorator."""
    return method.__wrapped__


class PostgresRecorder(PostgresApplicationRecorder):
    insert_events = _again(_once(PostgresApplicationRecorder.insert_events))
    select_events = _again(_once(PostgresApplicationRecorder.select_events))
    select_notifications = _again(_once(PostgresApplicationRecorder.select_notifications))
    max_notification_id = _again(_once(PostgresApplicationRecorder.max_notification_id))

    @_again
    def position_of(self, originator_id: UUID, version: int) -> int | None:
        statement = SQL(
            "SELECT notification_id FROM {schema}.{table}"
            " WHERE originator_id = %s AND originator_version = %s"
        ).format(schema=Identifier(self.datastore.schema), table=Identifier(self.events_table_name))
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, (originator_id, version))
            row = cursor.fetchone()
        return None if row is None else int(row["notification_id"])


class SQLiteRecorder(SQLiteApplicationRecorder):
    def position_of(self, originator_id: UUID, version: int) -> int | None:
        # The library stores UUIDs as their hex and numbers notifications by rowid.
        statement = (
            f"SELECT rowid FROM {self.events_table_name}"  # noqa: S608 - the library's name
            " WHERE originator_id = ? AND originator_version = ?"
        )
        with self.datastore.transaction(commit=False) as cursor:
            cursor.execute(statement, (originator_id.hex, version))
            row = cursor.fetchone()
        return None if row is None else int(row["rowid"])

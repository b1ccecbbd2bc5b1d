"""Which failures mean "the database does not answer now" rather than "the code is wrong".

A refused or dropped connection, a pool with no connection to give within its timeout, a
server shutting down or restarting (a failover looks the same from here), a SQLite file locked
past its busy timeout: each passes by itself, so the caller is told to come back
(503 with ``Retry-After``) and background loops wait and retry. Every other database error
(a constraint, bad SQL, a value the column refuses) is a bug and stays a 500.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import psycopg
from eventsourcing.persistence import ConnectionUnavailableError
from sqlalchemy import exc as sa

SERVER_GOING_AWAY = frozenset({"57P01", "57P02", "57P03", "53300"})
"""admin_shutdown, crash_shutdown, cannot_connect_now (starting up, in recovery),
too_many_connections. Class 08 (connection exception) is matched as a class."""

SQLITE_UNAVAILABLE = ("database is locked", "database table is locked", "unable to open")


T = TypeVar("T")


class StorageUnavailable(Exception):
    """Raised by our own code when storage did not answer in time (no driver error to show)."""


def storage_unavailable(error: BaseException) -> bool:
    return any(_means_unavailable(e) for e in _causes(error))


def _means_unavailable(error: BaseException) -> bool:
    if isinstance(error, StorageUnavailable | ConnectionUnavailableError | sa.TimeoutError):
        return True
    if isinstance(error, psycopg.OperationalError):  # psycopg_pool.PoolTimeout included
        state = error.sqlstate
        # No SQLSTATE: the failure happened on our side of the wire (refused, reset, closed).
        return state is None or state.startswith("08") or state in SERVER_GOING_AWAY
    if isinstance(error, sqlite3.OperationalError):
        return str(error).startswith(SQLITE_UNAVAILABLE)
    return isinstance(error, sa.DBAPIError) and error.connection_invalidated


def _causes(error: BaseException) -> Iterator[BaseException]:
    """The error, what it was raised from or during, and a DBAPI error SQLAlchemy wraps."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__, getattr(current, "orig", None)]


class Backoff:
    """Seconds to wait before the next try: doubling from ``first`` up to ``longest``."""

    def __init__(self, first: float, longest: float) -> None:
        self.first, self.longest = first, longest
        self.failures = 0

    def next(self) -> float:
        self.failures += 1
        return min(self.first * 2 ** (self.failures - 1), self.longest)

    def reset(self) -> None:
        self.failures = 0


def wait_for_storage(
    probe: Callable[[], T],
    name: str,
    limit_seconds: float,
    log: Any,
    sleep: Callable[[float], Any] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> T:
    """Call ``probe`` until it succeeds, for at most ``limit_seconds``; logged at each try.
    Returns what the successful call returned.

    A database that is still starting (compose, a failover) is waited for instead of ending
    the process; one that stays away past the limit still does, with the reason.
    """
    end = clock() + limit_seconds
    backoff = Backoff(0.5, 5.0)
    while True:
        try:
            answer = probe()
        except Exception as error:
            if not storage_unavailable(error) or clock() >= end:
                raise
            pause = min(backoff.next(), max(end - clock(), 0.0))
            log.warning("%s does not answer (%s); trying again in %.1f s", name, error, pause)
            sleep(pause)
            continue
        if backoff.failures:
            log.warning("%s answers again", name)
        return answer

"""Telling a database outage from a bug, and waiting for a database at start-up."""

from __future__ import annotations

import logging
import sqlite3

import psycopg
import pytest
from eventsourcing.persistence import IntegrityError as StoreConflict
from eventsourcing.persistence import OperationalError as StoreOperational
from psycopg import errors as pg
from psycopg_pool import PoolTimeout
from sqlalchemy import exc as sa

from shared.outage import Backoff, StorageUnavailable, storage_unavailable, wait_for_storage


def raised_from(outer: type[Exception], inner: Exception) -> Exception:
    try:
        try:
            raise inner
        except Exception as error:
            raise outer(str(error)) from error
    except Exception as wrapped:
        return wrapped


def sqlalchemy_wrapped(inner: Exception) -> Exception:
    return sa.OperationalError("SELECT 1", {}, inner)


@pytest.mark.parametrize(
    "error",
    [
        psycopg.OperationalError("connection refused"),  # no SQLSTATE: our side of the wire
        PoolTimeout("couldn't get a connection after 5.00 sec"),
        pg.AdminShutdown("terminating connection due to administrator command"),
        pg.CannotConnectNow("the database system is starting up"),
        pg.ConnectionFailure("connection failure"),
        sqlite3.OperationalError("database is locked"),
        sa.TimeoutError("QueuePool limit of size 10 overflow 8 reached"),
        StorageUnavailable("the event store did not commit within 30 s"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_connection_failures_are_outages_however_they_are_wrapped(error: Exception):
    assert storage_unavailable(error)
    assert storage_unavailable(raised_from(StoreOperational, error))
    assert storage_unavailable(sqlalchemy_wrapped(error))


@pytest.mark.parametrize(
    "error",
    [
        pg.UniqueViolation("duplicate key"),
        pg.UndefinedTable("relation does not exist"),
        pg.LockNotAvailable("could not obtain lock"),  # an OperationalError with a SQLSTATE
        pg.QueryCanceled("canceling statement due to statement timeout"),
        sqlite3.OperationalError("no such table: cases"),
        ValueError("PostgreSQL text fields cannot contain NUL (0x00) bytes"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_errors_of_the_request_or_the_code_are_not_outages(error: Exception):
    assert not storage_unavailable(error)
    assert not storage_unavailable(raised_from(StoreConflict, error))
    assert not storage_unavailable(sqlalchemy_wrapped(error))


def test_an_invalidated_connection_is_an_outage():
    error = sa.DBAPIError("SELECT 1", {}, Exception("gone"), connection_invalidated=True)
    assert storage_unavailable(error)


def test_backoff_doubles_up_to_its_longest_and_starts_over_after_a_success():
    backoff = Backoff(0.5, 3.0)
    assert [backoff.next() for _ in range(5)] == [0.5, 1.0, 2.0, 3.0, 3.0]
    backoff.reset()
    assert backoff.next() == 0.5


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_start_up_waits_for_a_database_that_comes_up_within_the_limit(caplog):
    time = FakeTime()
    tries = iter([psycopg.OperationalError("refused")] * 3 + [None])

    def probe() -> None:
        error = next(tries)
        if error:
            raise error

    with caplog.at_level(logging.WARNING):
        wait_for_storage(
            probe, "the database", 30, logging.getLogger("t"), time.sleep, lambda: time.now
        )
    assert time.slept == [0.5, 1.0, 2.0]
    assert "the database answers again" in caplog.text


def test_start_up_gives_up_after_the_limit_with_the_reason():
    time = FakeTime()

    def probe() -> None:
        raise psycopg.OperationalError("connection refused")

    with pytest.raises(psycopg.OperationalError, match="refused"):
        wait_for_storage(
            probe, "the database", 10, logging.getLogger("t"), time.sleep, lambda: time.now
        )
    assert sum(time.slept) == pytest.approx(10)


def test_start_up_does_not_wait_out_a_bug():
    time = FakeTime()

    def probe() -> None:
        raise pg.InvalidPassword("password authentication failed")

    with pytest.raises(pg.InvalidPassword):
        wait_for_storage(
            probe, "the database", 10, logging.getLogger("t"), time.sleep, lambda: time.now
        )
    assert time.slept == []

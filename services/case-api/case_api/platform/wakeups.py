"""Being woken by PostgreSQL's NOTIFY instead of polling for it.

The event store notifies on every append, and the projector on every batch it commits: a
process that LISTENs on a connection of its own learns of them within milliseconds, where a
poll would add its interval to every read-your-write. SQLite has no such thing: there the
caller keeps polling (it does anyway, as a fallback).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

import psycopg
from psycopg import sql
from sqlalchemy import Engine

log = logging.getLogger(__name__)
READMODEL_CHANNEL = "case_readmodel"
"""The projector notifies here after each batch it commits."""
LISTENING_POLL_SECONDS = 1.0
"""How often a loop woken by NOTIFY still polls, in case a notification was lost."""


class Wakeups:
    """Calls ``wake`` whenever a NOTIFY arrives on ``channel`` (PostgreSQL only)."""

    def __init__(self, engine: Engine, channel: str, wake: Callable[[], None]) -> None:
        self.engine, self.channel, self.wake = engine, channel, wake
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"listen-{channel}", daemon=True)

    @property
    def available(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def start(self) -> None:
        if self.available:
            self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen()
            except psycopg.Error:
                log.warning("LISTEN %s lost its connection; polling until it is back", self.channel)
                self._stop.wait(1.0)

    def _listen(self) -> None:
        args, kwargs = self.engine.dialect.create_connect_args(self.engine.url)
        with psycopg.connect(*args, **{**kwargs, "autocommit": True}) as conn:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self.channel)))
            self.wake()  # anything notified while not listening
            while not self._stop.is_set():
                for _ in conn.notifies(timeout=0.5, stop_after=1):
                    self.wake()


def notify_readmodel(conn: object) -> None:
    """Within a projection transaction: followers are told when it commits."""
    if getattr(conn, "dialect", None) is not None and conn.dialect.name == "postgresql":  # type: ignore[attr-defined]
        conn.exec_driver_sql(f"NOTIFY {READMODEL_CHANNEL}")  # type: ignore[attr-defined]

"""The event store: an eventsourcing ``Application`` holding cases, agencies and jurisdictions.

SQLite (one file under ``var/``) by default, PostgreSQL in production; the settings object
chooses. Events are only ever appended.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder

from case_api.platform.transcodings import DateAsISO


class CaseStore(Application):
    name = "Cases"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())

    def max_position(self) -> int:
        return self.recorder.max_notification_id() or 0

    def position_of(self, originator_id: UUID, version: int) -> int:
        """The feed position of a stored event (``platform.recorders``)."""
        position = self.recorder.position_of(originator_id, version)  # type: ignore[attr-defined]
        if position is None:
            raise LookupError(f"no event {version} of {originator_id} is stored")
        return position


def store_env(settings: Any) -> dict[str, str]:
    """Environment for the library, built from the typed settings (never read at import)."""
    url = settings.event_store_url
    cache = _cache_env(settings.aggregate_cache_size)
    if url.startswith("sqlite:///"):
        return {
            **cache,
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "SQLITE_DBNAME": url.removeprefix("sqlite:///"),
            "SQLITE_LOCK_TIMEOUT": "30",
            "APPLICATION_RECORDER_TOPIC": "case_api.platform.recorders:SQLiteRecorder",
        }
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    env = {
        **cache,
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": parsed.database or "postgres",
        "POSTGRES_HOST": parsed.host or "127.0.0.1",
        "POSTGRES_PORT": str(parsed.port or 5432),
        "POSTGRES_USER": parsed.username or "postgres",
        "POSTGRES_PASSWORD": parsed.password or "",
        "POSTGRES_POOL_SIZE": str(settings.event_store_pool_size),
        "POSTGRES_MAX_OVERFLOW": "4",
        "POSTGRES_CONNECT_TIMEOUT": str(settings.storage_timeout_seconds),
        # A pooled connection that died with a restart or failover is replaced before use,
        # not handed to a request that would then fail.
        "POSTGRES_PRE_PING": "y",
        "CREATE_TABLE": "y",
        "APPLICATION_RECORDER_TOPIC": "case_api.platform.recorders:PostgresRecorder",
    }
    if settings.event_store_schema:
        env["POSTGRES_SCHEMA"] = settings.event_store_schema
    return env


def _cache_env(size: int) -> dict[str, str]:
    """The library's aggregate cache: a cached case is fast-forwarded from the store (one
    query for the events after its version) and deep-copied for each command, so commands
    of other replicas are never missed and a refused command leaves the cache as it was."""
    if size <= 0:
        return {}
    return {"AGGREGATE_CACHE_MAXSIZE": str(size), "AGGREGATE_CACHE_FASTFORWARD": "y"}

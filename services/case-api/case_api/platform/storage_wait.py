"""At start-up, wait for the databases instead of exiting: in compose, after a host reboot or
during a failover, case-api may start before PostgreSQL accepts connections."""

from __future__ import annotations

import logging

from sqlalchemy import text

from case_api.platform.settings import Settings
from shared.outage import wait_for_storage
from shared.sqlstore import make_engine

log = logging.getLogger(__name__)


def wait_for_databases(settings: Settings) -> None:
    """Return once the event store and the read models answer; raise after
    ``storage_wait_seconds`` (the process then exits, naming the reason)."""
    urls = {settings.event_store_url, settings.readmodel_url}
    wait_for_storage(
        lambda: [_ping(url, settings.storage_timeout_seconds) for url in urls],
        "the database",
        settings.storage_wait_seconds,
        log,
    )


def _ping(url: str, timeout: int) -> None:
    engine = make_engine(url, pool_size=1, max_overflow=0, timeout_seconds=timeout)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    finally:
        engine.dispose()

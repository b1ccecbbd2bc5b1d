"""Storage backends for tests: an SQLite directory, or a fresh PostgreSQL schema.

PostgreSQL runs when ``CASE_TEST_POSTGRES_URL`` names a database (CI sets it); each test
gets its own schema, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

POSTGRES_URL = os.environ.get("CASE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(
                not POSTGRES_URL,
                reason="CASE_TEST_POSTGRES_URL is not set: PostgreSQL variant not run",
            ),
        ],
    ),
]


@contextmanager
def postgres_schema() -> Iterator[tuple[str, str]]:
    """Yield (url with search_path, schema) for a new schema; drop it afterwards."""
    assert POSTGRES_URL
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_conninfo(POSTGRES_URL), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}", schema
    finally:
        with psycopg.connect(_conninfo(POSTGRES_URL), autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _conninfo(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def storage(backend: str, directory: Path) -> Iterator[dict[str, str | None]]:
    """Settings fields placing the event store and read models on ``backend``."""
    if backend == "sqlite":
        yield {
            "event_store_url": f"sqlite:///{directory}/events.db",
            "readmodel_url": f"sqlite:///{directory}/readmodel.db",
            "event_store_schema": None,
        }
        return
    with postgres_schema() as (url, schema):
        yield {
            "event_store_url": POSTGRES_URL,
            "readmodel_url": url,
            "event_store_schema": schema,
        }

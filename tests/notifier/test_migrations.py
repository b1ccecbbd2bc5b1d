"""Alembic owns the notifier's schema: after ``upgrade head`` it matches tables.py."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from notifier.platform.db import make_engine
from notifier.platform.tables import metadata


def test_migrated_schema_matches_the_declared_tables(notifier_url: str) -> None:
    engine = make_engine(notifier_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == [], f"tables.py and the migrations disagree: {diff}"

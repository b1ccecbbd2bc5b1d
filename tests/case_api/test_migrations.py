"""Alembic owns the read-model schema: after ``upgrade head`` the database matches the
tables the code declares, on both backends, and every revision downgrades cleanly."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from case_api.platform.db import make_engine
from case_api.platform.migrate import alembic_config
from case_api.platform.settings import Settings
from case_api.schema import metadata


def test_migrated_schema_matches_the_declared_tables(case_settings: Settings) -> None:
    engine = make_engine(case_settings.readmodel_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert diff == [], f"tables.py and the migrations disagree: {diff}"


def test_every_revision_downgrades_and_upgrades_again(case_settings: Settings) -> None:
    config = alembic_config("case_api", case_settings.readmodel_url)
    command.downgrade(config, "base")
    command.upgrade(config, "head")
    engine = make_engine(case_settings.readmodel_url)
    try:
        with engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), metadata) == []
    finally:
        engine.dispose()

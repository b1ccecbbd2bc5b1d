"""Bring the notifier's schema to the newest Alembic revision (migrations/notifier)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[4]


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"), ini_section="notifier")
    config.set_main_option("script_location", str(ROOT / "migrations" / "notifier"))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    command.upgrade(alembic_config(url), "head")

"""Bring the read-model schema to the newest Alembic revision."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

ROOT = Path(__file__).resolve().parents[4]


def alembic_config(name: str, url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"), ini_section=name)
    config.set_main_option("script_location", str(ROOT / "migrations" / name))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    command.upgrade(alembic_config("case_api", url), "head")

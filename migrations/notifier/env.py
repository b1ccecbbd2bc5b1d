"""Alembic environment for the notifier tables."""

from __future__ import annotations

from alembic import context

from notifier.platform.tables import metadata
from shared.sqlstore import run_alembic

run_alembic(context, metadata)

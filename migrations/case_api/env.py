"""Alembic environment for the case-api read models."""

from __future__ import annotations

from alembic import context

from case_api.schema import metadata
from shared.sqlstore import run_alembic

run_alembic(context, metadata)

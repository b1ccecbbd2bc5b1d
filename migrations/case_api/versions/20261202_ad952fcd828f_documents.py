"""Served documents, content-addressed

Revision ID: ad952fcd828f
Revises: db15969f8df7
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "ad952fcd828f"
down_revision = "db15969f8df7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

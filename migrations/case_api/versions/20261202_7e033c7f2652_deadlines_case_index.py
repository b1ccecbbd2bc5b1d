"""Index deadlines by case: projecting a case's deadlines replaces its rows

Revision ID: 7e033c7f2652
Revises: d9acd108a7d9
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "7e033c7f2652"
down_revision = "d9acd108a7d9"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

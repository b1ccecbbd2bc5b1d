"""Court deliveries and their receipts

Revision ID: db15969f8df7
Revises: 3a7dad95db17
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "db15969f8df7"
down_revision = "3a7dad95db17"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

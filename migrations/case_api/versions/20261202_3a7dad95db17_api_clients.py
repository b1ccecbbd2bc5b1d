"""Machine clients and their credentials

Revision ID: 3a7dad95db17
Revises: 7e033c7f2652
Create Date: 2026-12-02 14:00:00
"""

from __future__ import annotations

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

revision = "3a7dad95db17"
down_revision = "7e033c7f2652"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass

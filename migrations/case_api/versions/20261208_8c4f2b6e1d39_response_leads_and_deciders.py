"""Who leads a case's response; city-managed cadres and registry-checked deciding organs

``case_summaries.response_lead``: the lead of the latest response plan and its basis
[002 第九条]. ``accountability_parties`` gain ``city_managed``, ``handed_to`` and
``handed_date`` (市管干部 handed to a city organ [002 第六条]); ``accountability_decisions``
gain ``deciding_agency`` (the registry code checked as the unit's superior organ
[000 二(五)1]). Events before this revision carry none of them: the defaults are what they
meant, so no rebuild is needed.

Revision ID: 8c4f2b6e1d39
Revises: 8c3f1a6e2d57
Create Date: 2026-12-08 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "8c4f2b6e1d39"
down_revision = "8c3f1a6e2d57"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_summaries", sa.Column("response_lead", sa.JSON()))
    with op.batch_alter_table("accountability_parties") as batch:
        batch.add_column(
            sa.Column("city_managed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("handed_to", sa.String(64)))
        batch.add_column(sa.Column("handed_date", sa.Date()))
    op.add_column("accountability_decisions", sa.Column("deciding_agency", sa.String(64)))


def downgrade() -> None:
    op.drop_column("accountability_decisions", "deciding_agency")
    with op.batch_alter_table("accountability_parties") as batch:
        batch.drop_column("handed_date")
        batch.drop_column("handed_to")
        batch.drop_column("city_managed")
    with op.batch_alter_table("case_summaries") as batch:
        batch.drop_column("response_lead")

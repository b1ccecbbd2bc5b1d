"""Deadlines name the event that ended them; summaries keep the case number's one spelling and
the effective date derived from the appeal periods

Existing rows get their case number key here; the deadline columns and the derived effective
date are filled when the deadlines are next computed (``case-api rebuild`` does all cases).

Revision ID: 4b7e2c91d0a5
Revises: b3c51e0a9f27
Create Date: 2026-12-08 10:00:00
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "4b7e2c91d0a5"
down_revision = "b3c51e0a9f27"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("deadlines") as batch:
        batch.add_column(sa.Column("ended_by_position", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("ended_by_event", sa.String(64), nullable=True))
    with op.batch_alter_table("case_summaries") as batch:
        batch.add_column(sa.Column("case_number_key", sa.String(128), nullable=True))
        batch.add_column(sa.Column("effective_date_derived", sa.Date(), nullable=True))
        batch.add_column(sa.Column("effective_date_mismatch", sa.Boolean(), nullable=True))
    op.create_index("ix_case_summaries_case_number_key", "case_summaries", ["case_number_key"])
    _fill_case_number_keys()


def _fill_case_number_keys() -> None:
    """The same spelling rule as ``case_api.cases.values.case_number_key`` (copied: a
    migration must not change when the code does), in batches of ``BATCH`` rows."""
    conn = op.get_bind()
    summaries = sa.table(
        "case_summaries",
        sa.column("case_id", sa.String),
        sa.column("case_number", sa.String),
        sa.column("case_number_key", sa.String),
    )
    update = (
        sa.update(summaries)
        .where(summaries.c.case_id == sa.bindparam("b_id"))
        .values(case_number_key=sa.bindparam("b_key"))
    )
    after = ""
    while True:
        rows = conn.execute(
            sa.select(summaries.c.case_id, summaries.c.case_number)
            .where(summaries.c.case_id > after)
            .order_by(summaries.c.case_id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        keys = [
            {
                "b_id": r.case_id,
                "b_key": unicodedata.normalize("NFKC", r.case_number).replace(" ", ""),
            }
            for r in rows
        ]
        conn.execute(update, keys)
        after = rows[-1].case_id


def downgrade() -> None:
    op.drop_index("ix_case_summaries_case_number_key", table_name="case_summaries")
    with op.batch_alter_table("case_summaries") as batch:
        batch.drop_column("effective_date_mismatch")
        batch.drop_column("effective_date_derived")
        batch.drop_column("case_number_key")
    with op.batch_alter_table("deadlines") as batch:
        batch.drop_column("ended_by_event")
        batch.drop_column("ended_by_position")

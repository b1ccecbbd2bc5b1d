"""Hearings and answers as read models, statistics indexes, byte-ordered jurisdiction paths

Statistics count hearings, answers, deadlines and concluded cases by their dates, so each
gets an indexed date, and carry the case's path so a jurisdiction's figures need no join.
An agency's cases are indexed by filing date, and those it is only a co-defendant in apart. Paths become "C"-collated on PostgreSQL so that "this jurisdiction and below"
is an index range under any database locale. The new tables are filled by projecting the
events again: run ``case-api rebuild`` after this upgrade.

Revision ID: b3c91d0e5a27
Revises: 4b7e2c91d0a5
Create Date: 2026-12-07 18:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "b3c91d0e5a27"
down_revision = "4b7e2c91d0a5"
branch_labels = None
depends_on = None

PATH_COLUMNS = [
    ("case_summaries", "jurisdiction_path"),
    ("case_timeline", "jurisdiction_path"),
    ("deadlines", "jurisdiction_path"),
    ("deadline_changes", "jurisdiction_path"),
    ("accountability_cases", "jurisdiction_path"),
    ("accountability_parties", "jurisdiction_path"),
    ("accountability_decisions", "jurisdiction_path"),
    ("accountability_recoveries", "jurisdiction_path"),
    ("jurisdictions", "path"),
    ("case_hearings", "jurisdiction_path"),
    ("case_answers", "jurisdiction_path"),
]


def upgrade() -> None:
    op.create_table(
        "case_hearings",
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("hearing_date", sa.Date(), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", sa.String(512), nullable=False),
        sa.Column("instance", sa.String(16), nullable=False),
        sa.Column("scheduled_position", sa.BigInteger(), nullable=False),
        sa.Column("postponed_position", sa.BigInteger()),
        sa.Column("appeared_position", sa.BigInteger()),
        sa.Column("appearance_roles", sa.JSON(), nullable=False),
        sa.Column("head_present", sa.Boolean(), nullable=False),
        sa.Column("principal_head_present", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("case_id", "hearing_date", name="pk_case_hearings"),
    )
    op.create_index("ix_case_hearings_hearing_date", "case_hearings", ["hearing_date"])
    op.create_index("ix_case_hearings_agency", "case_hearings", ["agency", "hearing_date"])
    op.create_table(
        "case_answers",
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("case_id", sa.String(36), nullable=False),
        sa.Column("agency", sa.String(64), nullable=False),
        sa.Column("jurisdiction_path", sa.String(512), nullable=False),
        sa.Column("submitted_date", sa.Date(), nullable=False),
        sa.Column("evidence_submitted", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("position", name="pk_case_answers"),
    )
    op.create_index("ix_case_answers_submitted_date", "case_answers", ["submitted_date"])
    op.create_index("ix_case_summaries_concluded_date", "case_summaries", ["concluded_date"])
    op.create_index("ix_case_summaries_outcome", "case_summaries", ["outcome", "effective_date"])
    op.create_index("ix_deadlines_due_date", "deadlines", ["due_date", "case_id", "key"])
    _order_agency_cases()
    _collate_paths("C")


def downgrade() -> None:
    _collate_paths("default")
    op.drop_index("ix_case_agencies_secondary", table_name="case_agencies")
    op.drop_index("ix_case_agencies_agency", table_name="case_agencies")
    with op.batch_alter_table("case_agencies") as batch:
        batch.drop_column("is_primary")
        batch.drop_column("filed_date")
    op.create_index("ix_case_agencies_agency", "case_agencies", ["agency"])
    op.drop_index("ix_deadlines_due_date", table_name="deadlines")
    op.drop_index("ix_case_summaries_outcome", table_name="case_summaries")
    op.drop_index("ix_case_summaries_concluded_date", table_name="case_summaries")
    op.drop_index("ix_case_answers_submitted_date", table_name="case_answers")
    op.drop_table("case_answers")
    op.drop_index("ix_case_hearings_agency", table_name="case_hearings")
    op.drop_index("ix_case_hearings_hearing_date", table_name="case_hearings")
    op.drop_table("case_hearings")


def _order_agency_cases() -> None:
    """An agency's cases by filing date straight from its index, and the cases it is only a
    co-defendant in (not the implementing agency) apart."""
    with op.batch_alter_table("case_agencies") as batch:
        batch.add_column(sa.Column("filed_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("is_primary", sa.Boolean(), nullable=True))
    summary = "SELECT s.{} FROM case_summaries s WHERE s.case_id = case_agencies.case_id"
    op.execute(
        f"UPDATE case_agencies SET filed_date = ({summary.format('filed_date')}), "
        f"is_primary = (agency = ({summary.format('agency')}))"
    )
    op.execute("UPDATE case_agencies SET filed_date = '1970-01-01' WHERE filed_date IS NULL")
    op.execute("UPDATE case_agencies SET is_primary = false WHERE is_primary IS NULL")
    op.drop_index("ix_case_agencies_agency", table_name="case_agencies")
    with op.batch_alter_table("case_agencies") as batch:
        batch.alter_column("filed_date", existing_type=sa.Date(), nullable=False)
        batch.alter_column("is_primary", existing_type=sa.Boolean(), nullable=False)
    op.create_index("ix_case_agencies_agency", "case_agencies", ["agency", "filed_date", "case_id"])
    op.create_index("ix_case_agencies_secondary", "case_agencies", ["agency", "is_primary"])


def _collate_paths(collation: str) -> None:
    """SQLite compares text by byte already; PostgreSQL follows the database's locale."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in PATH_COLUMNS:
        op.execute(
            f'ALTER TABLE {table} ALTER COLUMN {column} TYPE varchar(512) COLLATE "{collation}"'
        )

"""Activity record (acts without personal data, monthly counts) and the
outgoing-mediation call list.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30

Written out in full (see 0001).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def _binary(length: int):
    return sa.String(length).with_variant(postgresql.VARCHAR(length, collation="C"), "postgresql")


def _big_id():
    return sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table(
        "activity_acts",
        sa.Column("id", _big_id(), primary_key=True, autoincrement=True),
        sa.Column("act_key", _binary(80), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("counsellor", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("reasons", sa.String(600), nullable=False),
        sa.Column("outcomes", sa.String(600), nullable=False),
        sa.Column("duration_minutes", sa.Integer, nullable=True),
        sa.Column("participants", sa.Integer, nullable=True),
        sa.Column("reached", sa.Boolean, nullable=True),
        sa.Column("dossier_ref", _binary(40), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("act_key", name="uq_activity_acts_key"),
    )
    op.create_index("ix_activity_acts_site_day", "activity_acts", ["site", "day", "dossier_ref"])
    op.create_index("ix_activity_acts_day", "activity_acts", ["day", "site", "partner", "dossier_ref"])
    op.create_table(
        "activity_monthly",
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("site", sa.String(200), nullable=False),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("item", sa.String(60), nullable=False),
        sa.Column("n", sa.BigInteger, nullable=False),
        sa.PrimaryKeyConstraint("month", "site", "partner", "item", name="pk_activity_monthly"),
    )
    op.create_index("ix_activity_monthly_site", "activity_monthly", ["site", "month"])
    op.create_table(
        "call_lines",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("partner", sa.String(200), nullable=False),
        sa.Column("customer_ref", _binary(100), nullable=False),
        sa.Column("variant", sa.Integer, nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("listings", sa.Text, nullable=False),
        sa.Column("site", sa.String(200), nullable=True),
        sa.Column("status", sa.String(30), nullable=False),
        sa.Column("next_step", sa.String(300), nullable=True),
        sa.Column("next_date", sa.Date, nullable=True),
        sa.Column("dossier_ref", _binary(40), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_activity", sa.Date, nullable=False),
        sa.UniqueConstraint("partner", "customer_ref", "variant", name="uq_call_lines_customer"),
    )
    op.create_index("ix_call_lines_last_activity", "call_lines", ["last_activity"])
    op.create_table(
        "call_attempts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("line_id", sa.Integer, sa.ForeignKey("call_lines.id", ondelete="CASCADE"), nullable=False),
        sa.Column("day", sa.Date, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("result", sa.String(30), nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_call_attempts_line_id", "call_attempts", ["line_id"])


def downgrade() -> None:
    op.drop_table("call_attempts")
    op.drop_table("call_lines")
    op.drop_table("activity_monthly")
    op.drop_table("activity_acts")

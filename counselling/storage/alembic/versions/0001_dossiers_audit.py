"""First schema: the dossiers (JSON document, version) and the audit trail.

Revision ID: 0001
Revises:
Create Date: 2026-11-30

Written out in full (not imported from ``schema.py``): a migration describes
the schema as it was at this revision, whatever the tables become later.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _binary(length: int):
    return sa.String(length).with_variant(postgresql.VARCHAR(length, collation="C"), "postgresql")


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", _binary(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("name", sa.String(420), nullable=True),
        sa.Column("name_key", _binary(420), nullable=True),
        sa.Column("name_key_alt", _binary(420), nullable=True),
        sa.Column("site", sa.String(200), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_act", sa.Date, nullable=False),
        sa.UniqueConstraint("reference", name="uq_dossiers_reference"),
    )
    op.create_index("ix_dossiers_name_key", "dossiers", ["name_key"])
    op.create_index("ix_dossiers_name_key_alt", "dossiers", ["name_key_alt"])
    op.create_index("ix_dossiers_last_act", "dossiers", ["last_act"])
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", _binary(40), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("action", sa.String(60), nullable=False),
        sa.Column("section", sa.String(60), nullable=True),
    )
    op.create_index("ix_audit_reference", "audit", ["reference"])


def downgrade() -> None:
    op.drop_table("audit")
    op.drop_table("dossiers")

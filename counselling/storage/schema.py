"""Tables of the dossier database (SQLAlchemy Core), as of the latest migration.

The migrations under ``alembic/versions/`` create and change these tables; this
module describes the result, for the queries of :mod:`.store`. A test checks
that the two agree (``tests/storage/test_migrations.py``).

* ``dossiers``: one row per dossier. ``document`` is the dossier as JSON text
  (:mod:`counselling.dossier.model`), ``version`` counts the saves (optimistic
  concurrency). The other columns are copies used to find, list and purge
  without reading the JSON: ``name`` (as typed, personal data), ``name_key``
  and ``name_key_alt`` (lower-case, accents removed, « nom prénom » and
  « prénom nom »), ``site``, ``last_act`` (the latest act or the creation:
  retention counts from it).
* ``audit``: who did what on which dossier and which section, when. Erasing a
  dossier deletes its entries; an erasure or a purge leaves one entry without
  reference (who, when, how many).

Text columns compared by prefix use the binary collation (``"C"`` on
PostgreSQL, SQLite's default) so that a range ``[prefix, next prefix)`` finds
exactly the keys that start with the prefix and uses the index.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


def binary_text(length: int) -> sa.types.TypeEngine:
    """A VARCHAR compared byte by byte on both backends."""
    return sa.String(length).with_variant(postgresql.VARCHAR(length, collation="C"), "postgresql")


metadata = sa.MetaData()

dossiers = sa.Table(
    "dossiers", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", binary_text(40), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
    sa.Column("name", sa.String(420), nullable=True),
    sa.Column("name_key", binary_text(420), nullable=True, index=True),
    sa.Column("name_key_alt", binary_text(420), nullable=True, index=True),
    sa.Column("site", sa.String(200), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_act", sa.Date, nullable=False, index=True),
    sa.UniqueConstraint("reference", name="uq_dossiers_reference"),
)

audit = sa.Table(
    "audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("reference", binary_text(40), nullable=True, index=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("who", sa.String(200), nullable=False),
    sa.Column("action", sa.String(60), nullable=False),
    sa.Column("section", sa.String(60), nullable=True),
)

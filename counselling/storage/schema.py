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

# --------------------------------------------------------------------------- activity (revision 0002)
#
# * ``activity_acts``: one row per act, without personal data (no name, no
#   contact detail; ``dossier_ref`` is the pseudonymous dossier reference, to
#   count distinct people). ``act_key`` is stable per act (a dossier's act id,
#   an attempt of the call list, a hash of an imported line): recording the
#   same act twice is a no-op. ``reasons`` and ``outcomes`` are codes of the
#   activity vocabulary separated by spaces. ``previous_day*``: the day of the
#   same person's previous act (anywhere, same site, same partner, both), so
#   that distinct people are a plain count (``counselling/activity/people.py``).
# * ``activity_monthly``: the counts of every whole month per site, partner
#   (``""`` when none) and kind, one row per item (``actes``, ``anonymes``,
#   ``participants``, ``minutes``, ``joints``, ``m:<motif>``, ``r:<résultat>``),
#   kept up to date in the transaction that records an act; reports read it
#   for whole months and the acts table for the days at the edges.
# * ``call_lines`` / ``call_attempts``: the outgoing-mediation call list (personal
#   data sent by a partner, kept minimal and purged: docs/activite.md).

BIG_ID = sa.BigInteger().with_variant(sa.Integer, "sqlite")
PREVIOUS_DAYS = ("previous_day", "previous_day_site", "previous_day_partner", "previous_day_site_partner")


def people_indexes() -> list[sa.Index]:
    """The indexes that count people (acts with a dossier reference only):
    by person (to link a new act to the previous one), by day and by site
    (covering the report's count; see ``counselling/activity/people.py``)."""
    where = sa.text("dossier_ref IS NOT NULL")
    partial = {"sqlite_where": where, "postgresql_where": where}
    return [sa.Index("ix_activity_acts_person", "dossier_ref", "day", **partial),
            sa.Index("ix_activity_people_day", "day", "site", "partner", *PREVIOUS_DAYS, **partial),
            sa.Index("ix_activity_people_site", "site", "day", "partner", "previous_day_site",
                     "previous_day_site_partner", **partial)]


activity_acts = sa.Table(
    "activity_acts", metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("act_key", binary_text(80), nullable=False),
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
    sa.Column("dossier_ref", binary_text(40), nullable=True),
    sa.Column("source", sa.String(20), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("previous_day", sa.Date, nullable=True),
    sa.Column("previous_day_site", sa.Date, nullable=True),
    sa.Column("previous_day_partner", sa.Date, nullable=True),
    sa.Column("previous_day_site_partner", sa.Date, nullable=True),
    sa.UniqueConstraint("act_key", name="uq_activity_acts_key"),
    sa.Index("ix_activity_acts_day", "day", "site", "partner", "dossier_ref"),
    *people_indexes(),
)

activity_monthly = sa.Table(
    "activity_monthly", metadata,
    sa.Column("month", sa.Date, nullable=False),
    sa.Column("site", sa.String(200), nullable=False),
    sa.Column("partner", sa.String(200), nullable=False),
    sa.Column("item", sa.String(60), nullable=False),
    sa.Column("n", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint("month", "site", "partner", "item", name="pk_activity_monthly"),
    sa.Index("ix_activity_monthly_site", "site", "month"),
)

call_lines = sa.Table(
    "call_lines", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("partner", sa.String(200), nullable=False),
    sa.Column("customer_ref", binary_text(100), nullable=False),
    sa.Column("variant", sa.Integer, nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("listings", sa.Text, nullable=False),
    sa.Column("site", sa.String(200), nullable=True),
    sa.Column("status", sa.String(30), nullable=False),
    sa.Column("next_step", sa.String(300), nullable=True),
    sa.Column("next_date", sa.Date, nullable=True),
    sa.Column("dossier_ref", binary_text(40), nullable=True),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("last_activity", sa.Date, nullable=False, index=True),
    sa.UniqueConstraint("partner", "customer_ref", "variant", name="uq_call_lines_customer"),
)

call_attempts = sa.Table(
    "call_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("line_id", sa.Integer, sa.ForeignKey("call_lines.id", ondelete="CASCADE"), nullable=False,
              index=True),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("channel", sa.String(20), nullable=False),
    sa.Column("result", sa.String(30), nullable=False),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

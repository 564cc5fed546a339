"""Distinct people as a plain count: each act with a dossier reference keeps
the day of the same person's previous act (anywhere, same site, same partner,
same site and partner); the index by site and day that served ``DISTINCT``
is replaced by partial indexes over the acts with a reference.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Written out in full (see 0001). The existing acts are linked with a window
function (``lag``) over each person's acts in the order (day, id), the order
``counselling/activity/people.py`` keeps for the acts recorded after.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COLUMNS = {"previous_day": "", "previous_day_site": ", site", "previous_day_partner": ", partner",
           "previous_day_site_partner": ", site, partner"}
WHERE = sa.text("dossier_ref IS NOT NULL")


def upgrade() -> None:
    for column in COLUMNS:
        op.add_column("activity_acts", sa.Column(column, sa.Date, nullable=True))
    lags = ", ".join(f"lag(day) OVER (PARTITION BY dossier_ref{fields} ORDER BY day, id) AS {column}"
                     for column, fields in COLUMNS.items())
    sets = ", ".join(f"{column} = linked.{column}" for column in COLUMNS)
    op.execute(f"UPDATE activity_acts SET {sets} FROM (SELECT id, {lags} FROM activity_acts "
               f"WHERE dossier_ref IS NOT NULL) AS linked WHERE activity_acts.id = linked.id")
    op.drop_index("ix_activity_acts_site_day", table_name="activity_acts")
    partial = {"sqlite_where": WHERE, "postgresql_where": WHERE}
    op.create_index("ix_activity_acts_person", "activity_acts", ["dossier_ref", "day"], **partial)
    op.create_index("ix_activity_people_day", "activity_acts", ["day", "site", "partner", *COLUMNS], **partial)
    op.create_index("ix_activity_people_site", "activity_acts",
                    ["site", "day", "partner", "previous_day_site", "previous_day_site_partner"], **partial)


def downgrade() -> None:
    op.drop_index("ix_activity_people_site", table_name="activity_acts")
    op.drop_index("ix_activity_people_day", table_name="activity_acts")
    op.drop_index("ix_activity_acts_person", table_name="activity_acts")
    op.create_index("ix_activity_acts_site_day", "activity_acts", ["site", "day", "dossier_ref"])
    for column in COLUMNS:
        op.drop_column("activity_acts", column)

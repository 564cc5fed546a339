"""Distinct people, counted without ``DISTINCT``.

Each act with a dossier reference carries the day of the same person's
previous act, in four scopes: anywhere (``previous_day``), at the same site
(``previous_day_site``), for the same partner (``previous_day_partner``), at
the same site for the same partner (``previous_day_site_partner``). The
people received over [start, end] within a scope are then the acts of the
period whose previous day in that scope is before ``start`` (or absent): a
plain count over an index, the same cost as counting acts, where a
``DISTINCT`` over millions of references sorted or hashed them all.

Acts are append-only and ordered by (day, order of recording). When an act
is recorded out of order (back-dated, or an import of an older period), the
act that follows it in its scope gets its previous day moved forward: at
most one stored row per scope changes.

Public names::

    SCOPES                              column -> the fields that make the scope
    scope_column(by_site, by_partner)   the column for a report's filters
    link(history, new)                  fill the new rows' previous days (pure)
    link_rows(conn, rows)               the same against the database, in the caller's transaction
"""

from __future__ import annotations

import bisect
import zlib
from collections import defaultdict

import sqlalchemy as sa

from ..storage.schema import activity_acts

SCOPES: dict[str, tuple[str, ...]] = {
    "previous_day": (),
    "previous_day_site": ("site",),
    "previous_day_partner": ("partner",),
    "previous_day_site_partner": ("site", "partner"),
}

#: PostgreSQL advisory locks: the person's references are spread over this
#: many locks (taken in order, so writers never deadlock), held until commit.
LOCK_CLASS, LOCK_BUCKETS = 1307, 256


def scope_column(by_site: bool, by_partner: bool) -> str:
    """The column that counts people within one site and/or one partner."""
    return {(False, False): "previous_day", (True, False): "previous_day_site",
            (False, True): "previous_day_partner", (True, True): "previous_day_site_partner"}[(by_site, by_partner)]


def link(history: list[dict], new: list[dict]) -> list[dict]:
    """Fill the previous days of ``new`` (rows of one person, in recording
    order, appended after everything stored) and move forward those of the
    stored rows that now follow a new act.

    Parameters
    ----------
    history : list of dict
        The person's stored acts: ``id``, ``day``, ``site``, ``partner`` and
        the four :data:`SCOPES` columns.
    new : list of dict
        The acts being recorded (``day``, ``site``, ``partner``); their
        scope columns are set in place.

    Returns
    -------
    list of dict
        The stored rows (from ``history``) whose previous day changed, each
        once, changed in place.
    """
    events = sorted(history, key=lambda row: (row["day"], row["id"]))
    days = [row["day"] for row in events]
    changed: dict[int, dict] = {}
    for row in new:
        position = bisect.bisect_right(days, row["day"])  # after every act of the same day or before
        for column, fields in SCOPES.items():
            same = [event for event in events if all(event[f] == row[f] for f in fields)] if fields else events
            row[column] = _previous(same, row["day"])
            follower = next((event for event in same if event["day"] > row["day"]), None)
            if follower is not None and (follower[column] is None or follower[column] < row["day"]):
                follower[column] = row["day"]
                if "id" in follower:
                    changed[follower["id"]] = follower
        events.insert(position, row)
        days.insert(position, row["day"])
    return list(changed.values())


def _previous(events: list[dict], day):
    before = [event["day"] for event in events if event["day"] <= day]
    return max(before) if before else None


def _lock(conn: sa.Connection, refs: list[str]) -> None:
    """Serialise the writers of the same people on PostgreSQL (SQLite writes
    already begin with ``BEGIN IMMEDIATE``)."""
    if conn.dialect.name != "postgresql" or not refs:
        return
    buckets = sorted({zlib.crc32(ref.encode()) % LOCK_BUCKETS for ref in refs})
    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:c, b) FROM unnest(CAST(:b AS integer[])) AS b ORDER BY b"),
                 {"c": LOCK_CLASS, "b": buckets})


def link_rows(conn: sa.Connection, rows: list[dict]) -> None:
    """Set the scope columns of ``rows`` (about to be inserted, in this
    order) and update the stored acts that now follow one of them. Runs in
    the caller's transaction, before the insert."""
    for row in rows:
        for column in SCOPES:
            row[column] = None
    by_person: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if row["dossier_ref"] is not None:
            by_person[row["dossier_ref"]].append(row)
    if not by_person:
        return
    refs = sorted(by_person)
    _lock(conn, refs)
    t = activity_acts
    history: dict[str, list[dict]] = defaultdict(list)
    columns = [t.c.id, t.c.dossier_ref, t.c.day, t.c.site, t.c.partner, *(t.c[c] for c in SCOPES)]
    for start in range(0, len(refs), 500):
        query = sa.select(*columns).where(t.c.dossier_ref.in_(refs[start:start + 500]))
        for stored in conn.execute(query).mappings():
            history[stored["dossier_ref"]].append(dict(stored))
    changed = []
    for ref, new in by_person.items():
        changed += link(history.get(ref, []), new)
    if changed:
        statement = t.update().where(t.c.id == sa.bindparam("row_id")).values(
            {c: sa.bindparam(f"new_{c}") for c in SCOPES})
        conn.execute(statement, [{"row_id": row["id"], **{f"new_{c}": row[c] for c in SCOPES}} for row in changed])

"""Recording acts in the activity record (no personal data).

An act is counted once: every row has a stable key (``act_key``): the id of a
dossier's act, the id of a call-list attempt, or a hash of an imported line.
Recording an act whose key is already stored does nothing. The monthly counts
(``activity_monthly``) are updated in the same transaction as the acts.

Public names::

    ActivityAct                       one act, validated against the vocabulary
    record_act(store, act, dossier=None, version=None, by=None)
                                      from a dossier page (dossier + record at once) or a desk visit
    record_acts(store, acts, source)  several acts at once (import, call list)
    write_acts(conn, dialect, rows)   inside an open transaction (used by the call list)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections import Counter
from dataclasses import dataclass

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import InputError
from ..storage.schema import activity_acts, activity_monthly
from .people import link_rows
from .vocabulary import vocabulary

REF_PATTERN = r"^\d{4}-[A-HJ-NP-Z2-9]{5}$"


class ActivityAct(BaseModel):
    """One act as counted: when, where, who, what kind, why, what came out.

    ``dossier_ref`` (optional) is the pseudonymous reference of the dossier,
    never a name: it lets the report count distinct people.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    day: dt.date
    site: str = Field(min_length=1, max_length=200)
    counsellor: str = Field(min_length=1, max_length=200)
    kind: str
    partner: str = Field(default="", max_length=200)
    reasons: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    duration_minutes: int | None = Field(default=None, ge=0)
    participants: int | None = Field(default=None, ge=0)
    reached: bool | None = None
    dossier_ref: str | None = Field(default=None, pattern=REF_PATTERN)

    @field_validator("kind", mode="before")
    @classmethod
    def _kind(cls, value):
        return vocabulary().kind_code(str(value))

    @field_validator("reasons", mode="before")
    @classmethod
    def _reasons(cls, value):
        return tuple(vocabulary().reason_codes(list(value or ())))

    @field_validator("outcomes", mode="before")
    @classmethod
    def _outcomes(cls, value):
        return tuple(vocabulary().outcome_codes(list(value or ())))

    @field_validator("site", "counsellor", "partner", mode="before")
    @classmethod
    def _strip(cls, value):
        return " ".join(str(value or "").split())

    @model_validator(mode="after")
    def _consistent(self):
        voc = vocabulary()
        limits = voc.reglages
        if self.duration_minutes is not None and self.duration_minutes > limits.duree_max_minutes:
            raise ValueError(f"durée supérieure à {limits.duree_max_minutes} minutes")
        workshop = voc.types[self.kind].participants
        if workshop and not self.participants:
            raise ValueError("un atelier collectif se note avec son nombre de participants")
        if not workshop and self.participants is not None:
            raise ValueError("seul un atelier collectif a des participants")
        if self.participants is not None and self.participants > limits.participants_max:
            raise ValueError(f"plus de {limits.participants_max} participants")
        if self.reached is not None and voc.types[self.kind].famille != "sortante":
            raise ValueError("« personne jointe » ne vaut que pour la médiation sortante")
        return self

    @classmethod
    def from_dossier_act(cls, act, *, dossier_ref: str | None, site: str | None, participants=None,
                         reached=None) -> ActivityAct:
        """The countable part of a dossier's :class:`~counselling.dossier.model.Act`."""
        where = act.site or site
        if not where:
            raise InputError("site", "Lieu de l'acte", "le lieu n'est pas indiqué",
                             "le site où l'acte a eu lieu (ou celui du dossier)")
        return cls(day=act.date, site=where, counsellor=act.conseiller, kind=act.type,
                   partner=act.partenaire or "", reasons=act.motifs, outcomes=act.resultats,
                   duration_minutes=act.duree_minutes, participants=participants, reached=reached,
                   dossier_ref=dossier_ref)

    def natural_key(self) -> str:
        """A key made of every field (for a line imported without identifier)."""
        parts = [self.day.isoformat(), self.site.casefold(), self.counsellor.casefold(), self.kind,
                 self.partner.casefold(), " ".join(sorted(self.reasons)), " ".join(sorted(self.outcomes)),
                 str(self.duration_minutes), str(self.participants), str(self.reached), self.dossier_ref or ""]
        return "h:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def act_row(act: ActivityAct, key: str, source: str, at: dt.datetime | None = None) -> dict:
    """The row of ``activity_acts`` for ``act``."""
    return {"act_key": key, "day": act.day, "site": act.site, "counsellor": act.counsellor, "kind": act.kind,
            "partner": act.partner, "reasons": " ".join(act.reasons), "outcomes": " ".join(act.outcomes),
            "duration_minutes": act.duration_minutes, "participants": act.participants,
            "reached": act.reached, "dossier_ref": act.dossier_ref, "source": source,
            "recorded_at": at or _now()}


def monthly_items(row: dict) -> list[tuple[str, int]]:
    """What one act adds to the monthly counts: (item, n)."""
    items = [("actes", 1), (f"k:{row['kind']}", 1)]
    if row["dossier_ref"] is None and row["participants"] is None:
        items.append(("anonymes", 1))
    if row["participants"] is not None:
        items.append(("participants", int(row["participants"])))
    if row["duration_minutes"] is not None:
        items.append(("minutes", int(row["duration_minutes"])))
    if row["reached"] is not None:
        items.append(("tentatives", 1))
        if row["reached"]:
            items.append(("joints", 1))
    items += [(f"m:{code}", 1) for code in row["reasons"].split()]
    items += [(f"r:{code}", 1) for code in row["outcomes"].split()]
    return items


def month_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def increments(rows: list[dict]) -> Counter:
    counts: Counter = Counter()
    for row in rows:
        head = (month_of(row["day"]), row["site"], row["partner"])
        for item, n in monthly_items(row):
            counts[(*head, item)] += n
    return counts


def _upsert(dialect: str):
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def add_monthly(conn: sa.Connection, counts: Counter) -> None:
    """Add ``counts`` {(month, site, partner, item): n} to the monthly table."""
    if not counts:
        return
    insert = _upsert(conn.dialect.name)(activity_monthly)
    statement = insert.on_conflict_do_update(
        index_elements=["month", "site", "partner", "item"],
        set_={"n": activity_monthly.c.n + insert.excluded.n})
    values = [{"month": k[0], "site": k[1], "partner": k[2], "item": k[3], "n": n}
              for k, n in sorted(counts.items())]  # sorted: concurrent writers lock rows in one order
    for start in range(0, len(values), 2000):
        conn.execute(statement, values[start:start + 2000])


def write_acts(conn: sa.Connection, rows: list[dict]) -> list[dict]:
    """Insert the rows whose key is not stored yet (and not repeated in
    ``rows``), linked to each person's previous act (``people.py``), and
    update the monthly counts; returns the rows written. Runs inside the
    caller's transaction."""
    fresh: dict[str, dict] = {}
    for row in rows:
        fresh.setdefault(row["act_key"], row)
    keys = list(fresh)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for key in conn.execute(sa.select(activity_acts.c.act_key).where(activity_acts.c.act_key.in_(chunk))).scalars():
            fresh.pop(key, None)
    written = list(fresh.values())
    link_rows(conn, written)
    for start in range(0, len(written), 5000):
        conn.execute(sa.insert(activity_acts), written[start:start + 5000])
    add_monthly(conn, increments(written))
    return written


@dataclass(frozen=True)
class Recorded:
    """What :func:`record_act` did: the dossier's new version (None without
    dossier), the act's key, and whether it was new to the activity record."""

    version: int | None
    key: str
    new: bool


def record_act(store, act, dossier=None, version: int | None = None, by: str | None = None, *,
               participants: int | None = None, reached: bool | None = None, key: str | None = None) -> Recorded:
    """Record an act: in the dossier's history and in the activity record, in
    one transaction (nothing half-written), or in the activity record alone
    for an anonymous desk visit.

    Parameters
    ----------
    store : counselling.storage.Store
    act : counselling.dossier.model.Act or ActivityAct
        With a dossier: a dossier :class:`Act` (its ``id`` becomes the key, so
        recording the same act twice counts it once). Without: either.
    dossier : Dossier, optional
        The dossier as the page holds it; the act is appended to its
        ``actes`` (if not there yet) and the dossier saved.
    version : int
        The version the page opened (optimistic concurrency, see
        :meth:`Store.save`); required with a dossier.
    by : str
        The counsellor saving (default: the current user).
    key : str, optional
        For an :class:`ActivityAct` without dossier: a key the page draws once
        per form (a second click on « Enregistrer » then counts nothing more).

    Returns
    -------
    Recorded
        ``version`` is the dossier's new version (give it to the next save).
    """
    from ..dossier.model import Act
    from ..storage import current_user

    by = by or current_user()
    if dossier is None:
        if isinstance(act, Act):
            counted = ActivityAct.from_dossier_act(act, dossier_ref=None, site=None, participants=participants,
                                                   reached=reached)
            key = f"acte:{act.id}"
        else:
            counted, key = act, f"saisie:{key or uuid.uuid4().hex}"
        written = _record_rows(store, [act_row(counted, key, "saisie")])
        return Recorded(None, key, bool(written))
    if version is None:
        raise InputError("version", "Version du dossier", "la version ouverte n'est pas donnée",
                         "la version lue à l'ouverture du dossier")
    if not isinstance(act, Act):
        raise InputError("acte", "Acte", "un acte de dossier est attendu", "un Act du modèle de dossier")
    counted = ActivityAct.from_dossier_act(act, dossier_ref=dossier.reference, site=dossier.site,
                                           participants=participants, reached=reached)
    key = f"dossier:{dossier.reference}:{act.id}"
    if all(existing.id != act.id for existing in dossier.actes):
        dossier.actes.append(act)
    holder: list[dict] = []
    new_version = store.save(dossier, expected_version=version, by=by,
                             also=lambda conn: holder.extend(write_acts(conn, [act_row(counted, key, "dossier")])))
    return Recorded(new_version, key, bool(holder))


def _record_rows(store, rows: list[dict]) -> list[dict]:
    with store._write("enregistrer l'activité") as conn:  # noqa: SLF001 — the store's own transaction
        return write_acts(conn, rows)


def record_acts(store, acts: list[tuple[str, ActivityAct]], source: str = "saisie") -> int:
    """Record ``[(key, act), …]`` in one transaction; returns how many were new."""
    at = _now()
    return len(_record_rows(store, [act_row(act, key, source, at) for key, act in acts]))

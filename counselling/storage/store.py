"""The dossier database: create, open, save (with a version), find, export,
import, erase, purge, audit.

Every public method is one transaction; every database fault comes out as a
:class:`~counselling.storage.errors.StorageError` in French. The caller keeps
its own copy of a dossier until a save returns: a fault or a conflict loses
nothing that was typed.

Example (a page's autosave)::

    store = Store()                       # COUNSELLING_DB or the default file
    version = store.create(dossier, by=current_user())
    ...
    version = store.save(dossier, expected_version=version, by=current_user())
    # ConflictError: someone saved in between; store.load(ref) shows their version
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection, Engine

from ..errors import CounsellingError
from ..formatting import how_many
from . import config
from .engine import make_engine, migrate
from .errors import ConflictError, DossierNotFound, DuplicateReference, StorageError, translate
from .schema import audit as audit_table
from .schema import dossiers
from .timefmt import as_utc

CONSENT_MISSING = (
    "Le dossier n'est pas enregistré : le consentement de la personne n'est pas noté. "
    "Recueillez son accord (conservation du dossier) et notez-le, puis enregistrez.")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Stored:
    """A dossier as read from the database.

    ``version`` is what to pass to :meth:`Store.save`; ``updated_at`` (UTC)
    is what « Enregistré à 14 h 32 » shows (:func:`~counselling.storage.saved_at_text`).
    """

    dossier: object  # counselling.dossier.model.Dossier
    version: int
    updated_at: dt.datetime


@dataclass(frozen=True)
class Summary:
    """One line of a list of dossiers (no JSON read)."""

    reference: str
    name: str | None
    site: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    last_act: dt.date
    version: int


@dataclass(frozen=True)
class AuditEntry:
    reference: str | None
    at: dt.datetime
    who: str
    action: str
    section: str | None


# --------------------------------------------------------------------------- keys


def search_key(text: str | None) -> str:
    """Lower-case, accents and punctuation removed, single spaces: « Évelyne
    D'Arcy-Noël » → « evelyne d arcy noel »."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text.casefold().replace("œ", "oe").replace("æ", "ae"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[\W_]+", " ", plain).split())


def _plain(text: str | None) -> str | None:
    """A copy for an indexed column: control characters removed (PostgreSQL
    refuses NUL in text; the JSON document keeps the value exactly)."""
    if text is None:
        return None
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cs")) or None


def _prefix_range(column: sa.ColumnElement, prefix: str) -> sa.ColumnElement[bool]:
    """``column`` starts with ``prefix``, written as a range that uses the index."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return sa.and_(column >= prefix, column < upper)


def _name_columns(dossier) -> dict:
    identity = getattr(dossier, "identite", None)
    nom = (getattr(identity, "nom", None) or "").strip()
    prenom = (getattr(identity, "prenom", None) or "").strip()
    if not (nom or prenom):
        return {"name": None, "name_key": None, "name_key_alt": None}
    return {"name": _plain(" ".join(p for p in (prenom, nom) if p)),
            "name_key": search_key(f"{nom} {prenom}") or None,
            "name_key_alt": search_key(f"{prenom} {nom}") or None}


def _last_act(dossier) -> dt.date:
    return max([dossier.cree_le, *(act.date for act in getattr(dossier, "actes", []))])


def _columns(dossier) -> dict:
    from ..dossier.model import dossier_to_json

    return {"document": dossier_to_json(dossier, indent=None), "site": _plain(dossier.site),
            "last_act": _last_act(dossier), **_name_columns(dossier)}


def normalise_reference(reference: str) -> str:
    """A reference as the kit writes it (``" 2026-k7m3q"`` → ``"2026-K7M3Q"``)."""
    return (reference or "").strip().upper()


def _check_consent(dossier) -> None:
    if getattr(dossier, "consentement", None) is None:
        raise CounsellingError(CONSENT_MISSING)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _summary(row) -> Summary:
    return Summary(reference=row.reference, name=row.name, site=row.site,
                   created_at=as_utc(row.created_at), updated_at=as_utc(row.updated_at),
                   last_act=row.last_act, version=row.version)


SUMMARY_COLUMNS = (dossiers.c.reference, dossiers.c.name, dossiers.c.site, dossiers.c.created_at,
                   dossiers.c.updated_at, dossiers.c.last_act, dossiers.c.version)


# --------------------------------------------------------------------------- the store


class Store:
    """The dossier database.

    Parameters
    ----------
    url : str | os.PathLike | None
        A file path or a database URL; default ``$COUNSELLING_DB``, else the
        SQLite file in the user's data folder. Opening applies the pending
        schema migrations.

    Raises
    ------
    StorageError
        The database cannot be opened (French message: what and what to do).
    """

    def __init__(self, url=None, *, upgrade: bool = True):
        self.url = config.database_url(url)
        self.where = config.describe(self.url)
        self.backend = self.url.get_backend_name()
        with self._guard("ouvrir la base des dossiers"):
            self.engine: Engine = make_engine(self.url)
            if upgrade:
                migrate(self.engine)

    def close(self) -> None:
        """Release the connections (the file stays)."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.where})"

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _guard(self, action: str) -> Iterator[None]:
        try:
            yield
        except CounsellingError:
            raise
        except (sa.exc.SQLAlchemyError, OSError) as error:
            raise translate(error, action, self.where) from None
        except Exception as error:  # the DB-API raised outside SQLAlchemy (rare)
            if type(error).__module__.split(".")[0] in ("sqlite3", "psycopg", "alembic"):
                raise translate(error, action, self.where) from None
            raise

    @contextmanager
    def _write(self, action: str) -> Iterator[Connection]:
        with self._guard(action), self.engine.connect().execution_options(immediate=True) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        with self._guard(action), self.engine.connect() as conn:
            with conn.begin():
                yield conn

    @staticmethod
    def _log(conn: Connection, reference: str | None, who: str, action: str,
             sections: list[str | None] | None = None, at: dt.datetime | None = None) -> None:
        at = at or _now()
        conn.execute(sa.insert(audit_table), [
            {"reference": reference, "at": at, "who": who[:200], "action": action, "section": section}
            for section in (sections or [None])])

    def _row(self, conn: Connection, reference: str, *, lock: bool = False):
        reference = normalise_reference(reference)
        query = sa.select(dossiers.c.id, dossiers.c.version, dossiers.c.document, dossiers.c.updated_at) \
            .where(dossiers.c.reference == reference)
        if lock and self.backend == "postgresql":
            query = query.with_for_update()
        row = conn.execute(query).first()
        if row is None:
            raise DossierNotFound(reference, self.where)
        return row

    # ------------------------------------------------------------------ create, load, save

    def create(self, dossier, by: str, *, also=None) -> int:
        """Store a new dossier (its consent must be recorded). Returns its
        version (1). ``also(connection)``, if given, runs in the same
        transaction (the activity record uses it: nothing half-written).

        Raises
        ------
        CounsellingError
            No consent recorded: nothing is stored.
        DuplicateReference
            A dossier with this reference exists (nothing replaced).
        """
        self._insert(dossier, by, ["creation"], also)
        return 1

    def _insert(self, dossier, by: str, actions: list[str], also=None) -> None:
        _check_consent(dossier)
        now = _now()
        values = {"reference": dossier.reference, "version": 1, "created_at": now, "updated_at": now,
                  **_columns(dossier)}
        with self._write("créer le dossier") as conn:
            exists = conn.execute(sa.select(dossiers.c.id).where(dossiers.c.reference == dossier.reference)).first()
            if exists is not None:
                raise DuplicateReference(dossier.reference)
            try:
                with conn.begin_nested():
                    conn.execute(sa.insert(dossiers).values(**values))
            except sa.exc.IntegrityError:  # created by another process in the meantime
                raise DuplicateReference(dossier.reference) from None
            for action in actions:
                self._log(conn, dossier.reference, by, action, at=now)
            if also is not None:
                also(conn)

    def load(self, reference: str) -> Stored:
        """The stored dossier, its version and when it was last saved.

        Raises
        ------
        DossierNotFound
            No dossier with this reference.
        """
        from ..dossier.model import dossier_from_json

        with self._read("ouvrir le dossier") as conn:
            row = self._row(conn, reference)
        try:
            dossier = dossier_from_json(row.document)
        except CounsellingError as error:
            raise StorageError(
                f"Le dossier « {reference} » est enregistré sous une forme que ce kit ne sait pas lire "
                f"({error}). Vérifiez que le kit est à jour sur ce poste ; sinon prévenez la personne "
                "qui gère la base.") from None
        return Stored(dossier=dossier, version=row.version, updated_at=as_utc(row.updated_at))

    def save(self, dossier, expected_version: int, by: str, *, also=None) -> int:
        """Save a dossier opened at ``expected_version``; returns the new version.
        ``also(connection)``, if given, runs in the same transaction.

        One transaction: the stored version is checked, the document written,
        one audit entry per changed section added. When nothing changed, nothing
        is written and ``expected_version`` is returned.

        Raises
        ------
        ConflictError
            The dossier was saved by someone else since ``expected_version``:
            nothing is written; the caller keeps its copy and may :meth:`load`
            the other one.
        DossierNotFound
            The dossier was erased (or never created).
        """
        from ..dossier.model import changed_sections, dossier_from_json

        _check_consent(dossier)
        reference = dossier.reference
        with self._write("enregistrer le dossier") as conn:
            row = self._row(conn, reference, lock=True)
            if row.version != expected_version:
                raise self._conflict(conn, reference, expected_version, row)
            values = _columns(dossier)
            if values["document"] == row.document:
                if also is not None:
                    also(conn)
                return expected_version
            sections = changed_sections(dossier_from_json(row.document), dossier) or [None]
            now = _now()
            done = conn.execute(
                sa.update(dossiers)
                .where(dossiers.c.id == row.id, dossiers.c.version == expected_version)
                .values(version=expected_version + 1, updated_at=now, **values))
            if done.rowcount != 1:  # cannot happen under the lock; kept as a guard
                raise self._conflict(conn, reference, expected_version, self._row(conn, reference))
            self._log(conn, reference, by, "modification", sections, at=now)
            if also is not None:
                also(conn)
        return expected_version + 1

    def _conflict(self, conn: Connection, reference: str, expected: int, row) -> ConflictError:
        who = conn.execute(
            sa.select(audit_table.c.who).where(audit_table.c.reference == reference)
            .order_by(audit_table.c.id.desc()).limit(1)).scalar()
        return ConflictError(reference, expected, row.version, as_utc(row.updated_at), who)

    # ------------------------------------------------------------------ find and list

    def find(self, text: str, limit: int = 20) -> list[Summary]:
        """Dossiers whose reference starts with ``text`` (case ignored) or whose
        stored name starts with it (« nom prénom » or « prénom nom », accents
        and case ignored). Exact reference first, then by name. An empty
        ``text`` gives the dossiers saved last."""
        raw = (text or "").strip()
        with self._read("chercher un dossier") as conn:
            if not raw:
                return self._recent(conn, limit)
            ref = re.sub(r"\s+", "", raw).upper()
            key = search_key(raw)
            wanted = [_prefix_range(dossiers.c.reference, ref)]
            if key:
                wanted += [_prefix_range(dossiers.c.name_key, key), _prefix_range(dossiers.c.name_key_alt, key)]
            query = (sa.select(*SUMMARY_COLUMNS).where(sa.or_(*wanted))
                     .order_by(sa.case((dossiers.c.reference == ref, 0), else_=1),
                               dossiers.c.name_key, dossiers.c.reference)
                     .limit(limit))
            return [_summary(row) for row in conn.execute(query)]

    def _recent(self, conn: Connection, limit: int | None) -> list[Summary]:
        query = sa.select(*SUMMARY_COLUMNS).order_by(dossiers.c.updated_at.desc(), dossiers.c.reference)
        if limit is not None:
            query = query.limit(limit)
        return [_summary(row) for row in conn.execute(query)]

    def list(self) -> list[Summary]:
        """Every dossier, the last saved first."""
        with self._read("lister les dossiers") as conn:
            return self._recent(conn, None)

    def count(self) -> int:
        with self._read("compter les dossiers") as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(dossiers)).scalar_one()

    def audit(self, reference: str | None) -> list[AuditEntry]:
        """The audit trail of a dossier, oldest first (``None``: the entries
        left by erasures and purges)."""
        column = audit_table.c.reference
        where = column.is_(None) if reference is None else column == normalise_reference(reference)
        with self._read("lire le journal du dossier") as conn:
            rows = conn.execute(sa.select(audit_table).where(where).order_by(audit_table.c.id)).all()
        return [AuditEntry(r.reference, as_utc(r.at), r.who, r.action, r.section) for r in rows]

    # ------------------------------------------------------------------ personal data

    def export(self, reference: str, by: str | None = None) -> str:
        """The dossier as readable JSON with every field (what :meth:`import_`
        reads back). With ``by``, the export is written in the audit trail."""
        from ..dossier.model import dossier_to_json

        stored = self.load(reference)
        reference = stored.dossier.reference
        if by is not None:
            with self._write("noter l'export dans le journal") as conn:
                self._log(conn, reference, by, "export")
        return dossier_to_json(stored.dossier, indent=2) + "\n"

    def import_(self, text: str | bytes, by: str, *, new_reference: bool = False) -> str:
        """Store a dossier exported elsewhere (another site, another machine).
        Returns its reference.

        By default the reference is kept, and a reference already present is
        refused (:class:`DuplicateReference`, nothing replaced). With
        ``new_reference=True`` the dossier gets a fresh reference of the kit
        (the old one is not kept).

        Raises
        ------
        InputError
            The text is not a dossier (the message names the field at fault).
        """
        from ..dossier.model import dossier_from_json, new_reference as make_reference

        dossier = dossier_from_json(text)
        if new_reference:
            for _ in range(20):
                candidate = make_reference(dt.date.today())
                if not self._exists(candidate):
                    break
            dossier = dossier.model_copy(update={"reference": candidate})
        self._insert(dossier, by, ["creation", "import"])
        return dossier.reference

    def _exists(self, reference: str) -> bool:
        with self._read("chercher un dossier") as conn:
            return conn.execute(sa.select(dossiers.c.id).where(dossiers.c.reference == reference)).first() is not None

    def erase(self, reference: str, by: str) -> None:
        """Delete a dossier and its audit entries for good, then wipe the
        freed space (SQLite: ``secure_delete`` and a checkpoint that empties
        the write-ahead log; PostgreSQL: ``VACUUM``). One audit entry without
        reference records who erased a dossier and when.

        Raises
        ------
        DossierNotFound
        """
        reference = normalise_reference(reference)
        with self._write("effacer le dossier") as conn:
            self._row(conn, reference)
            self._delete(conn, [reference])
            self._log(conn, None, by, "effacement")
        self.wipe()

    def purge(self, before: dt.date, by: str) -> list[str]:
        """Erase every dossier with no act since ``before`` (last act or
        creation strictly before that day). Returns their references."""
        with self._write("purger les dossiers anciens") as conn:
            references = list(conn.execute(
                sa.select(dossiers.c.reference).where(dossiers.c.last_act < before)
                .order_by(dossiers.c.reference)).scalars())
            if references:
                self._delete(conn, references)
                self._log(conn, None, by, "purge", [how_many(len(references), "dossier", "dossiers")])
        if references:
            self.wipe()
        return references

    def stale(self, before: dt.date) -> list[Summary]:
        """The dossiers :meth:`purge` would erase (for a confirmation)."""
        with self._read("lister les dossiers anciens") as conn:
            rows = conn.execute(sa.select(*SUMMARY_COLUMNS).where(dossiers.c.last_act < before)
                                .order_by(dossiers.c.reference))
            return [_summary(row) for row in rows]

    @staticmethod
    def _delete(conn: Connection, references: list[str]) -> None:
        for start in range(0, len(references), 500):
            chunk = references[start:start + 500]
            conn.execute(sa.delete(audit_table).where(audit_table.c.reference.in_(chunk)))
            conn.execute(sa.delete(dossiers).where(dossiers.c.reference.in_(chunk)))

    def wipe(self) -> bool:
        """Overwrite what deleted rows left behind. SQLite: checkpoint the
        write-ahead log into the file and truncate it (deleted pages are
        already zeroed by ``secure_delete``); PostgreSQL: ``VACUUM`` the
        tables. Returns False when another connection kept the log busy (the
        wipe then completes at the next checkpoint)."""
        with self._guard("effacer les traces dans la base"):
            if self.backend == "sqlite":
                with self.engine.connect() as conn:
                    busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()[0]
                    return busy == 0
            with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("VACUUM dossiers")
                conn.exec_driver_sql("VACUUM audit")
                conn.exec_driver_sql("VACUUM call_lines")
                conn.exec_driver_sql("VACUUM call_attempts")
            return True

"""Storage faults as French sentences: what happened and what to do.

No SQLAlchemy, sqlite3 or psycopg exception leaves :mod:`counselling.storage`:
:func:`translate` turns each into a :class:`StorageError` whose text can be
shown on a page or printed by the admin command as is.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..errors import CounsellingError

KEPT = "Ce qui a été saisi n'est pas perdu : il reste à l'écran."


class StorageError(CounsellingError):
    """The database could not do what was asked. ``str()`` says what happened
    and what to do, in French."""


class DossierNotFound(StorageError):
    """No dossier with this reference in the database."""

    def __init__(self, reference: str, where: str):
        self.reference = reference
        super().__init__(
            f"Aucun dossier « {reference} » dans la base ({where}). "
            "Vérifiez la référence (l'année, un tiret et cinq caractères, par exemple 2026-K7M3Q) "
            "ou cherchez le dossier par le nom de la personne. Il a peut-être été effacé "
            "ou enregistré sur un autre poste.")


class DuplicateReference(StorageError):
    """A dossier with this reference already exists."""

    def __init__(self, reference: str):
        self.reference = reference
        super().__init__(
            f"Un dossier « {reference} » existe déjà dans cette base : rien n'a été remplacé. "
            "Pour un dossier venu d'une autre structure, importez-le sous une nouvelle référence "
            "(counselling dossiers import --nouvelle-reference FICHIER).")


class ConflictError(StorageError):
    """The dossier was saved by someone else since it was opened.

    Attributes
    ----------
    reference : str
    expected_version : int
        The version the caller opened and modified.
    current_version : int
        The version now stored (load it to see the other counsellor's work).
    updated_at : datetime.datetime
        When the stored version was saved (UTC).
    updated_by : str | None
        Who saved it, from the audit trail.
    """

    def __init__(self, reference: str, expected_version: int, current_version: int,
                 updated_at: dt.datetime, updated_by: str | None):
        self.reference = reference
        self.expected_version = expected_version
        self.current_version = current_version
        self.updated_at = updated_at
        self.updated_by = updated_by
        from .timefmt import clock_fr

        who = f" par {updated_by}" if updated_by else ""
        super().__init__(
            f"Le dossier « {reference} » a été enregistré entre-temps{who} "
            f"({clock_fr(updated_at)}) : vos changements n'ont pas été écrits par-dessus. "
            f"{KEPT} Ouvrez la version enregistrée pour la comparer, puis reportez-y vos changements "
            "et enregistrez à nouveau.")


def _sqlite_code(error: BaseException) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def translate(error: BaseException, action: str, where: str) -> StorageError:
    """A low-level database error turned into the kit's French message.

    Parameters
    ----------
    error : BaseException
        The exception raised by SQLAlchemy, the DB-API driver or the system.
    action : str
        What was being done, in French (« enregistrer le dossier »).
    where : str
        The database named for a person (:func:`~counselling.storage.config.describe`).
    """
    orig = getattr(error, "orig", None) or error
    text = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    low = text.lower()
    code = _sqlite_code(orig)
    head = f"Impossible d'{action}" if action[:1] in "aeiouéè" else f"Impossible de {action}"
    if code == sqlite3.SQLITE_FULL or "disk is full" in low or "no space left" in low \
            or getattr(orig, "sqlstate", None) == "53100":
        return StorageError(
            f"{head} : le disque est plein ({where}). {KEPT} "
            "Libérez de la place sur le disque (ou prévenez la personne qui gère le poste ou le serveur), "
            "puis réessayez.")
    if code == sqlite3.SQLITE_READONLY or "readonly" in low or "read-only" in low:
        return StorageError(
            f"{head} : la base des dossiers est en lecture seule ({where}). {KEPT} "
            "Vérifiez que le compte qui lance le kit peut écrire dans ce fichier et son dossier, "
            "ou indiquez un autre emplacement avec la variable COUNSELLING_DB, puis réessayez.")
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB) or "not a database" in low \
            or "malformed" in low:
        return StorageError(
            f"{head} : le fichier de la base des dossiers est abîmé ({where}). "
            "Ne le supprimez pas et n'écrivez plus dedans : faites-en une copie, restaurez la dernière "
            "sauvegarde (ou indiquez un autre fichier avec COUNSELLING_DB) et prévenez la personne "
            "qui gère le poste.")
    if code == sqlite3.SQLITE_CANTOPEN or "unable to open" in low:
        return StorageError(
            f"{head} : la base des dossiers ne peut pas être ouverte ({where}). "
            "Vérifiez que le dossier qui la contient existe et que le compte qui lance le kit peut y écrire, "
            "ou indiquez un autre emplacement avec COUNSELLING_DB.")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED) or "database is locked" in low:
        return StorageError(
            f"{head} : la base est occupée par un autre poste ou une autre page ({where}). {KEPT} "
            "Réessayez dans un instant.")
    if _is_connection_failure(orig):
        return StorageError(
            f"{head} : le serveur de base de données ne répond pas ({where}). {KEPT} "
            "Vérifiez que le serveur PostgreSQL est démarré et joignable depuis ce poste "
            "(réseau, adresse dans COUNSELLING_DB), puis réessayez ; sinon prévenez la personne qui le gère.")
    if isinstance(orig, OSError):
        return StorageError(
            f"{head} : le système a refusé l'accès à la base ({where} : {orig.strerror or text}). {KEPT} "
            "Vérifiez le disque et les droits du dossier, puis réessayez.")
    return StorageError(
        f"{head} : la base des dossiers a signalé une erreur ({where} : {text}). {KEPT} "
        "Réessayez ; si l'erreur revient, notez ce message et prévenez la personne qui gère le poste.")


def _is_connection_failure(error: BaseException) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover — psycopg is a dependency
        return False
    if isinstance(error, psycopg.OperationalError):
        return True
    return isinstance(error, psycopg.InterfaceError) and "closed" in str(error).lower()

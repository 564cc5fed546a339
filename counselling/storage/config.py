"""Where the dossiers live, who is working, how long dossiers are kept.

Everything here reads the environment, nothing is cached: a test or an admin
command sets ``COUNSELLING_DB`` and the next :class:`~counselling.storage.Store`
uses it.

* ``COUNSELLING_DB``: a file path (SQLite) or a database URL
  (``sqlite:///…``, ``postgresql+psycopg://user@host/base``). Default: the file
  ``dossiers.sqlite3`` in the user's data folder (platformdirs, application
  « counselling-kit »).
* ``COUNSELLING_RETENTION_MONTHS``: how long a dossier with no act is kept
  [mois]. Default: ``tariffs/donnees_personnelles.yaml``
  (``duree_conservation_mois``), with its source.
* ``JUPYTERHUB_USER``: the counsellor's name when the kit runs under JupyterHub;
  else the system user.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from ..dates import months_before
from ..errors import CounsellingError

APP_NAME = "counselling-kit"
DB_FILE_NAME = "dossiers.sqlite3"
RETENTION_KEY = "donnees_personnelles.duree_conservation_mois"


def default_db_path() -> Path:
    """The SQLite file used when ``COUNSELLING_DB`` is not set."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False)) / DB_FILE_NAME


def database_url(value: str | os.PathLike | None = None) -> URL:
    """The database to use: ``value``, else ``$COUNSELLING_DB``, else the
    default SQLite file. A value without ``://`` is a file path."""
    raw = os.fspath(value) if value is not None else os.environ.get("COUNSELLING_DB", "").strip()
    if not raw:
        return URL.create("sqlite+pysqlite", database=str(default_db_path()))
    if "://" not in raw:
        return URL.create("sqlite+pysqlite", database=str(Path(raw).expanduser().resolve()))
    try:
        url = make_url(raw)
    except Exception:  # noqa: BLE001 — any parse failure is a configuration mistake
        raise CounsellingError(
            f"COUNSELLING_DB : « {raw} » n'est ni un chemin de fichier ni une adresse de base lisible. "
            "Attendu : un chemin (/srv/pcb/dossiers.sqlite3) ou une adresse "
            "postgresql+psycopg://utilisateur@serveur/base.") from None
    if url.drivername in ("postgresql", "postgres"):  # no driver named: psycopg 3, shipped with the kit
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise CounsellingError(
            f"COUNSELLING_DB : la base « {url.get_backend_name()} » n'est pas prise en charge. "
            "Attendu : un fichier SQLite ou une adresse postgresql+psycopg://…")
    return url


def describe(url: URL) -> str:
    """The database named for a message: the file, or the server and base
    (never the password)."""
    if url.get_backend_name() == "sqlite":
        return f"fichier {url.database}"
    return f"base « {url.database} » sur le serveur {url.host or 'local'}" + (f":{url.port}" if url.port else "")


def current_user() -> str:
    """The counsellor at work: the JupyterHub user when there is one, else the
    system account."""
    hub = os.environ.get("JUPYTERHUB_USER", "").strip()
    if hub:
        return hub
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "inconnu"


def retention_months(today: dt.date | None = None) -> int:
    """How long a dossier with no act is kept [mois]: ``$COUNSELLING_RETENTION_MONTHS``
    or the default of ``tariffs/donnees_personnelles.yaml``."""
    raw = os.environ.get("COUNSELLING_RETENTION_MONTHS", "").strip()
    if raw:
        if not raw.isdigit() or int(raw) < 1:
            raise CounsellingError(
                f"COUNSELLING_RETENTION_MONTHS : « {raw} » n'est pas une durée. "
                "Attendu : un nombre entier de mois, au moins 1 (par exemple 24).")
        return int(raw)
    from .. import tariffs

    return int(tariffs.get(RETENTION_KEY, today or dt.date.today()).value)


def purge_limit(today: dt.date | None = None) -> dt.date:
    """Dossiers whose last act is before this day are past the retention period."""
    today = today or dt.date.today()
    return months_before(today, retention_months(today))

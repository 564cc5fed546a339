"""Fixtures of the storage tests: the same tests run on SQLite and on a real
PostgreSQL server.

The PostgreSQL fixture starts a throwaway cluster in a temporary folder
(``initdb``, ``pg_ctl``; as a non-root user when the tests run as root),
listening on a unix socket in that folder only, and removes it at the end.
Without the PostgreSQL binaries the PostgreSQL tests are skipped, except under
``CI`` where they fail (``.ci/run`` installs Debian's ``postgresql``).
"""

from __future__ import annotations

import datetime as dt
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from counselling.dossier.model import Consent, Dossier, Identity, new_reference
from counselling.storage import Store

TODAY = dt.date(2026, 11, 30)


# --------------------------------------------------------------------------- PostgreSQL


def pg_bindir() -> Path | None:
    """Folder of ``initdb`` and ``pg_ctl``: Debian's /usr/lib/postgresql/N/bin (newest) or the PATH."""
    for folder in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True):
        if os.access(Path(folder) / "initdb", os.X_OK) and os.access(Path(folder) / "pg_ctl", os.X_OK):
            return Path(folder)
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    return None


def _as_user(user: str | None, command: list[str]) -> list[str]:
    return command if user is None else ["runuser", "-u", user, "--", *command]


class Cluster:
    """A running throwaway PostgreSQL cluster."""

    def __init__(self, bindir: Path, base: Path, user: str | None):
        self.bindir, self.base, self.user = bindir, base, user
        self.data = base / "data"
        self._names = itertools.count(1)

    def run(self, *command: str) -> None:
        done = subprocess.run(_as_user(self.user, [str(self.bindir / command[0]), *command[1:]]),
                              capture_output=True, text=True, timeout=120)
        if done.returncode:
            raise RuntimeError(f"{command[0]} a échoué : {done.stdout}\n{done.stderr}\n"
                               + ((self.base / "log").read_text() if (self.base / "log").exists() else ""))

    def start(self) -> None:
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                 "--locale=C.UTF-8")
        self.start_server()

    def start_server(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-l", str(self.base / "log"), "-w", "-t", "60", "-o",
                 f"-k {self.base} -c listen_addresses='' -p 5432 -c fsync=off -c max_connections=60", "start")

    def stop_server(self) -> None:
        self.run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def stop(self) -> None:
        try:
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@/{database}?host={self.base}&port=5432"

    def new_database(self) -> str:
        import psycopg

        name = f"t{os.getpid()}_{next(self._names)}"
        with psycopg.connect(host=str(self.base), port=5432, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        import psycopg

        with psycopg.connect(host=str(self.base), port=5432, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_cluster():
    bindir = pg_bindir()
    if bindir is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL introuvable (initdb, pg_ctl) alors que CI est défini : "
                        "installez le paquet Debian « postgresql ».")
        pytest.skip("PostgreSQL absent (initdb, pg_ctl) : tests PostgreSQL sautés hors CI")
    base = Path(tempfile.mkdtemp(prefix="cpg", dir="/tmp"))
    user = None
    if os.geteuid() == 0:  # initdb refuses root: the cluster belongs to an unprivileged account
        user = "postgres" if _has_user("postgres") else "nobody"
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    os.chmod(base, 0o700 if user is None else 0o755)
    cluster = Cluster(bindir, base, user)
    try:
        cluster.start()
    except Exception:
        shutil.rmtree(base, ignore_errors=True)
        raise
    yield cluster
    cluster.stop()


def _has_user(name: str) -> bool:
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


@pytest.fixture
def pg_url(pg_cluster):
    name = pg_cluster.new_database()
    yield pg_cluster.url(name)
    pg_cluster.drop_database(name)


# --------------------------------------------------------------------------- both backends


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database: an SQLite file or a PostgreSQL base."""
    if request.param == "sqlite":
        yield str(tmp_path / "dossiers.sqlite3")
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    with Store(db_url) as opened:
        yield opened


# --------------------------------------------------------------------------- dossiers


def make_dossier(nom: str | None = None, prenom: str | None = None, *, created: dt.date = TODAY,
                 reference: str | None = None, site: str | None = "PCB Meaux") -> Dossier:
    """A small valid dossier with consent, optionally named."""
    return Dossier(reference=reference or new_reference(created), site=site, cree_le=created, cree_par="agathe",
                   consentement=Consent(date=created, conservation=True, recueilli_par="agathe"),
                   identite=Identity(nom=nom, prenom=prenom))

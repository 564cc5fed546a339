"""Opening the database: the SQLite file and its settings, or PostgreSQL;
then the schema brought up to date (Alembic ``upgrade head``).

SQLite settings, on every connection: write-ahead log (``journal_mode=WAL``:
pages read while another saves), ``synchronous=NORMAL`` (with WAL: a save
survives a killed process or kernel and the file is never corrupted; a power
cut may lose the last saves before a checkpoint — ``FULL`` would add an fsync
of about 10 ms to every save), ``secure_delete=ON`` (erased text is overwritten, not left in free
pages), foreign keys on, and a wait of up to 30 s for a lock. The file is
created with mode 0600 in a folder of mode 0700; SQLite gives its ``-wal``
and ``-shm`` files the same mode as the database file.

Writes on SQLite start with ``BEGIN IMMEDIATE`` (execution option
``immediate=True``): the write lock is taken before the read, so two
processes saving at once wait for each other instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool

ALEMBIC_DIR = Path(__file__).resolve().parent / "alembic"
SQLITE_PRAGMAS = (
    "PRAGMA busy_timeout=30000",
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA secure_delete=ON",
    "PRAGMA foreign_keys=ON",
)
PG_MIGRATION_LOCK = 764_201_108  # pg_advisory_xact_lock key: one migration at a time


def create_file(path: Path) -> None:
    """Create an empty database file readable by its owner only (0600)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        os.close(fd)


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` (see :func:`counselling.storage.config.database_url`)."""
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    return create_engine(url, pool_pre_ping=True, pool_size=2, max_overflow=4,
                         connect_args={"connect_timeout": 5, "application_name": "counselling-kit"})


def _sqlite_engine(url: URL) -> Engine:
    if url.database and url.database != ":memory:" and not url.database.startswith("file:"):
        create_file(Path(url.database))
    engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False},
                           poolclass=NullPool if url.database in (None, "", ":memory:") else None)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # transactions are begun by the event below
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection):
        immediate = connection.get_execution_options().get("immediate", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def alembic_config(connection=None):
    """Alembic configuration of the kit (no ``alembic.ini``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(ALEMBIC_DIR).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The revision the base is at (None: empty base)."""
    from alembic.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (at start: ``head``), one process at a
    time. A base already at the latest revision is only read (a read-only
    file still opens)."""
    from alembic import command

    if revision == "head" and current_revision(engine) == head_revision():
        return
    with engine.connect().execution_options(immediate=True) as connection:
        with connection.begin():
            if engine.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
            command.upgrade(alembic_config(connection), revision)


def head_revision() -> str:
    """The latest revision shipped with the kit."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()

"""Faults of the database come out as French « what happened, what to do »
messages (StorageError), never a raw SQLAlchemy error; what was typed stays
in the caller's hands."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from counselling.dossier.model import Note
from counselling.errors import CounsellingError
from counselling.storage import StorageError, Store

from .conftest import make_dossier


def _assert_french(error: StorageError, *words: str) -> None:
    text = str(error)
    for word in words:
        assert word in text, text
    assert "sqlalchemy" not in text.lower() and "Traceback" not in text
    assert error.__cause__ is None and error.__suppress_context__


def test_new_file_and_its_log_are_private_and_settings_are_on(tmp_path):
    path = tmp_path / "sous-dossier" / "dossiers.sqlite3"
    with Store(path) as store:
        store.create(make_dossier(), by="agathe")
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE(os.stat(f"{path}{suffix}").st_mode)
            assert mode == 0o600, (suffix, oct(mode))
        with store.engine.connect() as conn:
            pragmas = {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                       for name in ("journal_mode", "secure_delete", "foreign_keys", "synchronous")}
    assert pragmas == {"journal_mode": "wal", "secure_delete": 1, "foreign_keys": 1, "synchronous": 1}


def test_counselling_db_chooses_the_file_or_url(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNSELLING_DB", str(tmp_path / "ici.sqlite3"))
    with Store() as store:
        store.create(make_dossier(), by="agathe")
    assert (tmp_path / "ici.sqlite3").stat().st_size > 0
    monkeypatch.setenv("COUNSELLING_DB", f"sqlite:///{tmp_path / 'url.sqlite3'}")
    with Store() as store:
        assert store.count() == 0
    assert (tmp_path / "url.sqlite3").exists()
    monkeypatch.setenv("COUNSELLING_DB", "mysql://x@y/z")
    with pytest.raises(CounsellingError, match="COUNSELLING_DB"):
        Store()


def test_default_location_is_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("COUNSELLING_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with Store() as store:
        assert store.url.database == str(tmp_path / "data" / "counselling-kit" / "dossiers.sqlite3")
    assert stat.S_IMODE(os.stat(tmp_path / "data" / "counselling-kit").st_mode) == 0o700


def test_read_only_database_refuses_the_save_in_french(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    dossier = make_dossier()
    with Store(path) as store:
        store.create(dossier, by="agathe")
    os.chmod(path, 0o400)
    # root ignores file modes: open the same file through SQLite's read-only mode instead
    target = f"sqlite:///file:{path}?mode=ro&uri=true" if os.geteuid() == 0 else str(path)
    with Store(target) as store:
        assert store.load(dossier.reference).version == 1  # reading still works
        changed = dossier.model_copy(update={"site": "Autre site"})
        with pytest.raises(StorageError) as caught:
            store.save(changed, expected_version=1, by="agathe")
    _assert_french(caught.value, "lecture seule", "pas perdu", "COUNSELLING_DB")
    assert changed.site == "Autre site"


def test_full_disk_refuses_the_save_in_french(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    with Store(path) as store:
        dossier = make_dossier()
        store.create(dossier, by="agathe")
        pages = store.engine.connect().exec_driver_sql("PRAGMA page_count").scalar()

        @event.listens_for(store.engine, "connect")
        def _tiny(dbapi_connection, _record):  # the file may not grow: SQLite reports a full disk
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        store.engine.dispose()
        big = dossier.model_copy(update={"notes": []})
        big.notes.extend(Note(date=dt.datetime(2026, 11, 30), auteur="a", texte=f"{i} " + "x" * 5000)
                         for i in range(40))
        with pytest.raises(StorageError) as caught:
            store.save(big, expected_version=1, by="agathe")
        _assert_french(caught.value, "disque est plein", "Libérez")
        assert store.load(dossier.reference).version == 1


def test_corrupt_file_is_named_with_what_to_do(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    path.write_bytes(b"ceci n'est pas une base SQLite " * 200)
    with pytest.raises(StorageError) as caught:
        Store(path)
    _assert_french(caught.value, "abîmé", "sauvegarde", str(path))


def test_damaged_pages_of_a_real_base_are_reported(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    with Store(path) as store:
        for _ in range(30):
            store.create(make_dossier("Nom"), by="agathe")
        store.wipe()
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data), page):  # every b-tree page after the schema page
        data[offset:offset + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))
    with pytest.raises(StorageError) as caught:
        with Store(path) as store:
            store.list()
    _assert_french(caught.value, "abîmé")


def test_missing_folder_permission_or_bad_path_is_reported(tmp_path):
    blocker = tmp_path / "fichier"
    blocker.write_text("x")
    with pytest.raises(StorageError) as caught:
        Store(blocker / "dessous" / "dossiers.sqlite3")
    _assert_french(caught.value, "Impossible d'ouvrir la base")


def test_postgresql_down_is_reported_in_french(tmp_path):
    url = f"postgresql+psycopg://postgres@/counselling?host={tmp_path}&port=5999"
    with pytest.raises(StorageError) as caught:
        Store(url)
    _assert_french(caught.value, "ne répond pas", "PostgreSQL", "counselling")


def test_postgresql_stopped_after_opening_is_reported_then_recovers(pg_cluster):
    name = pg_cluster.new_database()
    try:
        with Store(pg_cluster.url(name)) as store:
            dossier = make_dossier()
            store.create(dossier, by="agathe")
            pg_cluster.stop_server()
            try:
                changed = dossier.model_copy(update={"site": "Autre"})
                with pytest.raises(StorageError) as caught:
                    store.save(changed, expected_version=1, by="agathe")
                _assert_french(caught.value, "ne répond pas")
            finally:
                pg_cluster.start_server()
            assert store.save(changed, expected_version=1, by="agathe") == 2  # retry after the restart
    finally:
        pg_cluster.drop_database(name)


def test_no_sqlalchemy_error_escapes_any_public_method(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    store = Store(path)
    store.create(make_dossier(), by="agathe")
    with store.engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE audit"))
    with pytest.raises(StorageError):
        store.create(make_dossier(), by="agathe")
    store.close()

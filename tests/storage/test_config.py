"""Configuration of the storage: who works, which base, how long dossiers are kept,
times shown in Paris time."""

from __future__ import annotations

import datetime as dt
import getpass

import pytest

from counselling.errors import CounsellingError
from counselling.storage import current_user, database_url, purge_limit, retention_months, saved_at_text
from counselling.storage.timefmt import clock_fr


def test_current_user_is_the_hub_user_else_the_system_account(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "m.lefevre")
    assert current_user() == "m.lefevre"
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert current_user() == getpass.getuser()


def test_database_url_reads_a_path_or_an_url(monkeypatch, tmp_path):
    monkeypatch.delenv("COUNSELLING_DB", raising=False)
    assert database_url().database.endswith("counselling-kit/dossiers.sqlite3")
    assert database_url(tmp_path / "a.sqlite3").database == str(tmp_path / "a.sqlite3")
    monkeypatch.setenv("COUNSELLING_DB", "postgresql://pcb:secret@serveur/counselling")
    url = database_url()
    assert (url.drivername, url.host, url.database) == ("postgresql+psycopg", "serveur", "counselling")
    from counselling.storage.config import describe
    assert "secret" not in describe(url) and "serveur" in describe(url)


def test_retention_default_comes_from_the_sourced_data_and_can_be_configured(monkeypatch):
    from counselling import tariffs

    monkeypatch.delenv("COUNSELLING_RETENTION_MONTHS", raising=False)
    in_force = tariffs.get("donnees_personnelles.duree_conservation_mois", dt.date(2026, 11, 30))
    assert "CNIL" in in_force.source.title
    assert retention_months(dt.date(2026, 11, 30)) == int(in_force.value)
    assert purge_limit(dt.date(2026, 11, 30)) == dt.date(2026 - int(in_force.value) // 12, 11, 30)
    monkeypatch.setenv("COUNSELLING_RETENTION_MONTHS", "36")
    assert purge_limit(dt.date(2026, 11, 30)) == dt.date(2023, 11, 30)
    for bad in ("0", "-3", "deux ans"):
        monkeypatch.setenv("COUNSELLING_RETENTION_MONTHS", bad)
        with pytest.raises(CounsellingError, match="nombre entier de mois"):
            retention_months()


def test_times_are_shown_in_paris_time():
    winter = dt.datetime(2026, 11, 30, 13, 32, tzinfo=dt.timezone.utc)
    summer = dt.datetime(2026, 7, 1, 7, 5)  # naive, as SQLite returns it: UTC
    assert saved_at_text(winter) == "Enregistré à 14 h 32"
    assert saved_at_text(summer) == "Enregistré à 09 h 05"
    assert clock_fr(winter, today=dt.date(2026, 11, 30)) == "aujourd'hui à 14 h 32"
    assert clock_fr(winter, today=dt.date(2026, 12, 1)) == "le 30/11/2026 à 14 h 32"

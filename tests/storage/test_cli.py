"""The admin command line: ``counselling dossiers list/export/import/erase/purge``,
French help, French errors, the base of COUNSELLING_DB (or --base)."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from counselling.cli import main
from counselling.storage import DossierNotFound, Store

from .conftest import make_dossier

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def base(db_url, monkeypatch):
    monkeypatch.setenv("COUNSELLING_DB", db_url)
    monkeypatch.setenv("JUPYTERHUB_USER", "direction")
    return db_url


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_export_import_erase_round_trip(base, capsys, tmp_path):
    lea, anon = make_dossier("Durand", "Léa"), make_dossier()
    with Store(base) as store:
        store.create(lea, by="agathe")
        store.create(anon, by="agathe")

    code, out, _ = _run(capsys, "dossiers", "list")
    assert code == 0 and lea.reference in out and anon.reference in out and "Léa Durand" in out
    assert "2 dossiers." in out and "(s)" not in out
    code, out, _ = _run(capsys, "dossiers", "list", "durand")
    assert code == 0 and lea.reference in out and anon.reference not in out and "1 dossier." in out

    code, out, _ = _run(capsys, "dossiers", "export", lea.reference)
    assert code == 0 and json.loads(out)["identite"]["nom"] == "Durand"
    target = tmp_path / "lea.json"
    code, out, _ = _run(capsys, "dossiers", "export", lea.reference, "-o", str(target))
    assert code == 0 and str(target) in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    code, out, _ = _run(capsys, "dossiers", "erase", lea.reference, "--oui")
    assert code == 0 and "effacé" in out
    with Store(base) as store:
        with pytest.raises(DossierNotFound):
            store.load(lea.reference)
        assert [e.who for e in store.audit(None)] == ["direction"]

    code, out, _ = _run(capsys, "dossiers", "import", str(target))
    assert code == 0 and lea.reference in out
    code, _, err = _run(capsys, "dossiers", "import", str(target))
    assert code == 1 and err.startswith("Erreur : ") and "existe déjà" in err and "Traceback" not in err
    code, out, _ = _run(capsys, "dossiers", "import", str(target), "--nouvelle-reference")
    assert code == 0
    with Store(base) as store:
        assert [s.name for s in store.find("durand")] == ["Léa Durand", "Léa Durand"]


def test_purge_before_a_date_and_with_the_retention_default(base, capsys, monkeypatch):
    old = make_dossier("Ancien", created=dt.date(2020, 1, 15))
    middle = make_dossier("Moyen", created=dt.date(2024, 6, 1))
    recent = make_dossier("Recent", created=dt.date.today())
    with Store(base) as store:
        for dossier in (old, middle, recent):
            store.create(dossier, by="agathe")

    code, out, _ = _run(capsys, "dossiers", "purge", "--before", "01/01/2021", "--oui")
    assert code == 0 and old.reference in out and "1 dossier effacé :" in out and "(s)" not in out
    code, out, _ = _run(capsys, "dossiers", "purge", "--before", "2021-01-01", "--oui")
    assert code == 0 and "Aucun dossier" in out

    monkeypatch.setenv("COUNSELLING_RETENTION_MONTHS", "12")  # default period, shortened by configuration
    code, out, _ = _run(capsys, "dossiers", "purge", "--oui")
    assert code == 0 and middle.reference in out and recent.reference not in out.split("effacé")[-1]
    with Store(base) as store:
        assert [s.reference for s in store.list()] == [recent.reference]


def test_erase_and_purge_ask_for_confirmation_without_a_terminal(base, capsys, monkeypatch):
    dossier = make_dossier()
    with Store(base) as store:
        store.create(dossier, by="agathe")
    monkeypatch.setattr("sys.stdin", open(os.devnull))
    code, _, err = _run(capsys, "dossiers", "erase", dossier.reference)
    assert code == 1 and "--oui" in err
    with Store(base) as store:
        assert store.count() == 1


def test_errors_are_french_sentences(base, capsys, monkeypatch):
    code, _, err = _run(capsys, "dossiers", "export", "2026-ZZZZZ")
    assert code == 1 and "Aucun dossier « 2026-ZZZZZ »" in err
    code, _, err = _run(capsys, "dossiers", "purge", "--before", "hier", "--oui")
    assert code == 1 and "Date limite (--before)" in err and "JJ/MM/AAAA" in err
    code, _, err = _run(capsys, "dossiers", "import", "/nulle/part.json")
    assert code == 1 and "Impossible de lire le fichier" in err
    monkeypatch.setenv("COUNSELLING_RETENTION_MONTHS", "deux ans")
    code, _, err = _run(capsys, "dossiers", "purge", "--oui")
    assert code == 1 and "COUNSELLING_RETENTION_MONTHS" in err
    with pytest.raises(SystemExit) as exited:
        main(["dossiers", "export"])
    assert exited.value.code == 2
    assert "il manque : REF" in capsys.readouterr().err


def test_help_is_in_french_from_the_installed_command(tmp_path):
    env = {**os.environ, "COUNSELLING_DB": str(tmp_path / "x.sqlite3")}
    for argv in (["--help"], ["dossiers", "--help"], ["dossiers", "purge", "--help"]):
        done = subprocess.run([sys.executable, "-m", "counselling", *argv], capture_output=True, text=True,
                              env=env, cwd=ROOT, check=True)
        assert "Utilisation : counselling" in done.stdout and "afficher cette aide" in done.stdout
        assert "usage:" not in done.stdout and "show this help" not in done.stdout
    script = Path(sys.executable).with_name("counselling")
    if script.exists():  # the console script of pyproject.toml
        done = subprocess.run([str(script), "dossiers", "list"], capture_output=True, text=True, env=env)
        assert done.returncode == 0 and "Aucun dossier" in done.stdout

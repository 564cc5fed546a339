"""Export then erase: no trace of the reference or of the typed name is left
in the bytes of the SQLite files (database, write-ahead log, shared memory)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counselling.dossier.model import Act, Note
from counselling.storage import Store

from .conftest import TODAY, make_dossier

NOM, PRENOM = "Quelconque-Tartempion", "Zéphyrine"


def _traces(path: Path, needles: list[bytes]) -> dict[str, list[bytes]]:
    found = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        file = Path(f"{path}{suffix}")
        if file.exists():
            data = file.read_bytes()
            hits = [n for n in needles if n in data]
            if hits:
                found[file.name] = hits
    return found


def _needles(reference: str) -> list[bytes]:
    words = [reference, NOM, PRENOM, "quelconque tartempion", "zephyrine quelconque", "Rendez-vous secret"]
    return sorted({w.encode("utf-8") for w in words} | {PRENOM.encode("unicode_escape")} | {b"Z\\u00e9phyrine"})


def test_export_then_erase_leaves_no_trace_in_the_files(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    with Store(path) as store:
        neighbours = [make_dossier(f"Voisin{i}", "Paul") for i in range(20)]
        for other in neighbours:
            store.create(other, by="agathe")
        dossier = make_dossier(NOM, PRENOM)
        reference = dossier.reference
        store.create(dossier, by="agathe")
        version = 1
        for i in range(15):  # several saves: old versions in the log and in freed pages
            dossier = dossier.model_copy(deep=True)
            dossier.notes.append(Note(date=dt.datetime(2026, 11, 30, 9, i), auteur="agathe",
                                      texte=f"Rendez-vous secret {i} " + "détail " * 80))
            dossier.actes.append(Act(date=TODAY, type="rendez_vous_pcb", conseiller="agathe"))
            version = store.save(dossier, expected_version=version, by="agathe")
        assert _traces(path, _needles(reference))  # the test sees the data before erasure

        exported = store.export(reference, by="agathe")
        assert PRENOM in exported and reference in exported
        store.erase(reference, by="direction")

        assert _traces(path, _needles(reference)) == {}  # while the store is still open
        assert [s.name for s in store.find("voisin")][:1] == ["Paul Voisin0"]
    assert _traces(path, _needles(reference)) == {}      # and after it is closed
    with Store(path) as store:                           # the rest is intact
        assert store.count() == 20
        assert store.load(neighbours[7].reference).dossier == neighbours[7]


def test_purge_leaves_no_trace_either(tmp_path):
    path = tmp_path / "dossiers.sqlite3"
    with Store(path) as store:
        old = make_dossier(NOM, PRENOM, created=dt.date(2022, 3, 1))
        store.create(old, by="agathe")
        store.create(make_dossier("Recent", "Jean"), by="agathe")
        assert store.purge(dt.date(2024, 11, 30), by="direction") == [old.reference]
    assert _traces(path, _needles(old.reference)) == {}

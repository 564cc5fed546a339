"""The dossier store on SQLite and on a real PostgreSQL server: create, load,
save with versions, conflicts, find, export/import, erase, purge, audit."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings

from counselling.dossier.model import Act, Note, dossier_from_json
from counselling.errors import CounsellingError, InputError
from counselling.storage import (ConflictError, DossierNotFound, DuplicateReference, Store, saved_at_text,
                                 search_key)

from dossier.strategies import dossiers  # tests/dossier (tests/ is on the path)
from .conftest import TODAY, make_dossier


def _with_note(dossier, text):
    copy = dossier.model_copy(deep=True)
    copy.notes.append(Note(date=dt.datetime(2026, 11, 30, 14, 32), auteur="agathe", texte=text))
    return copy


def test_create_then_load_gives_back_the_same_dossier(store):
    dossier = make_dossier("Durand", "Léa")
    assert store.create(dossier, by="agathe") == 1
    stored = store.load(dossier.reference)
    assert stored.dossier == dossier
    assert stored.version == 1
    assert stored.updated_at.tzinfo is not None
    assert stored.updated_at <= dt.datetime.now(dt.timezone.utc)
    assert saved_at_text(stored.updated_at).startswith("Enregistré à ")


def test_a_dossier_without_consent_is_not_stored(store):
    dossier = make_dossier().model_copy(update={"consentement": None})
    with pytest.raises(CounsellingError, match="consentement"):
        store.create(dossier, by="agathe")
    assert store.count() == 0


def test_save_increments_the_version_and_audits_the_sections(store):
    dossier = make_dossier()
    store.create(dossier, by="agathe")
    changed = _with_note(dossier, "Premier rendez-vous")
    assert store.save(changed, expected_version=1, by="bruno") == 2
    changed.actes.append(Act(date=TODAY, type="rendez_vous_pcb", conseiller="bruno"))
    assert store.save(changed, expected_version=2, by="bruno") == 3
    stored = store.load(dossier.reference)
    assert stored.version == 3 and stored.dossier == changed
    trail = [(e.who, e.action, e.section) for e in store.audit(dossier.reference)]
    assert trail == [("agathe", "creation", None), ("bruno", "modification", "notes"),
                     ("bruno", "modification", "actes")]


def test_saving_an_unchanged_dossier_writes_nothing(store):
    dossier = make_dossier()
    store.create(dossier, by="agathe")
    assert store.save(dossier, expected_version=1, by="agathe") == 1
    assert len(store.audit(dossier.reference)) == 1


def test_second_save_from_the_same_version_is_a_conflict_and_loses_nothing(store):
    dossier = make_dossier()
    store.create(dossier, by="agathe")
    mine = _with_note(dossier, "Note d'Agathe")
    theirs = _with_note(dossier, "Note de Bruno")
    assert store.save(theirs, expected_version=1, by="bruno") == 2
    with pytest.raises(ConflictError) as caught:
        store.save(mine, expected_version=1, by="agathe")
    error = caught.value
    assert (error.expected_version, error.current_version, error.updated_by) == (1, 2, "bruno")
    assert "bruno" in str(error) and "pas perdu" in str(error) and "Traceback" not in str(error)
    # the other version is there, and ours is still in our hands to re-apply
    assert store.load(dossier.reference).dossier.notes[0].texte == "Note de Bruno"
    merged = store.load(dossier.reference).dossier.model_copy(deep=True)
    merged.notes.extend(mine.notes)
    assert store.save(merged, expected_version=2, by="agathe") == 3
    assert [n.texte for n in store.load(dossier.reference).dossier.notes] == ["Note de Bruno", "Note d'Agathe"]


def test_missing_reference_is_a_french_message(store):
    with pytest.raises(DossierNotFound, match="Aucun dossier « 2026-ZZZZZ »"):
        store.load("2026-ZZZZZ")
    with pytest.raises(DossierNotFound):
        store.save(make_dossier(reference="2026-ZZZZZ"), expected_version=1, by="agathe")
    with pytest.raises(DossierNotFound):
        store.erase("2026-ZZZZZ", by="agathe")


def test_reference_typed_in_lower_case_or_with_spaces_is_found(store):
    dossier = make_dossier()
    store.create(dossier, by="agathe")
    typed = f" {dossier.reference.lower()} "
    assert store.load(typed).dossier == dossier
    assert json.loads(store.export(typed, by="agathe"))["reference"] == dossier.reference
    assert len(store.audit(typed)) == 2
    store.erase(typed, by="agathe")
    assert store.count() == 0


def test_same_reference_twice_is_refused(store):
    dossier = make_dossier()
    store.create(dossier, by="agathe")
    with pytest.raises(DuplicateReference, match="existe déjà"):
        store.create(make_dossier("Autre", reference=dossier.reference), by="agathe")
    assert store.load(dossier.reference).dossier.identite.nom is None


def test_find_by_reference_prefix_or_name_without_accents(store):
    lea = make_dossier("Durand-Noël", "Léa")
    marc = make_dossier("Dupont", "Marc")
    anon = make_dossier()
    for d in (lea, marc, anon):
        store.create(d, by="agathe")
    assert [s.reference for s in store.find(anon.reference)] == [anon.reference]
    assert anon.reference in [s.reference for s in store.find(anon.reference[:7].lower())]
    assert [s.name for s in store.find("durand noel")] == ["Léa Durand-Noël"]
    assert [s.name for s in store.find("LEA")] == ["Léa Durand-Noël"]
    assert [s.name for s in store.find("du")] == ["Marc Dupont", "Léa Durand-Noël"]
    assert store.find("dupond") == []
    assert store.find("%") == [] and store.find("_") == []
    assert len(store.find("", limit=2)) == 2
    assert {s.reference for s in store.list()} == {lea.reference, marc.reference, anon.reference}


def test_control_characters_are_kept_in_the_dossier_and_left_out_of_the_columns(store):
    dossier = make_dossier("Nul\x00Part", "Tab\tulé", site="Site\x00A")
    store.create(dossier, by="agathe")  # PostgreSQL refuses NUL in a text column
    assert store.load(dossier.reference).dossier == dossier
    assert [s.name for s in store.find("nul")] == ["Tabulé NulPart"]
    assert store.find("nul")[0].site == "SiteA"


def test_search_key_folds_case_accents_and_punctuation():
    assert search_key("  Évelyne  D'Arcy-Noël ") == "evelyne d arcy noel"
    assert search_key("ŒUVRE Straße") == "oeuvre strasse"
    assert search_key(None) == ""


def test_export_is_readable_json_with_every_field_and_imports_back(store, tmp_path):
    dossier = make_dossier("Martin", "Inès")
    store.create(dossier, by="agathe")
    text = store.export(dossier.reference, by="agathe")
    document = json.loads(text)
    assert document["identite"]["prenom"] == "Inès" and "Inès" in text  # accents kept, not escaped
    assert set(document) == set(type(dossier).model_fields)
    assert "\n  " in text  # indented
    assert dossier_from_json(text) == dossier
    assert store.audit(dossier.reference)[-1].action == "export"

    with Store(tmp_path / "autre-site.sqlite3") as other:
        assert other.import_(text, by="chloe") == dossier.reference
        assert other.load(dossier.reference).dossier == dossier
        with pytest.raises(DuplicateReference):
            other.import_(text, by="chloe")
        renamed = other.import_(text, by="chloe", new_reference=True)
        assert renamed != dossier.reference
        assert other.load(renamed).dossier.identite.nom == "Martin"
        assert [e.action for e in other.audit(renamed)] == ["creation", "import"]


def test_import_of_something_else_names_the_problem(store):
    with pytest.raises(InputError, match="JSON"):
        store.import_("pas du json", by="agathe")
    with pytest.raises(InputError):
        store.import_(json.dumps({"reference": "x"}), by="agathe")
    assert store.count() == 0


def test_erase_removes_the_dossier_and_its_audit_and_leaves_an_anonymous_entry(store):
    keep, gone = make_dossier("Garde"), make_dossier("Efface")
    store.create(keep, by="agathe")
    store.create(gone, by="agathe")
    store.erase(gone.reference, by="direction")
    with pytest.raises(DossierNotFound):
        store.load(gone.reference)
    assert store.audit(gone.reference) == []
    assert [(e.who, e.action, e.reference) for e in store.audit(None)] == [("direction", "effacement", None)]
    assert store.find("efface") == []
    assert store.load(keep.reference).version == 1


def test_purge_erases_dossiers_without_act_since_the_date(store):
    old = make_dossier("Ancien", created=dt.date(2023, 5, 2))
    followed = make_dossier("Suivi", created=dt.date(2023, 5, 2))
    recent = make_dossier("Recent", created=dt.date(2025, 1, 10))
    for d in (old, followed, recent):
        store.create(d, by="agathe")
    followed = store.load(followed.reference).dossier.model_copy(deep=True)
    followed.actes.append(Act(date=dt.date(2025, 6, 1), type="rendez_vous_pcb", conseiller="agathe"))
    store.save(followed, expected_version=1, by="agathe")

    limit = dt.date(2024, 11, 30)
    assert [s.reference for s in store.stale(limit)] == [old.reference]
    assert store.purge(limit, by="direction") == [old.reference]
    assert {s.reference for s in store.list()} == {followed.reference, recent.reference}
    assert store.purge(limit, by="direction") == []
    assert store.purge(dt.date(2025, 1, 10), by="direction") == []  # the day itself is kept
    assert store.purge(dt.date(2025, 1, 11), by="direction") == [recent.reference]
    assert [e.section for e in store.audit(None)] == ["1 dossier", "1 dossier"]


@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(dossier=dossiers())
def test_any_dossier_comes_back_identical_from_the_base_and_from_its_export(store, dossier):
    store.create(dossier, by="agathe")
    assert store.load(dossier.reference).dossier == dossier
    exported = store.export(dossier.reference)
    store.erase(dossier.reference, by="agathe")
    assert store.import_(exported, by="agathe") == dossier.reference
    assert store.load(dossier.reference).dossier == dossier

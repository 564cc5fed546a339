"""CSV import with bad lines (refused with number and reason, the rest
imported, nothing counted twice) and recording from a dossier page (dossier
history and activity record in one transaction)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa

from counselling.activity import ActivityAct, activity_report, import_activity, record_act
from counselling.dossier.model import Act, Consent, Dossier, new_reference
from counselling.errors import InputError
from counselling.storage import ConflictError
from counselling.storage.schema import activity_acts

from .conftest import TODAY

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "activite" / "journal_autre_outil.csv"
MONTH = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))


def test_import_refuses_bad_lines_and_counts_nothing_twice(store):
    report = import_activity(store, SAMPLE, today=TODAY)
    reasons = {r.ligne: r.motif for r in report.refused}
    assert report.imported == 5  # lines 2, 3, 4, 9, 10
    assert sorted(reasons) == [5, 6, 7, 8, 11, 12, 13, 14, 15]
    assert "permanence_telephone" in reasons[5] and "type d'acte connu" in reasons[5]
    assert "trop tard" in reasons[6] and "trop tôt" in reasons[7]
    assert "doublon de la ligne 2" in reasons[8]
    assert "gagne_au_loto" in reasons[11]
    assert "Conseiller" in reasons[12]
    assert "participants" in reasons[13]
    assert "Dossier" in reasons[14]  # a name instead of a pseudonymous reference
    assert "31/02/2026" in reasons[15]
    assert report.text().startswith("5 actes importés, 9 lignes refusées.\nLigne 5")
    figures = activity_report(store, *MONTH)
    assert figures.totals["actes"] == 5 and figures.totals["participants"] == 12
    assert figures.totals["tentatives"] == 2 and figures.totals["joints"] == 1
    again = import_activity(store, SAMPLE, today=TODAY)
    assert again.imported == 0 and again.text().startswith("0 acte importé, 14 lignes refusées.")
    assert {r.ligne for r in again.refused} == {2, 3, 4, 9, 10} | set(reasons)
    assert activity_report(store, *MONTH).totals == figures.totals


def test_import_without_a_required_column_names_it():
    from counselling.imports.activite import read_activity_csv

    import io

    with pytest.raises(InputError, match="Conseiller"):
        read_activity_csv(io.StringIO("date;site;type\n01/11/2026;X;accueil_general\n"), TODAY)


def _dossier() -> Dossier:
    return Dossier(reference=new_reference(TODAY), site="PCB Meaux", cree_le=TODAY, cree_par="agathe",
                   consentement=Consent(date=TODAY, conservation=True, recueilli_par="agathe"))


def test_record_from_a_dossier_page_writes_both_once(store):
    dossier = _dossier()
    version = store.create(dossier, by="agathe")
    act = Act(date=TODAY, type="rendez-vous", conseiller="agathe", motifs=["impaye_energie"],
              resultats=["echeancier", "demande_fsl"], partenaire="Fournisseur A")
    done = record_act(store, act, dossier, version, by="agathe")
    assert done.new and done.version == version + 1
    assert store.load(dossier.reference).dossier.actes[0].type == "rendez_vous_pcb"
    again = record_act(store, act, dossier, done.version, by="agathe")  # a second click
    assert not again.new
    figures = activity_report(store, *MONTH)
    assert figures.totals["actes"] == 1 and figures.totals["dossiers"] == 1
    assert figures.outcomes["echeancier"] == 1 and figures.by_partner.index.tolist() == ["Fournisseur A"]
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(activity_acts.c.dossier_ref)).scalar_one() == dossier.reference


def test_a_conflict_records_nothing(store):
    dossier = _dossier()
    version = store.create(dossier, by="agathe")
    other = store.load(dossier.reference).dossier
    other.notes = []
    store.save(other.model_copy(update={"site": "PCB Lagny"}), expected_version=version, by="bruno")
    act = Act(date=TODAY, type="accueil_general", conseiller="agathe")
    with pytest.raises(ConflictError):
        record_act(store, act, dossier, version, by="agathe")
    assert activity_report(store, *MONTH).totals["actes"] == 0


def test_anonymous_desk_visit_and_unknown_codes(store):
    visit = ActivityAct(day=TODAY, site="PIMMS Meaux", counsellor="lina", kind="accueil_general",
                        reasons=["Chèque énergie"], outcomes=["information_tarifs_sociaux"])
    assert visit.reasons == ("cheque_energie",)
    first = record_act(store, visit, key="form-1")
    assert first.new and not record_act(store, visit, key="form-1").new
    assert activity_report(store, *MONTH).totals["anonymes"] == 1
    with pytest.raises(ValueError, match="type d'acte connu"):
        Act(date=TODAY, type="pause café", conseiller="lina")
    with pytest.raises(ValueError, match="participants"):
        ActivityAct(day=TODAY, site="X", counsellor="lina", kind="atelier_collectif")

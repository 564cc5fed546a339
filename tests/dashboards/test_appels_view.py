"""The « Liste d'appels » view driven through its widgets (real database)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from counselling.dashboards.appels import CallsView
from counselling.storage import Store

CSV = Path(__file__).resolve().parents[1] / "data" / "listings" / "appels_semaine_47.csv"


def test_listing_to_call_list_attempt_and_files(tmp_path):
    with Store(tmp_path / "a.sqlite3") as store:
        view = CallsView(store, today=dt.date(2026, 11, 24))
        view.partner.value, view.site.value = "Fournisseur A", "PIMMS Meaux"
        view.listing.upload.value = ({"name": CSV.name, "content": CSV.read_bytes(), "type": "text/csv",
                                      "size": CSV.stat().st_size,
                                      "last_modified": dt.datetime(2026, 11, 24, tzinfo=dt.timezone.utc)},)
        view.listing.mapping["reference"].value = "N° client"
        view.listing.mapping["departement"].value = "Dépt"
        view.listing.mapping["nom"].value = "Nom"
        view.listing.mapping["telephone"].value = "Tél."
        view.listing.mapping["personnes"].value = "Nb pers"
        view.listing.mapping["rfr"].value = "RFR 2024"
        view.listing.run.click()
        assert view.listing.screened is not None, view.listing.errors.message.value
        view.add.click()
        assert "4 nouveaux clients" in view.merged.value, view.errors.message.value
        assert "EL-200001" in view.table.value
        view.line.value = view.line.options[3][1]
        view.result.value = "faux_numero"
        view.day.value = "31/11/2026"  # typed wrong: named, kept, nothing recorded
        view.note.click()
        assert "Date" in view.errors.message.value and view.day.value == "31/11/2026"
        assert "Numéro faux" not in view.table.value
        view.day.value = "25/11/2026"
        view.note.click()
        assert "Numéro faux ou non attribué" in view.table.value
        assert "numeros_errones.csv" in view.files.value and "retour_partenaire.csv" in view.files.value
        view.outcome.value = "rendez_vous"
        view.close.click()
        assert "Dossier ouvert" in view.errors.message.value  # no dossier reference given


def test_the_activity_report_reads_its_period_typed_french_style(tmp_path):
    from counselling.dashboards.activite import ActivityView

    with Store(tmp_path / "a.sqlite3") as store:
        view = ActivityView(store, today=dt.date(2026, 11, 30))
        assert view.start.value == "01/01/2026" and view.end.value == "30/11/2026"
        view.start.value = ""
        view.button.click()
        assert "Du" in view.errors.message.value and "aucune date" in view.errors.message.value
        view.start.value = "15/12/2026"
        view.button.click()
        assert "la fin précède le début" in view.errors.message.value
        view.start.value = "01/03/2026"
        view.button.click()
        assert "du 1er mars 2026 au 30 novembre 2026" in view.summary.value, view.errors.message.value

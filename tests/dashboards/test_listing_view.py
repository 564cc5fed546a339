"""The « Listing partenaire » view driven in process (no browser)."""

from __future__ import annotations

import re

import base64
import datetime as dt
from pathlib import Path

from counselling.dashboards.listing import NONE, ListingView

CSV = Path(__file__).resolve().parents[1] / "data" / "listings" / "fournisseur_semaine_47.csv"
MAPPING = {"reference": "N° client", "nom": "Nom", "departement": "Dépt", "personnes": "Nb pers",
           "rfr": "RFR 2024", "ressources_mensuelles": "Ressources mensuelles", "dette": "Dette TTC"}


def uploaded(view: ListingView, path: Path = CSV) -> None:
    view.upload.value = ({"name": path.name, "type": "text/csv", "size": path.stat().st_size,
                          "content": memoryview(path.read_bytes()),
                          "last_modified": dt.datetime(2026, 11, 20)},)


def test_upload_map_analyse_report_table_and_download():
    view = ListingView(dt.date(2026, 11, 23))
    uploaded(view)
    assert "Nb pers" in view.mapping["personnes"].options
    assert view.mapping["nom"].value == "Nom" and view.mapping["commune"].value == "Commune"  # guessed
    for field, column in MAPPING.items():
        view.mapping[field].value = column
    view.run.click()
    assert view.errors.children == ()
    assert "13 ligne(s) lue(s)" in view.summary.value and "5 avec erreur(s)" in view.summary.value
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in view.bad_rows.value.split("<tr>")]
    assert any(cells[:2] == ["8", "Revenu fiscal de référence"] for cells in rows)
    assert "douze mille" in view.bad_rows.value
    assert "EL-100231" in view.table.value
    assert (view.progress.value, view.progress.max) == (13, 13)
    payload = view.download.value.split("base64,")[1].split('"')[0]
    text = base64.b64decode(payload).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("ligne;reference") and "EL-100231" in text


def test_missing_required_column_names_it_and_keeps_the_mapping():
    view = ListingView(dt.date(2026, 11, 23))
    uploaded(view)
    view.mapping["reference"].value = "N° client"
    view.mapping["personnes"].value = "Nb pers"
    view.mapping["commune"].value = NONE  # guessed; without it nothing gives the territory
    assert view.mapping["departement"].value == NONE
    view.run.click()
    message = view.errors.message.value
    assert "Traceback" not in message and "Département" in message
    assert view.mapping["reference"].value == "N° client"
    assert view.mapping["departement"].value == NONE
    assert view.result_box.layout.display == "none"


def test_analyse_without_file_says_so():
    view = ListingView(dt.date(2026, 11, 23))
    view.run.click()
    assert "aucun fichier" in view.errors.message.value

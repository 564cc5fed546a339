"""The « Listing partenaire » view driven in process (no browser)."""

from __future__ import annotations

import re

import base64
import datetime as dt
from pathlib import Path

import pytest

from counselling.dashboards.listing import NONE, ListingView

CSV = Path(__file__).resolve().parents[1] / "data" / "listings" / "fournisseur_semaine_47.csv"
MAPPING = {"reference": "N° client", "nom": "Nom", "departement": "Dépt", "personnes": "Nb pers",
           "rfr": "RFR 2024", "ressources_mensuelles": "Ressources mensuelles", "dette": "Dette TTC"}


@pytest.fixture(autouse=True)
def own_config_folder(tmp_path, monkeypatch):
    """Each test starts with no remembered mapping."""
    monkeypatch.setenv("COUNSELLING_CONFIG_DIR", str(tmp_path / "config"))


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
    assert "13 lignes lues" in view.summary.value and "5 avec erreurs" in view.summary.value
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in view.bad_rows.value.split("<tr>")]
    assert any(cells[:2] == ["8", "Revenu fiscal de référence"] for cells in rows)
    assert "douze mille" in view.bad_rows.value
    assert "EL-100231" in view.table.value
    assert (view.progress.value, view.progress.max) == (13, 13)
    assert view.progress_text.value.startswith("13 / 13 lignes — ")
    payload = view.download.value.split("base64,")[1].split('"')[0]
    text = base64.b64decode(payload).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Ligne du fichier;Référence") and "EL-100231" in text


def test_missing_required_column_names_it_and_keeps_the_mapping():
    view = ListingView(dt.date(2026, 11, 23))
    uploaded(view)
    view.mapping["reference"].value = "N° client"
    view.mapping["personnes"].value = "Nb pers"
    assert view.mapping["departement"].value == "Dépt"  # guessed from the header
    view.mapping["departement"].value = NONE
    view.mapping["commune"].value = NONE  # guessed; without it nothing gives the territory
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


def test_download_neutralises_formulas_typed_in_the_partner_file(tmp_path):
    path = tmp_path / "injection.csv"
    path.write_text("N° client;Nom;Dépt;Nb pers\nA1;=HYPERLINK(\"http://x.example\");77;2\n"
                    "A2;@SUM(1+1);77;1\nA3;-2+3;77;1\n", encoding="utf-8")
    view = ListingView(dt.date(2026, 11, 23))
    uploaded(view, path)
    for field, column in {"reference": "N° client", "nom": "Nom", "departement": "Dépt",
                          "personnes": "Nb pers"}.items():
        view.mapping[field].value = column
    view.run.click()
    payload = view.download.value.split("base64,")[1].split('"')[0]
    text = base64.b64decode(payload).decode("utf-8-sig")
    header = text.splitlines()[0].split(";")
    cells = [line.split(";")[header.index("Nom")] for line in text.splitlines()[1:]]
    assert cells == ['"\'=HYPERLINK(""http://x.example"")"', "'@SUM(1+1)", "'-2+3"]


def test_a_big_export_is_offered_as_a_file_not_an_in_page_link(tmp_path, monkeypatch):
    from counselling.dashboards.listing import DOWNLOAD_FOLDER, MAX_INLINE_BYTES

    monkeypatch.chdir(tmp_path)
    view = ListingView(dt.date(2026, 11, 23))
    link = view._download(b"x" * (MAX_INLINE_BYTES + 1), "listing_analyse.csv", "Télécharger")
    assert "data:" not in link and f"../files/{DOWNLOAD_FOLDER}/" in link
    saved = list((tmp_path / DOWNLOAD_FOLDER).iterdir())
    assert len(saved) == 1 and saved[0].stat().st_size == MAX_INLINE_BYTES + 1
    assert "trop gros pour la page" in link


def test_a_choice_changed_after_the_analysis_marks_the_figures_outdated():
    from counselling.dashboards.kit import STALE

    view = ListingView(dt.date(2026, 11, 23))
    view.summary_box.layout.display = None
    view.year.value = view.year.options[-1]
    assert STALE in view.summary_box._dom_classes and STALE in view.result_box._dom_classes
    view.date.value = "01/12/2026"
    assert STALE in view.summary_box._dom_classes


def test_next_weeks_file_from_the_same_partner_is_mapped_the_same_way(tmp_path):
    view = ListingView(dt.date(2026, 11, 23))
    uploaded(view)
    view.mapping["commune"].value = NONE  # the counsellor's choices differ from the guess
    view.mapping["rfr"].value = NONE
    view.run.click()
    assert view.errors.children == ()
    week_48 = tmp_path / "fournisseur_semaine_48.csv"
    week_48.write_bytes(CSV.read_bytes())
    later = ListingView(dt.date(2026, 11, 30))  # another day, another page
    uploaded(later, week_48)
    chosen = {field: d.value for field, d in later.mapping.items() if d.value != NONE}
    assert chosen == view.used_mapping
    assert "reprise de la dernière analyse" in later.file_info.value
    assert (tmp_path / "config" / "correspondances_listings.json").exists()


def test_a_realistic_supplier_file_is_mapped_screened_and_shows_the_unpaid_bill_step():
    edf = CSV.parent / "edf_solidarite.csv"
    view = ListingView(dt.date(2026, 11, 30))
    uploaded(view, edf)
    assert view.mapping["date_premiere_relance"].value == "Date relance"  # guessed
    view.run.click()
    assert view.errors.children == ()
    assert "Étape de l&#x27;impayé" in view.table.value or "Étape de l'impayé" in view.table.value
    assert "réduction de puissance possible" in view.table.value  # relance of 15/10/2026, seen on 30/11
    assert 'download="listing_analyse.xlsx"' in view.download.value
    # BERNARD (69M) has neither resources nor composition: the page says what to ask
    assert "information manquante : à demander : ressources mensuelles, nombre d&#x27;adultes" in \
        view.table.value.replace("'", "&#x27;")

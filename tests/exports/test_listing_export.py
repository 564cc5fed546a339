"""The screened listing written for people: read back the CSV and the xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest

from counselling.calculators.screening import screen
from counselling.exports.listing import listing_csv, listing_xlsx
from counselling.imports.listing import guess_mapping, read_columns, read_listing

DATA = Path(__file__).resolve().parents[1] / "data" / "listings"
EDF = DATA / "edf_solidarite.csv"
FOURNISSEUR = DATA / "fournisseur_semaine_47.csv"


def screened(path: Path):
    listing = read_listing(path, guess_mapping(read_columns(path)))
    return screen(listing.frame, year=2026, on=dt.date(2026, 11, 30))


@pytest.fixture(scope="module")
def edf():
    return screened(EDF)


def csv_rows(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode("utf-8"))  # BOM: Excel reads the accents
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_csv_has_french_headers_words_and_amounts(edf):
    rows = csv_rows(listing_csv(edf))
    first = rows[0]
    assert first["Référence"] == "EDF-5501" and first["Nom"] == "LEROY"
    assert first["Personnes au foyer"] == "2"  # not « 2,0 »
    assert first["Revenu fiscal de référence (€)"] == "9\u00a0850,00"
    assert first["Dette (€)"] == "1\u00a0250,00"
    assert first["Ligne lisible"] == "oui" and first["Référence en doublon"] == "non"
    assert first["Éligible au chèque énergie"] == "oui"
    assert first["Chèque énergie probable (€/an)"] == str(int(edf["cheque_montant"].iloc[0]))
    assert first["Date de la première relance"] == "02/11/2026"
    assert first["Étape de l'impayé"] == edf["procedure_impayes_etape"].iloc[0]
    assert first["FSL"].startswith("information manquante")
    assert rows[1]["FSL"] == ("information manquante : à demander : ressources mensuelles, nombre d'adultes, "
                              "nombre d'enfants")
    text = listing_csv(edf).decode("utf-8-sig")
    for machine in ("True", "False", "information_manquante", "a_verifier", "nan", "<NA>"):
        assert machine not in text
    assert "Quotient familial ou social (€/mois)" not in first  # a column the partner's file did not have


def test_whole_numbers_and_big_amounts_on_the_deliberately_bad_file():
    rows = csv_rows(listing_csv(screened(FOURNISSEUR)))
    by_line = {r["Ligne du fichier"]: r for r in rows}
    assert by_line["2"]["Revenu fiscal de référence (€)"] == "9\u00a0850,00"  # not « 9850,0 »
    assert by_line["3"]["Personnes au foyer"] == "3" and by_line["3"]["Enfants à charge"] == "2"
    assert by_line["8"]["Ligne lisible"] == "non" and "douze mille" in by_line["8"]["Erreurs dans le fichier"]
    assert by_line["3"]["Référence en doublon"] == "oui"


def test_xlsx_keeps_numbers_as_numbers_with_french_words(edf):
    book = openpyxl.load_workbook(io.BytesIO(listing_xlsx(edf)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, sheet[2]))
    assert row["Dette (€)"].value == 1250 and row["Dette (€)"].number_format == "#,##0.00"
    assert row["Personnes au foyer"].value == 2 and isinstance(row["Personnes au foyer"].value, int)
    assert row["Ligne lisible"].value == "oui"
    assert row["Date de la première relance"].value.date() == dt.date(2026, 11, 2)
    assert row["Date de la première relance"].number_format == "DD/MM/YYYY"
    assert row["FSL"].value.startswith("information manquante")
    assert header == next(csv.reader(io.StringIO(listing_csv(edf).decode("utf-8-sig")), delimiter=";"))


def test_formulas_typed_by_the_partner_stay_text_in_both_files(tmp_path):
    path = tmp_path / "injection.csv"
    path.write_text("N° client;Nom;CP;Nb personnes\nA1;=HYPERLINK(\"http://x.example\");77000;2\n",
                    encoding="utf-8")
    frame = screened(path)
    assert csv_rows(listing_csv(frame))[0]["Nom"].startswith("'=")
    sheet = openpyxl.load_workbook(io.BytesIO(listing_xlsx(frame))).active
    header = [c.value for c in sheet[1]]
    assert sheet.cell(row=2, column=header.index("Nom") + 1).value.startswith("'=")

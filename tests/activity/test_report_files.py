"""The report command: CSV (formulas neutralised), Excel opened with
openpyxl, PDF read back; the command's errors in French."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from pypdf import PdfReader

from counselling.activity import ActivityAct, record_acts
from counselling.cli import main
from counselling.storage import Store

ACTS = [("a1", ActivityAct(day=dt.date(2026, 3, 2), site="PIMMS Meaux", counsellor="lina", kind="accueil_partenaire",
                           partner="=HYPERLINK(\"http://x\")", reasons=["impaye_energie"],
                           outcomes=["maintien_energie", "information_tarifs_sociaux"], dossier_ref="2026-K7M3Q")),
        ("a2", ActivityAct(day=dt.date(2026, 3, 9), site="PIMMS Meaux", counsellor="lina", kind="atelier_collectif",
                           reasons=["maitrise_energie"], outcomes=["sensibilisation_energie"], participants=14)),
        ("a3", ActivityAct(day=dt.date(2026, 4, 1), site="PIMMS Lagny", counsellor="yanis",
                           kind="mediation_sortante", partner="Fournisseur A", reached=True))]


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "a.sqlite3"
    with Store(path) as store:
        record_acts(store, ACTS)
    return str(path)


def test_xlsx_opens_with_openpyxl_and_neutralises_formulas(db, tmp_path):
    out = tmp_path / "bilan.xlsx"
    assert main(["report", "--db", db, "--from", "01/01/2026", "--to", "31/12/2026", "--format", "xlsx",
                 "--output", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[:3] == ["Synthèse", "Par mois", "Par site"]
    summary = {row[0]: row[1] for row in book["Synthèse"].iter_rows(min_row=2, values_only=True)}
    assert summary["Actes"] == 3 and summary["Participants aux ateliers"] == 14
    assert summary["Personnes reçues (dossiers distincts + passages anonymes)"] == 2
    partners = [row[0] for row in book["Par partenaire"].iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in partners
    assert all(cell.data_type != "f" for sheet in book for row in sheet.iter_rows() for cell in row)
    months = [row[0] for row in book["Par mois"].iter_rows(min_row=2, values_only=True)]
    assert len(months) == 12 and months[2] == "mars 2026"


def test_csv_and_pdf(db, tmp_path, capsys):
    out = tmp_path / "bilan.csv"
    assert main(["report", "--db", db, "--from", "2026-03-01", "--to", "2026-03-31", "--site", "PIMMS Meaux",
                 "--output", str(out)]) == 0
    text = out.read_bytes().decode("utf-8-sig")
    assert "Synthèse" in text and "Actes;2" in text and "'=HYPERLINK" in text
    printed = capsys.readouterr().out.replace("\u202f", " ")
    assert "1 maintien dans l'énergie" in printed
    assert "au 31 mars 2026 : 2 actes, " in printed and "(s)" not in printed
    pdf = tmp_path / "bilan.pdf"
    assert main(["report", "--db", db, "--from", "2026-01-01", "--to", "2026-12-31", "--partner", "Fournisseur A",
                 "--format", "pdf", "--output", str(pdf)]) == 0
    content = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    assert "Bilan d'activité" in content and "Fournisseur A" in content
    assert "Médiation sortante : taux de contact" in content and "100,0 %" in content


def test_bad_dates_are_refused_in_french(db, capsys):
    assert main(["report", "--db", db, "--from", "2026-13-01", "--to", "2026-12-31"]) == 1
    assert "Début de la période" in capsys.readouterr().err


def test_pdf_of_a_network_year_stays_on_the_page(tmp_path):
    from documents.pdfcheck import check

    from counselling.activity import activity_report
    from counselling.activity.synthetic import bulk_load, generate
    from counselling.documents.activite import activity_document

    with Store(tmp_path / "n.sqlite3") as store:
        bulk_load(store, generate(3000, dt.date(2025, 1, 1), dt.date(2025, 12, 31), sites=12, partners=3, seed=5))
        report = activity_report(store, "2025-01-01", "2025-12-31")
    text = check(activity_document(report, on=dt.date(2026, 1, 15)).pdf(), "bilan_activite_reseau")
    assert "Site 12" in text and "Partenaire 3" in text and "maintiens dans l" in text

"""GRDF / Gazpar reader: our sample files (assumed headers), checks, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from counselling.calculators.consumption import consumption_from_readings
from counselling.imports import FileImportError
from counselling.imports.grdf import read_grdf

DATA = Path(__file__).resolve().parents[1] / "data" / "grdf"


def test_monthly_file_is_exact_and_consistent():
    export = read_grdf(DATA / "gazpar_mensuel.csv")
    data = export.data
    assert len(data) == 12 and export.anomalies == []
    assert data["debut"].iloc[0] == dt.date(2025, 1, 1) and data["fin"].iloc[-1] == dt.date(2026, 1, 1)
    assert sum(data["jours"]) == 365
    assert export.total_m3() == data["index_fin"].iloc[-1] - data["index_debut"].iloc[0]
    for row in data.itertuples():
        assert row.volume_m3 == row.index_fin - row.index_debut
        assert abs(row.volume_m3 * row.coefficient - row.energie_kwh) <= 1
        assert isinstance(row.coefficient, Decimal)
    assert set(data["qualification"]) == {"Mesuré", "Estimé"}


def test_readings_feed_the_consumption_calculator():
    export = read_grdf(DATA / "gazpar_mensuel.csv")
    readings = export.readings()
    assert len(readings) == 13
    result = consumption_from_readings(readings, energie="gaz", unite="m3", coefficient_conversion="11,2")
    assert result["consommation_totale"] == export.total_m3()
    assert result["jours_mesures"] == 365


def test_anomalies_are_listed_not_corrected():
    export = read_grdf(DATA / "gazpar_anomalies.csv")
    text = "\n".join(export.anomalies)
    assert "Ligne 4 : énergie 1\u202f500 kWh" in text or "Ligne 4 : énergie 1500 kWh" in text
    assert "Ligne 5 : l'index de début" in text and "période manquante" in text
    assert export.data["energie_kwh"].iloc[2] == 1500


def test_daily_excel_workbook():
    export = read_grdf(DATA / "gazpar_journalier.xlsx")
    data = export.data
    assert len(data) == 14 and (data["jours"] == 1).all()
    assert data["debut"].iloc[0] == dt.date(2026, 1, 5)
    assert export.total_kwh() > 0 and export.anomalies == []


def test_semicolon_and_comma_separated_and_api_names():
    text = ("dateDebutReleve,dateFinReleve,indexDebut,indexFin,volumeBrutConsomme,energieConsomme,coeffConversion\n"
            "2026-01-01,2026-01-02,100,104,4,44.5,11.12\n"
            "2026-01-02,2026-01-03,104,110,6,66.7,11.12\n")
    export = read_grdf(text.encode())
    assert list(export.data["volume_m3"]) == [Decimal(4), Decimal(6)]
    assert export.total_kwh() == Decimal("111.2") and export.anomalies == []


@pytest.mark.parametrize(("name", "words", "line"), [
    ("gazpar_pas_grdf.csv", "ne ressemble pas à un export de consommation GRDF", None),
    ("gazpar_date_invalide.csv", "« 31/02/2025 » n'est pas une date", 3),
])
def test_bad_files(name, words, line):
    with pytest.raises(FileImportError) as info:
        read_grdf(DATA / name)
    assert words in str(info.value) and info.value.line == line


def test_empty_truncated_and_letters():
    with pytest.raises(FileImportError, match="vide"):
        read_grdf(b"")
    header = (DATA / "gazpar_anomalies.csv").read_text(encoding="utf-8").splitlines()
    with pytest.raises(FileImportError, match="aucune ligne de consommation"):
        read_grdf(header[0].encode())
    with pytest.raises(FileImportError, match="ligne incomplète") as info:
        read_grdf(("\n".join(header[:2]) + "\n01/03/2025;01/04/2025;48").encode())
    assert info.value.line == 3
    bad = header[1].split(";")
    bad[4] = "1a2"
    with pytest.raises(FileImportError, match="« 1a2 » n'est pas un nombre"):
        read_grdf((header[0] + "\n" + ";".join(bad)).encode())

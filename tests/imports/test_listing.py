"""Partner listing reader: bad rows reported with line numbers, good rows kept, duplicates flagged."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from counselling.errors import InputError
from counselling.imports.listing import read_listing

DATA = Path(__file__).resolve().parents[1] / "data" / "listings"
CSV = DATA / "fournisseur_semaine_47.csv"
MAPPING = {"reference": "N° client", "nom": "Nom", "departement": "Dépt", "commune": "Commune",
           "personnes": "Nb pers", "adultes": "Nb adultes", "enfants": "Nb enfants", "rfr": "RFR 2024",
           "ressources_mensuelles": "Ressources mensuelles", "dette": "Dette TTC"}


def test_bad_rows_are_reported_by_line_and_kept():
    listing = read_listing(CSV, MAPPING)
    frame = listing.frame
    assert len(frame) == 13  # nothing dropped
    by_line = {(e.ligne, e.champ): e.message for e in listing.errors}
    assert "« douze mille » n'est pas un nombre" in by_line[(8, "rfr")]
    assert "hors de 1 à 30" in by_line[(10, "personnes")]
    assert "« 45,555 » est ambigu : 45 555 ou 45,555 ?" in by_line[(11, "dette")]
    assert "manquant" in by_line[(12, "reference")]
    assert "n'est pas un code de département" in by_line[(13, "departement")]
    assert "négatif" in by_line[(13, "dette")]
    assert list(frame.loc[~frame["valide"], "ligne"]) == [8, 10, 11, 12, 13]
    # the good fields of a bad row are kept
    row8 = frame[frame["ligne"] == 8].iloc[0]
    assert pd.isna(row8["rfr"]) and row8["ressources_mensuelles"] == 1800
    # French formats: "1 890,50" and one-digit département codes
    assert frame.loc[frame["ligne"] == 3, "ressources_mensuelles"].iloc[0] == 1890.5
    assert frame.loc[frame["ligne"] == 7, "departement"].iloc[0] == "07"


def test_duplicate_references_are_flagged_not_dropped():
    listing = read_listing(CSV, MAPPING)
    dup = listing.frame[listing.frame["doublon"]]
    assert list(dup["ligne"]) == [3, 9]
    warnings = [e for e in listing.errors if e.gravite == "avertissement"]
    assert len(warnings) == 2 and "lignes 3, 9" in warnings[0].message
    assert "2 référence(s) en doublon" in listing.report()


def test_missing_column_names_it():
    mapping = {**MAPPING, "rfr": "Revenu fiscal"}
    with pytest.raises(InputError) as err:
        read_listing(CSV, mapping)
    assert err.value.field == "colonnes" and "« Revenu fiscal »" in str(err.value)


def test_required_field_not_mapped():
    mapping = {k: v for k, v in MAPPING.items() if k != "departement"}
    with pytest.raises(InputError, match="Département"):
        read_listing(CSV, mapping)


def test_excel_and_comma_csv_give_the_same_rows(tmp_path):
    raw = pd.read_csv(CSV, sep=";", dtype=str, keep_default_na=False)
    xlsx = tmp_path / "listing.xlsx"
    raw.to_excel(xlsx, index=False)
    from_excel = read_listing(xlsx, MAPPING)
    comma = io.StringIO(raw.to_csv(index=False, sep=","))
    from_comma = read_listing(comma, MAPPING)
    base = read_listing(CSV, MAPPING)
    for other in (from_excel, from_comma):
        pd.testing.assert_frame_equal(other.frame, base.frame)
        assert [str(e) for e in other.errors] == [str(e) for e in base.errors]


def test_latin1_file(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(CSV.read_text(encoding="utf-8").encode("latin-1"))
    assert len(read_listing(path, MAPPING).frame) == 13

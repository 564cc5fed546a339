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
    assert by_line[(12, "reference")] == "Référence client : valeur manquante"
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
    assert "2 références en doublon" in listing.report()


def test_missing_column_names_it():
    mapping = {**MAPPING, "rfr": "Revenu fiscal"}
    with pytest.raises(InputError) as err:
        read_listing(CSV, mapping)
    assert err.value.field == "colonnes" and "« Revenu fiscal »" in str(err.value)
    assert "colonne absente du fichier : « Revenu fiscal »" in str(err.value)
    with pytest.raises(InputError) as err:
        read_listing(CSV, {**mapping, "dette": "Dette"})
    assert "colonnes absentes du fichier : « Revenu fiscal »" in str(err.value)
    with pytest.raises(InputError, match="champ inconnu : age"):
        read_listing(CSV, {**MAPPING, "age": "Âge"})


def test_required_field_not_mapped():
    # the territory needs a département, a postal code or a commune column
    mapping = {k: v for k, v in MAPPING.items() if k not in ("departement", "commune")}
    with pytest.raises(InputError, match="Département"):
        read_listing(CSV, mapping)
    mapping = {k: v for k, v in MAPPING.items() if k != "reference"}
    with pytest.raises(InputError, match="Référence client"):
        read_listing(CSV, mapping)


POSTAL = """N° client;CP;Commune;Dépt;Nb pers
A1;69003;Lyon;;1
A2;69100;;;2
A3;69380;;;1
A4;69380;Lissieu;;1
A5;69380;Chasselay;;1
A6;1000;;;1
A7;69;;;1
A8;97133;;;1
A9;;;;1
A10;20200;;;1
A11;75015;;77;1
A12;69380;;69;1
A13;;;69003;1
"""


def test_a_postal_code_or_commune_column_gives_the_fsl_territory():
    listing = read_listing(io.StringIO(POSTAL), {"reference": "N° client", "code_postal": "CP",
                                                  "commune": "Commune", "departement": "Dépt",
                                                  "personnes": "Nb pers"})
    frame = listing.frame.set_index("reference")
    by_line = {(e.ligne, e.gravite): e.message for e in listing.errors}
    assert frame.loc["A1", "departement"] == "69M" and frame.loc["A2", "departement"] == "69M"
    # a postal code shared by the Métropole de Lyon and the rest of the Rhône: the commune decides
    assert pd.isna(frame.loc["A3", "departement"]) and not frame.loc["A3", "valide"]
    assert "plusieurs territoires" in by_line[(4, "erreur")] and "Lissieu" in by_line[(4, "erreur")]
    assert frame.loc["A4", "departement"] == "69M" and frame.loc["A5", "departement"] == "69"
    # a postal code read as a number by a spreadsheet, and a département number in the postal code column
    assert frame.loc["A6", "departement"] == "01" and frame.loc["A7", "departement"] == "69"
    assert "collectivité d'outre-mer" in by_line[(9, "erreur")]
    assert "manquant" in by_line[(10, "erreur")]
    assert frame.loc["A10", "departement"] == "2B"
    # a département column that disagrees is kept, with a warning; a shared code with its département too
    assert frame.loc["A11", "departement"] == "77" and frame.loc["A11", "valide"]
    assert "hors du département 77" in by_line[(12, "avertissement")]
    assert frame.loc["A12", "departement"] == "69" and "indiquer la commune" in by_line[(13, "avertissement")]
    # a postal code in the département column
    assert frame.loc["A13", "departement"] == "69M"


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

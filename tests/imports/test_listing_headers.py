"""Realistic partner files: headers recognised, mapping remembered, encodings detected."""

from __future__ import annotations

from pathlib import Path

import pytest

from counselling.imports.listing import guess_mapping, header_key, read_columns, read_listing

DATA = Path(__file__).resolve().parents[1] / "data" / "listings"

#: each realistic file → the field every one of its columns should map to (None: a column we do not keep)
VARIANTS = {
    "edf_solidarite.csv": {"N° client": "reference", "NOM": "nom", "Prénom": None, "CP": "code_postal",
                           "Commune": "commune", "Nb personnes": "personnes", "RFR": "rfr",
                           "Montant impayé": "dette", "Date relance": "date_premiere_relance",
                           "Téléphone": "telephone"},
    "eau_abonnes.csv": {"Référence abonné": "reference", "Code postal": "code_postal", "Ville": "commune",
                        "Composition foyer": "personnes", "Dette eau TTC": "dette"},
    "ccas_bom.csv": {"Numéro dossier": "reference", "Nom du bénéficiaire": "nom", "Téléphone": "telephone",
                     "Code Postal": "code_postal", "Localité": "commune", "Nombre d’adultes": "adultes",
                     "Nombre d’enfants": "enfants", "Ressources mensuelles": "ressources_mensuelles",
                     "Quotient familial CAF": "quotient"},
    "ccas_cp1252.csv": {"RÉF. DOSSIER": "reference", "Nom / Prénom": "nom", "Tél.": "telephone",
                        "C.P.": "code_postal", "Commune de résidence": "commune", "Nb d'occupants": "personnes",
                        "Revenu fiscal de référence": "rfr", "Ressources (€/mois)": "ressources_mensuelles",
                        "Enfants à charge": "enfants", "Montant dû": "dette"},
    "fournisseur_semaine_47.csv": {"N° client": "reference", "Nom": "nom", "Dépt": "departement",
                                   "Commune": "commune", "Nb pers": "personnes", "Nb adultes": "adultes",
                                   "Nb enfants": "enfants", "RFR 2024": "rfr",
                                   "Ressources mensuelles": "ressources_mensuelles", "Dette TTC": "dette"},
}


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_each_realistic_file_maps_every_field_it_has(name):
    columns = read_columns(DATA / name)
    assert columns == list(VARIANTS[name])  # accents and BOM read right
    expected = {field: column for column, field in VARIANTS[name].items() if field}
    assert guess_mapping(columns) == expected


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_the_guessed_mapping_reads_the_file_without_error(name):
    listing = read_listing(DATA / name, guess_mapping(read_columns(DATA / name)))
    if name == "fournisseur_semaine_47.csv":  # the file with deliberate errors (test_listing.py)
        assert len(listing.frame) == 13
        return
    assert listing.errors == [] and listing.frame["valide"].all()
    assert listing.frame["reference"].notna().all() and listing.frame["personnes"].notna().all()


def test_header_key_ignores_accents_case_and_punctuation():
    assert header_key("N° client") == "n client"
    assert header_key("Nombre d’adultes") == header_key("NOMBRE D'ADULTES") == "nombre d adultes"
    assert header_key("RÉF. DOSSIER") == "ref dossier"


def test_a_column_is_never_given_to_two_fields_and_unknown_headers_stay_unmapped():
    mapping = guess_mapping(["Dette", "Montant impayé", "Couleur préférée"])
    assert list(mapping) == ["dette"] and "Couleur préférée" not in mapping.values()


def test_adults_plus_children_stand_for_the_household_size():
    listing = read_listing(DATA / "ccas_bom.csv", guess_mapping(read_columns(DATA / "ccas_bom.csv")))
    assert list(listing.frame["personnes"]) == [3, 2]

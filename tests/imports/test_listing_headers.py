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


def test_a_windows_file_keeps_its_euro_signs_and_accents():
    path = DATA / "ccas_cp1252.csv"
    assert "€".encode("cp1252") in path.read_bytes() and b"\xc3" not in path.read_bytes()  # really cp1252
    listing = read_listing(path, guess_mapping(read_columns(path)))
    frame = listing.frame
    assert list(frame["nom"]) == ["ÉLODIE FÈVRE", "Gaëlle Noël"]
    assert list(frame["ressources_mensuelles"]) == [1250.0, 980.0]  # « 1 250,00 € » read as an amount
    assert list(frame["dette"]) == [1250.0, 97.5]
    assert "Ressources (€/mois)" in read_columns(path)
    controls = {chr(c) for c in range(0x80, 0xA0)}
    text = "".join(str(v) for v in frame.astype(str).to_numpy().ravel()) + "".join(read_columns(path))
    assert not controls & set(text)  # no « ▯ »


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_the_same_listing_reads_the_same_in_each_encoding(encoding):
    from counselling.imports.listing import detect_encoding

    text = "N° client;Nom;CP;Nb personnes;Dette\r\nA-1;Hélène Œuvray;97400;2;1 250,00 €\r\n"
    data = text.encode(encoding)
    assert detect_encoding(data) == ("cp1252" if encoding == "cp1252" else "utf-8-sig")
    listing = read_listing(data, guess_mapping(read_columns(data)))
    assert listing.frame["nom"].iloc[0] == "Hélène Œuvray" and listing.frame["dette"].iloc[0] == 1250.0
    assert listing.frame["departement"].iloc[0] == "974"

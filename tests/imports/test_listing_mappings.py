"""Mappings remembered per partner header, in the user's configuration folder."""

from __future__ import annotations

import json

import pytest

from counselling.imports.mappings import mappings_path, remember_mapping, remembered_mapping

EDF = ["N° client", "NOM", "CP", "Nb personnes", "RFR 2024"]
EDF_MAPPING = {"reference": "N° client", "nom": "NOM", "code_postal": "CP", "personnes": "Nb personnes",
               "rfr": "RFR 2024"}
WATER = ["Référence abonné", "Code postal", "Composition foyer"]
WATER_MAPPING = {"reference": "Référence abonné", "code_postal": "Code postal", "personnes": "Composition foyer"}


@pytest.fixture(autouse=True)
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNSELLING_CONFIG_DIR", str(tmp_path))
    return tmp_path


def test_each_partner_gets_its_own_mapping_back(folder):
    assert remembered_mapping(EDF) is None
    remember_mapping(EDF, EDF_MAPPING)
    remember_mapping(WATER, WATER_MAPPING)
    assert remembered_mapping(list(reversed(EDF))) == EDF_MAPPING  # column order does not matter
    assert remembered_mapping(WATER) == WATER_MAPPING
    assert mappings_path() == folder / "correspondances_listings.json"
    saved = json.loads(mappings_path().read_text(encoding="utf-8"))
    assert len(saved) == 2 and "MARTIN" not in mappings_path().read_text(encoding="utf-8")


def test_a_new_mapping_for_the_same_header_replaces_the_old():
    remember_mapping(EDF, EDF_MAPPING)
    remember_mapping(EDF, {**EDF_MAPPING, "rfr": "NOM"})
    assert remembered_mapping(EDF)["rfr"] == "NOM"
    assert len(json.loads(mappings_path().read_text(encoding="utf-8"))) == 1


def test_a_header_that_changed_a_little_keeps_the_columns_still_there():
    remember_mapping(EDF, EDF_MAPPING)
    next_year = ["N° client", "NOM", "CP", "Nb personnes", "RFR 2025", "Commune"]
    assert remembered_mapping(next_year) == {k: v for k, v in EDF_MAPPING.items() if k != "rfr"}
    # another partner sharing one column is not taken for this one
    assert remembered_mapping(["CP", "Numéro", "Foyer"]) is None


def test_an_unreadable_file_is_no_remembered_mapping(folder):
    mappings_path().write_text("{pas du json", encoding="utf-8")
    assert remembered_mapping(EDF) is None
    remember_mapping(EDF, EDF_MAPPING)
    assert remembered_mapping(EDF) == EDF_MAPPING

"""Fuzzing of every importer (Enedis, GRDF, partner listings) with files
built from our samples and damaged (a cell replaced by an adversarial text,
a character dropped, a line doubled or cut, the file truncated) and with
things that are not files. Each call returns data that satisfies the
reader's invariants, or raises the kit's error with a French message."""

from __future__ import annotations

import math
import os
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counselling.imports.enedis import read_daily_index, read_enedis, read_load_curve, read_max_power
from counselling.imports.grdf import read_grdf
from counselling.imports.listing import read_columns, read_listing

from .strategies import NASTY_TEXT, outcome

DATA = Path(__file__).resolve().parents[1] / "data"
SAMPLES = {
    "courbe": (DATA / "enedis" / "courbe_charge_octobre_changement_pas.csv").read_bytes(),
    "index": (DATA / "enedis" / "index_quotidien.csv").read_bytes(),
    "puissance": (DATA / "enedis" / "puissance_max_quotidienne.csv").read_bytes(),
    "grdf": (DATA / "grdf" / "gazpar_mensuel.csv").read_bytes(),
    "listing": (DATA / "listings" / "fournisseur_semaine_47.csv").read_bytes(),
}
MAPPING = {"reference": "N° client", "nom": "Nom", "departement": "Dépt", "personnes": "Nb pers",
           "rfr": "RFR 2024", "ressources_mensuelles": "Ressources mensuelles", "dette": "Dette TTC"}
EXAMPLES = 300 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 30
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES < 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
NOT_FILES = [None, 3, 2.5, [], ["a"], {"a": 1}, "", "   ", "/nonexistent/nowhere.csv", str(DATA), DATA,
             b"", b"\x00\x01\x02", b"PK\x03\x04 not a zip", "texte;sans;export\n1;2;3\n"]


@st.composite
def damaged(draw, sample: bytes) -> bytes:
    """``sample`` with one or two realistic damages."""
    lines = sample.decode("utf-8", errors="replace").split("\n")
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        where = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
        cells = lines[where].split(";")
        kind = draw(st.sampled_from(["cell", "drop", "double", "cut", "blank", "truncate"]))
        if kind == "cell":
            cells[draw(st.integers(min_value=0, max_value=len(cells) - 1))] = draw(
                st.one_of(st.sampled_from(NASTY_TEXT), st.text(max_size=8)))
            lines[where] = ";".join(cells)
        elif kind == "drop" and lines[where]:
            at = draw(st.integers(min_value=0, max_value=len(lines[where]) - 1))
            lines[where] = lines[where][:at] + lines[where][at + 1:]
        elif kind == "double":
            lines.insert(where, lines[where])
        elif kind == "cut":
            lines[where] = lines[where][: len(lines[where]) // 2]
        elif kind == "blank":
            lines.insert(where, "")
        else:
            lines = lines[: where + 1]
    return "\n".join(lines).encode("utf-8")


def check_enedis(export) -> None:
    data = export.data
    for column in ("puissance_w", "puissance_va"):
        if column in data:
            values = data[column].dropna().to_numpy()
            assert np.isfinite(values).all() and (values >= 0).all()
    if "debut" in data:
        assert (data["debut"] < data["fin"]).all()
        assert data["fin"].is_monotonic_increasing
    for register in [c for c in data.columns if str(c).startswith("EAS")]:
        values = data[register].dropna().to_numpy()
        assert np.isfinite(values).all() and (values >= 0).all()


def check_grdf(export) -> None:
    for column in ("index_debut", "index_fin", "volume_m3", "coefficient", "energie_kwh"):
        for value in export.data[column]:
            assert value is None or isinstance(value, Decimal) and value.is_finite() and value >= 0
    assert (export.data["fin"] > export.data["debut"]).all()


def check_listing(listing) -> None:
    frame = listing.frame
    for column in ("personnes", "rfr", "ressources_mensuelles", "dette"):
        values = frame[column].dropna().to_numpy()
        assert np.isfinite(values).all() and (values >= 0).all()
    valid = frame[frame["valide"]]
    assert (valid["erreurs"] == "").all()
    assert valid["reference"].notna().all() and valid["departement"].notna().all()
    for error in listing.errors:
        assert len(error.message) < 600 and "Traceback" not in error.message


READERS = {
    "courbe": (read_load_curve, check_enedis), "index": (read_daily_index, check_enedis),
    "puissance": (read_max_power, check_enedis), "grdf": (read_grdf, check_grdf),
}


@pytest.mark.parametrize("sample", sorted(READERS))
@FUZZ
@given(data=st.data())
def test_damaged_energy_files_are_read_or_refused_in_french(sample, data):
    reader, check = READERS[sample]
    content = data.draw(damaged(SAMPLES[sample]))
    for read in (reader, read_enedis) if sample != "grdf" else (reader,):
        export = outcome(read, content)
        if export is not None:
            check(export)


@FUZZ
@given(data=st.data())
def test_damaged_listings_are_read_row_by_row(data):
    content = data.draw(damaged(SAMPLES["listing"]))
    listing = outcome(read_listing, content, MAPPING)
    if listing is not None:
        check_listing(listing)


@pytest.mark.parametrize("source", NOT_FILES, ids=lambda s: type(s).__name__ + ":" + str(s)[:20])
def test_what_is_not_a_file_gets_a_french_message(source):
    for read in (read_load_curve, read_daily_index, read_max_power, read_enedis, read_grdf, read_columns):
        outcome(read, source)
    outcome(read_listing, source, MAPPING)


@pytest.mark.parametrize("mapping", [None, 3, [], ["reference"], {"reference": 3}, {("a",): "b"}])
def test_a_wrong_mapping_gets_a_french_message(mapping):
    assert outcome(read_listing, SAMPLES["listing"], mapping) is None


def test_a_huge_cell_is_cut_in_the_message():
    content = SAMPLES["courbe"].replace(b";", b";" + b"9" * 5_000_000 + b"x", 1)
    lines = SAMPLES["courbe"].decode().split("\n")
    at = next(i for i, line in enumerate(lines) if line[:1].isdigit())
    lines[at] = lines[at].split(";")[0] + ";" + "7" * 5_000_000 + "x"
    for blob in (content, "\n".join(lines).encode()):
        try:
            read_load_curve(blob)
        except Exception as error:  # noqa: BLE001 — checked just below
            assert len(str(error)) < 1000
            assert type(error).__module__.startswith("counselling")


def test_english_thousands_in_a_listing_are_read_not_divided():
    text = ("N° client;Dépt;Nb pers;RFR\nA1;77;1;25,000.00\nA2;77;1;1.234,56\nA3;77;1;1,200\n"
            "A4;77;1;12 345\n")
    listing = read_listing(text.encode(), {"reference": "N° client", "departement": "Dépt",
                                           "personnes": "Nb pers", "rfr": "RFR"})
    assert listing.frame["rfr"].tolist()[:2] == [25000.0, 1234.56]
    assert math.isnan(listing.frame["rfr"].iloc[2]) and not listing.frame["valide"].iloc[2]
    assert "« 1,200 » est ambigu : 1 200 ou 1,2 ?" in listing.frame["erreurs"].iloc[2]
    assert listing.frame["rfr"].iloc[3] == 12345.0


def test_naive_and_offset_timestamps_mixed_are_refused_by_line():
    text = SAMPLES["courbe"].decode()
    lines = text.split("\n")
    at = [i for i, line in enumerate(lines) if line[:1].isdigit()][3]
    lines[at] = lines[at][:19] + lines[at][25:]
    try:
        read_load_curve("\n".join(lines).encode())
    except Exception as error:  # noqa: BLE001
        assert f"ligne {at + 1}" in str(error) and "décalage horaire" in str(error)
    else:
        raise AssertionError("accepté")
    assert pd is not None

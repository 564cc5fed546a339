"""Spreadsheet exports: formula injection neutralised in CSV and Excel,
genuine numbers kept as numbers."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.exports.tabular import FORMULA_STARTS, neutralise, save_file, write_csv, write_xlsx

ATTACKS = ["=1+1", "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", '=HYPERLINK("http://x.example","clic")',
           "\t=1+1", "\r=1+1", "＝1+1"]


def frame() -> pd.DataFrame:
    return pd.DataFrame({"nom": ATTACKS + ["Dupont", "-12,50"],
                         "montant": [-3.5] + [1.0] * (len(ATTACKS) + 1)})


@pytest.mark.parametrize("cell", ATTACKS)
def test_formula_cells_get_an_apostrophe(cell):
    assert neutralise(cell) == "'" + cell


def test_plain_text_numbers_and_negative_numbers_are_untouched():
    assert neutralise("Dupont") == "Dupont"
    assert neutralise("-12,50") == "-12,50"
    assert neutralise(-3) == -3 and neutralise(None) is None


def test_csv_export_neutralises_every_formula_and_keeps_numbers():
    text = write_csv(frame()).decode("utf-8-sig")
    read = pd.read_csv(io.StringIO(text), sep=";", dtype=str, keep_default_na=False)
    for cell in read["nom"]:
        assert not cell.startswith(FORMULA_STARTS) or cell == "-12,50"
    assert read["montant"].iloc[0] == "-3,5"


def test_xlsx_export_stores_formulas_as_text_and_numbers_as_numbers(tmp_path):
    data = write_xlsx(frame(), tmp_path / "x.xlsx")
    assert (tmp_path / "x.xlsx").read_bytes() == data
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    names = [c for c in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(n, str) and not n.startswith(FORMULA_STARTS) or n == "-12,50" for n, _ in names)
    assert names[0][1] == -3.5
    assert all(c.data_type == "s" for c in sheet["A"][1:])


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=30))
def test_no_text_cell_ever_starts_like_a_formula(text):
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_STARTS) or safe == text and safe[1:].replace(",", "").replace(".", "").isdigit()


def test_save_file_keeps_a_safe_name(tmp_path):
    path = save_file(b"abc", tmp_path / "out", "../../listing analysé.csv")
    assert path.parent == tmp_path / "out" and path.read_bytes() == b"abc"


def test_a_big_export_file_is_private_and_gone_the_next_day(tmp_path):
    import os
    import time

    from counselling.exports.tabular import save_file

    old = tmp_path / "ancien_listing.csv"
    old.write_bytes(b"ref;nom\n")
    day_before = time.time() - 25 * 3600
    os.utime(old, (day_before, day_before))
    target = save_file(b"ref;nom\nEL-1;MARTIN\n", tmp_path, "listing analyse.csv")
    assert target.name == "listing_analyse.csv" and target.read_bytes().startswith(b"ref;nom")
    assert target.stat().st_mode & 0o777 == 0o600
    assert not old.exists()

"""Large files: a regular load curve is read in chunks with the same result
as the detailed reader; files above the supported size are refused in
French before being read (sizes lowered here so that the files stay small)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from counselling.imports import FileImportError, enedis, grdf
from counselling.imports import listing as listing_module
from counselling.imports.enedis import _fast_load_curve, read_enedis, read_load_curve

ROOT = Path(__file__).resolve().parents[2]


def _samples():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "tests" / "data" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def curve_text() -> str:
    """Two years at 10 min with empty values and missing rows (about 3 Mo)."""
    lines = _samples().curve_text("2023-01-01T00:10", "2025-01-01T00:00", 10, seed=5).split("\n")
    data_from = lines.index("Horodate;Valeur") + 1
    for at in (data_from + 100, data_from + 101, data_from + 5000):
        lines[at] = lines[at].split(";")[0] + ";"
    del lines[data_from + 20000:data_from + 20003]
    return "\n".join(lines)


def test_chunked_reading_gives_exactly_the_detailed_result(tmp_path, curve_text):
    path = tmp_path / "courbe.csv"
    path.write_text(curve_text, encoding="utf-8")
    fast = _fast_load_curve(path, "Enedis (courbe de charge)", None)
    assert fast is not None
    detailed = read_load_curve(path, skip_bad_lines=True)  # the detailed reader
    pd.testing.assert_frame_equal(fast.data, detailed.data)
    pd.testing.assert_frame_equal(fast.trous, detailed.trous)
    assert (fast.prm, fast.entete, fast.fichier) == (detailed.prm, detailed.entete, detailed.fichier)
    assert set(fast.trous["nature"]) == {"valeur vide", "lignes absentes"}
    assert read_enedis(path).data.equals(fast.data)


def test_an_irregular_file_goes_to_the_detailed_reader(tmp_path, curve_text):
    path = tmp_path / "courbe.csv"
    lines = curve_text.split("\n")
    lines[-200] = lines[-200].split(";")[0] + ";12,5"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert _fast_load_curve(path, "k", None) is None
    assert (read_load_curve(path).data["puissance_w"] == 12.5).sum() == 1


def test_a_file_above_the_supported_size_is_refused_before_reading(tmp_path, curve_text, monkeypatch):
    path = tmp_path / "courbe.csv"
    path.write_text(curve_text, encoding="utf-8")
    monkeypatch.setattr(enedis, "MAX_BYTES", 1024 * 1024)
    with pytest.raises(FileImportError, match=r"le fichier fait 3,0 Mo, au-delà des 1 Mo que le kit sait lire"):
        read_load_curve(path)


def test_a_big_irregular_file_is_refused_with_the_reason(tmp_path, curve_text, monkeypatch):
    path = tmp_path / "courbe.csv"
    lines = curve_text.split("\n")
    lines[-50] = "texte au milieu"
    path.write_text("\n".join(lines), encoding="utf-8")
    monkeypatch.setattr(enedis, "DETAILED_BYTES", 1024 * 1024)
    with pytest.raises(FileImportError, match="n'est pas une courbe de charge régulière"):
        read_load_curve(path)


def test_grdf_and_listing_above_their_size_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "gros.csv"
    path.write_bytes(b"Date;Volume\n" + b"01/01/2024;1\n" * 20000)
    monkeypatch.setattr(grdf, "GRDF_MAX_BYTES", 100_000)
    with pytest.raises(FileImportError, match="au-delà des 0,1 Mo que le kit sait lire"):
        grdf.read_grdf(path)
    monkeypatch.setattr(listing_module, "MAX_BYTES", 100_000)
    with pytest.raises(Exception, match="au-delà des") as info:
        listing_module.read_listing(path, {"reference": "Date", "departement": "Date", "personnes": "Volume"})
    assert type(info.value).__name__ == "InputError"

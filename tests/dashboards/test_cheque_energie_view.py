"""The « Chèque énergie » view driven directly (no browser): callbacks run in
process, so the error boundary can be tested against failures the browser
tests cannot provoke (a malformed tariff file, a bug)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from counselling import tariffs
from counselling.dashboards import cheque_energie as view_module
from counselling.dashboards.cheque_energie import ChequeEnergieView

ROOT = Path(__file__).resolve().parents[2]


def test_typing_computes_and_renders():
    view = ChequeEnergieView()
    view.year.value = 2023
    view.persons.value = 4
    view.rfr.value = "20 000"
    assert view.last_result["montant"] == 76
    assert "76" in view.amount.value and "tranche 4" in view.amount.value
    assert "2,1 UC" in view.figures.value
    assert "Arrêté du 3 mars 2023" in view.explanation.value
    view.issued.value = dt.date(2023, 9, 15)
    assert "31 mars 2025" in view.figures.value


def test_input_error_keeps_values_and_hides_stale_result():
    view = ChequeEnergieView()
    view.rfr.value = "5000"
    assert view.result_box.layout.display is None
    view.alternating.value = 3
    assert "Enfants en résidence alternée" in view.errors.message.value
    assert view.result_box.layout.display == "none" and view.last_result is None
    assert (view.rfr.value, view.alternating.value) == ("5000", "3")


def test_malformed_tariff_file_gives_french_message_not_traceback(tmp_path, monkeypatch):
    shutil.copy(ROOT / "tariffs" / "units.yaml", tmp_path)
    broken = (ROOT / "tariffs" / "cheque_energie.yaml").read_text(encoding="utf-8")
    (tmp_path / "cheque_energie.yaml").write_text(broken.replace("unit: EUR/an", "unit: francs", 1),
                                                  encoding="utf-8")
    view = ChequeEnergieView()  # built with the good data
    monkeypatch.setenv("COUNSELLING_TARIFFS_DIR", str(tmp_path))
    tariffs.clear_cache()
    try:
        view.rfr.value = "5000"
        message = view.errors.message.value
        assert "cheque_energie.yaml" in message and "unité « francs » inconnue" in message
        assert "Traceback" not in message
        assert view.errors.accordion not in view.errors.children
    finally:
        monkeypatch.delenv("COUNSELLING_TARIFFS_DIR")
        tariffs.clear_cache()
    view.rfr.value = "5001"  # usable again once the data is fixed
    assert view.last_result["montant"] == 194


def test_unexpected_bug_shows_generic_message_with_details_for_counsellor(monkeypatch):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("bogue simulé")

    monkeypatch.setattr(view_module, "cheque_energie", broken)
    view = ChequeEnergieView()
    view.rfr.value = "5000"
    assert "Le calcul n'a pas pu se faire" in view.errors.message.value
    assert view.errors.accordion in view.errors.children
    assert "ZeroDivisionError: bogue simulé" in view.errors.details.value
    assert view.rfr.value == "5000"

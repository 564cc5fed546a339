"""The « Mon relevé Linky » view driven in process (no browser)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from counselling.dashboards.linky import LinkyView

DATA = Path(__file__).resolve().parents[1] / "data" / "enedis"


def load(view: LinkyView, name: str) -> None:
    view.load((DATA / name).read_bytes(), name)


def test_load_curve_read_monthly_totals_chart_and_gaps():
    view = LinkyView()
    load(view, "courbe_charge_mars_heure_ete.csv")
    assert view.result_box.layout.display is None
    assert "Courbe de charge" in view.read_info.value
    assert "lignes absentes" in view.read_info.value and "valeur vide" in view.read_info.value
    assert "90,8 kWh" in view.total.value
    assert "mars 2025" in view.monthly.value and "74,4 kWh" in view.monthly.value
    assert "avril 2025" in view.monthly.value and "16,4 kWh" in view.monthly.value
    assert view.chart.value.startswith("<img") and "base64" in view.chart.value
    assert "<img" in view.day.value
    assert "Courbe incomplète" in view.warnings.value


def test_hc_ranges_split_and_bad_ranges_keep_the_text():
    view = LinkyView()
    load(view, "courbe_charge_octobre_changement_pas.csv")
    assert "10 minutes" in view.read_info.value or "30 minutes" in view.read_info.value
    view.hc_ranges.value = "22:00-06:00"
    v = view.last_result.values
    assert v["kwh_hc"] + v["kwh_hp"] == v["kwh_mesures"]
    assert "Heures creuses" in view.split.value
    view.hc_ranges.value = "la nuit"
    assert "Plages d&#x27;heures creuses" in view.errors.message.value
    assert view.hc_ranges.value == "la nuit"
    view.hc_ranges.value = ""
    assert view.errors.children == () and view.result_box.layout.display is None


def test_malformed_file_shows_reader_message_with_line_and_page_stays_usable():
    view = LinkyView()
    load(view, "malforme_lettres.csv")
    message = view.errors.message.value
    assert "malforme_lettres.csv" in message and "ligne 21" in message and "4O5" in message
    assert "Traceback" not in message
    assert view.result_box.layout.display == "none"
    load(view, "courbe_charge_bom_crlf.csv")
    assert view.errors.children == () and view.result_box.layout.display is None


def test_short_curve_cannot_feed_the_option_advice():
    view = LinkyView()
    load(view, "courbe_charge_octobre_changement_pas.csv")
    view.advise.click()
    assert "moins de 28 jours" in view.advice_errors.message.value
    assert view.last_advice is None


def test_annual_estimate_feeds_the_option_advice(monkeypatch):
    view = LinkyView()
    load(view, "courbe_charge_octobre_changement_pas.csv")
    view.last_result.values["kwh_par_an_estime"] = Decimal("4200")  # as a year-long curve would give
    view.advise.click()
    assert view.last_advice is not None
    assert "4\u202f200 kWh par an" in view.advice.value and "<ol" in view.advice_explanation.value


def test_index_and_max_power_exports():
    view = LinkyView()
    load(view, "puissance_max_quotidienne.csv")
    assert "6\u202f870 VA" in view.total.value and "<img" in view.chart.value
    load(view, "index_quotidien.csv")
    assert "Index quotidiens" in view.read_info.value
    assert "ligne 21" in view.read_info.value  # the day without value is reported


def test_a_new_file_replaces_the_charts_of_the_previous_one():
    view = LinkyView()
    load(view, "courbe_charge_mars_heure_ete.csv")
    assert "mars 2025" in view.monthly.value
    load(view, "puissance_max_quotidienne.csv")
    assert view.monthly.value == "" and "<img" in view.chart.value and "VA" in view.total.value


def test_workshop_mode_redraws_the_charts_larger():
    view = LinkyView()
    load(view, "courbe_charge_mars_heure_ete.csv")
    small = len(view.chart.value)
    view.workshop.value = True
    assert "ck-atelier" in view.widget._dom_classes
    assert len(view.chart.value) > small  # a larger canvas, larger type

"""The « Mon relevé Linky » view driven in process (no browser)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from counselling.dashboards.linky import LinkyView
from counselling.formatting import number, percent

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


def _samples():
    spec = importlib.util.spec_from_file_location("make_samples", DATA.parent / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_annual_estimate_feeds_the_option_advice():
    view = LinkyView()
    text = _samples().curve_text("2026-01-05T00:30", "2026-02-20T00:00", 30, seed=3)
    view.load(text.encode(), "courbe_six_semaines.csv")
    v = view.last_result.values
    assert v["nature_kwh_par_an"] == "estimation"
    assert "Estimation sur un an" in view.total.value and "ESTIMATION" in view.total.value
    assert "mesurée" not in view.total.value
    view.advise.click()
    assert view.last_advice is not None
    assert f"environ {number(v['kwh_par_an'])} kWh par an (estimation)" in view.advice.value
    assert "part supposée" in view.advice.value and "<ol" in view.advice_explanation.value


def test_measured_hc_share_of_the_curve_feeds_the_advice():
    view = LinkyView()
    text = _samples().curve_text("2026-01-05T00:30", "2026-02-20T00:00", 30, seed=3)
    view.load(text.encode(), "courbe_six_semaines.csv")
    view.hc_ranges.value = "22:00-06:00"
    share = view.last_result.values["part_hc"]
    view.advise.click()
    av = view.last_advice.values
    assert av["part_hc_mesuree"] and av["part_hc_utilisee"] == share
    assert f"{percent(share)} en heures creuses, part mesurée sur la courbe de charge" in view.advice.value
    assert "22:00-06:00" in view.advice.value and "part supposée" not in view.advice.value


def test_a_year_of_daily_index_is_a_measurement_with_monthly_totals_and_measured_hc_share():
    view = LinkyView()
    load(view, "index_quotidien_annee.csv")
    assert view.errors.children == ()
    v = view.last_result.values
    assert v["nature_kwh_par_an"] == "mesure" and v["kwh_par_an"] == v["kwh_mesures"]
    total = view.total.value
    assert "mesurée" in total and "ESTIMATION" not in total and "Estimation" not in total
    assert f"{number(v['kwh_par_an'], 1)} kWh" in total
    months = view.monthly.value
    assert "novembre 2025" in months and "mois incomplet (17 jours sur 30)" in months
    assert "décembre 2025" in months and "novembre 2026" in months and "mois incomplet (13 jours sur 30)" in months
    assert months.count("complet</td>") == 11  # December … October; the two Novembers say « incomplet »
    assert view.chart.value.startswith("<img")
    assert "EAS F1" in view.split.value and percent(v["part_hc"]) in view.split.value
    view.advise.click()
    av = view.last_advice.values
    assert av["part_hc_mesuree"] and av["part_hc_utilisee"] == v["part_hc"]
    assert "part mesurée sur les index quotidiens (registres EAS F1 et EAS F2)" in view.advice.value
    assert "kWh par an (mesurés)" in view.advice.value and "environ" not in view.advice.value


def test_monthly_table_never_presents_a_partial_month_as_complete():
    view = LinkyView()
    load(view, "courbe_charge_mars_heure_ete.csv")
    months = view.monthly.value
    assert "mois incomplet (4 jours sur 31)" in months and "mois incomplet (1 jour sur 30)" in months
    assert "complet</td>" not in months


def test_index_and_max_power_exports():
    view = LinkyView()
    load(view, "puissance_max_quotidienne.csv")
    assert "6\u202f870 VA" in view.total.value and "<img" in view.chart.value
    load(view, "index_quotidien.csv")
    assert "Index quotidiens" in view.read_info.value
    assert "ligne 21" in view.read_info.value  # the day without value is reported
    assert "janvier 2026" in view.monthly.value and "complet" in view.monthly.value  # 31 days of January
    assert "Estimation sur un an" in view.total.value  # a month only: an estimate, said so


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


def _keeper(view: LinkyView, db):
    import datetime as dt

    from counselling.dashboards.paper import SaveToDossier
    from counselling.storage import Store

    keep = next(c for c in view.widget.children if isinstance(c, SaveToDossier))
    keep.store_factory, keep.today, keep.user = (lambda: Store(db)), dt.date(2026, 11, 30), "amina"
    return keep


def _stored(db):
    from counselling.storage import Store

    with Store(db) as store:
        return [store.load(s.reference).dossier for s in store.list()]


def test_the_monthly_totals_are_kept_as_readings_never_the_curve(tmp_path):
    import datetime as dt
    import html
    from decimal import Decimal

    from counselling.dossier.model import dossier_to_json

    db = tmp_path / "linky.db"
    view = LinkyView()
    keep = _keeper(view, db)
    keep.consent.value = True
    keep.create()
    assert "rien à enregistrer" in html.unescape(keep.errors.message.value)
    load(view, "courbe_charge_mars_heure_ete.csv")
    keep.consent.value = False
    keep.create()
    assert "accord n'est pas coché" in html.unescape(keep.errors.message.value) and _stored(db) == []
    keep.consent.value = True
    keep.create()
    [dossier] = _stored(db)
    [contract] = dossier.contrats
    assert (contract.energie, contract.compteur, contract.option, contract.pdl) == ("electricite", "linky", None, None)
    march, april = dossier.releves
    assert (march.debut, march.date, march.complet) == (dt.date(2025, 3, 28), dt.date(2025, 3, 31), False)
    assert (april.debut, april.date, april.complet) == (dt.date(2025, 4, 1), dt.date(2025, 4, 1), False)
    assert number(march.consommation_kwh, 1) == "74,4" and number(april.consommation_kwh, 1) == "16,4"
    assert march.consommation_kwh + april.consommation_kwh == sum(m["kwh"] for m in view.last_months)
    assert {r.origine for r in dossier.releves} == {"linky"} and {r.contrat_id for r in dossier.releves} == {contract.id}
    assert march.consommation_kwh.as_tuple().exponent == -3 and isinstance(march.consommation_kwh, Decimal)
    stored = dossier_to_json(dossier)
    assert len(dossier.releves) == len(view.last_months) == 2 and len(view.export.data) > 100  # months, not points
    assert stored.count('"consommation_kwh"') == 2 and (view.export.prm or "PRM absent") not in stored


def test_a_year_of_index_gives_one_reading_a_month_and_max_power_nothing(tmp_path):
    import html

    db = tmp_path / "linky.db"
    view = LinkyView()
    keep = _keeper(view, db)
    load(view, "puissance_max_quotidienne.csv")
    keep.consent.value = True
    keep.create()
    assert "la puissance maximale ne donne pas la consommation" in html.unescape(keep.errors.message.value)
    assert _stored(db) == []
    load(view, "index_quotidien_annee.csv")
    keep.consent.value = True
    keep.create()
    [dossier] = _stored(db)
    readings = dossier.releves
    assert len(readings) == 13 and [r.complet for r in readings].count(True) == 11
    assert readings[0].debut.isoformat() == "2025-11-14" and readings[-1].date.isoformat() == "2026-11-13"
    assert all(a.date < b.debut for a, b in zip(readings, readings[1:]))
    assert sum(r.consommation_kwh for r in readings) == sum(m["kwh"] for m in view.last_months)

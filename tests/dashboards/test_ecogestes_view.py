"""The « Éco-gestes » view driven in process (no browser)."""

from __future__ import annotations

import datetime as dt

from counselling.dashboards.ecogestes import EcogestesView

TODAY = dt.date(2026, 11, 23)


def test_default_price_is_warned_and_gestures_ranked():
    view = EcogestesView(TODAY)
    assert view.result_box.layout.display is None
    assert "prix par défaut" in view.total.value
    assert "Hypothèse" in view.warnings.value and "prix par défaut" in view.warnings.value
    assert view.ranking.children and view.chart.value[:4] == b"\x89PNG"


def test_two_gestures_combine_without_double_counting():
    view = EcogestesView(TODAY)
    view.chauffage.value = "electricite"
    view.conso_chauffage.value = "6 000"
    view.prix.value = "0,2016"
    view.choices["baisser_chauffage_1c"].value = True
    view.choices["thermostat_programmable"].value = True
    assert view.last_result["combinaison"]["economie_euros"] == view.last_result["combinaison"]["economie_euros"]
    assert "253,41" in view.total.value and "1 257" in view.total.value.replace("\u202f", " ").replace("\xa0", " ")
    assert "facture du foyer" in view.total.value and "0,2016" in view.total.value
    assert "ne s&#x27;additionnent pas" in view.explanation.value


def test_bad_price_keeps_values_and_names_the_field():
    view = EcogestesView(TODAY)
    view.choices["eteindre_veilles"].value = True
    view.prix.value = "vingt centimes"
    assert "Prix du kWh d&#x27;électricité" in view.errors.message.value
    assert view.result_box.layout.display == "none" and view.last_result is None
    assert view.prix.value == "vingt centimes" and view.choices["eteindre_veilles"].value
    view.prix.value = "0,20"
    assert view.last_result["combinaison"]["gestes"] == ["eteindre_veilles"]

"""The « Facture d'électricité » view driven in process (no browser)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from counselling.dashboards.facture import FactureView


def test_bill_across_a_tariff_change_is_broken_down():
    view = FactureView()
    view.power.value = 9
    view.start.value = dt.date(2025, 7, 1)
    view.end.value = dt.date(2025, 8, 31)
    assert not view.bill_card.shown  # nothing typed yet: no result, no error
    view.kwh["base"].value = "620"
    assert view.last_bill["total_ttc"] == Decimal("159.67")
    card = view.bill_card
    assert "159,67" in card.headline.value and "2 périodes de prix" in card.headline.value
    assert "79,77" in card.figures.value and "79,90" in card.figures.value  # one row per grid
    assert "Total" in card.figures.value
    # the taxes are folded below the four columns, the counsellor's details below the warnings
    assert card.figures.value.index('class="fe-tableau"') < card.figures.value.index("<details")
    assert "fe-tableau-taxes" in card.figures.value and "Accise" in card.figures.value
    assert "Hypothèse" in card.warnings.value and 'class="ck-conseiller"' in card.warnings.value
    assert "<ol" in card.steps[0].value and card.details.get_title(0) == "Comment est-ce calculé ?"
    assert "fe-facture" in card._dom_classes and view.bill_live.marks == [card]


def test_heures_creuses_shows_hp_hc_fields_and_computes():
    view = FactureView()
    assert view.kwh_boxes["hp"].layout.display == "none"
    view.option.value = "heures_creuses"
    assert view.kwh_boxes["hp"].layout.display is None and view.kwh_boxes["base"].layout.display == "none"
    view.start.value = dt.date(2026, 1, 15)
    view.end.value = dt.date(2026, 2, 14)
    view.kwh["hp"].value = "310"
    view.kwh["hc"].value = "155"
    assert view.last_bill["total_ttc"] == Decimal("105.70")


def test_bad_input_keeps_values_and_names_the_field():
    view = FactureView()
    view.start.value = dt.date(2025, 7, 1)
    view.end.value = dt.date(2025, 8, 31)
    view.kwh["base"].value = "620"
    assert view.bill_card.shown
    first_total = view.last_bill["total_ttc"]
    view.kwh["base"].value = "six cents"
    assert "Consommation : « six cents »" in view.bill_errors.message.value
    assert "n&#x27;est pas un nombre" in view.bill_errors.message.value
    assert not view.bill_card.shown and view.last_bill is None
    assert view.kwh["base"].value == "six cents" and view.start.parsed() == dt.date(2025, 7, 1)
    view.end.value = dt.date(2025, 6, 1)
    view.kwh["base"].value = "620"
    assert "Date de fin" in view.bill_errors.message.value
    view.end.value = dt.date(2025, 8, 31)
    assert view.bill_errors.children == () and view.last_bill["total_ttc"] == first_total


def test_option_advice_and_its_error():
    view = FactureView()
    view.annual.value = "5000"
    assert view.last_advice["option_la_moins_chere"] in ("base", "heures_creuses", "tempo")
    assert "par an" in view.advice_card.figures.value and "<ol" in view.advice_card.steps[0].value
    if view.last_advice["options_a_verifier"]:  # a grid still missing on the day the suite runs
        assert "est l'option la moins chère" not in view.advice_card.headline.value
    view.annual.value = "-3"
    assert "Consommation annuelle (kWh)" in view.advice_errors.message.value
    assert view.annual.value == "-3" and not view.advice_card.shown


def test_unpaid_bill_timeline_with_legal_references():
    view = FactureView()
    view.bill_date.value = dt.date(2026, 11, 10)
    v = view.last_procedure.values
    assert v["treve_reporte"]
    assert "1er avril 2027" in view.proc_card.headline.value
    assert "Décret n° 2008-780" in view.proc_card.figures.value
    assert "24 novembre 2026" in view.proc_card.figures.value
    view.bill_date.value = dt.date(2020, 1, 1)
    assert "Date de la facture" in view.proc_errors.message.value
    assert not view.proc_card.shown


def test_tempo_classes_and_what_is_still_missing():
    view = FactureView()
    assert "premier jour facturé" in view.bill_hint.value
    view.option.value = "tempo"
    assert view.kwh_boxes["rouge_hp"].layout.display is None and view.kwh_boxes["hp"].layout.display == "none"
    assert "jours rouges, heures pleines" in view.bill_hint.value
    view.start.value = dt.date(2026, 1, 1)
    view.end.value = dt.date(2026, 1, 31)
    for c, kwh in {"bleu_hc": "150", "bleu_hp": "250", "blanc_hc": "40", "blanc_hp": "60",
                   "rouge_hc": "30", "rouge_hp": "50"}.items():
        view.kwh[c].value = kwh
    assert view.bill_hint.value == ""
    assert view.last_bill is not None and view.last_bill["kwh"] == Decimal("580")
    assert "Total" in view.bill_card.figures.value


def _fill(form, start, end, kwh, option="base", power=6):
    form.option.value = option
    form.power.value = power
    form.start.value = start
    form.end.value = end
    for c, value in kwh.items():
        form.kwh[c].value = value


def test_why_the_bill_went_up_parts_add_up_and_errors_keep_the_values():
    view = FactureView()
    _fill(view.compare_before, dt.date(2025, 3, 1), dt.date(2025, 3, 31), {"base": "300"})
    assert not view.change_card.shown and view.last_change is None  # second bill missing
    _fill(view.compare_after, dt.date(2025, 5, 1), dt.date(2025, 5, 31), {"base": "400"})
    v = view.last_change.values
    assert v["difference"] == Decimal("20.16") and v["consommation"] == Decimal("20.16")
    assert sum(p["montant"] for p in v["parts"]) == v["difference"]
    card = view.change_card
    assert "20,16 € de plus" in card.headline.value.replace("\xa0", " ")
    assert "Consommation" in card.figures.value and "fe-comparaison-tableau" in card.figures.value
    assert "<ol" in card.steps[0].value
    # the counsellor's details are folded under the warnings, never in the table
    assert 'class="ck-conseiller"' in card.warnings.value and "valeur exacte" not in card.figures.value
    view.compare_after.kwh["base"].value = "quatre cents"
    assert "Facture d&#x27;après, consommation : « quatre cents »" in view.change_errors.message.value
    assert not view.change_card.shown
    assert view.compare_after.kwh["base"].value == "quatre cents"
    view.compare_after.option.value = "heures_creuses"
    assert view.compare_after.kwh_boxes["hp"].layout.display is None
    assert view.compare_after.kwh_boxes["base"].layout.display == "none"


def test_the_option_headline_never_calls_cheapest_what_was_not_compared():
    from counselling.calculators.electricity import conseil_option_electricite
    from counselling.dashboards.common import cheapest_option_words

    partial = conseil_option_electricite(5000, 9, on="2026-11-30").values
    assert cheapest_option_words(partial, "cette consommation", 9) == (
        "seule option que le kit peut chiffrer pour cette consommation, en 9 kVA ; Heures Creuses et Tempo : "
        "prix à vérifier")
    whole = conseil_option_electricite(5000, 9, on="2026-03-01").values
    assert cheapest_option_words(whole, "un an", 9) == "est l'option la moins chère pour un an, en 9 kVA"
    two = {**whole, "options_a_verifier": ["tempo"], "couts": {**whole["couts"], "tempo": None}}
    assert cheapest_option_words(two, "un an", 9).startswith("la moins chère des options chiffrées pour un an")

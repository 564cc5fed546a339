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
    assert view.bill_box.layout.display == "none"  # nothing typed yet: no result, no error
    view.kwh["base"].value = "620"
    assert view.last_bill["total_ttc"] == Decimal("159.67")
    assert "159,67" in view.total.value and "2 périodes de prix" in view.total.value
    assert "79,77" in view.breakdown.value and "79,90" in view.breakdown.value  # one row per grid
    assert "Total" in view.breakdown.value
    assert "Hypothèse" in view.bill_warnings.value
    assert "<ol" in view.bill_steps.value


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
    assert view.bill_box.layout.display is None
    first_total = view.last_bill["total_ttc"]
    view.kwh["base"].value = "six cents"
    assert "Consommation : « six cents »" in view.bill_errors.message.value
    assert "n&#x27;est pas un nombre" in view.bill_errors.message.value
    assert view.bill_box.layout.display == "none" and view.last_bill is None
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
    assert "par an" in view.advice.value and "<ol" in view.advice_steps.value
    view.annual.value = "-3"
    assert "Consommation annuelle (kWh)" in view.advice_errors.message.value
    assert view.annual.value == "-3" and view.advice_box.layout.display == "none"


def test_unpaid_bill_timeline_with_legal_references():
    view = FactureView()
    view.bill_date.value = dt.date(2026, 11, 10)
    v = view.last_procedure.values
    assert v["treve_reporte"]
    assert "1er avril 2027" in view.timeline.value
    assert "Décret n° 2008-780" in view.timeline.value
    assert "24 novembre 2026" in view.timeline.value
    view.bill_date.value = dt.date(2020, 1, 1)
    assert "Date de la facture" in view.proc_errors.message.value
    assert view.proc_box.layout.display == "none"


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
    assert "Total" in view.breakdown.value


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
    assert view.change_box.layout.display == "none" and view.last_change is None  # second bill missing
    _fill(view.compare_after, dt.date(2025, 5, 1), dt.date(2025, 5, 31), {"base": "400"})
    v = view.last_change.values
    assert v["difference"] == Decimal("20.16") and v["consommation"] == Decimal("20.16")
    assert sum(p["montant"] for p in v["parts"]) == v["difference"]
    assert "20,16 € de plus" in view.change.value.replace("\xa0", " ")
    assert "Consommation" in view.change.value and "fe-comparaison-tableau" in view.change.value
    assert "<ol" in view.change_steps.value
    # the counsellor's details are folded under the warnings, never in the table
    assert 'class="ck-conseiller"' in view.change_warnings.value and "valeur exacte" not in view.change.value
    view.compare_after.kwh["base"].value = "quatre cents"
    assert "Facture d&#x27;après, consommation : « quatre cents »" in view.change_errors.message.value
    assert view.change_box.layout.display == "none"
    assert view.compare_after.kwh["base"].value == "quatre cents"
    view.compare_after.option.value = "heures_creuses"
    assert view.compare_after.kwh_boxes["hp"].layout.display is None
    assert view.compare_after.kwh_boxes["base"].layout.display == "none"

"""The « Budget et échéancier » view driven in process (no browser)."""

from __future__ import annotations

import base64
import datetime as dt

from counselling.calculators.capacity import capacite_menage
from counselling.dashboards.budget import BudgetView

TODAY = dt.date(2026, 11, 23)


def filled() -> BudgetView:
    view = BudgetView(today=TODAY)
    view.household_editor.add_child(8)
    view.household_editor.add_child(5)
    view.resources.add("salaires", "1 450")
    view.resources.add("aide_logement", "600", "trimestre")
    view.charges.add("loyer", "620")
    view.charges.add("electricite", "1500", "annee")
    view.debts.add("energie", "480", creditor="EDF")
    view.debts.add("credit", "1200", creditor="Cofidis")
    return view


def test_diagnostic_and_capacity_follow_the_lines():
    view = filled()
    assert view.diagnostic["reste_a_vivre"] == view.diagnostic["total_ressources"] - view.diagnostic["total_charges"]
    expected = capacite_menage(view.household(), on=TODAY)["capacite"]
    assert view.capacity_result["capacite"] == expected
    assert view.capacity.value == str(expected).replace(".", ",")  # proposed, follows the budget
    assert "Reste à vivre" in view.figures.value and "par mois" in view.figures.value
    view.charges.add("transport", "20", "semaine")
    assert view.capacity.value == str(view.capacity_result["capacite"]).replace(".", ",")
    view.capacity.value = "100"  # typed by the counsellor: no longer overwritten
    view.charges.add("mutuelle", "30")
    assert view.capacity.value == "100"


def test_plan_table_and_calendar_file():
    view = filled()
    view.capacity.value = "120"
    view.first_date.value = dt.date(2026, 12, 5)
    view._build_plan()
    assert view.plan["total_paye"] == view.plan["total_dettes"] == 1680
    html = view.plan_out.value
    assert "<th>EDF</th>" in html and "<th>Cofidis</th>" in html and "5 décembre 2026" in html
    payload = html.split("base64,")[1].split('"')[0]
    assert b"BEGIN:VCALENDAR" in base64.b64decode(payload)


def test_bad_inputs_named_and_lines_kept():
    view = filled()
    view.charges.rows[0]["montant"].value = "-5"
    assert "Loyer et charges locatives" in view.errors.message.value and "négative" in view.errors.message.value
    assert view.results.layout.display == "none"
    assert [r["montant"].value for r in view.charges.rows] == ["-5", "1500"]
    view.charges.rows[0]["montant"].value = "620"
    assert view.errors.children == ()
    view.household_editor.adults.value = 0
    assert "adulte" in view.errors.message.value.lower()
    view.household_editor.adults.value = 1
    view._build_plan()  # no first date chosen
    assert "Premier versement" in view.plan_errors.message.value
    view.first_date.value = dt.date(2026, 1, 5)  # in the past
    view._build_plan()
    assert view.plan_errors.message.value and view.plan is None


def test_negative_member_count_is_refused_not_zeroed():
    view = filled()
    age = view.household_editor.children_rows[0]["age"]
    age.value = -1
    assert "Âge de l&#x27;enfant n° 1 : -1 est trop petit" in view.errors.message.value
    assert view.results.layout.display == "none" and age.value == "-1"
    age.value = "8"
    view.household_editor.adults.value = -1
    assert "Adultes : -1 est trop petit" in view.errors.message.value
    assert view.household_editor.adults.value == "-1"


def test_plan_above_the_computed_capacity_shows_a_warning():
    view = filled()
    computed = view.capacity_result["capacite"]
    view.first_date.value = dt.date(2026, 12, 5)
    view._build_plan()
    assert view.plan["depassement_capacite"] == 0 and "de plus que la capacité calculée" not in view.plan_out.value
    view.capacity.value = str(computed + 40).replace(".", ",")
    view._build_plan()
    assert view.plan["depassement_capacite"] == 40
    assert "de plus que la capacité calculée" in view.plan_out.value and "ck-warning" in view.plan_out.value

"""Budget diagnostic and household model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from counselling.calculators.budget import budget_dataframe, diagnostic_budget
from counselling.errors import InputError
from counselling.household import categories, monthly, parse_household

ON = dt.date(2026, 11, 23)


@given(cents=st.integers(min_value=0, max_value=10_000_000),
       period=st.sampled_from(["semaine", "mois", "trimestre", "annee"]))
def test_monthly_is_exact_rule_rounded_to_the_cent(cents, period):
    amount = Decimal(cents) / 100
    per_year = {"semaine": 52, "mois": 12, "trimestre": 4, "annee": 1}[period]
    value = monthly(amount, period)
    assert value == value.quantize(Decimal("0.01"))
    assert abs(value - amount * per_year / 12) <= Decimal("0.005")


@given(st.lists(st.integers(min_value=0, max_value=1_000_000), min_size=1, max_size=8))
def test_totals_are_the_sum_of_the_lines_shown(amounts):
    menage = {"membres": [{"age": 30, "role": "adulte"}],
              "ressources": [{"categorie": "salaires", "montant": Decimal(a) / 100, "periodicite": "semaine"}
                             for a in amounts]}
    result = diagnostic_budget(menage, ON)
    assert result["total_ressources"] == sum(x["mensuel"] for x in result["lignes"])


def test_categories_are_data_with_french_labels():
    cats = categories()
    assert cats.charges.valeurs["electricite"].groupe == "energie"
    assert cats.dettes.valeurs["loyer"].prioritaire and not cats.dettes.valeurs["credit"].prioritaire


def test_debt_priority_defaults_from_its_kind_and_can_be_overridden():
    household = parse_household({"membres": [{"age": 30, "role": "adulte"}],
                                 "dettes": [{"creancier": "EDF", "nature": "energie", "montant": 10},
                                            {"creancier": "Ami", "nature": "autre", "montant": 10,
                                             "prioritaire": "oui"}]})
    assert household.dettes[0].prioritaire and household.dettes[1].prioritaire
    assert household.dettes[1].rang == 1


def test_adult_cannot_be_in_alternating_residence():
    with pytest.raises(InputError) as err:
        parse_household({"membres": [{"age": 30, "role": "adulte", "residence_alternee": True}]})
    assert err.value.field == "membres[0].residence_alternee"


def test_dataframe_french_columns():
    result = diagnostic_budget({"membres": [{"age": 30, "role": "adulte"}],
                                "ressources": [{"categorie": "salaires", "montant": 1000}],
                                "charges": [{"categorie": "loyer", "montant": 400}]}, ON)
    frame = budget_dataframe(result)
    assert list(frame.columns) == ["Type", "Libellé", "Montant saisi (€)", "Périodicité", "Par mois (€)"]
    assert len(frame) == 2

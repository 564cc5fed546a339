"""The plan settings and the budget card shared by the budget page and the
dossier: the amount follows the computed capacity until the counsellor types
another, a missing first date is named in French, and both pages show the
same figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counselling.calculators.budget import diagnostic_budget
from counselling.calculators.capacity import capacite_menage
from counselling.dashboards.plan_form import PlanSettings, budget_rows
from counselling.errors import InputError

TODAY = dt.date(2026, 11, 30)


def test_the_amount_follows_the_capacity_until_typed_then_again_once_emptied():
    settings = PlanSettings("t")
    settings.propose(Decimal("120"))
    assert settings.capacity.parsed() == Decimal("120")
    settings.propose(Decimal("95.50"))
    assert settings.capacity.parsed() == Decimal("95.50")
    settings.capacity.value = "80"  # agreed with the person
    settings.propose(Decimal("140"))
    assert settings.capacity.parsed() == Decimal("80")
    settings.capacity.text.value = ""
    settings.propose(Decimal("140"))
    assert settings.capacity.parsed() == Decimal("140")


def test_a_missing_first_payment_is_named_as_the_page_shows_it():
    settings = PlanSettings("t")
    with pytest.raises(InputError, match="Premier versement"):
        settings.first()
    settings.first_date.value = dt.date(2027, 1, 5)
    assert settings.first() == dt.date(2027, 1, 5)


def test_the_budget_card_names_every_figure_once():
    menage = {"membres": [{"age": 40, "role": "adulte"}], "ressources": [{"categorie": "salaires", "montant": "1450"}],
              "charges": [{"categorie": "loyer", "montant": "620"}, {"categorie": "electricite", "montant": "90"}],
              "dettes": [{"categorie": "energie", "montant": "700", "creancier": "EDF"}]}
    rows = dict(budget_rows(diagnostic_budget(menage, on=TODAY), capacite_menage(menage, on=TODAY)))
    assert rows["Ressources par mois"].replace("\u202f", " ").replace("\xa0", " ") == "1 450,00 €"
    assert "Reste à vivre par jour et par personne" in rows
    assert "Part des ressources pour l'énergie" in rows
    assert "Dettes restant dues" in rows
    assert list(rows)[-1] == "Capacité de remboursement (méthode Banque de France)"


def test_no_energy_line_typed_shows_no_energy_share():
    menage = {"membres": [{"age": 40, "role": "adulte"}], "ressources": [{"categorie": "salaires", "montant": "1450"}],
              "charges": [{"categorie": "loyer", "montant": "620"}]}
    rows = dict(budget_rows(diagnostic_budget(menage, on=TODAY), capacite_menage(menage, on=TODAY)))
    assert "Part des ressources pour l'énergie" not in rows and "Dettes restant dues" not in rows

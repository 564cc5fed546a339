"""A dossier feeds every calculator through small adapters: same figures as the
calculators called by hand, plans that add up to what is still owed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.budget import diagnostic_budget
from counselling.calculators.capacity import capacite_remboursement
from counselling.calculators.cheque_energie import cheque_energie
from counselling.calculators.fsl import fsl
from counselling.dossier import adapters
from counselling.dossier.model import (BudgetLine, Consent, Debt, Dossier, EnergyContract, Member, Payment,
                                       new_reference)
from counselling.dossier.examples import single_parent
from counselling.errors import InputError

ON = dt.date(2026, 11, 30)


def household(**extra) -> Dossier:
    dossier = single_parent(ON, debts=extra.pop("dettes", None))
    for name, value in extra.items():
        setattr(dossier, name, value)
    return dossier


def test_budget_is_the_calculator_fed_with_the_dossier():
    dossier = household()
    by_hand = diagnostic_budget({
        "membres": [{"age": 38, "role": "adulte"}, {"age": 9, "role": "enfant", "residence_alternee": True}],
        "ressources": [{"categorie": "salaires", "montant": 1450},
                       {"categorie": "aide_logement", "montant": 600, "periodicite": "trimestre"},
                       {"categorie": "prestations_familiales", "montant": 150}],
        "charges": [{"categorie": "loyer", "montant": 620},
                    {"categorie": "electricite", "montant": 1500, "periodicite": "annee"}],
        "dettes": [{"creancier": "EDF", "nature": "energie", "montant": 480},
                   {"creancier": "Cofidis", "nature": "credit", "montant": 1200}]}, ON)
    result = adapters.budget(dossier, ON)
    assert result["reste_a_vivre"] == by_hand["reste_a_vivre"] == Decimal("1055.00")
    assert result["total_dettes"] == Decimal("1680.00")


def test_capacity_counts_the_children_as_dependants_unless_told_otherwise():
    dossier = household()
    expected = capacite_remboursement(Decimal("1800.00"), ON, adultes=1, enfants=1, personnes_a_charge=1,
                                      charges=Decimal("745.00"))
    assert adapters.capacity(dossier, ON)["capacite"] == expected["capacite"]
    dossier.membres[1].a_charge = False
    assert adapters.dependants(dossier) == 0


def test_payments_lower_what_the_budget_and_the_plan_see_as_owed():
    dossier = household()
    edf = dossier.dettes[0]
    dossier.paiements.append(Payment(date=ON, montant="80", debt_id=edf.id))
    assert adapters.budget(dossier, ON)["total_dettes"] == Decimal("1600.00")
    result, plan = adapters.propose_plan(dossier, 100, "2026-12-05", ON)
    assert plan.total(edf.id) == Decimal("400.00")
    assert plan.total() == result["total_paye"] == Decimal("1600.00")


@settings(max_examples=40, deadline=None)
@given(cents=st.lists(st.integers(100, 500_000), min_size=1, max_size=4),
       capacity=st.integers(2_000, 100_000), paid=st.integers(0, 50_000))
def test_a_plan_adds_up_to_what_is_still_owed_to_the_cent(cents, capacity, paid):
    dossier = household(dettes=[])
    dossier.dettes = [Debt(creancier=f"Créancier {i}", nature="autre", montant=Decimal(c) / 100)
                      for i, c in enumerate(cents)]
    first = dossier.dettes[0]
    if 0 < paid < cents[0]:
        dossier.paiements.append(Payment(date=ON, montant=Decimal(paid) / 100, debt_id=first.id))
    owed = sum((dossier.remaining(d.id) for d in dossier.dettes), Decimal(0))
    result, plan = adapters.propose_plan(dossier, Decimal(capacity) / 100, "2026-12-05", ON)
    dossier.plans.append(plan)
    Dossier.model_validate(dossier.model_dump())  # the plan fits the dossier's rules
    covered = plan.total() + result["solde_non_couvert"]
    assert covered == owed
    for debt in dossier.dettes:
        assert plan.total(debt.id) <= dossier.remaining(debt.id)


def test_follow_up_and_replanning_keep_every_cent():
    dossier = household()
    _, plan = adapters.propose_plan(dossier, 120, "2026-12-05", ON)
    plan.statut = "accepte"
    dossier.plans.append(plan)
    edf = dossier.dettes[0]
    first = next(e for e in plan.echeances if e.debt_id == edf.id)
    dossier.paiements.append(Payment(date=first.date, montant="50", debt_id=edf.id, plan_id=plan.id))
    status = adapters.follow_up(dossier, plan, "10/01/2027")
    assert status[edf.id]["statut"] == "en retard"
    assert status[edf.id]["total_paye"] == Decimal("50.00")
    result, new = adapters.replan(dossier, plan, 100, "15/01/2027", "10/01/2027")
    assert new.remplace == plan.id
    assert new.total() + result["solde_non_couvert"] == Decimal("1630.00")
    assert dossier.current_plan() is plan


def test_cheque_energie_from_the_dossier():
    dossier = household()
    with pytest.raises(InputError, match="Revenu fiscal"):
        adapters.cheque(dossier, 2025)
    dossier.fiscal.rfr = Decimal("9000")
    expected = cheque_energie(2025, 9000, 2, alternating_children=1)
    result = adapters.cheque(dossier, 2025)
    assert result["montant"] == expected["montant"]
    record = adapters.right_record("cheque_energie", result, adapters.cheque_energie_input(dossier))
    assert record.resultat["montant"] == str(expected["montant"]) and record.entrees["persons"] == 2


def test_fsl_from_the_dossier_uses_the_fsl_natures_and_the_facts_it_knows():
    dossier = household(contrats=[EnergyContract(energie="electricite", titulaire=True)])
    with pytest.raises(InputError, match="Département du logement"):
        adapters.fsl_check(dossier, "energie", ON)
    dossier.logement.territoire_fsl = "69M"
    dossier.logement.statut = "locataire_prive"
    data = adapters.fsl_input(dossier, "energie", ON)
    assert data["ressources"] == {"salaires": Decimal("1450.00"), "aide_logement": Decimal("200.00"),
                                  "prestations_familiales": Decimal("150.00")}
    assert data["faits"] == {"dette": Decimal("480.00"), "logement_social": False,
                             "contrat_au_nom_du_menage": True}
    result = adapters.fsl_check(dossier, "energie", ON)
    by_hand = fsl("69M", volet="energie", on=ON, adultes=1, enfants=1, ressources=data["ressources"],
                  faits=data["faits"])
    assert result["statut"] == by_hand["statut"] and result["aide_max"] == by_hand["aide_max"]


def test_energy_items_read_dates_and_amounts_with_the_kits_parsers_and_name_the_line():
    energy_items = adapters.energy_items
    contracts, bills, readings = energy_items({
        "contrat": {"energie": "electricite", "option": "heures_creuses", "puissance_kva": 6},
        "factures": [{"debut": "01/07/2025", "fin": "2025-08-31", "montant_ttc": "1 234,50", "consommation_kwh": "620"}],
        "releves": [{"date": "31/03/2025", "debut": "28/03/2025", "consommation_kwh": Decimal("74.368")}]})
    assert contracts[0].option == "hc" and bills[0].contrat_id == readings[0].contrat_id == contracts[0].id
    assert bills[0].montant_ttc == Decimal("1234.50") and bills[0].fin.isoformat() == "2025-08-31"
    with pytest.raises(InputError) as bad_day:
        energy_items({"factures": [{"debut": "31/02/2026", "fin": "01/03/2026"}]})
    assert bad_day.value.field == "factures[0].debut" and "Facture 1, premier jour" in str(bad_day.value)
    with pytest.raises(InputError, match="Facture 2.*la fin de la facture précède son début"):
        energy_items({"factures": [{"debut": "01/07/2025", "fin": "31/07/2025"},
                                   {"debut": "01/09/2025", "fin": "31/08/2025"}]})
    with pytest.raises(InputError, match="Relevé 1.*un index ou une consommation"):
        energy_items({"releves": [{"date": "01/09/2025"}]})
    assert energy_items(None) == ([], [], [])

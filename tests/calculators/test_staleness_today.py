"""On 30 November 2026 nothing the kit computes for a household today is
past its revision calendar: a budget, a capacity, a plan, a bill, a procedure
show no « perime » notice. Data truly missing (chèque énergie 2026 scale,
prix repère since April 2026) is reported where it is used, once."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counselling.calculators.budget import diagnostic_budget
from counselling.calculators.capacity import capacite_menage
from counselling.calculators.cheque_energie import cheque_energie
from counselling.calculators.echeancier import echeancier
from counselling.calculators.electricity import conseil_option_electricite, facture_electricite
from counselling.calculators.gas import cout_gaz
from counselling.calculators.plan import plan_creanciers
from counselling.calculators.procedure import procedure_impayes
from counselling.errors import InputError
from counselling.results import Explainer

TODAY = dt.date(2026, 11, 30)
HOUSEHOLD = {
    "membres": [{"age": 38, "role": "adulte"}, {"age": 9, "role": "enfant"}, {"age": 4, "role": "enfant"}],
    "ressources": [{"categorie": "salaires", "montant": 1350}, {"categorie": "aide_logement", "montant": 280}],
    "charges": [{"categorie": "loyer", "montant": 640}, {"categorie": "electricite", "montant": 95},
                {"categorie": "credits", "montant": 120}],
}


def perime(result) -> list[str]:
    return [w.message for w in result.warnings if w.kind == "perime"]


@pytest.mark.parametrize("compute", [
    lambda: diagnostic_budget(HOUSEHOLD, on=TODAY),
    lambda: capacite_menage(HOUSEHOLD, on=TODAY, rsa_majore=True, aide_logement=True),
    lambda: echeancier(900, "2026-12-10", on=TODAY, nombre_echeances=6),
    lambda: plan_creanciers([{"creancier": "EDF", "montant": 420, "nature": "energie"},
                             {"creancier": "Bailleur", "montant": 800, "nature": "loyer"}],
                            capacite=150, premiere_echeance="2026-12-05", on=TODAY),
    lambda: facture_electricite("base", 6, "2026-10-01", "2026-11-30", 520),
    lambda: facture_electricite("tempo", 9, "2026-02-01", "2026-07-31",
                                {"bleu_hp": 900, "bleu_hc": 500, "blanc_hp": 60, "blanc_hc": 30}),
    lambda: conseil_option_electricite(4500, 6, on=TODAY),
    lambda: procedure_impayes(TODAY, statut="cheque_energie"),
], ids=["budget", "capacite", "echeancier", "plan", "facture", "facture_tempo", "conseil_option",
        "procedure"])
def test_nothing_due_today_means_no_staleness_notice(compute):
    result = compute()
    assert perime(result) == [] and not result.stale


def test_bill_running_past_the_next_revision_is_flagged_once():
    result = facture_electricite("base", 6, "2026-12-01", "2027-02-28", 900)
    notices = perime(result)
    assert len(notices) == 1
    assert "1er février 2027" in notices[0]
    assert "Tarif Bleu, option Base" in notices[0] and "Accise sur l'électricité" in notices[0]


def test_truly_missing_data_is_reported_where_used():
    # the 2026 chèque énergie scale was not published in the sources: one notice, with its date
    result = cheque_energie(2026, Decimal("9000"), 2)
    notices = perime(result)
    assert len(notices) == 1 and "1er janvier 2026" in notices[0]
    # a gas month with no prix repère is an error naming the field, never an older month's value
    with pytest.raises(InputError) as info:
        cout_gaz(TODAY, consommation_kwh=11200)
    assert info.value.field == "mois" and "pas de prix repère connu pour ce mois" in str(info.value)


def test_explainer_groups_every_stale_parameter_in_one_notice():
    ex = Explainer("essai", dt.date(2027, 4, 2))
    ex.param("trve.base")
    ex.param("taxes_electricite.accise_electricite")
    ex.param("rsa.montant_forfaitaire_base")
    ex.param("procedure_impayes.preavis_jours")
    ex.warn("perime", "FSL 99 : règlement à relire.")
    result = ex.result()
    notices = perime(result)
    assert len(notices) == 1
    text = notices[0]
    assert text.index("1er février 2027") < text.index("1er avril 2027")
    assert "FSL 99" in text and "préavis" not in text.lower()
    assert {p.key for p in result.stale_parameters} == {
        "trve.base", "taxes_electricite.accise_electricite", "rsa.montant_forfaitaire_base"}


def test_one_page_with_several_results_shows_one_staleness_notice():
    from counselling.results import page_notices

    late_bill = facture_electricite("base", 6, "2027-01-15", "2027-02-14", 310)
    late_cheque = cheque_energie(2026, Decimal("9000"), 2)
    notices = page_notices(late_bill, late_cheque, late_bill)
    stale = [n.message for n in notices if n.kind == "perime"]
    assert len(stale) == 1
    assert stale[0].index("1er janvier 2026") < stale[0].index("1er février 2027")
    assert stale[0].count("Tarif Bleu, option Base") == 1
    others = [n for n in notices if n.kind != "perime"]
    assert len(others) == len(set(others))

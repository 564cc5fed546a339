"""Speed of the budget tools: one full appointment, and many plans."""

from __future__ import annotations

import datetime as dt
import time

from benchmarks.harness import Measure, best_of, ms
from counselling.calculators.budget import diagnostic_budget
from counselling.calculators.capacity import capacite_menage
from counselling.calculators.echeancier import echeancier
from counselling.calculators.plan import plan_creanciers

ON = dt.date(2026, 11, 23)
MENAGE = {
    "membres": [{"age": 40, "role": "adulte"}, {"age": 38, "role": "adulte"},
                {"age": 15, "role": "enfant"}, {"age": 8, "role": "enfant"}],
    "ressources": [{"categorie": "salaires", "montant": 2100}, {"categorie": "prestations_familiales", "montant": 150},
                   {"categorie": "aide_logement", "montant": 600, "periodicite": "trimestre"}],
    "charges": [{"categorie": "loyer", "montant": 800}, {"categorie": "electricite", "montant": 1800,
                                                         "periodicite": "annee"},
                {"categorie": "eau", "montant": 40}, {"categorie": "transport", "montant": 25, "periodicite": "semaine"},
                {"categorie": "credits", "montant": 150}],
    "dettes": [{"creancier": "EDF", "nature": "energie", "montant": 640},
               {"creancier": "Bailleur", "nature": "loyer", "montant": 1200},
               {"creancier": "Cofidis", "nature": "credit", "montant": 2300}],
}


def _appointment():
    diagnostic_budget(MENAGE, ON)
    capacity = capacite_menage(MENAGE, ON, personnes_a_charge=2)["capacite"]
    plan_creanciers(MENAGE["dettes"], capacity, "2026-12-05", ON)


def bench_full_appointment() -> list[Measure]:
    seconds = best_of(_appointment, repeat=5, number=20)
    return [Measure("diagnostic + capacité + plan à 3 créanciers (un rendez-vous)", ms(seconds), "ms",
                    "cible < 5 ms")]


def bench_many_plans() -> list[Measure]:
    start = time.perf_counter()
    for i in range(10_000):
        echeancier(200 + i % 1800, "2026-12-05", ON, mensualite=30 + i % 70, capacite=80)
    single = time.perf_counter() - start
    start = time.perf_counter()
    for i in range(10_000):
        plan_creanciers([{"creancier": "A", "montant": 300 + i % 500, "nature": "energie"},
                         {"creancier": "B", "montant": 900 + i % 700, "nature": "credit"}],
                        60 + i % 90, "2026-12-05", ON, methode="prorata" if i % 2 else "priorites")
    multi = time.perf_counter() - start
    return [Measure("10 000 échéanciers d'une dette", round(single, 3), "s"),
            Measure("10 000 plans à 2 créanciers", round(multi, 3), "s")]

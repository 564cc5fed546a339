"""Worked example dossiers (for training, documentation, benchmarks and tests).

Fictitious households, realistic figures; no real person behind them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .model import BudgetLine, Consent, Debt, Dossier, Member, Note, Payment, new_reference


def single_parent(on: dt.date = dt.date(2026, 11, 30), debts: list[Debt] | None = None) -> Dossier:
    """A parent alone with a child in alternating residence, an energy debt and a consumer credit."""
    return Dossier(
        reference=new_reference(on), cree_le=on, cree_par="conseil",
        consentement=Consent(date=on, conservation=True, recueilli_par="conseil"),
        membres=[Member(role="adulte", age=38), Member(role="enfant", age=9, residence_alternee=True)],
        ressources=[BudgetLine(categorie="salaires", montant="1450"),
                    BudgetLine(categorie="aide_logement", montant="600", periodicite="trimestre"),
                    BudgetLine(categorie="prestations_familiales", montant="150")],
        charges=[BudgetLine(categorie="loyer", montant="620"),
                 BudgetLine(categorie="electricite", montant="1500", periodicite="annee")],
        dettes=debts if debts is not None else [Debt(creancier="EDF", nature="energie", montant="480"),
                                                 Debt(creancier="Cofidis", nature="credit", montant="1200")])


def large_family(on: dt.date = dt.date(2026, 11, 30)) -> Dossier:
    """The « full dossier » of the benchmarks: 5 members, 30 budget lines, 3 debts,
    a 24-instalment plan and 12 payments."""
    from . import adapters

    categories_r = ["salaires", "chomage", "prestations_familiales", "aide_logement", "autres_ressources"]
    categories_c = ["loyer", "electricite", "gaz", "eau", "assurances", "telephone_internet", "transport",
                    "mutuelle", "garde_cantine", "autres_charges"]
    dossier = Dossier(
        reference=new_reference(on), cree_le=on, cree_par="conseil",
        consentement=Consent(date=on, conservation=True, partage_creanciers=True, recueilli_par="conseil"),
        membres=[Member(role="adulte", age=44), Member(role="adulte", age=41), Member(role="enfant", age=16),
                 Member(role="enfant", age=12), Member(role="enfant", age=6)],
        ressources=[BudgetLine(categorie=categories_r[i % 5], montant=Decimal(310 + 17 * i)) for i in range(10)],
        charges=[BudgetLine(categorie=categories_c[i % 10], montant=Decimal(35 + 9 * i)) for i in range(20)],
        dettes=[Debt(creancier="Office public de l'habitat", nature="loyer", montant="2160", reference="LOC-55102"),
                Debt(creancier="Engie", nature="energie", montant="934.56", reference="GZ-7781"),
                Debt(creancier="Cetelem", nature="credit", montant="3105.44", reference="CR-00912")],
        notes=[Note(date=dt.datetime.combine(on, dt.time(14, 32)), auteur="conseil",
                    texte="Premier rendez-vous : budget et plan avec les trois créanciers.")])
    _, plan = adapters.propose_plan(dossier, 260, on + dt.timedelta(days=5), on)
    plan.statut = "accepte"
    dossier.plans.append(plan)
    for instalment in sorted(plan.echeances, key=lambda e: e.date)[:12]:
        dossier.paiements.append(Payment(date=instalment.date, montant=instalment.montant,
                                         debt_id=instalment.debt_id, plan_id=plan.id))
    return dossier

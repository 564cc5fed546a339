"""Hypothesis strategies for whole dossiers (shared by model and storage tests)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from counselling.dossier.model import (Act, BudgetLine, Consent, Debt, Dossier, Identity, Instalment, Member,
                                       Note, Payment, Plan, RightCheck, new_reference)

DAY = dt.date(2026, 11, 30)
money = st.integers(min_value=1, max_value=10_000_000_00).map(lambda c: Decimal(c) / 100)
days = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31))
text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
ids = st.uuids().map(lambda u: u.hex[:8])


@st.composite
def dossiers(draw) -> Dossier:
    members = draw(st.lists(st.builds(Member, id=ids, role=st.sampled_from(["adulte", "enfant"]),
                                      age=st.integers(0, 120), a_charge=st.none() | st.booleans()),
                            max_size=6))
    lines = st.lists(st.builds(BudgetLine, id=ids, categorie=st.sampled_from(["salaires", "loyer", "autres"]),
                               montant=money, periodicite=st.sampled_from(["semaine", "mois", "trimestre", "annee"]),
                               libelle=st.none() | text), max_size=5)
    debts = draw(st.lists(st.builds(Debt, id=ids, creancier=text, nature=st.sampled_from(["energie", "loyer", "credit"]),
                                    montant=money, reference=st.none() | text), max_size=4))
    plans, payments = [], []
    if debts:
        debt = debts[0]
        plan = Plan(cree_le=draw(days), capacite=draw(money), premiere_echeance=draw(days), debt_ids=[debt.id],
                    echeances=[Instalment(debt_id=debt.id, date=draw(days), montant=draw(money))
                               for _ in range(draw(st.integers(1, 4)))])
        plans.append(plan)
        payments = [Payment(date=draw(days), montant=draw(money), debt_id=debt.id,
                            plan_id=draw(st.sampled_from([None, plan.id]))) for _ in range(draw(st.integers(0, 3)))]
    dossier = Dossier(
        reference=new_reference(DAY), cree_le=draw(days), cree_par=draw(text),
        consentement=Consent(date=draw(days), conservation=True, recueilli_par=draw(text),
                             partage_creanciers=draw(st.booleans())),
        identite=Identity(nom=draw(st.none() | text), prenom=draw(st.none() | text)),
        membres=members, ressources=draw(lines), charges=draw(lines), dettes=debts, plans=plans,
        paiements=payments,
        droits=[RightCheck(droit="cheque_energie", date=draw(days),
                           entrees={"rfr": "9000", "persons": 2}, resultat={"montant": "176", "eligible": True})],
        notes=[Note(date=dt.datetime(2026, 11, 30, 14, 32), auteur="conseil", texte=draw(text))],
        actes=[Act(date=draw(days), type="rendez_vous_pcb", conseiller="conseil", motifs=["budget"])],
    )
    # ids drawn independently may collide: such a dossier is rightly refused by the model
    return dossier

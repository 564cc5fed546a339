"""The documents, each built from calculator results (a quick simulation)
or, through :mod:`.from_dossier`, from a dossier.

Every function returns a :class:`~.render.Document` (HTML preview, PDF on
demand). They take results, not raw inputs, so a document shows exactly the
figures the page showed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..errors import InputError
from ..household import categories
from ..results import Result
from .render import Document, render
from .settings import Structure


def _periods() -> dict[str, str]:
    return {code: p.label for code, p in categories().periodicites.valeurs.items()}


def budget_summary(budget: Result, capacity: Result | None = None, *, on: dt.date | None = None,
                   reference: str | None = None, structure: Structure | None = None,
                   lang: str = "fr") -> Document:
    """Budget summary: resources, charges, reste à vivre, repayment capacity
    with its short explanation."""
    return render("budget.html", {"budget": budget, "capacity": capacity, "reference": reference,
                                  "periods": _periods()},
                  kind="budget", title="Résumé du budget", on=on or budget.on, structure=structure, lang=lang)


def _creditors(plan: Result) -> list[dict[str, Any]]:
    creditors = plan["creanciers"]
    if not creditors or not any(c["echeances"] for c in creditors):
        raise InputError("plan", "Échéancier", "le plan ne compte aucun versement",
                         "un plan avec au moins un versement (construire le plan d'abord)")
    return creditors


def echeancier(plan: Result, *, on: dt.date | None = None, reference: str | None = None,
               references: dict[str, str] | None = None, person: str | None = None,
               structure: Structure | None = None, lang: str = "fr") -> Document:
    """The plan to sign: a summary page across creditors, then one page per
    creditor with dates and amounts and signature lines for the person, the
    structure and the creditor.

    ``references`` gives the debt reference at each creditor (by creditor name).
    """
    creditors = _creditors(plan)
    by_date: dict[dt.date, dict[int, Any]] = {}
    for index, creditor in enumerate(creditors):
        for row in creditor["echeances"]:
            by_date.setdefault(row["date"], {})[index] = row["montant"]
    return render("echeancier.html", {"plan": plan, "creditors": creditors, "by_date": by_date,
                                      "reference": reference, "references": references or {},
                                      "person": person},
                  kind="echeancier", title="Échéancier", on=on or plan.on, structure=structure, lang=lang)


def creditor_letter(plan: Result, creditor: str, *, on: dt.date | None = None, reference: str | None = None,
                    debt_reference: str | None = None, person: str | None = None,
                    budget: Result | None = None, share_budget: bool = False,
                    structure: Structure | None = None, lang: str = "fr") -> Document:
    """A letter to one creditor proposing its part of the plan.

    The budget detail is shown only when the person agreed to share it
    (``share_budget``); otherwise the letter gives the proposal alone.
    """
    creditors = _creditors(plan)
    match = [c for c in creditors if c["creancier"] == creditor]
    if not match:
        raise InputError("creancier", "Créancier", f"« {creditor} » n'est pas dans le plan",
                         "un des créanciers du plan : " + ", ".join(c["creancier"] for c in creditors))
    return render("lettre_creancier.html",
                  {"plan": plan, "creditor": match[0], "reference": reference, "debt_reference": debt_reference,
                   "person": person, "budget": budget if share_budget else None},
                  kind="lettre", title=f"Proposition de remboursement — {creditor}", on=on or plan.on,
                  structure=structure, lang=lang)

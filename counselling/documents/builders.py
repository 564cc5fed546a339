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
                  kind="budget", title="Résumé du budget", on=on, scales_on=budget.on, structure=structure, lang=lang)


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
                  kind="echeancier", title="Échéancier", on=on, scales_on=plan.on, structure=structure, lang=lang)


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
                  kind="lettre", title=f"Proposition de remboursement — {creditor}", on=on, scales_on=plan.on,
                  structure=structure, lang=lang)


_CRITERION_STATUS = {"rempli": "rempli", "non_rempli": "non rempli",
                     "information_manquante": "information à donner", "a_verifier": "à vérifier auprès du département"}


def fsl_summary(result: Result, *, on: dt.date | None = None, reference: str | None = None,
                structure: Structure | None = None, lang: str = "fr") -> Document:
    """FSL: criteria met and to check, pieces to gather as a checklist, and
    who to contact in the territory (from its file under ``tariffs/fsl/``)."""
    from .. import fsl_rules

    territory = fsl_rules.fsl_file(result["departement"])
    volet_label = fsl_rules.national().volets.get(result["volet"], result["volet"])
    return render("fsl.html", {"result": result, "territory": territory, "volet_label": volet_label,
                               "criterion_status": _CRITERION_STATUS, "reference": reference},
                  kind="fsl", title=f"FSL — {territory.nom}", on=on, scales_on=result.on, structure=structure, lang=lang)


def cheque_energie_summary(result: Result, *, year: int, issued_on: dt.date | None = None,
                           on: dt.date | None = None, reference: str | None = None,
                           structure: Structure | None = None, lang: str = "fr") -> Document:
    """Chèque énergie: amount, what it pays, until when, what it protects."""
    from .. import tariffs
    from ..calculators.cheque_energie import cheque_protections, cheque_validity, campaign_date

    validity = cheque_validity(issued_on) if issued_on else None
    protections = cheque_protections(year) if result["eligible"] else None
    usages = tariffs.get("cheque_energie.usages", campaign_date(year)).value
    return render("cheque_energie.html",
                  {"result": result, "year": year, "issued_on": issued_on, "validity": validity,
                   "protections": protections, "usages": usages, "reference": reference},
                  kind="cheque_energie", title=f"Chèque énergie {year}", on=on, scales_on=result.on, structure=structure,
                  lang=lang)


def bill_check(bill: Result, *, on: dt.date | None = None, reference: str | None = None,
               structure: Structure | None = None, lang: str = "fr") -> Document:
    """A bill explained line by line: subscription, energy, taxes, per tariff period."""
    from ..calculators.electricity import OPTIONS

    return render("facture.html", {"bill": bill, "option_label": OPTIONS[bill["option"]][0], "reference": reference},
                  kind="facture", title="Vérification de facture", on=on, scales_on=bill.on, structure=structure, lang=lang)


def ecogestes_handout(result: Result, *, on: dt.date | None = None, structure: Structure | None = None,
                      lang: str = "fr") -> Document:
    """The éco-gestes handout: the chosen gestures (else the five best) with kWh and € per year."""
    from ..formatting import number

    combination = result["combinaison"]
    applicable = [g for g in result["gestes"] if g["applicable"]]
    chosen = set(combination["gestes"]) if combination else set()
    gestures = [g for g in applicable if g["code"] in chosen] if chosen else applicable[:5]
    price = result["prix"].get("electricite")
    price_text = f"{number(price, 4)} €" if price is not None else "—"
    return render("ecogestes.html", {"result": result, "combination": combination, "gestures": gestures,
                                     "price_text": price_text, "reference": None},
                  kind="ecogestes", title="Mes éco-gestes", on=on, scales_on=result.on, structure=structure, lang=lang)

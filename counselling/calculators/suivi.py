"""Follow-up of a plan: recorded payments, status, re-planning.

Pure functions over plain lists:

* payments are applied to the instalments in date order (the oldest unpaid
  instalment first); a payment beyond the whole plan is an overpayment
  (``trop_percu``);
* an instalment is « payée » when covered, « en retard » when its date is
  before the day of the follow-up and it is not covered (fully or in part),
  « partielle » when partly covered and not yet due, « à venir » otherwise;
* a plan is « soldé » when everything is paid, « en retard » when an
  instalment past its date is not covered, « à jour » otherwise.

Re-planning after a missed or partial payment (:func:`replanifier`): what is
still owed is either spread over the dates left (``etaler``: same end date,
higher instalments) or paid at the same instalment as before
(``prolonger``: later end date), through :func:`~.echeancier.echeancier` and
its constraints.
"""

from __future__ import annotations

from decimal import Decimal

from ..errors import InputError, quote
from ..formatting import date_fr, eur, how_many
from ..inputs import parse_date, parse_money
from ..results import Explainer, Result
from .echeancier import echeancier

MAX_AMOUNT = Decimal(10_000_000)


def _rows(items, field: str, label: str, on=None, future_ok=True) -> list[dict]:
    if items is None:
        return []
    if not isinstance(items, (list, tuple)):
        raise InputError(field, label, "la valeur n'est pas une liste", "une liste de {date, montant}")
    rows = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise InputError(f"{field}[{i}]", f"{label} n° {i + 1}", "ce n'est pas une fiche {date, montant}",
                             "une fiche {date, montant}")
        day = parse_date(item.get("date"), f"{field}[{i}].date", f"Date ({label.lower()} n° {i + 1})",
                         maximum=None if future_ok else on)
        amount = parse_money(item.get("montant"), f"{field}[{i}].montant", f"Montant ({label.lower()} n° {i + 1})",
                             allow_zero=False, maximum=MAX_AMOUNT)
        rows.append({"date": day, "montant": amount})
    return rows


def suivi_paiements(echeances, paiements, on) -> Result:
    """Status of a plan on the day ``on`` given the payments recorded.

    Parameters
    ----------
    echeances : list of dict
        The plan: ``{date, montant}`` per instalment (as returned by
        :func:`~.echeancier.echeancier`, extra keys ignored).
    paiements : list of dict
        Payments actually made: ``{date, montant}``; none may be after ``on``.
    on : date
        Day of the follow-up.

    Returns
    -------
    Result
        ``echeances`` (each with ``paye``, ``reste``, ``statut``), ``statut``
        (« à jour », « en retard », « soldé »), ``total_du``, ``total_paye``,
        ``reste_du``, ``montant_en_retard``, ``trop_percu`` [€],
        ``echeances_en_retard`` (count).
    """
    on = parse_date(on, "on", "Date du suivi")
    plan = _rows(echeances, "echeances", "Échéance")
    if not plan:
        raise InputError("echeances", "Échéances", "le plan ne compte aucune échéance", "au moins une échéance")
    paid = _rows(paiements, "paiements", "Paiement", on=on, future_ok=False)
    plan.sort(key=lambda r: r["date"])
    ex = Explainer("suivi_paiements", on)
    due_total = sum((r["montant"] for r in plan), Decimal(0))
    paid_total = sum((r["montant"] for r in paid), Decimal(0))
    ex.step(f"Le plan compte {how_many(len(plan), 'échéance', 'échéances')} pour {eur(due_total)} ; "
            f"{how_many(len(paid), 'paiement enregistré', 'paiements enregistrés')} pour {eur(paid_total)} "
            f"au {date_fr(on)}.")
    pool = paid_total
    rows = []
    late_amount = Decimal(0)
    late_count = 0
    for r in plan:
        covered = min(pool, r["montant"])
        pool -= covered
        missing = r["montant"] - covered
        if missing == 0:
            status = "payée"
        elif r["date"] < on:
            status = "en retard"
            late_amount += missing
            late_count += 1
        elif covered > 0:
            status = "partielle"
        else:
            status = "à venir"
        rows.append({"date": r["date"], "montant": r["montant"], "paye": covered, "reste": missing,
                     "statut": status})
    overpaid = pool
    remaining = due_total - (paid_total - overpaid)
    if remaining == 0:
        status = "soldé"
        ex.step("Tout est payé : le plan est soldé.")
    elif late_count:
        status = "en retard"
        ex.step(f"{how_many(late_count, 'échéance passée non réglée', 'échéances passées non réglées')} : {eur(late_amount)} de retard.",
                formula=" + ".join(eur(r["reste"]) for r in rows if r["statut"] == "en retard")
                + f" = {eur(late_amount)}")
        ex.warn("attention", f"Retard de {eur(late_amount)} : prévenir le créancier avant la prochaine "
                             "échéance et, si besoin, revoir le plan.")
    else:
        status = "à jour"
        ex.step("Les échéances passées sont toutes réglées : le plan est à jour.")
    ex.step(f"Reste dû : {eur(remaining)}.",
            formula=f"{eur(due_total)} − {eur(paid_total - overpaid)} = {eur(remaining)}")
    if overpaid:
        ex.warn("attention", f"Les paiements dépassent le plan de {eur(overpaid)} (trop-perçu à réclamer).")
    return ex.result(echeances=rows, statut=status, total_du=due_total, total_paye=paid_total,
                     reste_du=remaining, montant_en_retard=late_amount, echeances_en_retard=late_count,
                     trop_percu=overpaid)


def replanifier(echeances, paiements, on, methode="etaler", premiere_echeance=None,
                periodicite="mensuelle", capacite=None, duree_max_mois=None, echeance_min=None) -> Result:
    """New plan for what is still owed after missed or partial payments.

    Parameters
    ----------
    echeances, paiements, on
        As for :func:`suivi_paiements`.
    methode : str
        ``"etaler"``: the balance over the instalment dates left (from ``on``
        on), ending on the same date; ``"prolonger"``: the same instalment as
        before (the first one of the plan), ending later.
    premiere_echeance : date or None
        First date of the new plan (default: the first date of the old plan
        on or after ``on``; required when none is left).
    periodicite, capacite, duree_max_mois, echeance_min
        Passed to :func:`~.echeancier.echeancier`.

    Returns
    -------
    Result
        The new plan (keys of :func:`~.echeancier.echeancier`) plus
        ``ancien_statut`` and ``reste_du`` [€]; the explanation starts with
        the follow-up.
    """
    follow = suivi_paiements(echeances, paiements, on)
    if methode not in ("etaler", "prolonger"):
        raise InputError("methode", "Méthode de replanification", f"{quote(methode)} n'est pas une méthode connue",
                         "« etaler » (même date de fin) ou « prolonger » (même échéance)")
    remaining = follow["reste_du"]
    if remaining == 0:
        raise InputError("paiements", "Paiements", "le plan est déjà soldé", "un plan avec un reste dû")
    on_day = follow.on
    future = [r for r in follow["echeances"] if r["date"] >= on_day]
    if premiere_echeance in (None, ""):
        if not future:
            raise InputError("premiere_echeance", "Date de la première échéance du nouveau plan",
                             "toutes les dates du plan sont passées", "une date à partir d'aujourd'hui")
        first = future[0]["date"]
    else:
        first = parse_date(premiere_echeance, "premiere_echeance", "Date de la première échéance du nouveau plan",
                           minimum=on_day)
    if methode == "etaler":
        count = max(1, len([r for r in future if r["date"] >= first]))
        new = echeancier(remaining, first, on_day, nombre_echeances=count, periodicite=periodicite,
                         jour=follow["echeances"][0]["date"].day, capacite=capacite,
                         duree_max_mois=duree_max_mois, echeance_min=echeance_min)
        intro = (f"Méthode « étaler » : les {eur(remaining)} restant dus sont répartis sur "
                 f"{how_many(count, 'échéance', 'échéances')} à partir du {date_fr(first)}.")
    else:
        amount = follow["echeances"][0]["montant"]
        new = echeancier(remaining, first, on_day, mensualite=amount, periodicite=periodicite,
                         jour=follow["echeances"][0]["date"].day, capacite=capacite,
                         duree_max_mois=duree_max_mois, echeance_min=echeance_min)
        intro = (f"Méthode « prolonger » : les {eur(remaining)} restant dus sont payés par échéances de "
                 f"{eur(amount)} à partir du {date_fr(first)}.")
    ex = Explainer("replanifier", on_day)
    ex.step(intro)
    values = dict(new.values, ancien_statut=follow["statut"], reste_du=remaining)
    return Result(calculator="replanifier", on=on_day, values=values,
                  steps=follow.steps + ex.steps + new.steps,
                  warnings=follow.warnings + [w for w in new.warnings if w not in follow.warnings],
                  parameters=follow.parameters + new.parameters)

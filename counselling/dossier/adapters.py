"""Small adapters between a dossier and the calculators.

The calculators stay pure and take plain values; these functions read a
:class:`~counselling.dossier.model.Dossier` and give each calculator its
inputs (``*_input``), call it (``budget``, ``capacity``…), and turn a result
back into an item of the dossier (``plan_from_result``, ``right_record``).
Nothing here stores anything: the page that calls them saves the dossier.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..calculators.budget import diagnostic_budget
from ..calculators.capacity import capacite_menage
from ..calculators.cheque_energie import cheque_energie
from ..calculators.fsl import fsl
from ..calculators.plan import plan_creanciers
from ..calculators.suivi import suivi_paiements
from ..errors import InputError
from ..formatting import how_many
from ..household import categories
from ..inputs import parse_date
from ..results import Result
from .model import Bill, Dossier, EnergyContract, Instalment, Plan, Reading, RightCheck

# --------------------------------------------------------------------------- household and budget


def household_input(dossier: Dossier, on: dt.date) -> dict[str, Any]:
    """The household as :func:`counselling.household.parse_household` reads it:
    members with their age on ``on``, resources and charges as typed, and the
    debts with what is still owed after the recorded payments (settled debts
    left out)."""
    members = [{"age": _age(m, on, dossier.cree_le), "role": m.role,
                "residence_alternee": m.residence_alternee} for m in dossier.membres]
    lines = {kind: [{"categorie": x.categorie, "montant": x.montant, "periodicite": x.periodicite,
                     **({"libelle": x.libelle} if x.libelle else {})}
                    for x in getattr(dossier, kind)]
             for kind in ("ressources", "charges")}
    return {"membres": members, **lines, "dettes": debts_input(dossier)}


ADULT_AGE_AT_LEAST = 18  # an adult whose age was not given is at least of age: past every age limit of the scales


def _age(member, on: dt.date, recorded_on: dt.date) -> int:
    age = member.age_on(on, recorded_on)
    return ADULT_AGE_AT_LEAST if age is None else age


def debts_input(dossier: Dossier, debt_ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Debts still owed, as :func:`~counselling.calculators.plan.plan_creanciers`
    reads them (with each creditor's own limits); ``id`` is kept so that the
    plan's lines can be tied back to the dossier's debts."""
    out = []
    for debt in dossier.dettes:
        if debt_ids is not None and debt.id not in debt_ids:
            continue
        remaining = dossier.remaining(debt.id)
        if remaining == 0:
            continue
        item: dict[str, Any] = {"id": debt.id, "creancier": debt.creancier, "nature": debt.nature,
                                "montant": remaining}
        if debt.prioritaire is not None:
            item["prioritaire"] = debt.prioritaire
        if debt.duree_max_mois is not None:
            item["duree_max_mois"] = debt.duree_max_mois
        if debt.echeance_min is not None:
            item["echeance_min"] = debt.echeance_min
        out.append(item)
    return out


def _without_ids(debts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in d.items() if k != "id"} for d in debts]


def dependants(dossier: Dossier) -> int:
    """Persons at charge for the seizure scale [personnes]."""
    return sum(1 for m in dossier.membres if m.dependant())


def budget(dossier: Dossier, on) -> Result:
    """Budget diagnostic of the dossier's household (reste à vivre…)."""
    on = parse_date(on, "on", "Date du diagnostic")
    return diagnostic_budget(household_input(dossier, on), on)


def capacity(dossier: Dossier, on) -> Result:
    """Repayment capacity (Banque de France method) of the dossier's household."""
    on = parse_date(on, "on", "Date du calcul")
    return capacite_menage(household_input(dossier, on), on, personnes_a_charge=dependants(dossier))


# --------------------------------------------------------------------------- plans and follow-up


def propose_plan(dossier: Dossier, capacite, premiere_echeance, on, methode: str = "priorites",
                 jour=None, debt_ids: list[str] | None = None) -> tuple[Result, Plan]:
    """A plan across the debts still owed, and the :class:`Plan` to keep.

    The plan is not added to the dossier: the page shows it, and adds it
    (status « proposé ») when the counsellor keeps it.
    """
    on = parse_date(on, "on", "Date du jour")
    debts = debts_input(dossier, debt_ids)
    if not debts:
        raise InputError("dettes", "Dettes", "aucune dette restant due dans le dossier",
                         "au moins une dette non soldée")
    result = plan_creanciers(_without_ids(debts), capacite, premiere_echeance, on, methode=methode, jour=jour)
    return result, plan_from_result(result, debts, on, methode, _capacity(capacite))


def plan_from_result(result: Result, debts: list[dict[str, Any]], on: dt.date, methode: str,
                     capacite: Decimal, replaces: str | None = None) -> Plan:
    """Turn a :func:`plan_creanciers` result into a dossier :class:`Plan`.

    The calculator returns its creditors in the order given, so the n-th
    creditor of the result is the n-th debt given.
    """
    creditors = result["creanciers"]
    if len(creditors) != len(debts):
        raise InputError("plan", "Plan", "le plan ne couvre pas toutes les dettes données",
                         "un plan par dette")
    instalments = [Instalment(debt_id=debt["id"], date=row["date"], montant=row["montant"])
                   for debt, creditor in zip(debts, creditors, strict=True)
                   for row in creditor["echeances"] if row["montant"] > 0]
    if not instalments:
        raise InputError("capacite", "Capacité de remboursement", "le plan ne compte aucun versement",
                         "une capacité qui permet au moins un versement")
    first = min(i.date for i in instalments)
    return Plan(cree_le=on, methode=methode if methode in ("priorites", "prorata") else "priorites",
                capacite=capacite,
                premiere_echeance=first, jour=first.day, debt_ids=[d["id"] for d in debts],
                echeances=instalments, remplace=replaces)


def plan_payments(dossier: Dossier, plan: Plan, debt_id: str) -> list[dict[str, Any]]:
    """Payments that count for ``plan`` on one debt: those recorded against
    the plan, and those recorded against no plan since it was drawn up."""
    return [{"date": p.date, "montant": p.montant} for p in dossier.paiements
            if p.debt_id == debt_id and (p.plan_id == plan.id or (p.plan_id is None and p.date >= plan.cree_le))]


def follow_up(dossier: Dossier, plan: Plan, on) -> dict[str, Result]:
    """Status of each creditor of a plan on the day ``on``
    (:func:`~counselling.calculators.suivi.suivi_paiements`): {debt id: result}."""
    on = parse_date(on, "on", "Date du suivi")
    out = {}
    for debt_id in plan.debt_ids:
        schedule = [{"date": e.date, "montant": e.montant} for e in plan.echeances if e.debt_id == debt_id]
        if schedule:
            out[debt_id] = suivi_paiements(schedule, plan_payments(dossier, plan, debt_id), on)
    return out


def replan(dossier: Dossier, plan: Plan, capacite, premiere_echeance, on,
           methode: str | None = None) -> tuple[Result, Plan]:
    """A new plan for what is still owed on the debts of ``plan`` after the
    recorded payments; the new :class:`Plan` names the one it replaces (the
    page marks the old one « remplacé » when the new one is kept)."""
    on = parse_date(on, "on", "Date du jour")
    debts = debts_input(dossier, plan.debt_ids)
    if not debts:
        raise InputError("paiements", "Paiements", "toutes les dettes de ce plan sont soldées",
                         "un plan avec un reste dû")
    method = methode or (plan.methode if plan.methode in ("priorites", "prorata") else "priorites")
    result = plan_creanciers(_without_ids(debts), capacite, premiere_echeance, on, methode=method)
    return result, plan_from_result(result, debts, on, method, _capacity(capacite), replaces=plan.id)


def _capacity(value) -> Decimal:
    from ..inputs import parse_money

    return parse_money(value, "capacite", "Capacité de remboursement mensuelle", allow_zero=False)


# --------------------------------------------------------------------------- rights


def cheque_energie_input(dossier: Dossier) -> dict[str, Any]:
    """Inputs of :func:`~counselling.calculators.cheque_energie.cheque_energie`
    known from the dossier (the campaign year is chosen on the page)."""
    if dossier.fiscal.rfr is None:
        raise InputError("fiscal.rfr", "Revenu fiscal de référence", "il n'est pas encore saisi dans le dossier",
                         "le montant de l'avis d'impôt (section Foyer)")
    if not dossier.membres:
        raise InputError("membres", "Membres du foyer", "aucun membre n'est saisi", "au moins une personne")
    return {"rfr": dossier.fiscal.rfr, "persons": len(dossier.membres),
            "alternating_children": sum(1 for m in dossier.membres if m.residence_alternee),
            "electricity_contract_holder": dossier.fiscal.titulaire_contrat_electricite}


def cheque(dossier: Dossier, year) -> Result:
    """Chèque énergie of the dossier's household for campaign ``year``."""
    return cheque_energie(year, **cheque_energie_input(dossier))


_DEBT_NATURE_FOR_VOLET = {"energie": "energie", "eau": "eau", "maintien": "loyer"}


def fsl_input(dossier: Dossier, volet: str, on: dt.date) -> dict[str, Any]:
    """Inputs of :func:`~counselling.calculators.fsl.fsl` known from the
    dossier: territory, composition, monthly resources by FSL nature, and the
    facts the dossier already tells (debt of the volet, social housing,
    contract holder). Facts it does not know are left for the page to ask."""
    code = dossier.logement.territoire_fsl
    if not code:
        raise InputError("logement.territoire_fsl", "Département du logement",
                         "il n'est pas encore saisi dans le dossier", "le département (section Foyer)")
    kinds = categories().ressources.valeurs
    resources: dict[str, Decimal] = {}
    household = household_input(dossier, on)
    from ..household import parse_household  # the same normalisation to months as the budget

    for line in parse_household(household).ressources:
        nature = kinds[line.categorie].fsl or "autres_ressources"
        resources[nature] = resources.get(nature, Decimal(0)) + line.mensuel
    facts: dict[str, Any] = {}
    nature = _DEBT_NATURE_FOR_VOLET.get(volet)
    if nature is not None:
        owed = sum((dossier.remaining(d.id) for d in dossier.dettes if d.nature == nature), Decimal(0))
        if owed > 0:
            facts["dette"] = owed
    if dossier.logement.statut in ("locataire_social", "locataire_prive"):
        facts["logement_social"] = dossier.logement.statut == "locataire_social"
    holders = [c.titulaire for c in dossier.contrats if c.energie == "electricite" and c.titulaire is not None]
    if volet == "energie" and holders:
        facts["contrat_au_nom_du_menage"] = all(holders)
    adults = sum(1 for m in dossier.membres if m.role == "adulte")
    return {"departement": code, "volet": volet, "on": on, "adultes": adults,
            "enfants": len(dossier.membres) - adults, "ressources": resources, "faits": facts}


def fsl_check(dossier: Dossier, volet: str, on, faits: dict[str, Any] | None = None,
              aides_precedentes=None) -> Result:
    """FSL of the dossier's territory; ``faits`` typed on the page complete
    (and override) those the dossier tells."""
    on = parse_date(on, "on", "Date de la demande")
    data = fsl_input(dossier, volet, on)
    data["faits"] = {**data["faits"], **(faits or {})}
    return fsl(**data, aides_precedentes=aides_precedentes)


def right_record(droit: str, result: Result, inputs: dict[str, Any], statut: str | None = None,
                 resume: str | None = None) -> RightCheck:
    """A :class:`RightCheck` keeping what was typed and the key figures of the
    result as plain JSON (amounts as strings), to show it again as it was."""
    return RightCheck(droit=droit, date=result.on, entrees=_jsonable(inputs),
                      resultat=_jsonable({k: v for k, v in result.values.items() if _scalar(v)}),
                      statut=statut, resume=resume)


def _scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, Decimal, dt.date))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, (int, str)):
        return value
    if isinstance(value, (Decimal, float)):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def stored_plan_result(dossier: Dossier, plan: Plan) -> Result:
    """A kept plan shown again as a plan result (the shape of
    :func:`~counselling.calculators.plan.plan_creanciers`), for its table and
    its documents: the figures are the stored instalments, never recomputed."""
    from ..formatting import date_fr, eur
    from ..results import Explainer

    ex = Explainer("plan_retenu", plan.cree_le)
    creditors, months = [], {}
    for debt_id in plan.debt_ids:
        debt = dossier.debt(debt_id)
        rows = sorted((e for e in plan.echeances if e.debt_id == debt_id), key=lambda e: e.date)
        owed = plan.total(debt_id) + _left_after(dossier, plan, debt_id)
        left, lines = owed, []
        for row in rows:
            left -= row.montant
            lines.append({"date": row.date, "montant": row.montant, "reste_du": left})
            months[row.date] = months.get(row.date, Decimal(0)) + row.montant
        creditors.append({"creancier": debt.creancier, "nature": debt.nature, "prioritaire": debt.prioritaire,
                          "montant": owed, "echeances": lines, "nombre_echeances": len(lines),
                          "date_fin": lines[-1]["date"] if lines else None, "solde": left})
    total = sum((c["montant"] for c in creditors), Decimal(0))
    paid = plan.total()
    ex.step(f"Plan retenu le {date_fr(plan.cree_le)} : {eur(paid)} en {len(months)} mois, "
            f"{eur(plan.capacite)} par mois au plus.")
    return ex.result(creanciers=creditors, mois=[{"date": d, "total": t} for d, t in sorted(months.items())],
                     duree_mois=len(months), total_dettes=total, total_paye=paid, solde_non_couvert=total - paid,
                     faisable=total == paid, motifs=[], methode=plan.methode)


def _left_after(dossier: Dossier, plan: Plan, debt_id: str) -> Decimal:
    """What the plan leaves uncovered on a debt: owed when it was drawn up
    (debt minus payments before it) minus the plan's instalments."""
    before = sum((p.montant for p in dossier.paiements
                  if p.debt_id == debt_id and p.plan_id != plan.id and p.date < plan.cree_le), Decimal(0))
    owed = max(Decimal(0), dossier.debt(debt_id).montant - before)
    return max(Decimal(0), owed - plan.total(debt_id))


def dossier_from_simulation(menage: dict[str, Any] | None, *, consent, user: str, today: dt.date,
                            rfr=None, territoire_fsl: str | None = None, identite=None,
                            droits: list[RightCheck] | None = None,
                            energie: dict[str, Any] | None = None) -> Dossier:
    """A new dossier from what a quick simulation page typed (the household as
    :func:`counselling.household.parse_household` reads it, the rights it
    checked, and/or the energy contract with its bills and readings as
    :func:`energy_items` reads them), once the person agreed (``consent``):
    nothing of a quick simulation is kept otherwise."""
    from .model import Fiscal, Housing, Identity, new_reference

    contracts, bills, readings = energy_items(energie)
    return Dossier(reference=new_reference(today), cree_le=today, cree_par=user, consentement=consent,
                   identite=identite or Identity(), droits=list(droits or []),
                   fiscal=Fiscal(rfr=rfr), logement=Housing(territoire_fsl=territoire_fsl),
                   contrats=contracts, factures=bills, releves=readings, **_household_items(menage))


def _household_items(menage: dict[str, Any] | None) -> dict[str, list]:
    """Members, budget lines and debts of a household typed on a page."""
    from ..household import parse_household
    from .model import BudgetLine, Debt, Member

    if menage is None:
        return {"membres": [], "ressources": [], "charges": [], "dettes": []}
    household = parse_household(menage)
    return {
        "membres": [Member(role=m.role, age=m.age if m.role == "enfant" else None,
                           residence_alternee=m.residence_alternee) for m in household.membres],
        **{kind: [BudgetLine(categorie=x.categorie, montant=x.montant, periodicite=x.periodicite)
                  for x in getattr(household, kind)] for kind in ("ressources", "charges")},
        "dettes": [Debt(creancier=d.creancier, nature=d.nature, montant=d.montant) for d in household.dettes],
    }


def add_simulation(dossier: Dossier, *, menage: dict[str, Any] | None = None, rfr=None,
                   territoire_fsl: str | None = None, droits: list[RightCheck] | None = None,
                   energie: dict[str, Any] | None = None) -> tuple[Dossier, list[str]]:
    """What a quick simulation page adds to a dossier that already exists.

    Nothing already in the dossier is replaced: checked rights are added;
    bills and readings are added to the dossier's contract of the same
    energy (and option, power, supplier where both say one), or with their
    own contract when none matches, and a bill or reading of a period
    already recorded is not added twice; the household, the revenu fiscal
    and the FSL territory are filled only where the dossier has none.

    Returns
    -------
    (Dossier, list[str])
        The dossier to save, and plain French sentences saying what was
        added and what was left as it was (for the confirmation shown).
    """
    said: list[str] = []
    update: dict[str, Any] = {}
    if droits:
        update["droits"] = [*dossier.droits, *droits]
        said.append(how_many(len(droits), "droit vérifié ajouté", "droits vérifiés ajoutés") + ".")
    update |= _fill_household(dossier, menage, said)
    update |= _fill_fiscal_and_territory(dossier, rfr, territoire_fsl, said)
    update |= _add_energy(dossier, energie, said)
    if not said:
        said.append("Rien de nouveau à ajouter : le dossier contient déjà tout cela.")
    from pydantic import ValidationError

    from .model import validation_error

    try:
        return Dossier(**{**dict(dossier), **update}), said  # the dossier's own checks run again
    except ValidationError as error:  # e.g. more lines than a dossier holds: said in French
        raise validation_error(error, "Dossier complété") from None


def _fill_household(dossier: Dossier, menage, said: list[str]) -> dict[str, Any]:
    items = _household_items(menage)
    if not any(items.values()):
        return {}
    if any(getattr(dossier, kind) for kind in items):
        said.append("Le ménage déjà saisi dans le dossier n'a pas été remplacé : le mettre à jour sur la page "
                    "« Dossiers » si besoin.")
        return {}
    said.append("Ménage ajouté : " + how_many(len(items["membres"]), "personne", "personnes") + ", "
                + how_many(len(items["ressources"]) + len(items["charges"]), "ligne de budget", "lignes de budget")
                + (", " + how_many(len(items["dettes"]), "dette", "dettes") if items["dettes"] else "") + ".")
    return items


def _fill_fiscal_and_territory(dossier: Dossier, rfr, territoire_fsl, said: list[str]) -> dict[str, Any]:
    from ..formatting import eur
    from .model import Fiscal

    update: dict[str, Any] = {}
    if rfr is not None:
        rfr = Fiscal(rfr=rfr).rfr
        if dossier.fiscal.rfr is None:
            update["fiscal"] = dossier.fiscal.model_copy(update={"rfr": rfr})
            said.append(f"Revenu fiscal de référence ajouté : {eur(rfr)}.")
        elif dossier.fiscal.rfr != rfr:
            said.append(f"Le revenu fiscal de référence du dossier ({eur(dossier.fiscal.rfr)}) est gardé ; "
                        f"la simulation disait {eur(rfr)}.")
    if territoire_fsl is not None and dossier.logement.territoire_fsl != territoire_fsl:
        if dossier.logement.territoire_fsl is None:
            update["logement"] = dossier.logement.model_copy(update={"territoire_fsl": territoire_fsl})
            said.append(f"Territoire du FSL ajouté : {territoire_fsl}.")
        else:
            said.append(f"Le territoire du FSL du dossier ({dossier.logement.territoire_fsl}) est gardé ; "
                        f"la simulation portait sur {territoire_fsl}.")
    return update


def _add_energy(dossier: Dossier, energie, said: list[str]) -> dict[str, Any]:
    contracts, bills, readings = energy_items(energie)
    if not (contracts or bills or readings):
        return {}
    contrats = list(dossier.contrats)
    if contracts:
        new = contracts[0]
        same = next((c for c in contrats if _same_contract(c, new)), None)
        if same is None:
            contrats.append(new)
            said.append("Contrat d'énergie ajouté.")
        else:
            contrats[contrats.index(same)] = _completed(same, new)
            bills = [b.model_copy(update={"contrat_id": same.id}) for b in bills]
            readings = [r.model_copy(update={"contrat_id": same.id}) for r in readings]
    new_bills = _not_kept(dossier.factures, bills, lambda b: (b.contrat_id, b.debut, b.fin))
    said.extend(bills_said(new_bills, "ajoutée"))
    if len(bills) > len(new_bills):
        said.append(how_many(len(bills) - len(new_bills), "facture déjà dans le dossier pour cette période : pas "
                             "ajoutée deux fois", "factures déjà dans le dossier pour ces périodes : pas ajoutées "
                             "deux fois") + ".")
    return {"contrats": contrats, "factures": [*dossier.factures, *new_bills],
            "releves": _merged_readings(dossier.releves, readings, said)}


def bills_said(bills: list[Bill], done: str) -> list[str]:
    """« Facture du 01/09/2025 au 31/10/2025 ajoutée : 159,80 € (montant calculé
    par le kit) », one sentence a bill, so the person sees which one was kept."""
    from ..formatting import date_short, eur

    said = []
    for bill in bills:
        amount = "" if bill.montant_ttc is None else f" : {eur(bill.montant_ttc)}" + (
            " (montant calculé par le kit)" if bill.origine == "calcul_tarif_bleu" else "")
        said.append(f"Facture du {date_short(bill.debut)} au {date_short(bill.fin)} {done}{amount}.")
    return said


def _not_kept(kept: list, offered: list, period) -> list:
    """The offered items whose period is neither in the dossier nor offered before."""
    seen = {period(item) for item in kept}
    new = []
    for item in offered:
        if period(item) not in seen:
            seen.add(period(item))
            new.append(item)
    return new


def _merged_readings(kept: list[Reading], offered: list[Reading], said: list[str]) -> list[Reading]:
    """The dossier's readings with the offered ones, a consumption never
    counted twice: a period already covered is not added; one that covers
    recorded shorter periods (the whole month after its last days) replaces
    them; one that straddles a recorded period is left out and said."""
    readings = list(kept)
    added = covered = replaced = straddling = 0
    for new in offered:
        same = [r for r in readings if (r.contrat_id, r.registre, r.debut is None)
                == (new.contrat_id, new.registre, new.debut is None)]  # an index is not a consumption
        overlapping = [r for r in same if _span(r)[0] <= _span(new)[1] and _span(new)[0] <= _span(r)[1]]
        if any(_within(new, r) for r in overlapping):
            covered += 1
        elif all(_within(r, new) for r in overlapping):
            readings = [r for r in readings if r not in overlapping] + [new]
            added, replaced = added + 1, replaced + len(overlapping)
        else:
            straddling += 1
    for n, words in ((added, ("relevé ajouté", "relevés ajoutés")),
                     (replaced, ("relevé plus court remplacé par la période complète",
                                 "relevés plus courts remplacés par les périodes complètes")),
                     (covered, ("relevé déjà dans le dossier pour cette période : pas ajouté deux fois",
                                "relevés déjà dans le dossier pour ces périodes : pas ajoutés deux fois")),
                     (straddling, ("relevé à cheval sur un relevé du dossier : pas ajouté, à vérifier",
                                   "relevés à cheval sur des relevés du dossier : pas ajoutés, à vérifier"))):
        if n:
            said.append(how_many(n, *words) + ".")
    return readings


def _span(reading: Reading) -> tuple[dt.date, dt.date]:
    """The days a reading covers: its period, or its one day for an index."""
    return (reading.debut or reading.date, reading.date)


def _within(inner: Reading, outer: Reading) -> bool:
    return _span(outer)[0] <= _span(inner)[0] and _span(inner)[1] <= _span(outer)[1]


def _same_contract(kept: EnergyContract, new: EnergyContract) -> bool:
    """The same supply: same energy, and the same option, power, supplier and
    delivery point wherever both say one."""
    if kept.energie != new.energie:
        return False
    return all(getattr(kept, f) is None or getattr(new, f) is None or getattr(kept, f) == getattr(new, f)
               for f in ("option", "puissance_kva", "fournisseur", "pdl"))


def _completed(kept: EnergyContract, new: EnergyContract) -> EnergyContract:
    """The dossier's contract with what it did not say taken from the page."""
    update = {f: getattr(new, f) for f in ("option", "puissance_kva", "fournisseur", "pdl", "titulaire",
                                           "reference_client") if getattr(kept, f) is None}
    if kept.compteur == "inconnu":
        update["compteur"] = new.compteur
    return kept.model_copy(update=update)


# --------------------------------------------------------------------------- energy


#: The bill page's option codes (:data:`counselling.calculators.electricity.OPTIONS`)
#: as the dossier writes them.
CONTRACT_OPTIONS = {"base": "base", "heures_creuses": "hc", "tempo": "tempo"}


def energy_items(energie: dict[str, Any] | None) -> tuple[list[EnergyContract], list[Bill], list[Reading]]:
    """Contract, bills and readings of a simulation page, as dossier items.

    ``energie`` is plain data: ``{"contrat": {...} or None, "factures":
    [{debut, fin, montant_ttc, consommation_kwh, origine}], "releves":
    [{date, debut, consommation_kwh, complet, origine}]}``; bills and
    readings are tied to the contract when there is one. Dates are read by
    the kit's one date parser, amounts and quantities by its number parser;
    a bad value raises the kit's French error naming the line.
    """
    if not energie:
        return [], [], []
    contracts = []
    if energie.get("contrat"):
        data = dict(energie["contrat"])
        if data.get("option") is not None:
            data["option"] = CONTRACT_OPTIONS.get(data["option"], data["option"])
        contracts = [_item(EnergyContract, data, "Contrat d'énergie")]
    contrat_id = contracts[0].id if contracts else None
    bills = [_item(Bill, {**row, "contrat_id": contrat_id,
                          "debut": parse_date(row.get("debut"), f"factures[{n}].debut", f"Facture {n + 1}, premier jour"),
                          "fin": parse_date(row.get("fin"), f"factures[{n}].fin", f"Facture {n + 1}, dernier jour")},
                   f"Facture {n + 1}")
             for n, row in enumerate(energie.get("factures") or [])]
    readings = [_item(Reading, {**row, "contrat_id": contrat_id,
                                "date": parse_date(row.get("date"), f"releves[{n}].date", f"Relevé {n + 1}, date"),
                                **({"debut": parse_date(row["debut"], f"releves[{n}].debut",
                                                        f"Relevé {n + 1}, premier jour")}
                                   if row.get("debut") is not None else {})},
                      f"Relevé {n + 1}")
                for n, row in enumerate(energie.get("releves") or [])]
    return contracts, bills, readings


def _item(kind, data: dict[str, Any], label: str):
    from pydantic import ValidationError

    from .model import validation_error

    try:
        return kind(**data)
    except ValidationError as error:
        raise validation_error(error, label) from None

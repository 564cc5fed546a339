"""Repayment capacity by the Banque de France method (surendettement).

Code de la consommation L731-1, L731-2, R731-1 to R731-3; code du travail
R3252-2 and R3252-3. Figures from ``tariffs/saisie_remunerations.yaml`` and
``tariffs/rsa.yaml``. Steps:

1. **Quotité saisissable** (L731-1, R731-1): the monthly resources × 12 go
   through the wage-seizure scale of the year; each threshold is raised by
   the increment per dependant (R3252-3); each slice contributes its
   fraction; the total ÷ 12 is the seizable part per month (exact fractions,
   rounded to the cent at the end, half up).
2. **RSA floor** (L731-2, R731-1): the household keeps at least the RSA
   montant forfaitaire for its composition (base × 1, + 50 % for the second
   person, + 30 % for the third, + 30 % (couple) or + 40 % (single parent)
   for the fourth, + 40 % for each further person), rounded to the cent. For
   a lone parent entitled to the majoration for isolement (CASF L262-9; input
   ``rsa_majore``), the montant forfaitaire majoré: base × (128,412 % +
   42,804 % per child). The contribution cannot exceed resources − that
   amount.
2b. **Forfait logement** (CASF R262-9, R262-10; input ``aide_logement``): a
   household receiving a housing aid, or housed free, has its RSA reduced by
   12 % (1 person), 16 % of the 2-person amount (2 persons) or 16,5 % of the
   3-person amount (3 or more). L731-2 names the montant forfaitaire itself,
   so the floor is **not** reduced; the kit shows the forfait (what the RSA
   actually paid would be) and says how much lower the floor would be if a
   commission deducted it.
3. **Maximum legal contribution** = the smaller of the two.
4. **Budget vie courante** (R731-2, R731-3): the commission deducts current
   expenses, actual or by the forfaits of its règlement intérieur. The
   forfaits are not public (budget-facts §2.5): the kit deducts the actual
   charges entered, if any, and says so. Capacity = max(0, min(maximum legal,
   resources − charges)).

Open points, shown as warnings: which persons count « à charge » for
R3252-3 (the kit counts the children unless told otherwise), and, when the
input ``rsa_majore`` is not given for a lone parent, the kit uses the
non-majoré amount and says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from .. import tariffs
from ..errors import InputError
from ..formatting import eur, how_many, number
from ..household import categories, parse_household
from ..inputs import parse_bool, parse_date, parse_int, parse_money, to_cents
from ..results import CONSEILLER, Explainer, Result

SAISIE = "saisie_remunerations"
RSA = "rsa"
HOUSING_AID = "aide_logement"  # resource category of tariffs/budget/categories.yaml
MAX_AMOUNT = Decimal(10_000_000)


def _frac(text: str) -> Fraction:
    return Fraction(str(text))


def _frac_text(frac: Fraction) -> str:
    return "la totalité" if frac == 1 else f"{frac.numerator}/{frac.denominator}"


def _to_decimal_cents(value: Fraction) -> Decimal:
    return to_cents(Decimal(value.numerator) / Decimal(value.denominator))


def seizable_part(annual: Decimal, dependants: int, on: dt.date, ex: Explainer) -> tuple[Fraction, list[dict]]:
    """Seizable part of an annual net income by the scale in force on ``on``.

    Returns the exact annual amount [€/an] and the slices used (for display).
    """
    scale = ex.param(f"{SAISIE}.bareme", on)
    increment = ex.param(f"{SAISIE}.majoration_par_personne_a_charge", on)
    raise_by = Fraction(str(increment.value)) * dependants
    income = Fraction(str(annual))
    lower = Fraction(0)
    total = Fraction(0)
    slices = []
    for band in scale.value:
        fraction = _frac(band["fraction"])
        upper = None if band["jusqu_a"] is None else Fraction(str(band["jusqu_a"])) + raise_by
        if income <= lower:
            break
        top = income if upper is None else min(income, upper)
        part = (top - lower) * fraction
        total += part
        slices.append({"de": lower, "a": top, "fraction": fraction, "montant": part})
        if upper is None:
            break
        lower = upper
    return total, slices


def rsa_floor(adults: int, children: int, on: dt.date, ex: Explainer,
              majore: bool = False) -> tuple[Decimal, Decimal, str]:
    """RSA montant forfaitaire for a foyer of ``adults`` (1 or 2) and
    ``children`` other persons; the montant majoré for isolement when
    ``majore`` (a lone adult). Returns (amount [€/mois], rate, formula)."""
    base = ex.param(f"{RSA}.montant_forfaitaire_base", on)
    if majore and adults == 1:
        isolated = ex.param(f"{RSA}.taux_majoration_isolement_base", on).value
        per_child = ex.param(f"{RSA}.taux_majoration_isolement_par_enfant", on).value
        rate = isolated + per_child * children
        amount = to_cents(base.value * rate)
        formula = (f"{eur(base.value)} × ({number(isolated, 3)} + {number(per_child, 3)} × {children}) = "
                   f"{eur(base.value)} × {number(rate, 3)} = {eur(amount)}")
        return amount, rate, formula
    rates = _composition_rates(adults, adults + children, on, ex)
    rate = sum(rates, Decimal(0))
    amount = to_cents(base.value * rate)
    formula = (f"{eur(base.value)} × ({' + '.join(number(r) for r in rates)}) = "
               f"{eur(base.value)} × {number(rate)} = {eur(amount)}")
    return amount, rate, formula


def _composition_rates(adults: int, persons: int, on: dt.date, ex: Explainer) -> list[Decimal]:
    """Share of the base amount for each person of the foyer, in rank order."""
    second = ex.param(f"{RSA}.taux_deuxieme_personne", on).value
    third = ex.param(f"{RSA}.taux_troisieme_personne", on).value
    fourth_couple = ex.param(f"{RSA}.taux_quatrieme_personne_couple", on).value
    further = ex.param(f"{RSA}.taux_personne_supplementaire", on).value
    rates = [Decimal(1)]
    for rank in range(2, persons + 1):
        if rank == 2:
            rates.append(second)
        elif rank == 3:
            rates.append(third)
        elif rank == 4:
            rates.append(fourth_couple if adults >= 2 else further)
        else:
            rates.append(further)
    return rates


def forfait_logement(adults: int, children: int, on: dt.date, ex: Explainer) -> tuple[Decimal, str, object]:
    """Forfait logement of the RSA (R262-10) for a foyer of ``adults`` +
    ``children`` persons: a rate of the montant forfaitaire of 1, 2 or 3
    persons. Returns (amount [€/mois], formula, parameter used)."""
    base = ex.param(f"{RSA}.montant_forfaitaire_base", on).value
    persons = min(adults + children, 3)
    key = {1: "forfait_logement_taux_1_personne", 2: "forfait_logement_taux_2_personnes",
           3: "forfait_logement_taux_3_personnes_et_plus"}[persons]
    share = ex.param(f"{RSA}.{key}", on)
    composition = sum(_composition_rates(min(adults, persons), persons, on, ex), Decimal(0))
    amount = to_cents(base * composition * share.value)
    formula = (f"{eur(base)} × {number(composition)} × {number(share.value * 100)} % = {eur(amount)}")
    return amount, formula, share


def capacite_remboursement(ressources, on, adultes=1, enfants=0, personnes_a_charge=None,
                           charges=None, rsa_majore=None, aide_logement=None) -> Result:
    """Maximum monthly contribution to debts, Banque de France method.

    Parameters
    ----------
    ressources : Decimal, int or str
        Net monthly resources of the household. [€/mois]
    on : date
        Day of the computation (scale and RSA in force that day).
    adultes : int
        Adults of the foyer: 1 (alone) or 2 (couple). [personnes]
    enfants : int
        Other persons of the foyer (children, dependants). [personnes]
    personnes_a_charge : int or None
        Dependants for the seizure scale (R3252-3). ``None``: the children
        are counted, with a warning.
    charges : Decimal, int, str or None
        Current monthly expenses to reserve (rent, energy…), credit
        instalments excluded. ``None``: not deducted, with a warning. [€/mois]
    rsa_majore : bool or None
        A lone parent (or pregnant woman alone) entitled to the RSA majoré for
        isolement (CASF L262-9). ``None`` for a lone parent: the non-majoré
        amount, with a warning.
    aide_logement : bool or None
        The foyer receives a housing aid (APL, ALF, ALS) or is housed free:
        the forfait logement is computed and shown (the floor is not reduced).

    Returns
    -------
    Result
        ``quotite_saisissable`` [€/mois], ``rsa_foyer`` [€/mois],
        ``plafond_rsa`` (resources − RSA) [€/mois], ``maximum_legal`` [€/mois],
        ``reste_apres_charges`` (None without charges) [€/mois],
        ``capacite`` [€/mois], ``tranche`` (highest slice reached, 1 to 7),
        ``personnes_a_charge``, ``taux_rsa``, ``rsa_majore`` (bool),
        ``forfait_logement`` [€/mois] (None unless ``aide_logement``).
    """
    on = parse_date(on, "on", "Date du calcul")
    resources = parse_money(ressources, "ressources", "Ressources mensuelles du foyer", maximum=MAX_AMOUNT)
    adults = parse_int(adultes, "adultes", "Nombre d'adultes du foyer", minimum=1, maximum=2,
                       expected="1 (personne seule) ou 2 (couple)")
    children = parse_int(enfants, "enfants", "Nombre d'enfants ou autres personnes du foyer",
                         minimum=0, maximum=20)
    ex = Explainer("capacite_remboursement", on)
    if personnes_a_charge in (None, ""):
        dependants = children
        ex.warn("hypothese", f"On compte {how_many(children, 'personne', 'personnes')} à charge pour le barème de saisie "
                             "(les enfants du foyer) ; à corriger si d'autres personnes sont à charge.")
        ex.warn("hypothese", "Personnes à charge : qui l'est au sens de l'article R3252-3 (conjoint sans "
                             "ressources, ascendant…) n'a pas été relu dans le texte ; à vérifier.",
                audience=CONSEILLER)
    else:
        dependants = parse_int(personnes_a_charge, "personnes_a_charge",
                               "Personnes à charge (barème de saisie)", minimum=0, maximum=20)
    expenses = None if charges in (None, "") else parse_money(
        charges, "charges", "Charges courantes mensuelles", maximum=MAX_AMOUNT)
    majore = None if rsa_majore in (None, "") else parse_bool(
        rsa_majore, "rsa_majore", "Parent isolé ayant droit au RSA majoré")
    if majore and adults != 1:
        raise InputError("rsa_majore", "Parent isolé ayant droit au RSA majoré",
                         "le RSA majoré concerne une personne seule, pas un couple",
                         "non pour un couple (ou un seul adulte dans le foyer)")
    housing = None if aide_logement in (None, "") else parse_bool(
        aide_logement, "aide_logement", "Aide au logement perçue ou logement gratuit")

    annual = resources * 12
    ex.step(f"Les ressources de {eur(resources)} par mois font {eur(annual)} par an.",
            formula=f"{eur(resources)} × 12 = {eur(annual)}")
    scale = ex.param(f"{SAISIE}.bareme")
    increment = ex.param(f"{SAISIE}.majoration_par_personne_a_charge")
    if dependants:
        ex.step(f"Avec {how_many(dependants, 'personne', 'personnes')} à charge, chaque seuil du barème est relevé de "
                f"{eur(increment.value * dependants)} par an.",
                formula=f"{eur(increment.value)} × {dependants} = {eur(increment.value * dependants)}",
                reference=increment)
    seizable, slices = seizable_part(annual, dependants, on, ex)
    parts = []
    for band in slices:
        parts.append(f"({eur(_to_decimal_cents(band['a']))} − {eur(_to_decimal_cents(band['de']))}) × "
                     f"{_frac_text(band['fraction'])}")
    ex.step(f"Barème de saisie : chaque tranche du revenu annuel est saisissable pour sa fraction ; "
            f"au total {eur(_to_decimal_cents(seizable))} par an.",
            formula=" + ".join(parts) + f" = {eur(_to_decimal_cents(seizable))}" if parts else "0 €",
            reference=scale)
    quotite = _to_decimal_cents(seizable / 12)
    ex.step(f"La quotité saisissable est de {eur(quotite)} par mois (code de la consommation L731-1, "
            "R731-1).", formula=f"{eur(_to_decimal_cents(seizable))} ÷ 12 = {eur(quotite)}")

    rsa, rate, formula = rsa_floor(adults, children, on, ex, majore=bool(majore))
    base = ex.param(f"{RSA}.montant_forfaitaire_base")
    composition = ("un couple" if adults == 2 else "une personne seule") + (
        " avec " + how_many(children, "enfant ou personne à charge", "enfants ou personnes à charge") if children else "")
    if majore:
        iso = ex.param(f"{RSA}.taux_majoration_isolement_base")
        ex.step(f"Parent isolé ayant droit à la majoration pour isolement : le foyer ({composition}) doit "
                f"garder au moins le montant forfaitaire majoré du RSA, soit {eur(rsa)} par mois "
                "(L731-2 du code de la consommation ; L262-9 du code de l'action sociale et des familles).",
                formula=formula, reference=iso)
    else:
        ex.step(f"Le foyer ({composition}) doit garder au moins le montant forfaitaire du RSA, "
                f"soit {eur(rsa)} par mois (L731-2).", formula=formula, reference=base)
    if adults == 1 and children and majore is None:
        ex.warn("hypothese", "Parent seul : le kit retient le RSA non majoré. Si le parent a droit à la "
                             "majoration pour isolement (séparation de moins de 12 à 18 mois, ou enfant de "
                             "moins de 3 ans), répondre « oui » à « RSA majoré » : le minimum laissé au "
                             "foyer est alors plus élevé.")
    housing_amount = None
    if housing:
        housing_amount, fl_formula, share = forfait_logement(adults, children, on, ex)
        ex.step(f"Le foyer perçoit une aide au logement ou est logé gratuitement : le RSA versé serait "
                f"diminué du forfait logement, {eur(housing_amount)} par mois (R262-10 du code de l'action "
                "sociale et des familles). Le minimum de l'article L731-2 est le montant forfaitaire "
                "lui-même : le kit ne le diminue pas.", formula=fl_formula, reference=share)
        ex.warn("hypothese", f"Le minimum laissé au foyer n'est pas diminué du forfait logement "
                             f"({eur(housing_amount)}) : l'article L731-2 vise le montant forfaitaire. Une "
                             f"commission qui le déduirait laisserait {eur(housing_amount)} de moins au foyer "
                             "(à vérifier dans son règlement intérieur).")
    ceiling = max(resources - rsa, Decimal(0))
    ex.step(f"La contribution ne peut donc pas dépasser {eur(ceiling)} par mois.",
            formula=f"max(0 ; {eur(resources)} − {eur(rsa)}) = {eur(ceiling)}")
    maximum = min(quotite, ceiling)
    ex.step(f"Contribution maximale : la plus petite des deux, {eur(maximum)} par mois.",
            formula=f"min({eur(quotite)} ; {eur(ceiling)}) = {eur(maximum)}")

    remaining = None
    if expenses is None:
        capacity = maximum
        ex.warn("hypothese", "Les charges courantes n'ont pas été déduites : la commission les "
                             "déduit, au réel ou selon les forfaits de son règlement intérieur "
                             "(montants non publics, à vérifier). La capacité réelle peut être plus faible.")
    else:
        remaining = resources - expenses
        capacity = max(Decimal(0), min(maximum, remaining))
        ex.step(f"Après les charges courantes ({eur(expenses)}), il reste {eur(remaining)} par mois ; "
                f"la capacité de remboursement est de {eur(capacity)} par mois.",
                formula=f"max(0 ; min({eur(maximum)} ; {eur(resources)} − {eur(expenses)})) = {eur(capacity)}")
        ex.warn("hypothese", "Les charges sont prises au réel ; la commission peut appliquer ses "
                             "forfaits (montants non publics, à vérifier).")
    contact = tariffs.get("budget.mensualite_contact_max", on)
    if Decimal(0) < capacity < contact.value:
        contact = ex.param("budget.mensualite_contact_max")
        ex.warn("attention", f"Une capacité de {eur(capacity)} par mois est sous {eur(contact.value)} : "
                             "les « mensualités de contact » sont déconseillées ; une mesure "
                             "d'attente ou un effacement peut être plus adapté.")
    if capacity == 0:
        ex.warn("attention", "Aucune capacité de remboursement : pas de plan possible sans aide ; "
                             "voir les aides (FSL) ou un dossier de surendettement.")
    return ex.result(
        quotite_saisissable=quotite,
        rsa_foyer=rsa,
        taux_rsa=rate,
        plafond_rsa=ceiling,
        maximum_legal=maximum,
        reste_apres_charges=remaining,
        capacite=capacity,
        tranche=len(slices),
        personnes_a_charge=dependants,
        rsa_majore=bool(majore),
        forfait_logement=housing_amount,
    )


def capacite_menage(menage, on, personnes_a_charge=None, rsa_majore=None, aide_logement=None) -> Result:
    """:func:`capacite_remboursement` from a whole household: resources and
    charges as entered (credit instalments excluded from the charges, since
    they are the debts to be repaid); adults beyond a couple are counted with
    the children. ``aide_logement`` defaults to yes when a housing aid is among
    the resources entered (a household housed free must say so)."""
    household = parse_household(menage)
    credit_groups = {code for code, c in categories().charges.valeurs.items() if c.groupe == "credits"}
    resources = sum((x.mensuel for x in household.ressources), Decimal(0))
    charges = sum((x.mensuel for x in household.charges if x.categorie not in credit_groups), Decimal(0))
    adults = min(household.adults, 2)
    others = len(household.membres) - adults
    if resources == 0:
        raise InputError("ressources", "Ressources du ménage", "aucune ressource n'a été saisie",
                         "au moins une ressource (même faible) pour calculer une capacité")
    if aide_logement in (None, "") and any(x.categorie == HOUSING_AID and x.mensuel > 0
                                           for x in household.ressources):
        aide_logement = True  # an aid entered among the resources: the forfait logement applies
    return capacite_remboursement(resources, on, adultes=adults, enfants=others,
                                  personnes_a_charge=personnes_a_charge, charges=charges,
                                  rsa_majore=rsa_majore, aide_logement=aide_logement)

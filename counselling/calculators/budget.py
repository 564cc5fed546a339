"""Budget diagnostic of a household: totals, balance, reste à vivre, ratios.

Definitions (figures from ``tariffs/budget.yaml``, categories from
``tariffs/budget/categories.yaml``):

* resources and charges are normalised to months line by line (see
  :mod:`counselling.household`); the **reste à vivre** is resources minus every
  charge entered (contractual credit instalments included), per month;
* per consumption unit (INSEE modified OECD scale: 1 for the first adult, 0.5
  for each other person aged 14 or more, 0.3 under 14; a child in alternating
  residence counts half, by analogy with the chèque énergie rule) and per
  person, per day;
* days per month: ``"365/12"`` (30.42 days, the average month, default) or
  ``"30"`` (the habit of many CCAS and FSL grids). No official threshold of
  reste à vivre per day exists (budget-facts §3.3): the kit shows none;
* taux d'endettement = monthly credit instalments ÷ monthly resources (the
  35 % HCSF norm is shown for reference only: it governs new home loans);
* taux d'effort énergétique = energy charges ÷ resources, flagged above the
  ONPE 8 % and the historical 10 % thresholds (strictly above).

Amounts per day are rounded to the cent; ratios are kept exact for the
comparisons and rounded to 0.01 % for display.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ..errors import InputError
from ..formatting import eur, how_many, number, percent
from ..household import Household, categories, parse_household
from ..inputs import parse_choice, parse_date, to_cents
from ..results import Explainer, Result

FILE = "budget"
DAYS_PER_MONTH = {"365/12": Decimal(365) / Decimal(12), "30": Decimal(30)}
RATIO = Decimal("0.0001")


def _days(jours_par_mois) -> tuple[str, Decimal]:
    key = parse_choice(jours_par_mois, "jours_par_mois", "Nombre de jours par mois", DAYS_PER_MONTH,
                       "« 365/12 » (mois moyen de 30,42 jours) ou « 30 »")
    return key, DAYS_PER_MONTH[key]


def consumption_units_insee(household: Household, ex: Explainer) -> Decimal:
    """Consumption units of the household, INSEE modified OECD scale. [UC]

    The first adult (the first member with the role « adulte ») counts
    ``uc_premier_adulte``; every other member counts by age; a child in
    alternating residence counts ``coefficient_residence_alternee_uc`` of its value.
    """
    first = ex.param(f"{FILE}.uc_premier_adulte")
    older = ex.param(f"{FILE}.uc_personne_14_ans_et_plus").value
    younger = ex.param(f"{FILE}.uc_enfant_moins_14_ans").value
    age_limit = ex.param(f"{FILE}.age_seuil_uc").value
    alternating = [m for m in household.membres if m.residence_alternee]
    coef = ex.param(f"{FILE}.coefficient_residence_alternee_uc").value if alternating else Decimal(1)
    total = Decimal(0)
    parts = []
    first_done = False
    for member in household.membres:
        if member.role == "adulte" and not first_done:
            value = first.value
            first_done = True
        else:
            value = older if member.age >= age_limit else younger
        if member.residence_alternee:
            value = value * coef
            parts.append(f"{number(value)} (résidence alternée)")
        else:
            parts.append(number(value))
        total += value
    ex.step(f"Le ménage compte {how_many(len(household.membres), 'personne', 'personnes')}, soit "
            f"{how_many(total, 'unité', 'unités')} de consommation (1 pour le premier adulte, "
            f"{number(older)} par personne de "
            f"{number(age_limit)} ans ou plus, {number(younger)} par enfant plus jeune).",
            formula=" + ".join(parts) + f" = {number(total)} UC", reference=first)
    return total


def diagnostic_budget(menage, on, jours_par_mois="365/12") -> Result:
    """Budget diagnostic of one household.

    Parameters
    ----------
    menage : dict or Household
        Members, resources, charges and debts (see
        :func:`counselling.household.parse_household`).
    on : date
        Day of the diagnostic (the parameters in force that day).
    jours_par_mois : str
        ``"365/12"`` (default) or ``"30"``. [jours]

    Returns
    -------
    Result
        ``total_ressources``, ``total_charges``, ``reste_a_vivre`` [€/mois];
        ``unites_consommation`` [UC]; ``personnes``;
        ``reste_a_vivre_par_uc_par_jour``, ``reste_a_vivre_par_personne_par_jour``
        [€/jour]; ``taux_endettement``, ``taux_effort_energetique`` (ratios,
        None without resources); ``alerte_effort_energetique`` (None, ``"8 %"``
        or ``"10 %"``); ``total_dettes`` [€]; ``dettes_en_mois_de_ressources``;
        ``charges_energie``, ``charges_credits`` [€/mois]; ``lignes`` (list of
        dicts for display).
    """
    on = parse_date(on, "on", "Date du diagnostic")
    household = parse_household(menage)
    day_key, days = _days(jours_par_mois)
    ex = Explainer("diagnostic_budget", on)
    cats = categories()

    resources = sum((line.mensuel for line in household.ressources), Decimal(0))
    charges = sum((line.mensuel for line in household.charges), Decimal(0))
    for line in household.ressources + household.charges:
        if line.periodicite != "mois":
            per_year = cats.periodicites.valeurs[line.periodicite].par_an
            ex.step(f"« {line.libelle} » : {eur(line.montant)} {cats.periodicites.valeurs[line.periodicite].label} "
                    f"font {eur(line.mensuel)} par mois.",
                    formula=f"{eur(line.montant)} × {per_year} ÷ 12 = {eur(line.mensuel)} (arrondi au centime)")
    ex.step(f"Les ressources du ménage s'élèvent à {eur(resources)} par mois.",
            formula=" + ".join(eur(x.mensuel) for x in household.ressources) + f" = {eur(resources)}"
            if household.ressources else None)
    ex.step(f"Les charges s'élèvent à {eur(charges)} par mois.",
            formula=" + ".join(eur(x.mensuel) for x in household.charges) + f" = {eur(charges)}"
            if household.charges else None)
    rav = resources - charges
    ex.step(("Il reste" if rav >= 0 else "Il manque") +
            f" {eur(abs(rav))} par mois une fois les charges payées : c'est le reste à vivre, "
            "pour l'alimentation, l'habillement, l'hygiène et les imprévus.",
            formula=f"{eur(resources)} − {eur(charges)} = {eur(rav)}")
    if rav < 0:
        ex.warn("attention", f"Le budget est en déficit de {eur(-rav)} par mois : les charges "
                             "dépassent les ressources.")

    uc = consumption_units_insee(household, ex)
    persons = len(household.membres)
    per_uc_day = to_cents(rav / uc / days)
    per_person_day = to_cents(rav / persons / days)
    days_text = "365 ÷ 12 = 30,42 jours" if day_key == "365/12" else "30 jours"
    ex.step(f"Reste à vivre par unité de consommation et par jour : {eur(per_uc_day)} "
            f"(mois compté pour {days_text}).",
            formula=f"{eur(rav)} ÷ {number(uc)} UC ÷ {number(days, 4) if day_key == '365/12' else '30'} "
                    f"= {eur(per_uc_day)}")
    ex.step(f"Reste à vivre par personne et par jour : {eur(per_person_day)}.",
            formula=f"{eur(rav)} ÷ {how_many(persons, 'personne', 'personnes')} ÷ "
                    f"{number(days, 4) if day_key == '365/12' else '30'} = {eur(per_person_day)}")
    ex.warn("hypothese", "Aucun seuil officiel de reste à vivre par jour n'existe : chaque "
                         "structure (CCAS, FSL, commission) applique sa propre grille.")

    credit_codes = {code for code, c in cats.charges.valeurs.items() if c.credit}
    energy_codes = {code for code, c in cats.charges.valeurs.items() if c.groupe == "energie"}
    credits = sum((x.mensuel for x in household.charges if x.categorie in credit_codes), Decimal(0))
    energy = sum((x.mensuel for x in household.charges if x.categorie in energy_codes), Decimal(0))
    debts = sum((d.montant for d in household.dettes), Decimal(0))

    debt_ratio = energy_ratio = months_of_resources = None
    alert = None
    hcsf = ex.param(f"{FILE}.seuil_taux_endettement_hcsf")
    onpe = ex.param(f"{FILE}.seuil_effort_energetique_onpe")
    classic = ex.param(f"{FILE}.seuil_effort_energetique_classique")
    if resources > 0:
        debt_ratio = credits / resources
        ex.step(f"Taux d'endettement : les mensualités de crédit ({eur(credits)}) représentent "
                f"{percent(debt_ratio, 2)} des ressources. Repère : les banques ne prêtent plus pour "
                f"un logement au-delà de {number(hcsf.value)} %.",
                formula=f"{eur(credits)} ÷ {eur(resources)} = {percent(debt_ratio, 2)}", reference=hcsf)
        energy_ratio = energy / resources
        if energy * 100 > classic.value * resources:
            alert = f"{number(classic.value)} %"
        elif energy * 100 > onpe.value * resources:
            alert = f"{number(onpe.value)} %"
        verdict = (f"au-dessus du seuil de {alert} : situation de précarité énergétique à examiner "
                   "(chèque énergie, FSL énergie, éco-gestes)." if alert else
                   f"sous les seuils usuels de {number(onpe.value)} % et {number(classic.value)} %.")
        ex.step(f"Taux d'effort énergétique : l'énergie ({eur(energy)} par mois) représente "
                f"{percent(energy_ratio, 2)} des ressources, {verdict}",
                formula=f"{eur(energy)} ÷ {eur(resources)} = {percent(energy_ratio, 2)}",
                reference=onpe if alert != f"{number(classic.value)} %" else classic)
        if debts:
            months_of_resources = debts / resources
            ex.step(f"Les dettes ({eur(debts)}) représentent {number(months_of_resources, 2)} mois "
                    "de ressources.",
                    formula=f"{eur(debts)} ÷ {eur(resources)} = {number(months_of_resources, 2)}")
    else:
        ex.step("Sans ressources déclarées, les taux d'endettement et d'effort énergétique ne "
                "peuvent pas être calculés.")

    lines = ([{"type": "ressource", "categorie": x.categorie, "libelle": x.libelle, "montant": x.montant,
               "periodicite": x.periodicite, "mensuel": x.mensuel} for x in household.ressources]
             + [{"type": "charge", "categorie": x.categorie, "libelle": x.libelle, "montant": x.montant,
                 "periodicite": x.periodicite, "mensuel": x.mensuel} for x in household.charges])
    return ex.result(
        total_ressources=resources,
        total_charges=charges,
        reste_a_vivre=rav,
        unites_consommation=uc,
        personnes=persons,
        jours_par_mois=day_key,
        reste_a_vivre_par_uc_par_jour=per_uc_day,
        reste_a_vivre_par_personne_par_jour=per_person_day,
        charges_credits=credits,
        charges_energie=energy,
        taux_endettement=None if debt_ratio is None else debt_ratio.quantize(RATIO, ROUND_HALF_UP),
        taux_effort_energetique=None if energy_ratio is None else energy_ratio.quantize(RATIO, ROUND_HALF_UP),
        alerte_effort_energetique=alert,
        total_dettes=debts,
        dettes_en_mois_de_ressources=None if months_of_resources is None
        else months_of_resources.quantize(Decimal("0.01"), ROUND_HALF_UP),
        lignes=lines,
    )


def budget_dataframe(result: Result):
    """The lines of a diagnostic as a DataFrame with French column names."""
    import pandas as pd

    rows = [{"Type": x["type"], "Libellé": x["libelle"], "Montant saisi (€)": x["montant"],
             "Périodicité": x["periodicite"], "Par mois (€)": x["mensuel"]} for x in result["lignes"]]
    return pd.DataFrame(rows, columns=["Type", "Libellé", "Montant saisi (€)", "Périodicité", "Par mois (€)"])


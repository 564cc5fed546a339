"""Chèque énergie: consumption units, eligibility, amount, validity, protections.

Rules (code de l'énergie L124-1, R124-1 to R124-16), all figures from
``tariffs/cheque_energie.yaml``:

* the household counts 1 UC for the first person, 0.5 for the second, 0.3 for
  each further one; a minor child in alternating residence counts half the
  value of its rank (children in alternating residence take the last ranks);
* campaign year N uses the scale in force on 1 January N and the revenu fiscal
  de référence (RFR) of year N-2;
* the household is eligible when RFR / UC is strictly below the ceiling; the
  amount depends on the band of RFR / UC and on the UC class (1 UC, between
  1 and 2 UC, 2 UC or more);
* until 2024 the household is every occupant of the dwelling (sum of their
  RFR); from 2025 it is the foyer fiscal of the holder of the electricity
  contract of the main home.

Comparisons are exact: ``RFR / UC < seuil`` is tested as ``RFR < seuil × UC``
in Decimal (scalar) or integers (vectorised), so a household exactly on a band
limit is never misplaced by rounding.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from .. import tariffs
from ..errors import InputError
from ..formatting import date_fr, eur, how_many, number
from ..inputs import parse_bool, parse_date, parse_int, parse_money, to_cents
from ..results import Explainer, Result

FILE = "cheque_energie"
CLASS_LABELS = {
    "bareme_1_uc": "1 unité de consommation",
    "bareme_entre_1_et_2_uc": "plus d'1 et moins de 2 unités de consommation",
    "bareme_2_uc_et_plus": "2 unités de consommation ou plus",
}
MAX_PERSONS = 30


def campaign_date(year: int) -> dt.date:
    """Date at which the parameters of campaign ``year`` are read: 1 January."""
    return dt.date(year, 1, 1)


def known_years() -> tuple[int, int]:
    """First and last campaign years the kit can compute. The last one is one
    year past the last verified scale, and is flagged as possibly stale."""
    first = tariffs.history(f"{FILE}.bareme_1_uc")[0][0].year
    last_checked = tariffs.get(f"{FILE}.bareme_1_uc", dt.date.max).still_valid_on.year
    return first, last_checked + 1


def _check_year(year) -> int:
    first, last = known_years()
    return parse_int(year, "annee", "Année de la campagne", minimum=first, maximum=last,
                     expected=f"une année de campagne entre {first} et {last} "
                              f"(barèmes connus de {first} à {last - 1})")


def _check_household(persons, alternating_children) -> tuple[int, int]:
    persons = parse_int(persons, "personnes", "Nombre de personnes du ménage",
                        minimum=1, maximum=MAX_PERSONS)
    alternating = parse_int(alternating_children, "enfants_residence_alternee",
                            "Enfants en résidence alternée", minimum=0, maximum=MAX_PERSONS)
    if alternating > persons - 1:
        raise InputError("enfants_residence_alternee", "Enfants en résidence alternée",
                         f"{how_many(alternating, 'enfant', 'enfants')} pour un ménage de "
                         f"{how_many(persons, 'personne', 'personnes')}",
                         "au plus le nombre de personnes moins une (le déclarant n'est pas "
                         "un enfant en résidence alternée)")
    return persons, alternating


def consumption_units(persons: int, alternating_children: int = 0, *, on: dt.date,
                      explainer: Explainer | None = None) -> Decimal:
    """Consumption units of a household for the chèque énergie.

    Parameters
    ----------
    persons : int
        Persons in the household, children in alternating residence included. [personnes]
    alternating_children : int
        Of which minor children in alternating residence. [personnes]
    on : date
        Date at which the rules are read.

    Returns
    -------
    Decimal
        Consumption units. [UC]
    """
    persons, alternating = _check_household(persons, alternating_children)
    ex = explainer or Explainer("cheque_energie", on)
    first = ex.param(f"{FILE}.uc_premiere_personne").value
    second = ex.param(f"{FILE}.uc_deuxieme_personne").value
    other = ex.param(f"{FILE}.uc_personne_suivante").value
    coef = ex.param(f"{FILE}.coefficient_residence_alternee")
    ranks = [first] + [second] * min(persons - 1, 1) + [other] * max(persons - 2, 0)
    parts = []
    total = Decimal(0)
    for rank, value in enumerate(ranks, start=1):
        if rank > persons - alternating:
            value = value * coef.value
            parts.append(f"{number(value)} (résidence alternée)")
        else:
            parts.append(number(value))
        total += value
    ex.step(f"Le ménage compte {how_many(persons, 'personne', 'personnes')}"
            + (f", dont {how_many(alternating, 'enfant', 'enfants')} en résidence alternée comptés pour moitié"
               if alternating else "")
            + f" : {how_many(total, 'unité', 'unités')} de consommation.",
            formula=" + ".join(parts) + f" = {number(total)} UC",
            reference=coef if alternating else ex.param(f"{FILE}.uc_premiere_personne"))
    return total


def _scale_key(uc: Decimal) -> str:
    if uc == 1:
        return "bareme_1_uc"
    if uc < 2:
        return "bareme_entre_1_et_2_uc"
    return "bareme_2_uc_et_plus"


def cheque_energie(year, rfr, persons, alternating_children=0,
                   electricity_contract_holder=None) -> Result:
    """Eligibility and amount of the chèque énergie for one household.

    Parameters
    ----------
    year : int
        Campaign year N (the cheque sent in year N). The RFR is that of year N-2.
    rfr : Decimal, int or str
        Revenu fiscal de référence of the household for year N-2: until 2024 the
        sum of every occupant's RFR, from 2025 the RFR of the foyer fiscal of the
        electricity contract holder. [€/an]
    persons : int
        Persons in that household. [personnes]
    alternating_children : int
        Of which minor children in alternating residence. [personnes]
    electricity_contract_holder : bool or None
        From 2025: is the foyer fiscal the holder of the electricity contract of
        its main home? ``None`` (unknown) is assumed yes, with a warning.

    Returns
    -------
    Result
        ``montant`` [€/an], ``eligible``, ``unites_consommation`` [UC],
        ``rfr_par_uc`` [€/UC/an, rounded to the cent for display], ``tranche``
        (1 = lowest incomes, None if not eligible), ``classe_uc``,
        ``plafond_rfr`` (RFR below which this household is eligible) [€/an],
        ``annee_revenus``, ``perimetre``.
    """
    year = _check_year(year)
    rfr = parse_money(rfr, "rfr", "Revenu fiscal de référence", maximum=Decimal(100_000_000))
    holder = None if electricity_contract_holder in (None, "") else parse_bool(
        electricity_contract_holder, "titulaire_contrat", "Titulaire du contrat d'électricité")
    on = campaign_date(year)
    ex = Explainer("cheque_energie", on)

    perimetre = ex.param(f"{FILE}.perimetre_menage")
    if perimetre.value == "foyer_fiscal_titulaire_contrat_electricite":
        ex.step(f"Pour la campagne {year}, le ménage est le foyer fiscal du titulaire du contrat "
                "d'électricité de la résidence principale : un seul chèque par logement.",
                reference=perimetre)
        if holder is None:
            ex.warn("hypothese", "On suppose que le foyer fiscal est titulaire du contrat "
                                 "d'électricité de sa résidence principale (à vérifier sur la facture).")
    else:
        ex.step(f"Pour la campagne {year}, le ménage est l'ensemble des occupants du logement : "
                "le revenu fiscal de référence est la somme de ceux de tous les occupants.",
                reference=perimetre)
    ex.step(f"Le revenu pris en compte est le revenu fiscal de référence {year - 2} "
            f"(avis d'impôt reçu en {year - 1}) : {eur(rfr)}.")

    uc = consumption_units(persons, alternating_children, on=on, explainer=ex)
    key = _scale_key(uc)
    scale = ex.param(f"{FILE}.{key}")
    ceiling = scale.brackets[-1].threshold
    rfr_per_uc = rfr / uc
    ex.step(f"Revenu par unité de consommation : {eur(to_cents(rfr_per_uc))} par UC.",
            formula=f"{eur(rfr)} ÷ {number(uc)} UC = {eur(to_cents(rfr_per_uc))}")

    band_index = None
    for index, bracket in enumerate(scale.brackets):
        if rfr >= bracket.threshold * uc:
            band_index = index
    bracket = scale.brackets[band_index]
    amount = bracket.amount
    plafond = to_cents(ceiling * uc)
    blocked = holder is False and perimetre.value == "foyer_fiscal_titulaire_contrat_electricite"
    eligible = amount > 0 and not blocked

    if amount > 0:
        upper = scale.brackets[band_index + 1].threshold
        ex.step(f"Ce revenu est dans la tranche de {eur(bracket.threshold, whole=True)} (inclus) "
                f"à {eur(upper, whole=True)} (exclu) par UC, pour un ménage de "
                f"{CLASS_LABELS[key]} : le chèque vaut {eur(amount, whole=True)} par an.",
                formula=f"{eur(bracket.threshold, whole=True)} ≤ {eur(to_cents(rfr_per_uc))} "
                        f"< {eur(upper, whole=True)} → {eur(amount, whole=True)}",
                reference=scale)
    else:
        ex.step(f"Le plafond est de {eur(ceiling, whole=True)} par UC (strictement inférieur), "
                f"soit un revenu fiscal de référence inférieur à {eur(plafond)} pour ce ménage : "
                "le ménage n'a pas droit au chèque énergie.",
                formula=f"{eur(to_cents(rfr_per_uc))} ≥ {eur(ceiling, whole=True)}",
                reference=scale)
    if blocked:
        amount = Decimal(0)
        ex.step("Le foyer fiscal n'est pas titulaire du contrat d'électricité de son logement : "
                "depuis 2025 le chèque va au foyer fiscal du titulaire du contrat. "
                "Il faut un contrat d'électricité à son nom (ou voir qui en est titulaire).",
                reference=perimetre)
    elif eligible:
        ex.step(f"Le ménage reste éligible tant que son revenu fiscal de référence est inférieur "
                f"à {eur(plafond)} ({eur(ceiling, whole=True)} × {number(uc)} UC).",
                formula=f"{eur(ceiling, whole=True)} × {number(uc)} = {eur(plafond)}",
                reference=scale)

    return ex.result(
        montant=amount,
        eligible=eligible,
        unites_consommation=uc,
        rfr_par_uc=to_cents(rfr_per_uc),
        tranche=(band_index + 1) if amount > 0 else None,
        classe_uc=CLASS_LABELS[key],
        plafond_rfr=plafond,
        annee_revenus=year - 2,
        perimetre=perimetre.value,
    )


def cheque_validity(issued_on) -> Result:
    """Last day a chèque énergie issued on ``issued_on`` can be used.

    A cheque issued before 1 September is valid until 31 March of the next
    year; from 1 September, until 31 March of the year after (R124-2, from
    1 September 2023).

    Returns
    -------
    Result
        ``valable_jusqu_au`` (date).
    """
    first_known = tariffs.history(f"{FILE}.annees_validite")[0][0]
    issued = parse_date(issued_on, "date_emission", "Date d'émission du chèque", minimum=first_known)
    ex = Explainer("cheque_energie_validite", issued)
    month = ex.param(f"{FILE}.mois_debut_emission_tardive")
    late = issued.month >= month.value
    years = ex.param(f"{FILE}.annees_validite_emission_tardive" if late else f"{FILE}.annees_validite")
    end_month = int(ex.param(f"{FILE}.fin_validite_mois").value)
    end_day = int(ex.param(f"{FILE}.fin_validite_jour").value)
    end_year = issued.year + int(years.value)
    end = dt.date(end_year, end_month, min(end_day, calendar.monthrange(end_year, end_month)[1]))
    when = "à partir du" if late else "avant le"
    ex.step(f"Un chèque émis le {date_fr(issued)} ({when} 1er {_month_name(int(month.value))}) "
            f"est valable jusqu'au {date_fr(end)}.", reference=years)
    return ex.result(valable_jusqu_au=end)


ATTRIBUTION = {
    "automatique_taxe_habitation": "envoi automatique d'après la déclaration de taxe d'habitation",
    "automatique_2023_et_guichet": ("envoi automatique aux bénéficiaires de 2023 encore éligibles ; "
                                    "les autres ménages éligibles devaient le demander en ligne"),
    "automatique_ou_demande": ("envoi automatique aux foyers identifiés par le croisement des données "
                               "fiscales et des fournisseurs d'électricité ; un foyer éligible non "
                               "identifié doit le demander, en ligne ou par courrier, avec une attestation "
                               "de contrat d'électricité à son nom de moins de 3 mois, son numéro fiscal "
                               "et son adresse"),
}


def _campaign_date(ex: Explainer, key: str) -> tuple[dt.date | None, tariffs.InForce]:
    """A campaign date parameter: the date, or None when not found (« à vérifier »)."""
    value = ex.param(f"{FILE}.{key}")
    return (value.value if isinstance(value.value, dt.date) else None), value


def cheque_attribution(year, on=None, recu_automatiquement=None) -> Result:
    """How a household gets the chèque énergie of campaign ``year``: sent
    automatically or on request, the request window and deadline, and how
    long the cheques sent automatically stay valid.

    Parameters
    ----------
    year : int
        Campaign year.
    on : date, optional
        Today, to say whether the request deadline has passed.
    recu_automatiquement : bool or None
        Did the household receive the cheque (or the letter announcing it)
        without asking? ``False``: it must apply before the deadline.

    Returns
    -------
    Result
        ``attribution`` (code), ``demarche`` (« aucune », « demande » or
        « à vérifier »), ``demande_ouverture``, ``demande_date_limite``,
        ``envoi_automatique_debut`` (dates, None when not found: « à
        vérifier »), ``cheques_automatiques_valables_jusqu_au`` (date or
        None), ``date_limite_depassee`` (bool or None).
    """
    year = _check_year(year)
    today = None if on in (None, "") else parse_date(on, "on", "Date du jour")
    received = None if recu_automatiquement in (None, "") else parse_bool(
        recu_automatiquement, "recu_automatiquement", "Chèque reçu sans démarche")
    ex = Explainer("cheque_energie_attribution", campaign_date(year))
    mode = ex.param(f"{FILE}.attribution")
    ex.step(f"Campagne {year} : {ATTRIBUTION.get(mode.value, mode.value)}.", reference=mode)
    opening = deadline = mailing = valid_until = None
    if mode.value == "automatique_ou_demande":
        opening, opening_p = _campaign_date(ex, "demande_ouverture")
        deadline, deadline_p = _campaign_date(ex, "demande_date_limite")
        mailing, mailing_p = _campaign_date(ex, "envoi_automatique_debut")
        ex.step("Demandes : " + (f"ouvertes à partir du {date_fr(opening)}" if opening else
                                 "date d'ouverture non connue du kit (à vérifier)")
                + (f", jusqu'au {date_fr(deadline)} inclus." if deadline else
                   " ; date limite non connue du kit (à vérifier)."), reference=deadline_p)
        if mailing:
            valid_until = cheque_validity(mailing).values["valable_jusqu_au"]
            ex.step(f"Les chèques envoyés automatiquement à partir du {date_fr(mailing)} sont valables "
                    f"jusqu'au {date_fr(valid_until)} (article R124-2 du code de l'énergie).",
                    reference=mailing_p)
        else:
            ex.step(f"Date d'envoi des chèques de la campagne {year} non connue du kit : leur date de "
                    "validité est imprimée sur le chèque (à vérifier).", reference=mailing_p)
    if received is True:
        step = "aucune"
        ex.step("Le ménage a reçu le chèque sans démarche : rien à demander.")
    elif received is False and mode.value == "automatique_ou_demande":
        step = "demande"
        ex.step("Le ménage n'a rien reçu : s'il est éligible, il doit faire la demande"
                + (f" avant le {date_fr(deadline)}." if deadline else " (date limite à vérifier)."))
    else:
        step = "à vérifier"
    late = None if today is None or deadline is None else today > deadline
    if late:
        ex.warn("attention", f"La date limite des demandes de la campagne {year} ({date_fr(deadline)}) "
                             "est passée.")
    return ex.result(attribution=mode.value, demarche=step, demande_ouverture=opening,
                     demande_date_limite=deadline, envoi_automatique_debut=mailing,
                     cheques_automatiques_valables_jusqu_au=valid_until, date_limite_depassee=late)


def cheque_protections(year) -> Result:
    """Protections of a chèque énergie holder and the period they cover.

    Returns
    -------
    Result
        ``protections`` (list of French sentences), ``debut`` and ``fin`` (dates).
    """
    year = _check_year(year)
    ex = Explainer("cheque_energie_protections", campaign_date(year))
    listing = ex.param(f"{FILE}.protections")
    start = dt.date(year, int(ex.param(f"{FILE}.protections_debut_mois").value), 1)
    end_month = int(ex.param(f"{FILE}.protections_fin_mois").value)
    end = dt.date(year + 1, end_month, calendar.monthrange(year + 1, end_month)[1])
    ex.step(f"Les protections s'appliquent du {date_fr(start)} au {date_fr(end)}, dès que le "
            "chèque a servi à payer une facture ou que l'attestation a été envoyée au fournisseur.",
            reference=listing)
    return ex.result(protections=list(listing.value), debut=start, fin=end)


def _month_name(month: int) -> str:
    return date_fr(dt.date(2000, month, 2)).split()[1]


# --------------------------------------------------------------------------- vectorised


def cheque_energie_many(year, rfr, persons, alternating_children=0):
    """The same rules as :func:`cheque_energie` for many households at once.

    Parameters
    ----------
    year : int
        Campaign year (one for the whole batch).
    rfr : array-like or pandas.Series
        Revenu fiscal de référence of each household, year N-2. [€/an]
    persons : array-like or pandas.Series
        Persons per household. [personnes]
    alternating_children : array-like, pandas.Series or int
        Children in alternating residence per household. [personnes]

    Returns
    -------
    pandas.DataFrame
        Columns ``unites_consommation`` [UC], ``montant`` [€/an, whole euros,
        int64], ``eligible`` (bool), ``tranche`` (0 when not eligible). Keeps
        the index of ``rfr`` when it is a Series. ``attrs["avertissements"]``
        lists the warnings (stale data…), as in the scalar result.

    Raises
    ------
    InputError
        naming the column and the first rows with a negative or missing RFR, a
        household of fewer than one person, or too many alternating children.
    """
    import numpy as np
    import pandas as pd

    from .vector import float_column, whole_column

    year = _check_year(year)
    on = campaign_date(year)
    index = rfr.index if isinstance(rfr, pd.Series) else None
    rfr_v = float_column(rfr)
    n = len(rfr_v)
    index = pd.RangeIndex(n) if index is None else index
    p, p_bad = whole_column(persons, n)
    k, k_bad = whole_column(alternating_children, n)

    def bad(mask, field, label, expected):
        if mask is not None and mask.any():
            rows = list(index[np.flatnonzero(mask)[:5]])
            raise InputError(field, label, f"valeur manquante ou invalide aux lignes {rows}", expected)

    def either(mask, other):
        return other if mask is None else mask | other

    with np.errstate(invalid="ignore"):
        bad(np.isnan(rfr_v) | (rfr_v < 0), "rfr", "Revenu fiscal de référence",
            "un montant positif ou nul en euros")
        bad(either(p_bad, p < 1), "personnes", "Nombre de personnes du ménage", "un nombre entier d'au moins 1")
        alternating = "enfants_residence_alternee", "Enfants en résidence alternée", \
            "un nombre entier entre 0 et le nombre de personnes moins une"
        if np.ndim(alternating_children) or k[:1].any():  # a default of 0 is always possible
            bad(either(k_bad, (k < 0) | (k > p - 1)), *alternating)
        else:
            bad(k_bad, *alternating)

    ex = Explainer("cheque_energie", on)
    milli = Decimal(1000)

    def to_milli(value: Decimal) -> int:
        scaled = value * milli
        if scaled != scaled.to_integral_value():
            raise ValueError(f"UC {value} non représentable au millième")
        return int(scaled)

    first = to_milli(ex.param(f"{FILE}.uc_premiere_personne").value)
    second = ex.param(f"{FILE}.uc_deuxieme_personne").value
    other = ex.param(f"{FILE}.uc_personne_suivante").value
    coef = ex.param(f"{FILE}.coefficient_residence_alternee").value
    second_m, other_m = to_milli(second), to_milli(other)
    second_half, other_half = to_milli(second * coef), to_milli(other * coef)

    def uc_of(persons_, alternating):  # [milli-UC]; alternating children take the last ranks
        uc = first + second_m * np.minimum(persons_ - 1, 1) + other_m * np.maximum(persons_ - 2, 0)
        uc -= (other_m - other_half) * np.minimum(alternating, np.maximum(persons_ - 2, 0))
        return uc - np.where((alternating == persons_ - 1) & (persons_ >= 2), second_m - second_half, 0)

    side = int(p.max(initial=1)) + 1
    if side <= 64:  # usual households: UC of each (persons, children) pair once, then gathers per row
        grid_p, grid_k = np.divmod(np.arange(side * side, dtype=np.int64), side)
        grid_uc = np.maximum(uc_of(grid_p, grid_k), 1)
        pair = p * side + k
        uc_m = grid_uc[pair]
        uc_class = np.where(grid_uc == first, 0, np.where(grid_uc < 2 * first, 1, 2))[pair]
    else:
        uc_m = uc_of(p, k)
        uc_class = np.where(uc_m == first, 0, np.where(uc_m < 2 * first, 1, 2))

    # exact band lookup in integers: rfr [cents] * 1000 >= threshold [cents] * uc [milli-UC]
    # ⇔ (rfr [cents] * 1000) // uc [milli-UC] >= threshold [cents] (integers, uc > 0)
    per_uc = (np.round(rfr_v * 100).astype(np.int64) * 1000) // uc_m
    scales = [ex.param(f"{FILE}.{key}").brackets for key in CLASS_LABELS]
    amounts = np.array([[0] + [int(b.amount) for b in brackets] for brackets in scales], dtype=np.int64)
    bands = np.array([[0] + [i if b.amount > 0 else 0 for i, b in enumerate(brackets, start=1)]
                      for brackets in scales], dtype=np.int64)
    thresholds = [np.array([int(b.threshold * 100) for b in brackets], dtype=np.int64) for brackets in scales]
    width = amounts.shape[1]
    cell = uc_class * width
    if all(np.array_equal(t, thresholds[0]) for t in thresholds):
        cell += np.searchsorted(thresholds[0], per_uc, side="right")
    else:  # one lookup per class of UC
        for number_, table in enumerate(thresholds):
            cell += np.where(cell // width == number_, np.searchsorted(table, per_uc, side="right"), 0)
    amount = amounts.ravel()[cell]
    band = bands.ravel()[cell]

    frame = pd.concat({  # one block per column: no copy to stack montant and tranche
        "unites_consommation": pd.Series(uc_m / 1000, index=index),
        "montant": pd.Series(amount, index=index),
        "eligible": pd.Series(amount > 0, index=index),
        "tranche": pd.Series(band, index=index),
    }, axis=1)
    frame.attrs["avertissements"] = [w.message for w in ex.notices()]
    frame.attrs["annee"] = year
    return frame

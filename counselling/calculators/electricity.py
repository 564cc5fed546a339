"""Electricity at the regulated tariff (Tarif Bleu d'EDF, TRVE): bill for any
period, prorated across tariff changes, and option / power advice.

Data: ``tariffs/trve.yaml`` (TTC grids as billed by EDF, per option and
subscribed power) and ``tariffs/taxes_electricite.yaml`` (accise, CTA, TVA).

Why TTC grids: only the TTC grids are published for every option and power
(the HT grids of Heures Creuses, Tempo and 18–36 kVA were not found), and a
mediator checks a bill against what EDF prints. The taxes are then taken back
out of the TTC amounts to show each of them.

Rules of the bill (:func:`facture_electricite`)
-----------------------------------------------
* The period runs from ``debut`` to ``fin``, both days included.
* It is cut into *tariff periods* wherever the grid of the option, the accise
  or a TVA rate changes; each tariff period is billed at its own prices.
* Subscription: for each calendar month (or part of a month) of a tariff
  period, ``monthly price × days billed ÷ days in that month``. A full calendar
  month therefore costs exactly the monthly price of the grid.
* Energy: when only a total is known for a stretch of time (a « relevé »), its
  kWh are shared between the tariff periods it covers in proportion to days.
* Taxes, taken back out of the TTC amounts of each tariff period:
  accise = kWh × rate (€/MWh ÷ 1 000); TVA on energy = energy TTC × t ÷ (100 + t);
  TVA on the subscription = subscription TTC × t ÷ (100 + t); what is left of
  the energy is the energy price HT, what is left of the subscription is the
  subscription HT *CTA included* (the CTA amount is not public per option and
  power: « à vérifier » on the bill).

Rounding rule (documented, property-tested)
-------------------------------------------
Within each tariff period, the subscription line and each energy line (one
per class: Base; HP, HC; the six Tempo classes) are rounded to the cent, half
away from zero; the accise and the TVA lines are rounded to the cent too, and
the HT lines are the differences, so that every breakdown adds up exactly to
the total. The total is the sum of the rounded lines. Consequently, cutting a
bill in two at a date inside a tariff period changes the sum by at most one
cent per rounded line of that tariff period (1 subscription line + number of
energy classes), never more.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from .. import tariffs
from ..errors import CounsellingError, InputError, TariffError, quote
from ..formatting import date_fr, eur, listed, number
from ..inputs import code_text, number_column, parse_date, parse_decimal, parse_int, to_cents
from ..results import Explainer, Result

FILE = "trve"
TAX = "taxes_electricite"
ONE_DAY = dt.timedelta(days=1)

OPTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "base": ("Base", ("base",)),
    "heures_creuses": ("Heures Creuses", ("hp", "hc")),
    "tempo": ("Tempo", ("bleu_hc", "bleu_hp", "blanc_hc", "blanc_hp", "rouge_hc", "rouge_hp")),
}
OPTION_ALIASES = {
    "base": "base", "heures_creuses": "heures_creuses", "heures creuses": "heures_creuses",
    "hc": "heures_creuses", "hp/hc": "heures_creuses", "hphc": "heures_creuses",
    "hp_hc": "heures_creuses", "tempo": "tempo",
}
CLASS_LABELS = {
    "base": "kWh (option Base)",
    "hp": "kWh en heures pleines", "hc": "kWh en heures creuses",
    "bleu_hc": "kWh jours bleus, heures creuses", "bleu_hp": "kWh jours bleus, heures pleines",
    "blanc_hc": "kWh jours blancs, heures creuses", "blanc_hp": "kWh jours blancs, heures pleines",
    "rouge_hc": "kWh jours rouges, heures creuses", "rouge_hp": "kWh jours rouges, heures pleines",
}
NOT_OFFERED = "puissance non proposée pour cette option à cette date"
MAX_KWH = Decimal(10_000_000)


def cents(value: Fraction | Decimal) -> Decimal:
    """Exact amount rounded to the cent, half away from zero (as ``to_cents``),
    computed on an exact fraction so that a true half-cent is never lost to a
    division done too early. [€]"""
    value = Fraction(value) * 100
    sign = -1 if value < 0 else 1
    whole = math.floor(abs(value) + Fraction(1, 2))
    return Decimal(sign * whole).scaleb(-2)


def as_decimal(value: Fraction, places: str = "0.001") -> Decimal:
    """A fraction shown as a Decimal (kWh to the thousandth)."""
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal(places))


class PrixInconnu(CounsellingError):
    """A price the kit does not know (not found in the sources): « à vérifier »."""


# --------------------------------------------------------------------------- parsing


def parse_option(option) -> str:
    """Option code (``base``, ``heures_creuses``, ``tempo``) from what was typed."""
    key = code_text(option).lower().replace("-", "_") if option is not None else ""
    if key not in OPTION_ALIASES:
        raise InputError("option", "Option tarifaire", f"{quote(option)} n'est pas une option du Tarif Bleu",
                         "Base, Heures Creuses ou Tempo")
    return OPTION_ALIASES[key]


def first_grid_date() -> dt.date:
    """First day covered by the kit's Tarif Bleu grids."""
    return min(tariffs.history(f"{FILE}.{option}")[0][0] for option in OPTIONS)


def _check_power(puissance_kva, field: str = "puissance_kva",
                 label: str = "Puissance souscrite") -> int:
    powers = [int(p) for p in tariffs.history(f"{FILE}.puissances_souscrites")[-1][1].value]
    kva = parse_int(puissance_kva, field, label, minimum=min(powers), maximum=max(powers),
                    expected="une puissance souscrite en kVA : " + ", ".join(map(str, powers)))
    if kva not in powers:
        raise InputError(field, label, f"{kva} kVA n'est pas une puissance du Tarif Bleu",
                         "une puissance souscrite en kVA : " + ", ".join(map(str, powers)))
    return kva


def _check_day(value, field: str, label: str) -> dt.date:
    first = first_grid_date()
    day = parse_date(value, field, label)
    if day < first:
        raise InputError(field, label,
                         f"le {date_fr(day)} est avant la première grille connue du kit",
                         f"une date à partir du {date_fr(first)}")
    return day


def parse_consumption(option: str, consommation, field: str = "consommation") -> dict[str, Decimal]:
    """kWh per class of the option, each ≥ 0, total > 0."""
    label = "Consommation (kWh)"
    classes = OPTIONS[option][1]
    if option == "base" and not isinstance(consommation, dict):
        consommation = {"base": consommation}
    if not isinstance(consommation, dict):
        example = ", ".join(f"{c}: …" for c in classes)
        raise InputError(field, label, "il faut la consommation de chaque période horaire",
                         f"les kWh par classe pour l'option {OPTIONS[option][0]} ({example})")
    unknown = set(consommation) - set(classes)
    if unknown:
        raise InputError(field, label, listed(sorted(map(str, unknown)),
                                              f"classe inconnue pour l'option {OPTIONS[option][0]}",
                                              f"classes inconnues pour l'option {OPTIONS[option][0]}"),
                         "les classes " + ", ".join(classes))
    if option == "heures_creuses" and set(consommation) != set(classes):
        raise InputError(field, label, "il manque les heures pleines ou les heures creuses",
                         "les kWh en heures pleines (hp) et en heures creuses (hc)")
    kwh = {c: parse_decimal(consommation.get(c, 0), field, f"{label}, {CLASS_LABELS[c]}",
                            minimum=Decimal(0), maximum=MAX_KWH,
                            expected="un nombre de kWh positif ou nul")
           for c in classes}
    if sum(kwh.values()) <= 0:
        raise InputError(field, label, "la consommation totale est nulle",
                         "une consommation strictement positive en kWh")
    return kwh


# --------------------------------------------------------------------------- grid access


def grid_row(option: str, kva: int, on: dt.date, ex: Explainer | None = None,
             until: dt.date | None = None) -> tuple[dict, tariffs.InForce]:
    """The grid line of ``option`` at ``kva`` in force on ``on`` (used up to
    ``until``, last day of the period billed: its revisions are checked too).

    Raises InputError (« puissance non proposée pour cette option à cette
    date ») when the power is not offered, PrixInconnu when the price was not
    found in the sources.
    """
    key = f"{FILE}.{option}"
    try:
        grid = ex.param(key, on, until) if ex is not None else tariffs.get(key, on, until)
    except TariffError:
        raise InputError("debut", "Date de début", f"le {date_fr(on)} est avant la première grille connue",
                         f"une date à partir du {date_fr(first_grid_date())}") from None
    rows = {int(r["kva"]): r for r in grid.value}
    row = rows.get(kva)
    offered = sorted(k for k, r in rows.items() if r.get("abonnement") is not None or "inconnu" in r)
    if row is None or ("inconnu" not in row and row.get("abonnement") is None):
        raise InputError("puissance_kva", "Puissance souscrite",
                         f"{NOT_OFFERED} ({kva} kVA en option {OPTIONS[option][0]} au {date_fr(on)})",
                         "une puissance proposée : " + ", ".join(f"{k} kVA" for k in offered))
    if "inconnu" in row:
        raise PrixInconnu(f"Prix de l'option {OPTIONS[option][0]} à {kva} kVA au {date_fr(on)} non connu "
                          f"du kit ({row['inconnu']}) : à vérifier sur la grille d'EDF.")
    return row, grid


def _change_dates(option: str) -> list[dt.date]:
    keys = [f"{FILE}.{option}", f"{TAX}.accise_electricite", f"{TAX}.tva_abonnement",
            f"{TAX}.tva_consommation"]
    return sorted({day for key in keys for day, _ in tariffs.history(key)})


def tariff_periods(option: str, start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Cut [start, end] (both included) wherever the grid of ``option`` or a
    tax rate changes."""
    cuts = [d for d in _change_dates(option) if start < d <= end]
    bounds = [start, *cuts, end + ONE_DAY]
    return [(bounds[i], bounds[i + 1] - ONE_DAY) for i in range(len(bounds) - 1)]


def month_pieces(start: dt.date, end: dt.date) -> list[tuple[dt.date, int, int]]:
    """(first day, days billed, days in month) for each calendar month touched."""
    pieces = []
    day = start
    while day <= end:
        month_days = calendar.monthrange(day.year, day.month)[1]
        month_end = dt.date(day.year, day.month, month_days)
        last = min(end, month_end)
        pieces.append((day, (last - day).days + 1, month_days))
        day = last + ONE_DAY
    return pieces


def _month_label(day: dt.date) -> str:
    return date_fr(dt.date(day.year, day.month, 2)).split(" ", 1)[1]


def _pct(value: Decimal) -> str:
    return f"{number(value)} %"


def _price(value: Decimal) -> str:
    """A unit price with all its published decimals (15,47 € ; 0,1952 €)."""
    value = Decimal(value)
    decimals = max(2, -value.normalize().as_tuple().exponent)
    return f"{number(value, decimals)} €"


# --------------------------------------------------------------------------- the bill


@dataclass
class _Chunk:
    start: dt.date
    end: dt.date
    kwh: dict[str, Decimal]

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _parse_readings(option: str, releves) -> list[_Chunk]:
    if not isinstance(releves, (list, tuple)) or not releves:
        raise InputError("releves", "Relevés", "la liste des relevés est vide ou illisible",
                         "une liste de relevés {debut, fin, consommation}")
    chunks = []
    for number_, item in enumerate(releves, start=1):
        if not isinstance(item, dict) or not {"debut", "fin", "consommation"} <= set(item):
            raise InputError("releves", "Relevés", f"le relevé n° {number_} est incomplet",
                             "pour chaque relevé : debut, fin et consommation")
        start = _check_day(item["debut"], "releves", f"Relevé n° {number_}, date de début")
        end = parse_date(item["fin"], "releves", f"Relevé n° {number_}, date de fin")
        if end < start:
            raise InputError("releves", f"Relevé n° {number_}",
                             f"la fin ({date_fr(end)}) est avant le début ({date_fr(start)})",
                             "une date de fin postérieure ou égale à la date de début")
        if chunks and start != chunks[-1].end + ONE_DAY:
            raise InputError("releves", f"Relevé n° {number_}",
                             f"il ne commence pas le lendemain du relevé précédent ({date_fr(chunks[-1].end)})",
                             "des relevés qui se suivent sans trou ni chevauchement")
        chunks.append(_Chunk(start, end, parse_consumption(option, item["consommation"], "releves")))
    return chunks


def facture_electricite(option, puissance_kva, debut=None, fin=None, consommation=None,
                        releves=None) -> Result:
    """Tarif Bleu bill for any period, broken down per tariff period.

    Parameters
    ----------
    option : str
        ``base``, ``heures_creuses`` (or ``hc``) or ``tempo``.
    puissance_kva : int
        Subscribed power. [kVA]
    debut, fin : date or str
        First and last day billed, both included. Optional when ``releves``
        is given.
    consommation : number or dict
        kWh over the whole period: a number for Base, ``{hp, hc}`` for Heures
        Creuses, ``{bleu_hc, bleu_hp, blanc_hc, blanc_hp, rouge_hc, rouge_hp}``
        for Tempo. Shared between tariff periods by days. [kWh]
    releves : list of dict
        Instead of ``consommation``: consecutive readings
        ``{debut, fin, consommation}``; each one's kWh is shared by days
        between the tariff periods it covers. [kWh]

    Returns
    -------
    Result
        ``total_ttc``, ``abonnement_ttc``, ``energie_ttc``, ``accise``,
        ``tva``, ``tva_abonnement``, ``tva_energie``, ``abonnement_hors_tva``
        (CTA included), ``energie_hors_taxes`` [€]; ``cta`` (None: à vérifier);
        ``jours`` [jours]; ``kwh`` [kWh]; ``periodes`` (one dict per tariff
        period with the same lines and the prices used).
    """
    option = parse_option(option)
    kva = _check_power(puissance_kva)
    if (consommation is None) == (releves is None):
        raise InputError("consommation", "Consommation (kWh)",
                         "il faut soit une consommation totale, soit une liste de relevés",
                         "la consommation de la période (kWh) ou les relevés")
    if releves is not None:
        chunks = _parse_readings(option, releves)
        start, end = chunks[0].start, chunks[-1].end
        if debut is not None and _check_day(debut, "debut", "Date de début") != start:
            raise InputError("debut", "Date de début", "elle ne correspond pas au premier relevé",
                             f"le {date_fr(start)}, ou rien")
        if fin is not None and parse_date(fin, "fin", "Date de fin") != end:
            raise InputError("fin", "Date de fin", "elle ne correspond pas au dernier relevé",
                             f"le {date_fr(end)}, ou rien")
    else:
        start = _check_day(debut, "debut", "Date de début")
        end = parse_date(fin, "fin", "Date de fin")
        if end < start:
            raise InputError("fin", "Date de fin",
                             f"la fin ({date_fr(end)}) est avant le début ({date_fr(start)})",
                             "une date de fin postérieure ou égale à la date de début")
        chunks = [_Chunk(start, end, parse_consumption(option, consommation))]

    ex = Explainer("facture_electricite", start)
    label = OPTIONS[option][0]
    classes = OPTIONS[option][1]
    total_days = (end - start).days + 1
    periods = tariff_periods(option, start, end)
    ex.step(f"Facture du {date_fr(start)} au {date_fr(end)} inclus ({total_days} jours), Tarif Bleu "
            f"option {label}, {kva} kVA"
            + (f" : la période couvre {len(periods)} grilles tarifaires, chacune appliquée à ses jours."
               if len(periods) > 1 else " : une seule grille tarifaire s'applique."))

    # kWh of each tariff period, shared by days inside each reading
    shares: list[dict[str, Fraction]] = [{c: Fraction(0) for c in classes} for _ in periods]
    split_done = False
    for chunk in chunks:
        for index, (p_start, p_end) in enumerate(periods):
            overlap = (min(p_end, chunk.end) - max(p_start, chunk.start)).days + 1
            if overlap <= 0:
                continue
            if overlap != chunk.days:
                split_done = True
            for c in classes:
                shares[index][c] += Fraction(chunk.kwh[c]) * overlap / chunk.days
    if split_done:
        ex.warn("hypothese", "La consommation d'un même relevé est répartie entre les grilles tarifaires "
                             "au prorata du nombre de jours (règle appliquée faute de relevé à la date "
                             "du changement de prix).")
        ex.step("Répartition de la consommation au prorata des jours de chaque grille : "
                + " ; ".join(f"du {date_fr(a)} au {date_fr(b)} : {number(cents(sum(s.values())))} kWh"
                             for (a, b), s in zip(periods, shares)) + ".",
                formula=" ; ".join(
                    f"{number(sum(ch.kwh.values()))} kWh × {(min(b, ch.end) - max(a, ch.start)).days + 1}"
                    f" / {ch.days} j"
                    for ch in chunks for (a, b) in periods
                    if (min(b, ch.end) - max(a, ch.start)).days + 1 > 0))

    lines = []
    for (p_start, p_end), kwh in zip(periods, shares):
        row, grid = grid_row(option, kva, p_start, ex, until=p_end)
        accise_rate = ex.param(f"{TAX}.accise_electricite", p_start, until=p_end)
        tva_a = ex.param(f"{TAX}.tva_abonnement", p_start, until=p_end)
        tva_c = ex.param(f"{TAX}.tva_consommation", p_start, until=p_end)
        monthly = Decimal(row["abonnement"])
        pieces = month_pieces(p_start, p_end)
        sub_exact = sum((Fraction(monthly) * days / month_days for _, days, month_days in pieces), Fraction(0))
        sub_ttc = cents(sub_exact)
        ex.step(f"Abonnement du {date_fr(p_start)} au {date_fr(p_end)} : {eur(monthly)} par mois TTC "
                f"({kva} kVA, option {label}), au prorata des jours de chaque mois.",
                formula=" + ".join(f"{_price(monthly)} × {days}/{month_days} ({_month_label(first)})"
                                   for first, days, month_days in pieces) + f" = {eur(sub_ttc)}",
                reference=grid)
        energy_lines = {}
        for c in classes:
            price = Decimal(row[c])
            energy_lines[c] = {"kwh": kwh[c], "prix": price, "montant_ttc": cents(kwh[c] * Fraction(price))}
        energy_ttc = sum((e["montant_ttc"] for e in energy_lines.values()), Decimal(0))
        ex.step(f"Énergie du {date_fr(p_start)} au {date_fr(p_end)} : {eur(energy_ttc)} TTC.",
                formula=" + ".join(f"{number(cents(e['kwh']))} kWh × {_price(e['prix'])}"
                                   for e in energy_lines.values()) + f" = {eur(energy_ttc)}",
                reference=grid)
        kwh_total = sum(kwh.values(), Fraction(0))
        accise = cents(kwh_total * Fraction(accise_rate.value) / 1000)
        tva_energy = to_cents(energy_ttc * tva_c.value / (100 + tva_c.value))
        energy_ht = energy_ttc - accise - tva_energy
        tva_sub = to_cents(sub_ttc * tva_a.value / (100 + tva_a.value))
        sub_ht = sub_ttc - tva_sub
        ex.step(f"Taxes comprises dans l'énergie : accise {eur(accise)}, TVA à {_pct(tva_c.value)} "
                f"{eur(tva_energy)} ; énergie hors taxes {eur(energy_ht)}.",
                formula=f"accise = {number(cents(kwh_total))} kWh × {number(accise_rate.value)} €/MWh ÷ 1 000 "
                        f"= {eur(accise)} ; TVA = {eur(energy_ttc)} × {number(tva_c.value)} / "
                        f"{number(100 + tva_c.value)} = {eur(tva_energy)}",
                reference=accise_rate)
        ex.step(f"Taxes comprises dans l'abonnement : TVA à {_pct(tva_a.value)} {eur(tva_sub)} ; "
                f"abonnement hors TVA (CTA comprise) {eur(sub_ht)}.",
                formula=f"TVA = {eur(sub_ttc)} × {number(tva_a.value)} / {number(100 + tva_a.value)} "
                        f"= {eur(tva_sub)}",
                reference=tva_a)
        lines.append({
            "debut": p_start, "fin": p_end, "jours": (p_end - p_start).days + 1,
            "grille_du": grid.effective_from, "abonnement_mensuel": monthly,
            "abonnement_ttc": sub_ttc, "energie_ttc": energy_ttc, "accise": accise,
            "tva_abonnement": tva_sub, "tva_energie": tva_energy,
            "abonnement_hors_tva": sub_ht, "energie_hors_taxes": energy_ht,
            "total_ttc": sub_ttc + energy_ttc,
            "kwh": {c: as_decimal(e["kwh"]) for c, e in energy_lines.items()},
            "prix_kwh": {c: e["prix"] for c, e in energy_lines.items()},
            "energie_par_classe": {c: e["montant_ttc"] for c, e in energy_lines.items()},
            "taux_accise": accise_rate.value, "taux_tva_abonnement": tva_a.value,
            "taux_tva_energie": tva_c.value,
        })

    cta = ex.param(f"{TAX}.cta_electricite", start, until=end)
    ex.param(f"{TAX}.cta_montant_publie", start, until=end)
    ex.step(f"La contribution tarifaire d'acheminement (CTA, {_pct(cta.value)} de la part fixe du tarif "
            "de réseau) est comprise dans l'abonnement hors TVA. Son montant n'est pas publié par option "
            "et par puissance : à vérifier sur la facture (ligne « CTA »).", reference=cta)

    def total(key):
        return sum((line[key] for line in lines), Decimal(0))

    grand_total = total("total_ttc")
    ex.step(f"Total de la facture : {eur(grand_total)} TTC (abonnement {eur(total('abonnement_ttc'))}, "
            f"énergie {eur(total('energie_ttc'))}).",
            formula=" + ".join(eur(line["total_ttc"]) for line in lines) + f" = {eur(grand_total)}")
    ex.step("Règle d'arrondi : chaque ligne (abonnement, énergie de chaque classe, accise, TVA) est "
            "arrondie au centime le plus proche (demi-centime vers le haut) pour chaque grille tarifaire ; "
            "le total est la somme des lignes arrondies. Un écart d'un centime par ligne avec la facture "
            "du fournisseur peut venir d'un arrondi fait ailleurs.")
    return ex.result(
        total_ttc=grand_total,
        abonnement_ttc=total("abonnement_ttc"),
        energie_ttc=total("energie_ttc"),
        accise=total("accise"),
        tva=total("tva_abonnement") + total("tva_energie"),
        tva_abonnement=total("tva_abonnement"),
        tva_energie=total("tva_energie"),
        abonnement_hors_tva=total("abonnement_hors_tva"),
        energie_hors_taxes=total("energie_hors_taxes"),
        cta=None,
        jours=total_days,
        kwh=sum((sum(ch.kwh.values(), Decimal(0)) for ch in chunks), Decimal(0)),
        option=option,
        puissance_kva=kva,
        nombre_periodes=len(lines),
        periodes=lines,
    )


# --------------------------------------------------------------------------- option and power advice


def annual_split(option: str, total: Decimal, hc_share: tuple[Decimal, Decimal], ex: Explainer,
                 on: dt.date, tempo: dict[str, Decimal] | None = None) -> dict[str, Fraction]:
    """kWh per class of ``option`` for an annual consumption ``total``, as
    exact fractions. ``hc_share`` is the off-peak share (numerator, denominator)."""
    share = Fraction(hc_share[0]) / Fraction(hc_share[1])
    total = Fraction(total)
    if option == "base":
        return {"base": total}
    if option == "heures_creuses":
        return {"hp": total * (1 - share), "hc": total * share}
    if tempo is not None:
        return {c: Fraction(v) for c, v in tempo.items()}
    red = Fraction(ex.param(f"{FILE}.tempo_jours_rouges", on).value)
    white = Fraction(ex.param(f"{FILE}.tempo_jours_blancs", on).value)
    year_days = Fraction(365)
    days = {"bleu": year_days - red - white, "blanc": white, "rouge": red}
    split = {}
    for colour, count in days.items():
        split[f"{colour}_hc"] = total * count / year_days * share
        split[f"{colour}_hp"] = total * count / year_days * (1 - share)
    return split


def annual_cost(option: str, kva: int, on: dt.date, kwh: dict[str, Fraction],
                ex: Explainer | None = None) -> Decimal:
    """Cost over a year at the prices in force on ``on``: 12 × monthly
    subscription + Σ kWh × price, each line rounded to the cent. [€/an]"""
    row, _ = grid_row(option, kva, on, ex)
    cost = to_cents(Decimal(row["abonnement"]) * 12)
    for c, value in kwh.items():
        cost += cents(Fraction(value) * Fraction(row[c]))
    return cost


def conseil_option_electricite(consommation_kwh, puissance_kva, on=None, consommation_hc_kwh=None,
                               repartition_tempo=None, option_actuelle=None,
                               puissance_max_kva=None) -> Result:
    """Yearly cost of each Tarif Bleu option, the cheapest, and the power check.

    Parameters
    ----------
    consommation_kwh : number
        Annual consumption. [kWh/an]
    puissance_kva : int
        Subscribed power. [kVA]
    on : date
        Date of the prices used (default: the first day of the kit's latest grid).
    consommation_hc_kwh : number, optional
        Of which off-peak hours (heures creuses). Without it the kit assumes a
        flat consumption (8 h out of 24 in off-peak hours) and says so. [kWh/an]
    repartition_tempo : dict, optional
        kWh per Tempo class (bleu_hc … rouge_hp), summing to the annual
        consumption. Without it, days are weighted by their legal count
        (22 red, 43 white, the rest blue) — a stated assumption. [kWh/an]
    option_actuelle : str, optional
        Current option, to compute the saving.
    puissance_max_kva : number, optional
        Highest daily maximum power observed (Linky « puissance maximale »). [kVA]

    Returns
    -------
    Result
        ``couts`` (option → €/an, or None), ``statuts`` (option → French
        status), ``option_la_moins_chere``, ``cout_le_plus_bas`` [€/an],
        ``economie`` [€/an, vs the current option], ``puissance_conseillee``
        [kVA] and ``economie_puissance`` [€/an] when the maximum is known.
    """
    if on is None:
        on = max(day for option in OPTIONS for day, _ in tariffs.history(f"{FILE}.{option}"))
    on = _check_day(on, "on", "Date des prix")
    total = parse_decimal(consommation_kwh, "consommation_kwh", "Consommation annuelle (kWh)",
                          minimum=Decimal(0), strict_minimum=True, maximum=MAX_KWH,
                          expected="une consommation annuelle strictement positive en kWh")
    kva = _check_power(puissance_kva)
    current = parse_option(option_actuelle) if option_actuelle not in (None, "") else None
    ex = Explainer("conseil_option_electricite", on)
    calendar = tariffs.get(f"{FILE}.base", on).calendar_text
    ex.step(f"Coûts sur un an aux prix en vigueur le {date_fr(on)} (calendrier de révision du Tarif "
            f"Bleu : {calendar}) ; refaire le calcul après une révision.")
    hours = ex.param(f"{FILE}.heures_creuses_par_jour", on)
    if consommation_hc_kwh not in (None, ""):
        hc = parse_decimal(consommation_hc_kwh, "consommation_hc_kwh", "Consommation en heures creuses (kWh)",
                           minimum=Decimal(0), maximum=total,
                           expected="des kWh en heures creuses entre 0 et la consommation annuelle")
        hc_share = (hc, total)
        ex.step(f"Part des heures creuses d'après la consommation : {number(hc)} kWh sur {number(total)} kWh.",
                formula=f"{number(hc)} ÷ {number(total)} = {number(to_cents(hc * 100 / total))} %")
    else:
        hc_share = (hours.value, Decimal(24))
        ex.warn("hypothese", f"Sans répartition heures pleines / heures creuses, le kit suppose une "
                             f"consommation régulière sur la journée : {number(hours.value)} heures creuses "
                             "sur 24, soit un tiers des kWh. Avec un chauffe-eau ou une recharge la nuit, la "
                             "part réelle est souvent plus forte : à vérifier sur les relevés.")
        ex.step(f"Part des heures creuses supposée : {number(hours.value)} h sur 24.",
                formula=f"{number(hours.value)} ÷ 24 = {number(to_cents(hours.value * 100 / 24))} %",
                reference=hours)
    tempo = None
    if repartition_tempo not in (None, ""):
        tempo = parse_consumption("tempo", repartition_tempo, "repartition_tempo")
        if sum(tempo.values()) != total:
            raise InputError("repartition_tempo", "Répartition Tempo",
                             f"la somme ({number(sum(tempo.values()))} kWh) diffère de la consommation "
                             f"annuelle ({number(total)} kWh)", "des kWh par classe dont la somme est la "
                             "consommation annuelle")
    else:
        ex.warn("hypothese", "Sans relevés par couleur de jour, le kit répartit la consommation Tempo selon "
                             "le nombre de jours de chaque couleur (22 rouges, 43 blancs, le reste bleus). "
                             "Les jours rouges et blancs sont les jours froids d'hiver : pour un logement "
                             "chauffé à l'électricité, leur part réelle est plus forte et Tempo coûte plus "
                             "cher que ce calcul.")

    costs: dict[str, Decimal | None] = {}
    status: dict[str, str] = {}
    for option, (label, _) in OPTIONS.items():
        kwh = annual_split(option, total, hc_share, ex, on, tempo)
        try:
            cost = annual_cost(option, kva, on, kwh, ex)
        except InputError:
            costs[option], status[option] = None, "non proposée à cette puissance"
            ex.step(f"Option {label} : non proposée à {kva} kVA au {date_fr(on)}.")
            continue
        except PrixInconnu:
            costs[option], status[option] = None, "à vérifier"
            ex.step(f"Option {label} : prix non connu du kit à {kva} kVA (à vérifier).")
            continue
        row, grid = grid_row(option, kva, on, ex)
        costs[option], status[option] = cost, "calculée"
        ex.step(f"Option {label} : {eur(cost)} par an.",
                formula=f"12 × {_price(Decimal(row['abonnement']))} + "
                        + " + ".join(f"{number(cents(v))} kWh × {_price(Decimal(row[c]))}"
                                     for c, v in kwh.items()) + f" = {eur(cost)}",
                reference=grid)
    available = {o: c for o, c in costs.items() if c is not None}
    if not available:
        raise InputError("puissance_kva", "Puissance souscrite", f"aucune option chiffrable à {kva} kVA",
                         "une autre puissance")
    best = min(available, key=lambda o: available[o])
    saving = None
    if current is not None:
        if costs.get(current) is None:
            ex.warn("attention", f"L'option actuelle ({OPTIONS[current][0]}) n'est pas chiffrable à "
                                 f"{kva} kVA à cette date : {status[current]}.")
        else:
            saving = costs[current] - available[best]
            ex.step(f"Par rapport à l'option actuelle ({OPTIONS[current][0]}), l'option "
                    f"{OPTIONS[best][0]} ferait économiser {eur(saving)} par an.",
                    formula=f"{eur(costs[current])} − {eur(available[best])} = {eur(saving)}")
    unpriced = [o for o in OPTIONS if status[o] == "à vérifier"]
    if unpriced:  # an option whose price is unknown may be cheaper: say so, never « la moins chère »
        names = " et ".join(OPTIONS[o][0] for o in unpriced)
        names = f"des options {names}" if len(unpriced) > 1 else f"de l'option {names}"
        ex.warn("attention", (f"Seule l'option {OPTIONS[best][0]} a pu être chiffrée" if len(available) == 1 else
                              f"{OPTIONS[best][0]} est la moins chère des options chiffrées")
                + f" : le prix {names} à {kva} kVA au {date_fr(on)} n'est pas connu du kit (à vérifier). "
                  "On ne peut pas dire quelle option est la moins chère.")
    elif current is None or saving is None:
        ex.step(f"L'option la moins chère pour cette consommation est {OPTIONS[best][0]} "
                f"({eur(available[best])} par an).")

    advised = power_saving = None
    if puissance_max_kva not in (None, ""):
        peak = parse_decimal(puissance_max_kva, "puissance_max_kva", "Puissance maximale atteinte (kVA)",
                             minimum=Decimal(0), strict_minimum=True, maximum=Decimal(1000),
                             expected="une puissance en kVA, par exemple 4,2")
        powers = [int(p) for p in ex.param(f"{FILE}.puissances_souscrites", on).value]
        fitting = [p for p in powers if p >= peak]
        if not fitting:
            ex.warn("attention", f"La puissance maximale observée ({number(peak)} kVA) dépasse la plus forte "
                                 "puissance du Tarif Bleu : à voir avec le fournisseur.")
        else:
            advised = fitting[0]
            option_for_power = current if current is not None and costs.get(current) is not None else best
            if advised < kva:
                try:
                    lower = annual_cost(option_for_power, advised, on,
                                        annual_split(option_for_power, total, hc_share, ex, on, tempo), ex)
                    power_saving = costs[option_for_power] - lower
                except (InputError, PrixInconnu):
                    power_saving = None
                ex.step(f"La puissance maximale atteinte ({number(peak)} kVA) tiendrait dans {advised} kVA : "
                        f"baisser la puissance souscrite de {kva} à {advised} kVA"
                        + (f" ferait économiser {eur(power_saving)} par an (option "
                           f"{OPTIONS[option_for_power][0]})." if power_saving is not None else
                           " réduirait l'abonnement (prix à vérifier)."),
                        formula=(f"{eur(costs[option_for_power])} − {eur(lower)} = {eur(power_saving)}"
                                 if power_saving is not None else None))
                ex.warn("hypothese", "La puissance conseillée suppose que le maximum observé couvre une année "
                                     "entière, hiver compris, et ne laisse aucune marge : au-delà, le compteur "
                                     "coupe. À confirmer avec les relevés de puissance d'un hiver.")
            elif advised > kva:
                ex.warn("attention", f"La puissance maximale observée ({number(peak)} kVA) dépasse la puissance "
                                     f"souscrite ({kva} kVA) : risque de coupures du disjoncteur ; {advised} kVA "
                                     "serait nécessaire, ou répartir les usages.")
                ex.step(f"Puissance souscrite insuffisante : il faudrait {advised} kVA.")
            else:
                ex.step(f"La puissance souscrite ({kva} kVA) est la plus petite qui couvre le maximum "
                        f"observé ({number(peak)} kVA) : elle est adaptée.")

    return ex.result(
        couts=costs, statuts=status, option_la_moins_chere=best, cout_le_plus_bas=available[best],
        options_a_verifier=unpriced,
        economie=saving, puissance_conseillee=advised, economie_puissance=power_saving,
        part_heures_creuses=hc_share[0] / hc_share[1],
    )


def couts_annuels_many(consommation_kwh, puissance_kva: int, on, part_heures_creuses=None):
    """Vectorised :func:`conseil_option_electricite` costs for many households
    at one power and date (same parameters, integer cents).

    Parameters
    ----------
    consommation_kwh : array-like or pandas.Series
        Annual consumption per household. [kWh/an]
    puissance_kva : int
        Subscribed power, common to the batch. [kVA]
    on : date
        Date of the prices.
    part_heures_creuses : array-like, optional
        Off-peak share per household (0–1); default 8/24 as the scalar.

    Returns
    -------
    pandas.DataFrame
        One column per option, cost in integer cents [c€/an] (-1 when the
        option is not offered or its price unknown), and
        ``option_la_moins_chere``.
    """
    import numpy as np
    import pandas as pd

    on = _check_day(on, "on", "Date des prix")
    kva = _check_power(puissance_kva)
    index = consommation_kwh.index if isinstance(consommation_kwh, pd.Series) else None
    total = number_column(pd.Series(consommation_kwh, index=index))
    bad = total.isna() | (total <= 0)
    if bad.any():
        rows = list(total.index[bad.to_numpy()][:5])
        raise InputError("consommation_kwh", "Consommation annuelle (kWh)",
                         f"valeur nulle, négative ou manquante aux lignes {rows}",
                         "une consommation annuelle strictement positive en kWh")
    ex = Explainer("conseil_option_electricite", on)
    hours = ex.param(f"{FILE}.heures_creuses_par_jour", on).value
    share = (np.full(len(total), float(hours / 24)) if part_heures_creuses is None
             else np.asarray(part_heures_creuses, dtype=float))
    kwh = total.to_numpy(dtype=float)
    out = {}
    for option in OPTIONS:
        try:
            row, _ = grid_row(option, kva, on, ex)
        except (InputError, PrixInconnu):
            out[option] = np.full(len(kwh), -1, dtype=np.int64)
            continue
        amount = np.full(len(kwh), int(to_cents(Decimal(row["abonnement"]) * 12) * 100), dtype=np.int64)
        if option == "base":
            parts = {"base": kwh}
        elif option == "heures_creuses":
            parts = {"hp": kwh * (1 - share), "hc": kwh * share}
        else:
            red = float(ex.param(f"{FILE}.tempo_jours_rouges", on).value)
            white = float(ex.param(f"{FILE}.tempo_jours_blancs", on).value)
            days = {"bleu": 365 - red - white, "blanc": white, "rouge": red}
            parts = {}
            for colour, count in days.items():
                parts[f"{colour}_hc"] = kwh * count / 365 * share
                parts[f"{colour}_hp"] = kwh * count / 365 * (1 - share)
        for c, values in parts.items():
            # half away from zero, like to_cents (values are positive)
            amount += np.floor(values * float(Decimal(row[c])) * 100 + 0.5 + 1e-9).astype(np.int64)
        out[option] = amount
    frame = pd.DataFrame(out, index=total.index)
    masked = frame.where(frame >= 0)
    frame["option_la_moins_chere"] = masked.idxmin(axis=1)
    frame.attrs["avertissements"] = [w.message for w in ex.notices()]
    return frame

"""Consumption from meter readings: per period, per day, and an annual estimate.

A reading is the index shown by the meter on a date (electricity in kWh, gas
in m³ or kWh). Conventions:

* an index read on day D is taken as the state of the meter at the start of
  day D, so two readings on D0 and D1 cover the D1 − D0 days D0 … D1 − 1;
* the consumption of a period is the difference of the two indexes, exact
  (Decimal, decimals kept as typed);
* a reading lower than the one before is an error naming its line and date
  (a meter change, or a typo), unless the reading is flagged
  ``nouveau_compteur``: then the consumption of the period that ends on it is
  unknown, reported and left out of every total;
* the annual estimate divides the measured consumption by the share of a
  typical year the measured days represent, read from the monthly profile of
  ``tariffs/consommation_saisonniere.yaml`` (an ESTIMATION, low confidence,
  said in the explanation). For gas no profile is public: the estimate is pro
  rata of the days, flagged « à vérifier ».
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from .. import tariffs
from ..errors import InputError, quote
from ..formatting import date_fr, number, percent
from ..inputs import code_text, parse_bool, parse_date, parse_decimal
from ..results import Explainer, Result

FILE = "consommation_saisonniere"
ENERGIES = {"electricite": "électricité", "gaz": "gaz"}
OF_ENERGY = {"electricite": "d'électricité", "gaz": "de gaz"}
UNITS = {"kwh": "kWh", "m3": "m³", "m³": "m³"}
FIELD = "releves"
LABEL = "Relevés du compteur"


def _q(value: Decimal, exponent: str) -> Decimal:
    return value.quantize(Decimal(exponent), rounding=ROUND_HALF_UP)


def profile_share(start: dt.date, end: dt.date, monthly: Sequence[Decimal]) -> Decimal:
    """Share of a typical year covered by the days ``start`` … ``end − 1``.

    Each day of month m weighs ``monthly[m − 1] / days_in_month``, so a whole
    calendar year always weighs exactly the sum of the profile (1), leap years
    included.

    Parameters
    ----------
    start, end : date
        First day covered, and the day after the last. [jour]
    monthly : sequence of 12 Decimal
        Share of the annual consumption in each month (January first). [ratio]

    Returns
    -------
    Decimal
        Share of a typical year (may exceed 1 for more than a year). [ratio]
    """
    total = Decimal(0)
    day = start
    while day < end:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        month_end = dt.date(day.year, day.month, days_in_month) + dt.timedelta(days=1)
        stop = min(end, month_end)
        total += Decimal(monthly[day.month - 1]) * Decimal((stop - day).days) / Decimal(days_in_month)
        day = stop
    return total


def _parse_readings(releves) -> list[dict]:
    if hasattr(releves, "to_dict") and hasattr(releves, "columns"):  # a pandas DataFrame
        releves = releves.to_dict("records")
    if releves is None or (isinstance(releves, str) and not releves.strip()):
        raise InputError(FIELD, LABEL, "la liste des relevés manque",
                         "une liste de relevés, chacun avec une date et un index")
    if not isinstance(releves, (list, tuple)):
        raise InputError(FIELD, LABEL, f"{quote(releves)} n'est pas une liste de relevés",
                         "une liste de relevés, chacun avec une date et un index")
    rows = []
    for line, item in enumerate(releves, start=1):
        if isinstance(item, Mapping):
            raw_date, raw_index = item.get("date"), item.get("index")
            new_meter = item.get("nouveau_compteur", False)
        elif isinstance(item, Sequence) and len(item) in (2, 3):
            raw_date, raw_index = item[0], item[1]
            new_meter = item[2] if len(item) == 3 else False
        else:
            raise InputError(FIELD, LABEL, f"ligne {line} : {quote(item)} n'est pas un relevé",
                             "une date et un index par ligne")
        day = parse_date(raw_date, FIELD, f"{LABEL}, ligne {line} (date)")
        index = parse_decimal(raw_index, FIELD, f"{LABEL}, ligne {line} (index du {day:%d/%m/%Y})",
                              minimum=Decimal(0),
                              expected="l'index affiché par le compteur, un nombre positif, "
                                       "par exemple 12 345 ou 12 345,6")
        rows.append({"ligne": line, "date": day, "index": index,
                     "nouveau_compteur": parse_bool(new_meter, FIELD, f"{LABEL}, ligne {line} "
                                                    "(nouveau compteur)")})
    if len(rows) < 2:
        raise InputError(FIELD, LABEL, "un seul relevé" if rows else "aucun relevé",
                         "au moins deux relevés à des dates différentes")
    rows.sort(key=lambda r: r["date"])
    for before, after in zip(rows, rows[1:]):
        if before["date"] == after["date"]:
            raise InputError(FIELD, LABEL,
                             f"lignes {before['ligne']} et {after['ligne']} : deux relevés le même jour "
                             f"({after['date']:%d/%m/%Y})", "un seul relevé par date")
    return rows


def consumption_from_readings(releves, energie: str = "electricite", unite: str = "kWh",
                              coefficient_conversion=None, on: dt.date | None = None) -> Result:
    """Consumption between meter readings, average per day, annual estimate.

    Parameters
    ----------
    releves : list
        Readings, each ``{"date": …, "index": …}`` (or a pair ``(date, index)``),
        optionally ``"nouveau_compteur": True`` when the meter was replaced just
        before this reading (its index restarts). A DataFrame with columns
        ``date`` and ``index`` is accepted too. Any order; line numbers in
        messages are the positions in this list, from 1.
    energie : str
        ``"electricite"`` or ``"gaz"``.
    unite : str
        Unit of the indexes: ``"kWh"`` or ``"m3"`` (gas meters). [kWh|m³]
    coefficient_conversion : Decimal, optional
        For gas in m³: the conversion coefficient printed on the bill. [kWh/m³]
        Without it, consumption stays in m³ and the annual estimate too.
    on : date, optional
        Date at which the profile is read (default: the last reading).

    Returns
    -------
    Result
        ``periodes`` (list of dicts: debut, fin, jours, consommation, par_jour,
        connue), ``consommation_totale`` [unit], ``consommation_kwh`` [kWh, or
        None], ``jours_mesures`` [jours], ``moyenne_par_jour`` [unit/jour, 0.01],
        ``estimation_annuelle`` [unit/an, whole], ``estimation_annuelle_kwh``
        [kWh/an, whole, or None], ``part_annee_couverte`` [ratio],
        ``methode_annualisation`` ("profil_saisonnier" or "prorata_jours"),
        ``periodes_inconnues`` (count), ``unite``.
    """
    energy_key = code_text(energie).lower().replace("é", "e")
    if energy_key not in ENERGIES:
        raise InputError("energie", "Énergie", f"{quote(energie)} n'est pas une énergie connue",
                         "electricite ou gaz")
    unit_key = code_text(unite).lower().replace(" ", "")
    if unit_key not in UNITS:
        raise InputError("unite", "Unité des index", f"{quote(unite)} n'est pas une unité connue",
                         "kWh ou m3")
    unit = UNITS[unit_key]
    if unit == "m³" and energy_key != "gaz":
        raise InputError("unite", "Unité des index", "un compteur d'électricité n'affiche pas des m³",
                         "kWh pour l'électricité")
    coef = None
    if coefficient_conversion not in (None, ""):
        coef = parse_decimal(coefficient_conversion, "coefficient_conversion",
                             "Coefficient de conversion", minimum=Decimal(0), strict_minimum=True,
                             maximum=Decimal(20),
                             expected="le coefficient de conversion de la facture de gaz, "
                                      "en kWh/m³, par exemple 11,12")
        if unit != "m³":
            raise InputError("coefficient_conversion", "Coefficient de conversion",
                             "un coefficient n'a de sens que pour des index en m³",
                             "aucun coefficient quand les index sont en kWh")
    rows = _parse_readings(releves)
    on = parse_date(on, "on", "Date du calcul") if on not in (None, "") else rows[-1]["date"]
    ex = Explainer("consommation_releves", on)

    for before, after in zip(rows, rows[1:]):
        if after["index"] < before["index"] and not after["nouveau_compteur"]:
            raise InputError(
                FIELD, LABEL,
                f"ligne {after['ligne']}, relevé du {after['date']:%d/%m/%Y} : l'index "
                f"{number(after['index'])} {unit} est plus petit que celui du relevé précédent "
                f"(ligne {before['ligne']}, {before['date']:%d/%m/%Y} : {number(before['index'])} {unit}) ; "
                "changement de compteur ou erreur de saisie",
                "des index qui ne baissent jamais ; si le compteur a été remplacé, cochez "
                "« nouveau compteur » sur le premier relevé du nouveau compteur")

    ex.step(f"{len(rows)} relevés {OF_ENERGY[energy_key]} du {date_fr(rows[0]['date'])} au "
            f"{date_fr(rows[-1]['date'])}. Un index relevé un jour compte pour le début de ce jour : "
            "la période entre deux relevés va du premier jour inclus au second exclu.")
    periods = []
    total = Decimal(0)
    days = 0
    share = Decimal(0)
    unknown = 0
    profile_key = f"{FILE}.profil_mensuel_{energy_key}"
    first_known = tariffs.history(profile_key)[0][0]
    profile = ex.param(profile_key, on=max(ex.on, first_known))
    monthly = profile.value if isinstance(profile.value, list) else None
    for before, after in zip(rows, rows[1:]):
        span = (after["date"] - before["date"]).days
        if after["nouveau_compteur"]:
            unknown += 1
            periods.append({"debut": before["date"], "fin": after["date"], "jours": span,
                            "consommation": None, "par_jour": None, "connue": False})
            ex.step(f"Du {date_fr(before['date'])} au {date_fr(after['date'])} ({span} jours) : "
                    f"consommation inconnue, le compteur a été remplacé (ligne {after['ligne']}). "
                    "Cette période est laissée hors des totaux.")
            ex.warn("attention", f"Changement de compteur avant le relevé du {date_fr(after['date'])} : "
                                 f"{span} jours sans consommation connue. Demandez l'index de dépose "
                                 "de l'ancien compteur au fournisseur pour les compter.")
            continue
        used = after["index"] - before["index"]
        per_day = _q(used / span, "0.01")
        periods.append({"debut": before["date"], "fin": after["date"], "jours": span,
                        "consommation": used, "par_jour": per_day, "connue": True})
        ex.step(f"Du {date_fr(before['date'])} au {date_fr(after['date'])} ({span} jours) : "
                f"{number(used)} {unit}, soit {number(per_day, 2)} {unit} par jour.",
                formula=f"{number(after['index'])} − {number(before['index'])} = {number(used)} {unit} ; "
                        f"{number(used)} ÷ {span} = {number(per_day, 2)} {unit}/jour")
        total += used
        days += span
        if monthly is not None:
            share += profile_share(before["date"], after["date"], monthly)
    if days == 0:
        raise InputError(FIELD, LABEL, "aucune période mesurable entre deux relevés du même compteur",
                         "au moins deux relevés du même compteur")

    mean = _q(total / days, "0.01")
    ex.step(f"Sur les {days} jours mesurés : {number(total)} {unit}, soit {number(mean, 2)} {unit} "
            "par jour en moyenne.",
            formula=f"{number(total)} ÷ {days} = {number(mean, 2)} {unit}/jour")

    if monthly is not None:
        method = "profil_saisonnier"
        share = _q(share, "0.0001")  # the figure shown is the one used
        annual = _q(total / share, "1")
        ex.step("Estimation sur un an (ESTIMATION) : d'après un profil saisonnier type, les jours "
                f"mesurés représentent {percent(share)} de la consommation d'une année ; "
                f"l'année entière ferait donc environ {number(annual)} {unit}. "
                "Ce profil est dérivé, pas officiel : une année complète de relevés reste la "
                "meilleure mesure.",
                formula=f"{number(total)} ÷ {number(share)} = {number(annual)} {unit}/an",
                reference=profile)
    else:
        method = "prorata_jours"
        share = Decimal(days) / Decimal(365)
        annual = _q(total * 365 / days, "1")
        ex.step("Estimation sur un an (ESTIMATION au prorata des jours) : aucun profil saisonnier "
                f"public pour le {ENERGIES[energy_key]} ; {days} jours mesurés ramenés à 365 jours "
                f"font environ {number(annual)} {unit}. Le chauffage pèse surtout l'hiver : "
                "à vérifier.",
                formula=f"{number(total)} × 365 ÷ {days} = {number(annual)} {unit}/an",
                reference=profile)
        ex.warn("attention", f"Estimation annuelle du {ENERGIES[energy_key]} au prorata des jours, "
                             "sans profil saisonnier : à vérifier (elle sous-estime si les relevés "
                             "couvrent surtout l'été, et inversement).")
    ex.warn("hypothese", "L'estimation annuelle est une estimation à partir d'un profil type, "
                         "pas une mesure.")

    total_kwh = annual_kwh = None
    if coef is not None:
        total_kwh = _q(total * coef, "0.01")
        annual_kwh = _q(annual * coef, "1")
        ex.step(f"Conversion en énergie avec le coefficient de la facture ({number(coef)} kWh/m³) : "
                f"{number(total_kwh)} kWh mesurés, environ {number(annual_kwh)} kWh par an.",
                formula=f"{number(total)} m³ × {number(coef)} = {number(total_kwh)} kWh ; "
                        f"{number(annual)} m³ × {number(coef)} = {number(annual_kwh)} kWh/an")
    elif unit == "kWh":
        total_kwh, annual_kwh = total, annual

    return ex.result(
        periodes=periods,
        consommation_totale=total,
        consommation_kwh=total_kwh,
        jours_mesures=days,
        moyenne_par_jour=mean,
        estimation_annuelle=annual,
        estimation_annuelle_kwh=annual_kwh,
        part_annee_couverte=_q(share, "0.0001"),
        methode_annualisation=method,
        periodes_inconnues=unknown,
        unite=unit,
    )

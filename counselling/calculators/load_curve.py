"""Aggregations of a Linky load curve, daily index and daily maximum power.

Pure functions on plain frames (as returned by ``counselling.imports.enedis``,
or built by hand): no file is opened here.

Load-curve frame: one row per step, columns ``debut`` (start of the
interval, tz-aware, Paris time), ``pas_min`` (length of the step) [min],
``puissance_w`` (average power over the step, NaN for a gap) [W].

Conventions (say them to the person):

* the Enedis timestamp marks the END of the interval (``00:30`` covers
  00:00–00:30); every aggregation uses the START (``debut``), so the step
  23:30–00:00 counts for the day and the month it starts in;
* energy of a step: ``Wh = W × pas_min / 60``, each step with its own length;
  sums are done in watt-minutes (exact for whole watts) and converted once;
* heures creuses: a step counts in HC for the part of it inside the HC
  ranges, read on the local clock at its start (a 30-min step 21:45–22:15
  with HC from 22:00 is half HC);
* gaps are never filled: they are counted and reported, and totals are
  « mesurés » totals.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pandas as pd

from ..errors import InputError, quote
from ..formatting import agreed, date_fr, how_many, number, percent
from ..results import Explainer, Result

TZ = "Europe/Paris"
MINUTES_PER_DAY = 1440
#: Below this many measured days the kit gives no annual estimate (method
#: choice, not a legal figure: a few days say nothing about a year).
MIN_DAYS_FOR_ANNUAL = 28
#: A file covering at least this many days gives a measured year (the last
#: 365 days), not an estimate. [jours]
DAYS_IN_YEAR = 365
_RANGE = re.compile(r"^\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*[-–à]+\s*(\d{1,2})\s*[:hH]\s*(\d{2})?\s*$")


# --------------------------------------------------------------------------- helpers


def _check_frame(data: pd.DataFrame) -> pd.DataFrame:
    missing = {"debut", "pas_min", "puissance_w"} - set(getattr(data, "columns", []))
    if missing:
        raise InputError("courbe", "Courbe de charge", f"colonnes manquantes : {', '.join(sorted(missing))}",
                         "un tableau avec debut, pas_min et puissance_w (lu par counselling.imports.enedis)")
    if len(data) == 0:
        raise InputError("courbe", "Courbe de charge", "aucune mesure", "au moins une mesure")
    if getattr(data["debut"].dt, "tz", None) is None:
        raise InputError("courbe", "Courbe de charge", "les horodatages n'ont pas de fuseau horaire",
                         "des horodatages en heure de Paris (avec décalage UTC)")
    return data


def watt_minutes(data: pd.DataFrame) -> np.ndarray:
    """Energy of each step in watt-minutes (W × min; NaN for a gap). [W·min]"""
    return data["puissance_w"].to_numpy(dtype=np.float64) * data["pas_min"].to_numpy(dtype=np.float64)


def step_energy(data: pd.DataFrame) -> pd.Series:
    """Energy of each step: ``W × pas_min / 60``. [Wh] (NaN for a gap)"""
    return pd.Series(watt_minutes(_check_frame(data)) / 60, index=data.index, name="energie_wh")


def kwh(wmin: float) -> Decimal:
    """Watt-minutes → kWh, rounded to the Wh (0.001 kWh). [kWh]"""
    return (Decimal(repr(float(wmin))) / Decimal(60000)).quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def _local_start(data: pd.DataFrame) -> pd.Series:
    return data["debut"].dt.tz_convert(TZ)


def parse_hc_ranges(plages) -> list[tuple[int, int]]:
    """Read HC ranges as minutes of the day: ``["22:00-06:00"]`` or
    ``[("22:00", "06:00")]`` or ``"22h-6h; 12h30-14h30"`` → ``[(1320, 360)]``.

    Raises InputError (field ``plages_hc``) for anything else.
    """
    field, label = "plages_hc", "Plages d'heures creuses"
    expected = "des plages horaires comme 22:00-06:00 ou 01:30-07:30 ; 12:30-14:30"
    if isinstance(plages, str):
        plages = [p for p in re.split(r"[;,/]| et ", plages) if p.strip()]
    if not plages:
        raise InputError(field, label, "aucune plage saisie", expected)
    ranges = []
    for item in plages:
        text = item if isinstance(item, str) else "-".join(str(x) for x in item)
        match = _RANGE.match(text)
        if not match:
            raise InputError(field, label, f"{quote(text)} n'est pas une plage horaire", expected)
        h1, m1, h2, m2 = (int(g) if g else 0 for g in match.groups())
        if h1 > 24 or h2 > 24 or m1 > 59 or m2 > 59:
            raise InputError(field, label, f"{quote(text)} : heure impossible", expected)
        start, end = (h1 * 60 + m1) % MINUTES_PER_DAY, (h2 * 60 + m2) % MINUTES_PER_DAY
        if start == end:
            raise InputError(field, label, f"{quote(text)} : plage vide", expected)
        ranges.append((start, end))
    segments = sorted(s for a, b in ranges for s in (((a, b),) if a < b else ((a, 1440), (0, b))))
    for (a1, b1), (a2, b2) in zip(segments, segments[1:]):
        if a2 < b1:
            raise InputError(field, label, "des plages se chevauchent", expected)
    return ranges


def hc_fraction(data: pd.DataFrame, ranges: Sequence[tuple[int, int]]) -> np.ndarray:
    """Share of each step inside the HC ranges, on the local clock at its start. [ratio]"""
    local = _local_start(data)
    m0 = (local.dt.hour * 60 + local.dt.minute).to_numpy(dtype=np.float64)
    length = data["pas_min"].to_numpy(dtype=np.float64)
    m1 = m0 + length
    inside = np.zeros(len(data))
    for a, b in ranges:
        segments = [(a, b)] if a < b else [(a, 1440), (0, b)]
        for s, e in segments:
            for shift in (0, 1440):
                inside += np.clip(np.minimum(e + shift, m1) - np.maximum(s + shift, m0), 0, None)
    return np.minimum(inside, length) / length


def _fmt_ranges(ranges) -> str:
    return ", ".join(f"{a // 60:02d}:{a % 60:02d}–{b // 60:02d}:{b % 60:02d}" for a, b in ranges)


# --------------------------------------------------------------------------- aggregations


def _grouped(data: pd.DataFrame, keys) -> pd.DataFrame:
    wmin = watt_minutes(data)
    measured = ~np.isnan(wmin)
    frame = pd.DataFrame({"wmin": np.where(measured, wmin, 0.0),
                          "minutes_mesurees": np.where(measured, data["pas_min"], 0),
                          "minutes_manquantes": np.where(measured, 0, data["pas_min"])},
                         index=data.index)
    out = frame.groupby(keys, sort=True).sum()
    out["energie_wh"] = out["wmin"] / 60
    return out


def daily_totals(data: pd.DataFrame) -> pd.DataFrame:
    """Energy per local day (of the start of each step).

    Returns
    -------
    pandas.DataFrame
        Index ``date`` (every day from the first to the last step, a day
        without any row included); columns ``energie_wh`` [Wh], ``wmin``
        [W·min, exact sum], ``minutes_mesurees`` [min], ``minutes_manquantes``
        [min]: the part of the day inside the period of the curve that has no
        measure (empty values and absent rows; a summer-time day has 1 380
        minutes, a winter-time day 1 500).
    """
    data = _check_frame(data)
    days = _local_start(data).dt.date.rename("date")
    out = _grouped(data, days)
    start = data["debut"].min()
    end = (data["debut"] + pd.to_timedelta(data["pas_min"], unit="min")).max()
    all_days = pd.date_range(start.tz_convert(TZ).normalize(), end.tz_convert(TZ).normalize(), freq="D")
    out = out.reindex([d.date() for d in all_days], fill_value=0)
    out.index.name = "date"
    span = []
    for day in all_days:
        day_start = max(day, start)
        day_end = min(day + pd.DateOffset(days=1), end)
        span.append(max(0, int((day_end - day_start) / pd.Timedelta(minutes=1))))
    out["minutes_manquantes"] = np.array(span) - out["minutes_mesurees"].to_numpy()
    return out[(out["minutes_mesurees"] > 0) | (out["minutes_manquantes"] > 0)]


def _month_key(day) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_minutes(month: str) -> int:
    """Minutes of a local calendar month ``"2025-03"`` (a month with a clock
    change has one hour less or more). [min]"""
    year, number_ = int(month[:4]), int(month[5:7])
    start = pd.Timestamp(dt.datetime(year, number_, 1), tz=TZ)
    end = pd.Timestamp(dt.datetime(year + number_ // 12, number_ % 12 + 1, 1), tz=TZ)
    return int((end - start) / pd.Timedelta(minutes=1))


def month_state(complete: bool, days_measured: int, days_in_month: int) -> str:
    """What the page says of a month: « complet » or « mois incomplet (N jours sur M) »."""
    if complete:
        return "complet"
    return f"mois incomplet ({days_measured} jour{'s' if days_measured > 1 else ''} sur {days_in_month})"


def monthly_totals(data: pd.DataFrame) -> pd.DataFrame:
    """Energy per local calendar month; index ``mois`` (``"2026-01"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``energie_wh`` [Wh], ``wmin`` [W·min], ``minutes_mesurees``,
        ``minutes_manquantes`` [min] (empty values), ``jours_mesures`` (days
        with at least one measure), ``jours_du_mois``, ``complet`` (every
        minute of the calendar month measured) and ``etat`` (« complet » or
        « mois incomplet (N jours sur M) »).
    """
    data = _check_frame(data)
    local = _local_start(data)
    months = (local.dt.year.astype(str) + "-" + local.dt.month.map("{:02d}".format)).rename("mois")
    out = _grouped(data, months)
    days = daily_totals(data)
    measured_days = pd.Series((days["minutes_mesurees"] > 0).to_numpy(dtype=int),
                              index=[_month_key(d) for d in days.index]).groupby(level=0).sum()
    out["jours_mesures"] = measured_days.reindex(out.index, fill_value=0).astype(int)
    out["jours_du_mois"] = [calendar.monthrange(int(m[:4]), int(m[5:7]))[1] for m in out.index]
    out["complet"] = out["minutes_mesurees"].to_numpy() >= np.array([month_minutes(m) for m in out.index])
    out["etat"] = [month_state(c, n, m) for c, n, m in
                   zip(out["complet"], out["jours_mesures"], out["jours_du_mois"])]
    return out


def typical_day(data: pd.DataFrame) -> pd.DataFrame:
    """Typical day: average power per hour of the day (local clock), over the
    measured steps only.

    Returns
    -------
    pandas.DataFrame
        Index ``heure`` (0–23); columns ``puissance_moyenne_w`` [W] (also the
        average energy of that hour in Wh), ``minutes_mesurees`` [min].
    """
    data = _check_frame(data)
    hours = _local_start(data).dt.hour.rename("heure")
    grouped = _grouped(data, hours).reindex(range(24), fill_value=0)
    grouped.index.name = "heure"
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = grouped["wmin"] / grouped["minutes_mesurees"].replace(0, np.nan)
    return pd.DataFrame({"puissance_moyenne_w": mean, "minutes_mesurees": grouped["minutes_mesurees"]})


def daily_max_power(data: pd.DataFrame) -> pd.DataFrame:
    """Highest step-average power of each local day. [W]

    It is an average over the step: the instantaneous peak (the « puissance
    maximale atteinte » of the Linky, in VA) is higher.
    """
    data = _check_frame(data)
    days = _local_start(data).dt.date.rename("date")
    frame = pd.DataFrame({"puissance_w": data["puissance_w"].to_numpy(), "date": days.to_numpy(),
                          "debut": data["debut"].to_numpy()})
    valid = frame.dropna(subset=["puissance_w"])
    rows = valid.groupby("date")["puissance_w"].idxmax()
    out = valid.loc[rows.to_numpy()].set_index("date")
    return out.rename(columns={"puissance_w": "puissance_max_w", "debut": "debut_pas"})


def hp_hc_split(data: pd.DataFrame, plages_hc) -> dict[str, Decimal]:
    """Energy in heures creuses and heures pleines. [kWh]"""
    data = _check_frame(data)
    ranges = parse_hc_ranges(plages_hc)
    wmin = np.nan_to_num(watt_minutes(data))
    share = hc_fraction(data, ranges)
    hc, total = float((wmin * share).sum()), float(wmin.sum())
    return {"kwh_hc": kwh(hc), "kwh_hp": kwh(total) - kwh(hc), "kwh_total": kwh(total)}


def coverage(data: pd.DataFrame, gap_minutes: int = 0) -> dict:
    """Period covered, measured and missing minutes (empty values plus
    ``gap_minutes`` of missing rows, from the reader)."""
    data = _check_frame(data)
    start = data["debut"].min()
    end = (data["debut"] + pd.to_timedelta(data["pas_min"], unit="min")).max()
    measured = int(data.loc[data["puissance_w"].notna(), "pas_min"].sum())
    empty = int(data.loc[data["puissance_w"].isna(), "pas_min"].sum())
    span = int((end - start) / pd.Timedelta(minutes=1))
    missing = empty + int(gap_minutes)
    return {"debut": start, "fin": end, "minutes_periode": span, "minutes_mesurees": measured,
            "minutes_manquantes": missing}


# --------------------------------------------------------------------------- summary (Result)


def load_curve_summary(data: pd.DataFrame, plages_hc=None, *, minutes_lignes_absentes: int = 0,
                       on: dt.date | None = None) -> Result:
    """What a counsellor reads from a load curve: energy measured, HP/HC
    split, missing hours, highest step power, and an annual estimate.

    Parameters
    ----------
    data : pandas.DataFrame
        Load-curve frame (``debut``, ``pas_min``, ``puissance_w``).
    plages_hc : str or list, optional
        HC ranges of the contract, local time (``"22:00-06:00"``).
    minutes_lignes_absentes : int
        Minutes of rows absent from the file (``EnedisExport.trous`` of nature
        « lignes absentes »), counted as missing. [min]
    on : date, optional
        Date at which the seasonal profile is read (default: end of the curve).

    Returns
    -------
    Result
        ``kwh_mesures`` [kWh], ``kwh_hc``, ``kwh_hp`` [kWh or None], ``part_hc``
        [ratio or None], ``debut``, ``fin`` (dates), ``heures_mesurees``,
        ``heures_manquantes`` [h], ``part_manquante`` [ratio],
        ``puissance_max_pas_w`` [W], ``moment_puissance_max``,
        ``kwh_par_an`` [kWh/an: the last 365 days MEASURED when the curve
        covers them (0.001), else an ESTIMATION from the seasonal profile
        (whole), None under 28 days], ``nature_kwh_par_an`` (« mesure »,
        « estimation » or None), ``kwh_par_an_estime`` (``kwh_par_an`` when it
        is an estimate, else None).
    """
    from .consumption import FILE as PROFILE_FILE
    from .. import tariffs

    data = _check_frame(data)
    cov = coverage(data, minutes_lignes_absentes)
    end_day = (cov["fin"] - pd.Timedelta(minutes=1)).date()
    ex = Explainer("courbe_de_charge", on or end_day)
    wmin = watt_minutes(data)
    total = kwh(np.nansum(wmin))
    hours_measured = (Decimal(cov["minutes_mesurees"]) / 60).quantize(Decimal("0.01"))
    hours_missing = (Decimal(cov["minutes_manquantes"]) / 60).quantize(Decimal("0.01"))
    span = cov["minutes_mesurees"] + cov["minutes_manquantes"]
    missing_share = (Decimal(cov["minutes_manquantes"]) / Decimal(span)).quantize(Decimal("0.0001"))

    ex.step("Chaque valeur de la courbe de charge est une puissance moyenne en watts sur le pas "
            "(10, 30 ou 60 minutes). L'horodatage Enedis marque la FIN de l'intervalle : "
            "« 00:30 » couvre 00:00–00:30 ; chaque pas compte pour le jour et le mois où il commence.")
    ex.step(f"Du {date_fr(cov['debut'].date())} au {date_fr(end_day)} : {number(hours_measured, 1)} heures "
            f"mesurées, énergie mesurée {number(total, 3)} kWh.",
            formula="Σ (puissance en W × pas en minutes ÷ 60) ÷ 1 000 = "
                    f"{number(total, 3)} kWh")
    if cov["minutes_manquantes"]:
        ex.step(f"{number(hours_missing, 1)} heures sans mesure ({percent(missing_share)} de la période) : "
                "elles ne sont pas complétées ; l'énergie mesurée est donc plus petite que la "
                "consommation réelle de la période.",
                formula=f"{cov['minutes_manquantes']} min ÷ {span} min = {percent(missing_share)}")
        ex.warn("attention", f"Courbe incomplète : {number(hours_missing, 1)} heures manquantes "
                             f"({percent(missing_share)}).")

    kwh_hc = kwh_hp = part_hc = None
    if plages_hc not in (None, "", []):
        ranges = parse_hc_ranges(plages_hc)
        hc_wmin = float(np.nansum(wmin * hc_fraction(data, ranges)))
        kwh_hc = kwh(hc_wmin)
        kwh_hp = total - kwh_hc
        part_hc = (kwh_hc / total).quantize(Decimal("0.0001")) if total else Decimal(0)
        ex.step(f"Heures creuses {_fmt_ranges(ranges)} (heure locale, au début de chaque pas) : "
                f"{number(kwh_hc, 3)} kWh en heures creuses, {number(kwh_hp, 3)} kWh en heures "
                f"pleines, soit {percent(part_hc)} en heures creuses.",
                formula=f"{number(kwh_hc, 3)} ÷ {number(total, 3)} = {percent(part_hc)}")

    peak_row = int(np.nanargmax(data["puissance_w"].to_numpy())) if np.isfinite(wmin).any() else None
    peak = peak_moment = None
    if peak_row is not None:
        peak = _dec(data["puissance_w"].iloc[peak_row])
        peak_moment = data["debut"].iloc[peak_row]
        ex.step(f"Puissance moyenne la plus haute sur un pas : {number(peak)} W, le "
                f"{date_fr(peak_moment.date())} à partir de {peak_moment:%H:%M}. C'est une moyenne "
                "sur le pas : la puissance maximale instantanée (en VA) est plus haute.")

    year = _measured_year(data, cov)
    if year is not None:
        annual, nature = _explain_measured_year(ex, data, year), "mesure"
    else:
        annual, nature = _estimated_year(ex, data, cov, total, wmin, PROFILE_FILE, tariffs), "estimation"
    return ex.result(
        kwh_mesures=total, kwh_hc=kwh_hc, kwh_hp=kwh_hp, part_hc=part_hc,
        debut=cov["debut"].date(), fin=end_day,
        heures_mesurees=hours_measured, heures_manquantes=hours_missing, part_manquante=missing_share,
        puissance_max_pas_w=peak, moment_puissance_max=peak_moment,
        kwh_par_an=annual, nature_kwh_par_an=nature if annual is not None else None,
        kwh_par_an_estime=annual if nature == "estimation" else None)


def _measured_year(data: pd.DataFrame, cov: dict):
    """Energy of the last 365 days when the curve covers them. [kWh, 0.001]"""
    if cov["fin"] - cov["debut"] < pd.Timedelta(days=DAYS_IN_YEAR):
        return None
    end = cov["fin"].tz_convert(TZ)
    start = end - pd.DateOffset(days=DAYS_IN_YEAR)
    inside = (data["debut"] >= start).to_numpy()
    return kwh(np.nansum(watt_minutes(data)[inside])), start, end, inside


def _explain_measured_year(ex: Explainer, data: pd.DataFrame, year) -> Decimal:
    energy, start, end, inside = year
    missing = int(data.loc[inside & data["puissance_w"].isna().to_numpy(), "pas_min"].sum())
    last_day = (end - pd.Timedelta(minutes=1)).date()
    ex.step(f"Consommation sur un an MESURÉE : la courbe couvre au moins {DAYS_IN_YEAR} jours ; les "
            f"{DAYS_IN_YEAR} derniers jours, du {date_fr(start.date())} au {date_fr(last_day)}, totalisent "
            f"{number(energy, 3)} kWh, sans profil ni estimation.",
            formula=f"Σ des pas du {date_fr(start.date())} au {date_fr(last_day)} = {number(energy, 3)} kWh")
    if missing:
        ex.warn("attention", f"Sur cette année mesurée, {number(Decimal(missing) / 60, 1)} heures n'ont pas "
                             "de mesure : la consommation réelle de l'année est un peu plus forte.")
    return energy


def _estimated_year(ex: Explainer, data, cov, total, wmin, profile_file, tariffs):
    profile_key = f"{profile_file}.profil_mensuel_electricite"
    first_known = tariffs.history(profile_key)[0][0]
    profile = ex.param(profile_key, on=max(ex.on, first_known))
    local = _local_start(data)
    shares = np.array([float(v) for v in profile.value])[local.dt.month.to_numpy() - 1]
    month_minutes_ = _month_minutes(local)
    weight = shares * data["pas_min"].to_numpy() / month_minutes_
    covered = Decimal(repr(float(weight[np.isfinite(wmin)].sum()))).quantize(Decimal("0.0001"))
    if cov["minutes_mesurees"] < MIN_DAYS_FOR_ANNUAL * MINUTES_PER_DAY or covered == 0:
        ex.step(f"Pas d'estimation sur un an : moins de {MIN_DAYS_FOR_ANNUAL} jours mesurés.")
        return None
    annual = (total / covered).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    ex.step(f"Estimation sur un an (ESTIMATION, la courbe couvre moins de {DAYS_IN_YEAR} jours) : "
            f"d'après un profil saisonnier type, les heures mesurées pèsent {percent(covered)} d'une "
            f"année ; l'année entière ferait environ {number(annual)} kWh.",
            formula=f"{number(total, 3)} ÷ {number(covered)} = {number(annual)} kWh/an",
            reference=profile)
    ex.warn("hypothese", "La consommation sur un an est une estimation à partir d'un profil type, "
                         "pas une mesure : une année complète de relevés donne la mesure.")
    return annual


def _dec(value) -> Decimal:
    """A float from a frame as an exact-looking Decimal (320.0 → 320, 310.5 → 310.5)."""
    number_ = Decimal(repr(float(value)))
    return Decimal(int(number_)) if number_ == number_.to_integral_value() else number_


def _month_minutes(local: pd.Series) -> np.ndarray:
    return local.dt.days_in_month.to_numpy() * MINUTES_PER_DAY


# --------------------------------------------------------------------------- index and max power


def daily_from_index(index: pd.DataFrame, register: str = "EAS T") -> pd.DataFrame:
    """Daily consumption from a daily index frame, by difference of two
    consecutive days' cumulative registers.

    The consumption of day D is ``index(D + 1) − index(D)``. A missing index,
    or a day missing from the file, leaves the day unknown (NaN), never
    filled. An index lower than the day before is flagged in ``anomalie``
    (French sentence naming the line): meter change or error.

    Returns
    -------
    pandas.DataFrame
        Index ``date``; columns ``consommation_wh`` [Wh], ``jours`` (days
        between the two readings), ``anomalie`` (str or None).
    """
    if register not in index.columns:
        raise InputError("registre", "Registre d'index", f"{quote(register)} absent du fichier",
                         "un registre présent : " + ", ".join(c for c in index.columns if c.startswith("EAS")))
    frame = index[["date", register, "ligne"]].reset_index(drop=True)
    values = frame[register].to_numpy(dtype=np.float64)
    dates = pd.to_datetime(frame["date"])
    diff = values[1:] - values[:-1]
    gaps = (dates.diff().dt.days.to_numpy()[1:]).astype(np.int64)
    out = pd.DataFrame({"date": frame["date"].iloc[:-1].to_numpy(), "consommation_wh": diff, "jours": gaps})
    notes = [None] * len(out)
    for i in np.flatnonzero(diff < 0):
        notes[i] = (f"Ligne {int(frame['ligne'].iloc[i + 1])} : l'index du {frame['date'].iloc[i + 1]:%d/%m/%Y} "
                    f"({number(_dec(values[i + 1]))} Wh) est plus petit que celui de la veille "
                    f"({number(_dec(values[i]))} Wh) : changement de compteur ou erreur ; "
                    "consommation du jour inconnue.")
    out["anomalie"] = pd.Series(notes, index=out.index, dtype=object)
    out.loc[diff < 0, "consommation_wh"] = np.nan
    return out.set_index("date")


def max_power_summary(data: pd.DataFrame, puissance_souscrite_kva=None) -> Result:
    """Daily maximum power (VA): highest value, days near or over the
    subscribed power.

    Parameters
    ----------
    data : pandas.DataFrame
        ``date``, ``puissance_va`` [VA] (from ``read_max_power``).
    puissance_souscrite_kva : optional
        Subscribed power from the contract. [kVA]

    Returns
    -------
    Result
        ``puissance_max_va`` [VA], ``date_max``, ``jours_mesures``,
        ``jours_sans_mesure``, ``jours_au_dessus_souscrite`` (or None),
        ``part_max_souscrite`` [ratio or None], ``puissances_journalieres``
        (dict date → VA, for charts and option advice).
    """
    from ..inputs import parse_decimal

    if "puissance_va" not in getattr(data, "columns", []) or len(data) == 0:
        raise InputError("puissance", "Puissance maximale", "aucune mesure",
                         "un tableau date / puissance_va (lu par read_max_power)")
    valid = data.dropna(subset=["puissance_va"])
    ex = Explainer("puissance_maximale", valid["date"].max() if len(valid) else data["date"].max())
    if valid.empty:
        raise InputError("puissance", "Puissance maximale", "toutes les valeurs sont vides",
                         "au moins un jour mesuré")
    row = valid["puissance_va"].idxmax()
    peak = _dec(valid.loc[row, "puissance_va"])
    day = valid.loc[row, "date"]
    ex.step(f"{how_many(len(valid), 'jour mesuré', 'jours mesurés')} ({len(data) - len(valid)} sans mesure). "
            f"Puissance la plus haute atteinte : {number(peak)} VA, le {date_fr(day)}.")
    over = share = None
    if puissance_souscrite_kva not in (None, ""):
        kva = parse_decimal(puissance_souscrite_kva, "puissance_souscrite", "Puissance souscrite",
                            minimum=Decimal(1), maximum=Decimal(36),
                            expected="la puissance du contrat en kVA, par exemple 6")
        limit = kva * 1000
        over = int((valid["puissance_va"] > float(limit)).sum())
        share = (peak / limit).quantize(Decimal("0.0001"))
        ex.step(f"Puissance souscrite : {number(kva)} kVA = {number(limit)} VA. Le maximum atteint en est "
                f"{percent(share)} ; {how_many(over, 'jour', 'jours')} au-dessus.",
                formula=f"{number(peak)} ÷ {number(limit)} = {percent(share)}")
    return ex.result(puissance_max_va=peak, date_max=day, jours_mesures=len(valid),
                     jours_sans_mesure=len(data) - len(valid), jours_au_dessus_souscrite=over,
                     part_max_souscrite=share,
                     puissances_journalieres=dict(zip(valid["date"], valid["puissance_va"])))


def index_summary(index: pd.DataFrame, hc_register: str | None = None,
                  hp_register: str | None = None) -> Result:
    """Energy between the first and last daily index, and the HP/HC split from
    two registers (for example ``EAS D1`` = HC and ``EAS D2`` = HP of the
    distributor, as named in the calendar section of the export).

    Differences are taken over consecutive known days only: a day with an
    empty index or a decrease (meter change) is left out and reported.

    Returns
    -------
    Result
        ``kwh_total`` [kWh, from ``EAS T``], ``kwh_hc``, ``kwh_hp`` [kWh or
        None], ``part_hc`` [ratio or None], ``jours_connus``,
        ``jours_inconnus``, ``anomalies`` (French sentences).
    """
    daily = daily_from_index(index, "EAS T")
    if daily.empty:
        raise InputError("index", "Index quotidiens", "un seul relevé", "au moins deux jours d'index")
    ex = Explainer("index_quotidiens", daily.index.max())
    known = daily["consommation_wh"].notna()
    total = Decimal(repr(float(daily.loc[known, "consommation_wh"].sum()))) / 1000
    days_known = int(daily.loc[known, "jours"].sum())
    days_unknown = int(daily.loc[~known, "jours"].sum())
    ex.step("Les index Enedis sont des compteurs cumulés en Wh relevés chaque jour à minuit ; la "
            "consommation d'un jour est l'index du lendemain moins celui du jour.")
    ex.step(f"{how_many(days_known, 'jour connu', 'jours connus')} : {number(total, 3)} kWh au total "
            "(registre EAS T).",
            formula=f"Σ (index du lendemain − index du jour) ÷ 1 000 = {number(total, 3)} kWh")
    anomalies = [a for a in daily["anomalie"] if isinstance(a, str)]
    if days_unknown:
        ex.warn("attention", f"{how_many(days_unknown, 'jour', 'jours')} sans consommation connue (index vide "
                             f"ou en baisse) : {agreed(days_unknown, 'non compté', 'non comptés')}.")
    for note in anomalies:
        ex.warn("attention", note)
    kwh_hc = kwh_hp = part = None
    if hc_register and hp_register:
        hc = daily_from_index(index, hc_register)["consommation_wh"]
        hp = daily_from_index(index, hp_register)["consommation_wh"]
        both = known & hc.notna() & hp.notna()
        kwh_hc = Decimal(repr(float(hc[both].sum()))) / 1000
        kwh_hp = Decimal(repr(float(hp[both].sum()))) / 1000
        part = (kwh_hc / (kwh_hc + kwh_hp)).quantize(Decimal("0.0001")) if kwh_hc + kwh_hp else Decimal(0)
        ex.step(f"Registres {hc_register} (heures creuses) et {hp_register} (heures pleines) : "
                f"{number(kwh_hc, 3)} kWh en heures creuses, {number(kwh_hp, 3)} kWh en heures pleines, "
                f"soit {percent(part)} en heures creuses.",
                formula=f"{number(kwh_hc, 3)} ÷ ({number(kwh_hc, 3)} + {number(kwh_hp, 3)}) = {percent(part)}")
    return ex.result(kwh_total=total, kwh_hc=kwh_hc, kwh_hp=kwh_hp, part_hc=part,
                     jours_connus=days_known, jours_inconnus=days_unknown, anomalies=anomalies)


# --------------------------------------------------------------------------- daily index: months, year


def index_periods(index: pd.DataFrame, register: str = "EAS T") -> pd.DataFrame:
    """Periods between consecutive readings that have a value (an empty index
    is stepped over: the difference of the two known readings around it is
    exact, it covers both days).

    Returns
    -------
    pandas.DataFrame
        Columns ``debut``, ``fin`` (dates; the period covers ``debut`` …
        ``fin − 1``), ``jours``, ``consommation_wh`` [Wh, integer-valued
        float; NaN after a decrease], ``ligne`` (line of the reading at
        ``fin``).
    """
    if register not in index.columns:
        raise InputError("registre", "Registre d'index", f"{quote(register)} absent du fichier",
                         "un registre présent : " + ", ".join(c for c in index.columns if c.startswith("EAS")))
    known = index.loc[index[register].notna(), ["date", register, "ligne"]].reset_index(drop=True)
    values = known[register].to_numpy(dtype=np.float64)
    diff = values[1:] - values[:-1]
    days = [(b - a).days for a, b in zip(known["date"].iloc[:-1], known["date"].iloc[1:])]
    return pd.DataFrame({"debut": known["date"].iloc[:-1].to_numpy(), "fin": known["date"].iloc[1:].to_numpy(),
                         "jours": np.array(days, dtype=np.int64),
                         "consommation_wh": np.where(diff < 0, np.nan, diff),
                         "ligne": known["ligne"].iloc[1:].to_numpy()})


def monthly_from_index(index: pd.DataFrame, register: str = "EAS T") -> pd.DataFrame:
    """Energy per calendar month from the daily index (differences of the
    cumulative register). A period between two known readings that straddles
    two months, or ends on a decrease, is left out (never split or filled):
    its days make the months incomplete.

    Returns
    -------
    pandas.DataFrame
        Index ``mois`` (``"2026-01"``); columns ``energie_wh`` [Wh],
        ``kwh`` [kWh, Decimal, exact], ``jours_mesures``, ``jours_du_mois``,
        ``complet``, ``etat`` (« complet » or « mois incomplet (N jours sur M) »),
        ``minutes_manquantes`` [min] (days of the month inside the file
        without a known consumption, × 1 440; for the chart).
    """
    periods = index_periods(index, register)
    if periods.empty:
        raise InputError("index", "Index quotidiens", "moins de deux index connus",
                         "au moins deux jours d'index")
    first, last = periods["debut"].iloc[0], periods["fin"].iloc[-1]
    months: dict[str, dict] = {}
    day = dt.date(first.year, first.month, 1)
    while day < last:
        months[_month_key(day)] = {"wh": 0, "jours_mesures": 0,
                                   "jours_du_mois": calendar.monthrange(day.year, day.month)[1],
                                   "jours_fichier": 0}
        day = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    for key, month in months.items():
        start = dt.date(int(key[:4]), int(key[5:]), 1)
        end = start + dt.timedelta(days=month["jours_du_mois"])
        month["jours_fichier"] = (min(end, last) - max(start, first)).days
    for row in periods.itertuples(index=False):
        last_day = row.fin - dt.timedelta(days=1)
        if np.isnan(row.consommation_wh) or _month_key(row.debut) != _month_key(last_day):
            continue
        month = months[_month_key(row.debut)]
        month["wh"] += int(row.consommation_wh)
        month["jours_mesures"] += int(row.jours)
    out = pd.DataFrame.from_dict(months, orient="index")
    out.index.name = "mois"
    out["energie_wh"] = out["wh"].astype(np.float64)
    out["kwh"] = [Decimal(int(v)) / 1000 for v in out["wh"]]
    out["complet"] = out["jours_mesures"] == out["jours_du_mois"]
    out["etat"] = [month_state(c, n, m) for c, n, m in
                   zip(out["complet"], out["jours_mesures"], out["jours_du_mois"])]
    out["minutes_manquantes"] = (out["jours_fichier"] - out["jours_mesures"]) * MINUTES_PER_DAY
    return out.drop(columns=["wh", "jours_fichier"])


def index_year_summary(index: pd.DataFrame, hc_register: str | None = None,
                       hp_register: str | None = None) -> Result:
    """Consumption over a year from the daily index: MEASURED (index of the
    last reading minus the one 365 days before) when the file covers a year,
    else an ESTIMATION from the seasonal profile (at least 28 known days);
    the measured off-peak share when the HC and HP registers are named.

    Returns
    -------
    Result
        ``kwh_mesures`` [kWh, every known period], ``debut``, ``fin``,
        ``jours_connus``, ``jours_inconnus``, ``kwh_par_an`` [kWh/an or None],
        ``nature_kwh_par_an`` (« mesure », « estimation » or None),
        ``kwh_hc``, ``kwh_hp`` [kWh or None], ``part_hc`` [ratio or None],
        ``registres_hc_hp`` (pair or None).
    """
    from .. import tariffs
    from .consumption import FILE as PROFILE_FILE, profile_share

    periods = index_periods(index, "EAS T")
    if periods.empty:
        raise InputError("index", "Index quotidiens", "moins de deux index connus",
                         "au moins deux jours d'index")
    first, last = periods["debut"].iloc[0], periods["fin"].iloc[-1]
    ex = Explainer("index_quotidiens_annee", last)
    known = periods["consommation_wh"].notna()
    total = Decimal(int(periods.loc[known, "consommation_wh"].sum())) / 1000
    days_known = int(periods.loc[known, "jours"].sum())
    days_unknown = int(periods.loc[~known, "jours"].sum())
    ex.step("Les index Enedis sont des compteurs cumulés en Wh relevés chaque jour ; la consommation "
            "entre deux relevés est la différence des deux index (un index vide est sauté : la "
            "différence des index connus autour de lui reste exacte).")
    ex.step(f"Du {date_fr(first)} au {date_fr(last - dt.timedelta(days=1))} : "
            f"{how_many(days_known, 'jour connu', 'jours connus')}, {number(total, 3)} kWh (registre EAS T).",
            formula=f"Σ (index − index précédent) ÷ 1 000 = {number(total, 3)} kWh")
    for row in periods.loc[~known].itertuples(index=False):
        ex.warn("attention", f"Ligne {int(row.ligne)} : l'index du {date_fr(row.fin)} est plus petit que le "
                             "précédent (changement de compteur ou erreur) : "
                             f"{how_many(int(row.jours), 'jour', 'jours')} sans consommation connue, "
                             f"{agreed(int(row.jours), 'non compté', 'non comptés')}.")
    year_start = last - dt.timedelta(days=DAYS_IN_YEAR)
    in_year = periods[periods["debut"] >= year_start]
    annual = nature = None
    if (len(in_year) and in_year["debut"].iloc[0] == year_start and in_year["consommation_wh"].notna().all()):
        annual, nature = Decimal(int(in_year["consommation_wh"].sum())) / 1000, "mesure"
        ex.step(f"Consommation sur un an MESURÉE : les index du {date_fr(year_start)} et du {date_fr(last)} "
                f"({DAYS_IN_YEAR} jours) donnent {number(annual, 3)} kWh, sans profil ni estimation.",
                formula=f"Σ des différences d'index sur {DAYS_IN_YEAR} jours ÷ 1 000 = {number(annual, 3)} kWh")
    elif days_known >= MIN_DAYS_FOR_ANNUAL:
        profile_key = f"{PROFILE_FILE}.profil_mensuel_electricite"
        profile = ex.param(profile_key, on=max(ex.on, tariffs.history(profile_key)[0][0]))
        share = sum((profile_share(r.debut, r.fin, profile.value)
                     for r in periods.loc[known].itertuples(index=False)), Decimal(0))
        share = share.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        annual, nature = (total / share).quantize(Decimal("1"), rounding=ROUND_HALF_UP), "estimation"
        ex.step(f"Estimation sur un an (ESTIMATION, le fichier couvre moins de {DAYS_IN_YEAR} jours) : "
                f"d'après un profil saisonnier type, les jours connus pèsent {percent(share)} d'une année ; "
                f"l'année entière ferait environ {number(annual)} kWh.",
                formula=f"{number(total, 3)} ÷ {number(share)} = {number(annual)} kWh/an", reference=profile)
        ex.warn("hypothese", "La consommation sur un an est une estimation à partir d'un profil type, "
                             "pas une mesure : une année complète d'index donne la mesure.")
    else:
        ex.step(f"Pas de consommation sur un an : moins de {MIN_DAYS_FOR_ANNUAL} jours connus.")
    kwh_hc = kwh_hp = part = None
    if hc_register and hp_register:
        hc, hp = index_periods(index, hc_register), index_periods(index, hp_register)
        hc_p, hp_p = (p.set_index(["debut", "fin"])["consommation_wh"] for p in (hc, hp))
        both = hc_p.index.intersection(hp_p.index)
        pair = pd.DataFrame({"hc": hc_p.reindex(both), "hp": hp_p.reindex(both)}).dropna()
        kwh_hc = Decimal(int(pair["hc"].sum())) / 1000
        kwh_hp = Decimal(int(pair["hp"].sum())) / 1000
        if kwh_hc + kwh_hp:
            part = (kwh_hc / (kwh_hc + kwh_hp)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
            ex.step(f"Registres {hc_register} (heures creuses) et {hp_register} (heures pleines) : "
                    f"{number(kwh_hc, 3)} kWh en heures creuses, {number(kwh_hp, 3)} kWh en heures pleines, "
                    f"soit {percent(part)} en heures creuses (part mesurée).",
                    formula=f"{number(kwh_hc, 3)} ÷ ({number(kwh_hc, 3)} + {number(kwh_hp, 3)}) = {percent(part)}")
    return ex.result(kwh_mesures=total, debut=first, fin=last - dt.timedelta(days=1), jours_connus=days_known,
                     jours_inconnus=days_unknown, kwh_par_an=annual, nature_kwh_par_an=nature,
                     kwh_hc=kwh_hc, kwh_hp=kwh_hp, part_hc=part,
                     registres_hc_hp=(hc_register, hp_register) if part is not None else None)


# --------------------------------------------------------------------------- option advice


def option_advice(summary: Result, puissance_kva, source_part_hc: str | None = None) -> Result:
    """Cheapest option for the year read from a Linky file (``load_curve_summary``
    or ``index_year_summary``), with the measured off-peak share when the
    summary has one, else the tariff's hours of HC out of 24.

    Returns
    -------
    Result
        The result of ``conseil_option_electricite``, with also
        ``kwh_par_an`` [kWh/an, whole], ``nature_kwh_par_an``,
        ``part_hc_utilisee`` [ratio], ``part_hc_mesuree`` (bool) and
        ``source_part_hc`` (French sentence: which share, from where).
    """
    from .electricity import FILE as TRVE, conseil_option_electricite

    v = summary.values
    if v.get("kwh_par_an") is None:
        raise InputError("fichier", "Consommation sur un an",
                         f"le fichier couvre moins de {MIN_DAYS_FOR_ANNUAL} jours mesurés",
                         "un fichier d'au moins un mois (idéalement un an)")
    annual = v["kwh_par_an"].quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    part = v.get("part_hc")
    hc = (annual * part).quantize(Decimal("1"), rounding=ROUND_HALF_UP) if part is not None else None
    advice = conseil_option_electricite(annual, puissance_kva, consommation_hc_kwh=hc)
    if part is not None:
        source = (f"{percent(part)} en heures creuses, part mesurée "
                  f"{source_part_hc or 'dans le fichier'} ; {number(hc)} kWh sur {number(annual)} kWh")
        used = part
    else:
        hours = next(p for p in advice.parameters if p.key.endswith(f"{TRVE}.heures_creuses_par_jour")
                     or p.key == f"{TRVE}.heures_creuses_par_jour")
        used = (Decimal(hours.value) / 24).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        source = (f"{number(hours.value)} h sur 24 en heures creuses, part supposée (le fichier ne la donne "
                  "pas : tapez les heures creuses du contrat pour la mesurer)")
    advice.values.update(kwh_par_an=annual, nature_kwh_par_an=v.get("nature_kwh_par_an"),
                         part_hc_utilisee=used, part_hc_mesuree=part is not None, source_part_hc=source)
    return advice

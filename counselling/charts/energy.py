"""Energy charts: monthly bars, typical day, readings, daily maximum power.

Inputs are the plain frames and results of ``counselling.calculators``
(``load_curve.monthly_totals``, ``load_curve.typical_day``,
``consumption.consumption_from_readings``…). Built on
:class:`matplotlib.figure.Figure` (no pyplot state, no file written).
"""

from __future__ import annotations

import datetime as dt

import matplotlib
import numpy as np
import pandas as pd
from babel.dates import format_date
from matplotlib.dates import AutoDateLocator
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from ..formatting import number

LOCALE = "fr_FR"
BLUE = "#2a6f97"
GREY = "#b0b7bf"
NIGHT = "#dbe9f4"
RED = "#c0392b"


def _figure(width: float = 8, height: float = 3.6, margins: tuple[float, float, float, float] | None = None
            ) -> tuple[Figure, object]:
    """A figure and its axes. ``margins`` (left, bottom, right, top) [in]
    fixes the room around the axes instead of the constrained layout: one
    drawing pass less, for a chart redrawn as the person types."""
    workshop = matplotlib.rcParams["font.size"] > 10  # under charts.workshop_style: a larger canvas
    scale = 2 if workshop else 1
    size = (width * 1.5, height * 1.6) if workshop else (width, height)
    if margins is None:
        figure = Figure(figsize=size, layout="constrained")
    else:
        left, bottom, right, top = (m * scale for m in margins)
        figure = Figure(figsize=size)
        figure.subplots_adjust(left=left / size[0], bottom=bottom / size[1], right=1 - right / size[0],
                               top=1 - top / size[1])
    axes = figure.add_subplot()
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="y", alpha=0.3)
    return figure, axes


def _fr_thousands(axes) -> None:
    axes.yaxis.set_major_formatter(lambda value, _pos: number(round(value, 1)))


def monthly_bars(monthly: pd.DataFrame, title: str = "Consommation par mois") -> Figure:
    """Bars of the energy of each month [kWh]; months with missing hours are
    hatched and said so in the legend.

    Parameters
    ----------
    monthly : pandas.DataFrame
        From ``load_curve.monthly_totals``: index ``"AAAA-MM"``, columns
        ``energie_wh`` and ``complet`` (or, without it, ``minutes_manquantes``);
        also ``load_curve.monthly_from_index``.
    """
    figure, axes = _figure()
    months = [dt.date(int(m[:4]), int(m[5:7]), 1) for m in monthly.index]
    labels = [format_date(m, "MMM y", locale=LOCALE) for m in months]
    values = monthly["energie_wh"].to_numpy(dtype=float) / 1000
    if "complet" in monthly:
        incomplete = ~monthly["complet"].to_numpy(dtype=bool)
    else:
        incomplete = monthly.get("minutes_manquantes", pd.Series(0, index=monthly.index)).to_numpy() > 0
    bars = axes.bar(range(len(values)), values, color=[GREY if i else BLUE for i in incomplete])
    for bar, flag in zip(bars, incomplete):
        if flag:
            bar.set_hatch("//")
    for x, value in enumerate(values):
        axes.annotate(number(round(value)), (x, value), ha="center", va="bottom", fontsize="small")
    axes.set_xticks(range(len(values)), labels, rotation=45 if len(values) > 8 else 0, ha="right"
                    if len(values) > 8 else "center")
    axes.set_ylabel("kWh")
    axes.set_title(title)
    _fr_thousands(axes)
    if incomplete.any():
        axes.legend(handles=[Patch(color=BLUE, label="mois complet"),
                             Patch(facecolor=GREY, hatch="//", label="mois incomplet (jours ou heures manquants)")],
                    frameon=False, fontsize="small")
    return figure


def typical_day(profile: pd.DataFrame, hc_ranges=None, title: str = "Journée type") -> Figure:
    """Average power per hour of the day [W], heures creuses shaded.

    Parameters
    ----------
    profile : pandas.DataFrame
        From ``load_curve.typical_day`` (index ``heure``, column
        ``puissance_moyenne_w``).
    hc_ranges : list of (start, end) minutes, optional
        From ``load_curve.parse_hc_ranges``.
    """
    figure, axes = _figure(margins=(0.9, 0.65, 0.15, 0.4))
    hours = profile.index.to_numpy()
    values = profile["puissance_moyenne_w"].to_numpy(dtype=float)
    for start, end in hc_ranges or []:
        spans = [(start, end)] if start < end else [(start, 1440), (0, end)]
        for a, b in spans:
            axes.axvspan(a / 60 - 0.5, b / 60 - 0.5, color=NIGHT, zorder=0)
    axes.bar(hours, np.nan_to_num(values), color=BLUE, width=0.8, zorder=2)
    axes.set_xticks(range(0, 24, 2), [f"{h} h" for h in range(0, 24, 2)])
    axes.set_xlim(-0.5, 23.5)
    axes.set_xlabel("Heure de la journée (heure locale)")
    axes.set_ylabel("Puissance moyenne (W)")
    axes.set_title(title)
    _fr_thousands(axes)
    if hc_ranges:
        axes.legend(handles=[Patch(color=NIGHT, label="heures creuses")], frameon=False, fontsize="small")
    return figure


def readings(periodes: list[dict], unite: str = "kWh",
             title: str = "Consommation moyenne par jour entre deux relevés") -> Figure:
    """One bar per period between two readings, as wide as the period, at
    the height of its average per day; a period of unknown consumption
    (meter change) is shown as a grey band.

    Parameters
    ----------
    periodes : list of dict
        ``values["periodes"]`` of ``consumption_from_readings``.
    """
    figure, axes = _figure()
    for period in periodes:
        start = pd.Timestamp(period["debut"])
        width = period["jours"]
        if period["connue"]:
            height = float(period["par_jour"])
            axes.bar(start, height, width=width, align="edge", color=BLUE, edgecolor="white")
            axes.annotate(number(period["par_jour"], 1), (start + pd.Timedelta(days=width / 2), height),
                          ha="center", va="bottom", fontsize="small")
        else:
            axes.axvspan(start, start + pd.Timedelta(days=width), color=GREY, alpha=0.5)
    axes.set_ylabel(f"{unite} par jour")
    axes.set_title(title)
    axes.xaxis.set_major_formatter(
        lambda value, _pos: format_date(pd.Timestamp(dt.date.fromordinal(int(value) + 719163)).date(),
                                        "d MMM yy", locale=LOCALE))
    axes.xaxis.set_major_locator(AutoDateLocator(maxticks=6))
    axes.tick_params(axis="x", labelrotation=30)
    _fr_thousands(axes)
    if any(not p["connue"] for p in periodes):
        axes.legend(handles=[Patch(color=GREY, alpha=0.5, label="consommation inconnue (compteur changé)")],
                    frameon=False, fontsize="small")
    return figure


def daily_max_power(data: pd.DataFrame, puissance_souscrite_kva=None,
                    title: str = "Puissance maximale atteinte chaque jour") -> Figure:
    """Daily maximum power [kVA] with the subscribed power as a line.

    Parameters
    ----------
    data : pandas.DataFrame
        ``date`` and ``puissance_va`` (from ``read_max_power``).
    """
    figure, axes = _figure()
    days = pd.to_datetime(data["date"])
    values = data["puissance_va"].to_numpy(dtype=float) / 1000
    axes.bar(days, np.nan_to_num(values), color=BLUE, width=0.8)
    if puissance_souscrite_kva is not None:
        limit = float(puissance_souscrite_kva)
        axes.axhline(limit, color=RED, linestyle="--", label=f"puissance souscrite ({number(limit)} kVA)")
        axes.legend(frameon=False, fontsize="small")
    axes.set_ylabel("kVA")
    axes.set_title(title)
    axes.xaxis.set_major_formatter(
        lambda value, _pos: format_date(dt.date.fromordinal(int(value) + 719163), "d MMM", locale=LOCALE))
    axes.xaxis.set_major_locator(AutoDateLocator(maxticks=8))
    _fr_thousands(axes)
    return figure

"""Charts of the éco-gestes results for a workshop audience (French labels)."""

from __future__ import annotations

import textwrap

from matplotlib.figure import Figure

from ..formatting import eur, number
from ..results import Result


def savings_chart(result: Result, top: int = 10, workshop: bool = False) -> Figure:
    """Horizontal bars: euros saved per year by each gesture, best first.

    Gestures whose euros are unknown (price to enter) are shown in kWh in
    their label and left at zero, with a note under the chart. ``workshop``
    (build it inside :func:`counselling.charts.workshop_style`): the six best
    gestures only, on a wider canvas, labels wrapped so bars are not squeezed.
    """
    rows = [r for r in result["gestes"] if r["applicable"]][:6 if workshop else top]
    # Fixed margins [in] sized for wrapped labels: no layout pass before the
    # drawing, so the chart follows the typing (one draw per change).
    width, per_bar, wrap, label_in = (14, 1.3, 24, 4.0) if workshop else (8, 0.55, 30, 2.9)
    height = per_bar * max(len(rows), 2) + (2.6 if workshop else 1.5)
    fig = Figure(figsize=(width, height))
    top_in, bottom_in = (0.9, 1.2) if workshop else (0.45, 0.65)
    fig.subplots_adjust(left=label_in / width, right=0.97, top=1 - top_in / height, bottom=bottom_in / height)
    ax = fig.subplots()
    labels = [textwrap.fill(r["label"], wrap) for r in rows][::-1]
    values = [float(r["economie_euros"] or 0) for r in rows][::-1]
    bars = ax.barh(labels, values, color="#2a9d8f")
    for bar, row in zip(bars, rows[::-1]):
        text = (eur(row["economie_euros"]) if row["economie_euros"] is not None
                else f"{number(row['economie_kwh'], 0)} kWh (prix à saisir)")
        ax.annotate(text, (bar.get_width(), bar.get_y() + bar.get_height() / 2),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize="small")
    ax.set_xlabel("Économie estimée (€ par an)")
    ax.set_title("Ce que chaque geste peut faire économiser")
    ax.set_xticks([])  # each bar carries its amount: no scale to read, fewer texts to draw
    ax.spines[["top", "right", "bottom"]].set_visible(False)
    ax.margins(x=0.25)
    fig.text(0.01, 0.01, "Chaque geste seul ; plusieurs gestes sur le même usage ne s'additionnent pas.",
             fontsize="x-small", color="#555555")
    return fig


def consumption_chart(result: Result) -> Figure:
    """Bars of the yearly consumption per usage, estimated ones hatched."""
    entries = [e for e in result["consommations"].values() if e["kwh"] is not None]
    fig = Figure(figsize=(8, 4))
    ax = fig.subplots()
    labels = [e["label"] for e in entries]
    values = [float(e["kwh"]) for e in entries]
    bars = ax.bar(labels, values, color="#e9c46a", edgecolor="#7a5c00")
    for bar, entry in zip(bars, entries):
        if entry["origine"] == "estimée":
            bar.set_hatch("//")
    ax.set_ylabel("kWh par an")
    ax.set_title("Consommation par usage (hachuré : estimation, pas la consommation du ménage)")
    ax.tick_params(axis="x", labelrotation=30)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig

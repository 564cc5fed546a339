"""Monthly charts of the activity report (French labels)."""

from __future__ import annotations

import base64
import io

from matplotlib.figure import Figure

from ..formatting import number

MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.")


def month_label(day) -> str:
    return f"{MONTHS[day.month - 1]} {day.year % 100:02d}"


def monthly_chart(report) -> Figure:
    """Bars: acts per month; line: people received per month; workshops'
    participants noted under the bars when there are any."""
    monthly = report.monthly
    labels = [month_label(m) for m in monthly.index]
    fig = Figure(figsize=(9, 3.8))
    ax = fig.subplots()
    positions = range(len(labels))
    ax.bar(positions, monthly["actes"].tolist(), color="#9db4cc", label="Actes")
    ax.plot(positions, monthly["personnes"].tolist(), color="#0b3d6b", marker="o", label="Personnes reçues")
    ax.set_xticks(list(positions), labels, rotation=45 if len(labels) > 12 else 0, fontsize=8)
    ax.yaxis.set_major_formatter(lambda value, _pos: number(int(value)))
    ax.set_title("Actes et personnes reçues par mois")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(frameon=False, fontsize=9)
    fig.tight_layout()
    return fig


def outcomes_chart(report) -> Figure:
    """Horizontal bars: each outcome over the period."""
    from ..activity.vocabulary import vocabulary

    voc = vocabulary()
    items = list(report.outcomes.items())[::-1]
    fig = Figure(figsize=(9, 0.45 * len(items) + 1.2))
    ax = fig.subplots()
    bars = ax.barh([voc.resultats[c].label for c, _ in items], [n for _, n in items], color="#2a9d8f")
    for bar, (_code, n) in zip(bars, items):
        ax.annotate(number(n), (bar.get_width(), bar.get_y() + bar.get_height() / 2), xytext=(4, 0),
                    textcoords="offset points", va="center", fontsize=9)
    ax.set_title("Résultats obtenus")
    ax.spines[["top", "right"]].set_visible(False)
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def png_data_uri(fig: Figure) -> str:
    """The figure as a ``data:image/png;base64,…`` address (for HTML and PDF)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()

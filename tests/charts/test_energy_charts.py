"""Energy charts: a Figure with French labels, drawn without error, no file written."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

from counselling.calculators import load_curve as lc
from counselling.calculators.consumption import consumption_from_readings
from counselling.charts import energy
from counselling.imports.enedis import read_load_curve, read_max_power

DATA = Path(__file__).resolve().parents[1] / "data" / "enedis"


def _texts(figure: Figure) -> str:
    figure.canvas.draw()
    axes = figure.axes[0]
    parts = [axes.get_title(), axes.get_xlabel(), axes.get_ylabel()]
    parts += [t.get_text() for t in axes.get_xticklabels()]
    legend = axes.get_legend()
    if legend:
        parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def test_monthly_bars_flag_incomplete_months():
    curve = read_load_curve(DATA / "courbe_charge_mars_heure_ete.csv")
    figure = energy.monthly_bars(lc.monthly_totals(curve.data))
    assert isinstance(figure, Figure)
    text = _texts(figure)
    assert "mars 2025" in text and "avr. 2025" in text and "mois incomplet" in text


def test_typical_day_with_hc():
    curve = read_load_curve(DATA / "courbe_charge_octobre_changement_pas.csv")
    figure = energy.typical_day(lc.typical_day(curve.data), lc.parse_hc_ranges("22h-6h"))
    text = _texts(figure)
    assert "Heure de la journée" in text and "heures creuses" in text


def test_readings_chart_with_meter_change():
    result = consumption_from_readings([("2026-01-01", 100), ("2026-02-01", 400), ("2026-03-01", 5, True),
                                        ("2026-04-01", 250)])
    text = _texts(energy.readings(result["periodes"]))
    assert "par jour" in text and "compteur changé" in text


def test_max_power_chart():
    export = read_max_power(DATA / "puissance_max_quotidienne.csv")
    text = _texts(energy.daily_max_power(export.data, 6))
    assert "puissance souscrite (6 kVA)" in text

"""Enedis load curves: reading and aggregating, beside a bare ``pandas.read_csv``
of the same file (the ratio says what tolerance and checks cost).

Files are generated in a temporary folder (never in the repository) with the
sample generator of ``tests/data/make_samples.py``:

* one year of 30-min load curve (17,520 rows);
* five years of 10-min load curve (262,944 rows, summer-time changes included).
"""

from __future__ import annotations

import importlib.util
import tempfile
from pathlib import Path

import pandas as pd

from benchmarks.harness import Measure, best_of, ms
from counselling.calculators import load_curve as lc
from counselling.imports.enedis import read_load_curve

ROOT = Path(__file__).resolve().parents[1]


def _samples():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "tests" / "data" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _aggregate(data: pd.DataFrame) -> None:
    lc.daily_totals(data)
    lc.monthly_totals(data)
    lc.typical_day(data)
    lc.hp_hc_split(data, "22:00-06:00")
    lc.load_curve_summary(data, "22:00-06:00")


def _measure(label: str, first_end: str, last_end: str, step: int, repeat: int) -> list[Measure]:
    samples = _samples()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "courbe.csv"
        path.write_text(samples.curve_text(first_end, last_end, step, seed=3), encoding="utf-8")
        size = path.stat().st_size
        rows = len(read_load_curve(path).data)
        bare = best_of(lambda: pd.read_csv(path, sep=";", skiprows=3), repeat=repeat)
        dated = best_of(lambda: pd.to_datetime(pd.read_csv(path, sep=";", skiprows=3)["Horodate"],
                                                utc=True, format="ISO8601"), repeat=repeat)
        ours = best_of(lambda: read_load_curve(path), repeat=repeat)
        data = read_load_curve(path).data
        agg = best_of(lambda: _aggregate(data), repeat=repeat)
    note = f"{rows:,} lignes, {size / 1e6:.1f} Mo".replace(",", " ")
    return [
        Measure(f"{label} : pandas.read_csv nu", ms(bare), "ms", note),
        Measure(f"{label} : read_csv + conversion des horodatages", ms(dated), "ms", note),
        Measure(f"{label} : read_load_curve (lecture + contrôles)", ms(ours), "ms", note),
        Measure(f"{label} : rapport lecture / read_csv nu", round(ours / bare, 2), "×"),
        Measure(f"{label} : agrégations (jours, mois, journée type, HP/HC, synthèse)", ms(agg), "ms"),
        Measure(f"{label} : total lecture + agrégations", ms(ours + agg), "ms"),
    ]


def bench_one_year_30min() -> list[Measure]:
    return _measure("1 an au pas 30 min", "2025-01-01T00:30", "2026-01-01T00:00", 30, repeat=5)


def bench_five_years_10min() -> list[Measure]:
    return _measure("5 ans au pas 10 min", "2021-01-01T00:10", "2026-01-01T00:00", 10, repeat=3)

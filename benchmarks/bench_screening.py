"""Screening a supplier's whole customer file: chèque énergie, FSL and the
unpaid-bill step on a million rows (issue 14).

Each step is timed on the same households, best of a few runs, beside a
baseline measured in the same run: a bare numpy ``searchsorted`` of the same
million RFRs in a band table (the least any band lookup costs). Ratios to the
baseline are what to compare across machines.

Targets (issue 14): full screening (chèque + FSL + step) ≤ 0.5 s per million
rows; ``cheque_energie_many`` ≤ 50 ms per million.

``SCREENING_BENCH_N`` (default 1 000 000) sets N.
"""

from __future__ import annotations

import datetime as dt
import os

import numpy as np
import pandas as pd

from .harness import Measure, best_of, ms

N = int(os.environ.get("SCREENING_BENCH_N", "1000000"))
YEAR = 2025
ON = dt.date(2026, 11, 23)


def households(n: int = N, seed: int = 14) -> pd.DataFrame:
    """The listing of :mod:`benchmarks.bench_rights` (every territory with a
    file and one without, 1-2 adults and 0-4 children, RFR and resources)
    plus a first reminder over the last year (one in ten missing)."""
    from .bench_rights import _households

    rng = np.random.default_rng(seed)
    reminders = pd.to_datetime(ON) - pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    return _households(n, single=False, seed=seed).assign(
        date_premiere_relance=reminders.where(rng.random(n) > 0.1))


def bench_screening_million_rows() -> list[Measure]:
    from counselling.calculators.cheque_energie import cheque_energie_many
    from counselling.calculators.fsl import fsl_many
    from counselling.calculators.procedure import procedure_position_many
    from counselling.calculators.screening import screen, unregister_column, register_column, COLUMN_HOOKS
    from counselling import tariffs

    frame = households()
    per_million = 1_000_000 / len(frame)
    note = f"N = {len(frame):,}".replace(",", " ")

    # baseline: one band lookup of the same RFRs, bare numpy
    bands = np.array([int(b.threshold * 100) for b in
                      tariffs.get("cheque_energie.bareme_1_uc", dt.date(YEAR, 1, 1)).brackets])
    rfr_cents = np.round(frame["rfr"].to_numpy() * 100).astype(np.int64)
    baseline = best_of(lambda: np.searchsorted(bands, rfr_cents, side="right"))

    cheque = best_of(lambda: cheque_energie_many(YEAR, frame["rfr"], frame["personnes"]))
    fsl = best_of(lambda: fsl_many(frame["departement"], frame["ressources_mensuelles"], ON,
                                   personnes=frame["personnes"], adultes=frame["adultes"],
                                   enfants=frame["enfants"]), repeat=3)
    step = best_of(lambda: procedure_position_many(frame["date_premiere_relance"], ON), repeat=3)
    full = best_of(lambda: screen(frame, year=YEAR, on=ON, chunk_size=len(frame)), repeat=3)
    hook = COLUMN_HOOKS["procedure_impayes"]
    unregister_column("procedure_impayes")
    try:
        without_step = best_of(lambda: screen(frame, year=YEAR, on=ON, chunk_size=len(frame)), repeat=3)
    finally:
        register_column("procedure_impayes", hook)
    chunked = best_of(lambda: screen(frame, year=YEAR, on=ON), repeat=2)

    def row(name, seconds, target=""):
        return [Measure(name, ms(seconds * per_million), "ms/M", note + (f" ; cible {target}" if target else "")),
                Measure(f"  rapport à la référence ({name.split(' ')[0]})", seconds / baseline, "x")]

    return [
        Measure("référence : np.searchsorted d'un million de RFR", ms(baseline * per_million), "ms/M", note),
        *row("cheque_energie_many", cheque, "≤ 50 ms"),
        *row("fsl_many", fsl),
        *row("procedure_position_many", step),
        *row("screen sans l'étape de l'impayé", without_step),
        *row("screen complet (chèque + FSL + étape)", full, "≤ 500 ms"),
        *row("screen complet, paquets de 50 000 lignes", chunked),
    ]

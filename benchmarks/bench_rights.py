"""Screening a partner listing at network scale (chèque énergie + FSL) against
OpenFisca-France computing the chèque énergie for the same households.

Both sides are timed in the same run, load times included:

* kit: import of the screening module and first load of the FSL files and
  chèque énergie tariffs (fresh subprocess), then :func:`screen` on N
  households;
* OpenFisca: import of ``openfisca_france`` and ``FranceTaxBenefitSystem()``
  (fresh subprocess), then a default simulation of N one-person households
  with their RFR and ``cheque_energie_montant``.

The households compared are one-person households (OpenFisca's default
simulation builds one person per entity; multi-person households there need a
per-household dict, far slower to build). Campaign 2022 is used for the
comparison because OpenFisca-France has no chèque énergie scale after
2021-01-01; the amounts are checked equal. The kit is also timed on households
with mixed composition for information.

``RIGHTS_BENCH_N`` (default 1 000 000) sets N. openfisca-france is imported
only here (benchmark-only dependency).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import numpy as np
import pandas as pd

from .harness import Measure

N = int(os.environ.get("RIGHTS_BENCH_N", "1000000"))
YEAR = 2022
ON = "2026-11-23"

KIT_LOAD = """
import time
t = time.perf_counter()
from counselling.calculators import screening
from counselling import fsl_rules, tariffs
fsl_rules.all_files(); fsl_rules.national()
tariffs.parameter_file("cheque_energie")
print(time.perf_counter() - t)
"""
OF_LOAD = """
import time
t = time.perf_counter()
from openfisca_france import FranceTaxBenefitSystem
FranceTaxBenefitSystem()
print(time.perf_counter() - t)
"""


def _subprocess_seconds(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def _households(n: int, single: bool, seed: int = 47) -> pd.DataFrame:
    from counselling import fsl_rules

    rng = np.random.default_rng(seed)
    codes = np.array(fsl_rules.known_codes() + ["99"])  # one code that cannot have a file
    adults = np.ones(n, dtype=np.int64) if single else rng.integers(1, 3, n)
    children = np.zeros(n, dtype=np.int64) if single else rng.integers(0, 5, n)
    return pd.DataFrame({
        "reference": np.char.add("C", np.arange(n).astype(str)),
        "departement": codes[rng.integers(0, len(codes), n)],
        "personnes": adults + children,
        "adultes": adults,
        "enfants": children,
        "rfr": rng.integers(0, 3_000_000, n) / 100,
        "ressources_mensuelles": rng.integers(30_000, 400_000, n) / 100,
        "valide": True,
    })


def bench_screening_vs_openfisca() -> list[Measure]:
    from counselling.calculators.screening import screen

    kit_load = _subprocess_seconds(KIT_LOAD)
    of_load = _subprocess_seconds(OF_LOAD)

    single = _households(N, single=True)
    start = time.perf_counter()
    ours = screen(single, year=YEAR, on=ON, chunk_size=250_000)
    kit_run = time.perf_counter() - start

    mixed = _households(N, single=False)
    start = time.perf_counter()
    screen(mixed, year=YEAR, on=ON, chunk_size=250_000)
    kit_mixed = time.perf_counter() - start

    from openfisca_core.simulation_builder import SimulationBuilder
    from openfisca_france import FranceTaxBenefitSystem

    tbs = FranceTaxBenefitSystem()
    start = time.perf_counter()
    sim = SimulationBuilder().build_default_simulation(tbs, count=N)
    sim.set_input("rfr", str(YEAR - 2), single["rfr"].to_numpy())
    of_amounts = sim.calculate("cheque_energie_montant", str(YEAR))
    of_run = time.perf_counter() - start

    mismatches = int((np.round(of_amounts).astype(np.int64) != ours["cheque_montant"].to_numpy()
                      .astype(np.int64)).sum())
    kit_total, of_total = kit_load + kit_run, of_load + of_run
    note = f"N = {N:,} ménages d'une personne".replace(",", " ")
    return [
        Measure("kit : chargement (import + règlements FSL + barèmes)", kit_load, "s", "sous-processus neuf"),
        Measure("kit : criblage chèque énergie + FSL", kit_run, "s", note),
        Measure("kit : criblage, compositions variées (information)", kit_mixed, "s",
                f"N = {N:,}".replace(",", " ") + " ; 1-2 adultes, 0-4 enfants"),
        Measure("OpenFisca : chargement (import + FranceTaxBenefitSystem)", of_load, "s", "sous-processus neuf"),
        Measure("OpenFisca : simulation chèque énergie", of_run, "s", note),
        Measure("kit total (chargement + calcul)", kit_total, "s", "chèque énergie + FSL"),
        Measure("OpenFisca total (chargement + calcul)", of_total, "s", "chèque énergie seul"),
        Measure("rapport OpenFisca / kit (temps total)", of_total / kit_total, "x",
                "> 1 : le kit est plus rapide"),
        Measure("montants différents kit / OpenFisca (campagne 2022)", mismatches, "ménages",
                "attendu 0 (barème 2021 commun aux deux)"),
    ]

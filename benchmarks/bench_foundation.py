"""Foundation benchmarks: import time, one chèque énergie, a million households.
(The pages' first render in Chromium is in bench_pages.py.)"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from .harness import Measure, best_of, ms


def _python_wall(code: str, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_import_time() -> list[Measure]:
    bare = _python_wall("pass")
    package = _python_wall("import counselling")
    calculator = _python_wall("import counselling.calculators.cheque_energie")
    return [
        Measure("python -c pass (interpréteur seul)", ms(bare), "ms"),
        Measure("import counselling (au-delà de l'interpréteur)", ms(package - bare), "ms"),
        Measure("import counselling.calculators.cheque_energie (au-delà)", ms(calculator - bare), "ms",
                "pydantic, babel, yaml"),
    ]


def bench_one_cheque_energie() -> list[Measure]:
    from counselling.calculators.cheque_energie import cheque_energie

    cheque_energie(2025, 9000, 2, 1)  # warm the tariff cache
    one = best_of(lambda: cheque_energie(2025, 9000, 2, 1), repeat=5, number=200)
    return [Measure("un chèque énergie expliqué (scalaire, cache chaud)", ms(one), "ms")]


def bench_million_households() -> list[Measure]:
    import numpy as np
    import pandas as pd

    from counselling.calculators.cheque_energie import cheque_energie_many

    rng = np.random.default_rng(2026)
    n = 1_000_000
    persons = rng.integers(1, 7, n)
    frame = pd.DataFrame({
        "rfr": rng.integers(0, 40_000, n),
        "personnes": persons,
        "alternance": np.minimum(rng.integers(0, 2, n), persons - 1),
    })
    seconds = best_of(lambda: cheque_energie_many(2025, frame["rfr"], frame["personnes"], frame["alternance"]),
                      repeat=3)
    return [Measure("1 000 000 ménages (pandas, vectorisé)", round(seconds, 3), "s",
                    f"{n / seconds:,.0f} ménages/s".replace(",", " "))]

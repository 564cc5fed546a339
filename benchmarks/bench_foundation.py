"""Foundation benchmarks: import time, one chèque énergie, a million households,
and the dashboard's first render in Chromium beside a bare one-widget page."""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .harness import Measure, best_of, ms

ROOT = Path(__file__).resolve().parents[1]


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


def bench_first_render() -> list[Measure]:
    """Open each page in Chromium and time page-open → first widget visible.
    Both notebooks are served by one Voilà started like `make run`
    (preheated kernel, pool of 1); each page is opened 5 times."""
    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tests.browser.conftest import (CHROMIUM_ARGS, chromium_path, free_port,
                                        start_voila, stop, wait_for_port)

    chromium = chromium_path()
    if chromium is None:
        return [Measure("premier affichage", float("nan"), "s", "Chromium absent")]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(ROOT / "notebooks" / "cheque_energie.ipynb", folder)
        shutil.copy(ROOT / "benchmarks" / "notebooks" / "temoin.ipynb", folder)
        port = free_port()
        log = folder / "voila.log"
        process = start_voila(folder, port, log)
        try:
            wait_for_port(port, process, log)
            timings: dict[str, list[float]] = {"cheque_energie": [], "temoin": []}
            selectors = {"cheque_energie": ".ce-rfr input", "temoin": ".temoin"}
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
                for _ in range(5):
                    for name in timings:
                        time.sleep(4)  # let the pool refill its preheated kernel
                        context = browser.new_context()
                        page = context.new_page()
                        start = time.perf_counter()
                        page.goto(f"http://127.0.0.1:{port}/voila/render/{name}.ipynb")
                        page.locator(selectors[name]).first.wait_for(state="visible", timeout=60_000)
                        timings[name].append(time.perf_counter() - start)
                        context.close()
                browser.close()
        finally:
            stop(process)
    dash = statistics.median(timings["cheque_energie"])
    bare = statistics.median(timings["temoin"])
    return [
        Measure("premier affichage « Chèque énergie » (médiane de 5)", round(dash, 3), "s"),
        Measure("premier affichage page témoin à un widget (médiane de 5)", round(bare, 3), "s"),
        Measure("rapport tableau de bord / témoin", round(dash / bare, 2), "×"),
    ]

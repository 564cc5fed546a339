"""The pages as served by `make run` (config/voila.py): first render of each
page beside a bare one-widget page served by the same server in the same run,
and the server's memory after 100 page visits.

Both measures drive Debian's Chromium (Playwright) against a real Voilà
started like the browser tests' (tests/browser/conftest.py).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from .harness import Measure

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.2  # [×] a page's first render against the bare page (issue 11)
ROUNDS = 3
VISITS = 100


def _browser_helpers():
    sys.path.insert(0, str(ROOT))
    from tests.browser import conftest

    return conftest


def _served(folder: Path, log: Path, helpers):
    """Start Voilà on ``folder``; (process, base address)."""
    port = helpers.free_port()
    process = helpers.start_voila(folder, port, log)
    helpers.wait_for_port(port, process, log)
    return process, f"http://127.0.0.1:{port}"


def _first_render(browser, url: str, helpers) -> float:
    """Page open (fresh browser context, empty cache) → first widget visible [s]."""
    context = browser.new_context(locale="fr-FR", extra_http_headers=helpers.AUTH)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    helpers.page_ready(page)
    seconds = time.perf_counter() - start
    helpers.leave(page)
    context.close()
    return seconds


def _quiet(server_pid: int, helpers, timeout: float = 120) -> None:
    """Wait until the server and its kernels use almost no processor (the
    kernel that refills the pool has started and run its page)."""
    import psutil

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        processes = [psutil.Process(server_pid), *helpers.kernel_processes(server_pid)]
        try:
            for process in processes:
                process.cpu_percent(None)
            time.sleep(1.5)
            busy = sum(process.cpu_percent(None) for process in processes)
        except psutil.Error:  # a kernel ended meanwhile: look again
            continue
        if busy < 10:  # [% of one core]
            return


def bench_first_render() -> list[Measure]:
    """Every page beside the bare page (benchmarks/notebooks/temoin.ipynb),
    served together: for each page, the bare page then the page, ROUNDS times,
    each open with its preheated kernel ready (as a counsellor finds it). The
    ratio is the median of the pairs' ratios."""
    from playwright.sync_api import sync_playwright

    helpers = _browser_helpers()
    from counselling.pages import pages

    chromium = helpers.chromium_path()
    if chromium is None:
        return [Measure("premier affichage", float("nan"), "s", "Chromium absent")]
    entries = pages()
    timings: dict[str, list[float]] = {p.notebook: [] for p in entries}
    ratios: dict[str, list[float]] = {p.notebook: [] for p in entries}
    bare_timings: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for entry in entries:
            shutil.copy(ROOT / "notebooks" / entry.notebook, folder)
        shutil.copy(ROOT / "benchmarks" / "notebooks" / "temoin.ipynb", folder)
        process, base = _served(folder, folder / "voila.log", helpers)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=helpers.CHROMIUM_ARGS)
                for _ in range(ROUNDS):
                    for entry in entries:
                        _quiet(process.pid, helpers)
                        bare = _first_render(browser, f"{base}/voila/render/temoin.ipynb", helpers)
                        _quiet(process.pid, helpers)
                        page = _first_render(browser, f"{base}/voila/render/{entry.notebook}", helpers)
                        bare_timings.append(bare)
                        timings[entry.notebook].append(page)
                        ratios[entry.notebook].append(page / bare)
                browser.close()
        finally:
            helpers.stop(process)
    measures = [Measure(f"premier affichage page témoin à un widget (médiane de {len(bare_timings)})",
                        round(statistics.median(bare_timings), 3), "s")]
    for entry in entries:
        ratio = statistics.median(ratios[entry.notebook])
        measures.append(Measure(
            f"premier affichage « {entry.title} » / témoin", round(ratio, 2), "×",
            f"{statistics.median(timings[entry.notebook]):.3f} s ; cible ≤ {TARGET} ×"
            + ("" if ratio <= TARGET else " : DÉPASSÉE")))
    return measures


def bench_memory_after_100_visits() -> list[Measure]:
    """The kit's server (every page): memory of the server and its kernels
    before and after 100 pages opened then left, one after the other."""
    from playwright.sync_api import sync_playwright

    helpers = _browser_helpers()
    from counselling.pages import pages

    chromium = helpers.chromium_path()
    if chromium is None:
        return [Measure("mémoire après 100 visites", float("nan"), "Mio", "Chromium absent")]
    entries = pages()
    pool = len(entries)
    with tempfile.TemporaryDirectory() as tmp:
        process, base = _served(ROOT / "notebooks", Path(tmp) / "voila.log", helpers)
        try:
            helpers.wait_for_kernels(process.pid, lambda n: n == pool)
            start = helpers.settled_memory(process.pid)
            most = 0
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=helpers.CHROMIUM_ARGS)
                page = browser.new_context(locale="fr-FR", extra_http_headers=helpers.AUTH).new_page()
                began = time.perf_counter()
                for visit in range(VISITS):
                    page.goto(f"{base}/{entries[visit % pool].href}")
                    helpers.page_ready(page)
                    # as the browser test: a kernel still exiting 15 s after its page left counts
                    most = max(most, helpers.wait_for_kernels(process.pid, lambda n: n <= pool + 2, 15))
                helpers.leave(page)
                seconds = time.perf_counter() - began
                browser.close()
            after = helpers.wait_for_kernels(process.pid, lambda n: n == pool)
            end = helpers.settled_memory(process.pid)
        finally:
            helpers.stop(process)
    mib = 2 ** 20
    return [
        Measure("mémoire serveur + noyaux au départ", round(start / mib), "Mio", f"{pool} noyaux préchauffés"),
        Measure(f"mémoire serveur + noyaux après {VISITS} visites", round(end / mib), "Mio",
                f"{after} noyaux ; {end / start:.2f} × le départ (limite 1,2 ×)"),
        Measure(f"noyaux vivants au plus pendant les {VISITS} visites", most, "",
                f"réserve {pool} + au plus 2 attendus"),
        Measure("durée moyenne d'une visite (ouverture → formulaire affiché)", round(seconds / VISITS, 2), "s"),
    ]

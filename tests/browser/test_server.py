"""A server that lasts the day (config/voila.py, counselling/server.py):
a page left ends its kernel, memory comes back, big files go through and a
too big one is refused in French; kernels whose page vanished are culled."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import expect

from counselling.pages import pages
from counselling.server import UPLOAD_LIMIT

from .conftest import (ARTIFACTS, AUTH, ROOT, TIMEOUT, free_port, leave, page_ready,
                       settled_memory, start_voila, stop, wait_for_kernels, wait_for_port)

VISITS = 100


def _samples():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "tests" / "data" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pool_size(notebooks: Path) -> int:
    """Preheated kernels the server keeps: one per notebook (config/voila.py)."""
    return len(list(notebooks.glob("*.ipynb")))


def test_pages_left_end_their_kernels_and_memory_comes_back(page, voila_server):
    pid, pool = voila_server.process.pid, pool_size(voila_server.notebooks)
    assert wait_for_kernels(pid, lambda n: n == pool) == pool, "le serveur n'a pas rempli sa réserve"
    start = settled_memory(pid)
    entries = pages()
    most = 0
    for visit in range(VISITS):
        entry = entries[visit % len(entries)]
        page.goto(f"{voila_server.url}/{entry.href}")  # leaving the previous page ends its kernel
        page_ready(page)
        # a kernel asked to end may take a few seconds to exit on a busy machine:
        # it counts only if it is still there after them
        most = max(most, wait_for_kernels(pid, lambda n: n <= pool + 2, timeout=15))
    leave(page)
    after = wait_for_kernels(pid, lambda n: n == pool)
    end = settled_memory(pid)
    (ARTIFACTS / "serveur_100_visites.txt").write_text(
        f"{VISITS} pages ouvertes puis quittées ; réserve : {pool} noyaux\n"
        f"noyaux au plus : {most} ; après : {after}\n"
        f"mémoire (serveur + noyaux) : début {start / 2**20:.0f} Mio, fin {end / 2**20:.0f} Mio "
        f"({end / start:.2f} ×)\n", encoding="utf-8")
    assert most <= pool + 2, most
    assert after == pool, after
    assert end <= 1.2 * start, (start, end)
    assert page.page_errors == []


@pytest.fixture(scope="module")
def big_curve(tmp_path_factory):
    """A 10-minute Enedis load curve of more than 30 MB (19 years: a size, not a
    household's history), and its total [kWh] computed here from the watts."""
    samples = _samples()
    first, last = "2007-10-01T00:10", "2026-11-01T00:00"
    path = tmp_path_factory.mktemp("enedis") / "courbe_charge_10min_2007_2026.csv"
    path.write_text(samples.curve_text(first, last, 10, seed=5), encoding="utf-8")
    _stamps, watts = samples.curve_rows(first, last, 10, seed=5)
    total_kwh = int(np.sum(watts)) * 10 / 60 / 1000
    assert path.stat().st_size > 30_000_000
    return path, total_kwh


def upload(page, path: Path) -> None:
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.locator(".li-fichier").click()
    chooser.value.set_files(str(path))


def test_a_30_mb_load_curve_is_read(page, voila_url, big_curve):
    path, total_kwh = big_curve
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    page_ready(page)
    upload(page, path)
    expect(page.locator(".li-lecture")).to_contain_text(path.name, timeout=4 * TIMEOUT)
    expect(page.locator(".li-lecture")).to_contain_text("10 minutes")
    shown = re.sub(r"\s", "", page.locator(".li-total").inner_text())
    assert f"{total_kwh:.1f}".replace(".", ",") + "kWh" in shown, shown
    expect(page.locator(".li-mois")).to_contain_text("octobre 2007")
    expect(page.locator(".li-mois")).to_contain_text("octobre 2026")
    expect(page.locator(".li-fichier")).to_contain_text("(1)")
    page.screenshot(path=str(ARTIFACTS / "linky_30_mo.png"))
    assert page.console_errors == [] and page.page_errors == []


def test_a_file_over_the_limit_is_refused_in_french_and_the_page_goes_on(page, voila_url, big_curve, tmp_path):
    text = big_curve[0].read_bytes()
    too_big = tmp_path / "courbe_charge_trop_grosse.csv"
    too_big.write_bytes((text * (UPLOAD_LIMIT // len(text) + 1))[:UPLOAD_LIMIT + 1])
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    page_ready(page)
    upload(page, too_big)
    refused = page.locator(".ck-envoi-refuse")
    expect(refused).to_be_visible(timeout=TIMEOUT)
    expect(refused).to_contain_text("« courbe_charge_trop_grosse.csv » (50,1 Mo) n'a pas été envoyé")
    expect(refused).to_contain_text("la page accepte des fichiers jusqu'à 50 Mo")
    page.screenshot(path=str(ARTIFACTS / "linky_fichier_trop_gros.png"))
    expect(page.locator(".li-fichier")).to_contain_text("(0)")
    upload(page, ROOT / "tests" / "data" / "enedis" / "courbe_charge_mars_heure_ete.csv")  # still alive
    expect(page.locator(".li-total")).to_contain_text("90,8 kWh", timeout=TIMEOUT)
    expect(refused).to_have_count(0)
    assert page.console_errors == [] and page.page_errors == []


def test_a_kernel_whose_page_vanished_is_culled(browser, tmp_path):
    """A browser that dies sends no shutdown request: the culler ends the
    kernel (here after 5 s idle instead of the configured 20 min)."""
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "temoin.ipynb").write_bytes((ROOT / "benchmarks" / "notebooks" / "temoin.ipynb").read_bytes())
    port, log = free_port(), tmp_path / "voila.log"
    process = start_voila(folder, port, log, "--MappingKernelManager.cull_idle_timeout=5",
                          "--MappingKernelManager.cull_interval=2")
    try:
        wait_for_port(port, process, log)
        assert wait_for_kernels(process.pid, lambda n: n == 1) == 1
        context = browser.new_context(extra_http_headers=AUTH)
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{port}/voila/render/temoin.ipynb")
        expect(page.locator(".temoin")).to_be_visible(timeout=TIMEOUT)
        assert wait_for_kernels(process.pid, lambda n: n == 2) == 2  # the page's and the refilled pool's
        context.close()  # no « beforeunload »: nothing asks for the kernel's end
        assert wait_for_kernels(process.pid, lambda n: n == 1, timeout=90) == 1
        assert "Culling" in log.read_text(encoding="utf-8")
    finally:
        stop(process)

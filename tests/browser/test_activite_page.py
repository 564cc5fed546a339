"""The « Bilan d'activité » page in a real Chromium against a real Voilà,
on its own server whose database (COUNSELLING_DB) holds a generated log."""

from __future__ import annotations

import datetime as dt
import os
import re

import pytest
from playwright.sync_api import expect

from counselling.activity.synthetic import bulk_load, generate
from counselling.storage import Store

from .conftest import ARTIFACTS, ROOT, TIMEOUT, capture, free_port, start_voila, stop, wait_for_port


@pytest.fixture(scope="module")
def activity_voila(chromium, tmp_path_factory):
    db = tmp_path_factory.mktemp("activite") / "activite.sqlite3"
    with Store(db) as store:
        bulk_load(store, generate(4000, dt.date(2026, 1, 1), dt.date(2026, 11, 30), sites=3, partners=2, seed=11))
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / "voila-activite.log"
    before = os.environ.get("COUNSELLING_DB")
    os.environ["COUNSELLING_DB"] = str(db)  # inherited by the server only
    try:
        process = start_voila(ROOT / "notebooks", port, log_path, "--VoilaConfiguration.preheat_kernel=False")
    finally:
        if before is None:
            os.environ.pop("COUNSELLING_DB", None)
        else:
            os.environ["COUNSELLING_DB"] = before
    try:
        wait_for_port(port, process, log_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def test_choose_a_site_and_read_the_figures(laptop, activity_voila):
    page = laptop
    page.goto(f"{activity_voila}/voila/render/activite.ipynb")
    site = page.locator(".act-site select")
    expect(site).to_be_visible(timeout=TIMEOUT)
    site.select_option("Site 02", timeout=TIMEOUT)
    page.locator(".act-partenaire select").select_option("Partenaire 1", timeout=TIMEOUT)
    page.locator(".act-afficher").click()
    summary = page.locator(".act-synthese")
    expect(summary).to_contain_text("Personnes reçues", timeout=TIMEOUT)
    expect(summary).to_contain_text("Taux de contact de la médiation sortante")
    expect(page.locator(".act-phrase")).to_contain_text("maintiens dans l'énergie")
    expect(page.locator(".act-tableaux")).to_contain_text("mars 2026")
    expect(page.locator(".act-graphe img")).to_have_count(2)
    expect(page.locator(".act-telecharger a").first).to_have_attribute(
        "download", re.compile(r"^bilan_activite_\d{8}_\d{8}\.csv$"))
    page.screenshot(path=str(ARTIFACTS / "activite.png"), full_page=True)
    capture(page, "activite")
    assert "Traceback" not in page.content()
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_a_period_ending_before_it_starts_is_explained(page, activity_voila):
    page.goto(f"{activity_voila}/voila/render/activite.ipynb")
    start = page.locator(".act-debut input")
    expect(start).to_be_visible(timeout=TIMEOUT)
    start.fill("15/12/2026")  # typed jj/mm/aaaa, whatever the browser's language (the kit's date field)
    expect(page.locator(".act-debut").locator("xpath=..").locator(".ck-lu")).to_contain_text(
        "mardi 15 décembre 2026", timeout=TIMEOUT)
    page.locator(".act-afficher").click()
    expect(page.locator(".act-erreur")).to_contain_text("la fin précède le début", timeout=TIMEOUT)
    assert "Traceback" not in page.content()


def test_the_weekly_listing_becomes_a_call_list(laptop, activity_voila):
    """« Médiation sortante »: the supplier's listing read, screened and added to the call list."""
    from .test_listing_page import upload_and_analyse

    page = laptop
    upload_and_analyse(page, f"{activity_voila}/voila/render/appels.ipynb")
    page.locator(".app-partenaire input").fill("EDF Solidarité")
    page.locator(".app-partenaire input").press("Tab")
    page.locator(".app-ajouter").click()
    expect(page.locator(".app-liste")).to_contain_text("EL-100231", timeout=TIMEOUT)
    page.locator(".app-liste").scroll_into_view_if_needed()
    capture(page, "appels")
    assert "Traceback" not in page.content()
    assert page.page_errors == [], page.page_errors

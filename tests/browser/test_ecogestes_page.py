"""The « Éco-gestes » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT, type_into


def test_choose_two_gestures_and_read_combined_saving(page, voila_url):
    page.goto(f"{voila_url}/voila/render/ecogestes.ipynb")
    expect(page.locator(".eco-prix input")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".eco-total")).to_contain_text("prix par défaut", timeout=TIMEOUT)
    page.locator(".eco-chauffage select").select_option(label="Électricité")
    type_into(page, ".eco-conso-chauffage", "6000")
    type_into(page, ".eco-prix", "0,2016")
    expect(page.locator(".eco-geste-thermostat_programmable")).to_contain_text("181,44", timeout=TIMEOUT)
    page.locator(".eco-choix-baisser_chauffage_1c input").check()
    expect(page.locator(".eco-total")).to_contain_text("1 geste", timeout=TIMEOUT)
    page.locator(".eco-choix-thermostat_programmable input").check()
    expect(page.locator(".eco-total")).to_contain_text("253,41", timeout=TIMEOUT)
    expect(page.locator(".eco-graphique")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "ecogestes.png"), full_page=True)
    assert "Traceback" not in page.content()
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors

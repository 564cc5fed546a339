"""The « Éco-gestes » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT, assert_in_viewport, capture, font_sizes, type_into, type_keys


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


def test_saving_follows_the_typing_and_stays_in_view(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/ecogestes.ipynb")
    expect(page.locator(".eco-prix input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".eco-chauffage select").select_option(label="Électricité")
    page.locator(".eco-choix-baisser_chauffage_1c input").check()
    type_keys(page, ".eco-conso-chauffage", "6 000 kWh")
    type_keys(page, ".eco-prix", "0,2016")  # no Tab
    total = page.locator(".eco-total")
    expect(total).to_contain_text("0,2016", timeout=TIMEOUT)
    expect(total).to_contain_text("1 geste")
    expect(page.locator(".eco-vue .ck-pas-a-jour")).to_have_count(0)
    assert_in_viewport(page, ".eco-total .ck-big")
    capture(page, "ecogestes")
    assert page.page_errors == [], page.page_errors


def test_workshop_mode_large_type_and_readable_chart(projector, voila_url):
    page = projector
    page.goto(f"{voila_url}/voila/render/ecogestes.ipynb")
    expect(page.locator(".eco-prix input")).to_be_visible(timeout=TIMEOUT)
    expect(page.locator(".eco-graphique")).to_be_visible(timeout=TIMEOUT)
    small = page.locator(".eco-graphique").evaluate("img => img.naturalWidth")
    page.locator(".eco-atelier input").check()
    expect(page.locator(".eco-vue.ck-atelier")).to_have_count(1, timeout=TIMEOUT)
    page.wait_for_function(f"document.querySelector('.eco-graphique').naturalWidth > {small}", timeout=TIMEOUT)
    sizes = font_sizes(page, [".eco-geste-eteindre_veilles .eco-rang", ".eco-total .ck-sub", ".eco-prix input",
                              ".eco-chauffage select", ".eco-details .jupyter-widget-Collapse-header"])
    assert min(sizes.values()) >= 24, sizes
    page.locator(".eco-chauffage select").select_option(label="Électricité")
    page.locator(".eco-choix-baisser_chauffage_1c input").check()
    page.locator(".eco-choix-eteindre_veilles input").check()
    expect(page.locator(".eco-total")).to_contain_text("2 geste", timeout=TIMEOUT)
    capture(page, "ecogestes_atelier")
    assert page.page_errors == [], page.page_errors

"""The French shell around the pages: home at « / », tab titles, loading
message, « Accueil » on every page, French 404 (template ck, config/voila.py)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from counselling.pages import pages

from .conftest import ARTIFACTS, TIMEOUT, page_ready

ENGLISH = ("Select items", "Executing", "Running ", "Voilà requires", "Not Found", "does not exist")


def test_home_lists_every_page_by_title_in_french(page, voila_url):
    response = page.goto(voila_url + "/")
    assert response.status == 200
    expect(page).to_have_title("Trousse du conseiller")
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.locator("h1")).to_have_text("Trousse du conseiller")
    links = page.locator(".ck-pages a")
    expect(links).to_have_text([p.title for p in pages()])
    expect(page.locator(".ck-pages")).to_contain_text("Reste à vivre, capacité de remboursement")
    text = page.locator("body").inner_text()
    assert not any(word in text for word in ENGLISH), text
    assert ".ipynb" not in text
    page.screenshot(path=str(ARTIFACTS / "accueil.png"), full_page=True)
    page.get_by_role("link", name="Chèque énergie").click()
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_title("Chèque énergie")
    assert page.page_errors == []


def test_every_page_is_french_titled_and_leads_home(page, voila_url):
    for entry in pages():
        response = page.goto(f"{voila_url}/{entry.href}")
        served = response.text()  # the HTML as sent, loading message included
        loading = re.search(r'<p id="loading_text">(.*?)</p>', served)
        assert loading, entry.notebook
        assert loading.group(1) == f"Un instant : la page « {entry.title} » se prépare…"
        assert "Executing" not in served and "Running " not in served
        page_ready(page)
        assert page.locator("html").get_attribute("lang") == "fr", entry.notebook
        expect(page).to_have_title(entry.title)
        expect(page.get_by_role("heading", level=1)).to_have_accessible_name(entry.title)
        home = page.get_by_role("link", name="Accueil", exact=True)
        expect(home).to_be_visible()
        assert home.get_attribute("href") == "/"
        assert page.page_errors == [], (entry.notebook, page.page_errors)
    page.screenshot(path=str(ARTIFACTS / "barre_accueil.png"))
    page.get_by_role("link", name="Accueil", exact=True).click()
    expect(page.locator(".ck-pages a").first).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_title("Trousse du conseiller")


def test_unknown_addresses_get_a_french_404_with_a_way_home(page, voila_url):
    for address in ("/voila/render/inexistant.ipynb", "/une/adresse/inconnue"):
        response = page.goto(voila_url + address)
        assert response.status == 404, address
        assert page.locator("html").get_attribute("lang") == "fr"
        expect(page.locator("h1")).to_have_text("Page introuvable")
        expect(page.locator("main")).to_contain_text("aucune page de la trousse")
        text = page.locator("body").inner_text()
        assert not any(word in text for word in ENGLISH), (address, text)
        assert "Page introuvable" in page.title()
    page.screenshot(path=str(ARTIFACTS / "page_introuvable.png"))
    page.get_by_role("link", name="Retour à l'accueil").click()
    expect(page.locator(".ck-pages a")).to_have_count(len(pages()), timeout=TIMEOUT)

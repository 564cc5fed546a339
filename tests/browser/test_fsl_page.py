"""The « FSL » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT, assert_in_viewport, capture, type_into, type_keys


def open_fsl(page, voila_url):
    page.goto(f"{voila_url}/voila/render/fsl.ipynb")
    expect(page.locator(".fsl-ressources input")).to_be_visible(timeout=TIMEOUT)


def test_eligible_household_lyon(page, voila_url):
    open_fsl(page, voila_url)
    page.locator(".fsl-departement select").select_option(label="69M — Métropole de Lyon")
    type_into(page, ".fsl-ressources", "1200")
    expect(page.locator(".fsl-verdict")).to_contain_text("Éligible", timeout=TIMEOUT)
    expect(page.locator(".fsl-criteres")).to_contain_text("272,00")
    expect(page.locator(".fsl-pieces")).to_contain_text("Pièces à fournir")
    contact = page.locator(".fsl-contact")
    expect(contact).to_contain_text("Qui contacter, comment demander")
    expect(contact).to_contain_text("Maisons de la Métropole")
    expect(contact.locator(".fsl-contact-sources ul")).to_be_hidden()  # the counsellor's details stay folded
    contact.scroll_into_view_if_needed()
    contact.screenshot(path=str(ARTIFACTS / "fsl_contact.png"))
    page.get_by_text("Comment est-ce calculé ?").click()
    expect(page.locator(".fsl-explication")).to_contain_text("Conclusion")
    page.screenshot(path=str(ARTIFACTS / "fsl_eligible.png"), full_page=True)
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_cote_dor_is_a_verifier_and_bad_input_is_kept(page, voila_url):
    open_fsl(page, voila_url)
    page.locator(".fsl-departement select").select_option(label="21 — Côte-d'Or")
    type_into(page, ".fsl-adultes", "2")
    type_into(page, ".fsl-ressources", "1100")
    expect(page.locator(".fsl-verdict")).to_contain_text("À vérifier auprès du département", timeout=TIMEOUT)
    expect(page.locator(".fsl-aide")).to_contain_text("non publiée")
    page.screenshot(path=str(ARTIFACTS / "fsl_a_verifier.png"), full_page=True)
    type_into(page, ".fsl-ressources", "mille")
    expect(page.locator(".fsl-erreur")).to_contain_text("Ressources mensuelles du foyer", timeout=TIMEOUT)
    expect(page.locator(".fsl-ressources input")).to_have_value("mille")
    assert "Traceback" not in page.content()
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_a_postal_code_selects_the_territory_and_a_shared_one_asks_for_the_commune(page, voila_url):
    open_fsl(page, voila_url)
    type_into(page, ".fsl-commune", "69100")
    expect(page.locator(".fsl-commune-trouvee")).to_contain_text("Métropole de Lyon (69M)", timeout=TIMEOUT)
    expect(page.locator(".fsl-departement select option:checked")).to_have_text("69M — Métropole de Lyon")
    type_into(page, ".fsl-commune", "69380")
    expect(page.locator(".fsl-erreur")).to_contain_text("plusieurs territoires", timeout=TIMEOUT)
    expect(page.locator(".fsl-erreur")).to_contain_text("Lissieu")
    expect(page.locator(".fsl-commune input")).to_have_value("69380")
    type_into(page, ".fsl-commune", "69380 Chasselay")  # the Rhône outside the Métropole
    expect(page.locator(".fsl-commune-trouvee")).to_contain_text("Rhône (69)", timeout=TIMEOUT)
    expect(page.locator(".fsl-verdict")).to_contain_text("FSL Rhône", timeout=TIMEOUT)
    type_into(page, ".fsl-commune", "Cote d'Or")
    expect(page.locator(".fsl-departement select option:checked")).to_have_text("21 — Côte-d'Or",
                                                                               timeout=TIMEOUT)
    expect(page.locator(".fsl-erreur")).to_be_empty()
    page.screenshot(path=str(ARTIFACTS / "fsl_commune.png"), full_page=True)
    assert "Traceback" not in page.content()
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_verdict_follows_the_typing_and_stays_in_view(laptop, voila_url):
    page = laptop
    open_fsl(page, voila_url)
    page.locator(".fsl-departement select").select_option(label="69M — Métropole de Lyon")
    type_keys(page, ".fsl-enfants", "2")
    type_keys(page, ".fsl-ressources", "1 500")  # no Tab
    verdict = page.locator(".fsl-verdict")
    expect(verdict).to_contain_text("Éligible", timeout=TIMEOUT)
    expect(page.locator(".fsl-aide")).to_contain_text("1\u202f500,00", timeout=TIMEOUT)
    type_keys(page, ".fsl-ressources", "4 000")
    expect(verdict).to_contain_text("Non éligible", timeout=TIMEOUT)
    type_keys(page, ".fsl-ressources", "1 500")
    expect(verdict).to_contain_text("Éligible", timeout=TIMEOUT)
    expect(page.locator(".fsl-vue .ck-pas-a-jour")).to_have_count(0)
    assert_in_viewport(page, ".fsl-verdict")
    capture(page, "fsl")
    assert page.page_errors == [], page.page_errors

"""The « Chèque énergie » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT, assert_in_viewport, capture, type_into, type_keys


def test_fill_form_read_amount_explanation_no_errors(page, voila_url):
    page.goto(f"{voila_url}/voila/render/cheque_energie.ipynb")
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".ce-annee select").select_option("2025")
    type_into(page, ".ce-personnes", "2")
    type_into(page, ".ce-alternance", "1")
    type_into(page, ".ce-rfr", "9 000")
    amount = page.locator(".ce-montant")
    expect(amount).to_contain_text("113", timeout=TIMEOUT)
    expect(amount).to_contain_text("tranche 3")
    expect(page.locator(".ce-chiffres")).to_contain_text("1,25 UC")
    page.get_by_text("Comment est-ce calculé ?").click()
    expect(page.locator(".ce-explication")).to_contain_text("1 + 0,25 (résidence alternée) = 1,25 UC")
    expect(page.locator(".ce-explication")).to_contain_text("Arrêté du 31 juillet 2025")
    page.screenshot(path=str(ARTIFACTS / "cheque_energie.png"), full_page=True)
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_bad_input_shows_french_message_and_keeps_what_was_typed(page, voila_url):
    page.goto(f"{voila_url}/voila/render/cheque_energie.ipynb")
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    type_into(page, ".ce-rfr", "-500")
    error = page.locator(".ce-erreur")
    expect(error).to_contain_text("Revenu fiscal de référence : la valeur est négative", timeout=TIMEOUT)
    expect(page.locator(".ce-rfr input")).to_have_value("-500")
    expect(page.locator(".ce-montant")).to_be_hidden()
    page.screenshot(path=str(ARTIFACTS / "cheque_energie_erreur.png"), full_page=True)
    type_into(page, ".ce-personnes", "0")
    expect(error).to_contain_text("Revenu fiscal de référence")  # first bad field named first
    type_into(page, ".ce-rfr", "3000")
    expect(error).to_contain_text("Nombre de personnes du ménage")
    type_into(page, ".ce-personnes", "1")
    expect(page.locator(".ce-montant")).to_contain_text("194", timeout=TIMEOUT)
    expect(error).to_be_empty()
    assert "Traceback" not in page.content()
    assert page.console_errors == [] and page.page_errors == []


def test_stale_year_shows_warning(page, voila_url):
    page.goto(f"{voila_url}/voila/render/cheque_energie.ipynb")
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".ce-annee select").select_option("2026")
    type_into(page, ".ce-rfr", "5000")
    expect(page.locator(".ce-montant")).to_contain_text("194", timeout=TIMEOUT)
    expect(page.locator(".ce-avertissements")).to_contain_text("Donnée à vérifier")
    expect(page.locator(".ce-avertissements")).to_contain_text("1er janvier 2026")


def test_2025_holder_answer_changes_the_result(page, voila_url):
    page.goto(f"{voila_url}/voila/render/cheque_energie.ipynb")
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".ce-annee select").select_option("2025")
    expect(page.locator(".ce-titulaire select")).to_have_value("Je ne sais pas")
    type_into(page, ".ce-rfr", "3000")
    expect(page.locator(".ce-montant")).to_contain_text("194", timeout=TIMEOUT)
    page.locator(".ce-titulaire select").select_option(label="Non")
    expect(page.locator(".ce-montant")).to_contain_text("Pas de chèque énergie", timeout=TIMEOUT)
    page.locator(".ce-annee select").select_option("2024")
    expect(page.locator(".ce-titulaire")).to_be_hidden()
    expect(page.locator(".ce-montant")).to_contain_text("194", timeout=TIMEOUT)


def test_figure_follows_the_typing_without_tab_and_stays_in_view(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/cheque_energie.ipynb")
    expect(page.locator(".ce-rfr input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".ce-annee select").select_option("2025")
    type_keys(page, ".ce-rfr", "9 000")
    amount = page.locator(".ce-montant")
    expect(amount).to_contain_text("48", timeout=TIMEOUT)  # one person, 9 000 €: 48 €
    expect(page.locator(".ce-chiffres")).to_contain_text("1 UC")
    page.evaluate("""() => { window.markedStale = false;
        new MutationObserver(() => { if (document.querySelector('.ce-vue .ck-pas-a-jour')) window.markedStale = true; })
            .observe(document.body, {subtree: true, attributes: true, attributeFilter: ['class']}); }""")
    type_keys(page, ".ce-personnes", "3")  # no Tab, no Enter: the cursor stays in the field
    expect(page.locator(".ce-chiffres")).to_contain_text("1,8 UC", timeout=TIMEOUT)
    expect(amount).to_contain_text("240")
    expect(page.locator(".ce-vue .ck-pas-a-jour")).to_have_count(0)
    assert page.evaluate("window.markedStale")  # the old figure was greyed « pas encore à jour » meanwhile
    assert page.evaluate("document.activeElement.closest('.ce-personnes') !== null")
    assert_in_viewport(page, ".ce-montant")
    capture(page, "cheque_energie")
    assert page.page_errors == [], page.page_errors

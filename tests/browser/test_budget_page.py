"""« Budget et échéancier » in a real Chromium against a real Voilà."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT, assert_in_viewport, capture


def add_line(page, css: str, category: str, amount: str, periodicity: str | None = None,
             creditor: str | None = None) -> None:
    lines = page.locator(f".{css}-ligne")
    before = lines.count()
    page.locator(f".{css}-ajouter").click()
    expect(lines).to_have_count(before + 1, timeout=TIMEOUT)
    line = lines.nth(before)
    selects = line.locator("select")
    selects.nth(0).select_option(label=category)
    inputs = line.locator("input[type=text]")
    if creditor is not None:
        inputs.nth(0).fill(creditor)
        inputs.nth(0).press("Tab")
        inputs = inputs.nth(1)
    else:
        inputs = inputs.nth(0)
    inputs.fill(amount)
    inputs.press("Tab")
    if periodicity:
        selects.nth(1).select_option(label=periodicity)


def test_budget_capacity_and_two_creditor_plan(page, voila_url):
    page.goto(f"{voila_url}/voila/render/budget.ipynb")
    expect(page.locator(".bu-ressources-ajouter")).to_be_visible(timeout=TIMEOUT)
    add_line(page, "bu-ressources", "Salaires et revenus d'activité", "1 450")
    add_line(page, "bu-ressources", "Aide au logement (APL, AL)", "600", "par trimestre")
    add_line(page, "bu-charges", "Loyer et charges locatives", "620")
    add_line(page, "bu-charges", "Électricité", "1500", "par an")
    add_line(page, "bu-charges", "Transport (carburant, abonnement)", "20", "par semaine")
    add_line(page, "bu-dettes", "Dette d'énergie (électricité, gaz…)", "480", creditor="EDF")
    add_line(page, "bu-dettes", "Crédit à la consommation", "1200", creditor="Cofidis")
    figures = page.locator(".bu-chiffres")
    expect(figures).to_contain_text("Reste à vivre", timeout=TIMEOUT)
    expect(figures).to_contain_text("1\u202f650,00\u00a0€")  # 1 450 + 600 / 3
    page.locator(".bu-capacite input").fill("120")
    page.locator(".bu-capacite input").press("Tab")
    first = dt.date.today().replace(day=1) + dt.timedelta(days=40)
    page.locator(".bu-premiere-echeance input").fill(first.replace(day=5).strftime("%d/%m/%Y"))
    page.locator(".bu-premiere-echeance input").press("Tab")
    page.locator(".bu-construire").click()
    plan = page.locator(".bu-plan")
    expect(plan).to_contain_text("pour rembourser 1\u202f680,00\u00a0€", timeout=TIMEOUT)
    expect(plan.locator("th", has_text="Cofidis")).to_be_visible()
    expect(plan.locator("a.bu-ics")).to_have_attribute("download", "echeancier.ics")
    page.screenshot(path=str(ARTIFACTS / "budget.png"), full_page=True)
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_negative_amount_message_keeps_lines(page, voila_url):
    page.goto(f"{voila_url}/voila/render/budget.ipynb")
    expect(page.locator(".bu-ressources-ajouter")).to_be_visible(timeout=TIMEOUT)
    add_line(page, "bu-ressources", "Salaires et revenus d'activité", "1 200")
    add_line(page, "bu-charges", "Loyer et charges locatives", "-500")
    expect(page.locator(".bu-erreur")).to_contain_text("la valeur est négative", timeout=TIMEOUT)
    expect(page.locator(".bu-charges-ligne input[type=text]").first).to_have_value("-500")
    expect(page.locator(".bu-ressources-ligne input[type=text]").first).to_have_value("1 200")
    assert "Traceback" not in page.content()
    assert page.page_errors == []


def type_line(page, css: str, category: str, amount: str, creditor: str | None = None) -> None:
    """Add a line and type its amount key by key, without leaving the field."""
    lines = page.locator(f".{css}-ligne")
    before = lines.count()
    page.locator(f".{css}-ajouter").click()
    expect(lines).to_have_count(before + 1, timeout=TIMEOUT)
    line = lines.nth(before)
    line.locator("select").nth(0).select_option(label=category)
    inputs = line.locator("input[type=text]")
    if creditor is not None:
        inputs.nth(0).press_sequentially(creditor, delay=30)
        inputs = inputs.nth(1)
    else:
        inputs = inputs.nth(0)
    inputs.click()
    inputs.press_sequentially(amount, delay=40)


def test_figures_follow_the_typing_and_stay_in_view(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/budget.ipynb")
    expect(page.locator(".bu-ressources-ajouter")).to_be_visible(timeout=TIMEOUT)
    page.locator(".bu-ajouter-enfant").click()
    page.locator(".bu-enfant-age input").press_sequentially("8", delay=40)
    type_line(page, "bu-ressources", "Salaires et revenus d'activité", "1 450")
    figures = page.locator(".bu-chiffres")
    expect(figures).to_contain_text("1\u202f450,00\u00a0€", timeout=TIMEOUT)  # no Tab pressed
    type_line(page, "bu-ressources", "Aide au logement (APL, AL)", "320")
    type_line(page, "bu-charges", "Loyer et charges locatives", "620")
    type_line(page, "bu-charges", "Électricité", "95")
    type_line(page, "bu-dettes", "Dette d'énergie (électricité, gaz…)", "480", creditor="EDF")
    type_line(page, "bu-dettes", "Crédit à la consommation", "1 200", creditor="Cofidis")
    answer = page.locator(".bu-reste-a-vivre")
    expect(answer).to_contain_text("1\u202f055,00\u00a0€ par mois", timeout=TIMEOUT)  # 1 770 − 715
    expect(figures).to_contain_text("1,3 UC")
    expect(page.locator(".bu-vue .ck-pas-a-jour")).to_have_count(0)
    assert_in_viewport(page, ".bu-reste-a-vivre")  # typed at the bottom of the form, answer still seen
    capture(page, "budget")
    assert page.page_errors == [], page.page_errors

"""« Budget et échéancier » in a real Chromium against a real Voilà."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from .conftest import ARTIFACTS, TIMEOUT


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
    page.locator(".bu-premiere-echeance input").fill(first.replace(day=5).isoformat())
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

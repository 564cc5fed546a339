"""Ctrl+P on a page gives its answer on A4, without the inputs and buttons; a budget
typed today shows no staleness notice when nothing is due."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import ARTIFACTS, TIMEOUT
from .test_budget_page import add_line


def test_printing_the_budget_page_gives_the_answer_without_the_form(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/budget.ipynb")
    expect(page.locator(".bu-ressources-ajouter")).to_be_visible(timeout=TIMEOUT)
    add_line(page, "bu-ressources", "Salaires et revenus d'activité", "1 450")
    add_line(page, "bu-charges", "Loyer et charges locatives", "620")
    expect(page.locator(".bu-reste-a-vivre")).to_contain_text("830,00", timeout=TIMEOUT)
    # typed today, with every scale current: no « Donnée à vérifier » notice (issue 10)
    expect(page.locator(".bu-vue")).not_to_contain_text("Donnée à vérifier")
    page.emulate_media(media="print")
    expect(page.locator(".bu-ressources-ajouter")).to_be_hidden()
    expect(page.locator(".bu-vue input").first).to_be_hidden()
    expect(page.locator(".bu-reste-a-vivre")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "budget-imprime.pdf").write_bytes(pdf)
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert "Reste à vivre" in text and "830,00" in text
    # laid out on a 1366-pixel screen, nothing is cut at the paper's edge (the page's intro, whole)
    intro = page.locator(".jp-RenderedMarkdown p").first.inner_text()
    assert re.sub(r"\s+", " ", intro) in text, intro
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1  # no sheet of empty grey after the answer
    assert "Ajouter une ligne" not in text and "Construire le plan" not in text

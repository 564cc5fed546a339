"""The « Facture d'électricité » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

import io
import re

from playwright.sync_api import expect
from pypdf import PdfReader

from .conftest import ARTIFACTS, TIMEOUT, assert_in_viewport, capture, type_into, type_keys


def test_bill_across_a_tariff_change_total_and_breakdown(page, voila_url):
    page.goto(f"{voila_url}/voila/render/facture_electricite.ipynb")
    expect(page.locator(".fe-kwh-base input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".fe-puissance select").select_option("9")
    type_into(page, ".fe-debut", "01/07/2025")
    type_into(page, ".fe-fin", "31/08/2025")
    type_into(page, ".fe-kwh-base", "620")
    total = page.locator(".fe-total")
    expect(total).to_contain_text("159,67", timeout=TIMEOUT)
    expect(total).to_contain_text("2 périodes de prix")
    expect(page.locator(".fe-detail")).to_contain_text("79,77")
    expect(page.locator(".fe-detail")).to_contain_text("79,90")
    last = page.locator(".fe-tableau tr:last-child td:last-child")  # the bill's total, in the table
    expect(last).to_contain_text("159,67")
    box = last.bounding_box()
    assert box["x"] + box["width"] <= page.viewport_size["width"], box  # not cut at the window's edge
    expect(page.locator(".fe-avertissements")).to_contain_text("Hypothèse")
    page.locator(".fe-details").get_by_text("Comment est-ce calculé ?").click()
    expect(page.locator(".fe-explication")).to_contain_text("Total de la facture")

    type_into(page, ".fe-conseil-kwh", "5000")
    expect(page.locator(".fe-conseil")).to_contain_text("par an", timeout=TIMEOUT)
    type_into(page, ".fe-procedure-date", "10/11/2026")
    expect(page.locator(".fe-procedure")).to_contain_text("1er avril 2027", timeout=TIMEOUT)
    expect(page.locator(".fe-procedure")).to_contain_text("Décret n° 2008-780")
    page.screenshot(path=str(ARTIFACTS / "facture_electricite.png"), full_page=True)
    page.locator(".fe-detail").screenshot(path=str(ARTIFACTS / "facture_electricite_detail.png"))
    page.locator(".fe-procedure").screenshot(path=str(ARTIFACTS / "facture_electricite_procedure.png"))
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_bad_consumption_shows_french_message_and_keeps_text(page, voila_url):
    page.goto(f"{voila_url}/voila/render/facture_electricite.ipynb")
    expect(page.locator(".fe-kwh-base input")).to_be_visible(timeout=TIMEOUT)
    type_into(page, ".fe-debut", "01/07/2025")
    type_into(page, ".fe-fin", "31/08/2025")
    type_into(page, ".fe-kwh-base", "six cents")
    expect(page.locator(".fe-erreur")).to_contain_text("Consommation : « six cents »", timeout=TIMEOUT)
    expect(page.locator(".fe-kwh-base input")).to_have_value("six cents")
    expect(page.locator(".fe-total")).to_be_hidden()
    assert "Traceback" not in page.content()
    assert page.console_errors == [] and page.page_errors == []


def test_why_the_bill_went_up(page, voila_url):
    page.goto(f"{voila_url}/voila/render/facture_electricite.ipynb")
    expect(page.locator(".fe-avant-kwh-base input")).to_be_visible(timeout=TIMEOUT)
    type_into(page, ".fe-avant-debut", "2025-03-01")
    type_into(page, ".fe-avant-fin", "2025-03-31")
    type_into(page, ".fe-avant-kwh-base", "300")
    page.locator(".fe-apres-puissance select").select_option("6")
    type_into(page, ".fe-apres-debut", "2026-03-01")
    type_into(page, ".fe-apres-fin", "2026-03-31")
    type_into(page, ".fe-apres-kwh-base", "300")
    change = page.locator(".fe-comparaison")
    expect(change).to_contain_text("0,35", timeout=TIMEOUT)
    expect(change).to_contain_text("de moins")
    table = page.locator(".fe-comparaison-tableau")
    expect(table).to_contain_text("Prix du Tarif Bleu au 1er août 2025")
    expect(table).to_contain_text("-1,02")
    expect(table).to_contain_text("+1,89")
    # the counsellor's details are there, folded: the maintainers' notes are not shown until opened
    details = page.locator(".fe-comparaison-avertissements details.ck-conseiller")
    expect(details).to_have_count(1)
    expect(details.locator("summary")).to_have_text("Détails pour le conseiller")
    expect(details.get_by_text("confiance", exact=False).first).to_be_hidden()
    change.scroll_into_view_if_needed()
    page.locator(".fe-comparaison").screenshot(path=str(ARTIFACTS / "facture_comparaison.png"))
    details.locator("summary").click()
    expect(details.get_by_text("confiance", exact=False).first).to_be_visible()
    expect(details.locator("li").last).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "facture_comparaison_conseiller.png"), full_page=True)
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_total_follows_the_typing_and_stays_in_view(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/facture_electricite.ipynb")
    expect(page.locator(".fe-kwh-base input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".fe-puissance select").select_option("9")
    type_keys(page, ".fe-debut", "01/07/2025")
    expect(page.locator(".fe-vue .ck-lu").first).to_contain_text("mardi 1 juillet 2025", timeout=TIMEOUT)
    type_keys(page, ".fe-fin", "31/08/2025")
    type_keys(page, ".fe-kwh-base", "620 kWh")  # no Tab
    total = page.locator(".fe-total")
    expect(total).to_contain_text("620 kWh", timeout=TIMEOUT)
    type_keys(page, ".fe-kwh-base", "720")
    expect(total).to_contain_text("720 kWh", timeout=TIMEOUT)
    expect(page.locator(".fe-vue .ck-pas-a-jour")).to_have_count(0)
    assert_in_viewport(page, ".fe-total")
    capture(page, "facture_electricite")
    # Ctrl+P: the answer on A4 (total, breakdown, warnings) without the inputs and the buttons
    big = page.locator(".fe-total .ck-big").inner_text()
    page.emulate_media(media="print")
    expect(page.locator(".fe-kwh-base input")).to_be_hidden()
    expect(page.locator(".fe-dossier")).to_be_hidden()
    expect(page.locator(".fe-total")).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (ARTIFACTS / "facture-imprimee.pdf").write_bytes(pdf)
    sheets = [re.sub(r"\s+", " ", p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    text = " ".join(sheets)
    # the total on the first sheet, under the title (it was pushed to a second one), and no blank sheet
    assert re.sub(r"\s+", " ", big) in sheets[0] and "720 kWh" in sheets[0], sheets
    assert all(sheet.strip() for sheet in sheets), sheets
    assert "Abonnement TTC" in text and "Hypothèse" in text, text
    assert "Enregistrer dans un dossier" not in text and "Facture expliquée ligne par ligne" not in text
    assert page.page_errors == [], page.page_errors


def test_a_checked_bill_is_kept_in_a_dossier_with_consent(laptop, dossier_server):
    from decimal import Decimal

    from counselling.storage import Store

    page = laptop
    db, url = dossier_server
    page.goto(url.replace("dossiers.ipynb", "facture_electricite.ipynb"))
    expect(page.locator(".fe-kwh-base input")).to_be_visible(timeout=TIMEOUT)
    page.locator(".fe-puissance select").select_option("9")
    type_into(page, ".fe-debut", "01/07/2025")
    type_into(page, ".fe-fin", "31/08/2025")
    type_into(page, ".fe-kwh-base", "620")
    expect(page.locator(".fe-total")).to_contain_text("159,67", timeout=TIMEOUT)
    page.locator(".fe-dossier").click()
    page.locator(".fe-dossier-creer").click()
    expect(page.locator(".fe-dossier-erreur")).to_contain_text("l'accord n'est pas coché", timeout=TIMEOUT)
    page.locator(".fe-dossier-accord input").check()
    page.locator(".fe-dossier-creer").click()
    done = page.locator(".fe-dossier-cree")
    expect(done).to_contain_text("créé", timeout=TIMEOUT)
    expect(done).to_contain_text("Facture du 01/07/2025 au 31/08/2025 gardée : 159,67")
    reference = done.locator("b").inner_text()
    done.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "facture_dossier.png"))
    with Store(db) as store:
        dossier = store.load(reference).dossier
    [contract], [bill] = dossier.contrats, dossier.factures
    assert (contract.option, contract.puissance_kva, bill.contrat_id) == ("base", 9, contract.id)
    assert (bill.montant_ttc, bill.consommation_kwh) == (Decimal("159.67"), Decimal("620"))

    # next bill, same person: added to the dossier by its reference
    type_into(page, ".fe-debut", "01/09/2025")
    type_into(page, ".fe-fin", "31/10/2025")
    expect(page.locator(".fe-vue .ck-pas-a-jour")).to_have_count(0, timeout=TIMEOUT)
    page.locator(".fe-dossier-accord input").check()
    type_into(page, ".fe-dossier-reference", reference.lower())
    page.locator(".fe-dossier-ajouter").click()
    expect(done).to_contain_text("complété", timeout=TIMEOUT)
    expect(done).to_contain_text("Facture du 01/09/2025 au 31/10/2025 ajoutée")
    done.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "facture_ajout_dossier.png"))
    with Store(db) as store:
        dossier = store.load(reference).dossier
    assert [(b.debut.month, b.contrat_id) for b in dossier.factures] == [(7, contract.id), (9, contract.id)]

    page.goto(f"{url}?reference={reference}")  # the link « Ouvrir le dossier », in the same tab
    expect(page.locator(".rv-entete")).to_contain_text(reference, timeout=TIMEOUT)
    page.get_by_role("tab", name="Énergie").click()
    table = page.locator(".rv-energie-tableau")
    expect(table).to_contain_text("du 01/07/2025 au 31/08/2025", timeout=TIMEOUT)
    expect(table).to_contain_text("du 01/09/2025 au 31/10/2025")
    expect(table).to_contain_text("159,67")
    expect(table).to_contain_text("montant calculé par le kit au Tarif Bleu")
    expect(page.locator(".rv-erreur")).to_be_empty()
    page.screenshot(path=str(ARTIFACTS / "dossier_energie.png"))
    assert page.console_errors == [] and page.page_errors == []

    # next month, from the dossier: its link opens the bill page with the reference typed
    link = page.locator(".rv-energie-pages a", has_text="Vérifier une facture")
    page.goto(url.replace("dossiers.ipynb", link.get_attribute("href")))
    expect(page.locator(".fe-dossier-reference input")).to_have_value(reference, timeout=TIMEOUT)
    expect(page.locator(".fe-dossier-ajouter")).to_be_visible()
    page.locator(".fe-puissance select").select_option("9")
    type_into(page, ".fe-debut", "01/11/2025")
    type_into(page, ".fe-fin", "31/12/2025")
    type_into(page, ".fe-kwh-base", "700")
    expect(page.locator(".fe-vue .ck-pas-a-jour")).to_have_count(0, timeout=TIMEOUT)
    page.locator(".fe-dossier-accord input").check()
    page.locator(".fe-dossier-ajouter").click()
    expect(page.locator(".fe-dossier-cree")).to_contain_text("Facture du 01/11/2025 au 31/12/2025 ajoutée",
                                                             timeout=TIMEOUT)
    page.locator(".fe-dossier-cree").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "facture_depuis_dossier.png"))
    with Store(db) as store:
        assert [b.debut.month for b in store.load(reference).dossier.factures] == [7, 9, 11]
    assert page.page_errors == []

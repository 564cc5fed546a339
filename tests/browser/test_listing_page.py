"""The « Listing partenaire » dashboard in a real Chromium against a real Voilà."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from .conftest import ARTIFACTS, LAPTOP, TIMEOUT, assert_in_viewport, capture

CSV = Path(__file__).resolve().parents[1] / "data" / "listings" / "fournisseur_semaine_47.csv"
MAPPING = {"reference": "N° client", "nom": "Nom", "departement": "Dépt", "personnes": "Nb pers",
           "rfr": "RFR 2024", "ressources_mensuelles": "Ressources mensuelles", "dette": "Dette TTC"}


def upload_and_analyse(page, url: str) -> None:
    """Open a page holding the listing form, upload the week-47 listing, map
    its columns and analyse it (shared with the call-list page's test)."""
    page.goto(url)
    button = page.locator(".lst-fichier")
    expect(button).to_be_visible(timeout=TIMEOUT)
    # ipywidgets 8 keeps its <input type=file> out of the DOM: the button opens
    # a file chooser, whose set_files is Playwright's set_input_files on it.
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        button.click()
    chooser.value.set_files(str(CSV))
    expect(page.locator(".lst-fichier-info")).to_contain_text("Nb pers", timeout=TIMEOUT)
    for field, column in MAPPING.items():
        page.locator(f".lst-champ-{field} select").select_option(column, timeout=TIMEOUT)
    page.locator(".lst-analyser").click()
    expect(page.locator(".lst-resume")).to_contain_text("13 lignes lues", timeout=TIMEOUT)


def test_upload_map_analyse_and_read_bad_rows(page, voila_url):
    upload_and_analyse(page, f"{voila_url}/voila/render/listing.ipynb")
    bad = page.locator(".lst-mauvaises-lignes")
    expect(bad).to_contain_text("douze mille")
    expect(bad.locator("tr", has_text="douze mille")).to_contain_text("8")
    expect(bad).to_contain_text("« ZZ » n'est pas un code de département")
    expect(page.locator(".lst-progression-texte")).to_contain_text("13 / 13 lignes")
    expect(page.locator(".lst-resultats")).to_contain_text("EL-100231")
    expect(page.locator(".lst-telecharger a.lst-csv")).to_have_attribute("download", "listing_analyse.csv")
    expect(page.locator(".lst-telecharger a.lst-xlsx")).to_have_attribute("download", "listing_analyse.xlsx")
    page.screenshot(path=str(ARTIFACTS / "listing.png"), full_page=True)
    page.set_viewport_size(LAPTOP)
    page.locator(".lst-analyser").scroll_into_view_if_needed()
    assert_in_viewport(page, ".lst-resume")  # the summary beside the form, not below it
    page.locator(".lst-annee select").select_option(index=0)
    expect(page.locator(".lst-vue .ck-pas-a-jour")).to_have_count(2, timeout=TIMEOUT)  # not re-analysed yet
    page.locator(".lst-analyser").click()
    expect(page.locator(".lst-vue .ck-pas-a-jour")).to_have_count(0, timeout=TIMEOUT)
    capture(page, "listing")
    assert "Traceback" not in page.content()
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_realistic_files_are_recognised_and_say_what_to_ask(page, voila_url):
    """An EDF solidarity listing: headers guessed with no choice made, the
    unpaid-bill step and « à demander » shown; then a Windows (cp1252) CCAS
    export whose « € » and accents stay intact."""
    page.goto(f"{voila_url}/voila/render/listing.ipynb")
    button = page.locator(".lst-fichier")
    expect(button).to_be_visible(timeout=TIMEOUT)
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        button.click()
    chooser.value.set_files(str(CSV.parent / "edf_solidarite.csv"))
    expect(page.locator(".lst-fichier-info")).to_contain_text("Montant impayé", timeout=TIMEOUT)
    expect(page.locator(".lst-champ-date_premiere_relance select")).to_have_value("Date relance")
    expect(page.locator(".lst-champ-code_postal select")).to_have_value("CP")
    page.locator(".lst-analyser").click()
    expect(page.locator(".lst-resume")).to_contain_text("2 lignes lues : 2 valides", timeout=TIMEOUT)
    table = page.locator(".lst-resultats")
    expect(table).to_contain_text("Étape de l'impayé")
    expect(table).to_contain_text("réduction de puissance possible")
    expect(table).to_contain_text("information manquante : à demander : ressources mensuelles")
    expect(page.locator(".lst-telecharger a.lst-xlsx")).to_have_attribute("download", "listing_analyse.xlsx")
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        button.click()
    chooser.value.set_files(str(CSV.parent / "ccas_cp1252.csv"))
    expect(page.locator(".lst-fichier-info")).to_contain_text("Ressources (€/mois)", timeout=TIMEOUT)
    assert "\u0080" not in page.locator(".lst-fichier-info").inner_text()
    page.screenshot(path=str(ARTIFACTS / "listing_realiste.png"), full_page=True)
    assert "Traceback" not in page.content()
    assert page.page_errors == [], page.page_errors

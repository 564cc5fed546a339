"""The « Mon relevé Linky » dashboard in a real Chromium: a real file upload."""

from __future__ import annotations

from playwright.sync_api import expect

from .conftest import ARTIFACTS, ROOT, TIMEOUT, assert_in_viewport, capture, font_sizes, type_keys

DATA = ROOT / "tests" / "data" / "enedis"


def upload(page, name: str) -> None:
    """ipywidgets 8 keeps the FileUpload's <input type=file> out of the DOM
    (the button clicks it): catch the file chooser it opens and set the file
    on that input (Playwright's setInputFiles on the FileUpload's input)."""
    with page.expect_file_chooser(timeout=TIMEOUT) as chooser:
        page.locator(".li-fichier").click()
    chooser.value.set_files(str(DATA / name))


def test_upload_load_curve_read_monthly_totals(page, voila_url):
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "courbe_charge_mars_heure_ete.csv")
    expect(page.locator(".li-total")).to_contain_text("90,8 kWh", timeout=TIMEOUT)
    months = page.locator(".li-mois")
    expect(months).to_contain_text("mars 2025")
    expect(months).to_contain_text("74,4 kWh")
    expect(months).to_contain_text("16,4 kWh")
    expect(page.locator(".li-lecture")).to_contain_text("lignes absentes")
    expect(page.locator(".li-graphique img")).to_be_visible()
    page.locator(".li-plages-hc input").fill("22:00-06:00")
    page.locator(".li-plages-hc input").press("Tab")
    expect(page.locator(".li-hphc")).to_contain_text("Heures creuses", timeout=TIMEOUT)
    page.screenshot(path=str(ARTIFACTS / "linky.png"), full_page=True)
    page.locator(".li-graphique").screenshot(path=str(ARTIFACTS / "linky_graphique.png"))
    page.locator(".li-hphc").screenshot(path=str(ARTIFACTS / "linky_hphc.png"))
    page.locator(".li-journee").screenshot(path=str(ARTIFACTS / "linky_journee.png"))
    page.locator(".li-conseil-bouton").click()  # 5 days only: no yearly estimate, said in French
    expect(page.locator(".li-conseil-erreur")).to_contain_text("moins de 28 jours", timeout=TIMEOUT)
    assert page.console_errors == [], page.console_errors
    assert page.page_errors == [], page.page_errors


def test_malformed_file_shows_message_with_line_then_good_file_works(page, voila_url):
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "malforme_lettres.csv")
    error = page.locator(".li-erreur")
    expect(error).to_contain_text("ligne 21", timeout=TIMEOUT)
    expect(error).to_contain_text("malforme_lettres.csv")
    expect(error).to_contain_text("n'est pas un nombre")
    page.screenshot(path=str(ARTIFACTS / "linky_erreur.png"), full_page=True)
    upload(page, "courbe_charge_octobre_changement_pas.csv")
    expect(page.locator(".li-total")).to_contain_text("67,5 kWh", timeout=TIMEOUT)
    expect(error).to_be_empty()
    assert "Traceback" not in page.content()
    assert page.console_errors == [] and page.page_errors == []


def test_off_peak_hours_follow_the_typing_and_total_stays_in_view(laptop, voila_url):
    page = laptop
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "courbe_charge_mars_heure_ete.csv")
    expect(page.locator(".li-total")).to_contain_text("90,8 kWh", timeout=TIMEOUT)
    type_keys(page, ".li-plages-hc", "22:00-06:00")  # no Tab
    split = page.locator(".li-hphc")
    expect(split).to_contain_text("Heures creuses", timeout=TIMEOUT)
    first = split.inner_text()
    type_keys(page, ".li-plages-hc", "01:30-07:30 ; 12:30-14:30")
    expect(split).not_to_have_text(first, timeout=TIMEOUT)
    expect(page.locator(".li-vue .ck-pas-a-jour")).to_have_count(0)
    assert_in_viewport(page, ".li-total")
    capture(page, "linky")
    assert page.page_errors == [], page.page_errors


def test_workshop_mode_large_type(projector, voila_url):
    page = projector
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "courbe_charge_mars_heure_ete.csv")
    expect(page.locator(".li-total")).to_contain_text("90,8 kWh", timeout=TIMEOUT)
    small = page.locator(".li-graphique img").evaluate("img => img.naturalWidth")
    page.locator(".li-atelier input").check()
    page.wait_for_function(f"document.querySelector('.li-graphique img').naturalWidth > {small}", timeout=TIMEOUT)
    sizes = font_sizes(page, [".li-total .ck-sub", ".li-plages-hc input", ".li-mois-tableau td", ".li-lecture td"])
    assert min(sizes.values()) >= 24, sizes
    expect(page.locator(".li-avertissements")).to_contain_text("Courbe incomplète", timeout=TIMEOUT)
    capture(page, "linky_atelier")
    assert page.page_errors == [], page.page_errors


def test_a_year_of_daily_index_is_measured_with_partial_months_and_measured_hc_share(page, voila_url):
    page.goto(f"{voila_url}/voila/render/linky.ipynb")
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "index_quotidien_annee.csv")
    total = page.locator(".li-total")
    expect(total).to_contain_text("mesurée", timeout=TIMEOUT)
    expect(total).not_to_contain_text("ESTIMATION")
    months = page.locator(".li-mois")
    expect(months).to_contain_text("mois incomplet (17 jours sur 30)")
    expect(months).to_contain_text("mois incomplet (13 jours sur 30)")
    expect(page.locator(".li-hphc")).to_contain_text("EAS F1")
    page.locator(".li-conseil-bouton").click()
    advice = page.locator(".li-conseil")
    expect(advice).to_contain_text("part mesurée sur les index quotidiens", timeout=TIMEOUT)
    expect(advice).to_contain_text("kWh par an (mesurés)")
    expect(advice).not_to_contain_text("est l'option la moins chère")  # 2026 grids of HC and Tempo unknown
    expect(advice).to_contain_text("prix à vérifier")
    page.screenshot(path=str(ARTIFACTS / "linky_index_annee.png"), full_page=True)
    assert page.console_errors == [] and page.page_errors == []


def test_monthly_totals_kept_in_a_dossier_with_consent(laptop, dossier_server):
    from counselling.storage import Store

    page = laptop
    db, url = dossier_server
    page.goto(url.replace("dossiers.ipynb", "linky.ipynb"))
    expect(page.locator(".li-plages-hc input")).to_be_visible(timeout=TIMEOUT)
    upload(page, "index_quotidien_annee.csv")
    expect(page.locator(".li-mois")).to_contain_text("novembre 2026", timeout=TIMEOUT)
    page.locator(".li-dossier").click()
    page.locator(".li-dossier-accord input").check()
    page.locator(".li-dossier-creer").click()
    done = page.locator(".li-dossier-cree")
    expect(done).to_contain_text("créé", timeout=TIMEOUT)
    reference = done.locator("b").inner_text()
    done.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "linky_dossier.png"))
    with Store(db) as store:
        dossier = store.load(reference).dossier
    assert len(dossier.releves) == 13 and [r.complet for r in dossier.releves].count(True) == 11
    assert {r.contrat_id for r in dossier.releves} == {dossier.contrats[0].id}
    assert dossier.contrats[0].compteur == "linky" and dossier.contrats[0].pdl is None

    page.goto(f"{url}?reference={reference}")  # the dossier's Énergie tab: one line a month
    expect(page.locator(".rv-entete")).to_contain_text(reference, timeout=TIMEOUT)
    page.get_by_role("tab", name="Énergie").click()
    table = page.locator(".rv-energie-tableau")
    expect(table).to_contain_text("du 14/11/2025 au 30/11/2025", timeout=TIMEOUT)
    expect(table).to_contain_text("période incomplète")
    expect(page.locator(".rv-energie-retirer")).to_have_count(13)
    page.screenshot(path=str(ARTIFACTS / "dossier_energie_linky.png"), full_page=True)
    page.locator(".rv-energie-retirer").first.click()  # a line kept by mistake
    expect(page.locator(".rv-energie-retirer")).to_have_count(12, timeout=TIMEOUT)
    expect(table).not_to_contain_text("du 14/11/2025 au 30/11/2025")
    expect(page.locator(".rv-erreur")).to_be_empty()
    with Store(db) as store:
        assert len(store.load(reference).dossier.releves) == 12
    assert page.console_errors == [] and page.page_errors == []

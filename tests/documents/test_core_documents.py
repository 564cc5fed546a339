"""Budget summary, échéancier and creditor letters: real PDFs, read back."""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal

import pytest

from counselling.calculators.budget import diagnostic_budget
from counselling.calculators.capacity import capacite_menage
from counselling.calculators.plan import plan_creanciers
from counselling.documents import builders
from counselling.documents.render import TEMPLATES, combine
from counselling.documents.settings import load_structure
from counselling.errors import InputError
from counselling.formatting import date_fr, eur

from .pdfcheck import check, page_count, text

ON = "2026-11-30"

HOUSEHOLDS = {
    "seule_deux_creanciers": {
        "membres": [{"age": 38, "role": "adulte"}, {"age": 9, "role": "enfant"}],
        "ressources": [{"categorie": "salaires", "montant": 1450},
                       {"categorie": "aide_logement", "montant": 600, "periodicite": "trimestre"}],
        "charges": [{"categorie": "loyer", "montant": 620},
                    {"categorie": "electricite", "montant": 1500, "periodicite": "annee"}],
        "dettes": [{"creancier": "EDF", "nature": "energie", "montant": 480},
                   {"creancier": "Cofidis", "nature": "credit", "montant": 1200}],
    },
    "couple_quatre_creanciers": {
        "membres": [{"age": 45, "role": "adulte"}, {"age": 43, "role": "adulte"},
                    {"age": 15, "role": "enfant"}, {"age": 11, "role": "enfant"}],
        "ressources": [{"categorie": "salaires", "montant": 1850}, {"categorie": "chomage", "montant": 980},
                       {"categorie": "prestations_familiales", "montant": 148.52}],
        "charges": [{"categorie": "loyer", "montant": 890}, {"categorie": "gaz", "montant": 95},
                    {"categorie": "electricite", "montant": 78}, {"categorie": "eau", "montant": 42},
                    {"categorie": "assurances", "montant": 64.3}, {"categorie": "transport", "montant": 140}],
        "dettes": [{"creancier": "Habitat 76", "nature": "loyer", "montant": 1780},
                   {"creancier": "Engie", "nature": "energie", "montant": 642.18},
                   {"creancier": "Eau de Normandie", "nature": "eau", "montant": 233.4},
                   {"creancier": "Cetelem", "nature": "credit", "montant": 3900}],
    },
    "retraitee_une_dette": {
        "membres": [{"age": 71, "role": "adulte"}],
        "ressources": [{"categorie": "pensions", "montant": 1032.45}],
        "charges": [{"categorie": "loyer", "montant": 410}, {"categorie": "electricite", "montant": 61}],
        "dettes": [{"creancier": "TotalEnergies", "nature": "energie", "montant": 356.9}],
    },
}


def _results(name):
    menage = HOUSEHOLDS[name]
    budget = diagnostic_budget(menage, ON)
    capacity = capacite_menage(menage, ON)
    plan = plan_creanciers(menage["dettes"], max(capacity["capacite"], Decimal("50")), "2026-12-10", ON)
    return budget, capacity, plan


@pytest.mark.parametrize("name", sorted(HOUSEHOLDS))
def test_budget_summary_states_the_figures_and_the_date_of_the_scales(name):
    budget, capacity, _ = _results(name)
    pdf = builders.budget_summary(budget, capacity, reference="2026-K7M3Q").pdf()
    words = check(pdf, f"budget-{name}")
    for figure in (budget["reste_a_vivre"], budget["total_ressources"], budget["total_charges"],
                   capacity["capacite"]):
        assert eur(figure).replace("\u202f", " ").replace("\u00a0", " ") in words
    assert "Calculé avec les barèmes en vigueur le 30 novembre 2026" in words
    assert "Dossier 2026-K7M3Q" in words and "Point Conseil Budget" in words


@pytest.mark.parametrize("name", sorted(HOUSEHOLDS))
def test_echeancier_has_a_summary_then_one_signed_page_per_creditor(name):
    _, _, plan = _results(name)
    creditors = plan["creanciers"]
    pdf = builders.echeancier(plan, reference="2026-K7M3Q", person="Amina Benali").pdf()
    words = check(pdf, f"echeancier-{name}")
    assert page_count(pdf) >= 1 + len(creditors)
    assert words.count("Date, signature et cachet") == len(creditors)
    for creditor in creditors:
        assert f"Échéancier — {creditor['creancier']}" in words
        last = creditor["echeances"][-1]
        assert f"{date_fr(last['date'])} {eur(last['montant'])} {eur(Decimal(0))}".replace(
            "\u202f", " ").replace("\u00a0", " ") in words
    assert eur(plan["total_paye"]).replace("\u202f", " ").replace("\u00a0", " ") in words


def test_each_creditor_gets_its_letter_with_its_reference_and_its_dates():
    budget, _, plan = _results("couple_quatre_creanciers")
    letters = [builders.creditor_letter(plan, c["creancier"], debt_reference=f"REF-{i}", person="M. et Mme Durand",
                                        budget=budget, share_budget=False)
               for i, c in enumerate(plan["creanciers"])]
    for i, (letter, creditor) in enumerate(zip(letters, plan["creanciers"])):
        words = check(letter.pdf(), f"lettre-{i}")
        assert creditor["creancier"] in words and f"référence REF-{i}" in words
        assert eur(creditor["montant"]).replace("\u202f", " ").replace("\u00a0", " ") in words
        assert "reste à vivre" not in words.lower() and "pour vivre" not in words  # not agreed to share


def test_the_budget_detail_appears_only_when_the_person_agreed():
    budget, _, plan = _results("seule_deux_creanciers")
    shared = text(builders.creditor_letter(plan, "EDF", budget=budget, share_budget=True).pdf())
    assert "pour vivre" in shared and eur(budget["reste_a_vivre"]).replace("\u202f", " ").replace("\u00a0", " ") in shared


def test_the_appointment_pack_is_one_pdf():
    budget, capacity, plan = _results("couple_quatre_creanciers")
    docs = [builders.budget_summary(budget, capacity), builders.echeancier(plan)]
    docs += [builders.creditor_letter(plan, c["creancier"]) for c in plan["creanciers"][:3]]
    pdf = combine(docs)
    assert page_count(pdf) == sum(page_count(d.pdf()) for d in docs)


def test_a_long_name_many_creditors_and_arabic_script_still_give_a_readable_pdf():
    long_name = "Société de recouvrement " + "très " * 55 + "longue"
    debts = [{"creancier": long_name if i == 0 else f"Créancier n° {i}", "montant": 100 + i, "nature": "autre"}
             for i in range(40)]
    plan = plan_creanciers(debts, 400, "2026-12-10", ON)
    pdf = builders.echeancier(plan, person="مريم بن علي").pdf()
    words = check(pdf, "echeancier-40-creanciers")
    assert "Créancier n° 39" in words
    letter = builders.creditor_letter(plan, long_name, person="مريم بن علي").pdf()
    check(letter, "lettre-nom-long")


def test_an_empty_plan_gets_a_french_message():
    budget, capacity, plan = _results("retraitee_une_dette")
    plan.values["creanciers"] = []
    with pytest.raises(InputError, match="aucun versement"):
        builders.echeancier(plan)
    with pytest.raises(InputError, match="n'est pas dans le plan"):
        builders.creditor_letter(_results("retraitee_une_dette")[2], "Inconnu")


def test_structure_settings_and_an_edited_letter_template_show_in_the_pdf(tmp_path, monkeypatch):
    settings = tmp_path / "structure.yaml"
    settings.write_text("nom: PIMMS de Quimper\nville: Quimper\nsignataire: Anne Le Goff\nlogo: absent.png\n",
                        encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_STRUCTURE", str(settings))
    edited = tmp_path / "modeles"
    edited.mkdir()
    source = (TEMPLATES / "lettre_creancier.html").read_text(encoding="utf-8")
    (edited / "lettre_creancier.html").write_text(
        source.replace("Madame, Monsieur,", "Madame, Monsieur, (modèle de la structure)"), encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_TEMPLATES", str(edited))
    _, _, plan = _results("retraitee_une_dette")
    letter = builders.creditor_letter(plan, "TotalEnergies", on=dt.date(2026, 11, 30))
    words = check(letter.pdf(), "lettre-modele-modifie")
    assert "PIMMS de Quimper" in words and "Quimper, le 30 novembre 2026" in words
    assert "(modèle de la structure)" in words and "Anne Le Goff" in words
    assert letter.notices == ["Logo introuvable : « absent.png » (le document est produit sans logo)."]
    assert load_structure().nom == "PIMMS de Quimper"


def test_a_logo_is_printed_when_its_file_exists(tmp_path, monkeypatch):
    logo = tmp_path / "logo.png"
    shutil.copy(sorted((TEMPLATES.parent.parent.parent / "docs").glob("**/*.png"))[0]
                if list((TEMPLATES.parent.parent.parent / "docs").glob("**/*.png")) else _tiny_png(tmp_path), logo)
    (tmp_path / "structure.yaml").write_text("nom: CCAS de Lens\nlogo: logo.png\n", encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_STRUCTURE", str(tmp_path / "structure.yaml"))
    budget, capacity, _ = _results("retraitee_une_dette")
    document = builders.budget_summary(budget, capacity)
    assert document.notices == [] and "<img" in document.html
    check(document.pdf(), "budget-avec-logo")


def _tiny_png(folder):
    from PIL import Image

    path = folder / "tiny.png"
    Image.new("RGB", (120, 40), (11, 61, 107)).save(path)
    return path

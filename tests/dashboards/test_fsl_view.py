"""The « FSL » view driven in process (no browser)."""

from __future__ import annotations

import datetime as dt
import html

from counselling.dashboards.fsl import FslView, department_options

TODAY = dt.date(2026, 11, 23)


def test_departements_listed_with_their_names():
    options = dict(department_options())
    assert options["69M — Métropole de Lyon"] == "69M"
    assert "77 — Seine-et-Marne" in options


def test_eligible_household_shows_verdict_criteria_aid_and_pieces():
    view = FslView(TODAY)
    view.departement.value = "69M"
    view.ressources.value = "1 200"
    assert view.last_result["statut"] == "eligible"
    assert "Éligible" in view.verdict.value
    assert "272,00" in view.criteria.value and "✔ rempli" in view.criteria.value
    assert "500" in view.aid.value
    assert "Pièces à fournir" in view.pieces.value and "<li>" in view.pieces.value
    assert "Comment" not in view.explanation.value and "<ol" in view.explanation.value


def test_unpublished_rules_say_a_verifier():
    view = FslView(TODAY)
    view.departement.value = "21"
    view.adultes.value = 2
    view.ressources.value = "1100"
    assert view.last_result["statut"] == "a_verifier"
    assert "À vérifier auprès du département" in view.verdict.value
    assert "non publiée" in view.aid.value


def test_facts_of_the_reglement_appear_and_keep_their_value():
    view = FslView(TODAY)
    view.departement.value = "59"
    assert "hors_metropole_lille" in view.shown_facts
    control = view.fact_widgets["hors_metropole_lille"][0]
    control.value = "non"
    assert view.last_result["statut"] == "non_eligible"
    view.departement.value = "77"
    view.departement.value = "59"
    assert control.value == "non"


def test_bad_input_keeps_values_and_names_the_field():
    view = FslView(TODAY)
    view.departement.value = "69M"
    view.ressources.value = "1200"
    view.ressources.value = "douze cents"
    assert "Ressources mensuelles du foyer" in view.errors.message.value
    assert view.result_box.layout.display == "none" and view.last_result is None
    assert view.ressources.value == "douze cents"
    view.ressources.value = "1200"
    assert view.last_result["statut"] == "eligible"


def test_previous_aids_typed_as_lines():
    view = FslView(TODAY)
    view.departement.value = "69M"
    view.volet.value = "maintien"
    view.ressources.value = "1500"
    view.enfants.value = 1
    view.aides.value = "oui"
    view.aides_liste.value = "01/03/2025 ; 1000\n15/01/2026 ; 800"
    assert view.last_result["statut"] == "non_eligible"
    view.aides_liste.value = "32/13/2025 ; 10"
    assert "Date de l&#x27;aide FSL n° 1" in view.errors.message.value


def test_a_commune_or_postal_code_selects_the_territory():
    view = FslView(TODAY)
    view.commune.value = "69100"
    assert view.departement.value == "69M" and "Métropole de Lyon" in view.commune_found.value
    view.commune.value = "côte-d'or"
    assert view.departement.value == "21"
    view.commune.value = "69380"  # Lissieu (Métropole) and Chasselay (Rhône) share it: ask, keep the choice
    assert view.departement.value == "21"
    assert "plusieurs territoires" in view.errors.message.value and "Commune ou code postal" in \
        view.errors.message.value
    view.commune.value = "97133"
    assert "collectivité d&#x27;outre-mer" in view.errors.message.value
    view.commune.value = "Toulouse"
    assert view.departement.value == "31M" and view.errors.children == ()


def test_an_old_reglement_is_flagged_on_the_page():
    from counselling import fsl_rules

    dated = next(c for c in fsl_rules.known_codes()
                 if fsl_rules.fsl_file(c).versions[max(fsl_rules.fsl_file(c).versions)].date_effet_connue)
    effective = max(fsl_rules.fsl_file(dated).versions)
    view = FslView(dt.date(effective.year + 4, 1, 15))
    view.departement.value = dated
    assert "plus de 3 ans" in view.verdict.value and "plus de 3 ans" in view.warnings.value
    view.date.value = effective
    assert "plus de 3 ans" not in view.verdict.value


def test_every_territory_says_who_runs_the_fsl_how_to_apply_and_who_to_call():
    from counselling import fsl_rules
    from counselling.dashboards.fsl import contact_html

    for code in fsl_rules.known_codes():
        file = fsl_rules.fsl_file(code)
        text = html.unescape(contact_html(file))
        assert file.gestionnaire in text, code
        assert file.demande is not None and file.contacts, code  # the minimum, for every territory
        assert "fsl-contact-service" in text and "pour le conseiller" in text, code
        assert "fichier" not in (file.territoire or ""), code  # no maintainer's wording for the person


def test_the_page_shows_the_contact_with_the_verdict():
    view = FslView(TODAY)
    view.departement.value = "69"
    view.ressources.value = "900"
    assert "Qui contacter, comment demander" in view.contact.value
    assert "08 00 86 98 69" in view.contact.value and "Département du Rhône" in view.contact.value
    assert "D'où viennent ces coordonnées" in view.contact.value and "2019" in view.contact.value

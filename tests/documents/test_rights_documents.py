"""FSL, chèque énergie, bill check and éco-gestes handout: real PDFs, read back."""

from __future__ import annotations

import datetime as dt

from counselling.calculators.cheque_energie import cheque_energie
from counselling.calculators.ecogestes import ecogestes
from counselling.calculators.electricity import facture_electricite
from counselling.calculators.fsl import fsl
from counselling.documents import builders
from counselling.fsl_rules import fsl_file
from counselling.formatting import eur

from .pdfcheck import check, page_count

ON = dt.date(2026, 11, 30)


def plain(text: str) -> str:
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_fsl_summary_lists_the_criteria_the_pieces_and_who_to_contact():
    result = fsl("69M", volet="energie", on=ON, adultes=1, enfants=2, ressources={"salaires": 1500},
                 faits={"dette": 400})
    words = check(builders.fsl_summary(result, on=ON).pdf(), "fsl-69M")
    assert "Fonds de solidarité pour le logement" in words and "Métropole de Lyon" in words
    assert plain(eur(result["aide_max"])) in words
    for piece in result["pieces"]:
        assert plain(piece)[:40] in words
    assert words.count("☐") == len(result["pieces"])
    territory = fsl_file("69M")
    for contact in territory.contacts:
        assert contact.service in words
    assert "Qui contacter, comment demander" in words and "Le FSL est géré par Métropole de Lyon" in words
    assert "Page officielle" in words and "Formulaire" in words  # addresses written out, not links
    assert "pour le conseiller" not in words  # where each detail comes from stays on the counsellor's screen


def test_fsl_summary_names_what_is_still_to_check():
    result = fsl("21", volet="energie", on=ON, adultes=1, enfants=0, ressources=900)
    words = check(builders.fsl_summary(result, on=ON).pdf(), "fsl-21")
    assert "À vérifier ou à compléter" in words and "à vérifier auprès du département" in words


def test_cheque_energie_summary_says_amount_use_validity_and_protections():
    result = cheque_energie(2025, 9000, 2)
    document = builders.cheque_energie_summary(result, year=2025, issued_on=dt.date(2025, 4, 1), on=ON)
    words = check(document.pdf(), "cheque-energie-2025")
    assert plain(eur(result["montant"], whole=True)) in words
    assert "valable jusqu’au 31 mars 2026" in words
    assert "Pas de réduction de puissance pendant la trêve hivernale" in words
    assert "travaux" not in words  # no longer payable with the cheque since 2025


def test_no_cheque_says_so_without_usage_or_protections():
    words = check(builders.cheque_energie_summary(cheque_energie(2025, 40000, 1), year=2025, on=ON).pdf(),
                  "cheque-energie-non")
    assert "Pas de chèque énergie" in words and "Ce qu’il protège" not in words


def test_bill_check_adds_up_period_by_period():
    bill = facture_electricite("hc", 9, debut="2025-06-01", fin="2026-03-31", consommation={"hp": 2000, "hc": 1200})
    words = check(builders.bill_check(bill, on=ON).pdf(), "facture-hc-3-grilles")
    for period in bill["periodes"]:
        assert plain(eur(period["total_ttc"])) in words
        assert period["debut"].strftime("%d/%m/%Y") in words
    assert plain(eur(bill["total_ttc"])) in words
    assert "prix et les taxes en vigueur sur chaque période" in words


def test_ecogestes_handout_shows_the_chosen_gestures_in_kwh_and_euros():
    result = ecogestes(2, energie_chauffage="electricite", gestes=["baisser_chauffage_1c", "eteindre_veilles"], on=ON)
    pdf = builders.ecogestes_handout(result, on=ON).pdf()
    words = check(pdf, "ecogestes")
    assert page_count(pdf) == 1
    assert plain(eur(result["combinaison"]["economie_euros"], whole=True)) in words
    chosen = [g for g in result["gestes"] if g["code"] in ("baisser_chauffage_1c", "eteindre_veilles")]
    for gesture in chosen:
        assert gesture["label"] in words
    assert words.count("☐") == 2


def test_first_page_of_each_document_for_the_readme():
    """The README shows the first page of each document: regenerated here."""
    import pypdfium2

    from counselling.documents.render import TEMPLATES

    folder = TEMPLATES.parents[2] / "docs" / "captures" / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    from counselling.dossier import adapters
    from counselling.dossier.examples import large_family, single_parent

    dossier = large_family(ON)
    dossier.identite.nom, dossier.identite.prenom = "Durand", "Sylvie"
    plan = adapters.stored_plan_result(dossier, dossier.plans[0])
    alone = single_parent(ON)
    documents = {
        "budget": builders.budget_summary(adapters.budget(alone, ON), adapters.capacity(alone, ON), on=ON,
                                          reference=alone.reference),
        "echeancier": builders.echeancier(plan, on=ON, reference=dossier.reference, person="Sylvie Durand"),
        "lettre": builders.creditor_letter(plan, "Engie", on=ON, reference=dossier.reference,
                                           debt_reference="GZ-7781", person="Sylvie Durand"),
        "fsl": builders.fsl_summary(fsl("69M", volet="energie", on=ON, adultes=1, enfants=2,
                                        ressources={"salaires": 1500}, faits={"dette": 400}), on=ON),
        "cheque_energie": builders.cheque_energie_summary(cheque_energie(2025, 9000, 2), year=2025,
                                                          issued_on=dt.date(2025, 11, 3), on=ON),
        "facture": builders.bill_check(facture_electricite("base", 6, debut="2026-06-01", fin="2026-09-30",
                                                           consommation=1100), on=ON),
        "ecogestes": builders.ecogestes_handout(ecogestes(3, energie_chauffage="electricite",
                                                          gestes=["baisser_chauffage_1c", "eteindre_veilles",
                                                                  "lavage_30c"], on=ON), on=ON),
    }
    for name, document in documents.items():
        pdf = document.pdf()
        check(pdf, f"readme-{name}")
        pypdfium2.PdfDocument(pdf)[0].render(scale=0.75).to_pil().save(folder / f"{name}.png")
        assert (folder / f"{name}.png").stat().st_size > 10_000

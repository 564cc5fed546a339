"""Paper from the quick simulation pages: one click gives the preview and the
PDF of what is on screen; « Enregistrer dans un dossier » keeps it only with
the person's consent."""

from __future__ import annotations

import base64
import datetime as dt
from decimal import Decimal
import html
import re

import pytest
from pypdf import PdfReader

from counselling.dashboards.budget import BudgetView
from counselling.dashboards.cheque_energie import ChequeEnergieView
from counselling.dashboards.ecogestes import EcogestesView
from counselling.dashboards.facture import FactureView
from counselling.dashboards.fsl import FslView
from counselling.dashboards.paper import DocumentButtons, SaveToDossier
from counselling.storage import Store

TODAY = dt.date(2026, 11, 30)


def _part(view, kind):
    return next(c for c in view.widget.children if isinstance(c, kind))


def _pdf_text(panel) -> str:
    match = re.search(r'href="data:application/pdf;base64,([^"]+)"', panel.out.value)
    assert match, html.unescape(panel.errors.message.value) if panel.errors.children else panel.out.value[:300]
    import io

    reader = PdfReader(io.BytesIO(base64.b64decode(match.group(1))))
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))


def _click(panel, css):
    button = next(b for b in panel.children[1].children if css in b._dom_classes)
    button.click()


def test_budget_page_prints_the_summary_the_plan_and_the_letters():
    view = BudgetView(today=TODAY)
    paper = _part(view, DocumentButtons)
    _click(paper, "bu-doc-budget")
    assert "rien à imprimer" in html.unescape(paper.errors.message.value)
    view.resources.add("salaires", "1 450")
    view.charges.add("loyer", "620")
    view.debts.add("energie", "480", creditor="EDF")
    view.live.flush()
    _click(paper, "bu-doc-budget")
    assert "830,00" in _pdf_text(paper) and "srcdoc" in paper.out.value
    view.capacity.value = "120"
    view.first_date.value = "05/12/2026"
    view._request_plan()
    _click(paper, "bu-doc-courriers")
    assert "EDF" in _pdf_text(paper) and "Madame, Monsieur" in _pdf_text(paper)


def test_cheque_fsl_bill_and_ecogestes_pages_print_their_sheet():
    cheque = ChequeEnergieView()
    cheque.rfr.value = "9 000"
    cheque.persons.value = "2"
    cheque.live.flush()
    paper = _part(cheque, DocumentButtons)
    _click(paper, "ce-doc")
    assert "Chèque énergie" in _pdf_text(paper)

    fsl = FslView(TODAY)
    fsl.departement.value = "69M"
    fsl.adultes.value = "1"
    fsl.enfants.value = "2"
    fsl.ressources.value = "1 500"
    fsl.live.flush()
    paper = _part(fsl, DocumentButtons)
    _click(paper, "fsl-doc")
    assert "Pièces à rassembler" in _pdf_text(paper)

    bill = FactureView()
    bill.power.value = 9
    bill.start.value = dt.date(2025, 7, 1)
    bill.end.value = dt.date(2025, 8, 31)
    bill.kwh["base"].value = "620"
    paper = _part(bill, DocumentButtons)
    _click(paper, "fe-doc")
    assert "159,67" in _pdf_text(paper)

    eco = EcogestesView()
    eco.personnes.value = "2"
    eco.live.flush()
    paper = _part(eco, DocumentButtons)
    _click(paper, "eco-doc")
    assert "Mes éco-gestes" in _pdf_text(paper)


def test_a_cheque_simulation_is_kept_in_a_new_dossier_only_with_consent(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNSELLING_DB", str(tmp_path / "d.db"))
    cheque = ChequeEnergieView()
    cheque.rfr.value = "9 000"
    cheque.persons.value = "2"
    cheque.live.flush()
    keep = _part(cheque, SaveToDossier)
    keep.create()
    with Store() as store:
        assert store.count() == 0
    keep.consent.value = True
    keep.create()
    with Store() as store:
        [summary] = store.list()
        dossier = store.load(summary.reference).dossier
    assert [r.droit for r in dossier.droits] == ["cheque_energie"]
    assert dossier.droits[0].entrees["persons"] == 2 and str(dossier.fiscal.rfr) == "9000.00"
    assert f"reference={summary.reference}" in keep.done.value


def test_a_checked_bill_is_kept_as_a_contract_and_a_bill_only_with_consent(tmp_path):
    from counselling.dashboards.dossier import DossiersView

    db = tmp_path / "facture.db"
    bill = FactureView()
    keep = _part(bill, SaveToDossier)
    keep.store_factory, keep.today, keep.user = (lambda: Store(db)), TODAY, "amina"
    keep.consent.value = True
    keep.create()  # nothing computed yet: said, nothing stored
    assert "Enregistrer dans un dossier : rien à enregistrer" in html.unescape(keep.errors.message.value)
    bill.option.value = "heures_creuses"
    bill.power.value = 9
    bill.start.value = "01/07/2025"
    bill.end.value = "31/08/2025"
    bill.kwh["hp"].value = "400"
    bill.kwh["hc"].value = "220,5"
    bill.bill_live.flush()
    keep.consent.value = False
    keep.create()
    assert "accord n'est pas coché" in html.unescape(keep.errors.message.value)
    with Store(db) as store:
        assert store.count() == 0
    keep.consent.value = True
    keep.create()
    with Store(db) as store:
        [summary] = store.list()
        dossier = store.load(summary.reference).dossier
        [contract], [kept] = dossier.contrats, dossier.factures
        assert (contract.energie, contract.option, contract.puissance_kva) == ("electricite", "hc", 9)
        assert (kept.debut, kept.fin) == (dt.date(2025, 7, 1), dt.date(2025, 8, 31))
        assert kept.montant_ttc == bill.last_bill["total_ttc"] and kept.montant_ttc.as_tuple().exponent == -2
        assert kept.consommation_kwh == Decimal("620.5") and kept.contrat_id == contract.id
        assert kept.origine == "calcul_tarif_bleu" and dossier.membres == [] and dossier.identite.is_empty()
        view = DossiersView(store, today=TODAY, user="amina")  # the dossier opens with its contract
        view.open(summary.reference)
        assert view.appointment.contracts.rows[0]["option"].value == "hc"


def _checked_bill(bill: FactureView, start: str, end: str, kwh: str) -> None:
    bill.power.value = 9
    bill.start.value, bill.end.value = start, end
    bill.kwh["base"].value = kwh
    bill.bill_live.flush()


def _bill_kept_in_a_new_dossier(db, store_class=Store):
    """The bill page with July–August checked and kept in a new dossier;
    then September–October checked, not kept yet: the page, its
    « Enregistrer dans un dossier » and the dossier's reference."""
    bill = FactureView()
    keep = _part(bill, SaveToDossier)
    keep.store_factory, keep.today, keep.user = (lambda: store_class(db)), TODAY, "amina"
    _checked_bill(bill, "01/07/2025", "31/08/2025", "620")
    keep.consent.value = True
    keep.create()
    with Store(db) as store:
        [summary] = store.list()
    _checked_bill(bill, "01/09/2025", "31/10/2025", "540")
    return bill, keep, summary.reference


def test_a_checked_bill_is_added_to_the_persons_dossier_by_its_reference(tmp_path):
    db = tmp_path / "facture.db"
    _bill, keep, reference = _bill_kept_in_a_new_dossier(db)
    for typed, said in (("", "Référence du dossier : vide"), ("K7M3Q", "« K7M3Q » n'est pas une référence"),
                        ("2026-ZZZZZ", "aucun dossier « 2026-ZZZZZ » dans la base")):
        keep.consent.value = True
        keep.reference.value = typed
        keep.add()
        assert said in html.unescape(keep.errors.message.value)
    keep.reference.value = f" {reference.lower()} "
    keep.consent.value = False
    keep.add()
    assert "accord n'est pas coché" in html.unescape(keep.errors.message.value)
    keep.consent.value = True
    keep.add()
    assert "complété" in keep.done.value and "Facture du 01/09/2025 au 31/10/2025 ajoutée" in html.unescape(keep.done.value)
    assert not keep.consent.value  # asked again for the next addition
    keep.consent.value = True
    keep.add()
    assert "pas ajoutée deux fois" in html.unescape(keep.done.value)
    with Store(db) as store:
        dossier = store.load(reference).dossier
        [contract] = dossier.contrats
        assert [(b.debut.month, b.consommation_kwh, b.contrat_id) for b in dossier.factures] == [
            (7, Decimal("620"), contract.id), (9, Decimal("540"), contract.id)]
        assert [a.action for a in store.audit(reference)][-1] == "modification"


def test_adding_to_a_dossier_saved_meanwhile_by_someone_else_keeps_both(tmp_path):
    """A real second writer saves the dossier between the page's read and its
    write: the page reads it again and adds on top, nothing of either lost."""
    db = tmp_path / "facture.db"

    class Racing(Store):
        raced = False

        def load(self, reference):
            stored = super().load(reference)
            if not Racing.raced:
                Racing.raced = True
                with Store(db) as other:
                    other.save(stored.dossier.model_copy(update={"site": "Antenne nord"}), stored.version, "paul")
            return stored

    _bill, keep, reference = _bill_kept_in_a_new_dossier(db, Racing)
    keep.consent.value, keep.reference.value = True, reference
    keep.add()
    assert Racing.raced and "Facture du 01/09/2025 au 31/10/2025 ajoutée" in html.unescape(keep.done.value), \
        keep.errors.message.value
    with Store(db) as store:
        stored = store.load(reference)
    assert stored.dossier.site == "Antenne nord" and len(stored.dossier.factures) == 2 and stored.version == 3


def test_the_bill_typed_just_before_the_click_is_the_one_added(tmp_path, run_loop):
    """« Ajouter au dossier » clicked within the 0,3 s after the last key: the
    bill typed is computed and kept, not the one shown before it."""
    db = tmp_path / "facture.db"
    added = []

    async def scenario():
        view, keep, reference = _bill_kept_in_a_new_dossier(db)
        view.bill_live.debouncer.kernel_only = False  # the loop is this test's, as a kernel's would be
        view.start.value, view.end.value = "01/11/2025", "31/12/2025"
        assert view.bill_live.debouncer.pending and view.last_bill["periodes"][0]["debut"].month == 9
        keep.consent.value, keep.reference.value = True, reference
        keep.add()
        added.append(html.unescape(keep.done.value))

    run_loop(scenario)
    assert "Facture du 01/11/2025 au 31/12/2025 ajoutée" in added[0], added
    with Store(db) as store:
        [summary] = store.list()
        assert [b.debut.month for b in store.load(summary.reference).dossier.factures] == [7, 11]


def test_a_page_opened_from_a_dossier_has_its_reference_ready_to_add(tmp_path):
    from counselling.dashboards.dossier import energy_pages_html

    links = energy_pages_html("2026-K7M3Q")
    assert 'href="facture_electricite.ipynb?reference=2026-K7M3Q"' in links
    assert 'href="linky.ipynb?reference=2026-K7M3Q"' in links
    keep = SaveToDossier(lambda: {}, "fe", today=TODAY, user="amina", reference="2026-K7M3Q")
    form = keep.children[2]
    assert keep.reference.value == "2026-K7M3Q" and form.layout.display is None  # shown, not behind a click
    assert "ouverte depuis le dossier <b>2026-K7M3Q</b>" in form.children[0].value
    plain = SaveToDossier(lambda: {}, "fe", today=TODAY, user="amina")
    assert plain.reference.value == "" and plain.children[2].layout.display == "none"
    assert energy_pages_html("<b>").count("&lt;b&gt;") == 2  # the address is escaped


def test_a_key_typed_just_before_a_click_is_what_every_page_prints_or_keeps(tmp_path, run_loop):
    """Chèque énergie and FSL: the button clicked within the 0,3 s after the
    last key settles the page first (as the bill page), so the right kept and
    the sheet printed are those of the figures typed, not of those before."""
    printed = {}

    async def scenario():
        cheque = ChequeEnergieView()
        cheque.live.debouncer.kernel_only = False
        cheque.rfr.value, cheque.persons.value = "9 000", "1"
        cheque.live.flush()
        cheque.rfr.value = "30 000"  # typed, not yet computed
        assert cheque.live.debouncer.pending and cheque.last_result["montant"] > 0
        keep = _part(cheque, SaveToDossier)
        keep.store_factory, keep.today, keep.user = (lambda: Store(tmp_path / "d.db")), TODAY, "amina"
        keep.consent.value = True
        keep.create()
        cheque.rfr.value = "9 000"
        cheque.live.flush()
        cheque.rfr.value = "30 000"
        paper = _part(cheque, DocumentButtons)
        _click(paper, "ce-doc")
        printed["cheque"] = _pdf_text(paper)

        fsl_view = FslView(TODAY)
        fsl_view.live.debouncer.kernel_only = False
        fsl_view.departement.value, fsl_view.adultes.value, fsl_view.enfants.value = "69M", "1", "0"
        fsl_view.ressources.value = "900"
        fsl_view.live.flush()
        fsl_view.ressources.value = "90 000"
        assert fsl_view.live.debouncer.pending and fsl_view.last_result["statut"] == "eligible"
        paper = _part(fsl_view, DocumentButtons)
        _click(paper, "fsl-doc")
        printed["fsl"] = _pdf_text(paper)

    run_loop(scenario)
    with Store(tmp_path / "d.db") as store:
        [summary] = store.list()
        [right] = store.load(summary.reference).dossier.droits
    assert right.resultat["montant"] in ("0", "0.00", 0) and right.resultat["eligible"] is False
    assert "Non éligible" in printed["fsl"]
    assert "Pas de chèque énergie avec ces revenus" in printed["cheque"] and "Montant du chèque" not in printed["cheque"]

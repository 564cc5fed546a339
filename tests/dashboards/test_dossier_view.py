"""The « Dossiers » page at widget level, on a real SQLite database: create with
consent, type once, every section uses it, saved as typed, reopened as it was."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal

import pytest

from counselling.calculators.cheque_energie import cheque_energie
from counselling.dashboards.dossier import DossiersView
from counselling.storage import Store

TODAY = dt.date(2026, 11, 30)


def said(panel) -> str:
    """The French message a panel shows, as read on screen."""
    return html.unescape(panel.message.value) if panel.children else ""


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "dossiers.db") as opened:
        yield opened


def _open_new(store, name="Benali"):
    view = DossiersView(store, today=TODAY, user="amina")
    view.consent_keep.value = True
    view.new_name.value = name
    view._create()
    return view, view.appointment


def _type_household(a):
    a.household.adults.value = "1"
    a.household.add_child(age="9", alternating=True)
    a.resources.add("salaires", "1 450")
    a.resources.add("aide_logement", "600", "trimestre")
    a.charges.add("loyer", "620")
    a.debts.add()
    a.debts.rows[0]["creancier"].value = "EDF"
    a.debts.rows[0]["montant"].value = "480,50"
    a.debts.rows[0]["reference"].value = "FAC-118"
    a.territory.value = "69M"
    a.rfr.value = "9 000"
    a.save_now()


def test_nothing_is_stored_without_consent(store):
    view = DossiersView(store, today=TODAY, user="amina")
    view.new_name.value = "Martin"
    view._create()
    assert "accord pour conserver le dossier" in said(view.errors)
    assert store.count() == 0 and view.appointment is None


def test_typed_once_saved_as_typed_and_reopened_as_it_was(store):
    view, a = _open_new(store)
    _type_household(a)
    assert "Enregistré à" in a.status.value
    assert "830,00" not in a.card.headline.value  # 1 450 + 200 − 620 = 1 030
    assert "1\u202f030,00" in a.card.headline.value
    reference = a.session.reference
    stored = store.load(reference).dossier
    assert stored.identite.nom == "Benali"
    assert [m.role for m in stored.membres] == ["adulte", "enfant"] and stored.membres[1].residence_alternee
    assert stored.dettes[0].montant == Decimal("480.50") and stored.dettes[0].reference == "FAC-118"
    assert stored.fiscal.rfr == Decimal("9000.00") and stored.logement.territoire_fsl == "69M"

    again = DossiersView(store, today=TODAY, user="amina")
    again.search.value = "benal"
    again.live.flush()
    assert reference in again.results.children[0].children[0].value
    again.open(reference)
    b = again.appointment
    assert b.household.children_count() == 1 and b.household.alternating_count() == 1
    assert [r["montant"].value for r in b.resources.rows] == ["1450,00", "600,00"]
    assert b.debts.rows[0]["creancier"].value == "EDF" and b.territory.value == "69M"
    assert "1\u202f030,00" in b.card.headline.value


def test_a_bad_amount_is_named_kept_on_screen_and_not_saved(store):
    _, a = _open_new(store)
    _type_household(a)
    version = a.session.version
    a.resources.rows[0]["montant"].value = "12,345"  # more than cents: refused, never rounded
    a.save_now()
    assert "Salaires" in said(a.errors)
    assert a.resources.rows[0]["montant"].value == "12,345"
    assert store.load(a.session.reference).version == version


def test_a_debt_being_typed_waits_for_its_amount_without_an_error(store):
    _, a = _open_new(store)
    a.debts.add()
    a.debts.rows[0]["creancier"].value = "Veolia"
    a.save_now()
    assert not a.errors.children and "sera enregistrée" in a.status.value
    a.debts.rows[0]["montant"].value = "84"
    a.save_now()
    assert "sera enregistrée" not in a.status.value
    assert [d.creancier for d in store.load(a.session.reference).dossier.dettes] == ["Veolia"]


def test_plan_payments_and_follow_up(store):
    _, a = _open_new(store)
    _type_household(a)
    a.capacity.value = "100"
    a.first_date.value = "05/12/2026"
    a.propose()
    assert "rv-plan-retenu" not in a.proposal_out.value and a.keep.layout.display is None
    a.keep_plan()
    dossier = store.load(a.session.reference).dossier
    plan = dossier.current_plan()
    assert plan.statut == "accepte" and plan.total() == Decimal("480.50")
    assert a.act_outcomes["echeancier"].value  # the outcome is ticked, the act recorded in two clicks
    a.act_reasons[next(iter(a.act_reasons))].value = True
    a.record_act()
    dossier = store.load(a.session.reference).dossier
    assert [(act.type, act.resultats) for act in dossier.actes] == [("rendez_vous_pcb", ["echeancier"])]
    from counselling.activity.report import activity_report

    report = activity_report(store, TODAY, TODAY)
    assert report.kinds.get("rendez_vous_pcb") == 1 and report.outcomes.get("echeancier") == 1
    a.record_act()  # a second click records a second act of the day, not the same one twice
    assert len(store.load(a.session.reference).dossier.actes) == 2
    a.pay_amount.value = "100"
    a.pay_date.value = "30/11/2026"
    a.record_payment()
    assert "100,00" in a.follow_out.value and "à jour" in a.follow_out.value
    dossier = store.load(a.session.reference).dossier
    assert dossier.paiements[0].plan_id == plan.id and dossier.remaining(plan.debt_ids[0]) == Decimal("380.50")
    a.pay_date.value = "31/12/2026"
    a.pay_amount.value = "10"
    a.record_payment()
    assert "dans le futur" in said(a.plan_errors)


def test_rights_checked_are_kept_with_their_figures(store):
    _, a = _open_new(store)
    _type_household(a)
    a.cheque_year.value = 2025
    a.check_cheque()
    a.check_fsl()
    rights = store.load(a.session.reference).dossier.droits
    assert [r.droit for r in rights] == ["cheque_energie", "fsl"]
    expected = cheque_energie(2025, 9000, 2, alternating_children=1)["montant"]  # 1 adult + 1 child half the time
    assert rights[0].entrees["rfr"] == "9000.00" and rights[0].resultat["montant"] == str(expected)
    assert rights[1].entrees["departement"] == "69M"
    assert "Chèque énergie" in a.rights_list.value and "FSL" in a.rights_list.value


def test_documents_are_issued_from_the_dossier_and_recorded(store):
    _, a = _open_new(store)
    _type_household(a)
    a.issue_document("echeancier")
    assert "aucun plan n'est retenu" in said(a.documents_errors)
    a.issue_document("budget")
    assert "data:application/pdf;base64," in a.documents_out.value
    assert [d.type for d in store.load(a.session.reference).dossier.documents] == ["budget"]


def test_two_counsellors_on_one_dossier_neither_version_lost(store):
    _, first = _open_new(store)
    _type_household(first)
    second_view = DossiersView(store, today=TODAY, user="bruno")
    second_view.open(first.session.reference)
    second = second_view.appointment
    second.charges.add("eau", "35")
    second.save_now()
    first.charges.add("gaz", "60")
    first.save_now()
    assert "enregistré entre-temps par bruno" in said(first.errors)
    assert first.conflict_box.layout.display is None
    assert [c.categorie for c in first.session.dossier.charges] == ["loyer", "gaz"]  # mine kept
    assert [c.categorie for c in store.load(first.session.reference).dossier.charges] == ["loyer", "eau"]
    first.note.value = "ne doit pas passer"
    first.add_note()
    assert "entre-temps" in said(first.errors)  # nothing written over the other version meanwhile
    first._reload()
    assert "ma-version.json" in first.kept_copy.value
    assert [r["categorie"].value for r in first.charges.rows] == ["loyer", "eau"]


def test_after_a_conflict_the_counsellor_may_keep_her_version(store):
    _, first = _open_new(store)
    _type_household(first)
    other = DossiersView(store, today=TODAY, user="bruno")
    other.open(first.session.reference)
    other.appointment.charges.add("eau", "35")
    other.appointment.save_now()
    first.charges.add("gaz", "60")
    first.save_now()
    first._overwrite()
    assert [c.categorie for c in store.load(first.session.reference).dossier.charges] == ["loyer", "gaz"]


def test_notes_and_closing(store):
    view, a = _open_new(store)
    a.note.value = "Appeler EDF mardi."
    a.add_note()
    assert "Appeler EDF mardi." in a.notes_out.value
    a._close()
    assert view.appointment is None and view.root.children == (view.list_page,)


def test_a_quick_simulation_is_kept_only_once_the_person_agrees(tmp_path):
    from counselling.dashboards.paper import SaveToDossier

    db = tmp_path / "quick.db"
    menage = {"membres": [{"age": 30, "role": "adulte"}, {"age": 5, "role": "enfant"}],
              "ressources": [{"categorie": "salaires", "montant": 1200}],
              "charges": [{"categorie": "loyer", "montant": 500, "periodicite": "mois"}],
              "dettes": [{"creancier": "EDF", "nature": "energie", "montant": 300}]}
    panel = SaveToDossier(lambda: {"menage": menage, "rfr": Decimal("9000")}, "bu",
                          store_factory=lambda: Store(db), today=TODAY, user="amina")
    panel.create()
    assert "accord n'est pas coché" in said(panel.errors)
    with Store(db) as store:
        assert store.count() == 0
    panel.consent.value = True
    panel.create()
    with Store(db) as store:
        [summary] = store.list()
        dossier = store.load(summary.reference).dossier
    assert f"dossiers.ipynb?reference={summary.reference}" in panel.done.value
    assert [m.role for m in dossier.membres] == ["adulte", "enfant"] and dossier.membres[1].age == 5
    assert dossier.membres[0].age is None  # the simulation's stand-in adult age is not kept
    assert dossier.ressources[0].montant == Decimal("1200.00") and dossier.dettes[0].creancier == "EDF"
    assert dossier.fiscal.rfr == Decimal("9000.00")


def _texts(widget) -> str:
    """Every HTML text under a widget, as read on screen."""
    import re

    value = getattr(widget, "value", None)
    own = html.unescape(re.sub(r"<[^>]+>", "", value)) if isinstance(value, str) else ""
    return " | ".join([own, *(_texts(c) for c in getattr(widget, "children", ()))])


def _energy_dossier(store):
    from counselling.dossier.adapters import dossier_from_simulation
    from counselling.dossier.model import Consent

    consent = Consent(date=TODAY, conservation=True, recueilli_par="amina")
    bill = {"contrat": {"energie": "electricite", "option": "heures_creuses", "puissance_kva": 9},
            "factures": [{"debut": "01/07/2025", "fin": "31/08/2025", "montant_ttc": Decimal("159.67"),
                          "consommation_kwh": Decimal("620"), "origine": "calcul_tarif_bleu"}]}
    dossier = dossier_from_simulation(None, consent=consent, user="amina", today=TODAY, energie=bill)
    linky = dossier_from_simulation(None, consent=consent, user="amina", today=TODAY, energie={
        "contrat": {"energie": "electricite", "compteur": "linky"},
        "releves": [{"debut": dt.date(2025, 4, 1), "date": dt.date(2025, 4, 1), "consommation_kwh": Decimal("16.368"),
                     "complet": False, "origine": "linky"},
                    {"debut": dt.date(2025, 3, 28), "date": dt.date(2025, 3, 31), "consommation_kwh": "74.4",
                     "complet": False, "origine": "linky"}]})
    dossier.contrats += linky.contrats
    dossier.releves = linky.releves
    store.create(dossier, "amina")
    return dossier


def test_the_energy_tab_shows_bills_and_readings_per_contract_and_removes_a_wrong_line(store):
    dossier = _energy_dossier(store)
    view = DossiersView(store, today=TODAY, user="amina")
    view.open(dossier.reference)
    a = view.appointment
    shown = _texts(a.energy_records)
    assert "Électricité — option Heures creuses, 9 kVA" in shown and "Électricité — compteur Linky" in shown
    assert "du 01/07/2025 au 31/08/2025 | 620 | 159,67\u00a0€" in shown
    assert "montant calculé par le kit au Tarif Bleu" in shown
    linky = shown[shown.index("compteur Linky"):]
    assert linky.index("du 28/03/2025 au 31/03/2025 | 74,4") < linky.index("du 01/04/2025 au 01/04/2025 | 16,4")
    assert "période incomplète" in linky and "Montant (€)" in shown and "Consommation (kWh)" in shown

    remove_april = _buttons(a.energy_records)[2]  # bill, then March, then April
    remove_april.click()
    assert said(a.errors) == ""
    assert "16,4" not in _texts(a.energy_records) and "74,4" in _texts(a.energy_records)
    assert "Enregistré à" in a.status.value
    stored = store.load(dossier.reference).dossier
    assert [r.consommation_kwh for r in stored.releves] == [Decimal("74.4")] and len(stored.factures) == 1

    [remove_bill] = _buttons(a.energy_records)[:1]
    remove_bill.click()
    again = DossiersView(store, today=TODAY, user="amina")
    again.open(dossier.reference)
    shown = _texts(again.appointment.energy_records)
    assert "159,67" not in shown and "74,4" in shown and "Électricité — option Heures creuses" not in shown
    assert len(again.appointment.contracts.rows) == 2  # the contracts stay: only the wrong lines went


def _buttons(widget) -> list:
    import ipywidgets as w

    if isinstance(widget, w.Button):
        return [widget]
    return [b for c in getattr(widget, "children", ()) for b in _buttons(c)]

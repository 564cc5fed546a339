"""A quick simulation added to the person's dossier: nothing replaced, bills
and readings on the dossier's contract of the same supply, never twice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.dossier import adapters
from counselling.dossier.examples import single_parent
from counselling.dossier.model import Consent, Dossier, EnergyContract, RightCheck, dossier_from_json

ON = dt.date(2026, 11, 30)
BILL = {"contrat": {"energie": "electricite", "option": "heures_creuses", "puissance_kva": 9, "compteur": "linky"},
        "factures": [{"debut": "01/07/2025", "fin": "31/08/2025", "montant_ttc": "159,67", "consommation_kwh": "620",
                      "origine": "calcul_tarif_bleu"}]}


def _with_contract(**contract) -> Dossier:
    dossier = single_parent(ON)
    dossier.contrats = [EnergyContract(**{"energie": "electricite", **contract})]
    return dossier


def test_a_bill_goes_to_the_contract_of_the_same_supply_and_completes_it():
    dossier = _with_contract(option="hc", fournisseur="EDF")
    added, said = adapters.add_simulation(dossier, energie=BILL)
    [contract] = added.contrats
    [bill] = added.factures
    assert bill.contrat_id == contract.id == dossier.contrats[0].id
    assert (contract.fournisseur, contract.puissance_kva, contract.compteur) == ("EDF", 9, "linky")
    assert bill.montant_ttc == Decimal("159.67") and said == [
        "Facture du 01/07/2025 au 31/08/2025 ajoutée : 159,67\xa0€ (montant calculé par le kit)."]
    assert dossier.factures == [] and dossier.contrats[0].puissance_kva is None  # the original is untouched


def test_another_power_or_energy_is_another_contract():
    for kept in ({"option": "hc", "puissance_kva": 6}, {"energie": "gaz"}):
        added, said = adapters.add_simulation(_with_contract(**kept), energie=BILL)
        assert len(added.contrats) == 2 and added.factures[0].contrat_id == added.contrats[1].id
        assert said == ["Contrat d'énergie ajouté.",
                        "Facture du 01/07/2025 au 31/08/2025 ajoutée : 159,67\xa0€ (montant calculé par le kit)."]


def test_the_same_bill_or_month_twice_is_kept_once_and_said():
    dossier = _with_contract()
    once, _ = adapters.add_simulation(dossier, energie=BILL)
    twice, said = adapters.add_simulation(once, energie=BILL)
    assert len(twice.factures) == 1 and len(twice.contrats) == 1
    assert said == ["1 facture déjà dans le dossier pour cette période : pas ajoutée deux fois."]
    months = {"contrat": {"energie": "electricite", "compteur": "linky"},
              "releves": [{"date": f"{last}/{m:02d}/2025", "debut": f"01/{m:02d}/2025", "consommation_kwh": "210,5",
                           "complet": True, "origine": "linky"} for m, last in ((9, 30), (10, 31))]}
    first, _ = adapters.add_simulation(twice, energie=months)
    again, said = adapters.add_simulation(first, energie={**months, "releves": months["releves"] + [
        {"date": "30/11/2025", "debut": "01/11/2025", "consommation_kwh": "250", "origine": "linky"}]})
    assert len(first.releves) == 2 and len(again.releves) == 3
    assert said == ["1 relevé ajouté.", "2 relevés déjà dans le dossier pour ces périodes : pas ajoutés deux fois."]


def test_the_household_fiscal_income_and_territory_are_filled_never_replaced():
    menage = {"membres": [{"role": "adulte", "age": 30}], "ressources": [{"categorie": "salaires", "montant": "900"}]}
    full = single_parent(ON)
    kept, said = adapters.add_simulation(full, menage=menage, rfr="9 000", territoire_fsl="69M")
    assert kept.membres == full.membres and kept.ressources == full.ressources
    assert kept.fiscal.rfr == Decimal("9000") and kept.logement.territoire_fsl == "69M"
    assert said[0].startswith("Le ménage déjà saisi dans le dossier n'a pas été remplacé")
    assert "Revenu fiscal de référence ajouté : 9 000,00 €." in [s.replace("\u202f", " ").replace("\xa0", " ")
                                                                for s in said]
    again, said = adapters.add_simulation(kept, rfr="12000", territoire_fsl="69")
    assert again.fiscal.rfr == Decimal("9000") and again.logement.territoire_fsl == "69M"
    assert any(s.startswith("Le revenu fiscal de référence du dossier") for s in said)
    assert any(s.startswith("Le territoire du FSL du dossier (69M) est gardé") for s in said)
    empty = Dossier(reference=full.reference, cree_le=ON, cree_par="conseil",
                    consentement=Consent(date=ON, conservation=True, recueilli_par="conseil"))
    filled, said = adapters.add_simulation(empty, menage=menage)
    assert [m.role for m in filled.membres] == ["adulte"] and filled.ressources[0].montant == Decimal("900")
    assert said == ["Ménage ajouté : 1 personne, 1 ligne de budget."]


def test_rights_are_added_and_nothing_new_is_said():
    right = RightCheck(droit="cheque_energie", date=ON, statut="eligible")
    added, said = adapters.add_simulation(single_parent(ON), droits=[right])
    assert [r.droit for r in added.droits] == ["cheque_energie"] and said == ["1 droit vérifié ajouté."]
    same, said = adapters.add_simulation(added)
    assert same == added and said == ["Rien de nouveau à ajouter : le dossier contient déjà tout cela."]


@settings(max_examples=40, deadline=None)
@given(months=st.lists(st.integers(1, 12), min_size=1, max_size=12), kwh=st.decimals("0", "9999.999", places=3))
def test_adding_the_same_simulation_again_changes_nothing_and_survives_storage(months, kwh):
    energie = {"contrat": {"energie": "electricite", "compteur": "linky"},
               "releves": [{"date": dt.date(2025, m, 28), "debut": dt.date(2025, m, 1), "consommation_kwh": kwh,
                            "origine": "linky"} for m in months]}
    once, _ = adapters.add_simulation(_with_contract(), energie=energie)
    twice, _ = adapters.add_simulation(once, energie=energie)
    assert twice == once and len(once.releves) == len(set(months)) and len(once.contrats) == 1
    assert dossier_from_json(once.model_dump_json()) == once


def _month(first: str, last: str, kwh: str = "100") -> dict:
    return {"date": last, "debut": first, "consommation_kwh": kwh, "origine": "linky"}


def test_a_whole_month_replaces_its_last_days_and_a_straddling_period_is_left_out():
    linky = {"contrat": {"energie": "electricite", "compteur": "linky"}}
    first, _ = adapters.add_simulation(_with_contract(), energie={**linky, "releves": [
        _month("28/03/2025", "31/03/2025", "74,4"), _month("01/04/2025", "01/04/2025", "16,4")]})
    whole, said = adapters.add_simulation(first, energie={**linky, "releves": [
        _month("01/03/2025", "31/03/2025", "310"), _month("01/04/2025", "30/04/2025", "280"),
        _month("15/05/2025", "14/06/2025")]})
    assert [(r.debut.day, r.date.day, r.consommation_kwh) for r in whole.releves] == [
        (1, 31, Decimal("310")), (1, 30, Decimal("280")), (15, 14, Decimal("100"))]
    assert said == ["3 relevés ajoutés.", "2 relevés plus courts remplacés par les périodes complètes."]
    _, said = adapters.add_simulation(whole, energie={**linky, "releves": [_month("01/06/2025", "30/06/2025")]})
    assert said == ["1 relevé à cheval sur un relevé du dossier : pas ajouté, à vérifier."]
    index = {"date": "15/03/2025", "index": "12345"}
    with_index, said = adapters.add_simulation(whole, energie={**linky, "releves": [index]})
    assert len(with_index.releves) == 4 and said == ["1 relevé ajouté."]  # an index is not a consumption


periods = st.tuples(st.integers(0, 120), st.integers(0, 40)).map(
    lambda p: (dt.date(2025, 1, 1) + dt.timedelta(days=p[0]), dt.date(2025, 1, 1) + dt.timedelta(days=p[0] + p[1])))


@settings(max_examples=60, deadline=None)
@given(batches=st.lists(st.lists(periods, max_size=5), min_size=1, max_size=4))
def test_recorded_consumptions_never_overlap_whatever_is_added(batches):
    dossier = _with_contract()
    for batch in batches:
        dossier, _ = adapters.add_simulation(dossier, energie={"contrat": {"energie": "electricite"}, "releves": [
            {"date": end, "debut": start, "consommation_kwh": "1"} for start, end in batch]})
    spans = sorted((r.debut, r.date) for r in dossier.releves)
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:]))
    assert len(dossier.contrats) == 1


def test_more_than_a_dossier_holds_is_refused_in_french():
    import pytest

    from counselling.errors import InputError

    empty = single_parent(ON)
    empty.membres, empty.ressources, empty.charges, empty.dettes = [], [], [], []
    debts = [{"creancier": "X", "nature": "autre", "montant": "10"}] * 101
    with pytest.raises(InputError) as refused:
        adapters.add_simulation(empty, menage={"membres": [{"role": "adulte", "age": 30}], "dettes": debts})
    assert str(refused.value).startswith("Dossier complété (dettes) : 101 éléments, au plus 100 dans un dossier")

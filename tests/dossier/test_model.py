"""The dossier model: exact JSON round trip, consistency, sections, schema versions."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from counselling.dossier.model import (Consent, Debt, Dossier, Member, Payment, Plan, Instalment, changed_sections,
                                       dossier_from_json, dossier_to_json, new_reference)
from counselling.errors import InputError

from .strategies import DAY, dossiers


def _minimal(**extra) -> Dossier:
    return Dossier(reference=new_reference(DAY), cree_le=DAY, cree_par="conseil",
                   consentement=Consent(date=DAY, conservation=True, recueilli_par="conseil"), **extra)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossiers())
def test_json_round_trip_is_the_identity(dossier):
    text = dossier_to_json(dossier)
    again = dossier_from_json(text)
    assert again == dossier
    assert dossier_to_json(again) == text


def test_money_is_written_as_exact_text_and_read_back_exactly():
    dossier = _minimal(dettes=[Debt(creancier="EDF", nature="energie", montant="0.10")])
    document = json.loads(dossier_to_json(dossier))
    assert document["dettes"][0]["montant"] == "0.10"
    assert dossier_from_json(json.dumps(document)).dettes[0].montant == Decimal("0.10")


def test_reference_is_pseudonymous_and_readable_aloud():
    refs = {new_reference(DAY) for _ in range(200)}
    assert len(refs) == 200
    for ref in refs:
        assert ref.startswith("2026-") and not set(ref[5:]) & set("01OIL")


def test_no_dossier_without_consent_to_keep_it():
    with pytest.raises(ValidationError):
        Dossier(reference=new_reference(DAY), cree_le=DAY, cree_par="conseil")
    with pytest.raises(ValidationError):
        Consent(date=DAY, conservation=False, recueilli_par="conseil")


def test_a_payment_naming_a_missing_debt_is_refused_with_a_french_message():
    dossier = _minimal()
    document = json.loads(dossier_to_json(dossier))
    document["paiements"] = [{"id": "0000abcd", "date": "2026-12-05", "montant": "40.00", "debt_id": "deadbeef"}]
    with pytest.raises(InputError) as error:
        dossier_from_json(json.dumps(document))
    assert "paiement du 05/12/2026" in str(error.value) and "absent du dossier" in str(error.value)


def test_an_instalment_outside_its_plan_debts_is_refused():
    edf = Debt(creancier="EDF", nature="energie", montant=100)
    other = Debt(creancier="Loyer", nature="loyer", montant=100)
    plan = Plan(cree_le=DAY, capacite=50, premiere_echeance=DAY, debt_ids=[edf.id],
                echeances=[Instalment(debt_id=other.id, date=DAY, montant=50)])
    with pytest.raises(ValidationError, match="échéance du plan"):
        _minimal(dettes=[edf, other], plans=[plan])


@pytest.mark.parametrize("amount", ["-1", "12.345", "NaN", "1e12"])
def test_amounts_are_cents_positive_and_bounded(amount):
    with pytest.raises(ValidationError):
        Debt(creancier="EDF", montant=amount)


def test_member_needs_an_age_and_only_children_alternate():
    with pytest.raises(ValidationError, match="âge"):
        Member(role="enfant")
    assert Member(role="adulte").age_on(DAY, recorded_on=DAY) is None
    with pytest.raises(ValidationError, match="résidence alternée"):
        Member(role="adulte", age=30, residence_alternee=True)


def test_age_follows_the_calendar():
    typed = Member(role="enfant", age=13)
    assert typed.age_on(dt.date(2027, 11, 29), recorded_on=DAY) == 13
    assert typed.age_on(dt.date(2027, 11, 30), recorded_on=DAY) == 14
    born = Member(role="enfant", annee_naissance=2012)
    assert born.age_on(dt.date(2026, 1, 1), recorded_on=DAY) == 14


def test_remaining_owed_after_payments_never_below_zero():
    edf = Debt(creancier="EDF", nature="energie", montant="300.00")
    dossier = _minimal(dettes=[edf], paiements=[Payment(date=DAY, montant="120.50", debt_id=edf.id),
                                                 Payment(date=DAY, montant="200", debt_id=edf.id)])
    assert dossier.paid(edf.id) == Decimal("320.50")
    assert dossier.remaining(edf.id) == 0
    assert not dossier.can_remove_debt(edf.id)


def test_changed_sections_name_sections_never_values():
    old = _minimal()
    new = old.model_copy(deep=True)
    new.dettes.append(Debt(creancier="EDF", nature="energie", montant=100))
    new.identite.nom = "Martin"
    assert changed_sections(old, new) == ["identite", "dettes"]
    assert changed_sections(None, new) == ["creation"]
    assert changed_sections(old, old.model_copy(deep=True)) == []


@pytest.mark.parametrize("version", [0, 2, "1"])
def test_unknown_schema_versions_are_refused_in_french(version):
    document = json.loads(dossier_to_json(_minimal()))
    document["schema_version"] = version
    with pytest.raises(InputError, match="version"):
        dossier_from_json(json.dumps(document))


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"reference": 3}'])
def test_what_is_not_a_dossier_gets_a_french_message(text):
    with pytest.raises(InputError) as error:
        dossier_from_json(text)
    assert "Fichier du dossier" in str(error.value)


@settings(max_examples=80, deadline=None)
@given(st.decimals(min_value=0, max_value=10**7, places=3, allow_nan=False, allow_infinity=False),
       st.booleans(), st.dates(dt.date(2000, 1, 2), dt.date(2099, 12, 31)))
def test_readings_and_bills_come_back_exactly_whatever_their_decimals(kwh, measured, day):
    from counselling.dossier.model import Bill, EnergyContract, Reading

    contract = EnergyContract(energie="electricite", compteur="linky")
    reading = (Reading(contrat_id=contract.id, debut=day - dt.timedelta(days=1), date=day, consommation_kwh=kwh,
                       complet=False, origine="linky") if measured else Reading(date=day, index=kwh))
    bill = Bill(contrat_id=contract.id, debut=day, fin=day, montant_ttc="74.30", consommation_kwh=kwh,
                origine="calcul_tarif_bleu")
    dossier = _minimal(contrats=[contract], releves=[reading], factures=[bill])
    again = dossier_from_json(dossier_to_json(dossier))  # « 74.368 » would be refused as ambiguous
    assert again == dossier and again.releves[0].model_dump() == reading.model_dump()
    assert str(again.factures[0].consommation_kwh) == str(bill.consommation_kwh)


def test_a_reading_says_what_was_read():
    from counselling.dossier.model import Reading

    with pytest.raises(ValidationError, match="un index ou une consommation"):
        Reading(date=DAY)
    with pytest.raises(ValidationError, match="commence avant son dernier jour"):
        Reading(date=DAY, debut=DAY + dt.timedelta(days=1), consommation_kwh="12,5")
    assert Reading(date=DAY, index="12 345,6").index == Decimal("12345.6")


def test_stored_quantities_are_plain_decimals_read_back_exactly_old_writings_too():
    """A dossier's JSON is read as the kit wrote it (« 74.368 » is 74,368, not
    ambiguous); what older versions wrote (« 74.3680 ») or a hand-edited file
    in the French way (« 1 234,50 ») still reads."""
    import json

    from counselling.dossier.examples import single_parent
    from counselling.dossier.model import Reading, dossier_from_json, dossier_to_json

    dossier = single_parent(dt.date(2026, 11, 30))
    dossier.releves = [Reading(date=dt.date(2025, 3, 31), debut=dt.date(2025, 3, 28), consommation_kwh=Decimal("74.368"))]
    text = dossier_to_json(dossier)
    assert '"consommation_kwh": "74.368"' in text
    assert dossier_from_json(text) == dossier
    document = json.loads(text)
    document["releves"][0]["consommation_kwh"] = "74.3680"
    document["dettes"][0]["montant"] = "1 234,50"
    old = dossier_from_json(json.dumps(document))
    assert old.releves[0].consommation_kwh == Decimal("74.368") and old.dettes[0].montant == Decimal("1234.50")
    document["dettes"][0]["montant"] = "12,345"  # typed by hand, ambiguous: still refused in French
    with pytest.raises(InputError, match="ambigu"):
        dossier_from_json(json.dumps(document))
    with pytest.raises(ValueError, match="ambigu"):  # a page typing « 74.368 » is asked which it means
        Reading(date=dt.date(2025, 3, 31), consommation_kwh="74.368")

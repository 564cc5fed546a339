"""Échéancier for one debt: property tests (exact sums, caps, dates) and helpers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.echeancier import (PERIODICITIES, add_months, echeancier, echeancier_dataframe,
                                                split_by_amount, split_by_count)
from counselling.errors import InputError

TODAY = dt.date(2026, 11, 23)
cents = st.integers(min_value=1, max_value=5_000_000)
firsts = st.dates(min_value=TODAY, max_value=dt.date(2030, 12, 31))
periodicities = st.sampled_from(sorted(PERIODICITIES))


@given(total=cents, count=st.integers(min_value=1, max_value=84))
def test_split_by_count_exact_and_last_adjusts_by_less_than_the_rounding(total, count):
    if count > total:
        return
    parts = split_by_count(total, count)
    assert sum(parts) == total and len(parts) == count
    assert all(p == parts[0] for p in parts[:-1])
    assert 0 <= parts[-1] - parts[0] < count


@settings(deadline=None)  # an amount of 1 cent on a large total makes millions of parts
@given(total=cents, amount=cents)
def test_split_by_amount_exact_and_last_never_above(total, amount):
    parts = split_by_amount(total, amount)
    assert sum(parts) == total
    assert all(p == amount for p in parts[:-1]) and 0 < parts[-1] <= amount


@settings(max_examples=150, deadline=None)
@given(debt=st.integers(min_value=100, max_value=2_000_000), first=firsts, periodicity=periodicities,
       day=st.one_of(st.none(), st.integers(min_value=1, max_value=31)),
       capacity=st.one_of(st.none(), st.integers(min_value=500, max_value=200_000)),
       minimum=st.one_of(st.none(), st.integers(min_value=100, max_value=20_000)),
       max_months=st.integers(min_value=1, max_value=84),
       amount=st.one_of(st.none(), st.integers(min_value=100, max_value=500_000)),
       down=st.integers(min_value=0, max_value=50))
def test_plan_properties(debt, first, periodicity, day, capacity, minimum, max_months, amount, down):
    down_cents = debt * down // 100
    kwargs = dict(montant_dette=Decimal(debt) / 100, premiere_echeance=first, on=TODAY,
                  periodicite=periodicity, jour=day, duree_max_mois=max_months,
                  acompte=Decimal(down_cents) / 100,
                  capacite=None if capacity is None else Decimal(capacity) / 100,
                  echeance_min=None if minimum is None else Decimal(minimum) / 100,
                  mensualite=None if amount is None else Decimal(amount) / 100)
    if amount is None and capacity is None:
        kwargs["mensualite"] = Decimal(debt) / 300
        kwargs["mensualite"] = max(Decimal("0.01"), kwargs["mensualite"].quantize(Decimal("0.01")))
    try:
        result = echeancier(**kwargs)
    except InputError as exc:
        # a capacity too small for one weekly cent, or no room after the down payment
        assert exc.field in ("capacite", "duree_max_mois")
        return
    rows = result["echeances"]
    total = sum(r["montant"] for r in rows)
    # exact sum: the whole debt, or the debt minus what is reported as not covered
    assert total + result["solde_non_couvert"] == Decimal(debt) / 100
    assert all(r["montant"] == r["montant"].quantize(Decimal("0.01")) and r["montant"] > 0 for r in rows)
    dates = [r["date"] for r in rows]
    assert all(a < b for a, b in zip(dates, dates[1:]))
    # never two instalments less than half a period apart (31 January then 1 February)
    if periodicity in ("mensuelle", "trimestrielle"):
        half = {"mensuelle": 14, "trimestrielle": 45}[periodicity]
        assert all((b - a).days >= half for a, b in zip(dates, dates[1:]))
    assert dates[0] == first
    # within the duration
    assert dates[-1] < add_months(first, max_months, first.day)
    per_year = PERIODICITIES[periodicity][1]
    regular = [r["montant"] for r in rows if r["numero"] > 0]
    if capacity is not None:
        # no instalment above the cap: monthly equivalent within the capacity
        assert all(m * per_year / 12 <= Decimal(capacity) / 100 for m in regular)
    if result["faisable"] or (result["propose"] and result["solde_non_couvert"] == 0
                              and (minimum is None or capacity is None
                                   or Decimal(capacity * 12 // per_year) >= minimum)):
        if minimum is not None:
            assert all(m >= Decimal(minimum) / 100 for m in regular[:-1])
    if result["solde_non_couvert"] == 0:
        assert rows[-1]["reste_du"] == 0


@given(start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
       months=st.integers(min_value=0, max_value=200), day=st.integers(min_value=1, max_value=31))
def test_add_months_day_31_becomes_last_day(start, months, day):
    result = add_months(start, months, day)
    assert result.day == day or (result + dt.timedelta(days=1)).day == 1


def test_dataframe_has_french_columns_and_the_same_rows():
    result = echeancier(1000, "2027-01-31", TODAY, nombre_echeances=3, creancier="EDF")
    frame = echeancier_dataframe(result)
    assert list(frame.columns) == ["Créancier", "N°", "Date", "Montant (€)", "Reste dû (€)"]
    assert frame["Montant (€)"].sum() == Decimal("1000.00")


def test_every_step_has_french_text_and_message_names_field():
    with pytest.raises(InputError) as err:
        echeancier(1000, "2026-01-01", TODAY, nombre_echeances=3)
    assert err.value.field == "premiere_echeance" and "Date de la première échéance" in str(err.value)
    result = echeancier(1000, "2027-01-31", TODAY, mensualite=300, capacite=250)
    text = result.explain()
    assert "ne convient pas" in text and "250,00" in text
    assert not result["faisable"] and result["propose"]


def test_payment_day_one_day_after_the_first_payment_moves_a_month_and_says_why():
    result = echeancier(300, "2026-01-31", "2026-01-10", nombre_echeances=3, jour=1, capacite=100)
    assert [r["date"] for r in result["echeances"]] == [dt.date(2026, 1, 31), dt.date(2026, 3, 1),
                                                         dt.date(2026, 4, 1)]
    assert result["faisable"]
    assert "1er février 2026" in result.explain() and "1er mars 2026" in result.explain()


def test_instalment_above_capacity_kept_only_when_asked_and_with_a_warning():
    refused = echeancier(1000, "2027-01-05", TODAY, mensualite=300, capacite=250)
    assert refused["propose"] and refused["montant_echeance"] == Decimal("250.00")
    assert refused["depassement_capacite"] == 0
    kept = echeancier(1000, "2027-01-05", TODAY, mensualite=300, capacite=250, accepter_depassement=True)
    assert not kept["propose"] and kept["montant_echeance"] == Decimal("300.00") and not kept["faisable"]
    assert kept["depassement_capacite"] == Decimal("50.00")
    assert any(n.kind == "attention" and "50,00" in n.message for n in kept.notices())
    # other constraints are never waived: a plan too long is still replaced by a proposal
    too_long = echeancier(1000, "2027-01-05", TODAY, mensualite=300, capacite=250, duree_max_mois=2,
                          accepter_depassement=True)
    assert too_long["propose"]

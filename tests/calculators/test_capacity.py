"""Capacity: properties of the seizure scale (monotone, bounded) and explanation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.capacity import capacite_remboursement

ON = dt.date(2026, 6, 1)


@settings(max_examples=60, deadline=None)
@given(a=st.integers(min_value=0, max_value=800_000), b=st.integers(min_value=0, max_value=800_000),
       dependants=st.integers(min_value=0, max_value=5), adults=st.integers(min_value=1, max_value=2),
       children=st.integers(min_value=0, max_value=5))
def test_seizable_part_grows_with_resources_and_stays_within_them(a, b, dependants, adults, children):
    low, high = sorted((Decimal(a) / 100, Decimal(b) / 100))
    r_low = capacite_remboursement(low, ON, adultes=adults, enfants=children, personnes_a_charge=dependants)
    r_high = capacite_remboursement(high, ON, adultes=adults, enfants=children, personnes_a_charge=dependants)
    assert r_low["quotite_saisissable"] <= r_high["quotite_saisissable"] <= high
    for r, res in ((r_low, low), (r_high, high)):
        assert 0 <= r["capacite"] <= r["maximum_legal"] <= r["quotite_saisissable"]
        assert r["maximum_legal"] <= max(res - r["rsa_foyer"], Decimal(0))


@given(dependants=st.integers(min_value=0, max_value=4))
def test_more_dependants_never_raise_the_seizable_part(dependants):
    one = capacite_remboursement(2000, ON, personnes_a_charge=dependants)
    two = capacite_remboursement(2000, ON, personnes_a_charge=dependants + 1)
    assert two["quotite_saisissable"] <= one["quotite_saisissable"]


def test_explanation_cites_the_decree_and_the_rsa():
    result = capacite_remboursement(1500, ON, personnes_a_charge=0)
    text = result.explain()
    assert "Décret n° 2025-1299" in text and "651,69" in text and "234,76" in text

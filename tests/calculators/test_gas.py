"""Gas: m³ conversion and breakdown properties."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.gas import cout_gaz, m3_to_kwh


@settings(max_examples=40, deadline=None)
@given(m3=st.integers(1, 5000), coef=st.decimals("9.5", "12.5", places=2))
def test_m3_and_kwh_inputs_agree(m3, coef):
    kwh = m3_to_kwh(m3, coef)
    assert kwh == Decimal(m3) * coef
    by_m3 = cout_gaz("2026-02-01", consommation_m3=m3, coefficient_conversion=coef)
    by_kwh = cout_gaz("2026-02-01", consommation_kwh=kwh)
    assert by_m3["cout_annuel"] == by_kwh["cout_annuel"]
    assert by_m3["cout_annuel"] == by_m3["abonnement"] + by_m3["energie"]
    assert 0 < by_m3["accise"] < by_m3["energie"]


def test_profile_threshold_is_inclusive():
    assert cout_gaz("2026-01-01", consommation_kwh=5999)["profil"] == "cuisson_eau_chaude"
    assert cout_gaz("2026-01-01", consommation_kwh=6000)["profil"] == "chauffage"

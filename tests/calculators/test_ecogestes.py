"""Éco-gestes: combining gestures never saves more than the usage consumes."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.ecogestes import combine, ecogestes
from counselling.ecogestes_data import catalogue

pct = st.decimals(min_value=Decimal("0.0001"), max_value=Decimal(1), places=4)
kwh = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(100_000), places=2)


@given(consumption=kwh, percentages=st.lists(pct, max_size=6), kwh_savings=st.lists(kwh, max_size=4))
def test_combined_saving_is_bounded_by_consumption(consumption, percentages, kwh_savings):
    saved = combine(consumption, percentages, kwh_savings)
    assert Decimal(0) <= saved <= consumption
    # never less than the best single gesture
    singles = [consumption * p for p in percentages] + [min(k, consumption) for k in kwh_savings]
    if singles:
        assert saved >= max(singles) - Decimal("1e-20")


GESTURES = sorted(catalogue().gestes)


@settings(max_examples=60, deadline=None)
@given(
    chosen=st.lists(st.sampled_from(GESTURES), unique=True, min_size=1),
    heating=st.decimals(min_value=0, max_value=30_000, places=2),
    drying=st.decimals(min_value=0, max_value=1_000, places=2),
    price=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("0.6"), places=4),
)
def test_chosen_set_never_saves_more_than_each_usage_consumes(chosen, heating, drying, price):
    result = ecogestes(3, energie_chauffage="electricite", energie_eau_chaude="electricite",
                       appareils=["refrigerateur_congelateur", "lave_linge", "seche_linge"],
                       consommations={"chauffage": heating, "sechage": drying}, prix_kwh=price,
                       gestes=chosen, on="2026-11-23")
    combo = result["combinaison"]
    total = Decimal(0)
    for usage, part in combo["par_usage"].items():
        assert part["economie_kwh"] <= part["consommation"]
        assert part["economie_euros"] == (part["economie_kwh"] * price).quantize(Decimal("0.01"),
                                                                                   rounding="ROUND_HALF_UP")
        total += part["economie_kwh"]
    assert combo["economie_kwh"] == total
    assert combo["economie_euros"] == sum((p["economie_euros"] for p in combo["par_usage"].values()), Decimal(0))


def test_ranking_is_by_euros_and_estimates_are_flagged():
    result = ecogestes(2, energie_chauffage="electricite", prix_kwh="0,20", on="2026-11-23")
    euros = [g["economie_euros"] for g in result["gestes"] if g["economie_euros"] is not None]
    assert euros == sorted(euros, reverse=True)
    assert result["consommations"]["chauffage"]["origine"] == "estimée"
    assert any("estimé" in w.message for w in result.warnings)


def test_price_per_kwh_shown_with_four_decimals():
    from counselling.calculators.ecogestes import ecogestes as compute

    text = compute(2, energie_chauffage="electricite", prix_kwh="0,2016", on="2026-03-01").explain()
    assert "0,2016 €/kWh" in text and "0,202 €/kWh" not in text

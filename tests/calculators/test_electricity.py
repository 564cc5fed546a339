"""Property tests of the Tarif Bleu bill and option advice (rules in the
module docstring of counselling.calculators.electricity)."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling import tariffs
from counselling.calculators.electricity import (
    OPTIONS, conseil_option_electricite, couts_annuels_many, facture_electricite)
from counselling.errors import InputError

FIRST = dt.date(2024, 2, 1)
LAST = dt.date(2026, 7, 31)
days = st.integers(min_value=0, max_value=(LAST - FIRST).days)


@settings(max_examples=40, deadline=None)
@given(start=days, length=st.integers(1, 400), cut=st.floats(0.01, 0.99), kwh=st.integers(1, 6000),
       kva=st.sampled_from([3, 6, 9, 12, 15]))
def test_bill_split_in_two_sums_to_whole_within_rounding_rule(start, length, cut, kwh, kva):
    debut = FIRST + dt.timedelta(days=start)
    fin = min(debut + dt.timedelta(days=length - 1), LAST)
    total_days = (fin - debut).days + 1
    if total_days < 2:
        return
    first_days = max(1, min(total_days - 1, int(total_days * cut)))
    middle = debut + dt.timedelta(days=first_days)
    kwh = Decimal(kwh)
    k1 = kwh * first_days / total_days
    whole = facture_electricite("base", kva, debut, fin, kwh)
    part1 = facture_electricite("base", kva, debut, middle - dt.timedelta(days=1), k1)
    part2 = facture_electricite("base", kva, middle, fin, kwh - k1)
    # one subscription line and one energy line may each gain or lose a cent
    assert abs(part1["total_ttc"] + part2["total_ttc"] - whole["total_ttc"]) <= Decimal("0.02")
    assert part1["jours"] + part2["jours"] == whole["jours"]


@settings(max_examples=30, deadline=None)
@given(month=st.integers(0, 29), kva=st.sampled_from([3, 6, 9, 12, 15]), kwh=st.integers(1, 3000))
def test_full_month_matches_published_grid(month, kva, kwh):
    year, m = divmod(2024 * 12 + 1 + month, 12)  # from February 2024
    first = dt.date(year, m + 1, 1)
    last = dt.date(year, m + 1, calendar.monthrange(year, m + 1)[1])
    row = next(r for r in tariffs.get("trve.base", first).value if r["kva"] == kva)
    bill = facture_electricite("base", kva, first, last, kwh)
    assert bill["abonnement_ttc"] == row["abonnement"]
    # the kit rounds half up (0,005 → 0,01), never half to even
    assert bill["energie_ttc"] == (Decimal(kwh) * row["base"]).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert bill["total_ttc"] == bill["abonnement_ttc"] + bill["energie_ttc"]


@settings(max_examples=30, deadline=None)
@given(start=days, length=st.integers(1, 500), hp=st.integers(0, 5000), hc=st.integers(1, 5000),
       kva=st.sampled_from([6, 9, 12, 36]))
def test_breakdown_adds_up_to_the_total(start, length, hp, hc, kva):
    debut = FIRST + dt.timedelta(days=start)
    fin = min(debut + dt.timedelta(days=length - 1), LAST)
    bill = facture_electricite("hc", kva, debut, fin, {"hp": hp, "hc": hc})
    parts = (bill["abonnement_hors_tva"] + bill["tva_abonnement"] + bill["energie_hors_taxes"]
             + bill["accise"] + bill["tva_energie"])
    assert parts == bill["total_ttc"]
    assert sum(p["total_ttc"] for p in bill["periodes"]) == bill["total_ttc"]
    assert sum(p["jours"] for p in bill["periodes"]) == bill["jours"]
    assert bill["energie_hors_taxes"] > 0 and bill["tva"] > 0


def test_subscription_prorated_by_days_across_a_tariff_change():
    bill = facture_electricite("base", 6, "2025-07-17", "2025-08-15", 300)
    july, august = bill["periodes"]
    assert july["jours"] == 15 and august["jours"] == 15
    assert july["abonnement_ttc"] == (Decimal("13.72") * 15 / 31).quantize(Decimal("0.01"))
    assert august["abonnement_ttc"] == (Decimal("15.47") * 15 / 31).quantize(Decimal("0.01"))
    assert july["kwh"]["base"] == august["kwh"]["base"] == 150


def test_closed_base_power_gives_french_error_naming_the_field():
    with pytest.raises(InputError) as err:
        facture_electricite("base", 24, "2026-02-01", "2026-02-28", 900)
    assert err.value.field == "puissance_kva"
    assert "puissance non proposée pour cette option à cette date" in str(err.value)
    # the same power is still billed in January 2026
    assert facture_electricite("base", 24, "2026-01-01", "2026-01-31", 900)["abonnement_ttc"] == Decimal("38.79")


def test_explanation_is_french_and_cites_sources():
    bill = facture_electricite("tempo", 9, "2025-07-01", "2025-08-31",
                               {"bleu_hc": 300, "bleu_hp": 500})
    text = bill.explain()
    assert "Abonnement du 1er juillet 2025" in text and "Référence" in text
    assert "à vérifier" in text  # the CTA amount
    assert bill["cta"] is None


@settings(max_examples=25, deadline=None)
@given(kwh=st.lists(st.integers(1, 30000), min_size=1, max_size=8), kva=st.sampled_from([3, 6, 9, 24, 36]),
       on=st.sampled_from(["2024-06-01", "2025-03-01", "2025-09-01", "2026-03-01"]))
def test_vectorised_costs_match_scalar(kwh, kva, on):
    frame = couts_annuels_many(kwh, kva, on)
    for i, value in enumerate(kwh):
        scalar = conseil_option_electricite(value, kva, on=on)
        for option in OPTIONS:
            expected = scalar["couts"][option]
            got = int(frame[option].iloc[i])
            assert got == (-1 if expected is None else int(expected * 100)), (option, value)
        assert frame["option_la_moins_chere"].iloc[i] == scalar["option_la_moins_chere"]


def test_cheapest_option_is_the_minimum():
    advice = conseil_option_electricite(8000, 9, on="2025-09-01", consommation_hc_kwh=4000)
    costs = {k: v for k, v in advice["couts"].items() if v is not None}
    assert advice["cout_le_plus_bas"] == min(costs.values())


def test_an_option_whose_price_is_unknown_is_never_beaten_by_name():
    """August 2026: the Heures Creuses and Tempo subscriptions are not known
    (energy-facts §8.1). Base is then the only option priced: the advice says
    so and never calls it the cheapest; with every grid known it does."""
    partial = conseil_option_electricite(5000, 9, on="2026-11-30")
    assert partial["options_a_verifier"] == ["heures_creuses", "tempo"]
    said = " ".join(n.message for n in partial.notices()) + partial.explain()
    assert "Seule l'option Base a pu être chiffrée" in said and "des options Heures Creuses et Tempo" in said
    assert "L'option la moins chère pour cette consommation" not in said
    whole = conseil_option_electricite(5000, 9, on="2026-03-01")
    assert whole["options_a_verifier"] == [] and "L'option la moins chère pour cette consommation" in whole.explain()

"""Chèque énergie: behaviour beyond the YAML cases (explanations, warnings,
the vectorised variant agreeing with the scalar one)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.cheque_energie import (
    cheque_energie, cheque_energie_many, consumption_units, known_years)
from counselling.errors import InputError


def test_explanation_has_formula_with_actual_numbers_and_legal_reference():
    result = cheque_energie(2023, 9000, 2, 1)
    text = result.explain()
    assert "1 + 0,25 (résidence alternée) = 1,25 UC" in text
    assert "9\u202f000,00\u00a0€ ÷ 1,25 UC = 7\u202f200,00\u00a0€" in text
    assert "Arrêté du 3 mars 2023" in text
    assert any(step.url and step.url.startswith("https://") for step in result.steps)
    assert not result.stale


def test_not_eligible_explains_the_ceiling_for_this_household():
    result = cheque_energie(2023, 17000, 2)
    assert result["montant"] == 0 and not result["eligible"]
    assert result["plafond_rfr"] == Decimal("16500.00")
    assert "16\u202f500,00\u00a0€" in result.explain()


def test_known_years_come_from_the_data():
    first, last = known_years()
    assert first == 2018
    assert last == 2026  # one year past the last verified scale (2025), flagged stale
    assert cheque_energie(last, 0, 1).stale
    assert not cheque_energie(last - 1, 0, 1).stale


def test_uc_rank_rule_children_in_alternating_residence_take_last_ranks():
    on = dt.date(2025, 1, 1)
    assert consumption_units(1, on=on) == Decimal("1")
    assert consumption_units(2, on=on) == Decimal("1.5")
    assert consumption_units(4, on=on) == Decimal("2.1")
    assert consumption_units(2, 1, on=on) == Decimal("1.25")
    assert consumption_units(3, 1, on=on) == Decimal("1.65")
    assert consumption_units(3, 2, on=on) == Decimal("1.4")


def test_vectorised_keeps_index_and_warns_like_scalar():
    rfr = pd.Series([0, 10999, 11000], index=["a", "b", "c"])
    frame = cheque_energie_many(2026, rfr, 1)
    assert list(frame.index) == ["a", "b", "c"]
    assert list(frame["montant"]) == [194, 48, 0]
    assert any("1er janvier 2026" in w and "à vérifier" in w for w in frame.attrs["avertissements"])


def test_vectorised_bad_rows_named():
    with pytest.raises(InputError) as info:
        cheque_energie_many(2025, pd.Series([100, -5, None]), [1, 1, 1])
    assert info.value.field == "rfr" and "[1, 2]" in str(info.value)
    with pytest.raises(InputError) as info:
        cheque_energie_many(2025, [100, 100], [1, 0])
    assert info.value.field == "personnes"


households = st.tuples(
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=0, max_value=8),
    st.one_of(st.integers(min_value=0, max_value=60000),
              st.decimals(min_value=0, max_value=60000, places=2)),
)


@settings(max_examples=150, deadline=None)
@given(year=st.sampled_from([2018, 2019, 2021, 2023, 2024, 2025]), rows=st.lists(households, min_size=1, max_size=20))
def test_vectorised_equals_scalar(year, rows):
    rows = [(p, min(k, p - 1), r) for p, k, r in rows]
    frame = cheque_energie_many(year, pd.Series([float(r) for _, _, r in rows]),
                                [p for p, _, _ in rows], [k for _, k, _ in rows])
    for i, (p, k, r) in enumerate(rows):
        scalar = cheque_energie(year, r, p, k)
        assert frame["montant"].iloc[i] == scalar["montant"], (year, p, k, r)
        assert Decimal(str(frame["unites_consommation"].iloc[i])) == scalar["unites_consommation"]
        assert frame["tranche"].iloc[i] == (scalar["tranche"] or 0)


@settings(max_examples=100, deadline=None)
@given(rfr=st.integers(min_value=0, max_value=40000), persons=st.integers(1, 8),
       year=st.sampled_from([2019, 2023, 2025]))
def test_amount_never_increases_with_income(rfr, persons, year):
    low = cheque_energie(year, rfr, persons)["montant"]
    high = cheque_energie(year, rfr + 500, persons)["montant"]
    assert high <= low


def test_vectorised_equals_scalar_exactly_on_every_band_threshold():
    import datetime as dt

    from counselling import tariffs

    for year in (2019, 2025):
        rows = []
        for persons in range(1, 7):
            for alternating in range(persons):
                uc = consumption_units(persons, alternating, on=dt.date(year, 4, 1))
                for key in ("bareme_1_uc", "bareme_entre_1_et_2_uc", "bareme_2_uc_et_plus"):
                    for bracket in tariffs.get(f"cheque_energie.{key}", dt.date(year, 4, 1)).brackets:
                        at = (bracket.threshold * uc).quantize(Decimal("0.01"), rounding="ROUND_CEILING")
                        rows += [(persons, alternating, at), (persons, alternating, at - Decimal("0.01"))]
        rows = [r for r in rows if r[2] >= 0]
        frame = cheque_energie_many(year, pd.Series([float(r) for _, _, r in rows]),
                                    [p for p, _, _ in rows], [k for _, k, _ in rows])
        for i, (p, k, r) in enumerate(rows):
            scalar = cheque_energie(year, r, p, k)
            assert frame["montant"].iloc[i] == scalar["montant"], (year, p, k, r)
            assert frame["tranche"].iloc[i] == (scalar["tranche"] or 0), (year, p, k, r)

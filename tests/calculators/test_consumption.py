"""Consumption from meter readings: exact differences, annual estimate, errors."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling import tariffs
from counselling.calculators.consumption import consumption_from_readings, profile_share
from counselling.errors import InputError

PROFILE = tariffs.get("consommation_saisonniere.profil_mensuel_electricite", dt.date(2026, 1, 1)).value
days = st.dates(min_value=dt.date(2023, 1, 1), max_value=dt.date(2030, 12, 31))


def test_profile_sums_to_one_and_is_flagged_estimation():
    assert sum(PROFILE) == 1
    param = tariffs.get("consommation_saisonniere.profil_mensuel_electricite", dt.date(2026, 1, 1))
    assert param.confidence == "basse" and param.note


@given(days, st.integers(1, 800), st.integers(1, 800))
def test_profile_share_is_additive(start, first, second):
    middle = start + dt.timedelta(days=first)
    end = middle + dt.timedelta(days=second)
    whole = profile_share(start, end, PROFILE)
    parts = profile_share(start, middle, PROFILE) + profile_share(middle, end, PROFILE)
    assert abs(whole - parts) < Decimal("1e-20")


@given(st.integers(2023, 2030), st.integers(1, 12))
def test_profile_share_of_any_twelve_months_is_one(year, month):
    start = dt.date(year, month, 1)
    end = dt.date(year + 1, month, 1)
    assert abs(profile_share(start, end, PROFILE) - 1) < Decimal("1e-20")


@settings(max_examples=60)
@given(days, st.lists(st.tuples(st.integers(1, 120), st.integers(0, 5000)), min_size=1, max_size=8),
       st.integers(0, 99999))
def test_total_is_last_minus_first_index(start, steps, first_index):
    readings = [(start, first_index)]
    day, index = start, first_index
    for gap, used in steps:
        day += dt.timedelta(days=gap)
        index += used
        readings.append((day, index))
    result = consumption_from_readings(readings)
    assert result["consommation_totale"] == index - first_index
    assert result["jours_mesures"] == (day - start).days
    assert sum(p["consommation"] for p in result["periodes"]) == result["consommation_totale"]
    assert result["estimation_annuelle"] >= 0


def test_lower_reading_names_line_and_date():
    with pytest.raises(InputError) as info:
        consumption_from_readings([{"date": "01/01/2026", "index": 500},
                                   {"date": "01/02/2026", "index": 700},
                                   {"date": "01/03/2026", "index": 650}])
    message = str(info.value)
    assert info.value.field == "releves"
    assert "ligne 3" in message and "01/03/2026" in message and "ligne 2" in message
    assert "changement de compteur" in message


def test_meter_change_period_is_reported_not_counted():
    result = consumption_from_readings([("2026-01-01", 100), ("2026-02-01", 300),
                                        ("2026-03-01", 5, True), ("2026-03-11", 45)])
    assert result["consommation_totale"] == 240
    assert result["jours_mesures"] == 41
    assert [p["connue"] for p in result["periodes"]] == [True, False, True]
    assert any("remplacé" in step.text for step in result.steps)


def test_explanation_is_french_and_says_estimation():
    result = consumption_from_readings([("2026-01-01", 12000), ("2026-02-01", 12500)])
    text = result.explain().replace("\u202f", " ").replace("\u00a0", " ")
    assert "ESTIMATION" in text and "12 500 − 12 000 = 500 kWh" in text
    assert result.sources()


def test_decimal_indexes_stay_exact():
    result = consumption_from_readings([("2026-01-01", "0,1"), ("2026-01-02", "0,3")])
    assert result["consommation_totale"] == Decimal("0.2")


@pytest.mark.parametrize("bad", [None, "abc", {"date": "2026-01-01"}, [("2026-01-01", 1), ("x", 2)],
                                 [("2026-01-01", 1), ("2026-01-02", -5)]])
def test_bad_input_is_input_error(bad):
    with pytest.raises(InputError):
        consumption_from_readings(bad)


def test_readings_before_profile_date_use_first_profile():
    result = consumption_from_readings([("2021-01-01", 0), ("2021-02-01", 113)])
    assert result["estimation_annuelle"] == 1000


def test_dataframe_of_readings():
    import pandas as pd

    frame = pd.DataFrame({"date": ["01/01/2026", "01/02/2026"], "index": [100, 350]})
    assert consumption_from_readings(frame)["consommation_totale"] == 250

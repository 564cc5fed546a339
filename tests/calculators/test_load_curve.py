"""Load-curve aggregations: energy conserved when re-aggregating, HP/HC split,
typical day, summary, index differences, max power; round trip through the
Enedis reader."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators import load_curve as lc
from counselling.errors import InputError
from counselling.imports.enedis import read_load_curve

TZ = "Europe/Paris"


@st.composite
def curves(draw, min_segment=1):
    """A random load-curve frame: segments of 10/30/60-min steps, whole watts,
    some gaps, starting anywhere in 2024–2026 (summer-time changes included)."""
    start = draw(st.datetimes(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2026, 12, 1)))
    start = pd.Timestamp(start).floor("60min").tz_localize("UTC")
    segments = draw(st.lists(st.tuples(st.sampled_from([10, 30, 60]), st.integers(min_segment, 80)),
                             min_size=1, max_size=6))
    steps = np.concatenate([[step] * count for step, count in segments])
    watts = draw(st.lists(st.one_of(st.none(), st.integers(0, 9000)), min_size=len(steps), max_size=len(steps)))
    ends = start + pd.to_timedelta(np.cumsum(steps), unit="min")
    fin = pd.Series(ends).dt.tz_convert(TZ)
    return pd.DataFrame({"debut": fin - pd.to_timedelta(steps, unit="min"), "fin": fin,
                         "pas_min": steps.astype(np.int64),
                         "puissance_w": np.array([np.nan if w is None else w for w in watts], dtype=float)})


@settings(max_examples=60, deadline=None)
@given(curves())
def test_energy_conserved_steps_days_months_hours(data):
    steps = np.nansum(lc.watt_minutes(data))
    daily = lc.daily_totals(data)
    days = daily["wmin"].sum()
    months = lc.monthly_totals(data)["wmin"].sum()
    assert steps == days == months  # exact: whole watts × whole minutes
    hours = lc.typical_day(data)
    assert np.isclose(np.nansum(hours["puissance_moyenne_w"] * hours["minutes_mesurees"]), steps)
    assert np.isclose(lc.step_energy(data).sum() * 60, steps)
    measured = daily["minutes_mesurees"].sum()
    assert measured == data.loc[data["puissance_w"].notna(), "pas_min"].sum()
    assert daily["minutes_manquantes"].sum() == data.loc[data["puissance_w"].isna(), "pas_min"].sum()


@settings(max_examples=40, deadline=None)
@given(curves(), st.integers(0, 47), st.integers(1, 47))
def test_hc_and_its_complement_cover_everything(data, start_half_hour, length):
    a = start_half_hour * 30
    b = (a + length * 30) % 1440
    fmt = lambda m: f"{m // 60:02d}:{m % 60:02d}"  # noqa: E731
    inside = lc.hc_fraction(data, lc.parse_hc_ranges(f"{fmt(a)}-{fmt(b)}"))
    outside = lc.hc_fraction(data, lc.parse_hc_ranges(f"{fmt(b)}-{fmt(a)}"))
    assert ((inside >= 0) & (inside <= 1)).all()
    assert np.allclose(inside + outside, 1)
    split = lc.hp_hc_split(data, f"{fmt(a)}-{fmt(b)}")
    assert split["kwh_hc"] + split["kwh_hp"] == split["kwh_total"]


@settings(max_examples=30, deadline=None)
@given(curves(min_segment=2))
def test_round_trip_through_an_enedis_file(data):
    stamps = data["fin"].dt.strftime("%Y-%m-%dT%H:%M:%S%z").str.replace(r"(\d\d)$", r":\1", regex=True)
    values = ["" if np.isnan(w) else str(int(w)) for w in data["puissance_w"]]
    text = "Horodate;Valeur\n" + "\n".join(f"{s};{v}" for s, v in zip(stamps, values)) + "\n"
    back = read_load_curve(text.encode()).data
    assert list(back["pas_min"]) == list(data["pas_min"])
    assert (back["debut"].dt.tz_convert("UTC").to_numpy() == data["debut"].dt.tz_convert("UTC").to_numpy()).all()
    assert np.array_equal(back["puissance_w"].to_numpy(), data["puissance_w"].to_numpy(), equal_nan=True)


def _frame(rows, step=30):
    fin = pd.to_datetime([r[0] for r in rows]).tz_localize(TZ)
    return pd.DataFrame({"debut": fin - pd.Timedelta(minutes=step), "fin": fin,
                         "pas_min": step, "puissance_w": [float(r[1]) for r in rows]})


def test_end_of_interval_convention_for_days_and_hc():
    data = _frame([("2026-01-10 22:00", 1000), ("2026-01-10 22:30", 2000), ("2026-01-11 00:00", 600)])
    days = lc.daily_totals(data)
    # 23:30–00:00 belongs to the 10th (it starts on the 10th)
    assert days.loc[dt.date(2026, 1, 10), "energie_wh"] == 500 + 1000 + 300
    split = lc.hp_hc_split(data, "22:00-06:00")
    assert split["kwh_hc"] == Decimal("1.300") and split["kwh_hp"] == Decimal("0.500")


def test_partial_step_in_hc_range():
    data = _frame([("2026-01-10 22:15", 1200)])  # 21:45–22:15
    assert lc.hc_fraction(data, lc.parse_hc_ranges("22h-6h"))[0] == 0.5


@pytest.mark.parametrize("bad", ["", "22-", "25:00-06:00", "22:00-22:00", "22:00-06:00; 05:00-07:00", "matin"])
def test_bad_hc_ranges(bad):
    with pytest.raises(InputError) as info:
        lc.parse_hc_ranges(bad)
    assert info.value.field == "plages_hc"


def test_hc_range_formats():
    assert lc.parse_hc_ranges("22h-6h") == [(1320, 360)]
    assert lc.parse_hc_ranges([("01:30", "07:30"), "12h30-14h30"]) == [(90, 450), (750, 870)]


def test_summary_reports_gaps_hc_share_and_estimate():
    ends = pd.date_range("2026-01-01 00:30", "2026-03-01 00:00", freq="30min", tz=TZ)
    watts = np.where(ends.hour < 6, 400.0, 800.0)
    watts[100:110] = np.nan
    data = pd.DataFrame({"debut": ends - pd.Timedelta(minutes=30), "fin": ends, "pas_min": 30, "puissance_w": watts})
    result = lc.load_curve_summary(data, "22:00-06:00")
    total = Decimal(repr(float(np.nansum(watts) * 30))) / 60000
    assert result["kwh_mesures"] == total.quantize(Decimal("0.001"))
    assert result["kwh_hc"] + result["kwh_hp"] == result["kwh_mesures"]
    assert result["heures_manquantes"] == 5
    assert result["kwh_par_an_estime"] > result["kwh_mesures"]
    assert any(w.kind == "attention" for w in result.warnings)
    assert "FIN de l'intervalle" in result.explain()


def test_summary_of_a_short_curve_gives_no_annual_estimate():
    data = _frame([("2026-01-10 22:00", 1000), ("2026-01-10 22:30", 2000)])
    assert lc.load_curve_summary(data)["kwh_par_an_estime"] is None


def test_missing_columns_and_naive_times():
    with pytest.raises(InputError):
        lc.daily_totals(pd.DataFrame({"debut": []}))
    naive = pd.DataFrame({"debut": pd.to_datetime(["2026-01-01"]), "pas_min": [30], "puissance_w": [1.0]})
    with pytest.raises(InputError, match="fuseau"):
        lc.monthly_totals(naive)


def test_max_power_summary():
    data = pd.DataFrame({"date": [dt.date(2026, 1, d) for d in (1, 2, 3)], "puissance_va": [5200.0, np.nan, 6300.0]})
    result = lc.max_power_summary(data, "6")
    assert result["puissance_max_va"] == 6300 and result["date_max"] == dt.date(2026, 1, 3)
    assert result["jours_au_dessus_souscrite"] == 1 and result["jours_sans_mesure"] == 1
    assert result["part_max_souscrite"] == Decimal("1.05")
    with pytest.raises(InputError):
        lc.max_power_summary(data, "100")


def _index_frame(totals, hc=None):
    days = [dt.date(2026, 1, 1) + dt.timedelta(days=k) for k in range(len(totals))]
    frame = pd.DataFrame({"date": days, "EAS T": [np.nan if t is None else float(t) for t in totals],
                          "ligne": range(3, 3 + len(totals))})
    if hc is not None:
        frame["EAS D1"] = [float(h) for h in hc]
        frame["EAS D2"] = frame["EAS T"] - frame["EAS D1"]
    return frame


def test_index_summary_split_and_unknown_days():
    frame = _index_frame([1000, 5000, 12000, None, 20000], hc=[400, 2000, 5000, 6000, 9000])
    result = lc.index_summary(frame, "EAS D1", "EAS D2")
    assert result["kwh_total"] == Decimal("11")          # (5000−1000) + (12000−5000), Wh → kWh
    assert result["jours_connus"] == 2 and result["jours_inconnus"] == 2
    assert result["kwh_hc"] == Decimal("4.6") and result["kwh_hp"] == Decimal("6.4")
    assert result["kwh_hc"] + result["kwh_hp"] == result["kwh_total"]


def test_index_summary_reports_a_decrease_with_its_line():
    result = lc.index_summary(_index_frame([1000, 3000, 500, 900]))
    assert result["kwh_total"] == Decimal("2.4")
    assert any("Ligne 5" in a for a in result["anomalies"])
    assert any(w.kind == "attention" for w in result.warnings)

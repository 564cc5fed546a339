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


# --------------------------------------------------------------------------- measured year, partial months, advice


def _curve(first_end: str, last_end: str, night_w: float = 400.0, day_w: float = 800.0) -> pd.DataFrame:
    ends = pd.date_range(first_end, last_end, freq="30min", tz=TZ)
    local_start = (ends - pd.Timedelta(minutes=30))
    watts = np.where(local_start.hour < 6, night_w, day_w)
    return pd.DataFrame({"debut": local_start, "fin": ends, "pas_min": 30, "puissance_w": watts})


def test_a_curve_over_a_year_gives_the_measured_last_365_days_not_an_estimate():
    data = _curve("2025-10-01 00:30", "2026-11-01 00:00")
    result = lc.load_curve_summary(data)
    # the last 365 days: 1 Nov 2025 00:00 → 1 Nov 2026 00:00, 6 h at 400 W and 18 h at 800 W a day
    per_day = Decimal(6 * 400 + 18 * 800) / 1000
    assert result["nature_kwh_par_an"] == "mesure"
    assert result["kwh_par_an"] == per_day * 365
    assert result["kwh_par_an_estime"] is None
    assert "MESURÉE" in result.explain() and "ESTIMATION" not in result.explain()
    assert not any("estimation" in w.message for w in result.warnings)


def test_a_curve_shorter_than_a_year_gives_an_estimate_said_so():
    result = lc.load_curve_summary(_curve("2026-01-01 00:30", "2026-03-01 00:00"))
    assert result["nature_kwh_par_an"] == "estimation"
    assert result["kwh_par_an"] == result["kwh_par_an_estime"] > result["kwh_mesures"]
    assert "ESTIMATION" in result.explain()


def test_monthly_totals_flag_partial_months_with_days_measured():
    data = _curve("2026-01-28 00:30", "2026-03-01 00:00")
    data.loc[data.index[-10:], "puissance_w"] = np.nan  # the last 5 hours of February empty
    months = lc.monthly_totals(data)
    assert list(months.index) == ["2026-01", "2026-02"]
    assert months.loc["2026-01", "etat"] == "mois incomplet (4 jours sur 31)"
    assert not months.loc["2026-01", "complet"]
    assert months.loc["2026-02", "etat"] == "mois incomplet (28 jours sur 28)"  # hours missing on the last day
    whole = lc.monthly_totals(_curve("2026-02-01 00:30", "2026-03-01 00:00"))
    assert whole.loc["2026-02", "etat"] == "complet" and bool(whole.loc["2026-02", "complet"])


def test_a_month_with_the_clock_change_is_complete_when_every_step_is_there():
    months = lc.monthly_totals(_curve("2025-03-01 00:30", "2025-04-01 00:00"))
    assert lc.month_minutes("2025-03") == 31 * 1440 - 60
    assert months.loc["2025-03", "etat"] == "complet"


def _index(values: dict[str, int | None]) -> pd.DataFrame:
    days = sorted(values)
    return pd.DataFrame({"date": [dt.date.fromisoformat(d) for d in days],
                         "EAS T": [np.nan if values[d] is None else float(values[d]) for d in days],
                         "ligne": range(5, 5 + len(days))})


def test_monthly_from_index_steps_over_an_empty_index_and_leaves_out_a_straddling_period():
    frame = _index({"2026-01-28": 1000, "2026-01-29": None, "2026-01-30": 4000, "2026-01-31": 5000,
                    "2026-02-01": None, "2026-02-02": 8500, "2026-02-03": 9000})
    months = lc.monthly_from_index(frame)
    # 28 → 30 Jan over the empty 29th: exact, both days count; 31 Jan → 2 Feb straddles two
    # months: left out, never split
    assert months.loc["2026-01", "kwh"] == Decimal("4")
    assert months.loc["2026-01", "etat"] == "mois incomplet (3 jours sur 31)"
    assert months.loc["2026-02", "kwh"] == Decimal("0.5")
    assert months.loc["2026-02", "etat"] == "mois incomplet (1 jour sur 28)"


def test_index_over_a_year_is_a_measurement_with_its_hc_share():
    days = pd.date_range("2025-06-01", "2026-06-01", freq="D")
    frame = pd.DataFrame({"date": days.date, "EAS F1": 3000.0 * np.arange(len(days)),
                          "EAS F2": 7000.0 * np.arange(len(days)), "ligne": range(len(days))})
    frame["EAS T"] = frame["EAS F1"] + frame["EAS F2"]
    frame.loc[40, ["EAS F1", "EAS F2", "EAS T"]] = np.nan  # an empty day is stepped over
    result = lc.index_year_summary(frame, "EAS F1", "EAS F2")
    assert result["nature_kwh_par_an"] == "mesure" and result["kwh_par_an"] == Decimal(3650)
    assert result["part_hc"] == Decimal("0.3")
    short = lc.index_year_summary(frame.iloc[:60], "EAS F1", "EAS F2")
    assert short["nature_kwh_par_an"] == "estimation" and "ESTIMATION" in short.explain()
    assert lc.index_year_summary(frame.iloc[:10])["kwh_par_an"] is None


def test_option_advice_uses_the_measured_hc_share_and_says_where_it_comes_from():
    year = _curve("2025-10-01 00:30", "2026-11-01 00:00")
    measured = lc.option_advice(lc.load_curve_summary(year, "22:00-06:00"), 6, "sur la courbe de charge")
    summary = lc.load_curve_summary(year, "22:00-06:00")
    assert measured["part_hc_mesuree"] and measured["part_hc_utilisee"] == summary["part_hc"]
    assert "part mesurée sur la courbe de charge" in measured["source_part_hc"]
    assert "8 heures creuses sur 24" not in measured.explain()
    assumed = lc.option_advice(lc.load_curve_summary(year), 6)
    assert not assumed["part_hc_mesuree"] and "part supposée" in assumed["source_part_hc"]
    assert assumed["part_hc_utilisee"] != measured["part_hc_utilisee"]
    with pytest.raises(InputError, match="moins de 28 jours"):
        lc.option_advice(lc.load_curve_summary(_curve("2026-01-01 00:30", "2026-01-03 00:00")), 6)

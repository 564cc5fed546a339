"""Property tests of the unpaid-bill timeline."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.procedure import procedure_impayes


def in_truce(day: dt.date) -> bool:
    return day.month >= 11 or day.month <= 3


@settings(max_examples=60, deadline=None)
@given(offset=st.integers(0, 1200), energie=st.sampled_from(["electricite", "gaz"]),
       statut=st.sampled_from(["standard", "cheque_energie", "aide_fsl"]), linky=st.booleans())
def test_no_cut_during_truce_and_steps_in_order(offset, energie, statut, linky):
    issued = dt.date(2023, 4, 1) + dt.timedelta(days=offset)
    result = procedure_impayes(issued, energie, statut, linky)
    cut = result["coupure_au_plus_tot"]
    assert not in_truce(cut)
    assert issued < result["date_echeance"] < result["fin_delai_supplementaire"] <= cut
    minimum = 49 if statut == "standard" else 64
    assert result["jours_avant_coupure"] >= minimum
    if energie == "electricite":
        assert result["reduction_au_plus_tot"] < cut
        if statut == "cheque_energie":
            assert not in_truce(result["reduction_au_plus_tot"])
    steps = [s["date"] for s in result["etapes"]]
    assert steps == sorted(steps)


def test_protected_household_never_earlier_than_standard():
    for offset in range(0, 365, 7):
        issued = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        standard = procedure_impayes(issued, "electricite", "standard")
        protected = procedure_impayes(issued, "electricite", "cheque_energie")
        assert protected["coupure_au_plus_tot"] >= standard["coupure_au_plus_tot"]


@settings(max_examples=60, deadline=None)
@given(offsets=st.lists(st.one_of(st.none(), st.integers(-30, 400)), min_size=1, max_size=12),
       statut=st.sampled_from(["standard", "cheque_energie", "aide_fsl"]),
       energie=st.sampled_from(["electricite", "gaz"]))
def test_listing_positions_match_the_explained_procedure(offsets, statut, energie):
    import pandas as pd

    from counselling.calculators.procedure import STAGES, procedure_position_many

    on = dt.date(2026, 11, 23)
    days = [None if o is None else on - dt.timedelta(days=o) for o in offsets]
    frame = procedure_position_many(pd.Series(pd.to_datetime(days)), on, energie=energie, statut=statut)
    assert len(frame) == len(days)
    for (_, row), day in zip(frame.iterrows(), days):
        if day is None:
            assert pd.isna(row["etape"]) and pd.isna(row["coupure_au_plus_tot"])
            continue
        v = procedure_impayes(day - dt.timedelta(days=14), energie=energie, statut=statut,
                              date_echeance=day).values
        assert row["coupure_au_plus_tot"] == v["coupure_au_plus_tot"]
        assert (pd.isna(row["reduction_au_plus_tot"]) and v["reduction_au_plus_tot"] is None) or \
            row["reduction_au_plus_tot"] == v["reduction_au_plus_tot"]
        if day > on:
            assert row["etape"] == "relance datée après le repérage"
        elif on < v["fin_delai_supplementaire"]:
            assert row["etape"] == STAGES["relance"]
        elif on >= v["coupure_au_plus_tot"]:
            assert row["etape"] == STAGES["coupure"]
        else:
            assert row["etape"] in (STAGES["preavis"], STAGES["reduction"])

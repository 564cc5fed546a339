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

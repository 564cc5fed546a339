"""Payment follow-up: status and re-planning keep every cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.echeancier import echeancier
from counselling.calculators.suivi import replanifier, suivi_paiements

TODAY = dt.date(2026, 11, 23)


@settings(max_examples=60, deadline=None)
@given(debt=st.integers(min_value=1_000, max_value=500_000), count=st.integers(min_value=2, max_value=12),
       payments=st.lists(st.integers(min_value=1, max_value=50_000), max_size=6),
       later=st.integers(min_value=0, max_value=400), method=st.sampled_from(["etaler", "prolonger"]))
def test_follow_up_and_replanning_keep_every_cent(debt, count, payments, later, method):
    plan = echeancier(Decimal(debt) / 100, "2026-12-10", TODAY, nombre_echeances=count)["echeances"]
    on = TODAY + dt.timedelta(days=later)
    paid = [{"date": TODAY, "montant": Decimal(p) / 100} for p in payments]
    follow = suivi_paiements(plan, paid, on)
    total = Decimal(debt) / 100
    assert follow["total_du"] == total
    assert follow["reste_du"] == max(Decimal(0), total - sum((p["montant"] for p in paid), Decimal(0)))
    assert sum((r["paye"] for r in follow["echeances"]), Decimal(0)) + follow["trop_percu"] == follow["total_paye"]
    if follow["reste_du"] == 0:
        assert follow["statut"] == "soldé"
        return
    future = [r for r in follow["echeances"] if r["date"] >= on]
    new = replanifier(plan, paid, on, methode=method,
                      premiere_echeance=None if future else on + dt.timedelta(days=1))
    if not new["solde_non_couvert"]:
        assert sum(r["montant"] for r in new["echeances"]) == follow["reste_du"]
    assert new["echeances"][0]["date"] >= on

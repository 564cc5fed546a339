"""Multi-creditor plan: capacity respected every month, exact totals, share()."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.calculators.plan import plan_creanciers, plan_dataframe, share

TODAY = dt.date(2026, 11, 23)
NATURES = ["loyer", "energie", "eau", "impots", "credit", "autre"]


@given(available=st.integers(min_value=0, max_value=10_000_000),
       debts=st.lists(st.integers(min_value=1, max_value=5_000_000), min_size=1, max_size=8))
def test_share_is_exact_and_never_above_what_is_owed(available, debts):
    given_ = share(available, debts, debts)
    assert sum(given_) == min(available, sum(debts))
    assert all(0 <= g <= d for g, d in zip(given_, debts))


@settings(max_examples=80, deadline=None)
@given(debts=st.lists(st.tuples(st.integers(min_value=1, max_value=800_000), st.sampled_from(NATURES)),
                      min_size=1, max_size=5),
       capacity=st.integers(min_value=100, max_value=150_000),
       method=st.sampled_from(["priorites", "prorata"]),
       first=st.dates(min_value=TODAY, max_value=dt.date(2029, 12, 31)),
       max_months=st.integers(min_value=1, max_value=84))
def test_plan_properties(debts, capacity, method, first, max_months):
    result = plan_creanciers([{"creancier": f"C{i}", "montant": Decimal(c) / 100, "nature": n}
                              for i, (c, n) in enumerate(debts)],
                             Decimal(capacity) / 100, first, TODAY, methode=method, duree_max_mois=max_months)
    cap = Decimal(capacity) / 100
    # capacity respected across creditors, month by month
    by_date: dict = {}
    for creditor in result["creanciers"]:
        dates = [e["date"] for e in creditor["echeances"]]
        assert all(a < b for a, b in zip(dates, dates[1:]))
        for e in creditor["echeances"]:
            by_date[e["date"]] = by_date.get(e["date"], Decimal(0)) + e["montant"]
        paid = sum((e["montant"] for e in creditor["echeances"]), Decimal(0))
        assert paid + creditor["solde"] == creditor["montant"]
    assert all(total <= cap for total in by_date.values())
    assert sum(m["total"] for m in result["mois"]) == result["total_paye"]
    assert result["total_paye"] + result["solde_non_couvert"] == result["total_dettes"]
    assert result["duree_mois"] <= max_months
    # every month but the last uses the whole capacity
    assert all(m["total"] == cap for m in result["mois"][:-1])


def test_priority_debts_are_paid_before_credit():
    result = plan_creanciers([{"creancier": "Cofidis", "montant": 500, "nature": "credit"},
                              {"creancier": "EDF", "montant": 300, "nature": "energie"}],
                             100, "2026-12-05", TODAY)
    cofidis, edf = result["creanciers"]
    assert edf["date_fin"] <= cofidis["echeances"][0]["date"]


def test_prorata_first_month_shares():
    result = plan_creanciers([{"creancier": "EDF", "montant": 300, "nature": "energie"},
                              {"creancier": "Cofidis", "montant": 1000, "nature": "credit"}],
                             100, "2026-12-05", TODAY, methode="prorata")
    assert result["creanciers"][0]["echeances"][0]["montant"] == Decimal("23.08")
    assert result["creanciers"][1]["echeances"][0]["montant"] == Decimal("76.92")
    frame = plan_dataframe(result)
    assert list(frame.columns) == ["Créancier", "Date", "Montant (€)", "Reste dû (€)"]
    assert frame["Montant (€)"].sum() == Decimal("1300.00")

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


def test_priority_debts_are_paid_together_and_credit_gets_a_token_meanwhile():
    result = plan_creanciers([{"creancier": "Cofidis", "montant": 500, "nature": "credit"},
                              {"creancier": "EDF", "montant": 300, "nature": "energie"},
                              {"creancier": "Bailleur", "montant": 900, "nature": "loyer"}],
                             100, "2026-12-05", TODAY)
    cofidis, edf, landlord = result["creanciers"]
    # EDF and the landlord from the first month, pro rata of 300 and 900 on 98 €
    assert edf["echeances"][0]["montant"] == Decimal("24.50")
    assert landlord["echeances"][0]["montant"] == Decimal("73.50")
    assert edf["date_fin"] == landlord["date_fin"]
    # Cofidis: the 2 € token every month until the priority debts are settled
    tokens = [e for e in cofidis["echeances"] if e["date"] < edf["date_fin"]]
    assert tokens and all(e["montant"] == Decimal("2.00") for e in tokens)
    assert result["paiement_symbolique"] == Decimal("2.00")
    assert "paiement symbolique" in result.explain().lower()
    # the maintainers' note on the token's default is for the counsellor only
    assert "britannique" not in result.explain()
    assert "britannique" in result.explain(audience="conseiller")


@given(available=st.integers(min_value=0, max_value=100_000),
       debts=st.lists(st.integers(min_value=1, max_value=5_000_000), min_size=1, max_size=8))
def test_share_gives_a_cent_to_everyone_when_there_are_enough_cents(available, debts):
    given_ = share(available, debts, debts)
    assert sum(given_) == min(available, sum(debts))
    if available >= len(debts):
        assert all(g > 0 for g in given_)


@settings(max_examples=80, deadline=None)
@given(debts=st.lists(st.tuples(st.integers(min_value=1, max_value=800_000), st.sampled_from(NATURES)),
                      min_size=1, max_size=6),
       capacity=st.integers(min_value=1, max_value=150_000),
       token=st.one_of(st.none(), st.integers(min_value=0, max_value=1_000)))
def test_every_priority_creditor_is_paid_from_the_first_month_when_capacity_allows(debts, capacity, token):
    result = plan_creanciers([{"creancier": f"C{i}", "montant": Decimal(c) / 100, "nature": n}
                              for i, (c, n) in enumerate(debts)],
                             Decimal(capacity) / 100, "2026-12-05", TODAY, methode="priorites",
                             paiement_symbolique=None if token is None else Decimal(token) / 100)
    priority = [c for c in result["creanciers"] if c["prioritaire"]]
    first = result["mois"][0]["date"]
    if capacity >= len(priority):
        for creditor in priority:
            assert creditor["echeances"] and creditor["echeances"][0]["date"] == first
            assert creditor["echeances"][0]["montant"] > 0
    # a token never takes more than what is owed, and the month never exceeds the capacity
    assert all(m["total"] <= Decimal(capacity) / 100 for m in result["mois"])


def test_capacity_above_the_computed_one_is_accepted_with_a_visible_warning():
    debts = [{"creancier": "EDF", "montant": 600, "nature": "energie"}]
    within = plan_creanciers(debts, 150, "2026-12-05", TODAY, capacite_calculee=150)
    assert within["depassement_capacite"] == 0 and not [w for w in within.warnings if w.kind == "attention"]
    above = plan_creanciers(debts, 200, "2026-12-05", TODAY, capacite_calculee="150,00")
    assert above["depassement_capacite"] == Decimal("50.00")
    assert any(w.kind == "attention" and "50,00" in w.message for w in above.notices())


def test_prorata_first_month_shares():
    result = plan_creanciers([{"creancier": "EDF", "montant": 300, "nature": "energie"},
                              {"creancier": "Cofidis", "montant": 1000, "nature": "credit"}],
                             100, "2026-12-05", TODAY, methode="prorata")
    assert result["creanciers"][0]["echeances"][0]["montant"] == Decimal("23.08")
    assert result["creanciers"][1]["echeances"][0]["montant"] == Decimal("76.92")
    frame = plan_dataframe(result)
    assert list(frame.columns) == ["Créancier", "Date", "Montant (€)", "Reste dû (€)"]
    assert frame["Montant (€)"].sum() == Decimal("1300.00")

"""Every indicator of the report against a generated log whose totals are
counted here with pandas (per site, per partner, per month, whole and
partial months), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest

from counselling.activity import activity_report, partner_review, record_acts
from counselling.activity.synthetic import bulk_load, generate
from counselling.activity.vocabulary import vocabulary
from counselling.storage import Store

from .conftest import acts_of

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def log():
    return generate(2500, START, END, sites=4, partners=2, seed=7)


def expected(frame: pd.DataFrame, start, end, site=None, partner=None) -> dict:
    voc = vocabulary()
    part = frame[(frame["day"] >= start) & (frame["day"] <= end)]
    if site:
        part = part[part["site"] == site]
    if partner is not None:
        part = part[part["partner"] == partner]
    anonymous = int((part["dossier_ref"].isna() & part["participants"].isna()).sum())
    dossiers = int(part["dossier_ref"].dropna().nunique())
    outgoing = part[part["reached"].notna()]
    out = {"actes": len(part), "dossiers": dossiers, "anonymes": anonymous, "personnes": dossiers + anonymous,
           "ateliers": int(part["kind"].isin(voc.workshop_kinds()).sum()),
           "participants": int(part["participants"].fillna(0).sum()),
           "minutes": int(part["duration_minutes"].fillna(0).sum()),
           "tentatives": len(outgoing), "joints": int(outgoing["reached"].astype(bool).sum())}
    out["reasons"] = {c: int(part["reasons"].str.split().map(lambda codes, c=c: c in codes).sum()) for c in voc.motifs}
    out["outcomes"] = {c: int(part["outcomes"].str.split().map(lambda codes, c=c: c in codes).sum())
                       for c in voc.resultats}
    out["kinds"] = {c: int((part["kind"] == c).sum()) for c in voc.types}
    return out


def check(report, want):
    assert report.totals == {k: want[k] for k in report.totals}
    assert report.reasons == want["reasons"]
    assert report.outcomes == want["outcomes"]
    assert report.kinds == want["kinds"]
    if want["tentatives"]:
        assert report.contact_rate == (Decimal(want["joints"]) / Decimal(want["tentatives"])).quantize(Decimal("0.001"))


def test_every_indicator_per_site_partner_and_month(store, log):
    assert record_acts(store, acts_of(log), source="test") == len(log)
    assert record_acts(store, acts_of(log.head(50)), source="test") == 0  # same keys: nothing counted twice
    check(activity_report(store, START, END), expected(log, START, END))
    for site in sorted(log["site"].unique()):
        check(activity_report(store, START, END, site=site), expected(log, START, END, site=site))
    for partner in ("", "Partenaire 1"):
        check(activity_report(store, START, END, partner=partner), expected(log, START, END, partner=partner))
    # partial months at both ends: read from the acts, whole months from the monthly counts
    lo, hi = dt.date(2025, 2, 14), dt.date(2025, 6, 3)
    check(activity_report(store, lo, hi, site="Site 02"), expected(log, lo, hi, site="Site 02"))
    check(activity_report(store, dt.date(2025, 3, 5), dt.date(2025, 3, 9)),
          expected(log, dt.date(2025, 3, 5), dt.date(2025, 3, 9)))
    report = activity_report(store, START, END, site="Site 03")
    for month, row in report.monthly.iterrows():
        last = (pd.Timestamp(month) + pd.offsets.MonthEnd(0)).date()
        want = expected(log, month, last, site="Site 03")
        assert row["actes"] == want["actes"] and row["personnes"] == want["personnes"]
        assert row["ateliers"] == want["ateliers"] and row["participants"] == want["participants"]
        assert all(row[f"r:{c}"] == n for c, n in want["outcomes"].items())
    assert len(report.monthly) == 12
    national = activity_report(store, START, END)
    assert national.by_site["actes"].to_dict() == log.groupby("site").size().to_dict()
    assert national.by_partner["dossiers"].to_dict() == \
        log.dropna(subset=["dossier_ref"]).groupby("partner")["dossier_ref"].nunique().to_dict()


def test_bulk_load_and_recording_give_the_same_report(tmp_path, log):
    with Store(tmp_path / "a.sqlite3") as recorded, Store(tmp_path / "b.sqlite3") as loaded:
        record_acts(recorded, acts_of(log))
        bulk_load(loaded, log)
        a = activity_report(recorded, dt.date(2025, 1, 20), dt.date(2025, 11, 2))
        b = activity_report(loaded, dt.date(2025, 1, 20), dt.date(2025, 11, 2))
    assert a.totals == b.totals and a.outcomes == b.outcomes and a.reasons == b.reasons
    pd.testing.assert_frame_equal(a.monthly, b.monthly)


def test_partner_review_sentence(store):
    from counselling.activity import ActivityAct

    acts = [(f"k{i}", ActivityAct(day=dt.date(2025, 5, 1), site="PIMMS Nord", counsellor="lina",
                                  kind="accueil_partenaire", partner="Fournisseur",
                                  outcomes=(["maintien_energie"] if i < 1662 else [])
                                  + (["sensibilisation_energie"] if i < 510 else [])
                                  + (["information_tarifs_sociaux"] if i < 1004 else [])))
            for i in range(1700)]
    record_acts(store, acts)
    report = activity_report(store, START, END, partner="Fournisseur")
    text = partner_review(report).replace("\u202f", " ").replace("\u00a0", " ")
    assert text == ("1 662 maintiens dans l'énergie, 1 004 informations sur les tarifs sociaux, "
                    "510 personnes sensibilisées à la maîtrise de l'énergie")
    one = partner_review(report, ["echeancier"])
    assert one == "0 échéancier de paiement obtenu"


def test_a_bad_period_is_refused_in_french(store):
    from counselling.errors import InputError

    with pytest.raises(InputError, match="Fin de la période"):
        activity_report(store, "2025-03-01", "2025-02-01")

"""Distinct people counted from each act's previous day (``people.py``):
acts recorded in any order, in batches of any size, give the same counts as
a ``nunique`` over the log, for any period, site and partner."""

from __future__ import annotations

import datetime as dt
import itertools

import pandas as pd
import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counselling.activity import ActivityAct, activity_report, record_acts
from counselling.activity.people import SCOPES, link
from counselling.storage.schema import activity_acts, activity_monthly

DAY0 = dt.date(2025, 1, 20)
REFS = ["2025-AAAAA", "2025-BBBBB", "2025-CCCCC", "2025-DDDDD"]

acts = st.lists(st.tuples(st.integers(0, 80), st.sampled_from(["Site A", "Site B"]), st.sampled_from(["", "EDF"]),
                          st.sampled_from([None, *REFS])), min_size=1, max_size=40)


def brute_previous(rows: list[dict], index: int, fields: tuple[str, ...]):
    """The previous act's day in the order (day, recording), by brute force."""
    row = rows[index]
    earlier = [r["day"] for i, r in enumerate(rows)
               if r["ref"] == row["ref"] and all(r[f] == row[f] for f in fields)
               and (r["day"], i) < (row["day"], index)]
    return max(earlier) if earlier else None


@given(acts, st.lists(st.integers(1, 6), min_size=1, max_size=10))
def test_link_keeps_each_act_linked_to_its_predecessor(drawn, batches):
    rows = [{"day": DAY0 + dt.timedelta(d), "site": s, "partner": p, "ref": r} for d, s, p, r in drawn]
    stored: list[dict] = []
    position, size = 0, itertools.cycle(batches)
    while position < len(rows):
        batch = rows[position:position + next(size)]
        for ref in {r["ref"] for r in batch}:
            history = [r for r in stored if r["ref"] == ref]
            link(history, [r for r in batch if r["ref"] == ref])
        for offset, row in enumerate(batch):
            row["id"] = position + offset
        stored += batch
        position += len(batch)
    for index, row in enumerate(rows):
        for column, fields in SCOPES.items():
            assert row[column] == brute_previous(rows, index, fields), (index, column)


def _act(day, site, partner, ref) -> ActivityAct:
    return ActivityAct(day=DAY0 + dt.timedelta(day), site=site, counsellor="c", kind="accueil_general",
                       partner=partner, dossier_ref=ref)


def _expected(log: pd.DataFrame, start, end, site=None, partner=None):
    part = log[(log["day"] >= start) & (log["day"] <= end) & log["ref"].notna()]
    if site:
        part = part[part["site"] == site]
    if partner is not None:
        part = part[part["partner"] == partner]
    months = part.assign(month=part["day"].map(lambda d: d.replace(day=1)))
    return (part["ref"].nunique(), months.groupby("month")["ref"].nunique().to_dict(),
            part.groupby("site")["ref"].nunique().to_dict(), part.groupby("partner")["ref"].nunique().to_dict())


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
@settings(max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drawn=acts, size=st.integers(1, 7), period=st.tuples(st.integers(0, 80), st.integers(0, 80)),
       site=st.sampled_from([None, "Site A"]), partner=st.sampled_from([None, "", "EDF"]))
def test_people_counted_in_any_recording_order(request, tmp_path, backend, drawn, size, period, site, partner):
    url = str(tmp_path / "people.sqlite3") if backend == "sqlite" else request.getfixturevalue("pg_url")
    from counselling.storage import Store

    with Store(url) as store:
        with store.engine.begin() as conn:  # each example starts from an empty record
            conn.execute(sa.delete(activity_acts))
            conn.execute(sa.delete(activity_monthly))
        keyed = [(f"k{i}", _act(*row)) for i, row in enumerate(drawn)]
        for start in range(0, len(keyed), size):
            record_acts(store, keyed[start:start + size])
        start, end = sorted(DAY0 + dt.timedelta(d) for d in period)
        report = activity_report(store, start, end, site=site, partner=partner)
    log = pd.DataFrame([{"day": DAY0 + dt.timedelta(d), "site": s, "partner": p, "ref": r} for d, s, p, r in drawn])
    total, per_month, per_site, per_partner = _expected(log, start, end, site, partner)
    assert report.totals["dossiers"] == total
    assert {m: n for m, n in report.monthly["dossiers"].items() if n} == per_month
    if not site:
        assert {k: n for k, n in report.by_site["dossiers"].items() if n} == per_site
    assert {k: n for k, n in report.by_partner["dossiers"].items() if n} == per_partner


def test_acts_stored_before_revision_0003_are_linked_by_the_migration(db_url):
    from counselling.activity.synthetic import generate
    from counselling.storage import Store
    from counselling.storage.config import database_url
    from counselling.storage.engine import make_engine, migrate

    log = generate(600, dt.date(2025, 1, 1), dt.date(2025, 6, 30), sites=3, partners=2, seed=3)
    log = log.assign(dossier_ref=log["dossier_ref"].where(log["dossier_ref"].isna(),
                                                           log.index.map(lambda i: REFS[i % 4])))
    shuffled = log.sample(frac=1, random_state=5)  # stored in any order: ids do not follow the days
    engine = make_engine(database_url(db_url))
    migrate(engine, "0002")
    columns = ["act_key", "day", "site", "counsellor", "kind", "partner", "reasons", "outcomes",
               "duration_minutes", "participants", "reached", "dossier_ref"]
    plain = lambda v: None if pd.isna(v) else (v.item() if hasattr(v, "item") else v)  # noqa: E731
    rows = [{**{c: plain(v) for c, v in zip(columns, values)}, "source": "ancien",
             "recorded_at": dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)}
            for values in shuffled[columns].itertuples(index=False, name=None)]
    with engine.begin() as conn:
        conn.execute(sa.text(f"INSERT INTO activity_acts ({', '.join(rows[0])}) "
                             f"VALUES ({', '.join(':' + c for c in rows[0])})"), rows)
    engine.dispose()
    with Store(db_url) as store:
        with store.engine.connect() as conn:
            stored = pd.DataFrame(conn.execute(sa.select(activity_acts).order_by(activity_acts.c.id)).mappings().all())
        for lo, hi, site in [(dt.date(2025, 2, 10), dt.date(2025, 5, 3), None), (dt.date(2025, 1, 1),
                             dt.date(2025, 6, 30), "Site 02")]:
            report = activity_report(store, lo, hi, site=site)
            frame = log.rename(columns={"dossier_ref": "ref"})
            assert report.totals["dossiers"] == _expected(frame, lo, hi, site)[0]
    rows = [{**row, "ref": row["dossier_ref"]} for row in stored.to_dict("records")]
    for index, row in enumerate(rows):
        if row["ref"] is None:
            continue
        for column, fields in SCOPES.items():
            assert row[column] == brute_previous(rows, index, fields)

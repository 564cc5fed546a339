"""The activity tests run on SQLite and on the storage tests' throwaway
PostgreSQL cluster (same fixtures)."""

from __future__ import annotations

import datetime as dt

import pytest

from storage.conftest import db_url, pg_cluster, pg_url  # noqa: F401 — fixtures shared with the storage tests

from counselling.activity.record import ActivityAct
from counselling.storage import Store

TODAY = dt.date(2026, 11, 30)


@pytest.fixture
def store(db_url):  # noqa: F811
    with Store(db_url) as opened:
        yield opened


def acts_of(frame) -> list[tuple[str, ActivityAct]]:
    """The generated rows as (key, act) for the recording path."""
    out = []
    for row in frame.itertuples(index=False):
        out.append((row.act_key, ActivityAct(
            day=row.day, site=row.site, counsellor=row.counsellor, kind=row.kind, partner=row.partner,
            reasons=row.reasons.split(), outcomes=row.outcomes.split(),
            duration_minutes=None if _na(row.duration_minutes) else int(row.duration_minutes),
            participants=None if _na(row.participants) else int(row.participants),
            reached=None if _na(row.reached) else bool(row.reached),
            dossier_ref=None if _na(row.dossier_ref) else row.dossier_ref)))
    return out


def _na(value) -> bool:
    import pandas as pd

    return value is None or value is pd.NA or (isinstance(value, float) and value != value)

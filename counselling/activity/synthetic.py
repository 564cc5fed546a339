"""A generated activity log with known totals: for the tests (every
indicator checked against counts made here with pandas, independently of the
report's SQL) and for the benchmarks (6 million acts loaded in bulk: COPY on
PostgreSQL, one transaction of ``executemany`` on SQLite).

Nothing here is personal data: sites, counsellors and partners are
« Site 07 », « conseiller 3 », « Partenaire 2 »; dossier references are
drawn from a pool of pseudonymous references.
"""

from __future__ import annotations

import datetime as dt
import io

import numpy as np
import pandas as pd

from .record import _now
from .people import SCOPES
from .vocabulary import vocabulary

_ALPHABET = np.array(list("ABCDEFGHJKMNPQRSTUVWXYZ23456789"))
KIND_WEIGHTS = {"accueil_partenaire": 0.30, "accueil_general": 0.25, "mediation_sortante": 0.20,
                "visite_domicile": 0.05, "atelier_collectif": 0.02, "rendez_vous_pcb": 0.18}


def _references(count: int, rng) -> np.ndarray:
    """Distinct-looking pseudonymous references « 2025-K7M3Q » (vectorised)."""
    codes = rng.integers(0, len(_ALPHABET), size=(count, 5)).astype(np.uint8)
    table = np.frombuffer("".join(_ALPHABET).encode(), dtype=np.uint8)
    years = rng.integers(2023, 2027, size=count)
    raw = np.empty((count, 10), dtype=np.uint8)
    raw[:, :4] = np.frombuffer(years.astype("S4").tobytes(), dtype=np.uint8).reshape(count, 4)
    raw[:, 4] = ord("-")
    raw[:, 5:] = table[codes]
    return raw.view("S10").ravel().astype(str).astype(object)


def generate(n: int, start: dt.date, end: dt.date, *, sites: int = 66, partners: int = 4, seed: int = 1,
             with_ref: float = 0.45) -> pd.DataFrame:
    """``n`` acts between ``start`` and ``end`` (included), sorted by day.

    Columns: those of ``activity_acts`` (``act_key``, ``day``, ``site``,
    ``counsellor``, ``kind``, ``partner``, ``reasons``, ``outcomes``,
    ``duration_minutes``, ``participants``, ``reached``, ``dossier_ref``)
    plus ``reason_bits`` and ``outcome_bits`` (bit i = i-th code of the
    vocabulary) for independent counting.
    """
    voc = vocabulary()
    rng = np.random.default_rng(seed)
    span = (end - start).days + 1
    days = np.sort(rng.integers(0, span, size=n))
    kinds = np.array(list(KIND_WEIGHTS))
    weights = np.array(list(KIND_WEIGHTS.values()))
    kind = kinds[rng.choice(len(kinds), size=n, p=weights / weights.sum())]
    site_names = np.array([f"Site {i:02d}" for i in range(1, sites + 1)])
    partner_names = np.array([""] + [f"Partenaire {i}" for i in range(1, partners + 1)])
    reason_codes, outcome_codes = list(voc.motifs), list(voc.resultats)
    reason_bits = np.zeros(n, dtype=np.int64)
    for _ in range(3):
        pick = rng.integers(0, len(reason_codes), size=n)
        keep = rng.random(n) < 0.6
        reason_bits |= np.where(keep, 1 << pick, 0)
    outcome_bits = np.zeros(n, dtype=np.int64)
    for _ in range(2):
        pick = rng.integers(0, len(outcome_codes), size=n)
        keep = rng.random(n) < 0.5
        outcome_bits |= np.where(keep, 1 << pick, 0)
    workshop = np.isin(kind, voc.workshop_kinds())
    outgoing = np.isin(kind, voc.kinds_of("sortante"))
    pool = _references(max(1, n // 3), rng)
    has_ref = (rng.random(n) < with_ref) & ~workshop
    refs = np.where(has_ref, pool[rng.integers(0, len(pool), size=n)], None)
    frame = pd.DataFrame({
        "act_key": np.char.add(f"g{seed}-", np.char.zfill(np.arange(n).astype(str), 9)).astype(object),
        "day": pd.to_datetime(start) + pd.to_timedelta(days, unit="D"),
        "site": site_names[rng.integers(0, sites, size=n)],
        "counsellor": np.char.add("conseiller ", rng.integers(1, 9, size=n).astype(str)),
        "kind": kind,
        "partner": partner_names[rng.integers(0, len(partner_names), size=n)],
        "reason_bits": reason_bits, "outcome_bits": outcome_bits,
        "duration_minutes": pd.array(np.where(rng.random(n) < 0.9, rng.integers(5, 120, size=n), -1), dtype="Int64"),
        "participants": pd.array(np.where(workshop, rng.integers(3, 25, size=n), -1), dtype="Int64"),
        "reached": pd.array(np.where(outgoing, rng.random(n) < 0.6, False), dtype="boolean"),
        "dossier_ref": refs,
    })
    frame.loc[frame["duration_minutes"] < 0, "duration_minutes"] = pd.NA
    frame.loc[frame["participants"] < 0, "participants"] = pd.NA
    frame.loc[~outgoing, "reached"] = pd.NA
    frame["day"] = frame["day"].dt.date
    frame["reasons"] = _codes(reason_bits, reason_codes)
    frame["outcomes"] = _codes(outcome_bits, outcome_codes)
    return frame


def _codes(bits: np.ndarray, codes: list[str]) -> np.ndarray:
    """Space-separated codes of each bit mask (built once per distinct mask)."""
    masks, inverse = np.unique(bits, return_inverse=True)
    texts = np.array([" ".join(c for i, c in enumerate(codes) if (int(m) >> i) & 1) for m in masks], dtype=object)
    return texts[inverse]


def monthly_counts(frame: pd.DataFrame) -> pd.DataFrame:
    """The ``activity_monthly`` rows of ``frame``, computed with pandas."""
    voc = vocabulary()
    keys = ["month", "site", "partner"]
    data = pd.DataFrame({"month": pd.to_datetime(frame["day"]).dt.to_period("M").dt.to_timestamp().dt.date,
                         "site": frame["site"], "partner": frame["partner"]})
    data["actes"] = 1
    for code in voc.types:
        data[f"k:{code}"] = (frame["kind"] == code).astype("int64")
    data["anonymes"] = (frame["dossier_ref"].isna() & frame["participants"].isna()).astype("int64")
    data["participants"] = frame["participants"].fillna(0).astype("int64")
    data["minutes"] = frame["duration_minutes"].fillna(0).astype("int64")
    data["tentatives"] = frame["reached"].notna().astype("int64")
    data["joints"] = frame["reached"].fillna(False).astype("int64")
    reason_bits = frame["reason_bits"].to_numpy()
    outcome_bits = frame["outcome_bits"].to_numpy()
    for i, code in enumerate(voc.motifs):
        data[f"m:{code}"] = (reason_bits >> i) & 1
    for i, code in enumerate(voc.resultats):
        data[f"r:{code}"] = (outcome_bits >> i) & 1
    grouped = data.groupby(keys).sum()
    long = grouped.stack().rename("n").reset_index().rename(columns={"level_3": "item"})
    # an item absent from a group is not stored (as the recording code does)
    present = long["n"] > 0
    if "participants" in long["item"].values:
        present &= ~((long["item"] == "participants") & (long["n"] == 0))
    return long[present]


ACT_COLUMNS = ["act_key", "day", "site", "counsellor", "kind", "partner", "reasons", "outcomes",
               "duration_minutes", "participants", "reached", "dossier_ref", "source", "recorded_at",
               *SCOPES]
MONTHLY_COLUMNS = ["month", "site", "partner", "item", "n"]


def previous_days(frame: pd.DataFrame) -> pd.DataFrame:
    """The :data:`~counselling.activity.people.SCOPES` columns of ``frame``
    (acts in recording order): each act's previous act of the same person,
    in the order (day, recording), as ``people.link`` keeps it."""
    ordered = frame[["day", "site", "partner", "dossier_ref"]].reset_index(drop=True)
    ordered = ordered.assign(order=np.arange(len(ordered))).sort_values(["day", "order"], kind="stable")
    out = pd.DataFrame(index=ordered.index)
    with_ref = ordered["dossier_ref"].notna()
    for column, fields in SCOPES.items():
        previous = ordered[with_ref].groupby(["dossier_ref", *fields], sort=False)["day"].shift(1)
        out[column] = previous.reindex(ordered.index).astype(object).where(lambda v: v.notna(), None)
    return out.sort_index().set_axis(frame.index)


def bulk_load(store, frame: pd.DataFrame, chunk: int = 200_000) -> None:
    """Load generated acts and their monthly counts (into an empty activity
    record: counts are inserted, not added)."""
    acts = pd.concat([frame, previous_days(frame)], axis=1).assign(source="generation", recorded_at=_now())
    acts = acts[ACT_COLUMNS]
    monthly = monthly_counts(frame)[MONTHLY_COLUMNS]
    raw = store.engine.raw_connection()
    try:
        if store.backend == "postgresql":
            _copy(raw, "activity_acts", acts, chunk)
            _copy(raw, "activity_monthly", monthly, chunk)
        else:
            _sqlite_insert(raw, "activity_acts", acts, chunk)
            _sqlite_insert(raw, "activity_monthly", monthly, chunk)
        raw.commit()
    finally:
        raw.close()


def _copy(raw, table: str, frame: pd.DataFrame, chunk: int) -> None:
    cursor = raw.cursor()
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN WITH (FORMAT csv, NULL '\\N')") as copy:
        for start in range(0, len(frame), chunk):
            buffer = io.StringIO()
            frame.iloc[start:start + chunk].to_csv(buffer, header=False, index=False, na_rep="\\N")
            copy.write(buffer.getvalue().encode())
    cursor.close()


def _sqlite_insert(raw, table: str, frame: pd.DataFrame, chunk: int) -> None:
    cursor = raw.cursor()
    if not raw.in_transaction:
        cursor.execute("BEGIN")
    marks = ", ".join("?" for _ in frame.columns)
    sql = f"INSERT INTO {table} ({', '.join(frame.columns)}) VALUES ({marks})"
    for start in range(0, len(frame), chunk):
        part = frame.iloc[start:start + chunk].astype(object)
        part = part.where(part.notna(), None)
        for column in ("day", *SCOPES):
            if column in part:
                part[column] = part[column].map(lambda d: None if d is None else d.isoformat())
        if "month" in part:
            part["month"] = part["month"].map(lambda d: d.isoformat())
        if "recorded_at" in part:
            part["recorded_at"] = part["recorded_at"].map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S.%f"))
        if "reached" in part:
            part["reached"] = part["reached"].map(lambda v: None if v is None else int(bool(v)))
        cursor.executemany(sql, part.itertuples(index=False, name=None))
    cursor.close()

"""Reports of the activity record: per period, site and partner.

Whole months are read from the monthly counts (``activity_monthly``), the
days before the first whole month and after the last one from the acts; the
distinct people (distinct dossier references) are counted over the acts that
are a person's first of the period (``people.py``: no ``DISTINCT``).

Public names::

    activity_report(store, start, end, site=None, partner=None) -> ActivityReport
    partner_review(report) -> str     « 1 662 maintiens dans l'énergie, … »
    sites(store), partners(store)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
import sqlalchemy as sa

from ..dates import add_months
from ..errors import InputError
from ..formatting import number
from ..storage.schema import activity_acts, activity_monthly
from .people import scope_column
from .record import monthly_items
from .vocabulary import vocabulary

BASE_ITEMS = ("actes", "anonymes", "participants", "minutes", "tentatives", "joints")


@dataclass
class ActivityReport:
    """Figures of a period (counts are integers).

    ``totals``: ``personnes`` (distinct dossiers + anonymous visits),
    ``dossiers``, ``anonymes``, ``actes``, ``ateliers``, ``participants``,
    ``minutes``, ``tentatives`` and ``joints`` (outgoing mediation);
    ``contact_rate`` = joints / tentatives (None without attempt);
    ``kinds``, ``reasons``, ``outcomes``: {code: acts}; ``monthly``: one row
    per month (``actes``, ``personnes``, ``ateliers``, ``participants``,
    ``joints``, ``tentatives`` and one column per outcome ``r:<code>``);
    ``by_site`` and ``by_partner``: acts, people and outcomes per site / partner.
    """

    start: dt.date
    end: dt.date
    site: str | None
    partner: str | None
    totals: dict[str, int]
    contact_rate: Decimal | None
    kinds: dict[str, int]
    reasons: dict[str, int]
    outcomes: dict[str, int]
    monthly: pd.DataFrame
    by_site: pd.DataFrame
    by_partner: pd.DataFrame
    notes: list[str] = field(default_factory=list)

    def period_text(self) -> str:
        from ..formatting import date_fr

        return f"du {date_fr(self.start)} au {date_fr(self.end)}"


def _filters(table, site, partner) -> list:
    where = []
    if site:
        where.append(table.c.site == site)
    if partner is not None:
        where.append(table.c.partner == partner)
    return where


def _whole_months(start: dt.date, end: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """First and last month (first days) wholly inside [start, end], or (None, None)."""
    first = start if start.day == 1 else add_months(start.replace(day=1), 1)
    after_end = end + dt.timedelta(days=1)
    last_next = after_end.replace(day=1)
    if first >= last_next:
        return None, None
    return first, add_months(last_next, -1)


GROUPINGS = (("month",), ("site",), ("partner",))


def _summary_grouped(conn, first, last, site, partner, by: tuple[str, ...]) -> pd.DataFrame:
    """Monthly counts of whole months summed in the database by ``by`` and item."""
    t = activity_monthly
    columns = [t.c[name] for name in by]
    query = (sa.select(*columns, t.c.item, sa.func.sum(t.c.n))
             .where(t.c.month >= first, t.c.month <= last, *_filters(t, site, partner))
             .group_by(*columns, t.c.item))
    return pd.DataFrame(conn.execute(query).all(), columns=[*by, "item", "n"])


def _edge_items(conn, ranges, site, partner) -> pd.DataFrame:
    t = activity_acts
    records = []
    for lo, hi in ranges:
        query = sa.select(t.c.day, t.c.site, t.c.partner, t.c.kind, t.c.reasons, t.c.outcomes, t.c.participants,
                          t.c.duration_minutes, t.c.reached, t.c.dossier_ref) \
            .where(t.c.day >= lo, t.c.day <= hi, *_filters(t, site, partner))
        for row in conn.execute(query).mappings():
            head = (row["day"].replace(day=1), row["site"], row["partner"])
            records += [(*head, item, n) for item, n in monthly_items(row)]
    return pd.DataFrame(records, columns=["month", "site", "partner", "item", "n"])


def _month_start(conn, column):
    """The first day of the month of ``column``, comparable with a day."""
    if conn.dialect.name == "postgresql":
        return sa.cast(sa.func.date_trunc("month", column), sa.Date)
    return sa.func.substr(column, 1, 7) + "-01"


def _first_since(column, bound):
    """1 for an act that is its person's first since ``bound`` in the
    column's scope (no previous act, or one before ``bound``), else 0."""
    return sa.case((sa.or_(column.is_(None), column < bound), 1), else_=0)


def _people(conn, start, end, site, partner) -> tuple[int, dict, dict, dict]:
    """Distinct dossier references over the period, per month (within the
    period), per site and per partner, in one pass over the acts with a
    reference: an act counts a person when it is the person's first of the
    period in the scope (``people.py``), so no ``DISTINCT`` is needed."""
    t = activity_acts
    by_site, by_partner = bool(site), partner is not None
    own = t.c[scope_column(by_site, by_partner)]
    per_site_column = t.c[scope_column(True, by_partner)]
    per_partner_column = t.c[scope_column(by_site, True)]
    month = _month_start(conn, t.c.day)
    month_bound = sa.case((month < start, sa.literal(start, sa.Date)), else_=month)
    query = (sa.select(month.label("month"), t.c.site, t.c.partner,
                       sa.func.sum(_first_since(own, start)), sa.func.sum(_first_since(own, month_bound)),
                       sa.func.sum(_first_since(per_site_column, start)),
                       sa.func.sum(_first_since(per_partner_column, start)))
             .where(t.c.day >= start, t.c.day <= end, t.c.dossier_ref.is_not(None), *_filters(t, site, partner))
             .group_by(month, t.c.site, t.c.partner))
    counts = pd.DataFrame(conn.execute(query).all(),
                          columns=["month", "site", "partner", "total", "per_month", "per_site", "per_partner"])
    if counts.empty:
        return 0, {}, {}, {}
    counts["month"] = counts["month"].map(_month_key)
    per_month = counts.groupby("month")["per_month"].sum().astype(int).to_dict()
    per_site = {} if site else counts.groupby("site")["per_site"].sum().astype(int).to_dict()
    per_partner = counts.groupby("partner")["per_partner"].sum().astype(int).to_dict()
    return int(counts["total"].sum()), per_month, per_site, per_partner


def _month_key(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    return dt.date(int(str(value)[:4]), int(str(value)[5:7]), 1)


def _parse_period(start, end) -> tuple[dt.date, dt.date]:
    from ..inputs import parse_date

    start = parse_date(start, "debut", "Début de la période")
    end = parse_date(end, "fin", "Fin de la période")
    if end < start:
        raise InputError("fin", "Fin de la période", "la fin précède le début", "une date après le début")
    return start, end


def activity_report(store, start, end, site: str | None = None, partner: str | None = None) -> ActivityReport:
    """The figures of [start, end] (both included), for one site and/or one
    partner (``partner=""``: acts without partner), or all."""
    start, end = _parse_period(start, end)
    site = (site or "").strip() or None
    first, last = _whole_months(start, end)
    edges = [(start, end)] if first is None else [
        r for r in ((start, first - dt.timedelta(days=1)), (add_months(last, 1), end)) if r[0] <= r[1]]
    with store._read("préparer le bilan d'activité") as conn:  # noqa: SLF001
        edge = _edge_items(conn, edges, site, partner)
        grouped = []
        for by in GROUPINGS:
            parts = [edge.groupby([*by, "item"], as_index=False)["n"].sum()] if len(edge) else []
            if first is not None:
                parts.append(_summary_grouped(conn, first, last, site, partner, by))
            frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=[*by, "item", "n"])
            frame["n"] = frame["n"].astype("int64")
            grouped.append(frame)
        people, per_month, per_site, per_partner = _people(conn, start, end, site, partner)
    return _build(start, end, site, partner, grouped, people, per_month, per_site, per_partner)


def _pivot(items: pd.DataFrame, by: str) -> pd.DataFrame:
    if items.empty:
        return pd.DataFrame()
    return items.groupby([by, "item"])["n"].sum().unstack("item", fill_value=0)


def _build(start, end, site, partner, grouped, people, per_month, per_site, per_partner) -> ActivityReport:
    voc = vocabulary()
    items, items_site, items_partner = grouped
    items = items.assign(month=items["month"].map(_month_key)) if len(items) else items
    workshop_kinds = voc.workshop_kinds()
    total = items.groupby("item")["n"].sum().to_dict() if len(items) else {}
    kinds = {c: int(total.get(f"k:{c}", 0)) for c in voc.types}
    anonymous = int(total.get("anonymes", 0))
    totals = {"personnes": people + anonymous, "dossiers": people, "anonymes": anonymous,
              "actes": int(total.get("actes", 0)), "ateliers": int(sum(kinds.get(k, 0) for k in workshop_kinds)),
              "participants": int(total.get("participants", 0)), "minutes": int(total.get("minutes", 0)),
              "tentatives": int(total.get("tentatives", 0)), "joints": int(total.get("joints", 0))}
    rate = None
    if totals["tentatives"]:
        rate = (Decimal(totals["joints"]) / Decimal(totals["tentatives"])).quantize(Decimal("0.001"), ROUND_HALF_UP)
    reasons = {c: int(total.get(f"m:{c}", 0)) for c in voc.motifs}
    outcomes = {c: int(total.get(f"r:{c}", 0)) for c in voc.resultats}
    monthly = _monthly(items, start, end, per_month, workshop_kinds)
    by_site = _by(items_site, "site", per_site)
    by_partner = _by(items_partner, "partner", per_partner)
    return ActivityReport(start, end, site, partner, totals, rate, {c: int(kinds.get(c, 0)) for c in voc.types},
                          reasons, outcomes, monthly, by_site, by_partner)


def _monthly(items, start, end, per_month, workshop_kinds) -> pd.DataFrame:
    voc = vocabulary()
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    table = _pivot(items, "month").reindex(months, fill_value=0)
    workshop_items = [f"k:{k}" for k in workshop_kinds]
    ateliers = table[[c for c in workshop_items if c in table]].sum(axis=1) if len(table.columns) else \
        pd.Series(0, index=months)
    out = pd.DataFrame(index=pd.Index(months, name="mois"))
    for item in ("actes", "anonymes", "participants", "tentatives", "joints"):
        out[item] = table[item].astype("int64") if item in table else 0
    out["dossiers"] = [int(per_month.get(m, 0)) for m in months]
    out["personnes"] = out["dossiers"] + out["anonymes"]
    out["ateliers"] = ateliers.astype("int64").to_numpy()
    for code in voc.resultats:
        out[f"r:{code}"] = table[f"r:{code}"].astype("int64") if f"r:{code}" in table else 0
    return out


def _by(items, column, people) -> pd.DataFrame:
    voc = vocabulary()
    table = _pivot(items, column)
    out = pd.DataFrame(index=pd.Index(sorted(table.index) if len(table) else [], name=column))
    out["actes"] = table["actes"].astype("int64") if "actes" in table else 0
    out["anonymes"] = table["anonymes"].astype("int64") if "anonymes" in table else 0
    out["dossiers"] = [int(people.get(k, 0)) for k in out.index]
    for code in voc.resultats:
        out[f"r:{code}"] = table[f"r:{code}"].astype("int64") if f"r:{code}" in table else 0
    return out


def partner_review(report: ActivityReport, outcomes: list[str] | None = None) -> str:
    """The yearly review sentence: « 1 662 maintiens dans l'énergie, 510
    personnes sensibilisées à la maîtrise de l'énergie, 1 004 informations sur
    les tarifs sociaux » (every outcome counted, in the vocabulary's order,
    or those of ``outcomes``)."""
    voc = vocabulary()
    parts = []
    for code in outcomes or list(voc.resultats):
        n = report.outcomes.get(code, 0)
        if outcomes is None and n == 0:
            continue
        label = voc.resultats[code].singulier if n <= 1 else voc.resultats[code].pluriel
        parts.append(f"{number(n)} {label}")
    return ", ".join(parts)


def sites(store) -> list[str]:
    with store._read("lister les sites") as conn:  # noqa: SLF001
        return list(conn.execute(sa.select(activity_monthly.c.site).distinct().order_by(activity_monthly.c.site)).scalars())


def partners(store) -> list[str]:
    with store._read("lister les partenaires") as conn:  # noqa: SLF001
        return [p for p in conn.execute(sa.select(activity_monthly.c.partner).distinct()
                                        .order_by(activity_monthly.c.partner)).scalars() if p]

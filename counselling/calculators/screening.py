"""Screening of a partner listing: what can be computed for each household.

Input: a DataFrame with the fields of :mod:`counselling.imports.listing`
(``reference``, ``departement``, ``personnes``, ``rfr``,
``ressources_mensuelles``…; the reader is not imported here). For each row:

* the likely chèque énergie (vectorised :func:`cheque_energie_many`), for
  rows with a valid RFR and household size;
* the FSL resource screening in its département (vectorised :func:`fsl_many`);
* any column added by a registered hook (:func:`register_column`), such as
  the position in the unpaid-bill procedure, built elsewhere and plugged in
  later without changing this module.

Rows that cannot be computed keep empty values and a French reason in
``motif``; nothing is dropped. Work is done in chunks so that a dashboard can
draw a progress bar through the ``progress`` callback (no widget here).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np
import pandas as pd

from .. import territories
from ..errors import CounsellingError, quote
from ..formatting import listed
from ..inputs import parse_date, parse_int
from .cheque_energie import cheque_energie_many
from .fsl import CRITERION_CATEGORIES, STATUS_CATEGORIES, fsl_many

# name → function(frame: DataFrame, on: date) -> Series or DataFrame (same index)
ColumnHook = Callable[[pd.DataFrame, dt.date], "pd.Series | pd.DataFrame"]
COLUMN_HOOKS: dict[str, ColumnHook] = {}
Progress = Callable[[int, int, str], None]
TERRITORY_COLUMNS = ("departement", "code_postal", "commune")


def register_column(name: str, func: ColumnHook) -> None:
    """Add a column computed for every screened listing (e.g. the position in
    the unpaid-bill procedure). ``func(frame, on)`` returns a Series (one
    column named ``name``) or a DataFrame (its columns prefixed ``name_``)."""
    COLUMN_HOOKS[name] = func


def unregister_column(name: str) -> None:
    COLUMN_HOOKS.pop(name, None)


def _procedure_hook(frame: pd.DataFrame, on: dt.date) -> pd.DataFrame:
    """Position in the unpaid-bill procedure, from ``date_premiere_relance``
    when the listing has it (columns ``procedure_impayes_etape``, ``…_reduction_au_plus_tot``,
    ``…_coupure_au_plus_tot``)."""
    from .procedure import procedure_position_many

    if "date_premiere_relance" not in frame.columns:
        return pd.DataFrame(index=frame.index)
    return procedure_position_many(frame["date_premiere_relance"], on)


register_column("procedure_impayes", _procedure_hook)


def screen(frame: pd.DataFrame, *, year, on, volet: str = "energie", progress: Progress | None = None,
           extra_columns: dict[str, ColumnHook] | None = None, chunk_size: int = 50_000) -> pd.DataFrame:
    """Chèque énergie and FSL screening of every household of a listing.

    Parameters
    ----------
    frame : pandas.DataFrame
        Rows of the listing (our field names). A ``valide`` column, if present,
        leaves invalid rows uncomputed (with a reason).
    year : int
        Chèque énergie campaign year (RFR of year N-2).
    on : date
        Date of the screening (FSL règlement in force that day).
    volet : str
        FSL volet screened (default ``energie``).
    progress : callable, optional
        ``progress(done, total, step)`` called after each chunk. [lignes]
    extra_columns : dict, optional
        Hooks for this call only, added to the registered ones.
    chunk_size : int
        Rows per chunk. [lignes]

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``cheque_montant`` [€/an, whole euros (Int64), NA if not
        computable], ``cheque_eligible``, ``cheque_tranche``, ``fsl_statut``,
        ``fsl_statut_ressources``, ``fsl_plafond_ressources`` [€/mois],
        ``fsl_aide_max`` [€], hook columns, and ``motif`` (why something was
        not computed). ``attrs["avertissements"]`` lists warnings.
    """
    year = parse_int(year, "annee", "Année de la campagne du chèque énergie")
    on = parse_date(on, "on", "Date du criblage")
    chunk_size = parse_int(chunk_size, "chunk_size", "Taille des paquets", minimum=1)
    missing = [c for c in ("personnes",) if c not in frame.columns]
    if not any(c in frame.columns for c in TERRITORY_COLUMNS):
        missing.insert(0, "departement (ou code_postal, ou commune)")
    if missing:
        from ..errors import InputError

        raise InputError("colonnes", "Colonnes du listing",
                         listed(missing, "colonne absente", "colonnes absentes"),
                         "les champs departement (ou code_postal, ou commune) et personnes (voir "
                         "counselling.imports.listing)")
    territory_problems = None
    if "departement" not in frame.columns:
        frame, territory_problems = _with_territory(frame)
    hooks = {**COLUMN_HOOKS, **(extra_columns or {})}
    dept = frame["departement"]
    if not isinstance(dept.dtype, pd.CategoricalDtype):
        dept = dept.astype("category")  # each row hashed once, not once per chunk
    total = len(frame)
    steps = max(1, -(-total // chunk_size))
    parts, warnings = [], []
    for number, start in enumerate(range(0, max(total, 1), chunk_size), start=1):
        chunk = frame.iloc[start:start + chunk_size]
        out, notes = _screen_chunk(chunk, year, on, volet, hooks, dept.iloc[start:start + chunk_size])
        parts.append(out)
        warnings += [n for n in notes if n not in warnings]
        if progress is not None:
            progress(min(start + chunk_size, total), total, f"paquet {number}/{steps}")
    result = pd.concat(parts) if parts else frame.copy()
    if territory_problems is not None:
        bad = territory_problems != ""
        result.loc[bad, "motif"] = np.where(result.loc[bad, "motif"] == "", territory_problems[bad],
                                            territory_problems[bad] + " ; " + result.loc[bad, "motif"])
    result.attrs["avertissements"] = warnings
    return result


def _with_territory(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Add the ``departement`` column (FSL territory) from ``code_postal``
    and/or ``commune``: (frame, French problem per row, "" when found)."""
    query = pd.Series("", index=frame.index, dtype="object")
    for name in ("code_postal", "commune"):
        if name in frame.columns:
            query = query + " " + frame[name].astype("string").fillna("").astype(str)
    rows = territories.resolve_many(query.str.strip(), None, "code_postal", "Code postal")
    problems = pd.Series([f"territoire : {r[1]}" if r[1] else "" for r in rows], index=frame.index)
    codes = pd.Series([r[0] for r in rows], index=frame.index, dtype="string")
    return frame.assign(departement=codes), problems


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def _spread(values, mask: np.ndarray, index: pd.Index, kind: str) -> pd.Series:
    """A column of ``len(mask)`` rows: ``values`` on the rows of ``mask``,
    missing elsewhere (``kind``: Int64, boolean, float or category)."""
    n = len(mask)
    if n and mask.all() and kind != "Int64" and kind != "boolean":
        return values.set_axis(index)
    if n and mask.all():
        return pd.Series(values.to_numpy(), index=index, dtype=kind)
    if kind == "category":
        codes = np.full(n, -1, dtype=np.int64)
        codes[mask] = values.cat.codes.to_numpy()
        return pd.Series(pd.Categorical.from_codes(codes, values.cat.categories), index=index)
    if kind == "float":
        full = np.full(n, np.nan)
        full[mask] = values.to_numpy(dtype=np.float64)
        return pd.Series(full, index=index)
    full = np.zeros(n, dtype=np.int64 if kind == "Int64" else bool)
    full[mask] = values.to_numpy()
    array = pd.arrays.IntegerArray(full, ~mask) if kind == "Int64" else pd.arrays.BooleanArray(full, ~mask)
    return pd.Series(array, index=index)


def _screen_chunk(chunk: pd.DataFrame, year: int, on: dt.date, volet: str, hooks,
                  dept: pd.Series | None = None) -> tuple[pd.DataFrame, list]:
    out = chunk.copy()
    notes: list[str] = []
    reasons = np.full(len(chunk), "", dtype=object)
    valid = chunk["valide"].to_numpy(dtype=bool) if "valide" in chunk.columns else np.ones(len(chunk), bool)

    def add_reason(mask: np.ndarray, text: str) -> None:
        reasons[mask] = np.where(reasons[mask] == "", text, reasons[mask] + " ; " + text)

    add_reason(~valid, "ligne invalide dans le listing")

    # chèque énergie
    rfr, persons = _col(chunk, "rfr").to_numpy(), _col(chunk, "personnes").to_numpy()
    alt = np.nan_to_num(_col(chunk, "enfants_residence_alternee").to_numpy(), nan=0.0)
    with np.errstate(invalid="ignore"):
        ok = valid & ~np.isnan(rfr) & (rfr >= 0) & ~np.isnan(persons) & (persons >= 1) & (alt <= persons - 1)
    add_reason(valid & np.isnan(rfr), "chèque énergie : revenu fiscal de référence manquant")
    montant = tranche = pd.Series(np.zeros(0, dtype=np.int64))
    eligible = pd.Series(np.zeros(0, dtype=bool))
    done = np.zeros(len(chunk), dtype=bool)
    if ok.any():
        try:
            cheque = cheque_energie_many(year, rfr[ok], persons[ok].astype("int64"), alt[ok].astype("int64"))
        except CounsellingError as exc:
            notes.append(f"Chèque énergie non calculé : {exc}")
        else:
            montant, eligible, tranche, done = cheque["montant"], cheque["eligible"], cheque["tranche"], ok
            notes += cheque.attrs.get("avertissements", [])
    out["cheque_montant"] = _spread(montant, done, chunk.index, "Int64")  # whole euros, exact
    out["cheque_eligible"] = _spread(eligible, done, chunk.index, "boolean")
    out["cheque_tranche"] = _spread(tranche, done, chunk.index, "Int64")

    # FSL
    dept = chunk["departement"] if dept is None else dept
    fsl_rows = valid & dept.notna().to_numpy()
    statut, statut_res = pd.Series(pd.Categorical([], categories=STATUS_CATEGORIES)), \
        pd.Series(pd.Categorical([], categories=CRITERION_CATEGORIES))
    ceiling = aid = pd.Series(np.zeros(0))
    ask = pd.Series(pd.Categorical([], categories=[""]))
    if fsl_rows.any():
        sub = chunk[fsl_rows] if not fsl_rows.all() else chunk
        optional = {name: _col(sub, name) if name in sub.columns else None
                    for name in ("adultes", "enfants", "quotient")}
        fsl = fsl_many(dept[fsl_rows] if not fsl_rows.all() else dept, _col(sub, "ressources_mensuelles"), on,
                       volet=volet, personnes=_col(sub, "personnes"), **optional)
        statut, statut_res = fsl["statut"], fsl["statut_ressources"]
        ceiling, aid, ask = fsl["plafond_ressources"], fsl["aide_max"], fsl["a_demander"]
        notes += fsl.attrs.get("avertissements", [])
    out["fsl_statut"] = _spread(statut, fsl_rows, chunk.index, "category")
    out["fsl_statut_ressources"] = _spread(statut_res, fsl_rows, chunk.index, "category")
    out["fsl_plafond_ressources"] = _spread(ceiling, fsl_rows, chunk.index, "float")
    out["fsl_aide_max"] = _spread(aid, fsl_rows, chunk.index, "float")
    out["fsl_a_demander"] = _spread(ask, fsl_rows, chunk.index, "category")
    unknown = out["fsl_statut"].cat.codes.to_numpy() == STATUS_CATEGORIES.index("departement_inconnu")
    add_reason(unknown, "FSL : pas de règlement de ce département dans le kit")

    for name, hook in hooks.items():
        try:
            value = hook(chunk, on)
        except CounsellingError as exc:
            notes.append(f"Colonne {quote(name)} non calculée : {exc}")
            out[name] = pd.NA
            continue
        if isinstance(value, pd.DataFrame):
            for column in value.columns:
                out[f"{name}_{column}"] = value[column].reindex(chunk.index)
        else:
            out[name] = pd.Series(value, index=chunk.index) if not isinstance(value, pd.Series) \
                else value.reindex(chunk.index)
    out["motif"] = pd.Series(reasons, index=chunk.index, dtype="object")
    return out, notes

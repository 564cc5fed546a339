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

from ..errors import CounsellingError, quote
from ..inputs import parse_date, parse_int
from .cheque_energie import cheque_energie_many
from .fsl import fsl_many

# name → function(frame: DataFrame, on: date) -> Series or DataFrame (same index)
ColumnHook = Callable[[pd.DataFrame, dt.date], "pd.Series | pd.DataFrame"]
COLUMN_HOOKS: dict[str, ColumnHook] = {}
Progress = Callable[[int, int, str], None]


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
    missing = [c for c in ("departement", "personnes") if c not in frame.columns]
    if missing:
        from ..errors import InputError

        raise InputError("colonnes", "Colonnes du listing", "colonne(s) absente(s) : " + ", ".join(missing),
                         "les champs departement et personnes (voir counselling.imports.listing)")
    hooks = {**COLUMN_HOOKS, **(extra_columns or {})}
    total = len(frame)
    steps = max(1, -(-total // chunk_size))
    parts, warnings = [], []
    for number, start in enumerate(range(0, max(total, 1), chunk_size), start=1):
        chunk = frame.iloc[start:start + chunk_size]
        out, notes = _screen_chunk(chunk, year, on, volet, hooks)
        parts.append(out)
        warnings += [n for n in notes if n not in warnings]
        if progress is not None:
            progress(min(start + chunk_size, total), total, f"paquet {number}/{steps}")
    result = pd.concat(parts) if parts else frame.copy()
    result.attrs["avertissements"] = warnings
    return result


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return pd.Series(np.nan, index=frame.index, dtype="float64")


def _screen_chunk(chunk: pd.DataFrame, year: int, on: dt.date, volet: str, hooks) -> tuple[pd.DataFrame, list]:
    out = chunk.copy()
    notes: list[str] = []
    reasons = pd.Series("", index=chunk.index, dtype="object")
    valid = chunk["valide"].astype(bool) if "valide" in chunk.columns else pd.Series(True, index=chunk.index)

    def add_reason(mask: pd.Series, text: str) -> None:
        reasons.loc[mask] = np.where(reasons.loc[mask] == "", text, reasons.loc[mask] + " ; " + text)

    add_reason(~valid, "ligne invalide dans le listing")

    # chèque énergie
    rfr, persons = _col(chunk, "rfr"), _col(chunk, "personnes")
    alt = _col(chunk, "enfants_residence_alternee").fillna(0)
    ok = valid & rfr.notna() & (rfr >= 0) & persons.notna() & (persons >= 1) & (alt <= persons - 1)
    add_reason(valid & rfr.isna(), "chèque énergie : revenu fiscal de référence manquant")
    out["cheque_montant"] = pd.Series(pd.NA, index=chunk.index, dtype="Int64")  # whole euros, exact
    out["cheque_eligible"] = pd.Series(pd.NA, index=chunk.index, dtype="boolean")
    out["cheque_tranche"] = pd.Series(pd.NA, index=chunk.index, dtype="Int64")
    if ok.any():
        try:
            cheque = cheque_energie_many(year, rfr[ok], persons[ok].astype("int64"), alt[ok].astype("int64"))
        except CounsellingError as exc:
            notes.append(f"Chèque énergie non calculé : {exc}")
        else:
            out.loc[ok, "cheque_montant"] = cheque["montant"].astype("Int64")
            out.loc[ok, "cheque_eligible"] = cheque["eligible"]
            out.loc[ok, "cheque_tranche"] = cheque["tranche"]
            notes += cheque.attrs.get("avertissements", [])

    # FSL
    dept = chunk["departement"].astype("string")
    fsl_rows = valid & dept.notna()
    out["fsl_statut"] = pd.Series(pd.NA, index=chunk.index, dtype="string")
    out["fsl_statut_ressources"] = pd.Series(pd.NA, index=chunk.index, dtype="string")
    out["fsl_plafond_ressources"] = np.nan
    out["fsl_aide_max"] = np.nan
    if fsl_rows.any():
        sub = chunk[fsl_rows]
        fsl = fsl_many(dept[fsl_rows], _col(sub, "ressources_mensuelles"), on, volet=volet,
                       personnes=_col(sub, "personnes"), adultes=_col(sub, "adultes"),
                       enfants=_col(sub, "enfants"), quotient=_col(sub, "quotient"))
        out.loc[fsl_rows, "fsl_statut"] = fsl["statut"]
        out.loc[fsl_rows, "fsl_statut_ressources"] = fsl["statut_ressources"]
        out.loc[fsl_rows, "fsl_plafond_ressources"] = fsl["plafond_ressources"]
        out.loc[fsl_rows, "fsl_aide_max"] = fsl["aide_max"]
        notes += fsl.attrs.get("avertissements", [])
        unknown = out["fsl_statut"] == "departement_inconnu"
        add_reason(unknown.fillna(False), "FSL : pas de règlement de ce département dans le kit")

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
    out["motif"] = reasons
    return out, notes

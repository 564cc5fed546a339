"""The activity report as tables (French headers), CSV and Excel.

Every text cell goes through :func:`neutralise`: a value that a spreadsheet
would read as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage return at
the start) is written with a leading apostrophe, so a site or partner name
typed as ``=HYPERLINK(…)`` stays text. (When ``counselling/exports/tabular.py``
lands on main, this module should use it instead of its own function.)
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import pandas as pd

from ..activity.report import ActivityReport
from ..activity.vocabulary import vocabulary
from ..formatting import date_fr

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TOTAL_LABELS = {"personnes": "Personnes reçues (dossiers distincts + passages anonymes)",
                "dossiers": "Personnes suivies (dossiers distincts)", "anonymes": "Passages anonymes",
                "actes": "Actes", "ateliers": "Ateliers collectifs", "participants": "Participants aux ateliers",
                "minutes": "Temps passé (minutes)", "tentatives": "Médiation sortante : tentatives de contact",
                "joints": "Médiation sortante : personnes jointes"}
MONTHLY_LABELS = {"actes": "Actes", "personnes": "Personnes reçues", "dossiers": "Dossiers distincts",
                  "anonymes": "Passages anonymes", "ateliers": "Ateliers", "participants": "Participants",
                  "tentatives": "Tentatives de contact", "joints": "Personnes jointes"}


def neutralise(value):
    """A cell value that a spreadsheet cannot run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _neutral(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if not pd.api.types.is_numeric_dtype(out[column]):
            out[column] = out[column].astype(object).map(neutralise)
    return out


def _outcome_label(column: str, short: bool = False) -> str:
    if not column.startswith("r:"):
        return MONTHLY_LABELS.get(column, column)
    outcome = vocabulary().resultats[column[2:]]
    return outcome.court if short else outcome.label


def report_tables(report: ActivityReport, short: bool = False) -> dict[str, pd.DataFrame]:
    """The report as named tables: « Synthèse », « Par mois », « Par site »,
    « Par partenaire », « Motifs », « Résultats », « Types d'actes »
    (``short``: short outcome labels in the headers, for a printed page)."""
    voc = vocabulary()

    def label(column: str) -> str:
        return _outcome_label(column, short)

    summary = [("Période", report.period_text()), ("Site", report.site or "Tous les sites"),
               ("Partenaire", "Tous" if report.partner is None else (report.partner or "Sans partenaire"))]
    summary += [(TOTAL_LABELS[k], v) for k, v in report.totals.items()]
    rate = "" if report.contact_rate is None else f"{report.contact_rate * 100:.1f} %".replace(".", ",")
    summary.append(("Médiation sortante : taux de contact", rate))
    monthly = report.monthly.copy()
    monthly.index = [date_fr(m).removeprefix("1er ") for m in monthly.index]
    monthly = monthly.rename(columns=label).rename_axis("Mois").reset_index()

    def per(frame: pd.DataFrame, name: str) -> pd.DataFrame:
        out = frame.copy()
        if name == "Partenaire":
            out.index = [p or "(sans partenaire)" for p in out.index]
        return out.rename(columns=label).rename_axis(name).reset_index()

    return {
        "Synthèse": pd.DataFrame(summary, columns=["Indicateur", "Valeur"]),
        "Par mois": monthly,
        "Par site": per(report.by_site, "Site"),
        "Par partenaire": per(report.by_partner, "Partenaire"),
        "Motifs": pd.DataFrame([(voc.motifs[c].label, n) for c, n in report.reasons.items()],
                               columns=["Motif", "Actes"]),
        "Résultats": pd.DataFrame([(voc.resultats[c].label, n) for c, n in report.outcomes.items()],
                                  columns=["Résultat", "Actes"]),
        "Types d'actes": pd.DataFrame([(voc.types[c].label, n) for c, n in report.kinds.items()],
                                      columns=["Type d'acte", "Actes"]),
    }


def write_csv(report: ActivityReport, target) -> None:
    """One CSV (``;``, UTF-8 with BOM for Excel): each table under its title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for name, table in report_tables(report).items():
        table = _neutral(table)
        writer.writerow([name])
        writer.writerow(list(table.columns))
        writer.writerows(table.itertuples(index=False, name=None))
        writer.writerow([])
    data = "\ufeff" + buffer.getvalue()
    _write(target, data.encode("utf-8"))


def write_frame_csv(frame: pd.DataFrame, target) -> None:
    """A single table as CSV (``;``, UTF-8 with BOM), formulas neutralised
    (the partner's return file, the wrong numbers)."""
    data = "\ufeff" + _neutral(frame).to_csv(sep=";", index=False, lineterminator="\r\n")
    _write(target, data.encode("utf-8"))


def write_xlsx(report: ActivityReport, target) -> None:
    """An Excel workbook, one sheet per table, formulas neutralised."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as excel:
        for name, table in report_tables(report).items():
            _neutral(table).to_excel(excel, sheet_name=name[:31], index=False)
            sheet = excel.sheets[name[:31]]
            for cells in sheet.columns:
                width = max(len(str(c.value or "")) for c in cells)
                sheet.column_dimensions[cells[0].column_letter].width = min(60, max(10, width + 2))
    _write(target, buffer.getvalue())


def _write(target, data: bytes) -> None:
    if hasattr(target, "write"):
        target.write(data)
    else:
        Path(os.fspath(target)).write_bytes(data)

"""Reader of a GRDF / Gazpar consumption export (CSV or Excel).

The record fields are documented (``energy-facts.md`` §6.2, from the GRDF
ADICT API and the monespace.grdf.fr download): reading start and end dates,
start and end index (m³), gross volume (m³), energy (kWh), conversion
coefficient (kWh/m³), qualification (« Mesuré », « Estimé »), status.
THE EXACT COLUMN HEADERS OF THE DOWNLOADED FILE ARE OUR ASSUMPTION (no
sample file was available): the reader therefore recognises each column by
keywords, accents and case ignored, e.g. « Date de début » / « dateDebutReleve »,
« Index de fin (m³) » / « indexFin », « Volume consommé (m³) » /
« volumeBrutConsomme », « Énergie consommée (kWh) » / « energieConsomme »,
« Coefficient de conversion » / « coeffConversion ». A daily file with one
date column (« Journée gazière », « Date ») is read as one-day periods.

Checks (reported in ``anomalies``, never silently corrected): volume different
from end index − start index, energy different from volume × coefficient by
more than 1 kWh (rounding), an index that does not follow on from the period
before, an index lower than the one before (meter change or error).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import Decimal

import pandas as pd

from ..errors import InputError, clip
from ..formatting import number as _n
from ..inputs import parse_date, parse_decimal
from . import FileImportError, normalise, os_problem, read_text, too_big

KIND = "GRDF"
COLUMNS = {
    "debut": ("date de debut", "datedebutreleve", "debut", "date debut"),
    "fin": ("date de fin", "datefinreleve", "fin", "date fin"),
    "jour": ("journee gaziere", "journeegaziere", "date", "jour"),
    "index_debut": ("index de debut", "indexdebut", "index debut"),
    "index_fin": ("index de fin", "indexfin", "index fin"),
    "volume_m3": ("volume consomme", "volumebrutconsomme", "volume brut", "volume"),
    "energie_kwh": ("energie consommee", "energieconsomme", "energie", "consommation"),
    "coefficient": ("coefficient de conversion", "coeffconversion", "coefficient", "coef"),
    "qualification": ("qualification du releve", "qualificationreleve", "qualification"),
    "statut": ("statut", "status"),
}
REQUIRED_ANY = ("volume_m3", "energie_kwh", "index_fin")
#: Largest GRDF file read [octets]: two centuries of daily readings (the
#: dates the kit accepts) fit in about 6 Mo; a real export is under 100 Ko.
GRDF_MAX_BYTES = 8 * 1024 * 1024
#: Energy is printed rounded to the kWh: a gap up to 1 kWh with volume ×
#: coefficient is rounding, beyond it the line is flagged (method choice).
KWH_TOLERANCE = Decimal(1)
EXPECTED = ("un export de consommation GRDF avec une ligne d'en-tête : Date de début;Date de fin;"
            "Index de début (m³);Index de fin (m³);Volume consommé (m³);Coefficient de conversion;"
            "Énergie consommée (kWh)")


@dataclass
class GrdfExport:
    """Periods read from a GRDF file.

    ``data`` columns: ``debut``, ``fin`` (dates; ``fin`` excluded), ``jours``,
    ``index_debut``, ``index_fin``, ``volume_m3``, ``coefficient``,
    ``energie_kwh`` (Decimal or None), ``qualification``, ``statut``, ``ligne``.
    """

    data: pd.DataFrame
    anomalies: list[str] = field(default_factory=list)
    fichier: str | None = None

    def total_kwh(self) -> Decimal:
        """Sum of the energy column. [kWh]"""
        return sum((v for v in self.data["energie_kwh"] if v is not None), Decimal(0))

    def total_m3(self) -> Decimal:
        """Sum of the volume column. [m³]"""
        return sum((v for v in self.data["volume_m3"] if v is not None), Decimal(0))

    def readings(self) -> list[dict]:
        """Index readings ``{"date", "index"}`` for
        ``counselling.calculators.consumption.consumption_from_readings``
        (unit m³), when the file has index columns."""
        rows = []
        for record in self.data.itertuples():
            if record.index_debut is not None and (not rows or rows[-1]["date"] != record.debut):
                rows.append({"date": record.debut, "index": record.index_debut})
            if record.index_fin is not None:
                rows.append({"date": record.fin, "index": record.index_fin})
        unique = {}
        for row in rows:
            unique.setdefault(row["date"], row)
        return list(unique.values())


def _match(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    squeezed = [h.replace(" ", "") for h in header]
    for key, words in COLUMNS.items():
        for position, (cell, compact) in enumerate(zip(header, squeezed)):
            if position in found.values():
                continue
            base = re.sub(r"\(.*?\)", "", cell).strip()
            if any(base == w or compact.startswith(w.replace(" ", "")) or base.startswith(w + " ")
                   for w in words):
                found[key] = position
                break
    return found


def _to_frame(source, name):
    """Raw cells as strings, with file line numbers, from CSV or Excel."""
    raw = None
    if isinstance(source, (str, os.PathLike)) and not (isinstance(source, str) and "\n" in source):
        size = os.stat(source).st_size if str(source).strip() else 0
        if size > GRDF_MAX_BYTES:
            raise too_big(KIND, name, size, GRDF_MAX_BYTES)
    if isinstance(source, (bytes, bytearray)):
        raw = bytes(source)
    elif hasattr(source, "read"):
        raw = source.read()
        raw = raw.encode("utf-8") if isinstance(raw, str) else raw
    elif isinstance(source, str) and "\n" not in source and source.lower().endswith((".xlsx", ".xlsm")):
        with open(source, "rb") as handle:
            raw = handle.read()
    elif not isinstance(source, str) and str(source).lower().endswith((".xlsx", ".xlsm")):
        with open(source, "rb") as handle:
            raw = handle.read()
    if raw is not None and raw[:2] == b"PK":  # an Excel workbook (zip)
        try:
            table = pd.read_excel(io.BytesIO(raw), header=None, dtype=str)
        except Exception as exc:  # noqa: BLE001 (any unreadable workbook)
            raise FileImportError(KIND, name, f"classeur Excel illisible ({type(exc).__name__})",
                                  EXPECTED) from None
        table = table.fillna("")
        rows = [[_excel_cell(c) for c in row] for row in table.itertuples(index=False)]
        return rows
    if raw is not None and len(raw) > GRDF_MAX_BYTES:
        raise too_big(KIND, name, len(raw), GRDF_MAX_BYTES)
    text, _ = read_text(raw if raw is not None else source, KIND, max_bytes=GRDF_MAX_BYTES)
    sample = "\n".join(text.splitlines()[:40])
    sep = ";" if ";" in sample else ("\t" if "\t" in sample else ",")
    return [line.split(sep) for line in text.splitlines()]


def _excel_cell(value) -> str:
    text = str(value).strip()
    return text[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d 00:00:00", text) else text


@lru_cache(maxsize=65536)
def _number_cell(text: str, label: str) -> tuple[Decimal | None, str, str]:
    """Value, problem and expectation of a number cell (cached: GRDF files
    repeat volumes and coefficients)."""
    try:
        return parse_decimal(text, "fichier", label, minimum=Decimal(0),
                             expected=f"{label} en chiffres, positif, par exemple 12345 ou 11,12"), "", ""
    except InputError as error:
        return None, error.problem, error.expected


@lru_cache(maxsize=65536)
def _date_cell(text: str, label: str) -> tuple[dt.date | None, str]:
    """Day and problem of a date cell (cached: each end date is the next start)."""
    try:
        return parse_date(text, "fichier", label), ""
    except InputError as error:
        return None, error.problem


def _decimal(text: str, line: int, label: str, name) -> Decimal | None:
    """A number cell through the kit's parser (both conventions, ambiguous
    writings and absurd magnitudes refused); None when empty."""
    if not text.strip():
        return None
    value, problem, expected = _number_cell(text.strip()[:200], label)
    if problem:
        raise FileImportError(KIND, name, f"{label} : {problem}", expected, line=line)
    return value


def _date(text: str, line: int, label: str, name) -> dt.date:
    """A date cell (a time after it ignored) through the kit's date parser."""
    day, problem = _date_cell(text.strip()[:40], label)
    if problem:
        raise FileImportError(KIND, name, f"{label} : {problem}",
                              "une date JJ/MM/AAAA, par exemple 01/02/2026", line=line)
    return day


def read_grdf(source) -> GrdfExport:
    """Read a GRDF consumption export (CSV with ``;`` or ``,``, or Excel).

    Raises
    ------
    FileImportError
        Empty file, no recognisable header line, a date or number that cannot
        be read, an end date before the start date, periods out of order; in
        French, with the line number.
    """
    name = getattr(source, "name", None) if hasattr(source, "read") else (
        None if isinstance(source, (bytes, bytearray)) or (isinstance(source, str) and "\n" in source)
        else str(source).replace("\\", "/").rsplit("/", 1)[-1])
    try:
        rows = _to_frame(source, name)
    except OSError as exc:
        raise FileImportError(KIND, name, f"le fichier ne peut pas être ouvert ({os_problem(exc)})",
                              "un fichier présent et lisible") from None
    if not any(any(c.strip() for c in row) for row in rows):
        raise FileImportError(KIND, name, "le fichier est vide", EXPECTED)
    header_at = columns = None
    for number, row in enumerate(rows[:40]):
        found = _match([normalise(c) for c in row])
        has_dates = "jour" in found or ("debut" in found and "fin" in found)
        if has_dates and any(k in found for k in REQUIRED_ANY):
            header_at, columns = number, found
            break
    if header_at is None:
        first = clip(";".join(rows[0]), 60)
        raise FileImportError(KIND, name, f"ce fichier ne ressemble pas à un export de consommation GRDF "
                              f"(aucune ligne d'en-tête avec des dates et des volumes ou de l'énergie ; "
                              f"première ligne : « {first} »)", EXPECTED)
    if "debut" in columns and "fin" in columns:
        columns.pop("jour", None)
    width = len(rows[header_at])
    records = []
    anomalies: list[str] = []
    for number in range(header_at + 1, len(rows)):
        line = number + 1
        row = rows[number]
        if not any(c.strip() for c in row):
            continue
        if len(row) < width and any(c.strip() for c in row):
            raise FileImportError(KIND, name, f"ligne incomplète ({len(row)} champs au lieu de {width}) : "
                                  "fichier tronqué ?", f"{width} champs comme l'en-tête", line=line)

        def cell(key):
            return row[columns[key]] if key in columns and columns[key] < len(row) else ""

        if "jour" in columns:
            start = _date(cell("jour"), line, "la journée gazière", name)
            end = start + dt.timedelta(days=1)
        else:
            start = _date(cell("debut"), line, "la date de début", name)
            end = _date(cell("fin"), line, "la date de fin", name)
        if end <= start:
            raise FileImportError(KIND, name, f"la date de fin ({end:%d/%m/%Y}) n'est pas après la date de "
                                  f"début ({start:%d/%m/%Y})", "une fin après le début", line=line)
        record = {"debut": start, "fin": end, "jours": (end - start).days,
                  "index_debut": _decimal(cell("index_debut"), line, "l'index de début", name),
                  "index_fin": _decimal(cell("index_fin"), line, "l'index de fin", name),
                  "volume_m3": _decimal(cell("volume_m3"), line, "le volume", name),
                  "coefficient": _decimal(cell("coefficient"), line, "le coefficient de conversion", name),
                  "energie_kwh": _decimal(cell("energie_kwh"), line, "l'énergie", name),
                  "qualification": cell("qualification").strip() or None,
                  "statut": cell("statut").strip() or None, "ligne": line}
        _check_record(record, records[-1] if records else None, anomalies, name)
        records.append(record)
    if not records:
        raise FileImportError(KIND, name, "aucune ligne de consommation après l'en-tête (fichier tronqué ?)",
                              "au moins une période de consommation", line=header_at + 1)
    frame = pd.DataFrame.from_records(records)
    frame = frame.astype({c: object for c in ("index_debut", "index_fin", "volume_m3", "coefficient",
                                              "energie_kwh")})
    frame = frame.where(frame.notna(), None)
    return GrdfExport(data=frame, anomalies=anomalies, fichier=name)


def _check_record(record: dict, before: dict | None, anomalies: list[str], name) -> None:
    line = record["ligne"]
    start, end = record["index_debut"], record["index_fin"]
    volume, coef, energy = record["volume_m3"], record["coefficient"], record["energie_kwh"]
    if before is not None and record["debut"] < before["fin"]:
        raise FileImportError(KIND, name, f"la période du {record['debut']:%d/%m/%Y} commence avant la fin de "
                              f"la précédente ({before['fin']:%d/%m/%Y}, ligne {before['ligne']})",
                              "des périodes dans l'ordre, sans chevauchement", line=line)
    if start is not None and end is not None:
        if end < start:
            anomalies.append(f"Ligne {line} : l'index de fin ({_n(end)} m³) est plus petit que l'index de début "
                             f"({_n(start)} m³) : changement de compteur ou erreur, à vérifier.")
        elif volume is not None and volume != end - start:
            anomalies.append(f"Ligne {line} : volume {_n(volume)} m³ alors que les index donnent "
                             f"{_n(end)} − {_n(start)} = {_n(end - start)} m³, à vérifier.")
    if before is not None and start is not None and before["index_fin"] is not None:
        if start < before["index_fin"]:
            anomalies.append(f"Ligne {line} : l'index de début ({_n(start)} m³) est plus petit que l'index de fin "
                             f"de la période précédente ({_n(before['index_fin'])} m³, ligne {before['ligne']}) : "
                             "changement de compteur ou erreur, à vérifier.")
        elif start != before["index_fin"]:
            anomalies.append(f"Ligne {line} : l'index de début ({_n(start)} m³) ne suit pas l'index de fin de la "
                             f"période précédente ({_n(before['index_fin'])} m³, ligne {before['ligne']}) : "
                             "période manquante ?")
    if before is not None and record["debut"] > before["fin"]:
        anomalies.append(f"Ligne {line} : aucune donnée du {before['fin']:%d/%m/%Y} au "
                         f"{record['debut']:%d/%m/%Y} (période manquante).")
    if volume is not None and coef is not None and energy is not None:
        expected = volume * coef
        if abs(expected - energy) > KWH_TOLERANCE:
            anomalies.append(f"Ligne {line} : énergie {_n(energy)} kWh alors que {_n(volume)} m³ × {_n(coef)} = "
                             f"{_n(expected)} kWh, à vérifier.")

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

A well-formed CSV file is read column by column (about twice a bare
``pandas.read_csv``; numbers kept as exact integer units, the frame of
Decimal built when ``data`` is first asked); any other file, and any file
with a bad cell, goes through the cell-by-cell reader, which names the column
and the line. ``tests/imports/test_grdf_fast.py`` checks both agree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal

import numpy as np
import pandas as pd

from ..errors import InputError, clip
from ..formatting import number as _n
from ..inputs import MAX_INTEGER_DIGITS, distinct_cells, parse_date, parse_dates, parse_decimal
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


NUMBERS = ("index_debut", "index_fin", "volume_m3", "coefficient", "energie_kwh")


@dataclass(frozen=True)
class Numbers:
    """An exact number column kept as integer units: value = ``units`` ×
    10^−``scale``, missing where ``present`` is False."""

    units: np.ndarray
    present: np.ndarray
    scale: int

    def decimals(self) -> list:
        """The column as Decimal or None (the reader's public values)."""
        units = self.units.tolist()
        values = list(map(Decimal, units)) if not self.scale else \
            [Decimal(u).scaleb(-self.scale) for u in units]
        if self.present.all():
            return values
        return [v if p else None for v, p in zip(values, self.present.tolist())]

    def total(self) -> Decimal:
        """Exact sum of the present values."""
        return Decimal(sum(self.units[self.present].tolist())).scaleb(-self.scale)


class GrdfExport:
    """Periods read from a GRDF file.

    ``data`` columns: ``debut``, ``fin`` (dates; ``fin`` excluded), ``jours``,
    ``index_debut``, ``index_fin``, ``volume_m3``, ``coefficient``,
    ``energie_kwh`` (Decimal or None), ``qualification``, ``statut``, ``ligne``.
    The fast reader keeps dates as ``datetime64`` and numbers as exact integer
    units (:class:`Numbers`); ``data`` is built from them when first asked.
    """

    def __init__(self, data: pd.DataFrame | None = None, anomalies: list[str] | None = None,
                 fichier: str | None = None, *, columns: dict | None = None):
        self._data = data
        self._columns = columns
        self.anomalies = anomalies if anomalies is not None else []
        self.fichier = fichier

    @property
    def data(self) -> pd.DataFrame:
        """One row per period, values as Decimal / ``datetime.date``."""
        if self._data is None:
            self._data = _decimal_frame(self._columns)
        return self._data

    def total_kwh(self) -> Decimal:
        """Sum of the energy column. [kWh]"""
        return self._total("energie_kwh")

    def total_m3(self) -> Decimal:
        """Sum of the volume column. [m³]"""
        return self._total("volume_m3")

    def _total(self, key: str) -> Decimal:
        if self._columns is not None:
            return self._columns[key].total()
        return sum((v for v in self.data[key] if v is not None), Decimal(0))

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


def _decimal_frame(columns: dict) -> pd.DataFrame:
    """The public frame (Decimal, dates, None) from the fast reader's columns."""
    frame = pd.DataFrame({"debut": columns["debut"].astype("datetime64[D]").tolist(),
                          "fin": columns["fin"].astype("datetime64[D]").tolist(),
                          "jours": columns["jours"],
                          **{key: columns[key].decimals() for key in NUMBERS},
                          "qualification": columns["qualification"].tolist(),
                          "statut": columns["statut"].tolist(), "ligne": columns["ligne"]})
    return _public(frame)


def _public(frame: pd.DataFrame) -> pd.DataFrame:
    """Number columns as objects (Decimal), None for every missing value."""
    frame = frame.astype({key: object for key in NUMBERS})
    return frame.where(frame.notna(), None)


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
    """The text of a CSV file, or the raw cells of an Excel workbook as
    strings (one list per line)."""
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
    return text


def _separator(lines: list[str]) -> str:
    sample = "\n".join(lines[:40])
    return ";" if ";" in sample else ("\t" if "\t" in sample else ",")


def _split(text: str) -> list[list[str]]:
    """Cells of a CSV text, line by line (no quoting: GRDF cells hold none)."""
    lines = text.splitlines()
    sep = _separator(lines)
    return [line.split(sep) for line in lines]


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


def read_grdf(source, *, cell_by_cell: bool = False) -> GrdfExport:
    """Read a GRDF consumption export (CSV with ``;`` or ``,``, or Excel).

    A well-formed CSV file is read column by column (:func:`_read_fast`);
    anything else, and every file with a bad cell, goes through the
    cell-by-cell reader, which writes the error (``cell_by_cell=True``
    forces it: the reference the fast reader is tested against).

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
        content = _to_frame(source, name)
    except OSError as exc:
        raise FileImportError(KIND, name, f"le fichier ne peut pas être ouvert ({os_problem(exc)})",
                              "un fichier présent et lisible") from None
    if isinstance(content, str):
        export = None if cell_by_cell else _read_fast(content, name)
        if export is not None:
            return export
        content = _split(content)
    return _read_rows(content, name)


def _header(rows: list[list[str]]) -> tuple[int | None, dict | None]:
    """Line (from 0) and column positions of the header, within the first 40 lines."""
    for number, row in enumerate(rows[:40]):
        found = _match([normalise(c) for c in row])
        has_dates = "jour" in found or ("debut" in found and "fin" in found)
        if has_dates and any(k in found for k in REQUIRED_ANY):
            if "debut" in found and "fin" in found:
                found.pop("jour", None)
            return number, found
    return None, None


def _read_rows(rows: list[list[str]], name) -> GrdfExport:
    """The cell-by-cell reader: every cell through the kit's parsers, every
    problem a French error naming the line."""
    if not any(any(c.strip() for c in row) for row in rows):
        raise FileImportError(KIND, name, "le fichier est vide", EXPECTED)
    header_at, columns = _header(rows)
    if header_at is None:
        first = clip(";".join(rows[0]), 60)
        raise FileImportError(KIND, name, f"ce fichier ne ressemble pas à un export de consommation GRDF "
                              f"(aucune ligne d'en-tête avec des dates et des volumes ou de l'énergie ; "
                              f"première ligne : « {first} »)", EXPECTED)
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
    frame = _public(pd.DataFrame.from_records(records))
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


# --------------------------------------------------------------------------- column by column

#: Line breaks that Python's ``splitlines`` follows and pandas does not.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: Largest scale kept in integer units (10^−6 m³, kWh): beyond it, cell by cell.
_MAX_SCALE = 6
_MAX_UNITS = 2 ** 62


def _read_fast(text: str, name) -> GrdfExport | None:
    """Read a well-formed CSV export column by column: ``pandas.read_csv``,
    the kit's vectorised date parser, each distinct number cell once through
    the kit's number parser (whole-number columns read by pandas as int64),
    the checks on integer units. None when a line or a cell needs the
    cell-by-cell reader (a bad or negative cell, a blank, short or longer
    line, periods out of order…): that reader then writes the French error."""
    found = _body(text)
    frame = _fast_frame(*found) if found is not None else None
    if frame is None:
        return None
    columns, count, first_line = found[3], len(frame), found[4] + 2
    days = _fast_periods(frame, columns)
    if days is None:
        return None
    data = {"debut": days[0], "fin": days[1], "jours": (days[1] - days[0]) // np.timedelta64(1, "D"),
            "ligne": np.arange(first_line, first_line + count)}
    for key in NUMBERS:
        data[key] = _fast_numbers(frame[columns[key]]) if key in columns else \
            Numbers(np.zeros(count, dtype=np.int64), np.zeros(count, dtype=bool), 0)
        if data[key] is None:
            return None
    for key in ("qualification", "statut"):
        data[key] = _fast_texts(frame[columns[key]]) if key in columns else np.full(count, None, dtype=object)
    anomalies = _fast_checks(data, name)
    return GrdfExport(anomalies=anomalies, fichier=name, columns=data) if anomalies is not None else None


def _body(text: str):
    """UTF-8 lines after the header, separator, header width, columns and
    header line (from 0); None when the lines cannot be split as
    :func:`_split` splits them (rare line breaks, a short or longer line, a
    signed cell)."""
    if any(mark in text for mark in _OTHER_BREAKS) or \
            ("\r" in text and text.count("\r") != text.count("\r\n")):
        return None
    head = [line[:-1] if line.endswith("\r") else line for line in text.split("\n", 40)[:40]]
    sep = _separator(head)
    header_at, columns = _header([line.split(sep) for line in head])
    offset = _line_start(text, header_at + 1) if header_at is not None else -1
    if offset <= 0 or not text[offset:].strip():
        return None
    body, width = text[offset:].encode("utf-8"), len(head[header_at].split(sep))
    fields = _fields_per_line(body, sep)
    if (fields != width).any() or _signed(body, sep):
        return None
    return body, sep, width, columns, header_at, len(fields)


def _fast_frame(body: bytes, sep: str, width: int, columns: dict, header_at: int,
                lines: int) -> pd.DataFrame | None:
    """The columns read by pandas, one row per line: dates and texts as
    text, numbers as int64 when every cell is plain digits, otherwise as text."""
    texts = [p for k, p in columns.items() if k not in NUMBERS]
    frame = _read_csv(body, sep, width, sorted(columns.values()), texts)
    if frame is None or len(frame) != lines:
        return None
    again = sorted(p for p in columns.values() if p not in texts and frame[p].dtype != np.int64
                   and not pd.api.types.is_string_dtype(frame[p].dtype))
    if again:  # decimals read as float by pandas: their text again
        more = _read_csv(body, sep, width, again, again)
        if more is None:
            return None
        for position in again:
            frame[position] = more[position]
    return frame


def _read_csv(body: bytes, sep: str, width: int, wanted: list[int], texts: list[int]) -> pd.DataFrame | None:
    """Columns ``wanted`` of the lines after the header, split as
    :func:`_split` splits them (no quoting); columns ``texts`` kept as text,
    the others as pandas reads them (int64 when every cell is plain digits)."""
    try:
        return pd.read_csv(io.BytesIO(body), sep=sep, encoding="utf-8", header=None, names=list(range(width)),
                           usecols=wanted, quoting=csv.QUOTE_NONE, engine="c", dtype={p: str for p in texts},
                           keep_default_na=False, skip_blank_lines=False, low_memory=False)
    except (ValueError, pd.errors.ParserError):
        return None


def _fields_per_line(body: bytes, sep: str) -> np.ndarray:
    """Number of fields of each line of ``body`` (UTF-8, split on line feeds,
    a final line feed ending the last line)."""
    raw = np.frombuffer(body, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    if not body.endswith(b"\n"):
        ends = np.append(ends, len(raw))
    seps = np.flatnonzero(raw == ord(sep))
    return np.diff(np.searchsorted(seps, ends), prepend=0) + 1


def _signed(body: bytes, sep: str) -> bool:
    """Whether a cell starts with a sign (``-0``, ``+5``, `` -3``): pandas
    reads it as a whole number, the kit's parser keeps its writing."""
    raw = np.frombuffer(body, dtype=np.uint8)
    signs = np.flatnonzero((raw == 45) | (raw == 43))
    before = raw[signs[signs > 0] - 1]
    return bool(len(signs) and (signs[0] == 0 or np.isin(before, [ord(sep), 10, 13, 32, 9]).any()))


def _line_start(text: str, number: int) -> int:
    """Offset of line ``number`` (from 0) in a text split on ``\\n``; -1 past the end."""
    offset = 0
    for _ in range(number):
        offset = text.find("\n", offset)
        if offset < 0:
            return -1
        offset += 1
    return offset


def _fast_periods(frame: pd.DataFrame, columns: dict):
    """Start and end days (datetime64) of each line, or None when a date is
    missing or refused, or a period ends before it starts or overlaps the one
    before. An end written as the next line's start is read once."""
    first = frame[columns["jour" if "jour" in columns else "debut"]].to_numpy(dtype=object)
    last = frame[columns["fin"]].to_numpy(dtype=object) if "jour" not in columns else None
    follows = np.zeros(len(first), dtype=bool)
    if last is not None:
        follows[:-1] = last[:-1] == first[1:]
    cells = np.concatenate([first, last[~follows]]) if last is not None else first
    days, problems = parse_dates(pd.Series(cells, dtype=object))
    if problems.to_numpy().any() or days.isna().any():
        return None
    days = days.to_numpy()
    start = days[:len(first)]
    if last is None:
        end = start + np.timedelta64(1, "D")
    else:
        end = np.empty_like(start)
        end[follows] = start[1:][follows[:-1]]
        end[~follows] = days[len(first):]
    if not (end > start).all() or (start[1:] < end[:-1]).any():
        return None
    return start, end


def _fast_numbers(cells: pd.Series) -> Numbers | None:
    """A number column as exact integer units, or None when a cell is
    refused (negative, unreadable…) or too large for integer units."""
    count = len(cells)
    if cells.dtype == np.int64:  # plain digits only, read by pandas
        units = cells.to_numpy()
        if (units < 0).any() or (units >= 10 ** MAX_INTEGER_DIGITS).any():
            return None
        return Numbers(units, np.ones(count, dtype=bool), 0)
    if not pd.api.types.is_string_dtype(cells.dtype):
        return None
    codes, distinct = distinct_cells(cells)
    values = []
    for text in distinct:
        value, problem, _ = _number_cell(text[:200], "") if text else (None, "", "")
        if problem:
            return None
        values.append(value)
    scale = max((-v.as_tuple().exponent for v in values if v is not None), default=0)
    scale = max(scale, 0)
    if scale > _MAX_SCALE:
        return None
    units = [int(v.scaleb(scale)) if v is not None else 0 for v in values]
    if max(units) >= _MAX_UNITS:
        return None
    present = np.array([v is not None for v in values])
    return Numbers(np.array(units, dtype=np.int64)[codes], present[codes], scale)


def _fast_texts(cells: pd.Series) -> np.ndarray:
    """A text column stripped, None where empty."""
    codes, uniques = pd.factorize(cells)
    return np.array([(u.strip() if isinstance(u, str) else "") or None for u in uniques] + [None],
                    dtype=object)[codes]


def _aligned(columns: list[Numbers]) -> list[np.ndarray] | None:
    """Units of number columns brought to one scale, or None if too large."""
    scale = max(c.scale for c in columns)
    out = []
    for column in columns:
        factor = 10 ** (scale - column.scale)
        if int(column.units.max(initial=0)) * factor >= _MAX_UNITS:
            return None
        out.append(column.units * factor)
    return out


def _fast_checks(data: dict, name) -> list[str] | None:
    """The anomalies of the cell-by-cell reader: lines that may have one are
    found on integer units (energy: on floats with a margin), and each is
    written by :func:`_check_record` itself."""
    first, last, volume = data["index_debut"], data["index_fin"], data["volume_m3"]
    coefficient, energy = data["coefficient"], data["energie_kwh"]
    aligned = _aligned([first, last, volume])
    if aligned is None:
        return None
    start, end, vol = aligned
    both = first.present & last.present
    flagged = both & ((end < start) | (volume.present & (vol != end - start)))
    follows = first.present[1:] & last.present[:-1]
    flagged[1:] |= follows & (start[1:] != end[:-1])
    flagged[1:] |= data["debut"][1:] > data["fin"][:-1]
    product = volume.present & coefficient.present & energy.present
    expected = (volume.units / 10.0 ** volume.scale) * (coefficient.units / 10.0 ** coefficient.scale)
    kwh = energy.units / 10.0 ** energy.scale
    margin = 1e-9 * (np.abs(expected) + np.abs(kwh)) + 1e-9
    flagged |= product & (np.abs(expected - kwh) > float(KWH_TOLERANCE) - margin)
    anomalies: list[str] = []
    for row in np.flatnonzero(flagged).tolist():
        _check_record(_record(data, row), _record(data, row - 1) if row else None, anomalies, name)
    return anomalies


def _record(data: dict, row: int) -> dict:
    """One line as the cell-by-cell reader's record."""
    record = {key: (Decimal(int(data[key].units[row])).scaleb(-data[key].scale)
                    if data[key].present[row] else None) for key in NUMBERS}
    record.update(debut=data["debut"][row].astype("datetime64[D]").item(),
                  fin=data["fin"][row].astype("datetime64[D]").item(), ligne=int(data["ligne"][row]))
    return record

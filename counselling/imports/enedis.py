"""Readers of the Enedis « Mes données » exports (Linky): load curve, daily
index, daily maximum power.

Layout (``energy-facts.md`` §6.1)::

    Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;…;Unite;Pas en minutes
    00000000000000;Courbe de charge;01/09/2018;21/08/2020;Energie active;…;W;
                                                       ← optional blank line(s)
    Horodate;Valeur
    2020-08-20T23:40:00+02:00;270
    2020-08-20T23:50:00+02:00;                          ← empty value = gap

What the readers tolerate: an Excel workbook (.xlsx, first sheet, same
layout), a UTF-8 BOM, Windows-1252, CRLF, header blocks
before the ``Horodate`` line, French decimal commas, blank lines, timestamps
without UTC offset (read as Paris time). What they refuse, with a French
message naming the line: a file with no ``Horodate`` line (not an Enedis
export), an empty file, a header with no data (truncated file), a line with
too many or too few fields, letters in a value, a negative value, a timestamp
that is not a date, timestamps out of order or repeated, a step that is not
5, 10, 15, 30 or 60 minutes. With ``skip_bad_lines=True`` bad lines are
skipped instead and listed in ``lignes_ignorees`` (their time counts as a gap).

Conventions of the load curve:

* ``Valeur`` is the AVERAGE active power over the step, in W, not an energy;
* the timestamp marks the END of the interval: ``00:30`` covers 00:00–00:30
  (medium confidence: from a parser checked against real exports); the
  frames carry both ``debut`` and ``fin``, in Paris time (summer-time changes
  handled through the UTC offsets);
* each row has its own step: the time since the row before, unless that
  jump is longer than both the step before and the step after (then rows are
  missing: the row covers the shorter step and the rest is a gap). So a step
  can change inside a file (30 → 10 min);
* gaps are never filled: empty values and missing rows are listed in
  ``trous`` with their start, end and length.

The daily maximum power export is assumed to have the same layout as the
load curve (``Horodate;Valeur``, unit VA, the timestamp being the moment the
maximum was reached): the fact sheet names this export but shows no sample.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import clip, quote
from ..inputs import parse_numbers
from . import MAX_BYTES as DETAILED_BYTES
from . import FileImportError, megabytes, normalise, read_text, too_big

TZ = "Europe/Paris"
KIND = "Enedis"
ALLOWED_STEPS = (5, 10, 15, 30, 60)
HEADER_SEARCH = 60
#: Largest value read [W, VA or Wh]: beyond 10^12 no household meter can go
#: (sanity bound, method choice); refused as impossible rather than carried
#: into sums as ``inf``.
MAX_VALUE = 1e12
ISO = r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:[+-]\d\d:?\d\d|Z)?"
EXPECTED_EXPORT = ("un export Enedis « Mes données » (courbe de charge, index ou puissance maximale), "
                   "avec une ligne d'en-tête « Horodate;Valeur » ou « Horodate;Type de releve;… »")


@dataclass
class EnedisExport:
    """What every reader returns.

    Attributes
    ----------
    type : "courbe_de_charge", "index" or "puissance_maximale".
    data : pandas.DataFrame, see each reader.
    prm : the meter point number (14 digits) from the header, or None.
    entete : the header block as a dict (normalised keys → values).
    trous : gaps (load curve: ``debut``, ``fin``, ``minutes``, ``nature``;
        other exports: days with an empty value).
    lignes_ignorees : lines skipped, ``(ligne, texte, raison)``; empty unless
        ``skip_bad_lines=True``.
    fichier : file name, when known.
    calendrier : trailing section of an index export (rows of cells).
    """

    type: str
    data: pd.DataFrame
    prm: str | None = None
    entete: dict[str, str] = field(default_factory=dict)
    trous: pd.DataFrame = field(default_factory=pd.DataFrame)
    lignes_ignorees: list[tuple[int, str, str]] = field(default_factory=list)
    fichier: str | None = None
    calendrier: list[list[str]] = field(default_factory=list)

    @property
    def minutes_manquantes(self) -> int:
        """Minutes of gaps (load curve). [min]"""
        return int(self.trous["minutes"].sum()) if "minutes" in self.trous else 0

    @property
    def minutes_lignes_absentes(self) -> int:
        """Minutes of rows absent from the file (gaps of nature « lignes
        absentes »), to pass to ``load_curve_summary``. [min]"""
        if "minutes" not in self.trous:
            return 0
        return int(self.trous.loc[self.trous["nature"] == "lignes absentes", "minutes"].sum())

    @property
    def registres_hc_hp(self) -> tuple[str, str] | None:
        """Supplier registers of the heures creuses and heures pleines, read
        from the calendar section of an index export (« classe temporelle k »
        is register ``EAS Fk``): ``("EAS F1", "EAS F2")``, or None when the
        calendar is absent, is not an HP/HC one on every period, or the
        registers have no value."""
        if self.type != "index" or len(self.calendrier) < 2:
            return None
        head = [normalise(c) for c in self.calendrier[0]]
        found = set()
        for row in self.calendrier[1:]:
            classes = {}
            for k, name in enumerate(head):
                match = re.fullmatch(r"identifiant classe temporelle (\d+)", name)
                if match and k < len(row) and row[k].strip():
                    classes[row[k].strip().upper()] = f"EAS F{match.group(1)}"
            if set(classes) != {"HC", "HP"}:
                return None
            found.add((classes["HC"], classes["HP"]))
        if len(found) != 1:
            return None
        pair = found.pop()
        if not all(r in self.data and self.data[r].notna().any() for r in pair):
            return None
        return pair


# --------------------------------------------------------------------------- structure


def _layout(text: str, name: str | None, kind: str):
    """Split the text: header block, index of the ``Horodate`` line, lines."""
    lines = text.splitlines()
    header_at = None
    for number, line in enumerate(lines[:HEADER_SEARCH]):
        first = normalise(line.split(";", 1)[0])
        if first == "horodate":
            header_at = number
            break
    if header_at is None:
        first_line = lines[0].strip()[:60]
        enedis_block = next((k for k, line in enumerate(lines[:HEADER_SEARCH])
                             if "identifiant prm" in normalise(line)), None)
        if enedis_block is not None:
            after = next((k for k in range(enedis_block + 2, min(len(lines), HEADER_SEARCH))
                          if lines[k].strip()), None)
            found = f" ; trouvé à la place : « {lines[after].strip()[:60]} »" if after is not None else ""
            raise FileImportError(
                kind, name, "l'en-tête Enedis (Identifiant PRM…) est là, mais la ligne des colonnes "
                f"« Horodate;… » manque{found}", EXPECTED_EXPORT,
                line=after + 1 if after is not None else None)
        raise FileImportError(
            kind, name, f"ce fichier ne ressemble pas à un export Enedis (pas de ligne « Horodate;… » "
            f"dans les {min(len(lines), HEADER_SEARCH)} premières lignes ; première ligne : « {first_line} »)",
            EXPECTED_EXPORT, line=None)
    entete = {}
    for number in range(header_at):
        cells = [normalise(c) for c in lines[number].split(";")]
        if "identifiant prm" in cells or "type de donnees" in cells:
            values = next((lines[k] for k in range(number + 1, header_at) if lines[k].strip()), "")
            entete = {key: value.strip() for key, value in zip(cells, values.split(";")) if key}
            break
    return lines, header_at, entete


def _data_block(lines: list[str], header_at: int) -> tuple[int, int]:
    """First and last+1 index of the data lines after the header.

    The block ends at a trailing section (a line « Periode;… »), or at a line
    starting with a letter when no measure follows it. A line starting with a
    letter in the middle of the measures stays in the block, so that it is
    reported as unreadable rather than cutting the file short.
    """
    start = header_at + 1
    number = start
    while number < len(lines):
        line = lines[number]
        if line and not line[0].isdigit() and line.strip() and not line.lstrip()[0].isdigit():
            if normalise(line.split(";", 1)[0]) == "periode":
                return start, number
            if not any(later.lstrip()[:1].isdigit() for later in lines[number + 1:]):
                return start, number
        number += 1
    return start, len(lines)


def _trailing(lines: list[str], end: int) -> list[tuple[int, str, str]]:
    """Text after the measures of a load curve or max power file: listed, not read."""
    return [(number + 1, line.strip(), "texte après les mesures, non lu")
            for number, line in enumerate(lines[end:], start=end) if line.strip()]


def _read_block(lines, start, end, names, name, kind):
    """Parse the data lines with pandas; keep the file line number of each row."""
    block = "\n".join(lines[start:end])
    try:
        frame = pd.read_csv(io.StringIO(block), sep=";", header=None, names=names, dtype=str,
                            keep_default_na=False, skip_blank_lines=False, engine="c",
                            index_col=False)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        line = start + int(match.group(1)) if match else None
        raise FileImportError(kind, name, f"la ligne a {match.group(2) if match else 'trop de'} champs "
                              f"séparés par « ; » au lieu de {len(names)}",
                              f"{len(names)} champs : " + ";".join(names), line=line) from None
    except pd.errors.EmptyDataError:
        frame = pd.DataFrame(columns=names, dtype=str)
    frame["ligne"] = np.arange(start + 1, start + 1 + len(frame))
    # fields actually present: pandas fills missing trailing fields with "", so
    # count the separators, but only on the rows whose last field is empty
    fields = np.full(len(frame), len(names), dtype=np.int64)
    last_empty = (frame[names[-1]].fillna("") == "").to_numpy()
    if last_empty.any():
        raw = pd.Series(lines[start:start + len(frame)], dtype=object)[last_empty]
        fields[last_empty] = raw.str.count(";").to_numpy() + 1
    frame["_champs"] = fields
    first = frame[names[0]].fillna("")
    short = (first.str.len() < 8).to_numpy()
    blank = np.zeros(len(frame), dtype=bool)
    if short.any():
        blank[short] = (first[short].str.strip() == "").to_numpy()
    if len(names) > 1:
        blank &= last_empty
    frame = frame[~blank]
    if frame.empty:
        raise FileImportError(kind, name, "le fichier s'arrête après l'en-tête : aucune mesure "
                              "(fichier tronqué, ou période sans données)",
                              "au moins une ligne de mesures après « Horodate »", line=start)
    return frame.reset_index(drop=True)


class _Bad:
    """Collects bad rows: raise at once, or skip and list them."""

    def __init__(self, frame, skip, name, kind):
        self.frame, self.skip, self.name, self.kind = frame, skip, name, kind
        self.mask = np.zeros(len(frame), dtype=bool)
        self.skipped: list[tuple[int, str, str]] = []

    def flag(self, mask, problem, expected, column, problems=None):
        """Flag rows; ``problem`` is a template with ``{valeur}`` (the cell,
        cut with « … »), or ``problems`` a Series of French problems per row."""
        mask = np.asarray(mask, dtype=bool) & ~self.mask
        if not mask.any():
            return
        rows = np.flatnonzero(mask)

        def text(row):
            if problems is not None:
                return problems.iloc[row]
            return problem.format(valeur=clip(self.frame[column].iloc[row]))

        if not self.skip:
            row = rows[0]
            raise FileImportError(self.kind, self.name, text(row), expected,
                                  line=int(self.frame["ligne"].iloc[row]))
        for row in rows:
            self.skipped.append((int(self.frame["ligne"].iloc[row]), clip(self.frame[column].iloc[row]),
                                 text(row)))
        self.mask |= mask


def _truncated(frame: pd.DataFrame, fields: int) -> np.ndarray:
    """Rows with fewer fields than the header, or a timestamp cut short."""
    short = frame["_champs"].to_numpy() < fields
    stamps = frame["horodate"].fillna("")
    lengths = stamps.str.len().to_numpy()
    odd = lengths != np.bincount(lengths).argmax()
    if odd.any():
        text = stamps[odd].str.strip()
        cut = ~text.str.fullmatch(ISO).to_numpy(dtype=bool) & text.str.match(r"\d").to_numpy(dtype=bool)
        odd[odd] = cut  # a timestamp cut short; text that is no date at all is reported as such
    return short | odd


OFFSET = r"(?:[+-]\d\d:?\d\d|Z)$"


def _timestamps(text: pd.Series) -> tuple[pd.Series, np.ndarray]:
    """Parse ISO 8601 timestamps to Paris time; naive ones are Paris time.

    The form of the first timestamp (with or without UTC offset) is the form
    of the file; rows of the other form come back NaT and flagged in the
    mask (mixing both forms is not an Enedis export: never guessed).
    """
    text = text.fillna("").str.strip()
    with_offset = text.str.contains(OFFSET, regex=True).to_numpy(dtype=bool)
    first_has = bool(with_offset[0]) if len(text) else False
    mixed = (with_offset != first_has) & text.str.fullmatch(ISO).to_numpy(dtype=bool)
    if mixed.any():
        text = text.where(~mixed, "")
    if first_has:
        stamps = pd.to_datetime(text, utc=True, format="ISO8601", errors="coerce")
        return stamps.dt.tz_convert(TZ), mixed
    stamps = pd.to_datetime(text, format="ISO8601", errors="coerce")
    try:
        return stamps.dt.tz_localize(TZ, ambiguous="infer", nonexistent="NaT"), mixed
    except Exception:  # ambiguous hours that cannot be inferred
        return stamps.dt.tz_localize(TZ, ambiguous="NaT", nonexistent="NaT"), mixed


def _stamps(frame: pd.DataFrame, bad: _Bad) -> pd.Series:
    """Timestamps of the rows; rows mixing forms flagged as bad."""
    stamps, mixed = _timestamps(frame["horodate"])
    bad.flag(mixed, "l'horodatage « {valeur} » n'a pas la même forme que celui de la première mesure "
             "(avec et sans décalage horaire mélangés)",
             "des horodatages tous avec décalage (2020-08-20T23:40:00+02:00) ou tous sans", "horodate")
    return stamps


def _numbers(text: pd.Series, what: str) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """Values of a column through the kit's number parser: values [float],
    French problems per row (after ``what :`` when given), mask of refused cells;
    a value beyond :data:`MAX_VALUE` is refused as impossible."""
    values, problems = parse_numbers(text)
    huge = (values.abs() > MAX_VALUE).fillna(False).to_numpy()
    if huge.any():
        problems = problems.copy()
        problems[huge] = [f"{quote(v)} est une valeur impossible pour un compteur Linky"
                          for v in text[huge]]
        values = values.where(~huge)
    bad = (problems != "").to_numpy()
    return values, (what + " : " + problems) if what else problems, bad


def _check_type(entete: dict, wanted: str, name, kind, label):
    declared = normalise(entete.get("type de donnees", ""))
    if declared and wanted not in declared:
        raise FileImportError(kind, name, f"ce fichier est un export {quote(entete['type de donnees'])}, "
                              f"pas une {label}", f"un export Enedis de type « {label} »")


# --------------------------------------------------------------------------- load curve


#: Largest load curve read [octets] (regular files, read in chunks with
#: column types chosen up front); irregular files are read in detail up to
#: ``imports.MAX_BYTES`` only.
MAX_BYTES = 256 * 1024 * 1024
CHUNK_ROWS = 1_000_000
HEAD_BYTES = 65536
STAMP_FORMAT = "%Y-%m-%dT%H:%M:%S%z"


def _path_of(source) -> Path | None:
    if isinstance(source, os.PathLike) or (isinstance(source, str) and "\n" not in source and source.strip()):
        return Path(source)
    return None


def _irregular_too_big(source, kind: str, name: str | None) -> None:
    """Refuse a big file that the chunked reader could not take (it has
    irregular lines): detailed checks stop at ``imports.MAX_BYTES``."""
    path = _path_of(source)
    try:
        size = path.stat().st_size if path is not None else len(source) if isinstance(source, (bytes, bytearray)) else 0
    except OSError:
        return
    if size > DETAILED_BYTES:
        raise FileImportError(kind, name or (path.name if path else None),
                              f"le fichier fait {megabytes(size)} Mo et n'est pas une courbe de charge régulière "
                              "(lignes vides, texte, valeurs vides ou illisibles, horodatages sans décalage…) : "
                              f"au-delà de {megabytes(DETAILED_BYTES)} Mo, le kit ne lit que les exports réguliers",
                              "un export plus court (télécharger une période plus courte), ou ce fichier sans "
                              "modification")


def _fast_load_curve(source, kind: str, name: str | None) -> EnedisExport | None:
    """A regular load curve (timestamps with offset, numbers, nothing else)
    read in chunks with C parsers; None when the file needs the detailed
    reader (anything irregular, Excel, text given as str…)."""
    path = _path_of(source)
    if path is None and not isinstance(source, (bytes, bytearray)):
        return None
    try:
        if path is not None:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                head = handle.read(HEAD_BYTES)
        else:
            size, head = len(source), bytes(source[:HEAD_BYTES])
    except OSError:
        return None  # the detailed reader gives the French message
    if size > MAX_BYTES:
        raise too_big(kind, name or (path.name if path else None), size, MAX_BYTES)
    if head[:2] == b"PK" or size <= 2 * HEAD_BYTES:
        return None
    skip = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    try:
        text = head[skip:].decode("utf-8").rsplit("\n", 1)[0]
        lines, header_at, entete = _layout(text, name, kind)
    except (UnicodeDecodeError, FileImportError, IndexError):
        return None
    if [normalise(c) for c in lines[header_at].split(";")] != ["horodate", "valeur"]:
        return None
    _check_type(entete, "courbe", name, kind, "courbe de charge")
    offset = skip + sum(len(line.encode("utf-8")) + 1 for line in lines[:header_at + 1])
    if b"\r" in head:
        return None
    handle = open(path, "rb") if path is not None else io.BytesIO(source)
    stamps, values = [], []
    try:
        handle.seek(offset)
        chunks = pd.read_csv(handle, sep=";", header=None, names=["horodate", "valeur"],
                             dtype={"horodate": object, "valeur": "float64"}, skip_blank_lines=False,
                             engine="c", chunksize=CHUNK_ROWS, encoding="utf-8", index_col=False)
        for chunk in chunks:
            when = pd.to_datetime(chunk["horodate"], format=STAMP_FORMAT, utc=True, errors="coerce")
            watts = chunk["valeur"].to_numpy(dtype=np.float64)
            if when.isna().any() or (watts < 0).any() or (np.abs(watts) > MAX_VALUE).any():
                return None
            stamps.append(when)
            values.append(watts)
    except (ValueError, pd.errors.ParserError, UnicodeDecodeError):
        return None
    finally:
        handle.close()
    if not stamps:
        return None
    fin = pd.concat(stamps, ignore_index=True).dt.tz_convert(TZ)
    del stamps
    watts = np.concatenate(values)
    del values
    minutes = fin.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[m]").astype(np.int64)
    back = np.diff(minutes)
    del minutes
    if len(fin) < 2 or (back <= 0).any():
        return None
    steps = _steps(back, _header_step(entete))
    if not np.isin(steps, ALLOWED_STEPS).all():
        return None
    data = pd.DataFrame({
        "debut": fin - pd.to_timedelta(steps, unit="min"),
        "fin": fin,
        "pas_min": steps.astype(np.int64),
        "puissance_w": watts,
        "ligne": np.arange(header_at + 2, header_at + 2 + len(fin)),
    })
    return EnedisExport(type="courbe_de_charge", data=data, prm=_prm(entete), entete=entete,
                        trous=_gaps(data, back, steps), lignes_ignorees=[],
                        fichier=name or (path.name if path else None))


def read_load_curve(source, *, skip_bad_lines: bool = False, _name: str | None = None) -> EnedisExport:
    """Read an Enedis load curve export (« courbe de charge »).

    Parameters
    ----------
    source : path, bytes, str content or open file
    skip_bad_lines : bool
        Skip and list unreadable lines instead of stopping at the first one.

    Returns
    -------
    EnedisExport
        ``data`` columns: ``debut``, ``fin`` (Paris time; ``fin`` is the
        timestamp of the file), ``pas_min`` [min], ``puissance_w`` [W, average
        over the step; NaN for a gap], ``ligne`` (line in the file).
        ``trous``: ``debut``, ``fin``, ``minutes``, ``nature`` ("valeur vide"
        or "lignes absentes").

    Raises
    ------
    FileImportError
        In French, with the line number and what was expected.
    """
    kind = "Enedis (courbe de charge)"
    if not skip_bad_lines:
        export = _fast_load_curve(source, kind, _name)
        if export is not None:
            return export
    _irregular_too_big(source, kind, _name)
    text, name = read_text(source, kind, max_bytes=DETAILED_BYTES)
    name = _name or name
    lines, header_at, entete = _layout(text, name, kind)
    header = [normalise(c) for c in lines[header_at].split(";")]
    if len(header) > 1 and header[1] == "type de releve":
        raise FileImportError(kind, name, "ce fichier est un export d'index quotidiens, pas une courbe "
                              "de charge", "une courbe de charge « Horodate;Valeur » (lire ce fichier "
                              "avec read_daily_index)", line=header_at + 1)
    _check_type(entete, "courbe", name, kind, "courbe de charge")
    start, end = _data_block(lines, header_at)
    frame = _read_block(lines, start, end, ["horodate", "valeur"], name, kind)
    bad = _Bad(frame, skip_bad_lines, name, kind)

    stamps = _stamps(frame, bad)
    bad.flag(_truncated(frame, 2), "ligne incomplète « {valeur} » (fichier tronqué ?)",
             "un horodatage et une valeur séparés par « ; », par exemple "
             "2020-08-20T23:40:00+02:00;270", "horodate")
    bad.flag(stamps.isna().to_numpy(), "« {valeur} » n'est pas un horodatage",
             "une date et heure ISO, par exemple 2020-08-20T23:40:00+02:00", "horodate")
    values, problems, refused = _numbers(frame["valeur"], "")
    bad.flag(refused, "", "une puissance moyenne en watts, par exemple 270 (ou vide si la mesure manque)",
             "valeur", problems)
    bad.flag((values < 0).to_numpy(), "la puissance « {valeur} » est négative",
             "une puissance moyenne de soutirage positive ou nulle, en watts", "valeur")

    keep = ~bad.mask
    frame, stamps, values = frame[keep], stamps[keep], values[keep]
    if frame.empty:
        raise FileImportError(kind, name, "aucune ligne lisible", "des lignes « Horodate;Valeur »")
    minutes = stamps.dt.tz_convert("UTC").dt.tz_localize(None).to_numpy().astype("datetime64[m]").astype(np.int64)
    back = np.diff(minutes)
    if (back <= 0).any():
        row = int(np.flatnonzero(back <= 0)[0]) + 1
        raise FileImportError(kind, name, f"l'horodatage « {frame['horodate'].iloc[row]} » n'est pas après "
                              f"celui de la ligne {int(frame['ligne'].iloc[row - 1])} (doublon ou désordre)",
                              "des horodatages strictement croissants", line=int(frame["ligne"].iloc[row]))
    if len(frame) == 1 and _header_step(entete) is None:
        raise FileImportError(kind, name, "une seule mesure et pas de « Pas en minutes » dans l'en-tête : "
                              "sa durée est inconnue", "au moins deux mesures, ou l'en-tête Enedis complet",
                              line=int(frame["ligne"].iloc[0]))
    steps = _steps(back, _header_step(entete))
    wrong = ~np.isin(steps, ALLOWED_STEPS)
    if wrong.any():
        row = int(np.flatnonzero(wrong)[0])
        raise FileImportError(kind, name, f"pas de temps de {int(steps[row])} minutes avant "
                              f"« {frame['horodate'].iloc[row]} »",
                              "des mesures toutes les 5, 10, 15, 30 ou 60 minutes",
                              line=int(frame["ligne"].iloc[row]))

    fin = stamps.reset_index(drop=True)
    debut = fin - pd.to_timedelta(steps, unit="min")
    data = pd.DataFrame({
        "debut": debut,
        "fin": fin,
        "pas_min": steps.astype(np.int64),
        "puissance_w": values.to_numpy(dtype=np.float64),
        "ligne": frame["ligne"].to_numpy(),
    })
    return EnedisExport(type="courbe_de_charge", data=data, prm=_prm(entete), entete=entete,
                        trous=_gaps(data, back, steps), lignes_ignorees=bad.skipped + _trailing(lines, end),
                        fichier=name)


def _header_step(entete: dict) -> int | None:
    raw = entete.get("pas en minutes", "").strip()
    return int(raw) if raw.isdigit() else None


def _steps(back: np.ndarray, header_step: int | None) -> np.ndarray:
    """Step of each row [min] from the gaps between timestamps (see module doc)."""
    n = len(back) + 1
    if n == 1:
        return np.array([header_step])
    fwd = np.append(back[1:], back[-1])          # step after row i (for i ≥ 1)
    prev = np.insert(back[:-1], 0, back[0])      # step before the previous row
    own = np.where((back == fwd) | (back == prev), back, np.minimum(back, fwd))
    # rows right after a gap or a change: compare with the step of the row before
    for i in np.flatnonzero((back != fwd) & (back != prev)):
        if i > 0 and back[i] == own[i - 1]:
            own[i] = back[i]
    first = header_step if header_step in ALLOWED_STEPS else int(min(back[0], own[0]))
    return np.insert(own, 0, first)


def _gaps(data: pd.DataFrame, back: np.ndarray, steps: np.ndarray) -> pd.DataFrame:
    empty = data["puissance_w"].isna().to_numpy()
    missing = np.zeros(len(data), dtype=np.int64)
    missing[1:] = back - steps[1:]
    pieces = []
    if empty.any():
        pieces.append(pd.DataFrame({"debut": data["debut"][empty], "fin": data["fin"][empty],
                                    "minutes": data["pas_min"][empty], "nature": "valeur vide"}))
    holes = missing > 0
    if holes.any():
        rows = np.flatnonzero(holes)
        pieces.append(pd.DataFrame({"debut": data["fin"].iloc[rows - 1].to_numpy(),
                                    "fin": data["debut"].iloc[rows].to_numpy(),
                                    "minutes": missing[rows], "nature": "lignes absentes"}))
    if not pieces:
        return pd.DataFrame({"debut": pd.Series(dtype=f"datetime64[ns, {TZ}]"),
                             "fin": pd.Series(dtype=f"datetime64[ns, {TZ}]"),
                             "minutes": pd.Series(dtype=np.int64), "nature": pd.Series(dtype=str)})
    gaps = pd.concat(pieces).sort_values("debut").reset_index(drop=True)
    # merge consecutive empty rows into one gap
    starts = gaps["debut"].to_numpy()
    ends = gaps["fin"].to_numpy()
    new = np.ones(len(gaps), dtype=bool)
    new[1:] = starts[1:] != ends[:-1]
    group = np.cumsum(new)
    merged = gaps.groupby(group).agg(debut=("debut", "first"), fin=("fin", "last"),
                                     minutes=("minutes", "sum"),
                                     nature=("nature", lambda s: " + ".join(dict.fromkeys(s))))
    return merged.reset_index(drop=True)


def _prm(entete: dict) -> str | None:
    value = entete.get("identifiant prm", "").strip()
    return value or None


# --------------------------------------------------------------------------- daily index


def read_daily_index(source, *, skip_bad_lines: bool = False, _name: str | None = None) -> EnedisExport:
    """Read an Enedis daily index export (« Index », cumulative registers in Wh).

    Returns
    -------
    EnedisExport
        ``data`` columns: ``horodate`` (Paris time), ``date`` (the day of the
        reading), ``type_releve``, one column per register present in the
        header (``EAS F1`` … ``EAS F10``, ``EAS D1`` … ``EAS D4``, ``EAS T``)
        [Wh, cumulative; NaN when empty], ``ligne``. ``calendrier`` holds the
        trailing « Periode;Identifiant calendrier… » section, if any.
    """
    kind = "Enedis (index quotidiens)"
    text, name = read_text(source, kind)
    name = _name or name
    lines, header_at, entete = _layout(text, name, kind)
    header = [c.strip() for c in lines[header_at].split(";")]
    while header and not header[-1]:
        header.pop()
    norm = [normalise(c) for c in header]
    if len(norm) < 3 or norm[1] != "type de releve":
        raise FileImportError(kind, name, "l'en-tête ne correspond pas à un export d'index quotidiens "
                              f"(« {lines[header_at][:60]} »)",
                              "« Horodate;Type de releve;EAS F1;…;EAS T »", line=header_at + 1)
    registers = [c.upper().replace("  ", " ") for c in header[2:]]
    for number, register in enumerate(registers):
        if not re.fullmatch(r"EAS (F(10|[1-9])|D[1-4]|T)", register):
            raise FileImportError(kind, name, f"colonne inconnue {quote(header[2 + number])}",
                                  "des colonnes EAS F1…F10, EAS D1…D4, EAS T", line=header_at + 1)
    _check_type(entete, "index", name, kind, "série d'index")
    start, end = _data_block(lines, header_at)
    frame = _read_block(lines, start, end, ["horodate", "type_releve", *registers], name, kind)
    bad = _Bad(frame, skip_bad_lines, name, kind)
    stamps = _stamps(frame, bad)
    bad.flag(_truncated(frame, len(registers) + 2), "ligne incomplète « {valeur} » (fichier tronqué ?)",
             f"{len(registers) + 2} champs séparés par « ; »", "horodate")
    bad.flag(stamps.isna().to_numpy(), "« {valeur} » n'est pas un horodatage",
             "une date et heure ISO, par exemple 2019-09-02T00:00:00+02:00", "horodate")
    data = pd.DataFrame({"horodate": stamps, "type_releve": frame["type_releve"]})
    for register in registers:
        raw = frame[register].fillna("")
        values, problems, refused = _numbers(raw, f"index {register}")
        bad.flag(refused, "", "un index en Wh, nombre entier (ou vide)", register, problems)
        bad.flag((values < 0).to_numpy(), "l'index « {valeur} » est négatif", "un index positif en Wh",
                 register)
        data[register] = values.to_numpy(dtype=np.float64)
    data["ligne"] = frame["ligne"].to_numpy()
    data = data[~bad.mask].reset_index(drop=True)
    data.insert(1, "date", data["horodate"].dt.date)
    if data["date"].duplicated().any():
        row = int(np.flatnonzero(data["date"].duplicated().to_numpy())[0])
        raise FileImportError(kind, name, f"deuxième relevé pour le {data['date'].iloc[row]:%d/%m/%Y}",
                              "un relevé par jour", line=int(data["ligne"].iloc[row]))
    if not data["date"].is_monotonic_increasing:
        row = int(np.flatnonzero(np.diff(pd.to_datetime(data["date"]).to_numpy()).astype(np.int64) < 0)[0]) + 1
        raise FileImportError(kind, name, "les jours ne se suivent pas dans l'ordre",
                              "des relevés du plus ancien au plus récent", line=int(data["ligne"].iloc[row]))
    calendar = [[c.strip() for c in line.split(";")] for line in lines[end:] if line.strip()]
    empty_days = data[data["EAS T"].isna()] if "EAS T" in data else data.iloc[0:0]
    return EnedisExport(type="index", data=data, prm=_prm(entete), entete=entete,
                        trous=empty_days[["date", "ligne"]].reset_index(drop=True),
                        lignes_ignorees=bad.skipped, fichier=name, calendrier=calendar)


# --------------------------------------------------------------------------- max power


def read_max_power(source, *, skip_bad_lines: bool = False, _name: str | None = None) -> EnedisExport:
    """Read an Enedis daily maximum power export (« Puissance maximale
    quotidienne », VA).

    Returns
    -------
    EnedisExport
        ``data`` columns: ``date`` (day, Paris time), ``horodate`` (moment
        the maximum was reached), ``puissance_va`` [VA; NaN when empty],
        ``ligne``. ``trous``: days with an empty value.
    """
    kind = "Enedis (puissance maximale)"
    text, name = read_text(source, kind)
    name = _name or name
    lines, header_at, entete = _layout(text, name, kind)
    header = [normalise(c) for c in lines[header_at].split(";")]
    if len(header) > 1 and header[1] == "type de releve":
        raise FileImportError(kind, name, "ce fichier est un export d'index quotidiens, pas de puissance "
                              "maximale", "« Horodate;Valeur » en VA", line=header_at + 1)
    _check_type(entete, "puissance", name, kind, "puissance maximale quotidienne")
    unit = normalise(entete.get("unite", ""))
    if unit and unit != "va":
        raise FileImportError(kind, name, f"l'unité déclarée est {quote(entete['unite'])}, pas des VA",
                              "un export de puissance maximale en VA")
    start, end = _data_block(lines, header_at)
    frame = _read_block(lines, start, end, ["horodate", "valeur"], name, kind)
    bad = _Bad(frame, skip_bad_lines, name, kind)
    stamps = _stamps(frame, bad)
    bad.flag(_truncated(frame, 2), "ligne incomplète « {valeur} » (fichier tronqué ?)",
             "un horodatage et une valeur séparés par « ; »", "horodate")
    bad.flag(stamps.isna().to_numpy(), "« {valeur} » n'est pas un horodatage",
             "une date et heure ISO, par exemple 2020-08-20T19:42:13+02:00", "horodate")
    raw = frame["valeur"].fillna("")
    values, problems, refused = _numbers(raw, "")
    bad.flag(refused, "", "une puissance en VA, par exemple 5120 (ou vide)", "valeur", problems)
    bad.flag((values < 0).to_numpy(), "la puissance « {valeur} » est négative", "une puissance positive en VA",
             "valeur")
    keep = ~bad.mask
    data = pd.DataFrame({"date": stamps[keep].dt.date.to_numpy(), "horodate": stamps[keep].to_numpy(),
                         "puissance_va": values[keep].to_numpy(dtype=np.float64),
                         "ligne": frame["ligne"][keep].to_numpy()})
    if data["date"].duplicated().any():
        row = int(np.flatnonzero(data["date"].duplicated().to_numpy())[0])
        raise FileImportError(kind, name, f"deuxième valeur pour le {data['date'].iloc[row]:%d/%m/%Y}",
                              "une puissance maximale par jour", line=int(data["ligne"].iloc[row]))
    empty = data[data["puissance_va"].isna()]
    return EnedisExport(type="puissance_maximale", data=data, prm=_prm(entete), entete=entete,
                        trous=empty[["date", "ligne"]].reset_index(drop=True),
                        lignes_ignorees=bad.skipped + _trailing(lines, end), fichier=name)


# --------------------------------------------------------------------------- any


def read_enedis(source, *, skip_bad_lines: bool = False) -> EnedisExport:
    """Read any of the three exports, recognised from their header (a big
    file on disk is recognised from its first lines, then read once)."""
    path = _path_of(source)
    if path is not None and path.is_file() and path.stat().st_size > DETAILED_BYTES:
        with open(path, "rb") as handle:
            head = handle.read(HEAD_BYTES).decode("utf-8", errors="replace").rsplit("\n", 1)[0]
        lines, header_at, entete = _layout(head, path.name, KIND)
        header = [normalise(c) for c in lines[header_at].split(";")]
        if header == ["horodate", "valeur"] and "puissance" not in normalise(entete.get("type de donnees", "")):
            return read_load_curve(path, skip_bad_lines=skip_bad_lines)
    text, name = read_text(source, KIND)
    lines, header_at, entete = _layout(text, name, KIND)
    header = [normalise(c) for c in lines[header_at].split(";")]
    declared = normalise(entete.get("type de donnees", ""))
    unit = normalise(entete.get("unite", ""))
    payload = text.encode("utf-8")
    if len(header) > 1 and header[1] == "type de releve":
        export = read_daily_index(payload, skip_bad_lines=skip_bad_lines, _name=name)
    elif "puissance" in declared or unit == "va":
        export = read_max_power(payload, skip_bad_lines=skip_bad_lines, _name=name)
    else:
        export = read_load_curve(payload, skip_bad_lines=skip_bad_lines, _name=name)
    return export

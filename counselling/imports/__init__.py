"""Readers of external files (Enedis, GRDF, partner listings). Beside the calculators, never
inside them: a reader turns a file into plain pandas frames; the calculators
(``counselling.calculators.load_curve``…) compute on those frames.

Every problem with a file raises :class:`FileImportError`, a French sentence
naming the file, the line and what was expected.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError, quote

#: Largest file read line by line with detailed checks [octets]: decades of
#: any real export (a year of 5-min Linky load curve is about 3 Mo). The
#: Enedis load-curve reader goes up to its own ``MAX_BYTES`` for regular
#: files (method choice).
MAX_BYTES = 32 * 1024 * 1024


def megabytes(size: int) -> str:
    """A size in Mo written the French way (``3``, ``0,1``)."""
    value = size / 2**20
    return f"{value:.0f}" if value >= 10 or value == int(value) else f"{value:.1f}".replace(".", ",")


def too_big(kind: str, name: str | None, size: int, limit: int) -> "FileImportError":
    """The French refusal of a file above the supported size."""
    return FileImportError(kind, name, f"le fichier fait {megabytes(size)} Mo, au-delà des "
                           f"{megabytes(limit)} Mo que le kit sait lire",
                           "un export plus court (télécharger une période plus courte)")


def os_problem(exc: OSError) -> str:
    """Why a file cannot be opened, in French."""
    if isinstance(exc, FileNotFoundError):
        return "fichier introuvable"
    if isinstance(exc, IsADirectoryError):
        return "c'est un dossier, pas un fichier"
    if isinstance(exc, PermissionError):
        return "accès refusé"
    return "erreur de lecture"


class FileImportError(InputError):
    """A file cannot be read: names the file, the line (when known) and what
    was expected. Subclass of :class:`~counselling.errors.InputError`, so the
    dashboards show it as is (``field`` is ``"fichier"``)."""

    def __init__(self, kind: str, file_name: str | None, problem: str, expected: str,
                 line: int | None = None):
        self.kind = kind
        self.file_name = file_name
        self.line = line
        where = f"ligne {line} : " if line is not None else ""
        name = f" « {file_name} »" if file_name else ""
        super().__init__("fichier", f"Fichier {kind}{name}", where + problem, expected)


def read_text(source, kind: str, max_bytes: int = MAX_BYTES) -> tuple[str, str | None]:
    """Text of a file given as a path, bytes or an open file, and its name.

    Accepts UTF-8 with or without BOM, and Windows-1252 (older Excel saves).
    An empty file, or one above ``max_bytes`` [octets] (checked before
    reading a path), raises :class:`FileImportError`.
    """
    name = None
    if isinstance(source, (str, os.PathLike)) and not (isinstance(source, str) and "\n" in source):
        path = Path(source)
        name = path.name or None
        if not str(source).strip():
            raise FileImportError(kind, None, "aucun fichier n'a été indiqué", "un fichier présent et lisible")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise too_big(kind, name, size, max_bytes)
            raw = path.read_bytes()
        except OSError as exc:
            raise FileImportError(kind, name, f"le fichier ne peut pas être ouvert ({os_problem(exc)})",
                                  "un fichier présent et lisible") from None
    elif isinstance(source, (bytes, bytearray)):
        raw = bytes(source)
    elif isinstance(source, str):
        raw = source.encode("utf-8")
    elif hasattr(source, "read"):
        name = getattr(source, "name", None)
        name = Path(name).name if isinstance(name, str) else None
        data = source.read()
        raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    else:
        raise FileImportError(kind, None, f"{quote(source)} n'est pas un fichier",
                              "un chemin de fichier, un contenu (bytes) ou un fichier ouvert")
    if len(raw) > max_bytes:
        raise too_big(kind, name, len(raw), max_bytes)
    if raw[:2] == b"PK":  # an Excel workbook (zip): first sheet as ;-separated text
        return _workbook_text(raw, kind, name), name
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FileImportError(kind, name, "le fichier est vide",
                              "un export téléchargé en entier (refaire le téléchargement)")
    return text, name


def _workbook_text(raw: bytes, kind: str, name: str | None) -> str:
    """First sheet of an .xlsx as lines of ``;``-separated cells (dates and
    times written ISO, without offset: read as Paris time)."""
    import datetime as dt
    import io

    try:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw), read_only=True, data_only=True).worksheets[0]
        rows = list(sheet.iter_rows(values_only=True))
    except Exception as exc:  # noqa: BLE001 (any unreadable workbook)
        raise FileImportError(kind, name, f"classeur Excel illisible ({type(exc).__name__})",
                              "un classeur .xlsx téléchargé en entier, ou l'export CSV") from None

    def cell(value) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.datetime):
            return value.isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    lines = []
    width = None
    for row in rows:
        cells = [cell(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        first = cells[0] if cells else ""
        if first and not first[0].isdigit():
            width = len(cells)  # a header row: the rows below have its width
        elif cells and width:
            cells = (cells + [""] * width)[:max(width, len(cells))]
        lines.append(";".join(cells))
    text = "\n".join(lines)
    if not text.strip():
        raise FileImportError(kind, name, "le classeur est vide", "un export avec des mesures")
    return text


def normalise(cell: str) -> str:
    """Lower case, no accents, single spaces: « Type de relevé » → « type de releve »."""
    import unicodedata

    text = unicodedata.normalize("NFKD", cell.strip().strip('"').strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


__all__ = ["FileImportError", "MAX_BYTES", "megabytes", "read_text", "normalise", "os_problem", "too_big"]

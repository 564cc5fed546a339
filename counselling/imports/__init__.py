"""Readers of external files (Enedis, GRDF…). Beside the calculators, never
inside them: a reader turns a file into plain pandas frames; the calculators
(``counselling.calculators.load_curve``…) compute on those frames.

Every problem with a file raises :class:`FileImportError`, a French sentence
naming the file, the line and what was expected.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError


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


def read_text(source, kind: str) -> tuple[str, str | None]:
    """Text of a file given as a path, bytes or an open file, and its name.

    Accepts UTF-8 with or without BOM, and Windows-1252 (older Excel saves).
    An empty file raises :class:`FileImportError`.
    """
    name = None
    if isinstance(source, (str, os.PathLike)) and not (isinstance(source, str) and "\n" in source):
        path = Path(source)
        name = path.name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise FileImportError(kind, name, f"le fichier ne peut pas être ouvert ({exc.strerror})",
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
        raise FileImportError(kind, None, f"« {type(source).__name__} » n'est pas un fichier",
                              "un chemin de fichier, un contenu (bytes) ou un fichier ouvert")
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


def normalise(cell: str) -> str:
    """Lower case, no accents, single spaces: « Type de relevé » → « type de releve »."""
    import unicodedata

    text = unicodedata.normalize("NFKD", cell.strip().strip('"').strip())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


__all__ = ["FileImportError", "read_text", "normalise"]

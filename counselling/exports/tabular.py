"""CSV and Excel files written safely for spreadsheets: the functions every
tabular export of the kit uses.

A cell of text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return (or their full-width forms) would be run as a formula by
Excel or LibreOffice when the counsellor opens the file (« formula
injection »: ``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``). Such a cell is
written with a leading apostrophe (``'=1+1``), which the spreadsheet shows
as text. Genuine numbers stay numbers: numeric columns are untouched and a
text cell that is a plain number (``-12,50``) is kept as is.

Public API (small on purpose; « exports written for people » build on it)::

    neutralise(value)            # one cell
    neutralise_frame(frame)      # a copy with every text cell neutralised
    write_csv(frame, path=None)  # bytes: ; separated, decimal comma, UTF-8 with BOM (Excel)
    write_xlsx(frame, path=None, sheet="Listing", number_formats=None)  # bytes of an .xlsx, text as text
    save_file(data, folder, filename)               # write bytes for a download, return the path
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise(value):
    """``value`` safe for a spreadsheet: text starting like a formula gets a
    leading apostrophe; numbers, dates, empty cells and plain numbers
    written as text are returned unchanged."""
    if not isinstance(value, str) or not value.startswith(FORMULA_STARTS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and column names) are neutralised."""
    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if pd.api.types.is_numeric_dtype(series) or pd.api.types.is_datetime64_any_dtype(series):
            continue
        as_text = series.astype(object)
        try:
            risky = as_text.str.startswith(FORMULA_STARTS, na=False).to_numpy(dtype=bool)
        except AttributeError:  # no text at all in the column
            continue
        if risky.any():
            as_text = as_text.copy()
            as_text[risky] = [neutralise(v) for v in as_text[risky]]
            safe[column] = as_text
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    return safe


def write_csv(frame: pd.DataFrame, path: str | Path | None = None, *, sep: str = ";",
              decimal: str = ",") -> bytes:
    """The frame as CSV for a French spreadsheet (``;``, decimal comma,
    UTF-8 with BOM so that Excel reads the accents, CRLF line ends so that a
    cell holding a line break is quoted), text cells neutralised.

    Returns the bytes; also writes them to ``path`` when given.
    """
    data = neutralise_frame(frame).to_csv(sep=sep, index=False, decimal=decimal,
                                          lineterminator="\r\n").encode("utf-8-sig")
    if path is not None:
        Path(path).write_bytes(data)
    return data


def write_xlsx(frame: pd.DataFrame, path: str | Path | None = None, *, sheet: str = "Listing",
               number_formats: dict[str, str] | None = None) -> bytes:
    """The frame as an Excel workbook, text cells neutralised and stored as
    text (never as formulas). ``number_formats`` gives a column's display
    format ({column name: Excel format such as ``"#,##0.00"`` or
    ``"DD/MM/YYYY"``}), shown in the reader's locale. Returns the bytes; also
    writes ``path``."""
    safe = neutralise_frame(frame)
    for column in safe.columns:  # Excel has no time zones
        if isinstance(safe[column].dtype, pd.DatetimeTZDtype):
            safe[column] = safe[column].dt.tz_localize(None)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        formats = {position: (number_formats or {}).get(str(name)) for position, name in enumerate(frame.columns)}
        for row in writer.sheets[sheet[:31]].iter_rows():
            for position, cell in enumerate(row):
                if isinstance(cell.value, str):
                    cell.data_type = "s"
                elif formats.get(position) and cell.value is not None:
                    cell.number_format = formats[position]
    data = buffer.getvalue()
    if path is not None:
        Path(path).write_bytes(data)
    return data


KEEP_DOWNLOADS_HOURS = 24  # a big export holds a partner's personal data: gone the next day


def save_file(data: bytes, folder: str | Path, filename: str, keep_hours: float = KEEP_DOWNLOADS_HOURS) -> Path:
    """Write ``data`` as ``folder/filename`` (folder created) for a download
    served as a file; the name keeps only letters, digits, ``-_.``. The file
    is readable by its owner only, and files of the folder older than
    ``keep_hours`` are deleted first (exports hold personal data)."""
    import os
    import time

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    limit = time.time() - keep_hours * 3600
    for old in folder.iterdir():
        if old.is_file() and old.stat().st_mtime < limit:
            old.unlink(missing_ok=True)
    clean = re.sub(r"[^\w.-]", "_", filename).lstrip(".") or "export"
    target = folder / clean
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    return target

"""Parsing and checking of values typed by a counsellor, given by a script or
read from a file: the ONE number parser and the ONE date parser of the kit.

Every function takes the code name and French label of the field, so that a
bad value raises :class:`~counselling.errors.InputError` naming the field and
what is expected. Amounts come back as :class:`decimal.Decimal`, never float.

Numbers are read in both conventions when the writing is unambiguous:

* French: ``1 234,56``, ``1.234,56``, ``1234,5``;
* English: ``1,234.56``, ``25,000.00``, ``1234.5``;
* a single ``,`` or ``.`` followed by exactly three digits after one to
  three digits (``1,200``, ``1.200``) is refused as ambiguous (« 1 200 ou
  1,2 ? »), never guessed.

Absurd magnitudes (more than :data:`MAX_INTEGER_DIGITS` digits before the
decimal point, an exponent like ``1e999999999``, more than
:data:`MAX_TEXT` characters) are refused from the text itself, before any
conversion: no hang, no memory blow-up. Dates are refused outside
:data:`DATE_MIN` … :data:`DATE_MAX` (no ``OverflowError`` in later
calendar arithmetic).

Importers use the vectorised :func:`parse_numbers` and :func:`parse_dates`,
which apply exactly the same rules to a pandas Series.
"""

from __future__ import annotations

import datetime as dt
import numbers
import re
from decimal import ROUND_HALF_UP, Decimal

from .errors import InputError, quote

CENT = Decimal("0.01")
#: Digits allowed before the decimal point: 10^15 is beyond any amount,
#: quantity or count the kit handles (method choice, not a legal figure).
MAX_INTEGER_DIGITS = 15
#: Decimal places allowed in a typed number.
MAX_DECIMAL_PLACES = 30
#: Longest text read as a number [caractères].
MAX_TEXT = 80
#: Dates the kit accepts (method choice: calendar arithmetic stays far from
#: the limits of Python dates).
DATE_MIN = dt.date(1900, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)

_GROUP = "[ \u00a0\u202f\u2009'’]"
_PLAIN = re.compile(r"\d+")
_SCIENTIFIC = re.compile(r"(\d+(?:\.\d+)?)[eE]([+-]?)(\d+)")
_SPACED = re.compile(rf"(\d{{1,3}}(?:{_GROUP}\d{{3}})+)(?:([.,])(\d+))?")
_DATE_FORMATS = (re.compile(r"(?P<y>\d{4})-(?P<m>\d\d?)-(?P<d>\d\d?)"),
                 re.compile(r"(?P<d>\d\d?)/(?P<m>\d\d?)/(?P<y>\d{4}|\d\d)"),
                 re.compile(r"(?P<d>\d\d?)-(?P<m>\d\d?)-(?P<y>\d{4})"),
                 re.compile(r"(?P<d>\d\d?)\.(?P<m>\d\d?)\.(?P<y>\d{4})"))


class _Refused(Exception):
    """Internal: why a text is not read as a number (French ``problem``)."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def to_cents(amount: Decimal) -> Decimal:
    """Round an amount to the cent, half away from zero (the usual rule for
    money, not banker's rounding). [€]"""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def _grouped(digits: str) -> str:
    """``1200`` → ``1 200`` (for the ambiguity message)."""
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def _group_pattern(sep: str) -> re.Pattern:
    return re.compile(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+")


class _Shown:
    """The quoted value, computed only when a message needs it."""

    def __init__(self, raw):
        self.raw = raw

    def __format__(self, spec: str) -> str:
        return quote(self.raw)


def _number_text(raw: str) -> Decimal:
    """Read one number written as text (rules in the module docstring).

    Raises ``_Refused`` with a French problem quoting the text (cut).
    """
    text = raw.strip()
    if _PLAIN.fullmatch(text) and len(text) <= MAX_INTEGER_DIGITS:
        return Decimal(text)
    shown = _Shown(raw)
    if len(text) > MAX_TEXT:
        raise _Refused(f"{shown} est bien trop long pour un nombre")
    text = text.replace("€", "").replace("\u2212", "-").strip()
    if not text:
        raise _Refused("aucune valeur n'a été saisie")
    sign = ""
    if text[0] in "+-":
        sign, text = ("-" if text[0] == "-" else ""), text[1:].strip()
    scientific = _SCIENTIFIC.fullmatch(text)
    if scientific:
        mantissa, exp_sign, exponent = scientific.groups()
        if len(exponent.lstrip("0")) > 3:
            raise _Refused(f"{shown} est {'bien trop petit' if exp_sign == '-' else 'bien trop grand'}")
        number = Decimal(sign + text)
        if number and number.adjusted() >= MAX_INTEGER_DIGITS:
            raise _Refused(f"{shown} est bien trop grand")
        if number and -number.as_tuple().exponent > MAX_DECIMAL_PLACES:
            raise _Refused(f"{shown} a trop de décimales")
        return Decimal(int(number)) if number == number.to_integral_value() else number
    whole, fraction = _split(text, shown)
    whole = whole.lstrip("0") or "0"
    if len(whole) > MAX_INTEGER_DIGITS:
        raise _Refused(f"{shown} est bien trop grand")
    if len(fraction) > MAX_DECIMAL_PLACES:
        raise _Refused(f"{shown} a trop de décimales")
    return Decimal(f"{sign}{whole}.{fraction}" if fraction else f"{sign}{whole}")


def _split(text: str, shown: "_Shown") -> tuple[str, str]:
    """Integer digits and decimal digits of a number without sign."""
    if _PLAIN.fullmatch(text):
        return text, ""
    spaced = _SPACED.fullmatch(text)
    if spaced:  # spaces group the thousands: a single , or . is the decimal mark
        return re.sub(_GROUP, "", spaced.group(1)), spaced.group(3) or ""
    if re.search(_GROUP, text):
        raise _Refused(f"{shown} n'est pas un nombre")
    commas, dots = text.count(","), text.count(".")
    if commas and dots:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        other = "." if mark == "," else ","
        whole, _, fraction = text.rpartition(mark)
        if not (_group_pattern(other).fullmatch(whole) and _PLAIN.fullmatch(fraction)):
            raise _Refused(f"{shown} n'est pas un nombre")
        return whole.replace(other, ""), fraction
    mark = "," if commas else "."
    if commas + dots > 1:  # 1,234,567 or 1.234.567: thousands only
        if not _group_pattern(mark).fullmatch(text):
            raise _Refused(f"{shown} n'est pas un nombre")
        return text.replace(mark, ""), ""
    whole, _, fraction = text.partition(mark)
    if not _PLAIN.fullmatch(fraction) or not (whole == "" or _PLAIN.fullmatch(whole)):
        raise _Refused(f"{shown} n'est pas un nombre")
    if len(fraction) == 3 and 1 <= len(whole) <= 3 and whole[0] != "0":
        decimal = f"{whole},{fraction.rstrip('0')}".rstrip(",")
        # the decimal reading written so that it is not ambiguous any more (« 45,5550 », not « 45,555 »)
        typed = decimal if len(fraction.rstrip("0")) < 3 else f"{whole},{fraction}0"
        raise _Refused(f"{shown} est ambigu : {_grouped(whole + fraction)} ou {decimal} ? Écrire "
                       f"{whole}{fraction} (sans séparateur de milliers) ou {typed}")
    return whole, fraction


def _number(value) -> Decimal:
    """Any accepted Python value as a finite Decimal of sane magnitude."""
    if isinstance(value, bool) or value is None:
        raise _Refused("aucune valeur n'a été saisie")
    if isinstance(value, str):
        return _number_text(value)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, numbers.Integral):
        value = int(value)
        if value.bit_length() > 64 or abs(value) >= 10 ** MAX_INTEGER_DIGITS:
            raise _Refused(f"{quote(value)} est bien trop grand")
        return Decimal(value)
    elif isinstance(value, numbers.Real):
        value = float(value)
        if value != value or value in (float("inf"), float("-inf")):
            raise _Refused(f"{quote(value)} n'est pas un nombre")
        number = Decimal(repr(value))
    else:
        raise _Refused(f"{quote(value)} n'est pas un nombre")
    if not number.is_finite():
        raise _Refused(f"{quote(value)} n'est pas un nombre")
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise _Refused(f"{quote(value)} est bien trop grand")
    if number and -number.as_tuple().exponent > 2 * MAX_DECIMAL_PLACES:
        raise _Refused(f"{quote(value)} a trop de décimales")
    return number


def parse_decimal(value, field: str, label: str, *, minimum: Decimal | None = None,
                  maximum: Decimal | None = None, expected: str | None = None,
                  strict_minimum: bool = False) -> Decimal:
    """Read a number typed the French or English way (``"1 234,56"``,
    ``"1,234.56"``, ``1234``) as an exact Decimal.

    Floats are accepted from scripts and read through ``repr()``, so ``0.1``
    becomes ``Decimal("0.1")``. Ambiguous writings (``"1,200"``), absurd
    magnitudes and non-numbers raise :class:`InputError` naming the field.
    """
    expected = expected or "un nombre, par exemple 1 234,56"
    try:
        number = _number(value)
    except _Refused as refused:
        raise InputError(field, label, refused.problem, expected) from None
    if minimum is not None and (number < minimum or (strict_minimum and number == minimum)):
        problem = "la valeur est négative" if minimum == 0 and number < 0 else \
            f"la valeur {quote(value)} est trop petite"
        raise InputError(field, label, problem, expected)
    if maximum is not None and number > maximum:
        raise InputError(field, label, f"la valeur {quote(value)} est trop grande", expected)
    return number


def parse_money(value, field: str, label: str, *, allow_negative: bool = False,
                allow_zero: bool = True, maximum: Decimal | None = None) -> Decimal:
    """Read an amount in euros and round it to the cent. [€]

    Raises InputError for a negative amount (unless ``allow_negative``), an
    amount with more than two decimals that is not a whole number of cents,
    an ambiguous writing (``"1,200"``) or text that is not a number.
    """
    if allow_negative:
        expected = "un montant en euros, par exemple 1 234,56"
        minimum = None
    elif allow_zero:
        expected = "un montant positif ou nul en euros, par exemple 1 234,56"
        minimum = Decimal(0)
    else:
        expected = "un montant strictement positif en euros, par exemple 1 234,56"
        minimum = Decimal(0)
    amount = parse_decimal(value, field, label, minimum=minimum, maximum=maximum,
                           expected=expected, strict_minimum=not allow_zero and not allow_negative)
    if amount != to_cents(amount):
        raise InputError(field, label, f"{quote(value)} a plus de deux décimales",
                         "un montant au centime près, par exemple 12,35")
    return to_cents(amount)


def parse_int(value, field: str, label: str, *, minimum: int | None = None,
              maximum: int | None = None, expected: str | None = None) -> int:
    """Read a whole number (a count of persons, a year, a number of months)."""
    if expected is None:
        if minimum is not None and maximum is not None:
            expected = f"un nombre entier entre {minimum} et {maximum}"
        elif minimum is not None:
            expected = f"un nombre entier supérieur ou égal à {minimum}"
        else:
            expected = "un nombre entier"
    number = parse_decimal(value, field, label, expected=expected)
    if number != number.to_integral_value():
        raise InputError(field, label, f"{quote(value)} n'est pas un nombre entier", expected)
    result = int(number)
    if minimum is not None and result < minimum:
        raise InputError(field, label, f"{result} est trop petit", expected)
    if maximum is not None and result > maximum:
        raise InputError(field, label, f"{result} est trop grand", expected)
    return result


def _date_text(text: str) -> dt.date | None:
    """A date written ``2026-02-01``, ``01/02/2026``, ``01/02/26``,
    ``01-02-2026`` or ``01.02.2026`` (a time after a ``T`` or a space is
    ignored), or None. A two-digit year is 2000–2068 for 00–68 and
    1969–1999 for 69–99 (the rule of ``strptime``)."""
    text = text.strip()
    if len(text) > 40:
        return None
    text = re.split(r"[T ]", text, maxsplit=1)[0]
    for pattern in _DATE_FORMATS:
        match = pattern.fullmatch(text)
        if match:
            year = int(match["y"])
            if len(match["y"]) == 2:
                year += 2000 if year <= 68 else 1900
            try:
                return dt.date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                return None
    return None


def parse_date(value, field: str, label: str, *, minimum: dt.date | None = None,
               maximum: dt.date | None = None) -> dt.date:
    """Read a date given as a ``date``, ``"2026-02-01"`` or ``"01/02/2026"``.

    Dates outside :data:`DATE_MIN` … :data:`DATE_MAX` are refused in any
    case (a year 9999 is a typing slip, and would overflow later arithmetic).
    """
    expected = "une date au format JJ/MM/AAAA, par exemple 01/02/2026"
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and value.strip():
        day = _date_text(value)
        if day is None:
            raise InputError(field, label, f"{quote(value)} n'est pas une date", expected)
    elif value is None or isinstance(value, str):
        raise InputError(field, label, "aucune date n'a été saisie", expected)
    else:
        raise InputError(field, label, f"{quote(value)} n'est pas une date", expected)
    low = max(minimum, DATE_MIN) if minimum is not None else DATE_MIN
    high = min(maximum, DATE_MAX) if maximum is not None else DATE_MAX
    if day < low:
        raise InputError(field, label, f"le {day:%d/%m/%Y} est trop tôt" if day.year >= 1000 else
                         f"l'année {day.year} est trop ancienne", f"une date à partir du {low:%d/%m/%Y}")
    if day > high:
        raise InputError(field, label, f"le {day.day:02d}/{day.month:02d}/{day.year} est trop tard",
                         f"une date jusqu'au {high:%d/%m/%Y}")
    return day


def code_text(value) -> str:
    """The text of a code typed or given by a script (``"Base"``, ``77``),
    stripped; "" for anything that cannot be a code (a list, a huge number,
    a date…), so that the caller's « not a known code » message applies."""
    if isinstance(value, str):
        return value.strip() if len(value) <= MAX_TEXT else ""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 10**6:
        return str(value)
    return ""


def parse_choice(value, field: str, label: str, choices, expected: str) -> str:
    """Read a code among ``choices`` (text, or a whole number written as a
    code such as ``30``); anything else raises InputError quoting the value
    (cut), never a Python repr."""
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)
                                  and abs(value) < 10**6):
        key = str(value).strip()
        if key in choices:
            return key
    raise InputError(field, label, f"{quote(value)} n'est pas un choix possible", expected)


def parse_text(value, field: str, label: str, *, maximum: int = 200) -> str | None:
    """A short free text (a creditor's name): None when empty; a number is
    read as its digits; longer than ``maximum`` characters or of another
    kind raises InputError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else code_text(value)
    if not text or len(text) > maximum:
        raise InputError(field, label, f"{quote(value)} n'est pas un texte court",
                         f"un nom de {maximum} caractères au plus")
    return text


def parse_list(value, field: str, label: str, expected: str) -> list:
    """A list given by a script or a page (empty when nothing was given);
    anything else (a number, a text, a dict) raises InputError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    raise InputError(field, label, f"{quote(value)} n'est pas une liste", expected)


def parse_mapping(value, field: str, label: str, expected: str) -> dict:
    """Pairs key → value (empty when nothing was given); anything else
    raises InputError."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return {}
    if isinstance(value, dict):
        return dict(value)
    raise InputError(field, label, f"{quote(value)} n'est pas une liste de paires clé : valeur", expected)


def parse_bool(value, field: str, label: str) -> bool:
    """Read yes/no (``True``, ``"oui"``, ``"non"``, 1, 0)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in {"oui", "o", "yes", "true", "vrai", "1"}:
        return True
    if isinstance(value, str) and value.strip().lower() in {"non", "n", "no", "false", "faux", "0"}:
        return False
    raise InputError(field, label, f"{quote(value)} n'est ni oui ni non", "oui ou non")


# --------------------------------------------------------------------------- vectorised (importers)

#: Writings read without the scalar parser (a strict subset of what it
#: accepts, with the same result): plain digits, or a single , or . that
#: cannot be a thousands separator.
_FAST_NUMBER = (r"-?(?:\d{1,15}(?:[.,]\d{1,2})?|[1-9]\d{3,14}[.,]\d{1,30}|0[.,]\d{1,30}"
                r"|[1-9]\d{0,2}[.,]\d{4,30})")


def distinct_cells(texts):
    """Codes and stripped distinct texts of a Series (empty/NA → code of a
    final ""): importers parse each distinct cell once."""
    import numpy as np
    import pandas as pd

    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    distinct = [str(u).strip() for u in uniques.tolist()] + [""]
    codes = np.where(codes < 0, len(distinct) - 1, codes)
    return codes, distinct


def parse_numbers(texts):
    """Vectorised number parser for importers: same rules as
    :func:`parse_decimal`, each distinct cell parsed once.

    Parameters
    ----------
    texts : pandas.Series of str
        Cells as read from a file ("" or NA when empty).

    Returns
    -------
    values : pandas.Series of float64
        NaN for an empty or refused cell.
    problems : pandas.Series of str
        "" when the cell is empty or read; otherwise the French problem
        (« « 1,200 » est ambigu : 1 200 ou 1,2 ? … »), to put after the label.
    """
    import numpy as np
    import pandas as pd

    codes, distinct = distinct_cells(texts)
    values = np.full(len(distinct), np.nan)
    problems = np.full(len(distinct), "", dtype=object)
    fast = re.compile(_FAST_NUMBER)
    for position, cell in enumerate(distinct):
        if not cell:
            continue
        if fast.fullmatch(cell):
            values[position] = float(cell.replace(",", "."))
            continue
        try:
            values[position] = float(_number_text(cell))
        except _Refused as refused:
            problems[position] = refused.problem
    return (pd.Series(values[codes], index=texts.index, dtype="float64"),
            pd.Series(problems[codes], index=texts.index, dtype=object))


def number_column(values):
    """A column of numbers for vectorised calculators: numbers pass as
    float64; text cells go through :func:`parse_numbers` (both conventions;
    an ambiguous or unreadable cell becomes NaN, i.e. missing)."""
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if pd.api.types.is_bool_dtype(series):
        return pd.Series(float("nan"), index=series.index, dtype="float64")
    if pd.api.types.is_numeric_dtype(series):
        out = series.astype("float64")
        return out.where(out.abs() < 10.0 ** MAX_INTEGER_DIGITS)
    texts = series.map(lambda v: v if isinstance(v, str) else (repr(v) if isinstance(v, float) else str(v))
                       if v is not None and not isinstance(v, bool) and isinstance(v, (int, float, Decimal, str))
                       else "")
    return parse_numbers(texts)[0]


def _fast_days(texts):
    """Days of the cells written exactly ``JJ/MM/AAAA`` or ``AAAA-MM-JJ`` in
    ASCII digits, read with numpy (a strict subset of :func:`parse_date`,
    same result), and the mask of the cells so read; every other cell (a
    time after the date, spaces, another writing, an impossible date, a year
    out of bounds) is left to the scalar parser."""
    import numpy as np

    try:
        chars = np.asarray(texts, dtype="S11").view(np.uint8).reshape(len(texts), 11)
    except UnicodeEncodeError:  # a cell beyond ASCII: never a fast date
        chars = np.minimum(np.asarray(texts, dtype="U11").view(np.uint32), 255).astype(np.uint8)
        chars = chars.reshape(len(texts), 11)
    value = chars - np.uint8(48)  # a digit is below 10 (other bytes wrap round)

    def digits(*places):
        return np.logical_and.reduce([value[:, place] < 10 for place in places])

    slash = (chars[:, 2] == 47) & (chars[:, 5] == 47) & digits(0, 1, 3, 4, 6, 7, 8, 9)
    iso = (chars[:, 4] == 45) & (chars[:, 7] == 45) & digits(0, 1, 2, 3, 5, 6, 8, 9)
    ok = (slash | iso) & (chars[:, 10] == 0)
    if not ok.any():
        return np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[s]"), ok
    if iso.any():  # the ISO writing's digits moved to the places of JJ/MM/AAAA
        value = np.where(iso[:, None], value[:, [8, 9, 7, 5, 6, 4, 0, 1, 2, 3, 10]], value)

    def number(*places):
        total = value[:, places[0]].astype(np.int32)
        for place in places[1:]:
            total = total * 10 + value[:, place]
        return total

    day, month, year = number(0, 1), number(3, 4), number(6, 7, 8, 9)
    ok &= (month >= 1) & (month <= 12) & (day >= 1) & (year >= DATE_MIN.year) & (year <= DATE_MAX.year)
    months = np.where(ok, (year - 1970) * 12 + month - 1, 0).astype("datetime64[M]")
    days = months.astype("datetime64[D]") + np.where(ok, day - 1, 0)
    ok &= days < (months + 1).astype("datetime64[D]")
    return days.astype("datetime64[s]"), ok


def parse_dates(texts):
    """Vectorised :func:`parse_date` for importers (same formats and bounds).
    Cells written ``JJ/MM/AAAA`` or ``AAAA-MM-JJ`` are read with numpy; each
    other distinct cell goes once through :func:`parse_date`.

    Returns
    -------
    days : pandas.Series of datetime64 (NaT when empty or refused)
    problems : pandas.Series of str ("" when empty or read)
    """
    import numpy as np
    import pandas as pd

    cells = texts.to_numpy(dtype=object)
    days, fast = _fast_days(cells)
    days[~fast] = np.datetime64("NaT")
    problems = np.full(len(cells), "", dtype=object)
    rest = np.flatnonzero(~fast)
    if len(rest):
        codes, distinct = distinct_cells(pd.Series(cells[rest]))
        found = np.full(len(distinct), np.datetime64("NaT"), dtype="datetime64[s]")
        why = np.full(len(distinct), "", dtype=object)
        for position, cell in enumerate(distinct):
            if not cell:
                continue
            try:
                found[position] = np.datetime64(parse_date(cell, "date", "Date"), "s")
            except InputError as error:
                why[position] = error.problem
        days[rest], problems[rest] = found[codes], why[codes]
    return (pd.Series(days, index=texts.index),
            pd.Series(problems, index=texts.index, dtype=object))

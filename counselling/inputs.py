"""Parsing and checking of values typed by a counsellor or given by a script.

Every function takes the code name and French label of the field, so that a
bad value raises :class:`~counselling.errors.InputError` naming the field and
what is expected. Amounts come back as :class:`decimal.Decimal`, never float.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from .errors import InputError

CENT = Decimal("0.01")
_SPACES = re.compile(r"[\s\u00a0\u202f']")


def to_cents(amount: Decimal) -> Decimal:
    """Round an amount to the cent, half away from zero (the usual rule for
    money, not banker's rounding). [€]"""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_decimal(value, field: str, label: str, *, minimum: Decimal | None = None,
                  maximum: Decimal | None = None, expected: str | None = None,
                  strict_minimum: bool = False) -> Decimal:
    """Read a number typed the French or English way (``"1 234,56"``,
    ``"1234.56"``, ``1234``) as an exact Decimal.

    Floats are accepted from scripts and read through ``str()``, so ``0.1``
    becomes ``Decimal("0.1")``.
    """
    expected = expected or "un nombre, par exemple 1 234,56"
    if isinstance(value, bool) or value is None:
        raise InputError(field, label, "aucune valeur n'a été saisie", expected)
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (int, float)):
        number = Decimal(str(value))
    elif isinstance(value, str):
        text = _SPACES.sub("", value.strip()).replace("€", "")
        if not text:
            raise InputError(field, label, "aucune valeur n'a été saisie", expected)
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", ".")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise InputError(field, label, f"« {value} » n'est pas un nombre", expected) from None
    else:
        raise InputError(field, label, f"« {value!r} » n'est pas un nombre", expected)
    if not number.is_finite():
        raise InputError(field, label, f"« {value} » n'est pas un nombre", expected)
    if minimum is not None and (number < minimum or (strict_minimum and number == minimum)):
        problem = "la valeur est négative" if minimum == 0 and number < 0 else \
            f"la valeur {value} est trop petite"
        raise InputError(field, label, problem, expected)
    if maximum is not None and number > maximum:
        raise InputError(field, label, f"la valeur {value} est trop grande", expected)
    return number


def parse_money(value, field: str, label: str, *, allow_negative: bool = False,
                allow_zero: bool = True, maximum: Decimal | None = None) -> Decimal:
    """Read an amount in euros and round it to the cent. [€]

    Raises InputError for a negative amount (unless ``allow_negative``), an
    amount with more than two decimals that is not a whole number of cents,
    or text that is not a number.
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
        raise InputError(field, label, f"« {value} » a plus de deux décimales",
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
        raise InputError(field, label, f"« {value} » n'est pas un nombre entier", expected)
    result = int(number)
    if minimum is not None and result < minimum:
        raise InputError(field, label, f"{result} est trop petit", expected)
    if maximum is not None and result > maximum:
        raise InputError(field, label, f"{result} est trop grand", expected)
    return result


def parse_date(value, field: str, label: str, *, minimum: dt.date | None = None,
               maximum: dt.date | None = None) -> dt.date:
    """Read a date given as a ``date``, ``"2026-02-01"`` or ``"01/02/2026"``."""
    expected = "une date au format JJ/MM/AAAA, par exemple 01/02/2026"
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        day = None
        for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y"):
            try:
                day = dt.datetime.strptime(text, fmt).date()
                break
            except ValueError:
                continue
        if day is None:
            raise InputError(field, label, f"« {value} » n'est pas une date", expected)
    else:
        raise InputError(field, label, "aucune date n'a été saisie", expected)
    if minimum is not None and day < minimum:
        raise InputError(field, label, f"le {day:%d/%m/%Y} est trop tôt",
                         f"une date à partir du {minimum:%d/%m/%Y}")
    if maximum is not None and day > maximum:
        raise InputError(field, label, f"le {day:%d/%m/%Y} est trop tard",
                         f"une date jusqu'au {maximum:%d/%m/%Y}")
    return day


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
    raise InputError(field, label, f"« {value} » n'est ni oui ni non", "oui ou non")

"""French formatting of money, numbers and dates (through babel).

Examples
--------
>>> eur(Decimal("1234.56"))     # '1\u202f234,56\u00a0€'
>>> date_fr(date(2026, 2, 1))   # '1er février 2026'
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

LOCALE = "fr_FR"


def eur(amount: Decimal | int | str, whole: bool = False) -> str:
    """Format an amount in euros the French way: ``1 234,56 €``.

    Parameters
    ----------
    amount : Decimal, int or str
        Amount. [€]
    whole : bool
        Drop the cents when the amount is a whole number of euros (``194 €``).
    """
    value = Decimal(str(amount))
    if whole and value == value.to_integral_value():
        return format_currency(value, "EUR", format="#,##0\u00a0¤", locale=LOCALE,
                               currency_digits=False)
    return format_currency(value, "EUR", locale=LOCALE)


def number(value: Decimal | int | float | str, decimals: int | None = None) -> str:
    """Format a number the French way (``1 234,5``), with a fixed number of
    decimals when ``decimals`` is given."""
    value = Decimal(str(value))
    if decimals is None:
        return format_decimal(value, locale=LOCALE)
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE, decimal_quantization=True)


def how_many(n, singular: str, plural: str) -> str:
    """« 0 acte », « 1,5 part », « 1 998 771 actes »: in French a quantity
    below 2 takes the singular. Used instead of « acte(s) », which a person
    who reads little French finds harder."""
    return f"{number(n)} {singular if abs(n) < 2 else plural}"


def percent(ratio: Decimal | float | str, decimals: int = 1) -> str:
    """Format a ratio (0.085) as a French percentage (``8,5 %``)."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + "\u00a0%"
    return format_percent(Decimal(str(ratio)), format=pattern, locale=LOCALE)


def date_fr(day: dt.date) -> str:
    """Format a date in French words: ``1er février 2026``, ``15 mars 2025``."""
    text = format_date(day, format="d MMMM y", locale=LOCALE)
    if day.day == 1:
        text = "1er" + text[1:]
    return text


def date_short(day: dt.date) -> str:
    """Format a date as ``01/02/2026``."""
    return day.strftime("%d/%m/%Y")

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


def agreed(n, singular: str, plural: str) -> str:
    """``singular`` when the quantity ``n`` is below 2 (French: « 0 acte »,
    « 1,5 part »), else ``plural``; the words only, without the number."""
    return singular if abs(n) < 2 else plural


def how_many(n, singular: str, plural: str) -> str:
    """« 0 acte », « 1,5 part », « 1 998 771 actes »: in French a quantity
    below 2 takes the singular. Used instead of « acte(s) », which a person
    who reads little French finds harder. Give the whole phrase when a word
    agrees with the count: ``how_many(n, "échéance demandée", "échéances demandées")``."""
    return f"{number(n)} {agreed(n, singular, plural)}"


def listed(items, singular: str, plural: str, separator: str = " : ") -> str:
    """A list named in the number it has: « énergie inconnue : fioul »,
    « énergies inconnues : fioul, bois » (instead of « énergie(s) inconnue(s) »).

    Parameters
    ----------
    items : iterable of str
        The names, in the order given.
    singular, plural : str
        The words before the list, for one name and for several.
    separator : str
        Between the words and the list (« : », or a space: « volets eau, téléphone »).
    """
    items = [str(item) for item in items]
    return f"{agreed(len(items), singular, plural)}{separator}{', '.join(items)}"


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

"""Errors a counsellor may see: always in French, always naming the field."""

from __future__ import annotations


#: Longest piece of a typed value or file cell quoted in a message [caractères].
QUOTE_LIMIT = 40
#: Longest label, problem or expectation of an InputError [caractères]: a
#: last guard so that no message ever repeats a huge cell in full.
MESSAGE_PART_LIMIT = 600


class CounsellingError(Exception):
    """Base of every error the kit raises on purpose.

    Its ``str()`` is a French sentence that can be shown as is.
    """


class InputError(CounsellingError, ValueError):
    """A value entered by the user (or given by a script) is not acceptable.

    Parameters
    ----------
    field : str
        Code name of the input (``"rfr"``), for programs.
    label : str
        French label of the input as shown on screen ("Revenu fiscal de
        référence").
    problem : str
        What is wrong, in French ("le montant est négatif").
    expected : str
        What is expected, in French ("un montant positif ou nul en euros").
    """

    def __init__(self, field: str, label: str, problem: str, expected: str):
        self.field = field
        self.label = clip(label, MESSAGE_PART_LIMIT)
        self.problem = clip(problem, MESSAGE_PART_LIMIT)
        self.expected = clip(expected, MESSAGE_PART_LIMIT)
        super().__init__(f"{self.label} : {self.problem}. Attendu : {self.expected}.")


class TariffError(CounsellingError):
    """A file under ``tariffs/`` is malformed, or a parameter was asked for
    a date it does not cover. The message names the file and the key."""




def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with « … » (a 5 MB cell is never
    repeated in full in a message)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def quote(value, limit: int = QUOTE_LIMIT) -> str:
    """A value as a French message shows it: text and numbers between
    guillemets (cut with « … »), a date as JJ/MM/AAAA, anything else named by
    its kind (« une liste ») — never a Python repr."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, str):
        return f"« {clip(value.strip(), limit)} »"
    if isinstance(value, bool):
        return "« oui »" if value else "« non »"
    if isinstance(value, int):
        return f"« {clip(str(value), limit)} »" if value.bit_length() < 200 else "un nombre démesuré"
    if isinstance(value, (float, Decimal)):
        if isinstance(value, Decimal) and value.is_finite() and abs(value.adjusted()) > 200:
            return "un nombre démesuré"
        return f"« {clip(str(value), limit)} »"
    if isinstance(value, dt.datetime):
        return f"« {value:%d/%m/%Y %H:%M} »" if 1 <= value.year <= 9999 else "une date"
    if isinstance(value, dt.date):
        return f"« {value.day:02d}/{value.month:02d}/{value.year:04d} »"
    if value is None:
        return "une valeur vide"
    kinds = ((dict, "un dictionnaire"), ((list, tuple), "une liste"), ((set, frozenset), "un ensemble"),
             ((bytes, bytearray), "un contenu binaire"))
    for types, words in kinds:
        if isinstance(value, types):
            return words
    return "une valeur d'un type inattendu"

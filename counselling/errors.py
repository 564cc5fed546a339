"""Errors a counsellor may see: always in French, always naming the field."""

from __future__ import annotations


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
        self.label = label
        self.problem = problem
        self.expected = expected
        super().__init__(f"{label} : {problem}. Attendu : {expected}.")


class TariffError(CounsellingError):
    """A file under ``tariffs/`` is malformed, or a parameter was asked for
    a date it does not cover. The message names the file and the key."""

"""Hypothesis strategies and checks shared by the fuzz tests: valid,
adversarial and malformed values, and the rule every call must follow —
a result that satisfies its invariants, or the kit's own error with a
French message naming the field (never a Python error, never a hang)."""

from __future__ import annotations

import datetime as dt
import signal
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from counselling.errors import CounsellingError, InputError
from counselling.results import Result

#: Watchdog against hangs (not a speed check): a call still running after
#: this is a hang [s].
HANG_SECONDS = 120
#: Longest message accepted: a 5 MB cell must never be repeated in full.
MAX_MESSAGE = 3000
PYTHON_WORDS = ("datetime.", "Decimal(", "Traceback", "<class", "object at 0x", "NoneType", "TypeError",
                "ValueError", "KeyError", "IndexError", "OverflowError", "InvalidOperation", "not iterable",
                "unhashable", "out of range", "[<class")

NASTY_TEXT = ["1e10000000", "1e999999999", "-1e999999999", "1e-999999999", "1,200", "1.200", "25,000.00",
              "1.234,56", "1 234,56", "-0", "+5", "∞", "NaN", "nan", "inf", "-inf", "1e308", "0x10", "١٢٣",
              "31/12/9999", "30/02/2026", "0000-00-00", "9999-12-31", "15/01/2025", " ", "", "\x00", "=1+1",
              "@SUM(1+1)", "12.", ".5", "1 2,5", "x" * 5000, "9" * 400, "1_000", "½", "€", "oui", "non"]


def adversarial() -> st.SearchStrategy:
    """Values a page or a script may give in place of any input."""
    return st.one_of(
        st.sampled_from(NASTY_TEXT),
        st.none(), st.booleans(),
        st.integers(min_value=-10**30, max_value=10**30),
        st.sampled_from([10**5000, -(10**400)]),
        st.floats(allow_nan=True, allow_infinity=True),
        # a signalling NaN is left out: comparing it with anything raises by
        # design of the decimal module, no page or file can produce one
        st.decimals(allow_nan=True, allow_infinity=True).filter(lambda d: not d.is_snan()),
        st.sampled_from([Decimal("1e999999999"), Decimal("-1e-999999"), Decimal("NaN")]),
        st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
        st.text(max_size=12),
        st.lists(st.integers(min_value=-5, max_value=5), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(max_value=5), max_size=2),
        st.just(object()),
    )


def written(value: Decimal) -> st.SearchStrategy:
    """The same amount written in either convention (French or English,
    with or without thousands separators), as a person would type it."""
    sign = "-" if value < 0 else ""
    whole, _, frac = f"{abs(value):f}".partition(".")

    def group(sep: str) -> str:
        head = len(whole) % 3 or 3
        return sep.join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])

    forms = []
    for thousands, mark in ((" ", ","), ("\u202f", ","), (".", ","), (",", "."), ("", ","), ("", "."),
                            ("'", ".")):
        text = group(thousands) if thousands else whole
        forms.append(sign + text + (mark + frac if frac else ""))
    return st.sampled_from(forms)


def french_message(error: CounsellingError) -> str:
    """Check the message of a kit error: French, no Python repr, bounded,
    naming the field (for an InputError). Returns it."""
    message = str(error)
    assert message.strip(), "message vide"
    assert len(message) <= MAX_MESSAGE, f"message de {len(message)} caractères"
    for word in PYTHON_WORDS:
        assert word not in message, f"« {word} » dans le message : {message[:300]}"
    if isinstance(error, InputError):
        assert error.label.strip() and message.startswith(error.label), message[:300]
        assert "Attendu" in message, message[:300]
    return message


@contextmanager
def watchdog(seconds: int = HANG_SECONDS):
    """Fail a call that runs for ``seconds`` (a hang), Unix only."""
    def hang(_signum, _frame):
        raise AssertionError(f"appel bloqué plus de {seconds} s")

    previous = signal.signal(signal.SIGALRM, hang)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def outcome(func, *args, **kwargs):
    """Call ``func``: its result, or None after checking the kit's error.
    Any other exception propagates and fails the test."""
    with watchdog():
        try:
            return func(*args, **kwargs)
        except CounsellingError as error:
            french_message(error)
            return None


def finite_decimals(value, path: str = "values") -> None:
    """Every Decimal of a result is finite (recursively)."""
    if isinstance(value, Decimal):
        assert value.is_finite(), f"{path} = {value}"
    elif isinstance(value, dict):
        for key, item in value.items():
            finite_decimals(item, f"{path}.{key}")
    elif isinstance(value, (list, tuple)):
        for number, item in enumerate(value):
            finite_decimals(item, f"{path}[{number}]")


def check_result(result) -> None:
    """Invariants of every calculator result."""
    if isinstance(result, Result):
        assert result.steps or result.warnings or result.values, "résultat sans explication"
        finite_decimals(result.values)
        for step in result.steps:
            for word in ("datetime.", "Decimal("):
                assert word not in step.text and word not in (step.formula or ""), step.text


ROOT = Path(__file__).resolve().parents[2]

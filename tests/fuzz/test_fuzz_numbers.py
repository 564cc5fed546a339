"""The one number parser: any amount written in either convention reads
back as itself or is refused (never read as another amount); the one date
parser: any date reads back or is refused with a French message."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.errors import InputError
from counselling.inputs import DATE_MAX, DATE_MIN, parse_date, parse_decimal, parse_money, parse_numbers

from .strategies import NASTY_TEXT, adversarial, french_message, outcome, written

PROPERTY = settings(max_examples=300, deadline=None)
amounts = st.decimals(min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2)


@PROPERTY
@given(data=st.data(), amount=amounts)
def test_an_amount_in_either_convention_round_trips_or_is_refused(data, amount):
    text = data.draw(written(amount))
    try:
        read = parse_money(text, "montant", "Montant", allow_negative=True)
    except InputError as error:
        assert "ambigu" in str(error), (text, str(error))
        french_message(error)
        return
    assert read == amount, f"« {text} » lu {read} au lieu de {amount}"


@PROPERTY
@given(st.text(alphabet="0123456789,. -+e'", max_size=16))
def test_the_vectorised_parser_reads_exactly_like_the_scalar_one(text):
    values, problems = parse_numbers(pd.Series([text]))
    try:
        expected = parse_decimal(text, "x", "X")
    except InputError as error:
        assert pd.isna(values[0])
        assert problems[0] == error.problem or not text.strip()
        return
    assert problems[0] == "" and values[0] == float(expected)


@PROPERTY
@given(st.one_of(adversarial(), st.sampled_from(NASTY_TEXT)))
def test_any_value_is_a_number_or_a_french_refusal(value):
    read = outcome(parse_decimal, value, "montant", "Montant")
    assert read is None or read.is_finite() and abs(read) < Decimal(10) ** 15


@PROPERTY
@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(
    ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "date"]))
def test_a_date_reads_back_or_is_refused_out_of_bounds(day, form):
    value = day if form == "date" else f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if form == "%d/%m/%Y" \
        else day.strftime(form) if day.year >= 1000 else f"{day.year:04d}-{day.month:02d}-{day.day:02d}"
    read = outcome(parse_date, value, "jour", "Jour")
    if DATE_MIN <= day <= DATE_MAX:
        assert read == day
    else:
        assert read is None


def test_examples_from_the_issue():
    assert parse_money("25,000.00", "rfr", "RFR") == Decimal("25000.00")
    assert parse_money("1.234,56", "m", "M") == Decimal("1234.56")
    assert parse_money("1,200.00", "dette", "Dette") == Decimal("1200.00")
    for text in ("1,200", "1.200"):
        try:
            parse_money(text, "dette", "Montant de la dette")
        except InputError as error:
            assert str(error).startswith("Montant de la dette : « " + text + " » est ambigu : 1 200 ou 1,2 ?")
        else:
            raise AssertionError(text)
    for text in ("1e10000000", "1e999999999"):
        assert outcome(parse_decimal, text, "n", "Nombre") is None
    message = str(_error(parse_decimal, dt.date(9999, 11, 30), "n", "Nombre"))
    assert "datetime" not in message and "« 30/11/9999 » n'est pas un nombre" in message
    assert len(str(_error(parse_decimal, "x" * 5_000_000, "n", "Nombre"))) < 300


def _error(func, *args):
    try:
        func(*args)
    except InputError as error:
        return error
    raise AssertionError("pas d'erreur")


@PROPERTY
@given(whole=st.integers(1, 999), fraction=st.integers(0, 999))
def test_both_writings_an_ambiguity_message_suggests_are_accepted(whole, fraction):
    import re

    for mark in ",.":
        text = f"{whole}{mark}{fraction:03d}"
        try:
            parse_decimal(text, "kwh", "Consommation")
        except InputError as error:
            suggested = re.search(r"Écrire (\S+) \(sans séparateur de milliers\) ou (\S+?)\.(?:\s|$)", str(error))
            assert suggested, str(error)
            grouped, decimal = suggested.groups()
            assert parse_decimal(grouped, "kwh", "Consommation") == whole * 1000 + fraction
            assert parse_decimal(decimal, "kwh", "Consommation") == Decimal(f"{whole}.{fraction:03d}")
        else:
            raise AssertionError(f"« {text} » aurait dû être refusé comme ambigu")

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counselling.errors import InputError
from counselling.formatting import date_fr, eur, number, percent
from counselling.inputs import parse_date, parse_int, parse_money, to_cents

NNBSP, NBSP = "\u202f", "\u00a0"


def test_euros():
    assert eur(Decimal("1234.56")) == f"1{NNBSP}234,56{NBSP}€"
    assert eur(Decimal("-5")) == f"-5,00{NBSP}€"
    assert eur(194, whole=True) == f"194{NBSP}€"
    assert eur(Decimal("194.5"), whole=True) == f"194,50{NBSP}€"
    assert eur(Decimal("1000000")) == f"1{NNBSP}000{NNBSP}000,00{NBSP}€"


def test_numbers_and_percent():
    assert number(Decimal("1.25")) == "1,25"
    assert number(Decimal("2"), 2) == "2,00"
    assert number(Decimal("12345.678"), 1) == f"12{NNBSP}345,7"
    assert percent(Decimal("0.085")) == f"8,5{NBSP}%"


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2026, 2, 1), "1er février 2026"),
    (dt.date(2025, 3, 15), "15 mars 2025"),
    (dt.date(2025, 8, 1), "1er août 2025"),
    (dt.date(2024, 12, 31), "31 décembre 2024"),
])
def test_dates(day, text):
    assert date_fr(day) == text


@pytest.mark.parametrize(("typed", "value"), [
    ("1 234,56", Decimal("1234.56")), ("1234.56", Decimal("1234.56")), ("1.234,56", Decimal("1234.56")),
    (f"1{NNBSP}234,5 €", Decimal("1234.50")), (12, Decimal("12.00")), (0.1, Decimal("0.10")),
])
def test_parse_money(typed, value):
    assert parse_money(typed, "m", "Montant") == value


@pytest.mark.parametrize(("typed", "fragment"), [
    ("-3", "négative"), ("abc", "n'est pas un nombre"), ("", "aucune valeur"),
    ("1,234", "ambigu"), ("1,2345", "plus de deux décimales"), (None, "aucune valeur"), ("nan", "n'est pas un nombre"),
])
def test_parse_money_rejects_with_french_message_naming_field(typed, fragment):
    with pytest.raises(InputError) as info:
        parse_money(typed, "loyer", "Loyer")
    assert info.value.field == "loyer"
    assert str(info.value).startswith("Loyer : ") and fragment in str(info.value)
    assert "Attendu" in str(info.value)


def test_parse_int_and_date():
    assert parse_int("3", "n", "Nombre", minimum=1) == 3
    with pytest.raises(InputError, match="entier"):
        parse_int("2,5", "n", "Nombre")
    assert parse_date("01/02/2026", "d", "Date") == dt.date(2026, 2, 1)
    with pytest.raises(InputError, match="n'est pas une date"):
        parse_date("31/02/2026", "d", "Date")
    with pytest.raises(InputError, match="trop tôt"):
        parse_date("2017-12-31", "d", "Date", minimum=dt.date(2018, 1, 1))


def test_rounding_half_up_not_bankers():
    assert to_cents(Decimal("0.125")) == Decimal("0.13")
    assert to_cents(Decimal("0.135")) == Decimal("0.14")
    assert to_cents(Decimal("-0.125")) == Decimal("-0.13")


def test_how_many_says_the_singular_below_two_and_groups_thousands():
    from decimal import Decimal

    from counselling.formatting import how_many

    assert how_many(0, "acte", "actes") == "0 acte"
    assert how_many(1, "acte", "actes") == "1 acte"
    assert how_many(Decimal("1.5"), "part", "parts") == "1,5 part"
    assert how_many(2, "acte", "actes") == "2 actes"
    assert how_many(1998771, "acte", "actes").replace("\u202f", " ") == "1 998 771 actes"
    assert how_many(2, "échéance demandée", "échéances demandées") == "2 échéances demandées"


def test_listed_names_a_list_in_the_number_it_has():
    from counselling.formatting import listed

    assert listed(["fioul"], "énergie inconnue", "énergies inconnues") == "énergie inconnue : fioul"
    assert listed(iter(["bois", "fioul"]), "énergie inconnue", "énergies inconnues") == \
        "énergies inconnues : bois, fioul"
    assert listed(["eau", "téléphone"], "volet", "volets", separator=" ") == "volets eau, téléphone"

"""GRDF reader: the column-by-column path gives exactly what the cell-by-cell
path gives (values, anomalies, errors), on generated files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counselling.imports import FileImportError
from counselling.imports.grdf import read_grdf

HEADERS = {
    "debut": ("Date de début", "dateDebutReleve"), "fin": ("Date de fin", "dateFinReleve"),
    "jour": ("Journée gazière", "Date"), "index_debut": ("Index de début (m³)", "indexDebut"),
    "index_fin": ("Index de fin (m³)", "indexFin"), "volume_m3": ("Volume consommé (m³)", "volumeBrutConsomme"),
    "coefficient": ("Coefficient de conversion (kWh/m³)", "coeffConversion"),
    "energie_kwh": ("Énergie consommée (kWh)", "energieConsomme"),
    "qualification": ("Qualification du relevé",), "statut": ("Statut",),
}
NUMBERS = ("index_debut", "index_fin", "volume_m3", "coefficient", "energie_kwh")
ODD_NUMBERS = ["", " ", " 12 ", "+12", "-3", "-0", "1,200", "1.200", "1e3", "2,5e1", "abc", "0012", "١٢",
               "1_000", "12.", ",5", "\x00", "1\x002", "1 234,5", "1.234,56", "1,234.56", "9" * 16, "0,0000001", "1" + "0" * 14]
ODD_DATES = ["", "31/02/2025", "01/01/1899", "2026-01-01T06:00:00+01:00", "01/02/26", " 01/02/2026",
             "1/2/2026", "2026-1-2", "01.02.2026", "01-02-2026", "xx/yy/zzzz", "01/13/2026", "29/02/2024"]


def _number_text(units: int, scale: int, style: str) -> str:
    whole, _, fraction = f"{Decimal(units).scaleb(-scale):f}".partition(".")
    if style == "spaced" and len(whole) > 3:
        head = len(whole) % 3 or 3
        whole = " ".join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    mark = "." if style == "dot" else ","
    return f"{whole}{mark}{fraction}" if fraction else whole


def _date_text(day: dt.date, style: str) -> str:
    return day.isoformat() if style == "iso" else f"{day:%d/%m/%Y}"


@st.composite
def grdf_files(draw, valid: bool = False) -> bytes:
    """A GRDF export: assumed or API headers, ``;``/``,``/tab, LF or CRLF,
    numbers written either way; unless ``valid``, now and then a damaged
    cell, a short, blank or longer line, periods out of order."""
    daily = draw(st.booleans())
    keys = ["jour"] if daily else ["debut", "fin"]
    keys += draw(st.lists(st.sampled_from(NUMBERS + ("qualification", "statut")), min_size=1, unique=True)
                 .filter(lambda k: set(k) & {"index_fin", "volume_m3", "energie_kwh"}))
    api = draw(st.booleans())
    sep = draw(st.sampled_from([";", "\t"] if valid else [";", ";", "\t", ","]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    preamble = draw(st.sampled_from([[], ["Relevés de consommation de gaz", "PCE" + sep + "GI123456", ""]]))
    scales = {key: draw(st.integers(0, 2 if valid else 3)) for key in NUMBERS}  # 3 places: « 1,000 » ambiguous
    styles = {key: draw(st.sampled_from(["comma", "dot", "spaced"] if sep != "," else ["dot"]))
              for key in NUMBERS}
    date_style = draw(st.sampled_from(["fr", "iso"]))
    rows = []
    day = draw(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2090, 1, 1)))
    index = draw(st.integers(0, 10**6))
    for _ in range(draw(st.integers(1, 12))):
        length = 1 if daily else draw(st.integers(1, 40))
        day += dt.timedelta(days=draw(st.sampled_from([0, 0, 0, 3])))
        end = day + dt.timedelta(days=length)
        volume = draw(st.integers(0, 5000))
        coefficient = draw(st.integers(1000, 1200))
        energy = volume * coefficient // 100 + draw(st.sampled_from([0, 0, 1, 2, -2]))
        values = {"jour": _date_text(day, date_style), "debut": _date_text(day, date_style),
                  "fin": _date_text(end, date_style), "qualification": draw(st.sampled_from(["Mesuré", "Estimé", " ", ""])),
                  "statut": draw(st.sampled_from(["Définitive", "Provisoire", ""]))}
        first = max(index + draw(st.sampled_from([0, 0, 0, 5, -5])), 0)  # a meter change, a missing period
        for key, amount in (("index_debut", first), ("index_fin", first + volume + draw(st.sampled_from([0, 0, 1]))),
                            ("volume_m3", volume), ("coefficient", coefficient), ("energie_kwh", max(energy, 0))):
            scale = scales[key]
            units = amount * 10 ** scale + (draw(st.integers(0, 10 ** scale - 1)) if scale and key != "coefficient" else 0)
            values[key] = _number_text(units if key != "coefficient" else coefficient * 10 ** max(scale - 2, 0),
                                       max(scale, 2) if key == "coefficient" else scale, styles[key])
        if not valid and draw(st.integers(0, 9)) == 0:
            values[draw(st.sampled_from(keys))] = draw(st.sampled_from(ODD_NUMBERS + ODD_DATES))
        cells = [values[key] for key in keys]
        line = sep.join(cells)
        if not valid:
            damage = draw(st.sampled_from(["none"] * 12 + ["short", "blank", "long", "back"]))
            line = {"short": sep.join(cells[:-1]), "blank": line + newline, "long": line + sep + "x",
                    "back": line}[damage] if damage != "none" else line
            if damage == "back":
                day -= dt.timedelta(days=60)
        rows.append(line)
        day, index = end, first + volume
    header = sep.join(HEADERS[key][-1 if api else 0] for key in keys)
    text = newline.join(preamble + [header] + rows) + draw(st.sampled_from([newline, ""]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig"] + ([] if valid else ["cp1252"])))
    return text.encode(encoding, errors="replace")  # an Excel save in Windows-1252 loses « ١٢ »


def _outcome(content: bytes, **options):
    try:
        return read_grdf(content, **options)
    except FileImportError as error:
        return str(error), error.line


def _assert_same(fast, slow) -> None:
    if isinstance(slow, tuple) or isinstance(fast, tuple):
        assert fast == slow
        return
    pd.testing.assert_frame_equal(fast.data, slow.data)
    for key in NUMBERS:  # Decimal == ignores the exponent: compare the values one by one too
        assert [v if v is None else (v, type(v)) for v in fast.data[key]] == \
               [v if v is None else (v, type(v)) for v in slow.data[key]]
    assert fast.anomalies == slow.anomalies
    assert fast.total_kwh() == slow.total_kwh() and fast.total_m3() == slow.total_m3()
    assert fast.readings() == slow.readings()


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(grdf_files())
def test_fast_reader_gives_exactly_what_the_cell_by_cell_reader_gives(content):
    _assert_same(_outcome(content), _outcome(content, cell_by_cell=True))


@settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(grdf_files(valid=True))
def test_well_formed_files_take_the_fast_path(content):
    fast = read_grdf(content)
    assert fast._data is None, "a well-formed file went through the cell-by-cell reader"
    _assert_same(fast, read_grdf(content, cell_by_cell=True))


@pytest.mark.parametrize(("cell", "words"), [
    ("1a2", "le volume : « 1a2 » n'est pas un nombre"),
    ("-4", "le volume : la valeur est négative"),
    ("1,200", "le volume : « 1,200 » est ambigu"),
])
def test_a_bad_number_in_a_large_file_names_its_column_and_line(cell, words):
    header = "Date de début;Date de fin;Index de début (m³);Index de fin (m³);Volume consommé (m³)"
    days = pd.date_range("2000-01-01", periods=2001, freq="D").strftime("%d/%m/%Y")
    rows = [f"{days[i]};{days[i + 1]};{i};{i + 1};1" for i in range(2000)]
    rows[1500] = rows[1500].rsplit(";", 1)[0] + ";" + cell
    with pytest.raises(FileImportError) as info:
        read_grdf("\n".join([header] + rows).encode())
    assert words in str(info.value) and info.value.line == 1502


def test_a_short_line_after_many_is_refused_with_its_line():
    header = "Date de début;Date de fin;Volume consommé (m³);Statut"
    rows = [f"01/01/2026;02/01/2026;1;x"] + ["02/01/2026;03/01/2026;2"]
    with pytest.raises(FileImportError, match="ligne incomplète") as info:
        read_grdf("\n".join([header] + rows).encode())
    assert info.value.line == 3

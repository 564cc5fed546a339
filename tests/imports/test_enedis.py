"""Enedis readers against our sample files (tests/data/enedis, written by
tests/data/make_samples.py) and an independent line-by-line oracle."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from counselling.calculators.load_curve import daily_from_index, daily_totals
from counselling.errors import InputError
from counselling.imports import FileImportError
from counselling.imports.enedis import read_daily_index, read_enedis, read_load_curve, read_max_power

DATA = Path(__file__).resolve().parents[1] / "data" / "enedis"
TZ = "Europe/Paris"


def oracle(path: Path) -> list[tuple[dt.datetime, float | None]]:
    """(end timestamp, watts or None) read with the standard library only."""
    text = path.read_bytes().decode("utf-8-sig")
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Horodate")) + 1
    rows = []
    for line in lines[start:]:
        if not line.strip():
            continue
        stamp, value = line.split(";")
        rows.append((dt.datetime.fromisoformat(stamp), float(value.replace(",", ".")) if value else None))
    return rows


@pytest.mark.parametrize("name", ["courbe_charge_mars_heure_ete.csv", "courbe_charge_octobre_changement_pas.csv",
                                  "courbe_charge_bom_crlf.csv"])
def test_load_curve_matches_oracle(name):
    rows = oracle(DATA / name)
    export = read_load_curve(DATA / name)
    data = export.data
    assert export.type == "courbe_de_charge" and export.prm == "09876543210123"
    assert len(data) == len(rows)
    utc = dt.timezone.utc
    assert [f.to_pydatetime() for f in data["fin"].dt.tz_convert("UTC")] == [r[0].astimezone(utc) for r in rows]
    expected_w = [r[1] for r in rows]
    got = data["puissance_w"].tolist()
    assert all((e is None and math.isnan(g)) or e == g for e, g in zip(expected_w, got))
    assert (data["fin"] - data["debut"] == pd.to_timedelta(data["pas_min"], unit="min")).all()
    assert data["ligne"].is_monotonic_increasing


def test_spring_change_day_has_23_hours_and_gaps_are_listed():
    export = read_load_curve(DATA / "courbe_charge_mars_heure_ete.csv")
    first, last = pd.Timestamp("2025-03-28", tz=TZ), pd.Timestamp("2025-04-02", tz=TZ)
    half_hours = int((last - first) / pd.Timedelta(minutes=30))
    assert half_hours == 238  # 5 days minus the hour lost on 30 March
    assert len(export.data) == half_hours - 2  # two rows absent on 1 April
    days = daily_totals(export.data)
    on_day = days.loc[dt.date(2025, 3, 30)]
    assert on_day["minutes_mesurees"] + on_day["minutes_manquantes"] == 23 * 60
    gaps = export.trous
    assert list(gaps["nature"]) == ["valeur vide", "lignes absentes"]
    assert list(gaps["minutes"]) == [90, 60]
    assert export.minutes_manquantes == 150
    assert days["minutes_manquantes"].sum() == 150


def test_autumn_change_and_step_change():
    export = read_load_curve(DATA / "courbe_charge_octobre_changement_pas.csv")
    data = export.data
    change = pd.Timestamp("2025-10-27T12:00", tz=TZ)
    assert set(data.loc[data["fin"] <= change, "pas_min"]) == {30}
    assert set(data.loc[data["fin"] > change, "pas_min"]) == {10}
    days = daily_totals(data)
    assert days.loc[dt.date(2025, 10, 26), "minutes_mesurees"] == 25 * 60
    assert export.trous.empty
    # the two 02:30 rows of 26 October are distinct intervals
    local = data["fin"].dt.strftime("%H:%M")
    assert (local[data["fin"].dt.date == dt.date(2025, 10, 26)] == "02:30").sum() == 2


def test_bom_crlf_decimal_comma_same_as_clean_text():
    raw = (DATA / "courbe_charge_bom_crlf.csv").read_bytes()
    clean = raw[3:].replace(b"\r\n", b"\n")
    a, b = read_load_curve(raw).data, read_load_curve(clean).data
    pd.testing.assert_frame_equal(a, b)
    assert (a["puissance_w"] % 1 != 0).any()  # decimal commas were read


def test_daily_index_registers_calendar_and_daily_consumption():
    export = read_daily_index(DATA / "index_quotidien.csv")
    data = export.data
    assert export.type == "index"
    assert "EAS T" in data and "EAS D1" in data and len(data) == 32
    assert export.calendrier[0][0] == "Periode" and export.calendrier[1][1] == "FC020831"
    assert list(export.trous["date"]) == [dt.date(2026, 1, 18)]
    daily = daily_from_index(data)
    known = daily["consommation_wh"].dropna()
    assert len(known) == 29  # 31 days, 2 unknown around the empty day
    total = data["EAS T"].iloc[-1] - data["EAS T"].iloc[0]
    assert known.sum() + daily["consommation_wh"].isna().sum() * 0 <= total
    hc = daily_from_index(data, "EAS D1")["consommation_wh"]
    hp = daily_from_index(data, "EAS D2")["consommation_wh"]
    assert ((hc + hp).dropna() == known).all()


def test_index_decrease_is_flagged_with_line():
    text = (DATA / "index_quotidien.csv").read_text(encoding="utf-8").splitlines()
    row = next(i for i, line in enumerate(text) if line.startswith("2026-01-10"))
    cells = text[row].split(";")
    cells[-1] = "100"
    text[row] = ";".join(cells)
    daily = daily_from_index(read_daily_index("\n".join(text).encode()).data)
    flagged = daily["anomalie"].dropna()
    assert len(flagged) == 1 and f"Ligne {row + 1}" in flagged.iloc[0]


def test_max_power():
    export = read_max_power(DATA / "puissance_max_quotidienne.csv")
    assert export.type == "puissance_maximale" and len(export.data) == 31
    assert export.data["puissance_va"].max() == 6870
    assert list(export.trous["date"]) == [dt.date(2026, 1, 21)]


def test_read_enedis_recognises_each_kind():
    assert read_enedis(DATA / "index_quotidien.csv").type == "index"
    assert read_enedis(DATA / "puissance_max_quotidienne.csv").type == "puissance_maximale"
    assert read_enedis(DATA / "courbe_charge_bom_crlf.csv").type == "courbe_de_charge"


@pytest.mark.parametrize(("name", "line", "words"), [
    ("malforme_pas_enedis.csv", None, "ne ressemble pas à un export Enedis"),
    ("malforme_ligne_tronquee.csv", 41, "tronqué"),
    ("malforme_lettres.csv", 21, "« 4O5 » n'est pas un nombre"),
    ("malforme_entete_seul.csv", 4, "aucune mesure"),
    ("malforme_vide.csv", None, "vide"),
    ("malforme_mauvais_entete.csv", 4, "trouvé à la place : « Date;Consommation (Wh) »"),
    ("malforme_trop_de_champs.csv", 11, "3 champs"),
])
def test_malformed_files_give_french_error_with_line(name, line, words):
    with pytest.raises(FileImportError) as info:
        read_enedis(DATA / name)
    error = info.value
    assert isinstance(error, InputError) and error.field == "fichier"
    assert error.line == line
    assert words in str(error) and name in str(error) and "Attendu" in str(error)
    if line is not None:
        assert f"ligne {line}" in str(error)


def test_skip_bad_lines_lists_them_and_counts_their_time_as_gap():
    export = read_load_curve(DATA / "malforme_lettres.csv", skip_bad_lines=True)
    assert [(line, text) for line, text, _ in export.lignes_ignorees] == [(21, "4O5")]
    assert export.minutes_manquantes == 30
    assert "lignes absentes" in set(export.trous["nature"])


def test_wrong_kind_of_export():
    with pytest.raises(FileImportError, match="index quotidiens"):
        read_load_curve(DATA / "index_quotidien.csv")
    with pytest.raises(FileImportError, match="Horodate;Type de releve"):
        read_daily_index(DATA / "courbe_charge_bom_crlf.csv")
    with pytest.raises(FileImportError, match="pas une courbe de charge"):
        read_load_curve(DATA / "puissance_max_quotidienne.csv")


def test_out_of_order_and_odd_steps():
    base = (DATA / "courbe_charge_bom_crlf.csv").read_bytes()[3:].decode().replace("\r\n", "\n").splitlines()
    swapped = base[:6] + [base[7], base[6]] + base[8:]
    with pytest.raises(FileImportError, match="doublon ou désordre") as info:
        read_load_curve("\n".join(swapped).encode())
    assert info.value.line == 8
    odd = list(base)
    odd[10] = odd[10].replace(":00:00+", ":07:00+").replace(":30:00+", ":37:00+")
    with pytest.raises(FileImportError, match="pas de temps"):
        read_load_curve("\n".join(odd).encode())


def test_windows_1252_and_missing_file(tmp_path):
    text = (DATA / "courbe_charge_bom_crlf.csv").read_bytes()[3:].decode()
    latin = ("Relevé é\n" + text).encode("cp1252")
    assert len(read_load_curve(latin).data) == 96
    with pytest.raises(FileImportError, match="ne peut pas être ouvert"):
        read_load_curve(tmp_path / "absent.csv")


def test_naive_timestamps_are_paris_time():
    text = "Horodate;Valeur\n2026-01-10T00:30:00;100\n2026-01-10T01:00:00;200\n"
    data = read_load_curve(text.encode()).data
    assert str(data["fin"].dt.tz) == TZ and data["fin"].iloc[0].utcoffset() == dt.timedelta(hours=1)
    assert list(data["pas_min"]) == [30, 30]
    assert np.isclose(data["puissance_w"].sum(), 300)


def test_spaces_around_fields_and_blank_lines_are_tolerated():
    text = ("Horodate;Valeur\n2026-01-10T00:30:00+01:00;100\n\n"
            " 2026-01-10T01:00:00+01:00 ; 200 \n2026-01-10T01:30:00+01:00;\n")
    export = read_load_curve(text.encode())
    assert list(export.data["ligne"]) == [2, 4, 5]
    assert export.data["puissance_w"].iloc[1] == 200
    assert export.minutes_manquantes == 30


@pytest.mark.parametrize("name", ["courbe_charge_mars_heure_ete.csv", "index_quotidien.csv"])
def test_excel_export_reads_like_the_csv(tmp_path, name):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        cells = line.split(";")
        sheet.append([int(c) if c.isdigit() and len(c) < 12 else (c or None) for c in cells])
    path = tmp_path / name.replace(".csv", ".xlsx")
    book.save(path)
    from_csv, from_excel = read_enedis(DATA / name), read_enedis(path)
    assert from_excel.type == from_csv.type and len(from_excel.data) == len(from_csv.data)
    value = "puissance_w" if from_csv.type == "courbe_de_charge" else "EAS T"
    assert np.array_equal(from_excel.data[value].to_numpy(), from_csv.data[value].to_numpy(), equal_nan=True)
    assert from_excel.fichier == path.name


def test_excel_with_date_cells_without_offset_autumn_change(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    name = "courbe_charge_octobre_changement_pas.csv"
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        cells = line.split(";")
        if cells[0][:1].isdigit() and "T" in cells[0]:
            cells[0] = dt.datetime.fromisoformat(cells[0]).replace(tzinfo=None)
            cells[1] = int(cells[1]) if cells[1] else None
        sheet.append(cells)
    path = tmp_path / "courbe.xlsx"
    book.save(path)
    from_excel, from_csv = read_load_curve(path).data, read_load_curve(DATA / name).data
    assert (from_excel["fin"].dt.tz_convert("UTC").to_numpy() == from_csv["fin"].dt.tz_convert("UTC").to_numpy()).all()
    assert list(from_excel["pas_min"]) == list(from_csv["pas_min"])


def test_text_in_the_middle_is_an_error_and_text_at_the_end_is_listed():
    lines = (DATA / "courbe_charge_bom_crlf.csv").read_bytes()[3:].decode().splitlines()
    middle = lines[:20] + ["Total partiel;1234"] + lines[20:]
    with pytest.raises(FileImportError, match="n'est pas un horodatage") as info:
        read_load_curve("\n".join(middle).encode())
    assert info.value.line == 21
    footer = lines + ["", "Export généré le 23/11/2026"]
    export = read_load_curve("\n".join(footer).encode())
    assert len(export.data) == 96
    assert export.lignes_ignorees == [(len(lines) + 2, "Export généré le 23/11/2026", "texte après les mesures, non lu")]


def test_single_measure_needs_the_step_from_the_header():
    with pytest.raises(FileImportError, match="durée est inconnue"):
        read_load_curve(b"Horodate;Valeur\n2026-01-10T00:30:00+01:00;100\n")
    lines = (DATA / "courbe_charge_bom_crlf.csv").read_bytes()[3:].decode().splitlines()
    one = read_load_curve("\n".join(lines[:5]).encode()).data
    assert list(one["pas_min"]) == [30]

"""Write the sample Enedis and GRDF files of tests/data/ (run from the repo root):

    .venv/bin/python tests/data/make_samples.py

The files are ours, written to look like the real exports described in
``energy-facts.md`` §6 (Enedis « Mes données » CSV; GRDF fields of §6.2,
whose exact column headers are our assumption). Values are generated from a
fixed seed, so running this again rewrites the same bytes (the Excel workbook
aside: openpyxl stamps its creation time inside).

``curve_text`` is also used by ``benchmarks/bench_energy_files.py`` to write
big files in a temporary folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
TZ = "Europe/Paris"
PRM = "09876543210123"
CURVE_HEADER = ("Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;"
                "Grandeur metier;Etape metier;Unite;Pas en minutes")
INDEX_REGISTERS = [f"EAS F{i}" for i in range(1, 11)] + [f"EAS D{i}" for i in range(1, 5)] + ["EAS T"]


def _iso(stamps: pd.DatetimeIndex) -> pd.Index:
    """ISO 8601 with the UTC offset as Enedis writes it: 2025-03-30T03:00:00+02:00."""
    text = pd.Index(stamps.strftime("%Y-%m-%dT%H:%M:%S%z"))
    return text.str[:-2] + ":" + text.str[-2:]


def household_watts(ends: pd.DatetimeIndex, seed: int) -> np.ndarray:
    """Plausible average power of a home with some electric heating [W, int]:
    night base, morning and evening peaks, more in winter, random noise."""
    rng = np.random.default_rng(seed)
    local = ends.tz_convert(TZ) - pd.Timedelta(minutes=1)
    hour = local.hour.to_numpy() + local.minute.to_numpy() / 60
    month = local.month.to_numpy()
    winter = 1 + 0.6 * np.cos(2 * np.pi * (month - 1) / 12)
    base = 230 + 120 * winter
    morning = 700 * np.exp(-((hour - 7.5) ** 2) / 1.5)
    evening = 1300 * winter * np.exp(-((hour - 19.5) ** 2) / 3)
    noise = rng.gamma(2.0, 60, size=len(ends))
    return np.round(base + morning + evening + noise).astype(np.int64)


def curve_rows(first_end: str, last_end: str, step_min: int, seed: int) -> tuple[pd.Index, np.ndarray]:
    """Timestamps (END of each interval, Paris time with offset) and watts."""
    ends = pd.date_range(pd.Timestamp(first_end, tz=TZ).tz_convert("UTC"),
                         pd.Timestamp(last_end, tz=TZ).tz_convert("UTC"), freq=f"{step_min}min")
    return _iso(ends.tz_convert(TZ)), household_watts(ends, seed)


def curve_text(first_end: str, last_end: str, step_min: int, seed: int = 1, *,
               start_label: str | None = None, end_label: str | None = None) -> str:
    """A whole load-curve export (header block, blank line, Horodate;Valeur)."""
    stamps, watts = curve_rows(first_end, last_end, step_min, seed)
    head = _curve_header(start_label or first_end[:10], end_label or last_end[:10], "W", step_min)
    body = "\n".join(stamps + ";" + pd.Index(watts.astype(str)))
    return head + "Horodate;Valeur\n" + body + "\n"


def _fr(day: str) -> str:
    return dt.date.fromisoformat(day).strftime("%d/%m/%Y")


def _curve_header(start: str, end: str, unit: str, step: int | str, kind: str = "Courbe de charge",
                  physical: str = "Energie active") -> str:
    return (f"{CURVE_HEADER}\n{PRM};{kind};{_fr(start)};{_fr(end)};{physical};Consommation;"
            f"Comptage Brut;{unit};{step}\n\n")


def _lines(stamps, watts) -> list[str]:
    return [f"{s};{w}" for s, w in zip(stamps, watts)]


def index_text(first_day: str, last_day: str, seed: int, empty_days: tuple[int, ...] = ()) -> str:
    """A daily index export (Wh, cumulative) from ``first_day`` to ``last_day``
    included: supplier registers F1 (HC) / F2 (HP), distributor D1 / D2, total;
    the rows numbered in ``empty_days`` have empty registers; calendar section
    naming F1 « Heures Creuses » and F2 « Heures Pleines ». Winter days use more."""
    rng = np.random.default_rng(seed)
    days = pd.date_range(first_day, last_day, freq="D", tz=TZ)
    winter = 1 + 0.6 * np.cos(2 * np.pi * (days.month.to_numpy() - 1) / 12)
    hc_day = np.round(rng.integers(2_000, 4_000, len(days)) * winter).astype(np.int64)
    hp_day = np.round(rng.integers(7_000, 11_000, len(days)) * winter).astype(np.int64)
    hc = 2_104_332 + np.concatenate([[0], np.cumsum(hc_day[:-1])])
    hp = 3_870_511 + np.concatenate([[0], np.cumsum(hp_day[:-1])])
    lines = []
    for k, (day, a, b) in enumerate(zip(_iso(days), hc, hp)):
        cells = [""] * len(INDEX_REGISTERS)
        if k not in empty_days:
            cells[0], cells[1] = str(a), str(b)
            cells[10], cells[11] = str(a), str(b)
            cells[14] = str(a + b)
        lines.append(f"{day};Arrêté quotidien;" + ";".join(cells))
    return ("Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;"
            "Etape metier;Unite\n"
            f"{PRM};Index;{_fr(first_day)};{_fr(last_day)};Energie active;Consommation;Comptage Brut;Wh\n"
            "Horodate;Type de releve;" + ";".join(INDEX_REGISTERS) + "\n" + "\n".join(lines) + "\n\n"
            "Periode;Identifiant calendrier fournisseur;Libelle calendrier fournisseur;"
            "Identifiant classe temporelle 1;Libelle classe temporelle 1;Identifiant classe temporelle 2;"
            "Libelle classe temporelle 2\n"
            f"Du {first_day} au {last_day};FC020831;Heures Pleines/Creuses;HC;Heures Creuses;HP;"
            "Heures Pleines\n")


# --------------------------------------------------------------------------- Enedis samples


def enedis_samples() -> dict[str, bytes]:
    files: dict[str, str | bytes] = {}

    # 1. Spring change (Sunday 30 March 2025: 02:00 → 03:00), 30-min steps, a gap of
    #    three empty values on 31 March and two absent rows on 1 April.
    stamps, watts = curve_rows("2025-03-28T00:30", "2025-04-02T00:00", 30, seed=11)
    rows = _lines(stamps, watts)
    for k, line in enumerate(rows):
        if line.startswith(("2025-03-31T14:00", "2025-03-31T14:30", "2025-03-31T15:00")):
            rows[k] = line.split(";")[0] + ";"
    rows = [r for r in rows if not r.startswith(("2025-04-01T10:00", "2025-04-01T10:30"))]
    files["courbe_charge_mars_heure_ete.csv"] = (
        _curve_header("2025-03-28", "2025-04-02", "W", 30) + "Horodate;Valeur\n" + "\n".join(rows) + "\n")

    # 2. Autumn change (Sunday 26 October 2025: 03:00 → 02:00, two rows at 02:30),
    #    30-min steps, then 10-min steps from 27 October 12:00 (step change in the file).
    s30, w30 = curve_rows("2025-10-25T00:30", "2025-10-27T12:00", 30, seed=12)
    s10, w10 = curve_rows("2025-10-27T12:10", "2025-10-29T00:00", 10, seed=13)
    files["courbe_charge_octobre_changement_pas.csv"] = (
        _curve_header("2025-10-25", "2025-10-29", "W", "") + "Horodate;Valeur\n"
        + "\n".join(_lines(s30, w30) + _lines(s10, w10)) + "\n")

    # 3. Same kind of curve as saved by Excel on Windows: BOM, CRLF, decimal commas.
    s, w = curve_rows("2026-01-12T00:30", "2026-01-14T00:00", 30, seed=14)
    watts = [f"{v},{k % 10}" if k % 7 == 0 else str(v) for k, v in enumerate(w)]
    text = _curve_header("2026-01-12", "2026-01-14", "W", 30) + "Horodate;Valeur\n" + "\n".join(
        f"{a};{b}" for a, b in zip(s, watts)) + "\n"
    files["courbe_charge_bom_crlf.csv"] = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")

    # 4. Daily index: 31 days, supplier registers F1 (HC) / F2 (HP), distributor D1 (HC) / D2 (HP),
    #    total; one day with empty registers; trailing calendar section.
    rng = np.random.default_rng(15)
    days = pd.date_range("2026-01-01", "2026-02-01", freq="D", tz=TZ)
    hc = 1_009_905 + np.concatenate([[0], np.cumsum(rng.integers(5_000, 9_000, len(days) - 1))])
    hp = 819_074 + np.concatenate([[0], np.cumsum(rng.integers(7_000, 13_000, len(days) - 1))])
    lines = []
    for k, (day, a, b) in enumerate(zip(_iso(days), hc, hp)):
        cells = [""] * len(INDEX_REGISTERS)
        if k != 17:
            cells[0], cells[1] = str(a), str(b)
            cells[10], cells[11] = str(a), str(b)
            cells[14] = str(a + b)
        lines.append(f"{day};Arrêté quotidien;" + ";".join(cells))
    files["index_quotidien.csv"] = (
        "Identifiant PRM;Type de donnees;Date de debut;Date de fin;Grandeur physique;Grandeur metier;"
        "Etape metier;Unite\n"
        f"{PRM};Index;01/01/2026;01/02/2026;Energie active;Consommation;Comptage Brut;Wh\n"
        "Horodate;Type de releve;" + ";".join(INDEX_REGISTERS) + "\n" + "\n".join(lines) + "\n\n"
        "Periode;Identifiant calendrier fournisseur;Libelle calendrier fournisseur;"
        "Identifiant classe temporelle 1;Libelle classe temporelle 1;Identifiant classe temporelle 2;"
        "Libelle classe temporelle 2\n"
        "Du 2026-01-01 au 2026-02-01;FC020831;Heures Pleines/Creuses;HC;Heures Creuses;HP;Heures Pleines\n")

    # 4b. A year of daily index (14 Nov 2025 → 14 Nov 2026: 365 days), one empty day in
    #     March: a measured year, November 2025 and November 2026 partial months.
    files["index_quotidien_annee.csv"] = index_text("2025-11-14", "2026-11-14", seed=17, empty_days=(120,))

    # 5. Daily maximum power (VA), January 2026, with one empty day; time of the peak.
    rng = np.random.default_rng(16)
    days = pd.date_range("2026-01-01", "2026-01-31", freq="D", tz=TZ)
    peaks = days + pd.to_timedelta(rng.integers(17 * 3600, 21 * 3600, len(days)), unit="s")
    va = rng.integers(3_100, 6_400, len(days))
    va[9] = 6_870
    rows = [f"{s};{v}" if k != 20 else f"{s};" for k, (s, v) in enumerate(zip(_iso(peaks), va))]
    files["puissance_max_quotidienne.csv"] = (
        _curve_header("2026-01-01", "2026-02-01", "VA", "", kind="Puissance maximale quotidienne",
                      physical="Puissance maximale atteinte") + "Horodate;Valeur\n" + "\n".join(rows) + "\n")

    # 6. Malformed files.
    small = files["courbe_charge_mars_heure_ete.csv"].splitlines()[:40]
    files["malforme_pas_enedis.csv"] = ("Date operation;Libelle;Debit;Credit\n"
                                        "02/01/2026;PRLV EDF;84,00;\n05/01/2026;VIR CAF;;312,45\n")
    files["malforme_ligne_tronquee.csv"] = "\n".join(small) + "\n2025-03-28T19:3"
    bad = list(small)
    bad[20] = bad[20].split(";")[0] + ";4O5"  # letter O instead of zero
    files["malforme_lettres.csv"] = "\n".join(bad) + "\n"
    files["malforme_entete_seul.csv"] = "\n".join(small[:4]) + "\n"
    files["malforme_vide.csv"] = ""
    wrong = list(small)
    wrong[3] = "Date;Consommation (Wh)"
    files["malforme_mauvais_entete.csv"] = "\n".join(wrong) + "\n"
    files["malforme_trop_de_champs.csv"] = "\n".join(small[:10] + [small[10] + ";12"] + small[11:]) + "\n"
    return {name: (body.encode("utf-8") if isinstance(body, str) else body) for name, body in files.items()}


# --------------------------------------------------------------------------- GRDF samples

GRDF_HEADER = ("Date de début;Date de fin;Index de début (m³);Index de fin (m³);Volume consommé (m³);"
               "Coefficient de conversion (kWh/m³);Énergie consommée (kWh);Qualification du relevé;Statut")


def grdf_samples() -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    # Monthly published data, a heating household (about 11,000 kWh a year).
    volumes = [182, 151, 118, 72, 41, 22, 17, 16, 28, 74, 128, 170]
    coefs = ["11,21", "11,24", "11,19", "11,26", "11,30", "11,28", "11,31", "11,27", "11,22", "11,18",
             "11,20", "11,23"]
    index = 4_512
    lines = []
    for month, (vol, coef) in enumerate(zip(volumes, coefs), start=1):
        start = dt.date(2025, month, 1)
        end = dt.date(2025 + month // 12, month % 12 + 1, 1)
        kwh = round(vol * float(coef.replace(",", ".")))
        quality = "Estimé" if month == 8 else "Mesuré"
        lines.append(f"{start:%d/%m/%Y};{end:%d/%m/%Y};{index};{index + vol};{vol};{coef};{kwh};{quality};"
                     "Définitive")
        index += vol
    header = ("Relevés de consommation de gaz\nPCE;GI123456\nPériode du 01/01/2025 au 01/01/2026\n\n")
    files["gazpar_mensuel.csv"] = (header + GRDF_HEADER + "\n" + "\n".join(lines) + "\n").encode("utf-8")

    anomalies = list(lines[:4])
    parts = anomalies[2].split(";")
    parts[6] = "1500"                                                  # kWh ≠ m³ × coefficient
    anomalies[2] = ";".join(parts)
    parts = anomalies[3].split(";")
    parts[2] = str(int(parts[2]) + 5)                                  # index jumps by 5 m³
    parts[4] = str(int(parts[3]) - int(parts[2]))
    anomalies[3] = ";".join(parts)
    files["gazpar_anomalies.csv"] = (GRDF_HEADER + "\n" + "\n".join(anomalies) + "\n").encode("utf-8")

    # Daily informative data as an Excel workbook (one date column).
    days = pd.date_range("2026-01-05", "2026-01-18", freq="D")
    rng = np.random.default_rng(21)
    vol = np.round(rng.uniform(4, 8, len(days)), 2)
    frame = pd.DataFrame({"Journée gazière": days.date, "Volume consommé (m³)": vol,
                          "Coefficient de conversion": 11.12,
                          "Énergie consommée (kWh)": np.round(vol * 11.12, 1),
                          "Qualification": "Mesuré"})
    import io

    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Consommation")
    files["gazpar_journalier.xlsx"] = buffer.getvalue()

    files["gazpar_pas_grdf.csv"] = "Nom;Prénom;Téléphone\nDupont;Marie;0601020304\n".encode("utf-8")
    files["gazpar_date_invalide.csv"] = (GRDF_HEADER + "\n" + lines[0] + "\n"
                                         + lines[1].replace("01/02/2025", "31/02/2025", 1) + "\n").encode("utf-8")
    return files


def main() -> None:
    for folder, samples in (("enedis", enedis_samples()), ("grdf", grdf_samples())):
        target = HERE / folder
        target.mkdir(exist_ok=True)
        for name, body in samples.items():
            (target / name).write_bytes(body)
            print(f"{folder}/{name}: {len(body)} octets")


if __name__ == "__main__":
    main()

"""Large files: peak memory and time of the readers beside a bare
``pandas.read_csv`` of the same file (issue 12, targets: peak ≤ 4× the file
size, time ≤ 2× the bare read).

Files are generated in a temporary folder (never in the repository):

* a Linky load curve of about 200 Mo (5-min steps, decades of rows);
* a GRDF daily export of about 200 Mo;
* a partner listing of a million rows.

Each measured call runs in a fresh Python process, so that its peak memory
(high-water mark of the resident set, reset after the imports through
``/proc/self/clear_refs``, minus the resident set at that moment) is its
own (Linux only). Files above a reader's supported size are refused with a French
message: that refusal is measured too (it must cost almost nothing).
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

from benchmarks.harness import Measure

ROOT = Path(__file__).resolve().parents[1]
TARGET_BYTES = 200 * 1024 * 1024
LISTING_ROWS = 1_000_000
#: A GRDF file of daily rows covering nearly all the dates the kit accepts.
SUPPORTED_GRDF = 3 * 1024 * 1024

_CHILD = r"""
import json, sys, time
setup, call = sys.argv[1], sys.argv[2]
exec(setup)

def status(key):
    with open("/proc/self/status") as handle:
        return next(int(line.split()[1]) for line in handle if line.startswith(key + ":"))

with open("/proc/self/clear_refs", "w") as handle:  # reset the high-water mark (VmHWM)
    handle.write("5")
before = status("VmRSS")
start = time.perf_counter()
try:
    exec(call)
    outcome = "lu"
except Exception as error:  # the refusal of a too large file is a result too
    outcome = f"{type(error).__name__}: {str(error)[:160]}"
seconds = time.perf_counter() - start
peak = status("VmHWM") - before
print(json.dumps({"seconds": seconds, "peak_kb": peak, "outcome": outcome}))
"""


def _run(setup: str, call: str) -> dict:
    """Time and peak memory of ``call`` in a fresh process [s, Ko]."""
    done = subprocess.run([sys.executable, "-c", _CHILD, setup, call], capture_output=True, text=True,
                          cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def _samples():
    spec = importlib.util.spec_from_file_location("make_samples", ROOT / "tests" / "data" / "make_samples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_linky(path: Path, size: int = TARGET_BYTES) -> int:
    """A load curve export of about ``size`` bytes (5-min steps from 1990,
    Paris time with offsets); rows written."""
    samples = _samples()
    rows, year = 0, 1990
    rng = np.random.default_rng(3)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        head = samples.curve_text("1990-01-01T00:05", "1990-01-01T00:10", 5)
        out.write(head.split("Horodate;Valeur\n")[0] + "Horodate;Valeur\n")
        while out.tell() < size:
            ends = pd.date_range(pd.Timestamp(f"{year}-01-01T00:05", tz="Europe/Paris").tz_convert("UTC"),
                                 pd.Timestamp(f"{year + 1}-01-01T00:00", tz="Europe/Paris").tz_convert("UTC"),
                                 freq="5min")
            local = ends.tz_convert("Europe/Paris").tz_localize(None)
            hours = (local - ends.tz_localize(None)) // pd.Timedelta(hours=1)
            text = np.char.add(np.datetime_as_string(local.to_numpy().astype("datetime64[s]")),
                               np.where(hours == 2, "+02:00;", "+01:00;"))
            watts = rng.integers(150, 4000, size=len(ends)).astype(str)
            out.write("\n".join(np.char.add(text, watts)) + "\n")
            rows += len(ends)
            year += 1
    return rows


def write_grdf(path: Path, size: int = TARGET_BYTES) -> int:
    """A GRDF export of about ``size`` bytes: one row per day with index,
    volume, coefficient and energy, from 1900 (dates wrap round every two
    centuries: only a file within the supported size is actually read);
    rows written."""
    header = ("Date de début;Date de fin;Index de début (m³);Index de fin (m³);Volume consommé (m³);"
              "Coefficient de conversion;Énergie consommée (kWh);Qualification du relevé\n")
    rng = np.random.default_rng(1)
    days = pd.date_range("1900-01-01", "2100-12-31", freq="D")
    texts = np.asarray(days.strftime("%d/%m/%Y"))
    written, index = 0, 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(header)
        while out.tell() < size:
            at = written % (len(days) - 1)
            rows = min(len(days) - 1 - at, max(1, (size - out.tell()) // 70 + 1))
            volumes = rng.integers(0, 9, size=rows)
            ends = np.cumsum(volumes) + index
            index = int(ends[-1])
            frame = pd.DataFrame({"d": texts[at:at + rows], "f": texts[at + 1:at + rows + 1], "i": ends - volumes, "j": ends,
                                  "v": volumes, "c": "11,21", "e": volumes * 1121 // 100, "q": "Mesuré"})
            out.write(frame.to_csv(sep=";", header=False, index=False))
            written += rows
    return written


def write_listing(path: Path, rows: int = LISTING_ROWS) -> None:
    rng = np.random.default_rng(2)
    frame = pd.DataFrame({
        "N° client": [f"C{n:08d}" for n in range(rows)],
        "Dépt": rng.choice(["77", "75", "93", "59", "2A"], size=rows),
        "Nb pers": rng.integers(1, 7, size=rows),
        "RFR": [f"{v:,}".replace(",", " ") for v in rng.integers(0, 60_000, size=rows)],
        "Ressources": [f"{v / 100:.2f}".replace(".", ",") for v in rng.integers(0, 400_000, size=rows)],
    })
    frame.to_csv(path, sep=";", index=False)


def _compare(label: str, path: Path, ours: str, bare: str, setup: str) -> list[Measure]:
    size = path.stat().st_size
    base = _run("import pandas as pd", bare)
    mine = _run(setup, ours)
    note = f"{size / 2**20:.0f} Mo ; {mine['outcome']}"
    ratio_time = mine["seconds"] / base["seconds"]
    ratio_peak = mine["peak_kb"] * 1024 / size
    return [
        Measure(f"{label} : pandas.read_csv nu, temps", round(base["seconds"], 2), "s", note),
        Measure(f"{label} : pandas.read_csv nu, pic mémoire", round(base["peak_kb"] / 1024), "Mo"),
        Measure(f"{label} : lecteur du kit, temps", round(mine["seconds"], 2), "s"),
        Measure(f"{label} : lecteur du kit, pic mémoire", round(mine["peak_kb"] / 1024), "Mo"),
        Measure(f"{label} : temps / read_csv nu", round(ratio_time, 2), "×", "cible ≤ 2"),
        Measure(f"{label} : pic mémoire / taille du fichier", round(ratio_peak, 2), "×", "cible ≤ 4"),
    ]


def bench_linky_200mb() -> list[Measure]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "courbe.csv"
        write_linky(path)
        return _compare("Linky 200 Mo", path,
                        f"read_load_curve({str(path)!r})",
                        f"pd.read_csv({str(path)!r}, sep=';', skiprows=3)",
                        "from counselling.imports.enedis import read_load_curve")


def bench_grdf_200mb() -> list[Measure]:
    """200 Mo is far beyond any GRDF export: refused (measured), and the
    largest supported file (two centuries of daily rows) read."""
    from counselling.imports.grdf import GRDF_MAX_BYTES

    with tempfile.TemporaryDirectory() as folder:
        big, supported = Path(folder) / "grdf_200.csv", Path(folder) / "grdf_max.csv"
        write_grdf(big)
        write_grdf(supported, SUPPORTED_GRDF)
        setup = "from counselling.imports.grdf import read_grdf"
        return (_compare("GRDF 200 Mo (refusé)", big, f"read_grdf({str(big)!r})",
                         f"pd.read_csv({str(big)!r}, sep=';')", setup)
                + _compare(f"GRDF {SUPPORTED_GRDF / 2**20:.0f} Mo (deux siècles de jours)", supported, f"read_grdf({str(supported)!r})",
                           f"pd.read_csv({str(supported)!r}, sep=';')", setup)
                # the reader keeps exact integer units; the frame of Decimal is built when first asked
                + _compare(f"GRDF {SUPPORTED_GRDF / 2**20:.0f} Mo, lecture et tableau Decimal (.data)", supported,
                           f"read_grdf({str(supported)!r}).data", f"pd.read_csv({str(supported)!r}, sep=';')", setup))


def bench_listing_million_rows() -> list[Measure]:
    mapping = {"reference": "N° client", "departement": "Dépt", "personnes": "Nb pers", "rfr": "RFR",
               "ressources_mensuelles": "Ressources"}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "listing.csv"
        write_listing(path)
        return _compare("Listing 1 million de lignes", path, f"read_listing({str(path)!r}, {mapping!r})",
                        f"pd.read_csv({str(path)!r}, sep=';')",
                        "from counselling.imports.listing import read_listing")

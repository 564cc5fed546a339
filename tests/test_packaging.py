"""A non-editable install of the wheel must find the tariff data and compute."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    local = Path(sys.executable).parent / "uv"
    found = str(local) if local.exists() else shutil.which("uv")
    if not found:
        pytest.skip("uv absent : lancez les tests par « make test »")
    return found


def test_wheel_install_ships_tariffs_and_computes(tmp_path):
    uv = _uv()
    dist, target = tmp_path / "dist", tmp_path / "site"
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(dist), str(ROOT)], check=True,
                   capture_output=True, text=True)
    wheel = next(dist.glob("counselling_kit-*.whl"))
    subprocess.run([uv, "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, text=True)
    assert (target / "counselling" / "tariffs_data" / "cheque_energie.yaml").is_file()
    migrations = target / "counselling" / "storage" / "alembic"
    assert (migrations / "env.py").is_file() and (migrations / "versions" / "0001_dossiers_audit.py").is_file()
    script = (
        "import counselling, counselling.tariffs as t\n"
        "from counselling.calculators.cheque_energie import cheque_energie\n"
        "print(counselling.__file__)\nprint(t.tariffs_dir())\n"
        "print(cheque_energie(2023, 5000, 1)['montant'])\n"
        "from counselling.storage import Store\n"
        "print(Store('dossiers.sqlite3').count())\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("COUNSELLING_TARIFFS_DIR", None)
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, env=env,
                         capture_output=True, text=True, check=True).stdout.splitlines()
    assert out[0].startswith(str(target)), out
    assert out[1] == str(target / "counselling" / "tariffs_data")
    assert out[2] == "194"
    assert out[3] == "0"  # the migrations shipped in the wheel create the base

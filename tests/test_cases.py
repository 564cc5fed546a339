"""Every case of tests/cases/*.yaml, one pytest item each, through the same
runner as ``python -m counselling.cases``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counselling.cases import load_cases, run_case

CASES_DIR = Path(__file__).parent / "cases"
FILES = sorted(CASES_DIR.glob("*.yaml"))


def _all_cases():
    for path in FILES:
        spec = load_cases(path)
        for case in spec.cases:
            yield pytest.param(path, spec.calculator, case, id=f"{path.stem}::{case.name}")


@pytest.mark.parametrize(("path", "calc", "case"), list(_all_cases()))
def test_case(path, calc, case):
    outcome = run_case(str(path), calc, case)
    assert outcome.passed, "\n".join(outcome.failures)


def test_runner_command_line_closing_line_and_status(tmp_path):
    good = subprocess.run([sys.executable, "-m", "counselling.cases", *map(str, FILES)],
                          capture_output=True, text=True)
    assert good.returncode == 0, good.stdout + good.stderr
    assert good.stdout.strip().splitlines()[-1].endswith(" passed, 0 failed")

    wrong = tmp_path / "faux.yaml"
    wrong.write_text(
        "calculator: cheque_energie\ncases:\n"
        "  - name: montant faux exprès\n    inputs: {year: 2023, rfr: 0, persons: 1}\n"
        "    expected: {montant: 1}\n"
        "  - name: juste\n    inputs: {year: 2023, rfr: 0, persons: 1}\n    expected: {montant: 194}\n",
        encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "counselling.cases", str(wrong)],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert "montant faux exprès" in bad.stdout and "attendu 1" in bad.stdout
    assert bad.stdout.strip().splitlines()[-1] == "1 passed, 1 failed"


def test_runner_reports_unreadable_file(tmp_path):
    broken = tmp_path / "casse.yaml"
    broken.write_text("calculator: cheque_energie\ncases: []\n", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "counselling.cases", str(broken)],
                         capture_output=True, text=True)
    assert run.returncode == 2
    assert "casse.yaml" in run.stdout


def test_every_registered_calculator_resolves():
    from counselling.calculators import REGISTRY, calculator

    for name in REGISTRY:
        assert callable(calculator(name)), name

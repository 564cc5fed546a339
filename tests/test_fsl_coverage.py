"""Coverage report of the FSL files (issue 14): the command runs, the doc is
up to date, and every département has its file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from counselling import fsl_coverage, fsl_rules

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "fsl-couverture.md"
EVERY_DEPARTEMENT = [f"{n:02d}" for n in range(1, 96) if n != 20] + ["2A", "2B"] + \
    [str(n) for n in range(971, 977) if n != 975]


def test_the_command_prints_one_row_per_departement_and_per_metropole_file():
    out = subprocess.run([sys.executable, "-m", "counselling.fsl_coverage"], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout
    rows = [line for line in out.splitlines() if line.startswith("| ") and " — " in line]
    codes = [row[2:].split(" — ", 1)[0] for row in rows]
    metros = [c for c in fsl_rules.known_codes() if c.endswith("M")]
    assert sorted(codes) == sorted(EVERY_DEPARTEMENT + metros)
    assert ("| Territoire | Règlement en vigueur | Plafonds | Aides | Conditions | Contact | Demande "
            "| Page officielle | À vérifier |") \
        in out
    for code in fsl_coverage.missing_codes():
        assert any(row.startswith(f"| {code} — ") and "aucun fichier" in row for row in rows)


def test_a_row_says_what_is_to_check():
    for row in fsl_coverage.report():
        if not row.has_file:
            assert row.a_verifier == ("aucun fichier",)
            continue
        file = fsl_rules.fsl_file(row.code)
        version = file.versions[max(file.versions)]
        assert ("contact" in row.a_verifier) == (not file.contacts)
        assert ("date du règlement" in row.a_verifier) == (not version.date_effet_connue)
        assert row.plafonds == ("plafonds de ressources" not in row.a_verifier)
        assert row.aides == ("montants d'aide" not in row.a_verifier)


def test_the_doc_is_generated_from_the_files():
    assert DOC.read_text(encoding="utf-8") == fsl_coverage.markdown(), (
        "docs/fsl-couverture.md n'est pas à jour : lancer « make fsl-coverage »")


@pytest.mark.fsl_coverage
def test_every_departement_has_its_fsl_file():
    missing = fsl_coverage.missing_codes()
    assert fsl_coverage.expected_codes() == sorted(EVERY_DEPARTEMENT, key=fsl_coverage._order)
    assert not missing, (f"{len(missing)} département(s) sans fichier tariffs/fsl/<code>.yaml : "
                         + ", ".join(missing))

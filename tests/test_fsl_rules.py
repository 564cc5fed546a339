"""Every FSL file loads; malformed files are refused with a French message naming the key."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from counselling import fsl_rules
from counselling.errors import TariffError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def fsl_tmp(tariffs_tmp):
    (tariffs_tmp / "fsl").mkdir()
    shutil.copy(ROOT / "tariffs" / "fsl" / "_national.yaml", tariffs_tmp / "fsl" / "_national.yaml")
    fsl_rules.clear_cache()
    yield tariffs_tmp / "fsl"
    fsl_rules.clear_cache()


def test_every_shipped_file_loads_and_is_named_by_its_code():
    codes = fsl_rules.known_codes()
    for required in ("77", "59", "21", "69M", "75", "02", "16", "22"):
        assert required in codes
    for code, file in fsl_rules.all_files().items():
        assert file.code == code
        assert file.verified_on.isoformat() >= "2026-01-01"


def test_national_frame_excludes_the_decree_resources():
    frame = fsl_rules.national()
    assert set(frame.ressources_exclues) == {"aide_logement", "allocation_rentree_scolaire", "aeeh",
                                             "aides_gracieuses"}
    assert all("2005-212" in e.source.title for e in frame.ressources_exclues.values())


MINIMAL = """
code: "{code}"
nom: Test
gestionnaire: Département test
verified_on: 2026-11-23
versions:
  2026-01-01:
    reglement: {{title: Règlement test, url: "https://example.org"}}
    plafond_ressources: {ceiling}
    volets:
      energie:
        finance: true
        source: {{title: Règlement test, url: "https://example.org"}}
        conditions: {conditions}
"""
SRC = '{title: Règlement test, url: "https://example.org"}'


def _write(folder, code="98", ceiling=None, conditions="[]", name=None):
    ceiling = ceiling or f'{{type: non_public, source: {SRC}, note: "non trouvé"}}'
    (folder / f"{name or code}.yaml").write_text(MINIMAL.format(code=code, ceiling=ceiling, conditions=conditions),
                                                 encoding="utf-8")


def test_adding_a_departement_is_adding_a_file(fsl_tmp):
    _write(fsl_tmp, ceiling=f"{{type: par_personnes, comparaison: '<=', montants: {{1: 800}}, source: {SRC}}}")
    from counselling.calculators.fsl import fsl

    result = fsl("98", on="2026-06-01", personnes=1, ressources=800)
    assert result["statut"] == "eligible" and result["plafond_ressources"] == 800


@pytest.mark.parametrize(("ceiling", "conditions", "message"), [
    (f"{{type: par_personnes, montants: {{1: 800}}, source: {SRC}}}", "[]", "comparaison"),
    (f"{{type: non_public, source: {SRC}}}", "[]", "note"),
    (f"{{type: quotient, comparaison: '<', source: {SRC}}}", "[]", "plafond"),
    (None, f"[{{fait: inconnu_ici, attendu: true, label: Un fait, source: {SRC}}}]", "inconnu_ici"),
    (None, f"[{{fait: dette, attendu: true, label: Dette oui, source: {SRC}}}]", "type"),
    (None, f"[{{fait: dette, minimum: 1, maximum: 2, label: Dette, source: {SRC}}}]", "un seul test"),
    (None, f"[{{fait: dette, minimum: 1, label: Dette, source: {SRC}, confidence: basse}}]", "note"),
])
def test_malformed_files_are_refused(fsl_tmp, ceiling, conditions, message):
    _write(fsl_tmp, ceiling=ceiling, conditions=conditions)
    with pytest.raises(TariffError) as err:
        fsl_rules.fsl_file("98")
    assert "tariffs/fsl/98.yaml" in str(err.value) and message in str(err.value)


def test_file_name_must_match_code(fsl_tmp):
    _write(fsl_tmp, code="97", name="98")
    with pytest.raises(TariffError, match="ne correspond pas"):
        fsl_rules.fsl_file("98")

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


ACCESS = """
page_officielle: {src}
demande:
  canaux: [travailleur_social, formulaire]
  texte: Demande déposée avec un travailleur social, sur le formulaire unique du département.
  formulaire: "https://example.org/formulaire.pdf"
  source: {src}
contacts:
  - service: Service FSL du département test
    telephone: "01 23 45 67 89"
    source: {src}
"""


def test_a_file_says_who_runs_the_fsl_how_to_apply_and_who_to_call(fsl_tmp):
    _write(fsl_tmp)
    path = fsl_tmp / "98.yaml"
    path.write_text(path.read_text(encoding="utf-8") + ACCESS.format(src=SRC), encoding="utf-8")
    file = fsl_rules.fsl_file("98")
    assert file.page_officielle.url == "https://example.org"
    assert file.demande.canaux == ["travailleur_social", "formulaire"]
    assert file.contacts[0].telephone == "01 23 45 67 89"


@pytest.mark.parametrize(("block", "message"), [
    ("demande: {{canaux: [], texte: Demande au département, source: {src}}}", "canaux"),
    ("demande: {{canaux: [pigeon], texte: Demande au département, source: {src}}}", "canaux"),
    ("contacts: [{{service: Service FSL, telephone: '01'}}]", "source"),
])
def test_access_information_without_its_source_or_channel_is_refused(fsl_tmp, block, message):
    _write(fsl_tmp)
    path = fsl_tmp / "98.yaml"
    path.write_text(path.read_text(encoding="utf-8") + block.format(src=SRC) + "\n", encoding="utf-8")
    with pytest.raises(TariffError) as err:
        fsl_rules.fsl_file("98")
    assert "tariffs/fsl/98.yaml" in str(err.value) and message in str(err.value)

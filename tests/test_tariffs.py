"""The loader of dated, sourced parameters: validation, date queries, staleness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counselling import tariffs
from counselling.errors import TariffError

GOOD = """
title: Essai
verified_on: 2025-06-30
parameters:
  plafond:
    label: Plafond d'essai
    unit: EUR/an
    values:
      2020-01-01: {value: 100, source: {title: Décret A, url: "https://example.org/a"}}
      2023-07-01: {value: 120.50, source: {title: Décret B, url: "https://example.org/b", article: "art. 2"}}
  abroge:
    label: Paramètre abrogé
    unit: EUR
    values:
      2020-01-01: {value: 5, source: {title: Décret A, url: "https://example.org/a"}}
      2022-01-01: {value: null, source: {title: Décret C, url: "https://example.org/c"}}
  bareme:
    label: Barème d'essai
    unit: EUR/an
    threshold_unit: EUR/UC/an
    last_value_still_valid_on: 2024-12-31
    values:
      2020-01-01:
        brackets: [{threshold: 0, amount: 10}, {threshold: 100, amount: 5}, {threshold: 200, amount: 0}]
        source: {title: Arrêté, url: "https://example.org/d"}
"""


def write(folder, name, text):
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_value_in_force_on_each_side_of_a_change(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    before = tariffs.get("essai.plafond", dt.date(2023, 6, 30))
    on_day = tariffs.get("essai.plafond", dt.date(2023, 7, 1))
    assert before.value == Decimal("100") and before.effective_from == dt.date(2020, 1, 1)
    assert before.next_change == dt.date(2023, 7, 1)
    assert on_day.value == Decimal("120.50") and on_day.source.title == "Décret B"
    assert isinstance(on_day.value, Decimal)
    assert "1er juillet 2023" in on_day.citation() and "art. 2" in on_day.citation()


def test_date_before_first_value_is_an_error(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    with pytest.raises(TariffError, match="1er janvier 2020"):
        tariffs.get("essai.plafond", dt.date(2019, 12, 31))


def test_repealed_parameter_is_an_error_after_repeal(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    assert tariffs.get("essai.abroge", dt.date(2021, 12, 31)).value == 5
    with pytest.raises(TariffError, match="ne s'applique plus"):
        tariffs.get("essai.abroge", dt.date(2022, 1, 1))


def test_stale_after_verified_on_or_still_valid_on(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    assert not tariffs.get("essai.plafond", dt.date(2025, 6, 30)).stale
    late = tariffs.get("essai.plafond", dt.date(2025, 7, 1))
    assert late.stale and "30 juin 2025" in late.stale_message()
    assert not tariffs.get("essai.bareme", dt.date(2024, 12, 31)).stale
    assert tariffs.get("essai.bareme", dt.date(2025, 1, 1)).stale
    # an older value, followed by a known change, is never stale
    assert not tariffs.get("essai.plafond", dt.date(2021, 1, 1)).stale


def test_scale_bands_lower_bound_included(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    scale = tariffs.get("essai.bareme", dt.date(2021, 1, 1))
    assert scale.amount_for(Decimal("99.99")) == 10
    assert scale.amount_for(Decimal("100")) == 5
    assert scale.amount_for(Decimal("200")) == 0


@pytest.mark.parametrize(("broken", "message"), [
    (GOOD.replace(", source: {title: Décret B, url: \"https://example.org/b\", article: \"art. 2\"}", ""),
     "plafond"),
    (GOOD.replace("2023-07-01:", "juillet 2023:"), "date d'effet"),
    (GOOD.replace("unit: EUR/an\n    values", "unit: euros-par-an\n    values", 1), "unité « euros-par-an » inconnue"),
    (GOOD.replace("https://example.org/a", "example.org/a", 1), "https://"),
    (GOOD.replace("value: 100,", "value: cent,"), "ne correspond pas à l'unité"),
    (GOOD.replace("    threshold_unit: EUR/UC/an\n", ""), "threshold_unit"),
    (GOOD.replace("{threshold: 100, amount: 5}", "{threshold: 300, amount: 5}"), "croissants"),
    (GOOD.replace("verified_on: 2025-06-30\n", ""), "verified_on"),
    ("title: [unterminated\n", "YAML illisible"),
    (GOOD.replace("{value: 100, source:", "{value: 100, confidence: moyenne, source:"), "expliquée dans « note »"),
], ids=["source manquante", "date invalide", "unité inconnue", "lien invalide", "valeur non numérique",
        "barème sans unité de seuil", "seuils non croissants", "vérifié le manquant", "YAML illisible",
        "confiance sans note"])
def test_malformed_file_names_file_and_key(tariffs_tmp, broken, message):
    write(tariffs_tmp, "essai", broken)
    with pytest.raises(TariffError) as info:
        tariffs.get("essai.plafond", dt.date(2024, 1, 1))
    text = str(info.value)
    assert "essai.yaml" in text
    assert message in text


def test_unknown_file_and_key(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    with pytest.raises(TariffError, match="introuvable"):
        tariffs.get("inconnu.plafond", dt.date(2024, 1, 1))
    with pytest.raises(TariffError, match="« nope » introuvable"):
        tariffs.get("essai.nope", dt.date(2024, 1, 1))


def test_every_shipped_parameter_file_loads_with_sources():
    files = tariffs.parameter_files()
    assert "cheque_energie" in files
    for name, pfile in files.items():
        for key, param in pfile.parameters.items():
            for day, dated in param.values.items():
                assert dated.source.title and dated.source.url.startswith("http"), (name, key, day)
                if dated.confidence != "haute":
                    assert dated.note, f"{name}.{key} {day}: confiance {dated.confidence} sans note"


def test_freshness_no_parameter_check_older_than_12_months():
    """Like Nos Gestes Climat's expiry check: a parameter file not re-checked
    against its sources for a year must be re-verified (and its verified_on
    updated). The test lists every such file."""
    too_old = tariffs.checks_older_than(12, dt.date.today())
    assert not too_old, "Paramètres à revérifier (plus de 12 mois) :\n" + "\n".join(too_old)


def test_freshness_check_lists_old_files(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    assert tariffs.checks_older_than(12, dt.date(2026, 6, 30)) == []
    assert tariffs.checks_older_than(12, dt.date(2026, 7, 1)) == ["tariffs/essai.yaml (vérifié le 2025-06-30)"]
    (tariffs_tmp / "fsl").mkdir()
    (tariffs_tmp / "fsl" / "99.yaml").write_text("territoire: essai\n", encoding="utf-8")
    assert "tariffs/fsl/99.yaml (pas de « verified_on »)" in tariffs.checks_older_than(12, dt.date(2026, 1, 1))


def test_yaml_floats_are_exact_decimals(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD.replace("value: 120.50", "value: 0.1"))
    assert tariffs.get("essai.plafond", dt.date(2024, 1, 1)).value == Decimal("0.1")

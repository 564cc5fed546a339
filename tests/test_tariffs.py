"""The loader of dated, sourced parameters: validation, date queries, and the
revision calendar that decides staleness."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from counselling import tariffs
from counselling.errors import TariffError

GOOD = """
title: Essai
verified_on: 2025-06-30
revisions: {rule: annual, dates: ["01-01"], text: chaque 1er janvier}
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
    revisions: {rule: none, text: sans calendrier}
    values:
      2020-01-01: {value: 5, source: {title: Décret A, url: "https://example.org/a"}}
      2022-01-01: {value: null, source: {title: Décret C, url: "https://example.org/c"}}
  bareme:
    label: Barème d'essai
    unit: EUR/an
    threshold_unit: EUR/UC/an
    revisions:
      rule: campaign
      dates: ["04-01"]
      text: chaque campagne (1er avril)
      unchanged: [2020-04-01]
      not_found:
        2021-04-01: {searched_on: 2021-06-01, note: arrêté introuvable}
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


def test_stale_only_once_a_scheduled_revision_has_passed(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    # last value 1 July 2023, revised every 1 January: fine until 31 December 2023
    assert not tariffs.get("essai.plafond", dt.date(2023, 12, 31)).stale
    late = tariffs.get("essai.plafond", dt.date(2024, 1, 1))
    assert late.stale and late.due == dt.date(2024, 1, 1)
    assert "1er janvier 2024" in late.stale_message() and "chaque 1er janvier" in late.stale_message()
    # the day it was checked does not matter any more (verified_on is 30 June 2025)
    assert tariffs.get("essai.plafond", dt.date(2030, 1, 1)).due == dt.date(2024, 1, 1)
    # an older value, followed by a known change, is never stale
    assert not tariffs.get("essai.plafond", dt.date(2021, 1, 1)).stale


def test_period_checks_every_date_it_uses(tariffs_tmp):
    """A bill or a plan over a period is stale if a revision falls inside it,
    even when its first day is fine."""
    write(tariffs_tmp, "essai", GOOD)
    assert not tariffs.get("essai.plafond", dt.date(2023, 8, 1), until=dt.date(2023, 12, 31)).stale
    inside = tariffs.get("essai.plafond", dt.date(2023, 8, 1), until=dt.date(2024, 1, 1))
    assert inside.stale and inside.due == dt.date(2024, 1, 1)
    # a period that ends before a known later value only uses this value
    assert not tariffs.get("essai.plafond", dt.date(2021, 1, 1), until=dt.date(2023, 6, 30)).stale


def test_unchanged_and_not_found_revisions(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    # value of 1 January 2020, checked unchanged at the 1 April 2020 campaign
    assert not tariffs.get("essai.bareme", dt.date(2021, 3, 31)).stale
    # 1 April 2021 searched without success: still « à vérifier » after it
    assert tariffs.get("essai.bareme", dt.date(2021, 4, 1)).due == dt.date(2021, 4, 1)
    assert tariffs.get("essai.bareme", dt.date(2021, 1, 1)).still_valid_on == dt.date(2021, 3, 31)
    # no schedule: never stale
    assert not tariffs.get("essai.abroge", dt.date(2021, 12, 31)).stale


@pytest.mark.parametrize(("rule", "day", "expected"), [
    ({"rule": "monthly", "text": "chaque mois"}, dt.date(2026, 3, 15), dt.date(2026, 4, 1)),
    ({"rule": "monthly", "text": "chaque mois"}, dt.date(2026, 12, 1), dt.date(2027, 1, 1)),
    ({"rule": "annual", "dates": ["02-01", "08-01"], "text": "x x x"}, dt.date(2026, 8, 1), dt.date(2027, 2, 1)),
    ({"rule": "annual", "dates": ["02-01", "08-01"], "text": "x x x"}, dt.date(2026, 1, 31), dt.date(2026, 2, 1)),
    ({"rule": "campaign", "dates": ["01-01"], "text": "x x x"}, dt.date(2025, 1, 1), dt.date(2026, 1, 1)),
    ({"rule": "none", "text": "x x x"}, dt.date(2025, 1, 1), None),
])
def test_next_scheduled_revision(rule, day, expected):
    assert tariffs.Revisions.model_validate(rule).scheduled_after(day) == expected


def test_revisions_report_and_overdue(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD)
    report = tariffs.revisions_report(dt.date(2024, 6, 1))
    overdue = sorted((r.key, r.day) for r in report if r.status == "en_retard")
    # each campaign after the one searched in vain is overdue again
    assert overdue == [("essai.bareme", dt.date(2022, 4, 1)), ("essai.bareme", dt.date(2023, 4, 1)),
                       ("essai.bareme", dt.date(2024, 4, 1)), ("essai.plafond", dt.date(2024, 1, 1))]
    missing = [(r.key, r.day, r.searched_on) for r in report if r.status == "introuvable"]
    assert ("essai.bareme", dt.date(2021, 4, 1), dt.date(2021, 6, 1)) in missing
    assert ("essai.bareme", dt.date(2022, 4, 1), None) not in missing
    assert [(r.key, r.day) for r in tariffs.overdue(dt.date(2022, 3, 31))] == []
    assert [(r.key, r.day) for r in tariffs.overdue(dt.date(2022, 4, 1))] == [("essai.bareme", dt.date(2022, 4, 1))]
    upcoming = {r.key: r.day for r in report if r.status == "a_venir"}
    assert upcoming["essai.plafond"] == dt.date(2025, 1, 1)
    assert "essai.abroge" not in upcoming


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
    (GOOD.replace('revisions: {rule: annual, dates: ["01-01"], text: chaque 1er janvier}\n', ""),
     "calendrier de révision"),
    (GOOD.replace('dates: ["01-01"]', 'dates: ["13-01"]'), "MM-JJ"),
    ("title: [unterminated\n", "YAML illisible"),
    (GOOD.replace("{value: 100, source:", "{value: 100, confidence: moyenne, source:"), "expliquée dans « note »"),
], ids=["source manquante", "date invalide", "unité inconnue", "lien invalide", "valeur non numérique",
        "barème sans unité de seuil", "seuils non croissants", "vérifié le manquant",
        "calendrier manquant", "date de révision invalide", "YAML illisible",
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


def test_freshness_no_revision_past_its_calendar():
    """Fails only when a scheduled revision (Tarif Bleu 1 February / 1 August,
    accise 1 February, RSA 1 April, seizure scale 1 January, prix repère each
    month, chèque énergie campaign…) has passed and nobody has recorded it:
    neither a new value, nor « unchanged », nor « not_found » after a search.
    ``make freshness`` prints the same list with what is due next."""
    late = tariffs.overdue(dt.date.today())
    assert not late, "Révisions passées sans mise à jour des données :\n" + "\n".join(
        f"{r.key} : révision du {r.day.isoformat()} ({r.calendar_text})" for r in late)


def test_every_shipped_parameter_has_a_calendar():
    for name, pfile in tariffs.parameter_files().items():
        for key in pfile.parameters:
            assert pfile.calendar(key).text, (name, key)


def test_yaml_floats_are_exact_decimals(tariffs_tmp):
    write(tariffs_tmp, "essai", GOOD.replace("value: 120.50", "value: 0.1"))
    assert tariffs.get("essai.plafond", dt.date(2024, 1, 1)).value == Decimal("0.1")

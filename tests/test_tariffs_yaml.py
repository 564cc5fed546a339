"""The YAML reader of the tariff files refuses what would silently change a
figure: a key written twice, an impossible date, a non-finite number; each
message names the file, the line and the key."""

from __future__ import annotations

from decimal import Decimal

import pytest

from counselling.errors import TariffError
from counselling.tariffs import read_yaml


@pytest.mark.parametrize(("body", "fragments"), [
    ("rsa:\n  values:\n    2024-04-01:\n      value: 635.71\n    2024-04-01:\n      value: 1.00\n",
     ["ligne 5", "clé « 2024-04-01 »", "écrite deux fois (déjà ligne 3)"]),
    ("title: A\nverified_on: 2026-11-23\ntitle: B\n", ["ligne 3", "clé « title »", "deux fois"]),
    ("values:\n  2024-02-30:\n    value: 1\n", ["ligne 2", "clé « 2024-02-30 »", "n'est pas une date qui existe"]),
    ("values:\n  2024-01-01:\n    value: .nan\n", ["ligne 3", "clé « value »", "« .nan » n'est pas un nombre fini"]),
    ("values:\n  2024-01-01:\n    value: -.inf\n", ["ligne 3", "clé « value »", "n'est pas un nombre fini"]),
])
def test_refused_with_file_line_and_key(tmp_path, body, fragments):
    path = tmp_path / "bareme.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TariffError) as info:
        read_yaml(path)
    message = str(info.value)
    assert "bareme.yaml" in message
    for fragment in fragments:
        assert fragment in message


def test_same_key_in_two_different_mappings_is_fine(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("a:\n  value: 1.5\nb:\n  value: 2\n", encoding="utf-8")
    assert read_yaml(path) == {"a": {"value": Decimal("1.5")}, "b": {"value": 2}}


def test_every_shipped_tariff_file_reads(tmp_path):
    from counselling.tariffs import tariffs_dir

    files = sorted(tariffs_dir().rglob("*.yaml"))
    assert files
    for path in files:
        read_yaml(path)


def test_a_key_overriding_a_merged_anchor_is_not_a_duplicate(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text("a: &x\n  article: art. 5\n  title: T\nb:\n  <<: *x\n  article: art. 6\n", encoding="utf-8")
    assert read_yaml(path)["b"] == {"article": "art. 6", "title": "T"}

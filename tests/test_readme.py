"""The README's Python tour runs, and the values written in its comments are
the values the kit computes (``expr  # Decimal('818.33') …`` or ``# 14 …``)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)
CLAIM = re.compile(r"^(?P<expr>[^#\s].*?)\s+#\s+(?P<value>Decimal\('[^']+'\)|\d+|\('[^)]*\))(\s|$)")


@pytest.mark.parametrize("block", BLOCKS, ids=[f"bloc{i + 1}" for i in range(len(BLOCKS))])
def test_readme_block_runs_and_its_comments_are_true(block, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 — our own README
    claims = 0
    for line in block.splitlines():
        match = CLAIM.match(line)
        if match and "=" not in match["expr"].split("(")[0]:
            expected = eval(match["value"], {"Decimal": Decimal})  # noqa: S307
            actual = eval(match["expr"], namespace)  # noqa: S307
            assert actual == expected, f"README : {match['expr']} vaut {actual!r}, le README dit {expected!r}"
            claims += 1
    assert claims or "import" in block


def test_readme_opens_with_the_two_commands():
    head = README.read_text(encoding="utf-8").split("\n## ")[0]
    assert "make run" in head and "make test" in head

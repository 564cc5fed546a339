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


def test_readme_shows_one_capture_per_page():
    """Each page of the README's table has its screenshot, taken by the browser tests."""
    text = README.read_text(encoding="utf-8")
    pages = sorted(p.name for p in (README.parent / "notebooks").glob("*.ipynb") if p.stem != "accueil")
    for notebook in pages:
        row = next(line for line in text.splitlines() if line.startswith(f"| `{notebook}`"))
        capture = re.search(r'src="(docs/captures/[^"]+\.png)"', row)
        assert capture, f"pas de capture pour {notebook} dans le README"
        assert (README.parent / capture[1]).stat().st_size > 10_000

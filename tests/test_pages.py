"""The home page's list (counselling.pages) and the notebooks agree."""

from __future__ import annotations

import json
from pathlib import Path

from counselling.pages import PURPOSES, notebook_title, pages

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_every_notebook_is_listed_once_and_every_listed_one_exists():
    listed = [name for name, _purpose in PURPOSES]
    assert sorted(listed) == sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    assert len(set(listed)) == len(listed)


def test_titles_are_the_notebooks_first_headings():
    titles = {p.notebook: p.title for p in pages()}
    assert titles["budget.ipynb"] == "Budget et échéancier"
    assert titles["fsl.ipynb"] == "Fonds de Solidarité pour le Logement (FSL)"
    for page in pages():
        first = json.loads((NOTEBOOKS / page.notebook).read_text(encoding="utf-8"))["cells"][0]
        assert "".join(first["source"]).startswith(f"# {page.title}\n")
        assert page.href == f"voila/render/{page.notebook}"
        assert page.purpose.endswith(".") and len(page.purpose) > 40


def test_title_falls_back_to_the_file_name(tmp_path):
    path = tmp_path / "sans_titre.ipynb"
    path.write_text(json.dumps({"cells": [{"cell_type": "markdown", "source": "Pas de titre"}]}),
                    encoding="utf-8")
    assert notebook_title(path) == "sans_titre"
    path.write_text(json.dumps({"cells": [{"cell_type": "code", "source": "1"},
                                          {"cell_type": "markdown", "source": ["# Titre\n", "texte"]}]}),
                    encoding="utf-8")
    assert notebook_title(path) == "Titre"

"""The home page lists the FSL, éco-gestes and listing notebooks, which exist."""

from __future__ import annotations

from pathlib import Path

from counselling.dashboards.home import DASHBOARDS, show

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_new_dashboards_are_listed_and_exist():
    files = [nb for nb, _title, _text in DASHBOARDS]
    for name in ("fsl.ipynb", "ecogestes.ipynb", "listing.ipynb"):
        assert files.count(name) == 1 and (NOTEBOOKS / name).is_file()
    page = show().value
    assert "Listing partenaire" in page and "Éco-gestes" in page

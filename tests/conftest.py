"""Shared fixtures. Browser fixtures live in tests/browser/conftest.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from counselling import tariffs

# Tests check behaviour, never time: no Hypothesis deadline anywhere (a loaded
# 2-core machine must not turn a slow example into a failure).
settings.register_profile("kit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("kit")

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session", autouse=True)
def config_folder(tmp_path_factory):
    """The user's configuration folder (remembered listing mappings) is a
    temporary one for the whole run, Voilà servers included: tests never
    write to the counsellor's own."""
    folder = tmp_path_factory.mktemp("config")
    previous = os.environ.get("COUNSELLING_CONFIG_DIR")
    os.environ["COUNSELLING_CONFIG_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("COUNSELLING_CONFIG_DIR", None)
    else:
        os.environ["COUNSELLING_CONFIG_DIR"] = previous


@pytest.fixture
def tariffs_tmp(tmp_path, monkeypatch):
    """An empty tariffs folder with the real units.yaml, used instead of the
    real one for the duration of a test (to load malformed files)."""
    (tmp_path / "units.yaml").write_text((ROOT / "tariffs" / "units.yaml").read_text(encoding="utf-8"),
                                         encoding="utf-8")
    monkeypatch.setenv("COUNSELLING_TARIFFS_DIR", str(tmp_path))
    tariffs.clear_cache()
    yield tmp_path
    monkeypatch.delenv("COUNSELLING_TARIFFS_DIR")
    tariffs.clear_cache()

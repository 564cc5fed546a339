"""config/voila.py, the server configuration `make run` and the browser tests
share: what a counsellor's server is promised (the browser tests check it in use)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from traitlets.config.loader import PyFileConfigLoader

from counselling import server
from counselling.pages import pages

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def config(monkeypatch):
    monkeypatch.setenv("JUPYTER_PATH", "")  # the file prepends the kit's template folder
    loaded = PyFileConfigLoader("voila.py", path=str(ROOT / "config")).load_config()
    return loaded, os.environ["JUPYTER_PATH"]


def test_served_on_this_computer_only_with_the_french_template(config):
    c, jupyter_path = config
    assert c.Voila.ip == "127.0.0.1"
    assert c.VoilaConfiguration.template == "ck"
    assert c.VoilaExporter.language_code == "fr"
    assert jupyter_path.split(os.pathsep)[0] == str(ROOT / "share" / "jupyter")
    assert (ROOT / "share" / "jupyter" / "voila" / "templates" / "ck" / "index.html.j2").is_file()
    home = c.Voila.tornado_settings["jinja_template_vars"]["pages"]
    assert [p["title"] for p in home] == [p.title for p in pages()]
    assert c.Voila.tornado_settings["default_handler_class"] is server.NotFoundHandler


def test_kernels_end_and_leftovers_are_culled(config):
    c, _ = config
    assert c.Voila.identity_provider_class is server.KitIdentityProvider
    assert c.MappingKernelManager.cull_idle_timeout == 20 * 60
    assert 0 < c.MappingKernelManager.cull_interval <= 60
    assert c.MappingKernelManager.cull_connected is False  # a page still open keeps its kernel


def test_upload_limit_said_in_the_readme_fits_the_websocket(config):
    c, _ = config
    size = c.Voila.tornado_settings["websocket_max_message_size"]
    assert server.UPLOAD_LIMIT >= 50 * 2**20
    assert size > server.UPLOAD_LIMIT > 10 * 2**20  # Tornado's default dropped bigger files
    assert c.VoilaConfiguration.resources["ck"]["upload_limit"] == server.UPLOAD_LIMIT
    text = server.upload_limit_text()
    assert text == "50 Mo"
    assert f"jusqu'à {text}" in (ROOT / "README.md").read_text(encoding="utf-8")

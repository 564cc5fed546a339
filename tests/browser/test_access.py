"""Who may reach the pages: the server holds dossiers (personal data).

Without the token printed by `make run`, a request is refused in French
before any page, kernel or dossier is reached; with it, the page opens. A
request naming another host (a web page elsewhere using DNS rebinding) is
refused too."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .conftest import TOKEN, leave


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.mark.parametrize("path", ["/", "/voila/render/dossiers.ipynb", "/api/kernels"])
def test_without_the_token_nothing_is_served(voila_url, path):
    status, body = _get(voila_url + path)
    assert status == 403
    if path != "/api/kernels":
        assert "Accès refusé" in body and "make run" in body


def test_the_link_with_its_token_opens_the_pages(voila_url, page):
    status, body = _get(f"{voila_url}/?token={TOKEN}")
    assert status == 200 and "Dossiers" in body
    fresh = page.context.browser.new_context()
    try:
        other = fresh.new_page()
        other.goto(f"{voila_url}/?token={TOKEN}")  # the link printed by make run
        other.goto(f"{voila_url}/voila/render/dossiers.ipynb")  # then the cookie it left is enough
        other.locator(".do-creer").wait_for(timeout=60_000)
        leave(other)  # the page's kernel ends, as when a counsellor leaves it
    finally:
        fresh.close()


def test_another_host_name_is_refused_even_with_the_token(voila_url):
    # the home page (a page that starts no kernel: a kernel started here would wait for a browser)
    port = voila_url.rsplit(":", 1)[1]
    status, _ = _get(f"{voila_url}/?token={TOKEN}", {"Host": f"dossiers.example.org:{port}"})
    assert status == 403
    status, body = _get(f"{voila_url}/?token={TOKEN}", {"Host": f"localhost:{port}"})
    assert status == 200 and "Dossiers" in body


@pytest.mark.parametrize(("name", "status", "title"), [("budget.ipynb", 403, "Fichier non disponible"),
                                                       ("absent.pdf", 404, "Fichier introuvable")])
def test_a_refused_or_missing_file_is_answered_in_french(voila_url, name, status, title):
    got, body = _get(f"{voila_url}/voila/files/{name}?token={TOKEN}")
    assert got == status
    assert '<html lang="fr">' in body and f"<h1>{title}</h1>" in body and "Retour à l'accueil" in body
    assert "Forbidden" not in body and "Not Found" not in body

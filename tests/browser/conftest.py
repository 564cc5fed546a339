"""A real Voilà server and a real Chromium (Debian's, driven by Playwright).

Voilà is started once per session on a free loopback port, in its own
process group, with the configuration `make run` uses (config/voila.py), and
killed at teardown. Each test's page is left (as a person leaves it) before
its browser context closes, so the page ends its kernel.

Requests are not intercepted: the kit's template loads nothing from outside
this computer (a request that went out would fail here and show as a console
error, which tests assert against), and Playwright's interception would drop
the request a page sends as it is left, the one that ends its kernel.
Console errors and page errors are collected so tests can assert there are
none.

Without a Chromium the browser tests are skipped, except under CI=true where
a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
TIMEOUT = 60_000  # [ms] generous: the 2-core machine may be busy


def type_into(page, css: str, text: str) -> None:
    """Type into the input of the widget with CSS class ``css`` and leave the
    field (ipywidgets Text, IntText and DatePicker sync on change)."""
    field = page.locator(f"{css} input, {css} textarea").first
    field.fill(text)
    field.press("Tab")


CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


SERVER_CONFIG = ROOT / "config"  # config/voila.py, as `make run` uses it


TOKEN = os.environ.setdefault("COUNSELLING_TOKEN", "jeton-des-tests-" + os.urandom(8).hex())
AUTH = {"Authorization": f"token {TOKEN}"}  # what the link printed by `make run` gives the browser


def start_voila(notebooks: Path, port: int, log_path: Path, *options: str) -> subprocess.Popen:
    """Voilà serving ``notebooks`` as `make run` does; ``options`` (e.g.
    ``--MappingKernelManager.cull_idle_timeout=5``) override the configuration."""
    command = [sys.executable, "-m", "voila", str(notebooks), f"--Voila.config_file_paths={SERVER_CONFIG}",
               f"--port={port}", "--Voila.ip=127.0.0.1", *options]
    log = open(log_path, "w", encoding="utf-8")
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True, cwd=ROOT)


def kernel_processes(server_pid: int) -> list:
    """The kernels the Voilà server ``server_pid`` has started (psutil processes)."""
    import psutil

    kernels = []
    for child in psutil.Process(server_pid).children(recursive=True):
        try:
            if "ipykernel" in " ".join(child.cmdline()):
                kernels.append(child)
        except psutil.Error:  # ended meanwhile
            pass
    return kernels


def wait_for_kernels(server_pid: int, wanted, timeout: float = 180) -> int:
    """Poll the number of kernels until ``wanted(count)`` or ``timeout`` [s];
    returns the last count."""
    deadline = time.monotonic() + timeout
    count = len(kernel_processes(server_pid))
    while not wanted(count) and time.monotonic() < deadline:
        time.sleep(1)
        count = len(kernel_processes(server_pid))
    return count


def settled_memory(server_pid: int, timeout: float = 180) -> int:
    """:func:`server_memory` once it stops moving by more than 2 % in 3 s (a
    preheated kernel runs its notebook after it starts) [octets]."""
    deadline = time.monotonic() + timeout
    previous = server_memory(server_pid)
    while time.monotonic() < deadline:
        time.sleep(3)
        current = server_memory(server_pid)
        if abs(current - previous) <= 0.02 * previous:
            return current
        previous = current
    return previous


def page_ready(page, timeout: float = TIMEOUT) -> None:
    """Wait until the page's widgets are on screen (its notebook has run)."""
    page.locator("#rendered_cells .jupyter-widgets").first.wait_for(state="visible", timeout=timeout)


def server_memory(server_pid: int) -> int:
    """Resident memory of the server and its kernels [octets]."""
    import psutil

    total = 0
    for process in [psutil.Process(server_pid), *kernel_processes(server_pid)]:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


def wait_for_port(port: int, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voilà s'est arrêté :\n{log_path.read_text(encoding='utf-8')[-3000:]}")
        try:
            request = urllib.request.Request(f"http://127.0.0.1:{port}/", headers=AUTH)
            with urllib.request.urlopen(request, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"Voilà n'a pas répondu en {timeout} s :\n{log_path.read_text(encoding='utf-8')[-3000:]}")


def stop(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture
def dossier_server(tmp_path, monkeypatch, request):
    """A Voilà server of its own on a throwaway dossier base: ``(db, url)``,
    ``url`` the « Dossiers » page (another page: replace its name). Stopped
    after the test; its log is ``test-artifacts/voila-<test name>.log``."""
    db = tmp_path / "dossiers.db"
    monkeypatch.setenv("COUNSELLING_DB", str(db))
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log = ARTIFACTS / f"voila-{request.node.name}.log"
    process = start_voila(ROOT / "notebooks", port, log)
    try:
        wait_for_port(port, process, log)
        yield db, f"http://127.0.0.1:{port}/voila/render/dossiers.ipynb"
    finally:
        stop(process)


@pytest.fixture(scope="session")
def chromium():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium introuvable alors que CI=true : installez le paquet Debian « chromium ».")
        pytest.skip("Chromium n'est pas installé (apt-get install chromium) : tests navigateur ignorés.")
    return path


@dataclass
class VoilaServer:
    url: str
    process: subprocess.Popen
    notebooks: Path


@pytest.fixture(scope="session")
def voila_server(chromium):
    ARTIFACTS.mkdir(exist_ok=True)
    port = free_port()
    log_path = ARTIFACTS / "voila.log"
    process = start_voila(ROOT / "notebooks", port, log_path)
    try:
        wait_for_port(port, process, log_path)
        yield VoilaServer(f"http://127.0.0.1:{port}", process, ROOT / "notebooks")
    finally:
        stop(process)


@pytest.fixture(scope="session")
def voila_url(voila_server):
    return voila_server.url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def open_page(browser, viewport: dict):
    """A French-locale page of the given window size, console and page errors
    collected; leave it and close its ``context`` after use."""
    context = browser.new_context(locale="fr-FR", viewport=viewport, extra_http_headers=AUTH)
    page = context.new_page()
    page.console_errors = []
    page.page_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.page_errors.append(str(exc)))
    return page


@pytest.fixture
def page(browser):
    page = open_page(browser, {"width": 1280, "height": 900})
    yield page
    leave(page)
    page.context.close()


# ---------------------------------------------------------------- typing, layout, captures
CAPTURES = ROOT / "docs" / "captures"
LAPTOP = {"width": 1366, "height": 768}   # the counsellor's laptop
PROJECTOR = {"width": 1920, "height": 1080}  # a workshop room


def type_keys(page, css: str, text: str) -> None:
    """Type ``text`` key by key into the widget with class ``css``, as a person
    does, WITHOUT leaving the field (no Tab, no Enter)."""
    field = page.locator(f"{css} input, {css} textarea").first
    field.click()
    field.press("Control+a")
    field.press_sequentially(text, delay=40)


def assert_in_viewport(page, css: str) -> None:
    """The element's box lies inside the window (what the person sees without scrolling)."""
    box = page.locator(css).first.bounding_box()
    size = page.viewport_size
    assert box is not None, f"{css} n'est pas affiché"
    assert box["y"] >= 0 and box["x"] >= 0, (css, box)
    assert box["y"] + box["height"] <= size["height"] + 1 and box["x"] + box["width"] <= size["width"] + 1, \
        (css, box, size)


def capture(page, name: str) -> None:
    """The screenshot shown in the README (window only, as the person sees it)."""
    CAPTURES.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(CAPTURES / f"{name}.png"))


def font_sizes(page, selectors: list[str]) -> dict[str, float]:
    """Computed font size [px] of the first element matching each selector."""
    return page.evaluate("""css => Object.fromEntries(css.map(
        c => [c, parseFloat(getComputedStyle(document.querySelector(c)).fontSize)]))""", selectors)


@pytest.fixture
def laptop(browser):
    """A page in a 1366×768 window."""
    page = open_page(browser, LAPTOP)
    yield page
    leave(page)
    page.context.close()


@pytest.fixture
def projector(browser):
    """A page in a 1920×1080 window, as projected in a workshop."""
    page = open_page(browser, PROJECTOR)
    yield page
    leave(page)
    page.context.close()


def leave(page) -> None:
    """Leave the page as a person does (another address): the page asks the
    server to end its kernel. Closing the context alone would not."""
    try:
        page.goto("about:blank", timeout=10_000)
    except Exception:  # a page already gone has nothing to end
        pass

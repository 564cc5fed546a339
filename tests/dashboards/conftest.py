"""Fixtures of the dashboard tests."""

from __future__ import annotations

import asyncio
import threading

import pytest


@pytest.fixture
def run_loop():
    """``run_loop(scenario)`` runs the coroutine function ``scenario`` on a
    fresh asyncio loop of its own thread (as a kernel runs its loop: a typed
    key waits its debounce there), whatever loop the test session may be
    running."""

    def run(scenario) -> None:
        errors = []

        def target():
            try:
                asyncio.run(scenario())
            except BaseException as error:  # noqa: BLE001 — handed back to the test
                errors.append(error)

        thread = threading.Thread(target=target)
        thread.start()
        thread.join(timeout=60)
        if errors:
            raise errors[0]
        assert not thread.is_alive()

    return run

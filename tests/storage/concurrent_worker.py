"""One of the processes of ``test_concurrency.py``: saves a shared dossier and
its own dossier N times, and prints what happened as JSON.

Usage: python concurrent_worker.py URL SHARED_REF OWN_REF NAME N GO_FILE
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from pathlib import Path

from counselling.dossier.model import Note
from counselling.storage import ConflictError, Store


def _add(store: Store, reference: str, text: str) -> int:
    stored = store.load(reference)
    dossier = stored.dossier  # a fresh object from the base: changed in place
    dossier.notes.append(Note(date=dt.datetime(2026, 11, 30, 10, 0), auteur="test", texte=text))
    return store.save(dossier, expected_version=stored.version, by=text.split("-")[0])


def main(url: str, shared: str, own: str, name: str, count: int, go: str) -> None:
    store = Store(url)
    while not Path(go).exists():  # both processes start together
        time.sleep(0.005)
    saved, conflicts, own_versions = [], 0, []
    for i in range(count):
        marker = f"{name}-{i}"
        try:
            _add(store, shared, marker)
            saved.append(marker)
        except ConflictError:
            conflicts += 1
        own_versions.append(_add(store, own, marker))
    store.close()
    print(json.dumps({"saved": saved, "conflicts": conflicts, "own_versions": own_versions}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])

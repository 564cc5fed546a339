"""One of the processes of ``test_concurrency.py``: N times, reads the shared
dossier, adds 1 to its counter and saves; then does the same on its own
dossier. Prints what happened as JSON.

The counter is the dossier's « revenu fiscal de référence » field, used here
as a plain number: a lost update (two saves from the same reading both
accepted) would leave the counter below the number of accepted saves.

Usage: python concurrent_worker.py URL SHARED_REF OWN_REF NAME N GO_FILE
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from counselling.storage import ConflictError, Store


def _increment(store: Store, reference: str, by: str) -> int:
    stored = store.load(reference)
    dossier = stored.dossier  # a fresh object from the base: changed in place
    dossier.fiscal.rfr = (dossier.fiscal.rfr or 0) + 1
    return store.save(dossier, expected_version=stored.version, by=by)


def main(url: str, shared: str, own: str, name: str, count: int, go: str) -> None:
    store = Store(url)
    while not Path(go).exists():  # both processes start together
        time.sleep(0.005)
    saved, conflicts, own_versions = 0, 0, []
    for _ in range(count):
        try:
            _increment(store, shared, name)
            saved += 1
        except ConflictError as error:
            assert error.current_version > error.expected_version
            conflicts += 1
        own_versions.append(_increment(store, own, name))
    store.close()
    print(json.dumps({"saved": saved, "conflicts": conflicts, "own_versions": own_versions}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), sys.argv[6])

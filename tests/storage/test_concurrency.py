"""Two processes saving 1,000 times the same dossier and their own: no lost
update, no corruption, the conflicts are reported (and counted, printed with -s)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import sqlalchemy as sa

from counselling.storage import Store

from .conftest import make_dossier

WORKER = Path(__file__).with_name("concurrent_worker.py")
ROOT = Path(__file__).resolve().parents[2]
SAVES = int(os.environ.get("COUNSELLING_CONCURRENT_SAVES", "1000"))


def test_two_processes_saving_lose_nothing_and_report_conflicts(db_url, tmp_path):
    shared, own_a, own_b = make_dossier("Commun"), make_dossier("Alpha"), make_dossier("Beta")
    with Store(db_url) as store:
        for dossier in (shared, own_a, own_b):
            store.create(dossier, by="agathe")
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [subprocess.Popen([sys.executable, str(WORKER), db_url, shared.reference, own.reference, name,
                                 str(SAVES), str(go)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
               for name, own in (("a", own_a), ("b", own_b))]
    go.touch()
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=1200)
        assert worker.returncode == 0, err
        results.append(json.loads(out))

    saved = sum(r["saved"] for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    print(f"\n{db_url.split(':')[0]}: {saved} enregistrements du dossier commun, {conflicts} conflits signalés")
    assert saved + conflicts == 2 * SAVES  # every attempt either saved or was told
    assert all(r["saved"] for r in results)  # neither process was shut out
    for r in results:  # each own dossier: every save went through, versions 2..N+1 in order
        assert r["own_versions"] == list(range(2, SAVES + 2))

    with Store(db_url) as store:
        common = store.load(shared.reference)
        assert common.version == 1 + saved  # no save counted twice
        assert common.dossier.fiscal.rfr == saved  # no save lost: each one built on the previous
        for own in (own_a, own_b):
            mine = store.load(own.reference)
            assert (mine.version, mine.dossier.fiscal.rfr) == (SAVES + 1, SAVES)
        audit = [e for e in store.audit(shared.reference) if e.action == "modification"]
        assert len(audit) == saved and {e.who for e in audit} == {"a", "b"}
        with store.engine.connect() as conn:
            if store.backend == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            assert conn.execute(sa.text("SELECT count(*) FROM dossiers")).scalar() == 3


KILLED = """
import sys
from counselling.storage import Store
store = Store(sys.argv[1])
while True:
    stored = store.load(sys.argv[2])
    stored.dossier.fiscal.rfr = (stored.dossier.fiscal.rfr or 0) + 1
    version = store.save(stored.dossier, expected_version=stored.version, by="kill")
    print(version, flush=True)
"""


def test_a_process_killed_while_saving_loses_nothing_it_had_saved(db_url):
    dossier = make_dossier("Tue")
    with Store(db_url) as store:
        store.create(dossier, by="agathe")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    worker = subprocess.Popen([sys.executable, "-c", KILLED, db_url, dossier.reference],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    acknowledged = 0
    for line in worker.stdout:  # let it save a while, then kill it without warning
        acknowledged = int(line)
        if acknowledged >= 60:
            break
    worker.kill()
    worker.wait(timeout=60)
    assert acknowledged >= 60, worker.stderr.read()
    with Store(db_url) as store:
        stored = store.load(dossier.reference)
        assert stored.version >= acknowledged  # every save it was told about is there
        assert stored.dossier.fiscal.rfr == stored.version - 1  # and the dossier is whole
        if store.backend == "sqlite":
            with store.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        stored.dossier.fiscal.rfr += 1  # the base takes saves again
        assert store.save(stored.dossier, expected_version=stored.version, by="agathe") == stored.version + 1

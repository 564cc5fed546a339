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

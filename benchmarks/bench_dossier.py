"""Dossier storage: save and reopen a full dossier on SQLite, find one among
100 000; each beside a bare ``sqlite3`` baseline doing the same I/O on the same
JSON text (what the kit adds: validation, audit, versions, SQLAlchemy).

Targets (issue 8): save ≤ 20 ms and reopen ≤ 20 ms median; find ≤ 100 ms."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from .harness import Measure, ms

DAY = dt.date(2026, 11, 30)


def full_dossier(reference: str | None = None):
    """5 members, 30 budget lines, 3 debts, a plan of 24 instalments, 12 payments
    (:func:`counselling.dossier.examples.large_family`), named for the search."""
    from counselling.dossier.examples import large_family
    from counselling.dossier.model import Identity

    dossier = large_family(DAY)
    dossier.identite = Identity(nom="Durand", prenom="Léa")
    if reference is not None:
        dossier.reference = reference
    return dossier


def _median(func, repeat: int, clock=time.perf_counter) -> float:
    func()  # warm
    times = []
    for _ in range(repeat):
        start = clock()
        func()
        times.append(clock() - start)
    return statistics.median(times)


def _bare(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "secure_delete=ON"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("CREATE TABLE d (reference TEXT PRIMARY KEY, version INTEGER, document TEXT, name_key TEXT)")
    conn.execute("CREATE INDEX d_name ON d (name_key)")
    return conn


def bench_save_and_reopen_full_dossier() -> list[Measure]:
    from counselling.dossier.model import dossier_to_json
    from counselling.storage import Store

    repeat = 60
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "kit.sqlite3")
        dossier = full_dossier()
        store.create(dossier, by="bench")
        state = {"version": 1, "n": 0}

        def save():  # one change, as an autosave would write it
            state["n"] += 1
            dossier.charges[0].libelle = f"modifié {state['n']}"
            state["version"] = store.save(dossier, expected_version=state["version"], by="bench")

        save_s = _median(save, repeat)
        load_s = _median(lambda: store.load(dossier.reference), repeat)
        save_cpu = _median(save, repeat, time.process_time)
        load_cpu = _median(lambda: store.load(dossier.reference), repeat, time.process_time)
        size = len(dossier_to_json(dossier, indent=None))
        store.close()

        bare = _bare(Path(folder) / "bare.sqlite3")
        text = dossier_to_json(dossier, indent=None)
        bare.execute("INSERT INTO d VALUES (?, 1, ?, 'durand lea')", (dossier.reference, text))

        def bare_save():
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("UPDATE d SET document = ?, version = version + 1 WHERE reference = ?",
                         (text, dossier.reference))
            bare.execute("COMMIT")

        bare_save_s = _median(bare_save, repeat)
        bare_load_s = _median(lambda: bare.execute("SELECT document FROM d WHERE reference = ?",
                                                   (dossier.reference,)).fetchone(), repeat)
        bare.close()
    return [
        Measure("enregistrer un dossier complet (SQLite, médiane)", ms(save_s), "ms",
                f"cible ≤ 20 ms ; JSON {size / 1000:.1f} ko ; ×{save_s / bare_save_s:.0f} la base nue ; "
                f"CPU {ms(save_cpu)} ms"),
        Measure("  base nue : UPDATE du même JSON (sqlite3)", ms(bare_save_s), "ms"),
        Measure("rouvrir le dossier (lecture + validation, médiane)", ms(load_s), "ms",
                f"cible ≤ 20 ms ; ×{load_s / bare_load_s:.0f} la base nue ; CPU {ms(load_cpu)} ms"),
        Measure("  base nue : SELECT du même JSON (sqlite3)", ms(bare_load_s), "ms"),
    ]


_SYLLABLES = ("ma", "ri", "du", "pon", "le", "ro", "ber", "ta", "ni", "cha", "mo", "lin", "ga", "vi", "sel")


def _name(rng: random.Random) -> tuple[str, str]:
    def word(n):
        return "".join(rng.choice(_SYLLABLES) for _ in range(n)).capitalize()
    return word(rng.randint(2, 3)), word(2)


def bench_find_among_100000() -> list[Measure]:
    """100 000 dossiers written straight into the kit's tables (one small JSON
    each: finding reads the indexed columns, not the documents)."""
    import sqlalchemy as sa

    from counselling.dossier.model import dossier_to_json, new_reference
    from counselling.storage import Store, search_key
    from counselling.storage.schema import dossiers

    n = 100_000
    rng = random.Random(2026)
    template = dossier_to_json(full_dossier("2026-AAAAA").model_copy(
        update={"membres": [], "charges": [], "ressources": [], "plans": [], "paiements": [], "dettes": []}),
        indent=None)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "kit.sqlite3")
        now = dt.datetime.now(dt.timezone.utc)
        refs, rows = set(), []
        while len(refs) < n:
            refs.add(new_reference(DAY))
        for ref in sorted(refs):
            nom, prenom = _name(rng)
            rows.append({"reference": ref, "version": 1, "document": template.replace("2026-AAAAA", ref),
                         "name": f"{prenom} {nom}", "name_key": search_key(f"{nom} {prenom}"),
                         "name_key_alt": search_key(f"{prenom} {nom}"), "site": "PCB Meaux",
                         "created_at": now, "updated_at": now, "last_act": DAY})
        with store.engine.begin() as conn:
            conn.execute(sa.insert(dossiers), rows)
        target = rows[n // 2]
        name_prefix = target["name_key"][:5]
        by_ref = _median(lambda: store.find(target["reference"]), 30)
        by_ref_prefix = _median(lambda: store.find(target["reference"][:7]), 30)
        by_name = _median(lambda: store.find(name_prefix), 30)
        hits = len(store.find(name_prefix))
        store.close()

        bare = sqlite3.connect(Path(folder) / "kit.sqlite3")
        bare_ref = _median(lambda: bare.execute("SELECT reference, name FROM dossiers WHERE reference = ?",
                                                (target["reference"],)).fetchall(), 30)
        bare.close()
    return [
        Measure("trouver par référence exacte parmi 100 000 (médiane)", ms(by_ref), "ms",
                f"cible ≤ 100 ms ; ×{by_ref / bare_ref:.0f} la base nue"),
        Measure("trouver par début de référence (7 caractères)", ms(by_ref_prefix), "ms", "cible ≤ 100 ms"),
        Measure(f"trouver par début de nom (« {name_prefix} », {hits} résultats affichés)", ms(by_name), "ms",
                "cible ≤ 100 ms ; 20 premiers"),
        Measure("  base nue : SELECT par référence (sqlite3, index)", ms(bare_ref), "ms"),
    ]

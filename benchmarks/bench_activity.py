"""Activity record at the scale of a national network (issue 13): three
years of 2,000,000 acts across 66 sites (6,000,000 acts) on SQLite and on a
throwaway PostgreSQL cluster; a site-year report (target ≤ 1 s) and a
national-year report (≤ 5 s), each beside a baseline that only counts the
year's acts (``SELECT count(*)`` on the day index); then twenty processes
recording acts one by one for 60 s (one in two for a person of a shared
pool, on days out of order): nothing lost, distinct people right,
throughput reported.

``ACTIVITY_BENCH_ACTS`` changes the number of acts (default 6,000,000),
``ACTIVITY_BENCH_SECONDS`` the duration of the concurrent recording (60).
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

from .harness import Measure, best_of

ACTS = int(os.environ.get("ACTIVITY_BENCH_ACTS", "6000000"))
SECONDS = float(os.environ.get("ACTIVITY_BENCH_SECONDS", "60"))
WRITERS = 20
FIRST, LAST = dt.date(2024, 1, 1), dt.date(2026, 12, 31)
YEAR = (dt.date(2025, 1, 1), dt.date(2025, 12, 31))


def _cluster():
    root = Path(__file__).resolve().parent.parent
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from tests.storage.conftest import Cluster, _has_user, pg_bindir  # the storage tests' throwaway cluster

    import pwd

    bindir = pg_bindir()
    if bindir is None:
        return None
    base = Path(tempfile.mkdtemp(prefix="cpgbench", dir="/tmp"))
    user = None
    if os.geteuid() == 0:
        user = "postgres" if _has_user("postgres") else "nobody"
        entry = pwd.getpwnam(user)
        os.chown(base, entry.pw_uid, entry.pw_gid)
    os.chmod(base, 0o700 if user is None else 0o755)
    cluster = Cluster(bindir, base, user)
    cluster.start()
    return cluster


def _reports(store, backend: str) -> list[Measure]:
    import sqlalchemy as sa

    from counselling.activity.report import activity_report
    from counselling.storage.schema import activity_acts

    def baseline():
        with store.engine.connect() as conn:
            conn.execute(sa.select(sa.func.count()).select_from(activity_acts)
                         .where(activity_acts.c.day >= YEAR[0], activity_acts.c.day <= YEAR[1])).scalar()

    site = best_of(lambda: activity_report(store, *YEAR, site="Site 17"), repeat=3)
    national = best_of(lambda: activity_report(store, *YEAR), repeat=3)
    count = best_of(baseline, repeat=3)
    return [Measure(f"{backend} : bilan d'un site sur un an ({ACTS:,} actes)", site, "s",
                    f"cible ≤ 1 s ; {site / count:.1f} × le comptage seul"),
            Measure(f"{backend} : bilan national sur un an", national, "s",
                    f"cible ≤ 5 s ; {national / count:.1f} × le comptage seul"),
            Measure(f"{backend} : comptage seul des actes de l'année (référence)", count, "s")]


def _load(store, backend: str) -> list[Measure]:
    from counselling.activity.synthetic import bulk_load, generate

    started = time.perf_counter()
    frame = generate(ACTS, FIRST, LAST, seed=13)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    bulk_load(store, frame)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        # PostgreSQL: the visibility map autovacuum keeps in a live base (index-only scans)
        conn.exec_driver_sql("VACUUM ANALYZE" if backend == "PostgreSQL" else "ANALYZE")
    loaded = time.perf_counter() - started
    return [Measure(f"{backend} : génération de {ACTS:,} actes (numpy)", generated, "s"),
            Measure(f"{backend} : chargement en bloc ({'COPY' if backend == 'PostgreSQL' else 'executemany'})",
                    loaded, "s", f"{ACTS / loaded:,.0f} actes/s")]


def bench_reports_sqlite() -> list[Measure]:
    from counselling.storage import Store

    with tempfile.TemporaryDirectory(prefix="activite") as folder, Store(Path(folder) / "a.sqlite3") as store:
        measures = _load(store, "SQLite")
        return measures + _reports(store, "SQLite")


def bench_reports_postgresql() -> list[Measure]:
    from counselling.storage import Store

    cluster = _cluster()
    if cluster is None:
        return [Measure("PostgreSQL absent : bilans non mesurés", 0, "s")]
    try:
        with Store(cluster.url(cluster.new_database())) as store:
            return _load(store, "PostgreSQL") + _reports(store, "PostgreSQL")
    finally:
        cluster.stop()


# --------------------------------------------------------------------------- concurrent recording


def _writer(url: str, number: int, seconds: float, queue) -> None:
    from counselling.activity.record import ActivityAct, record_acts
    from counselling.storage import Store

    done = 0
    with Store(url) as store:
        stop = time.monotonic() + seconds
        while time.monotonic() < stop:
            # one act in two for a person of a pool shared by every writer (linked under a lock),
            # on a day drawn over the month (acts recorded out of order)
            ref = f"2026-{PEOPLE[(number * 7919 + done) % len(PEOPLE)]}" if done % 2 else None
            act = ActivityAct(day=dt.date(2026, 11, 1 + (number + done) % 30), site=f"Site {number % 3 + 1:02d}",
                              counsellor=f"c{number}", kind="accueil_general", reasons=["budget"],
                              outcomes=["orientation"], dossier_ref=ref)
            done += record_acts(store, [(f"w{number}-{done}", act)])
    queue.put(done)


PEOPLE = [f"{a}{b}{c}AA" for a in "ABCDEFGH" for b in "JKMNPQRS" for c in "TUVWXYZ2"]  # 512 references


def _people_check(store) -> str:
    """The report's people (linked acts) against a DISTINCT over the acts."""
    import sqlalchemy as sa

    from counselling.activity.report import activity_report
    from counselling.storage.schema import activity_acts

    t = activity_acts
    with store.engine.connect() as conn:
        want = conn.execute(sa.select(sa.func.count(sa.distinct(t.c.dossier_ref)))).scalar_one()
        per_site = dict(conn.execute(sa.select(t.c.site, sa.func.count(sa.distinct(t.c.dossier_ref)))
                                     .group_by(t.c.site)).all())
    report = activity_report(store, dt.date(2026, 11, 1), dt.date(2026, 11, 30))
    got_site = {k: v for k, v in report.by_site["dossiers"].items() if v}
    ok = report.totals["dossiers"] == want and got_site == {k: v for k, v in per_site.items() if v}
    return f"personnes distinctes : {report.totals['dossiers']} ({'OK' if ok else 'ÉCHEC'} contre un DISTINCT)"


def _concurrent(url: str, backend: str) -> list[Measure]:
    import sqlalchemy as sa

    from counselling.storage import Store
    from counselling.storage.schema import activity_acts, activity_monthly

    Store(url).close()  # schema created once, before the writers start
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    workers = [context.Process(target=_writer, args=(url, i, SECONDS, queue)) for i in range(WRITERS)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    reported = sum(queue.get(timeout=SECONDS + 300) for _ in workers)
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    with Store(url) as store, store.engine.connect() as conn:
        stored = conn.execute(sa.select(sa.func.count()).select_from(activity_acts)).scalar_one()
        counted = conn.execute(sa.select(sa.func.sum(activity_monthly.c.n))
                               .where(activity_monthly.c.item == "actes")).scalar_one()
    with Store(url) as store:
        people = _people_check(store)
    lost = reported - stored
    return [Measure(f"{backend} : {WRITERS} processus × {SECONDS:.0f} s, actes enregistrés", stored, "actes",
                    f"{stored / SECONDS:,.0f} actes/s sur la fenêtre de {SECONDS:.0f} s "
                    f"({elapsed:.0f} s avec le démarrage des processus) ; perdus : {lost} ; "
                    f"comptes mensuels : {counted} ; {people}"),
            Measure(f"{backend} : actes perdus (annoncés − stockés)", lost, "actes",
                    "OK" if lost == 0 and counted == stored and "OK" in people else "ÉCHEC")]


def bench_concurrent_recording() -> list[Measure]:
    with tempfile.TemporaryDirectory(prefix="activite") as folder:
        measures = _concurrent(str(Path(folder) / "c.sqlite3"), "SQLite")
    cluster = _cluster()
    if cluster is None:
        return measures
    try:
        return measures + _concurrent(cluster.url(cluster.new_database()), "PostgreSQL")
    finally:
        cluster.stop()

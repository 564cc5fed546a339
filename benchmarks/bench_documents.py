"""Speed of the documents: each document (median, HTML + PDF), the appointment
pack, beside a baseline: WeasyPrint on a bare one-paragraph page."""

from __future__ import annotations

import datetime as dt
import statistics
import time

from benchmarks.harness import Measure, ms

ON = dt.date(2026, 11, 30)


def _median(func, runs: int = 5) -> float:
    func()  # warm caches (fonts, templates)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_documents() -> list[Measure]:
    from weasyprint import HTML

    from counselling.calculators.cheque_energie import cheque_energie
    from counselling.calculators.ecogestes import ecogestes
    from counselling.calculators.electricity import facture_electricite
    from counselling.calculators.fsl import fsl
    from counselling.documents import builders, from_dossier
    from counselling.documents.render import combine
    from counselling.dossier import adapters
    from counselling.dossier.examples import large_family

    dossier = large_family(ON)
    plan = dossier.plans[0]
    plan_result = adapters.stored_plan_result(dossier, plan)
    budget, capacity = adapters.budget(dossier, ON), adapters.capacity(dossier, ON)
    docs = {
        "résumé du budget": lambda: builders.budget_summary(budget, capacity, on=ON),
        "échéancier (3 créanciers, 24 mois)": lambda: builders.echeancier(plan_result, on=ON),
        "lettre à un créancier": lambda: builders.creditor_letter(plan_result, "Engie", on=ON),
        "FSL": lambda: builders.fsl_summary(fsl("69M", volet="energie", on=ON, adultes=1, enfants=2,
                                                ressources={"salaires": 1500}), on=ON),
        "chèque énergie": lambda: builders.cheque_energie_summary(cheque_energie(2025, 9000, 2), year=2025, on=ON),
        "vérification de facture (3 grilles)": lambda: builders.bill_check(
            facture_electricite("hc", 9, debut="2025-06-01", fin="2026-03-31", consommation={"hp": 2000, "hc": 1200}),
            on=ON),
        "éco-gestes": lambda: builders.ecogestes_handout(
            ecogestes(2, energie_chauffage="electricite", gestes=["baisser_chauffage_1c"], on=ON), on=ON),
    }
    baseline = _median(lambda: HTML(string="<p>Témoin : un paragraphe.</p>").write_pdf())
    out = [Measure("témoin : WeasyPrint, une page d'un paragraphe", ms(baseline), "ms")]
    for name, build in docs.items():
        seconds = _median(lambda b=build: b().pdf())
        out.append(Measure(f"{name} (HTML + PDF)", ms(seconds), "ms",
                           f"cible ≤ 1 s ; {seconds / baseline:.1f} × le témoin"))
    pack = _median(lambda: combine(from_dossier.appointment_pack(dossier, plan, ON)[:5]), runs=3)
    out.append(Measure("dossier du rendez-vous (budget + plan + 3 lettres, un PDF)", ms(pack), "ms",
                       f"cible ≤ 3 s ; {pack / baseline:.1f} × le témoin"))
    return out

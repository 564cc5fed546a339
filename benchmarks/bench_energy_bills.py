"""Energy bills: one Tarif Bleu bill across three tariff periods, option
comparison (scalar and vectorised), unpaid-bill timeline."""

from __future__ import annotations

import numpy as np

from benchmarks.harness import Measure, best_of, ms
from counselling.calculators.electricity import (
    conseil_option_electricite, couts_annuels_many, facture_electricite)
from counselling.calculators.procedure import procedure_impayes


def bench_bill_three_tariff_periods() -> list[Measure]:
    def bill():
        return facture_electricite("heures_creuses", 9, "2025-01-10", "2025-08-20",
                                   {"hp": 2400, "hc": 1300})

    assert bill()["nombre_periodes"] == 3
    readings = [{"debut": "2025-01-01", "fin": "2025-01-31", "consommation": 400},
                {"debut": "2025-02-01", "fin": "2025-07-31", "consommation": 1500},
                {"debut": "2025-08-01", "fin": "2026-03-31", "consommation": 2600}]
    return [
        Measure("facture HC 9 kVA, 3 grilles (janv.–août 2025)", ms(best_of(bill, repeat=5, number=20)), "ms"),
        Measure("régularisation Base, 3 relevés sur 4 grilles", ms(best_of(
            lambda: facture_electricite("base", 6, releves=readings), repeat=5, number=20)), "ms"),
    ]


def bench_option_comparison() -> list[Measure]:
    scalar = best_of(lambda: conseil_option_electricite(4500, 6, on="2026-03-01", puissance_max_kva=4.8,
                                                        option_actuelle="base"), repeat=5, number=20)
    rng = np.random.default_rng(0)
    consumption = rng.integers(500, 20000, size=100_000)
    vector = best_of(lambda: couts_annuels_many(consumption, 9, "2026-03-01"), repeat=3)
    return [
        Measure("comparaison Base / HC / Tempo + puissance, 1 ménage", ms(scalar), "ms"),
        Measure("coûts annuels vectorisés, 100 000 ménages", ms(vector), "ms",
                f"{100_000 / vector:,.0f} ménages/s"),
    ]


def bench_procedure_timeline() -> list[Measure]:
    return [Measure("calendrier d'impayé (chèque énergie, trêve)", ms(best_of(
        lambda: procedure_impayes("2026-01-05", "electricite", "cheque_energie"), repeat=5, number=50)), "ms")]


def bench_bill_comparison() -> list[Measure]:
    """« Pourquoi ma facture a augmenté ? » against its baseline beside it: the
    two bills it computes anyway (the split itself is the ratio above 1)."""
    from counselling.calculators.bill_change import comparaison_factures
    from counselling.calculators.electricity import facture_electricite

    before = {"option": "base", "puissance_kva": 6, "debut": "2025-01-01", "fin": "2025-01-31", "consommation": 400}
    after = {"option": "heures_creuses", "puissance_kva": 9, "debut": "2026-02-01", "fin": "2026-03-31",
             "consommation": {"hp": 300, "hc": 200}}
    baseline = best_of(lambda: (facture_electricite(**before), facture_electricite(**after)), repeat=5, number=10)
    compared = best_of(lambda: comparaison_factures(before, after), repeat=5, number=10)
    return [Measure("deux factures (référence)", ms(baseline), "ms"),
            Measure("comparaison des deux factures", ms(compared), "ms"),
            Measure("rapport comparaison / deux factures", round(compared / baseline, 2), "×")]

"""Pure calculators: no I/O, no widgets. Each returns a
:class:`counselling.results.Result` (or a DataFrame for the vectorised ones).

``REGISTRY`` maps the names used in case files (``calculator: cheque_energie``)
to ``"module:function"``; :func:`calculator` imports the module only when the
calculator is asked for, so importing one calculator does not import them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

REGISTRY: dict[str, str] = {
    # chèque énergie
    "cheque_energie": "cheque_energie:cheque_energie",
    "cheque_energie_validite": "cheque_energie:cheque_validity",
    "cheque_energie_protections": "cheque_energie:cheque_protections",
    "cheque_energie_attribution": "cheque_energie:cheque_attribution",
    # budget, capacity, payment plans
    "diagnostic_budget": "budget:diagnostic_budget",
    "capacite_remboursement": "capacity:capacite_remboursement",
    "capacite_menage": "capacity:capacite_menage",
    "echeancier": "echeancier:echeancier",
    "plan_creanciers": "plan:plan_creanciers",
    "suivi_paiements": "suivi:suivi_paiements",
    "replanifier": "suivi:replanifier",
    # energy bills and consumption
    "facture_electricite": "electricity:facture_electricite",
    "comparaison_factures": "bill_change:comparaison_factures",
    "conseil_option_electricite": "electricity:conseil_option_electricite",
    "cout_gaz": "gas:cout_gaz",
    "procedure_impayes": "procedure:procedure_impayes",
    "consommation_releves": "consumption:consumption_from_readings",
    # rights and savings
    "fsl": "fsl:fsl",
    "ecogestes": "ecogestes:ecogestes",
    # data freshness
    "etat_parametre": "calendrier:etat_parametre",
}


def calculator(name: str) -> Callable:
    """The calculator registered under ``name``."""
    from ..errors import CounsellingError, quote

    try:
        module_name, function = REGISTRY[name].split(":")
    except (KeyError, TypeError):
        known = ", ".join(sorted(REGISTRY))
        raise CounsellingError(f"Calculateur {quote(name)} inconnu. Connus : {known}.") from None
    module = importlib.import_module(f"{__name__}.{module_name}")
    return getattr(module, function)

"""Pure calculators: no I/O, no widgets. Each returns a
:class:`counselling.results.Result` (or a DataFrame for the vectorised ones).

``REGISTRY`` maps the names used in case files (``calculator: cheque_energie``)
to the functions; :func:`calculator` looks one up.
"""

from __future__ import annotations

from collections.abc import Callable

from . import cheque_energie as _cheque_energie

REGISTRY: dict[str, Callable] = {
    "cheque_energie": _cheque_energie.cheque_energie,
    "cheque_energie_validite": _cheque_energie.cheque_validity,
    "cheque_energie_protections": _cheque_energie.cheque_protections,
}


def calculator(name: str) -> Callable:
    """The calculator registered under ``name``."""
    from ..errors import CounsellingError

    try:
        return REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(REGISTRY))
        raise CounsellingError(f"Calculateur « {name} » inconnu. Connus : {known}.") from None

from . import budget as _budget  # noqa: E402
from . import capacity as _capacity  # noqa: E402
from . import echeancier as _echeancier  # noqa: E402
from . import plan as _plan  # noqa: E402
from . import suivi as _suivi  # noqa: E402

REGISTRY["diagnostic_budget"] = _budget.diagnostic_budget
REGISTRY["capacite_remboursement"] = _capacity.capacite_remboursement
REGISTRY["capacite_menage"] = _capacity.capacite_menage
REGISTRY["echeancier"] = _echeancier.echeancier
REGISTRY["plan_creanciers"] = _plan.plan_creanciers
REGISTRY["suivi_paiements"] = _suivi.suivi_paiements
REGISTRY["replanifier"] = _suivi.replanifier
from . import electricity as _electricity  # noqa: E402  (energy bills, appended)

REGISTRY["facture_electricite"] = _electricity.facture_electricite
REGISTRY["conseil_option_electricite"] = _electricity.conseil_option_electricite

from . import procedure as _procedure  # noqa: E402  (unpaid-bill procedure, appended)

REGISTRY["procedure_impayes"] = _procedure.procedure_impayes

from . import gas as _gas  # noqa: E402  (gas prix repère, appended)

REGISTRY["cout_gaz"] = _gas.cout_gaz
from . import consumption as _consumption  # noqa: E402

REGISTRY["consommation_releves"] = _consumption.consumption_from_readings
from . import fsl as _fsl  # noqa: E402

REGISTRY["fsl"] = _fsl.fsl

from . import ecogestes as _ecogestes  # noqa: E402

REGISTRY["ecogestes"] = _ecogestes.ecogestes

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

from . import fsl as _fsl  # noqa: E402

REGISTRY["fsl"] = _fsl.fsl

from . import ecogestes as _ecogestes  # noqa: E402

REGISTRY["ecogestes"] = _ecogestes.ecogestes

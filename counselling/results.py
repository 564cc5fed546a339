"""One result type for every calculator: values, explanation, warnings.

A calculator builds its result with an :class:`Explainer`::

    ex = Explainer("cheque_energie", on=day)
    plafond = ex.param("cheque_energie.bareme_1_uc")     # recorded, stale flag kept
    ex.step("Le revenu par unité de consommation est…",
            formula="12 000 € ÷ 1,5 UC = 8 000,00 €", reference=plafond)
    return ex.result(montant=Decimal("98"))

Every parameter read through ``ex.param`` is listed in the result with its
source, and a parameter used past its last verified date adds a warning
(``kind="perime"``) that travels up to the dashboard.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import tariffs
from .tariffs import InForce, Source


@dataclass(frozen=True)
class Step:
    """One step of an explanation, ready to read to the beneficiary.

    Attributes
    ----------
    text : French sentence ("Votre foyer compte 1,5 unité de consommation.").
    formula : the computation with the actual numbers, or None.
    reference : the legal text behind the step, or None.
    """

    text: str
    formula: str | None = None
    reference: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Notice:
    """A warning shown beside a result.

    kind: ``"perime"`` (data possibly out of date), ``"hypothese"`` (an
    assumption the kit made), ``"attention"`` (something to check).
    """

    kind: str
    message: str


@dataclass
class Result:
    """What every calculator returns.

    ``values`` holds the figures (``Decimal`` for money), ``steps`` the
    explanation, ``warnings`` what to check, ``parameters`` every dated
    parameter used with its source.
    """

    calculator: str
    on: dt.date
    values: dict[str, Any]
    steps: list[Step] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    parameters: list[InForce] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def stale(self) -> bool:
        """True if any parameter used is past its last verified date."""
        return any(p.stale for p in self.parameters)

    def sources(self) -> list[Source]:
        seen: dict[tuple[str, str | None], Source] = {}
        for p in self.parameters:
            seen.setdefault((p.source.title, p.source.article), p.source)
        return list(seen.values())

    def explain(self) -> str:
        """The explanation as plain French text (for a script or a letter)."""
        lines = []
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number}. {step.text}")
            if step.formula:
                lines.append(f"   Calcul : {step.formula}")
            if step.reference:
                lines.append(f"   Référence : {step.reference}")
        for notice in self.warnings:
            lines.append(f"Attention : {notice.message}")
        if self.sources():
            lines.append("Sources : " + " ; ".join(s.cite() for s in self.sources()))
        return "\n".join(lines)


class Explainer:
    """Collects the steps, warnings and parameters of one computation."""

    def __init__(self, calculator: str, on: dt.date):
        self.calculator = calculator
        self.on = on
        self.steps: list[Step] = []
        self.warnings: list[Notice] = []
        self.parameters: list[InForce] = []

    def param(self, key: str, on: dt.date | None = None) -> InForce:
        """Read a dated parameter, record it, and warn if it may be stale."""
        value = tariffs.get(key, on or self.on)
        if all(p.key != value.key or p.effective_from != value.effective_from for p in self.parameters):
            self.parameters.append(value)
            if value.stale:
                self.warn("perime", value.stale_message())
            if value.confidence != "haute" and value.note:
                self.warn("hypothese", f"« {value.label} » : {value.note}")
        return value

    def step(self, text: str, formula: str | None = None,
             reference: InForce | Source | str | None = None) -> None:
        url = None
        if isinstance(reference, InForce):
            url = reference.source.url
            reference = reference.citation()
        elif isinstance(reference, Source):
            url = reference.url
            reference = reference.cite()
        self.steps.append(Step(text=text, formula=formula, reference=reference, url=url))

    def warn(self, kind: str, message: str) -> None:
        notice = Notice(kind=kind, message=message)
        if notice not in self.warnings:
            self.warnings.append(notice)

    def result(self, **values: Any) -> Result:
        return Result(calculator=self.calculator, on=self.on, values=values,
                      steps=list(self.steps), warnings=list(self.warnings),
                      parameters=list(self.parameters))

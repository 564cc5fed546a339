"""One result type for every calculator: values, explanation, warnings.

A calculator builds its result with an :class:`Explainer`::

    ex = Explainer("cheque_energie", on=day)
    plafond = ex.param("cheque_energie.bareme_1_uc")     # recorded, stale flag kept
    ex.step("Le revenu par unité de consommation est…",
            formula="12 000 € ÷ 1,5 UC = 8 000,00 €", reference=plafond)
    return ex.result(montant=Decimal("98"))

Every parameter read through ``ex.param`` is listed in the result with its
source. A parameter whose scheduled revision has passed without the kit
knowing the new value (see the revision calendar in :mod:`counselling.tariffs`)
is collected; the result then carries **one** grouped warning
(``kind="perime"``) naming every such parameter and since when, so a page
never shows a pile of identical boxes.

Two audiences
-------------
Every explanation is read by two people. The **beneficiary** (« bénéficiaire »,
the default) gets plain French, the figures and a short legal citation. The
**counsellor** (« conseiller ») gets all of that plus what only a professional
needs: where each figure comes from (link, confidence, the maintainers'
``note``), how it was found, and the assumptions about the data. A notice is
given an ``audience``; a step may carry counsellor ``details``. The
maintainers' notes of the data files (« relu dans la presse », « tableau non
relu »…) are routed to the counsellor by :meth:`Explainer.param` and never
reach :meth:`Result.explain` for the beneficiary; a test scans every
explanation of every calculator for them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from . import tariffs
from .tariffs import InForce, Source


BENEFICIAIRE = "beneficiaire"
CONSEILLER = "conseiller"
AUDIENCES = (BENEFICIAIRE, CONSEILLER)


def _audience(audience: str) -> str:
    if audience not in AUDIENCES:
        raise ValueError(f"audience « {audience} » inconnue : {BENEFICIAIRE} ou {CONSEILLER}")
    return audience


@dataclass(frozen=True)
class Step:
    """One step of an explanation, ready to read to the beneficiary.

    Attributes
    ----------
    text : French sentence ("Votre foyer compte 1,5 unité de consommation.").
    formula : the computation with the actual numbers, or None.
    reference : short citation of the legal text behind the step, or None.
    url : link to that text, or None.
    details : for the counsellor only: how the figure was found, its
        confidence, the maintainers' note; never shown to the beneficiary.
    """

    text: str
    formula: str | None = None
    reference: str | None = None
    url: str | None = None
    details: str | None = None


@dataclass(frozen=True)
class Notice:
    """A warning shown beside a result.

    kind: ``"perime"`` (data possibly out of date), ``"hypothese"`` (an
    assumption the kit made), ``"attention"`` (something to check).
    audience: ``"beneficiaire"`` (shown to the person, the default) or
    ``"conseiller"`` (only in « Détails pour le conseiller »).
    """

    kind: str
    message: str
    audience: str = BENEFICIAIRE

    def __post_init__(self) -> None:
        _audience(self.audience)


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
    stale_parameters: list[InForce] = field(default_factory=list)
    stale_notes: list[str] = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    @property
    def stale(self) -> bool:
        """True if a parameter used has a scheduled revision the kit does not
        know yet, on a date the computation covers."""
        return bool(self.stale_parameters)

    def sources(self) -> list[Source]:
        seen: dict[tuple[str, str | None], Source] = {}
        for p in self.parameters:
            seen.setdefault((p.source.title, p.source.article), p.source)
        return list(seen.values())

    def notices(self, audience: str = BENEFICIAIRE) -> list[Notice]:
        """The warnings one audience sees: the beneficiary's only, or all of
        them for the counsellor."""
        if _audience(audience) == CONSEILLER:
            return list(self.warnings)
        return [n for n in self.warnings if n.audience == BENEFICIAIRE]

    def counsellor_notices(self) -> list[Notice]:
        """The warnings written for the counsellor only."""
        return [n for n in self.warnings if n.audience == CONSEILLER]

    def source_lines(self) -> list[str]:
        """For the counsellor: each parameter used with its source, link,
        confidence and the maintainers' note, and the day it was checked."""
        from .formatting import date_fr

        lines = []
        for p in self.parameters:
            line = f"{p.label} : {p.source.cite()} — {p.source.url} ; confiance {p.confidence}"
            notes = [n for n in (p.note, p.source.note) if n]
            if notes:
                line += " ; " + " ; ".join(notes)
            lines.append(line + f" (vérifié le {date_fr(p.verified_on)})")
        return list(dict.fromkeys(lines))

    def explain(self, audience: str = BENEFICIAIRE) -> str:
        """The explanation as plain French text (for a script or a letter).

        ``audience="beneficiaire"`` (default): the steps, their figures and a
        short citation, and the warnings meant for the person.
        ``audience="conseiller"``: the same plus the counsellor's details of
        each step, the counsellor's notices and every source with its link,
        confidence and notes.
        """
        counsellor = _audience(audience) == CONSEILLER
        lines = []
        for number, step in enumerate(self.steps, start=1):
            lines.append(f"{number}. {step.text}")
            if step.formula:
                lines.append(f"   Calcul : {step.formula}")
            if step.reference:
                lines.append(f"   Référence : {step.reference}")
            if counsellor and step.details:
                lines.append(f"   Pour le conseiller : {step.details}")
        for notice in self.notices(BENEFICIAIRE):
            lines.append(f"Attention : {notice.message}")
        if self.sources():
            lines.append("Sources : " + " ; ".join(s.cite() for s in self.sources()))
        if counsellor:
            extra = [f"- {n.message}" for n in self.counsellor_notices()]
            extra += [f"- {line}" for line in self.source_lines()]
            if extra:
                lines.append("Détails pour le conseiller :")
                lines.extend(extra)
        return "\n".join(lines)


class Explainer:
    """Collects the steps, warnings and parameters of one computation."""

    def __init__(self, calculator: str, on: dt.date):
        self.calculator = calculator
        self.on = on
        self.steps: list[Step] = []
        self.warnings: list[Notice] = []
        self.parameters: list[InForce] = []
        self.stale: dict[str, InForce] = {}

    def param(self, key: str, on: dt.date | None = None, until: dt.date | None = None) -> InForce:
        """Read a dated parameter and record it.

        ``until``: last day of the period the value is used for (a bill, a
        plan); every scheduled revision up to that day is checked, not only
        the first day.
        """
        value = tariffs.get(key, on or self.on, until=until)
        if value.stale:
            known = self.stale.get(value.key)
            if known is None or value.due < known.due:
                self.stale[value.key] = value
        if all(p.key != value.key or p.effective_from != value.effective_from for p in self.parameters):
            self.parameters.append(value)
            if value.confidence != "haute" and value.note:
                self.for_counsellor(value.label, value.confidence, value.note)
        return value

    def for_counsellor(self, label: str, confidence: str, note: str) -> None:
        """A maintainers' note on a figure (why its confidence is not
        « haute »): for the counsellor only."""
        self.warn("hypothese", f"« {label} » (confiance {confidence}) : {note}", audience=CONSEILLER)

    def staleness_notice(self) -> Notice | None:
        """The single « perime » notice of the result: every parameter whose
        scheduled revision is not yet known, grouped by date, and any other
        « perime » message a calculator added (FSL règlements…)."""
        from .formatting import date_fr

        others = [n.message for n in self.warnings if n.kind == "perime"]
        if not self.stale and len(others) <= 1:
            return Notice("perime", others[0]) if others else None
        by_day: dict[dt.date, list[str]] = {}
        for value in sorted(self.stale.values(), key=lambda v: (v.due, v.label)):
            by_day.setdefault(value.due, []).append(f"« {value.label} »")
        parts = [f"à partir du {date_fr(day)} : {', '.join(labels)}" for day, labels in by_day.items()]
        message = ""
        if parts:
            message = ("Données peut-être modifiées (une révision prévue n'est pas encore connue du kit), "
                       "à vérifier avant de s'y fier — " + " ; ".join(parts) + ".")
        return Notice("perime", " ".join([message, *others]).strip())

    def step(self, text: str, formula: str | None = None,
             reference: InForce | Source | str | None = None, details: str | None = None) -> None:
        """Add a step: ``text`` and ``formula`` for everyone, ``reference``
        cited briefly, ``details`` for the counsellor only."""
        url = None
        if isinstance(reference, InForce):
            url = reference.source.url
            reference = reference.citation()
        elif isinstance(reference, Source):
            url = reference.url
            reference = reference.cite()
        self.steps.append(Step(text=text, formula=formula, reference=reference, url=url, details=details))

    def warn(self, kind: str, message: str, audience: str = BENEFICIAIRE) -> None:
        notice = Notice(kind=kind, message=message, audience=audience)
        if notice not in self.warnings:
            self.warnings.append(notice)

    def absorb(self, result: Result) -> None:
        """Take in what another result used and warned about (a computation
        built on others, or several results on one page): its parameters, its
        stale parameters (earliest missed revision kept), its « perime »
        messages and its other notices with their audience."""
        for value in result.parameters:
            if all(p.key != value.key or p.effective_from != value.effective_from for p in self.parameters):
                self.parameters.append(value)
        for value in result.stale_parameters:
            known = self.stale.get(value.key)
            if known is None or value.due < known.due:
                self.stale[value.key] = value
        for message in result.stale_notes:
            self.warn("perime", message)
        for notice in result.warnings:
            if notice.kind != "perime":
                self.warn(notice.kind, notice.message, notice.audience)

    def notices(self) -> list[Notice]:
        """The warnings as shown: the single grouped « perime » notice first,
        then the others in the order they were added."""
        warnings = [n for n in self.warnings if n.kind != "perime"]
        notice = self.staleness_notice()
        return ([notice] if notice is not None else []) + warnings

    def result(self, **values: Any) -> Result:
        return Result(calculator=self.calculator, on=self.on, values=values,
                      steps=list(self.steps), warnings=self.notices(),
                      parameters=list(self.parameters), stale_parameters=list(self.stale.values()),
                      stale_notes=[n.message for n in self.warnings if n.kind == "perime"])


def page_notices(*results: Result) -> list[Notice]:
    """The notices of several results shown on one page: one grouped
    « perime » notice for all of them (every stale parameter once, with the
    earliest missed revision, and each other « perime » message once), then
    the other notices without repeats."""
    ex = Explainer("page", min(r.on for r in results))
    for result in results:
        ex.absorb(result)
    return ex.notices()

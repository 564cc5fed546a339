"""Documents of a dossier: the same documents, fed from the dossier through
its adapters, and recorded in it when issued (date, kind, title)."""

from __future__ import annotations

import datetime as dt

from ..dossier import adapters
from ..dossier.model import Dossier, IssuedDocument, Plan
from . import builders
from .render import Document
from .settings import Structure


def _person(dossier: Dossier) -> str | None:
    return dossier.identite.display_name()


def budget_document(dossier: Dossier, on: dt.date, structure: Structure | None = None) -> Document:
    return builders.budget_summary(adapters.budget(dossier, on), adapters.capacity(dossier, on), on=on,
                                   reference=dossier.reference, structure=structure)


def echeancier_document(dossier: Dossier, plan: Plan, on: dt.date, structure: Structure | None = None) -> Document:
    result = adapters.stored_plan_result(dossier, plan)
    references = {dossier.debt(d).creancier: dossier.debt(d).reference for d in plan.debt_ids
                  if dossier.debt(d).reference}
    return builders.echeancier(result, on=on, reference=dossier.reference, references=references,
                               person=_person(dossier), structure=structure)


def letter_document(dossier: Dossier, plan: Plan, debt_id: str, on: dt.date,
                    structure: Structure | None = None) -> Document:
    """The letter to one creditor: the budget detail only if the person agreed
    to share it with creditors (consent recorded in the dossier)."""
    debt = dossier.debt(debt_id)
    share = dossier.consentement.partage_creanciers
    return builders.creditor_letter(adapters.stored_plan_result(dossier, plan), debt.creancier, on=on,
                                    reference=dossier.reference, debt_reference=debt.reference,
                                    person=_person(dossier), budget=adapters.budget(dossier, on) if share else None,
                                    share_budget=share, structure=structure)


def appointment_pack(dossier: Dossier, plan: Plan, on: dt.date, structure: Structure | None = None) -> list[Document]:
    """Budget summary, the plan, and a letter to each creditor of the plan."""
    return [budget_document(dossier, on, structure), echeancier_document(dossier, plan, on, structure),
            *(letter_document(dossier, plan, d, on, structure) for d in plan.debt_ids)]


def record(dossier: Dossier, document: Document, by: str, when: dt.datetime | None = None,
           debt_id: str | None = None, plan_id: str | None = None) -> IssuedDocument:
    """Note in the dossier that a document was issued (its content is not stored)."""
    issued = IssuedDocument(date=when or dt.datetime.now().replace(microsecond=0), type=document.kind,
                            titre=document.title[:300], par=by, debt_id=debt_id, plan_id=plan_id)
    dossier.documents.append(issued)
    return issued

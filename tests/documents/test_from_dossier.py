"""Documents from a dossier: same figures as the dossier, consent respected,
issue recorded in the dossier."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from counselling.documents import from_dossier
from counselling.documents.render import combine
from counselling.dossier import adapters
from counselling.dossier.model import Dossier, Payment

from counselling.dossier.examples import single_parent
from .pdfcheck import check, page_count

ON = dt.date(2026, 11, 30)


def _with_plan(share: bool) -> Dossier:
    dossier = single_parent(ON)
    dossier.consentement.partage_creanciers = share
    dossier.identite.nom, dossier.identite.prenom = "Benali", "Amina"
    dossier.dettes[0].reference = "FAC-2026-118"
    _, plan = adapters.propose_plan(dossier, 120, "2026-12-05", ON)
    plan.statut = "accepte"
    dossier.plans.append(plan)
    return dossier


def test_the_stored_plan_is_printed_as_kept_and_adds_up():
    dossier = _with_plan(share=False)
    plan = dossier.plans[0]
    dossier.paiements.append(Payment(date=dt.date(2026, 12, 5), montant="120", debt_id=plan.debt_ids[0],
                                     plan_id=plan.id))
    result = adapters.stored_plan_result(dossier, plan)
    assert result["total_paye"] == plan.total() == Decimal("1680.00")
    assert result["solde_non_couvert"] == 0
    words = check(from_dossier.echeancier_document(dossier, plan, ON).pdf(), "dossier-echeancier")
    assert "Amina Benali" in words and "référence FAC-2026-118" in words and f"Dossier {dossier.reference}" in words


def test_letters_follow_the_consent_to_share_the_budget():
    for share in (False, True):
        dossier = _with_plan(share)
        plan = dossier.plans[0]
        words = check(from_dossier.letter_document(dossier, plan, plan.debt_ids[0], ON).pdf(), f"dossier-lettre-{share}")
        assert ("pour vivre" in words) is share


def test_the_appointment_pack_is_recorded_in_the_dossier():
    dossier = _with_plan(share=True)
    plan = dossier.plans[0]
    pack = from_dossier.appointment_pack(dossier, plan, ON)
    assert [d.kind for d in pack] == ["budget", "echeancier", "lettre", "lettre"]
    pdf = combine(pack)
    assert page_count(pdf) == sum(page_count(d.pdf()) for d in pack)
    for document in pack:
        from_dossier.record(dossier, document, by="conseil", when=dt.datetime(2026, 11, 30, 14, 32), plan_id=plan.id)
    Dossier.model_validate(dossier.model_dump())
    assert [d.type for d in dossier.documents] == ["budget", "echeancier", "lettre", "lettre"]

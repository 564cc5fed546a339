"""The outgoing-mediation call list: two weekly listings merged, attempts,
outcome, wrong numbers, the partner's return file (no field the partner did
not send), purge; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from counselling.activity import activity_report
from counselling.activity.calls import RETURN_COLUMNS, CallList
from counselling.calculators.screening import screen
from counselling.dossier.model import Consent, Dossier, Identity, new_reference
from counselling.errors import InputError
from counselling.imports.listing import read_listing

from .conftest import TODAY

DATA = Path(__file__).resolve().parents[1] / "data" / "listings"
MAPPING = {"reference": "N° client", "nom": "Nom", "telephone": "Tél.", "departement": "Dépt",
           "personnes": "Nb pers", "rfr": "RFR 2024"}
WEEK = dt.date(2026, 11, 23)


def _weekly(calls: CallList, name: str, day: dt.date):
    listing = read_listing(DATA / name, MAPPING)
    screened = screen(listing.frame, year=2026, on=day)
    return calls.merge_listing(screened, MAPPING, name.removesuffix(".csv").replace("_", " "), today=day)


@pytest.fixture
def calls(store):
    calls = CallList(store, "Fournisseur A", site="PIMMS Meaux", max_attempts=3)
    assert _weekly(calls, "appels_semaine_47.csv", WEEK) == {"nouveaux": 4, "deja_connus": 0,
                                                            "donnees_differentes": 0}
    assert _weekly(calls, "appels_semaine_48.csv", WEEK + dt.timedelta(days=7)) == {
        "nouveaux": 1, "deja_connus": 2, "donnees_differentes": 1}
    return calls


def _line(calls, reference, variant=0) -> int:
    lines = calls.lines()
    return int(lines[(lines["reference"] == reference) & (lines["variant"] == variant)]["id"].iloc[0])


def test_two_weekly_listings_merge_into_one_line_per_customer(calls):
    lines = calls.lines().set_index(["reference", "variant"])
    assert len(lines) == 6  # 200001–200005 and a second line for 200003 (different data)
    assert lines.loc[("EL-200002", 0), "listings"] == "appels semaine 47, appels semaine 48"
    assert not lines.loc[("EL-200002", 0), "conflit"]
    assert lines.loc[("EL-200005", 0), "listings"] == "appels semaine 48"  # twice in one listing: one line
    both = lines.loc["EL-200003"]
    assert both["conflit"].all() and both["nom"].tolist() == ["PETIT", "PETIT-MOREAU"]
    assert lines.loc[("EL-200001", 0), "cheque_montant"] > 0  # the screening is kept with the line
    assert set(lines["statut"]) == {"a_appeler"}


def test_attempts_history_outcome_and_contact_rate(calls, store):
    martin, leroy, durand = _line(calls, "EL-200001"), _line(calls, "EL-200004"), _line(calls, "EL-200002")
    for day in (24, 25, 26):
        status = calls.attempt(martin, dt.date(2026, 11, day), "telephone", "pas_de_reponse", by="lina",
                               next_step="rappeler", next_date=dt.date(2026, 11, day + 1))
    assert status == "injoignable"
    assert calls.attempt(leroy, dt.date(2026, 11, 24), "telephone", "faux_numero", by="lina") == "en_cours"
    assert calls.attempt(durand, dt.date(2026, 11, 24), "sms", "pas_de_reponse", by="lina") == "en_cours"
    assert calls.attempt(durand, dt.date(2026, 11, 25), "telephone", "joint", by="lina") == "en_cours"
    assert [a["result"] for a in calls.history(durand)] == ["pas_de_reponse", "joint"]
    with pytest.raises(InputError, match="Dossier ouvert"):
        calls.set_outcome(durand, "rendez_vous", dossier_ref="2026-AAAAA")
    dossier = Dossier(reference=new_reference(TODAY), site="PIMMS Meaux", cree_le=TODAY, cree_par="lina",
                      consentement=Consent(date=TODAY, conservation=True, recueilli_par="lina"))
    store.create(dossier, by="lina")
    calls.set_outcome(durand, "rendez_vous", dossier_ref=dossier.reference, next_step="rendez-vous",
                      next_date=dt.date(2026, 12, 2))
    lines = calls.lines().set_index("id")
    assert lines.loc[durand, "statut"] == "rendez_vous" and lines.loc[martin, "tentatives"] == 3
    figures = activity_report(store, dt.date(2026, 11, 1), dt.date(2026, 11, 30), partner="Fournisseur A")
    assert figures.totals["tentatives"] == 6 and figures.totals["joints"] == 1
    assert str(figures.contact_rate) == "0.167"
    with pytest.raises(InputError, match="Canal"):
        calls.attempt(martin, TODAY, "pigeon", "joint", by="lina")


def test_return_file_has_no_field_the_partner_did_not_send(calls, store):
    sent = {}
    for name in ("appels_semaine_47.csv", "appels_semaine_48.csv"):
        listing = read_listing(DATA / name, MAPPING)
        for _, row in listing.frame.iterrows():
            sent.setdefault(row["reference"], set()).update(str(v) for v in row[list(MAPPING)] if v == v)
    leroy = _line(calls, "EL-200004")
    calls.attempt(leroy, dt.date(2026, 11, 24), "telephone", "faux_numero", by="lina")
    dossier = Dossier(reference=new_reference(TODAY), site="PIMMS Meaux", cree_le=TODAY, cree_par="lina",
                      consentement=Consent(date=TODAY, conservation=True, recueilli_par="lina"),
                      identite=Identity(nom="Durand", telephone="0777777777"))
    store.create(dossier, by="lina")
    calls.set_outcome(_line(calls, "EL-200002"), "rendez_vous", dossier_ref=dossier.reference)
    back = calls.return_file()
    partner_columns = {"N° client", "Nom", "Tél.", "Dépt", "Nb pers", "RFR 2024"}
    assert set(back.columns) - set(RETURN_COLUMNS) == {"N° client"}
    assert set(back["N° client"]) == {"EL-200001", "EL-200002", "EL-200003", "EL-200004", "EL-200005"}
    text = back.to_csv(index=False)
    for forbidden in (dossier.reference, "0777777777", "lina", "Durand", "DURAND", "0611223344", "PIMMS"):
        assert forbidden not in text
    wrong = calls.wrong_numbers()
    assert set(wrong.columns) <= partner_columns
    assert wrong.to_dict("records") == [{"N° client": "EL-200004", "Tél.": "0700000000"}]
    for record in wrong.to_dict("records"):
        assert set(record.values()) <= sent[record["N° client"]]


def test_purge_and_erase(calls, store):
    # not seen since week 47: 200001, 200004 and 200003 as first sent (week 48 sent other data)
    assert calls.purge(WEEK + dt.timedelta(days=1)) == 3
    lines = calls.lines()
    assert set(lines["reference"]) == {"EL-200002", "EL-200003", "EL-200005"}
    assert lines[lines["reference"] == "EL-200003"]["nom"].tolist() == ["PETIT-MOREAU"]
    assert calls.erase_partner() == 3
    assert calls.lines().empty

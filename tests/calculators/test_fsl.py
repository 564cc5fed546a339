"""FSL engine: explanations carry the figures; the vectorised screening agrees with the scalar engine."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling import fsl_rules
from counselling.calculators.fsl import fsl, fsl_many
from counselling.formatting import date_fr

ON = dt.date(2026, 11, 23)


def test_explanation_shows_the_ceiling_computation_and_the_principles():
    result = fsl("69M", on=ON, adultes=1, enfants=2, ressources=2000)
    text = result.explain()
    assert "2,5 parts × 1\u202f060,00\u00a0€ = 2\u202f650,00\u00a0€" in text
    assert "art. 6-1" in text  # national principles are cited
    assert any(c["code"] == "ressources" and "2\u202f000,00" in c["detail"] for c in result["criteres"])


def test_excluded_resources_are_left_out_with_the_decree_cited():
    result = fsl("28", on=ON, adultes=1, enfants=0,
                 ressources={"salaires": 900, "aide_logement": 250, "aeeh": 140, "aides_gracieuses": 50})
    assert result["ressources_retenues"] == Decimal("900.00")
    assert "art. 5" in result.explain()


def test_pieces_follow_the_criteria():
    result = fsl("62", on=ON, personnes=1)
    pieces = " ".join(result["pieces"])
    assert "ressources" in pieces and "paiements déjà faits" in pieces and "échéancier" in pieces


def test_unknown_volet_for_a_file_is_a_verifier():
    # Paris 2007 only had the energy aid: the water volet is « à vérifier »
    result = fsl("75", volet="eau", on=dt.date(2010, 1, 1), personnes=1, ressources=500)
    assert result["criteres"][0]["statut"] == "a_verifier"


CODES = fsl_rules.known_codes()


@settings(max_examples=150, deadline=None)
@given(
    code=st.sampled_from(CODES),
    volet=st.sampled_from(["energie", "eau", "telephone", "acces", "maintien"]),
    adultes=st.integers(1, 3),
    enfants=st.integers(0, 7),
    cents=st.one_of(st.none(), st.integers(0, 600_000)),
    quotient=st.one_of(st.none(), st.integers(0, 150_000)),
)
def test_vectorised_screening_matches_scalar_engine(code, volet, adultes, enfants, cents, quotient):
    resources = None if cents is None else Decimal(cents) / 100
    q = None if quotient is None else Decimal(quotient) / 100
    scalar = fsl(code, volet=volet, on=ON, adultes=adultes, enfants=enfants, ressources=resources, quotient=q)
    frame = fsl_many([code], [float("nan") if resources is None else float(resources)], ON, volet=volet,
                     adultes=[adultes], enfants=[enfants],
                     quotient=[float("nan") if q is None else float(q)])
    row = frame.iloc[0]
    crit = next(c for c in scalar["criteres"] if c["code"] == "ressources")
    assert row["statut_ressources"] == crit["statut"]
    assert row["statut"] == scalar["statut"]
    if scalar["plafond_ressources"] is None:
        assert row["plafond_ressources"] != row["plafond_ressources"]  # NaN
    else:
        assert Decimal(str(row["plafond_ressources"])) == scalar["plafond_ressources"]
    if scalar["aide_max"] is not None:
        assert Decimal(str(row["aide_max"])) == scalar["aide_max"]


def test_vectorised_keeps_unknown_departements():
    frame = fsl_many(["77", "99", None], [900, 900, 900], ON, personnes=[1, 1, 1])
    assert list(frame["statut"]) == ["information_manquante", "departement_inconnu", "departement_inconnu"]


def test_facts_needed_lists_the_extra_questions_of_a_reglement():
    from counselling.calculators.fsl import facts_needed

    assert "hors_metropole_lille" in facts_needed("59", "energie", dt.date(2026, 1, 1))
    assert facts_needed("59", "energie", dt.date(1990, 1, 1)) == []  # no règlement then: fsl() explains
    assert facts_needed("99", "energie", dt.date(2026, 1, 1)) == []  # unknown département


DATED = [c for c in CODES if fsl_rules.fsl_file(c).versions[max(fsl_rules.fsl_file(c).versions)].date_effet_connue]


@pytest.mark.parametrize("code", DATED[:4])
def test_a_reglement_more_than_three_years_old_says_how_old(code):
    from counselling.calculators.fsl import years_before

    effective = max(fsl_rules.fsl_file(code).versions)  # the latest règlement
    three_years_on = dt.date(effective.year + 3, effective.month, effective.day)
    assert years_before(three_years_on, 3) == effective
    at_three = fsl(code, on=three_years_on, personnes=1)
    assert not at_three["reglement_ancien"]
    assert not any("plus de 3 ans" in w.message for w in at_three.warnings)
    later = three_years_on + dt.timedelta(days=1)
    aged = fsl(code, on=later, personnes=1)
    assert aged["reglement_ancien"]
    notice = next(w for w in aged.warnings if "plus de 3 ans" in w.message)
    assert notice.kind == "perime"
    assert f"règlement du {date_fr(effective)} : plus de 3 ans (3 ans le {date_fr(later)})" in notice.message
    frame = fsl_many([code], [900], later, personnes=[1])
    assert any("plus de 3 ans" in w for w in frame.attrs["avertissements"])


def test_no_age_is_claimed_for_a_reglement_whose_date_is_not_published():
    undated = [c for c in CODES if c not in DATED]
    code = undated[0]
    effective = max(fsl_rules.fsl_file(code).versions)
    result = fsl(code, on=dt.date(effective.year + 10, 1, 1), personnes=1)
    assert not result["reglement_ancien"]
    assert any("date d'effet du règlement non publiée" in w.message for w in result.warnings)


@settings(max_examples=120, deadline=None)
@given(
    day=st.dates(dt.date(2023, 4, 1), dt.date(2027, 3, 31)),
    adultes=st.integers(1, 3),
    enfants=st.integers(0, 8),
    offset=st.integers(-300, 300),
)
def test_a_ceiling_indexed_on_the_rsa_follows_each_revaluation_in_both_engines(day, adultes, enfants, offset):
    """Aveyron: twice the RSA of the composition on the day asked; resources a
    few cents around it give the same answer one household at a time and in a
    listing, and the ceiling is 2 × the capacity calculator's RSA."""
    from counselling.calculators.capacity import rsa_floor
    from counselling.results import Explainer

    rsa = rsa_floor(min(adultes, 2), enfants, day, Explainer("test", day))[0]
    ceiling = 2 * rsa
    resources = ceiling + Decimal(offset) / 100
    scalar = fsl("12", volet="energie", on=day, adultes=adultes, enfants=enfants, ressources=resources)
    crit = next(c for c in scalar["criteres"] if c["code"] == "ressources")
    row = fsl_many(["12"], [float(resources)], day, adultes=[adultes], enfants=[enfants]).iloc[0]
    assert (row["statut_ressources"], row["statut"]) == (crit["statut"], scalar["statut"])
    if adultes > 2:
        assert crit["statut"] == "a_verifier" and scalar["plafond_ressources"] is None
        return
    assert scalar["plafond_ressources"] == ceiling == Decimal(str(row["plafond_ressources"]))
    assert crit["statut"] == ("rempli" if offset <= 0 else "a_verifier")  # raised for some situations


def test_a_ceiling_indexed_on_the_rsa_needs_its_coefficient():
    from counselling.fsl_rules import ResourceCeiling

    source = {"title": "Règlement", "url": "https://example.org"}
    with pytest.raises(ValueError, match="coefficient"):
        ResourceCeiling(type="rsa", comparaison="<=", source=source)
    assert ResourceCeiling(type="rsa", coefficient=2, comparaison="<=", source=source).coefficient == 2

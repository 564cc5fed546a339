"""Screening of a listing: chèque énergie and FSL per row, hooks, progress, partial results."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from counselling.calculators import screening
from counselling.calculators.cheque_energie import cheque_energie
from counselling.calculators.fsl import fsl
from counselling.errors import InputError
from counselling.imports.listing import read_listing

CSV = Path(__file__).resolve().parents[1] / "data" / "listings" / "fournisseur_semaine_47.csv"
MAPPING = {"reference": "N° client", "departement": "Dépt", "personnes": "Nb pers", "adultes": "Nb adultes",
           "enfants": "Nb enfants", "rfr": "RFR 2024", "ressources_mensuelles": "Ressources mensuelles",
           "dette": "Dette TTC"}
ON = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def listing():
    return read_listing(CSV, MAPPING)


def test_each_valid_row_matches_the_scalar_calculators(listing):
    out = screening.screen(listing.frame, year=2025, on=ON)
    assert len(out) == len(listing.frame)
    for _, row in out[out["valide"]].iterrows():
        if pd.notna(row["rfr"]):
            scalar = cheque_energie(2025, Decimal(str(row["rfr"])), int(row["personnes"]))
            assert Decimal(int(row["cheque_montant"])) == scalar["montant"]
        result = fsl(row["departement"], on=ON, adultes=int(row["adultes"]), enfants=int(row["enfants"]),
                     ressources=Decimal(str(row["ressources_mensuelles"])))
        assert row["fsl_statut"] == result["statut"]
    invalid = out[~out["valide"]]
    assert invalid["cheque_montant"].isna().all() and invalid["fsl_statut"].isna().all()
    assert (invalid["motif"].str.contains("ligne invalide")).all()


def test_a_territory_without_a_file_is_named_in_the_reason(listing):
    frame = listing.frame.copy()
    frame.loc[frame["valide"], "departement"] = "99"
    out = screening.screen(frame, year=2025, on=ON)
    assert out.loc[out["valide"], "motif"].str.contains("pas de règlement").all()


def test_progress_callback_and_chunks(listing):
    calls = []
    screening.screen(listing.frame, year=2025, on=ON, chunk_size=4, progress=lambda *a: calls.append(a))
    assert [c[0] for c in calls] == [4, 8, 12, 13] and all(c[1] == 13 for c in calls)


def test_registered_hook_adds_a_column_and_its_errors_are_kept(listing):
    def position(frame, on):
        return pd.Series("relance", index=frame.index).where(frame["dette"] > 100, "aucune")

    def broken(frame, on):
        raise InputError("date_premiere_relance", "Date de la première relance", "colonne vide", "une date")

    screening.register_column("procedure", position)
    try:
        out = screening.screen(listing.frame, year=2025, on=ON, extra_columns={"autre": broken})
    finally:
        screening.unregister_column("procedure")
    assert out.loc[out["ligne"] == 2, "procedure"].iloc[0] == "relance"
    assert out["autre"].isna().all()
    assert any("« autre » non calculée" in w for w in out.attrs["avertissements"])
    assert "procedure" not in screening.COLUMN_HOOKS


def test_missing_columns_are_named():
    with pytest.raises(InputError, match="departement"):
        screening.screen(pd.DataFrame({"rfr": [1000]}), year=2025, on=ON)


def test_procedure_position_from_first_reminder_date():
    from counselling.calculators.procedure import procedure_impayes

    frame = pd.DataFrame({
        "reference": ["A", "B", "C", "D"], "departement": ["77"] * 4, "personnes": [1] * 4,
        "date_premiere_relance": pd.to_datetime(["2026-06-01", "2026-06-10", None, "2026-05-02"]),
    })
    on = dt.date(2026, 6, 20)
    out = screening.screen(frame, year=2025, on=on)
    # A: reminder 1 June → extra delay ends mid-June, notice runs on 20 June
    expected = procedure_impayes(dt.date(2026, 5, 18), date_echeance=dt.date(2026, 6, 1)).values
    assert out.loc[0, "procedure_impayes_coupure_au_plus_tot"] == expected["coupure_au_plus_tot"]
    assert out.loc[0, "procedure_impayes_etape"].startswith("préavis")
    assert out.loc[1, "procedure_impayes_etape"].startswith("relance envoyée")
    assert pd.isna(out.loc[2, "procedure_impayes_etape"])
    assert out.loc[3, "procedure_impayes_etape"] in {"réduction de puissance possible", "coupure possible"}


def test_a_listing_with_postal_codes_only_is_screened_in_the_right_territory():
    import datetime as dt

    import pandas as pd

    from counselling.calculators.fsl import fsl
    from counselling.calculators.screening import screen

    frame = pd.DataFrame({"code_postal": ["69003", "69380", "44000", "97133", "21000"],
                          "personnes": [1, 1, 1, 1, 1], "ressources_mensuelles": [700, 700, 700, 700, 700]})
    out = screen(frame, year=2025, on=dt.date(2026, 11, 23))
    assert list(out["departement"].fillna("?")) == ["69M", "?", "44M", "?", "21M"]
    assert "plusieurs territoires" in out.loc[1, "motif"] and "outre-mer" in out.loc[3, "motif"]
    for row in (0, 2, 4):
        scalar = fsl(out.loc[row, "departement"], on=dt.date(2026, 11, 23), personnes=1, ressources=700)
        assert out.loc[row, "fsl_statut"] == scalar["statut"]

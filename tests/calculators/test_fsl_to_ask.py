"""« information manquante » names what to ask the household (vectorised FSL screening)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from counselling.calculators.fsl import fsl_many
from counselling.calculators.screening import screen
from counselling.exports.listing import fsl_label

ON = dt.date(2026, 11, 30)


def test_the_missing_inputs_of_a_composition_ceiling_are_named():
    # 69M: ceiling by composition (adults, children) and monthly resources
    frame = fsl_many(pd.Series(["69M"] * 3), [np.nan, 900.0, np.nan], ON, personnes=[3, 3, 3],
                     adultes=[1, 1, np.nan], enfants=[np.nan, 2, np.nan])
    statuses = list(frame["statut"])
    assert statuses[0] == statuses[2] == "information_manquante"
    assert frame["a_demander"][0] == "ressources mensuelles, nombre d'enfants"
    assert frame["a_demander"][2] == "ressources mensuelles, nombre d'adultes, nombre d'enfants"
    assert statuses[1] != "information_manquante" and frame["a_demander"][1] == ""


def test_conditions_of_the_reglement_are_asked_as_questions():
    frame = fsl_many(pd.Series(["77"]), [900.0], ON, personnes=[2])
    assert frame["statut"][0] == "information_manquante"
    asked = frame["a_demander"][0]
    assert asked and asked[0].islower() and "(oui/non)" in asked


def test_the_screened_listing_and_its_label_say_what_to_ask():
    listing = pd.DataFrame({"reference": ["A", "B"], "departement": ["69M", "69M"], "personnes": [3.0, 1.0],
                            "adultes": [1.0, 1.0], "enfants": [np.nan, 0.0],
                            "ressources_mensuelles": [np.nan, 600.0]})
    out = screen(listing, year=2026, on=ON)
    assert out["fsl_a_demander"][0] == "ressources mensuelles, nombre d'enfants"
    assert fsl_label(out["fsl_statut"][0], out["fsl_a_demander"][0]) == \
        "information manquante : à demander : ressources mensuelles, nombre d'enfants"
    assert fsl_label(out["fsl_statut"][1], out["fsl_a_demander"][1]) in ("éligible", "non éligible")

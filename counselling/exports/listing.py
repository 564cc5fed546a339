"""The screened partner listing written for people (CSV and Excel).

The counsellor opens the file in a spreadsheet and reads it: French column
headers, « oui »/« non » instead of True/False, French labels instead of
codes (« information manquante : à demander : … »), amounts the French way
(« 1 250,00 »), whole numbers without « ,0 », dates as jj/mm/aaaa. Input
columns the partner's file did not have are left out. Both files go through
:mod:`counselling.exports.tabular` (formula neutralisation)::

    listing_csv(screened)    # bytes: ; separated, UTF-8 with BOM, every cell as the page shows it
    listing_xlsx(screened)   # bytes: numbers kept as numbers, shown « 1 250,00 » by a French Excel
"""

from __future__ import annotations

from decimal import Decimal

import datetime as dt

import numpy as np
import pandas as pd

from ..formatting import number
from ..inputs import to_cents

from .tabular import write_csv, write_xlsx

FSL_STATUS = {"eligible": "éligible", "non_eligible": "non éligible", "information_manquante":
              "information manquante", "a_verifier": "à vérifier auprès du département",
              "departement_inconnu": "département sans règlement dans le kit"}
CRITERION_STATUS = {"rempli": "rempli", "non_rempli": "non rempli",
                    "information_manquante": "information manquante", "a_verifier": "à vérifier"}
GROUPING = "\u00a0"  # non-breaking space between thousands, as a French spreadsheet writes them

#: screened column → (French header, kind); the order of the file
COLUMNS: list[tuple[str, str, str]] = [
    ("ligne", "Ligne du fichier", "entier"),
    ("reference", "Référence", "texte"),
    ("nom", "Nom", "texte"),
    ("telephone", "Téléphone", "texte"),
    ("code_postal", "Code postal", "texte"),
    ("commune", "Commune", "texte"),
    ("departement", "Territoire FSL", "texte"),
    ("personnes", "Personnes au foyer", "entier"),
    ("adultes", "Adultes", "entier"),
    ("enfants", "Enfants à charge", "entier"),
    ("enfants_residence_alternee", "Enfants en résidence alternée", "entier"),
    ("rfr", "Revenu fiscal de référence (€)", "montant"),
    ("ressources_mensuelles", "Ressources mensuelles (€/mois)", "montant"),
    ("quotient", "Quotient familial ou social (€/mois)", "montant"),
    ("dette", "Dette (€)", "montant"),
    ("date_premiere_relance", "Date de la première relance", "date"),
    ("valide", "Ligne lisible", "oui_non"),
    ("doublon", "Référence en doublon", "oui_non"),
    ("erreurs", "Erreurs dans le fichier", "texte"),
    ("cheque_montant", "Chèque énergie probable (€/an)", "entier"),
    ("cheque_eligible", "Éligible au chèque énergie", "oui_non"),
    ("cheque_tranche", "Tranche du chèque énergie", "entier"),
    ("fsl_statut", "FSL", "fsl"),
    ("fsl_statut_ressources", "FSL : critère de ressources", "critere"),
    ("fsl_plafond_ressources", "FSL : plafond de ressources (€/mois)", "montant"),
    ("fsl_aide_max", "FSL : aide maximale (€)", "montant"),
    ("procedure_impayes_etape", "Étape de l'impayé", "texte"),
    ("procedure_impayes_reduction_au_plus_tot", "Réduction de puissance au plus tôt", "date"),
    ("procedure_impayes_coupure_au_plus_tot", "Coupure au plus tôt", "date"),
    ("motif", "Motif", "texte"),
]
#: columns read from the partner's file: left out when the file had none of them
INPUT_COLUMNS = {"nom", "telephone", "code_postal", "commune", "adultes", "enfants",
                 "enfants_residence_alternee", "rfr", "ressources_mensuelles", "quotient", "dette",
                 "date_premiere_relance"}
NUMBER_FORMATS = {"entier": "0", "montant": "#,##0.00", "date": "DD/MM/YYYY"}


def fsl_label(status, missing="") -> str:
    """« information manquante : à demander : … » and the other statuses in words."""
    if status is None or (not isinstance(status, str) and pd.isna(status)):
        return ""
    label = FSL_STATUS.get(status, str(status))
    if status == "information_manquante" and isinstance(missing, str) and missing:
        label += f" : à demander : {missing}"
    return label


def amount_fr(value) -> str:
    """``1250.0`` → ``1 250,00`` (empty for a missing value), through the kit's
    formatter (:func:`counselling.formatting.number`), read exactly from the
    cell's text and rounded half up like every amount of the kit."""
    if value is None or pd.isna(value):
        return ""
    return number(to_cents(Decimal(str(value))), 2).replace("\u202f", GROUPING)


def whole_fr(value) -> str:
    """``2.0`` → ``2``; ``16800`` → ``16 800`` (empty for a missing value)."""
    if value is None or pd.isna(value):
        return ""
    return number(Decimal(str(value)), 0).replace("\u202f", GROUPING)


def _day(value):
    if value is None or (not isinstance(value, dt.date) and pd.isna(value)):
        return None
    return pd.Timestamp(value).date()


def _typed(screened: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The columns for people, values typed (numbers, dates, words), and
    each French header's kind."""
    out, kinds = {}, {}
    missing = screened["fsl_a_demander"] if "fsl_a_demander" in screened.columns else \
        pd.Series("", index=screened.index)
    for column, header, kind in COLUMNS:
        if column not in screened.columns:
            continue
        values = screened[column]
        if column in INPUT_COLUMNS and values.isna().all():
            continue
        if kind == "oui_non":
            shown = [("oui" if bool(v) else "non") if not pd.isna(v) else "" for v in values]
        elif kind == "fsl":
            shown = [fsl_label(s, m) for s, m in zip(values.astype(object), missing)]
        elif kind == "critere":
            shown = [CRITERION_STATUS.get(v, "") if isinstance(v, str) else "" for v in values.astype(object)]
        elif kind == "date":
            shown = [_day(v) for v in values]
        elif kind == "entier":
            shown = pd.array([None if pd.isna(v) else int(round(float(v))) for v in values], dtype="Int64")
        elif kind == "montant":
            shown = np.round(values.astype("float64").to_numpy(), 2)
        else:
            shown = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values]
        out[header], kinds[header] = shown, kind
    return pd.DataFrame(out, index=screened.index), kinds


def for_people(screened: pd.DataFrame) -> pd.DataFrame:
    """The screened listing as text cells, written as a French reader expects them."""
    typed, kinds = _typed(screened)
    text = {"entier": whole_fr, "montant": amount_fr,
            "date": lambda d: "" if d is None else d.strftime("%d/%m/%Y")}
    for header, kind in kinds.items():
        if kind in text:
            typed[header] = [text[kind](v) for v in typed[header]]
    return typed


def listing_csv(screened: pd.DataFrame) -> bytes:
    """The screened listing as a CSV for people (see :func:`for_people`)."""
    return write_csv(for_people(screened))


def listing_xlsx(screened: pd.DataFrame) -> bytes:
    """The screened listing as an Excel workbook: same headers and words as
    the CSV; numbers and dates kept as such, with French display formats."""
    typed, kinds = _typed(screened)
    for header, kind in kinds.items():
        if kind == "entier":
            typed[header] = typed[header].astype(object).where(typed[header].notna(), None)
    formats = {header: NUMBER_FORMATS[kind] for header, kind in kinds.items() if kind in NUMBER_FORMATS}
    return write_xlsx(typed, sheet="Listing analysé", number_formats=formats)

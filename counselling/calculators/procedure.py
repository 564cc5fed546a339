"""Unpaid electricity or gas bill: dated timeline of the procedure.

From the bill date, the earliest date of each step a supplier may take, with
the legal reference of each (décret n° 2008-780, art. L115-3 CASF, décret
n° 2023-133), all delays from ``tariffs/procedure_impayes.yaml``:

1. due date: bill date + 14 days, or the later due date printed on the bill;
2. first reminder letter (at the earliest on the due date), giving an extra
   15 days (30 days for a chèque énergie holder or a household aided by the
   FSL);
3. second letter, at the earliest at the end of that extra delay, giving at
   least 20 days' notice;
4. electricity: earliest power reduction at the end of the notice. During the
   winter truce (1 Nov – 31 Mar) a reduction stays possible except for a
   chèque énergie holder (postponed to the end of the truce), with a floor of
   3 kVA (2 kVA for a 3 kVA subscription);
5. electricity: earliest interruption after the minimum reduced-power period
   (1 month in general; 60 days at 1 kVA then 20 days' notice for a chèque
   énergie or FSL household with a Linky meter); gas: earliest interruption
   at the end of the notice. No interruption during the truce: postponed to
   1 April;
6. a pending FSL request keeps the supply until the decision; without a
   decision within 2 months, the supplier may act after 20 days' notice.

Dates are the *earliest* the supplier may act, assuming every letter is sent
as early as allowed: the real dates are usually later.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from .. import tariffs
from ..dates import add_months
from ..errors import InputError, TariffError, quote
from ..formatting import date_fr
from ..inputs import code_text, parse_bool, parse_date, parse_int
from ..results import Explainer, Result

FILE = "procedure_impayes"
STATUSES = {
    "standard": "cas général",
    "cheque_energie": "bénéficiaire du chèque énergie (attestation envoyée au fournisseur)",
    "aide_fsl": "ménage aidé par le FSL dans les 12 derniers mois",
}
ENERGIES = {"electricite": "électricité", "gaz": "gaz naturel"}
DAY = dt.timedelta(days=1)


def _choice(value, field: str, label: str, choices: dict[str, str]) -> str:
    key = code_text(value).lower().replace("é", "e").replace(" ", "_").replace("-", "_") \
        if value is not None else ""
    aliases = {"electricity": "electricite", "gas": "gaz", "cheque": "cheque_energie",
               "fsl": "aide_fsl", "normal": "standard"}
    key = aliases.get(key, key)
    if key not in choices:
        raise InputError(field, label, f"{quote(value)} n'est pas une valeur possible",
                         " ; ".join(f"{k} ({v})" for k, v in choices.items()))
    return key


class _Truce:
    def __init__(self, ex: Explainer):
        self.start = (int(ex.param(f"{FILE}.treve_debut_mois").value),
                      int(ex.param(f"{FILE}.treve_debut_jour").value))
        self.end = (int(ex.param(f"{FILE}.treve_fin_mois").value),
                    int(ex.param(f"{FILE}.treve_fin_jour").value))
        self.param = ex.param(f"{FILE}.treve_fin_jour")

    def contains(self, day: dt.date) -> bool:
        key = (day.month, day.day)
        return key >= self.start or key <= self.end

    def end_after(self, day: dt.date) -> dt.date:
        """First day after the truce that contains ``day``."""
        year = day.year + 1 if (day.month, day.day) >= self.start else day.year
        return dt.date(year, *self.end) + DAY


def procedure_impayes(date_facture, energie="electricite", statut="standard", linky=True,
                      date_echeance=None, date_demande_fsl=None, puissance_kva=None) -> Result:
    """Earliest dates of the unpaid-bill procedure, each with its legal basis.

    Parameters
    ----------
    date_facture : date
        Date the bill was issued.
    energie : str
        ``electricite`` or ``gaz``.
    statut : str
        ``standard``, ``cheque_energie`` (holder who sent the attestation) or
        ``aide_fsl`` (aided by the FSL in the last 12 months).
    linky : bool
        Communicating meter (Linky) — needed for the 60 days at 1 kVA.
    date_echeance : date, optional
        Due date printed on the bill, when later than the bill date + 14 days.
    date_demande_fsl : date, optional
        Date an FSL request was filed (supply kept until the decision).
    puissance_kva : int, optional
        Subscribed power, for the floor of a reduction during the truce. [kVA]

    Returns
    -------
    Result
        ``date_echeance``, ``fin_delai_supplementaire``, ``preavis_au_plus_tot``,
        ``reduction_au_plus_tot`` (electricity, else None),
        ``coupure_au_plus_tot``, ``jours_avant_coupure`` [jours],
        ``treve_reporte`` (bool), ``information_services_sociaux`` (earliest day
        the supplier must inform the household, and the social services unless
        it objects, once a reduction or interruption has lasted 5 days,
        décret 2023-133), ``etapes`` (list of {etape, date, reference}).
    """
    issued = parse_date(date_facture, "date_facture", "Date de la facture")
    energy = _choice(energie, "energie", "Énergie", ENERGIES)
    status = _choice(statut, "statut", "Situation du ménage", STATUSES)
    has_linky = parse_bool(linky, "linky", "Compteur Linky")
    kva = None if puissance_kva in (None, "") else parse_int(
        puissance_kva, "puissance_kva", "Puissance souscrite", minimum=1, maximum=36)
    ex = Explainer("procedure_impayes", issued)
    try:
        pay_days = ex.param(f"{FILE}.delai_paiement_jours")
    except TariffError:
        first = dt.date(2023, 4, 1)
        raise InputError("date_facture", "Date de la facture",
                         f"le {date_fr(issued)} est avant le régime que le kit sait calculer",
                         f"une facture émise à partir du {date_fr(first)} (période minimale à "
                         "puissance réduite)") from None
    steps: list[dict] = []

    def add(label: str, day: dt.date | None, param, text: str, formula: str | None = None) -> None:
        steps.append({"etape": label, "date": day, "reference": param.citation() if param else None})
        ex.step(text, formula=formula, reference=param)

    due = issued + int(pay_days.value) * DAY
    if date_echeance not in (None, ""):
        printed = parse_date(date_echeance, "date_echeance", "Date limite de paiement")
        if printed < issued:
            raise InputError("date_echeance", "Date limite de paiement",
                             "elle est avant la date de la facture", "une date après la date de la facture")
        due = max(due, printed)
    add("Date limite de paiement", due, pay_days,
        f"La facture du {date_fr(issued)} doit être payée au plus tard le {date_fr(due)} "
        f"({int(pay_days.value)} jours après son émission, ou la date imprimée si elle est plus tardive).",
        formula=f"{date_fr(issued)} + {int(pay_days.value)} jours = {date_fr(issued + int(pay_days.value) * DAY)}")

    protected = status in ("cheque_energie", "aide_fsl")
    extra = ex.param(f"{FILE}.delai_supplementaire_protege_jours" if protected
                     else f"{FILE}.delai_supplementaire_jours")
    end_extra = due + int(extra.value) * DAY
    add("Premier courrier de relance (au plus tôt)", due, extra,
        f"Faute de paiement, le fournisseur envoie un premier courrier qui laisse {int(extra.value)} jours "
        f"de plus ({STATUSES[status]}) et indique ce qui arrivera faute de paiement"
        + (" ; il signale que le ménage peut s'adresser aux services sociaux du département et au CCAS."
           if protected else "."),
        formula=f"{date_fr(due)} + {int(extra.value)} jours = {date_fr(end_extra)}")
    add("Fin du délai supplémentaire", end_extra, extra,
        f"Le délai supplémentaire se termine au plus tôt le {date_fr(end_extra)} : payer ou convenir "
        "d'un échéancier avec le fournisseur avant cette date arrête la procédure.")
    if protected:
        opposition = ex.param(f"{FILE}.opposition_transmission_jours")
        ex.step(f"Le ménage a {int(opposition.value)} jours pour refuser que ses coordonnées soient "
                "transmises aux services sociaux.", reference=opposition)

    notice = ex.param(f"{FILE}.preavis_jours")
    action = end_extra + int(notice.value) * DAY
    add("Second courrier : préavis (au plus tôt)", end_extra, notice,
        f"Le fournisseur peut ensuite prévenir, par un second courrier, au moins {int(notice.value)} jours "
        "à l'avance, de la réduction de puissance ou de la coupure.",
        formula=f"{date_fr(end_extra)} + {int(notice.value)} jours = {date_fr(action)}")

    if date_demande_fsl not in (None, ""):
        fsl_day = parse_date(date_demande_fsl, "date_demande_fsl", "Date de la demande au FSL",
                             minimum=issued - dt.timedelta(days=366))
        fsl = ex.param(f"{FILE}.fsl_delai_decision_mois")
        fsl_end = add_months(fsl_day, int(fsl.value))
        fsl_action = fsl_end + int(notice.value) * DAY
        add("Fin de la protection de la demande FSL (sans décision)", fsl_end, fsl,
            f"Une demande d'aide au FSL déposée le {date_fr(fsl_day)} maintient la fourniture jusqu'à la "
            f"décision ; sans décision au bout de {int(fsl.value)} mois ({date_fr(fsl_end)}), le fournisseur "
            f"peut agir après un préavis de {int(notice.value)} jours, soit au plus tôt le {date_fr(fsl_action)}. "
            "Si le FSL paie une partie de la dette, le fournisseur doit proposer un échéancier pour le reste.",
            formula=f"{date_fr(fsl_day)} + {int(fsl.value)} mois + {int(notice.value)} jours = {date_fr(fsl_action)}")
        action = max(action, fsl_action)

    def inform_after(start: dt.date, measure: str) -> dt.date:
        """Décret 2023-133: a reduction or interruption kept 5 days → the
        household is told it may refuse that the social services be informed."""
        inform = ex.param(f"{FILE}.information_apres_reduction_jours")
        informed = start + int(inform.value) * DAY
        add("Information du ménage et des services sociaux (au plus tôt)", informed, inform,
            f"Si {measure} dure {int(inform.value)} jours, le fournisseur doit dire au ménage qu'il peut "
            "refuser que ses informations soient transmises aux services sociaux du département (et de la "
            "commune) ; sans refus, il les informe (coordonnées, montant de la dette, période de "
            "consommation).",
            formula=f"{date_fr(start)} + {int(inform.value)} jours = {date_fr(informed)}")
        return informed

    truce = _Truce(ex)
    postponed = False
    reduction = None
    if energy == "electricite":
        reduction = action
        if truce.contains(reduction) and status == "cheque_energie":
            reduction = truce.end_after(reduction)
            postponed = True
            add("Réduction de puissance (au plus tôt)", reduction, truce.param,
                f"Pendant la trêve hivernale, la puissance d'un bénéficiaire du chèque énergie ne peut pas être "
                f"réduite : au plus tôt le {date_fr(reduction)}.")
        elif truce.contains(reduction):
            floor_key = "treve_puissance_plancher_3kva" if kva == 3 else "treve_puissance_plancher_kva"
            floor = ex.param(f"{FILE}.{floor_key}")
            add("Réduction de puissance (au plus tôt, pendant la trêve)", reduction, floor,
                f"Pendant la trêve hivernale, la puissance peut être réduite à partir du {date_fr(reduction)}, "
                f"mais pas en dessous de {int(floor.value)} kVA"
                + ("" if kva is not None else " (2 kVA pour un abonnement de 3 kVA)") + ".")
        else:
            add("Réduction de puissance (au plus tôt)", reduction, notice,
                f"La puissance peut être réduite au plus tôt le {date_fr(reduction)}.")

        informed = inform_after(reduction, "la réduction de puissance")
        if protected and has_linky:
            minimum = ex.param(f"{FILE}.periode_1kva_jours")
            one_kva = ex.param(f"{FILE}.periode_1kva_puissance_kva")
            cut = reduction + int(minimum.value) * DAY + int(notice.value) * DAY
            add("Fin de la période minimale à 1 kVA", reduction + int(minimum.value) * DAY, minimum,
                f"Ménage protégé équipé d'un compteur Linky : au moins {int(minimum.value)} jours à "
                f"{int(one_kva.value)} kVA avant toute coupure ou résiliation, pendant lesquels le fournisseur "
                "doit le contacter au moins deux fois (une fois par écrit, une fois oralement), puis un préavis "
                f"écrit de {int(notice.value)} jours.",
                formula=f"{date_fr(reduction)} + {int(minimum.value)} jours + {int(notice.value)} jours "
                        f"= {date_fr(cut)}")
        else:
            minimum = ex.param(f"{FILE}.reduction_minimale_avant_coupure_mois")
            cut = add_months(reduction, int(minimum.value))
            if protected:
                ex.warn("attention", "Sans compteur Linky, la période de 60 jours à 1 kVA ne s'applique pas : "
                                     "seule la durée minimale générale à puissance réduite protège le ménage.")
            add("Fin de la durée minimale à puissance réduite", cut, minimum,
                f"La fourniture d'électricité ne peut pas être interrompue sans avoir été réduite pendant au "
                f"moins {int(minimum.value)} mois.",
                formula=f"{date_fr(reduction)} + {int(minimum.value)} mois = {date_fr(cut)}")
    else:
        cut = action

    if truce.contains(cut):
        cut = truce.end_after(cut)
        postponed = True
        add("Report après la trêve hivernale", cut, truce.param,
            "Aucune coupure ni résiliation pour impayé de l'électricité, du gaz ou de la chaleur de la "
            f"résidence principale du 1er novembre au 31 mars : report au {date_fr(cut)}.")
    what = "Coupure de l'électricité" if energy == "electricite" else "Interruption du gaz"
    add(f"{what} (au plus tôt)", cut, None,
        f"{what} possible au plus tôt le {date_fr(cut)}, soit {(cut - issued).days} jours après la facture. "
        "Ce sont des dates au plus tôt : agir avant (paiement partiel, échéancier, FSL, chèque énergie) "
        "arrête ou retarde la procédure.")
    if energy != "electricite":
        informed = inform_after(cut, "l'interruption")
    if energy == "electricite" and status == "standard":
        ex.warn("attention", "Certains fournisseurs (EDF depuis 2022) ne coupent plus et limitent la puissance "
                             "à la place : engagement volontaire, à vérifier auprès du fournisseur.")

    return ex.result(
        date_echeance=due,
        fin_delai_supplementaire=end_extra,
        preavis_au_plus_tot=end_extra,
        reduction_au_plus_tot=reduction,
        coupure_au_plus_tot=cut,
        jours_avant_coupure=(cut - issued).days,
        treve_reporte=postponed,
        information_services_sociaux=informed,
        etapes=steps,
    )


STAGES = {
    "relance": "relance envoyée : délai supplémentaire en cours",
    "preavis": "préavis en cours avant réduction ou coupure",
    "reduction": "réduction de puissance possible",
    "coupure": "coupure possible",
}


def procedure_position_many(first_reminder, on, energie="electricite", statut="standard"):
    """Where each household stands in the unpaid-bill procedure on date ``on``,
    from the date of its first reminder letter (a supplier's listing).

    The first reminder is sent at the earliest on the due date, so each row is
    computed as :func:`procedure_impayes` with the due date equal to the
    reminder date: the dates are the *earliest* the supplier may act. The
    status defaults to ``standard`` (shortest delays): a chèque énergie or FSL
    household has longer ones.

    Parameters
    ----------
    first_reminder : pandas.Series of dates (or NaT)
        Date of the first reminder letter of each household.
    on : date
        Date of the screening.

    Returns
    -------
    pandas.DataFrame
        ``etape`` (French label, empty when no date), ``reduction_au_plus_tot``,
        ``coupure_au_plus_tot`` (dates), same index.
    """
    import numpy as np
    import pandas as pd

    on = parse_date(on, "date", "Date du repérage")
    energie = _choice(energie, "energie", "Énergie", ENERGIES)
    statut = _choice(statut, "statut", "Situation du ménage", STATUSES)
    dates = pd.to_datetime(pd.Series(first_reminder), errors="coerce")
    # each distinct day computed once (and remembered across chunks), then spread to the rows
    ids, days = pd.factorize(dates.to_numpy(dtype="datetime64[D]"))
    where = str(tariffs.tariffs_dir())
    found = [_position(pd.Timestamp(day).date(), on, energie, statut, where) for day in days]
    stages = sorted({row[0] for row in found})
    stage_ids = np.array([stages.index(row[0]) for row in found] + [-1], dtype=np.int64)
    columns = {"etape": pd.Series(pd.Categorical.from_codes(stage_ids[ids], stages), index=dates.index)}
    for number, name in ((1, "reduction_au_plus_tot"), (2, "coupure_au_plus_tot")):
        values = np.empty(len(found) + 1, dtype=object)
        values[:-1] = [row[number] for row in found]
        values[-1] = pd.NA
        columns[name] = pd.Series(values[ids], index=dates.index, dtype=object)  # id -1 (no date) → NA
    return pd.concat(columns, axis=1)  # one block per column, nothing stacked


@lru_cache(maxsize=8192)
def _position(day: dt.date, on: dt.date, energie: str, statut: str, _tariffs: str) -> tuple:
    """(stage, earliest reduction, earliest interruption) for a first reminder
    on ``day`` (``_tariffs``: the data folder, part of the cache key)."""
    v = procedure_impayes(day - dt.timedelta(days=14), energie=energie, statut=statut,
                          date_echeance=day).values
    if on < v["fin_delai_supplementaire"]:
        stage = "relance"
    elif v["reduction_au_plus_tot"] is not None and on < v["reduction_au_plus_tot"]:
        stage = "preavis"
    elif v["reduction_au_plus_tot"] is None and on < v["coupure_au_plus_tot"]:
        stage = "preavis"
    elif on < v["coupure_au_plus_tot"]:
        stage = "reduction"
    else:
        stage = "coupure"
    return (STAGES[stage] if day <= on else "relance datée après le repérage",
            v["reduction_au_plus_tot"], v["coupure_au_plus_tot"])

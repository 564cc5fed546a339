"""Plan across several creditors within one monthly capacity.

Each month the household pays its capacity (or what is left to pay, if
less), shared between the creditors still owed:

* ``methode="priorites"``: priority debts first (rank from
  ``tariffs/budget/categories.yaml``: rent 1, energy and water 2, taxes 3,
  credits and others 4; a debt marked « prioritaire » by the counsellor goes
  in rank 1); within a rank, pro rata of the initial balances; what a rank
  does not use goes to the next one;
* ``methode="prorata"``: every creditor at once, pro rata of the initial
  balances, as debt-management plans and courts do (National Debtline, step 4).

When a debt is settled, its share goes to the others (pro rata again). Shares
are whole cents: each is rounded down and the cents left over go to the
largest remainders (then to the first creditors listed), so the month's
payments add up exactly to what is available. The plan stops when every debt
is paid or after the longest duration (``duree_max_mois``, at most 84 months);
what is then still owed is reported (``solde_non_couvert``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..errors import InputError
from ..formatting import date_fr, eur
from ..household import categories
from ..inputs import parse_bool, parse_date, parse_int, parse_money
from ..results import Explainer, Result
from .echeancier import add_months

MAX_AMOUNT = Decimal(10_000_000)
MAX_CREDITORS = 50


def _eur(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def share(available: int, weights: list[int], remaining: list[int]) -> list[int]:
    """Share ``available`` cents pro rata of ``weights`` without giving anyone
    more than its ``remaining``; what a settled debt does not take goes to
    the others. Returns cents per debt; their sum is min(available, sum(remaining))."""
    given = [0] * len(weights)
    open_ = [i for i, r in enumerate(remaining) if r > 0]
    while available > 0 and open_:
        total_weight = sum(weights[i] for i in open_)
        raw = {i: available * weights[i] for i in open_}
        parts = {i: raw[i] // total_weight for i in open_}
        leftover = available - sum(parts.values())
        order = sorted(open_, key=lambda i: (-(raw[i] % total_weight), i))
        for i in order[:leftover]:
            parts[i] += 1
        capped = [i for i in open_ if parts[i] >= remaining[i] - given[i]]
        if not capped:
            for i in open_:
                given[i] += parts[i]
            return given
        for i in capped:
            available -= remaining[i] - given[i]
            given[i] = remaining[i]
        open_ = [i for i in open_ if i not in capped]
    return given


def plan_creanciers(dettes, capacite, premiere_echeance, on, methode="priorites", jour=None,
                    duree_max_mois=None) -> Result:
    """Monthly plan sharing one capacity between several creditors.

    Parameters
    ----------
    dettes : list of dict
        ``{creancier, montant, nature (loyer|energie|eau|impots|credit|autre),
        prioritaire (optional), duree_max_mois (optional), echeance_min (optional)}``.
    capacite : amount
        What the household can pay each month, all creditors together. [€/mois]
    premiere_echeance : date
        First payment date (not before ``on``).
    on : date
        Today.
    methode : str
        ``"priorites"`` (default) or ``"prorata"``.
    jour : int or None
        Day of the month of the payments (default: that of the first date).
    duree_max_mois : int or None
        Longest plan (default and maximum 84 months). [mois]

    Returns
    -------
    Result
        ``creanciers`` (list, in the order given, of ``{creancier, nature,
        prioritaire, montant, echeances: [{date, montant, reste_du}],
        nombre_echeances, date_fin, solde}``), ``mois`` (list of ``{date,
        total}``), ``duree_mois``, ``total_dettes`` [€], ``total_paye`` [€],
        ``solde_non_couvert`` [€], ``faisable``, ``motifs``.
    """
    on = parse_date(on, "on", "Date du jour")
    first = parse_date(premiere_echeance, "premiere_echeance", "Date de la première échéance", minimum=on)
    if methode not in ("priorites", "prorata"):
        raise InputError("methode", "Méthode de répartition", f"« {methode} » n'est pas une méthode connue",
                         "« priorites » (dettes prioritaires d'abord) ou « prorata » (au prorata des dettes)")
    capacity = parse_money(capacite, "capacite", "Capacité de remboursement mensuelle", allow_zero=False,
                           maximum=MAX_AMOUNT)
    on_day = first.day if jour in (None, "") else parse_int(jour, "jour", "Jour du mois", minimum=1, maximum=31)
    if not isinstance(dettes, (list, tuple)) or not dettes:
        raise InputError("dettes", "Dettes", "aucune dette n'a été saisie", "au moins une dette")
    if len(dettes) > MAX_CREDITORS:
        raise InputError("dettes", "Dettes", f"{len(dettes)} dettes", f"au plus {MAX_CREDITORS} dettes")
    ex = Explainer("plan_creanciers", on)
    legal = ex.param("budget.duree_max_plan_mois")
    legal_months = int(legal.value)
    max_months = legal_months if duree_max_mois in (None, "") else parse_int(
        duree_max_mois, "duree_max_mois", "Durée maximale du plan", minimum=1, maximum=legal_months,
        expected=f"un nombre de mois entre 1 et {legal_months} (aucun plan ne dépasse 7 ans)")
    kinds = categories().dettes.valeurs

    debts = []
    for i, raw in enumerate(dettes):
        field = f"dettes[{i}]"
        if not isinstance(raw, dict):
            raise InputError(field, f"Dette n° {i + 1}", "la dette n'est pas une fiche",
                             "une fiche {creancier, montant, nature}")
        name = str(raw.get("creancier") or "").strip()
        if not name:
            raise InputError(f"{field}.creancier", f"Créancier de la dette n° {i + 1}", "aucun nom n'a été saisi",
                             "le nom du créancier")
        nature = raw.get("nature", "autre")
        if nature not in kinds:
            raise InputError(f"{field}.nature", f"Nature de la dette n° {i + 1}",
                             f"« {nature} » n'est pas une nature connue", "une de : " + ", ".join(sorted(kinds)))
        amount = parse_money(raw.get("montant"), f"{field}.montant", f"Montant dû à {name}",
                             allow_zero=False, maximum=MAX_AMOUNT)
        flag = raw.get("prioritaire")
        priority = kinds[nature].prioritaire if flag in (None, "") else parse_bool(
            flag, f"{field}.prioritaire", f"Dette prioritaire ({name})")
        rank = kinds[nature].rang if priority == kinds[nature].prioritaire else (1 if priority else 4)
        own_max = None if raw.get("duree_max_mois") in (None, "") else parse_int(
            raw.get("duree_max_mois"), f"{field}.duree_max_mois", f"Durée maximale acceptée par {name}",
            minimum=1, maximum=legal_months)
        own_min = None if raw.get("echeance_min") in (None, "") else int(parse_money(
            raw.get("echeance_min"), f"{field}.echeance_min", f"Échéance minimale de {name}",
            maximum=MAX_AMOUNT) * 100)
        debts.append({"creancier": name, "nature": nature, "prioritaire": priority, "rang": rank,
                      "cents": int(amount * 100), "max": own_max, "min": own_min})

    cap = int(capacity * 100)
    n = len(debts)
    weights = [d["cents"] for d in debts]
    remaining = list(weights)
    payments: list[list[tuple[dt.date, int]]] = [[] for _ in debts]
    months = []
    if methode == "priorites":
        groups = sorted({d["rang"] for d in debts})
        ex.step("Répartition : les dettes prioritaires d'abord (logement, puis énergie et eau), puis les "
                "autres ; entre dettes de même rang, au prorata des montants dus ; quand une dette est "
                "soldée, sa part va aux suivantes.", reference=categories().dettes.source)
    else:
        groups = [None]
        ex.step("Répartition au prorata des montants dus, entre tous les créanciers à la fois ; quand une "
                "dette est soldée, sa part va aux autres.")
    total = sum(weights)
    ex.step(f"{n} dette(s) pour {eur(_eur(total))} ; le ménage peut verser {eur(capacity)} par mois.")

    for month in range(max_months):
        if not any(remaining):
            break
        day = add_months(first, month, on_day) if month else first
        available = cap
        given_month = [0] * n
        for rank in groups:
            idx = [i for i in range(n) if rank is None or debts[i]["rang"] == rank]
            parts = share(available, [weights[i] for i in idx], [remaining[i] for i in idx])
            for i, cents in zip(idx, parts):
                given_month[i] += cents
            available -= sum(parts)
            if available == 0:
                break
        for i, cents in enumerate(given_month):
            if cents:
                remaining[i] -= cents
                payments[i].append((day, cents))
        months.append({"date": day, "total": _eur(sum(given_month))})

    reasons = []
    creditors = []
    for i, d in enumerate(debts):
        left = d["cents"]
        rows = []
        for day, cents in payments[i]:
            left -= cents
            rows.append({"date": day, "montant": _eur(cents), "reste_du": _eur(left)})
        end = rows[-1]["date"] if rows else None
        creditors.append({"creancier": d["creancier"], "nature": d["nature"], "prioritaire": d["prioritaire"],
                          "montant": _eur(d["cents"]), "echeances": rows, "nombre_echeances": len(rows),
                          "date_fin": end, "solde": _eur(remaining[i])})
        if rows:
            ex.step(f"{d['creancier']} ({eur(_eur(d['cents']))}{', prioritaire' if d['prioritaire'] else ''}) : "
                    f"{len(rows)} versement(s) du {date_fr(rows[0]['date'])} au {date_fr(end)}"
                    + (f", reste {eur(_eur(remaining[i]))} non couvert" if remaining[i] else "") + ".")
        else:
            ex.step(f"{d['creancier']} ({eur(_eur(d['cents']))}) : aucun versement dans la durée du plan.")
        if d["max"] is not None and (remaining[i] or (end and end >= add_months(first, d["max"], first.day))):
            reasons.append(f"{d['creancier']} accepte au plus {d['max']} mois : le plan ne solde pas sa dette "
                           "dans ce délai")
        if d["min"] is not None and len(rows) > 1 and min(c for _, c in payments[i][:-1]) < d["min"]:
            reasons.append(f"{d['creancier']} demande au moins {eur(_eur(d['min']))} par versement ; certains "
                           "versements sont plus faibles")
        if d["min"] is not None and not rows:
            reasons.append(f"{d['creancier']} ne reçoit rien pendant le plan")
    uncovered = sum(remaining)
    if uncovered:
        reasons.append(f"en {max_months} mois, il reste {eur(_eur(uncovered))} non couverts")
        ex.warn("attention", f"Le plan ne solde pas toutes les dettes en {max_months} mois : "
                             f"{eur(_eur(uncovered))} restent à trouver (aide, remise, surendettement).")
    for reason in reasons:
        ex.step("À négocier : " + reason + ".")
    duration = len(months)
    ex.step(f"Durée du plan : {duration} mois, {eur(_eur(total - uncovered))} versés au total.")
    return ex.result(
        creanciers=creditors,
        mois=months,
        duree_mois=duration,
        total_dettes=_eur(total),
        total_paye=_eur(total - uncovered),
        solde_non_couvert=_eur(uncovered),
        faisable=not reasons,
        motifs=reasons,
        methode=methode,
    )


def plan_dataframe(result: Result):
    """Every payment of a multi-creditor plan as a DataFrame (French columns)."""
    import pandas as pd

    rows = [{"Créancier": c["creancier"], "Date": e["date"], "Montant (€)": e["montant"],
             "Reste dû (€)": e["reste_du"]} for c in result["creanciers"] for e in c["echeances"]]
    frame = pd.DataFrame(rows, columns=["Créancier", "Date", "Montant (€)", "Reste dû (€)"])
    return frame.sort_values(["Date", "Créancier"], kind="stable").reset_index(drop=True)

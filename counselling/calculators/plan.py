"""Plan across several creditors within one monthly capacity.

Each month the household pays its capacity (or what is left to pay, if
less), shared between the creditors still owed:

* ``methode="priorites"`` (« prioritaires d'abord »): the priority debts
  (housing, energy, water, and any debt the counsellor marks « prioritaire »)
  are paid **together**, pro rata of what is owed, so that no priority
  creditor waits while another is paid (an energy supplier left three months
  without anything may cut the supply); then the other debts, by rank of
  ``tariffs/budget/categories.yaml`` (taxes 3, credits and others 4), pro rata
  within a rank, what a rank does not use going to the next one. While its
  turn has not come, each non-priority creditor receives a **token payment**
  (``paiement_symbolique``, default ``budget.paiement_symbolique``; 0 for
  none), when the capacity allows it: the tokens are paid only if what is
  left still gives at least one cent to every debt being paid;
* ``methode="prorata"``: every creditor at once, pro rata of the initial
  balances, as debt-management plans and courts do (National Debtline, step 4).

When a debt is settled, its share goes to the others (pro rata again). Shares
are whole cents: each is rounded down and the cents left over go to the
largest remainders (then to the first creditors listed), so the month's
payments add up exactly to what is available; a debt whose share would round
to zero gets one cent first when there are enough cents for everyone. The
plan stops when every debt is paid or after the longest duration
(``duree_max_mois``, at most 84 months); what is then still owed is reported
(``solde_non_couvert``).

Payment dates follow :mod:`~counselling.calculators.echeancier`: day ``jour``
of each month, never less than half a month after the first payment.

A capacity typed above the one computed for the household
(``capacite_calculee``, e.g. from :func:`~counselling.calculators.capacity.capacite_menage`)
is accepted, with a visible warning (``depassement_capacite`` says by how much).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..errors import InputError, quote
from ..formatting import date_fr, eur, how_many
from ..household import categories
from ..inputs import code_text, parse_bool, parse_date, parse_int, parse_money
from ..results import Explainer, Result
from .echeancier import add_months, explain_payment_day, nth_date

MAX_AMOUNT = Decimal(10_000_000)
MAX_CREDITORS = 50


def _eur(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _largest_remainder(available: int, weights: dict[int, int]) -> dict[int, int]:
    """``available`` cents pro rata of ``weights``: floors, then the cents left
    to the largest remainders (then to the first listed)."""
    total_weight = sum(weights.values())
    raw = {i: available * weight for i, weight in weights.items()}
    parts = {i: raw[i] // total_weight for i in weights}
    leftover = available - sum(parts.values())
    order = sorted(weights, key=lambda i: (-(raw[i] % total_weight), i))
    for i in order[:leftover]:
        parts[i] += 1
    return parts


def _pro_rata(available: int, weights: dict[int, int]) -> dict[int, int]:
    """As :func:`_largest_remainder`, but when a share would be zero and there
    is at least one cent for each, everyone gets one cent first and the rest
    is shared pro rata."""
    parts = _largest_remainder(available, weights)
    if 0 in parts.values() and available >= len(weights):
        rest = _largest_remainder(available - len(weights), weights)
        parts = {i: 1 + rest[i] for i in weights}
    return parts


def share(available: int, weights: list[int], remaining: list[int]) -> list[int]:
    """Share ``available`` cents pro rata of ``weights`` without giving anyone
    more than its ``remaining``; what a settled debt does not take goes to
    the others. Returns cents per debt; their sum is min(available,
    sum(remaining)), and every debt still owed gets at least one cent when
    ``available`` is at least the number of such debts."""
    given = [0] * len(weights)
    open_ = [i for i, r in enumerate(remaining) if r > 0]
    while available > 0 and open_:
        parts = _pro_rata(available, {i: weights[i] for i in open_})
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


def groups_of(debts: list[dict], method: str) -> list[list[int]]:
    """Indices of the debts paid together, in order: for « priorites », the
    priority debts all together, then the others rank by rank; for
    « prorata », everyone at once."""
    if method == "prorata":
        return [list(range(len(debts)))]
    groups = [[i for i, d in enumerate(debts) if d["prioritaire"]]]
    for rank in sorted({d["rang"] for d in debts if not d["prioritaire"]}):
        groups.append([i for i, d in enumerate(debts) if not d["prioritaire"] and d["rang"] == rank])
    return [g for g in groups if g]


def month_payments(cap: int, debts: list[dict], groups: list[list[int]], remaining: list[int],
                   token: int) -> tuple[list[int], bool]:
    """One month: cents paid to each debt, and whether tokens were paid.

    The first group with something owed is being paid; every non-priority
    debt of a later group gets ``token`` cents (or what it still owes), if
    what is left gives at least a cent to each debt of the group being paid.
    Then the capacity left is shared group after group."""
    n = len(debts)
    given = [0] * n
    available = cap
    pos = next((k for k, g in enumerate(groups) if any(remaining[i] for i in g)), None)
    if pos is None:
        return given, False
    current = groups[pos]
    waiting = [i for g in groups[pos + 1:] for i in g if remaining[i] and not debts[i]["prioritaire"]]
    tokens_paid = False
    if token and waiting:
        tokens = {i: min(token, remaining[i]) for i in waiting}
        owed_now = sum(1 for i in current if remaining[i])
        if available - sum(tokens.values()) >= owed_now:
            for i, cents in tokens.items():
                given[i] = cents
            available -= sum(tokens.values())
            tokens_paid = True
    for group in groups:
        if available <= 0:
            break
        parts = share(available, [debts[i]["cents"] for i in group], [remaining[i] - given[i] for i in group])
        for i, cents in zip(group, parts):
            given[i] += cents
        available -= sum(parts)
    return given, tokens_paid


def plan_creanciers(dettes, capacite, premiere_echeance, on, methode="priorites", jour=None,
                    duree_max_mois=None, paiement_symbolique=None, capacite_calculee=None) -> Result:
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
    paiement_symbolique : amount or None
        Token payment to each non-priority creditor waiting its turn
        (« priorites » only; default ``budget.paiement_symbolique``, 0 for
        none). [€/mois]
    capacite_calculee : amount or None
        The capacity computed for the household; a ``capacite`` above it is
        accepted with a warning. [€/mois]

    Returns
    -------
    Result
        ``creanciers`` (list, in the order given, of ``{creancier, nature,
        prioritaire, montant, echeances: [{date, montant, reste_du}],
        nombre_echeances, date_fin, solde}``), ``mois`` (list of ``{date,
        total}``), ``duree_mois``, ``total_dettes`` [€], ``total_paye`` [€],
        ``solde_non_couvert`` [€], ``faisable``, ``motifs``,
        ``paiement_symbolique`` [€/mois], ``mois_avec_paiements_symboliques``,
        ``depassement_capacite`` [€/mois, 0 when within the computed capacity].
    """
    on = parse_date(on, "on", "Date du jour")
    first = parse_date(premiere_echeance, "premiere_echeance", "Date de la première échéance", minimum=on)
    if code_text(methode) not in ("priorites", "prorata"):
        raise InputError("methode", "Méthode de répartition", f"{quote(methode)} n'est pas une méthode connue",
                         "« priorites » (dettes prioritaires d'abord) ou « prorata » (au prorata des dettes)")
    methode = code_text(methode)
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
        if not isinstance(nature, str) or nature not in kinds:
            raise InputError(f"{field}.nature", f"Nature de la dette n° {i + 1}",
                             f"{quote(nature)} n'est pas une nature connue", "une de : " + ", ".join(sorted(kinds)))
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
    over = _over_capacity(capacity, capacite_calculee, ex)
    n = len(debts)
    weights = [d["cents"] for d in debts]
    remaining = list(weights)
    payments: list[list[tuple[dt.date, int]]] = [[] for _ in debts]
    months = []
    groups = groups_of(debts, methode)
    token = 0
    if methode == "priorites":
        ex.step("Répartition « prioritaires d'abord » : les dettes de logement, d'énergie et d'eau sont "
                "payées ensemble, chaque mois, au prorata des montants dus (aucune n'attend son tour) ; "
                "puis les autres dettes, rang par rang ; quand une dette est soldée, sa part va aux autres.",
                reference=categories().dettes.source)
        token = _token(paiement_symbolique, ex)
    else:
        ex.step("Répartition au prorata des montants dus, entre tous les créanciers à la fois ; quand une "
                "dette est soldée, sa part va aux autres.")
    total = sum(weights)
    ex.step(f"{how_many(n, 'dette', 'dettes')} pour {eur(_eur(total))} ; le ménage peut verser {eur(capacity)} par mois.")

    token_months = 0
    for month in range(max_months):
        if not any(remaining):
            break
        day = nth_date(first, month, "mensuelle", on_day)
        given_month, tokens_paid = month_payments(cap, debts, groups, remaining, token)
        token_months += tokens_paid
        for i, cents in enumerate(given_month):
            if cents:
                remaining[i] -= cents
                payments[i].append((day, cents))
        months.append({"date": day, "total": _eur(sum(given_month))})
    explain_payment_day(ex, first, "mensuelle", on_day)
    if token and token_months:
        ex.step(f"Paiement symbolique : {token_months} mois, chaque créancier non prioritaire qui attend son "
                f"tour reçoit {eur(_eur(token))}, pour montrer que la dette est reconnue.")
    elif token and any(not d["prioritaire"] for d in debts) and len(groups) > 1:
        ex.step(f"Pas de paiement symbolique ({eur(_eur(token))} par créancier non prioritaire) : la "
                "capacité ne suffit pas à le verser sans priver une dette prioritaire.")

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
                    + (f"1 versement le {date_fr(end)}" if len(rows) == 1 else
                       f"{how_many(len(rows), 'versement', 'versements')} du {date_fr(rows[0]['date'])} "
                       f"au {date_fr(end)}")
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
        paiement_symbolique=_eur(token),
        mois_avec_paiements_symboliques=token_months,
        depassement_capacite=over,
    )


def _token(value, ex: Explainer) -> int:
    """Token payment in cents: what was typed, or the kit's default."""
    if value in (None, ""):
        default = ex.param("budget.paiement_symbolique")
        ex.step(f"Paiement symbolique par défaut : {eur(default.value)} par mois et par créancier non "
                "prioritaire qui attend son tour (réglable).", reference=default)
        return int(default.value * 100)
    return int(parse_money(value, "paiement_symbolique", "Paiement symbolique", maximum=MAX_AMOUNT) * 100)


def _over_capacity(capacity: Decimal, computed, ex: Explainer) -> Decimal:
    """By how much the capacity used exceeds the computed one (0 if not),
    with the visible warning when it does. [€/mois]"""
    if computed in (None, ""):
        return Decimal(0)
    computed = parse_money(computed, "capacite_calculee", "Capacité de remboursement calculée",
                           maximum=MAX_AMOUNT)
    if capacity <= computed:
        return Decimal(0)
    over = capacity - computed
    ex.warn("attention", f"Le plan demande {eur(capacity)} par mois, {eur(over)} de plus que la capacité "
                         f"calculée pour le ménage ({eur(computed)}) : à ne retenir que si le ménage confirme "
                         "pouvoir le payer chaque mois, sinon le plan risque d'échouer.")
    return over


def plan_dataframe(result: Result):
    """Every payment of a multi-creditor plan as a DataFrame (French columns)."""
    import pandas as pd

    rows = [{"Créancier": c["creancier"], "Date": e["date"], "Montant (€)": e["montant"],
             "Reste dû (€)": e["reste_du"]} for c in result["creanciers"] for e in c["echeances"]]
    frame = pd.DataFrame(rows, columns=["Créancier", "Date", "Montant (€)", "Reste dû (€)"])
    return frame.sort_values(["Date", "Créancier"], kind="stable").reset_index(drop=True)

"""Échéancier (payment plan) for one debt.

Rules:

* instalments are whole cents and add up exactly to the debt (down payment
  included); with a number of instalments ``n``, each one is the debt ÷ n
  rounded **down** to the cent and the last one takes the remainder, so it
  is above the others by less than ``n`` cents (the rounding); with an amount
  per instalment, every instalment is that amount and the last one is what
  is left (never more);
* dates: the first instalment on ``premiere_echeance``, then every week,
  fortnight, month or quarter; for monthly and quarterly plans the day of the
  month is ``jour`` (default: the day of the first date), and a day that does
  not exist in a shorter month becomes its last day (31 → 30 April, 28 or 29
  February); dates are strictly increasing;
* payment day and first date: two instalments of a plan are never less than
  half a period apart. When day ``jour`` of the next month (or quarter) falls
  less than half a period after the first date (first payment on 31 January,
  ``jour`` = 1 → 1 February, one day later), every later instalment moves one
  period on (1 March, 1 April…) and the explanation says so. Half a period is
  half the days from the first date to the same date one period later (a
  calendar rule, not a figure of law);
* a down payment (``acompte``) is paid on ``premiere_echeance`` and the
  instalments start one period later;
* constraints: a maximum duration (``duree_max_mois``; at most the 7 years of
  a surendettement plan, ``budget.duree_max_plan_mois``), a minimum instalment
  (``echeance_min``, not applied to the last instalment, which is the
  balance) and the household's monthly capacity (``capacite``; a weekly
  instalment counts × 52 ÷ 12 per month, a quarterly one ÷ 3). A plan lasts
  less than ``D`` months when its last date is before the first date + ``D``
  months.

When the plan asked for does not fit, the result says why (``motifs``, in
French) and proposes the nearest plan that does (``propose`` is True): the
amount per instalment closest to the one asked, within the constraints. When
no plan can clear the debt within them, the proposal is the longest plan the
household can keep, and ``solde_non_couvert`` is what is left to find (an aid,
a partial write-off, a longer delay negotiated with the creditor).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from ..dates import add_months
from ..errors import InputError, quote
from ..formatting import agreed, date_fr, eur, how_many
from ..inputs import code_text, parse_bool, parse_date, parse_int, parse_money, parse_text, to_cents
from ..results import Explainer, Result

MAX_AMOUNT = Decimal(10_000_000)
# periodicity: (label, per year, step in months or None, step in days or None)
PERIODICITIES = {
    "hebdomadaire": ("chaque semaine", 52, None, 7),
    "quinzaine": ("toutes les deux semaines", 26, None, 14),
    "mensuelle": ("chaque mois", 12, 1, None),
    "trimestrielle": ("chaque trimestre", 4, 3, None),
}


# --------------------------------------------------------------------------- pure helpers (cents, dates)


@lru_cache(maxsize=4096)
def too_close(first: dt.date, periodicity: str, on_day: int) -> bool:
    """True when day ``on_day`` one period after ``first`` falls less than
    half a period after it (31 January, day 1 → 1 February): the later
    instalments then move one period on. Always False for weekly plans."""
    _, _, months, _ = PERIODICITIES[periodicity]
    if months is None:
        return False
    period = (add_months(first, months, first.day) - first).days
    return 2 * (add_months(first, months, on_day) - first).days < period


def nth_date(first: dt.date, index: int, periodicity: str, on_day: int) -> dt.date:
    """Date of slot ``index`` (0 = ``first``), one period later when the
    payment day would fall too close to the first date (:func:`too_close`)."""
    if index == 0:
        return first
    _, _, months, days = PERIODICITIES[periodicity]
    if months is not None:
        shift = 1 if too_close(first, periodicity, on_day) else 0
        return add_months(first, months * (index + shift), on_day)
    return first + dt.timedelta(days=days * index)


def slots_within(first: dt.date, max_months: int, periodicity: str, on_day: int) -> int:
    """Number of dates (slot 0 included) strictly before ``first`` + ``max_months`` months."""
    end = add_months(first, max_months, first.day)
    _, _, months, days = PERIODICITIES[periodicity]
    if months is not None:
        count = 0
        while nth_date(first, count, periodicity, on_day) < end:
            count += 1
        return count
    return ((end - first).days - 1) // days + 1


def explain_payment_day(ex: Explainer, first: dt.date, periodicity: str, on_day: int) -> None:
    """The step saying why the second instalment is one period later than
    day ``on_day`` of the next period, when it is."""
    if too_close(first, periodicity, on_day):
        _, _, months, _ = PERIODICITIES[periodicity]
        near = add_months(first, months, on_day)
        later = nth_date(first, 1, periodicity, on_day)
        ex.step(f"Le jour de paiement choisi (le {on_day}{'er' if on_day == 1 else ''}) tomberait le {date_fr(near)}, "
                f"{how_many((near - first).days, 'jour', 'jours')} seulement après le premier paiement du {date_fr(first)} : "
                f"l'échéance suivante passe au {date_fr(later)}, pour ne pas demander deux paiements "
                "presque en même temps.",
                formula=f"{how_many((near - first).days, 'jour', 'jours')} < la moitié de "
                        f"{(add_months(first, months, first.day) - first).days} jours")


def split_by_count(total: int, count: int) -> list[int]:
    """``count`` instalments in cents adding up to ``total``: each the total ÷
    count rounded down, the last one taking the remainder."""
    base = total // count
    return [base] * (count - 1) + [total - base * (count - 1)]


def split_by_amount(total: int, amount: int) -> list[int]:
    """Instalments of ``amount`` cents, the last one being what is left."""
    full, rest = divmod(total, amount)
    return [amount] * full + ([rest] if rest else [])


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


def _eur(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


# --------------------------------------------------------------------------- calculator


def echeancier(montant_dette, premiere_echeance, on, mensualite=None, nombre_echeances=None,
               periodicite="mensuelle", jour=None, acompte=0, duree_max_mois=None,
               echeance_min=None, capacite=None, creancier=None, accepter_depassement=False) -> Result:
    """Payment plan for one debt.

    Parameters
    ----------
    montant_dette : Decimal, int or str
        Amount owed. [€]
    premiere_echeance : date
        Date of the first payment (down payment or first instalment); not before ``on``.
    on : date
        Today (the day the plan is drawn up).
    mensualite : amount or None
        Amount of each instalment (per period, despite the name). [€]
    nombre_echeances : int or None
        Number of instalments (down payment not counted). Give this or ``mensualite``;
        with neither, the instalment is the capacity.
    periodicite : str
        ``hebdomadaire``, ``quinzaine``, ``mensuelle`` (default) or ``trimestrielle``.
    jour : int or None
        Day of the month for monthly and quarterly plans (1 to 31). [jour du mois]
    acompte : amount
        Down payment on the first date. [€]
    duree_max_mois : int or None
        Longest duration the creditor accepts (default and maximum: 84 months). [mois]
    echeance_min : amount or None
        Smallest instalment the creditor accepts. [€]
    capacite : amount or None
        What the household can pay per month (strictly positive). [€/mois]
    creancier : str or None
        Creditor's name, for the explanation.
    accepter_depassement : bool
        Keep the plan asked even though an instalment is above the
        household's capacity (the counsellor confirmed it with the
        household): the plan is returned as asked, with a visible warning,
        and ``depassement_capacite`` says by how much. Default: propose the
        nearest plan within the capacity.

    Returns
    -------
    Result
        ``echeances`` (list of ``{numero, date, montant, reste_du}``; the down
        payment is numéro 0), ``nombre_echeances``, ``montant_echeance`` (the
        regular instalment) [€], ``derniere_echeance`` [€], ``date_fin``,
        ``total`` [€], ``faisable`` (the plan asked for fits), ``propose``
        (the plan returned is a proposal), ``motifs`` (French reasons),
        ``solde_non_couvert`` [€], ``duree_mois``, ``depassement_capacite``
        (how much an accepted instalment exceeds the capacity, 0 otherwise) [€/mois].
    """
    on = parse_date(on, "on", "Date du jour")
    debt = parse_money(montant_dette, "montant_dette", "Montant de la dette", allow_zero=False,
                       maximum=MAX_AMOUNT)
    first = parse_date(premiere_echeance, "premiere_echeance", "Date de la première échéance", minimum=on)
    if code_text(periodicite) not in PERIODICITIES:
        raise InputError("periodicite", "Périodicité", f"{quote(periodicite)} n'est pas une périodicité connue",
                         "hebdomadaire, quinzaine, mensuelle ou trimestrielle")
    periodicite = code_text(periodicite)
    label, per_year, _, _ = PERIODICITIES[periodicite]
    on_day = first.day if jour in (None, "") else parse_int(jour, "jour", "Jour du mois", minimum=1, maximum=31)
    down = parse_money(acompte or 0, "acompte", "Acompte", maximum=MAX_AMOUNT)
    if down >= debt:
        raise InputError("acompte", "Acompte", f"l'acompte ({eur(down)}) couvre toute la dette ({eur(debt)})",
                         "un acompte inférieur à la dette (sinon, pas besoin d'échéancier)")
    ex = Explainer("echeancier", on)
    legal_max = ex.param("budget.duree_max_plan_mois")
    legal_months = int(legal_max.value)
    if duree_max_mois in (None, ""):
        max_months = legal_months
    else:
        max_months = parse_int(duree_max_mois, "duree_max_mois", "Durée maximale acceptée",
                               minimum=1, maximum=legal_months,
                               expected=f"un nombre de mois entre 1 et {legal_months} "
                                        "(aucun plan ne dépasse 7 ans)")
    minimum = None if echeance_min in (None, "") else parse_money(
        echeance_min, "echeance_min", "Échéance minimale", maximum=MAX_AMOUNT)
    capacity = None if capacite in (None, "") else parse_money(
        capacite, "capacite", "Capacité de remboursement mensuelle", allow_zero=False, maximum=MAX_AMOUNT)
    if mensualite not in (None, "") and nombre_echeances not in (None, ""):
        raise InputError("nombre_echeances", "Nombre d'échéances",
                         "un montant d'échéance et un nombre d'échéances ont été donnés ensemble",
                         "soit le montant de chaque échéance, soit le nombre d'échéances")

    offset = 1 if down else 0
    slots = slots_within(first, max_months, periodicite, on_day)
    max_count = slots - offset
    if max_count < 1:
        raise InputError("duree_max_mois", "Durée maximale acceptée",
                         f"en {max_months} mois, il n'y a pas de place pour une échéance après l'acompte",
                         "une durée plus longue, ou pas d'acompte")
    rest = _cents(debt - down)
    # the household's cap per period, in cents, so that its monthly equivalent stays within the capacity
    cap = None if capacity is None else (_cents(capacity) * 12) // per_year
    min_c = None if minimum is None else _cents(minimum)
    if cap == 0:
        raise InputError("capacite", "Capacité de remboursement mensuelle",
                         f"{eur(capacity)} par mois ne permet pas une échéance {label}",
                         "une capacité d'au moins quelques euros par mois")

    creancier = parse_text(creancier, "creancier", "Créancier")
    who = f" envers {creancier}" if creancier else ""
    ex.step(f"Dette{who} : {eur(debt)}" + (f", dont un acompte de {eur(down)} le {date_fr(first)}" if down else "")
            + f" ; reste {eur(_eur(rest))} à étaler, {label}.")
    explain_payment_day(ex, first, periodicite, on_day)
    if cap is not None and per_year != 12:
        ex.step(f"Une capacité de {eur(capacity)} par mois permet au plus {eur(_eur(cap))} par échéance.",
                formula=f"{eur(capacity)} × 12 ÷ {per_year} = {eur(_eur(cap))} (arrondi au centime inférieur)")

    if nombre_echeances not in (None, ""):
        count = parse_int(nombre_echeances, "nombre_echeances", "Nombre d'échéances", minimum=1,
                          maximum=max_count,
                          expected=f"un nombre entre 1 et {max_count} (durée maximale de {max_months} mois)")
        if count > rest:
            raise InputError("nombre_echeances", "Nombre d'échéances", f"{count} échéances pour {eur(_eur(rest))}",
                             "au plus une échéance par centime dû")
        asked = split_by_count(rest, count)
        asked_amount = _ceil_div(rest, count)
        ex.step(f"{how_many(count, 'échéance demandée', 'échéances demandées')} : {eur(_eur(asked[0]))}"
                + (f", la dernière de {eur(_eur(asked[-1]))} (ajustement de l'arrondi)" if asked[-1] != asked[0] else ""),
                formula=f"{eur(_eur(rest))} ÷ {count} = {eur(_eur(asked[0]))} (arrondi au centime inférieur)"
                        + (f" ; dernière : {eur(_eur(rest))} − {count - 1} × {eur(_eur(asked[0]))} = "
                           f"{eur(_eur(asked[-1]))}" if count > 1 else ""))
    else:
        if mensualite in (None, ""):
            if cap is None:
                raise InputError("mensualite", "Montant de l'échéance", "ni montant, ni nombre d'échéances, "
                                 "ni capacité n'ont été donnés",
                                 "le montant de chaque échéance, le nombre d'échéances ou la capacité du ménage")
            asked_amount = cap
            ex.step(f"Sans montant demandé, l'échéance est la capacité du ménage : {eur(_eur(cap))}.")
        else:
            asked_amount = _cents(parse_money(mensualite, "mensualite", "Montant de l'échéance",
                                              allow_zero=False, maximum=MAX_AMOUNT))
        asked = split_by_amount(rest, asked_amount)
        ex.step(f"Échéances de {eur(_eur(asked_amount))} : {how_many(len(asked), 'échéance', 'échéances')}"
                + (f", la dernière de {eur(_eur(asked[-1]))}" if asked[-1] != asked_amount else "") + ".",
                formula=f"{eur(_eur(rest))} ÷ {eur(_eur(asked_amount))} = {how_many(len(asked), 'échéance', 'échéances')}"
                        + (f" ; dernière : {eur(_eur(rest))} − {len(asked) - 1} × {eur(_eur(asked_amount))} = "
                           f"{eur(_eur(asked[-1]))}" if asked[-1] != asked_amount else ""))

    reasons = _check(asked, cap, min_c, max_count, max_months, capacity, per_year)
    feasible = not reasons
    proposed = False
    uncovered = 0
    plan = asked
    over = Decimal(0)
    kept_reasons: list[str] = []
    kept = parse_bool(accepter_depassement or False, "accepter_depassement", "Accepter une échéance au-dessus "
                      "de la capacité")
    if kept and reasons and not _check(asked, None, min_c, max_count, max_months, capacity, per_year):
        over = to_cents(_eur(max(asked)) * per_year / 12 - capacity)
        for reason in reasons:
            ex.step("Le plan demandé dépasse la capacité : " + reason + " ; il est gardé tel quel à la demande "
                    "du conseiller.")
        ex.warn("attention", f"Une échéance dépasse la capacité de remboursement du ménage ({eur(capacity)} par "
                             f"mois) de {eur(over)} par mois : plan accepté tel quel, à ne signer que si le "
                             "ménage confirme pouvoir le payer, sinon il risque d'échouer.")
        kept_reasons, reasons = reasons, []  # accepted: nothing else to propose
    if reasons:
        for reason in reasons:
            ex.step("Le plan demandé ne convient pas : " + reason)
        low = max(min_c or 1, _ceil_div(rest, max_count))
        if min_c is not None and min_c >= rest:
            low = rest  # a single payment of the whole balance
        high = cap if cap is not None else rest
        proposed = True
        if low <= high:
            amount = min(max(asked_amount, low), high)
            plan = split_by_amount(rest, amount)
            ex.step(f"Plan le plus proche qui convient : {how_many(len(plan), 'échéance', 'échéances')} de {eur(_eur(amount))}"
                    + (f", la dernière de {eur(_eur(plan[-1]))}" if plan[-1] != amount else "") + ".",
                    formula=f"montant entre {eur(_eur(low))} (durée maximale, minimum du créancier) et "
                            f"{eur(_eur(high))} (capacité) → {eur(_eur(amount))}")
        else:
            amount = high
            plan = split_by_amount(min(rest, high * max_count), high)
            uncovered = rest - sum(plan)
            why = []
            if min_c is not None and high < min_c:
                why.append(f"la capacité ({eur(_eur(high))} par échéance) est sous le minimum demandé par le "
                           f"créancier ({eur(_eur(min_c))})")
            if uncovered:
                why.append(f"en {max_months} mois, {how_many(max_count, 'échéance', 'échéances')} de {eur(_eur(high))} "
                           f"{agreed(max_count, 'ne paie', 'ne paient')} que "
                           f"{eur(_eur(high * max_count))} sur {eur(_eur(rest))}")
            ex.step("Aucun plan ne respecte toutes les contraintes : " + " ; ".join(why) + ".")
            if uncovered:
                ex.step(f"Proposition : le plan le plus long que le ménage peut tenir, {how_many(len(plan), 'échéance', 'échéances')} "
                        f"de {eur(_eur(high))} ; il reste {eur(_eur(uncovered))} à trouver (aide du FSL, remise "
                        "partielle, délai plus long à négocier, ou dossier de surendettement).",
                        formula=f"{eur(_eur(rest))} − {len(plan)} × {eur(_eur(high))} = {eur(_eur(uncovered))}",
                        reference=legal_max if max_months == legal_months else None)
                ex.warn("attention", f"Le plan proposé ne solde pas la dette : {eur(_eur(uncovered))} "
                                     "restent à trouver.")
            else:
                ex.step(f"Proposition : {how_many(len(plan), 'échéance', 'échéances')} de {eur(_eur(high))}, ce que le ménage peut "
                        "payer ; à négocier avec le créancier, dont le minimum n'est pas atteint.")
            reasons = reasons + why
    else:
        ex.step("Le plan respecte la durée maximale"
                + (", l'échéance minimale" if min_c is not None else "")
                + (" et la capacité du ménage" if cap is not None and not kept_reasons else "") + ".")

    rows = []
    remaining = _cents(debt)
    if down:
        remaining -= _cents(down)
        rows.append({"numero": 0, "date": first, "montant": down, "reste_du": _eur(remaining)})
    for index, cents in enumerate(plan, start=1):
        remaining -= cents
        rows.append({"numero": index, "date": nth_date(first, index - 1 + offset, periodicite, on_day),
                     "montant": _eur(cents), "reste_du": _eur(remaining)})
    end = rows[-1]["date"]
    months = (end.year - first.year) * 12 + end.month - first.month + 1
    ex.step(f"Dernier paiement le {date_fr(end)}.")
    return ex.result(
        echeances=rows,
        nombre_echeances=len(plan),
        montant_echeance=_eur(plan[0]),
        derniere_echeance=_eur(plan[-1]),
        date_fin=end,
        duree_mois=months,
        total=sum((r["montant"] for r in rows), Decimal(0)),
        acompte=down,
        periodicite=periodicite,
        faisable=feasible,
        propose=proposed,
        motifs=reasons or kept_reasons,
        solde_non_couvert=_eur(uncovered),
        depassement_capacite=over,
        creancier=creancier,
    )


def _check(plan: list[int], cap: int | None, min_c: int | None, max_count: int, max_months: int,
           capacity: Decimal | None, per_year: int) -> list[str]:
    reasons = []
    if len(plan) > max_count:
        reasons.append(f"{len(plan)} échéances dépassent la durée maximale de {max_months} mois "
                       f"(au plus {how_many(max_count, 'échéance', 'échéances')})")
    if cap is not None and max(plan) > cap:
        reasons.append(f"une échéance de {eur(_eur(max(plan)))} dépasse ce que le ménage peut payer "
                       f"({eur(capacity)} par mois)")
    if min_c is not None and len(plan) > 1 and min(plan[:-1]) < min_c:
        reasons.append(f"une échéance de {eur(_eur(min(plan[:-1])))} est sous le minimum accepté "
                       f"par le créancier ({eur(_eur(min_c))})")
    return reasons


def echeancier_dataframe(result: Result):
    """A plan as a DataFrame with French column names."""
    import pandas as pd

    creditor = result.values.get("creancier")
    rows = [{"Créancier": creditor or "", "N°": r["numero"], "Date": r["date"],
             "Montant (€)": r["montant"], "Reste dû (€)": r["reste_du"]} for r in result["echeances"]]
    return pd.DataFrame(rows, columns=["Créancier", "N°", "Date", "Montant (€)", "Reste dû (€)"])


"""« Pourquoi ma facture a augmenté ? »: the difference between two Tarif Bleu
bills (or two periods) of the same household, split into its causes.

Each bill is computed by :func:`~counselling.calculators.electricity.facture_electricite`
(same grids, same rounding to the cent). The difference of their totals is then
split, in this order (each step changes one thing and keeps the others):

1. **days** — the later bill's number of days, with the earlier bill's
   consumption per day, prices and taxes;
2. **consumption** — the later bill's kWh;
3. **prices** — the later bill's prices before taxes (subscription, CTA
   included, and kWh), one line per tariff date between the two bills
   (evaluated on the later bill's days and kWh), and one line for what is
   not a change of grid: change of option or power, kWh shared differently
   between classes or between grids inside a bill;
4. **taxes** — the accise (€/MWh), then the TVA (both rates).

A bill is written ``N·s·(1 + ta) + Q·(p + a)·(1 + tc)``: ``N`` days, ``s``
subscription before TVA per day, ``Q`` kWh, ``p`` energy price before taxes
per kWh, ``a`` accise per kWh, ``ta`` and ``tc`` the TVA rates actually
applied. Each of them is read from the bill's own lines, rounded to the cent
as printed, so that the formula gives back both totals exactly; every step is
computed exactly (fractions), and the parts add up to the difference exactly.

The CTA is inside the subscription before TVA and its amount is not published
per option and power (« à vérifier » on the bill): its change is counted with
the prices.

Rounding: each part is brought to the cent by rounding down; the cents this
loses (fewer than the number of parts) go one by one to the parts that lost
the most, so the parts add up to the difference to the cent and no part is off
by a cent or more from its exact value.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .. import tariffs
from ..errors import InputError, TariffError
from ..formatting import date_fr, eur, listed, number
from ..results import CONSEILLER, Explainer, Result
from .electricity import (FILE, OPTIONS, TAX, PrixInconnu, facture_electricite, grid_row, month_pieces,
                          parse_consumption)

BILL_FIELDS = ("option", "puissance_kva", "debut", "fin", "consommation")


@dataclass(frozen=True)
class Shape:
    """A bill as ``N·s·(1 + ta) + Q·(p + a)·(1 + tc)`` (exact fractions)."""

    days: Fraction
    kwh: Fraction
    sub_per_day: Fraction      # s [€/jour], before TVA, CTA included
    price: Fraction            # p [€/kWh], before taxes
    accise: Fraction           # a [€/kWh]
    tva_sub: Fraction          # ta (0.055 for 5.5 %)
    tva_energy: Fraction       # tc

    def total(self) -> Fraction:
        return (self.days * self.sub_per_day * (1 + self.tva_sub)
                + self.kwh * (self.price + self.accise) * (1 + self.tva_energy))

    @classmethod
    def of(cls, bill: Result) -> "Shape":
        v = bill.values
        sub_ht, energy_ht = Fraction(v["abonnement_hors_tva"]), Fraction(v["energie_hors_taxes"])
        accise, kwh, days = Fraction(v["accise"]), Fraction(v["kwh"]), Fraction(v["jours"])
        return cls(days=days, kwh=kwh, sub_per_day=sub_ht / days, price=energy_ht / kwh, accise=accise / kwh,
                   tva_sub=Fraction(v["tva_abonnement"]) / sub_ht,
                   tva_energy=Fraction(v["tva_energie"]) / (energy_ht + accise))

    def but(self, **changes) -> "Shape":
        return Shape(**{**self.__dict__, **changes})


def to_cents_exactly(parts: list[Fraction], total_cents: int) -> list[int]:
    """Parts [€] as whole cents adding up to ``total_cents``: each rounded down,
    the cents left going to the largest losses (then to the first parts).
    ``sum(parts)`` must be ``total_cents`` / 100."""
    exact = [p * 100 for p in parts]
    floors = [math.floor(e) for e in exact]
    left = total_cents - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def _bill(spec, field: str, label: str) -> Result:
    if not isinstance(spec, dict):
        raise InputError(field, label, "la facture n'est pas une fiche",
                         "option, puissance, premier et dernier jour, consommation")
    unknown = sorted(set(spec) - set(BILL_FIELDS))
    if unknown:
        raise InputError(field, label, listed(unknown, "champ inconnu", "champs inconnus"),
                         "option, puissance_kva, debut, fin, consommation")
    try:
        return facture_electricite(**{k: spec.get(k) for k in BILL_FIELDS})
    except InputError as error:
        raise InputError(f"{field}.{error.field}", f"{label} : {error.label}", error.problem,
                         error.expected) from None


def _pure_grid_cost(option: str, kva: int, start: dt.date, end: dt.date, kwh: dict[str, Fraction],
                    on: dt.date, ex: Explainer) -> tuple[Fraction, Fraction]:
    """(subscription before TVA, energy before taxes) [€] of the period
    [start, end] if the grid in force on ``on`` applied to all of it."""
    row, grid = grid_row(option, kva, on, ex)
    tva_a = Fraction(ex.param(f"{TAX}.tva_abonnement", on).value) / 100
    tva_c = Fraction(ex.param(f"{TAX}.tva_consommation", on).value) / 100
    accise = Fraction(ex.param(f"{TAX}.accise_electricite", on).value) / 1000
    monthly_ht = Fraction(Decimal(row["abonnement"])) / (1 + tva_a)
    sub = sum((monthly_ht * days / month_days for _, days, month_days in month_pieces(start, end)), Fraction(0))
    energy = sum((q * (Fraction(Decimal(row[c])) / (1 + tva_c) - accise) for c, q in kwh.items()), Fraction(0))
    return sub, energy


def _grid_dates(option: str, after: dt.date, until: dt.date) -> list[dt.date]:
    """Dates of effect of a new grid of ``option`` in (after, until]."""
    return [day for day, _ in tariffs.history(f"{FILE}.{option}") if after < day <= until]


def _kwh_by_class(spec: dict, option: str) -> dict[str, Fraction]:
    return {c: Fraction(q) for c, q in parse_consumption(option, spec.get("consommation")).items()}


def comparaison_factures(avant, apres) -> Result:
    """Why a bill changed: the difference between two Tarif Bleu bills of the
    same household, split into days, consumption, prices (per tariff date)
    and taxes (accise, TVA), in euros adding up exactly to the difference.

    Parameters
    ----------
    avant, apres : dict
        The earlier and the later bill: ``{option, puissance_kva, debut, fin,
        consommation}`` as for :func:`facture_electricite` (kWh for Base, kWh
        per class otherwise). The later one starts after the earlier one.

    Returns
    -------
    Result
        ``total_avant``, ``total_apres``, ``difference`` [€];
        ``parts`` (list, in the order of the decomposition, of
        ``{cause: jours|consommation|prix|taxes, libelle, montant}``),
        ``jours``, ``consommation``, ``prix``, ``taxes`` [€] (each the sum of
        its lines); ``jours_avant``, ``jours_apres`` [jours]; ``kwh_avant``,
        ``kwh_apres`` [kWh].
    """
    before = _bill(avant, "avant", "Première facture")
    after = _bill(apres, "apres", "Deuxième facture")
    b, a = before.values, after.values
    start_b, end_b = b["periodes"][0]["debut"], b["periodes"][-1]["fin"]
    start_a, end_a = a["periodes"][0]["debut"], a["periodes"][-1]["fin"]
    if start_a <= start_b:
        raise InputError("apres.debut", "Deuxième facture : Date de début",
                         f"elle commence le {date_fr(start_a)}, pas après la première ({date_fr(start_b)})",
                         "la facture la plus récente en second")

    ex = Explainer("comparaison_factures", start_a)
    for source in (before, after):
        ex.absorb(source)

    difference = a["total_ttc"] - b["total_ttc"]
    sb, sa = Shape.of(before), Shape.of(after)
    label_b = f"{OPTIONS[b['option']][0]} {b['puissance_kva']} kVA"
    label_a = f"{OPTIONS[a['option']][0]} {a['puissance_kva']} kVA"
    ex.step(f"Première facture : du {date_fr(start_b)} au {date_fr(end_b)} ({b['jours']} jours, "
            f"{number(b['kwh'])} kWh, {label_b}) : {eur(b['total_ttc'])}. Deuxième facture : du "
            f"{date_fr(start_a)} au {date_fr(end_a)} ({a['jours']} jours, {number(a['kwh'])} kWh, {label_a}) : "
            f"{eur(a['total_ttc'])}.",
            formula=f"{eur(a['total_ttc'])} − {eur(b['total_ttc'])} = {eur(difference)}")

    # the chain: days → consumption → prices → taxes
    f0 = sb
    f1 = sb.but(days=sa.days, kwh=sb.kwh * sa.days / sb.days)
    f2 = f1.but(kwh=sa.kwh)
    f3 = f2.but(sub_per_day=sa.sub_per_day, price=sa.price)
    f3a = f3.but(accise=sa.accise)
    f4 = f3a.but(tva_sub=sa.tva_sub, tva_energy=sa.tva_energy)
    assert f0.total() == Fraction(b["total_ttc"]) and f4.total() == Fraction(a["total_ttc"])

    lines: list[tuple[str, str, Fraction]] = [
        ("jours", f"Nombre de jours : {a['jours']} au lieu de {b['jours']}", f1.total() - f0.total()),
        ("consommation", f"Consommation : {number(a['kwh'])} kWh au lieu de "
                         f"{number(to_kwh(f1.kwh))} kWh pour autant de jours", f2.total() - f1.total()),
    ]
    price_part = f3.total() - f2.total()
    lines += _price_lines(before, after, avant, apres, price_part, sb, ex)
    lines += [
        ("taxes", f"Accise sur l'électricité : {_rates(a, 'taux_accise', '€/MWh')} au lieu de "
                  f"{_rates(b, 'taux_accise', '€/MWh')}", f3a.total() - f3.total()),
        ("taxes", f"TVA : abonnement {_rates(a, 'taux_tva_abonnement', '%')} au lieu de "
                  f"{_rates(b, 'taux_tva_abonnement', '%')}, énergie {_rates(a, 'taux_tva_energie', '%')} au lieu "
                  f"de {_rates(b, 'taux_tva_energie', '%')}", f4.total() - f3a.total()),
    ]
    cents = to_cents_exactly([amount for _, _, amount in lines], int(difference * 100))
    parts = [{"cause": cause, "libelle": label, "montant": Decimal(c).scaleb(-2)}
             for (cause, label, _), c in zip(lines, cents)]

    ex.step("La différence est répartie dans cet ordre, chaque étape ne changeant qu'une chose : d'abord le "
            "nombre de jours (même consommation par jour), puis la consommation, puis les prix hors taxes "
            "(à chaque date de changement de tarif), enfin les taxes (accise, puis TVA).",
            details="Facture = N·s·(1 + ta) + Q·(p + a)·(1 + tc), chaque grandeur lue sur les lignes arrondies "
                    "de la facture, calcul exact en fractions ; chaque part est arrondie au centime inférieur "
                    "et les centimes restants vont aux parts qui ont perdu le plus à l'arrondi.")
    for part, (_, _, exact) in zip(parts, lines):
        ex.step(f"{part['libelle']} : {_signed(part['montant'])}.",
                details=f"valeur exacte {number(Decimal(exact.numerator) / Decimal(exact.denominator), 4)} €")
    ex.step("La contribution tarifaire d'acheminement (CTA) est comprise dans l'abonnement hors TVA ; son "
            "montant n'est pas publié par option et puissance : sa variation est comptée avec les prix.")
    total_of = {cause: sum((p["montant"] for p in parts if p["cause"] == cause), Decimal(0))
                for cause in ("jours", "consommation", "prix", "taxes")}
    ex.step("Au total : " + " ; ".join(f"{cause} {_signed(amount)}" for cause, amount in total_of.items())
            + f", soit {_signed(difference)}.",
            formula=" + ".join(f"({eur(p['montant'])})" for p in parts) + f" = {eur(difference)}")
    return ex.result(total_avant=b["total_ttc"], total_apres=a["total_ttc"], difference=difference,
                     parts=parts, jours_avant=b["jours"], jours_apres=a["jours"], kwh_avant=b["kwh"],
                     kwh_apres=a["kwh"], **total_of)


def to_kwh(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _rates(bill: dict, key: str, unit: str) -> str:
    """The rates of a bill's tariff periods (« 20 % », « 33,7 puis 29,98 €/MWh »)."""
    rates = list(dict.fromkeys(period[key] for period in bill["periodes"]))
    return " puis ".join(number(rate) for rate in rates) + f" {unit}"


def _signed(amount: Decimal) -> str:
    return ("+" if amount > 0 else "") + eur(amount)


def _price_lines(before: Result, after: Result, avant: dict, apres: dict, price_part: Fraction, sb: Shape,
                 ex: Explainer) -> list[tuple[str, str, Fraction]]:
    """The price part, one line per grid date between the two bills (on the
    later bill's days and kWh, at the earlier bill's TVA), and the rest."""
    b, a = before.values, after.values
    option, kva = a["option"], a["puissance_kva"]
    start_a, end_a = a["periodes"][0]["debut"], a["periodes"][-1]["fin"]
    first_grid = b["periodes"][0]["grille_du"]
    dates = _grid_dates(option, first_grid, a["periodes"][-1]["grille_du"])
    lines = []
    by_date = True
    kwh = _kwh_by_class(apres, option)
    try:
        previous = _pure_grid_cost(option, kva, start_a, end_a, kwh, first_grid, ex)
        for day in dates:
            current = _pure_grid_cost(option, kva, start_a, end_a, kwh, day, ex)
            effect = ((current[0] - previous[0]) * (1 + sb.tva_sub)
                      + (current[1] - previous[1]) * (1 + sb.tva_energy))
            lines.append(("prix", f"Prix du Tarif Bleu au {date_fr(day)}", effect))
            previous = current
    except (InputError, PrixInconnu, TariffError):
        lines, by_date = [], False
        ex.warn("hypothese", "Le détail des prix par date de tarif n'est pas calculable pour cette option et "
                             "cette puissance à toutes les dates : la variation des prix est donnée en une ligne.",
                audience=CONSEILLER)
    rest = price_part - sum((amount for _, _, amount in lines), Fraction(0))
    same = (b["option"], b["puissance_kva"]) == (option, kva)
    label = ("Autres effets de prix : kWh répartis autrement entre les classes horaires ou entre les grilles, "
             "arrondis des lignes"
             if same else
             f"Changement d'option ou de puissance ({OPTIONS[b['option']][0]} {b['puissance_kva']} kVA → "
             f"{OPTIONS[option][0]} {kva} kVA) et autres effets de prix")
    if not by_date:
        label = "Prix hors taxes (abonnement et kWh)"
    elif same and not lines:
        label = "Prix hors taxes (même grille) : jours des mois et arrondis des lignes"
    if rest or not lines:
        lines.append(("prix", label, rest))
    return lines

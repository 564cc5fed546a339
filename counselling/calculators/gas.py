"""Natural gas: yearly cost at the CRE reference price (prix repère), with
the accise and TVA taken back out of the TTC price, and m³ → kWh conversion.

Data: ``tariffs/gaz.yaml`` (monthly prix repère per profile, gas accise, CTA,
typical conversion coefficient) and the TVA rates of
``tariffs/taxes_electricite.yaml`` (same rates for gas).

* kWh = m³ × conversion coefficient (from the bill or the GRDF account; a
  typical 11.1 kWh/m³ otherwise, stated as an assumption);
* profile: « cuisson / eau chaude » below 6 000 kWh/an, « chauffage » from it;
* yearly cost at the prix repère of a month = subscription (€/an TTC) +
  kWh × price (€/kWh TTC), each line rounded to the cent;
* breakdown: accise = kWh × rate ÷ 1 000; TVA on consumption = energy TTC ×
  20/120; TVA on the subscription at its rate of the month; the CTA is inside
  the subscription and cannot be isolated (« à vérifier »).

The prix repère is indicative and changes every month; each value holds for
its own month only: a month whose values are not in the kit's sources gives
« pas de prix repère connu pour ce mois » (an InputError on ``mois``), never
the value of an earlier month.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .. import tariffs
from ..errors import InputError, TariffError, quote
from ..formatting import date_fr, eur, number
from ..inputs import code_text, parse_date, parse_decimal, to_cents
from ..results import Explainer, Result

FILE = "gaz"
TAX = "taxes_electricite"
PROFILES = {"cuisson_eau_chaude": "cuisson / eau chaude", "chauffage": "chauffage"}
MAX_KWH = Decimal(10_000_000)


def known_months(profile: str) -> str:
    """The months whose prix repère of ``profile`` the kit knows, in French
    (« mai 2024, septembre 2024, … »)."""
    months = [date_fr(day.replace(day=2)).split(" ", 1)[1]
              for day, dated in tariffs.history(f"{FILE}.prix_repere")
              if any(r["profil"] == profile and r.get("abonnement_an") is not None
                     and r.get("eur_kwh") is not None for r in dated.value)]
    return ", ".join(months)


def m3_to_kwh(volume_m3, coefficient) -> Decimal:
    """kWh from a volume of gas: m³ × conversion coefficient. [kWh]"""
    return _m3_kwh(volume_m3, coefficient)[2]


def _m3_kwh(volume_m3, coefficient) -> tuple[Decimal, Decimal, Decimal]:
    """Volume [m³] and coefficient [kWh/m³] as read, and their product [kWh]."""
    volume = parse_decimal(volume_m3, "consommation_m3", "Consommation de gaz (m³)", minimum=Decimal(0),
                           strict_minimum=True, maximum=MAX_KWH,
                           expected="un volume strictement positif en m³")
    coef = parse_decimal(coefficient, "coefficient_conversion", "Coefficient de conversion (kWh/m³)",
                         minimum=Decimal(5), maximum=Decimal(15),
                         expected="un coefficient en kWh/m³ (environ 11, lu sur la facture)")
    return volume, coef, volume * coef


def cout_gaz(mois, consommation_kwh=None, consommation_m3=None, coefficient_conversion=None,
             profil=None) -> Result:
    """Yearly gas cost at the CRE prix repère of ``mois``.

    Parameters
    ----------
    mois : date
        Any day of the month whose prix repère is used.
    consommation_kwh : number, optional
        Annual consumption. [kWh/an]
    consommation_m3 : number, optional
        Or annual volume, converted with ``coefficient_conversion``. [m³/an]
    coefficient_conversion : number, optional
        kWh per m³ from the bill; typical value if absent (stated). [kWh/m³]
    profil : str, optional
        ``cuisson_eau_chaude`` or ``chauffage``; chosen from the consumption
        if absent.

    Returns
    -------
    Result
        ``kwh`` [kWh/an], ``profil``, ``abonnement`` [€/an], ``energie``
        [€/an], ``cout_annuel`` [€/an], ``accise``, ``tva`` [€/an],
        ``cta`` (None, à vérifier), ``cout_mensuel_moyen`` [€/mois].

    Raises
    ------
    InputError
        On field ``mois`` with « pas de prix repère connu pour ce mois » when
        the kit has no prix repère for that month and profile: an older value
        is never reused for another month.
    """
    day = parse_date(mois, "mois", "Mois du prix repère")
    first = tariffs.history(f"{FILE}.prix_repere")[0][0]
    if day < first:
        raise InputError("mois", "Mois du prix repère", f"{date_fr(day)} est avant le premier prix repère connu",
                         f"un mois à partir du {date_fr(first)}")
    ex = Explainer("cout_gaz", day)
    if (consommation_kwh in (None, "")) == (consommation_m3 in (None, "")):
        raise InputError("consommation_kwh", "Consommation de gaz",
                         "il faut soit des kWh, soit des m³ (l'un ou l'autre)",
                         "la consommation annuelle en kWh, ou en m³ avec le coefficient de conversion")
    if consommation_m3 not in (None, ""):
        if coefficient_conversion in (None, ""):
            typical = ex.param(f"{FILE}.coefficient_conversion_typique")
            coefficient_conversion = typical.value
            ex.warn("hypothese", f"Coefficient de conversion non saisi : le kit prend {number(typical.value)} kWh/m³ ; "
                                 "le coefficient exact est sur la facture.")
        volume, coef, kwh = _m3_kwh(consommation_m3, coefficient_conversion)
        ex.step(f"Conversion des m³ en kWh : {number(kwh)} kWh.",
                formula=f"{number(volume)} m³ × {number(coef)} kWh/m³ = {number(kwh)} kWh")
    else:
        kwh = parse_decimal(consommation_kwh, "consommation_kwh", "Consommation de gaz (kWh)",
                            minimum=Decimal(0), strict_minimum=True, maximum=MAX_KWH,
                            expected="une consommation annuelle strictement positive en kWh")
    threshold = ex.param(f"{FILE}.seuil_profil_chauffage")
    if profil in (None, ""):
        profile = "chauffage" if kwh >= threshold.value else "cuisson_eau_chaude"
        ex.step(f"Profil « {PROFILES[profile]} » : consommation "
                + ("supérieure ou égale" if profile == "chauffage" else "inférieure")
                + f" à {number(threshold.value)} kWh par an.", reference=threshold)
    else:
        profile = code_text(profil).lower().replace(" ", "_").replace("/", "")
        if profile not in PROFILES:
            raise InputError("profil", "Profil de consommation", f"{quote(profil)} n'est pas un profil du prix repère",
                             "cuisson_eau_chaude ou chauffage")

    grid = ex.param(f"{FILE}.prix_repere")
    month = date_fr(dt.date(day.year, day.month, 2)).split(" ", 1)[1]
    same_month = (grid.effective_from.year, grid.effective_from.month) == (day.year, day.month)
    row = {r["profil"]: r for r in grid.value}.get(profile) if same_month else None
    if row is None or row.get("abonnement_an") is None or row.get("eur_kwh") is None:
        raise InputError("mois", "Mois du prix repère",
                         f"pas de prix repère connu pour ce mois ({month}, profil {PROFILES[profile]}) : "
                         "à vérifier sur le site de la CRE (cre.fr)",
                         "un mois dont le prix repère est connu du kit : " + known_months(profile))
    subscription = to_cents(Decimal(row["abonnement_an"]))
    price = Decimal(row["eur_kwh"])
    energy = to_cents(kwh * price)
    total = subscription + energy
    ex.step(f"Coût annuel au prix repère de {month} (profil {PROFILES[profile]}) : {eur(total)} TTC.",
            formula=f"{eur(subscription)} + {number(kwh)} kWh × {number(price, max(4, -price.normalize().as_tuple().exponent))} € "
                    f"= {eur(total)}",
            reference=grid)
    try:
        accise_rate = ex.param(f"{FILE}.accise_gaz")
        tva_a = ex.param(f"{TAX}.tva_abonnement")
        tva_c = ex.param(f"{TAX}.tva_consommation")
    except TariffError as exc:  # a month before the first known tax value
        raise InputError("mois", "Mois du prix repère", str(exc), "un mois couvert par les taux connus") from None
    accise = to_cents(kwh * accise_rate.value / 1000)
    tva_energy = to_cents(energy * tva_c.value / (100 + tva_c.value))
    tva_sub = to_cents(subscription * tva_a.value / (100 + tva_a.value))
    ex.step(f"Dont accise {eur(accise)} et TVA {eur(tva_energy + tva_sub)} (consommation à "
            f"{number(tva_c.value)} %, abonnement à {number(tva_a.value)} %).",
            formula=f"accise = {number(kwh)} kWh × {number(accise_rate.value)} €/MWh ÷ 1 000 = {eur(accise)} ; "
                    f"TVA = {eur(energy)} × {number(tva_c.value)}/{number(100 + tva_c.value)} + {eur(subscription)} × "
                    f"{number(tva_a.value)}/{number(100 + tva_a.value)} = {eur(tva_energy + tva_sub)}",
            reference=accise_rate)
    cta = ex.param(f"{FILE}.cta_gaz")
    ex.step(f"La CTA gaz ({number(cta.value)} % de la part fixe du tarif de distribution) est comprise dans "
            "l'abonnement : montant à vérifier sur la facture.", reference=cta)
    monthly = to_cents(total / 12)
    ex.step(f"Soit en moyenne {eur(monthly)} par mois (mensualisation sur 12 mois).",
            formula=f"{eur(total)} ÷ 12 = {eur(monthly)}")
    ex.warn("hypothese", "Le prix repère de la CRE est indicatif : le contrat du ménage peut être plus ou moins "
                         "cher ; comparer avec le prix du kWh imprimé sur la facture.")
    return ex.result(kwh=kwh, profil=profile, abonnement=subscription, energie=energy, cout_annuel=total,
                     accise=accise, tva=tva_energy + tva_sub, cta=None, cout_mensuel_moyen=monthly,
                     statut="calculé")

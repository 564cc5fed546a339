"""Éco-gestes: consumption per usage, saving of each gesture, combined saving.

Figures come from ``tariffs/ecogestes/catalogue.yaml`` (gestures, typical
consumptions, appliances) and, only when the household's own price per kWh is
not given, from ``tariffs/ecogestes_prix.yaml`` (regulated Base kWh price).

Rules:

* the consumption of a usage is the household's own figure when given
  (``consommations``), otherwise a typical sourced figure, flagged
  « estimée »;
* a gesture saves either a percentage ``p`` of its usage, or ``k`` kWh per
  year capped at the usage's consumption;
* several gestures on the same usage do not add up: percentages compound,
  saving = C × (1 − Π(1 − pᵢ)); kWh gestures then apply to what is left,
  capped at it. A combination never saves more than the usage consumes;
* euros = kWh × price of the usage's energy, rounded to the cent.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from ..ecogestes_data import catalogue
from ..errors import InputError, quote
from ..formatting import eur, how_many, listed, number, percent
from ..inputs import code_text, parse_date, parse_decimal, parse_int, parse_list, parse_mapping, to_cents
from ..results import Explainer, Result

KWH = Decimal("0.01")
ENERGIES = ("electricite", "gaz")
HEATING_CHOICES = ("electricite", "gaz", "autre", "aucun")
ENERGY_LABELS = {"electricite": "électricité", "gaz": "gaz", "autre": "autre énergie", "aucun": "aucune"}
PRICE_KEY = "ecogestes_prix.prix_kwh_electricite_defaut"


def _kwh(value: Decimal) -> Decimal:
    return value.quantize(KWH, rounding=ROUND_HALF_UP)


def _choice(value, field, label, choices, default=None):
    if value is None or value == "":
        return default
    text = code_text(value).lower().replace("é", "e")
    if text not in choices:
        raise InputError(field, label, f"{quote(value)} n'est pas reconnu", "un choix parmi " + ", ".join(choices))
    return text


def _prices(prix_kwh, on: dt.date, ex: Explainer) -> dict[str, Decimal | None]:
    given = prix_kwh if isinstance(prix_kwh, dict) else ({} if prix_kwh in (None, "") else {"electricite": prix_kwh})
    unknown = sorted(set(given) - set(ENERGIES))
    if unknown:
        raise InputError("prix_kwh", "Prix du kWh", listed(unknown, "énergie inconnue", "énergies inconnues"),
                         "un prix pour electricite et/ou gaz, en €/kWh")
    prices: dict[str, Decimal | None] = {}
    for energy in ENERGIES:
        value = given.get(energy)
        if value in (None, ""):
            prices[energy] = None
            continue
        prices[energy] = parse_decimal(value, f"prix_kwh.{energy}", f"Prix du kWh ({ENERGY_LABELS[energy]})",
                                       minimum=Decimal(0), maximum=Decimal(5), strict_minimum=True,
                                       expected="un prix en €/kWh, par exemple 0,1940")
        ex.step(f"Prix du kWh de {ENERGY_LABELS[energy]} (facture du ménage) : {number(prices[energy], 4)} €/kWh.")
    if prices["electricite"] is None:
        default = ex.param(PRICE_KEY, on)
        prices["electricite"] = default.value
        ex.warn("hypothese", f"Prix du kWh d'électricité de la facture non saisi : prix par défaut du tarif "
                             f"réglementé option Base ({number(default.value, 4)} €/kWh). Le prix de la facture "
                             "du ménage est plus juste.")
        ex.step(f"Prix du kWh d'électricité par défaut : {number(default.value, 4)} €/kWh.", reference=default)
    return prices


def _consumptions(energie_chauffage, energie_eau_chaude, energie_cuisson, appareils, consommations,
                  ex: Explainer) -> dict[str, dict]:
    cat = catalogue()
    heating = _choice(energie_chauffage, "energie_chauffage", "Énergie de chauffage", HEATING_CHOICES)
    water = _choice(energie_eau_chaude, "energie_eau_chaude", "Énergie de l'eau chaude", HEATING_CHOICES)
    cooking = _choice(energie_cuisson, "energie_cuisson", "Énergie de cuisson", ENERGIES, "electricite")
    appliances = [code_text(code) or code for code in
                  parse_list(appareils, "appareils", "Appareils du logement", "une liste d'appareils")]
    for code in appliances:
        if not isinstance(code, str) or code not in cat.appareils:
            raise InputError("appareils", "Appareils du logement", f"{quote(code)} n'est pas un appareil connu",
                             "des appareils parmi " + ", ".join(cat.appareils))
    known = parse_mapping(consommations, "consommations", "Consommations connues",
                          "des paires usage : kWh par an")
    for usage in known:
        if not isinstance(usage, str) or usage not in cat.usages:
            raise InputError("consommations", "Consommations connues", f"usage {quote(usage)} inconnu",
                             "des usages parmi " + ", ".join(cat.usages))

    energy_of = {"chauffage": heating, "eau_chaude": water, "cuisson": cooking}
    out: dict[str, dict] = {}
    for usage, spec in cat.usages.items():
        energy = energy_of.get(usage, "electricite")
        if energy == "aucun":
            continue
        entry = {"usage": usage, "label": spec.label, "energie": energy, "kwh": None,
                 "origine": None, "source": None}
        if usage in known:
            entry["kwh"] = _kwh(parse_decimal(known[usage], f"consommations.{usage}",
                                              f"Consommation annuelle ({spec.label})", minimum=Decimal(0),
                                              maximum=Decimal(1_000_000), expected="un nombre de kWh par an"))
            entry["origine"] = "saisie"
            ex.step(f"{spec.label} : {number(entry['kwh'], 0)} kWh/an (consommation saisie).")
        else:
            typical = [c for c in cat.consommations_types
                       if c.usage == usage and c.energie in (energy, "toutes")]
            owned = [cat.appareils[a] for a in appliances if cat.appareils[a].usage == usage]
            if energy is None:
                entry["origine"] = "non renseignée"
                ex.step(f"{spec.label} : énergie non renseignée, usage laissé de côté.")
            elif typical:
                chosen = typical[0]
                entry.update(kwh=_kwh(chosen.kwh_an), origine="estimée", source=chosen.source.cite())
                ex.step(f"{spec.label} : {number(chosen.kwh_an, 0)} kWh/an, consommation type estimée "
                        f"({ENERGY_LABELS.get(energy, energy)}), pas celle du ménage.", reference=chosen.source)
                ex.warn("hypothese", f"{spec.label} : consommation estimée (consommation type), pas celle du "
                                     "ménage ; la saisir rend le calcul plus juste.")
                if chosen.note:
                    ex.for_counsellor(f"{spec.label}, consommation type", chosen.confidence, chosen.note)
            elif owned:
                total = sum((a.kwh_an for a in owned), Decimal(0))
                entry.update(kwh=_kwh(total), origine="estimée", source=owned[0].source.cite())
                ex.step(f"{spec.label} : {number(total, 0)} kWh/an estimés d'après les appareils déclarés.",
                        formula=" + ".join(f"{number(a.kwh_an, 0)} ({a.label})" for a in owned)
                        + f" = {number(total, 0)} kWh", reference=owned[0].source)
                ex.warn("hypothese", f"{spec.label} : consommation estimée d'après les appareils, pas "
                                     "mesurée ; la saisir rend le calcul plus juste.")
                for appliance in owned:
                    if appliance.note:
                        ex.for_counsellor(appliance.label, appliance.confidence, appliance.note)
            elif usage in ("froid", "lavage", "sechage", "climatisation"):
                continue  # no such appliance declared
            else:
                entry["origine"] = "inconnue"
                ex.step(f"{spec.label} ({ENERGY_LABELS.get(energy, energy)}) : aucune consommation type "
                        "sourcée ; saisir la consommation du ménage pour chiffrer les gestes.")
        out[usage] = entry
    return out


def _gesture_saving(code, gesture, entry, prices) -> dict:
    cat = catalogue()
    row = {"code": code, "label": gesture.label, "usage": gesture.usage,
           "categorie": cat.usages[gesture.usage].categorie, "modele": gesture.modele.type,
           "valeur": gesture.modele.valeur,
           "cout_min": gesture.cout.min if gesture.cout else None,
           "cout_max": gesture.cout.max if gesture.cout else None,
           "source": gesture.source.cite(), "confiance": gesture.confidence, "note": gesture.note,
           "economie_kwh": None, "economie_euros": None, "applicable": False, "motif": None}
    if entry is None:
        row["motif"] = "usage absent du logement"
        return row
    if entry["kwh"] is None:
        row["motif"] = "consommation de l'usage inconnue"
        return row
    used = entry["kwh"]
    if gesture.modele.type == "pourcentage":
        saved = used * gesture.modele.valeur
    else:
        saved = min(gesture.modele.valeur, used)
    row["economie_kwh"] = _kwh(saved)
    row["applicable"] = True
    price = prices.get(entry["energie"])
    if price is None:
        row["motif"] = f"prix du kWh de {ENERGY_LABELS.get(entry['energie'], entry['energie'])} à saisir"
    else:
        row["economie_euros"] = to_cents(row["economie_kwh"] * price)
    return row


def combine(consumption: Decimal, percentages: list[Decimal], kwh_savings: list[Decimal]) -> Decimal:
    """Combined saving on one usage [kWh/an]: C × (1 − Π(1 − p)), then the
    kWh gestures on what is left, capped at it. Never more than ``consumption``."""
    remaining = consumption
    for p in percentages:
        remaining = remaining * (1 - p)
    remaining = max(remaining - sum(kwh_savings, Decimal(0)), Decimal(0))
    return consumption - remaining


def ecogestes(personnes, logement=None, energie_chauffage=None, energie_eau_chaude=None,
              energie_cuisson="electricite", appareils=None, consommations=None, prix_kwh=None,
              gestes=None, on=None) -> Result:
    """Saving of each éco-geste for a household, ranked, and of a chosen set.

    Parameters
    ----------
    personnes : int
        Persons in the household. [personnes]
    logement : str or None
        ``maison`` or ``appartement`` (shown; no sourced typical figure depends on it).
    energie_chauffage, energie_eau_chaude : str or None
        ``electricite``, ``gaz``, ``autre`` or ``aucun``; None = not known (usage left aside).
    energie_cuisson : str
        ``electricite`` or ``gaz``.
    appareils : list of str
        Appliances owned (``refrigerateur_congelateur``, ``congelateur``,
        ``lave_linge``, ``seche_linge``, ``climatiseur_mobile``).
    consommations : dict or None
        Known consumption per usage [kWh/an], e.g. ``{"chauffage": 6500}``.
    prix_kwh : Decimal, dict or None
        Price per kWh from the household's bill [€/kWh]: one number
        (electricity) or ``{"electricite": …, "gaz": …}``. Without an
        electricity price, the default regulated Base price is used (warned).
    gestes : list of str or None
        Gestures chosen for the combined saving.
    on : date or None
        Date of the default price (default: 2026-02-01 grid is read at this date).

    Returns
    -------
    Result
        ``consommations`` {usage: {kwh [kWh/an], energie, origine, label}},
        ``gestes`` (ranked list: ``economie_kwh`` [kWh/an],
        ``economie_euros`` [€/an], costs, source, confidence), ``meilleur_geste``
        (the first of them, or None),
        ``combinaison`` (None, or ``economie_kwh``, ``economie_euros`` and
        ``par_usage``), ``prix`` {energie: €/kWh}.
    """
    persons = parse_int(personnes, "personnes", "Nombre de personnes du foyer", minimum=1, maximum=30)
    dwelling = _choice(logement, "logement", "Type de logement", ("maison", "appartement"))
    if on is None:
        raise InputError("on", "Date", "aucune date n'a été saisie", "la date du calcul, par exemple 23/11/2026")
    on = parse_date(on, "on", "Date")
    cat = catalogue()
    ex = Explainer("ecogestes", on)
    ex.step(f"Foyer de {how_many(persons, 'personne', 'personnes')}" + (f", {dwelling}" if dwelling else "") + ". Aucune table "
            "officielle de consommation par taille de foyer et type de logement n'a été trouvée : les "
            "consommations types ne dépendent pas de ces deux critères.")
    usages = _consumptions(energie_chauffage, energie_eau_chaude, energie_cuisson, appareils,
                           consommations, ex)
    prices = _prices(prix_kwh, on, ex)

    rows = [_gesture_saving(code, g, usages.get(g.usage), prices) for code, g in cat.gestes.items()]
    rows.sort(key=lambda r: (r["economie_euros"] is None, -(r["economie_euros"] or 0),
                             -(r["economie_kwh"] or 0), r["code"]))
    for rank, row in enumerate(r for r in rows if r["applicable"]):
        model = (f"{percent(row['valeur'], 2)} de {number(usages[row['usage']]['kwh'], 0)} kWh"
                 if row["modele"] == "pourcentage"
                 else f"{number(row['valeur'], 0)} kWh, au plus {number(usages[row['usage']]['kwh'], 0)} kWh")
        euros = f" → {eur(row['economie_euros'])} par an" if row["economie_euros"] is not None else ""
        ex.step(f"{row['label']} : {number(row['economie_kwh'], 0)} kWh par an{euros}.",
                formula=f"{model} = {number(row['economie_kwh'], 2)} kWh"
                        + (f" × {number(prices[usages[row['usage']]['energie']], 4)} €/kWh" if euros else ""),
                reference=cat.gestes[row["code"]].source)
    for row in rows:
        if row["applicable"] and row["confiance"] != "haute" and row["note"]:
            ex.for_counsellor(row["label"], row["confiance"], row["note"])

    combination = None
    chosen = parse_list(gestes, "gestes", "Gestes choisis", "une liste de gestes du catalogue")
    if chosen:
        combination = _combination(chosen, usages, prices, ex)
    best = next((r for r in rows if r["applicable"]), None)
    return ex.result(consommations=usages, gestes=rows, meilleur_geste=best, combinaison=combination,
                     prix={k: v for k, v in prices.items()})


def _combination(chosen: list[str], usages, prices, ex: Explainer) -> dict:
    cat = catalogue()
    for code in chosen:
        if not isinstance(code, str) or code not in cat.gestes:
            raise InputError("gestes", "Gestes choisis", f"{quote(code)} n'est pas un geste du catalogue",
                             "des gestes parmi " + ", ".join(cat.gestes))
    if len(set(chosen)) != len(chosen):
        raise InputError("gestes", "Gestes choisis", "un geste est choisi deux fois", "chaque geste une fois")
    per_usage = {}
    total_kwh, total_eur, eur_known = Decimal(0), Decimal(0), True
    left_out = []
    for usage in dict.fromkeys(cat.gestes[c].usage for c in chosen):
        entry = usages.get(usage)
        codes = [c for c in chosen if cat.gestes[c].usage == usage]
        if entry is None or entry["kwh"] is None:
            left_out += codes
            continue
        pct = [cat.gestes[c].modele.valeur for c in codes if cat.gestes[c].modele.type == "pourcentage"]
        kwh = [cat.gestes[c].modele.valeur for c in codes if cat.gestes[c].modele.type == "kwh_an"]
        saved = _kwh(combine(entry["kwh"], pct, kwh))
        price = prices.get(entry["energie"])
        euros = None if price is None else to_cents(saved * price)
        per_usage[usage] = {"consommation": entry["kwh"], "gestes": codes, "economie_kwh": saved,
                            "economie_euros": euros}
        total_kwh += saved
        if euros is None:
            eur_known = False
        else:
            total_eur += euros
        parts = " × ".join(f"(1 − {number(p)})" for p in pct)
        formula = f"{number(entry['kwh'], 0)} × (1 − {parts})" if pct else number(entry["kwh"], 0)
        if kwh:
            formula += " puis − " + " − ".join(number(k, 0) for k in kwh) + " kWh (plafonné)"
        ex.step(f"{entry['label']} : les gestes choisis ne s'additionnent pas, ils se combinent : "
                f"{number(saved, 0)} kWh économisés sur {number(entry['kwh'], 0)} kWh.",
                formula=f"économie = {number(entry['kwh'], 0)} − reste ; reste = {formula}")
    if left_out:
        ex.warn("attention", "Gestes non chiffrés (usage absent ou consommation inconnue) : "
                             + ", ".join(left_out) + ".")
    result = {"gestes": chosen, "par_usage": per_usage, "economie_kwh": total_kwh,
              "economie_euros": total_eur if eur_known else None, "non_chiffres": left_out}
    ex.step(f"Ensemble des gestes choisis : {number(total_kwh, 0)} kWh par an"
            + (f", soit {eur(total_eur)} par an." if eur_known else " (euros : prix du kWh à saisir)."))
    return result

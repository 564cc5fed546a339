"""Fonds de Solidarité pour le Logement: eligibility by département.

Every rule comes from ``tariffs/fsl/<code>.yaml`` (the territory's règlement)
and ``tariffs/fsl/_national.yaml`` (loi 90-449 art. 6 to 6-3, décret
2005-212): see :mod:`counselling.fsl_rules` and ``docs/fsl.md``.

Each criterion is answered with one of four statuses:

* ``rempli`` — met, with the figures compared;
* ``non_rempli`` — not met: the household is not eligible;
* ``information_manquante`` — the household data needed is missing;
* ``a_verifier`` — the rule is not public (or ambiguous): « à vérifier
  auprès du département », never guessed.

The overall status is the worst one, in that order of gravity:
non_rempli → « non éligible », then information_manquante, then a_verifier,
else « éligible ».
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal

import re

from ..dates import months_before
from .. import fsl_rules, territories
from ..errors import CounsellingError, InputError, TariffError, quote
from ..formatting import date_fr, eur, how_many, listed, number, percent
from ..fsl_rules import AidCap, Condition, ResourceCeiling, Version
from ..inputs import (code_text, number_column, parse_bool, parse_date, parse_decimal, parse_int, parse_money,
                      to_cents)
from ..results import CONSEILLER, Explainer, Result

RANK = {"rempli": 0, "a_verifier": 1, "information_manquante": 2, "non_rempli": 3}
STATUS_OF_RANK = {0: "eligible", 1: "a_verifier", 2: "information_manquante", 3: "non_eligible"}
STATUS_LABELS = {
    "eligible": "Éligible (selon les critères connus)",
    "non_eligible": "Non éligible",
    "information_manquante": "Information manquante",
    "a_verifier": "À vérifier auprès du département",
}
A_VERIFIER = "à vérifier auprès du département"
MAX_PERSONS = 30
AGE_LIMIT_YEARS = 3  # a règlement older than this is flagged (issue 14: « plus de 3 ans »)
_CODE = re.compile(r"\d{2}M?|2[AB]|97\d")


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` years earlier (28 February for a 29 February)."""
    return months_before(day, 12 * years)


@dataclass(frozen=True)
class Criterion:
    """One criterion of the règlement, answered for this household."""

    code: str
    label: str
    statut: str
    detail: str
    source: str | None = None
    note: str | None = None  # the maintainers' note on the rule: for the counsellor only

    def as_dict(self) -> dict:
        return asdict(self)


# --------------------------------------------------------------------------- inputs


def _department(code) -> fsl_rules.FslFile:
    """The file of a territory given by its code (``77``, ``69M``), or by a
    département name, commune or postal code (:mod:`counselling.territories`)."""
    known = fsl_rules.known_codes()
    text = "" if code is None else code_text(code).upper()
    if text.isdigit() and len(text) == 1:
        text = text.zfill(2)
    if text not in known and text and not _CODE.fullmatch(text):
        text = territories.territory_code(code, "departement", "Département")
    twin = territories.metropole_twin(text)
    if twin is not None and text not in known:
        name, metro = territories.territory_name(text), territories.territory_name(twin)
        raise InputError("departement", "Département",
                         f"{name} ({text}) a deux FSL : celui de « {metro} » ({twin}) pour ses communes, "
                         "et celui du département pour les autres communes",
                         f"{twin} pour une commune de « {metro} » ; {name} hors métropole n'a pas encore de "
                         "fichier dans le kit")
    if text not in known:
        raise InputError("departement", "Département",
                         f"{quote(code)} : pas de règlement FSL dans le kit pour ce territoire",
                         f"un code parmi {', '.join(known)} (ajouter un fichier tariffs/fsl/<code>.yaml "
                         "pour un autre département, voir docs/fsl.md)")
    return fsl_rules.fsl_file(text)


def twin_notice(code: str, fsl_codes: frozenset[str] | None = None) -> str | None:
    """For a département whose métropole runs its own FSL (files ``31`` and
    ``31M``): the sentence saying the métropole's communes have their own FSL
    (``fsl_codes``: the shipped files, read when not given)."""
    twin = territories.metropole_twin(code, fsl_codes)
    if twin is None or code == twin:
        return None
    metro = territories.territory_name(twin)
    return (f"Les communes de « {metro} » ont leur propre FSL (territoire {twin}) : ce règlement du "
            f"département ne s'applique qu'aux autres communes ; vérifier la commune du logement.")


def age_notice(file: fsl_rules.FslFile, effective: dt.date, on: dt.date) -> str | None:
    """« règlement du … : plus de 3 ans » when the règlement applied on ``on``
    took effect more than three years before, else None (also when its date
    of effect is not published: the result already says so)."""
    if effective >= years_before(on, AGE_LIMIT_YEARS) or not file.versions[effective].date_effet_connue:
        return None
    months = (on.year - effective.year) * 12 + on.month - effective.month - (on.day < effective.day)
    years, rest = divmod(months, 12)
    age = f"{years} an{'s' if years > 1 else ''}" + (f" et {rest} mois" if rest else "")
    return (f"FSL {file.nom} : règlement du {date_fr(effective)} : plus de {AGE_LIMIT_YEARS} ans ({age} le "
            f"{date_fr(on)}). Un règlement plus récent a pu changer les plafonds et les aides : à vérifier "
            "auprès du département.")


def _volet(volet) -> str:
    labels = fsl_rules.national().volets
    text = "" if volet is None else code_text(volet).lower().replace("è", "e").replace("é", "e")
    if text not in labels:
        raise InputError("volet", "Volet du FSL", f"{quote(volet)} n'est pas un volet du FSL",
                         "un volet parmi " + ", ".join(labels))
    return text


def _composition(personnes, adultes, enfants) -> tuple[int | None, int | None, int | None]:
    if adultes is not None:
        adultes = parse_int(adultes, "adultes", "Nombre d'adultes du foyer", minimum=1, maximum=MAX_PERSONS)
    if enfants is not None:
        enfants = parse_int(enfants, "enfants", "Nombre d'enfants à charge", minimum=0, maximum=MAX_PERSONS)
    if personnes is not None:
        personnes = parse_int(personnes, "personnes", "Nombre de personnes du foyer",
                              minimum=1, maximum=MAX_PERSONS)
        if adultes is not None and enfants is not None and adultes + enfants != personnes:
            raise InputError("personnes", "Nombre de personnes du foyer",
                             f"{how_many(personnes, 'personne', 'personnes')} pour "
                             f"{how_many(adultes, 'adulte', 'adultes')} et "
                             f"{how_many(enfants, 'enfant', 'enfants')}",
                             "le nombre d'adultes plus le nombre d'enfants")
    elif adultes is not None and enfants is not None:
        personnes = adultes + enfants
    return personnes, adultes, enfants


def _money_field(value, field, label) -> Decimal:
    return parse_money(value, field, label, maximum=Decimal(10_000_000))


def _resources(ressources, version: Version, ex: Explainer) -> Decimal | None:
    """Monthly resources counted by the FSL [€/mois], or None when not given."""
    if ressources is None or ressources == "":
        return None
    frame = fsl_rules.national()
    months = ressources if isinstance(ressources, (list, tuple)) else [ressources]
    if not months:
        raise InputError("ressources", "Ressources mensuelles du foyer", "la liste est vide",
                         "un montant par mois, ou un montant par nature de ressource")
    totals = []
    for number_, month in enumerate(months, start=1):
        field = "ressources" if len(months) == 1 else f"ressources[{number_}]"
        totals.append(_one_month(month, field, version, ex, frame))
    if len(totals) == 1:
        return totals[0]
    average = sum(totals, Decimal(0)) / len(totals)
    ex.step(f"Ressources moyennes sur {len(totals)} mois : {eur(to_cents(average))} par mois.",
            formula=" + ".join(eur(t) for t in totals) + f" = {eur(sum(totals, Decimal(0)))} ; "
                    f"÷ {len(totals)} = {eur(to_cents(average))}")
    return average


def _one_month(month, field, version: Version, ex: Explainer, frame) -> Decimal:
    label = "Ressources mensuelles du foyer"
    if not isinstance(month, dict):
        total = _money_field(month, field, label)
        excluded = ", ".join(e.label for e in frame.ressources_exclues.values())
        ex.warn("hypothese", f"Le montant des ressources ({eur(total)}) est supposé ne pas contenir les "
                             f"ressources exclues par la loi ({excluded}).")
        return total
    known = set(frame.ressources_comptees) | set(frame.ressources_exclues) | set(frame.deductions_possibles)
    counted, removed, deducted = Decimal(0), [], []
    parts = []
    for nature, amount in month.items():
        if nature not in known:
            raise InputError(field, label, f"nature de ressource {quote(nature)} inconnue",
                             "une nature parmi " + ", ".join(sorted(known)))
        value = _money_field(amount, f"{field}.{nature}", f"{label} ({nature})")
        if nature in frame.ressources_exclues:
            removed.append((frame.ressources_exclues[nature], value))
        elif nature in frame.deductions_possibles:
            if nature in version.deductions_ressources:
                deducted.append((frame.deductions_possibles[nature], value))
            elif value:
                ex.step(f"« {frame.deductions_possibles[nature]} » ({eur(value)}) n'est pas déduite des "
                        "ressources par ce règlement.")
        else:
            counted += value
            parts.append(f"{eur(value)} ({frame.ressources_comptees[nature].lower()})")
    for excluded, value in removed:
        ex.step(f"{excluded.label} : {eur(value)}, montant non compté dans les ressources.",
                reference=excluded.source)
    total = counted - sum((v for _, v in deducted), Decimal(0))
    formula = " + ".join(parts) if parts else "0 €"
    for label_, value in deducted:
        formula += f" − {eur(value)} ({label_.lower()})"
    ex.step(f"Ressources retenues : {eur(total)} par mois.", formula=f"{formula} = {eur(total)}",
            reference=version.deductions_source if deducted else None)
    return total


def _fact(name: str, facts: dict, specs: dict):
    if name not in facts or facts[name] in (None, ""):
        return None
    spec = specs[name]
    value = facts[name]
    field = f"faits.{name}"
    if spec.kind == "oui_non":
        return parse_bool(value, field, spec.label)
    if spec.kind == "montant":
        return _money_field(value, field, spec.label)
    if spec.kind == "ratio":
        return parse_decimal(value, field, spec.label, minimum=Decimal(0), maximum=Decimal(1),
                             expected="une part entre 0 et 1 (0,2 pour 20 %)")
    return parse_decimal(value, field, spec.label, minimum=Decimal(0), expected="un nombre positif")


def _previous_aids(aides, volet: str) -> list[tuple[dt.date, Decimal | None]] | None:
    if aides is None:
        return None
    if not isinstance(aides, (list, tuple)):
        raise InputError("aides_precedentes", "Aides FSL déjà reçues", "ce n'est pas une liste",
                         "une liste d'aides {date, montant, volet}")
    out = []
    for index, aid in enumerate(aides, start=1):
        if not isinstance(aid, dict) or "date" not in aid:
            raise InputError("aides_precedentes", "Aides FSL déjà reçues",
                             f"l'aide n° {index} n'a pas de date", "chaque aide avec sa date (JJ/MM/AAAA)")
        day = parse_date(aid["date"], "aides_precedentes", f"Date de l'aide FSL n° {index}")
        aid_volet = _volet(aid.get("volet", volet))
        amount = None if aid.get("montant") in (None, "") else _money_field(
            aid["montant"], "aides_precedentes", f"Montant de l'aide FSL n° {index}")
        if aid_volet == volet:
            out.append((day, amount))
    return out


# --------------------------------------------------------------------------- ceiling


@dataclass(frozen=True)
class CeilingFor:
    """The resource ceiling of one household: amount, formula, or why none."""

    amount: Decimal | None
    formula: str | None
    statut: str | None = None  # a_verifier / information_manquante when amount is None
    reason: str | None = None


def ceiling_for(ceiling: ResourceCeiling, personnes: int | None, adultes: int | None,
                enfants: int | None, on: dt.date | None = None, ex: Explainer | None = None) -> CeilingFor:
    """Resource ceiling [€/mois] of a household under ``ceiling`` (type other
    than quotient); ``on`` (and ``ex``, to cite the RSA amounts) for a ceiling
    indexed on the RSA."""
    if ceiling.type == "non_public":
        return CeilingFor(None, None, "a_verifier", "plafond de ressources non publié")
    if ceiling.type == "rsa":
        return _rsa_ceiling(ceiling, adultes, enfants, on, ex)
    if ceiling.type == "par_personnes":
        if personnes is None:
            return CeilingFor(None, None, "information_manquante", "nombre de personnes du foyer non saisi")
        table = ceiling.montants
        top = max(table)
        if personnes in table:
            return CeilingFor(table[personnes],
                              f"{how_many(personnes, 'personne', 'personnes')} → {eur(table[personnes])}")
        if personnes > top and ceiling.par_personne_supplementaire is not None:
            extra = personnes - top
            amount = table[top] + extra * ceiling.par_personne_supplementaire
            return CeilingFor(amount, f"{eur(table[top])} + {extra} × "
                                      f"{eur(ceiling.par_personne_supplementaire)} = {eur(amount)}")
        return CeilingFor(None, None, "a_verifier", f"pas de plafond publié pour {personnes} personnes")
    # par_composition / par_part
    if adultes is None or enfants is None:
        return CeilingFor(None, None, "information_manquante",
                          "composition du foyer (nombre d'adultes et d'enfants) non saisie")
    if adultes > 2:
        return CeilingFor(None, None, "a_verifier", f"pas de plafond publié pour {adultes} adultes")
    table = ceiling.seul if adultes == 1 else ceiling.couple
    who = "personne seule" if adultes == 1 else "couple"
    top = max(table)
    if enfants in table:
        base, formula = table[enfants], None
    elif enfants > top and ceiling.par_enfant_supplementaire is not None:
        extra = enfants - top
        base = table[top] + extra * ceiling.par_enfant_supplementaire
        formula = (f"{number(table[top])} + {extra} × {number(ceiling.par_enfant_supplementaire)} "
                   f"= {number(base)}")
    else:
        return CeilingFor(None, None, "a_verifier",
                          f"pas de plafond publié pour {who} avec {how_many(enfants, 'enfant', 'enfants')}")
    if ceiling.type == "par_composition":
        return CeilingFor(base, formula or f"{who}, {how_many(enfants, 'enfant', 'enfants')} → {eur(base)}")
    amount = ceiling.montant_par_part * base
    return CeilingFor(amount, f"{who}, {how_many(enfants, 'enfant', 'enfants')} : "
                              f"{how_many(base, 'part', 'parts')} × "
                              f"{eur(ceiling.montant_par_part)} = {eur(amount)}")


def _rsa_ceiling(ceiling: ResourceCeiling, adultes, enfants, on, ex) -> CeilingFor:
    """``coefficient`` × the RSA montant forfaitaire of the composition on ``on``."""
    from .capacity import rsa_floor

    if adultes is None or enfants is None:
        return CeilingFor(None, None, "information_manquante",
                          "composition du foyer (nombre d'adultes et d'enfants) non saisie")
    if adultes > 2:
        return CeilingFor(None, None, "a_verifier", f"pas de plafond publié pour {adultes} adultes")
    try:
        rsa, _rate, formula = rsa_floor(adultes, enfants, on, ex or Explainer("fsl", on))
    except TariffError:
        return CeilingFor(None, None, "a_verifier", f"plafond égal à {number(ceiling.coefficient)} fois le RSA, "
                                                    f"dont le kit ne connaît pas le montant au {date_fr(on)}")
    amount = to_cents(ceiling.coefficient * rsa)
    return CeilingFor(amount, f"RSA du foyer : {formula} ; plafond : {number(ceiling.coefficient)} × {eur(rsa)} "
                              f"= {eur(amount)}")


def _compare(value: Decimal, limit: Decimal, comparison: str) -> str:
    """rempli / non_rempli / a_verifier (exactly on the limit, direction unknown)."""
    if value < limit:
        return "rempli"
    if value == limit:
        return {"<": "non_rempli", "<=": "rempli"}.get(comparison, "a_verifier")
    return "non_rempli"


def _symbol(comparison: str) -> str:
    return {"<": "<", "<=": "≤"}.get(comparison, "≤ (ou <)")


def _ceiling_criterion(ceiling: ResourceCeiling, resources, quotient, composition, facts, specs,
                       ex: Explainer, on: dt.date) -> tuple[Criterion, Decimal | None]:
    personnes, adultes, enfants = composition
    label = "Plafond de ressources"
    cite = ceiling.source.cite()
    if ceiling.type == "quotient":
        label = f"Plafond du {ceiling.quotient_label}"
        if quotient is None:
            return Criterion("ressources", label, "information_manquante",
                             f"{ceiling.quotient_label} non saisi (plafond : {eur(ceiling.plafond)})", cite), \
                ceiling.plafond
        quotient = parse_money(quotient, "quotient", "Quotient familial ou social")
        status = _compare(quotient, ceiling.plafond, ceiling.comparaison)
        detail = f"{eur(quotient)} {_symbol(ceiling.comparaison)} {eur(ceiling.plafond)}" \
            if status == "rempli" else \
            f"{eur(quotient)} n'est pas {_symbol(ceiling.comparaison)} {eur(ceiling.plafond)}"
        limit = ceiling.plafond
        if status == "non_rempli":
            status, detail, limit = _specific_ceiling(ceiling, quotient, facts, specs, detail, limit)
        return Criterion("ressources", label, status, detail, cite), limit

    found = ceiling_for(ceiling, personnes, adultes, enfants, on, ex)
    if found.amount is None:
        detail = found.reason + (f" : {A_VERIFIER}" if found.statut == "a_verifier" else "")
        return Criterion("ressources", label, found.statut, detail, cite), None
    if resources is None:
        return Criterion("ressources", label, "information_manquante",
                         f"ressources mensuelles non saisies (plafond : {eur(found.amount)})", cite), found.amount
    status = _compare(resources, found.amount, ceiling.comparaison)
    period = "moyenne des 3 derniers mois" if ceiling.periode_ressources == "moyenne_3_mois" else "par mois"
    detail = f"{eur(to_cents(resources))} ({period}) {_symbol(ceiling.comparaison)} {eur(found.amount)}"
    if status == "a_verifier":
        detail += " : ressources exactement égales au plafond, et le règlement publié ne dit pas si le " \
                  f"plafond est inclus ({A_VERIFIER})"
    elif status == "non_rempli":
        detail = f"{eur(to_cents(resources))} ({period}) dépasse le plafond de {eur(found.amount)}"
        if resources == found.amount:
            detail = f"{eur(to_cents(resources))} n'est pas strictement inférieur au plafond de {eur(found.amount)}"
        if ceiling.majore_pour:
            status = "a_verifier"
            detail += f" ; le règlement le relève pour {ceiling.majore_pour} (montant non publié) : {A_VERIFIER}"
    ex.step(f"Plafond de ressources du foyer : {eur(found.amount)} par mois.", formula=found.formula,
            reference=ceiling.source)
    return Criterion("ressources", label, status, detail, cite), found.amount


def _specific_ceiling(ceiling: ResourceCeiling, quotient: Decimal, facts, specs, detail: str,
                      limit: Decimal) -> tuple[str, str, Decimal]:
    """A quotient above the ordinary ceiling, when raised ceilings exist (each
    for a situation named by a fact): the first raised ceiling whose fact is
    true decides; else missing information if the fact of a raised ceiling the
    quotient is under is not given; else not met. Returns (status, detail,
    ceiling applied)."""
    unknown = []
    for specific in ceiling.plafonds_specifiques:
        value = _fact(specific.fait, facts, specs)
        status = _compare(quotient, specific.montant, ceiling.comparaison)
        if value:
            shown = _symbol(ceiling.comparaison) if status != "non_rempli" else \
                f"n'est pas {_symbol(ceiling.comparaison)}"
            return status, (f"{eur(quotient)} {shown} {eur(specific.montant)} "
                            f"(plafond majoré : {specific.label})"), specific.montant
        if value is None and status != "non_rempli":
            unknown.append(specific)
    if not unknown:
        return "non_rempli", detail, limit
    raised = " ; ".join(f"plafond majoré de {eur(s.montant)} si {s.label} (à renseigner : « {s.fait} »)"
                        for s in unknown)
    return "information_manquante", f"{detail} : au-dessus du plafond ordinaire ; {raised}", limit


def _condition_criterion(cond: Condition, facts: dict, specs: dict) -> Criterion:
    value = _fact(cond.fait, facts, specs)
    cite = cond.source.cite()
    if value is None:
        return Criterion(cond.fait, cond.label, "information_manquante",
                         f"à renseigner : {specs[cond.fait].label}", cite)
    if cond.attendu is not None:
        ok = value is cond.attendu
        shown = "oui" if value else "non"
        return Criterion(cond.fait, cond.label, "rempli" if ok else "non_rempli",
                         f"{specs[cond.fait].label} : {shown}", cite)
    kind = specs[cond.fait].kind
    show = (lambda v: eur(v)) if kind == "montant" else (lambda v: percent(v, 0)) if kind == "ratio" \
        else (lambda v: number(v))
    if cond.minimum is not None:
        ok = value > cond.minimum if cond.strict else value >= cond.minimum
        sign = ">" if cond.strict else "≥"
        limit = cond.minimum
    else:
        ok = value < cond.maximum if cond.strict else value <= cond.maximum
        sign = "<" if cond.strict else "≤"
        limit = cond.maximum
    detail = f"{show(value)} {sign} {show(limit)}" if ok else f"{show(value)} : il faut {sign} {show(limit)}"
    return Criterion(cond.fait, cond.label, "rempli" if ok else "non_rempli", detail, cite)


# --------------------------------------------------------------------------- aid


def _aid(cap: AidCap | None, volet: str, on: dt.date, personnes, facts, specs, previous, ex: Explainer):
    """(aide_max, aide_max_restante, aide_envisageable, criterion or None)."""
    if cap is None:
        ex.step(f"Montant maximal de l'aide : non trouvé dans le règlement publié ({A_VERIFIER}).")
        return None, None, None, None
    limit, how = cap.plafond, None
    if cap.selon_personnes is not None:
        if personnes is None:
            how = "dépend du nombre de personnes du foyer (non saisi)"
            limit = None
        else:
            key = max(k for k in cap.selon_personnes if k <= personnes)
            limit, how = cap.selon_personnes[key], f"foyer de {how_many(personnes, 'personne', 'personnes')}"
    elif cap.selon_logement_social is not None:
        social = _fact("logement_social", facts, specs)
        if social is None:
            how, limit = "dépend du type de logement, social ou privé (non saisi)", None
        else:
            limit = cap.selon_logement_social[social]
            how = "logement social" if social else "logement privé"
    elif cap.selon_rang is not None:
        if previous is None:
            how, limit = "dépend du nombre d'aides déjà reçues (non saisi)", None
        else:
            rank = len(previous) + 1
            if rank not in cap.selon_rang:
                how, limit = f"pas de montant publié pour une {rank}e aide", None
            else:
                limit, how = cap.selon_rang[rank], f"{rank}{'re' if rank == 1 else 'e'} aide"
    if limit is None:
        reason = how or "montant non publié"
        ex.step(f"Montant maximal de l'aide : {reason} ({A_VERIFIER}).", reference=cap.source,
                details=cap.note)
        if cap.modalites:
            ex.step(f"Modalités : {cap.modalites}", reference=cap.source)
        return None, None, None, None

    period_text = {"par_aide": "par aide", "annee_civile": f"par année civile ({on.year})",
                   "glissante": f"sur {cap.mois} mois glissants"}[cap.periode]
    ex.step(f"Montant maximal de l'aide : {eur(limit)} {period_text}" + (f" ({how})" if how else "") + ".",
            reference=cap.source)
    remaining = limit
    if cap.periode != "par_aide":
        if previous is None:
            remaining = None
            ex.warn("attention", "Les aides FSL déjà reçues sur la période ne sont pas renseignées : le "
                                 f"plafond de {eur(limit)} {period_text} en est diminué.")
        else:
            start = dt.date(on.year, 1, 1) if cap.periode == "annee_civile" else months_before(on, cap.mois)
            received = [a for d, a in previous if start <= d <= on]
            if any(a is None for a in received):
                remaining = None
                ex.warn("attention", "Le montant d'une aide déjà reçue sur la période manque : "
                                     "le reste disponible ne peut pas être calculé.")
            else:
                got = sum(received, Decimal(0))
                remaining = max(limit - got, Decimal(0))
                ex.step(f"Aides déjà reçues depuis le {date_fr(start)} : {eur(got)} ; reste {eur(remaining)}.",
                        formula=f"{eur(limit)} − {eur(got)} = {eur(remaining)}")
    if cap.modalites:
        ex.step(f"Modalités : {cap.modalites}", reference=cap.source)

    debt = _fact("dette", facts, specs)
    possible, criterion = None, None
    if debt is not None and remaining is not None:
        rate = cap.taux_dette if cap.taux_dette is not None else Decimal(1)
        share = to_cents(debt * rate)
        possible = min(share, remaining)
        rate_text = f"{percent(rate, 0)} × {eur(debt)} = {eur(share)} ; " if cap.taux_dette is not None else \
            f"dette {eur(debt)} ; "
        ex.step(f"Aide envisageable au plus : {eur(possible)}.",
                formula=f"{rate_text}min({eur(share)} ; {eur(remaining)}) = {eur(possible)}",
                reference=cap.source)
        if cap.minimum is not None:
            ok = possible >= cap.minimum
            criterion = Criterion("aide_minimum", f"Aide d'au moins {eur(cap.minimum)}",
                                  "rempli" if ok else "non_rempli",
                                  f"{eur(possible)} {'≥' if ok else '<'} {eur(cap.minimum)}", cap.source.cite())
            if not ok:
                possible = Decimal(0)
    cents = (lambda v: None if v is None else to_cents(v))
    return cents(limit), cents(remaining), cents(possible), criterion


# --------------------------------------------------------------------------- calculator


def facts_needed(code: str, volet: str, on: dt.date) -> list[str]:
    """The facts the règlement of ``code`` asks about for ``volet`` on ``on``
    (conditions, raised ceilings, debt-based or housing-based aid caps)."""
    try:
        _day, version, _next = fsl_rules.version_on(fsl_rules.fsl_file(code), on)
    except CounsellingError:  # unknown département or date: fsl() says why
        return []
    spec = version.volets.get(volet)
    names: list[str] = []
    ceilings = [version.plafond_ressources]
    if spec is not None and spec.plafond_ressources is not None:
        ceilings = [spec.plafond_ressources]
    for ceiling in ceilings:
        names += [s.fait for s in ceiling.plafonds_specifiques]
    if spec is not None:
        names += [c.fait for c in spec.conditions]
        if spec.aide is not None:
            if spec.aide.selon_logement_social:
                names.append("logement_social")
            if spec.aide.taux_dette is not None or spec.aide.minimum is not None:
                names.append("dette")
    return list(dict.fromkeys(n for n in names if n != "dette"))


def fsl(departement, volet="energie", on=None, personnes=None, adultes=None, enfants=None,
        ressources=None, quotient=None, faits=None, aides_precedentes=None) -> Result:
    """Eligibility of a household to the FSL of its département, and maximum aid.

    Parameters
    ----------
    departement : str
        Code of the territory (``"77"``, ``"69M"``; see
        :func:`counselling.fsl_rules.known_codes`).
    volet : str
        ``energie``, ``eau``, ``telephone``, ``acces`` or ``maintien``.
    on : date
        Date of the request: the règlement in force that day applies.
    personnes, adultes, enfants : int or None
        Household composition. [personnes]
    ressources : amount, dict or list, or None
        Monthly resources of the whole foyer [€/mois]: one amount (assumed
        already without the excluded resources), a dict {nature: amount}
        (natures of ``tariffs/fsl/_national.yaml``; excluded ones are left out
        with an explanation), or a list of months (averaged).
    quotient : amount or None
        Quotient familial or social, where the règlement uses one. [€/mois]
    faits : dict or None
        Facts the conditions need (``dette`` [€], ``part_dette_payee``,
        ``contrat_resilie``…; catalogue in ``_national.yaml``).
    aides_precedentes : list of dict or None
        FSL aids already received: ``{date, montant, volet}``. ``None`` =
        not known; ``[]`` = none.

    Returns
    -------
    Result
        ``statut`` (eligible / non_eligible / information_manquante /
        a_verifier), ``statut_libelle``, ``criteres`` (list of
        {code, label, statut, detail, source}), ``plafond_ressources``
        [€/mois], ``ressources_retenues`` [€/mois], ``aide_max`` [€],
        ``aide_max_restante`` [€], ``aide_envisageable`` [€], ``pieces``
        (documents to join), ``departement``, ``nom``, ``volet``,
        ``reglement_du`` (date of effect of the règlement applied).
    """
    file = _department(departement)
    volet = _volet(volet)
    if on is None:
        raise InputError("on", "Date de la demande", "aucune date n'a été saisie",
                         "la date de la demande, par exemple 23/11/2026")
    on = parse_date(on, "on", "Date de la demande")
    facts = faits or {}
    if not isinstance(facts, dict):
        raise InputError("faits", "Situation du ménage", "ce n'est pas un dictionnaire",
                         "des paires fait : valeur")
    composition = _composition(personnes, adultes, enfants)
    try:
        effective, version, _next = fsl_rules.version_on(file, on)
    except TariffError as exc:
        raise InputError("on", "Date de la demande", str(exc).rstrip("."),
                         "une date couverte par le règlement du département") from None
    frame = fsl_rules.national()
    specs = {**frame.faits, **version.faits}
    unknown = sorted(set(facts) - set(specs))
    if unknown:
        raise InputError("faits", "Situation du ménage", listed(unknown, "fait inconnu", "faits inconnus"),
                         "des faits parmi " + ", ".join(sorted(specs)))

    ex = Explainer("fsl", on)
    ex.step(f"FSL de {file.nom} ({file.gestionnaire}), volet « {frame.volets[volet]} » : règlement "
            f"applicable le {date_fr(on)}, en vigueur depuis le {date_fr(effective)}.",
            reference=version.reglement)
    if file.territoire:
        ex.step(f"Territoire : {file.territoire}")
    twin = twin_notice(file.code)
    if twin:
        ex.step(twin)
        ex.warn("attention", twin)
    aged = age_notice(file, effective, on)
    if aged:
        ex.warn("perime", aged)
    if not version.date_effet_connue:
        ex.warn("hypothese", f"FSL {file.nom} : date d'effet du règlement non publiée. {version.note}",
                audience=CONSEILLER)
    elif version.confidence != "haute" and version.note:
        ex.for_counsellor(f"Règlement du FSL {file.nom}", version.confidence, version.note)
    valid_until = fsl_rules.still_valid_on(file, effective)
    if on > valid_until:
        ex.warn("perime", f"FSL {file.nom} : le règlement n'a été vérifié que jusqu'au {date_fr(valid_until)} ; "
                          f"pour le {date_fr(on)}, un règlement plus récent a pu changer les règles : à vérifier.")

    criteria: list[Criterion] = []
    spec = version.volets.get(volet)
    if spec is None or spec.finance is None:
        criteria.append(Criterion("volet", f"Le FSL finance le volet « {volet} »", "a_verifier",
                                  f"règles de ce volet non trouvées dans le règlement publié ({A_VERIFIER})",
                                  note=spec.note if spec is not None else None))
    elif spec.finance is False:
        criteria.append(Criterion("volet", f"Le FSL finance le volet {quote(volet)}", "non_rempli",
                                  f"le règlement de {file.nom} ne finance pas ce volet", spec.source.cite()))
    else:
        criteria.append(Criterion("volet", f"Le FSL finance le volet « {volet} »", "rempli",
                                  "volet prévu", spec.source.cite(), note=spec.note))

    resources = _resources(ressources, version, ex)
    ceiling = spec.plafond_ressources if spec is not None and spec.plafond_ressources else version.plafond_ressources
    if ceiling.note:
        ex.for_counsellor(f"Plafond de ressources ({file.nom})", ceiling.confidence, ceiling.note)
    crit, limit = _ceiling_criterion(ceiling, resources, quotient, composition, facts, specs, ex, on)
    criteria.append(crit)

    previous = _previous_aids(aides_precedentes, volet)
    conditions = spec.conditions if spec is not None else []
    for cond in conditions:
        criteria.append(_condition_criterion(cond, facts, specs))
        if cond.note:
            ex.for_counsellor(cond.label, cond.confidence, cond.note)
    if spec is not None and spec.frequence is not None:
        freq = spec.frequence
        label = f"Au plus {how_many(freq.max_aides, 'aide', 'aides')} {quote(volet)} sur {freq.mois} mois"
        if previous is None:
            criteria.append(Criterion("frequence", label, "information_manquante",
                                      "aides FSL déjà reçues non renseignées", freq.source.cite()))
        else:
            start = months_before(on, freq.mois)
            count = sum(1 for d, _ in previous if start < d <= on)
            ok = count < freq.max_aides
            criteria.append(Criterion("frequence", label, "rempli" if ok else "non_rempli",
                                      f"{how_many(count, 'aide', 'aides')} depuis le {date_fr(start)} "
                                      f"({'<' if ok else '≥'} {freq.max_aides})", freq.source.cite()))

    cap = spec.aide if spec is not None else None
    aide_max, remaining, possible, min_crit = _aid(cap, volet, on, composition[0], facts, specs, previous, ex)
    if min_crit is not None:
        criteria.append(min_crit)

    for crit in criteria:
        mark = {"rempli": "✔", "non_rempli": "✘", "information_manquante": "?", "a_verifier": "à vérifier"}
        ex.step(f"{crit.label} — {mark[crit.statut]} : {crit.detail}.", reference=crit.source,
                details=crit.note)

    status = STATUS_OF_RANK[max(RANK[c.statut] for c in criteria)]
    ex.step(f"Conclusion : {STATUS_LABELS[status].lower()}.")
    for principle in frame.principes:
        if principle.volets is None or volet in principle.volets:
            ex.step(principle.texte, reference=principle.source)

    pieces = _pieces(version, spec, conditions, specs, frame)
    return ex.result(
        statut=status,
        statut_libelle=STATUS_LABELS[status],
        criteres=[c.as_dict() for c in criteria],
        plafond_ressources=None if limit is None else to_cents(limit),
        ressources_retenues=None if resources is None else to_cents(resources),
        aide_max=aide_max,
        aide_max_restante=remaining,
        aide_envisageable=possible,
        pieces=pieces,
        departement=file.code,
        nom=file.nom,
        volet=volet,
        reglement_du=effective,
        reglement_ancien=aged is not None,
    )


def _pieces(version: Version, spec, conditions, specs, frame) -> list[str]:
    pieces = [frame.piece_ressources]
    for cond in conditions:
        piece = specs[cond.fait].piece
        if piece:
            pieces.append(piece)
    if spec is not None and spec.aide is not None and (spec.aide.taux_dette is not None
                                                        or spec.aide.minimum is not None):
        pieces.append(specs["dette"].piece)
    pieces += version.pieces + (spec.pieces if spec is not None else [])
    pieces.append("Le formulaire du département peut demander d'autres pièces : à vérifier auprès du "
                  "service instructeur.")
    seen: list[str] = []
    for piece in pieces:
        if piece not in seen:
            seen.append(piece)
    return seen


# --------------------------------------------------------------------------- vectorised


def fsl_many(departement, ressources, on, volet="energie", personnes=None, adultes=None, enfants=None,
             quotient=None):
    """Resource screening of many households against the FSL of their département.

    Applies the same files and the same ceiling rules as :func:`fsl`, with no
    facts (``faits``) and no aid history: a département whose règlement has
    conditions or frequency limits gives « information manquante » as the
    scalar calculator would.

    Parameters
    ----------
    departement : array-like of str
        Territory code per household (a categorical column is not hashed again).
    ressources : array-like
        Monthly resources counted by the FSL [€/mois] (NaN = unknown).
    on : date
        Date of the screening (one for the batch).
    volet : str
        Volet screened (one for the batch).
    personnes, adultes, enfants, quotient : array-like or None
        Composition [personnes] and quotient [€/mois] per household (NaN = unknown).

    Returns
    -------
    pandas.DataFrame
        ``statut`` (as :func:`fsl`; ``departement_inconnu`` for a code with no
        file), ``statut_ressources`` (status of the resource criterion),
        ``plafond_ressources`` [€/mois, NaN if none], ``aide_max`` [€, NaN if
        it depends on facts or is not public], ``a_demander`` (for a status
        « information manquante »: what to ask the household, in French,
        e.g. « ressources mensuelles, nombre d'enfants »; else ""). ``attrs["avertissements"]``
        lists the warnings per département.
    """
    import numpy as np
    import pandas as pd

    from .vector import float_column, label_ids

    on = parse_date(on, "on", "Date de la demande")
    volet = _volet(volet)
    ids, labels = label_ids(departement)
    n = len(ids)
    index = departement.index if isinstance(departement, pd.Series) else pd.RangeIndex(n)
    # normalise the distinct labels only (" 7" → "07"), never the rows
    codes = sorted({_code_text(label) for label in labels})
    position = {code: number for number, code in enumerate(codes)}
    code_ids = np.append(np.array([position[_code_text(label)] for label in labels], dtype=np.int64), -1)[ids]

    res_c = np.round(float_column(ressources, n) * 100)
    quo_c = np.round(float_column(quotient, n) * 100)
    pers, adu, enf = float_column(personnes, n), float_column(adultes, n), float_column(enfants, n)
    pers = np.where(np.isnan(pers) & ~np.isnan(adu) & ~np.isnan(enf), adu + enf, pers)

    # rows grouped by territory once (a stable radix sort of small ids); each territory works on a slice
    order = np.argsort(code_ids.astype(np.int16 if len(codes) < 32_000 else np.int64), kind="stable")
    bounds = np.cumsum(np.bincount(code_ids + 1, minlength=len(codes) + 1))
    given = {"quotient": quotient, "adultes": adultes, "enfants": enfants}
    res_c, pers = res_c[order], pers[order]
    quo_c, adu, enf = (a if given[name] is None else a[order]  # an absent column is all NaN: no gather
                       for name, a in zip(given, (quo_c, adu, enf)))
    statut_res = np.full(n, RANK["a_verifier"], dtype=np.int8)
    overall = np.full(n, UNKNOWN_TERRITORY, dtype=np.int8)
    ceiling_c = np.full(n, np.nan)
    aid_max = np.full(n, np.nan)
    ask = np.zeros(n, dtype=np.int32)  # codes of ask_labels
    ask_labels = {"": 0}
    warnings: dict[str, list[str]] = {}
    known = frozenset(fsl_rules.known_codes())

    for number, code in enumerate(codes):
        rows = slice(bounds[number], bounds[number + 1])
        if code not in known or rows.start == rows.stop:
            continue
        overall[rows] = RANK["a_verifier"]
        rules = _rules_on(fsl_rules.fsl_file(code), on, volet, known)
        if isinstance(rules, str):  # no règlement on that date
            warnings[code] = [rules]
            continue
        notes, spec, base, ceiling, extra = rules
        sub_status, sub_limit = _ceiling_vector(ceiling, res_c[rows], quo_c[rows], pers[rows],
                                                adu[rows], enf[rows], on)
        statut_res[rows] = sub_status
        ceiling_c[rows] = sub_limit
        overall[rows] = np.maximum(np.maximum(base, sub_status), extra)
        bits, labels = _to_ask(ceiling, spec, sub_status, res_c[rows], quo_c[rows], pers[rows], adu[rows],
                               enf[rows], {**fsl_rules.national().faits, **_version_facts(code, on)})
        codes_of_bits = np.zeros(2 * _ASK_SPECIFIC, dtype=np.int32)
        for combination, label in labels.items():
            codes_of_bits[combination] = ask_labels.setdefault(label, len(ask_labels))
        ask[rows] = codes_of_bits[bits]
        if spec is not None and spec.aide is not None:
            aid_max[rows] = _aid_vector(spec.aide, pers[rows])
        warnings[code] = list(notes)

    ask[overall != RANK["information_manquante"]] = 0
    for array in (statut_res, overall, ceiling_c, aid_max, ask):  # back to the rows' order
        array[order] = array.copy()
    frame = pd.concat({  # one block per column, nothing stacked
        "statut": pd.Series(pd.Categorical.from_codes(overall, STATUS_CATEGORIES), index=index),
        "statut_ressources": pd.Series(pd.Categorical.from_codes(statut_res, CRITERION_CATEGORIES), index=index),
        "plafond_ressources": pd.Series(ceiling_c / 100, index=index),
        "aide_max": pd.Series(aid_max, index=index),
        "a_demander": pd.Series(pd.Categorical.from_codes(ask, list(ask_labels)), index=index),
    }, axis=1)
    frame.attrs["avertissements"] = [w for ws in warnings.values() for w in ws]
    return frame


_RULES: dict[tuple, tuple] = {}

#: what the vectorised screening may lack, in the order it is asked
_ASK_RESOURCES, _ASK_PERSONS, _ASK_ADULTS, _ASK_CHILDREN, _ASK_QUOTIENT, _ASK_SPECIFIC = (1, 2, 4, 8, 16, 32)


def _version_facts(code: str, on: dt.date) -> dict:
    """The facts a département's règlement defines on ``on`` (labels of its conditions)."""
    try:
        return dict(fsl_rules.version_on(fsl_rules.fsl_file(code), on)[1].faits)
    except TariffError:
        return {}


def _fact_question(name: str, label: str, facts: dict) -> str:
    """A fact as something to ask: its label, lower case, « (oui/non) » for a yes/no fact."""
    spec = facts.get(name)
    text = spec.label if spec is not None else label
    text = text[:1].lower() + text[1:]
    return text + (" (oui/non)" if spec is not None and spec.kind == "oui_non" else "")


def _to_ask(ceiling: ResourceCeiling, spec, status, res_c, quo_c, pers, adu, enf, facts: dict):
    """What to ask each household of one territory whose screening lacks
    information: the inputs the resource ceiling needs and are empty, then
    the facts the volet's conditions need, then the past FSL aids when the
    volet limits how often it helps (the listing never has them). Returns
    each row's combination (a small integer) and {combination: label} for
    the combinations present (a listing has few)."""
    import numpy as np

    bits = np.zeros(len(res_c), dtype=np.int64)
    needs_resources = status == RANK["information_manquante"]
    if ceiling.type == "quotient":
        bits |= np.where(np.isnan(quo_c), _ASK_QUOTIENT, 0)
        bits |= np.where(~np.isnan(quo_c) & needs_resources, _ASK_SPECIFIC, 0)
    elif ceiling.type == "par_personnes":
        bits |= np.where(np.isnan(pers), _ASK_PERSONS, 0) | np.where(np.isnan(res_c), _ASK_RESOURCES, 0)
    elif ceiling.type != "non_public":
        bits |= np.where(np.isnan(adu), _ASK_ADULTS, 0) | np.where(np.isnan(enf), _ASK_CHILDREN, 0)
        bits |= np.where(np.isnan(res_c), _ASK_RESOURCES, 0)
    always = [_fact_question(c.fait, c.label, facts) for c in (spec.conditions if spec else [])]
    if spec is not None and spec.frequence is not None:
        always.append(f"aides FSL reçues ces {spec.frequence.mois} derniers mois")
    specific = [_fact_question(s.fait, s.label, facts)
                for s in (ceiling.plafonds_specifiques if ceiling.type == "quotient" else [])]
    words = {_ASK_RESOURCES: ["ressources mensuelles"], _ASK_PERSONS: ["nombre de personnes du foyer"],
             _ASK_ADULTS: ["nombre d'adultes"], _ASK_CHILDREN: ["nombre d'enfants"],
             _ASK_QUOTIENT: [ceiling.quotient_label or "quotient"], _ASK_SPECIFIC: specific}
    labels = {}
    for combination in np.flatnonzero(np.bincount(bits, minlength=2 * _ASK_SPECIFIC)):
        asked = [w for bit, ws in words.items() if combination & bit for w in ws] + always
        labels[int(combination)] = ", ".join(dict.fromkeys(asked))
    return bits, labels


def _rules_on(file: fsl_rules.FslFile, on: dt.date, volet: str, known: frozenset[str]):
    """What the screening needs from one règlement on ``on`` for ``volet``:
    (warnings, volet spec, status of the volet, resource ceiling, status of
    the other criteria), or the French reason there is no règlement that day.
    Remembered per loaded file (a reloaded file is a new object), so that a
    listing screened in chunks reads each règlement once."""
    key = (id(file), on, volet, known)
    if key in _RULES and _RULES[key][0] is file:
        return _RULES[key][1]
    try:
        effective, version, _ = fsl_rules.version_on(file, on)
    except TariffError as exc:
        rules = str(exc)
    else:
        notes = []
        if on > fsl_rules.still_valid_on(file, effective):
            notes.append(f"FSL {file.nom} : règlement vérifié seulement jusqu'au "
                         f"{date_fr(fsl_rules.still_valid_on(file, effective))}.")
        notes += [n for n in (age_notice(file, effective, on), twin_notice(file.code, known)) if n]
        spec = version.volets.get(volet)
        base = RANK["a_verifier"] if spec is None or spec.finance is None else \
            RANK["non_rempli"] if spec.finance is False else RANK["rempli"]
        ceiling = spec.plafond_ressources if spec is not None and spec.plafond_ressources else \
            version.plafond_ressources
        extra = RANK["information_manquante"] if spec is not None and (spec.conditions or spec.frequence) \
            else RANK["rempli"]
        rules = (tuple(notes), spec, base, ceiling, extra)
    if len(_RULES) > 4096:
        _RULES.clear()
    _RULES[key] = (file, rules)
    return rules


def _code_text(label) -> str:
    """A territory code as written in a file name: stripped, upper case, two digits."""
    text = "" if label is None else str(label).strip().upper()
    return text.zfill(2) if text.isdigit() and len(text) == 1 else text


_CRIT_OF_RANK = {v: k for k, v in RANK.items()}
UNKNOWN_TERRITORY = len(RANK)  # code of « departement_inconnu » in the statut column
STATUS_CATEGORIES = [STATUS_OF_RANK[r] for r in range(len(RANK))] + ["departement_inconnu"]
CRITERION_CATEGORIES = [_CRIT_OF_RANK[r] for r in range(len(RANK))]


def _ceiling_vector(ceiling: ResourceCeiling, res_c, quo_c, pers, adu, enf, on: dt.date):
    import numpy as np

    n = len(res_c)
    status = np.full(n, RANK["a_verifier"], dtype=np.int64)
    limit = np.full(n, np.nan)
    if ceiling.type == "non_public":
        return status, limit
    if ceiling.type == "quotient":
        base = int(ceiling.plafond * 100)
        limit[:] = base
        value = quo_c
        status = _compare_vector(value, np.full(n, base, dtype=np.float64), ceiling.comparaison)
        if ceiling.plafonds_specifiques:
            # above the ordinary ceiling but under a specific one: the fact is needed
            top = max(int(s.montant * 100) for s in ceiling.plafonds_specifiques)
            under_specific = _compare_vector(value, np.full(n, top, dtype=np.float64), ceiling.comparaison)
            status = np.where((status == RANK["non_rempli"]) & (under_specific != RANK["non_rempli"]),
                              RANK["information_manquante"], status)
        status = np.where(np.isnan(value), RANK["information_manquante"], status)
        return status, limit
    if ceiling.type == "par_personnes":
        table = {k: int(v * 100) for k, v in ceiling.montants.items()}
        top = max(table)
        have = ~np.isnan(pers)
        p = np.where(have, pers, 0).astype(np.int64)
        for k, v in table.items():
            limit = np.where(p == k, v, limit)
        if ceiling.par_personne_supplementaire is not None:
            step = int(ceiling.par_personne_supplementaire * 100)
            limit = np.where(p > top, table[top] + (p - top) * step, limit)
        missing = ~have
    elif ceiling.type == "rsa":
        have = ~np.isnan(adu) & ~np.isnan(enf)
        a = np.where(have, adu, 0).astype(np.int64)
        e = np.where(have, enf, 0).astype(np.int64)
        ok = have & (a >= 1) & (a <= 2) & (e >= 0)
        for combo in np.unique(a[ok] * 1_000_000 + e[ok]).tolist():  # a few compositions, not a million rows
            adults, children = divmod(combo, 1_000_000)
            amount = ceiling_for(ceiling, None, adults, children, on).amount  # once per composition
            if amount is not None:
                limit = np.where((a == adults) & (e == children), float(amount * 100), limit)
        missing = ~have
    else:
        have = ~np.isnan(adu) & ~np.isnan(enf)
        a = np.where(have, adu, 0).astype(np.int64)
        e = np.where(have, enf, 0).astype(np.int64)
        for adults, table in ((1, ceiling.seul), (2, ceiling.couple)):
            top = max(table)
            for k, v in table.items():
                amount = v * (ceiling.montant_par_part if ceiling.type == "par_part" else 1)
                limit = np.where((a == adults) & (e == k), float(amount * 100), limit)
            if ceiling.par_enfant_supplementaire is not None:
                extra = (float(table[top]) + (e - top) * float(ceiling.par_enfant_supplementaire))
                if ceiling.type == "par_part":
                    extra = extra * float(ceiling.montant_par_part)
                limit = np.where((a == adults) & (e > top), np.round(extra * 100), limit)
        missing = ~have
    status = _compare_vector(res_c, limit, ceiling.comparaison)
    if ceiling.majore_pour:  # raised for some situations by an amount not published
        status = np.where(status == RANK["non_rempli"], RANK["a_verifier"], status)
    status = np.where(np.isnan(res_c), RANK["information_manquante"], status)
    status = np.where(np.isnan(limit), RANK["a_verifier"], status)
    status = np.where(missing, RANK["information_manquante"], status)
    limit = np.where(missing, np.nan, limit)
    return status, limit


def _compare_vector(value, limit, comparison):
    import numpy as np

    equal = {"<": RANK["non_rempli"], "<=": RANK["rempli"]}.get(comparison, RANK["a_verifier"])
    with np.errstate(invalid="ignore"):
        return np.where(value < limit, RANK["rempli"],
                        np.where(value == limit, equal, RANK["non_rempli"])).astype(np.int64)


def _aid_vector(cap: AidCap, pers):
    import numpy as np

    if cap.selon_personnes is not None:
        out = np.full(len(pers), np.nan)
        for key in sorted(cap.selon_personnes):
            out = np.where(pers >= key, float(cap.selon_personnes[key]), out)
        return out
    if cap.selon_rang is not None or cap.selon_logement_social is not None or cap.plafond is None:
        return np.full(len(pers), np.nan)
    return np.full(len(pers), float(cap.plafond))

"""The dossier: one household, typed once, followed month after month.

A dossier is what a Point Conseil Budget or a PIMMS keeps about a household it
follows: who lives there, the budget, the debts, the energy contracts, the
rights checked, the plans agreed and the payments recorded, the documents
issued and the history of acts. Every page reads and writes it, every
calculator is fed from it through the small adapters of
:mod:`counselling.dossier.adapters`, storage keeps it as one JSON document
(:mod:`counselling.storage`), documents and reports render from it.

Design rules
------------
* **Pseudonymous by default.** The kit generates the reference
  (:func:`new_reference`); a name, a phone number or an address are optional
  and live together in :class:`Identity`, the one place that holds direct
  personal data (export, erasure and minimisation look there). A household
  is described by roles and ages, never by names.
* **Nothing without consent.** A dossier always carries its
  :class:`Consent` (date, what was agreed, who recorded it): storage refuses a
  dossier without it.
* **Exact values.** Money is :class:`~decimal.Decimal` rounded to the cent
  (written as a string in JSON, so ``"1234.56"`` never becomes a float);
  dates are ISO dates.
* **Stable identifiers.** Every item of a list (member, line, debt, plan,
  payment…) has an ``id`` that never changes, so that a payment names its
  debt and a page row names its item even after the list is re-ordered.
* **Consistent.** A payment, an instalment or a plan that names a debt that
  does not exist is refused when the dossier is validated (on load and before
  every save): a debt with recorded payments cannot silently disappear.
* **Versioned schema.** ``schema_version`` is written in every JSON document;
  :func:`upgrade` turns an older document into the current shape before it is
  validated (documents exported from another site may be older).

Values are validated by pydantic; the calculators keep taking plain values,
so a dossier is turned into their inputs by the adapters, not passed to them.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (AfterValidator, BeforeValidator, BaseModel, ConfigDict, Field, JsonValue, PlainSerializer,
                      ValidationError, ValidationInfo, field_validator, model_validator)

from ..errors import InputError
from ..inputs import parse_decimal, to_cents

SCHEMA_VERSION = 1

# --------------------------------------------------------------------------- small types

_REF_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud on the phone
REFERENCE_PATTERN = r"^\d{4}-[A-HJ-NP-Z2-9]{5}$"
MAX_AMOUNT = Decimal(10_000_000)


def new_reference(today: dt.date | None = None) -> str:
    """A new pseudonymous dossier reference: the year and five characters
    that cannot be confused when read aloud (``"2026-K7M3Q"``).

    31⁵ ≈ 28.6 million references a year: storage still checks uniqueness.
    """
    year = (today or dt.date.today()).year
    return f"{year}-" + "".join(secrets.choice(_REF_ALPHABET) for _ in range(5))


def new_id() -> str:
    """Identifier of an item inside a dossier (8 hexadecimal characters)."""
    return secrets.token_hex(4)


#: How the kit writes a number in a dossier's JSON: a plain decimal, point as separator.
_STORED_NUMBER = re.compile(r"-?\d{1,30}(\.\d{1,30})?")


def _number(value: Any, info: ValidationInfo) -> Decimal:
    """A number typed on a page, through the kit's one number parser (both
    conventions, ambiguous writings and absurd magnitudes refused); a number
    read back from a stored dossier (``context={"stored": True}``, see
    :func:`dossier_from_json`) as the plain decimal the kit wrote (``74.368``
    is 74,368 there, never ambiguous), else through the same parser."""
    if info.context and info.context.get("stored") and isinstance(value, str) and _STORED_NUMBER.fullmatch(value):
        return Decimal(value)
    try:
        return parse_decimal(value, "montant", "Montant")
    except InputError as error:
        raise ValueError(error.problem) from None


def _cents(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("montant non fini")
    if abs(value) > MAX_AMOUNT:
        raise ValueError(f"montant supérieur à {MAX_AMOUNT} €")
    if value != to_cents(value):
        raise ValueError("un montant se donne au centime près")
    return to_cents(value)


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("le montant est négatif")
    return value


def _positive(value: Decimal) -> Decimal:
    if value <= 0:
        raise ValueError("le montant doit être strictement positif")
    return value


# Money: exact Decimal to the cent, written as a string in JSON.
Money = Annotated[Decimal, BeforeValidator(_number), AfterValidator(_cents), AfterValidator(_non_negative),
                  PlainSerializer(lambda v: str(v), return_type=str, when_used="json")]
PositiveMoney = Annotated[Decimal, BeforeValidator(_number), AfterValidator(_cents), AfterValidator(_positive),
                          PlainSerializer(lambda v: str(v), return_type=str, when_used="json")]


def _tidy(value: Decimal) -> Decimal:
    """``74.3680`` → ``74.368``, ``620.0`` → ``620``: the same quantity, one writing."""
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


# A measured quantity [kWh, m³…]: exact Decimal, any number of decimals.
Quantity = Annotated[Decimal, BeforeValidator(_number), AfterValidator(_non_negative), AfterValidator(_tidy),
                     PlainSerializer(lambda v: format(v, "f"), return_type=str, when_used="json")]
Text = Annotated[str, Field(max_length=2000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class _Item(_Model):
    id: str = Field(default_factory=new_id, pattern=r"^[0-9a-f]{8}$")


# --------------------------------------------------------------------------- who, consent


class Consent(_Model):
    """What the person agreed to, recorded before anything is stored."""

    date: dt.date
    conservation: Literal[True] = Field(
        description="Accord pour que le dossier soit conservé par la structure (obligatoire)")
    partage_creanciers: bool = Field(
        default=False, description="Accord pour montrer le détail du budget aux créanciers dans les courriers")
    partage_partenaires: bool = Field(
        default=False, description="Accord pour transmettre l'issue de l'accompagnement au partenaire qui l'a orienté")
    recueilli_par: ShortText
    texte: str | None = Field(default=None, max_length=2000, description="Formulation lue à la personne")


class Identity(_Model):
    """Direct personal data: all optional, kept to what the appointment needs.

    This is the only part of a dossier that names or locates a person; the
    rest describes the household by roles, ages and amounts.
    """

    nom: str | None = Field(default=None, max_length=200)
    prenom: str | None = Field(default=None, max_length=200)
    telephone: str | None = Field(default=None, max_length=40)
    courriel: str | None = Field(default=None, max_length=200)
    adresse: str | None = Field(default=None, max_length=500)
    langue: str | None = Field(default=None, max_length=60, description="Langue que la personne lit le mieux")

    def is_empty(self) -> bool:
        return all(v in (None, "") for v in self.model_dump().values())

    def display_name(self) -> str | None:
        parts = [p for p in (self.prenom, self.nom) if p]
        return " ".join(parts) or None


HousingStatus = Literal["locataire_social", "locataire_prive", "proprietaire", "heberge", "autre"]


class Housing(_Model):
    """The home: where it is (for the FSL of the territory) and how it is occupied."""

    statut: HousingStatus | None = None
    code_postal: str | None = Field(default=None, pattern=r"^\d{5}$")
    territoire_fsl: str | None = Field(default=None, max_length=4,
                                       description="Code du territoire FSL (« 77 », « 69M »)")
    aide_logement: bool | None = Field(default=None, description="Le foyer perçoit une aide au logement")


class Member(_Item):
    """A person of the household, by role and age (never by name)."""

    role: Literal["adulte", "enfant"]
    age: int | None = Field(default=None, ge=0, le=120,
                            description="[années] à la date de saisie ; facultatif pour un adulte")
    annee_naissance: int | None = Field(default=None, ge=1900, le=2100)
    residence_alternee: bool = False
    a_charge: bool | None = Field(
        default=None, description="Personne à charge (barème de saisie) ; vide : les enfants le sont")

    @model_validator(mode="after")
    def _age_known(self):
        if self.role == "enfant" and self.age is None and self.annee_naissance is None:
            raise ValueError("donner l'âge ou l'année de naissance de l'enfant")
        if self.residence_alternee and self.role != "enfant":
            raise ValueError("seul un enfant peut être en résidence alternée")
        return self

    def age_on(self, day: dt.date, recorded_on: dt.date) -> int | None:
        """Age on ``day`` [années]: from the year of birth when known (age
        reached during that year), else the age typed on ``recorded_on``
        plus the whole years since; None for an adult whose age was not given
        (the scales only need to know that an adult is past 14)."""
        if self.annee_naissance is not None:
            return max(0, day.year - self.annee_naissance)
        if self.age is None:
            return None
        years = day.year - recorded_on.year - ((day.month, day.day) < (recorded_on.month, recorded_on.day))
        return max(0, self.age + max(0, years))

    def dependant(self) -> bool:
        return self.a_charge if self.a_charge is not None else self.role == "enfant"


# --------------------------------------------------------------------------- budget and debts


class BudgetLine(_Item):
    """A resource or a charge, as typed: amount per period."""

    categorie: ShortText
    montant: Money = Field(description="[€ par période]")
    periodicite: Literal["semaine", "mois", "trimestre", "annee"] = "mois"
    libelle: str | None = Field(default=None, max_length=300)


class Debt(_Item):
    """A debt to one creditor, with the creditor's own limits."""

    creancier: ShortText
    nature: ShortText = "autre"
    montant: PositiveMoney = Field(description="Montant dû quand la dette a été saisie [€]")
    reference: str | None = Field(default=None, max_length=100, description="Référence chez le créancier")
    prioritaire: bool | None = Field(default=None, description="Vide : selon la nature de la dette")
    constatee_le: dt.date | None = None
    duree_max_mois: int | None = Field(default=None, ge=1, le=84, description="Durée la plus longue acceptée [mois]")
    echeance_min: Money | None = Field(default=None, description="Plus petite échéance acceptée [€]")
    contrat_id: str | None = Field(default=None, description="Contrat d'énergie concerné, s'il y en a un")


# --------------------------------------------------------------------------- energy


class EnergyContract(_Item):
    energie: Literal["electricite", "gaz", "eau", "fioul_bois", "reseau_chaleur"]
    fournisseur: str | None = Field(default=None, max_length=200)
    option: str | None = Field(default=None, max_length=40, description="base, hc, tempo… ou profil gaz")
    puissance_kva: int | None = Field(default=None, ge=1, le=36, description="[kVA]")
    compteur: Literal["linky", "gazpar", "autre", "inconnu"] = "inconnu"
    titulaire: bool | None = Field(default=None, description="Le contrat est au nom du foyer")
    pdl: str | None = Field(default=None, max_length=20, description="Point de livraison (donnée personnelle)")
    reference_client: str | None = Field(default=None, max_length=60)


#: Where a bill or a reading of the dossier comes from (shown beside it, so
#: that next month nobody takes a computed amount for the supplier's).
ENERGY_ORIGINS: dict[str, str] = {
    "facture": "Facture lue avec la personne",
    "calcul_tarif_bleu": "Facture vérifiée : montant calculé par le kit au Tarif Bleu (page « Facture "
                         "d'électricité »), pas celui du fournisseur",
    "linky": "Linky : total du mois (export Enedis)",
}
EnergyOrigin = Literal["facture", "calcul_tarif_bleu", "linky"]


class Bill(_Item):
    """A bill read with the household, or checked on the bill page
    (``origine`` says which: a computed amount is not the supplier's)."""

    contrat_id: str | None = None
    debut: dt.date
    fin: dt.date
    emise_le: dt.date | None = None
    montant_ttc: Money | None = None
    consommation_kwh: Quantity | None = None
    payee: bool | None = None
    origine: EnergyOrigin | None = Field(default=None, description="Vide : saisie dans le dossier")

    @model_validator(mode="after")
    def _ordered(self):
        if self.fin < self.debut:
            raise ValueError("la fin de la facture précède son début")
        return self


class Reading(_Item):
    """A meter reading: an ``index`` typed from a bill or the meter on
    ``date``, or the consumption measured over a period (``debut`` …
    ``date``, ``consommation_kwh``), such as a month of a Linky export.
    Only such totals are kept, never the 30-minute curve."""

    contrat_id: str | None = None
    date: dt.date = Field(description="Jour du relevé ; pour une consommation, dernier jour de la période")
    index: Quantity | None = None
    debut: dt.date | None = Field(default=None, description="Premier jour de la période mesurée")
    consommation_kwh: Quantity | None = Field(default=None, description="[kWh] sur la période")
    complet: bool | None = Field(default=None, description="Toute la période est mesurée (pas de trou)")
    registre: str = Field(default="base", max_length=20, description="base, hp, hc, bleu_hc…")
    unite: Literal["kWh", "m3"] = "kWh"
    origine: EnergyOrigin | None = Field(default=None, description="Vide : saisi dans le dossier")

    @model_validator(mode="after")
    def _what_was_read(self):
        if self.index is None and self.consommation_kwh is None:
            raise ValueError("un relevé donne un index ou une consommation")
        if self.debut is not None and (self.consommation_kwh is None or self.debut > self.date):
            raise ValueError("une période mesurée a une consommation et commence avant son dernier jour")
        return self


# --------------------------------------------------------------------------- rights, plans, payments


class RightCheck(_Item):
    """A right checked during an appointment: what was typed, what came out.

    ``entrees`` and ``resultat`` are plain JSON (amounts as strings) so that
    the check can be shown again exactly as it was, even after the rules
    changed.
    """

    droit: Literal["cheque_energie", "fsl", "tarif_social", "autre"]
    date: dt.date
    entrees: dict[str, JsonValue] = Field(default_factory=dict)
    resultat: dict[str, JsonValue] = Field(default_factory=dict)
    statut: str | None = Field(default=None, max_length=60)
    resume: str | None = Field(default=None, max_length=1000, description="Une phrase pour le dossier")


class Instalment(_Model):
    debt_id: str
    date: dt.date
    montant: PositiveMoney


PlanStatus = Literal["propose", "accepte", "remplace", "solde", "abandonne"]


class Plan(_Item):
    """A payment plan across one or several debts, as computed and agreed."""

    cree_le: dt.date
    methode: Literal["priorites", "prorata", "unique"] = "priorites"
    capacite: PositiveMoney = Field(description="Montant mensuel consacré au plan [€/mois]")
    premiere_echeance: dt.date
    jour: int | None = Field(default=None, ge=1, le=31)
    debt_ids: list[str] = Field(min_length=1)
    echeances: list[Instalment] = Field(min_length=1)
    statut: PlanStatus = "propose"
    remplace: str | None = Field(default=None, description="Plan que celui-ci remplace (re-planification)")

    def total(self, debt_id: str | None = None) -> Decimal:
        return sum((e.montant for e in self.echeances if debt_id in (None, e.debt_id)), Decimal(0))


class Payment(_Item):
    """A payment the household made to a creditor."""

    date: dt.date
    montant: PositiveMoney
    debt_id: str
    plan_id: str | None = None
    moyen: str | None = Field(default=None, max_length=60)


class Note(_Item):
    date: dt.datetime
    auteur: ShortText
    texte: Annotated[str, Field(min_length=1, max_length=20000)]


class IssuedDocument(_Item):
    """A document handed or sent (its content is re-rendered on demand, not stored)."""

    date: dt.datetime
    type: ShortText
    titre: ShortText
    par: ShortText
    debt_id: str | None = None
    plan_id: str | None = None


class Act(_Item):
    """An act of the structure for this household (appointment, call, visit…).

    ``type``, ``motifs`` and ``resultats`` are codes of the activity
    vocabulary (``tariffs/activite/vocabulaire.yaml``, shared with the
    activity record, which counts acts without personal data); a kind may be
    given by an alias (« rendez-vous ») and is stored as its code. To record
    an act in the dossier and in the activity record at once, use
    :func:`counselling.activity.record_act`.
    """

    date: dt.date
    type: ShortText
    conseiller: ShortText
    site: str | None = Field(default=None, max_length=200)
    partenaire: str | None = Field(default=None, max_length=200)
    motifs: list[ShortText] = Field(default_factory=list)
    resultats: list[ShortText] = Field(default_factory=list)
    duree_minutes: int | None = Field(default=None, ge=0, le=24 * 60)

    @field_validator("type", mode="before")
    @classmethod
    def _known_kind(cls, value):
        from ..activity.vocabulary import vocabulary

        return vocabulary().kind_code(value) if isinstance(value, str) else value

    @field_validator("motifs", mode="before")
    @classmethod
    def _known_reasons(cls, value):
        from ..activity.vocabulary import vocabulary

        return vocabulary().reason_codes(value) if isinstance(value, list) else value

    @field_validator("resultats", mode="before")
    @classmethod
    def _known_outcomes(cls, value):
        from ..activity.vocabulary import vocabulary

        return vocabulary().outcome_codes(value) if isinstance(value, list) else value


class Fiscal(_Model):
    """What the tax notice says, for the chèque énergie."""

    rfr: Money | None = Field(default=None, description="Revenu fiscal de référence [€/an]")
    annee_revenus: int | None = Field(default=None, ge=2000, le=2100, description="Année des revenus (N-2)")
    titulaire_contrat_electricite: bool | None = None


# --------------------------------------------------------------------------- the dossier


class Dossier(_Model):
    """One household followed by the structure. See the module docstring."""

    schema_version: Literal[1] = SCHEMA_VERSION
    reference: str = Field(pattern=REFERENCE_PATTERN)
    site: str | None = Field(default=None, max_length=200)
    cree_le: dt.date
    cree_par: ShortText
    consentement: Consent
    identite: Identity = Field(default_factory=Identity)
    logement: Housing = Field(default_factory=Housing)
    membres: list[Member] = Field(default_factory=list, max_length=30)
    ressources: list[BudgetLine] = Field(default_factory=list, max_length=200)
    charges: list[BudgetLine] = Field(default_factory=list, max_length=200)
    dettes: list[Debt] = Field(default_factory=list, max_length=100)
    fiscal: Fiscal = Field(default_factory=Fiscal)
    contrats: list[EnergyContract] = Field(default_factory=list)
    factures: list[Bill] = Field(default_factory=list)
    releves: list[Reading] = Field(default_factory=list)
    droits: list[RightCheck] = Field(default_factory=list)
    plans: list[Plan] = Field(default_factory=list)
    paiements: list[Payment] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)
    documents: list[IssuedDocument] = Field(default_factory=list)
    actes: list[Act] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self):
        _unique_ids(self)
        debts = {d.id for d in self.dettes}
        plans = {p.id for p in self.plans}
        contracts = {c.id for c in self.contrats}
        for plan in self.plans:
            _known(plan.debt_ids, debts, f"le plan {plan.id}")
            _known([e.debt_id for e in plan.echeances], set(plan.debt_ids), f"une échéance du plan {plan.id}")
            if plan.remplace is not None:
                _known([plan.remplace], plans, f"le plan {plan.id}")
        for payment in self.paiements:
            _known([payment.debt_id], debts, f"le paiement du {payment.date:%d/%m/%Y}")
            if payment.plan_id is not None:
                _known([payment.plan_id], plans, f"le paiement du {payment.date:%d/%m/%Y}")
        for item in [*self.dettes, *self.factures, *self.releves]:
            if item.contrat_id is not None:
                _known([item.contrat_id], contracts, "un élément lié à un contrat")
        for document in self.documents:
            if document.debt_id is not None:
                _known([document.debt_id], debts, f"le document « {document.titre} »")
            if document.plan_id is not None:
                _known([document.plan_id], plans, f"le document « {document.titre} »")
        return self

    # ------------------------------------------------------------------ look-ups

    def debt(self, debt_id: str) -> Debt:
        for debt in self.dettes:
            if debt.id == debt_id:
                return debt
        raise InputError("debt_id", "Dette", f"aucune dette « {debt_id} » dans ce dossier",
                         "une dette du dossier")

    def plan(self, plan_id: str) -> Plan:
        for plan in self.plans:
            if plan.id == plan_id:
                return plan
        raise InputError("plan_id", "Plan", f"aucun plan « {plan_id} » dans ce dossier", "un plan du dossier")

    def current_plan(self) -> Plan | None:
        """The plan being followed: the latest accepted (or proposed) one not replaced."""
        live = [p for p in self.plans if p.statut in ("accepte", "propose")]
        return max(live, key=lambda p: (p.statut == "accepte", p.cree_le), default=None)

    def paid(self, debt_id: str) -> Decimal:
        """Total recorded as paid on a debt. [€]"""
        return sum((p.montant for p in self.paiements if p.debt_id == debt_id), Decimal(0))

    def remaining(self, debt_id: str) -> Decimal:
        """What is still owed on a debt after the recorded payments (never below 0). [€]"""
        return max(Decimal(0), self.debt(debt_id).montant - self.paid(debt_id))

    def last_act_on(self) -> dt.date:
        """Date of the latest act (the creation counts as one): drives retention."""
        return max([self.cree_le, *(a.date for a in self.actes)])

    def can_remove_debt(self, debt_id: str) -> bool:
        """A debt named by a payment, a plan or a document is kept (nothing is lost)."""
        return not (any(p.debt_id == debt_id for p in self.paiements)
                    or any(debt_id in p.debt_ids for p in self.plans)
                    or any(d.debt_id == debt_id for d in self.documents))


def _unique_ids(dossier: Dossier) -> None:
    seen: set[str] = set()
    for name in ("membres", "ressources", "charges", "dettes", "contrats", "factures", "releves",
                 "droits", "plans", "paiements", "notes", "documents", "actes"):
        for item in getattr(dossier, name):
            if item.id in seen:
                raise ValueError(f"identifiant « {item.id} » utilisé deux fois")
            seen.add(item.id)


def _known(ids, known: set[str], where: str) -> None:
    missing = [i for i in ids if i not in known]
    if missing:
        raise ValueError(f"{where} renvoie à un élément absent du dossier ({', '.join(missing)})")


# --------------------------------------------------------------------------- sections (audit, autosave)

#: Sections of the appointment page and the fields each one writes. The audit
#: trail names sections, never values.
SECTIONS: dict[str, tuple[str, ...]] = {
    "consentement": ("consentement",),
    "identite": ("identite",),
    "foyer": ("membres", "logement", "fiscal", "site"),
    "budget": ("ressources", "charges"),
    "dettes": ("dettes",),
    "plan_et_suivi": ("plans", "paiements"),
    "energie": ("contrats", "factures", "releves"),
    "droits": ("droits",),
    "notes": ("notes",),
    "documents": ("documents",),
    "actes": ("actes",),
}


def changed_sections(old: Dossier | None, new: Dossier) -> list[str]:
    """Sections whose content differs between two states of a dossier
    (all of them for a new dossier)."""
    if old is None:
        return ["creation"]
    changed = []
    for section, fields in SECTIONS.items():
        if any(getattr(old, f) != getattr(new, f) for f in fields):
            changed.append(section)
    return changed


# --------------------------------------------------------------------------- JSON and schema upgrades

#: ``{from_version: function(document) -> document of from_version + 1}``.
#: Add one entry when the shape changes, with a test that a document of the
#: old shape still opens.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    """Bring a JSON document of an older schema to :data:`SCHEMA_VERSION`."""
    version = document.get("schema_version", 1)
    if not isinstance(version, int) or version < 1 or version > SCHEMA_VERSION:
        raise InputError("schema_version", "Version du dossier",
                         f"« {version} » n'est pas une version que ce kit sait lire",
                         f"une version de 1 à {SCHEMA_VERSION} (mettre le kit à jour pour un dossier plus récent)")
    while version < SCHEMA_VERSION:
        document = UPGRADES[version](document)
        version += 1
        document["schema_version"] = version
    return document


def dossier_from_json(text: str | bytes) -> Dossier:
    """Read a dossier from its JSON document (upgrading an older schema).

    Raises :class:`~counselling.errors.InputError` in French when the text is
    not a dossier, naming the first field at fault.
    """
    import json

    try:
        document = json.loads(text)
    except (ValueError, TypeError) as error:
        raise InputError("dossier", "Fichier du dossier", f"ce n'est pas un fichier JSON lisible ({error})",
                         "un dossier exporté par le kit (fichier .json)") from None
    if not isinstance(document, dict):
        raise InputError("dossier", "Fichier du dossier", "le fichier ne contient pas un dossier",
                         "un dossier exporté par le kit (fichier .json)")
    try:
        return Dossier.model_validate(upgrade(document), context={"stored": True})
    except ValidationError as error:
        raise validation_error(error, "Fichier du dossier") from None


def dossier_to_json(dossier: Dossier, indent: int | None = 2) -> str:
    """The dossier as readable JSON with every field (UTF-8 text, accents kept)."""
    return dossier.model_dump_json(indent=indent)


def validation_error(error: ValidationError, label: str) -> InputError:
    """A pydantic error turned into the kit's French message (first problem only)."""
    first = error.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ())) or "dossier"
    message = first.get("msg", "valeur invalide").removeprefix("Value error, ")
    context = first.get("ctx") or {}
    if first.get("type") == "too_long":  # pydantic's own words are English
        message = f"{context.get('actual_length')} éléments, au plus {context.get('max_length')} dans un dossier"
    elif first.get("type") == "missing":
        message = "valeur manquante"
    return InputError(where, f"{label} ({where})", message, "une valeur conforme au dossier")

"""Loader and schema of the FSL règlements kept under ``tariffs/fsl/``.

The Fonds de Solidarité pour le Logement is run by each département (or
métropole) with its own règlement intérieur. One file per territory:
``tariffs/fsl/<code>.yaml`` (``77.yaml``, ``69M.yaml``…), plus the national
frame ``tariffs/fsl/_national.yaml`` (resources excluded by décret 2005-212
art. 5, facts a criterion may ask for, principles of loi 90-449 art. 6-1).

Layout of a territory file (see ``docs/fsl.md`` for a full example)::

    code: "77"
    nom: Seine-et-Marne
    verified_on: 2026-11-23
    last_value_still_valid_on: 2026-12-31      # optional: a revision is due after it
    versions:
      2021-12-01:                              # date of effect of the règlement
        reglement: {title: …, url: …}          # a Source
        plafond_ressources: {type: non_public, source: …, note: …}
        volets:
          energie:
            finance: true                      # null = not known
            source: …
            aide: {plafond: 900, periode: annee_civile, source: …}
            conditions:
              - {fait: contrat_au_nom_du_menage, attendu: true, label: …, source: …}

A value that is not public is written as such (``type: non_public``,
``plafond: null`` with a ``note``): the engine then answers « à vérifier
auprès du département » instead of guessing.

Numbers are exact Decimals (``read_yaml``). A malformed file raises
:class:`~counselling.errors.TariffError` naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from .errors import TariffError, quote
from .tariffs import Confidence, Source, Sourced, load_model, read_yaml, tariffs_dir

VoletCode = Literal["acces", "maintien", "energie", "eau", "telephone"]
FactKind = Literal["oui_non", "montant", "ratio", "nombre"]


_Sourced = Sourced  # source, confidence, note (see counselling.tariffs.Sourced)


# --------------------------------------------------------------------------- national frame


class FactSpec(BaseModel):
    """A fact about the household that a criterion may need."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(min_length=3)
    kind: FactKind
    piece: str | None = Field(default=None, description="Pièce justificative qui le prouve")


class ExcludedResource(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    source: Source


class Principle(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str
    texte: str
    source: Source
    volets: list[VoletCode] | None = None


class NationalFrame(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    verified_on: dt.date
    volets: dict[VoletCode, str]
    ressources_comptees: dict[str, str] = Field(min_length=1)
    ressources_exclues: dict[str, ExcludedResource] = Field(min_length=1)
    deductions_possibles: dict[str, str] = Field(default_factory=dict)
    piece_ressources: str
    faits: dict[str, FactSpec]
    principes: list[Principle]

    @model_validator(mode="after")
    def _disjoint(self):
        both = set(self.ressources_comptees) & set(self.ressources_exclues)
        if both:
            raise ValueError(f"ressources à la fois comptées et exclues : {sorted(both)}")
        return self


# --------------------------------------------------------------------------- territory files


class SpecificCeiling(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    fait: str
    montant: Decimal
    label: str


class ResourceCeiling(_Sourced):
    """Resource ceiling of a volet.

    ``type``:

    * ``par_personnes``: ``montants`` {persons: €/month}, optional
      ``par_personne_supplementaire`` beyond the largest key;
    * ``par_composition``: ``seul`` / ``couple`` {children: €/month}, optional
      ``par_enfant_supplementaire`` beyond the largest key;
    * ``par_part``: ``montant_par_part`` [€/month] × parts, ``seul`` /
      ``couple`` {children: parts};
    * ``quotient``: a quotient (CAF or the département's own) compared with
      ``plafond``; ``plafonds_specifiques`` raise it for some situations;
    * ``rsa``: ``coefficient`` × the RSA montant forfaitaire of the household's
      composition on the date asked (``tariffs/rsa.yaml``: follows each
      revaluation without editing the file), e.g. « deux fois le RSA »;
    * ``non_public``: not found in public sources (« à vérifier »).
    """

    type: Literal["par_personnes", "par_composition", "par_part", "quotient", "rsa", "non_public"]
    comparaison: Literal["<", "<=", "inconnu"] | None = None
    periode_ressources: Literal["mois", "moyenne_3_mois"] = "mois"
    montants: dict[int, Decimal] | None = None
    par_personne_supplementaire: Decimal | None = None
    seul: dict[int, Decimal] | None = None
    couple: dict[int, Decimal] | None = None
    par_enfant_supplementaire: Decimal | None = None
    montant_par_part: Decimal | None = None
    plafond: Decimal | None = None
    quotient_label: str | None = None
    coefficient: Decimal | None = Field(default=None, gt=0, description="Multiple du RSA (type rsa)")
    majore_pour: str | None = Field(
        default=None, description="Situations pour lesquelles le règlement relève le plafond d'un montant non "
                                  "publié : au-dessus du plafond, « à vérifier » plutôt que « non rempli »")
    plafonds_specifiques: list[SpecificCeiling] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fields_of_type(self):
        needed = {
            "par_personnes": ["montants"],
            "par_composition": ["seul", "couple"],
            "par_part": ["seul", "couple", "montant_par_part"],
            "quotient": ["plafond", "quotient_label"],
            "rsa": ["coefficient"],
            "non_public": [],
        }[self.type]
        missing = [name for name in needed if getattr(self, name) is None]
        if missing:
            raise ValueError(f"un plafond « {self.type} » doit donner : {', '.join(missing)}")
        if self.type != "non_public" and self.comparaison is None:
            raise ValueError("« comparaison » (<, <= ou inconnu) est obligatoire pour un plafond public")
        if self.type == "non_public" and not self.note:
            raise ValueError("un plafond non public doit dire dans « note » ce qui a été cherché")
        for name in ("montants", "seul", "couple"):
            table = getattr(self, name)
            if table is not None and (not table or min(table) < (1 if name == "montants" else 0)):
                raise ValueError(f"{quote(name)} : table vide ou clé impossible")
        return self


class AidCap(_Sourced):
    """Maximum aid of a volet. ``plafond`` null = not public."""

    plafond: Decimal | None = None
    periode: Literal["par_aide", "annee_civile", "glissante"] = "par_aide"
    mois: int | None = Field(default=None, ge=1, description="Durée de la période glissante")
    selon_personnes: dict[int, Decimal] | None = None
    selon_rang: dict[int, Decimal] | None = None
    selon_logement_social: dict[bool, Decimal] | None = None
    taux_dette: Decimal | None = Field(default=None, gt=0, le=1)
    minimum: Decimal | None = None
    modalites: str | None = None

    @model_validator(mode="after")
    def _consistent(self):
        if self.periode == "glissante" and self.mois is None:
            raise ValueError("une période glissante doit donner « mois »")
        if (self.plafond is None and not any([self.selon_personnes, self.selon_rang,
                                              self.selon_logement_social]) and not self.note):
            raise ValueError("un plafond d'aide non public doit être expliqué dans « note »")
        return self


class Condition(_Sourced):
    """A condition on a fact: ``attendu`` (yes/no), or ``minimum`` / ``maximum``."""

    fait: str
    label: str = Field(min_length=3)
    attendu: bool | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    strict: bool = False

    @model_validator(mode="after")
    def _one_test(self):
        tests = [self.attendu is not None, self.minimum is not None, self.maximum is not None]
        if sum(tests) != 1:
            raise ValueError(f"condition « {self.fait} » : donner un seul test (attendu, minimum ou maximum)")
        return self


class Frequency(_Sourced):
    max_aides: int = Field(ge=1)
    mois: int = Field(ge=1)


class Volet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    finance: bool | None
    source: Source | None = None
    note: str | None = None
    plafond_ressources: ResourceCeiling | None = None
    aide: AidCap | None = None
    conditions: list[Condition] = Field(default_factory=list)
    frequence: Frequency | None = None
    pieces: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _explained(self):
        if self.finance is None and not self.note:
            raise ValueError("un volet dont on ne sait pas s'il est financé doit avoir une « note »")
        if self.finance is not None and self.source is None:
            raise ValueError("un volet financé ou non doit citer sa « source »")
        return self


class Version(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reglement: Source
    date_effet_connue: bool = True
    confidence: Confidence = "haute"
    note: str | None = None
    plafond_ressources: ResourceCeiling
    deductions_ressources: list[str] = Field(default_factory=list)
    deductions_source: Source | None = None
    faits: dict[str, FactSpec] = Field(default_factory=dict)
    volets: dict[VoletCode, Volet] = Field(min_length=1)
    pieces: list[str] = Field(default_factory=list)
    pieces_source: Source | None = None

    @model_validator(mode="after")
    def _sources(self):
        if (not self.date_effet_connue or self.confidence != "haute") and not self.note:
            raise ValueError("une version à date d'effet inconnue ou de confiance réduite doit avoir une « note »")
        if self.pieces and self.pieces_source is None:
            raise ValueError("« pieces » doit citer « pieces_source »")
        if self.deductions_ressources and self.deductions_source is None:
            raise ValueError("« deductions_ressources » doit citer « deductions_source »")
        return self


ApplyChannel = Literal["formulaire", "en_ligne", "travailleur_social", "direct", "ccas", "fournisseur"]


class Contact(BaseModel):
    """Who to call or write to about the FSL (a service, not a person)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    service: str = Field(min_length=3, description="Service (« Service FSL, Maison départementale… »)")
    telephone: str | None = None
    courriel: str | None = None
    adresse: str | None = None
    url: str | None = None
    horaires: str | None = None
    source: Source


class HowToApply(Sourced):
    """How a household applies: through whom, with which form or service."""

    canaux: list[ApplyChannel] = Field(min_length=1)
    texte: str = Field(min_length=10, description="En français simple, pour le ménage")
    formulaire: str | None = Field(default=None, description="Lien vers le formulaire ou le téléservice")


class FslFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    code: str = Field(pattern=r"^(\d{2}[A-Z]?|2[AB]|97\d)$")
    nom: str
    gestionnaire: str
    territoire: str | None = None
    page_officielle: Source | None = Field(default=None, description="Page FSL officielle du gestionnaire")
    demande: HowToApply | None = None
    contacts: list[Contact] = Field(default_factory=list)
    verified_on: dt.date
    last_value_still_valid_on: dt.date | None = None
    versions: dict[dt.date, Version] = Field(min_length=1)

    @field_validator("versions", mode="before")
    @classmethod
    def _dated(cls, versions):
        if isinstance(versions, dict):
            for key in versions:
                if not isinstance(key, dt.date):
                    raise ValueError(f"{quote(key)} n'est pas une date d'effet (AAAA-MM-JJ)")
        return versions


# --------------------------------------------------------------------------- loading


def fsl_dir() -> Path:
    return tariffs_dir() / "fsl"


@lru_cache(maxsize=1)
def national() -> NationalFrame:
    """The national frame (``tariffs/fsl/_national.yaml``)."""
    return load_model(fsl_dir() / "_national.yaml", NationalFrame)


def load_fsl_file(path: Path) -> FslFile:
    """Load and validate one territory file; checks that each fact a
    condition names is known (national catalogue or the file's ``faits``) and
    that the file name matches its ``code``."""
    path = Path(path)
    raw = read_yaml(path)
    where = f"tariffs/fsl/{path.name}"
    if not isinstance(raw, dict):
        raise TariffError(f"{where} : le fichier doit contenir code, nom, verified_on et versions.")
    if "code" in raw and not isinstance(raw["code"], str):
        raw = {**raw, "code": str(raw["code"]).zfill(2)}
    parsed = load_model(path, FslFile, raw)
    if parsed.code != path.stem:
        raise TariffError(f"{where} : le code « {parsed.code} » ne correspond pas au nom du fichier.")
    frame = national()
    for day, version in parsed.versions.items():
        facts = {**frame.faits, **version.faits}
        for name in version.deductions_ressources:
            if name not in frame.deductions_possibles:
                raise TariffError(f"{where}, version du {day} : déduction {quote(name)} inconnue "
                                  "(voir deductions_possibles dans _national.yaml).")
        ceilings = [version.plafond_ressources] + [v.plafond_ressources for v in version.volets.values()
                                                   if v.plafond_ressources is not None]
        for ceiling in ceilings:
            for specific in ceiling.plafonds_specifiques:
                if specific.fait not in facts:
                    raise TariffError(f"{where}, version du {day} : fait « {specific.fait} » inconnu.")
        for code, volet in version.volets.items():
            for condition in volet.conditions:
                if condition.fait not in facts:
                    raise TariffError(f"{where}, version du {day}, volet {code} : fait "
                                      f"« {condition.fait} » inconnu (à déclarer dans « faits »).")
                kind = facts[condition.fait].kind
                if (condition.attendu is not None) != (kind == "oui_non"):
                    raise TariffError(f"{where}, version du {day}, volet {code} : le test de "
                                      f"« {condition.fait} » ne correspond pas à son type ({kind}).")
    return parsed


@lru_cache(maxsize=None)
def fsl_file(code: str) -> FslFile:
    path = fsl_dir() / f"{code}.yaml"
    if not path.is_file():
        raise TariffError(f"tariffs/fsl/{code}.yaml : règlement introuvable.")
    return load_fsl_file(path)


def known_codes() -> list[str]:
    """Codes of the territories with a file (``02``, ``16``…, ``69M``, ``75``…)."""
    return sorted(p.stem for p in fsl_dir().glob("*.yaml") if not p.stem.startswith("_"))


def all_files() -> dict[str, FslFile]:
    return {code: fsl_file(code) for code in known_codes()}


def clear_cache() -> None:
    national.cache_clear()
    fsl_file.cache_clear()


def version_on(file: FslFile, on: dt.date) -> tuple[dt.date, Version, dt.date | None]:
    """The version in force on ``on``: (date of effect, version, next change).
    Before the first version: TariffError."""
    from .formatting import date_fr

    dates = sorted(file.versions)
    if on < dates[0]:
        raise TariffError(f"FSL {file.nom} : règlement connu seulement à partir du "
                          f"{date_fr(dates[0])} ; le {date_fr(on)} est avant.")
    effective = max(d for d in dates if d <= on)
    later = [d for d in dates if d > on]
    return effective, file.versions[effective], (later[0] if later else None)


def still_valid_on(file: FslFile, effective: dt.date) -> dt.date:
    """Last day the version starting ``effective`` is known to be valid.

    A règlement intérieur has no revision calendar: the newest version stays
    valid (``dt.date.max``) unless the file says when a revision is known
    to be due (``last_value_still_valid_on``, e.g. a ceiling indexed on the
    RSA and revised every 1 January). It is never « à vérifier » merely
    because days passed since ``verified_on``; its age is said apart
    (:func:`counselling.calculators.fsl.age_notice`, over three years)."""
    later = [d for d in file.versions if d > effective]
    if later:
        return min(later) - dt.timedelta(days=1)
    return file.last_value_still_valid_on or dt.date.max

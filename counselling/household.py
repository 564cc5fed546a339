"""Household and budget model: members, resources, charges and debts.

Categories and their French labels are data (``tariffs/budget/categories.yaml``,
schema :class:`CategoriesFile`). A household is built from plain dicts and
lists (a form, a YAML case, a script) with :func:`parse_household`; every bad
value raises :class:`~counselling.errors.InputError` naming the field
(``ressources[2].montant``).

Amounts are entered per week, month, quarter or year and normalised to months:

* monthly amount = amount × (times per year) ÷ 12, so a weekly amount is
  multiplied by 52 and divided by 12, a quarterly amount divided by 3, a
  yearly amount divided by 12;
* the result is rounded to the cent (half up) line by line, so that the
  monthly lines shown on screen add up exactly to the totals shown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .errors import InputError, quote
from .inputs import parse_bool, parse_int, parse_money, to_cents
from .tariffs import Source, load_model, tariffs_dir

# --------------------------------------------------------------------------- categories (data)


class Periodicity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    par_an: int = Field(gt=0, description="Nombre d'occurrences par an (semaine : 52)")


class ResourceCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    fsl: str | None = Field(default=None, description="Nature de la ressource pour le FSL (_national.yaml)")


class ChargeCategory(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    groupe: str
    credit: bool = False


class DebtKind(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    prioritaire: bool
    rang: int = Field(ge=1, description="Ordre de paiement : 1 d'abord")


class _Group(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Source


class PeriodicityGroup(_Group):
    valeurs: dict[str, Periodicity] = Field(min_length=1)


class ResourceGroup(_Group):
    valeurs: dict[str, ResourceCategory] = Field(min_length=1)


class ChargeGroup(_Group):
    valeurs: dict[str, ChargeCategory] = Field(min_length=1)


class DebtGroup(_Group):
    valeurs: dict[str, DebtKind] = Field(min_length=1)


class CategoriesFile(BaseModel):
    """Schema of ``tariffs/budget/categories.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    verified_on: dt.date
    periodicites: PeriodicityGroup
    ressources: ResourceGroup
    charges: ChargeGroup
    dettes: DebtGroup


@lru_cache(maxsize=1)
def categories() -> CategoriesFile:
    """The budget categories (cached). A malformed file raises TariffError."""
    return load_model(tariffs_dir() / "budget" / "categories.yaml", CategoriesFile)


# --------------------------------------------------------------------------- household


class Member(BaseModel):
    """A person of the household."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    age: int = Field(ge=0, le=120, description="[années]")
    role: Literal["adulte", "enfant"]
    residence_alternee: bool = False


class Line(BaseModel):
    """One resource or charge, as entered and normalised to a month."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    categorie: str
    libelle: str
    montant: Decimal = Field(description="Montant saisi [€ par période]")
    periodicite: str
    mensuel: Decimal = Field(description="Montant ramené au mois [€/mois]")


class Debt(BaseModel):
    """A debt owed to one creditor."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    creancier: str
    nature: str
    montant: Decimal = Field(description="Reste dû [€]")
    prioritaire: bool
    rang: int


class Household(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    membres: tuple[Member, ...]
    ressources: tuple[Line, ...] = ()
    charges: tuple[Line, ...] = ()
    dettes: tuple[Debt, ...] = ()

    @property
    def adults(self) -> int:
        return sum(1 for m in self.membres if m.role == "adulte")

    @property
    def children(self) -> int:
        return sum(1 for m in self.membres if m.role == "enfant")


def monthly(amount: Decimal, periodicity: str) -> Decimal:
    """Amount per month, rounded to the cent: amount × times per year ÷ 12. [€/mois]

    >>> monthly(Decimal("10"), "semaine")   # 10 × 52 ÷ 12 = 43,333… → 43,33
    Decimal('43.33')
    """
    per_year = categories().periodicites.valeurs[periodicity].par_an
    return to_cents(amount * per_year / 12)


MAX_MEMBERS = 30
MAX_AMOUNT = Decimal(10_000_000)


def _as_list(value: Any, field: str, label: str) -> list:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)):
        raise InputError(field, label, "la valeur n'est pas une liste", "une liste (éventuellement vide)")
    return list(value)


def _as_dict(value: Any, field: str, label: str) -> dict:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if not isinstance(value, dict):
        raise InputError(field, label, f"{quote(value)} n'est pas une fiche", "une fiche avec ses champs")
    return value


def parse_member(data: Any, index: int) -> Member:
    field = f"membres[{index}]"
    data = _as_dict(data, field, f"Membre n° {index + 1}")
    role = data.get("role", "adulte")
    if role not in ("adulte", "enfant"):
        raise InputError(f"{field}.role", f"Rôle du membre n° {index + 1}",
                         f"{quote(role)} n'est pas un rôle connu", "« adulte » ou « enfant »")
    age = parse_int(data.get("age"), f"{field}.age", f"Âge du membre n° {index + 1}",
                    minimum=0, maximum=120)
    alternating = parse_bool(data.get("residence_alternee", False), f"{field}.residence_alternee",
                             f"Résidence alternée du membre n° {index + 1}")
    if alternating and role != "enfant":
        raise InputError(f"{field}.residence_alternee", f"Résidence alternée du membre n° {index + 1}",
                         "seul un enfant peut être en résidence alternée", "non, pour un adulte")
    return Member(age=age, role=role, residence_alternee=alternating)


def parse_line(data: Any, index: int, kind: Literal["ressources", "charges"]) -> Line:
    field = f"{kind}[{index}]"
    noun = "Ressource" if kind == "ressources" else "Charge"
    data = _as_dict(data, field, f"{noun} n° {index + 1}")
    cats = categories()
    known = cats.ressources.valeurs if kind == "ressources" else cats.charges.valeurs
    code = data.get("categorie")
    if not isinstance(code, str) or code not in known:
        raise InputError(f"{field}.categorie", f"Catégorie de la {noun.lower()} n° {index + 1}",
                         f"{quote(code)} n'est pas une catégorie connue",
                         "une de : " + ", ".join(sorted(known)))
    periodicity = data.get("periodicite", "mois")
    if not isinstance(periodicity, str) or periodicity not in cats.periodicites.valeurs:
        raise InputError(f"{field}.periodicite", f"Périodicité de la {noun.lower()} n° {index + 1}",
                         f"{quote(periodicity)} n'est pas une périodicité connue",
                         "semaine, mois, trimestre ou annee")
    amount = parse_money(data.get("montant"), f"{field}.montant",
                         f"Montant de « {known[code].label} »", maximum=MAX_AMOUNT)
    label = str(data.get("libelle") or known[code].label)
    return Line(categorie=code, libelle=label, montant=amount, periodicite=periodicity,
                mensuel=monthly(amount, periodicity))


def parse_debt(data: Any, index: int) -> Debt:
    field = f"dettes[{index}]"
    data = _as_dict(data, field, f"Dette n° {index + 1}")
    kinds = categories().dettes.valeurs
    nature = data.get("nature", "autre")
    if not isinstance(nature, str) or nature not in kinds:
        raise InputError(f"{field}.nature", f"Nature de la dette n° {index + 1}",
                         f"{quote(nature)} n'est pas une nature connue",
                         "une de : " + ", ".join(sorted(kinds)))
    creditor = str(data.get("creancier") or "").strip()
    if not creditor:
        raise InputError(f"{field}.creancier", f"Créancier de la dette n° {index + 1}",
                         "aucun nom n'a été saisi", "le nom du créancier")
    amount = parse_money(data.get("montant"), f"{field}.montant",
                         f"Montant dû à {creditor}", allow_zero=False, maximum=MAX_AMOUNT)
    priority = data.get("prioritaire")
    priority = kinds[nature].prioritaire if priority in (None, "") else parse_bool(
        priority, f"{field}.prioritaire", f"Dette prioritaire ({creditor})")
    rank = kinds[nature].rang if priority == kinds[nature].prioritaire else (1 if priority else 4)
    return Debt(creancier=creditor, nature=nature, montant=amount, prioritaire=priority, rang=rank)


def parse_household(data: Any) -> Household:
    """Build a :class:`Household` from plain data.

    Parameters
    ----------
    data : dict or Household
        ``membres`` (list of ``{age, role: adulte|enfant, residence_alternee}``),
        ``ressources`` and ``charges`` (lists of ``{categorie, montant,
        periodicite: semaine|mois|trimestre|annee, libelle}``), ``dettes``
        (list of ``{creancier, nature, montant, prioritaire}``).

    Raises
    ------
    InputError
        naming the field, for a negative amount, an unknown category, a
        household with no adult…
    """
    if isinstance(data, Household):
        return data
    data = _as_dict(data, "menage", "Ménage")
    members_raw = _as_list(data.get("membres"), "membres", "Membres du ménage")
    if len(members_raw) > MAX_MEMBERS:
        raise InputError("membres", "Membres du ménage", f"{len(members_raw)} personnes",
                         f"au plus {MAX_MEMBERS} personnes")
    members = tuple(parse_member(m, i) for i, m in enumerate(members_raw))
    if not any(m.role == "adulte" for m in members):
        raise InputError("membres", "Membres du ménage", "le ménage ne compte aucun adulte",
                         "au moins un membre avec le rôle « adulte »")
    resources = tuple(parse_line(x, i, "ressources")
                      for i, x in enumerate(_as_list(data.get("ressources"), "ressources", "Ressources")))
    charges = tuple(parse_line(x, i, "charges")
                    for i, x in enumerate(_as_list(data.get("charges"), "charges", "Charges")))
    debts = tuple(parse_debt(x, i) for i, x in enumerate(_as_list(data.get("dettes"), "dettes", "Dettes")))
    return Household(membres=members, ressources=resources, charges=charges, dettes=debts)

"""Schema and loader of the éco-gestes catalogue (``tariffs/ecogestes/catalogue.yaml``).

Each gesture acts on one usage, with a saving model (a percentage of the
usage's consumption, or kWh per year capped at that consumption), a cost if
known, and the source of its figure with a confidence. Typical consumptions
per usage and per appliance, sourced the same way, fill in what the household
does not know. Numbers are exact Decimals; a malformed file raises
:class:`~counselling.errors.TariffError` naming the key.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .tariffs import Sourced, load_model, tariffs_dir

Energy = Literal["electricite", "gaz", "toutes"]


_Sourced = Sourced  # source, confidence, note (see counselling.tariffs.Sourced)


class Usage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    categorie: str


class TypicalConsumption(_Sourced):
    usage: str
    energie: Energy
    kwh_an: Decimal = Field(gt=0)


class Appliance(_Sourced):
    label: str
    usage: str
    kwh_an: Decimal = Field(gt=0)


class SavingModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    type: Literal["pourcentage", "kwh_an"]
    valeur: Decimal = Field(gt=0)

    @model_validator(mode="after")
    def _bounded(self):
        if self.type == "pourcentage" and self.valeur > 1:
            raise ValueError("un pourcentage s'écrit entre 0 et 1 (0,07 pour 7 %)")
        return self


class Cost(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    min: Decimal = Field(ge=0)
    max: Decimal = Field(ge=0)


class Gesture(_Sourced):
    label: str
    usage: str
    modele: SavingModel
    cout: Cost | None = None


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    description: str | None = None
    verified_on: dt.date
    verified_against: str | None = None
    usages: dict[str, Usage]
    consommations_types: list[TypicalConsumption]
    appareils: dict[str, Appliance]
    gestes: dict[str, Gesture] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_usages(self):
        for where, usage in ([(f"consommations_types[{i}]", c.usage) for i, c in enumerate(self.consommations_types)]
                             + [(f"appareils.{k}", a.usage) for k, a in self.appareils.items()]
                             + [(f"gestes.{k}", g.usage) for k, g in self.gestes.items()]):
            if usage not in self.usages:
                raise ValueError(f"{where} : usage « {usage} » inconnu")
        return self


@lru_cache(maxsize=1)
def catalogue() -> Catalogue:
    """The éco-gestes catalogue (cached)."""
    return load_model(tariffs_dir() / "ecogestes" / "catalogue.yaml", Catalogue)


def clear_cache() -> None:
    catalogue.cache_clear()

"""Vocabulary of the activity record: kinds of acts, reasons (motifs) and
outcomes (résultats), with their French labels, read from
``tariffs/activite/vocabulaire.yaml`` (data, validated here).

The same codes are used by the acts of a dossier
(:class:`counselling.dossier.model.Act`) and by the activity table, so that an
act recorded from a dossier page is counted as it was typed.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import InputError
from ..tariffs import Confidence, Source, load_model, tariffs_dir

CODE = r"^[a-z][a-z0-9_]{1,40}$"
Family = Literal["permanence", "sortante", "domicile", "atelier"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Kind(_Strict):
    label: str = Field(min_length=3)
    famille: Family
    pluriel: str = Field(min_length=3)
    participants: bool = False
    alias: list[str] = Field(default_factory=list)
    retire: bool = False


class Reason(_Strict):
    label: str = Field(min_length=3)
    retire: bool = False


class Outcome(_Strict):
    label: str = Field(min_length=3)
    court: str = Field(min_length=3, max_length=30, description="Libellé court (en-têtes de tableaux)")
    singulier: str = Field(min_length=3)
    pluriel: str = Field(min_length=3)
    retire: bool = False


class Settings(_Strict):
    import_annees_max: int = Field(ge=1, le=20, description="[années]")
    appels_tentatives_max: int = Field(ge=1, le=20, description="[tentatives]")
    duree_max_minutes: int = Field(ge=1, le=24 * 60, description="[minutes]")
    participants_max: int = Field(ge=1, le=100_000, description="[personnes]")


class Calls(_Strict):
    canaux: dict[str, str]
    resultats: dict[str, str]
    issues: dict[str, str]

    @model_validator(mode="after")
    def _needed(self):
        for section, codes in (("resultats", {"joint", "faux_numero", "refus", "pas_de_reponse"}),
                               ("issues", {"a_appeler", "en_cours", "rendez_vous", "solution", "injoignable",
                                           "refus"})):
            missing = codes - set(getattr(self, section))
            if missing:
                raise ValueError(f"appels → {section} : il manque {', '.join(sorted(missing))}")
        return self


class Vocabulary(_Strict):
    """The file ``tariffs/activite/vocabulaire.yaml``."""

    title: str
    verified_on: dt.date
    source: Source
    confidence: Confidence = "haute"
    note: str | None = None
    types: dict[str, Kind]
    motifs: dict[str, Reason]
    resultats: dict[str, Outcome]
    reglages: Settings
    appels: Calls

    @model_validator(mode="after")
    def _codes(self):
        import re

        for section in ("types", "motifs", "resultats"):
            for code in getattr(self, section):
                if not re.fullmatch(CODE, code):
                    raise ValueError(f"{section} : code « {code} » (minuscules, chiffres, _)")
        if self.confidence != "haute" and not self.note:
            raise ValueError("une confiance « moyenne » ou « basse » doit être expliquée dans « note »")
        aliases = [a for kind in self.types.values() for a in kind.alias]
        if len(aliases) != len(set(aliases)) or set(aliases) & set(self.types):
            raise ValueError("types : un alias est en double ou reprend un code")
        if not any(k.participants for k in self.types.values()):
            raise ValueError("types : aucun type ne compte de participants (atelier)")
        return self

    # ------------------------------------------------------------------ lookups

    def kind_code(self, value: str, field: str = "type", label: str = "Type d'acte") -> str:
        """The code of a kind given by code, alias or French label (case ignored)."""
        text = (value or "").strip()
        if text in self.types:
            return text
        folded = text.casefold()
        for code, kind in self.types.items():
            if folded in (code, kind.label.casefold(), *(a.casefold() for a in kind.alias)):
                return code
        raise InputError(field, label, f"« {value} » n'est pas un type d'acte connu",
                         "un type parmi " + ", ".join(self.types))

    def _codes_of(self, values, section: str, field: str, label: str) -> list[str]:
        known = getattr(self, section)
        by_label = {item.label.casefold(): code for code, item in known.items()}
        codes: list[str] = []
        for value in values:
            text = str(value).strip()
            code = text if text in known else by_label.get(text.casefold())
            if code is None:
                raise InputError(field, label, f"« {value} » n'est pas connu",
                                 "des codes parmi " + ", ".join(known))
            if code not in codes:
                codes.append(code)
        return codes

    def reason_codes(self, values, field: str = "motifs", label: str = "Motifs") -> list[str]:
        """Reason codes (given by code or label), duplicates removed, order kept."""
        return self._codes_of(values, "motifs", field, label)

    def outcome_codes(self, values, field: str = "resultats", label: str = "Résultats") -> list[str]:
        """Outcome codes (given by code or label), duplicates removed, order kept."""
        return self._codes_of(values, "resultats", field, label)

    def workshop_kinds(self) -> list[str]:
        return [code for code, kind in self.types.items() if kind.participants]

    def kinds_of(self, family: str) -> list[str]:
        return [code for code, kind in self.types.items() if kind.famille == family]


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary file, read once (``clear_vocabulary`` after changing it)."""
    return load_model(tariffs_dir() / "activite" / "vocabulaire.yaml", Vocabulary)


def clear_vocabulary() -> None:
    vocabulary.cache_clear()

"""Loader of the dated, sourced parameters kept as YAML under ``tariffs/``.

Layout of a parameter file (``tariffs/<name>.yaml``)::

    title: Chèque énergie
    verified_on: 2026-11-23          # « vérifié le » : last check against the sources
    parameters:
      <key>:
        label: Libellé en français
        unit: EUR/an                 # a unit declared in tariffs/units.yaml
        threshold_unit: EUR/UC       # scales only
        last_value_still_valid_on: 2025-12-31   # optional, defaults to verified_on
        values:
          2023-01-01:                # date of effect
            value: 11000             # a number, text, yes/no, or a list
            # or brackets: [{threshold: 0, amount: 194}, ...] for a scale
            source: {title: "Arrêté du 3 mars 2023", url: "https://…", article: "art. 2"}

Numbers are read as exact :class:`~decimal.Decimal` (never float). A file is
validated by pydantic when loaded; a missing date, source or unit, an unknown
unit or a malformed file raises :class:`~counselling.errors.TariffError`
naming the file and the key.

A query (:func:`get`) returns the value in force on a date with its date of
effect and source. A date before the first value is an error. A date after
``last_value_still_valid_on`` (by default the file's ``verified_on``) gives a
value flagged ``stale``: a newer text may exist that the kit does not know.

Subfolders of ``tariffs/`` (``fsl/``…) hold files with their own schema,
loaded by their own modules with the same building blocks (:class:`Source`,
:func:`read_yaml`, :func:`tariffs_dir`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .dates import months_before
from .errors import TariffError

# --------------------------------------------------------------------------- files


def tariffs_dir() -> Path:
    """Folder of the data files: ``$COUNSELLING_TARIFFS_DIR`` if set, the copy
    shipped inside the installed wheel, or ``tariffs/`` of the source tree."""
    env = os.environ.get("COUNSELLING_TARIFFS_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    shipped = here / "tariffs_data"
    if shipped.is_dir():
        return shipped
    return here.parent / "tariffs"


class _DecimalLoader(yaml.SafeLoader):
    """YAML loader that reads floats as exact Decimals (``0.1`` stays 0.1)."""


def _decimal_constructor(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    return Decimal(text)


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_constructor)


def read_yaml(path: Path) -> Any:
    """Read a YAML file, floats as Decimal; a syntax error names the file and line."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_DecimalLoader)  # noqa: S506 (SafeLoader subclass)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise TariffError(f"{_display(path)}{where} : fichier YAML illisible ({problem}).") from None
    except OSError as exc:
        raise TariffError(f"{_display(path)} : fichier introuvable ou illisible ({exc.strerror}).") from None


def _display(path: Path) -> str:
    """``tariffs/<path inside the data folder>`` (or the path as given)."""
    path = Path(path)
    try:
        return "tariffs/" + path.resolve().relative_to(tariffs_dir().resolve()).as_posix()
    except ValueError:
        return str(path)


# --------------------------------------------------------------------------- schema


class Source(BaseModel):
    """Where a figure comes from: the legal text or official publication."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str = Field(min_length=3, description="Titre du texte (« Arrêté du 3 mars 2023 »)")
    url: str = Field(description="Lien vers le texte")
    article: str | None = Field(default=None, description="Article, alinéa")
    note: str | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, url: str) -> str:
        if not url.startswith(("https://", "http://")):
            raise ValueError("le lien doit commencer par https://")
        return url

    def cite(self) -> str:
        """Short citation: title and article."""
        return f"{self.title}, {self.article}" if self.article else self.title


Confidence = Literal["haute", "moyenne", "basse"]


class Sourced(BaseModel):
    """A value with its source and how sure we are of it: a confidence below
    « haute » must say why in ``note`` (shown to the user as an assumption).
    Base of every dated value, here and in the files with their own schema."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: Source
    confidence: Confidence = "haute"
    note: str | None = None

    @model_validator(mode="after")
    def _note_when_unsure(self):
        if self.confidence != "haute" and not self.note:
            raise ValueError("une confiance « moyenne » ou « basse » doit être expliquée dans « note »")
        return self


class Unit(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str
    kind: Literal["money", "number", "text", "boolean", "date", "list"]


class Bracket(BaseModel):
    """One band of a scale: from ``threshold`` (included) the amount is ``amount``."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    threshold: Decimal
    amount: Decimal


class DatedValue(Sourced):
    value: Decimal | bool | str | list[Any] | dict[str, Any] | None = None
    brackets: list[Bracket] | None = None

    @model_validator(mode="before")
    @classmethod
    def _shape(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            raise ValueError("chaque date doit porter « value » (ou « brackets ») et « source »")
        if "value" not in data and "brackets" not in data:
            raise ValueError("ni « value » ni « brackets » : la valeur manque")
        if "value" in data and "brackets" in data:
            raise ValueError("« value » et « brackets » ne vont pas ensemble")
        if "value" in data and isinstance(data["value"], int) and not isinstance(data["value"], bool):
            data = {**data, "value": Decimal(data["value"])}
        return data

    @field_validator("brackets")
    @classmethod
    def _increasing(cls, brackets: list[Bracket] | None) -> list[Bracket] | None:
        if brackets is not None:
            if not brackets:
                raise ValueError("un barème doit avoir au moins une tranche")
            thresholds = [b.threshold for b in brackets]
            if thresholds != sorted(thresholds) or len(set(thresholds)) != len(thresholds):
                raise ValueError("les seuils du barème doivent être strictement croissants")
        return brackets


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(min_length=3)
    unit: str
    threshold_unit: str | None = None
    description: str | None = None
    last_value_still_valid_on: dt.date | None = None
    values: dict[dt.date, DatedValue] = Field(min_length=1)

    @field_validator("values", mode="before")
    @classmethod
    def _dated_keys(cls, values: Any) -> Any:
        if not isinstance(values, dict) or not values:
            raise ValueError("« values » doit lister au moins une valeur datée")
        for key in values:
            if not isinstance(key, dt.date) or isinstance(key, dt.datetime):
                raise ValueError(f"« {key} » n'est pas une date d'effet (AAAA-MM-JJ)")
        return values


class ParameterFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    title: str
    description: str | None = None
    verified_on: dt.date = Field(description="Date de la dernière vérification des valeurs contre les sources")
    verified_against: str | None = None
    parameters: dict[str, Parameter] = Field(min_length=1)


# --------------------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def units() -> dict[str, Unit]:
    """Units declared in ``tariffs/units.yaml`` (``EUR/an`` → label ``€/an``)."""
    path = tariffs_dir() / "units.yaml"
    raw = read_yaml(path)
    try:
        return {name: Unit.model_validate(spec) for name, spec in (raw or {}).items()}
    except ValidationError as exc:
        raise TariffError(f"{_display(path)} : {validation_message(exc)}") from None


def validation_message(exc: ValidationError) -> str:
    """A pydantic error as French text: « where → key : message ; … »."""
    messages = []
    for error in exc.errors():
        where = " → ".join(str(part) for part in error["loc"])
        msg = error["msg"].removeprefix("Value error, ")
        messages.append(f"{where} : {msg}" if where else msg)
    return " ; ".join(messages)


def load_model(path: Path, model: type[BaseModel], raw: Any = None) -> Any:
    """Validate a data file (read here unless ``raw`` is given) against a
    pydantic ``model``; an error raises TariffError naming the file and key.
    Used by the files with their own schema (FSL, éco-gestes, categories)."""
    path = Path(path)
    if raw is None:
        raw = read_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise TariffError(f"{_display(path)} : {validation_message(exc)}") from None


def load_file(path: Path) -> ParameterFile:
    """Load and validate one parameter file; errors name the file and the key."""
    path = Path(path)
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise TariffError(f"{_display(path)} : le fichier doit contenir title, verified_on et parameters.")
    try:
        parsed = ParameterFile.model_validate(raw)
    except ValidationError as exc:
        raise TariffError(f"{_display(path)} : {validation_message(exc)}") from None
    known = units()
    for key, param in parsed.parameters.items():
        where = f"{_display(path)} : paramètre « {key} »"
        if param.unit not in known:
            raise TariffError(f"{where} : unité « {param.unit} » inconnue (voir tariffs/units.yaml).")
        kind = known[param.unit].kind
        if param.threshold_unit is not None and param.threshold_unit not in known:
            raise TariffError(f"{where} : unité de seuil « {param.threshold_unit} » inconnue.")
        for day, dated in param.values.items():
            _check_kind(where, day, dated, kind, param.threshold_unit)
    return parsed


def _check_kind(where: str, day: dt.date, dated: DatedValue, kind: str, threshold_unit: str | None) -> None:
    at = f"{where}, valeur du {day.isoformat()}"
    if dated.brackets is not None:
        if threshold_unit is None:
            raise TariffError(f"{at} : un barème doit déclarer « threshold_unit ».")
        return
    value = dated.value
    if value is None:
        return  # the parameter stops applying at this date
    expected = {"money": Decimal, "number": Decimal, "text": str, "boolean": bool,
                "date": str, "list": list}[kind]
    if kind == "date" and isinstance(value, dt.date):
        return
    if not isinstance(value, expected) or (expected is Decimal and isinstance(value, bool)):
        raise TariffError(f"{at} : « {value} » ne correspond pas à l'unité (attendu : {kind}).")


@lru_cache(maxsize=None)
def parameter_file(name: str) -> ParameterFile:
    """The parsed file ``tariffs/<name>.yaml`` (cached)."""
    path = tariffs_dir() / f"{name}.yaml"
    if not path.is_file():
        raise TariffError(f"tariffs/{name}.yaml : fichier de paramètres introuvable.")
    return load_file(path)


def parameter_files() -> dict[str, ParameterFile]:
    """Every top-level parameter file (``units.yaml`` aside)."""
    return {path.stem: parameter_file(path.stem)
            for path in sorted(tariffs_dir().glob("*.yaml")) if path.stem != "units"}


def clear_cache() -> None:
    """Forget loaded files (after editing them, or in tests)."""
    units.cache_clear()
    parameter_file.cache_clear()


# --------------------------------------------------------------------------- queries


@dataclass(frozen=True)
class InForce:
    """A parameter's value on a given date, with everything needed to cite it."""

    key: str
    label: str
    unit: str
    unit_label: str
    on: dt.date
    effective_from: dt.date
    value: Any
    brackets: tuple[Bracket, ...] | None
    source: Source
    confidence: str
    note: str | None
    verified_on: dt.date
    still_valid_on: dt.date
    next_change: dt.date | None

    @property
    def stale(self) -> bool:
        """True when the date asked is past the last date this value was known
        to be valid: a newer text may have changed it."""
        return self.on > self.still_valid_on

    def citation(self) -> str:
        """« Arrêté du 3 mars 2023, art. 2 (en vigueur depuis le 1er janvier 2023) »."""
        from .formatting import date_fr

        return f"{self.source.cite()} (en vigueur depuis le {date_fr(self.effective_from)})"

    def stale_message(self) -> str:
        from .formatting import date_fr

        return (f"« {self.label} » : la dernière valeur connue (en vigueur depuis le "
                f"{date_fr(self.effective_from)}) n'a été vérifiée que jusqu'au "
                f"{date_fr(self.still_valid_on)}. Pour le {date_fr(self.on)}, un texte plus récent "
                "a pu la modifier : à vérifier avant de s'y fier.")

    def amount_for(self, base: Decimal) -> Decimal:
        """Amount of the band of a scale that ``base`` falls in (lower bound
        included). Below the first threshold, an error."""
        band = self.band_for(base)
        return band.amount

    def band_for(self, base: Decimal) -> Bracket:
        if self.brackets is None:
            raise TariffError(f"« {self.key} » n'est pas un barème.")
        chosen = None
        for bracket in self.brackets:
            if base >= bracket.threshold:
                chosen = bracket
        if chosen is None:
            raise TariffError(f"« {self.key} » : {base} est sous le premier seuil du barème.")
        return chosen


def get(key: str, on: dt.date) -> InForce:
    """Value of parameter ``"<file>.<name>"`` in force on date ``on``.

    Raises TariffError if the file or key is unknown, if ``on`` is before the
    first date of effect, or if the parameter was repealed (value ``null``)
    before ``on``.
    """
    from .formatting import date_fr

    if "." not in key:
        raise TariffError(f"« {key} » : nom de paramètre attendu sous la forme fichier.nom.")
    file_name, name = key.split(".", 1)
    pfile = parameter_file(file_name)
    if name not in pfile.parameters:
        raise TariffError(f"tariffs/{file_name}.yaml : paramètre « {name} » introuvable.")
    param = pfile.parameters[name]
    dates = sorted(param.values)
    if isinstance(on, dt.datetime):
        on = on.date()
    if on < dates[0]:
        raise TariffError(
            f"« {param.label} » n'est connu qu'à partir du {date_fr(dates[0])} ; "
            f"le {date_fr(on)} est en dehors des valeurs connues (tariffs/{file_name}.yaml, {name}).")
    effective = max(d for d in dates if d <= on)
    later = [d for d in dates if d > on]
    dated = param.values[effective]
    if dated.value is None and dated.brackets is None:
        raise TariffError(
            f"« {param.label} » ne s'applique plus depuis le {date_fr(effective)} "
            f"({dated.source.cite()}).")
    unit_label = units()[param.unit].label
    still_valid = param.last_value_still_valid_on or pfile.verified_on
    if later:  # a known later value: the one in force is valid at least until then
        still_valid = max(still_valid, later[0] - dt.timedelta(days=1))
    return InForce(
        key=key, label=param.label, unit=param.unit, unit_label=unit_label, on=on,
        effective_from=effective, value=dated.value,
        brackets=tuple(dated.brackets) if dated.brackets is not None else None,
        source=dated.source, confidence=dated.confidence, note=dated.note,
        verified_on=pfile.verified_on, still_valid_on=still_valid,
        next_change=later[0] if later else None)


def history(key: str) -> list[tuple[dt.date, DatedValue]]:
    """All dated values of a parameter, oldest first."""
    file_name, name = key.split(".", 1)
    param = parameter_file(file_name).parameters[name]
    return sorted(param.values.items())


def checks_older_than(months: int, today: dt.date) -> list[str]:
    """Data files under ``tariffs/`` (subfolders included) whose « vérifié le »
    is more than ``months`` months old on ``today``, or missing: the freshness
    check run by the test suite."""
    limit = months_before(today, months)
    folder = tariffs_dir()
    stale = []
    for path in sorted(folder.rglob("*.yaml")):
        if path.name == "units.yaml":
            continue
        raw = read_yaml(path)
        verified = raw.get("verified_on") if isinstance(raw, dict) else None
        name = path.relative_to(folder).as_posix()
        if not isinstance(verified, dt.date):
            stale.append(f"tariffs/{name} (pas de « verified_on »)")
        elif verified < limit:
            stale.append(f"tariffs/{name} (vérifié le {verified.isoformat()})")
    return stale

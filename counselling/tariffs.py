"""Loader of the dated, sourced parameters kept as YAML under ``tariffs/``.

Layout of a parameter file (``tariffs/<name>.yaml``)::

    title: Chèque énergie
    verified_on: 2026-11-23          # « vérifié le » : last check against the sources
    revisions:                       # revision calendar of every parameter of the file
      rule: annual                   # annual | monthly | campaign | none
      dates: ["01-01"]               # MM-DD, for annual and campaign
      text: chaque année au 1er janvier (arrêté annuel)
    parameters:
      <key>:
        label: Libellé en français
        unit: EUR/an                 # a unit declared in tariffs/units.yaml
        threshold_unit: EUR/UC       # scales only
        revisions: {rule: none, text: décret sans date de révision}   # optional override
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
effect and source. A date before the first value is an error.

Staleness follows a **revision calendar** (``revisions``), not the day the
data was checked: a value is flagged ``stale`` only when a *scheduled*
revision date has passed (on or before the date asked, or before the end of
the period asked with ``until``) and the file has nothing from that date: no
value dated on or after it, and no ``unchanged`` entry saying the revision was
checked and left the parameter as it was. Rules: ``annual`` (fixed dates each
year: Tarif Bleu 1 February and 1 August, accise 1 February, RSA 1 April,
seizure scale 1 January), ``campaign`` (a yearly campaign, e.g. chèque
énergie on 1 January), ``monthly`` (1st of every month, e.g. gas prix repère),
``none`` (texts with no schedule). A revision searched without success is
recorded in ``not_found`` (with the day it was searched): the value stays
« à vérifier » for dates after it, and ``make freshness`` reports it as
missing rather than as overdue.

Subfolders of ``tariffs/`` (``fsl/``…) hold files with their own schema,
loaded by their own modules with the same building blocks (:class:`Source`,
:func:`read_yaml`, :func:`tariffs_dir`).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import TariffError, clip

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


class _YamlProblem(Exception):
    """Internal: a value or key the loader refuses, with its line and key."""

    def __init__(self, problem: str, line: int, key: str | None = None):
        super().__init__(problem)
        self.problem, self.line, self.key = problem, line, key


class _DecimalLoader(yaml.SafeLoader):
    """YAML loader that reads floats as exact Decimals (``0.1`` stays 0.1),
    and refuses a key written twice in a mapping, an impossible date
    (``2024-02-30``) and ``.nan`` / ``.inf``."""

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: dict = {}
            for key_node, _value in node.value:  # keys written here, not merged in by « << »
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                try:
                    key = self.construct_object(key_node, deep=True)
                except _YamlProblem as problem:
                    problem.key = key_node.value
                    raise
                line = key_node.start_mark.line + 1
                try:
                    first = seen.get(key)
                except TypeError:  # an unhashable key: PyYAML reports it
                    continue
                if first is not None:
                    raise _YamlProblem(f"la clé est écrite deux fois (déjà ligne {first}) ; une seule "
                                       "doit rester", line, key_node.value)
                seen[key] = line
        try:
            return super().construct_mapping(node, deep=deep)
        except _YamlProblem as problem:
            if problem.key is None:
                problem.key = next((k.value for k, v in node.value
                                    if v.start_mark.line + 1 == problem.line or k.start_mark.line + 1 == problem.line),
                                   None)
            raise


def _decimal_constructor(loader: yaml.SafeLoader, node: yaml.Node) -> Decimal:
    text = loader.construct_scalar(node).replace("_", "")
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise _YamlProblem(f"« {clip(text)} » n'est pas un nombre fini", node.start_mark.line + 1)
    return value


def _date_constructor(loader: yaml.SafeLoader, node: yaml.Node):
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        raise _YamlProblem(f"« {clip(node.value)} » n'est pas une date qui existe",
                           node.start_mark.line + 1) from None


_DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal_constructor)
_DecimalLoader.add_constructor("tag:yaml.org,2002:timestamp", _date_constructor)


def read_yaml(path: Path) -> Any:
    """Read a YAML file, floats as Decimal; a syntax error, a key written
    twice, an impossible date or a non-finite number names the file, the
    line and the key."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_DecimalLoader)  # noqa: S506 (SafeLoader subclass)
    except _YamlProblem as problem:
        key = f", clé « {clip(problem.key)} »" if problem.key is not None else ""
        raise TariffError(f"{_display(path)}, ligne {problem.line}{key} : {problem.problem}.") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", ligne {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or type(exc).__name__
        raise TariffError(f"{_display(path)}{where} : fichier YAML illisible ({problem}).") from None
    except OSError as exc:
        raise TariffError(f"{_display(path)} : fichier introuvable ou illisible ({exc.strerror}).") from None
    except UnicodeDecodeError:
        raise TariffError(f"{_display(path)} : fichier qui n'est pas en UTF-8.") from None


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
    value: Decimal | bool | dt.date | str | list[Any] | dict[str, Any] | None = None
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


class NotFound(BaseModel):
    """A scheduled revision searched for without success."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    searched_on: dt.date
    note: str = Field(min_length=3)


class Revisions(BaseModel):
    """When a parameter is revised: its calendar, and what was checked.

    ``rule``: ``annual`` / ``campaign`` (``dates`` as ``MM-DD``, every year),
    ``monthly`` (the 1st of every month), ``none`` (no schedule).
    ``unchanged``: scheduled dates checked, at which this parameter did not
    change. ``not_found``: scheduled dates searched without success.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)
    rule: Literal["annual", "campaign", "monthly", "none"]
    dates: list[str] = Field(default_factory=list)
    text: str = Field(min_length=3, description="Le calendrier en français (« 1er février et 1er août »)")
    unchanged: list[dt.date] = Field(default_factory=list)
    not_found: dict[dt.date, NotFound] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dates_fit_rule(self):
        if self.rule in ("annual", "campaign"):
            if not self.dates:
                raise ValueError(f"la règle « {self.rule} » demande des dates « MM-JJ »")
            for text in self.dates:
                try:
                    dt.date(2000, int(text[:2]), int(text[3:]))
                    assert len(text) == 5 and text[2] == "-"
                except (ValueError, AssertionError):
                    raise ValueError(f"« {text} » n'est pas une date de révision « MM-JJ »") from None
        elif self.dates:
            raise ValueError(f"la règle « {self.rule} » ne prend pas de dates")
        return self

    def scheduled_after(self, day: dt.date) -> dt.date | None:
        """First scheduled revision date strictly after ``day`` (None: no schedule)."""
        if self.rule == "none":
            return None
        if self.rule == "monthly":
            year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
            return dt.date(year, month, 1)
        candidates = []
        for year in (day.year, day.year + 1):
            for text in self.dates:
                candidate = dt.date(year, int(text[:2]), int(text[3:]))
                if candidate > day:
                    candidates.append(candidate)
        return min(candidates)

    def scheduled_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """Scheduled revision dates d with first < d ≤ last, in order."""
        found = []
        day = self.scheduled_after(first)
        while day is not None and day <= last:
            found.append(day)
            day = self.scheduled_after(day)
        return found


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    label: str = Field(min_length=3)
    unit: str
    threshold_unit: str | None = None
    description: str | None = None
    revisions: Revisions | None = None
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
    revisions: Revisions | None = Field(
        default=None, description="Calendrier de révision par défaut des paramètres du fichier")
    parameters: dict[str, Parameter] = Field(min_length=1)

    @model_validator(mode="after")
    def _every_parameter_has_a_calendar(self):
        missing = [key for key, param in self.parameters.items()
                   if param.revisions is None and self.revisions is None]
        if missing:
            raise ValueError("calendrier de révision (« revisions ») manquant pour : " + ", ".join(missing))
        return self

    def calendar(self, key: str) -> Revisions:
        """The revision calendar of parameter ``key`` (its own, else the file's)."""
        return self.parameters[key].revisions or self.revisions


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
    """A parameter's value on a given date, with everything needed to cite it.

    ``due`` is the first scheduled revision date, after the last date the data
    covers, that falls on or before the end of the period asked (``until``,
    else ``on``): the value may have changed from that date. None: nothing due.
    """

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
    until: dt.date | None = None
    due: dt.date | None = None
    calendar_text: str = ""

    @property
    def stale(self) -> bool:
        """True when a scheduled revision date has passed (on or before the
        date, or the end of the period, asked) and the data has nothing from
        that date: a newer text may have changed the value."""
        return self.due is not None

    def citation(self) -> str:
        """« Arrêté du 3 mars 2023, art. 2 (en vigueur depuis le 1er janvier 2023) »."""
        from .formatting import date_fr

        return f"{self.source.cite()} (en vigueur depuis le {date_fr(self.effective_from)})"

    def stale_message(self) -> str:
        from .formatting import date_fr

        if self.due is None:
            return ""
        return (f"« {self.label} » : révision prévue le {date_fr(self.due)} ({self.calendar_text}), "
                f"pas encore connue du kit ; la valeur utilisée est celle en vigueur depuis le "
                f"{date_fr(self.effective_from)} : à vérifier avant de s'y fier.")

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


def _split_key(key: str) -> tuple[str, str, ParameterFile, Parameter]:
    if "." not in key:
        raise TariffError(f"« {key} » : nom de paramètre attendu sous la forme fichier.nom.")
    file_name, name = key.split(".", 1)
    pfile = parameter_file(file_name)
    if name not in pfile.parameters:
        raise TariffError(f"tariffs/{file_name}.yaml : paramètre « {name} » introuvable.")
    return file_name, name, pfile, pfile.parameters[name]


def covered_until(param: Parameter, calendar: Revisions) -> dt.date:
    """Last date the data speaks for: the latest date of effect, or the
    latest scheduled revision checked and found unchanged."""
    return max([*param.values, *calendar.unchanged])


def due_revision(param: Parameter, calendar: Revisions, end: dt.date) -> dt.date | None:
    """First scheduled revision after the data's last date that falls on or
    before ``end`` (None: nothing due by then)."""
    due = calendar.scheduled_after(covered_until(param, calendar))
    return due if due is not None and due <= end else None


def get(key: str, on: dt.date, until: dt.date | None = None) -> InForce:
    """Value of parameter ``"<file>.<name>"`` in force on date ``on``.

    ``until``: last day of the period the value is used for (a bill, a plan);
    the staleness check then covers every day from ``on`` to ``until``.

    Raises TariffError if the file or key is unknown, if ``on`` is before the
    first date of effect, or if the parameter was repealed (value ``null``)
    before ``on``.
    """
    from .formatting import date_fr

    file_name, name, pfile, param = _split_key(key)
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
    calendar = pfile.calendar(name)
    end = max(on, until) if until is not None else on
    # a known later value: only the days before it use this one
    if later:
        end = min(end, later[0] - dt.timedelta(days=1))
    next_revision = calendar.scheduled_after(covered_until(param, calendar))
    still_valid = dt.date.max if next_revision is None else next_revision - dt.timedelta(days=1)
    return InForce(
        key=key, label=param.label, unit=param.unit, unit_label=unit_label, on=on,
        effective_from=effective, value=dated.value,
        brackets=tuple(dated.brackets) if dated.brackets is not None else None,
        source=dated.source, confidence=dated.confidence, note=dated.note,
        verified_on=pfile.verified_on, still_valid_on=still_valid,
        next_change=later[0] if later else None, until=until,
        due=due_revision(param, calendar, end), calendar_text=calendar.text)


def history(key: str) -> list[tuple[dt.date, DatedValue]]:
    """All dated values of a parameter, oldest first."""
    file_name, name = key.split(".", 1)
    param = parameter_file(file_name).parameters[name]
    return sorted(param.values.items())


# --------------------------------------------------------------------------- freshness


@dataclass(frozen=True)
class Revision:
    """One scheduled revision of one parameter, as the freshness report sees it.

    ``status``: ``"en_retard"`` (due, nothing in the data, never searched),
    ``"introuvable"`` (due, searched without success: « à vérifier »),
    ``"a_venir"`` (the next scheduled one).
    """

    key: str
    label: str
    day: dt.date
    status: Literal["en_retard", "introuvable", "a_venir"]
    calendar_text: str
    note: str | None = None
    searched_on: dt.date | None = None


def revisions_report(today: dt.date) -> list[Revision]:
    """Every parameter's revisions that are overdue, searched but not found,
    or next to come, as of ``today`` (files of ``tariffs/`` top level).

    Overdue = a scheduled date on or before ``today`` after the data's last
    date, not recorded in ``unchanged`` nor ``not_found``. For a monthly
    parameter, months missing inside the known history count too.
    """
    report = []
    for file_name, pfile in parameter_files().items():
        for name, param in pfile.parameters.items():
            calendar = pfile.calendar(name)
            key = f"{file_name}.{name}"
            first = min(param.values)
            covered = set(param.values) | set(calendar.unchanged)
            start = first if calendar.rule == "monthly" else covered_until(param, calendar)
            for day in calendar.scheduled_between(start, today):
                if day in covered:
                    continue
                missing = calendar.not_found.get(day)
                report.append(Revision(
                    key=key, label=param.label, day=day,
                    status="introuvable" if missing else "en_retard", calendar_text=calendar.text,
                    note=missing.note if missing else None,
                    searched_on=missing.searched_on if missing else None))
            upcoming = calendar.scheduled_after(max(today, covered_until(param, calendar)))
            if upcoming is not None:
                report.append(Revision(key=key, label=param.label, day=upcoming, status="a_venir",
                                       calendar_text=calendar.text))
    return report


def overdue(today: dt.date) -> list[Revision]:
    """Revisions due on or before ``today`` that nobody has looked for: the
    check the test suite runs (it fails only on data past its calendar)."""
    return [r for r in revisions_report(today) if r.status == "en_retard"]


def incomplete_values(today: dt.date) -> list[tuple[str, str, dt.date, str]]:
    """Values in force on ``today`` that are known only in part: grid lines
    marked ``inconnu`` (price not found: the kit answers « à vérifier »).
    Returns (key, label, date of effect, French detail)."""
    found = []
    for file_name, pfile in parameter_files().items():
        for name, param in pfile.parameters.items():
            dates = [d for d in param.values if d <= today]
            if not dates:
                continue
            effective = max(dates)
            value = param.values[effective].value
            if not isinstance(value, list):
                continue
            unknown: dict[str, list[str]] = {}
            for row in value:
                if isinstance(row, dict) and "inconnu" in row:
                    where = str(row.get("kva", row.get("profil", "?")))
                    unknown.setdefault(str(row["inconnu"]), []).append(where)
            for reason, rows in unknown.items():
                found.append((f"{file_name}.{name}", param.label, effective,
                              f"{', '.join(rows)} : {reason}"))
    return found

"""Cases as data: households and expected results in YAML, shared by the test
suite, trainers (exercises) and workshops.

A case file::

    calculator: cheque_energie          # a name of counselling.calculators.REGISTRY
    description: Bornes du barème 2023
    cases:
      - name: Personne seule juste sous le plafond
        date: 2024-03-01                # optional: passed as ``on=`` to calculators that take it
        inputs: {year: 2023, rfr: 10999, persons: 1}
        expected: {montant: 48, eligible: true}
        expected_warnings: [perime]     # optional: kinds of warning that must be present
        absent_warnings: [perime]       # optional: kinds of warning that must NOT be present
        absolute_error_margin: 0.01     # optional, for numbers
      - name: RFR négatif
        inputs: {year: 2023, rfr: -1, persons: 1}
        expected_error: {field: rfr}    # the InputError must name this field

Run: ``python -m counselling.cases tests/cases/*.yaml`` prints each failure
and a closing line ``N passed, M failed``; the exit status is 1 on any
failure (2 when a file cannot be read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import inspect
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from .calculators import calculator
from .errors import CounsellingError, InputError
from .tariffs import read_yaml


class Case(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    date: dt.date | None = None
    inputs: dict[str, Any] = Field(default_factory=dict)
    expected: dict[str, Any] | None = None
    expected_error: dict[str, Any] | None = None
    expected_warnings: list[str] = Field(default_factory=list)
    absent_warnings: list[str] = Field(default_factory=list)
    absolute_error_margin: Decimal = Decimal(0)
    notes: str | None = None

    @model_validator(mode="after")
    def _one_expectation(self) -> "Case":
        if (self.expected is None) == (self.expected_error is None):
            raise ValueError("un cas doit avoir soit « expected », soit « expected_error »")
        return self


class CaseFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    calculator: str
    description: str | None = None
    cases: list[Case] = Field(min_length=1)


@dataclass
class Outcome:
    file: str
    case: str
    failures: list[str]

    @property
    def passed(self) -> bool:
        return not self.failures


def load_cases(path: Path) -> CaseFile:
    raw = read_yaml(Path(path))
    try:
        return CaseFile.model_validate(raw)
    except ValidationError as exc:
        details = "; ".join(f"{' → '.join(map(str, e['loc']))} : {e['msg']}" for e in exc.errors())
        raise CounsellingError(f"{path} : fichier de cas invalide ({details}).") from None


def _same(expected: Any, actual: Any, margin: Decimal) -> bool:
    if isinstance(expected, bool) or isinstance(actual, bool):
        return expected is actual or expected == actual and type(expected) is type(actual)
    if isinstance(expected, (int, float, Decimal)) and isinstance(actual, (int, float, Decimal)):
        return abs(Decimal(str(expected)) - Decimal(str(actual))) <= margin
    if isinstance(expected, list) and isinstance(actual, (list, tuple)):
        return len(expected) == len(actual) and all(_same(e, a, margin) for e, a in zip(expected, actual))
    if isinstance(expected, dict) and isinstance(actual, dict):
        return all(k in actual and _same(v, actual[k], margin) for k, v in expected.items())
    return expected == actual


def run_case(file_name: str, calc_name: str, case: Case) -> Outcome:
    func = calculator(calc_name)
    kwargs = dict(case.inputs)
    if case.date is not None and "on" in inspect.signature(func).parameters:
        kwargs["on"] = case.date
    failures: list[str] = []
    try:
        result = func(**kwargs)
    except InputError as exc:
        if case.expected_error is None:
            failures.append(f"erreur inattendue : {exc}")
        else:
            field = case.expected_error.get("field")
            if field is not None and exc.field != field:
                failures.append(f"erreur sur le champ « {exc.field} », attendu « {field} » ({exc})")
            contains = case.expected_error.get("message_contains")
            if contains and contains not in str(exc):
                failures.append(f"le message « {exc} » ne contient pas « {contains} »")
        return Outcome(file_name, case.name, failures)
    except CounsellingError as exc:
        if case.expected_error is None or case.expected_error.get("field") is not None:
            failures.append(f"erreur inattendue : {exc}")
        elif case.expected_error.get("message_contains") and case.expected_error["message_contains"] not in str(exc):
            failures.append(f"le message « {exc} » ne contient pas « {case.expected_error['message_contains']} »")
        return Outcome(file_name, case.name, failures)
    if case.expected_error is not None:
        failures.append(f"une erreur était attendue ({case.expected_error}), le calcul a abouti")
        return Outcome(file_name, case.name, failures)
    values = result.values
    for key, expected in (case.expected or {}).items():
        if key not in values:
            failures.append(f"« {key} » absent du résultat (clés : {', '.join(values)})")
        elif not _same(expected, values[key], case.absolute_error_margin):
            failures.append(f"« {key} » : attendu {expected!r}, obtenu {values[key]!r}")
    kinds = {w.kind for w in result.warnings}
    for kind in case.expected_warnings:
        if kind not in kinds:
            failures.append(f"avertissement « {kind} » attendu, absent (présents : {sorted(kinds)})")
    for kind in case.absent_warnings:
        if kind in kinds:
            text = " | ".join(w.message for w in result.warnings if w.kind == kind)
            failures.append(f"avertissement « {kind} » présent alors qu'il ne devait pas l'être : {text}")
    return Outcome(file_name, case.name, failures)


def run_file(path: Path) -> list[Outcome]:
    spec = load_cases(path)
    return [run_case(str(path), spec.calculator, case) for case in spec.cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m counselling.cases",
                                     description="Vérifie des cas (YAML) contre les calculateurs.")
    parser.add_argument("files", nargs="+", type=Path, help="fichiers de cas YAML")
    parser.add_argument("-v", "--verbose", action="store_true", help="affiche aussi les cas réussis")
    args = parser.parse_args(argv)
    passed = failed = 0
    broken = False
    for path in args.files:
        try:
            outcomes = run_file(path)
        except CounsellingError as exc:
            print(f"ILLISIBLE {exc}")
            broken = True
            continue
        for outcome in outcomes:
            if outcome.passed:
                passed += 1
                if args.verbose:
                    print(f"ok     {outcome.file} › {outcome.case}")
            else:
                failed += 1
                print(f"ÉCHEC  {outcome.file} › {outcome.case}")
                for failure in outcome.failures:
                    print(f"         {failure}")
    print(f"{passed} passed, {failed} failed")
    if broken:
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Fuzzing of every calculator of the registry, seeded by the valid cases of
``tests/cases/*.yaml``: one input replaced by an adversarial value, a
variant of the right kind or the same amount written another way. Each call
returns a result that satisfies the invariants, or raises the kit's error
with a French message naming the field. Examples are bounded (the suite runs
on a loaded machine); ``HYPOTHESIS_PROFILE=long`` runs many more."""

from __future__ import annotations

import copy
import datetime as dt
import inspect
import os
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from counselling.calculators import REGISTRY, calculator
from counselling.cases import load_cases

from .strategies import adversarial, check_result, outcome, written

CASES = Path(__file__).resolve().parents[1] / "cases"
EXAMPLES = 400 if os.environ.get("HYPOTHESIS_PROFILE") == "long" else 25
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES < 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _seeds() -> dict[str, list[dict]]:
    seeds: dict[str, list[dict]] = {name: [] for name in REGISTRY}
    for path in sorted(CASES.glob("*.yaml")):
        spec = load_cases(path)
        params = inspect.signature(calculator(spec.calculator)).parameters
        for case in spec.cases:
            if case.expected is None:
                continue
            kwargs = dict(case.inputs)
            if case.date is not None and "on" in params:
                kwargs["on"] = case.date
            seeds[spec.calculator].append(kwargs)
    return seeds


SEEDS = _seeds()


def test_every_calculator_has_a_valid_seed_case():
    assert all(SEEDS[name] for name in REGISTRY), [name for name in REGISTRY if not SEEDS[name]]


def _variant(draw, value):
    """A value of the same kind as ``value`` (or an adversarial one)."""
    if isinstance(value, bool):
        return draw(st.one_of(st.booleans(), adversarial()))
    if isinstance(value, (int, Decimal, float)):
        return draw(st.one_of(
            st.integers(min_value=-1000, max_value=10**7),
            st.decimals(min_value=-1000, max_value=10**7, places=2),
            adversarial()))
    if isinstance(value, dt.date):
        return draw(st.one_of(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
                              st.dates().map(lambda d: d.strftime("%d/%m/%Y") if d.year >= 1000 else str(d)),
                              adversarial()))
    if isinstance(value, list) and value and draw(st.booleans()):
        changed = list(value)
        where = draw(st.integers(min_value=0, max_value=len(value) - 1))
        changed[where] = _variant(draw, value[where])
        return changed
    if isinstance(value, dict) and value and draw(st.booleans()):
        changed = dict(value)
        key = draw(st.sampled_from(sorted(value)))
        changed[key] = _variant(draw, value[key])
        return changed
    return draw(adversarial())


@st.composite
def mutated(draw, name: str):
    seed = copy.deepcopy(draw(st.sampled_from(SEEDS[name])))
    params = [p for p in inspect.signature(calculator(name)).parameters]
    key = draw(st.sampled_from(params))
    if key in seed or draw(st.booleans()):
        seed[key] = _variant(draw, seed.get(key))
    return seed


@pytest.mark.parametrize("name", sorted(REGISTRY))
@FUZZ
@given(data=st.data())
def test_any_input_gives_a_result_or_a_french_error(name, data):
    kwargs = data.draw(mutated(name))
    check_result(outcome(calculator(name), **kwargs))


def _numbers_in(kwargs: dict) -> list[str]:
    return [k for k, v in kwargs.items() if isinstance(v, (int, Decimal)) and not isinstance(v, bool)]


NUMERIC = sorted(name for name in REGISTRY if any(_numbers_in(s) for s in SEEDS[name]))


@pytest.mark.parametrize("name", NUMERIC)
@FUZZ
@given(data=st.data())
def test_an_amount_written_either_way_gives_the_same_result(name, data):
    """No silent misreading: « 1 000 », « 1.000,00 », « 1,000.00 » are one
    value; writings that are ambiguous are refused, never read otherwise."""
    seed = data.draw(st.sampled_from([s for s in SEEDS[name] if _numbers_in(s)]))
    key = data.draw(st.sampled_from(_numbers_in(seed)))
    expected = outcome(calculator(name), **seed)
    text = data.draw(written(Decimal(seed[key])))
    result = outcome(calculator(name), **{**seed, key: text})
    if result is not None and expected is not None:
        assert result.values == expected.values, f"{key} = « {text} »"

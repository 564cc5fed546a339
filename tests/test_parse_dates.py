"""The vectorised date parser of importers gives what the scalar one gives
(its numpy reading of JJ/MM/AAAA and AAAA-MM-JJ included)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from counselling.errors import InputError
from counselling.inputs import parse_date, parse_dates


@st.composite
def date_cells(draw) -> str:
    day = draw(st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2200, 12, 31)))
    text = draw(st.sampled_from([f"{day:%d/%m/%Y}", day.isoformat(), f"{day:%d-%m-%Y}", f"{day.day}/{day.month}/{day.year}",
                                 f"{day:%d/%m/%y}", f"{day:%Y-%m-%d}T06:00:00+01:00", f" {day:%d/%m/%Y}"]))
    if draw(st.integers(0, 4)) == 0:  # a digit or a separator changed: 31/02, 00/13, 2026/01-02…
        at = draw(st.integers(0, len(text) - 1))
        text = text[:at] + draw(st.sampled_from(list("0123456789/-. x") + ["٣", ""])) + text[at + 1:]
    return text


@settings(deadline=None, max_examples=200)
@given(st.lists(date_cells(), min_size=1, max_size=30))
def test_vectorised_dates_equal_the_scalar_parser(cells):
    days, problems = parse_dates(pd.Series(cells, dtype=object))
    for cell, day, problem in zip(cells, days, problems):
        try:
            expected = parse_date(cell, "date", "Date")
        except InputError as error:
            assert pd.isna(day) and problem == error.problem
        else:
            assert day == pd.Timestamp(expected) and problem == ""
    assert days.dtype == np.dtype("datetime64[s]")

"""Helpers shared by the vectorised calculators (numpy columns, no Python loop
over rows)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def float_column(values, n: int | None = None) -> np.ndarray:
    """``values`` as a float64 array (NaN where not a number). A scalar is
    broadcast to ``n`` rows, and None gives NaN, without building a Python
    list. Numbers pass as they are (absurd magnitudes become NaN); text goes
    through the kit's one number parser (:func:`counselling.inputs.number_column`:
    both conventions, ambiguous writings missing, never misread)."""
    from ..inputs import number_column

    if n is not None and (values is None or not np.ndim(values)):
        number = np.nan if values is None else number_column(pd.Series([values])).iloc[0]
        return np.full(n, np.nan if pd.isna(number) else float(number))
    series = values if isinstance(values, pd.Series) else pd.Series(
        values.to_numpy() if isinstance(values, pd.Index) else np.asarray(values))
    return number_column(series).to_numpy(dtype=np.float64, na_value=np.nan)


def label_ids(values) -> tuple[np.ndarray, list]:
    """(id per row, distinct labels): the rows' labels as integer ids (-1 for
    a missing one), hashing each row once — or not at all for a categorical."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return series.cat.codes.to_numpy().astype(np.int64), list(series.cat.categories)
    ids, uniques = pd.factorize(series)
    return ids.astype(np.int64), list(uniques)


def whole_column(values, n: int | None = None) -> tuple[np.ndarray, np.ndarray | None]:
    """``values`` as an int64 array, and the mask of the rows that are not
    whole numbers (missing, text, 1.5), or None when every row is one (an
    integer column is taken as is). A scalar is broadcast to ``n`` rows."""
    if n is not None and (values is None or not np.ndim(values)):
        number = float_column(values, 1)[0]
        whole = not np.isnan(number) and number == round(number)
        return np.full(n, int(number) if whole else 0, dtype=np.int64), None if whole else np.ones(n, bool)
    array = values.to_numpy() if isinstance(values, (pd.Series, pd.Index)) else np.asarray(values)
    if array.dtype.kind in "iu":
        return array.astype(np.int64, copy=False), None
    floats = float_column(array)
    with np.errstate(invalid="ignore"):
        bad = np.isnan(floats) | (floats != np.round(floats))
    return np.where(bad, 0, floats).astype(np.int64), bad

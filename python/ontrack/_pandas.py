"""pandas conversions for Series and Period, attached to the compiled classes."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import pandas as pd

from ontrack import _core

#: ontrack frequency -> pandas frequency alias.
_PANDAS_FREQ = {"annual": "Y", "quarterly": "Q", "monthly": "M"}


def period_to_pandas(period: _core.Period) -> pd.Period:
    """The pandas Period of an ontrack Period (annual 'Y', quarterly 'Q', monthly 'M').

    Attached as ``Period.to_pandas()``; ``Period(pd.Period(...))`` converts back.
    """
    if period.freq == "annual":
        return pd.Period(year=period.year, freq="Y")
    if period.freq == "quarterly":
        return pd.Period(year=period.year, quarter=period.sub, freq="Q")
    return pd.Period(year=period.year, month=period.sub, freq="M")


def _index_periods(index: pd.Index) -> list[Any]:
    """Index labels as values `Period(...)` understands, with a clear error for anything else."""
    if isinstance(index, pd.PeriodIndex):
        return list(index)
    if isinstance(index, pd.DatetimeIndex):
        # A date stands for the year containing it; quarterly and monthly data should use a PeriodIndex.
        freq = index.freqstr or ""
        if freq.startswith(("Q", "BQ")):
            return list(index.to_period("Q"))
        if freq.startswith(("M", "BM", "ME", "MS")):
            return list(index.to_period("M"))
        return [int(ts.year) for ts in index]
    labels: list[Any] = []
    for label in index:
        if isinstance(label, (bool, np.bool_)):
            raise TypeError(f"index label {label!r} is not a period: use int years, a PeriodIndex or a DatetimeIndex")
        if isinstance(label, (int, np.integer)):
            labels.append(int(label))
        elif isinstance(label, (float, np.floating)) and float(label).is_integer():
            labels.append(int(label))
        elif isinstance(label, (str, pd.Period, _core.Period)):
            labels.append(label)
        else:
            raise TypeError(f"index label {label!r} is not a period: use int years, a PeriodIndex or a DatetimeIndex")
    return labels


_YEAR_END = pd.offsets.YearEnd  # read once: a module attribute lookup per call costs


def _first_of_consecutive_years(index: pd.Index) -> int | None:
    """The first year when the labels are consecutive years in order — int labels, annual periods ending
    in December, or dates of an index that is not quarterly or monthly (a date stands for its year, as
    in `_index_periods`) — else None. The fast path of `series_from_pandas`: such a series is
    ``Series(first, values)`` and needs no label-by-label conversion. Every test here reads the index
    as a whole (its dtype, its integer view); none infers a frequency or loops over labels in Python.
    (Attribute reads of pandas objects cost a few hundred ns each here: each is read once.)"""
    count = len(index)
    if count == 0:
        return None
    if isinstance(index, pd.RangeIndex):
        return int(index.start) if index.step == 1 else None
    if isinstance(index, pd.PeriodIndex):
        freq = index.freq  # reading the offset is cheaper than formatting freqstr
        if type(freq) is not _YEAR_END or freq.n != 1 or getattr(freq, "month", None) != 12:
            return None
        years = index.asi8  # annual ordinals count years from 1970
        offset = 1970
    elif isinstance(index, pd.DatetimeIndex):
        freq = index.freq  # the offset's own freqstr is cheaper than the index's
        if freq is not None and freq.freqstr.startswith(("Q", "BQ", "M", "BM", "ME", "MS")):
            return None
        if isinstance(index.dtype, np.dtype):
            # The calendar year of each naive date straight from the datetime64 values (NaT breaks the run).
            years = index.values.astype("datetime64[Y]").view(np.int64)
            offset = 1970
        else:
            years = index.year.to_numpy()  # local years of aware dates
            offset = 0
    elif index.dtype.kind in "iu":
        years = index.values
        offset = 0
    else:
        return None
    labels = years.tolist()
    first = labels[0] + offset
    return first if labels == list(range(first - offset, first - offset + count)) else None


def series_from_pandas(
    data: pd.Series, indicator: str | None = None, region: str = "", unit: str = ""
) -> _core.Series:
    """An ontrack Series from a pandas Series indexed by int years, a PeriodIndex or a DatetimeIndex.

    Values must be numeric; NaN marks a gap. Duplicate periods raise InvalidValueError. The indicator
    defaults to the pandas Series' name. Attached as ``Series.from_pandas``; index labels may also be
    period text (``"2025-Q3"``, ``"十三五末"``) or ontrack Periods. Raises TypeError for other labels.
    """
    if not isinstance(data, pd.Series):
        raise TypeError(f"expected a pandas Series, got {type(data).__name__}")
    # Fast path: float or int values on consecutive years (the usual annual series) go straight to the
    # Series constructor; everything else takes the general conversion below, with the same result.
    # `values` is the NumPy array itself for NumPy dtypes (an extension array otherwise: general path);
    # reading it and its dtype costs a third of `to_numpy` and `Series.dtype`, a third of the call.
    raw = data.values
    if isinstance(raw, np.ndarray) and raw.dtype.kind in "fiu":
        first = _first_of_consecutive_years(data.index)
        if first is not None:
            name = indicator if indicator is not None else ("" if data.name is None else str(data.name))
            return _core.Series(first, raw, name, region, unit)
    try:
        values = pd.to_numeric(data, errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError) as exc:
        error = _core.InvalidValueError(f"field 'values': not numeric: {exc}")
        error.field = "values"
        error.reason = f"not numeric: {exc}"
        raise error from exc
    name = indicator if indicator is not None else ("" if data.name is None else str(data.name))
    return _core.Series.from_pairs(_index_periods(data.index), values, name, region, unit)


def series_to_pandas(series: _core.Series) -> pd.Series:
    """A pandas Series indexed by a PeriodIndex (gaps kept as NaN), named after the indicator.

    Attached as ``Series.to_pandas()``; an empty series gives an empty float Series.
    """
    if len(series) == 0:
        empty = pd.PeriodIndex([], freq=_PANDAS_FREQ.get(series.freq, "Y"))
        return pd.Series([], index=empty, dtype=float, name=series.indicator or None)
    index = pd.PeriodIndex([period_to_pandas(p) for p in series.periods])
    return pd.Series(np.array(series.values, dtype=float), index=index, name=series.indicator or None)


def install() -> None:
    """Attach the pandas conversions to the compiled classes (done once at import)."""
    setattr(_core.Series, "from_pandas", staticmethod(series_from_pandas))
    setattr(_core.Series, "to_pandas", series_to_pandas)
    setattr(_core.Period, "to_pandas", period_to_pandas)

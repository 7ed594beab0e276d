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


def _year_labels(index: pd.Index) -> tuple[Any, int] | None:
    """The labels of ``index`` as the fast path of `series_from_pandas` hands them to
    ``_core.Series._on_consecutive_years``, or None when they cannot be consecutive calendar years:
    ``(first year, 0)`` for a RangeIndex of step 1; otherwise a NumPy array and the offset of its
    integers — int years (0), annual periods ending in December (their ordinals count years from 1970),
    naive dates of an index that is not quarterly or monthly (datetime64 values: a date stands for its
    year, as in `_index_periods`) or the local years of aware dates (0). The compiled side checks that
    the years run on consecutively, in order. Nothing here loops over labels or infers a frequency;
    each attribute of the pandas objects is read once (each read costs a few hundred ns)."""
    if isinstance(index, pd.RangeIndex):
        return (index.start, 0) if index.step == 1 else None
    if isinstance(index, pd.PeriodIndex):
        dtype: Any = index.dtype  # a PeriodDtype: its offset is cheaper to reach than the index's
        freq = dtype.freq
        if type(freq) is not _YEAR_END or freq.n != 1 or getattr(freq, "month", None) != 12:
            return None
        return index.asi8, 1970
    if isinstance(index, pd.DatetimeIndex):
        freq = index.freq  # the offset's own freqstr is cheaper than the index's
        if freq is not None and freq.freqstr.startswith(("Q", "BQ", "M", "BM", "ME", "MS")):
            return None
        if isinstance(index.dtype, np.dtype):
            return index.values, 0  # naive: datetime64 values
        return index.year.to_numpy(), 0  # aware: the local year of each date
    if index.dtype.kind in "iu":
        return index.values, 0
    return None


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
    # The stored array is the NumPy array itself for NumPy dtypes (an extension array otherwise: the
    # general path). pandas' `values` returns the same array through five calls (0.9 us, a tenth of a
    # projection); `_values`, which every pandas since 1.0 keeps, reads it in one (0.3 us). Without it
    # the general path answers, the same. The compiled side checks the dtype (floats or integers).
    raw = getattr(data, "_values", None)
    if isinstance(raw, np.ndarray):
        labels = _year_labels(data.index)
        if labels is not None:
            name = indicator if indicator is not None else ("" if data.name is None else str(data.name))
            fast = _core.Series._on_consecutive_years(raw, labels[0], labels[1], name, region, unit)
            if fast is not None:
                return fast
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

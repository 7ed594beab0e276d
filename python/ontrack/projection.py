"""Projections from Python: pandas Series in, DataFrames out."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Optional, TypeVar, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

from ontrack import _core
from ontrack._pandas import period_to_pandas, series_from_pandas
from ontrack._progress import progress_bar
from ontrack.indicators import IndicatorsLike, _catalogue

SeriesLike = Union[_core.Series, "pd.Series[Any]"]


def _as_series(data: SeriesLike, what: str = "series") -> _core.Series:
    if isinstance(data, _core.Series):
        return data
    if isinstance(data, pd.Series):
        return series_from_pandas(data)
    raise TypeError(f"{what}: expected an ontrack Series or a pandas Series indexed by year or period, got {type(data).__name__}")


def project(
    series: SeriesLike,
    method: str = "linear",
    *,
    to: Any,
    level: float = 0.95,
    calibration: Optional[_core.Calibration] = None,
    bounds: Any = "natural",
    indicators: IndicatorsLike = "bundled",
) -> _core.Projection:
    """Project a series to period ``to`` with prediction intervals of probability ``level``.

    ``series`` is an ontrack Series or a pandas Series indexed by int years, a PeriodIndex or a
    DatetimeIndex. ``method`` is 'linear', 'loglinear', 'cagr', 'weighted_linear', 'holt',
    'holt_damped', 'auto' (lowest AICc; ``Projection.reason`` says why) or 'default' (the calibrated
    default of ``assess``). The result's ``probability(comparator, value, period)`` is exact for its
    predictive distribution.

    ``calibration`` (``Calibration.fit`` or ``Calibration.load``) replaces the method's own intervals
    by the spread of its past errors on a panel. ``bounds``: 'natural' (default: shares in % within
    [0, 100], counts and money >= 0, from the series' unit), None (no bounds), a string such as
    '0..100' or a (lower, upper) pair; no quantile leaves them. With 'natural', the bounds the
    ``indicators`` catalogue declares for the series' indicator come first (``lower_bound`` /
    ``upper_bound``, as in ``assess``): the bundled catalogue by default, an ``IndicatorCatalogue``, or
    None (the unit alone decides).
    """
    catalogue = _catalogue(indicators)  # checked whatever the bounds
    if calibration is None and bounds is None and method != "default":
        return _core.project(_as_series(series), method, to=to, level=level)
    natural = isinstance(bounds, str) and bounds == "natural"
    if not natural:
        catalogue = None
    return _core._project_layered(_as_series(series), method, to, level, calibration, None if natural else bounds, natural, catalogue)


def project_many(
    values: npt.ArrayLike, periods: Any, method: str = "linear", *, to: Any, level: float = 0.95, threads: int = 0
) -> _core.BatchProjection:
    """Project every row of a 2-D array (series × periods, NaN for gaps); see ``_core.project_many``."""
    return _core.project_many(values, periods, method, to=to, level=level, threads=threads)


def backtest(series: SeriesLike, method: str = "linear", horizon: int = 1, level: float = 0.95) -> _core.Backtest:
    """Rolling-origin backtest of ``method`` on ``series``: forecasts, MAE/MAPE and interval coverage."""
    return _core.backtest(_as_series(series), method, horizon, level)


Key = TypeVar("Key", bound=Hashable)


@overload
def backtest_many(
    series: Mapping[Key, SeriesLike], method: str = ..., horizon: int = ..., level: float = ..., *, progress: Optional[bool] = ...
) -> dict[Key, _core.Backtest]: ...


@overload
def backtest_many(
    series: Iterable[SeriesLike], method: str = ..., horizon: int = ..., level: float = ..., *, progress: Optional[bool] = ...
) -> list[_core.Backtest]: ...


def backtest_many(
    series: Union[Iterable[SeriesLike], Mapping[Any, SeriesLike]],
    method: str = "linear",
    horizon: int = 1,
    level: float = 0.95,
    *,
    progress: Optional[bool] = None,
) -> Union[list[_core.Backtest], dict[Any, _core.Backtest]]:
    """``backtest`` on many series: a list of results in order, or a dict by key when ``series`` is a
    mapping. ``progress``: None shows a progress bar when stderr is a terminal or in Jupyter (for work
    longer than half a second), True always, False never."""
    keyed = isinstance(series, Mapping)
    items: list[tuple[Any, SeriesLike]] = list(series.items()) if isinstance(series, Mapping) else list(enumerate(series))
    bar = progress_bar(len(items), "backtesting series", progress, unit="series")
    results: list[_core.Backtest] = []
    try:
        for _, one in items:
            results.append(backtest(one, method, horizon, level))
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()
    if keyed:
        return {key: result for (key, _), result in zip(items, results)}
    return results


def project_ratio(
    numerator: SeriesLike,
    denominator: SeriesLike,
    method: str = "linear",
    *,
    to: Any,
    scale: float = 100.0,
    level: float = 0.95,
    draws: int = 100_000,
    seed: int = 20251122,
) -> _core.RatioProjection:
    """Project numerator / denominator × scale through its components (simulation) and directly."""
    return _core.project_ratio(
        _as_series(numerator, "numerator"),
        _as_series(denominator, "denominator"),
        method,
        to=to,
        scale=scale,
        level=level,
        draws=draws,
        seed=seed,
    )


def projection_to_pandas(projection: _core.Projection) -> pd.DataFrame:
    """DataFrame indexed by period with columns mean, lower, upper."""
    index = pd.PeriodIndex([period_to_pandas(p.period) for p in projection.points], name="period")
    return pd.DataFrame(
        {
            "mean": [p.mean for p in projection.points],
            "lower": [p.lower for p in projection.points],
            "upper": [p.upper for p in projection.points],
        },
        index=index,
    )


def backtest_to_pandas(result: _core.Backtest) -> pd.DataFrame:
    """One row per forecast: origin, period, horizon, actual, mean, lower, upper, error, covered."""
    return pd.DataFrame(
        [
            {
                "origin": str(f.origin),
                "period": str(f.period),
                "horizon": f.horizon,
                "actual": f.actual,
                "mean": f.mean,
                "lower": f.lower,
                "upper": f.upper,
                "error": f.error,
                "covered": f.covered,
            }
            for f in result.forecasts
        ],
        columns=["origin", "period", "horizon", "actual", "mean", "lower", "upper", "error", "covered"],
    )


def ratio_to_pandas(result: _core.RatioProjection) -> pd.DataFrame:
    """DataFrame indexed by period: the ratio through its components (median, lower, upper) and, where
    available, the direct projection of the observed ratio (direct_mean, direct_lower, direct_upper)."""
    index = pd.PeriodIndex([period_to_pandas(p.period) for p in result.points], name="period")
    frame = pd.DataFrame(
        {
            "median": [p.median for p in result.points],
            "lower": [p.lower for p in result.points],
            "upper": [p.upper for p in result.points],
        },
        index=index,
    )
    direct = result.direct
    if direct is not None:
        by_period = {str(p.period): p for p in direct.points}
        for column in ("mean", "lower", "upper"):
            frame["direct_" + column] = [
                getattr(by_period[str(p.period)], column) if str(p.period) in by_period else np.nan for p in result.points
            ]
    return frame


def install() -> None:
    """Attach ``to_pandas`` to the compiled result classes (done once at import)."""
    setattr(_core.Projection, "to_pandas", projection_to_pandas)
    setattr(_core.Backtest, "to_pandas", backtest_to_pandas)
    setattr(_core.RatioProjection, "to_pandas", ratio_to_pandas)

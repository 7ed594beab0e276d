"""Calibration from Python: panels in, calibrations and report DataFrames out, and the report's plots.

The computing is in the compiled core (``lib/include/ontrack/calibration.hpp`` and
``calibration_report.hpp``); this module turns panels (a list of Series, an ObservationTable or a long
DataFrame) into series and the report into DataFrames.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import pandas as pd

from ontrack import _core
from ontrack._pandas import series_from_pandas

PanelLike = Union[_core.ObservationTable, "pd.DataFrame", Iterable[_core.Series]]

#: The methods of the report when none are named: the classic ones, the random walk with drift it
#: is scored against, and the calibrated default.
REPORT_METHODS = (*_core.method_names(), "rw_drift", _core.DEFAULT_METHOD)

#: Threshold events of the report: value >= origin value × (1 + g)^h for each g (−4% … +20% a year).
GROWTH_GRID = tuple(round(-0.04 + 0.02 * i, 2) for i in range(13))


def panel_series(panel: PanelLike, vintage: Optional[str] = "first_release") -> list[_core.Series]:
    """The series of a panel, one per region × indicator.

    ``panel``: a list of Series; an ObservationTable (``vintage`` picks the release where several
    exist); or a long DataFrame with columns ``region``, ``value`` and ``year`` or ``period``, and
    optionally ``indicator`` and ``unit``.
    """
    if isinstance(panel, _core.ObservationTable):
        keys = sorted({(o.region, o.indicator) for o in panel.rows})
        out = []
        for region, indicator in keys:
            vintages = panel.vintages(region, indicator)
            chosen = vintage if vintage in vintages else (vintages[0] if len(vintages) == 1 else vintage)
            out.append(panel.select(region, indicator, chosen))
        return out
    if isinstance(panel, pd.DataFrame):
        return _frame_series(panel)
    if isinstance(panel, (str, bytes)):
        raise TypeError("panel: expected Series, an ObservationTable or a long DataFrame, got a string (read the file first: read_panel_csv)")
    out = []
    for item in panel:
        if not isinstance(item, _core.Series):
            raise TypeError(f"panel: expected ontrack Series in the list, got {type(item).__name__}")
        out.append(item)
    return out


def _frame_series(frame: pd.DataFrame) -> list[_core.Series]:
    time = "year" if "year" in frame.columns else ("period" if "period" in frame.columns else None)
    missing = [c for c in ("region", "value") if c not in frame.columns]
    if time is None:
        missing.append("year or period")
    if missing:
        raise ValueError(f"panel: the DataFrame needs columns region, value and year or period; missing {', '.join(missing)}")
    indicator = frame["indicator"] if "indicator" in frame.columns else pd.Series([""] * len(frame), index=frame.index)
    unit = frame["unit"] if "unit" in frame.columns else pd.Series([""] * len(frame), index=frame.index)
    work = pd.DataFrame({"region": frame["region"].astype(str), "indicator": indicator.astype(str), "time": frame[time],
                         "value": pd.to_numeric(frame["value"], errors="coerce"), "unit": unit.fillna("").astype(str)})
    out = []
    for (region, name), group in work.groupby(["region", "indicator"], sort=True):
        units = sorted(set(group["unit"]))
        if len(units) > 1:
            raise ValueError(f"panel: {region} / {name} mixes units {units}")
        if group["time"].duplicated().any():
            raise ValueError(f"panel: {region} / {name} has two values for {group['time'][group['time'].duplicated()].iloc[0]}")
        values = pd.Series(group["value"].to_numpy(), index=group["time"].to_numpy()).sort_index()
        out.append(series_from_pandas(values, indicator=str(name), region=str(region), unit=units[0]))
    return out


def read_panel_csv(path: str, indicator: Optional[str] = None) -> pd.DataFrame:
    """A long panel CSV (columns region, year or period, value, optionally indicator and unit, e.g.
    ``examples/data/provinces/*.csv``) as a DataFrame; ``indicator`` fills the column when absent."""
    frame = pd.read_csv(path, dtype={"region": str})
    if "indicator" not in frame.columns:
        frame["indicator"] = indicator if indicator is not None else path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return frame


def fit_calibration(
    panel: PanelLike,
    method: str = "cagr",
    *,
    horizon: int = 5,
    by_indicator: bool = False,
    minimum_errors: int = 10,
    source: str = "",
    vintage: Optional[str] = "first_release",
    scaling: str = "drift_uncertainty",
    pool_horizons: bool = True,
    damping: float = 1.0,
) -> _core.Calibration:
    """Learn the calibration of ``method`` (not 'auto') from a panel: rolling-origin forecasts of every
    series and their standardised errors (``scaling``), pooled over horizons 1 … ``horizon`` or per
    horizon (``pool_horizons``), and per indicator when ``by_indicator``; ``damping`` (cagr only) damps
    the centre's drift. Also available as ``Calibration.fit``."""
    return _core.Calibration.fit(
        panel, method, horizon=horizon, by_indicator=by_indicator, minimum_errors=minimum_errors, source=source, vintage=vintage,
        scaling=scaling, pool_horizons=pool_horizons, damping=damping,
    )


@dataclass
class CalibrationReport:
    """The calibration report as DataFrames.

    - ``summary``: one row per method (all horizons pooled): forecasts, coverage at each level
      (``coverage_80`` …), relative WIS, Brier, and how often events given P < 5% / P >= 95% happened.
    - ``by_horizon``: the same per method and horizon.
    - ``pit``: the PIT histogram, one row per method, horizon (0 = pooled) and bin.
    - ``reliability``: per method, bins of the forecast probability with the observed frequency.
    - ``forecasts``: every scored forecast.
    - ``skipped``: what could not be run, and why.
    """

    summary: pd.DataFrame
    by_horizon: pd.DataFrame
    pit: pd.DataFrame
    reliability: pd.DataFrame
    forecasts: pd.DataFrame
    levels: tuple[float, ...]
    skipped: list[str] = field(default_factory=list)


def _level_name(level: float) -> str:
    return f"coverage_{round(level * 100):d}" if abs(level * 100 - round(level * 100)) < 1e-9 else f"coverage_{level:g}"


def calibration_report(
    panel: PanelLike,
    methods: Sequence[str] = REPORT_METHODS,
    *,
    horizon: int = 5,
    levels: Sequence[float] = (0.5, 0.8, 0.9, 0.95),
    growth: Sequence[float] = GROWTH_GRID,
    pit_bins: int = 10,
    real_time: bool = True,
    minimum_errors: int = 10,
    natural_bounds: bool = True,
    calibration: Optional[_core.Calibration] = None,
    vintage: Optional[str] = "first_release",
    default_calibration: Optional[_core.Calibration] = None,
    pool_horizons: bool = True,
) -> CalibrationReport:
    """How honest have projections been on ``panel``? Rolling-origin forecasts 1 … ``horizon`` periods
    ahead, each from the data up to its origin only, scored per method and horizon.

    ``methods``: projection methods, 'rw_drift' (the random walk with drift the WIS is relative to),
    'default' (what ``assess`` uses, with the bundled calibration or ``default_calibration``),
    'default+loro' (the default's procedure learned leave-one-region-out: its honest measure on the
    panel it was learned from), 'M+loro' (method M calibrated leave-one-region-out; with ``real_time``
    only with errors published by the origin; errors pooled over horizons unless ``pool_horizons`` is
    False) and 'M+cal' (M with ``calibration``).
    """
    series = panel_series(panel, vintage)
    raw = _core._calibration_report(
        series, list(methods), horizon, [float(x) for x in levels], [float(g) for g in growth], pit_bins, real_time, minimum_errors,
        natural_bounds, calibration, default_calibration, pool_horizons,
    )
    level_names = [_level_name(x) for x in levels]
    rows: list[dict[str, Any]] = []
    pit_rows: list[dict[str, Any]] = []
    for s in raw["summaries"]:
        row: dict[str, Any] = {"method": s["method"], "horizon": s["horizon"], "forecasts": s["forecasts"]}
        row.update(dict(zip(level_names, s["coverage"])))
        row.update({k: s[k] for k in ("relative_wis", "mean_scaled_wis", "brier", "events", "low_p", "low_p_reached", "high_p", "high_p_reached")})
        rows.append(row)
        for i, count in enumerate(s["pit_histogram"]):
            pit_rows.append({"method": s["method"], "horizon": s["horizon"], "bin": i, "pit_low": i / pit_bins, "pit_high": (i + 1) / pit_bins,
                             "count": count, "share": count / s["forecasts"] if s["forecasts"] else float("nan")})
    table = pd.DataFrame(rows)
    if table.empty:
        table = pd.DataFrame(columns=["method", "horizon", "forecasts", *level_names, "relative_wis", "brier"])
    summary = table[table["horizon"] == 0].drop(columns=["horizon"]).reset_index(drop=True)
    by_horizon = table[table["horizon"] > 0].reset_index(drop=True)
    forecasts = pd.DataFrame(raw["forecasts"])
    if not forecasts.empty:
        for i, name in enumerate(level_names):
            suffix = name.removeprefix("coverage_")
            forecasts[f"lower_{suffix}"] = [x[i] for x in forecasts["lower"]]
            forecasts[f"upper_{suffix}"] = [x[i] for x in forecasts["upper"]]
        forecasts = forecasts.drop(columns=["lower", "upper"])
    return CalibrationReport(
        summary=summary,
        by_horizon=by_horizon,
        pit=pd.DataFrame(pit_rows),
        reliability=pd.DataFrame(raw["reliability"]),
        forecasts=forecasts,
        levels=tuple(float(x) for x in levels),
        skipped=list(raw["skipped"]),
    )


def plot_coverage(report: CalibrationReport, level: float = 0.95, ax: Any = None) -> Any:
    """Coverage of the central ``level`` interval by horizon, one line per method, with the nominal level."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    column = _level_name(level)
    if column not in report.by_horizon.columns:
        raise ValueError(f"level: the report has coverage at {list(report.levels)}, not {level}")
    for method, group in report.by_horizon.groupby("method", sort=False):
        ax.plot(group["horizon"], group[column], marker="o", label=method)
    ax.axhline(level, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("horizon (periods ahead)")
    ax.set_ylabel(f"coverage of the {level:.0%} interval")
    ax.set_ylim(0, 1.02)
    ax.legend(fontsize="small")
    return ax


def plot_pit(report: CalibrationReport, method: str, horizon: int = 0, ax: Any = None) -> Any:
    """The PIT histogram of ``method`` (horizon 0: all pooled); flat at 1 when calibrated."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(5, 3.5))
    rows = report.pit[(report.pit["method"] == method) & (report.pit["horizon"] == horizon)]
    if rows.empty:
        raise ValueError(f"method: no PIT histogram for '{method}' at horizon {horizon}")
    bins = len(rows)
    ax.bar(rows["pit_low"], rows["share"] * bins, width=1.0 / bins, align="edge", edgecolor="white")
    ax.axhline(1.0, color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("PIT")
    ax.set_ylabel("density")
    ax.set_title(method + ("" if horizon == 0 else f", h = {horizon}"))
    return ax


def plot_reliability(report: CalibrationReport, methods: Optional[Sequence[str]] = None, ax: Any = None) -> Any:
    """Reliability diagram: observed frequency of threshold events against the forecast probability."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    chosen = list(methods) if methods is not None else list(dict.fromkeys(report.reliability["method"]))
    for method in chosen:
        rows = report.reliability[(report.reliability["method"] == method) & (report.reliability["events"] > 0)]
        ax.plot(rows["mean_probability"], rows["observed_frequency"], marker="o", label=method)
    ax.plot([0, 1], [0, 1], color="black", linestyle="--", linewidth=1)
    ax.set_xlabel("forecast probability")
    ax.set_ylabel("observed frequency")
    ax.legend(fontsize="small")
    return ax

#!/usr/bin/env python3
"""Generate statsmodels reference figures for ontrack's projection engine.

Writes ``tests/reference/projection_reference.json`` (next to this script).
See ``tests/reference/README.md`` for what every figure is.

Usage (from the repository root)::

    python3 tests/reference/make_projection_reference.py \
        [--data-dir /work/shared/data] [--out tests/reference/projection_reference.json]

Requirements: Python >= 3.11, numpy, pandas, scipy, statsmodels.
The real series are read from the CSVs in ``--data-dir`` at generation time and
embedded in the JSON, so tests never need that directory.

The output is deterministic: all synthetic data come from one
``numpy.random.default_rng(20251122)`` consumed in a fixed order, the optimiser
(L-BFGS-B with finite-difference gradients) is deterministic, and the JSON
contains no timestamps or host information.  Re-running on the same library
versions gives a byte-identical file.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import scipy.stats
import statsmodels
import statsmodels.api as sm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

SEED = 20251122
HORIZON = 6  # forecast last observed year + 1 ... last observed year + HORIZON
# interval level -> alpha passed to statsmodels' summary_frame(alpha=...)
LEVELS = {"0.95": 0.05, "0.80": 0.20}
ETS_MIN_NOBS = 6
GENERATED_BY = "tests/reference/make_projection_reference.py"

HERE = Path(__file__).resolve().parent
DEFAULT_DATA_DIR = Path("/work/shared/data")
DEFAULT_OUT = HERE / "projection_reference.json"


# --------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------
def fl(x) -> float:
    """numpy scalar -> python float (full precision)."""
    return float(x)


def fl_list(a) -> list[float]:
    return [float(v) for v in np.asarray(a, dtype=float).ravel()]


def sanitize(obj, path: str, nonfinite: list[str]):
    """Replace NaN/inf floats by None (JSON null) and record where."""
    if isinstance(obj, dict):
        return {k: sanitize(v, f"{path}.{k}", nonfinite) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [sanitize(v, f"{path}[{i}]", nonfinite) for i, v in enumerate(obj)]
    if isinstance(obj, (np.bool_,)):
        return bool(obj)
    if isinstance(obj, (np.integer,)):
        return int(obj)
    if isinstance(obj, (float, np.floating)):
        v = float(obj)
        if not math.isfinite(v):
            nonfinite.append(f"{path}={v!r}")
            return None
        return v
    return obj


class WarningLog:
    """Context manager collecting warnings raised inside it (as text)."""

    def __enter__(self):
        self._cm = warnings.catch_warnings(record=True)
        self.records = self._cm.__enter__()
        warnings.simplefilter("always")
        return self

    def __exit__(self, *exc):
        self._cm.__exit__(*exc)
        return False

    def messages(self) -> list[str]:
        out = []
        for w in self.records:
            msg = f"{w.category.__name__}: {w.message}"
            if msg not in out:
                out.append(msg)
        return out


# --------------------------------------------------------------------------
# real series
# --------------------------------------------------------------------------
REAL_SERIES = [
    # name, file, region, indicator
    ("china_rd_expenditure", "rd_expenditure.csv", "China", "rd_expenditure"),
    ("china_rd_intensity_first_release", "rd_expenditure.csv", "China",
     "rd_intensity_first_release"),
    ("xinjiang_rd_expenditure", "rd_expenditure.csv", "Xinjiang", "rd_expenditure"),
    ("xinjiang_rd_intensity_first_release", "rd_expenditure.csv", "Xinjiang",
     "rd_intensity_first_release"),
    ("china_citizens_with_scientific_literacy", "science_literacy.csv", "China",
     "citizens_with_scientific_literacy"),
    ("xinjiang_high_tech_enterprises_valid", "high_tech_enterprises.csv", "Xinjiang",
     "high_tech_enterprises_valid"),
]


def parse_number(text: str):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def load_real_series(data_dir: Path) -> list[dict]:
    out = []
    for name, fname, region, indicator in REAL_SERIES:
        df = pd.read_csv(data_dir / fname, dtype=str, keep_default_na=False)
        rows = df[(df["region"] == region) & (df["indicator"] == indicator)]
        if rows.empty:
            raise SystemExit(f"no rows for {region}/{indicator} in {fname}")
        by_year: dict[int, dict] = {}
        notes: list[str] = []
        skipped_non_numeric = []
        duplicates_dropped = []
        flagged = []
        units = []
        for line_no, row in zip(rows.index, rows.itertuples(index=False)):
            year = int(row.year)
            value = parse_number(row.value)
            if value is None:
                skipped_non_numeric.append({"year": year, "value": row.value,
                                            "source": row.source})
                continue
            if row.unit not in units:
                units.append(row.unit)
            if year in by_year:
                # keep the first row in file order (the statistical bulletin);
                # later rows for the same year come from secondary reports
                duplicates_dropped.append({"year": year, "value_kept": by_year[year]["value"],
                                           "value_dropped": value,
                                           "source_dropped": row.source})
                continue
            by_year[year] = {"value": value, "source": row.source, "csv_row": int(line_no) + 2}
            if "FLAG" in row.source:
                flagged.append({"year": year, "value": value, "source": row.source})
        years_obs = sorted(by_year)
        years = list(range(years_obs[0], years_obs[-1] + 1))
        values = [by_year[y]["value"] if y in by_year else float("nan") for y in years]
        if len(units) != 1:
            raise SystemExit(f"{name}: mixed units {units}")
        if duplicates_dropped:
            notes.append("duplicate (region, indicator, year) rows: first row in file order kept")
        if skipped_non_numeric:
            notes.append("non-numeric values (bounds/approximations) skipped")
        out.append({
            "name": name,
            "source": {
                "kind": "csv",
                "file": fname,
                "region": region,
                "indicator": indicator,
                "unit": units[0],
                "row_sources": {str(y): by_year[y]["source"] for y in years_obs},
                "flagged_rows": flagged,
                "duplicates_dropped": duplicates_dropped,
                "skipped_non_numeric": skipped_non_numeric,
                "notes": notes,
            },
            "years": years,
            "values": values,
        })
    return out


# --------------------------------------------------------------------------
# synthetic series
# --------------------------------------------------------------------------
# Each spec: name, kind, n (length incl. gaps), first year, n_gaps (interior
# NaN), parameters of the mean curve, noise sd ("add": additive normal sd;
# "mul": sd of log-normal multiplicative noise), extra edge flags.
# t = 0, 1, ..., n-1 is the position inside the series.
SYNTHETIC_SPECS = [
    # --- linear trend + noise
    dict(name="syn_linear_small_scale", kind="linear", n=10, y0=2015, gaps=0,
         a=0.020, b=0.0025, noise="add", sd=0.001),
    dict(name="syn_linear_mid_scale", kind="linear", n=13, y0=2012, gaps=0,
         a=50.0, b=3.0, noise="add", sd=2.0),
    dict(name="syn_linear_large_scale_gap", kind="linear", n=12, y0=2013, gaps=1,
         a=2.0e5, b=1.5e4, noise="add", sd=6.0e3),
    dict(name="syn_linear_n5", kind="linear", n=5, y0=2020, gaps=0,
         a=8.0, b=0.6, noise="add", sd=0.3),
    # --- exponential growth + multiplicative noise (positive)
    dict(name="syn_exp_fast", kind="exp", n=11, y0=2014, gaps=0,
         a=120.0, g=0.12, noise="mul", sd=0.03),
    dict(name="syn_exp_large_scale_2gaps", kind="exp", n=15, y0=2010, gaps=2,
         a=3.0e5, g=0.07, noise="mul", sd=0.02),
    dict(name="syn_exp_small_scale_gap", kind="exp", n=8, y0=2017, gaps=1,
         a=0.015, g=0.09, noise="mul", sd=0.04),
    dict(name="syn_exp_n6", kind="exp", n=6, y0=2019, gaps=0,
         a=2500.0, g=0.15, noise="mul", sd=0.05),
    # --- concave / saturating
    dict(name="syn_saturating_logistic", kind="logistic", n=14, y0=2011, gaps=0,
         K=100.0, r=0.45, tmid=3.0, noise="add", sd=1.5),
    dict(name="syn_concave_sqrt_gap", kind="sqrt", n=9, y0=2016, gaps=1,
         a=20.0, b=9.0, noise="add", sd=0.8),
    dict(name="syn_saturating_exp_2gaps", kind="satexp", n=12, y0=2013, gaps=2,
         K=4.0e4, k=0.25, base=5.0e3, noise="add", sd=6.0e2),
    dict(name="syn_concave_log_percent_gap", kind="log1p", n=7, y0=2018, gaps=1,
         a=0.40, b=0.30, noise="add", sd=0.02),
    # --- pure noise around a level
    dict(name="syn_noise_small_scale", kind="level", n=10, y0=2015, gaps=0,
         a=0.05, noise="add", sd=0.004),
    dict(name="syn_noise_mid_scale_gap", kind="level", n=15, y0=2010, gaps=1,
         a=75.0, noise="add", sd=5.0),
    dict(name="syn_noise_large_scale", kind="level", n=6, y0=2019, gaps=0,
         a=1.0e6, noise="add", sd=3.0e4),
    dict(name="syn_noise_n5", kind="level", n=5, y0=2020, gaps=0,
         a=12.0, noise="add", sd=1.0),
    # --- declining trend
    dict(name="syn_decline_linear", kind="linear", n=12, y0=2013, gaps=0,
         a=900.0, b=-35.0, noise="add", sd=20.0),
    dict(name="syn_decline_crossing_zero_gap", kind="linear", n=10, y0=2015, gaps=1,
         a=3.0, b=-0.8, noise="add", sd=0.4),
    dict(name="syn_decline_exp", kind="exp", n=13, y0=2012, gaps=0,
         a=5.0e3, g=-0.10, noise="mul", sd=0.04),
    dict(name="syn_decline_small_scale", kind="linear", n=8, y0=2017, gaps=0,
         a=0.09, b=-0.004, noise="add", sd=0.002),
    # --- edge cases: leading / trailing missing year
    dict(name="syn_linear_leading_nan", kind="linear", n=11, y0=2014, gaps=0,
         a=30.0, b=1.2, noise="add", sd=0.9, leading_nan=True),
    dict(name="syn_exp_trailing_nan", kind="exp", n=10, y0=2015, gaps=0,
         a=700.0, g=0.05, noise="mul", sd=0.02, trailing_nan=True),
]


def mean_curve(spec: dict, t: np.ndarray) -> np.ndarray:
    k = spec["kind"]
    if k == "linear":
        return spec["a"] + spec["b"] * t
    if k == "exp":
        return spec["a"] * np.exp(spec["g"] * t)
    if k == "logistic":
        return spec["K"] / (1.0 + np.exp(-spec["r"] * (t - spec["tmid"])))
    if k == "sqrt":
        return spec["a"] + spec["b"] * np.sqrt(t)
    if k == "satexp":
        return spec["base"] + spec["K"] * (1.0 - np.exp(-spec["k"] * t))
    if k == "log1p":
        return spec["a"] + spec["b"] * np.log1p(t)
    if k == "level":
        return np.full_like(t, spec["a"], dtype=float)
    raise ValueError(k)


def round_sig(x: float, sig: int = 6) -> float:
    return float(f"{x:.{sig}g}")


def make_synthetic_series() -> list[dict]:
    rng = np.random.default_rng(SEED)
    out = []
    for spec in SYNTHETIC_SPECS:
        n = spec["n"]
        t = np.arange(n, dtype=float)
        mu = mean_curve(spec, t)
        # draw order per series: n noise draws, then the gap positions
        z = rng.standard_normal(n)
        if spec["noise"] == "add":
            y = mu + spec["sd"] * z
        else:
            y = mu * np.exp(spec["sd"] * z)
        y = np.array([round_sig(v) for v in y])
        gap_idx: list[int] = []
        if spec["gaps"]:
            gap_idx = sorted(int(i) for i in rng.choice(np.arange(1, n - 1),
                                                        size=spec["gaps"], replace=False))
            y[gap_idx] = np.nan
        if spec.get("leading_nan"):
            y[0] = np.nan
        if spec.get("trailing_nan"):
            y[-1] = np.nan
        years = list(range(spec["y0"], spec["y0"] + n))
        params = {k: v for k, v in spec.items()
                  if k not in ("name", "kind", "n", "y0", "gaps", "noise", "sd",
                               "leading_nan", "trailing_nan")}
        out.append({
            "name": spec["name"],
            "source": {
                "kind": "synthetic",
                "generator": "numpy.random.default_rng",
                "seed": SEED,
                "curve": spec["kind"],
                "curve_params": params,
                "noise": {"type": "additive_normal" if spec["noise"] == "add"
                          else "multiplicative_lognormal", "sd": spec["sd"]},
                "interior_gap_years": [years[i] for i in gap_idx],
                "leading_nan": bool(spec.get("leading_nan", False)),
                "trailing_nan": bool(spec.get("trailing_nan", False)),
                "rounding": "6 significant digits",
            },
            "years": years,
            "values": [float(v) for v in y],
        })
    return out


# --------------------------------------------------------------------------
# regression references
# --------------------------------------------------------------------------
def design(years: np.ndarray) -> np.ndarray:
    """[const, year] with the calendar year itself (uncentred) as regressor."""
    years = np.asarray(years, dtype=float)
    return np.column_stack([np.ones_like(years), years])


def prediction_record(res, exog_new, horizon_years, weights=None) -> dict:
    with WarningLog():
        if weights is None:
            pred = res.get_prediction(exog_new)
        else:
            pred = res.get_prediction(exog_new, weights=weights)
    rec = {
        "years": horizon_years,
        "h": list(range(1, len(horizon_years) + 1)),
        "mean": fl_list(pred.predicted_mean),
        "mean_se": fl_list(pred.se_mean),
        "obs_se": fl_list(pred.se_obs),
        "intervals": {},
    }
    for level, alpha in LEVELS.items():
        sf = pred.summary_frame(alpha=alpha)
        assert np.array_equal(sf["mean"].to_numpy(), np.asarray(pred.predicted_mean))
        rec["intervals"][level] = {
            "alpha": alpha,
            "obs_ci_lower": fl_list(sf["obs_ci_lower"]),
            "obs_ci_upper": fl_list(sf["obs_ci_upper"]),
            "mean_ci_lower": fl_list(sf["mean_ci_lower"]),
            "mean_ci_upper": fl_list(sf["mean_ci_upper"]),
        }
    return rec


def regression_record(res, y_obs, years_obs, horizon_years, weights=None) -> dict:
    names = ["const", "year"]
    rec = {
        "regressor": "year",
        "nobs": int(res.nobs),
        "years_used": [int(v) for v in years_obs],
        "params": {k: fl(v) for k, v in zip(names, res.params)},
        "bse": {k: fl(v) for k, v in zip(names, res.bse)},
        "scale": fl(res.scale),
        "sigma": fl(math.sqrt(res.scale)),
        "df_resid": fl(res.df_resid),
        "df_model": fl(res.df_model),
        "rsquared": fl(res.rsquared),
        "llf": fl(res.llf),
        "aic": fl(res.aic),
        "bic": fl(res.bic),
        "ssr": fl(res.ssr),
        "condition_number": fl(res.condition_number),
        "t_quantiles": {lvl: fl(scipy.stats.t.ppf(1 - a / 2, res.df_resid))
                        for lvl, a in LEVELS.items()},
    }
    if weights is not None:
        rec["weights"] = fl_list(weights)
    return rec


def fit_ols(y, years, horizon_years, log=False) -> dict:
    mask = ~np.isnan(y)
    yo, yr = y[mask], years[mask]
    if log:
        yo = np.log(yo)
    X = design(yr)
    with WarningLog() as wl:
        res = sm.OLS(yo, X).fit()
    rec = regression_record(res, yo, yr, horizon_years)
    rec["forecast"] = prediction_record(res, design(np.asarray(horizon_years)), horizon_years)
    rec["warnings"] = wl.messages()
    if log:
        f = rec.pop("forecast")
        rec["forecast_log"] = f
        rec["forecast_exp"] = {
            "years": f["years"],
            "h": f["h"],
            "exp_mean": [math.exp(v) for v in f["mean"]],
            "intervals": {
                lvl: {"exp_obs_ci_lower": [math.exp(v) for v in iv["obs_ci_lower"]],
                      "exp_obs_ci_upper": [math.exp(v) for v in iv["obs_ci_upper"]]}
                for lvl, iv in f["intervals"].items()
            },
        }
        rec["scale_of_records"] = "log(value)"
    return rec


def fit_wls(y, years, horizon_years) -> dict:
    mask = ~np.isnan(y)
    yo, yr = y[mask], years[mask]
    w = np.arange(1, len(yo) + 1, dtype=float)  # 1-based rank of observed point
    X = design(yr)
    with WarningLog() as wl:
        res = sm.WLS(yo, X, weights=w).fit()
    rec = regression_record(res, yo, yr, horizon_years, weights=w)
    rec["weights_rule"] = "w_i = i, 1-based chronological rank among observed (non-NaN) points"
    Xn = design(np.asarray(horizon_years))
    rec["forecast"] = prediction_record(res, Xn, horizon_years, weights=1.0)
    # sanity: passing new exog without weights also uses unit weight
    alt = prediction_record(res, Xn, horizon_years, weights=None)
    assert alt == rec["forecast"], "weights=1 and weights=None differ"
    rec["prediction_weights"] = 1.0
    rec["warnings"] = wl.messages()
    return rec


# --------------------------------------------------------------------------
# ETS (Holt) references
# --------------------------------------------------------------------------
def interior_gaps(y: np.ndarray) -> bool:
    obs = np.flatnonzero(~np.isnan(y))
    return bool(np.isnan(y[obs[0]:obs[-1] + 1]).any())


def trim(y: np.ndarray, years: np.ndarray):
    obs = np.flatnonzero(~np.isnan(y))
    sl = slice(obs[0], obs[-1] + 1)
    return y[sl], years[sl]


def at_bounds(res, damped: bool) -> list[str]:
    """Parameters sitting on statsmodels' default (internal) bounds, with side."""
    eps = 1e-8

    def side(v, lo, hi):
        if abs(v - lo) < eps:
            return "lower"
        if abs(v - hi) < eps:
            return "upper"
        return None

    out = []
    a = float(res.smoothing_level)
    checks = [("smoothing_level", a, 1e-4, 1 - 1e-4),
              ("beta_star=smoothing_trend/smoothing_level",
               float(res.smoothing_trend) / a, 1e-4, 1 - 1e-4)]
    if damped:
        checks.append(("damping_trend", float(res.damping_trend), 0.8, 0.98))
    for name, v, lo, hi in checks:
        sd = side(v, lo, hi)
        if sd:
            out.append(f"{name}:{sd}")
    return out


def refit_check(model, res, y, damped: bool) -> dict:
    """Diagnostic (NOT statsmodels output): is statsmodels' default fit a local optimum?

    Re-maximises the same statsmodels log-likelihood (``model.loglike``) under
    the same bounds, starting from statsmodels' solution, with the initial
    states rescaled by sd(y) so that all free parameters are O(1).  Runs scipy
    L-BFGS-B and Powell (both deterministic) and keeps the better one.
    """
    from scipy import optimize

    sc = float(np.std(y)) or 1.0
    a0 = float(res.smoothing_level)
    x0 = [a0, float(res.smoothing_trend) / a0]
    bounds = [(1e-4, 1 - 1e-4), (1e-4, 1 - 1e-4)]
    if damped:
        x0.append(float(res.damping_trend))
        bounds.append((0.8, 0.98))
    x0 += [float(res.initial_level) / sc, float(res.initial_trend) / sc]
    bounds += [(None, None), (None, None)]

    def to_params(x):
        a, bstar = x[0], x[1]
        out = [a, a * bstar] + ([x[2]] if damped else []) + [x[-2] * sc, x[-1] * sc]
        return np.array(out, dtype=float)

    def negll(x):
        return -float(model.loglike(to_params(x)))

    best = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for method in ("L-BFGS-B", "Powell"):
            o = optimize.minimize(negll, np.array(x0), method=method, bounds=bounds)
            if best is None or o.fun < best.fun:
                best, best_method = o, method
    pbest = to_params(best.x)
    names = ["smoothing_level", "smoothing_trend"] + (["damping_trend"] if damped else []) \
        + ["initial_level", "initial_trend"]
    llf_best = -float(best.fun)
    return {
        "note": "diagnostic computed by this script with scipy, not statsmodels output",
        "method": f"scipy.optimize.minimize({best_method}) on statsmodels' loglike, "
                  "start = statsmodels solution, initial states scaled by sd(y)",
        "llf": llf_best,
        "llf_gain_over_statsmodels": llf_best - float(res.llf),
        "params": dict(zip(names, fl_list(pbest))),
    }


def fit_ets(y, years, horizon_years, damped: bool) -> dict:
    yt, yrs = trim(y, years)
    n = len(yt)
    index = pd.period_range(start=str(int(yrs[0])), periods=n, freq="Y")
    endog = pd.Series(yt, index=index, name="value")
    with WarningLog() as wl:
        model = ETSModel(endog, error="add", trend="add", damped_trend=damped,
                         seasonal=None)
        start_params = dict(zip(model.param_names, fl_list(model.start_params)))
        res = model.fit(disp=False)
        pred = res.get_prediction(start=n, end=n + HORIZON - 1)
        frames = {lvl: pred.summary_frame(alpha=a) for lvl, a in LEVELS.items()}
        rel_var = res._relative_forecast_variance(np.arange(1, HORIZON + 1, dtype=float))
    pyears = [int(p.year) for p in frames["0.95"].index]
    assert pyears == horizon_years, (pyears, horizon_years)
    assert pred.method == "exact"
    retvals = res.mle_retvals or {}
    rec = {
        "endog_years": [int(v) for v in yrs],
        "nobs": int(res.nobs),
        "fit_settings": {
            "class": "statsmodels.tsa.exponential_smoothing.ets.ETSModel",
            "error": "add", "trend": "add", "damped_trend": damped, "seasonal": None,
            "initialization_method": model.initialization_method,
            "initial_state_guess": ("_initialization_simple (l0=y[0], b0=y[1]-y[0])"
                                    if n < 10 else
                                    "_initialization_heuristic (OLS line on first 10 obs)"),
            "bounds": "statsmodels defaults: 1e-4<alpha<1-1e-4, 1e-4<beta/alpha<1-1e-4, "
                      "0.8<phi<0.98 (phi fixed at 1 when not damped), initial states free",
            "optimizer": "scipy L-BFGS-B via LikelihoodModel.fit(method='lbfgs', "
                         "approx_grad=True), maxiter=1000",
            "fit_call": "fit(disp=False)",
            "endog_index": "pandas PeriodIndex, freq='Y'",
            "start_params": start_params,
        },
        "params": {
            "smoothing_level": fl(res.smoothing_level),
            "smoothing_trend": fl(res.smoothing_trend),
            "damping_trend": fl(res.damping_trend) if damped else None,
            "initial_level": fl(res.initial_level),
            "initial_trend": fl(res.initial_trend),
        },
        "params_at_bounds": at_bounds(res, damped),
        "llf": fl(res.llf),
        "aic": fl(res.aic),
        "aicc": fl(res.aicc),
        "bic": fl(res.bic),
        "hqic": fl(res.hqic),
        "df_model": int(res.df_model),
        "sse": fl(res.sse),
        "mse": fl(res.mse),
        "sigma2_for_intervals": fl(res.mse),
        "fittedvalues": fl_list(res.fittedvalues),
        "level": fl_list(res.level),
        "trend": fl_list(res.slope),
        "final_level": fl(np.asarray(res.level)[-1]),
        "final_trend": fl(np.asarray(res.slope)[-1]),
        "converged": bool(retvals.get("converged")) if retvals else None,
        "mle_retvals": {
            "converged": bool(retvals["converged"]),
            "warnflag": int(retvals["warnflag"]),
            "iterations": int(retvals["iterations"]),
            "fcalls": int(retvals["fcalls"]),
            "fopt": fl(retvals["fopt"]),
            "gopt": fl_list(retvals["gopt"]),
        } if retvals else None,
        "forecast": {
            "years": horizon_years,
            "h": list(range(1, HORIZON + 1)),
            "prediction_method": pred.method,
            "mean": fl_list(frames["0.95"]["mean"]),
            "forecast_variance": fl_list(pred.forecast_variance),
            "relative_forecast_variance": fl_list(rel_var),
            "intervals": {
                lvl: {"alpha": LEVELS[lvl],
                      "pi_lower": fl_list(f["pi_lower"]),
                      "pi_upper": fl_list(f["pi_upper"])}
                for lvl, f in frames.items()
            },
        },
        "warnings": wl.messages(),
    }
    rec["refit_check"] = refit_check(model, res, yt, damped)
    return rec


# --------------------------------------------------------------------------
def build(data_dir: Path) -> dict:
    series = load_real_series(data_dir) + make_synthetic_series()
    out_series = []
    for s in series:
        y = np.asarray(s["values"], dtype=float)
        years = np.asarray(s["years"], dtype=int)
        obs = ~np.isnan(y)
        last_obs = int(years[obs][-1])
        horizon_years = list(range(last_obs + 1, last_obs + HORIZON + 1))
        rec = {
            "name": s["name"],
            "source": s["source"],
            "years": [int(v) for v in years],
            "values": [float(v) for v in y],  # NaN -> null in sanitize()
            "n_observed": int(obs.sum()),
            "has_interior_gaps": interior_gaps(y),
            "horizon_years": horizon_years,
        }
        rec["linear"] = fit_ols(y, years, horizon_years)
        rec["loglinear"] = (fit_ols(y, years, horizon_years, log=True)
                            if np.all(y[obs] > 0) else None)
        rec["weighted_linear"] = fit_wls(y, years, horizon_years)
        ets_ok = (not rec["has_interior_gaps"]) and rec["n_observed"] >= ETS_MIN_NOBS
        rec["holt"] = fit_ets(y, years, horizon_years, damped=False) if ets_ok else None
        rec["holt_damped"] = fit_ets(y, years, horizon_years, damped=True) if ets_ok else None
        out_series.append(rec)

    doc = {
        "statsmodels_version": statsmodels.__version__,
        "numpy_version": np.__version__,
        "pandas_version": pd.__version__,
        "scipy_version": scipy.__version__,
        "python_version": platform.python_version(),
        "generated_by": GENERATED_BY,
        "conventions": {
            "regressor": "year: the calendar year itself (e.g. 2012..2024), uncentred; "
                         "design matrix [const, year]; OLS/WLS fitted by statsmodels' "
                         "default pinv method",
            "missing": "NaN values are null in 'values' and dropped before fitting",
            "horizon": f"every year from last observed year + 1 to last observed year + {HORIZON}",
            "interval_levels": LEVELS,
            "synthetic_seed": SEED,
            "ets_eligibility": f"no interior gaps and >= {ETS_MIN_NOBS} observations "
                               "(leading/trailing NaN trimmed)",
            "loglinear_eligibility": "all observed values > 0",
            "weighted_linear_weights": "w_i = i (1-based chronological rank of observed point); "
                                       "new observations predicted with weight 1",
        },
        "series": out_series,
    }
    nonfinite: list[str] = []
    doc = sanitize(doc, "$", nonfinite)
    # NaN gaps in the input 'values' are expected; list everything else
    doc["nonfinite_replaced_by_null"] = [
        p for p in nonfinite if not (".values[" in p and p.endswith("=nan"))]
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    doc = build(args.data_dir)
    text = json.dumps(doc, indent=1, ensure_ascii=False, allow_nan=False) + "\n"
    args.out.write_text(text, encoding="utf-8")

    # short summary on stdout
    counts = {m: sum(1 for s in doc["series"] if s[m] is not None)
              for m in ("linear", "loglinear", "weighted_linear", "holt", "holt_damped")}
    print(f"wrote {args.out} ({len(doc['series'])} series) statsmodels {statsmodels.__version__}")
    print("series per method:", counts)
    n_at_bounds = 0
    for s in doc["series"]:
        for m in ("holt", "holt_damped"):
            r = s[m]
            if r is None:
                continue
            n_at_bounds += bool(r["params_at_bounds"])
            gain = r["refit_check"]["llf_gain_over_statsmodels"]
            if not r["converged"] or r["warnings"] or gain > 1e-3:
                print(f"  {s['name']}/{m}: converged={r['converged']} "
                      f"warnings={r['warnings']} at_bounds={r['params_at_bounds']} "
                      f"refit_llf_gain={gain:.3g}")
        for m in ("linear", "loglinear", "weighted_linear"):
            r = s[m]
            if r is not None and r["warnings"]:
                print(f"  {s['name']}/{m}: warnings={r['warnings']}")
    print(f"ETS fits with a parameter on a bound: {n_at_bounds} of "
          f"{counts['holt'] + counts['holt_damped']}")
    if doc["nonfinite_replaced_by_null"]:
        print("non-finite values written as null:", doc["nonfinite_replaced_by_null"])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Projections (python/src/register_projection.cpp, python/ontrack/projection.py): ot.project on ontrack
and pandas Series, to_pandas, and the models against statsmodels/scipy computed live here.

Reference figures are never copied from the library: OLS (linear, loglinear) comes from statsmodels'
``OLS(...).get_prediction(...).summary_frame(alpha)``, ETS from statsmodels' ``ETSModel``, probabilities
from ``scipy.stats`` and a numpy Monte Carlo, and the small cases are worked out by hand in comments.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest
import scipy.stats
import statsmodels.api as sm
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

import ontrack as ot
from ontrack import _core

nan = math.nan
METHODS = ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"]
UPPER: tuple[Literal[">=", ">", "≥"], ...] = (">=", ">", "≥")
LOWER: tuple[Literal["<=", "<", "≤"], ...] = ("<=", "<", "≤")


# ---------------------------------------------------------------------------------------------- data


@pytest.fixture(scope="module")
def china_intensity(observations_path: Path) -> ot.Series:
    """China R&D intensity (% of GDP), first releases 2012–2025: the real series of the suite."""
    table = ot.read_observations(observations_path)
    return table.select("China", "rd_intensity", "first_release")


def by_year(series: ot.Series) -> pd.Series:
    """An ontrack annual series as a pandas Series on int years (gaps kept as NaN)."""
    return pd.Series(series.values, index=[p.year for p in series.periods], dtype=float)


def synthetic_series() -> dict[str, pd.Series]:
    """Series generated here (fixed seed), indexed by int year, NaN for gaps."""
    rng = np.random.default_rng(20251122)
    k = np.arange(11.0)
    trend = 50.0 + 2.5 * k + rng.normal(0.0, 3.0, k.size)
    trend[[4, 7]] = nan  # interior gaps in 2014 and 2017
    k8 = np.arange(8.0)
    large = 4.0e5 - 1.2e4 * k8 + rng.normal(0.0, 5.0e3, k8.size)
    growth = 0.015 * 1.07**k * np.exp(rng.normal(0.0, 0.04, k.size))
    growth[5] = nan
    return {
        "trend_with_gaps": pd.Series(trend, index=range(2010, 2021)),
        "large_declining": pd.Series(large, index=range(2014, 2022)),
        "small_growth_gap": pd.Series(growth, index=range(2010, 2021)),
    }


def ols_prediction(data: pd.Series, years: list[int], alpha: float, log: bool) -> tuple[Any, pd.DataFrame, Any]:
    """statsmodels OLS of value (or log value) on [1, year] over the observed points."""
    observed = data.dropna()
    x = sm.add_constant(np.asarray(observed.index, dtype=float))
    y = np.log(observed.to_numpy()) if log else observed.to_numpy()
    result = sm.OLS(y, x).fit()
    prediction = result.get_prediction(sm.add_constant(np.asarray(years, dtype=float), has_constant="add"))
    return result, prediction.summary_frame(alpha=alpha), prediction


def rel_close(actual: float, expected: float, rel: float) -> bool:
    return abs(actual - expected) <= rel * abs(expected)


# ------------------------------------------------------------------------------- inputs and the frame


def records(projection: ot.Projection) -> list[tuple[str, float, float, float, str, float, float, float]]:
    return [
        (str(r["period"]), r["mean"], r["lower"], r["upper"], r["family"], r["location"], r["scale"], r["df"])
        for r in projection.to_records()
    ]


@pytest.mark.parametrize("method", ["linear", "loglinear", "holt", "auto"])
def test_pandas_and_ontrack_series_give_identical_projections(method: str) -> None:
    values = [2.06, 2.10, 2.12, 2.14, 2.24, 2.40, 2.44, 2.54, 2.65, 2.69]
    if method != "holt":
        values[3] = nan  # a gap (holt needs none)
    native = ot.project(ot.Series(2016, values), method, to=2030)
    years = list(range(2016, 2026))
    inputs = {
        "int index": pd.Series(values, index=years),
        "PeriodIndex": pd.Series(values, index=pd.period_range("2016", periods=10, freq="Y")),
        "DatetimeIndex (year ends)": pd.Series(values, index=pd.date_range("2016-12-31", periods=10, freq="YE")),
        "DatetimeIndex (no freq)": pd.Series(values, index=pd.DatetimeIndex([f"{y}-07-01" for y in years])),
    }
    expected = records(native)
    assert len(expected) == 5 and expected[0][0] == "2026"
    for name, data in inputs.items():
        projection = ot.project(data, method, to=2030)
        assert records(projection) == expected, name
        assert (projection.method, projection.reason, projection.n, projection.llf) == (
            native.method,
            native.reason,
            native.n,
            native.llf,
        ), name
    # The module function and the compiled one are the same computation.
    assert records(_core.project(ot.Series(2016, values), method, to=2030)) == expected


def test_quarterly_pandas_series_projects_like_the_ontrack_series() -> None:
    values = [10.0, 10.4, 11.1, 11.3, 12.0, 12.2, 12.9, 13.5]
    native = ot.project(ot.Series("2023-Q1", values), "linear", to="2025-Q2")
    data = pd.Series(values, index=pd.period_range("2023Q1", periods=8, freq="Q"))
    projection = ot.project(data, "linear", to=pd.Period("2025Q2", freq="Q"))
    assert records(projection) == records(native)
    assert [str(p.period) for p in projection.points] == ["2025-Q1", "2025-Q2"]
    quarter_ends = pd.Series(values, index=pd.date_range("2023-03-31", periods=8, freq="QE"))
    assert records(ot.project(quarter_ends, "linear", to="2025-Q2")) == records(native)


def test_project_rejects_other_inputs() -> None:
    with pytest.raises(TypeError, match="expected an ontrack Series or a pandas Series.*got list"):
        ot.project([1.0, 2.0, 3.0], "linear", to=2030)  # type: ignore[arg-type]


def test_to_pandas_frame(china_intensity: ot.Series) -> None:
    projection = ot.project(china_intensity, "loglinear", to=2030, level=0.8)
    frame = projection.to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["mean", "lower", "upper"]
    assert isinstance(frame.index, pd.PeriodIndex)
    assert frame.index.name == "period"
    assert list(frame.index) == [pd.Period(str(y), freq="Y") for y in range(2026, 2031)]
    assert frame["mean"].tolist() == [p.mean for p in projection.points]
    assert frame["lower"].tolist() == [p.lower for p in projection.points]
    assert frame["upper"].tolist() == [p.upper for p in projection.points]
    assert (frame["lower"] < frame["mean"]).all() and (frame["mean"] < frame["upper"]).all()

    quarterly = ot.project(ot.Series("2024-Q1", [1.0, 1.2, 1.1, 1.5, 1.6]), to="2025-Q3").to_pandas()
    assert list(quarterly.index) == [pd.Period(q, freq="Q") for q in ("2025Q2", "2025Q3")]
    assert quarterly.index.name == "period" and list(quarterly.columns) == ["mean", "lower", "upper"]


# ------------------------------------------------------------------------------ regressions vs OLS


def regression_cases(china: ot.Series, log: bool) -> dict[str, pd.Series]:
    """Three series per model: the real one and two synthetic ones (gaps included, varied scales)."""
    synthetic = synthetic_series()
    names = ["trend_with_gaps", "small_growth_gap"] if log else ["trend_with_gaps", "large_declining"]
    return {"china_rd_intensity_first_release": by_year(china), **{n: synthetic[n] for n in names}}


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_linear_matches_statsmodels_ols(china_intensity: ot.Series, level: float) -> None:
    cases = regression_cases(china_intensity, log=False)
    assert len(cases) == 3
    for name, data in cases.items():
        last = int(data.dropna().index[-1])
        years = list(range(last + 1, last + 7))
        result, frame, prediction = ols_prediction(data, years, 1.0 - level, log=False)
        projection = ot.project(pd.Series(data.to_numpy(), index=data.index), "linear", to=years[-1], level=level)
        assert projection.method == "linear" and projection.reason == "requested", name
        assert projection.n == int(result.nobs) and projection.level == level, name
        assert [p.period.year for p in projection.points] == years, name
        for k, point in enumerate(projection.points):
            assert rel_close(point.mean, frame["mean"].iloc[k], 1e-8), (name, k)
            assert rel_close(point.lower, frame["obs_ci_lower"].iloc[k], 1e-8), (name, k)
            assert rel_close(point.upper, frame["obs_ci_upper"].iloc[k], 1e-8), (name, k)
            d = point.distribution
            assert d.family == "student_t" and d.df == result.df_resid, (name, k)
            assert rel_close(d.location, prediction.predicted_mean[k], 1e-8), (name, k)
            assert rel_close(d.scale, prediction.se_obs[k], 1e-8), (name, k)
        assert rel_close(projection.params["slope"], result.params[1], 1e-8), name
        assert rel_close(projection.params["bse_slope"], result.bse[1], 1e-8), name
        assert projection.params["df_resid"] == result.df_resid, name
        assert rel_close(projection.residual_sd, math.sqrt(result.scale), 1e-8), name
        # Criteria as statsmodels' OLS (k = 2); aicc = aic + 2k(k+1)/(n-k-1) with that k.
        assert rel_close(projection.llf, result.llf, 1e-8), name
        assert rel_close(projection.aic, result.aic, 1e-8), name
        assert rel_close(projection.bic, result.bic, 1e-8), name
        n = result.nobs
        assert rel_close(projection.aicc, result.aic + 2 * 2 * 3 / (n - 2 - 1), 1e-8), name


@pytest.mark.parametrize("level", [0.95, 0.8])
def test_loglinear_matches_statsmodels_ols_on_log(china_intensity: ot.Series, level: float) -> None:
    cases = regression_cases(china_intensity, log=True)
    assert len(cases) == 3
    for name, data in cases.items():
        last = int(data.dropna().index[-1])
        years = list(range(last + 1, last + 7))
        result, frame, prediction = ols_prediction(data, years, 1.0 - level, log=True)
        projection = ot.project(data, "loglinear", to=years[-1], level=level)
        for k, point in enumerate(projection.points):
            # The point is the median exp(mean of log); the bounds are exp of the log-scale bounds.
            assert rel_close(point.mean, math.exp(frame["mean"].iloc[k]), 1e-8), (name, k)
            assert rel_close(point.lower, math.exp(frame["obs_ci_lower"].iloc[k]), 1e-8), (name, k)
            assert rel_close(point.upper, math.exp(frame["obs_ci_upper"].iloc[k]), 1e-8), (name, k)
            d = point.distribution
            assert d.family == "log_student_t" and d.df == result.df_resid, (name, k)
            assert rel_close(d.location, prediction.predicted_mean[k], 1e-8), (name, k)
            assert rel_close(d.scale, prediction.se_obs[k], 1e-8), (name, k)
        assert rel_close(projection.params["growth_rate"], math.expm1(result.params[1]), 1e-8), name
        assert rel_close(projection.llf, result.llf, 1e-8), name
        assert rel_close(projection.residual_sd, math.sqrt(result.scale), 1e-8), name


def test_weighted_linear_matches_statsmodels_wls(china_intensity: ot.Series) -> None:
    # Weights 1..n by rank of the observed points; new years predicted as unit-weight observations.
    for name, data in regression_cases(china_intensity, log=False).items():
        observed = data.dropna()
        x = sm.add_constant(np.asarray(observed.index, dtype=float))
        result = sm.WLS(observed.to_numpy(), x, weights=np.arange(1.0, len(observed) + 1)).fit()
        last = int(observed.index[-1])
        years = np.arange(last + 1, last + 5, dtype=float)
        frame = result.get_prediction(sm.add_constant(years, has_constant="add"), weights=1).summary_frame(alpha=0.1)
        projection = ot.project(data, "weighted_linear", to=last + 4, level=0.9)
        ours = projection.to_pandas()
        np.testing.assert_allclose(ours["mean"], frame["mean"], rtol=1e-8, err_msg=name)
        np.testing.assert_allclose(ours["lower"], frame["obs_ci_lower"], rtol=1e-8, err_msg=name)
        np.testing.assert_allclose(ours["upper"], frame["obs_ci_upper"], rtol=1e-8, err_msg=name)
        assert rel_close(projection.llf, result.llf, 1e-8), name


def test_cagr_by_its_formula() -> None:
    # 2010..2017 with 2015 missing. Endpoint growth mu = log(y_T/y_1)/span; s² = Σ (d_k − mu·Δ_k)²/Δ_k /
    # (m − 1) over the m steps; log y_{T+h} ~ log y_T + h·mu + s·√(h + h²/span)·T(m − 1).
    values = [2.0, 2.3, 2.2, 2.8, 3.1, nan, 3.9, 4.1]
    projection = ot.project(ot.Series(2010, values), "cagr", to=2020, level=0.9)
    years = np.array([2010, 2011, 2012, 2013, 2014, 2016, 2017], dtype=float)
    y = np.array([v for v in values if not math.isnan(v)])
    span = years[-1] - years[0]
    mu = math.log(y[-1] / y[0]) / span
    steps, gaps = np.diff(np.log(y)), np.diff(years)
    s2 = float(np.sum((steps - mu * gaps) ** 2 / gaps) / (len(steps) - 1))
    q = scipy.stats.t.ppf(0.95, len(steps) - 1)
    assert projection.params["cagr"] == pytest.approx((y[-1] / y[0]) ** (1 / span) - 1, rel=1e-12)
    assert projection.params["df_resid"] == len(steps) - 1
    for point in projection.points:
        h = point.period.year - 2017
        location, scale = math.log(y[-1]) + h * mu, math.sqrt(s2 * (h + h * h / span))
        assert point.mean == pytest.approx(y[-1] * (1 + projection.params["cagr"]) ** h, rel=1e-12)
        assert point.lower == pytest.approx(math.exp(location - q * scale), rel=1e-10)
        assert point.upper == pytest.approx(math.exp(location + q * scale), rel=1e-10)


def test_loglinear_point_is_the_median_not_a_mean() -> None:
    # log y = 0, 1, 2, 3 + small noise: the point must be exp(location) (the log-t has no mean).
    projection = ot.project(ot.Series(2001, np.exp([0.0, 1.05, 1.95, 3.0])), "loglinear", to=2005)
    d = projection.at(2005).distribution
    assert projection.at(2005).mean == pytest.approx(math.exp(d.location), rel=1e-15)
    assert d.median() == pytest.approx(math.exp(d.location), rel=1e-15)
    assert d.mean() == math.inf


# ----------------------------------------------------------------------------------------- ETS


def ets_cases(china: ot.Series) -> dict[str, pd.Series]:
    rng = np.random.default_rng(7)
    k = np.arange(12)
    index = pd.period_range("2010", periods=12, freq="Y")
    return {
        "china": china.to_pandas(),
        "linear_noise": pd.Series(50 + 3 * k + rng.normal(0, 2, 12), index=index),
        "exponential": pd.Series(100 * 1.08**k * np.exp(rng.normal(0, 0.03, 12)), index=index),
        "flat_noise": pd.Series(10 + rng.normal(0, 1, 9), index=index[:9]),
        "seven": pd.Series(5 + 0.5 * np.arange(7) + rng.normal(0, 0.3, 7), index=index[:7]),
    }


@pytest.fixture(scope="module")
def ets_fits(china_intensity: ot.Series) -> list[tuple[str, bool, pd.Series, Any, ETSModel, ot.Projection]]:
    """statsmodels' default fit and ours, for Holt and damped Holt on each case."""
    fits = []
    for name, data in ets_cases(china_intensity).items():
        data = data.astype(float)
        for damped in (False, True):
            model = ETSModel(data, error="add", trend="add", damped_trend=damped)
            result = model.fit(disp=False)
            ours = ot.project(data, "holt_damped" if damped else "holt", to=data.index[-1].year + 5, level=0.9)
            fits.append((name, damped, data, result, model, ours))
    return fits


def test_ets_likelihood_is_at_least_statsmodels(ets_fits: list[Any]) -> None:
    agreeing = 0
    for name, damped, data, result, _, ours in ets_fits:
        assert ours.method == ("holt_damped" if damped else "holt")
        assert ours.n == len(data)
        # statsmodels' optimiser can stop short of its own optimum (tests/reference/README.md): ours
        # must never be worse.
        assert ours.llf >= result.llf - 1e-6, (name, damped, ours.llf, result.llf)
        if abs(ours.llf - result.llf) < 1e-3:
            agreeing += 1
            frame = result.get_prediction(start=len(data), end=len(data) + 4).summary_frame(alpha=0.1)
            for k, point in enumerate(ours.points):
                assert rel_close(point.mean, frame["mean"].iloc[k], 0.01), (name, damped, k)
                assert rel_close(point.lower, frame["pi_lower"].iloc[k], 0.01), (name, damped, k)
                assert rel_close(point.upper, frame["pi_upper"].iloc[k], 0.01), (name, damped, k)
    # The forecast comparison really ran (and on both sides of the rule: China's fit is better than statsmodels').
    assert 4 <= agreeing < len(ets_fits)


def test_ets_given_our_parameters_statsmodels_reproduces_everything(ets_fits: list[Any]) -> None:
    """statsmodels' filter run at our fitted parameters gives our likelihood, criteria and intervals."""
    for name, damped, data, _, model, ours in ets_fits:
        params = np.array([ours.params[n] for n in model.param_names])
        at_ours = model.smooth(params)
        assert rel_close(ours.llf, at_ours.llf, 1e-9), (name, damped)
        assert rel_close(ours.aic, at_ours.aic, 1e-9), (name, damped)
        assert rel_close(ours.bic, at_ours.bic, 1e-9), (name, damped)
        if math.isfinite(at_ours.aicc):
            assert rel_close(ours.aicc, at_ours.aicc, 1e-9), (name, damped)
        else:
            assert ours.aicc == math.inf
        assert rel_close(ours.params["mse"], at_ours.mse, 1e-9), (name, damped)
        assert rel_close(ours.params["final_level"], at_ours.level.iloc[-1], 1e-9), (name, damped)
        frame = at_ours.get_prediction(start=len(data), end=len(data) + 4).summary_frame(alpha=0.1)
        for k, point in enumerate(ours.points):
            assert point.distribution.family == "normal" and point.distribution.df == math.inf
            assert rel_close(point.mean, frame["mean"].iloc[k], 1e-9), (name, damped, k)
            assert rel_close(point.lower, frame["pi_lower"].iloc[k], 1e-9), (name, damped, k)
            assert rel_close(point.upper, frame["pi_upper"].iloc[k], 1e-9), (name, damped, k)


def test_ets_parameters_respect_statsmodels_bounds(ets_fits: list[Any]) -> None:
    for name, damped, _, _, _, ours in ets_fits:
        alpha, beta = ours.params["smoothing_level"], ours.params["smoothing_trend"]
        assert 1e-4 - 1e-12 <= alpha <= 1 - 1e-4 + 1e-12, name
        assert 1e-4 - 1e-9 <= beta / alpha <= 1 - 1e-4 + 1e-9, name
        if damped:
            assert 0.8 - 1e-12 <= ours.params["damping_trend"] <= 0.98 + 1e-12, name
        else:
            assert "damping_trend" not in ours.params


# ------------------------------------------------------------------------------------ probabilities


def scipy_distribution(d: ot.Predictive) -> Any:
    if d.family in ("student_t", "log_student_t"):
        return scipy.stats.t(d.df, loc=d.location, scale=d.scale)
    return scipy.stats.norm(loc=d.location, scale=d.scale)


@pytest.mark.parametrize("method", ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped"])
def test_probability_matches_scipy(china_intensity: ot.Series, method: str) -> None:
    projection = ot.project(china_intensity, method, to=2030)
    for point in projection.points:
        d = point.distribution
        reference = scipy_distribution(d)
        log = d.family.startswith("log_")
        assert log == (method in ("loglinear", "cagr"))
        for q in (1e-9, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-7):
            threshold = float(reference.ppf(q))
            threshold = math.exp(threshold) if log else threshold
            x = math.log(threshold) if log else threshold
            above, below = float(reference.sf(x)), float(reference.cdf(x))
            for upper in UPPER:
                assert rel_close(projection.probability(upper, threshold, point.period), above, 1e-10)
            for lower in LOWER:
                assert rel_close(projection.probability(lower, threshold, point.period), below, 1e-10)
            assert rel_close(d.sf(threshold), above, 1e-10) and rel_close(d.cdf(threshold), below, 1e-10)
            assert rel_close(d.quantile(q), threshold, 1e-9)
        # The interval of the point is the central quantile pair of the predictive.
        low, high = (float(reference.ppf(0.025)), float(reference.ppf(0.975)))
        low, high = (math.exp(low), math.exp(high)) if log else (low, high)
        assert rel_close(point.lower, low, 1e-9) and rel_close(point.upper, high, 1e-9)
        assert d.interval(0.95) == (point.lower, point.upper)
        if log:
            assert d.cdf(0.0) == 0.0 and d.sf(-1.0) == 1.0


def test_probability_by_monte_carlo_for_a_loglinear_projection(china_intensity: ot.Series) -> None:
    projection = ot.project(china_intensity, "loglinear", to=2030)
    d = projection.at(2030).distribution
    threshold = 3.2  # above the median 3.125: P is about 0.25
    p = projection.probability(">=", threshold, 2030)
    assert 0.1 < p < 0.5
    rng = np.random.default_rng(12345)
    draws = 100_000
    values = np.exp(d.location + d.scale * rng.standard_t(d.df, size=draws))
    share = float(np.mean(values >= threshold))
    sigma = math.sqrt(p * (1 - p) / draws)
    assert abs(share - p) < 5 * sigma, (share, p, sigma)


def test_probability_errors(china_intensity: ot.Series) -> None:
    projection = ot.project(china_intensity, "linear", to=2027)
    for comparator in ("~", "within"):
        with pytest.raises(ot.InvalidValueError) as caught:
            projection.probability(comparator, 3.0, 2027)  # type: ignore[arg-type]
        assert caught.value.field == "comparator"
        assert f"got '{comparator}'" in str(caught.value) and "'>='" in str(caught.value)
    with pytest.raises(ot.ParseError) as parse:
        projection.probability("=<>", 3.0, 2027)  # type: ignore[arg-type]
    assert parse.value.field == "comparator" and parse.value.value == "=<>"
    with pytest.raises(ot.InvalidValueError) as outside:
        projection.probability(">=", 3.0, 2030)
    assert outside.value.field == "period"
    assert "2030 is not a projected period (projected: 2026–2027)" in str(outside.value)
    with pytest.raises(ot.InvalidValueError) as not_a_number:
        projection.probability(">=", nan, 2027)
    assert not_a_number.value.field == "value" and "NaN" in str(not_a_number.value)


# --------------------------------------------------------------------------------- expected crossing


def test_expected_crossing_hand_case() -> None:
    # y = 10, 8, 7, 5 in 2001..2004. Centred years -1.5, -0.5, 0.5, 1.5: Sxx = 5,
    # Sxy = -15 - 4 + 3.5 + 7.5 = -8, slope -1.6, mean 7.5; medians (the t locations):
    # 2005: 7.5 - 1.6*2.5 = 3.5, 2006: 1.9, 2007: 0.3, 2008: -1.3.
    projection = ot.project(ot.Series(2001, [10.0, 8.0, 7.0, 5.0]), "linear", to=2008)
    medians = [p.distribution.median() for p in projection.points]
    assert medians == pytest.approx([3.5, 1.9, 0.3, -1.3], rel=1e-12)
    assert projection.expected_crossing(">=", 3.0) == ot.Period(2005)
    assert projection.expected_crossing("<=", 2.0) == ot.Period(2006)
    assert projection.expected_crossing("<", 1.0) == ot.Period(2007)
    assert projection.expected_crossing("<", 0.0) == ot.Period(2008)
    assert projection.expected_crossing(">", 4.0) is None
    assert projection.expected_crossing("<", -5.0) is None
    # Log family: the median is exp(location). y = 1, 2, 4, 8 doubles exactly: medians 16, 32, 64.
    doubling = ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 8.0]), "loglinear", to=2007)
    assert [p.mean for p in doubling.points] == pytest.approx([16.0, 32.0, 64.0], rel=1e-9)
    assert doubling.expected_crossing(">=", 20.0) == ot.Period(2006)
    assert doubling.expected_crossing(">", 100.0) is None
    with pytest.raises(ot.InvalidValueError) as caught:
        projection.expected_crossing("~", 1.0)  # type: ignore[arg-type]
    assert caught.value.field == "comparator" and "got '~'" in str(caught.value)


# -------------------------------------------------------------------------------------------- errors


def test_unknown_method_lists_the_names() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, 3.0]), "quadratic", to=2005)
    assert caught.value.field == "method"
    message = str(caught.value)
    assert "unknown projection method 'quadratic'" in message
    listed = re.search(r"expected (.*)$", message)
    assert listed is not None
    assert re.split(r", | or ", listed.group(1)) == METHODS
    # Case and surrounding blanks are ignored; "automatic" is auto.
    assert ot.project(ot.Series(2001, [1.0, 2.0, 4.0]), " LogLinear ", to=2005).method == "loglinear"
    assert ot.project(ot.Series(2001, [1.0, 2.0, 4.0]), "automatic", to=2005).reason.startswith("auto:")


def test_method_names_are_one_table_every_list_reads() -> None:
    # The compiled table, in its order (METHODS above is written out independently).
    assert _core.method_names() == METHODS
    assert _core.DEFAULT_METHOD == "default"
    for name in METHODS:
        assert ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 7.0, 11.0, 16.0, 22.0]), name, to=2009).method in METHODS
    # The stub's literal type of a requested method lists the same names.
    import ast

    stub = ast.parse((Path(ot.__file__).parent / "_core.pyi").read_text(encoding="utf-8"))
    literal = next(
        node.value for node in stub.body
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "_RequestedMethod" for t in node.targets)
    )
    assert isinstance(literal, ast.Subscript)
    assert [e.value for e in literal.slice.elts] == METHODS  # type: ignore[attr-defined]
    # The command line's --method choices and the calibration report's default methods read the table.
    from ontrack import calibration, cli

    assess = next(
        action.choices["assess"] for action in cli._build_parser()._actions if isinstance(action.choices, dict) and "assess" in action.choices
    )
    method = next(action for action in assess._actions if "--method" in action.option_strings)
    assert list(method.choices) == ["default", *METHODS]
    assert calibration.REPORT_METHODS == (*METHODS, "rw_drift", "default")

@pytest.mark.parametrize(
    ("method", "values", "message"),
    [
        ("holt", [1.0, 2.0, 3.0], "holt needs >= 6 observations, got 3"),
        ("holt_damped", [1.0, 2.0, 3.0, 4.0, 5.0], "holt_damped needs >= 6 observations, got 5"),
        ("linear", [1.0, 2.0], "linear needs >= 3 observations, got 2"),
        ("loglinear", [1.0, nan, nan, 2.0], "loglinear needs >= 3 observations, got 2"),  # gaps do not count
        ("cagr", [1.0, 2.0], "cagr needs >= 3 observations, got 2"),
        ("weighted_linear", [5.0], "weighted_linear needs >= 3 observations, got 1"),
        ("auto", [1.0, 2.0], "auto needs >= 3 observations, got 2"),
    ],
)
def test_too_few_observations(method: str, values: list[float], message: str) -> None:
    with pytest.raises(ot.DataError) as caught:
        ot.project(ot.Series(2001, values, indicator="rd"), method, to=2010)
    assert str(caught.value) == message + " in series 'rd'"


def test_holt_rejects_interior_gaps() -> None:
    with pytest.raises(ot.DataError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, nan, 4.0, 5.0, 6.0, 7.0]), "holt", to=2010)
    assert "holt needs a series without interior gaps" in str(caught.value)
    assert "no value in 2003" in str(caught.value)


@pytest.mark.parametrize("method", ["loglinear", "cagr"])
def test_log_methods_reject_non_positive_values_naming_the_period(method: str) -> None:
    for bad, text in ((0.0, "0"), (-2.5, "-2.5")):
        with pytest.raises(ot.InvalidValueError) as caught:
            ot.project(ot.Series(2001, [1.0, 2.0, bad, 4.0], indicator="gdp"), method, to=2010, indicators=None)
        assert caught.value.field == "values"
        assert caught.value.reason == f"{method} needs positive values, got {text} in 2003 of series 'gdp'"
        if bad < 0:
            # The bundled catalogue declares GDP >= 0: its bounds refuse the value first, naming it.
            with pytest.raises(ot.InvalidValueError) as caught:
                ot.project(ot.Series(2001, [1.0, 2.0, bad, 4.0], indicator="gdp"), method, to=2010)
            assert caught.value.field == "bounds"
            assert "2003" in str(caught.value) and text in str(caught.value)


@pytest.mark.parametrize("to", [2004, 2003, "2001"])
def test_projection_end_must_follow_the_last_observation(to: Any) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", to=to)
    assert caught.value.field == "to"
    assert caught.value.reason == f"the projection end {to} must come after the last observation 2004"


def test_projection_end_of_another_frequency() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", to="2006-Q1")
    assert caught.value.field == "to" and "2006-Q1 is quarterly but the series is annual" in caught.value.reason


@pytest.mark.parametrize(("level", "text"), [(0.0, "0"), (1.0, "1"), (-0.5, "-0.5"), (1.5, "1.5"), (math.inf, "inf")])
def test_level_outside_the_unit_interval(level: float, text: str) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", to=2006, level=level)
    assert caught.value.field == "level"
    assert caught.value.reason == f"the interval level must lie strictly between 0 and 1, got {text}"


# Regression (fixed): a NaN level is rejected, but the message ends in "got " with nothing after it:
# detail::format_number(NaN) returns an empty string (it is the CSV writer's formatter), and project()
# uses it for the level in lib/include/ontrack/projection.hpp (also batch.hpp).
def test_nan_level_message_names_the_value() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", to=2006, level=nan)
    assert caught.value.field == "level"
    assert caught.value.reason.lower().endswith("got nan")


# ---------------------------------------------------------------------------------------------- auto


def aicc(llf: float, k: int, n: int) -> float:
    return -2 * llf + 2 * k * n / (n - k - 1)


def test_auto_reports_its_scores_and_chooses_the_lowest(china_intensity: ot.Series) -> None:
    projection = ot.project(china_intensity, "auto", to=2030)
    reason = projection.reason
    match = re.fullmatch(r"auto: lowest AICc on the value scale among (.*); chose (\w+)", reason)
    assert match is not None, reason
    scores = {name: float(score) for name, score in (item.split(" ") for item in match.group(1).split(", "))}
    assert list(scores) == ["linear", "loglinear", "holt", "holt_damped"]
    assert match.group(2) == projection.method == min(scores, key=lambda m: scores[m])
    # The regression scores recomputed with statsmodels (k counts sigma: 3; loglinear moved to the value
    # scale by the Jacobian, llf - sum(log y)).
    data = by_year(china_intensity).dropna()
    x = sm.add_constant(np.asarray(data.index, dtype=float))
    n = len(data)
    linear_llf = sm.OLS(data.to_numpy(), x).fit().llf
    log_llf = sm.OLS(np.log(data.to_numpy()), x).fit().llf - float(np.log(data.to_numpy()).sum())
    assert scores["linear"] == pytest.approx(aicc(linear_llf, 3, n), abs=0.005 + 1e-9)
    assert scores["loglinear"] == pytest.approx(aicc(log_llf, 3, n), abs=0.005 + 1e-9)
    holt = ot.project(china_intensity, "holt", to=2030)
    assert scores["holt"] == pytest.approx(aicc(holt.llf, 5, n), abs=0.005 + 1e-9)
    # The chosen projection is exactly that method's projection.
    chosen = ot.project(china_intensity, projection.method, to=2030)
    assert records(projection) == records(chosen) and projection.llf == chosen.llf


def test_auto_candidates_depend_on_the_data() -> None:
    # Non-positive data: no loglinear candidate; an interior gap: no ETS candidates.
    negative = ot.project(ot.Series(2001, [1.0, -2.0, 3.0, 4.0, 5.0, 6.5, 8.0, 9.0]), "auto", to=2010)
    assert "loglinear" not in negative.reason and "holt " in negative.reason and "holt_damped" in negative.reason
    gap = ot.project(ot.Series(2001, [1.0, 2.0, nan, 4.0, 5.0, 6.5, 8.0, 9.0]), "auto", to=2010)
    assert "holt" not in gap.reason and "loglinear" in gap.reason
    # Four observations: n - k - 1 = 0 for every candidate, so no finite AICc and linear is used.
    four = ot.project(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "auto", to=2006)
    assert four.method == "linear"
    assert four.reason == (
        "auto: lowest AICc on the value scale among linear inf, loglinear inf; none finite with 4 observations, so linear"
    )

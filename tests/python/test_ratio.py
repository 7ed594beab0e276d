"""project_ratio (python/src/register_ratio.cpp, lib/include/ontrack/ratio.hpp): a ratio projected
through its components by simulation, and directly.

Expected figures: exact exponential components worked out by hand, and an independent simulation with
numpy's generator from component predictives fitted here with statsmodels OLS.
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import ontrack as ot

nan = math.nan


def exact_components() -> tuple[ot.Series, ot.Series]:
    k = np.arange(7)  # 2015..2021
    rd = ot.Series(2015, 100.0 * 1.1**k, indicator="rd_expenditure", region="X")
    gdp = ot.Series(2015, 10000.0 * 1.05**k, indicator="gdp", region="X")
    return rd, gdp


def noisy_components() -> tuple[pd.Series, pd.Series]:
    rng = np.random.default_rng(20251122)
    k = np.arange(10)  # 2015..2024
    years = list(range(2015, 2025))
    rd = pd.Series(100.0 * 1.1**k * np.exp(rng.normal(0.0, 0.03, k.size)), index=years, name="rd")
    gdp = pd.Series(10000.0 * 1.05**k * np.exp(rng.normal(0.0, 0.02, k.size)), index=years, name="gdp")
    return rd, gdp


# ----------------------------------------------------------------------------------- exact components


def test_exact_exponential_components() -> None:
    rd, gdp = exact_components()
    ratio = ot.project_ratio(rd, gdp, "loglinear", to=2025)
    assert [str(p.period) for p in ratio.points] == ["2022", "2023", "2024", "2025"]
    for point in ratio.points:
        h = point.period.year - 2015
        # R&D / GDP × 100 = 100·1.1^h / (10000·1.05^h) · 100 = (1.1/1.05)^h.
        expected = 100.0 * 1.1**h / (10000.0 * 1.05**h) * 100.0
        assert point.median == pytest.approx(expected, rel=1e-9)
        # The fits are exact, so the predictives are (numerically) point masses: a degenerate interval.
        assert point.lower == pytest.approx(expected, rel=1e-9)
        assert point.upper == pytest.approx(expected, rel=1e-9)
    assert ratio.at(2025).median == pytest.approx(100 * 1.1**10 / (10000 * 1.05**10) * 100, rel=1e-9)
    # The observed ratio is (1.1/1.05)^k and its own loglinear projection gives the same numbers.
    observed = ratio.observed_ratio
    assert [p.year for p in observed.periods] == list(range(2015, 2022))
    np.testing.assert_allclose(observed.values, (1.1 / 1.05) ** np.arange(7), rtol=1e-12)
    assert observed.indicator == "rd_expenditure/gdp" and observed.region == "X"
    assert ratio.direct is not None
    assert ratio.direct.method == "loglinear"
    assert ratio.direct.at(2025).mean == pytest.approx(100 * 1.1**10 / (10000 * 1.05**10) * 100, rel=1e-9)
    # The component projections are those of ot.project.
    assert ratio.numerator.at(2025).mean == pytest.approx(100 * 1.1**10, rel=1e-9)
    assert ratio.denominator.at(2025).mean == pytest.approx(10000 * 1.05**10, rel=1e-9)
    assert ratio.scale == 100.0 and ratio.level == 0.95 and ratio.draws == 100_000 and ratio.seed == 20251122


def test_scale_multiplies_the_ratio() -> None:
    rd, gdp = exact_components()
    percent = ot.project_ratio(rd, gdp, "loglinear", to=2023, draws=1000)
    share = ot.project_ratio(rd, gdp, "loglinear", to=2023, draws=1000, scale=1.0)
    assert share.scale == 1.0
    assert share.at(2023).median == pytest.approx(percent.at(2023).median / 100.0, rel=1e-12)


# ------------------------------------------------------------------------------- probability vs numpy


def ols_predictive(data: pd.Series, year: int, log: bool) -> tuple[float, float, float]:
    """(location, scale, df) of the OLS predictive of value or log(value) in `year`, by statsmodels."""
    x = sm.add_constant(np.asarray(data.index, dtype=float))
    y = np.log(data.to_numpy()) if log else data.to_numpy()
    result = sm.OLS(y, x).fit()
    prediction = result.get_prediction(np.array([[1.0, float(year)]]))
    return float(prediction.predicted_mean[0]), float(prediction.se_obs[0]), float(result.df_resid)


@pytest.mark.parametrize("method", ["loglinear", "linear"])
def test_probability_matches_an_independent_simulation(method: str) -> None:
    rd, gdp = noisy_components()
    log = method == "loglinear"
    year = 2027
    ratio = ot.project_ratio(rd, gdp, method, to=year)
    top = ols_predictive(rd, year, log)
    bottom = ols_predictive(gdp, year, log)
    # The component predictives are statsmodels' (so the simulation below is independent of ontrack).
    for ours, theirs in ((ratio.numerator.at(year).distribution, top), (ratio.denominator.at(year).distribution, bottom)):
        assert ours.family == ("log_student_t" if log else "student_t")
        assert (ours.location, ours.scale, ours.df) == pytest.approx(theirs, rel=1e-8)

    rng = np.random.default_rng(987654321)
    n = 200_000

    def draw(location: float, scale: float, df: float) -> np.ndarray:
        x = location + scale * rng.standard_t(df, size=n)
        return np.exp(x) if log else x

    simulated = draw(*top) / draw(*bottom) * 100.0
    point = ratio.at(year)
    m = ratio.draws
    # Thresholds around the projected ratio (about 1.79 loglinear, 1.61 linear in 2027).
    high, low = 1.05 * point.median, 0.97 * point.median
    checks: dict[str, tuple[Literal[">=", ">", "<=", "<"], float]] = {
        ">= 1.05 median": (">=", high),
        "< 0.97 median": ("<", low),
        "> median": (">", point.median),
        "<= lower": ("<=", point.lower),
        "<= upper": ("<=", point.upper),
    }
    for name, (comparator, threshold) in checks.items():
        ours_p = ratio.probability(comparator, threshold, year)
        theirs_p = {
            ">=": np.mean(simulated >= threshold),
            ">": np.mean(simulated > threshold),
            "<=": np.mean(simulated <= threshold),
            "<": np.mean(simulated < threshold),
        }[comparator]
        p = (ours_p * m + theirs_p * n) / (m + n)
        sigma = math.sqrt(max(p * (1 - p), 1e-4) * (1 / m + 1 / n))
        assert abs(ours_p - theirs_p) < 5 * sigma, (name, ours_p, theirs_p, sigma)
    # The thresholds were informative (not all 0 or 1) and the quantiles are where they should be.
    assert 0.1 < ratio.probability(">=", high, year) < 0.4
    assert 0.1 < ratio.probability("<", low, year) < 0.4
    assert abs(np.mean(simulated <= point.lower) - 0.025) < 5 * math.sqrt(0.025 * 0.975 * (1 / m + 1 / n))
    assert abs(np.mean(simulated <= point.upper) - 0.975) < 5 * math.sqrt(0.025 * 0.975 * (1 / m + 1 / n))


def test_loglinear_ratio_median_by_symmetry() -> None:
    # log ratio = (locN − locD) + sN·T1 − sD·T2 is symmetric about locN − locD, so the ratio's median is
    # exactly exp(locN − locD)·100 and P(ratio <= it) = 1/2.
    rd, gdp = noisy_components()
    ratio = ot.project_ratio(rd, gdp, "loglinear", to=2026)
    top, bottom = ols_predictive(rd, 2026, True), ols_predictive(gdp, 2026, True)
    median = math.exp(top[0] - bottom[0]) * 100.0
    sigma = math.sqrt(0.25 / ratio.draws)
    assert abs(ratio.probability("<=", median, 2026) - 0.5) < 5 * sigma


def test_probability_counts_are_complementary() -> None:
    rd, gdp = noisy_components()
    ratio = ot.project_ratio(rd, gdp, "loglinear", to=2026, draws=10_000)
    for threshold in (1.5, 1.8, 2.0, ratio.at(2026).median):
        assert ratio.probability(">=", threshold, 2026) + ratio.probability("<", threshold, 2026) == 1.0
        assert ratio.probability(">", threshold, 2026) + ratio.probability("<=", threshold, 2026) == 1.0
    # Far outside the simulated values.
    assert ratio.probability(">=", 0.0, 2026) == 1.0 and ratio.probability(">", 1e9, 2026) == 0.0
    # Shares of 10,000 draws are multiples of 1/10,000.
    p = ratio.probability(">=", 1.8, 2026)
    assert p * 10_000 == pytest.approx(round(p * 10_000), abs=1e-9)


# ---------------------------------------------------------------------------------------- the seed


def test_seed_reproducibility() -> None:
    rd, gdp = noisy_components()

    def summary(r: ot.RatioProjection) -> list[tuple[str, float, float, float, float]]:
        return [(str(p.period), p.median, p.lower, p.upper, r.probability(">=", 1.8, p.period)) for p in r.points]

    first = ot.project_ratio(rd, gdp, "loglinear", to=2027, draws=20_000, seed=42)
    again = ot.project_ratio(rd, gdp, "loglinear", to=2027, draws=20_000, seed=42)
    other = ot.project_ratio(rd, gdp, "loglinear", to=2027, draws=20_000, seed=43)
    assert first.seed == 42 and other.seed == 43 and first.draws == 20_000
    assert summary(first) == summary(again)
    assert [p.median for p in first.points] != [p.median for p in other.points]
    # Another seed is another sample of the same distribution.
    for a, b in zip(first.points, other.points):
        assert a.median == pytest.approx(b.median, rel=0.01)
    # The default seed is fixed too.
    assert summary(ot.project_ratio(rd, gdp, "loglinear", to=2025, draws=5000)) == summary(
        ot.project_ratio(rd, gdp, "loglinear", to=2025, draws=5000, seed=20251122)
    )


# ------------------------------------------------------------------------------------------- frames


def test_to_pandas_with_direct() -> None:
    rd, gdp = noisy_components()
    ratio = ot.project_ratio(rd, gdp, "linear", to=2028, draws=2000)
    frame = ratio.to_pandas()
    assert list(frame.columns) == ["median", "lower", "upper", "direct_mean", "direct_lower", "direct_upper"]
    assert isinstance(frame.index, pd.PeriodIndex) and frame.index.name == "period"
    assert list(frame.index) == [pd.Period(str(y), freq="Y") for y in range(2025, 2029)]
    assert frame["median"].tolist() == [p.median for p in ratio.points]
    assert frame["lower"].tolist() == [p.lower for p in ratio.points]
    assert frame["upper"].tolist() == [p.upper for p in ratio.points]
    assert ratio.direct is not None
    assert frame["direct_mean"].tolist() == [p.mean for p in ratio.direct.points]
    assert frame["direct_lower"].tolist() == [p.lower for p in ratio.direct.points]
    assert frame["direct_upper"].tolist() == [p.upper for p in ratio.direct.points]


def test_without_direct_and_with_components_ending_apart() -> None:
    # R&D 2015–2021, GDP 2013–2016: the observed ratio has 2 points (2015, 2016), too few to project.
    rd = ot.Series(2015, 100.0 * 1.1 ** np.arange(7), indicator="rd")
    gdp = ot.Series(2013, [9000.0, 9500.0, 10000.0, 10500.0], indicator="gdp")
    ratio = ot.project_ratio(rd, gdp, "loglinear", to=2025, draws=1000)
    assert ratio.direct is None
    assert [p.year for p in ratio.observed_ratio.periods] == [2015, 2016]
    # GDP is projected from 2017 and R&D from 2022: the ratio exists where both are projected.
    assert [str(p.period) for p in ratio.points] == ["2022", "2023", "2024", "2025"]
    frame = ratio.to_pandas()
    assert list(frame.columns) == ["median", "lower", "upper"]
    with pytest.raises(ot.InvalidValueError) as caught:
        ratio.at(2020)
    assert caught.value.field == "period" and caught.value.reason == "2020 is not a projected period of the ratio"


# ------------------------------------------------------------------------------------------- errors


def test_errors() -> None:
    rd, gdp = exact_components()
    with pytest.raises(ot.InvalidValueError) as draws:
        ot.project_ratio(rd, gdp, "loglinear", to=2025, draws=99)
    assert draws.value.field == "draws" and draws.value.reason == "at least 100 draws are needed, got 99"
    for scale in (0.0, -1.0, math.inf, nan):
        with pytest.raises(ot.InvalidValueError) as bad_scale:
            ot.project_ratio(rd, gdp, "loglinear", to=2025, scale=scale)
        assert bad_scale.value.field == "scale" and "positive and finite" in bad_scale.value.reason
    with pytest.raises(ot.InvalidValueError) as frequency:
        ot.project_ratio(rd, ot.Series("2015-Q1", [1.0, 2.0, 3.0, 4.0]), "linear", to=2025)
    assert frequency.value.field == "denominator"
    assert frequency.value.reason == "the numerator is annual but the denominator is quarterly"
    with pytest.raises(ot.DataError) as short:
        ot.project_ratio(rd, ot.Series(2015, [1.0, 2.0], indicator="gdp"), "linear", to=2025)
    assert str(short.value) == "linear needs >= 3 observations, got 2 in series 'gdp'"
    with pytest.raises(ot.InvalidValueError) as method:
        ot.project_ratio(rd, gdp, "ratio", to=2025)
    assert method.value.field == "method"
    ratio = ot.project_ratio(rd, gdp, "loglinear", to=2025, draws=1000)
    with pytest.raises(ot.InvalidValueError) as comparator:
        ratio.probability("~", 1.5, 2025)  # type: ignore[arg-type]
    assert comparator.value.field == "comparator" and "got '~'" in comparator.value.reason
    with pytest.raises(ot.InvalidValueError) as period:
        ratio.probability(">=", 1.5, 2026)
    assert period.value.field == "period"
    with pytest.raises(TypeError, match="expected an ontrack Series or a pandas Series"):
        ot.project_ratio([1.0, 2.0, 3.0], gdp, to=2025)  # type: ignore[arg-type]


def test_pandas_components_equal_ontrack_components() -> None:
    rd, gdp = noisy_components()
    from_pandas = ot.project_ratio(rd, gdp, "loglinear", to=2026, draws=5000)
    native = ot.project_ratio(
        ot.Series(2015, rd.to_numpy(), indicator="rd"), ot.Series(2015, gdp.to_numpy(), indicator="gdp"), "loglinear",
        to=2026, draws=5000,
    )
    assert [(p.median, p.lower, p.upper) for p in from_pandas.points] == [(p.median, p.lower, p.upper) for p in native.points]
    assert from_pandas.observed_ratio.indicator == "rd/gdp"


# Regression (fixed): lib/include/ontrack/ratio.hpp documents that project_ratio throws data_error "when a denominator
# draw is 0 or the projected denominators are not all positive", but only the exact-zero draw is checked.
# A denominator projected below zero (here linear GDP 100, 80, 61, 39, 20, 1 → about −19.5 in 2021,
# −99 in 2025) gives negative "ratios" silently (median about −82 in 2021) instead of a DataError.
def test_non_positive_projected_denominator_is_a_data_error() -> None:
    numerator = ot.Series(2015, [10.0, 11.0, 12.0, 13.0, 14.0, 15.0], indicator="rd")
    denominator = ot.Series(2015, [100.0, 80.0, 61.0, 39.0, 20.0, 1.0], indicator="gdp")
    assert ot.project(denominator, "linear", to=2025, indicators=None).at(2025).mean < 0  # the premise, GDP's catalogue bound >= 0 aside
    with pytest.raises(ot.DataError, match="positive"):
        ot.project_ratio(numerator, denominator, "linear", to=2025, draws=1000)

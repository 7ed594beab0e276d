"""Numerical robustness through Python (docs/robustness.md, "Numerics"): every projection method and
assess on constant series, extreme magnitudes (1e300, 1e-300), long series (1,000 periods) and too
few observations either return finite, ordered numbers or raise an ontrack error naming the problem.
The C++ side, with the regression checks of the fixes, is tests/cpp/test_numerics.cpp.
"""

from __future__ import annotations

import math

import pytest

import ontrack as ot

METHODS = ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"]
SHAPE = [1.0, 1.3, 1.1, 1.6, 1.4, 1.9, 1.7, 1.5]


def check_finite(projection: ot.Projection) -> None:
    frame = projection.to_pandas()
    assert len(frame) > 0
    for column in ("mean", "lower", "upper"):
        assert frame[column].map(math.isfinite).all(), column
    assert (frame["lower"] <= frame["mean"]).all()
    assert (frame["mean"] <= frame["upper"]).all()


@pytest.mark.parametrize("method", METHODS)
def test_constant_series(method: str) -> None:
    projection = ot.project(ot.Series(2010, [2.5] * 8), method, to=2025)
    check_finite(projection)
    assert projection.to_pandas()["mean"].iloc[-1] == pytest.approx(2.5)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("scale", [1e300, 1e-300])
def test_extreme_magnitudes_give_the_relative_answer_of_magnitude_one(method: str, scale: float) -> None:
    unit = ot.project(ot.Series(2010, SHAPE), method, to=2025).to_pandas()
    scaled = ot.project(ot.Series(2010, [v * scale for v in SHAPE]), method, to=2025)
    check_finite(scaled)
    frame = scaled.to_pandas()
    for column in ("mean", "lower", "upper"):
        assert frame[column].iloc[-1] / scale == pytest.approx(unit[column].iloc[-1], rel=1e-6)


@pytest.mark.parametrize("method", METHODS)
def test_a_thousand_periods(method: str) -> None:
    values = [100.0 * 1.001**k + 0.5 * math.sin(0.7 * k) for k in range(1000)]
    projection = ot.project(ot.Series(1500, values), method, to=2510)
    check_finite(projection)
    # 100·1.001^1010 ≈ 274.4. A straight line through the slightly convex path falls short: the
    # least-squares line over 1,000 steps underestimates ten steps on by about 6% (a weighted line,
    # leaning on recent points, by less), so the straight-line methods get 10%. The growth model
    # is exact up to the ±0.5 wave (0.2% of 274), as is CAGR from its end points; the smoothing
    # methods follow the last few points: 1%.
    bound = {"linear": 0.1, "weighted_linear": 0.1, "loglinear": 1e-3, "cagr": 5e-3}.get(method, 1e-2)
    assert projection.to_pandas()["mean"].iloc[-1] == pytest.approx(100.0 * 1.001**1010, rel=bound)


@pytest.mark.parametrize("method", METHODS)
def test_too_few_observations(method: str) -> None:
    with pytest.raises(ot.DataError, match=r"needs >= \d observations, got 2"):
        ot.project(ot.Series(2020, [1.0, 2.0]), method, to=2025)


def test_values_alternating_around_1e300() -> None:
    # Rescaled, the fit is that of ±1: finite; the log methods refuse the negative values by name.
    series = ot.Series(2010, [1e300, -1e300, 1e300, -1e300, 1e300, -1e300, 1e300])
    for method in ("linear", "weighted_linear", "holt", "holt_damped", "auto"):
        check_finite(ot.project(series, method, to=2020))
    for method in ("loglinear", "cagr"):
        with pytest.raises(ot.InvalidValueError, match=r"needs positive values, got -1e\+300 in 2011"):
            ot.project(series, method, to=2020)
    # Near the largest double the interval itself cannot be represented: an error naming the magnitude.
    largest = ot.Series(2010, [1.7e308, -1.7e308, 1.7e308, -1.7e308, 1.7e308])
    with pytest.raises(ot.InvalidValueError, match=r"values \(up to 1\.7e\+308\) are too large for a finite interval at 2015"):
        ot.project(largest, "linear", to=2020)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("scale", [1.0, 1e300, 1e-300])
def test_assess_probability_is_a_probability(method: str, scale: float) -> None:
    series = ot.Series(2010, [v * scale for v in SHAPE])
    for goal in (2.5, 2.5 * scale, 0.0):
        target = ot.Target(id="t", indicator="x", kind="level", value=goal, period=2025)
        assessment = ot.assess(target, series, method=method)
        assert assessment.message
        assert assessment.probability is not None
        assert 0.0 <= assessment.probability <= 1.0
        assert assessment.projected is not None and math.isfinite(assessment.projected)

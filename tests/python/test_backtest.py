"""backtest (python/src/register_backtest.cpp, lib/include/ontrack/backtest.hpp): rolling-origin
forecasts, their errors and interval coverage.

Expected forecasts are recomputed here with numpy (least-squares line) and scipy (t quantiles), the
accuracy figures from the forecast table with numpy, and the small case by hand.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
import scipy.stats

import ontrack as ot

nan = math.nan
COLUMNS = ["origin", "period", "horizon", "actual", "mean", "lower", "upper", "error", "covered"]


def test_hand_case() -> None:
    # 2001..2004 = 1, 2, 4, 5; linear needs 3 observations, so the only origin is 2003 and the only
    # forecast is 2004 from 1, 2, 4: centred years -1, 0, 1 give slope (4 - 1)/2 = 1.5 and mean 7/3,
    # so the forecast is 7/3 + 1.5·2 = 16/3; error 5 - 16/3 = -1/3; MAE = RMSE = 1/3;
    # MAPE = (1/3)/5·100 = 100/15 %. Residuals 1/6, -1/3, 1/6: s² = (1/36 + 4/36 + 1/36)/1 = 1/6;
    # obs se² = s²(1 + 1/3 + 2²/2) = 5/9; interval 16/3 ± t(0.975, 1 df)·√5/3, which holds 5.
    result = ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", horizon=1)
    assert len(result.forecasts) == 1 and result.skipped == []
    f = result.forecasts[0]
    assert (f.origin, f.period, f.horizon) == (ot.Period(2003), ot.Period(2004), 1)
    assert f.actual == 5.0
    assert f.mean == pytest.approx(16 / 3, rel=1e-12)
    assert f.error == pytest.approx(-1 / 3, rel=1e-12)
    half_width = scipy.stats.t.ppf(0.975, 1) * math.sqrt(5) / 3
    assert f.lower == pytest.approx(16 / 3 - half_width, rel=1e-10)
    assert f.upper == pytest.approx(16 / 3 + half_width, rel=1e-10)
    assert f.covered is True
    overall = result.overall
    assert overall.count == 1
    assert overall.mae == pytest.approx(1 / 3, rel=1e-12)
    assert overall.rmse == pytest.approx(1 / 3, rel=1e-12)
    assert overall.mape == pytest.approx(100 / 15, rel=1e-12)
    assert overall.coverage == 1.0
    assert list(result.by_horizon) == [1]
    assert result.method == "linear" and result.horizon == 1 and result.level == 0.95


def noisy_series() -> ot.Series:
    rng = np.random.default_rng(11)
    values = 20.0 + 1.5 * np.arange(14) + rng.normal(0.0, 2.0, 14)
    values[[5, 9]] = nan  # gaps in 2015 and 2019
    return ot.Series(2010, values, indicator="noisy")


def test_linear_forecasts_recomputed_with_numpy() -> None:
    series = noisy_series()
    horizon, level = 3, 0.5
    result = ot.backtest(series, "linear", horizon=horizon, level=level)
    periods, values = series.observed()
    years = np.array([p.year for p in periods], dtype=float)
    expected = []
    for k in range(3, len(periods)):  # the first origin leaves 3 observations to fit
        x, y = years[:k], values[:k]
        slope, intercept = np.polyfit(x - x.mean(), y, 1)
        s2 = float(np.sum((y - (intercept + slope * (x - x.mean()))) ** 2) / (k - 2))
        t = scipy.stats.t.ppf(0.5 + level / 2, k - 2)
        for j in range(k, len(periods)):
            h = int(years[j] - years[k - 1])
            if h > horizon:
                break
            x0 = years[j] - x.mean()
            mean = intercept + slope * x0
            se = math.sqrt(s2 * (1 + 1 / k + x0**2 / float(np.sum((x - x.mean()) ** 2))))
            expected.append((int(years[k - 1]), int(years[j]), h, values[j], mean, mean - t * se, mean + t * se))
    got = [(f.origin.year, f.period.year, f.horizon, f.actual, f.mean, f.lower, f.upper) for f in result.forecasts]
    assert [g[:4] for g in got] == [e[:4] for e in expected]
    for g, e in zip(got, expected):
        assert g[4:] == pytest.approx(e[4:], rel=1e-9), g
    # Gaps are never forecast targets, and forecasts stay within the horizon and the series.
    assert {g[1] for g in got}.isdisjoint({2015, 2019})
    assert max(g[2] for g in got) == horizon


def test_accuracy_equals_the_forecast_table() -> None:
    result = ot.backtest(noisy_series(), "linear", horizon=3, level=0.5)
    frame = result.to_pandas()
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(result.forecasts) == result.overall.count

    def check(accuracy: ot.Accuracy, rows: pd.DataFrame) -> None:
        errors = (rows["actual"] - rows["mean"]).to_numpy()
        np.testing.assert_allclose(rows["error"].to_numpy(), errors, rtol=1e-12, atol=1e-12)
        assert accuracy.count == len(rows)
        assert accuracy.mae == pytest.approx(float(np.mean(np.abs(errors))), rel=1e-12)
        assert accuracy.rmse == pytest.approx(float(np.sqrt(np.mean(errors**2))), rel=1e-12)
        assert accuracy.mape == pytest.approx(float(np.mean(np.abs(errors) / np.abs(rows["actual"]))) * 100, rel=1e-12)
        covered = (rows["lower"] <= rows["actual"]) & (rows["actual"] <= rows["upper"])
        assert rows["covered"].tolist() == covered.tolist()
        assert accuracy.coverage == covered.mean()

    check(result.overall, frame)
    # A 50% interval misses some: coverage is a real share here, not 0 or 1.
    assert 0.0 < result.overall.coverage < 1.0
    assert sorted(result.by_horizon) == [1, 2, 3]
    for h, accuracy in result.by_horizon.items():
        check(accuracy, frame[frame["horizon"] == h])
    assert sum(a.count for a in result.by_horizon.values()) == result.overall.count


def test_to_pandas_columns_and_types() -> None:
    result = ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0, 5.0, 7.0]), "linear", horizon=2)
    frame = result.to_pandas()
    assert list(frame.columns) == COLUMNS
    assert frame["origin"].tolist() == ["2003", "2003", "2004"]
    assert frame["period"].tolist() == ["2004", "2005", "2005"]
    assert frame["horizon"].tolist() == [1, 2, 1]
    assert frame["actual"].tolist() == [5.0, 7.0, 7.0]
    assert frame["covered"].dtype == bool
    assert frame["mean"].tolist() == [f.mean for f in result.forecasts]
    # Only horizons that were forecast appear.
    assert sorted(result.by_horizon) == [1, 2]
    assert result.by_horizon[2].count == 1


def test_mape_skips_zero_actuals() -> None:
    # Forecasts of 0 count in MAE but not in MAPE.
    result = ot.backtest(ot.Series(2001, [0.0, 2.0, 4.0, 0.0, 6.0, 7.0]), "linear", horizon=2)
    frame = result.to_pandas()
    nonzero = frame[frame["actual"] != 0.0]
    assert len(nonzero) < len(frame)
    assert result.overall.mae == pytest.approx(float(np.mean(np.abs(frame["error"]))), rel=1e-12)
    assert result.overall.mape == pytest.approx(float(np.mean(np.abs(nonzero["error"] / nonzero["actual"]))) * 100, rel=1e-12)
    # When every actual is 0, MAPE is undefined.
    only_zero = ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0, 0.0]), "linear", horizon=1)
    assert only_zero.overall.count == 1 and math.isnan(only_zero.overall.mape)
    assert only_zero.overall.mae == pytest.approx(16 / 3, rel=1e-12)  # |0 - 16/3|, as in the hand case


def test_unusable_origins_are_skipped_with_the_reason() -> None:
    # loglinear: origins 2003 and 2004 fit positive data; from 2005 the training data hold -1.
    result = ot.backtest(ot.Series(2001, [1.0, 2.0, 3.0, 4.0, -1.0, 6.0, 7.0]), "loglinear", horizon=1)
    assert [(f.origin.year, f.period.year) for f in result.forecasts] == [(2003, 2004), (2004, 2005)]
    reason = "field 'values': loglinear needs positive values, got -1 in 2005 of the series"
    assert result.skipped == [f"2005: {reason}", f"2006: {reason}"]


def test_pandas_input_and_other_methods() -> None:
    series = noisy_series()
    data = series.to_pandas()
    for method in ("loglinear", "cagr", "weighted_linear", "auto"):
        native = ot.backtest(series, method, horizon=2)
        from_pandas = ot.backtest(data, method, horizon=2)
        assert native.method == from_pandas.method == method
        assert native.to_pandas().equals(from_pandas.to_pandas())
        # Each forecast is the projection from the data up to its origin.
        for f in native.forecasts[:3]:
            training = series.slice(series.start, f.origin)  # type: ignore[arg-type]
            assert ot.project(training, method, to=f.period).at(f.period).mean == f.mean


def test_too_short_is_a_data_error() -> None:
    with pytest.raises(ot.DataError) as caught:
        ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0]), "linear")
    assert str(caught.value) == "backtest of linear needs more than 3 observations so that at least one can be forecast, got 3"
    with pytest.raises(ot.DataError) as holt:
        ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0, 5.0, 6.0, 8.0]), "holt", horizon=2)
    assert "backtest of holt needs more than 6 observations" in str(holt.value) and "got 6" in str(holt.value)
    # Every origin skipped: the first reason is in the message.
    with pytest.raises(ot.DataError) as gaps:
        ot.backtest(ot.Series(2001, [1.0, 2.0, nan, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]), "holt")
    assert "got 8 (skipped: 2007: holt needs a series without interior gaps" in str(gaps.value)


@pytest.mark.parametrize("horizon", [0, -1])
def test_horizon_below_one_is_invalid(horizon: int) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.backtest(ot.Series(2001, [1.0, 2.0, 4.0, 5.0]), "linear", horizon=horizon)
    assert caught.value.field == "horizon"
    assert caught.value.reason == f"the horizon must be at least 1 period, got {horizon}"


def test_other_argument_errors() -> None:
    series = ot.Series(2001, [1.0, 2.0, 4.0, 5.0])
    with pytest.raises(ot.InvalidValueError) as level:
        ot.backtest(series, "linear", level=1.0)
    assert level.value.field == "level" and "strictly between 0 and 1" in level.value.reason
    with pytest.raises(ot.InvalidValueError) as method:
        ot.backtest(series, "naive")
    assert method.value.field == "method" and "unknown projection method 'naive'" in method.value.reason

"""project_many (python/src/register_batch.cpp, lib/include/ontrack/batch.hpp): a 2-D panel in, arrays out.

The reference for every row is ot.project on that row alone (tests/python/test_projection.py checks
ot.project against statsmodels and scipy): the batch must give exactly the same numbers, or for a row
that cannot be projected, exactly the message of the single-series exception.
"""

from __future__ import annotations

import gc
import math
import tracemalloc
from typing import Any

import numpy as np
import pandas as pd
import pytest

import ontrack as ot

nan = math.nan
FIRST = 2010
COLUMNS = 12  # 2010..2021
TO = 2026  # five projected periods, 2022..2026


@pytest.fixture(scope="module")
def panel() -> np.ndarray:
    """2,000 random series × 12 years, about 15% NaN gaps, with rows every method must reject."""
    rng = np.random.default_rng(20251122)
    rows = 2000
    level = rng.uniform(1.0, 1000.0, (rows, 1))
    growth = rng.normal(0.05, 0.05, (rows, 1))
    values = level * np.exp(growth * np.arange(COLUMNS) + rng.normal(0.0, 0.05, (rows, COLUMNS)))
    values[10:60] = rng.normal(0.0, 1.0, (50, COLUMNS))  # both signs: no log methods
    values[rng.random(values.shape) < 0.15] = nan
    values[5] = nan  # nothing observed
    values[6] = [3.0, 4.0] + [nan] * 10  # two observations
    values[7] = [nan] * 9 + [3.0, 4.0, 6.0]  # three observations at the end
    values[8] = [3.0, 4.0, 6.0] + [nan] * 9  # three at the start, then nothing: still projected to 2022..2026
    return values


def expected_rows(values: np.ndarray, method: str, level: float = 0.95) -> dict[str, Any]:
    """What ot.project gives for each row alone, laid out as the batch lays it out."""
    rows = values.shape[0]
    periods = [ot.Period(FIRST + COLUMNS + k) for k in range(TO - FIRST - COLUMNS + 1)]
    out: dict[str, Any] = {
        name: np.full((rows, len(periods)), nan) for name in ("mean", "lower", "upper", "location", "scale")
    }
    out["df"] = np.full(rows, nan)
    out["errors"] = [""] * rows
    out["methods"] = [method] * rows
    out["family"] = ["normal"] * rows
    for i, row in enumerate(values):
        try:
            projection = ot.project(ot.Series(FIRST, row), method, to=TO, level=level)
        except ot.OntrackError as error:
            out["errors"][i] = str(error)
            continue
        out["methods"][i] = projection.method
        for c, period in enumerate(periods):
            point = projection.at(period)
            out["mean"][i, c], out["lower"][i, c], out["upper"][i, c] = point.mean, point.lower, point.upper
            out["location"][i, c], out["scale"][i, c] = point.distribution.location, point.distribution.scale
            out["df"][i] = point.distribution.df
            out["family"][i] = point.distribution.family
    out["periods"] = periods
    return out


def assert_batch_equals(batch: ot.BatchProjection, expected: dict[str, Any]) -> None:
    assert batch.periods == expected["periods"]
    for name in ("mean", "lower", "upper", "location", "scale", "df"):
        # Exactly equal (assert_array_equal treats NaN == NaN).
        np.testing.assert_array_equal(getattr(batch, name), expected[name], err_msg=name, strict=True)
    assert batch.errors == expected["errors"]
    assert batch.methods == expected["methods"]
    assert batch.family == expected["family"]


@pytest.mark.parametrize(
    ("method", "rows"),
    [
        ("linear", 2000),
        ("loglinear", 2000),
        ("cagr", 2000),
        ("weighted_linear", 2000),
        # The ETS fits are slower: a sample of the panel (still with gaps, short and empty rows).
        ("holt", 300),
        ("holt_damped", 300),
        ("auto", 300),
    ],
)
def test_batch_equals_single_projections(panel: np.ndarray, method: str, rows: int) -> None:
    values = panel[:rows]
    batch = ot.project_many(values, FIRST, method, to=TO)
    expected = expected_rows(values, method)
    assert batch.mean.shape == (rows, 5) and batch.df.shape == (rows,)
    assert_batch_equals(batch, expected)
    failed = sum(1 for e in batch.errors if e)
    # Both kinds of rows are present, so the comparison covers numbers and messages.
    assert 0 < failed < rows
    # The sparse view says the same: the failed rows in order, with their messages.
    assert batch.failures == [(i, e) for i, e in enumerate(batch.errors) if e]
    assert batch.errors[5] == f"{method} needs >= {6 if method.startswith('holt') else 3} observations, got 0"
    if method in ("loglinear", "cagr"):
        assert any("needs positive values" in e for e in batch.errors[10:60])
    if method.startswith("holt"):
        assert any("without interior gaps" in e for e in batch.errors)
    if method == "auto":
        assert set(batch.methods) - {"auto"} <= {"linear", "loglinear", "holt", "holt_damped"}
        assert len(set(batch.methods) - {"auto"}) >= 2  # auto really chose per row
    assert batch.level == 0.95


def test_failed_rows_are_nan_and_explained(panel: np.ndarray) -> None:
    batch = ot.project_many(panel[:100], FIRST, "loglinear", to=TO)
    for i, error in enumerate(batch.errors):
        assert np.isnan(batch.mean[i]).all() == bool(error)
        assert np.isnan(batch.df[i]) == bool(error)
    assert batch.errors[6] == "loglinear needs >= 3 observations, got 2 in the series"
    # A row observed only at the start is still projected for the batch's periods.
    assert batch.errors[8] == "" and not np.isnan(batch.mean[8]).any()


def test_level_is_passed_to_every_row(panel: np.ndarray) -> None:
    values = panel[:200]
    batch = ot.project_many(values, FIRST, "linear", to=TO, level=0.5)
    assert batch.level == 0.5
    assert_batch_equals(batch, expected_rows(values, "linear", level=0.5))


# --------------------------------------------------------------------------------------- input arrays


def test_c_contiguous_float64_is_read_in_place(panel: np.ndarray) -> None:
    assert panel.flags.c_contiguous and panel.dtype == np.float64
    before = panel.copy()
    # tracemalloc sees NumPy's allocations: converting the panel would allocate its size again.
    tracemalloc.start()
    try:
        ot.project_many(panel, FIRST, "linear", to=2022)
        _, in_place_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        ot.project_many(np.asfortranarray(panel), FIRST, "linear", to=2022)
        _, converted_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert in_place_peak < panel.nbytes / 8, in_place_peak
    assert converted_peak >= panel.nbytes, converted_peak  # the control: a copy is visible
    # The input is not modified.
    np.testing.assert_array_equal(panel, before)


def test_other_layouts_and_types_give_identical_results(panel: np.ndarray) -> None:
    values = panel[:500]
    reference = ot.project_many(values, FIRST, "loglinear", to=TO)
    expected = expected_rows(values, "loglinear")
    assert_batch_equals(reference, expected)
    fortran = np.asfortranarray(values)
    assert not fortran.flags.c_contiguous
    assert_batch_equals(ot.project_many(fortran, FIRST, "loglinear", to=TO), expected)
    assert_batch_equals(ot.project_many(values.tolist(), FIRST, "loglinear", to=TO), expected)
    # A strided view (every other row) equals its contiguous copy.
    strided = panel[:1000:2]
    assert not strided.flags.c_contiguous
    strided_expected = expected_rows(np.ascontiguousarray(strided), "loglinear")
    assert_batch_equals(ot.project_many(strided, FIRST, "loglinear", to=TO), strided_expected)
    # Integers are converted to float64.
    rng = np.random.default_rng(3)
    integers = rng.integers(1, 1000, (300, COLUMNS))
    assert integers.dtype.kind == "i"
    assert_batch_equals(ot.project_many(integers, FIRST, "cagr", to=TO), expected_rows(integers.astype(float), "cagr"))
    float32 = values.astype(np.float32)
    assert_batch_equals(ot.project_many(float32, FIRST, "linear", to=TO), expected_rows(float32.astype(np.float64), "linear"))


def test_result_arrays_outlive_the_result_object(panel: np.ndarray) -> None:
    expected = expected_rows(panel[:50], "linear")
    mean = ot.project_many(panel[:50], FIRST, "linear", to=TO).mean
    gc.collect()
    ot.project_many(panel[50:100] * 3.0, FIRST, "linear", to=TO)  # reuse freed memory, if any was freed
    np.testing.assert_array_equal(mean, expected["mean"])


def test_values_must_be_a_2d_numeric_array() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project_many(np.arange(12.0), FIRST, to=TO)
    assert caught.value.field == "values"
    assert caught.value.reason == "expected a 2-D array (series × periods), got 1 dimensions"
    with pytest.raises(TypeError, match="values: expected a 2-D array of numbers"):
        ot.project_many([["a", "b", "c"]], FIRST, to=TO)


# -------------------------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "periods",
    [
        2010,
        "2010",
        ot.Period(2010),
        pd.Period("2010", freq="Y"),
        list(range(2010, 2022)),
        [str(y) for y in range(2010, 2022)],
        tuple(ot.Period(y) for y in range(2010, 2022)),
        pd.period_range("2010", periods=12, freq="Y"),
        np.arange(2010, 2022),
    ],
    ids=["int", "str", "Period", "pandas Period", "ints", "strs", "Periods", "PeriodIndex", "numpy ints"],
)
def test_periods_as_a_first_period_or_one_per_column(panel: np.ndarray, periods: Any) -> None:
    values = panel[:100]
    assert_batch_equals(ot.project_many(values, periods, "linear", to=TO), expected_rows(values, "linear"))


def test_quarterly_panel() -> None:
    values = np.array([[1.0, 1.2, 1.1, 1.5, 1.6, 1.8], [5.0, nan, 4.0, 3.5, 3.6, 3.0]])
    batch = ot.project_many(values, [f"2024-Q{q}" for q in (1, 2, 3, 4)] + ["2025-Q1", "2025-Q2"], to="2025-Q4")
    assert [str(p) for p in batch.periods] == ["2025-Q3", "2025-Q4"]
    for i, row in enumerate(values):
        single = ot.project(ot.Series("2024-Q1", row), "linear", to="2025-Q4")
        assert batch.mean[i].tolist() == [p.mean for p in single.points]


@pytest.mark.parametrize(
    ("periods", "reason"),
    [
        ([2010, 2011, 2013] + list(range(2013, 2022)), "the columns must be consecutive periods: 2013 follows 2011"),
        (list(range(2010, 2021)), "11 periods for 12 columns"),
        (list(range(2010, 2023)), "13 periods for 12 columns"),
        (list(range(2021, 2009, -1)), "the columns must be consecutive periods: 2020 follows 2021"),
        (["2010", "2011-Q1"] + list(range(2012, 2022)), "the columns must be consecutive periods: 2011-Q1 follows 2010"),
    ],
)
def test_periods_must_be_consecutive(panel: np.ndarray, periods: list[Any], reason: str) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project_many(panel[:3], periods, "linear", to=TO)
    assert caught.value.field == "periods"
    assert caught.value.reason == reason


def test_batch_end_and_level_errors(panel: np.ndarray) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.project_many(panel[:3], FIRST, to=2021)
    assert caught.value.field == "to"
    assert caught.value.reason == "the projection end 2021 must come after the panel's last period 2021"
    with pytest.raises(ot.InvalidValueError) as level:
        ot.project_many(panel[:3], FIRST, to=TO, level=1.0)
    assert level.value.field == "level" and "strictly between 0 and 1, got 1" in level.value.reason
    with pytest.raises(ot.InvalidValueError) as frequency:
        ot.project_many(panel[:3], FIRST, to="2025-Q1")
    assert "cannot compare or subtract 2021 (annual) and 2025-Q1 (quarterly)" in str(frequency.value)
    with pytest.raises(ot.InvalidValueError) as method:
        ot.project_many(panel[:3], FIRST, "quadratic", to=TO)
    assert method.value.field == "method" and "unknown projection method 'quadratic'" in method.value.reason


# ---------------------------------------------------------------------------------------- probability


ProbabilityCase = tuple[np.ndarray, ot.BatchProjection, list[Any]]


@pytest.fixture(scope="module")
def probability_case(panel: np.ndarray) -> ProbabilityCase:
    values = panel[:400]
    batch = ot.project_many(values, FIRST, "loglinear", to=TO)
    singles: list[Any] = []
    for row in values:
        try:
            singles.append(ot.project(ot.Series(FIRST, row), "loglinear", to=TO))
        except ot.OntrackError:
            singles.append(None)
    assert 0 < singles.count(None) < len(singles)
    return values, batch, singles


@pytest.mark.parametrize("comparator", [">=", ">", "<=", "<"])
def test_probability_with_one_threshold(probability_case: ProbabilityCase, comparator: str) -> None:
    _, batch, singles = probability_case
    threshold = 500.0
    result = batch.probability(comparator, threshold, 2025)  # type: ignore[arg-type]
    expected = [nan if s is None else s.probability(comparator, threshold, 2025) for s in singles]
    np.testing.assert_array_equal(result, np.array(expected), strict=True)
    assert 0.0 < np.nanmin(result) < 0.5 < np.nanmax(result) < 1.0  # informative thresholds


def test_probability_with_one_threshold_per_row(probability_case: ProbabilityCase) -> None:
    values, batch, singles = probability_case
    # Per row: the last observed value × 1.2, a different threshold for every row.
    last = np.array([row[~np.isnan(row)][-1] if (~np.isnan(row)).any() else 1.0 for row in values])
    thresholds = last * 1.2
    for period in (2022, "2026", ot.Period(2024)):
        result = batch.probability(">=", thresholds, period)
        expected = [nan if s is None else s.probability(">=", float(t), period) for s, t in zip(singles, thresholds)]
        np.testing.assert_array_equal(result, np.array(expected), strict=True)
    # A list works as well as an array, and differs from one shared threshold.
    as_list = batch.probability("<", thresholds.tolist(), 2026)
    np.testing.assert_allclose(as_list, 1.0 - batch.probability(">=", thresholds, 2026), rtol=0, atol=1e-15)
    assert not np.array_equal(as_list, batch.probability("<", float(thresholds[0]), 2026), equal_nan=True)


def test_probability_of_many_rows_sharing_a_df_agrees_to_1e13() -> None:
    """10,000 complete rows (df 10, enough for the batch to tabulate that t distribution): every row's
    probability within 1e-13 of its own projection's, above and below the median and in the far tail."""
    rng = np.random.default_rng(20261202)
    rows = 10_000
    values = rng.uniform(50.0, 90.0, (rows, 1)) + np.arange(COLUMNS) * rng.uniform(-1.0, 3.0, (rows, 1))
    values = values + rng.normal(0.0, 1.0, (rows, COLUMNS))
    batch = ot.project_many(values, FIRST, "linear", to=TO)
    assert set(batch.df) == {10.0}
    thresholds = batch.mean[:, -1] + batch.scale[:, -1] * rng.uniform(-12.0, 12.0, rows)
    result = batch.probability(">=", thresholds, TO)
    sample = range(0, rows, 37)
    expected = np.array([ot.project(ot.Series(FIRST, values[i]), "linear", to=TO).probability(">=", float(thresholds[i]), TO) for i in sample])
    np.testing.assert_allclose(result[list(sample)], expected, rtol=1e-13, atol=0)
    assert expected.min() < 1e-6 and expected.max() > 1 - 1e-6  # both tails reached


def test_probability_errors(probability_case: ProbabilityCase) -> None:
    _, batch, _ = probability_case
    with pytest.raises(ot.InvalidValueError) as count:
        batch.probability(">=", [1.0, 2.0, 3.0], 2025)
    assert count.value.field == "thresholds" and count.value.reason == "3 thresholds for 400 series"
    with pytest.raises(ot.InvalidValueError) as period:
        batch.probability(">=", 1.0, 2027)
    assert period.value.field == "period" and period.value.reason == "2027 is not a projected period of the batch"
    with pytest.raises(ot.InvalidValueError) as comparator:
        batch.probability("~", 1.0, 2025)  # type: ignore[arg-type]
    assert comparator.value.field == "comparator" and ">=, >, <=, <" in comparator.value.reason
    with pytest.raises(TypeError, match="thresholds: expected numbers"):
        batch.probability(">=", "high", 2025)

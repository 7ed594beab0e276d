"""pandas conversions (python/ontrack/_pandas.py): Series.from_pandas, Series.to_pandas,
Period.to_pandas, and pandas Periods given where ontrack expects a period.

The expected ontrack periods are read off the pandas labels by hand (a quarter-end timestamp
2020-06-30 is in 2020-Q2, a month-end 2020-02-29 in 2020-02).
"""

from __future__ import annotations

import datetime
import math

import numpy as np
import pandas as pd
import pytest

import ontrack as ot

nan = math.nan


def observed(s: ot.Series) -> list[tuple[str, float]]:
    periods, values = s.observed()
    return [(str(p), v) for p, v in zip(periods, values.tolist())]


# ------------------------------------------------------------------------------------ Period <-> pandas


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025", pd.Period("2025", freq="Y")),
        ("2025-Q3", pd.Period("2025Q3", freq="Q")),
        ("2025-03", pd.Period("2025-03", freq="M")),
    ],
)
def test_period_to_pandas(text: str, expected: pd.Period) -> None:
    converted = ot.Period(text).to_pandas()
    assert isinstance(converted, pd.Period)
    assert converted == expected
    # Both sides agree on the calendar days covered.
    assert converted.start_time.date() == ot.Period(text).first_day
    assert converted.end_time.date() == ot.Period(text).last_day
    # And the pandas Period reads back as the same ontrack Period.
    assert ot.Period(converted) == ot.Period(text)


def test_pandas_periods_of_other_frequencies_are_rejected() -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Period(pd.Period("2025-05-01", freq="D"))
    assert caught.value.field == "period"
    assert caught.value.value == "D"
    assert "unsupported pandas Period frequency" in str(caught.value)


def test_fiscal_year_pandas_periods_are_not_silently_shifted() -> None:
    # Regression (fixed): to_period trusts .year/.quarter of any freqstr starting with 'Q'.
    fiscal = pd.Period("2025Q1", freq="Q-JUN")
    try:
        converted = ot.Period(fiscal)
    except ot.ParseError:
        return
    assert converted.first_day == fiscal.start_time.date()


# ----------------------------------------------------------------------------------- Series.from_pandas


def test_from_pandas_with_int_index() -> None:
    data = pd.Series([3.0, 1.0, 2.0], index=[2021, 2019, 2020], name="gdp")
    s = ot.Series.from_pandas(data, region="China", unit="亿元")
    assert observed(s) == [("2019", 1.0), ("2020", 2.0), ("2021", 3.0)]
    assert (s.indicator, s.region, s.unit) == ("gdp", "China", "亿元")  # indicator from .name
    assert ot.Series.from_pandas(data, indicator="other").indicator == "other"
    # Integral floats are years too (an index that went through NaN handling).
    floats = pd.Series([1.0, 2.0], index=[2019.0, 2020.0])
    assert observed(ot.Series.from_pandas(floats)) == [("2019", 1.0), ("2020", 2.0)]
    # numpy integer labels.
    ints = pd.Series([1.0, 2.0], index=np.array([2019, 2020], dtype=np.int64))
    assert observed(ot.Series.from_pandas(ints)) == [("2019", 1.0), ("2020", 2.0)]


def test_from_pandas_keeps_nan_as_gaps() -> None:
    data = pd.Series([1.0, nan, 3.0, 4.0], index=[2018, 2019, 2020, 2021])
    s = ot.Series.from_pandas(data)
    assert (len(s), s.count()) == (4, 3)
    assert math.isnan(s.at(2019))


def test_from_pandas_with_annual_period_index() -> None:
    data = pd.Series([1.5, 2.5], index=pd.PeriodIndex(["2020", "2021"], freq="Y"))
    s = ot.Series.from_pandas(data)
    assert s.freq == "annual"
    assert observed(s) == [("2020", 1.5), ("2021", 2.5)]


def test_from_pandas_with_quarterly_period_index() -> None:
    data = pd.Series([1.0, 2.0, 3.0], index=pd.period_range("2024Q4", periods=3, freq="Q"))
    s = ot.Series.from_pandas(data)
    assert s.freq == "quarterly"
    # 2024Q4, then 2025Q1 and 2025Q2.
    assert observed(s) == [("2024-Q4", 1.0), ("2025-Q1", 2.0), ("2025-Q2", 3.0)]


def test_from_pandas_with_monthly_period_index() -> None:
    data = pd.Series([1.0, 2.0], index=pd.period_range("2024-12", periods=2, freq="M"))
    assert observed(ot.Series.from_pandas(data)) == [("2024-12", 1.0), ("2025-01", 2.0)]


def test_from_pandas_with_datetime_index() -> None:
    # Without a frequency, a timestamp stands for its year.
    yearly = pd.Series([1.0, 2.0], index=pd.DatetimeIndex(["2020-12-31", "2021-06-30"]))
    assert observed(ot.Series.from_pandas(yearly)) == [("2020", 1.0), ("2021", 2.0)]
    # Quarter-end and month-end frequencies keep their frequency.
    quarterly = pd.Series([1.0, 2.0], index=pd.date_range("2020-03-31", periods=2, freq="QE"))
    assert observed(ot.Series.from_pandas(quarterly)) == [("2020-Q1", 1.0), ("2020-Q2", 2.0)]
    monthly = pd.Series([1.0, 2.0], index=pd.date_range("2020-01-31", periods=2, freq="ME"))
    assert observed(ot.Series.from_pandas(monthly)) == [("2020-01", 1.0), ("2020-02", 2.0)]


def test_from_pandas_daily_dates_collide_as_years() -> None:
    daily = pd.Series([1.0, 2.0], index=pd.date_range("2020-01-01", periods=2, freq="D"))
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pandas(daily)
    assert "duplicate period 2020" in str(caught.value)


def test_from_pandas_rejects_non_numeric_values() -> None:
    data = pd.Series(["1.5", "abc"], index=[2020, 2021])
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pandas(data)
    assert isinstance(caught.value, ValueError)
    assert "field 'values'" in str(caught.value)
    assert "not numeric" in str(caught.value)
    assert "abc" in str(caught.value)


def test_from_pandas_non_numeric_error_names_its_field() -> None:
    # Regression (fixed): every InvalidValueError carries .field (register_error.cpp docstring: "Attribute: field").
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pandas(pd.Series(["abc"], index=[2020]))
    assert caught.value.field == "values"


@pytest.mark.parametrize(
    "index",
    [
        pytest.param([object(), object()], id="objects"),
        pytest.param([True, False], id="bools"),
        pytest.param([2020.5, 2021.5], id="fractional-floats"),
        pytest.param([datetime.time(1), datetime.time(2)], id="times"),
    ],
)
def test_from_pandas_rejects_index_labels_that_are_not_periods(index: list[object]) -> None:
    with pytest.raises(TypeError) as caught:
        ot.Series.from_pandas(pd.Series([1.0, 2.0], index=index))
    assert "is not a period" in str(caught.value)
    assert "PeriodIndex" in str(caught.value)


def test_from_pandas_rejects_string_labels_that_are_not_periods() -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Series.from_pandas(pd.Series([1.0], index=["last year"]))
    assert caught.value.field == "periods"
    assert caught.value.value == "last year"


def test_from_pandas_needs_a_pandas_series() -> None:
    with pytest.raises(TypeError, match="expected a pandas Series, got list"):
        ot.Series.from_pandas([1.0, 2.0])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="got DataFrame"):
        ot.Series.from_pandas(pd.DataFrame({"a": [1.0]}))  # type: ignore[arg-type]


def test_from_pandas_rejects_duplicate_labels() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pandas(pd.Series([1.0, 2.0], index=[2020, 2020], name="gdp"))
    assert caught.value.field == "periods"
    assert "duplicate period 2020" in str(caught.value)


# ------------------------------------------------------------------------------------- Series.to_pandas


def test_to_pandas_uses_a_period_index_and_keeps_gaps() -> None:
    s = ot.Series(2018, [1.0, 2.0, nan, 4.0], indicator="gdp", region="China", unit="亿元")
    frame = s.to_pandas()
    assert isinstance(frame, pd.Series)
    assert isinstance(frame.index, pd.PeriodIndex)
    assert frame.index.freqstr == "Y-DEC"
    assert [str(p) for p in frame.index] == ["2018", "2019", "2020", "2021"]
    assert frame.name == "gdp"
    assert frame.dtype == np.float64
    assert frame.iloc[:2].tolist() == [1.0, 2.0]
    assert math.isnan(frame.iloc[2]) and frame.iloc[3] == 4.0


def test_to_pandas_quarterly_and_monthly() -> None:
    quarterly = ot.Series("2024-Q4", [1.0, 2.0]).to_pandas()
    assert quarterly.index.freqstr == "Q-DEC"
    assert list(quarterly.index) == [pd.Period("2024Q4", freq="Q"), pd.Period("2025Q1", freq="Q")]
    assert quarterly.name is None  # no indicator, no name
    monthly = ot.Series("2024-12", [1.0, 2.0]).to_pandas()
    assert list(monthly.index) == [pd.Period("2024-12", freq="M"), pd.Period("2025-01", freq="M")]


@pytest.mark.parametrize(
    "series",
    [
        pytest.param(ot.Series(2018, [1.0, 2.0, nan, 4.0], "gdp", "China", "亿元"), id="annual-with-gap"),
        pytest.param(ot.Series("2024-Q2", [1.5, nan, nan, 2.5], "rd", "China", "亿元"), id="quarterly"),
        pytest.param(ot.Series("2024-11", [7.0, 8.0, 9.0], "cpi", "China", "%"), id="monthly"),
    ],
)
def test_round_trip_through_pandas(series: ot.Series) -> None:
    frame = series.to_pandas()
    # pandas keeps the name (indicator); region and unit are given back explicitly.
    back = ot.Series.from_pandas(frame, region=series.region, unit=series.unit)
    assert back == series
    assert back.freq == series.freq


def test_empty_series_to_pandas_and_back() -> None:
    frame = ot.Series.from_pairs([], [], indicator="gdp").to_pandas()
    assert isinstance(frame, pd.Series)
    assert len(frame) == 0
    assert frame.dtype == np.float64
    assert frame.name == "gdp"
    back = ot.Series.from_pandas(frame)
    assert len(back) == 0 and back.start is None and back.indicator == "gdp"


def _general_path(data: pd.Series) -> ot.Series:
    """The label-by-label conversion the fast path of from_pandas skips (object values force it)."""
    return ot.Series.from_pandas(data.astype(object))


_FAST_PATH_INDEXES = [
    pd.RangeIndex(2011, 2026),
    pd.Index(np.arange(2011, 2026), dtype="int64"),
    pd.Index(np.arange(2011, 2026), dtype="uint16"),
    pd.Index(np.arange(2011, 2026), dtype="uint64"),
    pd.Index(np.arange(2011, 2026, dtype=">i8")),  # big-endian years (read from a file of another machine)
    pd.period_range("2011", periods=15, freq="Y"),
    pd.date_range("2011-12-31", periods=15, freq="YE"),
    pd.date_range("2011-01-01", periods=15, freq="YS"),
    pd.DatetimeIndex([f"{y}-06-30" for y in range(2011, 2026)]),
    pd.DatetimeIndex([f"{y}-06-30" for y in range(2011, 2026)]).as_unit("s"),
    pd.date_range("1961-12-31", periods=15, freq="YE"),  # before 1970: negative datetime64 values
    pd.date_range("1901-07-01", periods=15, freq="YS-JUL").as_unit("s"),
    pd.DatetimeIndex([f"{y}-02-28 13:45" for y in range(2011, 2026)]).as_unit("ms"),
    pd.DatetimeIndex([f"{y}-12-31 23:59:59.999999" for y in range(2011, 2026)]).as_unit("us"),
    pd.date_range("2011-12-31", periods=15, freq="YE", tz="Asia/Shanghai"),  # aware dates: their local years
]
# Not consecutive calendar years in order: the general path, with the same result.
_GENERAL_PATH_INDEXES = [
    pd.Index([2011, 2012, 2014, *range(2015, 2027)]),
    pd.Index([*range(2025, 2010, -1)]),
    pd.RangeIndex(2011, 2041, 2),
    pd.period_range("2011Q1", periods=15, freq="Q"),
    pd.period_range("2011-01", periods=15, freq="M"),
    pd.date_range("2011-03-31", periods=15, freq="QE"),
]


def _first_of_consecutive_years(index: pd.Index) -> int | None:
    """The first year the fast path reads off ``index``, or None when it leaves the index to the
    general conversion."""
    from ontrack._pandas import _year_labels

    labels = _year_labels(index)
    if labels is None:
        return None
    fast = ot.Series._on_consecutive_years(np.ones(len(index)), labels[0], labels[1], "", "", "")
    return None if fast is None else fast.start.year


@pytest.mark.parametrize(
    ("index", "fast_path"),
    [(index, True) for index in _FAST_PATH_INDEXES] + [(index, False) for index in _GENERAL_PATH_INDEXES],
)
@pytest.mark.parametrize("dtype", ["float64", "int64", "float32"])
def test_from_pandas_fast_path_equals_the_general_conversion(index: pd.Index, fast_path: bool, dtype: str) -> None:
    assert (_first_of_consecutive_years(index) is not None) == fast_path  # the path under test is taken
    values = np.arange(15, dtype=float) * 3.5 + 1.0
    if dtype == "float64":
        values[4] = math.nan  # a gap
    data = pd.Series(values.astype(dtype), index=index, name="rd")
    fast, general = ot.Series.from_pandas(data, region="Anhui", unit="%"), _general_path(data)
    assert fast.start == general.start and fast.end == general.end and fast.indicator == "rd"
    assert (fast.region, fast.unit) == ("Anhui", "%")
    np.testing.assert_array_equal(fast.values, general.values)
    if fast.freq == "annual":
        assert ot.project(data, "linear", to=2045).points[-1].upper == ot.project(general, "linear", to=2045).points[-1].upper


@pytest.mark.parametrize(
    "index",
    [
        pd.RangeIndex(9995, 10005),  # runs past 9999
        pd.RangeIndex(0, 10),  # a default index: no years
        pd.period_range("1300", periods=3, freq="Y"),
        pd.Index([2**63 - 1, -(2**63)]),  # would wrap around to "consecutive" in 64-bit arithmetic
        pd.Index(np.array([2020, 2021, 2022], dtype="<i8").view(">i8")),  # little-endian bytes read as big-endian
        pd.Index(np.array([2**63, 2**63 + 1], dtype=np.uint64)),
    ],
)
def test_from_pandas_gives_the_general_errors_for_labels_that_are_no_years(index: pd.Index) -> None:
    # Labels outside the years 1400..9999 a period holds are the general conversion's to refuse, with its
    # error naming the label; the fast path neither accepts them nor raises an error of its own.
    data = pd.Series(np.arange(len(index), dtype=float), index=index)
    assert _first_of_consecutive_years(index) is None
    with pytest.raises(ValueError) as general:
        _general_path(data)
    with pytest.raises(ValueError) as fast:
        ot.Series.from_pandas(data)
    assert type(fast.value) is type(general.value) and str(fast.value) == str(general.value)


def test_from_pandas_fast_path_leaves_other_indexes_to_the_general_conversion() -> None:
    # One quarter-end date is a quarter, not a year; fiscal years and gaps (NaT) are not calendar years.
    one_quarter = pd.Series([1.0], index=pd.date_range("2020-03-31", periods=1, freq="QE"))
    assert ot.Series.from_pandas(one_quarter).freq == "quarterly"
    assert _first_of_consecutive_years(pd.period_range("2011", periods=3, freq="Y-JUN")) is None
    assert _first_of_consecutive_years(pd.DatetimeIndex(["2011-12-31", None, "2013-12-31"])) is None
    assert _first_of_consecutive_years(pd.PeriodIndex(["2011", None, "2013"], freq="Y")) is None
    assert _first_of_consecutive_years(pd.DatetimeIndex(["2011-12-31", "2012-01-31", "2012-06-30"])) is None  # two dates in 2012
    assert _first_of_consecutive_years(pd.Index([2011, 2012, 2012])) is None
    assert _first_of_consecutive_years(pd.period_range("2011", periods=3, freq="Y")) == 2011


def test_from_pandas_fast_path_keeps_the_general_errors() -> None:
    # Nullable integers with a missing value, booleans and text take the general path and its errors.
    with pytest.raises(TypeError):
        ot.Series.from_pandas(pd.Series([1.0, 2.0], index=pd.Index([True, False])))
    with pytest.raises(ot.InvalidValueError):
        ot.Series.from_pandas(pd.Series(["1", "x"], index=[2020, 2021]))
    nullable = ot.Series.from_pandas(pd.Series(pd.array([1, None, 3], dtype="Int64"), index=[2020, 2021, 2022]))
    assert math.isnan(nullable.values[1]) and nullable.values[2] == 3.0


# The units a datetime64 array can carry, and how many of each make a span of about 30 years (so that
# random counts cover dates from before 1970 to after it).
_UNITS = {"Y": 30, "M": 360, "W": 1_560, "D": 11_000, "h": 263_000, "m": 15_800_000, "s": 950_000_000, "ms": 9.5e11, "us": 9.5e14, "ns": 9.5e17}


@pytest.mark.parametrize("unit", list(_UNITS))
def test_consecutive_years_of_datetime64_labels_as_numpy_reads_them(unit: str) -> None:
    # Reference: NumPy's own calendar (astype to datetime64[Y]). Runs of dates one per year (random
    # within the year) anywhere the unit reaches in 1400..9999 (nanoseconds: 1678..2261), runs with one
    # date moved, random dates around 1970 and random counts over the whole int64 range; each unit from
    # years to ns. The fast path takes runs of years 1400..9999 only.
    rng = np.random.default_rng(7)
    span = _UNITS[unit]
    low, high = (1678, 2250) if unit == "ns" else (1400, 9988)
    for trial in range(400):
        if trial % 4 == 2:
            counts = rng.integers(-int(span), int(span), size=int(rng.integers(1, 6)))
        elif trial % 4 == 3:
            counts = rng.integers(-(2**63) + 1, 2**63 - 1, size=int(rng.integers(1, 4)), dtype=np.int64)
        else:
            first = int(rng.integers(low, high))
            starts = np.array([f"{y}-01-01" for y in range(first, first + 12)], dtype=f"M8[{unit}]").astype(np.int64)
            ends = np.array([f"{y}-01-01" for y in range(first + 1, first + 13)], dtype=f"M8[{unit}]").astype(np.int64)
            counts = np.array([rng.integers(a, b) if b > a else a for a, b in zip(starts, ends)], dtype=np.int64)
            if trial % 3 == 1:
                counts[int(rng.integers(0, len(counts)))] += int(rng.integers(1, int(span) // 30 + 2))
        labels = counts.astype(np.int64).view(f"M8[{unit}]")
        years = labels.astype("M8[Y]").astype(np.int64) + 1970
        run = list(years) == list(range(int(years[0]), int(years[0]) + len(years)))
        expected = int(years[0]) if run and 1400 <= years.min() and years.max() <= 9999 else None
        result = ot.Series._on_consecutive_years(np.ones(len(labels)), labels, 0, "", "", "")
        assert (None if result is None else result.start.year) == expected, (unit, labels)


@pytest.mark.parametrize("unit", ["h", "m", "s", "ms", "us", "ns"])
def test_consecutive_years_of_the_last_moment_of_a_year_before_1970(unit: str) -> None:
    # Counts before 1970 are negative: the day of 1969-12-31 12:00 is -1 (rounded down), not 0 (1970).
    on_years = ot.Series._on_consecutive_years
    run = np.array(["1968-12-31T23:00", "1969-12-31T12:00", "1970-12-31T23:00"], dtype=f"M8[{unit}]")
    assert on_years(np.ones(3), run, 0, "", "", "").start.year == 1968
    early = np.array(["1898-12-31T23:00", "1899-12-31T23:00"], dtype=f"M8[{unit}]")
    assert on_years(np.ones(2), early, 0, "", "", "").start.year == 1898
    # The first moment of a year belongs to it.
    assert on_years(np.ones(2), np.array(["1969-01-01T00:00", "1970-01-01T00:00"], dtype=f"M8[{unit}]"), 0, "", "", "").start.year == 1969


def test_consecutive_years_fast_path_refuses_what_it_cannot_read() -> None:
    on_years = ot.Series._on_consecutive_years
    values = np.arange(3.0)
    years = np.array([2020, 2021, 2022])
    assert on_years(values, years, 0, "", "", "").start.year == 2020
    assert on_years(values, years - 1970, 1970, "", "", "").start.year == 2020  # annual period ordinals
    assert on_years(values, 2020, 0, "", "", "").values.tolist() == [0.0, 1.0, 2.0]  # a run from its first year
    # The general conversion takes over (None) for: NaT, a multiple unit, labels that are not years,
    # uint64 beyond int64, labels of another length, no values, 2-D values, booleans, text, object labels.
    dates = np.array(["2020-12-31", "NaT", "2022-12-31"], dtype="M8[D]")
    assert on_years(values, dates, 0, "", "", "") is None
    assert on_years(values, np.array([0, 365, 730], dtype="M8[10D]"), 0, "", "", "") is None
    assert on_years(values, np.array([2**63, 2**63 + 1, 2**63 + 2], dtype=np.uint64), 0, "", "", "") is None
    assert on_years(values, years[:2], 0, "", "", "") is None
    assert on_years(np.array([]), np.array([], dtype=np.int64), 0, "", "", "") is None
    assert on_years(np.ones((3, 1)), years, 0, "", "", "") is None
    assert on_years(np.array([True, False, True]), years, 0, "", "", "") is None
    assert on_years(np.array(["1", "2", "3"]), years, 0, "", "", "") is None
    assert on_years(values, years.astype(object), 0, "", "", "") is None
    assert on_years(values, np.array([2020.0, 2021.0, 2022.0]), 0, "", "", "") is None
    # NaT, which in nanoseconds would read as a date of 1677 (just before a run starting in 1678).
    assert on_years(np.ones(2), np.array(["NaT", "1678-06-01"], dtype="M8[ns]"), 0, "", "", "") is None
    # Years outside 1400..9999, a run leaving them, and counts whose sums would overflow 64 bits: the
    # general conversion's errors name them.
    assert on_years(values, np.array([10**9, 10**9 + 1, 10**9 + 2], dtype="M8[Y]"), 0, "", "", "") is None
    assert on_years(values, np.array([12020, 12021, 12022]), 0, "", "", "") is None
    assert on_years(values, np.array([1397, 1398, 1399]), 0, "", "", "") is None
    assert on_years(values, 9998, 0, "", "", "") is None  # 9998, 9999, 10000
    assert on_years(values, np.array([9997, 9998, 9999]), 0, "", "", "").end.year == 9999
    assert on_years(values, 1400, 0, "", "", "").start.year == 1400
    assert on_years(np.ones(1), np.array([2**63 - 1]), 1970, "", "", "") is None
    assert on_years(np.ones(1), 2000, 2**63 - 1, "", "", "") is None
    assert on_years(np.ones(1), 2**70, 0, "", "", "") is None
    assert on_years(values, np.array([2020, 2021, 2022], dtype="<i8").view(">i8"), 0, "", "", "") is None
    # Big-endian dates are left to the general path (their unit is read in native order only).
    assert on_years(values, np.array(["2020", "2021", "2022"], dtype=">M8[D]"), 0, "", "", "") is None


def test_consecutive_years_fast_path_reads_strided_and_foreign_arrays() -> None:
    # Views with a stride (every other element), big-endian floats and narrow integer labels give the
    # same series as plain arrays.
    on_years = ot.Series._on_consecutive_years
    wide = np.arange(10.0) * 1.5
    assert on_years(wide[::2], np.arange(2011, 2021)[::2], 0, "", "", "") is None  # 2011, 2013, ...: not consecutive
    years = np.repeat(np.arange(2011, 2016), 2)[::2]  # strided int64: 2011..2015
    strided = on_years(wide[::2], years, 0, "rd", "Anhui", "%")
    assert strided.start.year == 2011 and strided.values.tolist() == wide[::2].tolist()
    assert (strided.indicator, strided.region, strided.unit) == ("rd", "Anhui", "%")
    big_endian = on_years(wide[:5].astype(">f8"), np.arange(2011, 2016, dtype=np.int16), 0, "", "", "")
    assert big_endian.values.tolist() == wide[:5].tolist()
    assert on_years(wide[:5], np.arange(2011, 2016, dtype=">i8"), 0, "", "", "").start.year == 2011
    assert on_years(wide[:5], np.arange(2011, 2016, dtype=">u8"), 0, "", "", "").start.year == 2011
    dates = np.repeat(np.array([f"{y}-06-30" for y in range(2011, 2016)], dtype="M8[ns]"), 2)[::2]
    assert on_years(wide[:5], dates, 0, "", "", "").start.year == 2011
    with_gap = on_years(np.array([1.0, np.nan, 3.0]), np.arange(2011, 2014), 0, "", "", "")
    assert np.isnan(with_gap.values[1]) and with_gap.count() == 2

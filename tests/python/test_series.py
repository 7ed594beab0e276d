"""ontrack.Series (python/src/register_series.cpp): construction, gaps, access, slices, growth, CAGR.

Inputs are chosen so that the hand calculations in the comments are short; where binary rounding
can differ from the decimal result the check uses pytest.approx with a stated tolerance.
pandas conversions are in test_pandas.py.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import ontrack as ot

nan = math.nan


def same_values(actual: np.ndarray, expected: list[float]) -> bool:
    """Element-wise equality where NaN equals NaN (gaps must stay gaps)."""
    return len(actual) == len(expected) and all(
        (math.isnan(a) and math.isnan(b)) or a == b for a, b in zip(actual.tolist(), expected)
    )


@pytest.fixture
def gappy() -> ot.Series:
    # 2018: 1, 2019: 2, 2020: gap, 2021: 4
    return ot.Series(2018, [1.0, 2.0, nan, 4.0], indicator="gdp", region="Xinjiang", unit="亿元")


# ---------------------------------------------------------------------------------------- construction


def test_constructor_keeps_gaps_and_metadata(gappy: ot.Series) -> None:
    assert len(gappy) == 4  # 2018..2021, the gap included
    assert gappy.count() == 3  # observed values only
    assert (gappy.start, gappy.end) == (ot.Period(2018), ot.Period(2021))
    assert gappy.periods == [ot.Period(y) for y in (2018, 2019, 2020, 2021)]
    assert gappy.freq == "annual"
    assert (gappy.indicator, gappy.region, gappy.unit) == ("gdp", "Xinjiang", "亿元")
    assert repr(gappy) == "Series('gdp', 'Xinjiang', 2018–2021, 3 observed)"


def test_start_accepts_every_period_spelling() -> None:
    for start in (2018, "2018", "2018年", ot.Period(2018)):
        assert ot.Series(start, [1.0]).start == ot.Period(2018)
    quarterly = ot.Series("2024-Q3", [1.0, 2.0, 3.0])
    assert quarterly.freq == "quarterly"
    assert quarterly.end == ot.Period("2025-Q1")  # Q3, Q4, then Q1 of the next year


def test_values_are_a_read_only_float_array(gappy: ot.Series) -> None:
    values = gappy.values
    assert isinstance(values, np.ndarray)
    assert values.dtype == np.float64
    assert values.shape == (4,)
    assert same_values(values, [1.0, 2.0, nan, 4.0])
    assert not values.flags.writeable
    with pytest.raises(ValueError, match="read-only"):
        values[0] = 99.0
    assert gappy.at(2018) == 1.0


def test_leading_and_trailing_gaps_are_dropped() -> None:
    s = ot.Series(2018, [nan, 1.0, nan, 3.0, nan])
    # The first and last observations are 2019 and 2021; the inner gap stays.
    assert (s.start, s.end) == (ot.Period(2019), ot.Period(2021))
    assert same_values(s.values, [1.0, nan, 3.0])


def test_from_pairs_sorts_and_fills_gaps() -> None:
    s = ot.Series.from_pairs([2021, "2018", ot.Period(2019)], [4.0, 1.0, 2.0], "gdp", "China", "亿元")
    # Sorted: 2018 -> 1, 2019 -> 2, 2020 missing, 2021 -> 4.
    assert s.start == ot.Period(2018)
    assert same_values(s.values, [1.0, 2.0, nan, 4.0])
    assert (len(s), s.count()) == (4, 3)
    assert (s.indicator, s.region, s.unit) == ("gdp", "China", "亿元")


def test_from_years() -> None:
    s = ot.Series.from_years([2020, 2018], [2.0, 1.0])
    assert same_values(s.values, [1.0, nan, 2.0])


def test_from_pairs_rejects_duplicate_periods_naming_them() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        # "2020年" and 2020 are the same year.
        ot.Series.from_pairs([2020, 2018, "2020年"], [3.0, 1.0, 2.0], indicator="gdp")
    assert caught.value.field == "periods"
    assert "duplicate period 2020" in str(caught.value)
    assert "'gdp'" in str(caught.value)


def test_from_pairs_rejects_mixed_frequencies_and_length_mismatch() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pairs([2020, "2020-Q1"], [1.0, 2.0])
    assert caught.value.field == "periods"
    assert "mixed frequencies: 2020 and 2020-Q1" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series.from_pairs([2020, 2021], [1.0])
    assert caught.value.field == "values"
    assert "1 values for 2 periods" in str(caught.value)


def test_bad_values() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series(2018, [1.0, math.inf])
    assert caught.value.field == "value"
    assert "infinite value in period 2019" in str(caught.value)  # the second value is 2018 + 1
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series(2018, [[1.0], [2.0]])
    assert caught.value.field == "values"
    assert "2 dimensions" in str(caught.value)
    with pytest.raises(TypeError, match="values: expected a sequence of numbers"):
        ot.Series(2018, ["a", "b"])
    with pytest.raises(TypeError, match="periods: expected a Period"):
        ot.Series.from_pairs([None], [1.0])  # type: ignore[list-item]


# ---------------------------------------------------------------------------------------------- access


def test_at_getitem_has_and_in(gappy: ot.Series) -> None:
    assert gappy.at(2019) == 2.0
    assert gappy["2019"] == 2.0
    assert gappy[ot.Period(2021)] == 4.0
    assert math.isnan(gappy.at(2020))  # a gap
    assert math.isnan(gappy.at(2030))  # outside the series
    assert math.isnan(gappy.at(1990))
    assert gappy.has(2019) and not gappy.has(2020) and not gappy.has(2030)
    assert 2019 in gappy and "2021" in gappy
    assert 2020 not in gappy


def test_access_with_another_frequency_is_an_error(gappy: ot.Series) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        gappy.at("2019-Q1")
    assert caught.value.field == "period"
    assert "2019-Q1 (quarterly)" in str(caught.value)


def test_observed_drops_gaps(gappy: ot.Series) -> None:
    periods, values = gappy.observed()
    assert periods == [ot.Period(2018), ot.Period(2019), ot.Period(2021)]
    assert values.tolist() == [1.0, 2.0, 4.0]


@pytest.mark.parametrize(
    ("first", "last", "start", "expected"),
    [
        (2019, 2021, 2019, [2.0, nan, 4.0]),
        (2010, 2019, 2018, [1.0, 2.0]),  # clipped to the series
        (2021, 2040, 2021, [4.0]),
        (2020, 2020, None, []),  # only a gap: nothing observed
        (2030, 2031, None, []),  # outside
        (2021, 2019, None, []),  # reversed
    ],
)
def test_slice(gappy: ot.Series, first: int, last: int, start: int | None, expected: list[float]) -> None:
    part = gappy.slice(first, last)
    assert part.start == (None if start is None else ot.Period(start))
    assert same_values(part.values, expected)
    assert (part.indicator, part.region, part.unit) == ("gdp", "Xinjiang", "亿元")


# --------------------------------------------------------------------------------- growth and changes


def test_growth() -> None:
    s = ot.Series(2019, [100.0, 110.0, 99.0, nan, 50.0])
    g = s.growth()
    # 2020: 110 / 100 - 1 = 0.1; 2021: 99 / 110 - 1 = -0.1; 2022 and 2023 touch the gap -> NaN,
    # and a trailing gap is dropped, so the growth series is 2020..2021.
    assert (g.start, g.end) == (ot.Period(2020), ot.Period(2021))
    assert g.values.tolist() == pytest.approx([0.1, -0.1], abs=1e-15)


def test_growth_from_zero_is_undefined() -> None:
    g = ot.Series(2019, [0.0, 5.0, 10.0]).growth()
    # 2020: 5 / 0 undefined (dropped as a leading gap); 2021: 10 / 5 - 1 = 1.
    assert g.start == ot.Period(2021)
    assert g.values.tolist() == [1.0]


def test_difference() -> None:
    d = ot.Series(2019, [100.0, 110.0, 99.0]).difference()
    # 110 - 100 = 10; 99 - 110 = -11.
    assert d.start == ot.Period(2020)
    assert d.values.tolist() == [10.0, -11.0]


def test_cagr() -> None:
    s = ot.Series(2019, [100.0, nan, 121.0])
    # (121 / 100) ** (1 / 2) - 1 = 1.1 - 1 = 0.1 over two periods, across the gap.
    assert s.cagr(2019, 2021) == pytest.approx(0.1, rel=1e-12)
    four = ot.Series(2016, [16.0, 20.0, 30.0, 50.0, 81.0])
    # (81 / 16) ** (1 / 4) = 3 / 2, so the CAGR is exactly 0.5 whatever the middle values.
    assert four.cagr("2016", "2020") == pytest.approx(0.5, rel=1e-15)
    quarterly = ot.Series("2024-Q1", [100.0, nan, nan, nan, 104.0])
    # Four quarters: 1.04 ** (1 / 4) - 1 = 0.0098534...; written as 1.04 ** 0.25 - 1.
    assert quarterly.cagr("2024-Q1", "2025-Q1") == pytest.approx(1.04**0.25 - 1, rel=1e-12)


def test_cagr_errors() -> None:
    s = ot.Series(2019, [100.0, nan, 121.0])
    with pytest.raises(ot.DataError, match="no observation in 2020 for the CAGR"):
        s.cagr(2019, 2020)
    with pytest.raises(ot.InvalidValueError) as caught:
        s.cagr(2021, 2019)
    assert caught.value.field == "periods"
    assert "got 2021 and 2019" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Series(2019, [-1.0, 2.0]).cagr(2019, 2020)
    assert caught.value.field == "values"
    assert "-1 in 2019" in str(caught.value)


# --------------------------------------------------------------------------------- equality, metadata


def test_equality_and_renamed(gappy: ot.Series) -> None:
    same = ot.Series.from_pairs([2018, 2019, 2021], [1.0, 2.0, 4.0], "gdp", "Xinjiang", "亿元")
    assert gappy == same  # gaps in the same places compare equal
    assert gappy != gappy.renamed("gdp", "China", "亿元")
    renamed = gappy.renamed("rd", "China", "万元")
    assert (renamed.indicator, renamed.region, renamed.unit) == ("rd", "China", "万元")
    assert same_values(renamed.values, [1.0, 2.0, nan, 4.0])
    assert gappy != ot.Series(2018, [1.0, 2.0, 3.0, 4.0], "gdp", "Xinjiang", "亿元")


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(lambda: ot.Series(2018, [1.0]), id="Series"),
        pytest.param(lambda: ot.Target(id="a", value=1, period=2020), id="Target"),
        pytest.param(lambda: ot.parse_unit("亿元"), id="Unit"),
    ],
)
def test_comparing_with_another_type_is_false(value: object) -> None:
    # Regression (fixed): `x == 5` must be False (NotImplemented), not a TypeError; `x in [None, x]` breaks too.
    made = value()  # type: ignore[operator]
    assert (made == 5) is False
    assert (made != "x") is True


# ---------------------------------------------------------------------------------------------- empty


def test_empty_series() -> None:
    for empty in (ot.Series.from_pairs([], []), ot.Series(2020, []), ot.Series(2020, [nan, nan])):
        assert len(empty) == 0 and empty.count() == 0
        assert empty.start is None and empty.end is None
        assert empty.values.shape == (0,)
        assert empty.periods == []
        assert math.isnan(empty.at(2020)) and 2020 not in empty
        assert len(empty.growth()) == 0 and len(empty.difference()) == 0
        assert repr(empty) == "Series(empty)"
        with pytest.raises(ot.DataError):
            empty.cagr(2019, 2020)

"""ontrack.Period, five-year plans and period spans (python/src/register_period.cpp).

Expected periods are worked out by hand in the comments: quarters are (month - 1) // 3 + 1, the n-th
five-year plan (n >= 3) starts in 1966 + 5 * (n - 3) because the 3rd began in 1966 after the
1963-1965 adjustment years, and the 1st ran 1953-1957.
"""

from __future__ import annotations

import copy
import datetime
import pickle

import numpy as np
import pytest

import ontrack as ot

# --------------------------------------------------------------------------------------- construction


def test_int_is_a_calendar_year() -> None:
    p = ot.Period(2025)
    assert (p.freq, p.year, p.sub) == ("annual", 2025, 1)
    assert str(p) == "2025"
    assert repr(p) == "Period('2025')"


@pytest.mark.parametrize(
    ("text", "freq", "year", "sub", "shown"),
    [
        ("2025", "annual", 2025, 1, "2025"),
        ("2025-Q3", "quarterly", 2025, 3, "2025-Q3"),
        ("2025Q3", "quarterly", 2025, 3, "2025-Q3"),
        ("2025-03", "monthly", 2025, 3, "2025-03"),
        # An ISO date stands for the year that contains it.
        ("2025-12-31", "annual", 2025, 1, "2025"),
        # 十三五 is the 13th plan: 1966 + 5 * (13 - 3) = 2016 .. 2020; 末 is its last year.
        ("十三五末", "annual", 2020, 1, "2020"),
        # 十四五: 1966 + 5 * 11 = 2021 .. 2025; 初 is its first year.
        ("十四五初", "annual", 2021, 1, "2021"),
        # Full-width digits U+FF12 U+FF10 U+FF12 U+FF15 are "2025".
        ("２０２５", "annual", 2025, 1, "2025"),
        ("2025年", "annual", 2025, 1, "2025"),
        ("2025年底", "annual", 2025, 1, "2025"),
        ("2025年第三季度", "quarterly", 2025, 3, "2025-Q3"),
        ("2025年3月", "monthly", 2025, 3, "2025-03"),
        ("  2025  ", "annual", 2025, 1, "2025"),
    ],
)
def test_text_forms(text: str, freq: str, year: int, sub: int, shown: str) -> None:
    p = ot.Period(text)
    assert (p.freq, p.year, p.sub) == (freq, year, sub)
    assert str(p) == shown
    assert repr(p) == f"Period('{shown}')"


def test_date_objects_stand_for_their_year() -> None:
    assert ot.Period(datetime.date(2025, 7, 14)) == ot.Period(2025)
    assert ot.Period(datetime.datetime(2019, 1, 1, 12, 30)) == ot.Period(2019)


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [
        # March: (3 - 1) // 3 + 1 = quarter 1.
        ("2025-03-31", "quarterly", "2025-Q1"),
        ("2025-03-31", "Q", "2025-Q1"),
        # August: (8 - 1) // 3 + 1 = quarter 3.
        ("2025-08-15", "quarterly", "2025-Q3"),
        ("2025-08-15", "monthly", "2025-08"),
        ("2025-08-15", "annual", "2025"),
    ],
)
def test_parse_dates_at_a_frequency(text: str, frequency: str, expected: str) -> None:
    assert ot.Period.parse(text, frequency) == ot.Period(expected)


def test_parse_rejects_an_unknown_frequency() -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Period.parse("2025-08-15", "weekly")
    assert caught.value.field == "frequency"
    assert caught.value.value == "weekly"
    assert "weekly" in str(caught.value)


def test_quarter_and_month_factories() -> None:
    assert ot.Period.quarter(2025, 3) == ot.Period("2025-Q3")
    assert ot.Period.month(2024, 12) == ot.Period("2024-12")
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Period.quarter(2025, 5)
    assert caught.value.field == "quarter"
    assert "5 is not a quarter" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Period.month(2025, 13)
    assert caught.value.field == "month"
    assert "13 is not a month" in str(caught.value)


def test_a_year_is_made_by_the_constructor_and_year_is_a_property() -> None:
    # Period(2025) makes the year; `year` is the property of every period (a static factory of the
    # same name would be shadowed by it, so there is none).
    assert ot.Period(2025) == ot.Period.parse("2025")
    assert ot.Period.quarter(2025, 3).year == 2025
    assert not callable(ot.Period(2025).year)


# ------------------------------------------------------------------------------------------ bad input


def test_an_integer_too_long_to_print_is_not_a_year() -> None:
    # Python prints at most 4300 digits of an int: the error says so instead of failing to print it.
    with pytest.raises(ot.ParseError, match=r"not a year \(1400\.\.9999\) \(got 'an integer too long to print'\)"):
        ot.Period(10**5000)


@pytest.mark.parametrize(
    ("value", "shown", "reason"),
    [
        ("abc", "abc", "not a period"),
        ("", "", "empty period"),
        # Years run 1400..9999, the range of the Gregorian dates behind first_day and last_day.
        (0, "0", "not a year (1400..9999)"),
        (1399, "1399", "not a year (1400..9999)"),
        (10000, "10000", "not a year (1400..9999)"),
        (10**30, str(10**30), "not a year (1400..9999)"),  # beyond 64 bits: the same error, not a cast failure
        (-(10**30), str(-(10**30)), "not a year (1400..9999)"),
        ("1399", "1399", "year 1399 is outside 1400..9999"),
        ("十四五", "十四五", "a five-year plan is a span"),
        ("2025-Q5", "2025-Q5", "5 is not a quarter"),
        ("2025-13", "2025-13", "13 is not a month"),
        ("2025-02-30", "2025-02-30", "not a calendar date"),
    ],
)
def test_bad_values_raise_parse_error(value: object, shown: str, reason: str) -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Period(value)  # type: ignore[arg-type]
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.field == "period"
    assert error.value == shown
    assert reason in error.reason
    assert (error.line, error.column, error.source) == (0, 0, "")
    assert str(error).startswith("field 'period': ")
    if shown:
        assert f"(got '{shown}')" in str(error)


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(True, "bool"), (3.5, "float"), (None, "NoneType"), ([2025], "list")],
)
def test_wrong_types_raise_type_error(value: object, type_name: str) -> None:
    with pytest.raises(TypeError) as caught:
        ot.Period(value)  # type: ignore[arg-type]
    assert str(caught.value).startswith("period: expected a")
    assert type_name in str(caught.value)


def test_numpy_integer_is_a_year() -> None:
    # Regression (fixed): numpy integers implement __index__ and are years as much as Python ints are.
    assert ot.Period(np.int64(2025)) == ot.Period(2025)


# ------------------------------------------------------------------------------------------ arithmetic


@pytest.mark.parametrize(
    ("start", "steps", "expected"),
    [
        ("2025", 1, "2026"),
        ("2025", -5, "2020"),
        ("2025-Q1", -1, "2024-Q4"),  # the quarter before Q1 is Q4 of the previous year
        ("2024-Q3", 6, "2026-Q1"),  # 2024-Q4 (1), 2025-Q1..Q4 (2..5), 2026-Q1 (6)
        ("2025-01", -1, "2024-12"),
        ("2024-11", 14, "2026-01"),  # Dec 2024 (1), Jan..Dec 2025 (2..13), Jan 2026 (14)
    ],
)
def test_adding_periods(start: str, steps: int, expected: str) -> None:
    p = ot.Period(start)
    assert p + steps == ot.Period(expected)
    assert steps + p == ot.Period(expected)
    assert p - (-steps) == ot.Period(expected)


@pytest.mark.parametrize(
    ("later", "earlier", "difference"),
    [
        ("2025", "2020", 5),  # 2025 - 2020
        ("2025-Q1", "2023-Q4", 5),  # 2024-Q1..Q4 (4) + 2025-Q1 (1)
        ("2025-03", "2024-11", 4),  # Dec, Jan, Feb, Mar
        ("2020", "2025", -5),
    ],
)
def test_subtracting_periods_counts_the_steps(later: str, earlier: str, difference: int) -> None:
    assert ot.Period(later) - ot.Period(earlier) == difference


def test_ordinal_and_decimal_year() -> None:
    # ordinal: year * periods-per-year + (sub - 1).
    assert ot.Period(2025).ordinal == 2025
    assert ot.Period("2025-Q3").ordinal == 2025 * 4 + 2
    assert ot.Period("2025-03").ordinal == 2025 * 12 + 2
    # decimal_year: the middle of the period, year + (sub - 0.5) / periods-per-year.
    assert ot.Period(2025).decimal_year == 2025.5
    assert ot.Period("2025-Q1").decimal_year == 2025.125  # 2025 + 0.5 / 4
    assert ot.Period("2025-03").decimal_year == pytest.approx(2025 + 2.5 / 12, abs=1e-12)


def test_arithmetic_limits_and_types() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Period(9999) + 1
    assert caught.value.field == "year"
    assert "10000" in str(caught.value)
    with pytest.raises(TypeError):
        ot.Period(2025) + 1.5  # type: ignore[operator]


def test_ordering_within_a_frequency() -> None:
    years = [ot.Period(2025), ot.Period(2020), ot.Period("2023")]
    assert [str(p) for p in sorted(years)] == ["2020", "2023", "2025"]
    a, b = ot.Period("2024-Q4"), ot.Period("2025-Q1")
    assert a < b and a <= b and b > a and b >= a
    assert a <= ot.Period("2024-Q4") and a >= ot.Period("2024-Q4")
    assert not (b < a)


def test_mixed_frequencies_are_never_ordered() -> None:
    year, quarter = ot.Period(2025), ot.Period("2025-Q1")
    # Equality is defined (they are different periods) ...
    assert year != quarter
    assert not (year == quarter)
    # ... but ordering and distance are not.
    with pytest.raises(ot.InvalidValueError) as caught:
        _ = year < quarter
    assert caught.value.field == "period"
    assert "2025 (annual)" in str(caught.value) and "2025-Q1 (quarterly)" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        _ = year - quarter
    assert caught.value.field == "period"


def test_comparison_with_other_types() -> None:
    assert (ot.Period(2025) == 2025) is False
    assert (ot.Period(2025) != "2025") is True
    with pytest.raises(TypeError):
        _ = ot.Period(2025) < 2026  # type: ignore[operator]


# ------------------------------------------------------------------------------------- hashing, pickle


def test_periods_are_dictionary_keys() -> None:
    table = {ot.Period(2025): "year", ot.Period("2025-Q1"): "quarter", ot.Period("2025-01"): "month"}
    assert len(table) == 3
    assert table[ot.Period("2025年")] == "year"
    assert table[ot.Period("2025年第一季度")] == "quarter"
    assert table[ot.Period("2025年1月")] == "month"
    assert hash(ot.Period(2025)) == hash(ot.Period("2025-12-31"))
    assert len({ot.Period(2020), ot.Period("十三五末"), ot.Period("2020年底")}) == 1


@pytest.mark.parametrize("text", ["2025", "2025-Q3", "2025-03", "1400", "9999-12"])
def test_pickle_and_copy(text: str) -> None:
    p = ot.Period(text)
    for copied in (pickle.loads(pickle.dumps(p)), copy.copy(p), copy.deepcopy(p)):
        assert type(copied) is ot.Period
        assert copied == p
        assert (copied.freq, copied.year, copied.sub) == (p.freq, p.year, p.sub)


# ----------------------------------------------------------------------------------------- calendar days


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2025", datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)),
        ("2025-Q3", datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)),  # Jul, Aug, Sep
        ("2024-Q1", datetime.date(2024, 1, 1), datetime.date(2024, 3, 31)),
        ("2024-02", datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),  # 2024 is a leap year
        ("2025-02", datetime.date(2025, 2, 1), datetime.date(2025, 2, 28)),
        ("2025-12", datetime.date(2025, 12, 1), datetime.date(2025, 12, 31)),
    ],
)
def test_first_and_last_day(text: str, first: datetime.date, last: datetime.date) -> None:
    p = ot.Period(text)
    assert type(p.first_day) is datetime.date and type(p.last_day) is datetime.date
    assert (p.first_day, p.last_day) == (first, last)


# ----------------------------------------------------------------------------------- five-year plans


@pytest.mark.parametrize(
    ("number", "first", "last", "name_zh", "name_en"),
    [
        (1, 1953, 1957, "一五", "1st Five-Year Plan"),
        (2, 1958, 1962, "二五", "2nd Five-Year Plan"),  # 1953 + 5
        (3, 1966, 1970, "三五", "3rd Five-Year Plan"),  # after 1963-1965
        (11, 2006, 2010, "十一五", "11th Five-Year Plan"),  # 1966 + 5 * 8
        (13, 2016, 2020, "十三五", "13th Five-Year Plan"),  # 1966 + 5 * 10
        (14, 2021, 2025, "十四五", "14th Five-Year Plan"),  # 1966 + 5 * 11
        (21, 2056, 2060, "二十一五", "21st Five-Year Plan"),  # 1966 + 5 * 18
    ],
)
def test_five_year_plan(number: int, first: int, last: int, name_zh: str, name_en: str) -> None:
    plan = ot.five_year_plan(number)
    assert plan.number == number
    assert (plan.first, plan.last) == (ot.Period(first), ot.Period(last))
    assert (plan.name_zh, plan.name_en) == (name_zh, name_en)
    assert repr(plan) == f"FiveYearPlan({number}, '{name_zh}', {first}–{last})"


@pytest.mark.parametrize("number", [0, 100, -3])
def test_five_year_plan_out_of_range(number: int) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.five_year_plan(number)
    assert caught.value.field == "plan"
    assert f"no five-year plan number {number}" in str(caught.value)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("十四五", 14),
        ("“十四五”期间", 14),
        ("十三五时期", 13),
        ("十二五规划", 12),
        ("14th FYP", 14),
        ("13th Five-Year Plan", 13),
        ("nothing here", None),
        ("", None),
        ("2025", None),
    ],
)
def test_find_five_year_plan(text: str, number: int | None) -> None:
    found = ot.find_five_year_plan(text)
    if number is None:
        assert found is None
    else:
        assert found is not None and found.number == number


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("十四五", "2021", "2025"),
        ("“十三五”期间", "2016", "2020"),
        ("2023—2025年", "2023", "2025"),
        ("2021-2025", "2021", "2025"),
        ("2025-Q1至2025-Q4", "2025-Q1", "2025-Q4"),
        # "2025-03" is a month, not the span 2025..3: a single period is a span of one.
        ("2025-03", "2025-03", "2025-03"),
        ("2025", "2025", "2025"),
    ],
)
def test_parse_period_span(text: str, first: str, last: str) -> None:
    span = ot.parse_period_span(text)
    assert isinstance(span, tuple)
    assert span == (ot.Period(first), ot.Period(last))


@pytest.mark.parametrize("text", ["xyz", "2025-2021", ""])
def test_parse_period_span_rejects(text: str) -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.parse_period_span(text)
    assert caught.value.field == "period"
    assert caught.value.value == text

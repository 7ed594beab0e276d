"""ontrack.evaluate (python/src/register_evaluation.cpp): for every target kind a met, a missed and a
pending case, boundary equalities, lower-is-better targets, unit conversion and the errors.

The series are chosen so the hand calculations are short: 100 -> 105 -> 110.25 grows exactly 5% a
year (105 / 100 = 1.05, 110.25 / 105 = 1.05, and sqrt(110.25 / 100) = sqrt(1.1025) = 1.05). Binary
rounding of such quotients (110.25 / 105 - 1 = 0.050000000000000044) is what evaluate's 1e-12
closeness rule exists for, so the boundary cases also check that rule.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import ontrack as ot

LEVELS = ot.Series(2019, [100.0, 105.0, 110.25], indicator="x", region="China", unit="亿元")


def target(**arguments: Any) -> ot.Target:
    return ot.Target(id=arguments.pop("id", "t"), indicator=arguments.pop("indicator", "x"), **arguments)


def check(result: ot.Evaluation, verdict: str, observed: float | None, required: float | None) -> None:
    assert result.verdict == verdict, result.message
    if observed is None:
        assert result.observed is None
    else:
        assert result.observed == pytest.approx(observed, rel=1e-12, abs=1e-15)
    if required is None:
        assert result.required is None
    else:
        assert result.required == pytest.approx(required, rel=1e-12, abs=1e-15)
    assert result.message.startswith({"not_evaluable": "not evaluable"}.get(verdict, verdict))
    assert repr(result) == f"Evaluation({result.message})"


# ------------------------------------------------------------------------------------------------ level


def test_level_met_missed_pending() -> None:
    met = ot.evaluate(target(value=110, period=2021, unit="亿元"), LEVELS)
    check(met, "met", 110.25, 110)  # 110.25 >= 110
    assert met.decided_by == ot.Period(2021)
    assert met.message == "met: value 110.25 in 2021, target >= 110"
    check(ot.evaluate(target(value=111, period=2021), LEVELS), "missed", 110.25, 111)  # 110.25 < 111
    pending = ot.evaluate(target(value=110, period=2022), LEVELS)
    check(pending, "pending", None, None)  # 2022 is not observed, whatever 2021 says
    assert pending.decided_by is None
    assert pending.message == "pending: no observation for 2022; latest observation 2021: 110.25"


@pytest.mark.parametrize(
    ("comparator", "verdict"),
    [(">=", "met"), (">", "missed"), ("<=", "met"), ("<", "missed")],
)
def test_level_boundary_equality(comparator: str, verdict: str) -> None:
    # The observed 110.25 equals the target exactly: inclusive comparators meet it, strict ones miss.
    check(ot.evaluate(target(comparator=comparator, value=110.25, period=2021), LEVELS), verdict, 110.25, 110.25)


def test_lower_is_better_level() -> None:
    check(ot.evaluate(target(comparator="<=", value=120, period=2021), LEVELS), "met", 110.25, 120)
    check(ot.evaluate(target(comparator="<", value=100, period=2021), LEVELS), "missed", 110.25, 100)


def test_about_with_absolute_and_relative_tolerance() -> None:
    # |110.25 - 110| = 0.25: within a tolerance of 0.25 (boundary), outside 0.2.
    met = ot.evaluate(target(comparator="~", value=110, tolerance=0.25, period=2021), LEVELS)
    check(met, "met", 110.25, 110)
    assert met.message == "met: value 110.25 in 2021, target ~ 110 ± 0.25"
    check(ot.evaluate(target(comparator="~", value=110, tolerance=0.2, period=2021), LEVELS), "missed", 110.25, 110)
    # 5% of 105 is 5.25 and |110.25 - 105| = 5.25 (boundary); 4% of 105 is 4.2.
    relative = ot.evaluate(target(comparator="~", value=105, tolerance="5%", period=2021), LEVELS)
    check(relative, "met", 110.25, 105)
    assert "± 5.25" in relative.message
    missed = ot.evaluate(target(comparator="~", value=105, tolerance="4%", period=2021), LEVELS)
    check(missed, "missed", 110.25, 105)
    assert "± 4.2" in missed.message


def test_within() -> None:
    met = ot.evaluate(target(comparator="within", value=100, value_high=110.25, period=2021), LEVELS)
    check(met, "met", 110.25, 100)  # 100 <= 110.25 <= 110.25
    assert met.required_high == 110.25
    assert met.message == "met: value 110.25 in 2021, target within [100, 110.25]"
    missed = ot.evaluate(target(comparator="within", value=100, value_high=110, period=2021), LEVELS)
    check(missed, "missed", 110.25, 100)  # 110.25 > 110
    assert missed.required_high == 110


def test_stretch() -> None:
    below = ot.evaluate(target(value=110, stretch=112, period=2021), LEVELS)
    check(below, "met", 110.25, 110)
    assert (below.required_stretch, below.stretch_met) == (112, False)  # 110.25 < 112
    assert below.message.endswith("stretch 112 not met")
    above = ot.evaluate(target(value=105, stretch=110, period=2021), LEVELS)
    assert (above.verdict, above.stretch_met) == ("met", True)  # 110.25 >= 110
    # Lower is better: <= 115, stretch <= 110; 110.25 meets the value but not the stretch.
    lower = ot.evaluate(target(comparator="<=", value=115, stretch=110, period=2021), LEVELS)
    assert (lower.verdict, lower.stretch_met) == ("met", False)
    # Without a stretch value there is nothing to say about it.
    assert ot.evaluate(target(value=110, period=2021), LEVELS).stretch_met is None


# --------------------------------------------------------------------------------------------- relative


def test_relative_met_missed_pending() -> None:
    # Baseline 2019 = 100: a factor 1.1 needs 1.1 * 100 = 110, a factor 1.2 needs 120.
    met = ot.evaluate(target(kind="relative", value=1.1, baseline_period=2019, period=2021), LEVELS)
    check(met, "met", 110.25, 110)
    assert met.baseline == 100
    missed = ot.evaluate(target(kind="relative", value=1.2, baseline_period=2019, period=2021), LEVELS)
    check(missed, "missed", 110.25, 120)
    pending = ot.evaluate(target(kind="relative", value=1.2, baseline_period=2019, period=2022), LEVELS)
    check(pending, "pending", None, 120)  # the requirement is known before the deadline
    assert pending.message.startswith("pending: target 120 (1.2 × 100), no observation for 2022")


def test_relative_with_a_stated_baseline_value() -> None:
    # 翻一番 of a stated 50: 2 * 50 = 100 <= 110.25; the observation at 2019 (100) is not used.
    result = ot.evaluate(target(kind="relative", value=2, baseline_period=2019, baseline_value=50, period=2021), LEVELS)
    check(result, "met", 110.25, 100)
    assert result.baseline == 50


def test_relative_without_an_observed_baseline_is_not_evaluable() -> None:
    result = ot.evaluate(target(kind="relative", value=2, baseline_period=2010, period=2021), LEVELS)
    check(result, "not_evaluable", None, None)
    assert "baseline period 2010" in result.message


# ----------------------------------------------------------------------------------------------- growth


def test_growth_met_missed_pending() -> None:
    # 2021 on 2020: 110.25 / 105 - 1 = 0.05 exactly in decimals (0.050000000000000044 in binary).
    met = ot.evaluate(target(kind="growth", value="5%", period=2021), LEVELS)
    check(met, "met", 0.05, 0.05)
    assert met.baseline == 105
    assert met.message == "met: growth since 2020 0.05 in 2021, target >= 0.05"
    check(ot.evaluate(target(kind="growth", value="6%", period=2021), LEVELS), "missed", 0.05, 0.06)
    # Strictly more than 5% is missed: the computed 0.050000000000000044 counts as equal to 0.05.
    check(ot.evaluate(target(kind="growth", comparator=">", value=0.05, period=2021), LEVELS), "missed", 0.05, 0.05)
    pending = ot.evaluate(target(kind="growth", value="5%", period=2022), LEVELS)
    check(pending, "pending", None, 0.05)
    assert pending.baseline == 110.25  # the base of 2022 is 2021


def test_growth_from_a_baseline_period() -> None:
    # 110.25 / 100 - 1 = 0.1025 >= 0.10.
    result = ot.evaluate(target(kind="growth", value="10%", baseline_period=2019, period=2021), LEVELS)
    check(result, "met", 0.1025, 0.10)


def test_growth_lower_is_better() -> None:
    energy = ot.Series(2020, [100.0, 96.0], indicator="x")
    # 96 / 100 - 1 = -0.04: a fall of at least 3% is met, a fall of at least 5% is missed.
    check(ot.evaluate(target(kind="growth", comparator="<=", value="-3%", period=2021), energy), "met", -0.04, -0.03)
    check(ot.evaluate(target(kind="growth", comparator="<=", value="-5%", period=2021), energy), "missed", -0.04, -0.05)


def test_growth_within_a_band() -> None:
    s = ot.Series(2020, [100.0, 104.0], indicator="x")
    # 104 / 100 - 1 = 0.04, inside [0.03, 0.05]; outside [0.045, 0.05].
    inside = ot.evaluate(target(kind="growth", comparator="within", value="3%", value_high="5%", period=2021), s)
    check(inside, "met", 0.04, 0.03)
    assert inside.required_high == 0.05
    outside = ot.evaluate(target(kind="growth", comparator="within", value="4.5%", value_high="5%", period=2021), s)
    check(outside, "missed", 0.04, 0.045)


def test_growth_from_a_stated_base_in_another_unit() -> None:
    # Base stated as 1 亿元 = 1e8 / 1e4 = 10000 万元; 10500 / 10000 - 1 = 0.05. The rate itself is not scaled.
    s = ot.Series(2021, [10500.0], indicator="x", unit="万元")
    result = ot.evaluate(target(kind="growth", value="5%", baseline_value=1, period=2021, unit="亿元"), s)
    check(result, "met", 0.05, 0.05)
    assert result.baseline == 10000


def test_growth_from_zero_is_not_evaluable() -> None:
    result = ot.evaluate(target(kind="growth", value="5%", period=2021), ot.Series(2020, [0.0, 3.0], indicator="x"))
    check(result, "not_evaluable", None, None)
    assert "the base must be positive" in result.message


# --------------------------------------------------------------------------------------- average growth


def test_average_growth_met_missed_pending() -> None:
    # Span 2020..2021, base 2019: (110.25 / 100) ** (1 / 2) - 1 = 1.05 - 1 = 0.05.
    met = ot.evaluate(target(kind="average_growth", value="4%", period_start=2020, period=2021), LEVELS)
    check(met, "met", 0.05, 0.04)
    assert "average growth per period since 2019" in met.message
    boundary = ot.evaluate(target(kind="average_growth", value="5%", period_start=2020, period=2021), LEVELS)
    check(boundary, "met", 0.05, 0.05)
    check(
        ot.evaluate(target(kind="average_growth", comparator=">", value="5%", period_start=2020, period=2021), LEVELS),
        "missed",
        0.05,
        0.05,
    )
    missed = ot.evaluate(target(kind="average_growth", value="6%", period_start=2020, period=2021), LEVELS)
    check(missed, "missed", 0.05, 0.06)
    pending = ot.evaluate(target(kind="average_growth", value="5%", period_start=2020, period=2025), LEVELS)
    check(pending, "pending", None, 0.05)


def test_average_growth_over_four_years() -> None:
    s = ot.Series(2020, [16.0, 18.0, 30.0, 40.0, 81.0], indicator="x")
    # Base 2020, deadline 2024: (81 / 16) ** (1 / 4) - 1 = 1.5 - 1 = 0.5 a year.
    check(ot.evaluate(target(kind="average_growth", value="50%", period_start=2021, period=2024), s), "met", 0.5, 0.5)


# ---------------------------------------------------------------------------------------------- increment


COUNTS = ot.Series(2022, [10.0, 12.0], indicator="n", unit="家")


def test_increment_met_missed_pending() -> None:
    met = ot.evaluate(target(indicator="n", kind="increment", value=2, period=2023, unit="家"), COUNTS)
    check(met, "met", 2, 2)  # 12 - 10 = 2 >= 2 (boundary)
    assert met.baseline == 10
    assert met.message == "met: increase since 2022 2 in 2023, target >= 2"
    check(ot.evaluate(target(indicator="n", kind="increment", value=3, period=2023), COUNTS), "missed", 2, 3)
    pending = ot.evaluate(target(indicator="n", kind="increment", value=2, period=2024), COUNTS)
    check(pending, "pending", None, 2)
    assert pending.baseline == 12  # base 2023


def test_increment_with_a_stated_baseline() -> None:
    # Like xj24-01: 550 more than a stated 1911; observed 2529 - 1911 = 618 >= 550.
    s = ot.Series(2024, [2529.0], indicator="n", unit="家")
    stated = target(
        indicator="n", kind="increment", value=550, baseline_period=2023, baseline_value=1911, period=2024, unit="家"
    )
    result = ot.evaluate(stated, s)
    check(result, "met", 618, 550)


def test_increment_in_percentage_points() -> None:
    # 个百分点 and % are the same base: 4.5 - 2.0 = 2.5 points >= 2.
    s = ot.Series(2020, [2.0, 4.5], indicator="x", unit="%")
    check(ot.evaluate(target(kind="increment", value=2, period=2021, unit="个百分点"), s), "met", 2.5, 2)


def test_increment_without_an_observed_base() -> None:
    result = ot.evaluate(target(indicator="n", kind="increment", value=2, period=2022), COUNTS)
    check(result, "not_evaluable", None, None)
    assert "base period 2021" in result.message


# --------------------------------------------------------------------------------------------- cumulative


FLOWS = ot.Series(2021, [20.0, 30.0, 25.0, 15.0, 10.0], indicator="events", unit="场次")


def test_cumulative_met_and_missed() -> None:
    span = dict(indicator="events", kind="cumulative", period_start=2021, period=2025)
    # 20 + 30 + 25 + 15 + 10 = 100.
    met = ot.evaluate(target(value=100, **span), FLOWS)
    check(met, "met", 100, 100)
    assert [(str(c.period), c.observed, c.passed) for c in met.checks] == [
        ("2021", 20.0, True),
        ("2022", 30.0, True),
        ("2023", 25.0, True),
        ("2024", 15.0, True),
        ("2025", 10.0, True),
    ]
    assert repr(met.checks[0]) == "PeriodCheck(2021, 20, passed)"
    missed = ot.evaluate(target(value=101, **span), FLOWS)
    check(missed, "missed", 100, 101)


def test_cumulative_pending_and_decided_early() -> None:
    partial = ot.Series(2021, [20.0, 30.0, 25.0], indicator="events")
    # 20 + 30 + 25 = 75 so far, 2024 and 2025 not observed: 100 may still be reached.
    span = dict(indicator="events", kind="cumulative", period_start=2021, period=2025)
    pending = ot.evaluate(target(value=100, **span), partial)
    check(pending, "pending", 75, 100)
    # 75 >= 70 already, and flows cannot be negative: met before the deadline, decided by 2023.
    early = ot.evaluate(target(value=70, **span), partial)
    check(early, "met", 75, 70)
    assert early.decided_by == ot.Period(2023)
    # "At most 70" is already exceeded; so are the ceilings of [50, 70] and of 60 ± 10 (60 + 10 = 70).
    over = ot.evaluate(target(comparator="<=", value=70, **span), partial)
    check(over, "missed", 75, 70)
    assert over.decided_by == ot.Period(2023)
    band = ot.evaluate(target(comparator="within", value=50, value_high=70, **span), partial)
    assert (band.verdict, band.observed, band.decided_by) == ("missed", 75, ot.Period(2023))
    about = ot.evaluate(target(comparator="~", value=60, tolerance=10, **span), partial)
    assert (about.verdict, about.observed) == ("missed", 75)
    # 70 ± 10 allows up to 80: 75 may still end anywhere from 75 up, so it is open.
    assert ot.evaluate(target(comparator="~", value=70, tolerance=10, **span), partial).verdict == "pending"


# --------------------------------------------------------------------------------------------- per period


def test_per_period_met_missed_pending() -> None:
    s = ot.Series(2021, [2.0, 3.0, 2.0], indicator="x")
    met = ot.evaluate(target(kind="per_period", value=2, stretch=3, period_start=2021, period=2023), s)
    check(met, "met", None, 2)  # 2, 3, 2 are all >= 2
    assert met.stretch_met is False  # 2021 and 2023 are below the stretch 3
    assert [c.passed for c in met.checks] == [True, True, True]
    missed = ot.evaluate(target(kind="per_period", value=3, period_start=2021, period=2023), s)
    check(missed, "missed", 2, 3)  # the first failing period, 2021, decides
    assert missed.decided_by == ot.Period(2021)
    assert [c.passed for c in missed.checks] == [False, True, False]
    check(ot.evaluate(target(kind="per_period", value=2, period_start=2021, period=2025), s), "pending", None, 2)


def test_per_period_missed_before_the_deadline() -> None:
    s = ot.Series(2021, [3.0, 1.0], indicator="x")
    result = ot.evaluate(target(kind="per_period", value=2, period_start=2021, period=2025), s)
    check(result, "missed", 1, 2)  # 1 < 2 in 2022: no later year can repair it
    assert result.decided_by == ot.Period(2022)


# ----------------------------------------------------------------------------------------- non-decreasing


def test_non_decreasing_met_missed_pending() -> None:
    s = ot.Series(2013, [5.0, 6.0, 6.0], indicator="x")
    # Steps over the span 2014..2015 start from 2013: 6 - 5 = +1, 6 - 6 = 0.
    met = ot.evaluate(target(kind="non_decreasing", comparator=">=", period_start=2014, period=2015), s)
    check(met, "met", None, None)
    assert [(str(c.period), c.observed) for c in met.checks] == [("2014", 1.0), ("2015", 0.0)]
    strictly = ot.evaluate(target(kind="non_decreasing", comparator=">", period_start=2014, period=2015), s)
    check(strictly, "missed", 0, None)  # a step of 0 is not a rise
    assert strictly.decided_by == ot.Period(2015)
    longer = ot.evaluate(target(kind="non_decreasing", comparator=">=", period_start=2014, period=2016), s)
    check(longer, "pending", None, None)
    dipping = ot.Series(2013, [5.0, 4.0, 6.0], indicator="x")
    falling = ot.evaluate(target(kind="non_decreasing", comparator=">=", period_start=2014, period=2015), dipping)
    check(falling, "missed", -1, None)  # 4 - 5 = -1 in 2014
    assert falling.decided_by == ot.Period(2014)


# -------------------------------------------------------------------------------------------------- trend


def test_trend_met_missed_pending() -> None:
    s = ot.Series(2013, [5.0, 6.0, 6.0], indicator="x")
    # Base: the period before period_start, 2013 = 5; 6 in 2015 is higher.
    met = ot.evaluate(target(kind="trend", comparator=">=", period_start=2014, period=2015), s)
    check(met, "met", 6, 5)
    assert met.baseline == 5
    check(ot.evaluate(target(kind="trend", comparator="<", period_start=2014, period=2015), s), "missed", 6, 5)
    check(ot.evaluate(target(kind="trend", comparator=">=", period_start=2014, period=2016), s), "pending", None, None)


def test_trend_natural_limit() -> None:
    zero = ot.Series(2013, [0.0, 0.0, 0.0], indicator="x")
    # 消除"零专利": cannot fall below 0; staying at the limit 0 counts as met.
    result = ot.evaluate(target(kind="trend", comparator="<", value=0, period_start=2014, period=2015), zero)
    check(result, "met", 0, 0)
    assert "natural limit reached" in result.message
    without_limit = ot.evaluate(target(kind="trend", comparator="<", period_start=2014, period=2015), zero)
    check(without_limit, "missed", 0, 0)


# -------------------------------------------------------------------------------------- units and errors


def test_unit_conversion() -> None:
    # 2 亿元 = 2 * 1e8 元 = 2 * 1e8 / 1e4 万元 = 20000 万元.
    wan = ot.Series(2021, [25000.0], indicator="x", unit="万元")
    met = ot.evaluate(target(value=2, period=2021, unit="亿元"), wan)
    check(met, "met", 25000, 20000)
    short = ot.Series(2021, [15000.0], indicator="x", unit="万元")
    check(ot.evaluate(target(value=2, period=2021, unit="亿元"), short), "missed", 15000, 20000)
    # Increments convert too: +0.5 亿元 = 5000 万元; 26000 - 20000 = 6000 >= 5000.
    growing = ot.Series(2020, [20000.0, 26000.0], indicator="x", unit="万元")
    check(ot.evaluate(target(kind="increment", value=0.5, period=2021, unit="亿元"), growing), "met", 6000, 5000)
    # Rates have no unit to convert: 26000 / 20000 - 1 = 0.3.
    check(ot.evaluate(target(kind="growth", value="30%", period=2021, unit="亿元"), growing), "met", 0.3, 0.3)


def test_incompatible_units() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.evaluate(target(value=2, period=2021, unit="家"), ot.Series(2021, [1.0], indicator="x", unit="万元"))
    assert caught.value.field == "unit"
    assert "cannot convert '家' to '万元'" in str(caught.value)


def test_indicator_mismatch() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.evaluate(target(id="cn13-01", indicator="rd_intensity", value=2.5, period=2020), LEVELS)
    assert caught.value.field == "indicator"
    assert "target 'cn13-01' is about 'rd_intensity' but the series is 'x'" in str(caught.value)
    # A target or series without an indicator is not checked.
    assert ot.evaluate(ot.Target(id="t", value=110, period=2021), LEVELS).verdict == "met"


def test_frequency_mismatch() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.evaluate(target(value=1, period="2021-Q1"), LEVELS)
    assert caught.value.field == "period"
    assert "is quarterly but the series is annual" in str(caught.value)


def test_empty_series_is_pending() -> None:
    result = ot.evaluate(target(value=1, period=2021), ot.Series.from_pairs([], [], indicator="x"))
    check(result, "pending", None, None)
    assert result.message == "pending: no observation for 2021; no observation yet"


def test_evaluation_is_not_nan_anywhere() -> None:
    # Absent numbers are None, never NaN, so `is None` tests are reliable.
    result = ot.evaluate(target(kind="relative", value=2, baseline_period=2019, period=2030), LEVELS)
    for name in ("observed", "required", "required_high", "required_stretch", "baseline"):
        value = getattr(result, name)
        assert value is None or not math.isnan(value), name

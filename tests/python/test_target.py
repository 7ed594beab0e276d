"""ontrack.Target (python/src/register_target.cpp): keyword construction for every kind, rates,
tolerances, stretch values, responsible units, validation errors naming the field, pickle, equality.

Rates: "5%" is 5 / 100 = 0.05; the binding shifts the decimal point in the text, so "5.5%" is the
double nearest 0.055, the same double as the literal 0.055.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest

import ontrack as ot

# One keyword set per kind, modelled on the seed plans (docs/targets_csv.md, "Kinds").
EVERY_KIND: dict[str, dict[str, Any]] = {
    "level": dict(indicator="rd_intensity", value=1.5, period=2025, unit="%"),
    "relative": dict(indicator="patents", value=2, baseline_period="十三五末", period=2025),
    "growth": dict(indicator="rd_expenditure", value="5%", period=2023),
    "average_growth": dict(
        indicator="rd_expenditure", comparator=">", value=0.07, period_start="十四五", period="十四五"
    ),
    "increment": dict(indicator="high_tech_enterprises_valid", value=2, period=2023, unit="家"),
    "cumulative": dict(indicator="events", value=100, period_start=2021, period=2025, unit="场次"),
    "per_period": dict(indicator="selected", value=2, stretch=3, period_start=2021, period=2025),
    "non_decreasing": dict(indicator="fiscal_st", comparator=">=", period_start=2014, period=2015),
    "trend": dict(indicator="partner_cities", comparator=">=", period_start=2020, period=2025),
}


@pytest.mark.parametrize("kind", list(EVERY_KIND))
def test_every_kind_is_constructible(kind: str) -> None:
    arguments = EVERY_KIND[kind]
    t = ot.Target(id=f"t-{kind}", kind=kind, **arguments)  # type: ignore[arg-type]
    assert t.id == f"t-{kind}"
    assert t.kind == kind
    assert t.indicator == arguments["indicator"]
    assert t.comparator == arguments.get("comparator", ">=")
    assert t.is_rate == (kind in ("growth", "average_growth"))
    assert t.period is not None
    assert repr(t).startswith(f"Target('t-{kind}', {kind}, {arguments['indicator']} ")


def test_fields_read_back() -> None:
    t = ot.Target(
        id="cn13-01",
        region="China",
        indicator="rd_intensity",
        kind="level",
        comparator=">=",
        value=2.5,
        period=2020,
        baseline_period=2015,
        baseline_value=2.07,
        stretch=3,
        commitment="binding",
        unit="%",
        lead_unit="科技部",
        responsible_units="发改委;财政部",
        document="National 13th FYP",
        quote="研发投入强度达到2.5%",
    )
    assert (t.id, t.region, t.indicator, t.kind, t.comparator) == ("cn13-01", "China", "rd_intensity", "level", ">=")
    assert (t.value, t.value_high, t.tolerance, t.tolerance_relative) == (2.5, None, None, False)
    assert (t.period_start, t.period, t.baseline_period) == (None, ot.Period(2020), ot.Period(2015))
    assert (t.baseline_value, t.stretch, t.commitment) == (2.07, 3.0, "binding")
    assert (t.unit, t.lead_unit, t.responsible_units) == ("%", "科技部", ["发改委", "财政部"])
    assert (t.document, t.quote) == ("National 13th FYP", "研发投入强度达到2.5%")
    assert repr(t) == "Target('cn13-01', level, rd_intensity >= 2.5 % by 2020)"


def test_periods_in_every_spelling() -> None:
    t = ot.Target(id="a", kind="cumulative", value=100, period_start="十四五", period="十四五")
    # As period_start a plan name is its first year, as the deadline its last: 2021 and 2025.
    assert (t.period_start, t.period) == (ot.Period(2021), ot.Period(2025))
    span = ot.Target(id="b", kind="cumulative", value=1, period_start="2023—2025年", period="2023—2025年")
    assert (span.period_start, span.period) == (ot.Period(2023), ot.Period(2025))
    r = ot.Target(id="c", kind="relative", value=2, baseline_period="十三五末", period=ot.Period(2025))
    assert r.baseline_period == ot.Period(2020)


def test_base_period() -> None:
    # baseline_period when given ...
    given = ot.Target(id="a", kind="growth", value=0.05, baseline_period=2019, period=2023)
    assert given.base_period() == ot.Period(2019)
    # ... else the period before period_start (2021 - 1) ...
    span = ot.Target(id="b", kind="average_growth", value=0.07, period_start=2021, period=2025)
    assert span.base_period() == ot.Period(2020)
    # ... else the period before the deadline (2023 - 1).
    assert ot.Target(id="c", kind="increment", value=2, period=2023).base_period() == ot.Period(2022)
    assert ot.Target(id="d", kind="increment", value=2, period="2025-Q1").base_period() == ot.Period("2024-Q4")


# ------------------------------------------------------------------------------------------------ rates


def test_percent_text_and_fraction_are_the_same_rate() -> None:
    text = ot.Target(id="g", indicator="x", kind="growth", value="5%", period=2023)
    fraction = ot.Target(id="g", indicator="x", kind="growth", value=0.05, period=2023)
    assert text.value == fraction.value == 0.05
    assert text == fraction
    assert ot.Target(id="g", kind="growth", value="5.5%", period=2023).value == 0.055
    assert ot.Target(id="g", kind="growth", value="-13.5%", period=2023).value == -0.135
    # Full-width digits and percent sign, as typed with a Chinese input method.
    assert ot.Target(id="g", kind="growth", value="５％", period=2023).value == 0.05
    # Rates above 100% must carry the percent sign: "150%" is 1.5.
    assert ot.Target(id="g", kind="growth", value="150%", period=2023).value == 1.5
    assert ot.Target(id="g", kind="growth", value="5%", stretch="6%", period=2023).stretch == 0.06


@pytest.mark.parametrize(("value", "shown"), [(5, "5"), (5.0, "5"), ("5", "5"), ("1.5", "1.5"), (-2, "-2")])
def test_bare_rate_above_one_is_rejected(value: object, shown: str) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="g", kind="growth", value=value, period=2023)  # type: ignore[arg-type]
    assert caught.value.field == "value"
    assert f"the rate {shown} is ambiguous" in str(caught.value)
    assert "5%" in str(caught.value) and "0.05" in str(caught.value)


def test_bare_stretch_rate_above_one_is_rejected() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="g", kind="average_growth", value=0.05, stretch=2, period_start=2021, period=2025)
    assert caught.value.field == "stretch"
    assert "the rate 2 is ambiguous" in str(caught.value)


def test_a_band_of_rates() -> None:
    # "控制在3%—5%之间" for a growth rate: both bounds are rates.
    band = ot.Target(
        id="b", indicator="x", kind="growth", comparator="within", value="3%", value_high="5%", period=2021
    )
    assert (band.value, band.value_high) == (0.03, 0.05)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="b", kind="growth", comparator="within", value="3%", value_high=5, period=2021)
    assert caught.value.field == "value_high"
    assert "the rate 5 is ambiguous" in str(caught.value)


def test_levels_are_not_rates() -> None:
    # For a level target 5 is just 5 (percent points when unit is %), and "5%" is not a number.
    assert ot.Target(id="l", kind="level", value=5, period=2025, unit="%").value == 5.0
    assert ot.Target(id="l", kind="level", value="5", period=2025).value == 5.0
    with pytest.raises(ot.ParseError) as caught:
        ot.Target(id="l", kind="level", value="5%", period=2025)
    assert caught.value.field == "value"
    assert caught.value.value == "5%"


def test_a_fall_of_100_percent_is_rejected() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="g", kind="growth", value="-100%", period=2023)
    assert caught.value.field == "value"
    assert "fall of 100% or more" in str(caught.value)


# -------------------------------------------------------------------------------- comparators, stretch


def test_about_with_absolute_and_relative_tolerance() -> None:
    absolute = ot.Target(id="a", indicator="x", comparator="~", value=10, tolerance=0.5, period=2025)
    assert (absolute.comparator, absolute.tolerance, absolute.tolerance_relative) == ("~", 0.5, False)
    relative = ot.Target(id="a", indicator="x", comparator="~", value=10, tolerance="5%", period=2025)
    assert (relative.tolerance, relative.tolerance_relative) == (0.05, True)
    assert absolute != relative
    # "about" and "≈" are other spellings of "~".
    assert ot.Target(id="a", indicator="x", comparator="about", value=10, tolerance=0.5, period=2025) == absolute
    assert ot.Target(id="a", indicator="x", comparator="≈", value=10, tolerance=0.5, period=2025) == absolute


def test_tolerance_errors() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="a", comparator="~", value=10, period=2025)
    assert caught.value.field == "tolerance"
    assert "needs a tolerance" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="a", comparator=">=", value=10, tolerance=1, period=2025)
    assert caught.value.field == "tolerance"
    assert "only used with comparator '~'" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="a", comparator="~", value=10, tolerance=-1, period=2025)
    assert caught.value.field == "tolerance"
    with pytest.raises(ot.ParseError) as parse:
        ot.Target(id="a", comparator="~", value=10, tolerance="x%", period=2025)
    assert (parse.value.field, parse.value.value) == ("tolerance", "x%")


def test_within() -> None:
    band = ot.Target(id="w", indicator="x", comparator="within", value=3, value_high=5, period=2025, unit="%")
    assert (band.comparator, band.value, band.value_high) == ("within", 3.0, 5.0)
    assert repr(band) == "Target('w', level, x within 3..5 % by 2025)"
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="w", comparator="within", value=3, period=2025)
    assert caught.value.field == "value_high"
    assert "needs value_high" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="w", comparator="within", value=5, value_high=3, period=2025)
    assert caught.value.field == "value_high"
    assert "value_high 3 is below value 5" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="w", comparator=">=", value=3, value_high=5, period=2025)
    assert caught.value.field == "value_high"


def test_stretch() -> None:
    upward = ot.Target(id="s", indicator="x", value=13, stretch=14, period=2025)
    assert (upward.value, upward.stretch) == (13.0, 14.0)
    downward = ot.Target(id="s", indicator="x", comparator="<=", value=10, stretch=8, period=2025)
    assert downward.stretch == 8.0
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="s", value=13, stretch=12, period=2025)
    assert caught.value.field == "stretch"
    assert "stretch 12 is less ambitious than value 13" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="s", comparator="<=", value=10, stretch=11, period=2025)
    assert caught.value.field == "stretch"
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="s", comparator="~", value=10, tolerance=1, stretch=11, period=2025)
    assert caught.value.field == "stretch"
    assert "needs a direction" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="s", kind="trend", stretch=1, period_start=2020, period=2025)
    assert caught.value.field == "stretch"
    assert "a trend target has no number to stretch" in str(caught.value)


def test_relative_needs_a_baseline() -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="r", indicator="x", kind="relative", value=2, period=2025)
    assert caught.value.field == "baseline_period"
    assert "target 'r'" in str(caught.value)
    assert "needs a baseline_period" in str(caught.value)
    # A stated baseline value is enough.
    assert ot.Target(id="r", kind="relative", value=2, baseline_value=10, period=2025).baseline_value == 10.0
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="r", kind="relative", value=0, baseline_period=2020, period=2025)
    assert caught.value.field == "value"
    assert "must be positive" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "field", "fragment"),
    [
        (dict(value=1), "period", "the deadline (period) is missing"),
        (dict(period=2025), "value", "a level target needs a value"),
        (dict(kind="non_decreasing", value=1, period_start=2020, period=2025), "value", "takes no value"),
        (
            dict(kind="trend", comparator="~", tolerance=1, period_start=2020, period=2025),
            "comparator",
            "needs a direction",
        ),
        (dict(kind="cumulative", value=100, period=2025), "period_start", "a cumulative target needs period_start"),
        (dict(kind="per_period", value=2, period=2025), "period_start", "a per_period target needs period_start"),
        (dict(kind="average_growth", value=0.07, period=2025), "period_start", "over which periods"),
        (dict(value=1, period_start=2026, period=2025), "period_start", "period_start 2026 is after the deadline 2025"),
        (dict(value=1, period_start="2021-Q1", period=2025), "period_start", "another frequency"),
        (dict(value=1, baseline_period=2025, period=2025), "baseline_period", "is not before the deadline"),
        (dict(value=float("inf"), period=2025), "value", "must be a finite number"),
        # NaN means "absent", so a level target with a NaN value has no value.
        (dict(value=float("nan"), period=2025), "value", "a level target needs a value"),
    ],
)
def test_validation_names_the_field(arguments: dict[str, Any], field: str, fragment: str) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.Target(id="bad", **arguments)
    assert caught.value.field == field
    assert fragment in str(caught.value)
    assert str(caught.value).startswith(f"field '{field}': ")


@pytest.mark.parametrize(
    ("arguments", "field", "value"),
    [
        (dict(kind="bogus", value=1, period=2025), "kind", "bogus"),
        (dict(comparator="=<>", value=1, period=2025), "comparator", "=<>"),
        (dict(commitment="maybe", value=1, period=2025), "commitment", "maybe"),
        (dict(value="abc", period=2025), "value", "abc"),
        (dict(value=1, baseline_value="n/a", period=2025), "baseline_value", "n/a"),
        (dict(value=1, period="next year"), "period", "next year"),
        (dict(kind="growth", value="abc", period=2025), "value", "abc"),
    ],
)
def test_unreadable_text_raises_parse_error(arguments: dict[str, Any], field: str, value: str) -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Target(id="bad", **arguments)
    assert (caught.value.field, caught.value.value) == (field, value)
    assert f"(got '{value}')" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (dict(value=True, period=2025), "value: expected a number, got a bool"),
        (dict(value=[1], period=2025), "value: expected a number, got list"),
        (dict(value=1, period=3.5), "period: expected a Period, an int year or a period string, got float"),
        (dict(value=1, period=True), "period: expected a period, got a bool"),
    ],
)
def test_wrong_types_raise_type_error(arguments: dict[str, Any], fragment: str) -> None:
    with pytest.raises(TypeError) as caught:
        ot.Target(id="bad", **arguments)
    assert fragment in str(caught.value)


def test_keywords_only() -> None:
    with pytest.raises(TypeError):
        ot.Target("a", value=1, period=2025)  # type: ignore[misc]


def test_commitment_spellings() -> None:
    assert ot.Target(id="a", value=1, period=2025, commitment="约束性").commitment == "binding"
    assert ot.Target(id="a", value=1, period=2025, commitment="预期性").commitment == "expected"
    assert ot.Target(id="a", value=1, period=2025).commitment == ""


# ---------------------------------------------------------------------------------- responsible units


def test_responsible_units_as_text_or_list() -> None:
    text = ot.Target(id="u", value=1, period=2025, responsible_units="市科技局;市财政局")
    listed = ot.Target(id="u", value=1, period=2025, responsible_units=["市科技局", "市财政局"])
    assert text.responsible_units == listed.responsible_units == ["市科技局", "市财政局"]
    assert text == listed
    # Spaces around items and empty items are dropped.
    assert ot.Target(id="u", value=1, period=2025, responsible_units=" a ; b ;;c").responsible_units == ["a", "b", "c"]
    assert ot.Target(id="u", value=1, period=2025, responsible_units=("a", "b")).responsible_units == ["a", "b"]
    assert ot.Target(id="u", value=1, period=2025).responsible_units == []


def test_responsible_units_of_a_wrong_type() -> None:
    # Regression (fixed): py::cast_error escapes the constructor (register_target.cpp, responsible_units.cast<...>()).
    with pytest.raises(TypeError, match="responsible_units"):
        ot.Target(id="u", value=1, period=2025, responsible_units=5)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------ pickle, equality


PICKLED = [
    ot.Target(
        id="full",
        region="Changji City",
        indicator="rd_intensity",
        kind="level",
        value=1.5,
        period=2025,
        baseline_period=2020,
        baseline_value=0.9,
        stretch=2,
        commitment="expected",
        unit="%",
        lead_unit="市科技局",
        responsible_units=["市发改委", "市财政局"],
        document='昌吉市科技创新"十四五"规划, 2021',
        quote="研发投入强度达到1.5%,\n力争达到2%",
    ),
    ot.Target(id="g", indicator="x", kind="growth", value="5.5%", stretch="150%", period=2023),
    ot.Target(id="t", indicator="x", comparator="~", value=10, tolerance="5%", period="2025-Q3"),
    ot.Target(id="w", indicator="x", comparator="within", value=3, value_high=5, period="2025-03"),
    ot.Target(id="n", indicator="x", kind="non_decreasing", comparator=">", period_start=2014, period=2015),
]


@pytest.mark.parametrize("target", PICKLED, ids=[t.id for t in PICKLED])
def test_pickle_round_trip(target: ot.Target) -> None:
    back = pickle.loads(pickle.dumps(target))
    assert type(back) is ot.Target
    assert back == target
    for name in ot._core.TARGET_COLUMNS:
        if name != "period":
            assert getattr(back, name) == getattr(target, name), name
    assert (back.period, back.tolerance_relative) == (target.period, target.tolerance_relative)


def test_equality_looks_at_every_field() -> None:
    base = dict(id="a", indicator="x", value=1, period=2025)
    t = ot.Target(**base)
    assert t == ot.Target(**base)
    assert not (t != ot.Target(**base))
    changes = (dict(id="b"), dict(indicator="y"), dict(value=2), dict(period=2026), dict(quote="q"), dict(unit="%"))
    for change in changes:
        assert t != ot.Target(**{**base, **change}), change

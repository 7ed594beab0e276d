"""Assessment from Python (python/ontrack/assessment.py over python/src/register_assessment.cpp):
``assess`` on one target, ``assess_table`` over a plan, ``select_series`` with dated vintages and
``summarize``.

Reference figures are never copied from the library: projections and probabilities come from
statsmodels' OLS and scipy's t distribution computed here, the schemes' progress figures from the
formulas of guide/methods.md written out with numpy, and the bundled data are read with the standard
library's csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pandas as pd
import pytest
import scipy.stats
import statsmodels.api as sm

import ontrack as ot
from ontrack import _core
from ontrack.assessment import RISK_ORDER, TABLE_COLUMNS

Records = Callable[[Path], list[dict[str, str]]]

STATUSES = {"met", "missed", "achieved", "on_track", "at_risk", "off_track", "regressing", "awaiting_data", "not_assessable"}
SCHEMES = ["probability", "statcan", "unsd", "unsd2023", "eurostat", "escap", "sdsn"]

# China R&D intensity, first releases 2015-2022 (examples/data/observations.csv).
INTENSITY = [2.06, 2.10, 2.12, 2.14, 2.24, 2.40, 2.44, 2.54]
INTENSITY_YEARS = list(range(2015, 2023))


def ols_t(values: list[float], years: list[int], at: int, log: bool = False) -> tuple[float, float, float]:
    """statsmodels OLS of value (or log value) on [1, year]: predicted mean, se_obs and df at ``at``."""
    y = np.log(values) if log else np.asarray(values, dtype=float)
    result = sm.OLS(y, sm.add_constant(np.asarray(years, dtype=float))).fit()
    prediction = result.get_prediction(np.array([[1.0, float(at)]]))
    return float(prediction.predicted_mean[0]), float(prediction.se_obs[0]), float(result.df_resid)


def close(actual: Optional[float], expected: float, rel: float = 1e-9) -> bool:
    return actual is not None and abs(actual - expected) <= rel * max(abs(expected), 1e-300)


def observation_value(
    records: list[dict[str, str]], region: str, indicator: str, period: str, vintage: str = ""
) -> float:
    key = (region, indicator, period, vintage)
    matches = [r for r in records if (r["region"], r["indicator"], r["period"], r["vintage"]) == key]
    assert len(matches) == 1, (region, indicator, period, vintage)
    return float(matches[0]["value"])


@pytest.fixture(scope="module")
def observations(observations_path: Path) -> ot.ObservationTable:
    return ot.read_observations(observations_path)


@pytest.fixture(scope="module")
def national(national_targets_path: Path) -> list[ot.Target]:
    return ot.read_targets(national_targets_path)


@pytest.fixture(scope="module")
def seed(seed_targets_path: Path) -> list[ot.Target]:
    return ot.read_targets(seed_targets_path)


@pytest.fixture
def intensity_target() -> ot.Target:
    return ot.Target(id="rd", indicator="rd_intensity", region="China", value=2.75, period=2026, unit="%")


# ------------------------------------------------------------------------------------------------ assess


def test_assess_figures_against_statsmodels(intensity_target: ot.Target) -> None:
    """R&D intensity >= 2.75 by 2026, linear projection of the 2015-2022 first releases."""
    series = ot.Series(2015, INTENSITY, indicator="rd_intensity", region="China")
    a = ot.assess(intensity_target, series, method="linear")
    mean, se, df = ols_t(INTENSITY, INTENSITY_YEARS, 2026)
    reference = scipy.stats.t(df, loc=mean, scale=se)
    assert a.method == "linear" and a.id == "rd" and a.deadline == ot.Period(2026)
    assert close(a.projected, mean)
    assert close(a.lower, float(reference.ppf(0.025))) and close(a.upper, float(reference.ppf(0.975)))
    assert close(a.probability, float(reference.sf(2.75)))
    # By hand: needs (2.75 - 2.54) / (2026 - 2022) = 0.0525/yr; achieved (2.54 - 2.06) / 7 = 0.0685714/yr.
    assert close(a.required_pace, 0.0525) and close(a.actual_pace, 0.48 / 7) and close(a.gap, 0.21)
    assert close(a.pace_ratio, (0.48 / 7) / 0.0525)
    assert close(a.required_growth, (2.75 / 2.54) ** 0.25 - 1) and close(a.actual_growth, (2.54 / 2.06) ** (1 / 7) - 1)
    assert (a.base_period, a.base_value) == (ot.Period(2015), 2.06)
    assert (a.latest_period, a.latest_value) == (ot.Period(2022), 2.54)
    assert a.target_value == 2.75 and a.target_high is None and a.stretch_value is None
    # Expected period: the first year whose OLS mean reaches 2.75.
    first = next(year for year in range(2023, 2037) if ols_t(INTENSITY, INTENSITY_YEARS, year)[0] >= 2.75)
    assert a.expected_period == ot.Period(first)
    # P = 0.684 (computed above): 0.5 <= P < 0.9 is at_risk with the default bands.
    assert 0.5 < float(reference.sf(2.75)) < 0.9
    assert (a.status, a.scheme_status, a.progress) == ("at_risk", "at_risk", a.probability)
    assert "at risk" in a.message and "2.75" in a.message


def test_assessment_attributes_are_typed(intensity_target: ot.Target) -> None:
    a = ot.assess(intensity_target, ot.Series(2015, INTENSITY), method="linear")
    floats = [
        "latest_value", "base_value", "target_value", "projected", "lower", "upper", "probability", "required_pace",
        "required_growth", "actual_pace", "actual_growth", "pace_ratio", "gap", "progress",
    ]  # fmt: skip
    for name in floats:
        assert type(getattr(a, name)) is float, name
    for name in ["target_high", "stretch_value", "probability_stretch", "score"]:
        assert getattr(a, name) is None, name
    for name in ["deadline", "latest_period", "base_period", "expected_period"]:
        assert isinstance(getattr(a, name), ot.Period), name
    assert all(type(getattr(a, n)) is str for n in ["id", "status", "scheme_status", "method", "message"])
    assert type(a.nowcast) is bool and a.nowcast is False
    assert isinstance(a.observed, ot.Evaluation) and a.observed.verdict == "pending"
    assert a.status in STATUSES and a.message != ""
    assert repr(a).startswith("Assessment('rd', at_risk: ")
    # Read-only.
    with pytest.raises(AttributeError):
        a.status = "met"  # type: ignore[misc]


def test_not_assessable_assessment_leaves_figures_empty() -> None:
    target = ot.Target(id="t", indicator="x", value=5, period=2030)
    a = ot.assess(target, ot.Series(2020, [1.0]), method="linear")
    # One observation: no projection, no pace (base = latest), so nothing decides.
    assert a.status == "not_assessable" and a.scheme_status == "not_assessable"
    assert a.latest_value == 1.0 and a.latest_period == ot.Period(2020)
    assert a.projected is None and a.probability is None and a.actual_pace is None and a.pace_ratio is None
    assert a.message.startswith("not assessable: ") and "linear" in a.message


def points_of(a: ot.Assessment) -> list[tuple[str, float, float, float]]:
    return [] if a.projection is None else [(str(p.period), p.mean, p.lower, p.upper) for p in a.projection.points]


def test_pandas_and_ontrack_series_assess_identically(intensity_target: ot.Target) -> None:
    as_ontrack = ot.Series(2015, INTENSITY, indicator="rd_intensity", region="China")
    as_pandas = pd.Series(INTENSITY, index=INTENSITY_YEARS)
    as_period_index = pd.Series(INTENSITY, index=pd.period_range("2015", periods=8, freq="Y"))
    # The data of an assessment (its methods, such as plot, are not data).
    # The projection is an object of its own: compared by its points below.
    names = [
        n for n in dir(ot.Assessment)
        if not n.startswith("_") and n not in ("observed", "projection") and not callable(getattr(ot.Assessment, n))
    ]
    for method in ["linear", "holt", "auto"]:
        for scheme in ["probability", "statcan"]:
            reference = ot.assess(intensity_target, as_ontrack, method, scheme)
            for other in (as_pandas, as_period_index):
                result = ot.assess(intensity_target, other, method, scheme)
                expected = {n: getattr(reference, n) for n in names}
                assert {n: getattr(result, n) for n in names} == expected, (method, scheme)
                assert points_of(result) == points_of(reference)
    with pytest.raises(TypeError, match="expected an ontrack Series or a pandas Series"):
        ot.assess(intensity_target, INTENSITY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("keyword", "value", "names"),
    [
        ("method", "lineal", ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"]),
        ("scheme", "sgd", SCHEMES),
    ],
)
def test_unknown_method_or_scheme_lists_the_names(
    intensity_target: ot.Target, keyword: str, value: str, names: list[str]
) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.assess(intensity_target, ot.Series(2015, INTENSITY), **{keyword: value})
    assert caught.value.field == keyword
    assert f"'{value}'" in str(caught.value)
    for name in names:
        assert name in caught.value.reason, name


def test_as_of_as_date_or_iso_string(intensity_target: ot.Target) -> None:
    series = ot.Series(2015, INTENSITY)
    by_date = ot.assess(intensity_target, series, "linear", as_of=dt.date(2020, 6, 30))
    by_text = ot.assess(intensity_target, series, "linear", as_of="2020-06-30")
    # The data of an assessment (its methods, such as plot, are not data).
    # The projection is an object of its own: compared by its points below.
    names = [
        n for n in dir(ot.Assessment)
        if not n.startswith("_") and n not in ("observed", "projection") and not callable(getattr(ot.Assessment, n))
    ]
    assert {n: getattr(by_date, n) for n in names} == {n: getattr(by_text, n) for n in names}
    # Known on 2020-06-30: the years 2015-2019 (2020 ends after it).
    mean, se, df = ols_t(INTENSITY[:5], INTENSITY_YEARS[:5], 2026)
    assert by_date.latest_period == ot.Period(2019) and by_date.latest_value == 2.24
    assert close(by_date.projected, mean)
    assert close(by_date.probability, float(scipy.stats.t.sf(2.75, df, loc=mean, scale=se)))
    assert by_date.message.endswith(" as of 2020-06-30")
    # A period counts once its last day is before as_of: 2019 ends 2019-12-31.
    assert ot.assess(intensity_target, series, "linear", as_of="2019-12-31").latest_period == ot.Period(2018)
    assert ot.assess(intensity_target, series, "linear", as_of="2020-01-01").latest_period == ot.Period(2019)


@pytest.mark.parametrize("text", ["2021-13-01", "yesterday", "2021/06/30", "20210630", ""])
def test_bad_as_of_string_is_a_parse_error_naming_as_of(intensity_target: ot.Target, text: str) -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.assess(intensity_target, ot.Series(2015, INTENSITY), as_of=text)
    assert caught.value.field == "as_of" and caught.value.value == text
    assert "'as_of'" in str(caught.value) and "YYYY-MM-DD" in str(caught.value)


def test_as_of_of_another_type_is_a_type_error(intensity_target: ot.Target) -> None:
    with pytest.raises(TypeError, match="as_of"):
        ot.assess(intensity_target, ot.Series(2015, INTENSITY), as_of=20210630)  # type: ignore[arg-type]


def test_thresholds_override_the_probability_bands(intensity_target: ot.Target) -> None:
    series = ot.Series(2015, INTENSITY)
    mean, se, df = ols_t(INTENSITY, INTENSITY_YEARS, 2026)
    p = float(scipy.stats.t.sf(2.75, df, loc=mean, scale=se))
    assert 0.68 < p < 0.69  # P = 0.6838: at_risk by default (0.5 <= P < 0.9)
    assert ot.assess(intensity_target, series, "linear").status == "at_risk"
    lowered = ot.assess(intensity_target, series, "linear", thresholds={"on_track": 0.6})
    assert (lowered.status, lowered.scheme_status) == ("on_track", "on_track") and close(lowered.probability, p)
    raised = ot.assess(intensity_target, series, "linear", thresholds={"at_risk": 0.75})
    assert raised.status == "off_track"  # 0.1 <= P < 0.75
    # Below every band while moving toward the target: off_track, not regressing.
    bands = {"off_track": 0.7, "at_risk": 0.8, "on_track": 0.95}
    below = ot.assess(intensity_target, series, "linear", thresholds=bands)
    assert below.status == "off_track"
    # A bound is inclusive: P itself as the on_track bound gives on_track.
    assert ot.assess(intensity_target, series, "linear", thresholds={"on_track": p - 1e-12}).status == "on_track"
    # Any Mapping is accepted.
    mapping = pd.Series({"on_track": 0.6})
    assert ot.assess(intensity_target, series, "linear", thresholds=mapping).status == "on_track"  # type: ignore[arg-type]


def test_regressing_when_p_is_below_the_bands_and_the_pace_moves_away() -> None:
    falling = INTENSITY[::-1]  # 2.54 (2015) down to 2.06 (2022); target >= 2.75 by 2026
    target = ot.Target(id="r", indicator="x", value=2.75, period=2026)
    mean, se, df = ols_t(falling, INTENSITY_YEARS, 2026)
    assert float(scipy.stats.t.sf(2.75, df, loc=mean, scale=se)) < 0.1
    a = ot.assess(target, ot.Series(2015, falling), "linear")
    assert a.status == "regressing" and close(a.actual_pace, -0.48 / 7)
    assert a.pace_ratio is not None and a.pace_ratio < 0


def test_thresholds_of_a_rule_scheme() -> None:
    # SDSN by hand: required (10 - 4) / (2030 - 2020) = 0.6/yr; observed (6 - 4) / 4 = 0.5/yr; ratio 0.8333.
    target = ot.Target(id="s", indicator="x", value=10, period=2030, baseline_period=2020)
    series = ot.Series(2020, [4.0, 4.5, 5.0, 5.5, 6.0])
    default = ot.assess(target, series, scheme="sdsn")
    assert close(default.progress, 0.5 / 0.6)
    assert (default.scheme_status, default.status) == ("moderately_improving", "at_risk")
    lowered = ot.assess(target, series, scheme="sdsn", thresholds={"on_track": 0.8})
    assert (lowered.scheme_status, lowered.status) == ("on_track", "on_track")


@pytest.mark.parametrize(
    ("scheme", "name"), [("probability", "bogus"), ("statcan", "on_track"), ("sdsn", "at_risk"), ("escap", "high")]
)
def test_unknown_threshold_name_is_an_error_naming_it(intensity_target: ot.Target, scheme: str, name: str) -> None:
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.assess(intensity_target, ot.Series(2015, INTENSITY), scheme=scheme, thresholds={name: 0.5})
    assert caught.value.field == "thresholds"
    assert f"'{name}'" in caught.value.reason and scheme in caught.value.reason


def test_thresholds_out_of_order_are_an_error(intensity_target: ot.Target) -> None:
    with pytest.raises(ot.InvalidValueError, match="off_track <= at_risk <= on_track") as caught:
        ot.assess(intensity_target, ot.Series(2015, INTENSITY), thresholds={"on_track": 0.3})
    assert caught.value.field == "thresholds"


# ------------------------------------------------------------------------------------- bundled real cases


def test_cn13_01_as_of_2021_is_missed_with_the_first_release(
    national: list[ot.Target], observations: ot.ObservationTable, observations_path: Path, read_csv_records: Records
) -> None:
    # R&D intensity >= 2.5 by 2020; the 2020 first release printed 2.40.
    printed = observation_value(read_csv_records(observations_path), "China", "rd_intensity", "2020", "first_release")
    assert printed == 2.4
    row = ot.assess_table(national, observations, as_of="2021-12-31").set_index("id").loc["cn13-01"]
    assert (row["status"], row["latest_period"], row["latest_value"]) == ("missed", "2020", printed)
    assert row["method"] == "observed"
    assert row["probability"] == 0.0 and row["message"].endswith("as of 2021-12-31")


def test_cnlit_01_as_of_mid_2025_is_achieved(
    national: list[ot.Target], observations: ot.ObservationTable, observations_path: Path, read_csv_records: Records
) -> None:
    # Scientific literacy > 15% by 2025: the 2024 survey (known by mid-2025) found 15.37 > 15.
    records = read_csv_records(observations_path)
    latest = observation_value(records, "China", "citizens_with_scientific_literacy", "2024")
    assert latest > 15
    row = ot.assess_table(national, observations, as_of=dt.date(2025, 6, 30)).set_index("id").loc["cnlit-01"]
    assert (row["status"], row["latest_period"], row["latest_value"]) == ("achieved", "2024", latest)
    assert row["message"].startswith("already achieved")


def test_xj12_01_as_of_2014_is_off_track_by_pace(
    national: list[ot.Target], observations: ot.ObservationTable, observations_path: Path, read_csv_records: Records
) -> None:
    records = read_csv_records(observations_path)
    base = observation_value(records, "Xinjiang", "rd_intensity", "2012", "first_release")
    latest = observation_value(records, "Xinjiang", "rd_intensity", "2013", "first_release")
    # Two first releases known by 2014-12-31 (2012: 0.53, 2013: 0.54): too few to project (auto needs 3).
    # Pace needed (1.8 - 0.54) / 2 = 0.63/yr, achieved 0.01/yr: ratio 0.016 in [0, 0.5) -> off_track.
    ratio = (latest - base) / ((1.8 - latest) / 2)
    assert 0 <= ratio < 0.5
    row = ot.assess_table(national, observations, as_of="2014-12-31").set_index("id").loc["xj12-01"]
    assert (row["latest_period"], row["latest_value"]) == ("2013", latest)
    assert (row["status"], row["method"]) == ("off_track", "pace")
    assert close(row["required_pace"], (1.8 - latest) / 2) and close(row["actual_pace"], latest - base)
    assert math.isnan(row["probability"]) and "pace" in row["message"]


# ------------------------------------------------------------------------------------------ assess_table


def check_risk_order(table: pd.DataFrame) -> None:
    ranks = [RISK_ORDER.index(s) for s in table["status"]]
    assert ranks == sorted(ranks)
    for status, group in table.groupby("status", sort=False):
        p = group["probability"].tolist()
        known = [x for x in p if not math.isnan(x)]
        # Ascending probability, targets without one last.
        assert p[: len(known)] == sorted(known), status
        assert all(math.isnan(x) for x in p[len(known) :]), status


def test_assess_table_on_the_bundled_plans(
    seed: list[ot.Target], national: list[ot.Target], observations: ot.ObservationTable
) -> None:
    table = ot.assess_table(seed + national, observations)
    assert list(table.columns) == TABLE_COLUMNS
    assert len(table) == len(seed) + len(national) == 80
    assert sorted(table["id"]) == sorted(t.id for t in seed + national)
    assert set(table["status"]) <= STATUSES
    assert (table["message"].str.len() > 0).all()
    assert (table["scheme"] == "probability").all()
    check_risk_order(table)
    # A target without observations is not_assessable and says so.
    row = table.set_index("id").loc["cn14-03"]
    assert row["status"] == "not_assessable"
    assert "no observations of 'high_value_invention_patents_per_10k'" in row["message"]


def test_assess_table_is_sorted_by_risk(national: list[ot.Target], observations: ot.ObservationTable) -> None:
    table = ot.assess_table(national, observations, method="auto", as_of="2021-12-31")
    # The property has something to bite on: several statuses, one with several probabilities.
    assert {"missed", "off_track", "not_assessable", "on_track", "met"} <= set(table["status"])
    assert table[table["status"] == "off_track"]["probability"].notna().sum() >= 3
    check_risk_order(table)
    # The plan order is not already the risk order.
    assert list(table["id"]) != [t.id for t in national]


def test_assess_table_rows_match_assess(national: list[ot.Target], observations: ot.ObservationTable) -> None:
    table = ot.assess_table(national, observations, as_of="2021-12-31").set_index("id")
    for target in national:
        row = table.loc[target.id]
        try:
            series = ot.select_series(observations, target.region, target.indicator, as_of="2021-12-31")
        except ot.DataError:
            assert row["status"] == "not_assessable" and row["message"].startswith("not assessable: ")
            continue
        a = ot.assess(target, series, as_of="2021-12-31")
        assert (row["status"], row["scheme_status"]) == (a.status, a.scheme_status)
        assert (row["method"], row["message"]) == (a.method, a.message)
        assert row["latest_period"] == ("" if a.latest_period is None else str(a.latest_period))
        for column in ["latest_value", "projected", "lower", "upper", "probability", "progress"]:
            value = getattr(a, column)
            assert (math.isnan(row[column]) if value is None else row[column] == value), (target.id, column)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_each_scheme_runs_end_to_end(
    scheme: str, seed: list[ot.Target], national: list[ot.Target], observations: ot.ObservationTable
) -> None:
    table = ot.assess_table(seed + national, observations, scheme=scheme)
    assert list(table.columns) == TABLE_COLUMNS and len(table) == 80
    assert (table["scheme"] == scheme).all()
    assert set(table["status"]) <= STATUSES and (table["message"].str.len() > 0).all()
    check_risk_order(table)
    # Observed verdicts do not depend on the scheme.
    decided = table.set_index("id")["status"]
    assert (decided["cn13-01"], decided["cn13-06"], decided["xj24-01"]) == ("missed", "met", "met")


def test_scheme_figures_for_cnlit_02_by_hand(
    national: list[ot.Target], observations: ot.ObservationTable, observations_path: Path, read_csv_records: Records
) -> None:
    """Scientific literacy >= 25% by 2035, base 2020 = 10.56 (plan); the formulas of guide/methods.md."""
    key = ("China", "citizens_with_scientific_literacy")
    records = [r for r in read_csv_records(observations_path) if (r["region"], r["indicator"]) == key]
    years = [int(r["period"]) for r in records]
    values = [float(r["value"]) for r in records]
    x0, t0, xt, t, xT, T = 10.56, 2020, values[-1], years[-1], 25.0, 2035
    assert (t, xt) == (2024, 15.37)
    actual_cagr = (xt / x0) ** (1 / (t - t0)) - 1
    required_cagr = (xT / x0) ** (1 / (T - t0)) - 1
    rate_ratio = actual_cagr / abs(required_cagr)  # 1.6636: statcan, unsd and eurostat
    expected_2035 = xt * (1 + actual_cagr) ** (T - t)  # unsd2023's ve
    mean, se, df = ols_t(values, years, T, log=True)  # loglinear: OLS on the logs
    p = float(scipy.stats.t.sf(math.log(xT), df, loc=mean, scale=se))
    expected = {
        "probability": (p, "on_track", "on_track"),
        "statcan": (rate_ratio, "substantial_progress", "on_track"),
        "unsd": (rate_ratio, "substantial_progress", "on_track"),
        "unsd2023": ((expected_2035 - x0) / (xT - x0), "on_track", "on_track"),
        "eurostat": (rate_ratio, "significant_progress", "on_track"),
        "escap": ((math.exp(mean) - x0) / (xT - x0), "maintain_progress", "on_track"),
        "sdsn": (((xt - x0) / (t - t0)) / ((xT - x0) / (T - t0)), "on_track", "on_track"),
    }
    for scheme, (progress, scheme_status, status) in expected.items():
        row = ot.assess_table(national, observations, method="loglinear", scheme=scheme).set_index("id").loc["cnlit-02"]
        assert close(row["progress"], progress, 1e-8), scheme
        assert (row["scheme_status"], row["status"]) == (scheme_status, status), scheme
        assert (row["method"], row["scheme"]) == ("loglinear", scheme)
        assert close(row["projected"], math.exp(mean), 1e-9) and close(row["probability"], p, 1e-8), scheme
        # StatCan's score: min(7.1429 R - 4.2857, 5) for R >= 0.6; the other schemes have none.
        if scheme == "statcan":
            assert row["score"] == min(7.1429 * rate_ratio - 4.2857, 5.0) == 5.0
        else:
            assert math.isnan(row["score"]), scheme


# Regression (fixed): assessment.hpp (doc comment of `assess`): "Status: met/missed from data; achieved when a level or
# relative target's latest value already meets it; else by the scheme". Only the probability branch
# applies the achieved check; statcan/unsd/unsd2023 happen to have their own, but eurostat, escap and
# sdsn give on_track to cnlit-01 (level > 15, latest 15.37 in 2024), so the same target sorts as
# achieved under one scheme and on_track under another.
@pytest.mark.parametrize("scheme", ["eurostat", "escap", "sdsn"])
def test_latest_value_meeting_a_level_target_is_achieved_under_every_scheme(
    scheme: str, national: list[ot.Target], observations: ot.ObservationTable
) -> None:
    # As of a day before the 2025 deadline (after it, the 2025 figure decides: awaiting_data).
    row = ot.assess_table(national, observations, scheme=scheme, as_of="2025-06-30").set_index("id").loc["cnlit-01"]
    assert row["latest_value"] > 15
    assert row["status"] == "achieved"
    later = ot.assess_table(national, observations, scheme=scheme, as_of="2026-06-30").set_index("id").loc["cnlit-01"]
    assert (later["status"], later["basis"]) == ("awaiting_data", "nowcast")


# Regression (fixed): assess_table validates method, scheme, as_of and thresholds only when a target reaches assess();
# when no target has observations, bad arguments are accepted silently (and the CLI exits 0 for
# `--as-of 2021-13-01`, printing "as of 2021-13-01" in its header).
@pytest.mark.parametrize(
    ("keyword", "value", "error"),
    [
        ("as_of", "2021-13-01", ot.ParseError),
        ("scheme", "bogus", ot.InvalidValueError),
        ("method", "bogus", ot.InvalidValueError),
        ("thresholds", {"bogus": 0.5}, ot.InvalidValueError),
    ],
)
def test_assess_table_validates_arguments_without_data(
    keyword: str, value: Any, error: type[Exception], observations: ot.ObservationTable
) -> None:
    target = ot.Target(id="a", indicator="never_observed", value=1, period=2025)
    with pytest.raises(error):
        ot.assess_table([target], observations, **{keyword: value})


def test_assess_table_bad_arguments_with_data(national: list[ot.Target], observations: ot.ObservationTable) -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.assess_table(national, observations, as_of="2021-13-01")
    assert caught.value.field == "as_of"
    with pytest.raises(ot.InvalidValueError, match="unknown scheme 'bogus'"):
        ot.assess_table(national, observations, scheme="bogus")
    with pytest.raises(ot.InvalidValueError, match="'bogus' is not a threshold"):
        ot.assess_table(national, observations, thresholds={"bogus": 0.5})


def test_assess_table_thresholds_and_empty_plan(national: list[ot.Target], observations: ot.ObservationTable) -> None:
    default = ot.assess_table(national, observations, method="auto", as_of="2021-12-31").set_index("id")
    # cnlit-01 as of 2021 with auto: P 0.25 (off_track by default); an off_track band at 0.3 and at_risk at 0.2 move it.
    p = default.loc["cnlit-01", "probability"]
    assert default.loc["cnlit-01", "status"] == "off_track" and 0.2 < p < 0.3
    moved = ot.assess_table(national, observations, method="auto", as_of="2021-12-31", thresholds={"at_risk": 0.2}).set_index("id")
    assert moved.loc["cnlit-01", "status"] == "at_risk" and moved.loc["cnlit-01", "probability"] == p
    empty = ot.assess_table([], observations)
    assert list(empty.columns) == TABLE_COLUMNS and len(empty) == 0


# ----------------------------------------------------------------------------------------- select_series


def dated_observations() -> ot.ObservationTable:
    """2019 and 2020 published once; 2021 published 2022-01-20 as 1.0 and revised 2023-01-20 to 1.1;
    2022 published 2023-01-20."""
    rows = [
        ("2019", 0.8, "2020-01-20"),
        ("2020", 0.9, "2021-01-20"),
        ("2021", 1.0, "2022-01-20"),
        ("2021", 1.1, "2023-01-20"),
        ("2022", 1.2, "2023-01-20"),
    ]
    frame = pd.DataFrame(
        {
            "region": "R",
            "indicator": "x",
            "period": [r[0] for r in rows],
            "value": [r[1] for r in rows],
            "unit": "%",
            "vintage": [r[2] for r in rows],
            "source": "bulletin",
        }
    )
    return ot.read_observations(frame)


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("2022-06-30", {2019: 0.8, 2020: 0.9, 2021: 1.0}),
        (dt.date(2022, 6, 30), {2019: 0.8, 2020: 0.9, 2021: 1.0}),
        ("2023-06-30", {2019: 0.8, 2020: 0.9, 2021: 1.1, 2022: 1.2}),
        (None, {2019: 0.8, 2020: 0.9, 2021: 1.1, 2022: 1.2}),
        # Published on the day counts as known that day; the day before does not.
        ("2022-01-20", {2019: 0.8, 2020: 0.9, 2021: 1.0}),
        ("2022-01-19", {2019: 0.8, 2020: 0.9}),
    ],
)
def test_select_series_with_dated_vintages(as_of: Any, expected: dict[int, float]) -> None:
    s = ot.select_series(dated_observations(), "R", "x", as_of=as_of)
    assert {p.year: s.at(p) for p in s.periods} == expected
    assert (s.indicator, s.region, s.unit) == ("x", "R", "%")


def test_select_series_before_any_publication_is_a_data_error() -> None:
    with pytest.raises(ot.DataError, match=r"no vintage of 'x' in 'R' was published by 2020-01-19"):
        ot.select_series(dated_observations(), "R", "x", as_of="2020-01-19")
    with pytest.raises(ot.DataError, match=r"no observations of 'y' in 'R'"):
        ot.select_series(dated_observations(), "R", "y")
    with pytest.raises(ot.ParseError) as caught:
        ot.select_series(dated_observations(), "R", "x", as_of="2022-02-30")
    assert caught.value.field == "as_of" and "YYYY-MM-DD" in str(caught.value)


# Regression (fixed): select_series reads as_of with datetime.date.fromisoformat, which on Python >= 3.11 accepts more
# than YYYY-MM-DD ('20220630', '2022-W26-4'); assess() rejects the same strings with ParseError.
@pytest.mark.parametrize("text", ["20220630", "2022-W26-4"])
def test_select_series_rejects_what_assess_rejects(text: str) -> None:
    with pytest.raises(ot.ParseError):
        ot.select_series(dated_observations(), "R", "x", as_of=text)


def test_select_series_with_named_vintages(
    observations: ot.ObservationTable, observations_path: Path, read_csv_records: Records
) -> None:
    records = read_csv_records(observations_path)
    # China rd_intensity has four named releases: the default is the first release.
    first = ot.select_series(observations, "China", "rd_intensity")
    assert first.at(2020) == observation_value(records, "China", "rd_intensity", "2020", "first_release")
    yearbook = ot.select_series(observations, "China", "rd_intensity", vintage="yearbook")
    assert yearbook.at(2020) == observation_value(records, "China", "rd_intensity", "2020", "yearbook")
    # A single (empty) vintage is used as is.
    literacy = ot.select_series(observations, "China", "citizens_with_scientific_literacy", vintage="yearbook")
    assert literacy.at(2024) == 15.37


@pytest.mark.parametrize(
    ("as_of", "status", "latest_value", "decided_by"),
    [
        ("2022-06-30", "missed", 1.0, "value 1 in 2021"),
        ("2023-06-30", "met", 1.2, "value 1.1 in 2021"),
        (None, "met", 1.2, "value 1.1 in 2021"),
    ],
)
def test_assess_table_with_dated_vintages(
    as_of: Optional[str], status: str, latest_value: float, decided_by: str
) -> None:
    # >= 1.05 in 2021: the first print (1.0) misses it, the revision (1.1) meets it.
    target = ot.Target(id="v", region="R", indicator="x", value=1.05, period=2021, unit="%")
    row = ot.assess_table([target], dated_observations(), as_of=as_of).iloc[0]
    assert (row["status"], row["latest_value"]) == (status, latest_value)
    assert decided_by in row["message"]


def test_assess_table_with_dated_vintages_before_any_publication() -> None:
    target = ot.Target(id="v", region="R", indicator="x", value=1.05, period=2021)
    row = ot.assess_table([target], dated_observations(), as_of="2019-06-30").iloc[0]
    assert row["status"] == "not_assessable"
    assert row["message"] == "not assessable: no vintage of 'x' in 'R' was published by 2019-06-30"


# --------------------------------------------------------------------------------------------- summarize


def test_summarize_by_status(
    seed: list[ot.Target], national: list[ot.Target], observations: ot.ObservationTable
) -> None:
    table = ot.assess_table(seed + national, observations, as_of="2021-12-31")
    summary = ot.summarize(table, seed + national)
    assert list(summary.columns) == ["targets"]
    counts = table["status"].value_counts()
    assert summary["targets"].to_dict() == counts.to_dict()
    assert list(summary.index) == [s for s in RISK_ORDER if s in counts.index]
    assert summary["targets"].sum() == len(table) and (summary["targets"] > 0).all()


def test_summarize_by_lead_unit(
    seed: list[ot.Target], observations: ot.ObservationTable, seed_targets_path: Path, read_csv_records: Records
) -> None:
    records = read_csv_records(seed_targets_path)
    table = ot.assess_table(seed, observations)
    summary = ot.summarize(table, seed, "lead_unit")
    status_of = dict(zip(table["id"], table["status"]))
    expected = Counter((r["lead_unit"] or "(none)", status_of[r["id"]]) for r in records)
    assert len({r["lead_unit"] for r in records if r["lead_unit"]}) >= 5  # the seed plans name lead units
    assert summary.index.name == "lead_unit" and summary.columns.name == "status"
    assert list(summary.columns) == [s for s in RISK_ORDER if s in set(table["status"])]
    got = {(unit, status): int(summary.loc[unit, status]) for unit in summary.index for status in summary.columns}
    assert {k: v for k, v in got.items() if v} == dict(expected)
    assert summary.loc["科技厅"].sum() == sum(1 for r in records if r["lead_unit"] == "科技厅")


def test_summarize_by_commitment(
    observations: ot.ObservationTable, national_targets_path: Path, read_csv_records: Records, tmp_path: Path
) -> None:
    records = read_csv_records(national_targets_path)
    # The bundled files state no commitment: give the 13th FYP targets 约束性, the 14th 预期性.
    for r in records:
        r["commitment"] = {"cn13": "约束性", "cn14": "预期性"}.get(r["id"][:4], "")
    path = tmp_path / "committed.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    targets = ot.read_targets(path)
    table = ot.assess_table(targets, observations, as_of="2021-12-31")
    summary = ot.summarize(table, targets, "commitment")
    status_of = dict(zip(table["id"], table["status"]))
    name = {"约束性": "binding", "预期性": "expected", "": "(none)"}
    expected = Counter((name[r["commitment"]], status_of[r["id"]]) for r in records)
    got = {(c, s): int(summary.loc[c, s]) for c in summary.index for s in summary.columns}
    assert {k: v for k, v in got.items() if v} == dict(expected)
    assert sorted(summary.index) == ["(none)", "binding", "expected"]
    assert summary.loc["binding"].sum() == 6 and summary.loc["expected"].sum() == 4


def test_summarize_rejects_an_unknown_grouping(national: list[ot.Target], observations: ot.ObservationTable) -> None:
    table = ot.assess_table(national, observations)
    with pytest.raises(ValueError, match=r"by: expected 'status', 'commitment' or 'lead_unit', got 'region'") as caught:
        ot.summarize(table, national, "region")
    assert type(caught.value) is ValueError


def test_scheme_basis_and_status_names_come_from_the_compiled_tables() -> None:
    # The lists written out here are the documented vocabularies (docs and methods.md); the code reads
    # them from the C++ tables, and every Python table keyed by them covers exactly those names.
    from ontrack import cli, display, i18n

    schemes = ["probability", "statcan", "unsd", "unsd2023", "eurostat", "escap", "sdsn"]
    assert _core.scheme_names() == schemes
    assess = next(
        action.choices["assess"] for action in cli._build_parser()._actions if isinstance(action.choices, dict) and "assess" in action.choices
    )
    scheme = next(action for action in assess._actions if "--scheme" in action.option_strings)
    assert list(scheme.choices) == schemes
    target = ot.Target(id="t", indicator="x", value=5, period=2030)
    series = ot.Series(2015, [1.0, 1.5, 2.0, 2.5, 3.0, 3.5])
    for name in schemes:
        assert ot.assess(target, series, method="linear", scheme=name).scheme == name
    assert ot.assessment.BASIS_NAMES == _core.basis_names() == ["observed", "nowcast", "projected", "pace", "none"]
    assert set(i18n.BASIS_WORDS) == set(ot.assessment.BASIS_NAMES)
    statuses = _core.status_names()
    assert statuses == ["met", "missed", "achieved", "on_track", "at_risk", "off_track", "regressing", "awaiting_data", "not_assessable"]
    assert set(ot.assessment.RISK_ORDER) == set(statuses)
    assert set(display.STATUS_STYLE) == set(statuses)
    assert set(statuses) <= set(i18n.STATUS_WORDS)  # (it also words the verdicts of evaluate)

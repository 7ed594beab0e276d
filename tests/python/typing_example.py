"""The public API used as a user would, for ``mypy --strict`` (tests/python/test_typing.py).

Not collected by pytest (no ``test_`` prefix) and not meant to be run: it only has to type-check.
Each ``reveal``-free assignment below pins what the stub promises (a wrong stub fails mypy here).
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Literal, Optional

import numpy as np
import numpy.typing as npt
import pandas as pd

import ontrack as ot
from ontrack.io import EVALUATION_COLUMNS


def periods() -> list[ot.Period]:
    year = ot.Period(2025)
    quarter = ot.Period("2025-Q3")
    month: ot.Period = ot.Period.month(2025, 3)
    plan_end = ot.Period("十三五末")
    from_date = ot.Period(datetime.date(2025, 12, 31))
    from_pandas = ot.Period(pd.Period("2025Q3", freq="Q"))
    parsed = ot.Period.parse("2025-03-31", date_frequency="quarterly")
    later: ot.Period = year + 1
    earlier: ot.Period = year - 1
    between: int = year - ot.Period(2020)
    ordered: bool = year < later and year != earlier
    freq: Literal["annual", "quarterly", "monthly"] = quarter.freq
    first: datetime.date = quarter.first_day
    last: datetime.date = quarter.last_day
    number: int = year.year + quarter.sub + month.ordinal + between
    middle: float = year.decimal_year
    as_pandas: pd.Period = year.to_pandas()
    keyed: dict[ot.Period, str] = {year: freq}
    assert ordered and first < last and number > 0 and middle > 0 and as_pandas.year == 2025 and keyed
    return [year, quarter, month, plan_end, from_date, from_pandas, parsed, ot.Period.quarter(2025, 1)]


def plans() -> tuple[ot.Period, ot.Period]:
    fourteenth: ot.FiveYearPlan = ot.five_year_plan(14)
    found: Optional[ot.FiveYearPlan] = ot.find_five_year_plan("“十四五”期间")
    name: str = fourteenth.name_zh + fourteenth.name_en + str(fourteenth.number)
    assert found is not None and name
    span: tuple[ot.Period, ot.Period] = ot.parse_period_span("2021—2025")
    return (fourteenth.first, fourteenth.last) if span[0] < span[1] else span


def series() -> float:
    s = ot.Series(2019, [100.0, 105.0, 110.25], indicator="gdp", region="China", unit="亿元")
    pairs = ot.Series.from_pairs([2021, "2019", ot.Period(2020)], np.array([3.0, 1.0, 2.0]))
    years = ot.Series.from_years([2019, 2020], [1.0, 2.0])
    values: npt.NDArray[np.float64] = s.values
    start: Optional[ot.Period] = s.start
    periods: list[ot.Period] = s.periods
    observed_periods, observed_values = s.observed()
    growth: ot.Series = s.growth()
    change: ot.Series = s.difference().slice(2020, "2021")
    cagr: float = s.cagr(2019, 2021)
    present: bool = 2020 in s and s.has("2021")
    frame: pd.Series[float] = s.to_pandas()
    back: ot.Series = ot.Series.from_pandas(frame, region="China", unit="亿元")
    same: bool = back == s and pairs != years
    assert start is not None and periods and observed_periods and present and same
    total = float(values[0]) + s.at(2020) + s["2021"] + growth.count() + len(change)
    return total + cagr + float(observed_values.sum())


def targets() -> list[ot.Target]:
    level = ot.Target(
        id="cn13-01", indicator="rd_intensity", kind="level", comparator=">=", value=2.5, period=2020, unit="%"
    )
    growth = ot.Target(id="g", indicator="rd_expenditure", kind="growth", value="5%", period=2023)
    doubling = ot.Target(id="d", indicator="x", kind="relative", value=2, baseline_period="十三五末", period=2025)
    about = ot.Target(id="a", indicator="x", comparator="~", value=10, tolerance="5%", period=2025)
    band = ot.Target(id="w", indicator="x", comparator="within", value=3, value_high=5, period=2025)
    span = ot.Target(
        id="c",
        indicator="events",
        kind="cumulative",
        value=100,
        period_start="十四五",
        period="十四五",
        commitment="约束性",
        responsible_units=["市科技局", "市财政局"],
    )
    kind: Literal[
        "level",
        "relative",
        "growth",
        "average_growth",
        "increment",
        "cumulative",
        "per_period",
        "non_decreasing",
        "trend",
    ] = level.kind
    comparator: Literal[">=", ">", "<=", "<", "~", "within"] = about.comparator
    value: Optional[float] = growth.value
    deadline: Optional[ot.Period] = span.period
    units: list[str] = span.responsible_units
    base: ot.Period = doubling.base_period()
    assert kind and comparator and value is not None and deadline is not None
    assert units and base and band.is_rate is False
    return [level, growth, doubling, about, band, span]


def evaluation() -> str:
    target = ot.Target(id="u", indicator="x", value=2, period=2021, unit="亿元")
    result: ot.Evaluation = ot.evaluate(target, ot.Series(2021, [25000.0], indicator="x", unit="万元"))
    verdict: Literal["met", "missed", "pending", "not_evaluable"] = result.verdict
    observed: Optional[float] = result.observed
    decided: Optional[ot.Period] = result.decided_by
    checks: list[ot.PeriodCheck] = result.checks
    passed = [c.passed for c in checks if c.observed > 0 and c.period.year > 0]
    assert observed is not None and decided is not None and passed == []
    return verdict + result.message


def files(folder: Path) -> pd.DataFrame:
    national: list[ot.Target] = ot.read_targets(Path("examples/data/national_targets.csv"))
    text: str = ot.write_targets(national, folder / "copy.csv")
    frame: pd.DataFrame = ot.targets_to_pandas(national)
    again: list[ot.Target] = ot.read_targets(frame)
    observations: ot.ObservationTable = ot.read_observations("examples/data/observations.csv")
    intensity: ot.Series = observations.select("China", "rd_intensity", vintage="first_release")
    vintages: list[str] = observations.vintages("China", "rd_intensity")
    table: pd.DataFrame = ot.evaluate_table(national, observations)
    rows: pd.DataFrame = ot.observations_to_pandas(observations)
    written: str = ot.write_observations(ot.read_observations(rows))
    assert text and again and vintages and written and len(intensity) > 0
    assert list(table.columns) == EVALUATION_COLUMNS
    return table


def errors() -> str:
    try:
        ot.read_targets("missing.csv")
    except ot.ParseError as error:
        return f"{error.source}:{error.line}:{error.column}: {error.field} {error.value} {error.reason}"
    except ot.InvalidValueError as error:
        return error.field + error.reason
    except ot.OntrackError as error:
        return str(error)
    return ""


def odds_and_ends() -> float:
    unit: ot.Unit = ot.parse_unit("亿元")
    factor: float = ot.conversion_factor(unit, ot.parse_unit("万元"))
    indicator = ot.Indicator("rd_intensity", unit="%", kind="ratio", numerator="rd", denominator="gdp", scale=100)
    plan = ot.Plan("national", targets(), region="China", first=2021, last=2025, base=2020)
    found: Optional[ot.Target] = plan.find("g")
    row = ot.Observation(region="China", indicator="x", period=2020, value=1.5, unit="%")
    table = ot.ObservationTable([row])
    version: str = ot.__version__
    assert found is not None and version and table.contains("China", "x") and indicator.direction == "higher_is_better"
    return factor + indicator.unit.scale + len(plan) + row.value + len(table)


def gdp_path() -> list[float]:
    return [100.0 * 1.05**k for k in range(8)]


def projections() -> pd.DataFrame:
    history = ot.Series(2015, [2.06, 2.1, 2.12, 2.14, 2.24, 2.4, 2.44, 2.54], indicator="rd_intensity")
    from_pandas = pd.Series([1.0, 2.0, 4.0, 5.0], index=pd.period_range("2001", periods=4, freq="Y"))
    projection: ot.Projection = ot.project(history, "loglinear", to=2025, level=0.9)
    also: ot.Projection = ot.project(from_pandas, to=pd.Period("2006", freq="Y"), level=0.8)
    method: Literal["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped"] = projection.method
    point: ot.ProjectionPoint = projection.at(2025)
    when: ot.Period = point.period
    predictive: ot.Predictive = point.distribution
    family: Literal["student_t", "normal", "log_student_t", "log_normal", "logit_student_t", "logit_normal"] = predictive.family
    bounds: tuple[float, float] = predictive.interval(0.5)
    p: float = projection.probability(">=", 3.0, "2025") + predictive.probability("<", 2.0) + predictive.cdf(2.5)
    quantile: float = predictive.quantile(0.1) + predictive.sf(2.5) + predictive.median() + predictive.mean()
    crossing: Optional[ot.Period] = projection.expected_crossing("≥", 2.6)
    params: dict[str, float] = projection.params
    records = projection.to_records()
    first_mean: float = records[0]["mean"]
    record_period: ot.Period = records[-1]["period"]
    fit: float = projection.llf + projection.aic + projection.aicc + projection.bic + projection.residual_sd
    frame: pd.DataFrame = projection.to_pandas()
    assert method and when == record_period and family and bounds[0] < bounds[1] and crossing is not None and params
    assert projection.reason and len(projection) == 3 and projection.n == 8 and also.level < 1 and point.lower < point.upper

    panel = np.array([history.values, gdp_path(), np.full(8, np.nan)])
    batch: ot.BatchProjection = ot.project_many(panel, [2015 + k for k in range(8)], "auto", to=2025, threads=2)
    same: ot.BatchProjection = ot.project_many(panel.tolist(), ot.Period(2015), to="2025", level=0.8)
    means: npt.NDArray[np.float64] = batch.mean
    chance: npt.NDArray[np.float64] = batch.probability(">=", np.array([1.0, 2.0, 3.0]), 2025)
    everywhere: npt.NDArray[np.float64] = same.probability("<", 2.5, ot.Period(2025))
    why: list[str] = batch.errors
    # "auto" where a row could not be projected (see errors), otherwise the model auto chose.
    chosen: list[Literal["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"]] = batch.methods
    periods: list[ot.Period] = batch.periods
    assert means.shape and chance.shape == everywhere.shape and why and chosen and periods and batch.df.size and batch.family

    result: ot.Backtest = ot.backtest(history, "holt", horizon=2, level=0.8)
    forecasts: list[ot.BacktestForecast] = result.forecasts
    covered: list[bool] = [f.covered for f in forecasts if f.origin < f.period and f.horizon > 0]
    overall: ot.Accuracy = result.overall
    by_horizon: dict[int, ot.Accuracy] = result.by_horizon
    score: float = overall.mae + overall.mape + overall.rmse + overall.coverage + overall.count
    rows: pd.DataFrame = result.to_pandas()
    assert covered is not None and by_horizon and result.skipped is not None and score >= 0 and len(rows) >= 0

    gdp = ot.Series(2015, gdp_path(), indicator="gdp")
    ratio: ot.RatioProjection = ot.project_ratio(history, gdp, "loglinear", to=2025, scale=100.0, draws=1000, seed=1)
    middle: ot.RatioPoint = ratio.at(2025)
    direct: Optional[ot.Projection] = ratio.direct
    components: tuple[ot.Projection, ot.Projection] = (ratio.numerator, ratio.denominator)
    observed: ot.Series = ratio.observed_ratio
    share: float = ratio.probability(">", 2.5, 2025) + middle.median + middle.lower + middle.upper
    table: pd.DataFrame = ratio.to_pandas()
    assert direct is not None and components and len(observed) and ratio.draws + ratio.seed > 0 and share >= 0
    assert first_mean + p + quantile + fit > 0 and ratio.points[-1].period == middle.period and len(table) > 0
    return frame


def assessments(folder: Path) -> pd.DataFrame:
    target = ot.Target(id="cn13-01", indicator="rd_intensity", value=2.5, period=2020, unit="%")
    history = ot.Series(2015, [2.06, 2.1, 2.12, 2.14, 2.24], indicator="rd_intensity")
    from_pandas = pd.Series([2.06, 2.1, 2.12, 2.14, 2.24], index=range(2015, 2020))
    result: ot.Assessment = ot.assess(target, history, "linear", scheme="statcan", as_of=datetime.date(2020, 6, 30))
    again: ot.Assessment = ot.assess(target, from_pandas, as_of="2020-06-30", level=0.8, thresholds={"on_track": 0.8})
    status: Literal[
        "met", "missed", "achieved", "on_track", "at_risk", "off_track", "regressing", "awaiting_data", "not_assessable"
    ] = result.status
    basis: Literal["observed", "nowcast", "projected", "pace", "none"] = result.basis
    due: Optional[datetime.date] = result.expected_publication
    label: str = result.scheme_status + result.method + result.message + result.id
    probability: Optional[float] = again.probability
    figures: list[Optional[float]] = [result.projected, result.lower, result.upper, result.required_pace]
    periods: list[Optional[ot.Period]] = [result.latest_period, result.base_period, result.expected_period]
    deadline: ot.Period = result.deadline
    observed: ot.Evaluation = result.observed
    nowcast: bool = result.nowcast
    assert status and label and figures and periods and deadline and observed and not nowcast
    assert probability is not None

    targets: list[ot.Target] = ot.read_targets(folder / "targets.csv")
    observations = ot.read_observations(folder / "observations.csv")
    chosen: ot.Series = ot.select_series(observations, "China", "rd_intensity", vintage="yearbook", as_of="2023-06-30")
    as_of = datetime.date(2021, 12, 31)
    table: pd.DataFrame = ot.assess_table(
        targets, observations, method="auto", scheme="sdsn", as_of=as_of, thresholds={"on_track": 0.9}
    )
    by_status: pd.DataFrame = ot.summarize(table, targets)
    by_unit: pd.DataFrame = ot.summarize(table, targets, by="lead_unit")
    columns: list[str] = ot.TABLE_COLUMNS
    assert len(chosen) and list(table.columns) == columns and len(by_status) + len(by_unit) >= 0
    return table

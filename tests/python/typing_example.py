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

"""Composite indicators and scenarios from Python: the growth a component needs to meet a target, named
scenarios side by side in one DataFrame and one chart, and the required pace against the paces seen in
the data.

    intensity = ot.Composite.parse("rd_intensity = rd_expenditure / gdp * 100")
    ot.required_growth(intensity, "gdp", "5%", target=changji)        # R&D must grow 62.3% a year
    ot.compare_scenarios(intensity, changji, {"R&D +10%/yr, GDP +6%/yr": {"rd_expenditure": "10%", "gdp": "6%"}})

matplotlib is imported only inside ``plot_scenarios`` (``pip install ontrack[plot]``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

import pandas as pd

from ontrack import _core
from ontrack._pandas import period_to_pandas
from ontrack.io import read_observations
from ontrack.regions import ObservationsLike

if TYPE_CHECKING:
    from matplotlib.axes import Axes

CompositeLike = Union[_core.Composite, str]
Rate = Union[float, str]
ScenariosLike = Union[Mapping[str, Mapping[str, Rate]], Sequence[_core.Scenario]]

SCENARIO_COLUMNS = [
    "scenario",
    "numerator_growth",
    "denominator_growth",
    "ratio_growth",
    "projected",
    "target",
    "gap",
    "meets",
    "status",
    "reached",
]


def as_composite(composite: CompositeLike) -> _core.Composite:
    """A Composite, or one parsed from its declaration ("rd_intensity = rd_expenditure / gdp * 100")."""
    if isinstance(composite, _core.Composite):
        return composite
    if isinstance(composite, str):
        return _core.Composite.parse(composite)
    raise TypeError(f"composite: expected a Composite or its declaration, got {type(composite).__name__}")


def rate(value: Rate) -> float:
    """A growth rate from 0.05 or "5%" (text is read like the targets file's rates)."""
    if isinstance(value, str):
        text = value.strip()
        if text.endswith("%"):
            try:
                return float(text[:-1]) / 100.0
            except ValueError as exc:
                raise _core.ParseError(f"field 'growth': not a rate (got '{value}')") from exc
        try:
            number = float(text)
        except ValueError as exc:
            raise _core.ParseError(f"field 'growth': not a rate (got '{value}')") from exc
        return rate(number)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"growth: expected a number or a rate such as '5%', got {type(value).__name__}")
    number = float(value)
    if abs(number) > 1.0:
        raise _core.InvalidValueError(f"field 'growth': the rate {value} is ambiguous: write '5%' or 0.05 for five percent")
    return number


def required_growth(
    composite: CompositeLike,
    assumed: str,
    growth: Rate,
    *,
    target: Optional[_core.Target] = None,
    base_period: Any = None,
    base_value: Optional[float] = None,
    target_value: Optional[float] = None,
    deadline: Any = None,
) -> _core.Requirement:
    """The growth per period the other component needs when ``assumed`` grows by ``growth`` (0.05 or
    "5%"), for the composite to reach the target. Base, value and deadline come from a level ``target``
    (its baseline_period and baseline_value) or are given explicitly."""
    return _core.required_growth(
        as_composite(composite),
        assumed,
        rate(growth),
        target=target,
        base_period=base_period,
        base_value=base_value,
        target_value=target_value,
        deadline=deadline,
    )


def _scenarios(scenarios: ScenariosLike) -> list[_core.Scenario]:
    if isinstance(scenarios, Mapping):
        return [_core.Scenario(str(name), {k: rate(v) for k, v in growth.items()}) for name, growth in scenarios.items()]
    out = list(scenarios)
    for s in out:
        if not isinstance(s, _core.Scenario):
            raise TypeError(f"scenarios: expected a mapping of name to growth rates or Scenario objects, got {type(s).__name__}")
    return out


def scenario_outcomes(
    composite: CompositeLike,
    target: _core.Target,
    scenarios: ScenariosLike,
    *,
    base_period: Any = None,
    base_value: Optional[float] = None,
    base_denominator: Optional[float] = None,
) -> list[_core.ScenarioOutcome]:
    """Each scenario played out from the base (the target's baseline unless given) to its deadline."""
    return _core.compare_scenarios(
        as_composite(composite),
        target,
        _scenarios(scenarios),
        base_period=base_period,
        base_value=base_value,
        base_denominator=base_denominator,
    )


def compare_scenarios(
    composite: CompositeLike,
    target: _core.Target,
    scenarios: ScenariosLike,
    *,
    base_period: Any = None,
    base_value: Optional[float] = None,
    base_denominator: Optional[float] = None,
) -> pd.DataFrame:
    """Several named scenarios side by side: one row per scenario with the components' and the
    composite's growth per period, the projected value at the deadline, the target, the gap
    (projected − target), whether it meets the target, the status ('on_track' or 'off_track') and the
    first period that meets it ('' when none).

    ``scenarios`` maps a name to growth rates per component ({"rd_expenditure": "10%", "gdp": "6%"}),
    or is a list of Scenario objects."""
    outcomes = scenario_outcomes(
        composite, target, scenarios, base_period=base_period, base_value=base_value, base_denominator=base_denominator
    )
    return pd.DataFrame(
        [
            {
                "scenario": o.name,
                "numerator_growth": o.numerator_growth,
                "denominator_growth": o.denominator_growth,
                "ratio_growth": o.ratio_growth,
                "projected": o.projected,
                "target": o.target,
                "gap": o.gap,
                "meets": o.meets,
                "status": o.status,
                "reached": "" if o.reached is None else str(o.reached),
            }
            for o in outcomes
        ],
        columns=SCENARIO_COLUMNS,
    )


def scenario_paths(
    composite: CompositeLike,
    target: _core.Target,
    scenarios: ScenariosLike,
    *,
    base_period: Any = None,
    base_value: Optional[float] = None,
    base_denominator: Optional[float] = None,
) -> pd.DataFrame:
    """The composite's path under each scenario: a DataFrame indexed by period, one column per scenario."""
    outcomes = scenario_outcomes(
        composite, target, scenarios, base_period=base_period, base_value=base_value, base_denominator=base_denominator
    )
    if not outcomes:
        return pd.DataFrame()
    index = pd.PeriodIndex([period_to_pandas(p.period) for p in outcomes[0].path], name="period")
    return pd.DataFrame({o.name: [p.ratio for p in o.path] for o in outcomes}, index=index)


def plot_scenarios(
    composite: CompositeLike,
    target: _core.Target,
    scenarios: ScenariosLike,
    *,
    base_period: Any = None,
    base_value: Optional[float] = None,
    ax: Optional["Axes"] = None,
) -> "Axes":
    """One chart of the composite under every scenario, with the target as a horizontal line at its
    deadline. Draws into ``ax`` when given, else into a new matplotlib Figure (no pyplot state).
    Raises ImportError with the install command when matplotlib is missing."""
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError("plot_scenarios needs matplotlib: pip install ontrack[plot] (or pip install matplotlib)") from exc
    paths = scenario_paths(composite, target, scenarios, base_period=base_period, base_value=base_value)
    c = as_composite(composite)
    if ax is None:
        ax = Figure(figsize=(7, 4)).subplots()
    years = [p.year for p in paths.index]
    for name in paths.columns:
        ax.plot(years, paths[name].to_numpy(), marker="o", label=str(name))
    if target.value is not None:
        ax.axhline(target.value, color="black", linestyle="--", linewidth=1, label=f"target {target.comparator} {target.value:g}")
    ax.set_xlabel("period")
    ax.set_ylabel(c.id)
    ax.set_title(f"{c.id} under {len(paths.columns)} scenarios")
    ax.legend()
    return ax


def _table(observations: ObservationsLike) -> _core.ObservationTable:
    if isinstance(observations, _core.ObservationTable):
        return observations
    return read_observations(observations)


def historical_paces(
    observations: ObservationsLike, indicator: str, window: int = 5, vintages: Optional[Sequence[str]] = None
) -> pd.DataFrame:
    """Every compound growth of ``indicator`` over ``window`` periods in the data, fastest first:
    columns region, vintage, start, end, rate. Each region uses the first of ``vintages`` it has
    (default ``_core.DEFAULT_VINTAGE_PREFERENCE``: revised before first releases; never unverified_db)."""
    paces = _core.historical_paces(_table(observations), indicator, window, None if vintages is None else list(vintages))
    return pd.DataFrame(
        [{"region": p.region, "vintage": p.vintage, "start": str(p.start), "end": str(p.end), "rate": p.rate} for p in paces],
        columns=["region", "vintage", "start", "end", "rate"],
    )


def assess_feasibility(
    required: Union[Rate, _core.Requirement],
    observations: ObservationsLike,
    indicator: str,
    window: int = 5,
    vintages: Optional[Sequence[str]] = None,
) -> _core.Feasibility:
    """A required pace against ``historical_paces`` of the same indicator: ``message`` reads "needs
    54.6% a year; the fastest observed 5-year pace ...". ``required`` is a rate (0.546, "54.6%") or a
    Requirement, whose pace for ``indicator`` is taken: the solved component's growth, the assumed
    component's, or else the composite's."""
    if isinstance(required, _core.Requirement):
        if indicator == required.component:
            needed = required.growth
        elif indicator == required.assumed_component:
            needed = required.assumed_growth
        else:
            needed = required.ratio_growth
    elif isinstance(required, str):
        needed = rate(required)
    else:
        needed = float(required)
    return _core.assess_feasibility(needed, _table(observations), indicator, window, None if vintages is None else list(vintages))


__all__: Sequence[str] = [
    "SCENARIO_COLUMNS",
    "as_composite",
    "assess_feasibility",
    "compare_scenarios",
    "historical_paces",
    "plot_scenarios",
    "required_growth",
    "scenario_outcomes",
    "scenario_paths",
]

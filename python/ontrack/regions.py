"""Regions and aggregation from Python: region trees as DataFrames, totals of regions from their parts
by indicator kind, and pyam-style consistency checks returning the offending rows.

Rules (docs/regions.md): stocks and flows sum; a ratio is the ratio of the summed numerator and
denominator, never the mean of the parts' ratios; a share is weighted by its denominators. A part
without a value makes the total missing (``missing="propagate"``) unless ``"skip"`` or ``"zero"`` is
asked for; the result always says which part was missing in which period.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Literal, Optional, Union

import pandas as pd

from ontrack import _core
from ontrack._pandas import period_to_pandas, series_from_pandas
from ontrack.io import PathOrFrame, read_observations

MissingPolicy = Literal["propagate", "skip", "zero"]
IndicatorLike = Union[_core.Indicator, _core.Composite, str]
ObservationsLike = Union[_core.ObservationTable, PathOrFrame]

MISMATCH_COLUMNS = ["region", "indicator", "period", "reported", "aggregated", "difference"]


def read_regions(source: Union[str, "os.PathLike[str]", pd.DataFrame]) -> _core.RegionTree:
    """A region tree from a regions CSV file (id,parent,name_zh,name_en,level[,aliases]) or a DataFrame
    with those columns (aliases as ';'-separated text). ParseError names line, column and field."""
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        for column in frame.columns:
            frame[column] = frame[column].map(lambda x: "" if x is None or (isinstance(x, float) and x != x) else str(x))
        return _core.read_regions_text(frame.to_csv(index=False), "DataFrame")
    return _core.read_regions_file(os.fspath(source))


def regions_to_pandas(tree: _core.RegionTree) -> pd.DataFrame:
    """One row per region: id, parent, name_zh, name_en, level, aliases (';'-separated), depth."""
    return pd.DataFrame(
        [
            {
                "id": r.id,
                "parent": r.parent,
                "name_zh": r.name_zh,
                "name_en": r.name_en,
                "level": r.level,
                "aliases": ";".join(r.aliases),
                "depth": tree.depth(r.id),
            }
            for r in tree.regions
        ],
        columns=["id", "parent", "name_zh", "name_en", "level", "aliases", "depth"],
    )


def as_indicator(indicator: IndicatorLike) -> _core.Indicator:
    """An Indicator from an Indicator, a Composite (a ratio), the declaration of a composite
    ("rd_intensity = rd_expenditure / gdp * 100") or a plain id (a flow: its parts are summed)."""
    if isinstance(indicator, _core.Indicator):
        return indicator
    if isinstance(indicator, _core.Composite):
        return indicator.as_indicator()
    if isinstance(indicator, str):
        if "=" in indicator:
            return _core.Composite.parse(indicator).as_indicator()
        return _core.Indicator(indicator, kind="flow")
    raise TypeError(f"indicator: expected an Indicator, a Composite or a string, got {type(indicator).__name__}")


def _table(observations: ObservationsLike) -> _core.ObservationTable:
    if isinstance(observations, _core.ObservationTable):
        return observations
    return read_observations(observations)


def aggregate_region(
    tree: _core.RegionTree,
    parent: str,
    observations: ObservationsLike,
    indicator: IndicatorLike,
    *,
    missing: MissingPolicy = "propagate",
    vintage: Optional[str] = None,
) -> _core.Aggregation:
    """The total of ``indicator`` for region ``parent`` (an id, name or alias) from its parts in
    ``tree``, read from observations (a table, a CSV path or a DataFrame). See ``Aggregation.to_pandas``."""
    region_id = tree.lookup(parent).id
    return _core.aggregate_region(tree, region_id, _table(observations), as_indicator(indicator), missing, vintage)


def check_aggregate(
    tree: _core.RegionTree,
    observations: ObservationsLike,
    indicator: IndicatorLike,
    *,
    absolute: float = 1e-8,
    relative: float = 1e-5,
    missing: MissingPolicy = "propagate",
    vintage: Optional[str] = None,
) -> pd.DataFrame:
    """Like pyam's ``check_aggregate``: the reported values of regions that differ from the total of
    their parts by more than ``absolute + relative * |aggregated|``, one row per region and period
    (columns region, indicator, period, reported, aggregated, difference = reported − aggregated).
    An empty frame means every comparable value agrees; the periods that could not be compared (a part
    missing) are in ``frame.attrs["unchecked"]`` as (region, period, reason) tuples."""
    report = _core.check_aggregate(tree, _table(observations), as_indicator(indicator), absolute, relative, missing, vintage)
    frame = pd.DataFrame(
        [
            {
                "region": m.region,
                "indicator": m.indicator,
                "period": str(m.period),
                "reported": m.reported,
                "aggregated": m.aggregated,
                "difference": m.difference,
            }
            for m in report.mismatches
        ],
        columns=MISMATCH_COLUMNS,
    )
    frame.attrs["unchecked"] = [(u.region, str(u.period), u.reason) for u in report.unchecked]
    frame.attrs["checked"] = report.checked
    return frame


def _columns_as_series(frame: pd.DataFrame, what: str) -> list[_core.Series]:
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a DataFrame with one column per part, got {type(frame).__name__}")
    return [series_from_pandas(frame[column].astype(float), indicator=what, region=str(column)) for column in frame.columns]


def aggregate(
    values: pd.DataFrame,
    kind: Literal["sum", "stock", "flow", "ratio", "share"] = "sum",
    *,
    denominators: Optional[pd.DataFrame] = None,
    scale: float = 100.0,
    missing: MissingPolicy = "propagate",
) -> pd.DataFrame:
    """The total over the columns of a wide DataFrame (index: periods, one column per part).

    ``kind`` 'sum', 'stock' or 'flow' adds the columns; 'ratio' takes ``values`` as numerators and
    returns sum(values) / sum(denominators) * scale; 'share' takes ``values`` as shares and returns
    their mean weighted by ``denominators``. Returns a DataFrame indexed by period with columns
    ``total`` (NaN only where a part is missing under 'propagate', or every part is) and ``missing``
    (the parts without a value in that period, ', '-separated; '' when none)."""
    parts = _columns_as_series(values, "values")
    if kind in ("sum", "stock", "flow"):
        result = _core.aggregate_sum(parts, missing)
    elif kind in ("ratio", "share"):
        if denominators is None:
            raise ValueError(f"a {kind} needs denominators: a DataFrame with the same columns")
        bottoms = _columns_as_series(denominators, "denominators")
        if kind == "ratio":
            result = _core.aggregate_ratio(parts, bottoms, scale, missing)
        else:
            result = _core.aggregate_share(parts, bottoms, missing)
    else:
        raise ValueError(f"unknown kind {kind!r}: expected 'sum', 'stock', 'flow', 'ratio' or 'share'")
    return aggregation_to_pandas(result)


def aggregation_to_pandas(result: _core.Aggregation) -> pd.DataFrame:
    """DataFrame indexed by period (every period any part covers): total, missing (parts without a
    value, ', '-separated)."""
    periods: dict[str, Any] = {}
    for p in result.total.periods:
        periods[str(p)] = p
    for m in result.missing:
        periods.setdefault(str(m.period), m.period)
    ordered = sorted(periods.values(), key=lambda p: (p.year, p.sub))
    index = pd.PeriodIndex([period_to_pandas(p) for p in ordered], name="period")
    return pd.DataFrame(
        {
            "total": [result.total.at(p) for p in ordered],
            "missing": [", ".join(result.missing_in(p)) for p in ordered],
        },
        index=index,
    )


def install() -> None:
    """Attach ``to_pandas`` to Aggregation and RegionTree."""
    setattr(_core.Aggregation, "to_pandas", aggregation_to_pandas)
    setattr(_core.RegionTree, "to_pandas", regions_to_pandas)


__all__: Sequence[str] = [
    "MISMATCH_COLUMNS",
    "aggregate",
    "aggregate_region",
    "aggregation_to_pandas",
    "as_indicator",
    "check_aggregate",
    "read_regions",
    "regions_to_pandas",
]

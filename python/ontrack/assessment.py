"""Assessing targets from Python: one target, or a whole plan against a table of observations."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Optional, Union

import pandas as pd

from ontrack import _core
from ontrack._progress import progress_bar
from ontrack.io import PathOrFrame, _describe_target
from ontrack.projection import SeriesLike, _as_series

DateLike = Union[_dt.date, str, None]

TABLE_COLUMNS = [
    "id",
    "region",
    "indicator",
    "kind",
    "deadline",
    "target",
    "latest_period",
    "latest_value",
    "projected",
    "lower",
    "upper",
    "probability",
    "required_pace",
    "actual_pace",
    "progress",
    "score",
    "status",
    "scheme_status",
    "expected_period",
    "method",
    "scheme",
    "message",
]

# Most at risk first: what is lost, then what is slipping, then what is fine.
RISK_ORDER = ["missed", "regressing", "off_track", "at_risk", "not_assessable", "on_track", "achieved", "met"]


_VALIDATION_TARGET = _core.Target(id="options", value=0.0, period=2000)


def assess(
    target: _core.Target,
    series: SeriesLike,
    method: str = "auto",
    scheme: str = "probability",
    as_of: DateLike = None,
    level: float = 0.95,
    thresholds: Optional[Mapping[str, float]] = None,
) -> _core.Assessment:
    """Will ``target`` be met? See ``_core.assess``; ``series`` may be a pandas Series."""
    return _core.assess(target, _as_series(series), method, scheme, as_of, level, None if thresholds is None else dict(thresholds))


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _as_date(as_of: DateLike) -> Optional[_dt.date]:
    if as_of is None or isinstance(as_of, _dt.date):
        return as_of
    try:
        # Only YYYY-MM-DD, as the compiled core reads it (fromisoformat alone also takes '20220630').
        if not _ISO_DATE.fullmatch(as_of):
            raise ValueError(as_of)
        return _dt.date.fromisoformat(as_of)
    except ValueError as exc:
        error = _core.ParseError(f"field 'as_of': not an ISO date (YYYY-MM-DD) (got '{as_of}')")
        error.field, error.value, error.reason = "as_of", as_of, "not an ISO date (YYYY-MM-DD)"
        error.line, error.column, error.source = 0, 0, ""
        raise error from exc


def _is_date(text: str) -> bool:
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def select_series(
    observations: _core.ObservationTable,
    region: str,
    indicator: str,
    vintage: str = "first_release",
    as_of: DateLike = None,
) -> _core.Series:
    """The series to assess a target with.

    Where the vintages are publication dates (YYYY-MM-DD), each period takes the latest vintage
    published by ``as_of`` (or the latest of all without ``as_of``). Otherwise a single vintage is
    used as is, and with several ``vintage`` chooses (by default the first release: what was known
    first). Raises DataError when nothing matches.
    """
    vintages = observations.vintages(region, indicator)
    if not vintages:
        raise _core.DataError(f"no observations of '{indicator}' in '{region}'")
    if all(_is_date(v) for v in vintages):
        cutoff = _as_date(as_of)
        best: dict[str, tuple[str, float, str]] = {}
        for o in observations.rows:
            if o.region != region or o.indicator != indicator:
                continue
            if cutoff is not None and _dt.date.fromisoformat(o.vintage) > cutoff:
                continue
            key = str(o.period)
            if key not in best or o.vintage > best[key][0]:
                best[key] = (o.vintage, o.value, o.unit)
        if not best:
            raise _core.DataError(f"no vintage of '{indicator}' in '{region}' was published by {as_of}")
        units = {unit for _, _, unit in best.values()}
        return _core.Series.from_pairs(list(best), [value for _, value, _ in best.values()], indicator, region, units.pop() if len(units) == 1 else "")
    chosen = vintages[0] if len(vintages) == 1 else vintage
    return observations.select(region, indicator, chosen)


def _number(x: Optional[float]) -> float:
    return math.nan if x is None else float(x)


def assess_table(
    targets: Union[Iterable[_core.Target], "PathOrFrame"],
    observations: Union[_core.ObservationTable, "PathOrFrame", Sequence["PathOrFrame"]],
    method: str = "auto",
    scheme: str = "probability",
    as_of: DateLike = None,
    vintage: str = "first_release",
    level: float = 0.95,
    thresholds: Optional[Mapping[str, float]] = None,
    *,
    threads: int = 0,
    progress: Optional[bool] = None,
) -> pd.DataFrame:
    """Assess every target against the observations: one row per target, most at risk first.

    ``targets`` and ``observations`` may also be DataFrames or paths (CSV or .xlsx; a list of
    observation sources is merged), read as ``read_targets`` and ``read_observations`` read them.
    Columns: ``TABLE_COLUMNS``. A target whose indicator has no observations is 'not_assessable' and
    says why in ``message``; every row has a status. Each row is what ``assess`` gives for the target
    and the series ``select_series`` chooses for it; the work runs in the compiled core without the GIL
    on ``threads`` threads (0: all cores), with the same result for any count. ``progress``: None shows
    a progress bar when stderr is a terminal or in Jupyter (for work longer than half a second), True
    always, False never.
    """
    # Check the options once, so that a bad one is an error even when no target has data: an empty
    # series makes the core validate them all without assessing anything.
    _core.assess(_VALIDATION_TARGET, _core.Series(2000, []), method, scheme, _as_date(as_of), level, None if thresholds is None else dict(thresholds))
    if threads < 0:
        raise ValueError(f"threads: expected 0 (all cores) or a positive count, got {threads}")
    from ontrack.io import as_observations, as_targets
    from ontrack.units import check_unit_mismatches, check_units

    chosen = as_targets(targets)  # DataFrames and paths are read as read_targets/read_observations read them
    observations = as_observations(observations)
    if not chosen:
        return pd.DataFrame([], columns=TABLE_COLUMNS)

    check_units(chosen, observations, stacklevel=2)
    check_unit_mismatches(chosen, observations)  # names the target, rather than the core's bare "cannot convert"
    bar = progress_bar(len(chosen), "assessing targets", progress, unit="target")
    report = None if bar is None else (lambda done: bar.update(done - bar.n))
    try:
        columns = _core._assess_table(
            chosen,
            observations,
            method,
            scheme,
            as_of,
            str(as_of),
            vintage,
            level,
            None if thresholds is None else dict(thresholds),
            threads,
            report,
        )
    finally:
        if bar is not None:
            bar.close()
    data: dict[str, Any] = {
        "id": [t.id for t in chosen],
        "region": [t.region for t in chosen],
        "indicator": [t.indicator for t in chosen],
        "kind": [t.kind for t in chosen],
        "deadline": [str(t.period) for t in chosen],
        "target": [_describe_target(t) for t in chosen],
        **columns,
        "scheme": [scheme] * len(chosen),
    }
    table = pd.DataFrame(data, columns=TABLE_COLUMNS)
    rank = table["status"].map({s: i for i, s in enumerate(RISK_ORDER)})
    order = table.assign(_rank=rank, _p=table["probability"].fillna(2.0)).sort_values(["_rank", "_p"], kind="stable")
    return order.drop(columns=["_rank", "_p"]).reset_index(drop=True)


def summarize(table: pd.DataFrame, targets: Sequence[_core.Target], by: str = "status") -> pd.DataFrame:
    """Counts of statuses per group: ``by`` is 'status', 'commitment' or 'lead_unit' (a target with
    several responsible units counts once, under its lead unit)."""
    if by == "status":
        counts = table["status"].value_counts().reindex(RISK_ORDER, fill_value=0)
        return counts[counts > 0].rename("targets").to_frame()
    if by not in ("commitment", "lead_unit"):
        raise ValueError(f"by: expected 'status', 'commitment' or 'lead_unit', got {by!r}")
    attribute = {t.id: (getattr(t, by) or "(none)") for t in targets}
    grouped = table.assign(**{by: table["id"].map(attribute)})
    frame = pd.crosstab(grouped[by], grouped["status"])
    return frame.reindex(columns=[s for s in RISK_ORDER if s in frame.columns])

"""Assessing targets from Python: one target, or a whole plan against a table of observations."""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, Optional, Union

import pandas as pd

from ontrack import _core
from ontrack._progress import progress_bar
from ontrack.indicators import IndicatorsLike, _catalogue
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
    "basis",
    "scheme_status",
    "expected_period",
    "expected_publication",
    "method",
    "scheme",
    "message",
]

# Most at risk first: what is lost, then what is slipping, then what is fine.
RISK_ORDER = ["missed", "regressing", "off_track", "at_risk", "awaiting_data", "not_assessable", "on_track", "achieved", "met"]

#: What a verdict rests on (the ``basis`` column): the data, a nowcast of a passed deadline, a
#: projection, the pace, or nothing.
BASIS_NAMES = _core.basis_names()


_VALIDATION_TARGET = _core.Target(id="options", value=0.0, period=2000)


def _thresholds(thresholds: Optional[Mapping[str, float]]) -> Optional[dict[str, float]]:
    if thresholds is None:
        return None
    try:
        if isinstance(thresholds, (str, bytes)) or not hasattr(thresholds, "keys"):
            raise TypeError
        return dict(thresholds)
    except (TypeError, ValueError):
        raise TypeError(
            f"thresholds: expected a mapping of band names to numbers (e.g. {{'on_track': 0.8}}) or None, got {type(thresholds).__name__}"
        ) from None


def assess(
    target: _core.Target,
    series: SeriesLike,
    method: str = "default",
    scheme: str = "probability",
    as_of: DateLike = None,
    level: float = 0.95,
    thresholds: Optional[Mapping[str, float]] = None,
    publication_lag: Optional[int] = None,
    calibration: Optional[_core.Calibration] = None,
    indicators: IndicatorsLike = "bundled",
) -> _core.Assessment:
    """Will ``target`` be met? See ``_core.assess``; ``series`` may be a pandas Series.

    ``method`` 'default' is the calibrated default (docs/calibration.md); ``calibration``
    (``Calibration.fit``) replaces a method's own intervals by its panel's past errors.
    ``as_of``: the day of the assessment (None: all of ``series``, no deadline awaited). A series has
    no publication dates: a period counts ``publication_lag`` months after it ends (None: the day
    after). To honour each figure's publication date, draw the series with ``select_series``.
    A passed deadline whose figure is not out is expected ``publication_lag`` months after it ends,
    else after the lag of the target's indicator (or the series' id) in the ``indicators`` catalogue
    (by default the bundled one: 9 months for the R&D bulletin's figures), else after the default lag
    of its frequency.
    The projection keeps to the target's ``bounds``, else those the ``indicators`` catalogue (by
    default the bundled one) declares for its indicator, else the natural bounds of the series' unit.
    """
    return _core.assess(
        target,
        _as_series(series),
        method,
        scheme,
        _as_date(as_of),
        level,
        _thresholds(thresholds),
        publication_lag,
        calibration,
        _catalogue(indicators),
    )


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def today() -> _dt.date:
    """The day an assessment uses when none is given: today's date (local time)."""
    return _dt.date.today()


def _as_date(as_of: DateLike) -> Optional[_dt.date]:
    if as_of is None or isinstance(as_of, _dt.date):
        return as_of
    if not isinstance(as_of, str):
        raise TypeError(f"as_of: expected a date, a 'YYYY-MM-DD' string or None, got {type(as_of).__name__}")
    if as_of == "today":
        return today()
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


def select_series(
    observations: Union[_core.ObservationTable, _core.ObservationIndex],
    region: str,
    indicator: str,
    vintage: str = "first_release",
    as_of: DateLike = None,
    publication_lag: Optional[int] = None,
    indicators: IndicatorsLike = "bundled",
) -> _core.Series:
    """The series to assess a target with: the one selection policy of ``_core.select_series``.

    Where the vintages are publication dates (YYYY-MM-DD), each period takes the latest vintage
    published by ``as_of`` (or the latest of all without ``as_of``). Otherwise a single vintage is
    used as is, and with several ``vintage`` chooses (by default the first release: what was known
    first). As of a day, a figure counts only once published: its dated vintage, else its
    ``published`` day, else ``publication_lag`` months after its period ends (None: the indicator's
    ``publication_lag_months`` in the ``indicators`` catalogue, by default the bundled one, else the
    default lag of its frequency, ``_core.DEFAULT_PUBLICATION_LAGS``); the periods then share one unit
    (InvalidValueError naming both otherwise). Raises DataError when nothing matches. For many targets
    pass an ``ObservationIndex`` of the table (built once) instead of the table: each call then reads
    only its own rows.
    """
    catalogue = _catalogue(indicators)
    if isinstance(observations, _core.ObservationIndex):
        return observations.select(region, indicator, vintage, _as_date(as_of), publication_lag, catalogue)
    return _core.select_series(observations, region, indicator, vintage, _as_date(as_of), publication_lag, catalogue)


class AssessmentResults(Mapping[str, _core.Assessment]):
    """The Assessment objects of a table, by target id (``assess_table(...).attrs["assessments"]``).

    Read-only and shared, not copied, when pandas copies a table's ``attrs`` (filtering, sorting), so
    that every view of the table draws from the same results.
    """

    def __init__(self, results: Mapping[str, Optional[_core.Assessment]]) -> None:
        self._results = {k: v for k, v in results.items() if v is not None}

    def __getitem__(self, key: str) -> _core.Assessment:
        return self._results[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._results)

    def __len__(self) -> int:
        return len(self._results)

    def __deepcopy__(self, memo: dict[int, Any]) -> "AssessmentResults":
        return self

    def __repr__(self) -> str:
        return f"AssessmentResults({len(self._results)} assessments)"


def results_of(table: pd.DataFrame) -> AssessmentResults:
    """The assessments behind a table made by ``assess_table`` (empty when it has none)."""
    found = table.attrs.get("assessments")
    return found if isinstance(found, AssessmentResults) else AssessmentResults({})


def _number(x: Optional[float]) -> float:
    return math.nan if x is None else float(x)


def assess_table(
    targets: Union[Iterable[_core.Target], "PathOrFrame"],
    observations: Union[_core.ObservationTable, "PathOrFrame", Sequence["PathOrFrame"]],
    method: str = "default",
    scheme: str = "probability",
    as_of: DateLike = "today",
    vintage: str = "first_release",
    level: float = 0.95,
    thresholds: Optional[Mapping[str, float]] = None,
    *,
    publication_lag: Optional[int] = None,
    indicators: IndicatorsLike = "bundled",
    threads: int = 0,
    progress: Optional[bool] = None,
    calibration: Optional[_core.Calibration] = None,
) -> pd.DataFrame:
    """Assess every target against the observations: one row per target, most at risk first.

    ``targets`` and ``observations`` may also be DataFrames or paths (CSV or .xlsx; a list of
    observation sources is merged), read as ``read_targets`` and ``read_observations`` read them.
    Columns: ``TABLE_COLUMNS``, then the columns of the targets file ontrack does not read
    (``Target.extra_columns``: 备注, owner …) under their own headers (`` (input)`` appended to one
    that is also a column of the table), None for a target without it. ``as_of`` is the day of the assessment, today by default (None: every
    figure in the table, no deadline awaited); only figures published by then count (see
    ``select_series``: a figure without a publication date counts ``publication_lag`` months after its
    period ends, else its indicator's lag in the ``indicators`` catalogue, by default the bundled one,
    else the lag of its frequency), and a passed deadline whose figure is not out is 'awaiting_data' with a nowcast
    P(met) and its ``expected_publication`` day. The day used is in ``table.attrs["as_of"]`` (an ISO
    date, or None) and in every message. ``basis`` says what each verdict rests on (``BASIS_NAMES``).

    A target whose indicator has no observations is 'not_assessable' and says why in ``message``; every
    row has a status. Each row is what ``assess`` gives for the target and the series ``select_series``
    chooses for it; the work runs in the compiled core without the GIL on ``threads`` threads (0: all
    cores), with the same result for any count. The Assessment objects are in
    ``table.attrs["assessments"]`` (by target id; charts and reports draw from them). ``progress``:
    None shows a progress bar when stderr is a terminal or in Jupyter (for work longer than half a
    second), True always, False never.
    """
    day = _as_date(as_of)
    catalogue = _catalogue(indicators)
    # Check the options once, so that a bad one is an error even when no target has data: an empty
    # series makes the core validate them all without assessing anything.
    _core.assess(
        _VALIDATION_TARGET,
        _core.Series(2000, []),
        method,
        scheme,
        day,
        level,
        _thresholds(thresholds),
        publication_lag,
        calibration,
    )
    if threads < 0:
        raise ValueError(f"threads: expected 0 (all cores) or a positive count, got {threads}")
    from ontrack.io import as_observations, as_targets
    from ontrack.units import check_unit_mismatches, check_units

    chosen = as_targets(targets)  # DataFrames and paths are read as read_targets/read_observations read them
    observations = as_observations(observations)
    if not chosen:
        empty = pd.DataFrame([], columns=TABLE_COLUMNS)
        empty.attrs["as_of"] = None if day is None else day.isoformat()
        empty.attrs["assessments"] = AssessmentResults({})
        return empty

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
            day,
            vintage,
            level,
            _thresholds(thresholds),
            publication_lag,
            threads,
            report,
            calibration,
            catalogue,
        )
    finally:
        if bar is not None:
            bar.close()
    results = columns.pop("_results")
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
    from ontrack.io import with_extra_columns

    # The targets file's other columns (备注, owner …) after ontrack's, under their own headers.
    table = with_extra_columns(pd.DataFrame(data, columns=TABLE_COLUMNS), chosen)
    rank = table["status"].map({s: i for i, s in enumerate(RISK_ORDER)})
    order = table.assign(_rank=rank, _p=table["probability"].fillna(2.0)).sort_values(["_rank", "_p"], kind="stable")
    out = order.drop(columns=["_rank", "_p"]).reset_index(drop=True)
    out.attrs["as_of"] = None if day is None else day.isoformat()
    out.attrs["assessments"] = AssessmentResults({t.id: r for t, r in zip(chosen, results)})
    return out


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

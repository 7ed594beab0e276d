"""Reading and writing targets and observations from files or DataFrames, and evaluating a table."""

from __future__ import annotations

import io as _io
import math
import os
from decimal import Decimal
from collections.abc import Iterable, Sequence
from typing import Union

import pandas as pd

from ontrack import _core

PathOrFrame = Union[str, "os.PathLike[str]", pd.DataFrame]

_NUMERIC_TARGET_COLUMNS = ("value", "value_high", "baseline_value", "stretch")


_RATE_KINDS = ("growth", "average_growth")
_RATE_COLUMNS = ("value", "value_high", "stretch")


#: ``DataFrame.attrs`` key set by :func:`targets_to_pandas`: its rate columns hold fractions (1.5 is 150%).
RATES_ARE_FRACTIONS = "ontrack.rates_are_fractions"


def _number_text(value: float, rate: bool, fractions: bool = False) -> str:
    """Shortest exact text. A rate above 100% gets a percent sign, as the targets file requires, only
    when the frame says its rates are fractions (``targets_to_pandas``); otherwise 5.0 is written as 5
    and refused as ambiguous (5% or 500%?) exactly as the text "5" is."""
    if rate and fractions and abs(value) > 1:
        return format((Decimal(repr(value)) * 100).normalize(), "f") + "%"
    return str(int(value)) if value.is_integer() else repr(value)


def _frame_to_csv(frame: pd.DataFrame, what: str) -> str:
    """A DataFrame as CSV text for the compiled reader: empty cells for NaN/None, exact numbers, rates as the file writes them."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{what}: expected a path or a pandas DataFrame, got {type(frame).__name__}")
    rate_rows = frame["kind"].isin(_RATE_KINDS) if "kind" in frame.columns else pd.Series(False, index=frame.index)
    fractions = bool(frame.attrs.get(RATES_ARE_FRACTIONS, False))
    columns: dict[str, list[str]] = {}
    for column in frame.columns:
        cells = []
        for value, is_rate_row in zip(frame[column].tolist(), rate_rows.tolist()):
            # NaN and None become empty cells; floats keep their shortest exact form.
            if value is None or (isinstance(value, float) and math.isnan(value)):
                cells.append("")
            elif isinstance(value, float):
                cells.append(_number_text(value, bool(is_rate_row) and column in _RATE_COLUMNS, fractions))
            else:
                cells.append(str(value))
        columns[str(column)] = cells
    return pd.DataFrame(columns, dtype=str).to_csv(index=False, lineterminator="\n")


def read_targets(source: PathOrFrame) -> list[_core.Target]:
    """Targets from a CSV file (docs/targets_csv.md) or a DataFrame with the same columns.

    A DataFrame may hold numbers or text (``"5%"``); NaN and None are empty cells. A rate (growth
    kinds) is read as the file reads it: 0.05 or ``"5%"``; a number above 1 (5.0) is ambiguous and
    refused like the text ``"5"``, except in a frame from :func:`targets_to_pandas`, whose rates are
    fractions (1.5 is 150%). Raises ParseError
    naming the file, line, column and field of the first problem (``source`` is ``"DataFrame"`` for a
    frame, with the line of the CSV it becomes: the header is line 1).
    """
    if isinstance(source, pd.DataFrame):
        return _core.read_targets_text(_frame_to_csv(source, "targets"), "DataFrame")
    return _core.read_targets_file(os.fspath(source))


def write_targets(targets: Sequence[_core.Target], path: str | os.PathLike[str] | None = None) -> str:
    """The canonical CSV text of targets; written atomically to ``path`` when given.

    The canonical form (docs/targets_csv.md) reads back to equal targets, byte for byte.
    """
    text = _core.write_targets_text(list(targets))
    if path is not None:
        _core.write_targets_file(os.fspath(path), list(targets))
    return text


def targets_to_pandas(targets: Sequence[_core.Target]) -> pd.DataFrame:
    """One row per target with the CSV columns; numbers as floats (rates as fractions), the rest as text."""
    targets = list(targets)
    frame = pd.read_csv(_io.StringIO(_core.write_targets_text(targets)), dtype=str, keep_default_na=False)
    for column in _NUMERIC_TARGET_COLUMNS:
        frame[column] = [math.nan if getattr(t, column) is None else float(getattr(t, column)) for t in targets]
    # Read back, 1.5 in a growth row is 150%: this frame says its rates are fractions.
    frame.attrs[RATES_ARE_FRACTIONS] = True
    return frame


def read_observations(source: PathOrFrame) -> _core.ObservationTable:
    """Observations (region, indicator, period, value, unit, vintage, source) from a CSV file or DataFrame.

    ``(region, indicator, period, vintage)`` must be unique; an empty value is a gap. Raises ParseError
    naming the file, line, column and field of the first problem. The bundled real data:
    ``ontrack.datasets.observations()``.
    """
    if isinstance(source, pd.DataFrame):
        return _core.read_observations_text(_frame_to_csv(source, "observations"), "DataFrame")
    return _core.read_observations_file(os.fspath(source))


def write_observations(table: _core.ObservationTable, path: str | os.PathLike[str] | None = None) -> str:
    """CSV text of an observation table (canonical form); written atomically to ``path`` when given."""
    text = _core.write_observations_text(table)
    if path is not None:
        _core.write_observations_file(os.fspath(path), table)
    return text


def observations_to_pandas(table: _core.ObservationTable) -> pd.DataFrame:
    """The observation table as a DataFrame (value as float, NaN when not observed; period as text).

    Columns ``region, indicator, period, value, unit, vintage, [published,] source`` in the table's order
    (``published`` when a row has a publication date);
    ``read_observations`` reads such a frame back.
    """
    rows = [
        {
            "region": o.region,
            "indicator": o.indicator,
            "period": str(o.period),
            "value": o.value,
            "unit": o.unit,
            "vintage": o.vintage,
            "published": o.published,
            "source": o.source,
        }
        for o in table.rows
    ]
    columns = list(_core.OBSERVATION_COLUMNS)
    if all(o.published is None for o in table.rows):
        columns.remove("published")  # as the CSV writer: the column only when a row has a date
    return pd.DataFrame(rows, columns=columns)


#: Columns of :func:`evaluate_table`.
EVALUATION_COLUMNS = [
    "id",
    "region",
    "indicator",
    "kind",
    "target",
    "deadline",
    "verdict",
    "observed",
    "required",
    "stretch_met",
    "latest_period",
    "latest_value",
    "vintage",
    "message",
]


def _describe_target(t: _core.Target) -> str:
    """The target in a few words for a table cell: ``>= 2.5 %``, ``>= 2 × 2020``, ``higher is better``."""
    def number(x: float | None) -> str:
        if x is None:
            return ""
        if t.is_rate:
            return f"{x * 100:g}%"
        return f"{x:g}"

    if t.kind == "non_decreasing":
        return f"{t.comparator} previous period"
    if t.kind == "trend":
        return ("higher" if t.comparator in (">=", ">") else "lower") + " is better"
    text = f"{t.comparator} {number(t.value)}"
    if t.comparator == "within":
        text = f"{number(t.value)}–{number(t.value_high)}"
    if t.kind == "relative":
        text = f"{t.comparator} {number(t.value)} × {t.baseline_period}"
    if t.stretch is not None:
        text += f" (stretch {number(t.stretch)})"
    if t.unit and not t.is_rate and t.kind != "relative":
        text += f" {t.unit}"
    return text


def evaluate_table(
    targets: Iterable[_core.Target],
    observations: _core.ObservationTable,
    vintage: str = "first_release",
) -> pd.DataFrame:
    """Evaluate every target against the observations, from observed data only.

    The series is chosen by the one selection policy (``select_series``, as ``assess_table``): where an
    indicator has several named vintages, ``vintage`` chooses one (by default what was first
    published); dated vintages give each period its latest release. A target whose indicator has no
    observations gets verdict 'no_data' and says so.
    """
    # Rows grouped by region and indicator once: each target then reads only its own rows.
    index = _core.ObservationIndex(observations)
    records = []
    for t in targets:
        record: dict[str, object] = {
            "id": t.id,
            "region": t.region,
            "indicator": t.indicator,
            "kind": t.kind,
            "target": _describe_target(t),
            "deadline": str(t.period),
            "verdict": "no_data",
            "observed": math.nan,
            "required": math.nan,
            "stretch_met": None,
            "latest_period": "",
            "latest_value": math.nan,
            "vintage": "",
            "message": f"no observations of '{t.indicator}' in '{t.region}'",
        }
        if index.contains(t.region, t.indicator):
            vintages = index.vintages(t.region, t.indicator)
            try:
                # The one selection policy, as assess_table uses it (dated vintages: the latest release).
                series = index.select(t.region, t.indicator, vintage, None, None)
                result = _core.evaluate(t, series)
            except _core.OntrackError as exc:
                record["verdict"] = "not_evaluable"
                record["message"] = str(exc)
            else:
                record.update(
                    verdict=result.verdict,
                    observed=math.nan if result.observed is None else result.observed,
                    required=math.nan if result.required is None else result.required,
                    stretch_met=result.stretch_met,
                    latest_period="" if series.end is None else str(series.end),
                    latest_value=math.nan if series.end is None else series.at(series.end),
                    vintage=vintages[0] if len(vintages) == 1 else vintage,
                    message=result.message,
                )
        records.append(record)
    return pd.DataFrame(records, columns=EVALUATION_COLUMNS)

"""Reading and writing targets and observations from files or DataFrames, and evaluating a table."""

from __future__ import annotations

import io as _io
import math
import os
from decimal import Decimal
from collections.abc import Iterable, Sequence
from typing import Any, Optional, Union

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


def _error(reason: str, source: str, field: str = "", value: str = "") -> _core.ParseError:
    """A ParseError worded as the compiled readers word theirs."""
    message = (f"{source}: " if source else "") + (f"field '{field}': " if field else "") + reason + (f" (got '{value}')" if value else "")
    error = _core.ParseError(message)
    error.field, error.value, error.reason = field, value, reason
    error.line, error.column, error.source = 0, 0, source
    return error


#: Encodings tried, in order, for a text file that is not UTF-8: what Chinese Excel and WPS export.
FALLBACK_ENCODINGS = ("gb18030",)


def _decoded(path: str, encoding: Optional[str]) -> Optional[str]:
    """The text of ``path`` when it must be decoded here (``encoding`` given, or the file not UTF-8);
    None when it is UTF-8 and the compiled reader should read it itself."""
    with open(path, "rb") as stream:
        data = stream.read()
    if encoding is not None:
        try:
            return data.decode(encoding)
        except LookupError:
            raise _error("unknown encoding: expected a name such as utf-8, gb18030 or gbk", path, "encoding", encoding) from None
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise _error(
                f"not valid {encoding} text at line {line} (byte offset {exc.start}): save the file as UTF-8, "
                "or give the encoding it was saved in (--encoding)",
                path,
            ) from None
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError:
        for name in FALLBACK_ENCODINGS:
            try:
                return data.decode(name)
            except UnicodeDecodeError:
                continue
        return None  # the compiled reader names the line, column and byte that is not UTF-8


def _read_file(path: "str | os.PathLike[str]", what: str, sheet: Optional[str], encoding: Optional[str]) -> Any:
    """Targets or observations from a CSV (any of the encodings above) or an Excel sheet."""
    from ontrack import excel

    read_text = _core.read_targets_text if what == "targets" else _core.read_observations_text
    read_file = _core.read_targets_file if what == "targets" else _core.read_observations_file
    if excel.is_excel_path(path):
        text, source = excel.read_sheet_text(path, what, sheet)
        return read_text(text, source)
    path = os.fspath(path)
    if os.path.isdir(path) or not os.path.exists(path):
        return read_file(path)  # the compiled reader's own message for a folder or a missing file
    decoded = _decoded(path, encoding)
    if decoded is not None:
        return read_text(decoded, path)
    try:
        return read_file(path)
    except _core.ParseError as exc:
        if "not valid UTF-8" not in exc.reason:
            raise
        # Neither UTF-8 nor a fallback: the compiled reader's position, with the encodings tried.
        tried = " or ".join(n.upper() for n in FALLBACK_ENCODINGS)
        error = _core.ParseError(f"{exc} (nor {tried}: save the file as UTF-8, or give its encoding with --encoding)")
        error.field, error.value, error.line, error.column, error.source = exc.field, exc.value, exc.line, exc.column, exc.source
        error.reason = f"{exc.reason} (nor {tried})"
        raise error from None


def _read_observations_lenient(
    path: "str | os.PathLike[str]", encoding: Optional[str] = None, sheet: Optional[str] = None
) -> tuple[_core.ObservationTable, list[tuple[int, str]]]:
    """The observations of a file (CSV in any encoding :func:`read_observations` reads, or a sheet) that
    can be read, and its rows that cannot, as ``(line, message)``: a bad row is left out rather than
    stopping the file. A file that is not an observations table raises as :func:`read_observations`."""
    from ontrack import excel

    if excel.is_excel_path(path):
        text, source = excel.read_sheet_text(path, "observations", sheet)
    else:
        path = os.fspath(path)
        if os.path.isdir(path) or not os.path.exists(path):
            return read_observations(path, encoding=encoding), []  # the compiled reader's message
        decoded = _decoded(path, encoding)
        if decoded is None:
            with open(path, "rb") as stream:
                data = stream.read()
            try:
                decoded = data.decode("utf-8")
            except UnicodeDecodeError:
                # Neither UTF-8 nor a fallback: the strict reader's error names the line and byte.
                return read_observations(path, encoding=encoding), []
        text, source = decoded, path
    table, rejected = _core._read_observations_text_lenient(text, source)
    return table, [(int(line), str(message)) for line, message in rejected]


def read_targets(source: PathOrFrame, *, sheet: Optional[str] = None, encoding: Optional[str] = None) -> list[_core.Target]:
    """Targets from a CSV file (docs/targets_csv.md), an Excel sheet or a DataFrame with the same columns.

    Headers may be Chinese (编号, 地区, 指标, 类型, 目标值, 年份 …; ``_core.column_aliases()``); other
    columns (备注, owner …) are kept in ``Target.extra_columns`` and written back by ``assess_table``,
    ``evaluate_table`` and ``write_targets`` (a header that looks like a misspelt column is refused). A CSV file
    that is not UTF-8 is read as GB18030 (what Chinese Excel saves) unless ``encoding`` names another.
    A workbook (``.xlsx``) is read from ``sheet`` (or ``"book.xlsx#sheet"``, or the first sheet); a
    percent-formatted cell is a percent value. A DataFrame may hold numbers or text (``"5%"``); NaN and
    None are empty cells. A rate (growth kinds) is read as the file reads it: 0.05 or ``"5%"``; a number
    above 1 (5.0) is ambiguous and refused like the text ``"5"``, except in a frame from
    :func:`targets_to_pandas`, whose rates are fractions (1.5 is 150%). Raises ParseError naming the file, line, column and field of the first problem
    (``source`` is ``"DataFrame"`` for a frame, with the line of the CSV it becomes: the header is line 1).
    """
    if isinstance(source, pd.DataFrame):
        return _core.read_targets_text(_frame_to_csv(source, "targets"), "DataFrame")
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"targets: expected a path or a pandas DataFrame, got {type(source).__name__}")
    result: list[_core.Target] = _read_file(source, "targets", sheet, encoding)
    return result


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
    return _targets_frame(targets, _core.write_targets_text(targets))


def _targets_frame(targets: list[_core.Target], text: str) -> pd.DataFrame:
    """``targets_to_pandas`` of the CSV ``text`` written for ``targets`` (checked, or drafts for review)."""
    frame = pd.read_csv(_io.StringIO(text), dtype=str, keep_default_na=False)
    # The writer leaves out the optional columns (bounds) no target uses; a frame has every column.
    frame = frame.reindex(columns=list(_core.TARGET_COLUMNS), fill_value="")
    for column in _NUMERIC_TARGET_COLUMNS:
        frame[column] = [math.nan if getattr(t, column) is None else float(getattr(t, column)) for t in targets]
    # Read back, 1.5 in a growth row is 150%: this frame says its rates are fractions.
    frame.attrs[RATES_ARE_FRACTIONS] = True
    return frame


def read_observations(
    source: Union[PathOrFrame, Sequence[PathOrFrame]], *, sheet: Optional[str] = None, encoding: Optional[str] = None
) -> _core.ObservationTable:
    """Observations (region, indicator, period, value, unit, vintage, source) from a CSV file, an Excel
    sheet, a DataFrame, or a list of these merged into one table.

    Long tables have ``period`` and ``value`` columns; wide ones a column per period (2019, 2020 …).
    Headers may be Chinese (地区, 指标, 年份, 数值, 单位, 来源); other columns (备注, owner …) are kept in
    ``Observation.extra_columns`` (a header that looks like a misspelt column is refused); rows of empty
    cells are skipped. Encodings and workbooks as :func:`read_targets`. ``(region, indicator, period,
    vintage)`` must be unique, within a file and across the files of a list (the error names both
    files); an empty value is a gap. Raises ParseError naming the file, line, column and field of the
    first problem. The bundled real data: ``ontrack.datasets.observations()``.
    """
    if isinstance(source, (list, tuple)):
        return merge_observations([(_source_name(s, i), read_observations(s, sheet=sheet, encoding=encoding)) for i, s in enumerate(source)])
    if isinstance(source, pd.DataFrame):
        return _core.read_observations_text(_frame_to_csv(source, "observations"), "DataFrame")
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"observations: expected a path, a pandas DataFrame or a list of them, got {type(source).__name__}")
    result: _core.ObservationTable = _read_file(source, "observations", sheet, encoding)
    return result


def _source_name(source: object, index: int) -> str:
    return os.fspath(source) if isinstance(source, (str, os.PathLike)) else f"DataFrame {index + 1}"


def merge_observations(tables: Sequence[tuple[str, _core.ObservationTable]]) -> _core.ObservationTable:
    """One table from several ``(name, table)`` pairs; a row whose region, indicator, period and vintage
    another file also holds is a ParseError naming both files, unless one of the two is a gap (an
    empty value), which the other's value fills."""
    first_seen: dict[tuple[str, str, str, str], str] = {}
    rows: list[_core.Observation] = []
    names = [name for name, _ in tables]
    for name in names:
        if names.count(name) > 1:
            raise _error("the file is given twice (each --observations file once)", name)
    at: dict[tuple[str, str, str, str], int] = {}
    for name, table in tables:
        for o in table.rows:
            key = (o.region, o.indicator, str(o.period), o.vintage)
            if key in first_seen and (math.isnan(o.value) or math.isnan(rows[at[key]].value)):
                # A gap (empty value) in one file is filled by the value another file holds.
                if not math.isnan(o.value):
                    rows[at[key]] = o
                continue
            if key in first_seen and first_seen[key] != name:
                raise _error(
                    f"duplicate observation of {o.region} / {o.indicator} / {o.period}"
                    + (f" / vintage {o.vintage}" if o.vintage else "")
                    + f": it is also in '{first_seen[key]}' (keep it in one file, or give the files different vintages)",
                    name,
                    "period",
                    str(o.period),
                )
            first_seen.setdefault(key, name)
            at[key] = len(rows)
            rows.append(o)
    return _core.ObservationTable(rows)


def write_observations(table: _core.ObservationTable, path: str | os.PathLike[str] | None = None) -> str:
    """CSV text of an observation table (canonical form); written atomically to ``path`` when given."""
    text = _core.write_observations_text(table)
    if path is not None:
        _core.write_observations_file(os.fspath(path), table)
    return text


def observations_to_pandas(table: _core.ObservationTable) -> pd.DataFrame:
    """The observation table as a DataFrame (value as float, NaN when not observed; period as text).

    Columns ``region, indicator, period, value, unit, vintage, [published,] source`` in the table's order
    (``published`` when a row has a publication date), then the columns of the file ontrack does not
    read (``Observation.extra_columns``: 备注, owner …) under their own headers;
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
    # The file's other columns (备注, owner …) after these, as read.
    return with_extra_columns(pd.DataFrame(rows, columns=columns), list(table.rows))


def extra_columns(rows: Sequence[Any], taken: Iterable[str] = ()) -> dict[str, list[Optional[str]]]:
    """The columns of the input files ontrack does not read (``extra_columns`` of targets or
    observations: 备注, owner …), as header → one cell per row of ``rows``, headers in the order first
    met; a row from a file without that column has None. A header that is also one of ``taken`` (the
    output's own columns) gets `` (input)`` after it, so that neither column hides the other."""
    headers: list[str] = []
    for row in rows:
        for header, _ in row.extra_columns:
            if header not in headers:
                headers.append(header)
    used = set(taken)
    out: dict[str, list[Optional[str]]] = {}
    for header in headers:
        name = header
        while name in used:
            name += " (input)"
        used.add(name)
        out[name] = [dict(row.extra_columns).get(header) for row in rows]
    return out


def with_extra_columns(frame: pd.DataFrame, rows: Sequence[Any]) -> pd.DataFrame:
    """``frame`` (one row per element of ``rows``, in that order) with the input's extra columns
    (:func:`extra_columns`) after its own; ``frame`` itself when there are none."""
    extra = extra_columns(rows, frame.columns)
    if not extra:
        return frame
    out = pd.concat([frame, pd.DataFrame(extra, index=frame.index, dtype=object)], axis=1)
    out.attrs = dict(frame.attrs)
    return out


def observations_from_pandas(frame: pd.DataFrame) -> _core.ObservationTable:
    """An observation table from a DataFrame (long, or wide with a column per period); attached as
    ``ObservationTable.from_pandas``. Same as ``read_observations(frame)``."""
    return read_observations(frame)


def _attach() -> None:
    setattr(_core.ObservationTable, "to_pandas", observations_to_pandas)
    setattr(_core.ObservationTable, "from_pandas", staticmethod(observations_from_pandas))


_attach()


def as_targets(targets: Union[Iterable[_core.Target], PathOrFrame]) -> list[_core.Target]:
    """Targets as given, or read from a path or a DataFrame (``read_targets``)."""
    if isinstance(targets, (pd.DataFrame, str, os.PathLike)):
        return read_targets(targets)
    chosen = list(targets)
    for i, t in enumerate(chosen):
        if not isinstance(t, _core.Target):
            raise TypeError(f"targets[{i}]: expected a Target, got {type(t).__name__}")
    return chosen


def as_observations(observations: Union[_core.ObservationTable, PathOrFrame, Sequence[PathOrFrame]]) -> _core.ObservationTable:
    """An observation table as given, or read from a path, a DataFrame or a list of them (``read_observations``)."""
    if isinstance(observations, _core.ObservationTable):
        return observations
    if isinstance(observations, (pd.DataFrame, str, os.PathLike, list, tuple)):
        return read_observations(observations)
    raise TypeError(
        f"observations: expected an ObservationTable, a path, a pandas DataFrame or a list of them, got {type(observations).__name__}"
    )


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
    targets: Union[Iterable[_core.Target], PathOrFrame],
    observations: Union[_core.ObservationTable, PathOrFrame, Sequence[PathOrFrame]],
    vintage: str = "first_release",
) -> pd.DataFrame:
    """Evaluate every target against the observations, from observed data only.

    ``targets`` and ``observations`` may also be DataFrames or paths (read as ``read_targets`` and
    ``read_observations`` read them).

    The series is chosen by the one selection policy (``select_series``, as ``assess_table``): where an
    indicator has several named vintages, ``vintage`` chooses one (by default what was first
    published); dated vintages give each period its latest release. A target whose indicator has no
    observations gets verdict 'no_data' and says so. Observations in a unit that cannot be converted
    to their target's raise ``UnitMismatchError`` naming both and where they were read, as in
    ``assess_table``. Columns: ``EVALUATION_COLUMNS``, then the targets file's extra columns as in
    ``assess_table``.
    """
    from ontrack.units import check_unit_mismatches, check_units

    targets = as_targets(targets)
    observations = as_observations(observations)
    check_units(targets, observations, stacklevel=2)
    check_unit_mismatches(targets, observations)  # as assess_table: names the target, the files and the lines
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
    # The targets file's other columns (备注, owner …) after ontrack's, under their own headers.
    return with_extra_columns(pd.DataFrame(records, columns=EVALUATION_COLUMNS), targets)

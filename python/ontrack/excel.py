"""Excel workbooks in and out (needs openpyxl: ``pip install 'ontrack[excel]'``).

Reading turns a sheet into the CSV text the compiled readers parse, one sheet row per CSV line (so an
error's line is the row number Excel shows), honouring cell formats: a cell formatted as a percentage
holding 0.013 is the value 1.3 in unit ``%`` (a growth target's cell becomes ``1.3%``), and a date
cell in a period column becomes that date (``2018-12-31``, which the readers place in its year) or,
formatted as a month, ``2018-12``. Writing produces a formatted assessment table.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from decimal import Decimal
from typing import Any, Optional, Sequence

from ontrack import _core
from ontrack._export import neutralise_formula

EXCEL_SUFFIXES = (".xlsx", ".xlsm")

#: Target kinds whose value columns are rates ("5%"), as the targets file writes them.
_RATE_KINDS = ("growth", "average_growth")
_RATE_COLUMNS = ("value", "value_high", "stretch")


def openpyxl_module() -> Any:
    """openpyxl, or an ImportError naming the extra that installs it."""
    import importlib

    try:
        module = importlib.import_module("openpyxl")
        # Submodules used by the writers, loaded with the package (no stubs needed for type checking).
        importlib.import_module("openpyxl.styles")
        importlib.import_module("openpyxl.utils")
    except ImportError as exc:
        raise ImportError("reading or writing .xlsx files needs openpyxl: pip install 'ontrack[excel]'") from exc
    return module


def is_excel_path(path: "str | os.PathLike[str]") -> bool:
    """Whether ``path`` names a workbook (``.xlsx``, ``.xlsm``, optionally followed by ``#sheet``)."""
    return split_sheet(path)[0].lower().endswith(EXCEL_SUFFIXES)


def split_sheet(path: "str | os.PathLike[str]") -> tuple[str, Optional[str]]:
    """``"book.xlsx#目标"`` → ``("book.xlsx", "目标")``; a path without ``#sheet`` (or an existing file
    whose name holds ``#``) → ``(path, None)``."""
    text = os.fspath(path)
    if "#" in text and not os.path.exists(text):
        base, sheet = text.rsplit("#", 1)
        if base.lower().endswith(EXCEL_SUFFIXES):
            return base, sheet
    return text, None


def _number_text(value: float) -> str:
    """Shortest text of a number; whole numbers without '.0' (a year typed as 2020 is 2020)."""
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _percent_text(value: float) -> str:
    """0.013 → '1.3': the cell's value times 100, in exact decimal arithmetic (no 1.2999999999999998)."""
    return format((Decimal(repr(float(value))) * 100).normalize(), "f")


def _date_text(value: "_dt.date", number_format: str) -> str:
    """A date cell as a period or date: a day when the format shows one, else a month or a year."""
    fmt = number_format.lower()
    shows_day = "d" in fmt or fmt == "general"
    # 'm' after 'h' is minutes; a month needs an 'm' outside a time part.
    shows_month = "m" in fmt.split("h")[0]
    if shows_day:
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    if shows_month:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def cell_text(value: Any, number_format: str = "General") -> tuple[str, bool]:
    """A cell as text for the readers, and whether it was formatted as a percentage."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (_dt.datetime, _dt.date)):
        return _date_text(value, number_format or "General"), False
    if isinstance(value, (int, float)):
        if "%" in (number_format or ""):
            return _percent_text(float(value)), True
        return (str(value) if isinstance(value, int) else _number_text(value)), False
    return str(value), False


class SheetError(_core.ParseError):
    """A workbook that cannot be read: missing sheet, not a workbook."""


def _sheet_error(source: str, reason: str) -> SheetError:
    error = SheetError(f"{source}: {reason}")
    error.field, error.value, error.reason = "", "", reason
    error.line, error.column, error.source = 0, 0, source
    return error


def read_sheet(path: "str | os.PathLike[str]", sheet: Optional[str] = None) -> tuple[list[list[tuple[str, bool]]], str]:
    """The cells of one sheet (by name, or the first) as ``(text, is_percent)`` rows from row 1, and a
    source name for messages (``"book.xlsx, sheet 'Sheet1'"``)."""
    openpyxl = openpyxl_module()
    file, named = split_sheet(path)
    sheet = sheet if sheet is not None else named
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except FileNotFoundError:
        raise
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise _sheet_error(file, f"cannot read the workbook ({type(exc).__name__}: {exc}); save it as .xlsx") from exc
    try:
        if sheet is None:
            worksheet = book.worksheets[0]
        elif sheet in book.sheetnames:
            worksheet = book[sheet]
        else:
            raise _sheet_error(file, f"no sheet named '{sheet}' (sheets: {', '.join(book.sheetnames)})")
        rows: list[list[tuple[str, bool]]] = []
        for row in worksheet.iter_rows():
            cells = []
            for cell in row:
                value = getattr(cell, "value", None)
                cells.append(cell_text(value, getattr(cell, "number_format", "General") or "General"))
            # Read-only sheets start at the first used row; keep Excel's numbering.
            first = next((c.row for c in row if getattr(c, "row", None) is not None), None)
            if first is not None:
                while len(rows) < first - 1:
                    rows.append([])
            rows.append(cells)
        title = worksheet.title
    finally:
        book.close()
    return rows, f"{file}, sheet '{title}'"


def _csv_field(text: str) -> str:
    if any(c in text for c in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def sheet_to_csv(rows: Sequence[Sequence[tuple[str, bool]]], what: str) -> str:
    """CSV text of a sheet for the observations (``what="observations"``) or targets reader.

    Percent-formatted cells become percent values: an empty unit becomes ``%`` (a unit column is added
    when the sheet has none), and a growth target's value gets a ``%`` sign. Row ``n`` of the sheet is
    line ``n`` of the text; trailing empty cells are dropped to the header's width.
    """
    header_index = next((i for i, row in enumerate(rows) if any(text.strip() for text, _ in row)), None)
    if header_index is None:
        return ""
    header = [text for text, _ in rows[header_index]]
    while header and not header[-1].strip():
        header.pop()
    canonical = [_core.canonical_column_name(h) for h in header]
    width = len(header)
    unit_at = canonical.index("unit") if "unit" in canonical else None
    kind_at = canonical.index("kind") if "kind" in canonical else None
    known = set(_core.OBSERVATION_COLUMNS if what == "observations" else _core.TARGET_COLUMNS)
    add_unit = False
    body: list[list[str]] = []
    for row in rows[header_index + 1 :]:
        cells = list(row[:width]) + [("", False)] * max(0, width - len(row))
        if any(text.strip() for text, _ in row[width:]):
            # A value beyond the header is a column without a name: keep it so the reader reports it.
            cells = list(row)
        texts = [text for text, _ in cells]
        percent_columns = [i for i, (_, p) in enumerate(cells) if p and i < width and canonical[i] not in ("unit", "kind")]
        if percent_columns and any(text.strip() for text in texts):
            is_rate = kind_at is not None and texts[kind_at].strip() in _RATE_KINDS
            for i in percent_columns:
                if is_rate and canonical[i] in _RATE_COLUMNS:
                    texts[i] = texts[i] + "%"
            if not is_rate:
                if unit_at is not None:
                    if not texts[unit_at].strip():
                        texts[unit_at] = "%"
                elif what == "observations" or canonical[percent_columns[0]] in known:
                    add_unit = True
                    texts.append("%")
        body.append(texts)
    lines = [[""]] * header_index + [header + (["unit"] if add_unit else [])]
    for texts in body:
        if add_unit and len(texts) == width:
            texts = texts + [""]
        lines.append(texts)
    return "".join(",".join(_csv_field(t) for t in line) + "\n" if any(t.strip() for t in line) else "\n" for line in lines)


def read_sheet_text(path: "str | os.PathLike[str]", what: str, sheet: Optional[str] = None) -> tuple[str, str]:
    """``(csv_text, source)`` of a sheet for the targets or observations reader."""
    rows, source = read_sheet(path, sheet)
    return sheet_to_csv(rows, what), source


#: Fill colours of statuses and verdicts in written workbooks (red: lost or slipping, amber: at risk,
#: green: fine, grey: cannot say).
STATUS_FILLS = {
    "missed": "F4B6B6",
    "regressing": "F4B6B6",
    "off_track": "F8CBAD",
    "at_risk": "FFE699",
    "on_track": "C6EFCE",
    "achieved": "A9D08E",
    "met": "A9D08E",
    "pending": "DDEBF7",
    "not_assessable": "E7E6E6",
    "no_data": "E7E6E6",
    "not_evaluable": "E7E6E6",
}

#: Number formats of written columns: probabilities and shares as percentages, levels with separators.
_PERCENT_COLUMNS = ("probability", "progress")
_NUMBER_COLUMNS = ("latest_value", "projected", "lower", "upper", "required_pace", "actual_pace", "score", "observed", "required")


def _latest_sources(observations: Any) -> dict[tuple[str, str], tuple[str, str]]:
    """(region, indicator) → (latest period, its source), from an observation table."""
    out: dict[tuple[str, str], tuple[Any, str]] = {}
    for o in observations.rows:
        if isinstance(o.value, float) and math.isnan(o.value):
            continue
        key = (o.region, o.indicator)
        if key not in out or out[key][0] < o.period:
            out[key] = (o.period, o.source)
    return {k: (str(p), s) for k, (p, s) in out.items()}


def write_table_workbook(
    frame: Any, path: "str | os.PathLike[str]", *, targets: Sequence[Any] = (), observations: Any = None, lang: str = "en"
) -> None:
    """An assessment or evaluation table as a formatted workbook: Chinese or English headings, a
    status column coloured by status, probabilities as percentages, levels with thousands separators,
    the source of each row's latest figure, a frozen header row with filters. Written atomically."""
    from ontrack.i18n import check_language, column_word, status_word

    check_language(lang)
    from ontrack.i18n import localise_evaluation, localise_table

    from ontrack.names import name_indicators

    frame = localise_table(frame, lang) if "status" in frame.columns else localise_evaluation(frame, lang)
    frame = name_indicators(frame, lang)  # the catalogue's name in `indicator`, the id in `indicator_id`
    openpyxl = openpyxl_module()
    Font, PatternFill = openpyxl.styles.Font, openpyxl.styles.PatternFill
    get_column_letter = openpyxl.utils.get_column_letter

    status_column = "status" if "status" in frame.columns else "verdict"
    sources = _latest_sources(observations) if observations is not None else {}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "评估" if lang == "zh" else "assessment"
    columns = list(frame.columns)
    headings = [column_word(c, lang) for c in columns] + [column_word("source", lang)]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for record in frame.to_dict("records"):
        row: list[Any] = []
        for c in columns:
            value = record[c]
            if isinstance(value, float) and math.isnan(value):
                value = None
            elif c == status_column:
                value = status_word(str(value), lang)
            elif value is not None and not isinstance(value, (int, float, str, bool)):
                value = str(value)
            # Text from the inputs (ids, names, messages) never becomes a formula (OWASP; _export.py).
            row.append(neutralise_formula(value) if isinstance(value, str) else value)
        source = sources.get((str(record.get("region", "")), str(record.get("indicator_id", record.get("indicator", "")))), ("", ""))[1]
        row.append(neutralise_formula(source) if isinstance(source, str) else source)
        sheet.append(row)
        status = str(record[status_column])
        fill = STATUS_FILLS.get(status)
        current = sheet.max_row
        if fill:
            sheet.cell(row=current, column=columns.index(status_column) + 1).fill = PatternFill("solid", start_color=fill, end_color=fill)
        for i, c in enumerate(columns, start=1):
            cell = sheet.cell(row=current, column=i)
            if c in _PERCENT_COLUMNS:
                cell.number_format = "0%"
            elif c in _NUMBER_COLUMNS:
                cell.number_format = "#,##0.###"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for i, heading in enumerate(headings, start=1):
        values = [heading] + [str(sheet.cell(row=r, column=i).value or "") for r in range(2, min(sheet.max_row, 200) + 1)]
        sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, max(_cell_width(v) for v in values) + 2))
    save_workbook(book, path)


def _cell_width(text: str) -> int:
    from ontrack.cli_format import display_width

    return display_width(text)


def save_workbook(book: Any, path: "str | os.PathLike[str]") -> None:
    """Saves a workbook through a temporary file renamed into place (no partial file on failure)."""
    import tempfile

    target = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(target))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ontrack-", suffix=".xlsx")
    os.close(handle)
    try:
        book.save(temporary)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, os.stat(target).st_mode & 0o777 if os.path.exists(target) else 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise

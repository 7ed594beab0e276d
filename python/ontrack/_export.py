"""Result tables as text for other programs: CSV safe to open in a spreadsheet, JSON with exact numbers.

These are for ontrack's *results* (``assess``, ``evaluate``). The targets and observations files are
written by the compiled core (``write_targets``, ``write_observations``) and stay lossless: a cell that
starts with ``=`` is written as it is, because ontrack reads those files back.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd

from ontrack import _core

#: A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(text: str) -> str:
    """``text`` made inert for a spreadsheet, as OWASP recommends: a cell starting with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading apostrophe (``'=HYPERLINK(…)``), which
    Excel and LibreOffice show as text and do not evaluate. Other text is unchanged."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _csv_field(text: str) -> str:
    # Quoted when it must be: a comma, a quote, any line break (a CR alone too), or blanks at either end.
    if any(c in text for c in ',"\r\n') or text != text.strip():
        return '"' + text.replace('"', '""') + '"'
    return text


def _cell_text(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # Shortest text that reads back as the same double; NaN is an empty cell.
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    return neutralise_formula(str(value))


def result_csv(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (LF line ends, header first): numbers in shortest round-trip form, NaN as
    an empty cell, text cells neutralised against formula injection (``neutralise_formula``) and every
    field that needs it quoted (commas, quotes, CR or LF inside, surrounding blanks)."""
    lines = [",".join(_csv_field(neutralise_formula(str(c))) for c in frame.columns)]
    for row in frame.itertuples(index=False, name=None):
        lines.append(",".join(_csv_field(_cell_text(_python(v))) for v in row))
    return "\n".join(lines) + "\n"


def _python(value: Any) -> Any:
    """NumPy scalars as Python numbers (a NumPy float64 is a float already; int64 and bool_ are not)."""
    item = getattr(value, "item", None)
    if item is not None and not isinstance(value, (str, bytes)):
        try:
            return item()
        except (TypeError, ValueError):
            return value
    return value


def _json_value(value: Any) -> Any:
    value = _python(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def result_json(frame: pd.DataFrame) -> str:
    """``frame`` as a JSON array of records: numbers as the shortest text that reads back as the same
    double (Python's ``repr``; pandas' ``to_json`` rounds to 10 significant digits), NaN and infinities
    as null, text as UTF-8 (not ``\\u`` escapes)."""
    records = [
        {str(column): _json_value(value) for column, value in zip(frame.columns, row)}
        for row in frame.itertuples(index=False, name=None)
    ]
    return json.dumps(records, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


#: At most this many characters of a message are printed.
MAX_MESSAGE_CHARS = 2000


def visible(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` safe to print on a terminal, on one line: line breaks and tabs as ``\\n``, ``\\r``,
    ``\\t``, other control characters (ESC, NUL, C1) as ``\\xNN``, invisible characters (no-break
    space, zero-width and direction marks, U+FEFF) as ``\\uNNNN``; cut after ``limit`` characters
    with "… (N more characters)". The compiled core's rule (``_core._visible``), the one its own
    messages follow."""
    return _core._visible(text, limit)

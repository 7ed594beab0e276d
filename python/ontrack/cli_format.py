"""The command line's tables for people: numbers as people write them, Chinese text aligned by display
width, the table fitted to the terminal, assessable rows first and the rest summarised in one line."""

from __future__ import annotations

import math
import os
import shutil
import sys
import unicodedata
from collections.abc import Sequence
from typing import Optional

import pandas as pd

from ontrack import _core
from ontrack._export import visible
from ontrack.i18n import column_word, phrase, status_word

ELLIPSIS = "…"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: 2 for wide and full-width characters (汉字, ，), 0 for
    combining marks, 1 otherwise."""
    width = 0
    for c in text:
        if unicodedata.combining(c):
            continue
        width += 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1
    return width


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` display columns (ending in … when cut) and padded to exactly that width."""
    if display_width(text) > width:
        out, used = "", 0
        for c in text:
            w = display_width(c)
            if used + w > width - 1:
                break
            out += c
            used += w
        text = out + ELLIPSIS
    return text + " " * (width - display_width(text))


def format_number(x: Optional[float], unit: str = "") -> str:
    """A value as people write it: 36,327; 1,234.5; 2.69; 0.0123; with ``%`` appended for a percent unit.

    Three significant decimals below 1,000 (at most two decimals from 100), thousands separators and
    at most one decimal from 1,000; empty for a missing value.
    """
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    x = float(x)
    magnitude = abs(x)
    if magnitude >= 1000:
        text = f"{x:,.0f}" if magnitude >= 10000 or x.is_integer() else f"{x:,.1f}"
    elif magnitude >= 100:
        text = f"{x:.1f}"
    elif magnitude >= 1 or magnitude == 0:
        text = f"{x:.2f}"
    else:
        text = f"{x:.3g}"
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text + ("%" if unit.strip() in ("%", "percent") else "")


def format_probability(p: Optional[float]) -> str:
    """P(met) for people: 98%, <1% and >99% at the ends (a model is never that certain), empty when none."""
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return ""
    if p < 0.01:
        return "<1%"
    if p > 0.99:
        return ">99%"
    return f"{p * 100:.0f}%"


#: The width of a table written to a file or a pipe: nothing is cut where nobody reads a terminal.
UNLIMITED = 10**6


def terminal_width() -> int:
    """The width to fit when standard output is a terminal: $COLUMNS when set, else the terminal's;
    ``UNLIMITED`` for a file or a pipe (whatever $COLUMNS says: some environments set it for children)."""
    isatty = getattr(sys.stdout, "isatty", None)
    if isatty is None or not isatty():
        return UNLIMITED
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    return shutil.get_terminal_size((100, 24)).columns


def render_rows(headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, shrink: Sequence[int]) -> str:
    """A plain table of ``rows`` under ``headers``, two spaces between columns, fitted to ``width``
    display columns by shortening the columns in ``shrink`` (last listed first) down to 6 each. Control
    and invisible characters from the input are shown escaped (``visible``), never sent to the terminal."""
    rows = [[visible(c) for c in r] for r in rows]
    widths = [max([display_width(h)] + [display_width(r[i]) for r in rows]) for i, h in enumerate(headers)]
    total = sum(widths) + 2 * (len(widths) - 1)
    for i in reversed(shrink):
        if total <= width:
            break
        cut = min(total - width, max(0, widths[i] - 6))
        widths[i] -= cut
        total -= cut
    lines = ["  ".join(fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines += ["  ".join(fit(c, w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def _reason(message: str) -> str:
    text = message.lower()
    if "no observations" in text or "no vintage" in text:
        return "no_observations"
    if "too few" in text or "too little" in text or "at least" in text or "need" in text:
        return "too_little_data"
    return "other_reason"


def assessment_table_text(
    frame: pd.DataFrame,
    targets: Sequence[_core.Target],
    header: str,
    lang: str = "en",
    width: Optional[int] = None,
    show_all: bool = False,
    suggestions: Optional[dict[str, str]] = None,
) -> str:
    """The ``ontrack assess`` table: assessable rows first (most at risk first, as ``assess_table``
    orders them), not-assessable ones in one summary line unless ``show_all``."""
    from ontrack.i18n import localise_table

    from ontrack.names import name_indicators

    reasons_of = [_reason(str(m)) for m in frame.loc[frame["status"] == "not_assessable", "message"]]
    frame = name_indicators(localise_table(frame, lang), lang)  # indicators by their catalogue names
    width = terminal_width() if width is None else width
    units = {t.id: ("" if t.is_rate else t.unit) for t in targets}
    assessable = frame[frame["status"] != "not_assessable"]
    rest = frame[frame["status"] == "not_assessable"]
    shown = frame if show_all else assessable
    columns = ["id", "region", "indicator", "target", "deadline", "latest_value", "projected", "probability", "status", "message"]
    rows = []
    for record in shown.to_dict("records"):
        unit = units.get(str(record["id"]), "")
        message = str(record["message"])
        if suggestions and str(record["id"]) in suggestions:
            message = f"{message}; {suggestions[str(record['id'])]}"
        rows.append(
            [
                str(record["id"]),
                str(record["region"]),
                str(record["indicator"]),
                str(record["target"]),
                str(record["deadline"]),
                format_number(record["latest_value"], unit),
                format_number(record["projected"], unit),
                format_probability(record["probability"]),
                status_word(str(record["status"]), lang),
                message,
            ]
        )
    headers = [column_word(c, lang) for c in columns]
    body = render_rows(headers, rows, width, shrink=[2, 3, 9]) if rows else ""
    from ontrack.assessment import RISK_ORDER

    counts = frame["status"].value_counts().reindex(RISK_ORDER).dropna()
    summary = phrase(
        "targets_summary",
        lang,
        n=len(frame),
        counts=("，" if lang == "zh" else ", ").join(f"{int(n)} {status_word(str(s), lang)}" for s, n in counts.items()),
    )
    parts = [header, "", body] if body else [header]
    if len(rest) and not show_all:
        reasons = pd.Series(reasons_of).value_counts()
        text = ("，" if lang == "zh" else ", ").join(f"{phrase(str(r), lang)} {n}" for r, n in reasons.items())
        parts += ["", phrase("not_assessable_line", lang, n=len(rest), reasons=text)]
    parts += ["", summary]
    if "basis" in frame.columns:
        from ontrack.assessment import BASIS_NAMES
        from ontrack.i18n import basis_word

        bases = frame["basis"].value_counts()
        sep = "，" if lang == "zh" else ", "
        parts.append(phrase("basis_summary", lang, counts=sep.join(f"{int(bases[b])} {basis_word(b, lang)}" for b in BASIS_NAMES if b in bases.index)))
    parts.append(phrase("status_legend", lang))
    return "\n".join(parts) + "\n"


def evaluation_table_text(frame: pd.DataFrame, lang: str = "en", width: Optional[int] = None, show_all: bool = False) -> str:
    """The ``ontrack evaluate`` table: decided rows first, targets without data in one line unless ``show_all``."""
    from ontrack.i18n import localise_evaluation
    from ontrack.names import name_indicators

    frame = name_indicators(localise_evaluation(frame, lang), lang)  # indicators by their catalogue names
    width = terminal_width() if width is None else width
    rank = {"missed": 0, "met": 1, "pending": 2, "not_evaluable": 3, "no_data": 4}
    order = frame.assign(_rank=frame["verdict"].map(rank).fillna(len(rank))).sort_values("_rank", kind="stable")
    shown = order if show_all else order[order["verdict"] != "no_data"]
    columns = ["id", "region", "indicator", "target", "deadline", "verdict", "message"]
    rows = [[status_word(str(r[c]), lang) if c == "verdict" else str(r[c]) for c in columns] for r in shown.to_dict("records")]
    headers = [column_word(c, lang) for c in columns]
    parts = [render_rows(headers, rows, width, shrink=[2, 3, 6])] if rows else []
    missing = int((frame["verdict"] == "no_data").sum())
    if missing and not show_all:
        parts += ["", phrase("not_assessable_line", lang, n=missing, reasons=f"{phrase('no_observations', lang)} {missing}")]
    counts = frame["verdict"].value_counts().reindex(list(rank)).dropna()
    parts += [
        "",
        phrase(
            "targets_summary",
            lang,
            n=len(frame),
            counts=("，" if lang == "zh" else ", ").join(f"{int(n)} {status_word(str(s), lang)}" for s, n in counts.items()),
        ),
        phrase("evaluate_legend", lang),
    ]
    return "\n".join(parts) + "\n"

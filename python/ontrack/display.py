"""Rich display in Jupyter: ``_repr_html_`` for Series, Target, Projection and Assessment, and an HTML
view of an assessment table (``display_table``).

Everything here is plain HTML with inline styles and inline SVG: no matplotlib, no scripts, no external
resources. Every piece of text that comes from data (ids, indicator and region names, units, quotes,
messages) is escaped. A status is always shown as a coloured badge *with its name* (and a symbol),
never by colour alone.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any, Optional

import pandas as pd

from ontrack import _core

# status: (background colour, symbol, English label, Chinese label). White text on every background
# (contrast ratio >= 4.5).
STATUS_STYLE: dict[str, tuple[str, str, str, str]] = {
    "met": ("#116329", "✓", "met", "已实现"),
    "achieved": ("#1a7f37", "✓", "achieved early", "已提前实现"),
    "on_track": ("#2c6e49", "●", "on track", "进展顺利"),
    "at_risk": ("#8a5a00", "▲", "at risk", "存在风险"),
    "off_track": ("#b0400b", "▼", "off track", "进度滞后"),
    "regressing": ("#a40e26", "✗", "regressing", "倒退"),
    "missed": ("#82071e", "✗", "missed", "未实现"),
    "awaiting_data": ("#0550ae", "…", "awaiting data", "待数据发布"),
    "not_assessable": ("#57606a", "–", "not assessable", "无法评估"),
}
_UNKNOWN_STYLE = ("#57606a", "?", "", "")

LANGUAGES = ("en", "zh")

_TEXT = {
    "en": {
        "target": "target",
        "deadline": "deadline",
        "latest": "latest",
        "projected": "projected",
        "interval": "interval",
        "probability": "P(met)",
        "stretch": "stretch",
        "required": "needs",
        "achieved_pace": "achieving",
        "pace": "pace",
        "expected": "expected",
        "method": "method",
        "status": "status",
        "indicator": "indicator",
        "region": "region",
        "message": "message",
        "history": "history",
        "baseline": "baseline",
        "per_period": "/period",
        "per_year": "/yr",
        "observations": "observations",
        "more": "more",
        "targets": "targets",
        "quote": "quote",
        "document": "document",
        "commitment": "commitment",
        "lead_unit": "lead unit",
        "unit": "unit",
        "kind": "kind",
    },
    "zh": {
        "target": "目标",
        "deadline": "目标期",
        "latest": "最新值",
        "projected": "预测值",
        "interval": "区间",
        "probability": "达成概率",
        "stretch": "力争",
        "required": "需要",
        "achieved_pace": "实际",
        "pace": "速度",
        "expected": "预计达成",
        "method": "方法",
        "status": "状态",
        "indicator": "指标",
        "region": "地区",
        "message": "说明",
        "history": "历史",
        "baseline": "基期",
        "per_period": "/期",
        "per_year": "/年",
        "observations": "个观测值",
        "more": "更多",
        "targets": "个目标",
        "quote": "原文",
        "document": "文件",
        "commitment": "属性",
        "lead_unit": "牵头单位",
        "unit": "单位",
        "kind": "类型",
    },
}

_BOX = (
    "font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans CJK SC','WenQuanYi Zen Hei',sans-serif;"
    "font-size:13px;line-height:1.4;max-width:980px"
)
_CELL = "padding:3px 8px;border-bottom:1px solid #d0d7de;text-align:left;vertical-align:top"
_HEAD = "padding:3px 8px;border-bottom:2px solid #8c959f;text-align:left;background:#f6f8fa"
_NUM = "padding:3px 8px;border-bottom:1px solid #d0d7de;text-align:right;vertical-align:top;font-variant-numeric:tabular-nums"


def _check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
    return lang


def esc(value: object) -> str:
    """HTML-escaped text of any value (quotes included), '' for None."""
    return "" if value is None else html.escape(str(value), quote=True)


def _missing(x: object) -> bool:
    # Tables from pandas may hold pd.NA (nullable dtypes) as well as None and NaN.
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def fmt(x: Any, digits: int = 4) -> str:
    """A number for people: '–' when absent (None, NaN, pd.NA), thousands separated when large, else 4
    significant digits."""
    if _missing(x) or _missing(float(x)):
        return "–"
    x = float(x)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if abs(x) >= 1_000:
        return f"{x:,.0f}"
    return f"{x:.{digits}g}"


def fmt_probability(p: Optional[float]) -> str:
    """A probability as a percentage; '<1%' / '>99%' rather than a rounded 0% or 100% that is not exact."""
    if p is None or _missing(float(p)):
        return "–"
    p = float(p)
    if 0 < p < 0.01:
        return "<1%"
    if 0.99 < p < 1:
        return ">99%"
    return f"{p:.0%}"


def status_label(status: str, lang: str = "en") -> str:
    """The words for a status ('on track', '进展顺利'); the raw value for an unknown one."""
    style = STATUS_STYLE.get(status)
    if style is None:
        return status
    return style[3] if lang == "zh" else style[2]


def status_colour(status: str) -> str:
    return STATUS_STYLE.get(status, _UNKNOWN_STYLE)[0]


def badge(status: str, lang: str = "en", detail: str = "") -> str:
    """A coloured badge with the status' symbol and name (and the scheme's own label as a tooltip)."""
    colour, symbol, _, _ = STATUS_STYLE.get(status, _UNKNOWN_STYLE)
    title = f' title="{esc(detail)}"' if detail else ""
    return (
        f'<span class="ot-badge ot-status-{esc(status)}" data-status="{esc(status)}"{title} '
        f'style="display:inline-block;white-space:nowrap;padding:1px 8px;border-radius:10px;'
        f'background:{colour};color:#ffffff;font-weight:600;font-size:12px">'
        f"{symbol} {esc(status_label(status, lang))}</span>"
    )


# ------------------------------------------------------------------------------------------ inline SVG


def probability_bar(p: Optional[float], width: int = 72, height: int = 10) -> str:
    """An inline SVG bar filled to probability ``p`` (empty when unknown); the number is written beside it."""
    if p is None or _missing(float(p)):
        return ""
    p = min(max(float(p), 0.0), 1.0)
    colour = "#2c6e49" if p >= 0.9 else "#8a5a00" if p >= 0.5 else "#b0400b" if p >= 0.1 else "#a40e26"
    return (
        f'<svg class="ot-pbar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="probability {p:.3f}" style="vertical-align:middle;margin-right:4px">'
        f'<rect x="0" y="0" width="{width}" height="{height}" rx="2" fill="#eaeef2"/>'
        f'<rect x="0" y="0" width="{p * width:.1f}" height="{height}" rx="2" fill="{colour}"/></svg>'
    )


def sparkline(
    xs: Sequence[float],
    ys: Sequence[float],
    *,
    projected: Optional[tuple[float, float, float, float]] = None,
    target: Optional[float] = None,
    width: int = 140,
    height: int = 36,
) -> str:
    """An inline SVG sparkline: observed values (gaps skipped), optionally the projection at the deadline
    (x, median, lower, upper) as a point with its interval, and the target as a dashed line."""
    points = [(float(x), float(y)) for x, y in zip(xs, ys) if not math.isnan(float(y))]
    if not points:
        return ""
    all_x = [x for x, _ in points]
    all_y = [y for _, y in points]
    if projected is not None:
        all_x.append(projected[0])
        all_y += [v for v in projected[1:] if not math.isnan(v) and not math.isinf(v)]
    if target is not None and not math.isnan(target) and not math.isinf(target):
        all_y.append(target)
    x0, x1 = min(all_x), max(all_x)
    y0, y1 = min(all_y), max(all_y)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y1 == y0:
        y0, y1 = y0 - 1, y1 + 1
    pad = 3.0

    def sx(x: float) -> float:
        return pad + (x - x0) / (x1 - x0) * (width - 2 * pad)

    def sy(y: float) -> float:
        return height - pad - (y - y0) / (y1 - y0) * (height - 2 * pad)

    parts = [
        f'<svg class="ot-spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="history" style="vertical-align:middle">'
    ]
    if target is not None and not math.isnan(target) and not math.isinf(target):
        parts.append(
            f'<line x1="{pad}" x2="{width - pad}" y1="{sy(target):.1f}" y2="{sy(target):.1f}" '
            f'stroke="#cf222e" stroke-width="1" stroke-dasharray="3,2"/>'
        )
    if len(points) > 1:
        path = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="#24292f" stroke-width="1.3"/>')
    last_x, last_y = points[-1]
    parts.append(f'<circle cx="{sx(last_x):.1f}" cy="{sy(last_y):.1f}" r="2" fill="#24292f"/>')
    if projected is not None and math.isfinite(projected[1]):
        px, median, lower, upper = projected
        if not (math.isnan(lower) or math.isnan(upper) or math.isinf(lower) or math.isinf(upper)):
            parts.append(
                f'<line x1="{sx(px):.1f}" x2="{sx(px):.1f}" y1="{sy(lower):.1f}" y2="{sy(upper):.1f}" '
                f'stroke="#0969da" stroke-width="3" stroke-opacity="0.35"/>'
            )
        parts.append(
            f'<line x1="{sx(last_x):.1f}" x2="{sx(px):.1f}" y1="{sy(last_y):.1f}" y2="{sy(median):.1f}" '
            f'stroke="#0969da" stroke-width="1" stroke-dasharray="2,2"/>'
        )
        parts.append(f'<circle cx="{sx(px):.1f}" cy="{sy(median):.1f}" r="2.2" fill="#0969da"/>')
    parts.append("</svg>")
    return "".join(parts)


def period_x(period: _core.Period) -> float:
    """The position of a period on a time axis: the year for annual periods, the mid-point otherwise."""
    return float(period.year) if period.freq == "annual" else float(period.decimal_year)


# ------------------------------------------------------------------------------------------- the reprs


def _rows(pairs: Iterable[tuple[str, str]]) -> str:
    return "".join(
        f'<tr><th style="{_CELL};font-weight:600;color:#57606a;width:9em">{esc(k)}</th><td style="{_CELL}">{v}</td></tr>'
        for k, v in pairs
        if v not in ("", "–")
    )


def series_html(series: _core.Series, max_values: int = 12) -> str:
    """HTML for a Series: what it is, a sparkline and its values (the first and last few when long)."""
    periods = series.periods
    values = [float(v) for v in series.values]
    head = esc(series.indicator or "(unnamed series)")
    where = f" · {esc(series.region)}" if series.region else ""
    unit = f" · {esc(series.unit)}" if series.unit else ""
    span = f"{esc(periods[0])}–{esc(periods[-1])}" if periods else "empty"
    count = series.count()
    spark = sparkline([period_x(p) for p in periods], values) if periods else ""
    shown = list(range(len(periods)))
    if len(shown) > max_values:
        half = max_values // 2
        shown = shown[:half] + [-1] + shown[-half:]
    head_cells = "".join(
        f'<th style="{_HEAD}">…</th>' if i < 0 else f'<th style="{_HEAD}">{esc(periods[i])}</th>' for i in shown
    )
    value_cells = "".join(f'<td style="{_NUM}">…</td>' if i < 0 else f'<td style="{_NUM}">{esc(fmt(values[i]))}</td>' for i in shown)
    table = (
        f'<table style="border-collapse:collapse;margin-top:4px"><tr>{head_cells}</tr><tr>{value_cells}</tr></table>'
        if periods
        else ""
    )
    return (
        f'<div class="ot-series" style="{_BOX}"><div><b>Series</b> {head}{where}{unit} '
        f'<span style="color:#57606a">({esc(series.freq)}, {span}, {count} observed)</span> {spark}</div>{table}</div>'
    )


def target_html(target: _core.Target) -> str:
    """HTML for a Target: id, what is required by when, baseline, stretch, responsibility and the quote."""
    from ontrack.io import _describe_target

    t = _TEXT["en"]
    span = ""
    if target.period_start is not None and target.period is not None and target.period_start != target.period:
        span = f"{esc(target.period_start)}–{esc(target.period)}"
    rows = [
        (t["indicator"], esc(target.indicator)),
        (t["region"], esc(target.region)),
        (t["kind"], esc(target.kind)),
        (t["target"], esc(_describe_target(target))),
        (t["deadline"], span or esc(target.period)),
        (t["baseline"], esc(target.baseline_period) + (f" = {esc(fmt(target.baseline_value))}" if target.baseline_value is not None else "")),
        (t["stretch"], esc(fmt(target.stretch * 100 if target.is_rate else target.stretch) + ("%" if target.is_rate else "")) if target.stretch is not None else ""),
        (t["commitment"], esc(target.commitment)),
        (t["lead_unit"], esc(target.lead_unit)),
        ("responsible", esc("; ".join(target.responsible_units))),
        (t["document"], esc(target.document)),
        (t["quote"], f"<q>{esc(target.quote)}</q>" if target.quote else ""),
    ]
    return (
        f'<div class="ot-target" style="{_BOX}"><div><b>Target</b> <code>{esc(target.id)}</code></div>'
        f'<table style="border-collapse:collapse">{_rows(rows)}</table></div>'
    )


def projection_html(projection: _core.Projection, max_points: int = 12) -> str:
    """HTML for a Projection: the model, why it was chosen, and each period's median and interval."""
    points = projection.points
    spark = ""
    if points:
        spark = sparkline(
            [period_x(p.period) for p in points],
            [p.mean for p in points],
            projected=(period_x(points[-1].period), points[-1].mean, points[-1].lower, points[-1].upper),
        )
    shown = points if len(points) <= max_points else points[: max_points // 2] + points[-max_points // 2 :]
    body = "".join(
        f'<tr><td style="{_CELL}">{esc(p.period)}</td><td style="{_NUM}">{esc(fmt(p.mean))}</td>'
        f'<td style="{_NUM}">{esc(fmt(p.lower))}</td><td style="{_NUM}">{esc(fmt(p.upper))}</td></tr>'
        for p in shown
    )
    more = f'<div style="color:#57606a">… {len(points) - len(shown)} more periods</div>' if len(shown) < len(points) else ""
    level = f"{projection.level:.0%}"
    return (
        f'<div class="ot-projection" style="{_BOX}"><div><b>Projection</b> {esc(projection.method)} '
        f'<span style="color:#57606a">(n = {projection.n}, AICc {esc(fmt(projection.aicc))}; {esc(projection.reason)})</span> {spark}</div>'
        f'<table style="border-collapse:collapse;margin-top:4px"><tr><th style="{_HEAD}">period</th>'
        f'<th style="{_HEAD}">median</th><th style="{_HEAD}">{level} lower</th><th style="{_HEAD}">{level} upper</th></tr>'
        f"{body}</table>{more}</div>"
    )


def _pace(required: Optional[float], actual: Optional[float], annual: bool, lang: str) -> str:
    if _missing(required) and _missing(actual):
        return ""
    t = _TEXT[lang]
    per = t["per_year"] if annual else t["per_period"]
    parts = []
    if not _missing(required):
        parts.append(f"{t['required']} {fmt(required, 3)}{per}")
    if not _missing(actual):
        parts.append(f"{t['achieved_pace']} {fmt(actual, 3)}{per}")
    return " · ".join(parts)


def assessment_html(assessment: _core.Assessment, lang: str = "en") -> str:
    """HTML for an Assessment: status badge, probability, latest and projected values, target, paces."""
    t = _TEXT[_check_lang(lang)]
    a = assessment
    interval = ""
    if a.lower is not None and a.upper is not None:
        interval = f" [{fmt(a.lower)}, {fmt(a.upper)}]"
    target = fmt(a.target_value)
    if a.target_high is not None:
        target += f"–{fmt(a.target_high)}"
    rows = [
        (t["deadline"], esc(a.deadline)),
        (t["latest"], esc(f"{fmt(a.latest_value)} ({a.latest_period})") if a.latest_period is not None else ""),
        (t["baseline"], esc(f"{fmt(a.base_value)} ({a.base_period})") if a.base_period is not None else ""),
        (t["target"], esc(target)),
        (t["stretch"], esc(fmt(a.stretch_value)) + (f" ({t['probability']} {esc(fmt_probability(a.probability_stretch))})" if a.probability_stretch is not None else "")),
        (t["projected"], esc(fmt(a.projected) + interval) if a.projected is not None else ""),
        (t["probability"], (probability_bar(a.probability) + esc(fmt_probability(a.probability))) if a.probability is not None else ""),
        (t["pace"], esc(_pace(a.required_pace, a.actual_pace, a.deadline.freq == "annual", lang))),
        (t["expected"], esc(a.expected_period) if a.expected_period is not None else ""),
        (t["method"], esc(a.method)),
        (t["message"], esc(a.message)),
    ]
    return (
        f'<div class="ot-assessment" style="{_BOX}"><div><b>Assessment</b> <code>{esc(a.id)}</code> '
        f"{badge(a.status, lang, a.scheme_status)}</div>"
        f'<table style="border-collapse:collapse">{_rows(rows)}</table></div>'
    )


# ------------------------------------------------------------------------------------ assessment tables


class HTML:
    """HTML text that Jupyter renders (``_repr_html_``); ``str()`` gives the markup."""

    def __init__(self, data: str) -> None:
        self.data = data

    def _repr_html_(self) -> str:
        return self.data

    def __str__(self) -> str:
        return self.data

    def __repr__(self) -> str:
        return f"<ontrack HTML, {len(self.data)} characters>"


def _is_annual(deadline: str) -> bool:
    return len(deadline) == 4 and deadline.isdigit()


def _cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return esc(value)


def table_html(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    observations: Optional[_core.ObservationTable] = None,
    vintage: str = "first_release",
    as_of: Any = None,
    max_rows: Optional[int] = None,
    brief: bool = False,
    summary: bool = True,
) -> str:
    """The HTML of an assessment table (``assess_table``'s DataFrame): one row per target with a status
    badge (colour, symbol and words), the probability with a bar, latest and projected values, required
    against achieved pace and the message. With ``observations`` each row gets a sparkline of its series
    (chosen as ``assess_table`` chose it: ``vintage``, and ``as_of``, by default the table's own day). ``brief`` keeps only status, id,
    indicator, target, deadline and message (for targets not assessed); ``summary`` heads the table
    with the count of each status, most at risk first. Indicators show the catalogue's name in
    ``lang`` (the id when not catalogued), with the id as the name's tooltip."""
    from ontrack.assessment import select_series

    if as_of is None:
        as_of = table.attrs.get("as_of")  # the day the table was assessed as of
    t = _TEXT[_check_lang(lang)]
    missing = [c for c in ("id", "status") if c not in table.columns]
    if missing:
        raise ValueError(f"table: not an assessment table (missing columns {missing}); use ontrack.assess_table")
    from ontrack.names import name_indicators

    table = name_indicators(table, lang)  # the catalogue's names in `lang`, the id in a tooltip
    rows = table if max_rows is None else table.head(max_rows)
    body = []
    headers = [t["status"], "id", t["indicator"], t["target"], t["deadline"]]
    if not brief:
        headers += [t["latest"], t["projected"], t["probability"], t["pace"]] + ([t["history"]] if observations is not None else [])
    headers.append(t["message"])
    index = None if observations is None else _core.ObservationIndex(observations)  # once, not per row
    for record in rows.to_dict(orient="records"):
        status = str(record.get("status", ""))
        deadline = _cell(record.get("deadline"))
        latest = ""
        if not _missing(record.get("latest_value")):
            latest = f"{esc(fmt(record['latest_value']))} <span style=\"color:#57606a\">({_cell(record.get('latest_period'))})</span>"
        projected = ""
        if not _missing(record.get("projected")):
            projected = esc(fmt(record["projected"]))
            if not _missing(record.get("lower")) and not _missing(record.get("upper")):
                projected += f' <span style="color:#57606a">[{esc(fmt(record["lower"]))}, {esc(fmt(record["upper"]))}]</span>'
        p = record.get("probability")
        probability = "" if _missing(p) else probability_bar(p) + esc(fmt_probability(p))
        pace = esc(_pace(record.get("required_pace"), record.get("actual_pace"), _is_annual(str(record.get("deadline", ""))), lang))
        chart = ""
        if index is not None and record.get("region") is not None:
            try:
                s = select_series(index, str(record["region"]), str(record.get("indicator_id", record["indicator"])), vintage, as_of)
            except _core.OntrackError:
                s = None
            if s is not None and len(s) > 0:
                proj = None
                if not _missing(record.get("projected")) and _is_annual(str(record.get("deadline", ""))):
                    proj = (float(record["deadline"]), float(record["projected"]), float(record.get("lower", math.nan)), float(record.get("upper", math.nan)))
                chart = sparkline([period_x(q) for q in s.periods], [float(v) for v in s.values], projected=proj)
        where = _cell(record.get("region"))
        # A table whose indicators are named (names.name_indicators) keeps the id in a tooltip.
        tooltip = f' title="{esc(str(record["indicator_id"]))}"' if "indicator_id" in record else ""
        cells = [
            (t["status"], f'<td style="{_CELL}">{badge(status, lang, str(record.get("scheme_status", "")))}</td>'),
            ("id", f'<td style="{_CELL}"><code>{_cell(record.get("id"))}</code></td>'),
            (t["indicator"], f'<td style="{_CELL};overflow-wrap:anywhere;min-width:9em"{tooltip}>{_cell(record.get("indicator"))}<div style="color:#57606a">{where}</div></td>'),
            (t["target"], f'<td style="{_CELL};min-width:6em">{_cell(record.get("target"))}</td>'),
            (t["deadline"], f'<td style="{_CELL}">{deadline}</td>'),
        ]
        if not brief:
            cells += [
                (t["latest"], f'<td style="{_NUM}">{latest}</td>'),
                (t["projected"], f'<td style="{_NUM}">{projected}</td>'),
                (t["probability"], f'<td style="{_CELL};white-space:nowrap">{probability}</td>'),
                (t["pace"], f'<td style="{_CELL}">{pace}</td>'),
            ]
            if observations is not None:
                cells.append((t["history"], f'<td style="{_CELL}">{chart}</td>'))
        cells.append((t["message"], f'<td style="{_CELL};color:#57606a;font-size:12px;min-width:16em">{_cell(record.get("message"))}</td>'))
        body.append(f'<tr class="ot-row" data-status="{esc(status)}">{"".join(c for _, c in cells)}</tr>')
    head = "".join(f'<th style="{_HEAD}">{esc(h)}</th>' for h in headers)
    from ontrack.assessment import RISK_ORDER

    counts = table["status"].value_counts()
    order = [s for s in RISK_ORDER if s in counts.index] + [s for s in counts.index if s not in RISK_ORDER]
    line = " ".join(f"{badge(str(s), lang)} {int(counts[s])}" for s in order)
    more = ""
    if max_rows is not None and len(table) > max_rows:
        more = f'<div style="color:#57606a">… {len(table) - max_rows} {t["more"]}</div>'
    top = f'<div style="margin-bottom:6px">{len(table)} {esc(t["targets"])}: {line}</div>' if summary else ""
    return (
        f'<div class="ot-table" style="{_BOX};max-width:none">{top}'
        f'<table style="border-collapse:collapse;width:100%"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>{more}</div>'
    )


def display_table(
    table: pd.DataFrame,
    *,
    lang: str = "en",
    observations: Optional[_core.ObservationTable] = None,
    vintage: str = "first_release",
    as_of: Any = None,
    max_rows: Optional[int] = None,
) -> HTML:
    """An assessment table as Jupyter shows it: ``ot.display_table(ot.assess_table(...))``.

    The DataFrame itself is unchanged (``assess_table`` still returns a plain DataFrame); this wraps
    ``table_html`` in an object with ``_repr_html_``. ``str()`` of the result is the HTML.
    """
    return HTML(table_html(table, lang=lang, observations=observations, vintage=vintage, as_of=as_of, max_rows=max_rows))


def _series_repr(self: _core.Series) -> str:
    """HTML for Jupyter: see ``ontrack.display.series_html``."""
    return series_html(self)


def _target_repr(self: _core.Target) -> str:
    """HTML for Jupyter: see ``ontrack.display.target_html``."""
    return target_html(self)


def _projection_repr(self: _core.Projection) -> str:
    """HTML for Jupyter: see ``ontrack.display.projection_html``."""
    return projection_html(self)


def _assessment_repr(self: _core.Assessment) -> str:
    """HTML for Jupyter: see ``ontrack.display.assessment_html``."""
    return assessment_html(self)


def install() -> None:
    """Attach ``_repr_html_`` to the compiled classes (done once at import)."""
    setattr(_core.Series, "_repr_html_", _series_repr)
    setattr(_core.Target, "_repr_html_", _target_repr)
    setattr(_core.Projection, "_repr_html_", _projection_repr)
    setattr(_core.Assessment, "_repr_html_", _assessment_repr)

"""A self-contained HTML report of a plan's assessment: the table of verdicts and one chart per
assessable target, as ``ontrack assess --format html --output report.html`` writes it.

The page needs nothing else: CSS inline, charts as base64 PNG (``data:`` URLs), no scripts, no fonts,
images or styles from the network. All text from the data is escaped.
"""

from __future__ import annotations

import base64
import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any, Optional

import pandas as pd

from ontrack import _core
from ontrack._files import write_atomically
from ontrack.display import STATUS_STYLE, badge, esc, status_label, table_html

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif;
       margin: 24px auto; max-width: 1400px; padding: 0 16px; color: #24292f; background: #ffffff; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.ot-meta { color: #57606a; margin: 0 0 12px 0; }
.ot-legend { color: #57606a; font-size: 12px; margin: 10px 0; }
.ot-legend span.ot-badge { margin-right: 2px; }
.ot-charts { display: flex; flex-wrap: wrap; gap: 18px; }
figure.ot-chart { margin: 0; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; max-width: 580px; }
figure.ot-chart img { max-width: 100%; height: auto; display: block; }
figure.ot-chart figcaption { font-size: 12px; color: #57606a; margin-top: 4px; }
.ot-table table { font-size: 13px; }
@media print {
  @page { size: A4; margin: 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10px; }
  .ot-table table { font-size: 9px; }
  tr, figure.ot-chart { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  .ot-charts { gap: 8px; }
  figure.ot-chart { max-width: 48%; }
}
"""

_WORDS = {
    "en": {
        "title": "Plan assessment",
        "charts": "Charts",
        "table": "Assessed targets, most at risk first",
        "unassessed": "Not assessable: no data or too little",
        "targets": "targets",
        "legend": "Status: met/missed = deadline observed; achieved = already reached; on track / at risk / off track / "
        "regressing = by the scheme; awaiting data = deadline passed, figure not yet published (nowcast P(met), expected date); "
        "not assessable = no data or too little (the message says which).",
        "generated": "generated",
        "as_of": "as of",
        "all_data": "every figure in the file",
        "none": "No target could be assessed: there are no charts.",
    },
    "zh": {
        "title": "规划目标评估",
        "charts": "图表",
        "table": "已评估目标(风险最高者在前)",
        "unassessed": "无法评估(无数据或数据不足)",
        "targets": "个目标",
        "legend": "状态:已实现/未实现 = 目标期已有数据;已提前实现 = 已达到;进展顺利/存在风险/进度滞后/倒退 = 按评估方案;"
        "待数据发布 = 目标期已过、数据尚未公布(给出即时预测概率和预计发布日期);无法评估 = 无数据或数据不足(见说明)。",
        "generated": "生成于",
        "as_of": "评估日",
        "all_data": "文件中的全部数据",
        "none": "没有可评估的目标,因此没有图表。",
    },
}


def chart_images(
    table: pd.DataFrame,
    targets: Sequence[_core.Target],
    observations: _core.ObservationTable,
    *,
    vintage: str = "first_release",
    lang: str = "en",
    dpi: int = 100,
) -> list[tuple[str, str, bytes]]:
    """(target id, status, PNG bytes) for every assessable row of ``table``, in the table's order, each
    drawn from the row's own assessment (``ontrack.plot.assessed_rows``)."""
    from ontrack.plot import assessed_rows, figure_png, plot_assessment

    assessable = table[table["status"] != "not_assessable"]
    images: list[tuple[str, str, bytes]] = []
    for target, series, result in assessed_rows(assessable, targets, observations, vintage=vintage):
        if result is None:
            continue
        figure = plot_assessment(result, series, target, lang=lang)
        images.append((target.id, result.status, figure_png(figure, dpi=dpi)))
    return images


def render_report(
    table: pd.DataFrame,
    targets: Sequence[_core.Target],
    observations: _core.ObservationTable,
    *,
    vintage: str = "first_release",
    lang: str = "en",
    title: Optional[str] = None,
    header: str = "",
    dpi: int = 100,
) -> str:
    """The HTML page: title, ``header`` line, the day of the assessment, status counts, the table
    (badges, probabilities, paces, sparklines) and one chart per assessable target (base64 PNG). Needs
    matplotlib for the charts.

    ``table`` is ``assess_table``'s result: the charts draw the assessments it carries, so page and
    table agree row by row; ``vintage`` chooses the history drawn where an indicator has several.
    """
    if lang not in _WORDS:
        raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
    words = _WORDS[lang]
    from ontrack.i18n import localise_table

    as_of = table.attrs.get("as_of")
    images = chart_images(table, targets, observations, vintage=vintage, lang=lang, dpi=dpi)
    from ontrack.names import name_indicators

    # Messages, target wording and indicator names (the catalogue's; the id in a tooltip) in the report's language.
    table = name_indicators(localise_table(table, lang), lang)
    charts = []
    for target_id, status, png in images:
        data = base64.b64encode(png).decode("ascii")
        alt = f"{target_id}: {status_label(status, lang)}"
        charts.append(
            f'<figure class="ot-chart" id="chart-{esc(target_id)}">'
            f'<img src="data:image/png;base64,{data}" alt="{esc(alt)}">'
            f"<figcaption>{badge(status, lang)} <code>{esc(target_id)}</code></figcaption></figure>"
        )
    legend = " ".join(badge(status, lang) for status in STATUS_STYLE)
    assessed = table[table["status"] != "not_assessable"]
    unassessed = table[table["status"] == "not_assessable"]
    # The status counts, most at risk first (the table's own order).
    statuses = table["status"].value_counts(sort=False)
    order = list(dict.fromkeys(table["status"]))
    counts = (
        f'<p class="ot-counts">{len(table)} {esc(words["targets"])}: '
        + " ".join(f"{badge(str(s), lang)} {int(statuses[s])}" for s in order)
        + "</p>"
    )
    heading = title if title is not None else words["title"]
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(heading)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>{esc(heading)}</h1>\n"
        f'<p class="ot-meta">{esc(header)}{" · " if header else ""}{esc(words["as_of"])} {esc(str(as_of) if as_of else words["all_data"])} · '
        f'{esc(words["generated"])} {esc(stamp)}</p>\n'
        f"{counts}\n"
        f'<h2>{esc(words["table"])}</h2>\n'
        f"{table_html(assessed, lang=lang, observations=observations, vintage=vintage, as_of=as_of, summary=False)}\n"
        f'<p class="ot-legend">{legend}<br>{esc(words["legend"])}</p>\n'
        f'<h2>{esc(words["charts"])}</h2>\n'
        f'<div class="ot-charts">{"".join(charts) if charts else esc(words["none"])}</div>\n'
        + (f'<h2>{esc(words["unassessed"])} ({len(unassessed)})</h2>\n'
           f"{table_html(unassessed, lang=lang, brief=True, summary=False)}\n" if len(unassessed) else "")
        + "</body></html>\n"
    )


def write_report(path: str | os.PathLike[str], table: pd.DataFrame, targets: Sequence[_core.Target],
                 observations: _core.ObservationTable, **options: Any) -> None:
    """Write ``render_report(table, targets, observations, **options)`` to ``path`` atomically."""
    write_atomically(os.fspath(path), render_report(table, targets, observations, **options))

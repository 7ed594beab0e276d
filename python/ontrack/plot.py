"""Charts of targets, projections and whole plans with matplotlib (optional: ``pip install ontrack[plot]``).

matplotlib is imported only when a chart is drawn. Figures are made with ``matplotlib.figure.Figure``
and an Agg canvas, not pyplot: they need no display and no GUI backend, keep no global state, and
Jupyter shows a returned Figure once. Pass ``ax=`` to draw into an Axes of your own (pyplot or not).

Labels are English (``lang="en"``) or Chinese (``lang="zh"``). Chinese labels, and any user text with
Chinese characters (region names, units such as 亿元), need a CJK font: one is looked up with
matplotlib's font manager (Noto Sans CJK, Source Han Sans, WenQuanYi, …). Without one, labels fall back
to English and Chinese characters in user text are left out, with a ``FontWarning`` — never boxes.
"""

from __future__ import annotations

import functools
import io
import math
import re
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Optional

from ontrack import _core
from ontrack.display import STATUS_STYLE, fmt, fmt_probability, period_x, status_colour, status_label

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ontrack.projection import SeriesLike

INSTALL_HINT = "pip install ontrack[plot]"

# Families tried in order; the first one matplotlib's font manager knows is used.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Noto Sans CJK JP",
    "Noto Sans CJK TC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "Arial Unicode MS",
    "Droid Sans Fallback",
)

# Kinds whose target is a level of the series at the deadline (or, per_period, in every period).
_LEVEL_KINDS = ("level", "relative", "growth", "average_growth", "increment", "per_period")
# Chinese characters, CJK punctuation and full-width forms: what a Latin font cannot draw.
_CJK = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
_UNIT_WORDS = {
    "亿元": "100 million yuan",
    "万元": "10,000 yuan",
    "元": "yuan",
    "家": "firms",
    "个": "units",
    "件": "items",
    "项": "items",
    "人": "persons",
    "万人": "10,000 persons",
}

COLOURS = {
    "observed": "#24292f",
    "later": "#8c959f",
    "projection": "#0969da",
    "fan": "#54aeff",
    "target": "#cf222e",
    "stretch": "#bf3989",
    "required": "#8250df",
    "baseline": "#1a7f37",
    "deadline": "#57606a",
}

LABELS = {
    "en": {
        "observed": "observed",
        "later": "published after the as-of date",
        "projection": "projection ({method})",
        "interval": "{level:.0%} interval",
        "target": "target {value}",
        "target_band": "target band",
        "stretch": "stretch {value}",
        "baseline": "baseline {period}",
        "deadline": "deadline {period}",
        "required": "required path",
        "latest": "latest {period}",
        "probability": "P(met) {p}",
        "as_of": "as of {date}",
        "expected": "figure due {date}",
        "year": "year",
        "plan": "{n} targets",
        "no_data": "no data",
    },
    "zh": {
        "observed": "观测值",
        "later": "评估日之后公布",
        "projection": "预测({method})",
        "interval": "{level:.0%}预测区间",
        "target": "目标 {value}",
        "target_band": "目标区间",
        "stretch": "力争目标 {value}",
        "baseline": "基期 {period}",
        "deadline": "目标期 {period}",
        "required": "达标所需路径",
        "latest": "最新 {period}",
        "probability": "达成概率 {p}",
        "as_of": "评估日 {date}",
        "expected": "预计{date}发布",
        "year": "年份",
        "plan": "{n}个目标",
        "no_data": "无数据",
    },
}


GENERIC = {
    "en": {"projection": "projection", "target": "target", "stretch": "stretch target", "baseline": "baseline",
           "deadline": "deadline", "history": "observed", "later": "published after the as-of date"},
    "zh": {"projection": "预测", "target": "目标", "stretch": "力争目标", "baseline": "基期", "deadline": "目标期",
           "history": "观测值", "later": "评估日之后公布"},
}


class FontWarning(UserWarning):
    """No CJK-capable font: Chinese labels fell back to English (or Chinese characters were left out)."""


def _matplotlib() -> Any:
    """matplotlib, imported on first use, with a clear message when it is not installed."""
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - exercised by test_plot with the import blocked
        raise ImportError(f"ontrack's charts need matplotlib, which is not installed: {INSTALL_HINT}") from exc
    return matplotlib


@functools.lru_cache(maxsize=1)
def _installed_cjk_font() -> Optional[str]:
    _matplotlib()
    from matplotlib import font_manager

    def first() -> Optional[str]:
        known = {font.name for font in font_manager.fontManager.ttflist}
        return next((family for family in CJK_FONTS if family in known), None)

    found = first()
    if found is None:
        # matplotlib caches its font list; a font installed after that (apt-get install
        # fonts-wqy-zenhei on a machine that had already used matplotlib) is not in it. Add the system
        # fonts the cache does not know, then look again.
        cached = {font.fname for font in font_manager.fontManager.ttflist}
        for path in font_manager.findSystemFonts():
            if path not in cached:
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):
                    continue
        found = first()
    return found


def _weight_number(weight: Any) -> int:
    from matplotlib import font_manager

    return int(weight) if isinstance(weight, (int, float)) else int(font_manager.weight_dict.get(str(weight), 400))


@functools.lru_cache(maxsize=None)
def _font_weights(family: str) -> tuple[int, ...]:
    from matplotlib import font_manager

    weights = {_weight_number(f.weight) for f in font_manager.fontManager.ttflist if f.name == family}
    return tuple(sorted(weights)) or (400,)


# Stand-ins for symbols that CJK fonts often lack (WenQuanYi has no check marks).
_SUBSTITUTES = {"✓": "√", "✔": "√", "✗": "×", "✘": "×"}


@functools.lru_cache(maxsize=None)
def _charmap(family: str) -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    paths = [f.fname for f in font_manager.fontManager.ttflist if f.name == family]
    return frozenset(FT2Font(paths[0]).get_charmap()) if paths else frozenset()


def _drawable(text: str, family: str) -> str:
    """``text`` with what ``family`` cannot draw replaced by a stand-in, or left out: never a box."""
    available = _charmap(family)
    if not available or all(ord(c) in available or c in "\n\t" for c in text):
        return text
    out = []
    for c in text:
        if ord(c) in available or c in "\n\t":
            out.append(c)
        elif c in _SUBSTITUTES and ord(_SUBSTITUTES[c]) in available:
            out.append(_SUBSTITUTES[c])
    return "".join(out)


def _cjk_weight(family: str, wanted: Any) -> int:
    """The weight of ``family`` closest to ``wanted`` (e.g. 500 for WenQuanYi Zen Hei, which has one)."""
    target = _weight_number(wanted)
    return min(_font_weights(family), key=lambda w: (abs(w - target), w))


def find_cjk_font() -> Optional[str]:
    """The family name of an installed font that draws Chinese, or None (see ``CJK_FONTS``)."""
    return _installed_cjk_font()


def plain_text(value: str) -> str:
    """User text (an indicator name, an id, a unit) drawn as written: matplotlib reads text between two
    ``$`` as math notation (and fails on most of it), an escaped ``\\$`` is drawn as a dollar sign.
    Escaping twice changes nothing."""
    return _DOLLAR.sub(r"\\$", value)


_DOLLAR = re.compile(r"(?<!\\)\$")


class _Fonts:
    """The font choice for one figure: the language used, the families, and how to clean user text."""

    def __init__(self, lang: str) -> None:
        if lang not in LABELS:
            raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
        self.cjk = find_cjk_font()
        self.warned = False
        if lang == "zh" and self.cjk is None:
            self._warn("no CJK-capable font found (install Noto Sans CJK or WenQuanYi Zen Hei, e.g. "
                       "apt-get install fonts-wqy-zenhei); labels are in English")
            lang = "en"
        self.lang = lang

    def _warn(self, message: str) -> None:
        if not self.warned:
            warnings.warn(message, FontWarning, stacklevel=4)
            self.warned = True

    def text(self, value: str) -> str:
        """User text as it can be drawn: unchanged with a CJK font, else Chinese left out (units translated)."""
        if self.cjk is not None or not _CJK.search(value):
            return plain_text(value)
        self._warn(f"no CJK-capable font found: Chinese characters left out of {value!r}")
        cleaned = _CJK.sub(lambda m: f" {_UNIT_WORDS[m.group(0)]} " if m.group(0) in _UNIT_WORDS else " ", value)
        return plain_text(" ".join(cleaned.split()))

    def label(self, key: str, **values: Any) -> str:
        return plain_text(LABELS[self.lang][key].format(**values))

    def apply(self, figure: Figure) -> None:
        """Set the CJK font on every text of the figure that needs it (all of them in Chinese).

        The family is the CJK font alone, at a weight it has: a family list would make matplotlib
        look up (and log about) weights the CJK font lacks even for Latin text. Its Latin glyphs serve.
        """
        from matplotlib.text import Text

        if self.cjk is None:
            return
        for text in figure.findobj(Text):
            if self.lang == "zh" or _CJK.search(text.get_text()):
                text.set_text(_drawable(text.get_text(), self.cjk))
                text.set_fontfamily([self.cjk])
                text.set_fontweight(_cjk_weight(self.cjk, text.get_fontweight()))
        if self.lang == "zh" and 0x2212 not in _charmap(self.cjk):
            # Tick labels are formatted at draw time with U+2212 MINUS SIGN (axes.unicode_minus), which
            # fonts such as WenQuanYi lack (a box): these axes write the ASCII hyphen-minus instead.
            for axes in figure.axes:
                for axis in (axes.xaxis, axes.yaxis):
                    for formatter in (axis.get_major_formatter(), axis.get_minor_formatter()):
                        formatter.fix_minus = _ascii_minus  # type: ignore[method-assign,assignment]


def _ascii_minus(text: str) -> str:
    return text


def _new_figure(figsize: tuple[float, float]) -> Figure:
    _matplotlib()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(figure)
    _show_in_jupyter()
    return figure


def _show_in_jupyter() -> None:
    """In IPython/Jupyter, show a returned Figure as a PNG. Without pyplot (and its inline backend
    hooks) IPython knows no image format for a Figure and would print '<Figure size …>'."""
    import sys

    ipython = sys.modules.get("IPython")
    shell: Any = getattr(ipython, "get_ipython", lambda: None)() if ipython is not None else None
    if shell is None or not hasattr(shell, "display_formatter"):
        return
    from matplotlib.figure import Figure

    formatter = shell.display_formatter.formatters["image/png"]
    try:
        formatter.lookup_by_type(Figure)  # pyplot's inline backend (or we) already did it
    except KeyError:
        formatter.for_type(Figure, _jupyter_png)


def _jupyter_png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def _axes(ax: Optional[Axes], figsize: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    return _new_figure(figsize).add_subplot()


def _figure_of(ax: Axes) -> Figure:
    """The top-level Figure of ``ax`` (through any SubFigures)."""
    from matplotlib.figure import Figure

    figure: Any = ax.get_figure()
    while figure is not None and not isinstance(figure, Figure):
        figure = figure.get_figure()
    if figure is None:
        raise ValueError("ax: the Axes belongs to no figure")
    return figure


def figure_png(figure: Figure, dpi: int = 100) -> bytes:
    """The figure as PNG bytes (Agg, no display needed)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _value_text(x: Optional[float], unit: str) -> str:
    text = fmt(x)
    return f"{text}{unit}" if unit in ("%", "‰") else text


# -------------------------------------------------------------------------------------------- drawing


def _known(series: _core.Series, latest: Optional[_core.Period]) -> tuple[_core.Series, list[tuple[float, float]]]:
    """The series up to ``latest`` (the last period the assessment used: what was known and published
    on its day) and the points after it (what happened next). All of it when ``latest`` is None."""
    if latest is None or len(series) == 0:
        return series, []
    kept = [p for p in series.periods if not latest < p]
    later = [(period_x(p), series.at(p)) for p in series.periods if latest < p and not math.isnan(series.at(p))]
    if not kept:
        return _core.Series.from_pairs([], [], series.indicator, series.region, series.unit), later
    return series.slice(kept[0], kept[-1]), later


def _running_sum(series: _core.Series, start: _core.Period) -> _core.Series:
    """Σ x(t) from ``start`` on, period by period (a cumulative target's progress); gaps stay gaps."""
    periods: list[_core.Period] = []
    values: list[float] = []
    total = 0.0
    for p in series.periods:
        if p < start:
            continue
        x = series.at(p)
        if math.isnan(x):
            periods.append(p)
            values.append(math.nan)
            continue
        total += x
        periods.append(p)
        values.append(total)
    return _core.Series.from_pairs(periods, values, series.indicator, series.region, series.unit)


def _draw_history(ax: Axes, series: _core.Series, later: list[tuple[float, float]], fonts: _Fonts, compact: bool) -> None:
    periods, values = series.observed()
    if len(periods):
        xs = [period_x(p) for p in periods]
        ax.plot(xs, list(values), color=COLOURS["observed"], marker="o", markersize=3 if compact else 4, linewidth=1.5,
                label=fonts.label("observed"), zorder=4, gid="history")
    if later:
        ax.plot([x for x, _ in later], [y for _, y in later], color=COLOURS["later"], marker="o", markersize=3 if compact else 4,
                markerfacecolor="white", linestyle=":", linewidth=1, label=fonts.label("later"), zorder=3, gid="later")


def _draw_projection(
    ax: Axes, projection: _core.Projection, series: Optional[_core.Series], fonts: _Fonts, until: Optional[_core.Period] = None
) -> None:
    points = [p for p in projection.points if until is None or not until < p.period]
    if not points:
        return
    xs = [period_x(p.period) for p in points]
    means = [p.mean for p in points]
    lowers = [p.lower for p in points]
    uppers = [p.upper for p in points]
    if series is not None and series.end is not None and not math.isnan(series.at(series.end)):
        # Start the fan at the latest observation, so that the projection visibly continues the history.
        xs = [period_x(series.end)] + xs
        last = series.at(series.end)
        means, lowers, uppers = [last] + means, [last] + lowers, [last] + uppers
    ax.fill_between(xs, lowers, uppers, color=COLOURS["fan"], alpha=0.3, linewidth=0,
                    label=fonts.label("interval", level=projection.level), zorder=1, gid="fan")
    ax.plot(xs, means, color=COLOURS["projection"], linestyle="--", linewidth=1.5,
            label=fonts.label("projection", method=projection.method), zorder=2, gid="projection")


def _target_level(
    assessment: _core.Assessment, target: Optional[_core.Target]
) -> tuple[Optional[float], Optional[float], Optional[float]]:
    """The target as a number at the deadline and the ends of its band (``within``, ``~``), where it is a
    level of the series: (value, low, high). A sum over a span or a direction is not."""
    if target is not None and target.kind not in _LEVEL_KINDS:
        return None, None, None
    if assessment.target_value is not None:
        high = assessment.target_high
        low = assessment.target_low if assessment.target_low is not None else (assessment.target_value if high is not None else None)
        return assessment.target_value, low, high
    if target is not None and target.kind == "level":
        high = assessment.observed.required_high
        return assessment.observed.required, assessment.observed.required if high is not None else None, high
    return None, None, None


def _draw_assessment(
    ax: Axes,
    assessment: _core.Assessment,
    series: Optional[_core.Series],
    target: Optional[_core.Target],
    fonts: _Fonts,
    *,
    as_of: Any,
    level: float,
    title: Optional[str],
    compact: bool,
) -> None:
    a = assessment
    unit = (target.unit if target is not None and target.unit else "") or (series.unit if series is not None else "")
    later: list[tuple[float, float]] = []
    known = None
    cumulative = target is not None and target.kind == "cumulative" and target.period_start is not None
    if series is not None:
        known, later = _known(series, a.latest_period)
        if cumulative:
            # A cumulative target is about the running sum: draw it, not the flows.
            assert target is not None and target.period_start is not None
            known = _running_sum(known, target.period_start)
            later = []
        _draw_history(ax, known, later, fonts, compact)
    # Projection fan: the one the assessment used (the flows of a cumulative target: its sum is drawn at
    # the deadline below).
    projection = a.projection
    if projection is not None and not cumulative and series is not None:
        _draw_projection(ax, projection, known, fonts, until=a.deadline if known is None or known.end is None or a.deadline > known.end else known.end + 1)
    elif a.projected is not None and a.basis in ("projected", "nowcast", "pace") and (series is None or cumulative):
        x = period_x(a.deadline)
        if a.lower is not None and a.upper is not None:
            ax.fill_between([x - 0.15, x + 0.15], [a.lower] * 2, [a.upper] * 2, color=COLOURS["fan"], alpha=0.3, linewidth=0,
                            label=fonts.label("interval", level=a.level), zorder=1, gid="fan")
        start = (known.end, known.at(known.end)) if known is not None and known.end is not None else (
            (a.latest_period, a.latest_value) if a.latest_period is not None and a.latest_value is not None and not cumulative else None)
        if start is not None and not math.isnan(start[1]):
            ax.plot([period_x(start[0]), x], [start[1], a.projected], color=COLOURS["projection"], linestyle="--",
                    linewidth=1.5, label=fonts.label("projection", method=a.method), zorder=2, gid="projection")
    if series is None and a.latest_period is not None and a.latest_value is not None:
        ax.plot([period_x(a.latest_period)], [a.latest_value], "o", color=COLOURS["observed"],
                label=fonts.label("latest", period=a.latest_period), zorder=4, gid="history")
    # Baseline.
    if a.base_period is not None and a.base_value is not None:
        ax.plot([period_x(a.base_period)], [a.base_value], marker="s", markersize=7 if not compact else 5, linestyle="none",
                markerfacecolor="white", markeredgecolor=COLOURS["baseline"], markeredgewidth=1.8,
                label=fonts.label("baseline", period=a.base_period), zorder=5, gid="baseline")
    # Target line (or band) and stretch, from the baseline (or the first observation) to the deadline.
    deadline_x = period_x(a.deadline)
    start_x = period_x(a.base_period) if a.base_period is not None else None
    if start_x is None and known is not None and known.start is not None:
        start_x = period_x(known.start)
    if target is not None and target.kind in ("per_period", "cumulative") and target.period_start is not None:
        start_x = period_x(target.period_start)  # a floor for every period of the span, or the sum over it
    if start_x is None or start_x >= deadline_x:
        start_x = deadline_x - 1
    value, low, high = _target_level(a, target)
    if cumulative and a.target_value is not None:
        value, low, high = a.target_value, a.target_low, a.target_high
    if value is not None and not math.isnan(value):
        if low is not None and high is not None and not math.isnan(low) and not math.isnan(high):
            ax.fill_between([start_x, deadline_x], [low] * 2, [high] * 2, color=COLOURS["target"], alpha=0.15, linewidth=0,
                            label=fonts.label("target_band"), zorder=0, gid="target_band")
        ax.plot([start_x, deadline_x], [value, value], color=COLOURS["target"], linewidth=1.6,
                label=fonts.label("target", value=_value_text(value, unit)), zorder=3, gid="target")
        ax.plot([deadline_x], [value], marker="*", markersize=11 if not compact else 8, color=COLOURS["target"],
                linestyle="none", zorder=6, gid="target_point")
        # Required path: from the latest observation straight to the target at the deadline.
        # Not when the latest value already satisfies the target (the path would point away from it).
        satisfied = target is not None and a.latest_value is not None and (
            (target.comparator in (">=", ">") and a.latest_value >= value)
            or (target.comparator in ("<=", "<") and a.latest_value <= value)
        )
        if (a.latest_period is not None and a.latest_value is not None and a.latest_period < a.deadline
                and a.required_pace is not None and not satisfied and not cumulative):
            ax.plot([period_x(a.latest_period), deadline_x], [a.latest_value, value], color=COLOURS["required"],
                    linestyle=(0, (1, 1.5)), linewidth=1.8, label=fonts.label("required"), zorder=3, gid="required")
    if a.stretch_value is not None and not math.isnan(a.stretch_value) and a.stretch_value != value:
        ax.plot([start_x, deadline_x], [a.stretch_value] * 2, color=COLOURS["stretch"], linestyle="-.", linewidth=1.2,
                label=fonts.label("stretch", value=_value_text(a.stretch_value, unit)), zorder=3, gid="stretch")
    ax.axvline(deadline_x, color=COLOURS["deadline"], linestyle=":", linewidth=1, zorder=0, gid="deadline",
               label=fonts.label("deadline", period=a.deadline))
    # Status badge: colour and words.
    badge = f"{STATUS_STYLE.get(a.status, ('', '', '', ''))[1]} {status_label(a.status, fonts.lang)}".strip()
    if a.probability is not None and a.status not in ("met", "missed", "not_assessable"):
        badge += " · " + fonts.label("probability", p=fmt_probability(a.probability))
    if a.expected_publication is not None:
        badge += " · " + fonts.label("expected", date=a.expected_publication.isoformat())
    # Inside the panel's top-left corner in small multiples; above the legend, right of the axes, otherwise.
    ax.text(0.01 if compact else 1.02, 0.97 if compact else 1.0, badge, transform=ax.transAxes, ha="left", va="top",
            fontsize=8 if compact else 9, color="white", fontweight="bold", zorder=10, gid="status", clip_on=False,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": status_colour(a.status), "edgecolor": "none"})
    if title is None:
        parts = [a.id]
        if target is not None:
            from ontrack.names import indicator_labels

            parts.append(indicator_labels([target.indicator], fonts.lang)[target.indicator])  # the catalogue's name
            if target.region:
                parts.append(target.region)
        elif series is not None and series.indicator:
            parts.append(series.indicator)
        title = " · ".join(parts)
        day = as_of if as_of is not None else a.as_of
        if day is not None and not compact:
            title += " (" + fonts.label("as_of", date=day) + ")"
    ax.set_title(fonts.text(title), loc="left", fontsize=9 if compact else 11)
    if unit and not compact:
        _unit_label(ax, fonts.text(unit))
    _finish_axes(ax, fonts, compact, legend_top=0.9)


def _unit_label(ax: Axes, unit: str) -> None:
    # Short units ('%', '亿元') read better upright.
    if len(unit) <= 4:
        ax.set_ylabel(unit, rotation=0, ha="right", va="center")
    else:
        ax.set_ylabel(unit)


def _finish_axes(ax: Axes, fonts: _Fonts, compact: bool, legend_top: float = 1.0) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5 if compact else 8))
    ax.grid(True, color="#eaeef2", linewidth=0.8, zorder=-1)
    ax.spines[["top", "right"]].set_visible(False)
    if compact:
        ax.tick_params(labelsize=7)
    else:
        ax.set_xlabel(fonts.label("year"))
        handles, labels = ax.get_legend_handles_labels()
        if handles:
            ax.legend(handles, labels, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, legend_top), frameon=False)


# ------------------------------------------------------------------------------------------- public API


def plot_assessment(
    assessment: _core.Assessment,
    series: Optional[SeriesLike] = None,
    target: Optional[_core.Target] = None,
    *,
    as_of: Any = None,
    level: float = 0.95,
    lang: str = "en",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Figure:
    """Chart of one assessment: history (with ``series``; points published after ``as_of`` hollow),
    the projection fan of the model the assessment used, the target line (or band) and stretch, the
    baseline, the deadline, the required path from the latest value to the target, and a status badge.

    Without ``series`` only what the assessment holds is drawn (latest value, baseline, projection and
    interval at the deadline). Pass the ``as_of`` and ``level`` the assessment was made with so that the
    fan is the one it used. Returns the Figure (that of ``ax`` when given).
    """
    from ontrack.projection import _as_series

    fonts = _Fonts(lang)
    axes = _axes(ax, (8.0, 4.2))
    s = None if series is None else _as_series(series)
    _draw_assessment(axes, assessment, s, target, fonts, as_of=as_of, level=level, title=title, compact=False)
    figure = _figure_of(axes)
    fonts.apply(figure)
    return figure


def plot_target(
    target: _core.Target,
    series: SeriesLike,
    *,
    method: str = "default",
    scheme: str = "probability",
    as_of: Any = None,
    level: float = 0.95,
    thresholds: Optional[dict[str, float]] = None,
    lang: str = "en",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Figure:
    """Assess ``target`` against ``series`` (``ontrack.assess`` with the same options) and chart it; see
    ``plot_assessment``. With ``as_of`` the later observations are shown hollow: what happened next."""
    from ontrack.assessment import assess
    from ontrack.projection import _as_series

    s = _as_series(series)
    result = assess(target, s, method, scheme, as_of, level, thresholds)
    return plot_assessment(result, s, target, as_of=as_of, level=level, lang=lang, ax=ax, title=title)


def plot_projection(
    projection: _core.Projection,
    series: Optional[SeriesLike] = None,
    *,
    lang: str = "en",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Figure:
    """Chart of a projection: median (dashed) and interval fan, after the observed ``series`` if given."""
    from ontrack.projection import _as_series

    fonts = _Fonts(lang)
    axes = _axes(ax, (7.0, 4.0))
    s = None if series is None else _as_series(series)
    if s is not None:
        _draw_history(axes, s, [], fonts, compact=False)
    _draw_projection(axes, projection, s, fonts)
    if title is None:
        title = (s.indicator + " · " if s is not None and s.indicator else "") + fonts.label("projection", method=projection.method)
    axes.set_title(fonts.text(title), loc="left", fontsize=11)
    if s is not None and s.unit:
        _unit_label(axes, fonts.text(s.unit))
    _finish_axes(axes, fonts, compact=False)
    figure = _figure_of(axes)
    fonts.apply(figure)
    return figure


def assessed_rows(
    table: pd.DataFrame,
    targets: Sequence[_core.Target],
    observations: Optional[_core.ObservationTable] = None,
    *,
    vintage: str = "first_release",
) -> list[tuple[_core.Target, Optional[_core.Series], Optional[_core.Assessment]]]:
    """(target, series, assessment) for every row of ``table`` (``assess_table``'s result), in its order:
    the assessment is the table's own (``table.attrs["assessments"]``), never made again, so a chart
    shows exactly the verdict of its row. The series is the whole history the row's indicator has in
    ``observations`` (``select_series`` without an as-of day: the points after the assessment's latest
    period are what happened next); None without observations or data."""
    from ontrack.assessment import results_of, select_series

    results = results_of(table)
    if len(table) and not len(results):
        raise ValueError("table: it carries no assessments (make it with ontrack.assess_table)")
    by_id = {t.id: t for t in targets}
    # Indexed once: each target then reads only its own rows.
    index = None if observations is None else _core.ObservationIndex(observations)
    rows: list[tuple[_core.Target, Optional[_core.Series], Optional[_core.Assessment]]] = []
    for record in table.to_dict(orient="records"):
        target = by_id.get(str(record["id"]))
        if target is None:
            raise ValueError(f"table row {record['id']!r}: no target with this id in targets")
        result = results.get(str(record["id"]))
        series = None
        if index is not None and result is not None:
            try:
                series = select_series(index, target.region, target.indicator, vintage)
            except _core.OntrackError:
                series = None
        rows.append((target, series, result))
    return rows


def plot_plan(
    table: pd.DataFrame,
    targets: Sequence[_core.Target],
    observations: Optional[_core.ObservationTable] = None,
    *,
    vintage: str = "first_release",
    lang: str = "en",
    ncols: int = 3,
    include_not_assessable: bool = False,
    max_panels: Optional[int] = None,
    title: Optional[str] = None,
) -> Figure:
    """Small multiples for a whole plan: one panel per row of ``table`` (``assess_table``'s result, in its
    order, most at risk first), each drawn from the row's own assessment (see ``assessed_rows``): the
    same verdict, projection and as-of day as the table. Rows that are not assessable are left out
    unless ``include_not_assessable``. ``observations`` (with ``vintage``) adds each target's history."""
    if ncols < 1:
        raise ValueError(f"ncols: expected >= 1, got {ncols}")
    fonts = _Fonts(lang)
    as_of = table.attrs.get("as_of")
    rows = table if include_not_assessable else table[table["status"] != "not_assessable"]
    if max_panels is not None:
        rows = rows.head(max_panels)
    panels = assessed_rows(rows, targets, observations, vintage=vintage)
    n = max(len(panels), 1)
    columns = min(ncols, n)
    nrows = math.ceil(n / columns)
    figure = _new_figure((3.6 * columns + 0.4, 2.7 * nrows + 0.9))
    grid = figure.subplots(nrows, columns, squeeze=False)
    for i, axes in enumerate(grid.flat):
        if i >= len(panels):
            axes.set_axis_off()
            continue
        t, s, result = panels[i]
        if result is None:
            axes.set_title(fonts.text(t.id), loc="left", fontsize=9)
            axes.text(0.5, 0.5, fonts.label("no_data"), transform=axes.transAxes, ha="center", va="center", color="#57606a")
            axes.set_xticks([])
            axes.set_yticks([])
            continue
        _draw_assessment(axes, result, s, t, fonts, as_of=as_of, level=result.level,
                         title=f"{t.id} · {t.indicator}" + (f" · {t.region}" if t.region else ""), compact=True)
    # One legend for the figure, from the panel with the most labelled artists.
    best: tuple[list[Any], list[str]] = ([], [])
    for axes in grid.flat:
        handles, labels = axes.get_legend_handles_labels()
        if len(handles) > len(best[0]):
            best = (handles, labels)
    if best[0]:
        # The panels' labels name their own values ('target 2.5%'); the shared legend names the kinds.
        generic = [GENERIC[fonts.lang].get(str(h.get_gid()), label) for h, label in zip(*best)]
        figure.legend(best[0], generic, loc="outside lower center", ncols=min(len(generic), 5), fontsize=8, frameon=False)
    heading = title if title is not None else fonts.label("plan", n=len(panels)) + (
        " · " + fonts.label("as_of", date=as_of) if as_of is not None else "")
    figure.suptitle(fonts.text(heading), x=0.01, ha="left", fontsize=12)
    fonts.apply(figure)
    return figure


# ------------------------------------------------------------------------------ methods on the classes


def _projection_plot(
    self: _core.Projection,
    series: Optional[SeriesLike] = None,
    *,
    lang: str = "en",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Figure:
    """Chart of this projection (median and interval fan) after ``series``; see ``ontrack.plot_projection``."""
    return plot_projection(self, series, lang=lang, ax=ax, title=title)


def _assessment_plot(
    self: _core.Assessment,
    series: Optional[SeriesLike] = None,
    target: Optional[_core.Target] = None,
    *,
    as_of: Any = None,
    level: float = 0.95,
    lang: str = "en",
    ax: Optional[Axes] = None,
    title: Optional[str] = None,
) -> Figure:
    """Chart of this assessment (with ``series`` and ``target`` for the full picture); see
    ``ontrack.plot_assessment``."""
    return plot_assessment(self, series, target, as_of=as_of, level=level, lang=lang, ax=ax, title=title)


def install() -> None:
    """Attach ``plot`` to Projection and Assessment (done once at import; matplotlib is not imported)."""
    setattr(_core.Projection, "plot", _projection_plot)
    setattr(_core.Assessment, "plot", _assessment_plot)

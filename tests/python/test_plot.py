"""Charts (python/ontrack/plot.py): the artists a chart must hold, where they are, fonts for Chinese
labels (and the fallback without a CJK font), PNG output, and the message when matplotlib is missing.

Artists are found by their gid ('history', 'fan', 'projection', 'target', 'required', 'baseline',
'deadline', 'status', …), and their coordinates are checked against the assessment's own numbers.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import matplotlib.image
import numpy as np
import numpy.typing as npt
import pandas as pd
import pytest
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

import ontrack as ot
from ontrack import plot

Plan = tuple[dict[str, ot.Target], ot.ObservationTable]


@pytest.fixture(scope="module")
def plan(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> Plan:
    targets = ot.read_targets(national_targets_path) + ot.read_targets(seed_targets_path)
    return {t.id: t for t in targets}, ot.read_observations(observations_path)


def by_gid(figure: Figure, gid: str) -> list[object]:
    return [a for a in figure.findobj() if a.get_gid() == gid]


def line(figure: Figure, gid: str) -> Line2D:
    found = [a for a in by_gid(figure, gid) if isinstance(a, Line2D)]
    assert len(found) == 1, gid
    return found[0]


def xy(artist: Line2D) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in zip(artist.get_xdata(), artist.get_ydata())]  # type: ignore[arg-type]


def cn13(plan: Plan) -> tuple[ot.Target, ot.Series]:
    targets, observations = plan
    t = targets["cn13-01"]
    return t, ot.select_series(observations, t.region, t.indicator)


def test_target_chart_has_every_element_in_place(plan: Plan) -> None:
    t, series = cn13(plan)
    as_of = "2018-12-31"
    # auto, whose P(met) 0.0018 exercises the "<1%" label (the default's fan: test_calibration.py).
    result = ot.assess(t, series, "auto", as_of=as_of)
    figure = ot.plot_target(t, series, method="auto", as_of=as_of)
    assert isinstance(figure, Figure)
    # History: what was known (through 2017); later releases hollow, from 2018 on.
    history = xy(line(figure, "history"))
    assert [x for x, _ in history] == list(range(2012, 2018))
    assert history[-1] == (2017.0, 2.13)
    later = xy(line(figure, "later"))
    assert later[0] == (2018.0, 2.19) and (2020.0, 2.4) in later
    # Projection of the model the assessment used, through the deadline, with its interval as a fan.
    projection = xy(line(figure, "projection"))
    assert projection[0] == (2017.0, 2.13) and projection[-1][0] == 2020.0
    assert result.projected is not None and projection[-1][1] == pytest.approx(result.projected, rel=1e-12)
    fans = [a for a in by_gid(figure, "fan") if isinstance(a, PolyCollection)]
    assert len(fans) == 1
    vertices: npt.NDArray[np.float64] = np.asarray(fans[0].get_paths()[0].vertices, dtype=float)
    at_deadline = vertices[np.isclose(vertices[:, 0], 2020.0)][:, 1]
    assert result.lower is not None and result.upper is not None
    assert min(at_deadline) == pytest.approx(result.lower, rel=1e-12)
    assert max(at_deadline) == pytest.approx(result.upper, rel=1e-12)
    # Target 2.5 from the baseline (2015) to the deadline; the baseline marker; the deadline line.
    assert xy(line(figure, "target")) == [(2015.0, 2.5), (2020.0, 2.5)]
    assert xy(line(figure, "baseline")) == [(2015.0, 2.07)]
    assert [x for x, _ in xy(line(figure, "deadline"))] == [2020.0, 2020.0]
    # Required path: from the latest value straight to the target at the deadline.
    assert xy(line(figure, "required")) == [(2017.0, 2.13), (2020.0, 2.5)]
    # Status in words (and colour), with the probability.
    status = [a for a in by_gid(figure, "status") if isinstance(a, Text)]
    assert len(status) == 1 and status[0].get_text() == "▼ off track · P(met) <1%"
    axes = figure.axes[0]
    labels = axes.get_legend_handles_labels()[1]
    assert "target 2.5%" in labels and "required path" in labels and "95% interval" in labels
    assert "as of 2018-12-31" in axes.get_title(loc="left")


def test_stretch_and_band(plan: Plan) -> None:
    series = ot.Series(2015, [10.0, 11.0, 12.5, 13.0, 14.2, 15.1], indicator="share", unit="%")
    stretch = ot.Target(id="s", indicator="share", value=17, stretch=18, period=2025, baseline_period=2015)
    figure = ot.plot_target(stretch, series, method="linear")
    assert xy(line(figure, "stretch")) == [(2015.0, 18.0), (2025.0, 18.0)]
    band = ot.Target(id="b", indicator="share", comparator="within", value=16, value_high=20, period=2025)
    figure = ot.plot_target(band, series, method="linear")
    assert len([a for a in by_gid(figure, "target_band") if isinstance(a, PolyCollection)]) == 1
    assert {y for _, y in xy(line(figure, "target"))} == {16.0}


def test_target_line_only_where_the_target_is_a_level() -> None:
    flows = ot.Series(2018, [10.0, 12, 15, 17, 20, 22], indicator="x")
    cumulative = ot.Target(id="c", indicator="x", kind="cumulative", value=100, period_start=2021, period=2025)
    # (A named value-scale method: the calibrated default projects on the log scale, where no summed
    # interval of the flows is given.)
    figure = ot.plot_target(cumulative, flows, method="linear")
    # A sum over the span: drawn against the running sum (17, 37, 59 in 2021–2023), not the flows; the
    # target is the sum, with its interval at the deadline and no required path.
    assert xy(line(figure, "history")) == [(2021.0, 17.0), (2022.0, 37.0), (2023.0, 59.0)]
    assert {y for _, y in xy(line(figure, "target"))} == {100.0} and by_gid(figure, "required") == []
    assert len(by_gid(figure, "fan")) == 1
    floor = ot.Target(id="f", indicator="x", kind="per_period", value=10, period_start=2021, period=2025)
    assert xy(line(ot.plot_target(floor, flows), "target")) == [(2021.0, 10.0), (2025.0, 10.0)]
    # Already above a '>=' level: no required path pointing down to it.
    above = ot.Target(id="a", indicator="x", value=21, period=2025)
    figure = ot.plot_target(above, flows)
    assert by_gid(figure, "required") == [] and len(by_gid(figure, "target")) == 1


def test_decided_target_draws_no_fan(plan: Plan) -> None:
    t, series = cn13(plan)
    figure = ot.plot_target(t, series)  # 2020 observed: missed
    assert by_gid(figure, "fan") == [] and by_gid(figure, "projection") == []
    # From the target's base period (baseline 2015), the one base of the target, to the deadline.
    assert xy(line(figure, "target")) == [(2015.0, 2.5), (2020.0, 2.5)]
    status = [a for a in by_gid(figure, "status") if isinstance(a, Text)]
    assert status[0].get_text() == "✗ missed"


def test_projection_and_assessment_methods(plan: Plan) -> None:
    t, series = cn13(plan)
    known = series.slice(2012, 2017)
    projection = ot.project(known, "linear", to=2020)
    figure = projection.plot(known)
    assert isinstance(figure, Figure)
    assert len([a for a in by_gid(figure, "fan") if isinstance(a, PolyCollection)]) == 1
    last = xy(line(figure, "projection"))[-1]
    assert last[0] == 2020.0 and last[1] == pytest.approx(projection.at(2020).mean, rel=1e-12)
    assert len(xy(line(figure, "history"))) == 6
    # Assessment.plot without a series draws what the assessment holds; into a given Axes.
    result = ot.assess(t, known)
    host = Figure()
    ax: Axes = host.add_subplot()
    drawn = result.plot(ax=ax)
    assert drawn is host
    assert xy(line(host, "history")) == [(2017.0, 2.13)]
    assert result.projected is not None
    projected = xy(line(host, "projection"))
    assert projected[0] == (2017.0, 2.13) and projected[1][0] == 2020.0
    assert projected[1][1] == pytest.approx(result.projected)
    assert xy(line(host, "required")) == [(2017.0, 2.13), (2020.0, 2.5)]
    assert len([a for a in by_gid(host, "fan") if isinstance(a, PolyCollection)]) == 1


def test_png_written_and_read_back(plan: Plan, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    t, series = cn13(plan)
    path = tmp_path / "chart.png"
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        ot.plot_target(t, series, as_of="2018-12-31", lang="zh").savefig(path, dpi=100)
    assert [r.getMessage() for r in caplog.records] == []  # no font-lookup complaints either
    assert path.stat().st_size > 20_000
    image = matplotlib.image.imread(path)
    assert image.shape == (420, 800, 4)  # 8 × 4.2 inches at 100 dpi
    assert float(image[:, :, :3].std()) > 0.05  # not blank


def test_chinese_labels_use_a_cjk_font(plan: Plan, caplog: pytest.LogCaptureFixture) -> None:
    font = plot.find_cjk_font()
    # The CI machine installs fonts-wqy-zenhei (Makefile system-deps); any CJK family will do.
    assert font in plot.CJK_FONTS, "no CJK font installed: apt-get install fonts-wqy-zenhei"
    t, series = cn13(plan)
    with caplog.at_level(logging.WARNING, logger="matplotlib"):
        figure = ot.plot_target(t, series, method="auto", as_of="2018-12-31", lang="zh")
        figure.savefig(Path("/dev/null"), format="png")
    assert [r.getMessage() for r in caplog.records] == []
    axes = figure.axes[0]
    labels = axes.get_legend_handles_labels()[1]
    assert "观测值" in labels and "达标所需路径" in labels and "目标 2.5%" in labels
    assert axes.get_xlabel() == "年份"
    legend = axes.get_legend()
    assert legend is not None
    for text in [axes.xaxis.label, *legend.get_texts()]:
        assert text.get_fontfamily() == [font]
    status = [a for a in by_gid(figure, "status") if isinstance(a, Text)][0]
    assert status.get_text().endswith("进度滞后 · 达成概率 <1%") and status.get_fontfamily() == [font]
    titles = [t for t in figure.findobj(Text) if t.get_text() == axes.get_title(loc="left")]
    assert len(titles) == 1 and titles[0].get_fontfamily() == [font]


def test_a_font_missing_from_matplotlibs_cache_is_found(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CJK font installed after matplotlib cached its font list is still found (added from the system)."""
    from matplotlib import font_manager

    font = plot.find_cjk_font()
    assert font is not None
    # As if cached before the font package was installed: nothing from the files holding CJK fonts.
    cjk_files = {f.fname for f in font_manager.fontManager.ttflist if f.name in plot.CJK_FONTS}
    stale = [f for f in font_manager.fontManager.ttflist if f.fname not in cjk_files]
    assert not any(f.name in plot.CJK_FONTS for f in stale)
    monkeypatch.setattr(font_manager.fontManager, "ttflist", stale)
    plot._installed_cjk_font.cache_clear()
    try:
        assert plot.find_cjk_font() == font
    finally:
        plot._installed_cjk_font.cache_clear()


def test_without_a_cjk_font_labels_fall_back_to_english(plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(plot, "find_cjk_font", lambda: None)
    t, series = cn13(plan)
    with pytest.warns(plot.FontWarning, match="no CJK-capable font"):
        figure = ot.plot_target(t, series, as_of="2018-12-31", lang="zh")
    labels = figure.axes[0].get_legend_handles_labels()[1]
    assert "observed" in labels and "观测值" not in labels
    # User text with Chinese characters: left out (units translated), never drawn as boxes.
    local = ot.Target(id="乌鲁木齐-01", indicator="gdp", region="乌鲁木齐", value=5000, period=2027, unit="亿元")
    with pytest.warns(plot.FontWarning, match="left out"):
        figure = ot.plot_target(local, ot.Series(2018, [3000.0, 3200, 3400, 3500, 3800], unit="亿元"), method="linear")
    texts = [a.get_text() for a in figure.findobj(Text)]
    assert not any(ch >= "\u2e80" for text in texts for ch in text if ch not in "▲▼●✓✗–·")
    assert "100 million yuan" in figure.axes[0].get_ylabel()


def test_plan_small_multiples(plan: Plan) -> None:
    targets, observations = plan
    table = ot.assess_table(list(targets.values()), observations)
    assessable = table[table["status"] != "not_assessable"]
    figure = ot.plot_plan(table, list(targets.values()), observations, ncols=3)
    visible = [ax for ax in figure.axes if ax.axison]
    assert len(visible) == len(assessable) == 9
    assert [ax.get_title(loc="left").split(" · ")[0] for ax in visible] == list(assessable["id"])
    statuses = [a.get_text() for a in by_gid(figure, "status") if isinstance(a, Text)]
    expected = [ot.display.status_label(s) for s in assessable["status"]]
    assert [text.split(" ", 1)[1].split(" · ")[0] for text in statuses] == expected
    assert len(figure.legends) == 1
    assert "target" in [t.get_text() for t in figure.legends[0].get_texts()]
    assert figure.get_suptitle() == f"9 targets · as of {table.attrs['as_of']}"
    limited = ot.plot_plan(table, list(targets.values()), observations, max_panels=4, ncols=2)
    assert len([ax for ax in limited.axes if ax.axison]) == 4
    with pytest.raises(ValueError, match="no target"):
        ot.plot_plan(table, [], observations)


def test_bad_arguments(plan: Plan) -> None:
    t, series = cn13(plan)
    with pytest.raises(ValueError, match="lang"):
        ot.plot_target(t, series, lang="fr")


def test_missing_matplotlib_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # `import matplotlib` now raises ImportError
    with pytest.raises(ImportError, match=r"pip install ontrack\[plot\]"):
        ot.plot_projection(ot.project(ot.Series(2015, [1.0, 2.0, 3.0, 4.0]), "linear", to=2020))


# Consistency of charts with the assessment (each a regression test of a case found in use). The
# series are exactly linear, so every drawn number is hand arithmetic.
RISING = ot.Series(2017, [12.0, 14.0, 16.0, 18.0])  # 18 + 2·(t − 2020)


def band_extent(figure: Figure) -> tuple[float, float]:
    (band,) = [a for a in by_gid(figure, "target_band") if isinstance(a, PolyCollection)]
    ys = band.get_paths()[0].vertices[:, 1]
    return float(ys.min()), float(ys.max())


def test_about_target_is_drawn_as_a_band_around_its_value() -> None:
    about = ot.Target(id="a", kind="level", comparator="~", value=28, tolerance=1, period=2025)
    figure = ot.plot_target(about, RISING, method="linear")
    assert band_extent(figure) == (27.0, 29.0)
    assert {y for _, y in xy(line(figure, "target"))} == {28.0}


def test_decided_increment_and_growth_targets_keep_their_target_line() -> None:
    # +5 from 12 (2017) by 2020: observed 18, target level 17 (met).
    increment = ot.Target(id="i", kind="increment", comparator=">=", value=5, baseline_period=2017, period=2020)
    result = ot.assess(increment, RISING, "linear")
    assert result.status == "met" and result.target_value == 17.0
    assert {y for _, y in xy(line(ot.plot_target(increment, RISING, method="linear"), "target"))} == {17.0}
    # 50% growth from 12 (2017) by 2020: target level 18, observed 18 (met).
    growth = ot.Target(id="g", kind="growth", comparator=">=", value="50%", baseline_period=2017, period=2020)
    assert ot.assess(growth, RISING, "linear").target_value == 18.0
    assert {y for _, y in xy(line(ot.plot_target(growth, RISING, method="linear"), "target"))} == {18.0}


def test_cumulative_target_is_drawn_as_the_running_sum() -> None:
    # Σ over 2018–2022 ≥ 100: observed 14 + 16 + 18 = 48 by 2020; the line shows 14, 30, 48.
    total = ot.Target(id="c", kind="cumulative", comparator=">=", value=100, period_start=2018, period=2022)
    figure = ot.plot_target(total, RISING, method="linear")
    assert xy(line(figure, "history")) == [(2018.0, 14.0), (2019.0, 30.0), (2020.0, 48.0)]
    assert {y for _, y in xy(line(figure, "target"))} == {100.0}
    assert not by_gid(figure, "required")


def test_per_period_stretch_is_drawn_and_a_stretch_equal_to_the_target_is_not() -> None:
    floor = ot.Target(id="p", kind="per_period", comparator=">=", value=10, stretch=12, period_start=2018, period=2022)
    figure = ot.plot_target(floor, RISING, method="linear")
    assert {y for _, y in xy(line(figure, "stretch"))} == {12.0}
    same = ot.Target(id="s", kind="level", comparator=">=", value=24, stretch=24, period=2025)
    assert ot.assess(same, RISING, "linear").stretch_value is None
    assert not by_gid(ot.plot_target(same, RISING, method="linear"), "stretch")


def test_awaiting_data_chart_has_no_required_path_and_says_when_the_figure_is_due() -> None:
    level = ot.Target(id="w", kind="level", comparator=">=", value=19, period=2021)
    figure = ot.plot_target(level, RISING, method="linear", as_of="2022-03-01")
    assert not by_gid(figure, "required")
    (badge,) = [a for a in by_gid(figure, "status") if isinstance(a, Text)]
    assert "awaiting data" in badge.get_text() and "figure due 2022-07-01" in badge.get_text()


def test_dollar_signs_are_plain_text(tmp_path: Path) -> None:
    # Regression: an indicator name with `$` went through matplotlib's math notation, and the HTML
    # report crashed on `$\frac` or on an odd number of dollars. User text is drawn as written.
    assert plot.plain_text("cost in $ (US$)") == r"cost in \$ (US\$)"
    assert plot.plain_text(plot.plain_text("$x$")) == r"\$x\$"  # escaping twice changes nothing
    names = ["R&D $\\frac{", "price $5 and $6", "$", "a $$ b", "\\$x$"]
    table = ot.read_observations(
        pd.DataFrame(
            {
                "region": ["China"] * 5 * len(names),
                "indicator": [n for n in names for _ in range(5)],
                "period": [str(y) for _ in names for y in range(2016, 2021)],
                "value": [float(y) for _ in names for y in range(1, 6)],
                "unit": ["US$"] * 5 * len(names),
            }
        )
    )
    targets = [ot.Target(id=f"$t{k}$", region="China", indicator=n, value=9.0, period=2025, unit="US$") for k, n in enumerate(names)]
    frame = ot.assess_table(targets, table, method="linear")
    for t in targets:
        series = ot.select_series(table, t.region, t.indicator)
        figure = ot.plot_target(t, series)
        figure.savefig(tmp_path / "chart.png", dpi=50)  # drawing is where math notation failed
        titles = [a.get_text() for a in figure.findobj(Text) if "$" in a.get_text()]
        assert titles, t.indicator
    from ontrack.report import render_report

    html = render_report(frame, targets, table)
    assert html.count('class="ot-chart"') == len(names)

"""Rich display (python/ontrack/display.py): ``_repr_html_`` of Series, Target, Projection and Assessment,
and ``display_table`` for an assessment table.

Contract: statuses are badges with colour *and* words; every piece of user text is escaped; numbers
(probabilities, paces) appear as the assessment computed them. No matplotlib is needed here.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from ontrack.assessment import TABLE_COLUMNS
from ontrack.display import STATUS_STYLE, fmt, fmt_probability

EVIL = '<script>alert("x")</script> & <b onmouseover=1>'


class Badges(html.parser.HTMLParser):
    """Collects the text and data-status of every status badge, and every tag name seen."""

    def __init__(self) -> None:
        super().__init__()
        self.badges: list[tuple[str, str]] = []
        self.tags: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if tag == "span" and "ot-badge" in (values.get("class") or ""):
            self._open = values.get("data-status") or ""
            self.badges.append((self._open, ""))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            status, text = self.badges[-1]
            self.badges[-1] = (status, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._open = None


def parse(markup: str) -> Badges:
    parser = Badges()
    parser.feed(markup)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def plan(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> tuple[list[ot.Target], ot.ObservationTable]:
    targets = ot.read_targets(national_targets_path) + ot.read_targets(seed_targets_path)
    return targets, ot.read_observations(observations_path)


def target(plan: tuple[list[ot.Target], ot.ObservationTable], target_id: str) -> ot.Target:
    return next(t for t in plan[0] if t.id == target_id)


def test_series_repr_shows_what_and_values() -> None:
    series = ot.Series(2018, [2.14, 2.24, float("nan"), 2.43], indicator="rd_intensity", region="China", unit="%")
    markup = series._repr_html_()
    assert "rd_intensity" in markup and "China" in markup
    assert "2018" in markup and "2021" in markup
    assert ">2.14<" in markup and ">2.43<" in markup
    assert "3 observed" in markup
    assert "<svg" in markup and "<polyline" in markup  # the sparkline


def test_series_repr_shortens_long_series() -> None:
    series = ot.Series(1990, [float(i) for i in range(40)], indicator="x")
    markup = series._repr_html_()
    assert ">1990<" in markup and ">2029<" in markup
    assert ">2005<" not in markup  # the middle is elided
    assert "…" in markup


def test_target_repr_escapes_user_text() -> None:
    t = ot.Target(id="t<1>", indicator="rd & co", value=1.5, period=2025, unit="%", region="乌鲁木齐", quote=EVIL,
                  document="Plan <2021>", lead_unit="市科技局")
    markup = t._repr_html_()
    assert "<script>" not in markup and "<b onmouseover" not in markup
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b onmouseover=1&gt;" in markup
    assert "t&lt;1&gt;" in markup and "rd &amp; co" in markup and "Plan &lt;2021&gt;" in markup
    assert "乌鲁木齐" in markup and "市科技局" in markup
    assert "&gt;= 1.5 %" in markup and "2025" in markup
    assert {tag for tag in parse(markup).tags} <= {"div", "b", "code", "table", "tr", "th", "td", "q"}


def test_projection_repr_lists_median_and_interval() -> None:
    series = ot.Series(2012, [1.98, 2.08, 2.05, 2.07, 2.11, 2.13], indicator="rd_intensity")
    projection = ot.project(series, "linear", to=2020)
    markup = projection._repr_html_()
    assert "linear" in markup and "95% lower" in markup
    point = projection.at(2020)
    for value in (point.mean, point.lower, point.upper):
        assert f">{value:.4g}<" in markup
    assert "2018" in markup and "2020" in markup


def test_assessment_repr_badge_probability_and_paces(plan: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    t = target(plan, "cn13-01")
    series = ot.select_series(plan[1], t.region, t.indicator, as_of="2018-12-31")
    result = ot.assess(t, series, "auto", as_of="2018-12-31")  # auto's P(met) 0.0018 exercises the "<1%" display
    assert result.status == "off_track"
    markup = result._repr_html_()
    badges = parse(markup).badges
    assert badges == [("off_track", "▼ off track")]
    assert 'style="display:inline-block' in markup and "background:#b0400b" in markup  # colour too, not instead
    assert result.probability is not None and result.probability < 0.01
    assert "&lt;1%" in markup  # P(met) 0.0018: not rounded to a false 0%
    # Required against actual pace per year, as the assessment computed them (0.1233 and 0.03).
    assert "needs 0.123/yr · achieving 0.03/yr" in markup
    assert "2.13 (2017)" in markup and "2.07 (2015)" in markup
    assert ot.display.assessment_html(result, lang="zh").count("进度滞后") == 1


def test_number_formatting() -> None:
    assert [fmt(x) for x in (36326.8, -2114.2, 2.13, 0.0018335, 15.37, None, float("nan"))] == [
        "36,327", "-2,114", "2.13", "0.001834", "15.37", "–", "–"
    ]


def test_probability_formatting() -> None:
    assert [fmt_probability(p) for p in (0.0, 0.0018, 0.5, 0.994, 0.9999, 1.0, None)] == ["0%", "<1%", "50%", ">99%", ">99%", "100%", "–"]


def test_display_table_keeps_the_dataframe_and_shows_every_row(plan: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    targets, observations = plan
    table = ot.assess_table(targets, observations)
    assert isinstance(table, pd.DataFrame) and list(table.columns) == TABLE_COLUMNS  # unchanged return type
    view = ot.display_table(table, observations=observations)
    markup = view._repr_html_()
    assert str(view) == markup
    parsed = parse(markup)
    rows = markup.count('<tr class="ot-row"')
    assert rows == len(table)
    # One badge per row plus one per status in the summary line; every badge names its status in words.
    counts = table["status"].value_counts()
    assert len(parsed.badges) == len(table) + len(counts)
    for status, text in parsed.badges:
        assert status in STATUS_STYLE
        assert text == f"{STATUS_STYLE[status][1]} {STATUS_STYLE[status][2]}"
    for name, n in counts.items():
        assert sum(1 for s, _ in parsed.badges if s == str(name)) == n + 1
    for target_id in table["id"]:
        assert f"<code>{target_id}</code>" in markup
    # Probabilities of the assessed rows, formatted, and a bar for each.
    assessed = table[table["probability"].notna()]
    for p in assessed["probability"]:
        assert fmt_probability(float(p)).replace("<", "&lt;").replace(">", "&gt;") in markup
    assert markup.count('class="ot-pbar"') == len(assessed)
    # Sparklines for rows with data, in the history column.
    assert markup.count('class="ot-spark"') >= len(assessed)


def test_display_table_escapes_user_text(write_file: object) -> None:
    targets = [
        ot.Target(id="x<1>", indicator="gdp", region="R&D <land>", value=10, period=2030, quote=EVIL),
        ot.Target(id="y", indicator="<img src=x onerror=alert(1)>", region="R", value=1, period=2030),
    ]
    rows = [ot.Observation(region="R&D <land>", indicator="gdp", period=year, value=5 + year - 2015) for year in range(2015, 2024)]
    observations = ot.ObservationTable(rows)
    table = ot.assess_table(targets, observations)
    markup = str(ot.display_table(table, observations=observations))
    assert "<img" not in markup and "<land>" not in markup and "x<1>" not in markup
    assert "R&amp;D &lt;land&gt;" in markup and "x&lt;1&gt;" in markup
    assert "&lt;img src=x onerror=alert(1)&gt;" in markup


def test_display_table_in_chinese(plan: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    table = ot.assess_table(*plan)
    markup = str(ot.display_table(table, lang="zh", max_rows=5))
    assert "状态" in markup and "达成概率" in markup
    assert markup.count('<tr class="ot-row"') == 5
    assert f"{len(table) - 5} 更多" in markup
    assert "未实现" in markup  # the missed targets come first


def test_display_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="lang"):
        ot.display_table(pd.DataFrame({"id": [], "status": []}), lang="fr")
    with pytest.raises(ValueError, match="assessment table"):
        ot.display_table(pd.DataFrame({"a": [1]}))


def test_badges_use_no_colour_alone() -> None:
    for status, (colour, symbol, en, zh) in STATUS_STYLE.items():
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        assert en and zh and symbol
        assert parse(ot.display.badge(status)).badges == [(status, f"{symbol} {en}")]
    # Distinct words for every status, in both languages.
    assert len({style[2] for style in STATUS_STYLE.values()}) == len(STATUS_STYLE)
    assert len({style[3] for style in STATUS_STYLE.values()}) == len(STATUS_STYLE)


def test_missing_values_of_nullable_tables_show_as_a_dash() -> None:
    # A table read with pandas' nullable dtypes holds pd.NA, which float() refuses.
    assert fmt(pd.NA) == "–"
    assert fmt(None) == "–"
    assert fmt(float("nan")) == "–"


def test_sparkline_leaves_out_a_projection_that_is_not_finite() -> None:
    from ontrack.display import sparkline

    inf = float("inf")
    svg = sparkline([2020.0, 2021.0, 2022.0], [1.0, 2.0, 3.0], projected=(2025.0, inf, 1.0, inf))
    assert "inf" not in svg and "nan" not in svg
    assert svg.count("<circle") == 1  # the latest observation only, no projected point
    finite = sparkline([2020.0, 2021.0, 2022.0], [1.0, 2.0, 3.0], projected=(2025.0, 5.0, 4.0, 6.0))
    assert finite.count("<circle") == 2

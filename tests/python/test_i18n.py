"""Chinese wording: statuses, column headings, messages written from the row's figures, chart minus signs."""

from __future__ import annotations

import math

import pandas as pd
import pytest

import ontrack as ot
from ontrack.i18n import COLUMN_WORDS, STATUS_WORDS, chinese_message, localise_table, status_word, target_text


def test_every_status_and_column_has_both_languages() -> None:
    for table in (STATUS_WORDS, COLUMN_WORDS):
        for key, words in table.items():
            assert set(words) == {"en", "zh"}, key
            assert all("\u4e00" <= c <= "\u9fff" for c in words["zh"] if c.isalpha() and not c.isascii()), key
    for status in ot.assessment.RISK_ORDER:
        assert status_word(status, "zh") != status


def test_chinese_message_from_the_row_figures() -> None:
    record = {
        "status": "off_track", "latest_value": 2.41, "latest_period": "2022", "target": ">= 2.5%", "deadline": "2025",
        "projected": 2.49, "probability": 0.31, "required_pace": 0.05, "actual_pace": 0.02, "message": "off_track: latest 2.41 …",
    }
    assert chinese_message(record) == "偏离目标：最新值 2.41（2022），目标 >= 2.5%，预测 2025 年 2.49，实现概率 31%；所需每期进度 0.05，实际 0.02"
    missing = {"status": "not_assessable", "message": "not assessable: no observations", "latest_value": math.nan}
    assert chinese_message(missing) == "无法评估：无观测数据"
    assert target_text(">= 3 previous period (stretch 4)", "zh") == ">= 3 上一期 (力争 4)"


def test_localise_table_leaves_english_alone() -> None:
    frame = pd.DataFrame({"status": ["met"], "message": ["met: latest 3"], "target": ["higher is better"]})
    assert localise_table(frame, "en") is frame
    assert localise_table(frame, "zh")["target"].tolist() == ["越高越好"]


def test_chinese_charts_draw_an_ascii_minus_where_the_font_lacks_u2212() -> None:
    pytest.importorskip("matplotlib", reason="charts need the [plot] extra")
    from ontrack import plot

    font = plot.find_cjk_font()
    if font is None or 0x2212 in plot._charmap(font):
        pytest.skip("this machine's CJK font draws U+2212 itself")
    series = ot.Series(2015, [-3.0, -2.0, -1.5, -0.5, 0.5, 1.0], indicator="x", unit="%")
    projection = ot.project(series, "linear", to=2024)
    figure = plot.plot_projection(projection, series, lang="zh")
    figure.canvas.draw()
    labels = [t.get_text() for a in figure.axes for t in a.get_yticklabels()]
    assert any(text.startswith("-") for text in labels), labels
    assert not any("\u2212" in text for text in labels), labels

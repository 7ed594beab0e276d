"""The command line's tables for people: numbers, probabilities, CJK alignment, fitting the terminal,
not_assessable rows summarised, Chinese wording."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from ontrack import cli
from ontrack.cli_format import display_width, fit, format_number, format_probability, render_rows

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
ARGUMENTS = ["assess", "--targets", str(DATA / "national_targets.csv"), "--targets", str(DATA / "seed_targets.csv"), "--observations", str(DATA / "observations.csv")]


@pytest.mark.parametrize(
    ("x", "unit", "text"),
    [(36327.4, "", "36,327"), (1234.5, "", "1,234.5"), (2.6891, "%", "2.69%"), (0.0123456, "", "0.0123"), (250.0, "", "250"),
     (-3.5, "%", "-3.5%"), (math.nan, "%", ""), (None, "", ""), (0.0, "", "0")],
)
def test_numbers_for_people(x: float, unit: str, text: str) -> None:
    assert format_number(x, unit) == text


@pytest.mark.parametrize(("p", "text"), [(0.000107425, "<1%"), (0.98, "98%"), (0.9999, ">99%"), (0.5, "50%"), (math.nan, "")])
def test_probabilities_for_people(p: float, text: str) -> None:
    assert format_probability(p) == text


def test_cjk_text_is_aligned_by_display_width() -> None:
    assert display_width("研发经费") == 8 and display_width("R&D") == 3 and display_width("（") == 2
    assert display_width(fit("新疆维吾尔自治区", 9)) == 9 and fit("新疆维吾尔自治区", 9).endswith("…")
    table = render_rows(["地区", "value"], [["新疆", "1"], ["China", "22"]], width=80, shrink=[])
    # Every column starts at the same display column on every line.
    starts = {display_width(line[: line.index(cell)]) for line, cell in zip(table.splitlines(), ["value", "1", "22"])}
    assert len(starts) == 1


def as_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """Standard output (captured) behaves as a terminal of ``columns`` columns."""
    import sys

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", str(columns))


def test_table_fits_columns_and_summarises_not_assessable(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    as_terminal(monkeypatch, 120)
    assert cli.main(ARGUMENTS) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(display_width(line) <= 120 for line in lines if not line.startswith(("status:", "ontrack assess")) and "targets" not in line)
    assert "e+0" not in out and "0.000107" not in out
    summary = next(line for line in lines if "not assessable (" in line)
    assert summary.endswith("--all lists them.")
    table_rows = [line for line in lines if line.split()[:1] and line.split()[0].startswith(("cn", "xj", "hp", "bj"))]
    assert not any("not_assessable" in line for line in table_rows)
    as_terminal(monkeypatch, 400)
    assert cli.main([*ARGUMENTS, "--all"]) == 0
    assert "not_assessable" in capsys.readouterr().out


def test_chinese_table(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    as_terminal(monkeypatch, 160)
    assert cli.main([*ARGUMENTS, "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ontrack 评估：方案 probability，方法 default，截至 ")
    for word in ("编号", "地区", "指标", "实现概率", "状态", "未实现", "无法评估", "共 80 项目标"):
        assert word in out
    for english in ("missed", "not_assessable", "targets:"):
        assert english not in out


def test_a_pipe_gets_the_whole_table(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "60")  # not a terminal: nothing is cut
    assert cli.main(ARGUMENTS) == 0
    assert "…" not in capsys.readouterr().out


def test_chinese_evaluation_table(capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["evaluate", *ARGUMENTS[1:], "--lang", "zh", "--all"]
    assert cli.main(arguments) == 0
    out = capsys.readouterr().out
    # cn13-01 (R&D intensity >= 2.5% by 2020) was missed at 2.4 (test_io.py checks the figure by hand).
    row = next(line for line in out.splitlines() if line.startswith("cn13-01"))
    assert "未实现" in row and "实际 2.4" in row
    for english in ("missed", "no_data", "pending", "Verdicts", "no observations"):
        assert english not in out, english

"""Excel in and out: sheets read with their cell formats honoured, workbooks and BOM CSV written."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

import ontrack as ot
from ontrack import _core, cli
from ontrack.io import read_observations, read_targets

import openpyxl  # the [excel] extra, part of the [test] extra

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"


def workbook(path: Path, rows: list[list[object]], formats: dict[tuple[int, int], str] | None = None, title: str = "Sheet1") -> Path:
    """A one-sheet workbook; ``formats`` maps 1-based (row, column) to a number format."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for (r, c), fmt in (formats or {}).items():
        sheet.cell(row=r, column=c).number_format = fmt
    book.save(path)
    return path


def test_percent_cells_become_percent_values(tmp_path: Path) -> None:
    # The silent 100x case of the issue: 0.013 formatted as 1.3% is 1.3 in unit %.
    path = workbook(
        tmp_path / "obs.xlsx",
        [["region", "indicator", "period", "value", "unit"], ["China", "rd_intensity", 2021, 0.013, None], ["China", "rd_intensity", 2022, 0.0241, "%"]],
        {(2, 4): "0.0%", (3, 4): "0.00%"},
    )
    table = read_observations(path)
    rows = {str(o.period): o for o in table.rows}
    assert rows["2021"].value == 1.3 and rows["2021"].unit == "%"
    assert rows["2022"].value == 2.41 and rows["2022"].unit == "%"


def test_percent_cells_without_a_unit_column_add_one(tmp_path: Path) -> None:
    path = workbook(tmp_path / "obs.xlsx", [["地区", "指标", "年份", "数值"], ["China", "x", 2021, 0.5], ["China", "x", 2022, 12]], {(2, 4): "0%"})
    rows = {str(o.period): o for o in read_observations(path).rows}
    assert (rows["2021"].value, rows["2021"].unit) == (50, "%")
    assert (rows["2022"].value, rows["2022"].unit) == (12, "")


def test_date_cells_become_periods(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "obs.xlsx",
        [["region", "indicator", "period", "value"], ["A", "x", dt.datetime(2018, 12, 31), 1.0], ["A", "y", dt.datetime(2019, 3, 1), 2.0]],
        {(3, 3): "yyyy-mm"},
    )
    periods = {o.indicator: str(o.period) for o in read_observations(path).rows}
    # A full date lies in its year (annual); a date formatted as a month is that month.
    assert periods == {"x": "2018", "y": "2019-03"}


def test_sheet_by_name_and_first_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active.append(["region", "indicator", "period", "value"])
    book.active.append(["A", "first", 2020, 1])
    data = book.create_sheet("数据")
    data.append(["region", "indicator", "period", "value"])
    data.append(["A", "second", 2020, 2])
    path = tmp_path / "book.xlsx"
    book.save(path)
    assert [o.indicator for o in read_observations(path).rows] == ["first"]
    assert [o.indicator for o in read_observations(path, sheet="数据").rows] == ["second"]
    assert [o.indicator for o in read_observations(f"{path}#数据").rows] == ["second"]
    with pytest.raises(_core.ParseError, match=r"no sheet named 'nope' \(sheets: 说明, 数据\)"):
        read_observations(path, sheet="nope")


def test_errors_name_the_sheet_and_its_row(tmp_path: Path) -> None:
    path = workbook(tmp_path / "obs.xlsx", [["region", "indicator", "period", "value"], ["A", "x", 2020, 1], None or [], ["A", "x", 2021, "n/a"]])
    with pytest.raises(_core.ParseError) as info:
        read_observations(path)
    # Row 4 in Excel (row 3 left empty), the value column.
    assert info.value.line == 4 and info.value.column == 4 and info.value.field == "value"
    assert "obs.xlsx, sheet 'Sheet1'" in str(info.value)


def test_targets_from_a_sheet_with_a_percent_growth_cell(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "targets.xlsx",
        [
            ["编号", "地区", "指标", "类型", "比较", "目标值", "目标年份", "基期", "单位"],
            ["t1", "China", "rd_expenditure", "average_growth", "≧", 0.07, 2025, 2020, None],
            ["t2", "China", "rd_intensity", "level", "＞＝", 0.025, 2025.0, None, None],
        ],
        {(2, 6): "0%", (3, 6): "0.0%"},
    )
    t1, t2 = read_targets(path)
    assert t1.kind == "average_growth" and t1.value == 0.07 and t1.comparator == ">="
    # A level target's percent cell is the value 2.5 in %, as the targets file writes it.
    assert t2.value == 2.5 and t2.unit == "%" and str(t2.period) == "2025"


def test_cli_reads_workbooks_and_writes_a_formatted_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = read_observations(DATA / "observations.csv")
    frame = ot.observations_to_pandas(source)
    frame = frame[frame["region"] == "China"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for record in frame.itertuples(index=False):
        sheet.append([None if isinstance(v, float) and math.isnan(v) else v for v in record])
    book.save(tmp_path / "obs.xlsx")
    out = tmp_path / "report.xlsx"
    status = cli.main(["assess", "--targets", str(DATA / "national_targets.csv"), "--observations", str(tmp_path / "obs.xlsx"), "--output", str(out)])
    assert status == 0, capsys.readouterr().err
    written = openpyxl.load_workbook(out)
    sheet = written.active
    headings = [c.value for c in sheet[1]]
    assert headings[:3] == ["id", "region", "indicator"] and headings[-1] == "source"
    assert sheet.freeze_panes == "A2"
    status_at = headings.index("status") + 1
    probability_at = headings.index("P(met)") + 1
    rows = list(sheet.iter_rows(min_row=2))
    assert len(rows) == len(read_targets(DATA / "national_targets.csv"))
    coloured = [r[status_at - 1] for r in rows if r[status_at - 1].value == "missed"]
    assert coloured and all(c.fill.start_color.rgb.endswith("F4B6B6") for c in coloured)
    assert all(r[probability_at - 1].number_format == "0%" for r in rows)
    # The source of the latest figure is carried: cn13-01 (China R&D intensity) has that of the latest period.
    row = next(r for r in rows if r[0].value == "cn13-01")
    held = [o for o in source.rows if (o.region, o.indicator) == ("China", "rd_intensity") and not math.isnan(o.value)]
    latest = max(o.period for o in held)
    assert row[-1].value in {o.source for o in held if o.period == latest}


def test_csv_for_excel_has_a_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["evaluate", "--targets", str(DATA / "national_targets.csv"), "--observations", str(DATA / "observations.csv"), "--format", "csv"]
    assert cli.main([*arguments, "--excel"]) == 0
    assert capsys.readouterr().out.startswith("\ufeffid,")
    out = tmp_path / "out.csv"
    assert cli.main([*arguments, "--lang", "zh", "--output", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfid,")
    assert cli.main(arguments) == 0
    assert capsys.readouterr().out.startswith("id,")


def test_missing_openpyxl_names_the_extra(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if not installed: importing it raises ImportError
    with pytest.raises(ImportError, match=r"pip install 'ontrack\[excel\]'"):
        read_observations(tmp_path / "obs.xlsx")


def test_chinese_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "评估.xlsx"
    arguments = ["assess", "--targets", str(DATA / "national_targets.csv"), "--observations", str(DATA / "observations.csv")]
    assert cli.main([*arguments, "--lang", "zh", "--output", str(out)]) == 0
    sheet = openpyxl.load_workbook(out).active
    headings = [c.value for c in sheet[1]]
    assert headings[:3] == ["编号", "地区", "指标"] and "状态" in headings and "说明" in headings
    statuses = {r[headings.index("状态")].value for r in sheet.iter_rows(min_row=2)}
    assert "未实现" in statuses and not statuses & {"missed", "not_assessable"}
    messages = [str(r[headings.index("说明")].value) for r in sheet.iter_rows(min_row=2)]
    assert not any("missed" in m or "no observations" in m for m in messages)


def test_workbook_cells_never_become_formulas(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Ids and names from the inputs that a spreadsheet would read as formulas get the OWASP apostrophe;
    # numbers stay numbers (the same rule as the CSV outputs, ontrack._export.neutralise_formula).
    targets = tmp_path / "t.csv"
    targets.write_text(
        "id,region,indicator,kind,comparator,value,period\n"
        '"=HYPERLINK(""x"")",China,x,level,>=,5,2025\n'
        "+cmd,China,x,level,>=,5,2025\n"
        "@SUM(A1),China,x,level,>=,5,2025\n"
        "plain,China,x,level,>=,5,2025\n",
        encoding="utf-8",
    )
    observations = tmp_path / "o.csv"
    observations.write_text("region,indicator,period,value,unit,vintage,source\nChina,x,2019,1,,,-1 from the bulletin\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    assert cli.main(["assess", "--targets", str(targets), "--observations", str(observations), "--all", "--output", str(out)]) == 0, capsys.readouterr().err
    sheet = openpyxl.load_workbook(out).active
    ids = {row[0].value for row in sheet.iter_rows(min_row=2)}
    assert ids == {"'=HYPERLINK(\"x\")", "'+cmd", "'@SUM(A1)", "plain"}
    assert all(row[-1].value in (None, "", "'-1 from the bulletin") for row in sheet.iter_rows(min_row=2))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_one_bad_row_of_a_workbook_does_not_stop_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A target row with an unknown kind and an observation row whose value is text: each is reported
    # with its sheet and row, and the other rows are used.
    targets = workbook(tmp_path / "t.xlsx", [["id", "region", "indicator", "kind", "value", "period"],
                                             ["good", "China", "x", "level", 10, 2025], ["bad", "China", "x", "levle", 10, 2025]], title="目标")
    observations = workbook(tmp_path / "o.xlsx", [["region", "indicator", "period", "value"], ["China", "x", 2019, 1],
                                                  ["China", "x", 2020, "n/a"], ["China", "x", 2021, 3], ["China", "x", 2022, 4]], title="数据")
    out = tmp_path / "out.csv"
    status = cli.main(["assess", "--targets", str(targets), "--observations", str(observations), "--as-of", "all", "--format", "csv", "--output", str(out)])
    err = capsys.readouterr().err.splitlines()
    assert status == 0, err
    assert len(err) == 1 and err[0].startswith(f"ontrack: warning: {observations}, sheet '数据', line 3, column 4: field 'value'"), err
    assert err[0].endswith("(this row is left out)")
    import csv

    with open(out, encoding="utf-8", newline="") as stream:
        rows = {r["id"]: r for r in csv.DictReader(stream)}
    assert rows["bad"]["status"] == "not_assessable" and f"{targets}, sheet '目标', line 3" in rows["bad"]["message"]
    assert rows["good"]["status"] != "not_assessable"
    assert rows["good"]["latest_period"] == "2022"

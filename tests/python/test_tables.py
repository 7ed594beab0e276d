"""Tables as people keep them: Chinese headers, note columns, blank rows, wide tables, GBK files, and
the small spellings spreadsheets produce (2020.0, ≧, 2026/12/01)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Union

import pandas as pd
import pytest

import ontrack as ot
from ontrack import _core, cli
from ontrack.io import EVALUATION_COLUMNS, read_observations, read_targets

WriteFile = Callable[[str, Union[str, bytes]], Path]

LONG_ZH = "地区,指标,年份,数值,单位,来源,备注\n中国,rd_intensity,2020,2.40,%,公报,初步数\n中国,rd_intensity,2021.0,2.43,%,公报,\n,,,,,,\n,,,,,,\n"


def test_chinese_headers_note_column_and_blank_rows(write_file: WriteFile) -> None:
    table = read_observations(write_file("obs.csv", LONG_ZH))
    assert [(o.region, o.indicator, str(o.period), o.value, o.unit, o.source) for o in table.rows] == [
        ("中国", "rd_intensity", "2020", 2.40, "%", "公报"),
        ("中国", "rd_intensity", "2021", 2.43, "%", "公报"),
    ]


def test_every_column_of_both_files_has_a_chinese_header() -> None:
    aliases = dict(_core.column_aliases()[::-1])  # first alias of each column wins
    for column in list(_core.OBSERVATION_COLUMNS) + list(_core.TARGET_COLUMNS):
        chinese = _core.chinese_column_name(column)
        assert chinese != column and _core.canonical_column_name(chinese) == column, column
    assert aliases and _core.canonical_column_name(" Region ") == "region"
    assert _core.is_note_column("备注") and _core.is_note_column("Notes") and not _core.is_note_column("value")


def test_misspelt_column_still_refused_with_the_fix(write_file: WriteFile) -> None:
    with pytest.raises(_core.ParseError, match=r"unknown column: did you mean 'value'\? .*Chinese headers such as 地区") as info:
        read_observations(write_file("obs.csv", "region,indicator,period,vaule\nA,x,2020,1\n"))
    assert info.value.line == 1 and info.value.column == 4


# Targets as a bureau keeps them: a note (备注), a person in charge (责任人, owner) and a column named like
# one of the table's own (status), none of which ontrack reads.
EXTRA_TARGETS = (
    "编号,地区,指标,类型,比较,目标值,年份,单位,备注,责任人,owner,status\n"
    "t1,China,x,level,>=,5,2025,家,=SUM(A1),李四,Li,draft\n"
    "t2,China,y,level,>=,9,2025,家,,王五,,\n"
)
EXTRA_OBSERVATIONS = "地区,指标,单位,2019,2020,2021,填报人,备注\nChina,x,家,1,2,3,张三,初步\nChina,y,家,4,5,6,赵六,\n"
EXTRA_HEADERS = ["备注", "责任人", "owner", "status (input)"]  # 'status' is the table's: the input's gets " (input)"
EXTRA_CELLS = [["=SUM(A1)", "李四", "Li", "draft"], ["", "王五", "", ""]]


def _extra_cells(frame: pd.DataFrame, headers: "list[str] | None" = None) -> list[list[str]]:
    by_id = frame.set_index("id")
    return [[str(by_id.loc[i, h]) for h in (headers or EXTRA_HEADERS)] for i in ("t1", "t2")]


def test_extra_columns_are_kept_and_written_back_after_ontracks(write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv
    import json

    targets = read_targets(write_file("t.csv", EXTRA_TARGETS))
    assert [list(t.extra_columns) for t in targets] == [
        [("备注", "=SUM(A1)"), ("责任人", "李四"), ("owner", "Li"), ("status", "draft")],
        [("备注", ""), ("责任人", "王五"), ("owner", ""), ("status", "")],
    ]
    observations = read_observations(write_file("o.csv", EXTRA_OBSERVATIONS))
    table = ot.assess_table(targets, observations, progress=False, as_of=None)
    assert list(table.columns) == list(ot.TABLE_COLUMNS) + EXTRA_HEADERS
    assert _extra_cells(table) == EXTRA_CELLS
    evaluation = ot.evaluate_table(targets, observations)
    # The evaluation table has no 'status' column (its verdict is 'verdict'): the input's keeps its name.
    assert list(evaluation.columns) == list(EVALUATION_COLUMNS) + ["备注", "责任人", "owner", "status"]
    assert _extra_cells(evaluation, ["备注", "责任人", "owner", "status"]) == EXTRA_CELLS
    # The targets file's writer keeps them too, and reads back to the same.
    assert ot.read_targets(write_file("again.csv", ot.write_targets(targets))) == targets

    # The command line's per-target outputs: CSV (formulas neutralised, as every result CSV), JSON, a workbook.
    base = ["assess", "--targets", str(tmp_path / "t.csv"), "--observations", str(tmp_path / "o.csv"), "--as-of", "all"]
    out = tmp_path / "out.csv"
    assert cli.main([*base, "--format", "csv", "--output", str(out)]) == 0
    with open(out, encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert list(rows[0])[-4:] == EXTRA_HEADERS
    assert {r["id"]: [r[h] for h in EXTRA_HEADERS] for r in rows} == {"t1": ["'=SUM(A1)", "李四", "Li", "draft"], "t2": EXTRA_CELLS[1]}
    assert cli.main([*base, "--format", "json", "--output", str(tmp_path / "out.json")]) == 0
    records = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert {r["id"]: [r[h] for h in EXTRA_HEADERS] for r in records} == {"t1": EXTRA_CELLS[0], "t2": EXTRA_CELLS[1]}
    import openpyxl  # the [excel] extra, part of the [test] extra

    assert cli.main([*base, "--lang", "zh", "--output", str(tmp_path / "out.xlsx")]) == 0
    sheet = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    headings = [c.value for c in sheet[1]]
    assert all(h in headings for h in EXTRA_HEADERS)
    cells = {r[0].value: [r[headings.index(h)].value or "" for h in EXTRA_HEADERS] for r in sheet.iter_rows(min_row=2)}
    assert cells == {"t1": ["'=SUM(A1)", "李四", "Li", "draft"], "t2": EXTRA_CELLS[1]}
    assert capsys.readouterr().err == ""


def test_extra_columns_from_a_workbook_and_a_dataframe(write_file: WriteFile, tmp_path: Path) -> None:
    import io

    import openpyxl  # the [excel] extra, part of the [test] extra

    book = openpyxl.Workbook()
    # In a sheet a cell starting with '=' is a formula, not text: the note is plain text there.
    for line in EXTRA_TARGETS.replace("=SUM(A1)", "见附件").splitlines():
        book.active.append([None if cell == "" else cell for cell in line.split(",")])
    book.save(tmp_path / "t.xlsx")
    observations = read_observations(write_file("o.csv", EXTRA_OBSERVATIONS))
    from_sheet = ot.assess_table(tmp_path / "t.xlsx", observations, progress=False, as_of=None)
    # An empty cell of the sheet is an empty text.
    assert _extra_cells(from_sheet) == [["见附件", "李四", "Li", "draft"], EXTRA_CELLS[1]]
    frame = pd.read_csv(io.StringIO(EXTRA_TARGETS), dtype=str, keep_default_na=False)
    from_frame = ot.assess_table(frame, observations, progress=False, as_of=None)
    assert list(from_frame.columns[-4:]) == EXTRA_HEADERS and _extra_cells(from_frame) == EXTRA_CELLS
    # A DataFrame with NaN in an extra column (pandas 2 object or pandas 3 string dtype): an empty cell.
    with_nan = pd.read_csv(io.StringIO(EXTRA_TARGETS), dtype=str)
    assert _extra_cells(ot.assess_table(with_nan, observations, progress=False, as_of=None)) == EXTRA_CELLS
    # Targets from two files, one without the column: None (missing) there.
    other = read_targets(write_file("t2.csv", "id,indicator,kind,value,period\nt3,x,level,1,2030\n"))
    both = ot.assess_table(list(read_targets(write_file("t.csv", EXTRA_TARGETS))) + other, observations, progress=False, as_of=None)
    assert pd.isna(both.set_index("id").loc["t3", "备注"])


def test_observation_extra_columns_in_the_dataframe(write_file: WriteFile) -> None:
    # Per observation: no place in the per-target outputs, kept in ObservationTable.to_pandas().
    table = read_observations(write_file("o.csv", EXTRA_OBSERVATIONS))
    frame = table.to_pandas()
    assert list(frame.columns) == ["region", "indicator", "period", "value", "unit", "vintage", "source", "填报人", "备注"]
    assert list(frame["填报人"]) == ["张三"] * 3 + ["赵六"] * 3
    assert list(frame["备注"]) == ["初步"] * 3 + [""] * 3
    assert [o.line for o in table.rows] == [2, 2, 2, 3, 3, 3]
    # Read back, the frame keeps them.
    assert [list(o.extra_columns) for o in ot.ObservationTable.from_pandas(frame).rows][0] == [("填报人", "张三"), ("备注", "初步")]


def test_two_headers_for_one_column_are_refused(write_file: WriteFile) -> None:
    with pytest.raises(_core.ParseError, match=r"the column appears twice \('数值' names column 'value'\)"):
        read_observations(write_file("obs.csv", "region,indicator,period,value,数值\nA,x,2020,1,1\n"))


def test_wide_table_years_as_columns(write_file: WriteFile) -> None:
    text = "地区,指标,单位,2019,2020年,2021,备注\n中国,gdp,亿元,986515,1013567,,\n新疆,gdp,亿元,13597,13798,15983,\n"
    table = read_observations(write_file("wide.csv", text))
    got = {(o.region, str(o.period)): (o.value, o.unit) for o in table.rows}
    # Empty cells are periods not listed; each other cell is one observation.
    assert got == {
        ("中国", "2019"): (986515, "亿元"),
        ("中国", "2020"): (1013567, "亿元"),
        ("新疆", "2019"): (13597, "亿元"),
        ("新疆", "2020"): (13798, "亿元"),
        ("新疆", "2021"): (15983, "亿元"),
    }


def test_wide_table_errors_name_the_year_column(write_file: WriteFile) -> None:
    with pytest.raises(_core.ParseError) as info:
        read_observations(write_file("wide.csv", "region,indicator,2019,2020\nA,x,1,1,2\n".replace(",1,1,2", ",1,n/a")))
    assert (info.value.line, info.value.column, info.value.field) == (2, 4, "2020")
    with pytest.raises(_core.ParseError, match="not both"):
        read_observations(write_file("mixed.csv", "region,indicator,period,2019\nA,x,2019,1\n"))


def test_wide_dataframe(write_file: WriteFile) -> None:
    frame = pd.DataFrame({"region": ["A"], "indicator": ["x"], "2019": [1.5], "2020": [2.0]})
    assert [(str(o.period), o.value) for o in read_observations(frame).rows] == [("2019", 1.5), ("2020", 2.0)]


def test_gbk_files_are_read_and_encoding_can_be_forced(write_file: WriteFile) -> None:
    path = write_file("gbk.csv", LONG_ZH.encode("gb18030"))
    assert [o.region for o in read_observations(path).rows] == ["中国", "中国"]
    assert len(read_observations(path, encoding="gbk")) == 2
    with pytest.raises(_core.ParseError, match=r"not valid utf-8 text at line 1 .*--encoding"):
        read_observations(path, encoding="utf-8")
    bad = write_file("bad.csv", b"region,indicator,period,value\n\xff\xff,x,2020,1\n")
    with pytest.raises(_core.ParseError, match=r"line 2, column 1.*not valid UTF-8 .*\(nor GB18030: save the file as UTF-8, or give its encoding with --encoding\)") as info:
        read_observations(bad)
    assert info.value.line == 2


def test_gbk_targets(write_file: WriteFile) -> None:
    text = "编号,地区,指标,类型,比较,目标值,年份,单位,牵头单位\nt1,中国,rd_intensity,level,≧,2.5,2025.0,%,科技厅\n"
    (t,) = read_targets(write_file("t.csv", text.encode("gbk")))
    assert (t.id, t.region, t.comparator, t.value, str(t.period), t.lead_unit) == ("t1", "中国", ">=", 2.5, "2025", "科技厅")


@pytest.mark.parametrize(
    ("written", "comparator"), [("≧", ">="), ("＞＝", ">="), ("≦", "<="), ("＜＝", "<="), ("＞", ">"), ("＜", "<"), ("≥", ">=")]
)
def test_comparators_as_chinese_input_methods_type_them(written: str, comparator: str) -> None:
    assert ot.Target(id="t", indicator="x", comparator=written, value=1.0, period=2025).comparator == comparator


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-12-01", dt.date(2026, 12, 1)),
        ("2026/12/01", dt.date(2026, 12, 1)),
        ("2026.12.01", dt.date(2026, 12, 1)),
        ("2026年12月1日", dt.date(2026, 12, 1)),
        ("2026-12", dt.date(2026, 12, 31)),
        ("2026/2", dt.date(2026, 2, 28)),
        ("2024年2月", dt.date(2024, 2, 29)),
        ("2026", dt.date(2026, 12, 31)),
        ("２０２６－１２－０１", dt.date(2026, 12, 1)),
    ],
)
def test_dates_as_people_write_them(text: str, day: dt.date) -> None:
    assert _core.parse_date(text) == day


@pytest.mark.parametrize("text", ["2026-13-01", "2026-02-30", "12/01/2026", "soon", "", "2026-12-01-01"])
def test_bad_dates_are_refused(text: str) -> None:
    with pytest.raises(_core.ParseError, match="not a date"):
        _core.parse_date(text)


def test_period_written_as_a_float() -> None:
    assert str(ot.Period.parse("2020.0")) == "2020" and str(ot.Period.parse("2020.00")) == "2020"
    with pytest.raises(_core.ParseError):
        ot.Period.parse("2020.5")


def test_series_mixing_compatible_units_is_made_consistent(write_file: WriteFile) -> None:
    text = "region,indicator,period,value,unit\nA,x,2019,12345,万元\nA,x,2020,1.5,亿元\nB,r,2020,25,‰\nB,r,2021,2.6,%\n"
    table = read_observations(write_file("obs.csv", text))
    a = table.select("A", "x")
    # The latest row's unit wins; 12345 万元 is exactly 1.2345 亿元.
    assert a.unit == "亿元" and list(a.values) == [1.2345, 1.5]
    b = table.select("B", "r")
    assert b.unit == "%" and list(b.values) == [2.5, 2.6]


def test_series_mixing_incompatible_units_names_both(write_file: WriteFile) -> None:
    path = write_file("obs.csv", "region,indicator,period,value,unit\nA,x,2019,1,亿元\nA,x,2020,2,%\n")
    table = read_observations(path)
    # Each row with the file and line it was read from.
    with pytest.raises(_core.InvalidValueError, match=rf"mixes units '亿元' \(2019, {path}, line 2\) and '%' \(2020, {path}, line 3\), which measure different things"):
        table.select("A", "x")
    # The selection assess_table and the CLI use (publication dates, as-of) names the rows as well, and
    # a target without a unit gets the same message on its row.
    with pytest.raises(_core.InvalidValueError, match=rf"'亿元' \(2019, {path}, line 2\) and '%' \(2020, {path}, line 3\)"):
        ot.select_series(table, "A", "x")
    frame = ot.assess_table([ot.Target(id="t", region="A", indicator="x", value=10.0, period=2025)], table, as_of="2026-12-01")
    assert f"{path}, line 2" in frame.loc[0, "message"] and f"{path}, line 3" in frame.loc[0, "message"], frame.loc[0, "message"]


def test_cli_as_of_accepts_people_dates(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    from ontrack import cli

    data = Path(__file__).resolve().parents[2] / "examples" / "data"
    base = ["assess", "--targets", str(data / "national_targets.csv"), "--observations", str(data / "observations.csv"), "--format", "csv"]
    assert cli.main([*base, "--as-of", "2022/06/30"]) == 0
    slash = capsys.readouterr().out
    assert cli.main([*base, "--as-of", "2022-06-30"]) == 0
    assert capsys.readouterr().out == slash
    assert cli.main([*base, "--as-of", "2022-06"]) == 0
    assert capsys.readouterr().out == slash

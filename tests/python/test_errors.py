"""Errors: the exception hierarchy and malformed targets and observations files.

Every file error is a ParseError naming the file (.source), the 1-based line (.line, the header is
line 1), the 1-based column (.column: the field's position in the row, 0 when a whole row is at
fault), the field (.field, the column name) and the rejected text (.value). Each case below writes a
small CSV to tmp_path; the expected positions are counted by hand in the comments.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import ontrack as ot

WriteFile = Callable[[str, "str | bytes"], Path]

# Columns: 1 id, 2 region, 3 indicator, 4 kind, 5 comparator, 6 value, 7 period, 8 baseline_period.
HEADER = "id,region,indicator,kind,comparator,value,period,baseline_period\n"
GOOD = "a,China,x,level,>=,1,2020,\n"


def test_hierarchy() -> None:
    assert issubclass(ot.OntrackError, ValueError)
    for error in (ot.ParseError, ot.InvalidValueError, ot.DataError):
        assert issubclass(error, ot.OntrackError) and issubclass(error, ValueError)
    assert len({ot.ParseError, ot.InvalidValueError, ot.DataError}) == 3
    assert not issubclass(ot.ParseError, ot.InvalidValueError)
    assert not issubclass(ot.InvalidValueError, ot.ParseError)
    assert ot.ParseError.__module__ == "ontrack._core"


def test_errors_are_caught_as_value_error() -> None:
    with pytest.raises(ValueError):
        ot.Period("abc")
    with pytest.raises(ValueError):
        ot.Target(id="g", kind="growth", value=5, period=2023)
    with pytest.raises(ValueError):
        ot.Series(2020, [1.0]).cagr(2019, 2020)


@pytest.mark.parametrize(
    ("rows", "line", "column", "field", "value", "fragment"),
    [
        pytest.param(
            GOOD + "b,China,x,bogus,>=,1,2020,\n", 3, 4, "kind", "bogus", "unknown target kind", id="unknown-kind"
        ),
        pytest.param(
            "a,China,x,level,=<>,1,2020,\n", 2, 5, "comparator", "=<>", "unknown comparator", id="unknown-comparator"
        ),
        pytest.param("a,China,x,level,>=,1,20x0,\n", 2, 7, "period", "20x0", "not a period", id="unparsable-period"),
        pytest.param(
            "a,China,x,level,>=,1,2020,2019-Q4\n", 2, 8, "baseline_period", "2019-Q4", "another frequency",
            id="baseline-frequency",
        ),
        pytest.param(
            "a,China,x,growth,>=,5,2023,\n", 2, 6, "value", "5", "the rate 5 is ambiguous", id="growth-rate-5"
        ),
        pytest.param("a,China,x,level,>=,1.2.3,2020,\n", 2, 6, "value", "1.2.3", "not a number", id="bad-number"),
        pytest.param(
            "a,China,x,relative,>=,2,2025,\n", 2, 8, "baseline_period", "", "needs a baseline_period",
            id="relative-without-baseline",
        ),
        pytest.param(
            "a,China,x,level,>=,,2020,\n", 2, 6, "value", "", "a level target needs a value", id="missing-value"
        ),
        pytest.param(",China,x,level,>=,1,2020,\n", 2, 1, "id", "", "every target needs an id", id="missing-id"),
        # Duplicate ids: the second "a" is on line 4, in column 1.
        pytest.param(
            GOOD + "b,China,x,level,>=,1,2020,\na,China,y,level,>=,2,2021,\n", 4, 1, "id", "a", "duplicate target id",
            id="duplicate-id",
        ),
        # A row with 7 fields under an 8-column header: the whole row is at fault (column 0).
        pytest.param(
            "a,China,x,level,>=,1,2020\n", 2, 0, "", "", "row has 7 fields but the header has 8", id="ragged-short"
        ),
        pytest.param(
            "a,China,x,level,>=,1,2020,,x\n", 2, 0, "", "", "row has 9 fields but the header has 8", id="ragged-long"
        ),
        # The quote opens field 3 of line 2 and is never closed.
        pytest.param(
            'a,China,"x,level,>=,1,2020,\n', 2, 3, "indicator", "", "a quoted field is never closed",
            id="unterminated-quote",
        ),
        pytest.param(
            'a,China,"x"y,level,>=,1,2020,\n', 2, 3, "indicator", "y", "unexpected text after a closing quote",
            id="text-after-quote",
        ),
        pytest.param(
            'a,China,x"y,level,>=,1,2020,\n', 2, 3, "indicator", 'x"', "a quote inside an unquoted field",
            id="quote-inside-field",
        ),
        # A quoted line break inside row 2 pushes row 3 to line 4.
        pytest.param(
            # (In a number, where the reader trims it; a line break inside a key is refused.)
            'a,China,x,level,>=,"1\n",2020,\nb,China,x,bogus,>=,1,2020,\n',
            4, 4, "kind", "bogus", "unknown target kind",
            id="line-after-multiline-field",
        ),
    ],
)
def test_malformed_targets_file(
    write_file: WriteFile, rows: str, line: int, column: int, field: str, value: str, fragment: str
) -> None:
    path = write_file("targets.csv", HEADER + rows)
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(path)
    error = caught.value
    assert (error.line, error.column, error.field, error.value) == (line, column, field, value)
    assert error.source == str(path)
    assert fragment in error.reason
    where = f"{path}, line {line}" + (f", column {column}" if column else "")
    assert str(error).startswith(where + ": ")
    if field:
        assert f"field '{field}': " in str(error)
    if value:
        assert f"(got '{value}')" in str(error)


@pytest.mark.parametrize(
    ("header", "line", "column", "field", "fragment"),
    [
        # A column ontrack does not read (colour) is kept (test_tables.py); a misspelt one is refused.
        pytest.param(HEADER.strip() + ",toleranse", 1, 9, "toleranse", "did you mean 'tolerance'?", id="misspelt-column"),
        pytest.param(
            "id,indicator,kind,period,period", 1, 5, "period", "the column appears twice", id="repeated-column"
        ),
        pytest.param(
            "id,indicator,kind,value", 1, 0, "period", "required column 'period' is missing", id="missing-column"
        ),
    ],
)
def test_malformed_header(
    write_file: WriteFile, header: str, line: int, column: int, field: str, fragment: str
) -> None:
    fields = header.count(",") + 1
    path = write_file("targets.csv", header + "\n" + ",".join(["x"] * fields) + "\n")
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(path)
    error = caught.value
    assert (error.line, error.column, error.field) == (line, column, field)
    assert fragment in str(error)
    if fragment == "unknown column":
        # The message lists what is allowed.
        assert ",".join(ot._core.TARGET_COLUMNS) in str(error)


def test_empty_file(write_file: WriteFile) -> None:
    path = write_file("empty.csv", "")
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(path)
    assert (caught.value.line, caught.value.column) == (1, 0)
    assert "the file is empty" in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(missing)
    assert caught.value.source == str(missing)
    assert str(caught.value) == f"{missing}: cannot open the file"
    with pytest.raises(ot.ParseError, match="cannot open the file"):
        ot.read_observations(missing)


def test_non_utf8_bytes(write_file: WriteFile) -> None:
    # "Chinė" in Latin-1: the byte 0xE9 is not UTF-8. It is on line 3 (header, good row, this row),
    # in the second field, region.
    path = write_file("latin1.csv", (HEADER + GOOD + "b,Chin\xe9,x,level,>=,1,2020,\n").encode("latin-1"))
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(path)
    error = caught.value
    assert (error.line, error.column, error.field, error.value) == (3, 2, "region", "byte 0xE9")
    assert error.source == str(path)
    assert str(error).startswith(f"{path}, line 3, column 2: field 'region': the file is not valid UTF-8 text")
    # GBK, as Excel saves Chinese text by default (中 is the bytes D6 D0), is read as GB18030 (test_tables.py).
    gbk = write_file("gbk.csv", (HEADER + "a,中国,x,level,>=,1,2020,\n").encode("gbk"))
    assert [t.region for t in ot.read_targets(gbk)] == ["中国"]
    # In the header itself there is no column name to give yet (0xFF: neither UTF-8 nor GB18030).
    header = write_file("header.csv", "id,regi\xffn\na,b\n".encode("latin-1"))
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(header)
    assert (caught.value.line, caught.value.column, caught.value.field, caught.value.value) == (1, 2, "", "byte 0xFF")


def test_bom_and_crlf_are_accepted(write_file: WriteFile) -> None:
    lf = HEADER + GOOD + "b,China,y,growth,>=,5%,2021,\n"
    plain = ot.read_targets(write_file("lf.csv", lf))
    bom_crlf = ot.read_targets(write_file("excel.csv", b"\xef\xbb\xbf" + lf.replace("\n", "\r\n").encode("utf-8")))
    assert bom_crlf == plain
    assert [t.id for t in bom_crlf] == ["a", "b"]
    assert bom_crlf[1].value == 0.05
    # Written back in canonical form: LF, no BOM.
    text = ot.write_targets(bom_crlf)
    assert "\r" not in text and not text.startswith("\ufeff")
    written = [c for c in ot._core.TARGET_COLUMNS if c != "bounds"]  # written only when a target declares bounds
    assert text.startswith(",".join(written) + "\n")


def test_blank_lines_and_quoted_fields_are_read(write_file: WriteFile) -> None:
    text = HEADER.strip() + ",quote\n\na,China,x,level,>=,1,2020,,\"say \"\"hi\"\", twice\"\n\n"
    (target,) = ot.read_targets(write_file("t.csv", text))
    assert target.quote == 'say "hi", twice'


def test_read_targets_text_names_its_source() -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot._core.read_targets_text(HEADER + "a,China,x,bogus,>=,1,2020,\n")
    assert (caught.value.source, caught.value.line, caught.value.column) == ("targets", 2, 4)
    with pytest.raises(ot.ParseError) as caught:
        ot._core.read_targets_text(HEADER + "a,China,x,bogus,>=,1,2020,\n", "plan.csv")
    assert str(caught.value).startswith("plan.csv, line 2, column 4: field 'kind': ")


# ------------------------------------------------------------------------------------------ observations

# Columns: 1 region, 2 indicator, 3 period, 4 value, 5 unit, 6 vintage, 7 source.
OBS_HEADER = "region,indicator,period,value,unit,vintage,source\n"


@pytest.mark.parametrize(
    ("rows", "line", "column", "field", "value", "fragment"),
    [
        pytest.param("China,x,2020,1,,,\nChina,x,2021,N/A,,,\n", 3, 4, "value", "N/A", "not a number", id="bad-value"),
        pytest.param("China,x,20200,1,,,\n", 2, 3, "period", "20200", "not a period", id="bad-period"),
        pytest.param(
            "China,,2020,1,,,\n", 2, 2, "indicator", "", "every observation needs an indicator", id="no-indicator"
        ),
        pytest.param(
            "China,x,2020,1,,,\nChina,x,2021,2,,,\nChina,x,2020,3,,,\n", 4, 3, "period", "2020", "(first on line 2)",
            id="duplicate",
        ),
        pytest.param("China,x,2020,1,,\n", 2, 0, "", "", "row has 6 fields but the header has 7", id="ragged"),
    ],
)
def test_malformed_observations_file(
    write_file: WriteFile, rows: str, line: int, column: int, field: str, value: str, fragment: str
) -> None:
    path = write_file("observations.csv", OBS_HEADER + rows)
    with pytest.raises(ot.ParseError) as caught:
        ot.read_observations(path)
    error = caught.value
    assert (error.line, error.column, error.field, error.value) == (line, column, field, value)
    assert error.source == str(path)
    assert fragment in str(error)


def test_errors_outside_files_have_no_position() -> None:
    with pytest.raises(ot.ParseError) as caught:
        ot.Period("abc")
    assert (caught.value.line, caught.value.column, caught.value.source) == (0, 0, "")
    with pytest.raises(ot.InvalidValueError) as value_error:
        ot.Target(id="g", kind="growth", value=5, period=2023)
    assert value_error.value.field == "value"
    assert value_error.value.reason.startswith("the rate 5 is ambiguous")
    assert not hasattr(value_error.value, "line")

"""The bad-input catalogue of docs/robustness.md through Python and the command line.

Each entry is checked for the targets file and the observations file where it applies: read through
``ot.read_targets`` / ``ot.read_observations`` (a ParseError, a ValueError subclass, naming the file,
line, column, field and value) and through ``ontrack evaluate`` / ``ontrack assess`` (exit status 2,
one line on stderr, nothing on stdout, no output file). Entries that are accepted are read and their
values checked. The C++ side of the same catalogue is tests/cpp/test_bad_input.cpp.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from ontrack import _core, cli

WriteFile = Callable[[str, "str | bytes"], Path]

OBS_HEADER = "region,indicator,period,value,unit,vintage,source\n"
# Columns: 1 id, 2 region, 3 indicator, 4 kind, 5 comparator, 6 value, 7 period, 8 baseline_period.
TGT_HEADER = "id,region,indicator,kind,comparator,value,period,baseline_period\n"
GOOD_OBS = OBS_HEADER + "China,x,2020,1,,,\nChina,x,2021,2,,,\nChina,x,2022,3,,,\n"
GOOD_TGT = TGT_HEADER + "a,China,x,level,>=,5,2025,\n"


def obs_value(value: str) -> str:
    return OBS_HEADER + f"China,x,2020,{value},,,\n"


def tgt_value(value: str) -> str:
    return TGT_HEADER + f"a,China,x,level,>=,{value},2025,\n"


# (id, observations text or None, targets text or None, line, column, field, fragment)
REJECTED: list[tuple[str, "str | bytes | None", "str | bytes | None", int, int, str, str]] = [
    ("empty-file", "", "", 1, 0, "", "the file is empty: expected a header line"),
    ("missing-column", "region,indicator,period\nChina,x,2020\n", "id,indicator,period\na,x,2025\n", 1, 0, "", "is missing from the header"),
    # A note column (notes, 备注) and Chinese or capitalised headers are read: test_tables.py.
    # A column ontrack does not read (colour, owner) is kept as an extra column (test_tables.py); one that
    # looks like a misspelt column is refused.
    ("misspelt-column", OBS_HEADER.strip() + ",sourse\nChina,x,2020,1,,,,n\n", TGT_HEADER.strip() + ",toleranse\na,China,x,level,>=,1,2025,,n\n", 1, 0, "", "unknown column: did you mean"),
    ("renamed-column", "region,indicator,period,Vaule\nChina,x,2020,1\n", "编号x,indicator,kind,period\na,x,level,2025\n", 1, 0, "", "unknown column"),
    ("ragged-row", OBS_HEADER + "China,x,2020,1,,\n", TGT_HEADER + "a,China,x,level,>=,1,2025\n", 2, 0, "", "fields but the header has"),
    ("unterminated-quote", OBS_HEADER + "China,x,2020,1,,,\"open\n", TGT_HEADER + "\"a,China,x,level,>=,1,2025,\n", 2, 0, "", "a quoted field is never closed"),
    # Neither UTF-8 nor GB18030 (a GBK file such as b"\xd6\xd0" for 中 is read: test_tables.py).
    ("not-utf8", (OBS_HEADER + "China,x,2020,1,,,").encode() + b"\xff\xfe\n", (TGT_HEADER + "a,").encode() + b"\xff\xfe,x,level,>=,1,2025,\n", 2, 0, "", "not valid UTF-8"),
    ("thousands-separator", obs_value('"1,234"'), tgt_value('"1,234"'), 2, 0, "value", "thousands separators"),
    ("chinese-decimal-point", obs_value("1。5"), tgt_value("1。5"), 2, 0, "value", "Chinese full stop"),
    ("n/a", obs_value("N/A"), tgt_value("N/A"), 2, 0, "value", "a placeholder is not a value"),
    ("em-dash", obs_value("—"), tgt_value("—"), 2, 0, "value", "a placeholder is not a value"),
    ("nan", obs_value("NaN"), tgt_value("nan"), 2, 0, "value", "NaN and infinity are not values"),
    ("inf", obs_value("inf"), tgt_value("-Infinity"), 2, 0, "value", "NaN and infinity are not values"),
    ("beyond-double", obs_value("1e400"), tgt_value("1e400"), 2, 0, "value", "out of the range of a double"),
    ("duplicate", GOOD_OBS + "China,x,2021,9,,,\n", GOOD_TGT + "b,China,x,level,>=,6,2025,\nc,China,x,level,>=,6,2025,\na,China,x,level,>=,6,2025,\n", 5, 0, "", "duplicate"),
    ("baseline-after-deadline", None, TGT_HEADER + "a,China,x,relative,>=,2,2020,2025\n", 2, 8, "baseline_period", "baseline_period 2025 is not before the deadline 2020"),
]


@pytest.mark.parametrize(
    ("obs", "tgt", "line", "column", "field", "fragment"),
    [pytest.param(*entry[1:], id=entry[0]) for entry in REJECTED],
)
def test_rejected_by_the_readers(
    write_file: WriteFile, obs: "str | bytes | None", tgt: "str | bytes | None", line: int, column: int, field: str, fragment: str
) -> None:
    for text, read in ((obs, ot.read_observations), (tgt, ot.read_targets)):
        if text is None:
            continue
        path = write_file("input.csv", text)
        with pytest.raises(ot.ParseError) as caught:
            read(path)
        error = caught.value
        assert isinstance(error, ValueError)
        assert fragment in str(error)
        assert error.source == str(path)
        assert error.line == line
        assert str(error).startswith(f"{path}, line {line}")
        if column:
            assert error.column == column
        if field:
            assert error.field == field
            assert f"field '{field}'" in str(error)


@pytest.mark.parametrize("command", ["evaluate", "assess"])
@pytest.mark.parametrize(
    ("obs", "tgt", "line", "fragment"),
    [pytest.param(entry[1], entry[2], entry[3], entry[6], id=entry[0]) for entry in REJECTED],
)
def test_rejected_by_the_command_line(
    write_file: WriteFile,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    command: str,
    obs: "str | bytes | None",
    tgt: "str | bytes | None",
    line: int,
    fragment: str,
) -> None:
    good_obs = write_file("good_obs.csv", GOOD_OBS)
    good_tgt = write_file("good_tgt.csv", GOOD_TGT)
    output = tmp_path / "report.csv"
    for text, which in ((obs, "observations"), (tgt, "targets")):
        if text is None:
            continue
        bad = write_file(f"bad_{which}.csv", text)
        targets = bad if which == "targets" else good_tgt
        observations = bad if which == "observations" else good_obs
        status = cli.main(
            [command, "--targets", str(targets), "--observations", str(observations), "--format", "csv", "--output", str(output)]
        )
        out, err = capsys.readouterr()
        if which == "observations" and _observation_row_level(bad):
            # A row that cannot be read is left out with a warning naming it, and the other rows are used.
            assert status == 0, err
            assert out == "" and err.count("\n") == 1
            assert err.startswith(f"ontrack: warning: {bad}, line {line}") and fragment in err and err.endswith("(this row is left out)\n")
            assert output.exists()
            output.unlink()
            continue
        if which == "targets" and _row_level(bad):
            # A row that is not a valid target is reported in the results with the reader's error, and
            # the other targets are assessed (docs/robustness.md, "One bad target does not fail the run").
            assert status == 0, err
            assert (out, err) == ("", "")
            verdict = "not_assessable" if command == "assess" else "not_evaluable"
            rows = [r for r in csv.DictReader(io.StringIO(output.read_text(encoding="utf-8"))) if r.get("status", r.get("verdict")) == verdict]
            assert any(f"{bad}, line {line}" in r["message"] and fragment in r["message"] for r in rows), rows
            output.unlink()
            continue
        assert status == 2
        assert out == ""
        assert err.count("\n") == 1 and err.endswith("\n")
        assert err.startswith(f"ontrack: {bad}, line {line}")
        assert fragment in err
        assert not output.exists()  # no partial report
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".ontrack")) == []


def _observation_row_level(path: Path) -> bool:
    """Whether the observations file is a table with some rows that cannot be read (rather than no table)."""
    try:
        _core._read_observations_text_lenient(path.read_bytes().decode("utf-8"), str(path))
    except (ot.ParseError, UnicodeDecodeError):
        return False
    return True


def _row_level(path: Path) -> bool:
    """Whether the targets file is a table with some rows that are not targets (rather than no table)."""
    try:
        _core._read_targets_file_lenient(str(path))
    except ot.ParseError:
        return False
    return True


@pytest.mark.parametrize("which", ["targets", "observations"])
def test_a_folder_instead_of_a_file(write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str], which: str) -> None:
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    files = {"targets": write_file("t.csv", GOOD_TGT), "observations": write_file("o.csv", GOOD_OBS), which: folder}
    assert cli.main(["evaluate", "--targets", str(files["targets"]), "--observations", str(files["observations"])]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"ontrack: {folder}: cannot read the file: it is a folder\n"


def test_header_only_files_are_empty_tables(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    observations = ot.read_observations(write_file("o.csv", OBS_HEADER))
    assert len(observations.rows) == 0
    assert ot.write_observations(observations) == OBS_HEADER
    assert ot.read_targets(write_file("t.csv", TGT_HEADER)) == []
    # The command line reports zero targets rather than failing.
    for command in ("evaluate", "assess"):
        status = cli.main([command, "--targets", str(write_file("t.csv", TGT_HEADER)), "--observations", str(write_file("o.csv", OBS_HEADER))])
        out, err = capsys.readouterr()
        assert (status, err) == (0, "")
        assert "0 targets" in out


def test_bom_crlf_and_full_width_digits_are_accepted(write_file: WriteFile) -> None:
    text = "\ufeff" + (OBS_HEADER + "China,x,２０２０,１．５,%,,\"a\r\nb\"\n").replace("\n", "\r\n")
    (row,) = ot.read_observations(write_file("o.csv", text)).rows
    assert (str(row.period), row.value, row.unit, row.source) == ("2020", 1.5, "%", "a\r\r\nb")
    (target,) = ot.read_targets(write_file("t.csv", "\ufeff" + tgt_value("１．５").replace("\n", "\r\n")))
    assert (target.value, str(target.period)) == (1.5, "2025")


def test_a_carriage_return_in_a_quoted_field_is_kept(write_file: WriteFile) -> None:
    # CRLF inside quotes is data: the reader keeps it, the writer quotes it.
    (row,) = ot.read_observations(write_file("o.csv", OBS_HEADER + 'China,x,2020,1,,,"a\r\nb"\n')).rows
    assert row.source == "a\r\nb"
    assert ot.write_observations(ot.read_observations(write_file("o.csv", OBS_HEADER + 'China,x,2020,1,,,"a\r\nb"\n'))).endswith('"a\r\nb"\n')


def test_negative_values_and_unsorted_periods_are_accepted(write_file: WriteFile) -> None:
    table = ot.read_observations(write_file("o.csv", OBS_HEADER + "China,x,2023,-4,家,,\nChina,x,2020,1,家,,\nChina,x,2022,-3,家,,\n"))
    series = table.select("China", "x")
    assert (str(series.start), str(series.end)) == ("2020", "2023")
    assert series.at(ot.Period(2022)) == -3
    assert math.isnan(series.at(ot.Period(2021)))
    # Written back in the file's own order.
    assert ot.write_observations(table).splitlines()[1:] == ["China,x,2023,-4,家,,", "China,x,2020,1,家,,", "China,x,2022,-3,家,,"]


def test_log_methods_refuse_zero_and_negative_values() -> None:
    series = ot.Series(2018, [1.0, 0.0, 2.0, 3.0, 4.0, 5.0])
    for method in ("loglinear", "cagr"):
        with pytest.raises(ot.InvalidValueError, match="needs positive values, got 0 in 2019"):
            ot.project(series, method, to=2026)
    target = ot.Target(id="t", indicator="x", kind="level", value=10, period=2026)
    # assess falls back on the pace and says why there is no projection.
    assessment = ot.assess(target, series, method="loglinear")
    assert assessment.probability is None
    assert "no projection" in assessment.message and "needs positive values, got 0 in 2019" in assessment.message


def test_a_single_observation_and_all_equal_values() -> None:
    target = ot.Target(id="t", indicator="x", kind="level", value=10, period=2025)
    with pytest.raises(ot.DataError, match="got 1"):
        ot.project(ot.Series(2022, [5.0]), "linear", to=2025)
    single = ot.assess(target, ot.Series(2022, [5.0]))
    assert single.status == "not_assessable" and "got 1" in single.message
    flat = ot.project(ot.Series(2015, [3.0] * 8), "auto", to=2025).to_pandas()
    assert flat["mean"].iloc[-1] == pytest.approx(3.0)
    assert flat[["mean", "lower", "upper"]].notna().all().all()
    equal = ot.assess(target, ot.Series(2015, [3.0] * 8))
    assert equal.status in ("off_track", "at_risk")
    assert equal.probability is not None and 0.0 <= equal.probability <= 1.0


def test_deadline_before_the_data() -> None:
    series = ot.Series(2018, [1.0, 2.0, 3.0, 4.0, 5.0])
    target = ot.Target(id="t", indicator="x", kind="level", value=2, period=2015)
    expected = "not evaluable: the deadline 2015 is before the first observation (2018)"
    evaluation = ot.evaluate(target, series)
    assert (evaluation.verdict, evaluation.message) == ("not_evaluable", expected)
    assessment = ot.assess(target, series)
    assert (assessment.status, assessment.message) == ("not_assessable", expected)


def test_unknown_region_indicator_and_unobserved_indicator(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    observations = write_file("o.csv", GOOD_OBS + "China,y,2020,,,,\n")
    targets = write_file(
        "t.csv",
        TGT_HEADER + "a,Atlantis,x,level,>=,5,2025,\nb,China,gdp,level,>=,5,2025,\nc,China,y,level,>=,5,2025,\n",
    )
    table = ot.read_observations(observations)
    with pytest.raises(ot.DataError, match="no observations of 'x' in 'Atlantis'"):
        table.select("Atlantis", "x")
    frame = ot.evaluate_table(ot.read_targets(targets), table)
    assert list(frame["verdict"]) == ["no_data", "no_data", "pending"]
    assert frame["message"][0] == "no observations of 'x' in 'Atlantis'"
    for command in ("evaluate", "assess"):
        assert cli.main([command, "--targets", str(targets), "--observations", str(observations), "--format", "csv"]) == 0
        out, err = capsys.readouterr()
        assert err == ""
        assert "Atlantis" in out and "gdp" in out


def test_extreme_magnitudes_round_trip(write_file: WriteFile) -> None:
    text = OBS_HEADER + "China,x,2020,1e300,,,\nChina,x,2021,1e-300,,,\nChina,x,2022,5e-324,,,\n"
    table = ot.read_observations(write_file("o.csv", text))
    assert [r.value for r in table.rows] == [1e300, 1e-300, 5e-324]
    assert ot.write_observations(table) == text
    target = ot.Target(id="t", indicator="x", kind="level", value=1e-300, stretch=1e300, period=2025)
    (back,) = ot.read_targets(write_file("t.csv", ot.write_targets([target])))
    assert (back.value, back.stretch) == (1e-300, 1e300)


def test_dataframes_with_nan_inf_and_bad_types() -> None:
    frame = pd.DataFrame({"region": ["China"], "indicator": ["x"], "period": ["2020"], "value": [math.inf]})
    with pytest.raises(ot.ParseError, match="NaN and infinity are not values") as caught:
        ot.read_observations(frame)
    assert (caught.value.source, caught.value.line, caught.value.field) == ("DataFrame", 2, "value")
    # NaN in a frame is an empty cell: a period listed but not observed.
    (row,) = ot.read_observations(frame.assign(value=[math.nan])).rows
    assert math.isnan(row.value)
    for read in (ot.read_observations, ot.read_targets):
        with pytest.raises(TypeError, match="expected a path.*got int"):
            read(42)  # type: ignore[arg-type]


def test_a_million_observations_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "million.csv"
    lines = [OBS_HEADER]
    for region in range(1000):
        lines.extend(f"R{region},x,{1950 + k // 12}-{k % 12 + 1:02d},{region}.{k},万元,,\"src, {k % 7}\"\n" for k in range(1000))
    text = "".join(lines)
    path.write_text(text, encoding="utf-8", newline="")
    table = ot.read_observations(path)
    assert len(table.rows) == 1_000_000
    last = table.rows[-1]
    assert (last.region, str(last.period), last.value, last.source) == ("R999", "2033-04", 999.999, "src, 5")
    copy = tmp_path / "copy.csv"
    assert ot.write_observations(table, copy) == text
    assert copy.read_text(encoding="utf-8") == text
    assert len(ot.read_observations(copy).rows) == 1_000_000

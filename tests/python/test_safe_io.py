"""Reliability and security from Python and the command line (docs/robustness.md): no traceback, exit
codes, result files safe to open in a spreadsheet and exact, invisible characters named, arguments of
the wrong type named, one bad target among many, mixed units across dated vintages, NaN thresholds."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Union

import numpy as np
import pandas as pd
import pytest

import ontrack as ot
from ontrack import _core, cli
from ontrack._export import neutralise_formula, result_csv, result_json

from cli_support import run_module

WriteFile = Callable[[str, Union[str, bytes]], Path]

OBS_HEADER = "region,indicator,period,value,unit,vintage,source\n"
TGT_HEADER = "id,region,indicator,kind,comparator,value,period\n"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------------------------ no traceback, exit codes


def test_as_of_before_the_calendar_is_one_line_and_exit_2(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    # The example: a Python date of 1399 reached the core and ended in a traceback.
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,5,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1,,,\nChina,x,2020,2,,,\nChina,x,2021,3,,,\n")
    # (Full-width digits, ２０２０-01-01, are read as the date they spell: tests/python/test_tables.py.)
    for as_of in ("1399-12-31", "0001-01-01", "2020-02-30", "2020-13-01", "yesterday"):
        code, out, err = run(["assess", "--targets", str(t), "--observations", str(o), "--as-of", as_of], capsys)
        assert code == 2, (as_of, err)
        assert out == ""
        assert err.startswith("ontrack: ") and err.count("\n") == 1, err
        assert "as_of" in err
        assert "Traceback" not in err


def test_an_internal_error_exits_3_and_asks_for_a_report(
    write_file: WriteFile, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,5,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1,,,\n")

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "evaluate_table", broken)
    code, out, err = run(["evaluate", "--targets", str(t), "--observations", str(o)], capsys)
    assert code == cli.EXIT_INTERNAL_ERROR == 3
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0] == "ontrack: internal error: KeyError: 'a bug'"
    assert "please report it" in lines[1]

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "evaluate_table", interrupted)
    code, _, err = run(["evaluate", "--targets", str(t), "--observations", str(o)], capsys)
    assert (code, err) == (130, "ontrack: interrupted\n")


@pytest.mark.parametrize(
    "targets, observations",
    [
        (b"\x00\x01\x02", OBS_HEADER.encode()),  # binary
        (TGT_HEADER.encode() + b"a,China,x,level,>=,5,2025\n", b"region\n" + b"x" * 70000 + b"\n"),  # a huge field
        (TGT_HEADER.encode() + b"a,China,x,level,>=,5,2025\n", b"\xff\xfe" + "region".encode("utf-16-le")),  # UTF-16
        (b"id,indicator,kind,period\n" + b'"a' * 100, OBS_HEADER.encode()),  # unterminated quotes
        (TGT_HEADER.encode() + b"a,China,x,level,>=,5,2025\n", OBS_HEADER.encode() + b"China,x,2020,1e999,,,\n"),
    ],
)
def test_malformed_files_never_give_a_traceback(
    write_file: WriteFile, capsys: pytest.CaptureFixture[str], targets: bytes, observations: bytes
) -> None:
    t = write_file("t.csv", targets)
    o = write_file("o.csv", observations)
    for command in ("assess", "evaluate"):
        for fmt in ("table", "csv", "json"):
            code, out, err = run([command, "--targets", str(t), "--observations", str(o), "--format", fmt], capsys)
            assert code in (0, 2), err
            assert "Traceback" not in err
            if code == 2:
                assert out == "" and err.count("\n") == 1


def test_no_traceback_through_the_real_entry_point(write_file: WriteFile) -> None:
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,5,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1,,,\n")
    done = run_module("assess", "--targets", str(t), "--observations", str(o), "--as-of", "1399-12-31", cwd=t.parent)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr


def test_messages_escape_control_characters_and_are_capped(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    # ESC sequences in a cell and in a file name reach the terminal as visible text.
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,\x1b[2J\x1b[31mred,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2020,\x1b[2J\x1b[31mred,,,\n")
    code, _, err = run(["assess", "--targets", str(t), "--observations", str(o)], capsys)
    # The bad observation row is left out with a warning (docs/robustness.md), escaped.
    assert code == 0 and err.startswith("ontrack: warning: ")
    assert "\x1b" not in err and "\\x1b[2J" in err
    # A bad target row is reported in the results, escaped there too.
    o = write_file("o.csv", OBS_HEADER)
    code, out, err = run(["assess", "--targets", str(t), "--observations", str(o), "--all"], capsys)
    assert code == 0, err
    assert "\x1b" not in out and "\\x1b[2J" in out
    code, _, err = run(["assess", "--targets", str(t.parent / "no\x1b]0;pwned\x07such.csv"), "--observations", str(o)], capsys)
    assert code == 2
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;pwned\\x07" in err
    # NUL, BOM and no-break space in Python-side text are escaped the same way.
    assert cli.visible("a\x00b\ufeffc\u00a0d\u200be\r\nf") == "a\\x00b\\ufeffc\\u00a0d\\u200be\\r\\nf"
    assert cli.visible("北京 1.5%") == "北京 1.5%"
    capped = cli.visible("x" * 10_000)
    assert len(capped) < cli.MAX_MESSAGE_CHARS + 40 and capped.endswith("(8000 more characters)")
    # One rule: the Python text goes through the compiled core's escaping, so a cell in a C++ error
    # message and the same text escaped in Python read alike.
    cell = "\x1b[31mred\u200b\x85"
    with pytest.raises(ot.ParseError) as caught:
        _core.read_observations_text(OBS_HEADER + f"China,x,2020,{cell},,,\n", "o.csv")
    assert f"(got '{cli.visible(cell)}')" in str(caught.value)
    assert cli.visible(cell) == "\\x1b[31mred\\u200b\\x85"
    # Bytes that are not UTF-8 (surrogate-escaped by Python) show as the bytes, as in C++ messages;
    # the cap counts characters, Chinese ones included.
    assert cli.visible(b"a\xffb".decode("utf-8", "surrogateescape")) == "a\\xffb"
    assert cli.visible("北京" * 3, 4) == "北京北京… (2 more characters)"
    # A long value in a file: one short line.
    o = write_file("o.csv", OBS_HEADER + "China,x,2020," + "9" * 60000 + "z,,,\n")
    code, _, err = run(["assess", "--targets", str(t), "--observations", str(o)], capsys)
    assert code == 0 and err.count("\n") == 1 and len(err) < 1000


# ---------------------------------------------------------------------------------------- result outputs


def test_formula_injection_is_neutralised_in_csv_results(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    # Ids and indicator names starting with = + - @ would run as formulas in a spreadsheet.
    rows = [
        ("=HYPERLINK(\"http://x\")", "=cmd"),
        ("+1", "+x"),
        ("-2", "-x"),
        ("@SUM(A1)", "@x"),
        ("plain", "plain"),
    ]
    t = write_file("t.csv", TGT_HEADER + "".join(f'"{i.replace(chr(34), chr(34) * 2)}",China,"{x}",level,>=,5,2025\n' for i, x in rows))
    o = write_file("o.csv", OBS_HEADER + "".join(f'China,"{x}",2020,1,,,\n' for _, x in rows))
    for command in ("assess", "evaluate"):
        code, out, err = run([command, "--targets", str(t), "--observations", str(o), "--format", "csv"], capsys)
        assert code == 0, err
        cells = [cell for row in csv.reader(io.StringIO(out)) for cell in row]
        for ident, indicator in rows:
            assert ident not in cells or ident == "plain"
            assert neutralise_formula(ident) in cells
            assert neutralise_formula(indicator) in cells
        # Numbers are not text: a negative number stays a number.
    frame = pd.DataFrame({"id": ["\tx", "\rx", "a"], "value": [-1.5, math.nan, 0.1 + 0.2]})
    back = list(csv.reader(io.StringIO(result_csv(frame), newline="")))
    assert back == [["id", "value"], ["'\tx", "-1.5"], ["'\rx", ""], ["a", "0.30000000000000004"]]


def test_the_library_files_stay_lossless(tmp_path: Path) -> None:
    # The targets and observations files are ontrack's own data: a leading = is kept as written.
    target = ot.Target(id="=A1", indicator="+x", value=1.0, period=2025, document="@doc", quote="-q")
    text = ot.write_targets([target])
    path = tmp_path / "t.csv"
    ot.write_targets([target], path)
    assert ot.read_targets(path) == [target]
    assert "=A1,,+x" in text


def test_csv_results_quote_every_field_that_needs_it() -> None:
    frame = pd.DataFrame({"id": ["a\rb", "c\nd", 'e"f', "g,h", " i ", "j"], "n": [1, 2, 3, 4, 5, 6]})
    text = result_csv(frame)
    assert text.count("\n") == 7 + 1  # header, six rows, and the LF inside "c\nd"
    back = list(csv.reader(io.StringIO(text, newline="")))
    assert [row[0] for row in back[1:]] == ["a\rb", "c\nd", 'e"f', "g,h", " i ", "j"]
    assert [row[1] for row in back[1:]] == ["1", "2", "3", "4", "5", "6"]


def test_json_results_keep_every_digit(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    # pandas' to_json wrote 10 significant digits: 2.4000000001 became 2.4.
    values = [0.1 + 0.2, 2.4000000001, 123456789.12345679, 1e-300, 5e-324, -1.7976931348623157e308]
    frame = pd.DataFrame({"x": values + [math.nan], "s": ["a"] * 6 + ["北京"]})
    records = json.loads(result_json(frame))
    assert [r["x"] for r in records[:-1]] == values
    assert records[-1] == {"x": None, "s": "北京"}
    assert "北京" in result_json(frame)
    # Through the CLI: the latest value is exact.
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,5,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1.0000000001,,,\nChina,x,2020,2.4000000001,,,\nChina,x,2021,3.123456789012345,,,\n")
    for command in ("assess", "evaluate"):
        code, out, err = run([command, "--targets", str(t), "--observations", str(o), "--format", "json"], capsys)
        assert code == 0, err
        assert json.loads(out)[0]["latest_value"] == 3.123456789012345


# ---------------------------------------------------------------------------------- invisible characters


@pytest.mark.parametrize(
    "char, name",
    [("\x00", "NUL"), ("\ufeff", "U+FEFF"), ("\u00a0", "U+00A0"), ("\u200b", "U+200B"), ("\u2060", "U+2060"), ("\u202e", "U+202E")],
)
def test_invisible_characters_in_keys_are_named(char: str, name: str) -> None:
    frame = pd.DataFrame({"region": [f"Bei{char}jing"], "indicator": ["x"], "period": ["2020"], "value": [1.0]})
    with pytest.raises(ot.ParseError) as caught:
        ot.read_observations(frame)
    assert caught.value.field == "region"
    assert name in str(caught.value)
    assert "at character 4" in str(caught.value)
    targets = pd.DataFrame({"id": ["a"], "indicator": [f"x{char}"], "kind": ["level"], "value": [1.0], "period": ["2025"]})
    with pytest.raises(ot.ParseError, match="field 'indicator'"):
        ot.read_targets(targets)


def test_a_key_with_an_invisible_character_cannot_be_written(tmp_path: Path) -> None:
    target = ot.Target(id="a\u00a0", indicator="x", value=1.0, period=2025)
    with pytest.raises(ot.ParseError, match="U\\+00A0"):
        ot.write_targets([target], tmp_path / "t.csv")
    assert not (tmp_path / "t.csv").exists()


# ------------------------------------------------------------------------------------------ rates


def test_a_dataframe_growth_of_5_is_as_ambiguous_as_the_text_5() -> None:
    def frame(value: object) -> pd.DataFrame:
        return pd.DataFrame({"id": ["g"], "indicator": ["x"], "kind": ["growth"], "value": [value], "period": ["2025"]})

    with pytest.raises(ot.ParseError) as text_error:
        ot.read_targets(frame("5"))
    with pytest.raises(ot.ParseError) as float_error:
        ot.read_targets(frame(5.0))
    assert str(float_error.value) == str(text_error.value)
    assert "ambiguous" in str(float_error.value)
    for value in (1.5, -2.0, np.float64(12.5)):
        with pytest.raises(ot.ParseError, match="ambiguous"):
            ot.read_targets(frame(value))
    # Fractions and percentages read as before; a frame from targets_to_pandas keeps its meaning.
    assert ot.read_targets(frame(0.05))[0].value == 0.05
    assert ot.read_targets(frame("5%"))[0].value == 0.05
    assert ot.read_targets(frame(1.0))[0].value == 1.0
    big = ot.Target(id="g", indicator="x", kind="growth", value="500%", period=2025)
    assert ot.read_targets(ot.targets_to_pandas([big])) == [big]
    # Level targets are not rates: 5.0 is 5.
    level = pd.DataFrame({"id": ["l"], "indicator": ["x"], "kind": ["level"], "value": [5.0], "period": ["2025"]})
    assert ot.read_targets(level)[0].value == 5.0


# ------------------------------------------------------------------------------------------ probabilities


def test_project_many_probability_at_nan_raises_like_projection_probability() -> None:
    values = np.array([[1.0, 2, 3, 4, 5, 6], [2, 2, 2, 2, 2, 2], [1, 3, 2, 4, 3, 5]])
    batch = ot.project_many(values, 2010, "linear", to=2018)
    single = ot.project(ot.Series(2010, [1.0, 2, 3, 4, 5, 6]), "linear", to=2018)
    with pytest.raises(ot.InvalidValueError):
        single.probability(">=", math.nan, 2018)
    with pytest.raises(ot.InvalidValueError, match="NaN"):
        batch.probability(">=", math.nan, 2018)
    for thresholds in ([1.0, math.nan, 1.0], np.array([math.nan, 1.0, 1.0])):
        with pytest.raises(ot.InvalidValueError, match="NaN"):
            batch.probability("<", thresholds, 2018)
    # The constant row is a point mass: its probability at NaN raised nowhere before.
    constant = ot.project(ot.Series(2010, [2.0] * 6), "linear", to=2018)
    with pytest.raises(ot.InvalidValueError):
        constant.probability("<=", math.nan, 2018)
    assert batch.probability(">=", 1.0, 2018)[1] == 1.0


# --------------------------------------------------------------------------------------- argument types


def test_arguments_of_the_wrong_type_are_type_errors_naming_the_argument(observations_path: Path) -> None:
    observations = ot.read_observations(observations_path)
    target = ot.Target(id="a", indicator="x", value=1.0, period=2025)
    with pytest.raises(TypeError, match=r"targets\[1\]: expected a Target, got str"):
        ot.assess_table([target, "b"], observations)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="thresholds"):
        ot.assess_table([target], observations, thresholds=[0.5])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"thresholds\['on_track'\]"):
        ot.assess_table([target], observations, thresholds={"on_track": "high"})  # type: ignore[dict-item]
    with pytest.raises(ot.ParseError, match="1400..9999"):
        ot.assess_table([target], observations, as_of=dt.date(1399, 12, 31))
    with pytest.raises(TypeError, match="observations"):
        ot.evaluate_table([target], 3)  # type: ignore[arg-type]
    # A path is read as a file (tables as people keep them): a missing one is named.
    with pytest.raises(ot.ParseError, match="no-such-observations.csv"):
        ot.evaluate_table([target], "no-such-observations.csv")
    for bad in (None, 3, "x"):
        with pytest.raises(TypeError) as caught:
            ot.select_series(bad, "China", "x")  # type: ignore[arg-type]
        assert "Unable to cast" not in str(caught.value)


# ------------------------------------------------------------------------------------ one bad target


def test_one_bad_target_does_not_fail_the_run(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    t = write_file(
        "t.csv",
        TGT_HEADER
        + "good,China,x,level,>=,5,2025\n"
        + "far,China,x,level,>=,5,10009\n"
        + "quarter,China,x,level,>=,5,2025-Q1\n"
        + "bad_kind,China,x,kindof,>=,5,2025\n",
    )
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1,,,\nChina,x,2020,2,,,\nChina,x,2021,3,,,\n")
    for command, column, verdict in (("assess", "status", "not_assessable"), ("evaluate", "verdict", "not_evaluable")):
        code, out, err = run([command, "--targets", str(t), "--observations", str(o), "--format", "json"], capsys)
        assert code == 0, err
        rows = {r["id"]: r for r in json.loads(out)}
        assert set(rows) == {"good", "far", "quarter", "bad_kind"}
        assert rows["good"][column] not in ("not_assessable", "not_evaluable")
        assert rows["far"][column] == verdict
        assert str(t) in rows["far"]["message"] and "line 3" in rows["far"]["message"] and "target 'far'" in rows["far"]["message"]
        assert "line 5" in rows["bad_kind"]["message"] and "field 'kind'" in rows["bad_kind"]["message"]
        # A quarterly deadline against annual data is a per-target problem too.
        assert rows["quarter"][column] in (verdict, "pending"), rows["quarter"]
        # The table people read lists rows that could not be assessed with --all (otherwise it counts them).
        code, out, err = run([command, "--targets", str(t), "--observations", str(o), "--all"], capsys)
        assert code == 0 and "far" in out
    page = t.parent / "report.html"
    code, _, err = run(["assess", "--targets", str(t), "--observations", str(o), "--format", "html", "--output", str(page)], capsys)
    assert code == 0, err
    assert "target &#x27;far&#x27;" in page.read_text(encoding="utf-8") or "target 'far'" in page.read_text(encoding="utf-8")


def test_assess_table_reports_per_target_value_errors_as_not_assessable() -> None:
    table = ot.read_observations(
        pd.DataFrame(
            {
                "region": ["A"] * 4 + ["B"] * 3,
                "indicator": ["x"] * 7,
                "period": ["2019", "2020", "2021", "2022", "2019", "2020", "2021"],
                "value": [1.0, 2, 3, 4, 1, 2, 3],
                # Units that measure different things (万元 then %): 万元 then 亿元 would be converted.
                "unit": ["万元", "万元", "%", "%", "", "", ""],
                "vintage": ["2020-03-01", "2021-03-01", "2022-03-01", "2023-03-01", "", "", ""],
            }
        )
    )
    targets = [ot.Target(id="a", region="A", indicator="x", value=10.0, period=2025),
               ot.Target(id="b", region="B", indicator="x", value=10.0, period=2025)]
    frame = ot.assess_table(targets, table).set_index("id")
    assert frame.loc["a", "status"] == "not_assessable"
    assert "mixes units '万元'" in frame.loc["a", "message"] and "target 'a'" in frame.loc["a", "message"], frame.loc["a", "message"]
    assert frame.loc["b", "status"] != "not_assessable"
    with pytest.raises(ot.InvalidValueError, match="mixes units"):
        ot.select_series(table, "A", "x")
    # Known on 2021-06-30, only 万元 had been published: a clean series.
    assert ot.select_series(table, "A", "x", as_of="2021-06-30").unit == "万元"
    index = _core.ObservationIndex(table)
    assert list(ot.select_series(index, "B", "x").values) == [1.0, 2.0, 3.0]


# ------------------------------------------------------------------------------------------ safe writes


def test_cli_output_keeps_the_mode_of_the_file_it_replaces(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    t = write_file("t.csv", TGT_HEADER + "a,China,x,level,>=,5,2025\n")
    o = write_file("o.csv", OBS_HEADER + "China,x,2019,1,,,\n")
    out = t.parent / "out.csv"
    out.write_text("old")
    os.chmod(out, 0o600)
    code, _, err = run(["evaluate", "--targets", str(t), "--observations", str(o), "--format", "csv", "--output", str(out)], capsys)
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("id,")


def test_library_writers_keep_the_mode_and_survive_concurrent_writers(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    victim = tmp_path / "victim"
    victim.write_text("keep")
    (tmp_path / "t.csv.ontrack-tmp").symlink_to(victim)
    sets = [[ot.Target(id=f"t{w}-{k}", indicator="x", value=float(k), period=2025) for k in range(300)] for w in range(6)]
    texts = [ot.write_targets(s) for s in sets]
    ot.write_targets(sets[0], path)
    os.chmod(path, 0o600)

    def writer(w: int) -> None:
        for _ in range(5):
            ot.write_targets(sets[w], path)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert path.read_text(encoding="utf-8") in texts
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert victim.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.csv.ontrack-tmp", "victim"]


def test_writers_refuse_empty_and_duplicate_ids(tmp_path: Path) -> None:
    a = ot.Target(id="a", indicator="x", value=1.0, period=2025)
    with pytest.raises(ot.InvalidValueError, match="duplicate target id 'a'"):
        ot.write_targets([a, a], tmp_path / "t.csv")
    with pytest.raises(ot.InvalidValueError, match="every target needs an id"):
        ot.write_targets([ot.Target(id="", indicator="x", value=1.0, period=2025)])
    assert not (tmp_path / "t.csv").exists()


# ---------------------------------------------------------------------------------------------- limits


def test_size_limits_are_clear_errors(write_file: WriteFile) -> None:
    big = write_file("o.csv", OBS_HEADER + "China,x,2020,1,,," + "s" * (10 << 20) + "\n")
    with pytest.raises(ot.ParseError, match="longer than 64 KiB") as caught:
        ot.read_observations(big)
    assert (caught.value.line, caught.value.column, caught.value.field) == (2, 7, "source")
    n = ot.Series(2010, [1.0, 2, 3, 4, 5, 6])
    d = ot.Series(2010, [10.0, 11, 12, 13, 14, 15])
    with pytest.raises(ot.InvalidValueError, match="at most 10000000 draws"):
        ot.project_ratio(n, d, "linear", to=2015 + 3, draws=10_000_001)


# ------------------------------------------------------------------------------------------- evaluation


@pytest.mark.filterwarnings("ignore::ontrack.units.ScaleWarning")  # random values, not a question of scale
def test_indexed_evaluate_table_matches_selection_target_by_target() -> None:
    rng = np.random.default_rng(7)
    rows = []
    for region in ("A", "B", "C"):
        for indicator in ("x", "y"):
            vintages = ["first_release", "yearbook"] if region == "A" else [""]
            for vintage in vintages:
                for year in range(2015, 2023):
                    rows.append((region, indicator, str(year), float(rng.integers(1, 100)), "", vintage))
    table = ot.read_observations(pd.DataFrame(rows, columns=["region", "indicator", "period", "value", "unit", "vintage"]))
    targets = [
        ot.Target(id=f"{r}{i}{k}", region=r, indicator=i, value=float(v), period=p)
        for k, (r, i, v, p) in enumerate(
            [(r, i, v, p) for r in ("A", "B", "C", "D") for i in ("x", "y", "z") for v, p in ((50, 2020), (10, 2022), (80, 2025))]
        )
    ]
    frame = ot.evaluate_table(targets, table).set_index("id")
    for t in targets:
        row = frame.loc[t.id]
        if not table.contains(t.region, t.indicator):
            assert row["verdict"] == "no_data"
            continue
        vintages = table.vintages(t.region, t.indicator)
        series = table.select(t.region, t.indicator, None if len(vintages) == 1 else "first_release")
        assert row["verdict"] == _core.evaluate(t, series).verdict

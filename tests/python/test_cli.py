"""The command line (python/ontrack/cli.py): ``python -m ontrack`` in a subprocess for the exit status
and streams a user sees, and ``ontrack.cli.main([...])`` in-process for the output formats.

Contract (cli.py docstring): exit 0 on success; exit 2 on bad input with one line on stderr naming
the file, line and field, and no traceback.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from cli_support import run_module
from ontrack import cli
from ontrack.io import EVALUATION_COLUMNS

WriteFile = Callable[[str, "str | bytes"], Path]
Records = Callable[[Path], list[dict[str, str]]]




@pytest.fixture
def bundled_arguments(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> list[str]:
    return [
        "evaluate",
        "--targets",
        str(national_targets_path),
        "--targets",
        str(seed_targets_path),
        "--observations",
        str(observations_path),
    ]


@pytest.fixture
def all_ids(national_targets_path: Path, seed_targets_path: Path, read_csv_records: Records) -> list[str]:
    return [r["id"] for r in read_csv_records(national_targets_path) + read_csv_records(seed_targets_path)]


# ------------------------------------------------------------------------------------------- subprocess


def test_module_evaluates_the_bundled_files(bundled_arguments: list[str], all_ids: list[str], tmp_path: Path) -> None:
    # --all: targets without data too (by default they are summarised in one line).
    done = run_module(*bundled_arguments, "--all", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for target_id in all_ids:
        assert target_id in done.stdout
    assert f"{len(all_ids)} targets: " in done.stdout
    # The two rows checked by hand in test_io.py, as the table shows them.
    rows = [line.split() for line in done.stdout.splitlines() if line.strip()]
    lines = {words[0]: words for words in rows if words[0] in ("cn13-01", "cn13-06")}
    assert "missed" in lines["cn13-01"] and "met" in lines["cn13-06"]


def test_module_bad_targets_file(write_file: WriteFile, observations_path: Path, tmp_path: Path) -> None:
    # A row that is not a valid target is reported in the results (not_evaluable, with the reader's
    # error naming file, line, column and target), and the other targets are evaluated.
    bad = write_file("bad.csv", "id,indicator,kind,period,value\na,x,level,2020,1\nb,x,bogus,2020,1\n")
    done = run_module("evaluate", "--targets", str(bad), "--observations", str(observations_path), "--format", "csv", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert set(rows) == {"a", "b"}
    assert rows["a"]["verdict"] == "no_data"
    assert rows["b"]["verdict"] == "not_evaluable"
    # Row b is line 3; 'kind' is the third column.
    assert rows["b"]["message"].startswith(f"not evaluable: {bad}, line 3, column 3: field 'kind': target 'b': ")
    assert "bogus" in rows["b"]["message"]


def test_module_unknown_option(bundled_arguments: list[str], tmp_path: Path) -> None:
    done = run_module(*bundled_arguments, "--colour", "red", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == ["ontrack: unrecognized arguments: --colour red"]


# ----------------------------------------------------------------------------------------------- formats


def test_csv_format(bundled_arguments: list[str], all_ids: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*bundled_arguments, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    frame = pd.read_csv(io.StringIO(out), dtype={"id": str, "deadline": str, "latest_period": str})
    assert list(frame.columns) == EVALUATION_COLUMNS
    assert sorted(frame["id"]) == sorted(all_ids)
    row = frame.set_index("id").loc["cn13-01"]
    # R&D intensity >= 2.5 by 2020; the 2020 first release printed 2.40 (checked with csv in test_io.py).
    assert (row["verdict"], row["observed"], row["required"], row["deadline"]) == ("missed", 2.4, 2.5, "2020")


def test_json_format(bundled_arguments: list[str], all_ids: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*bundled_arguments, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    records = json.loads(out)
    assert isinstance(records, list) and len(records) == len(all_ids)
    assert all(list(r) == EVALUATION_COLUMNS for r in records)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == set(all_ids)
    # Scientific literacy > 10% by 2020; the 2020 survey found 10.56 (checked with csv in test_io.py).
    literacy = by_id["cn13-06"]
    assert (literacy["verdict"], literacy["observed"], literacy["required"]) == ("met", 10.56, 10.0)
    # Missing numbers are null, not NaN (which is not JSON), and Chinese text is not escaped.
    assert by_id["cn14-03"]["observed"] is None
    assert "\\u" not in out and "NaN" not in out


def test_output_file(bundled_arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*bundled_arguments, "--format", "csv"]) == 0
    expected = capsys.readouterr().out
    out_path = tmp_path / "report.csv"
    assert cli.main([*bundled_arguments, "--format", "csv", "--output", str(out_path)]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")
    assert out_path.read_text(encoding="utf-8") == expected
    assert [p.name for p in tmp_path.iterdir()] == ["report.csv"]  # no temporary file left


def test_vintage_option(
    national_targets_path: Path, observations_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = ["evaluate", "--targets", str(national_targets_path), "--observations", str(observations_path)]
    arguments += ["--format", "json"]
    assert cli.main([*arguments, "--vintage", "yearbook"]) == 0
    by_id = {r["id"]: r for r in json.loads(capsys.readouterr().out)}
    # The yearbook's 2020 R&D intensity is 2.41 (first release 2.40).
    assert (by_id["cn13-01"]["observed"], by_id["cn13-01"]["vintage"]) == (2.41, "yearbook")


# ------------------------------------------------------------------------------------------ bad input


def test_missing_file(observations_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.csv"
    assert cli.main(["evaluate", "--targets", str(missing), "--observations", str(observations_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"ontrack: {missing}: cannot open the file\n"


def test_bad_observations_file(
    national_targets_path: Path, write_file: WriteFile, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_file("obs.csv", "region,indicator,period,value\nChina,x,2020,N/A\n")
    # A row that cannot be read is left out with one warning line naming it; the run goes on.
    assert cli.main(["evaluate", "--targets", str(national_targets_path), "--observations", str(bad)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"ontrack: warning: {bad}, line 2, column 4: field 'value': ") and err.endswith("(this row is left out)\n")
    # A file that is not an observations table still stops the run.
    header = write_file("obs2.csv", "region,indicator,period\nChina,x,2020\n")
    assert cli.main(["evaluate", "--targets", str(national_targets_path), "--observations", str(header)]) == 2
    assert capsys.readouterr().err.startswith(f"ontrack: {header}, line 1: field 'value': required column 'value' is missing")


def test_unwritable_output(bundled_arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no-such-folder" / "report.txt"
    assert cli.main([*bundled_arguments, "--output", str(target)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("ontrack: ") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["evaluate", "--targets", "t.csv", "--observations", "o.csv", "--format", "xml"], "invalid choice: 'xml'"),
        (["evaluate", "--observations", "o.csv"], "the following arguments are required: --targets"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: command"),
    ],
)
def test_usage_errors_exit_2(arguments: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(arguments)
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("ontrack: ") and message in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"ontrack {ot.__version__}\n"


def test_unobserved_indicator_does_not_crash(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    # Regression (fixed): see test_io.py::test_evaluate_table_with_listed_but_unobserved_values.
    targets = write_file("t.csv", "id,region,indicator,kind,value,period\na,China,x,level,1,2021\n")
    observations = write_file("o.csv", "region,indicator,period,value\nChina,x,2020,\nChina,x,2021,\n")
    assert cli.main(["evaluate", "--targets", str(targets), "--observations", str(observations)]) == 0


def test_error_with_a_line_break_stays_on_one_line(
    write_file: WriteFile, observations_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Regression (fixed): cli.main writes f"ontrack: {exc}" as is; the message quotes the cell "20\n25"
    # (now written \\n, as every control character in a message).
    targets = write_file("t.csv", 'id,indicator,kind,value,period\na,x,level,1,2020\n')
    observations = write_file("o.csv", 'region,indicator,period,value\nChina,x,"20\n25",1\n')
    # The row is left out with a warning (docs/robustness.md), on one line.
    assert cli.main(["evaluate", "--targets", str(targets), "--observations", str(observations)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "20\\n25" in err


def test_output_file_permissions_follow_the_umask(bundled_arguments: list[str], tmp_path: Path) -> None:
    # The output is written to a temporary file and renamed; the temporary file starts owner-only
    # (mkstemp), so the rename must not leave a report that nobody else may read.
    import os
    import stat

    umask = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.csv"
        assert cli.main([*bundled_arguments, "--format", "csv", "--output", str(fresh)]) == 0
        assert stat.S_IMODE(fresh.stat().st_mode) == 0o644  # 0o666 & ~0o022

        existing = tmp_path / "existing.csv"
        existing.write_text("old\n", encoding="utf-8")
        existing.chmod(0o600)
        assert cli.main([*bundled_arguments, "--format", "csv", "--output", str(existing)]) == 0
        assert stat.S_IMODE(existing.stat().st_mode) == 0o600  # a replaced file keeps its permissions
        assert existing.read_text(encoding="utf-8") != "old\n"
    finally:
        os.umask(umask)

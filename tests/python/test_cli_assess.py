"""The ``assess`` subcommand (python/ontrack/cli.py): ``python -m ontrack assess`` in a subprocess for
the exit status and streams a user sees, and ``ontrack.cli.main([...])`` in-process for the formats
and options.

Contract (cli.py docstring): exit 0 on success; exit 2 on bad input with one line on stderr naming
the file, line and field, and no traceback. Reference values are read from the bundled files with the
standard library's csv module; the linear projection is recomputed with statsmodels.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import scipy.stats
import statsmodels.api as sm

from cli_support import run_module
from ontrack import cli
from ontrack.assessment import RISK_ORDER, TABLE_COLUMNS, today

WriteFile = Callable[[str, "str | bytes"], Path]
Records = Callable[[Path], list[dict[str, str]]]

STATUSES = {"met", "missed", "achieved", "on_track", "at_risk", "off_track", "regressing", "awaiting_data", "not_assessable"}
NUMBER_COLUMNS = [
    "latest_value", "projected", "lower", "upper", "probability", "required_pace", "actual_pace", "progress", "score",
]  # fmt: skip




@pytest.fixture
def arguments(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> list[str]:
    return [
        "assess",
        "--targets",
        str(national_targets_path),
        "--targets",
        str(seed_targets_path),
        "--observations",
        str(observations_path),
    ]


@pytest.fixture
def national_arguments(national_targets_path: Path, observations_path: Path) -> list[str]:
    return ["assess", "--targets", str(national_targets_path), "--observations", str(observations_path)]


@pytest.fixture
def all_ids(national_targets_path: Path, seed_targets_path: Path, read_csv_records: Records) -> list[str]:
    return [r["id"] for r in read_csv_records(national_targets_path) + read_csv_records(seed_targets_path)]


def csv_frame(text: str) -> pd.DataFrame:
    """Every cell as text ('' when empty), then the number columns as floats (NaN when empty)."""
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    for column in NUMBER_COLUMNS:
        frame[column] = [float(x) if x else math.nan for x in frame[column]]
    return frame


def run_csv(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> pd.DataFrame:
    assert cli.main([*arguments, "--format", "csv"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return csv_frame(out)


# ------------------------------------------------------------------------------------------- subprocess


def test_module_assesses_the_bundled_files(
    arguments: list[str], all_ids: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # --all: not_assessable rows too (by default they are summarised in one line).
    done = run_module(*arguments, "--all", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    # Assessed as of today by default, and it says so.
    assert lines[0] == f"ontrack assess: scheme probability, method default, as of {today().isoformat()} (today)"
    table_ids = {line.split()[0] for line in lines[2:] if line.strip()}
    assert set(all_ids) <= table_ids
    # The summary line: the count of each status, most at risk first, as the CSV output counts them.
    statuses = run_csv(arguments, capsys)["status"].value_counts()
    counts = ", ".join(f"{statuses[s]} {s}" for s in RISK_ORDER if s in statuses.index)
    assert f"\n\n{len(all_ids)} targets: {counts}.\n" in done.stdout
    assert len(all_ids) == 80 and statuses.sum() == 80
    # The row of cn13-01 as shown: R&D intensity >= 2.5 % by 2020, missed.
    # The indicator by its catalogue name (R&D intensity, examples/data/indicators.csv).
    line = next(line for line in lines if line.split()[:1] == ["cn13-01"])
    row = line.split()
    assert row[:2] == ["cn13-01", "China"] and "R&D intensity" in line and "rd_intensity" not in line and "missed" in row


def test_module_bad_as_of(arguments: list[str], tmp_path: Path) -> None:
    done = run_module(*arguments, "--as-of", "2021-13-01", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        "ontrack: field 'as_of': not a date: expected 2026-12-01, 2026/12/01, 2026年12月1日, or a month (2026-12) or year (2026) "
        "for its last day (got '2021-13-01')"
    ]


def test_module_unknown_scheme(arguments: list[str], tmp_path: Path) -> None:
    done = run_module(*arguments, "--scheme", "sgd", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ontrack: argument --scheme: invalid choice: 'sgd'")
    for scheme in ["probability", "statcan", "unsd", "unsd2023", "eurostat", "escap", "sdsn"]:
        assert f"'{scheme}'" in lines[0]


def test_module_bad_targets_file(write_file: WriteFile, observations_path: Path, tmp_path: Path) -> None:
    # A row that is not a valid target is a not_assessable row naming file, line, column and target;
    # the other targets are assessed.
    header = "id,indicator,kind,comparator,value,period\n"
    bad = write_file("bad.csv", header + "a,x,level,>=,1,2020\nb,x,level,>=,lots,2020\n")
    done = run_module("assess", "--targets", str(bad), "--observations", str(observations_path), "--format", "csv", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stderr == ""
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(done.stdout))}
    assert set(rows) == {"a", "b"}
    assert rows["b"]["status"] == "not_assessable"
    # Row b is line 3; 'value' is the fifth column.
    assert rows["b"]["message"].startswith(f"not assessable: {bad}, line 3, column 5: field 'value': target 'b': ")
    assert "lots" in rows["b"]["message"]


def test_module_missing_observations_file(national_targets_path: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    done = run_module("assess", "--targets", str(national_targets_path), "--observations", str(missing), cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ontrack: ") and str(missing) in lines[0]


# Regression (fixed): see test_assessment.py::test_assess_table_validates_arguments_without_data. When no target has
# observations, `--as-of 2021-13-01` is never parsed: exit 0 and a header saying "as of 2021-13-01".
def test_bad_as_of_is_rejected_even_when_no_target_has_data(
    write_file: WriteFile, observations_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    targets = write_file("t.csv", "id,indicator,kind,comparator,value,period\na,never_observed,level,>=,1,2025\n")
    arguments = ["assess", "--targets", str(targets), "--observations", str(observations_path)]
    status = cli.main([*arguments, "--as-of", "2021-13-01"])
    capsys.readouterr()
    assert status == 2


# ----------------------------------------------------------------------------------------------- formats


def test_csv_format(arguments: list[str], all_ids: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    frame = run_csv(arguments, capsys)
    assert list(frame.columns) == TABLE_COLUMNS
    assert sorted(frame["id"]) == sorted(all_ids)
    assert set(frame["status"]) <= STATUSES and (frame["message"].str.len() > 0).all()
    assert (frame["scheme"] == "probability").all()
    ranks = [RISK_ORDER.index(s) for s in frame["status"]]
    assert ranks == sorted(ranks)
    row = frame.set_index("id").loc["cn13-01"]
    # R&D intensity >= 2.5 by 2020; the 2020 first release printed 2.40: decided by the data.
    assert (row["status"], row["projected"], row["deadline"], row["method"]) == ("missed", 2.4, "2020", "observed")


def test_json_format(arguments: list[str], all_ids: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([*arguments, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    records = json.loads(out)
    assert isinstance(records, list) and len(records) == len(all_ids)
    assert all(list(r) == TABLE_COLUMNS for r in records)
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == set(all_ids)
    # Scientific literacy > 10% by 2020: the 2020 survey found 10.56.
    literacy = by_id["cn13-06"]
    assert (literacy["status"], literacy["projected"], literacy["probability"]) == ("met", 10.56, 1.0)
    # Missing numbers are null, not NaN (which is not JSON), and Chinese text is not escaped.
    assert by_id["cn14-03"]["latest_value"] is None and by_id["cn14-03"]["status"] == "not_assessable"
    assert "\\u" not in out and "NaN" not in out
    assert any("个" in r["target"] or "家" in r["target"] for r in records)


def test_output_file(arguments: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ["table", "json"]:
        assert cli.main([*arguments, "--format", fmt]) == 0
        expected = capsys.readouterr().out
        out_path = tmp_path / f"report.{fmt}"
        assert cli.main([*arguments, "--format", fmt, "--output", str(out_path)]) == 0
        out, err = capsys.readouterr()
        assert (out, err) == ("", "")
        assert out_path.read_text(encoding="utf-8") == expected and expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json", "report.table"]  # no temporary file left


# ----------------------------------------------------------------------------------------------- options


def test_scheme_option(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    frame = run_csv([*arguments, "--scheme", "statcan"], capsys)
    assert (frame["scheme"] == "statcan").all()
    row = frame.set_index("id").loc["cnlit-02"]
    # Literacy >= 25 by 2035, base 10.56 (2020), latest 15.37 (2024): R = CAGR actual / CAGR required.
    ratio = ((15.37 / 10.56) ** (1 / 4) - 1) / ((25 / 10.56) ** (1 / 15) - 1)
    assert abs(row["progress"] - ratio) < 1e-9 * ratio
    assert (row["scheme_status"], row["status"], row["score"]) == ("substantial_progress", "on_track", 5.0)
    # The probability scheme has no score column values at all.
    assert run_csv(arguments, capsys)["score"].isna().all()


def test_as_of_option(national_arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    frame = run_csv([*national_arguments, "--as-of", "2021-12-31"], capsys).set_index("id")
    intensity = frame.loc["cn13-01"]
    assert (intensity["status"], intensity["latest_period"], intensity["latest_value"]) == ("missed", "2020", 2.4)
    # Literacy: by the end of 2021 only the 2010, 2015 and 2020 surveys were known; > 15 by 2025 is open.
    assert frame.loc["cnlit-01", "latest_period"] == "2020" and frame.loc["cnlit-01", "latest_value"] == 10.56
    assert frame.loc["cnlit-01", "status"] not in ("met", "missed", "achieved")
    assert frame["message"].str.endswith(" as of 2021-12-31").sum() >= 5
    assert cli.main([*national_arguments, "--as-of", "2021-12-31"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header == "ontrack assess: scheme probability, method default, as of 2021-12-31"


def test_method_option(
    national_arguments: list[str],
    observations_path: Path,
    read_csv_records: Records,
    capsys: pytest.CaptureFixture[str],
) -> None:
    frame = run_csv([*national_arguments, "--method", "linear"], capsys).set_index("id")
    projected = frame[frame["projected"].notna() & (frame["method"] != "observed")]
    assert len(projected) >= 3 and (projected["method"] == "linear").all()
    assert set(frame["method"]) <= {"linear", "observed", "pace", ""}
    # cnlit-01 (> 15 by 2025): the OLS line through every literacy survey, a t predictive at 2025.
    key = ("China", "citizens_with_scientific_literacy")
    surveys = [r for r in read_csv_records(observations_path) if (r["region"], r["indicator"]) == key]
    years = np.array([float(r["period"]) for r in surveys])
    values = np.array([float(r["value"]) for r in surveys])
    fit = sm.OLS(values, sm.add_constant(years)).fit()
    prediction = fit.get_prediction(np.array([[1.0, 2025.0]]))
    mean, se = float(prediction.predicted_mean[0]), float(prediction.se_obs[0])
    row = frame.loc["cnlit-01"]
    assert math.isclose(row["projected"], mean, rel_tol=1e-9)
    p = float(scipy.stats.t.sf(15.0, fit.df_resid, loc=mean, scale=se))
    assert math.isclose(row["probability"], p, rel_tol=1e-8)
    # Latest 15.37 already > 15, but as of today the 2025 deadline has passed with no 2025 survey
    # published: the 2025 value decides, and the projection above is its nowcast.
    assert row["method"] == "linear" and (row["status"], row["basis"]) == ("awaiting_data", "nowcast")
    assert cli.main([*national_arguments, "--method", "linear"]) == 0
    assert capsys.readouterr().out.startswith(f"ontrack assess: scheme probability, method linear, as of {today().isoformat()} (today)\n")


def test_vintage_option(national_arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    # China rd_intensity: the yearbook runs to 2023 (2.65), the first releases to 2025 (2.8).
    first = run_csv(national_arguments, capsys).set_index("id").loc["cn13-01"]
    yearbook = run_csv([*national_arguments, "--vintage", "yearbook"], capsys).set_index("id").loc["cn13-01"]
    assert (first["latest_period"], yearbook["latest_period"]) == ("2025", "2023")
    # The yearbook's 2020 value is 2.41: still short of 2.5.
    assert (yearbook["status"], yearbook["projected"]) == ("missed", 2.41)


def test_table_format_mentions_every_status_in_its_legend(
    arguments: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(arguments) == 0
    out = capsys.readouterr().out
    legend = out.splitlines()[-1]
    assert legend.startswith("status: ")
    for status in STATUSES:
        assert re.search(rf"\b{status}\b", legend), status

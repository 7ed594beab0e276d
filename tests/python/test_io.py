"""Files and DataFrames (python/ontrack/io.py and the CSV bindings): the bundled targets and
observations, byte-exact round trips, DataFrame round trips, vintages and evaluate_table.

Row counts and reference values are read from the same files with the standard library's csv module,
independently of ontrack's reader.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from ontrack.io import EVALUATION_COLUMNS

Records = Callable[[Path], list[dict[str, str]]]


# ------------------------------------------------------------------------------------------------ targets


@pytest.mark.parametrize("name", ["seed_targets_path", "national_targets_path"])
def test_read_targets_counts_and_ids(name: str, request: pytest.FixtureRequest, read_csv_records: Records) -> None:
    path: Path = request.getfixturevalue(name)
    records = read_csv_records(path)
    targets = ot.read_targets(path)
    assert len(targets) == len(records)
    assert [t.id for t in targets] == [r["id"] for r in records]
    assert [t.indicator for t in targets] == [r["indicator"] for r in records]
    assert [t.quote for t in targets] == [r["quote"] for r in records]  # quotes kept verbatim


def test_bundled_files_have_the_documented_sizes(
    seed_targets_path: Path, national_targets_path: Path, read_csv_records: Records
) -> None:
    # README: "58 targets written down from five Xinjiang plan documents".
    assert len(read_csv_records(seed_targets_path)) == 58
    assert len(ot.read_targets(seed_targets_path)) == 58
    assert len(read_csv_records(national_targets_path)) == len(ot.read_targets(str(national_targets_path)))


@pytest.mark.parametrize("name", ["seed_targets_path", "national_targets_path"])
def test_write_targets_reproduces_the_file_bytes(name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    path: Path = request.getfixturevalue(name)
    original = path.read_bytes()
    targets = ot.read_targets(path)
    assert ot.write_targets(targets).encode("utf-8") == original
    out = tmp_path / "out.csv"
    text = ot.write_targets(targets, out)
    assert out.read_bytes() == original
    assert text.encode("utf-8") == original
    # Written atomically: no temporary file left beside it.
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]
    # A str path works as well as a Path, and reading the copy gives equal targets.
    ot.write_targets(targets, str(tmp_path / "again.csv"))
    assert ot.read_targets(str(tmp_path / "again.csv")) == targets


def test_write_targets_to_a_missing_folder(tmp_path: Path) -> None:
    target = ot.Target(id="a", indicator="x", value=1, period=2020)
    missing = tmp_path / "no" / "such" / "folder" / "t.csv"
    with pytest.raises(ot.OntrackError) as caught:
        ot.write_targets([target], missing)
    assert str(missing) in str(caught.value)
    assert not missing.parent.exists()


def test_targets_to_pandas(national_targets_path: Path) -> None:
    targets = ot.read_targets(national_targets_path)
    frame = ot.targets_to_pandas(targets)
    assert list(frame.columns) == list(ot._core.TARGET_COLUMNS)
    assert len(frame) == len(targets)
    assert frame["id"].tolist() == [t.id for t in targets]
    for column in ("value", "value_high", "baseline_value", "stretch"):
        assert frame[column].dtype == "float64", column
    first = frame.iloc[0]
    # cn14-01 is "年均增长7%以上": an average_growth rate, kept as the fraction 0.07.
    assert (first["id"], first["kind"], first["value"]) == ("cn14-01", "average_growth", 0.07)
    assert math.isnan(first["value_high"])
    assert first["period"] == "2025" and first["unit"] == ""


@pytest.mark.parametrize("name", ["seed_targets_path", "national_targets_path"])
def test_targets_round_trip_through_a_dataframe(name: str, request: pytest.FixtureRequest) -> None:
    targets = ot.read_targets(request.getfixturevalue(name))
    back = ot.read_targets(ot.targets_to_pandas(targets))
    assert len(back) == len(targets)
    for original, read in zip(targets, back):
        assert read == original, original.id
    assert ot.read_targets(ot.targets_to_pandas([])) == []


def test_read_targets_from_a_hand_made_dataframe() -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "indicator": ["x", "y"],
            "kind": ["level", "growth"],
            "period": [2020, 2021],
            "value": [1.5, 0.05],
        }
    )
    a, b = ot.read_targets(frame)
    assert (a.id, a.value, a.period) == ("a", 1.5, ot.Period(2020))
    assert (b.kind, b.value, b.period) == ("growth", 0.05, ot.Period(2021))


def test_read_targets_from_a_dataframe_reports_row_and_column() -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b"],
            "indicator": ["x", "x"],
            "kind": ["level", "bogus"],
            "period": ["2020", "2021"],
            "value": [1.0, 2.0],
        }
    )
    with pytest.raises(ot.ParseError) as caught:
        ot.read_targets(frame)
    # Line 1 is the header, so the second row is line 3; 'kind' is the third column.
    error = caught.value
    assert (error.source, error.line, error.column, error.field) == ("DataFrame", 3, 3, "kind")


def test_rates_above_one_round_trip_through_a_dataframe() -> None:
    # Regression (fixed): "150%" -> 1.5 in the DataFrame -> "1.5" in the CSV text -> "the rate 1.5 is ambiguous".
    target = ot.Target(id="g", indicator="x", kind="growth", value="150%", stretch="200%", period=2023)
    assert ot.read_targets(ot.targets_to_pandas([target])) == [target]


def test_read_targets_rejects_other_sources() -> None:
    with pytest.raises(TypeError):
        ot.read_targets(123)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------- observations


def test_read_observations(observations_path: Path, read_csv_records: Records) -> None:
    records = read_csv_records(observations_path)
    table = ot.read_observations(observations_path)
    assert len(table) == len(records) == 244  # examples/data/README.md: "244 rows"
    assert repr(table) == "ObservationTable(244 rows)"
    rows = table.rows
    assert [(o.region, o.indicator, str(o.period), o.vintage) for o in rows] == [
        (r["region"], r["indicator"], r["period"], r["vintage"]) for r in records
    ]
    assert [o.value for o in rows] == [float(r["value"]) for r in records]
    assert [o.source for o in rows] == [r["source"] for r in records]


def test_write_observations_keeps_the_published_digits(observations_path: Path, tmp_path: Path) -> None:
    # The file keeps trailing zeros as printed (2.40); values read unchanged are written as read.
    original = observations_path.read_bytes()
    table = ot.read_observations(observations_path)
    assert ot.write_observations(table).encode("utf-8") == original
    out = tmp_path / "obs.csv"
    ot.write_observations(table, out)
    assert out.read_bytes() == original


def test_observations_to_pandas_and_back(observations_path: Path, read_csv_records: Records) -> None:
    table = ot.read_observations(observations_path)
    frame = ot.observations_to_pandas(table)
    assert list(frame.columns) == list(ot._core.OBSERVATION_COLUMNS)  # the bundled rows carry publication days
    assert frame.shape == (244, 8)
    assert frame["value"].dtype == "float64"
    assert frame["period"].tolist() == [r["period"] for r in read_csv_records(observations_path)]
    back = ot.read_observations(frame)

    def key(o: ot.Observation) -> tuple[object, ...]:
        return (o.region, o.indicator, o.period, o.value, o.unit, o.vintage, o.source)

    assert [key(o) for o in back.rows] == [key(o) for o in table.rows]
    # Through floats the published "555.0" becomes 555: the same number, not the same text.
    assert "China,basic_research_expenditure,2013,555.0,亿元," in ot.write_observations(table)
    assert "China,basic_research_expenditure,2013,555,亿元," in ot.write_observations(back)


def test_observations_round_trip_keeps_missing_values() -> None:
    rows = [
        ot.Observation(region="China", indicator="x", period=2020, value=None, unit="%"),
        ot.Observation(
            region="China", indicator="x", period="2021", value="2.5", unit="%", vintage="v1", source="a, b"
        ),
    ]
    table = ot.ObservationTable(rows)
    frame = ot.observations_to_pandas(table)
    assert math.isnan(frame["value"].iloc[0]) and frame["value"].iloc[1] == 2.5
    back = ot.read_observations(frame)
    assert math.isnan(back.rows[0].value)
    assert (back.rows[1].value, back.rows[1].vintage, back.rows[1].source) == (2.5, "v1", "a, b")
    assert ot.write_observations(table) == (
        "region,indicator,period,value,unit,vintage,source\nChina,x,2020,,%,,\nChina,x,2021,2.5,%,v1,\"a, b\"\n"
    )


def test_observation_table_rejects_duplicates() -> None:
    row = ot.Observation(region="China", indicator="x", period=2020, value=1.0, vintage="v")
    with pytest.raises(ot.InvalidValueError) as caught:
        ot.ObservationTable([row, row])
    assert caught.value.field == "period"
    assert "duplicate observation: China / x / 2020 / vintage v" in str(caught.value)


# ----------------------------------------------------------------------------------------------- select


def test_select_with_vintages(observations_path: Path, read_csv_records: Records) -> None:
    table = ot.read_observations(observations_path)
    records = [
        r for r in read_csv_records(observations_path) if (r["region"], r["indicator"]) == ("China", "rd_intensity")
    ]
    assert table.vintages("China", "rd_intensity") == sorted({r["vintage"] for r in records})
    first = table.select("China", "rd_intensity", vintage="first_release")
    expected = {int(r["period"]): float(r["value"]) for r in records if r["vintage"] == "first_release"}
    assert (first.indicator, first.region, first.unit) == ("rd_intensity", "China", "%")
    assert first.count() == len(expected)
    assert all(first.at(year) == value for year, value in expected.items())
    assert first.at(2020) == 2.40  # "2.40" in the 2020 bulletin
    assert table.select("China", "rd_intensity", "yearbook").at(2020) == 2.41


def test_select_needs_a_vintage_when_there_are_several(observations_path: Path) -> None:
    table = ot.read_observations(observations_path)
    with pytest.raises(ot.InvalidValueError) as caught:
        table.select("China", "rd_intensity")
    assert caught.value.field == "vintage"
    assert "several vintages (first_release, revised_2026, revised_next_bulletin, yearbook)" in str(caught.value)
    with pytest.raises(ot.InvalidValueError) as caught:
        table.select("China", "rd_intensity", "latest")
    assert caught.value.field == "vintage"
    assert "no vintage 'latest'" in str(caught.value)


def test_select_single_vintage_and_missing(observations_path: Path) -> None:
    table = ot.read_observations(observations_path)
    literacy = table.select("China", "citizens_with_scientific_literacy")
    assert literacy.at(2020) == 10.56
    assert table.contains("China", "citizens_with_scientific_literacy")
    assert not table.contains("Mars", "rd_intensity")
    with pytest.raises(ot.DataError, match="no observations of 'rd_intensity' in 'Mars'"):
        table.select("Mars", "rd_intensity")


# ------------------------------------------------------------------------------------------ evaluate_table


@pytest.fixture(scope="module")
def bundled_table(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> pd.DataFrame:
    targets = ot.read_targets(national_targets_path) + ot.read_targets(seed_targets_path)
    return ot.evaluate_table(targets, ot.read_observations(observations_path))


def test_evaluate_table_shape(
    bundled_table: pd.DataFrame, national_targets_path: Path, seed_targets_path: Path, read_csv_records: Records
) -> None:
    ids = [r["id"] for r in read_csv_records(national_targets_path) + read_csv_records(seed_targets_path)]
    assert list(bundled_table.columns) == EVALUATION_COLUMNS
    assert bundled_table["id"].tolist() == ids  # one row per target, in order
    assert set(bundled_table["verdict"]) <= {"met", "missed", "pending", "not_evaluable", "no_data"}


def test_evaluate_table_national_rd_intensity(
    bundled_table: pd.DataFrame, observations_path: Path, read_csv_records: Records
) -> None:
    # cn13-01: R&D intensity >= 2.5% by 2020. The 2020 bulletin (first_release) printed 2.40 < 2.5.
    printed = next(
        r["value"]
        for r in read_csv_records(observations_path)
        if (r["region"], r["indicator"], r["period"], r["vintage"])
        == ("China", "rd_intensity", "2020", "first_release")
    )
    assert printed == "2.40"
    row = bundled_table.set_index("id").loc["cn13-01"]
    assert (row["verdict"], row["observed"], row["required"]) == ("missed", 2.40, 2.5)
    assert (row["deadline"], row["vintage"], row["kind"]) == ("2020", "first_release", "level")
    assert row["target"] == ">= 2.5 %"
    assert row["message"] == "missed: value 2.4 in 2020, target >= 2.5"


def test_evaluate_table_literacy(
    bundled_table: pd.DataFrame, observations_path: Path, read_csv_records: Records
) -> None:
    # cn13-06: citizens with scientific literacy > 10% by 2020; the 11th survey found 10.56 > 10.
    printed = next(
        r["value"]
        for r in read_csv_records(observations_path)
        if (r["region"], r["indicator"], r["period"]) == ("China", "citizens_with_scientific_literacy", "2020")
    )
    assert printed == "10.56"
    row = bundled_table.set_index("id").loc["cn13-06"]
    assert (row["verdict"], row["observed"], row["required"]) == ("met", 10.56, 10.0)
    assert row["vintage"] == ""  # a single, unnamed release


def test_evaluate_table_no_data_rows(bundled_table: pd.DataFrame) -> None:
    row = bundled_table.set_index("id").loc["cn14-03"]
    assert row["verdict"] == "no_data"
    assert row["message"] == "no observations of 'high_value_invention_patents_per_10k' in 'China'"
    assert math.isnan(row["observed"]) and row["latest_period"] == ""


def test_evaluate_table_with_another_vintage(national_targets_path: Path, observations_path: Path) -> None:
    targets = [t for t in ot.read_targets(national_targets_path) if t.id == "cn13-01"]
    table = ot.evaluate_table(targets, ot.read_observations(observations_path), vintage="yearbook")
    # The yearbook revised 2020 to 2.41: still below 2.5.
    assert table["verdict"].tolist() == ["missed"] and table["observed"].tolist() == [2.41]
    assert table["vintage"].tolist() == ["yearbook"]
    unknown = ot.evaluate_table(targets, ot.read_observations(observations_path), vintage="latest")
    assert unknown["verdict"].tolist() == ["not_evaluable"]
    assert "no vintage 'latest'" in unknown["message"].iloc[0]


def test_evaluate_table_with_listed_but_unobserved_values(write_file: Callable[[str, str], Path]) -> None:
    # Regression (fixed): io.py line `latest_value=series.at(series.end)` on an empty series (mypy flags it too).
    text = "region,indicator,period,value,unit,vintage,source\nChina,x,2020,,%,,\nChina,x,2021,,%,,\n"
    observations = write_file("obs.csv", text)
    target = ot.Target(id="a", region="China", indicator="x", value=1, period=2021)
    table = ot.evaluate_table([target], ot.read_observations(observations))
    assert table["verdict"].tolist() == ["pending"]

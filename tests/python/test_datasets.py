"""ontrack.datasets: the bundled data load as the files read with ontrack, with sources, flags and vintages."""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from ontrack import datasets

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"


def test_data_path_points_at_the_bundled_files() -> None:
    # The installed package (or the development stage) holds the same bytes as examples/data.
    for name, file_name in datasets.DATASETS.items():
        assert datasets.data_path(name).read_bytes() == (DATA / file_name).read_bytes(), name
    assert datasets.data_path("observations") == datasets.data_path("observations.csv")
    with pytest.raises(FileNotFoundError, match="no_such_file.csv"):
        datasets.data_path("no_such_file.csv")


def test_observations_are_the_file_read_with_ontrack(observations_path: Path) -> None:
    table = datasets.observations()
    assert isinstance(table, ot.ObservationTable)
    assert ot.write_observations(table) == ot.write_observations(ot.read_observations(observations_path))
    frame = datasets.observations(as_frame=True)
    pd.testing.assert_frame_equal(frame, ot.observations_to_pandas(ot.read_observations(observations_path)))
    assert len(frame) == len(table) == 244


def test_every_observation_has_a_source_and_flags_are_kept(
    observations_path: Path, read_csv_records: Callable[[Path], list[dict[str, str]]]
) -> None:
    frame = datasets.observations(as_frame=True)
    assert (frame["source"].str.strip() != "").all()
    # The sources are the file's, verbatim, row by row (the file is sorted, the table keeps its order).
    records = read_csv_records(observations_path)
    assert frame["source"].tolist() == [r["source"] for r in records]
    flagged = frame[frame["source"].map(datasets.is_flagged)]
    assert len(flagged) == sum("FLAG" in r["source"] for r in records) == 26
    # A value read in a secondary source keeps its flag: Xinjiang R&D spending 2024 (keaya.com feature).
    row = frame[(frame.region == "Xinjiang") & (frame.indicator == "rd_expenditure") & (frame.period == "2024")]
    assert row["value"].tolist() == [138.5]
    assert "[FLAG: secondary" in row["source"].iloc[0]


def test_vintages_and_the_default(observations_path: Path) -> None:
    table = datasets.observations()
    assert sorted(table.vintages("China", "rd_intensity")) == sorted(
        ["first_release", "revised_next_bulletin", "yearbook", "revised_2026"]
    )
    assert datasets.DEFAULT_VINTAGE == "first_release"
    # 2.40 % in 2020 as first printed (2020 bulletin), 2.41 % as revised in the 2021 bulletin.
    default = datasets.series("China", "rd_intensity")
    assert default == table.select("China", "rd_intensity", "first_release")
    assert default.at(2020) == 2.40
    assert datasets.series("China", "rd_intensity", "revised_next_bulletin").at(2020) == 2.41
    # A single vintage is used as is; GDP has no first release: the preference order picks, never unverified_db.
    assert datasets.series("Xinjiang", "maker_spaces").at(2023) == 101
    gdp = datasets.series("China", "gdp")
    assert gdp == table.select("China", "gdp", "preliminary")
    with pytest.raises(ot.DataError, match="no bundled observations"):
        datasets.series("Mars", "rd_intensity")


def test_unofficial_gdp_is_labelled_and_can_be_left_out() -> None:
    frame = datasets.observations(as_frame=True)
    unofficial = frame[frame["vintage"].isin(datasets.UNOFFICIAL_VINTAGES)]
    assert len(unofficial) == 23
    assert set(unofficial["indicator"]) == {"gdp"}
    assert unofficial["source"].str.startswith("UNVERIFIED").all()
    official = datasets.observations(as_frame=True, official_only=True)
    assert len(official) == len(frame) - 23
    assert not official["vintage"].isin(datasets.UNOFFICIAL_VINTAGES).any()
    table = datasets.observations(official_only=True)
    assert "unverified_db" not in table.vintages("China", "gdp")


def test_the_families_of_figures_the_brief_lists_are_in() -> None:
    frame = datasets.observations(as_frame=True)
    keys = set(zip(frame["region"], frame["indicator"]))
    for region in ("China", "Xinjiang"):
        for indicator in (
            "rd_expenditure",
            "rd_intensity",
            "high_tech_enterprises_valid",
            "incubators_in_statistics",
            "maker_spaces",
            "citizens_with_scientific_literacy",
            "gdp",
        ):
            assert (region, indicator) in keys, (region, indicator)


def test_observations_csv_is_reproducible_from_the_build_script(tmp_path: Path) -> None:
    """examples/data/observations.csv is what build_observations.py makes of the sources it records."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_observations", DATA / "build_observations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    # The script's input lives outside the repository; only its output format is checked here:
    # reading and writing the file with the script's own writer gives the same bytes.
    with (DATA / "observations.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    module.write(rows, tmp_path / "again.csv")
    assert (tmp_path / "again.csv").read_bytes() == (DATA / "observations.csv").read_bytes()


def test_targets_are_the_files_read_with_ontrack(seed_targets_path: Path, national_targets_path: Path) -> None:
    assert datasets.seed_targets() == ot.read_targets(seed_targets_path)
    assert datasets.national_targets() == ot.read_targets(national_targets_path)
    pd.testing.assert_frame_equal(
        datasets.seed_targets(as_frame=True), ot.targets_to_pandas(ot.read_targets(seed_targets_path))
    )
    pd.testing.assert_frame_equal(
        datasets.national_targets(as_frame=True), ot.targets_to_pandas(ot.read_targets(national_targets_path))
    )
    assert len(datasets.seed_targets()) == 58
    assert all(t.quote for t in datasets.seed_targets())
    assert all(t.document for t in datasets.national_targets())


def test_plan_targets_are_the_shared_file_verbatim(read_csv_records: Callable[[Path], list[dict[str, str]]]) -> None:
    frame = datasets.plan_targets()
    assert list(frame.columns) == datasets.PLAN_TARGET_COLUMNS
    assert frame.to_dict("records") == read_csv_records(DATA / "plan_targets.csv")
    assert len(frame) == 25
    assert (frame["source"].str.strip() != "").all()


def test_plan_outcomes_pair_each_row_with_its_target() -> None:
    frame = datasets.plan_targets()
    outcomes = datasets.plan_outcomes()
    # Rows without a readable indicator table (NOT FOUND) have no target; every other row has one.
    assert len(outcomes) == len(frame) - (frame["target"] == "(NOT FOUND)").sum() == 22
    assert [o.target.id for o in outcomes] == [t.id for t in datasets.national_targets()]
    rows = frame[frame["target"] != "(NOT FOUND)"].to_dict("records")
    for outcome, row in zip(outcomes, rows):
        target = outcome.target
        assert (outcome.plan, target.region) == (row["plan"], row["region"]), target.id
        assert row["plan"].startswith(target.document) or target.document.startswith(row["plan"]), target.id
        assert str(target.period) == row["target_year"][-4:] or row["target_year"] == "(not stated)", target.id
        assert outcome.source == row["source"] and outcome.source


def test_plan_outcomes_read_the_record() -> None:
    by_id = {o.target.id: o for o in datasets.plan_outcomes()}
    # 13th FYP R&D intensity: 2.5 % targeted for 2020; 2.40 first release (2.41 revised): not met.
    cn13 = by_id["cn13-01"]
    assert (cn13.outcome_period, cn13.outcome, cn13.met) == (ot.Period(2020), 2.40, False)
    assert cn13.outcome_text == "2.40 (first release) / 2.41 (revised)"
    # Scientific literacy > 15 % by 2025: 15.37 % already in 2024 (中国科协 2025-05-27).
    lit = by_id["cnlit-01"]
    assert (lit.outcome_period, lit.outcome, lit.met) == (ot.Period(2024), 15.37, True)
    # Several years of growth rates are not one outcome of the level: kept as text only.
    growth = by_id["cn14-01"]
    assert growth.outcome is None and growth.outcome_text == "14.6/10.1/8.4/8.9" and growth.met is True
    # "(not read)", open and unclear records give no verdict.
    assert by_id["cn14-04"].met is None and by_id["cnlit-02"].met is None and by_id["xj22-01"].met is None
    assert by_id["xj12-05"].outcome_period == ot.Period(2015)  # "2015 (end Nov)"
    series = by_id["xj24-01"].outcome_series()
    assert (series.region, series.indicator, series.unit, series.at(2024)) == ("Xinjiang", "high_tech_enterprises_valid", "家", 2529)
    assert len(by_id["cn14-04"].outcome_series()) == 0


def test_plan_history_ontrack_agrees_with_the_record() -> None:
    history = datasets.plan_history()
    assert list(history.columns) == datasets.HISTORY_COLUMNS
    decided = history[history["agrees"].notna()]
    # Every target whose outcome at the deadline is recorded as met or missed gets the same verdict.
    assert sorted(decided["id"]) == sorted(
        ["cn14-02", "cn14-03", "cn13-01", "cn13-02", "cn13-03", "cn13-06", "cn12-01", "xj12-01", "xj12-05", "xj24-01"]
    )
    assert decided["agrees"].tolist() == [True] * len(decided), decided.to_string()
    assert dict(zip(decided["id"], decided["verdict"])) == {
        "cn14-02": "missed",
        "cn14-03": "met",
        "cn13-01": "missed",
        "cn13-02": "met",
        "cn13-03": "met",
        "cn13-06": "met",
        "cn12-01": "met",
        "xj12-01": "missed",
        "xj12-05": "met",
        "xj24-01": "met",
    }
    no_record = history[history["outcome"].isna()]
    assert (no_record["verdict"] != "met").all() and (no_record["verdict"] != "missed").all()
    assert math.isnan(float(history.set_index("id").at["cn14-04", "outcome"]))


def test_describe_lists_what_is_in() -> None:
    table = datasets.describe()
    assert list(table.columns) == datasets.DESCRIBE_COLUMNS
    assert table["dataset"].tolist() == ["observations", "seed_targets", "national_targets", "plan_targets"]
    rows = table.set_index("dataset")
    assert rows["rows"].to_dict() == {"observations": 244, "seed_targets": 58, "national_targets": 22, "plan_targets": 25}
    obs = rows.loc["observations"]
    assert obs["periods"] == "2010–2025"
    assert obs["vintages"] == "(empty); estimate; first_release; preliminary; revised_2026; revised_next_bulletin; unverified_db; yearbook"
    assert "Xinjiang" in obs["regions"].split("; ") and "China" in obs["regions"].split("; ")
    assert "rd_intensity" in obs["indicators"].split("; ")
    assert obs["flagged"] == 26
    frame = datasets.observations(as_frame=True)
    assert obs["sources"] == frame["source"].nunique()
    assert rows.loc["plan_targets", "sources"] == datasets.plan_targets()["source"].nunique()


def test_describe_observations_one_row_per_series() -> None:
    series = datasets.describe("observations")
    assert list(series.columns) == datasets.SERIES_COLUMNS
    frame = datasets.observations(as_frame=True)
    assert series["rows"].sum() == len(frame)
    assert len(series) == len(frame.groupby(["region", "indicator", "vintage"]))
    row = series[(series.region == "China") & (series.indicator == "rd_intensity") & (series.vintage == "first_release")]
    assert row[["unit", "rows", "periods", "official"]].values.tolist() == [["%", 14, "2012–2025", True]]
    gdp = series[series.vintage == "unverified_db"]
    assert gdp["official"].tolist() == [False, False] and gdp["rows"].sum() == 23
    pd.testing.assert_frame_equal(datasets.describe("plan_targets"), datasets.plan_targets())
    with pytest.raises(ValueError, match="dataset: expected one of"):
        datasets.describe("gdp")


def test_assessing_the_bundled_data_in_a_few_lines() -> None:
    table = ot.assess_table(datasets.national_targets(), datasets.observations(), as_of="2025-06-30")
    assert len(table) == 22
    summary = ot.summarize(table, datasets.national_targets())
    assert summary["targets"].sum() == 22
    # 13th FYP: R&D intensity >= 2.5 % in 2020; the 2020 bulletin printed 2.40 %.
    row = table.set_index("id").loc["cn13-01"]
    assert row["status"] == "missed" and row["message"].startswith("missed: value 2.4 in 2020, target >= 2.5")

"""Regions and aggregation from Python: the bundled tree, aggregation rules by kind (hand-computed),
missing parts, and check_aggregate's offending rows."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Union

import pandas as pd
import pytest

import ontrack as ot

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"

@pytest.fixture(scope="module")
def tree() -> ot.RegionTree:
    return ot.read_regions(DATA / "regions.csv")


def test_bundled_tree_nests_the_seed_places(tree: ot.RegionTree) -> None:
    assert tree.ancestors("dabancheng") == ["urumqi", "xinjiang", "china"]
    assert tree.at("changji_city").parent == "changji_prefecture"
    assert tree.lookup("Urumqi HTZ (Xinshi District)").id == "xinshi"
    assert tree.find("昌吉市") == "changji_city"
    assert tree.find("Western China") is None
    assert tree.at("changji_htz").level == "zone"
    assert tree.parts("changji_city") == []  # the zone overlaps the city: not one of its parts
    frame = tree.to_pandas()
    assert list(frame.columns) == ["id", "parent", "name_zh", "name_en", "level", "aliases", "depth"]
    assert frame.set_index("id").loc["dabancheng", "depth"] == 3
    # Every region name of the bundled observations but the statistical grouping "Western China" is in the tree.
    names = set(ot.observations_to_pandas(ot.read_observations(DATA / "observations.csv"))["region"])
    assert {n for n in names if tree.find(n) is None} == {"Western China"}


def test_regions_from_a_dataframe_and_back(tree: ot.RegionTree) -> None:
    again = ot.read_regions(tree.to_pandas().drop(columns="depth"))
    assert ot.write_regions_text(again) == ot.write_regions_text(tree)


def test_regions_csv_errors_name_line_column_field(write_file: Callable[[str, Union[str, bytes]], Path]) -> None:
    path = write_file("r.csv", "id,parent,name_zh,name_en,level\na,,甲,A,country\nb,zz,乙,B,province\n")
    with pytest.raises(ot.ParseError) as caught:
        ot.read_regions(path)
    assert (caught.value.line, caught.value.column, caught.value.field, caught.value.value) == (3, 2, "parent", "zz")
    with pytest.raises(ot.ParseError) as cycle:
        ot.read_regions_text("id,parent,name_zh,name_en,level\na,b,甲,A,country\nb,a,乙,B,province\n")
    assert cycle.value.line == 2 and "cycle" in str(cycle.value)
    with pytest.raises(ot.ParseError) as duplicate:
        ot.read_regions_text("id,parent,name_zh,name_en,level\na,,甲,A,country\na,,乙,B,province\n")
    assert (duplicate.value.line, duplicate.value.column, duplicate.value.field) == (3, 1, "id")


def test_sum_of_stocks_and_flows() -> None:
    # A: 10, 12; B: 5, 7 → 15, 19.
    frame = pd.DataFrame({"A": [10.0, 12.0], "B": [5.0, 7.0]}, index=[2020, 2021])
    result = ot.aggregate(frame, "flow")
    assert result["total"].tolist() == [15.0, 19.0]
    assert result["missing"].tolist() == ["", ""]


def test_ratio_of_sums_differs_from_mean_of_ratios() -> None:
    # A: R&D 1, GDP 100 (1%); B: R&D 9, GDP 300 (3%). Mean of ratios (1 + 3)/2 = 2%;
    # ratio of sums (1 + 9)/(100 + 300) × 100 = 2.5%.
    rd = pd.DataFrame({"A": [1.0], "B": [9.0]}, index=[2020])
    gdp = pd.DataFrame({"A": [100.0], "B": [300.0]}, index=[2020])
    total = ot.aggregate(rd, "ratio", denominators=gdp)["total"].iloc[0]
    mean_of_ratios = float((rd / gdp * 100).mean(axis=1).iloc[0])
    assert total == pytest.approx(2.5)
    assert mean_of_ratios == pytest.approx(2.0)


def test_share_weighted_by_denominators() -> None:
    # A: 50% of 10 firms, B: 10% of 90 → (50·10 + 10·90)/100 = 14%; the plain mean is 30%.
    shares = pd.DataFrame({"A": [50.0], "B": [10.0]}, index=[2022])
    firms = pd.DataFrame({"A": [10.0], "B": [90.0]}, index=[2022])
    assert ot.aggregate(shares, "share", denominators=firms)["total"].iloc[0] == pytest.approx(14.0)


def test_missing_part_propagates_or_is_skipped_or_zero_and_is_named() -> None:
    # A: 10, 12, 14; B: 5, missing, 9.
    frame = pd.DataFrame({"A": [10.0, 12.0, 14.0], "B": [5.0, math.nan, 9.0]}, index=[2020, 2021, 2022])
    propagate = ot.aggregate(frame)
    assert propagate["total"].iloc[0] == 15.0 and propagate["total"].iloc[2] == 23.0
    assert math.isnan(propagate["total"].iloc[1])
    assert propagate["missing"].tolist() == ["", "B", ""]
    assert ot.aggregate(frame, missing="skip")["total"].iloc[1] == 12.0  # A alone
    assert ot.aggregate(frame, missing="zero")["total"].iloc[1] == 12.0  # 12 + 0
    assert ot.aggregate(frame, missing="skip")["missing"].iloc[1] == "B"
    with pytest.raises(ot.InvalidValueError):
        ot.aggregate(frame, missing="mean")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="denominators"):
        ot.aggregate(frame, "ratio")


SMALL_TREE = "id,parent,name_zh,name_en,level\np,,省,Province,province\na,p,甲,Alpha,city\nb,p,乙,Beta,city\n"
SMALL_TABLE = pd.DataFrame(
    {
        "region": ["Province", "Province", "Alpha", "Alpha", "Beta", "Beta", "Province", "Alpha", "Beta"],
        "indicator": ["gdp", "gdp", "gdp", "gdp", "gdp", "gdp", "rd_intensity", "rd", "rd"],
        "period": ["2020", "2021", "2020", "2021", "2020", "2021", "2020", "2020", "2020"],
        "value": ["400", "460", "100", "110", "300", "330", "2.6", "1", "9"],
        "unit": ["亿元"] * 6 + ["%", "亿元", "亿元"],
    }
)


def test_aggregate_region_and_check_aggregate() -> None:
    tree = ot.read_regions_text(SMALL_TREE)
    gdp = ot.aggregate_region(tree, "Province", SMALL_TABLE, "gdp")
    # 2020: 100 + 300 = 400; 2021: 110 + 330 = 440.
    assert gdp.to_pandas()["total"].tolist() == [400.0, 440.0]
    frame = ot.check_aggregate(tree, SMALL_TABLE, "gdp")
    # 2021: reported 460 against 440, difference +20; 2020 agrees.
    assert frame.to_dict("records") == [
        {"region": "p", "indicator": "gdp", "period": "2021", "reported": 460.0, "aggregated": 440.0, "difference": 20.0}
    ]
    assert frame.attrs["checked"] == 2
    # Relative tolerance: 5% of 440 = 22 ≥ 20 passes.
    assert ot.check_aggregate(tree, SMALL_TABLE, "gdp", relative=0.05).empty
    # Intensity: reported 2.6 against (1 + 9)/(100 + 300) × 100 = 2.5 → difference 0.1.
    ratio = ot.check_aggregate(tree, SMALL_TABLE, "rd_intensity = rd / gdp * 100")
    assert len(ratio) == 1
    assert ratio["aggregated"].iloc[0] == pytest.approx(2.5)
    assert ratio["difference"].iloc[0] == pytest.approx(0.1)
    assert list(ratio.columns) == ot.MISMATCH_COLUMNS


def test_bundled_urumqi_gdp_names_its_missing_districts(tree: ot.RegionTree) -> None:
    observations = ot.read_observations(DATA / "observations.csv")
    result = ot.aggregate_region(tree, "Urumqi", observations, "gdp", missing="skip")
    frame = result.to_pandas()
    # Only the HTZ (Xinshi) has GDP figures (2012, 2015); the other 7 parts are missing in those years.
    observed = frame.dropna(subset=["total"])
    xinshi = observations.select("Urumqi HTZ (Xinshi District)", "gdp")
    assert [str(p) for p in observed.index] == [str(p) for p in xinshi.observed()[0]]
    assert observed["total"].tolist() == list(xinshi.observed()[1])
    assert len(result.missing_in(2012)) == 7 and "dabancheng" in result.missing_in(2012)
    # Under the default policy, the total is missing and the report says why.
    assert ot.aggregate_region(tree, "Urumqi", observations, "gdp").total.count() == 0

"""Names people write: regions matched through regions.csv, "did you mean …?" suggestions."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Union

import pytest

import ontrack as ot
from ontrack import _core, cli
from ontrack.io import read_observations, read_targets
from ontrack.names import match_regions, suggest

WriteFile = Callable[[str, Union[str, bytes]], Path]

OBS = "region,indicator,period,value,unit\n" + "".join(
    f"Changji Prefecture,gdp,{y},{v},亿元\n" for y, v in [(2018, 1200), (2019, 1324.74), (2020, 1400), (2021, 1600), (2022, 1800)]
)
TARGET = "id,region,indicator,kind,comparator,value,period,unit\nt1,{region},{indicator},level,>=,2500,2025,亿元\n"


def test_region_names_and_aliases_match(write_file: WriteFile) -> None:
    obs = read_observations(write_file("o.csv", OBS))
    for written in ("昌吉回族自治州", "昌吉州", "Changji Hui Autonomous Prefecture"):
        targets = read_targets(write_file("t.csv", TARGET.format(region=written, indicator="gdp")))
        matched, renames = match_regions(targets, obs)
        assert renames == {"Changji Prefecture": written}
        assert list(matched.select(written, "gdp").values) == list(obs.select("Changji Prefecture", "gdp").values)


def test_names_used_as_written_are_not_renamed(write_file: WriteFile) -> None:
    obs = read_observations(write_file("o.csv", OBS))
    targets = read_targets(write_file("t.csv", TARGET.format(region="Changji Prefecture", indicator="gdp")))
    assert match_regions(targets, obs) == (obs, {})


def test_cli_assesses_across_region_names(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    targets = write_file("t.csv", TARGET.format(region="昌吉州", indicator="gdp"))
    assert cli.main(["assess", "--targets", str(targets), "--observations", str(write_file("o.csv", OBS)), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert "昌吉州" in out and "not_assessable" not in out


def test_did_you_mean(write_file: WriteFile, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    obs = read_observations(write_file("o.csv", OBS))
    (typo,) = read_targets(write_file("t.csv", TARGET.format(region="Changji Prefecture", indicator="gpd")))
    assert suggest(typo, obs) == ["indicator 'gdp'"]
    (elsewhere,) = read_targets(write_file("t2.csv", TARGET.format(region="Changji Prefectur", indicator="gdp")))
    assert suggest(elsewhere, obs) == ["region 'Changji Prefecture'"]
    targets = write_file("t3.csv", TARGET.format(region="Changji Prefecture", indicator="gpd"))
    assert cli.main(["assess", "--targets", str(targets), "--observations", str(write_file("o.csv", OBS)), "--all"]) == 0
    assert "did you mean indicator 'gdp'?" in capsys.readouterr().out


def test_repeated_observations_are_merged_and_duplicates_name_both_files(write_file: WriteFile) -> None:
    a = write_file("a.csv", "region,indicator,period,value\nA,x,2019,1\nA,x,2020,2\n")
    b = write_file("b.csv", "region,indicator,period,value\nA,x,2021,3\n")
    merged = read_observations([a, b])
    assert [str(o.period) for o in merged.rows] == ["2019", "2020", "2021"]
    c = write_file("c.csv", "region,indicator,period,value\nA,x,2020,2.5\n")
    with pytest.raises(_core.ParseError, match=r"c.csv: field 'period': duplicate observation of A / x / 2020: it is also in '.*a.csv'"):
        read_observations([a, c])


def test_cli_repeated_observations(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    t = write_file("t.csv", "id,region,indicator,kind,comparator,value,period\nt,A,x,level,>=,5,2025\n")
    a = write_file("a.csv", "region,indicator,period,value\nA,x,2019,1\nA,x,2020,2\n")
    b = write_file("b.csv", "region,indicator,period,value\nA,x,2021,3\nA,x,2022,4\n")
    assert cli.main(["evaluate", "--targets", str(t), "--observations", str(a), "--observations", str(b), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert ",2022," in out
    assert cli.main(["evaluate", "--targets", str(t), "--observations", str(a), "--observations", str(a)]) == 2
    assert capsys.readouterr().err.strip().endswith("a.csv: the file is given twice (each --observations file once)")


def test_a_gap_in_one_file_is_filled_by_another(write_file: WriteFile) -> None:
    a = write_file("a.csv", "region,indicator,period,value\nA,x,2019,1\nA,x,2020,\n")
    b = write_file("b.csv", "region,indicator,period,value\nA,x,2020,2\nA,x,2019,\n")
    merged = read_observations([a, b])
    assert [(str(o.period), o.value) for o in merged.rows] == [("2019", 1.0), ("2020", 2.0)]


class FakeInfo:
    """The fields of ``IndicatorInfo`` the names module reads (the catalogue's own tests cover reading it)."""

    def __init__(self, id: str, name_zh: str, name_en: str, unit: str, lag: int) -> None:
        self.id, self.name_zh, self.name_en, self.publication_lag_months = id, name_zh, name_en, lag
        self.unit = ot.parse_unit(unit)


class FakeCatalogue:
    def __init__(self, *infos: FakeInfo) -> None:
        self.infos = {i.id: i for i in infos}

    def find(self, id: str) -> "FakeInfo | None":
        return self.infos.get(id)

    def lookup(self, name: str) -> "FakeInfo | None":
        return next((i for i in self.infos.values() if name in (i.id, i.name_zh, i.name_en)), None)

    def match_phrase(self, text: str) -> list[FakeInfo]:
        return [i for i in self.infos.values() if i.name_zh in text]


def test_catalogue_names_units_and_lags_reach_the_template_and_suggestions(
    write_file: WriteFile, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    from ontrack import names
    from ontrack.template import template_frame

    book = FakeCatalogue(FakeInfo("gdp", "地区生产总值", "gross regional product", "亿元", 15))
    monkeypatch.setattr(names, "catalogue", lambda: book)
    assert names.indicator_names("gdp") == names.IndicatorNames("gdp", "地区生产总值", "gross regional product", "亿元", 15)
    obs = read_observations(write_file("o.csv", OBS))
    (by_name,) = read_targets(write_file("t.csv", TARGET.format(region="Changji Prefecture", indicator="地区生产总值")))
    assert suggest(by_name, obs) == ["indicator 'gdp'"]
    (wanted,) = read_targets(write_file("t2.csv", TARGET.format(region="Qitai County", indicator="gdp")))
    frame = template_frame([wanted], obs, as_of=dt.date(2025, 6, 1))
    # A 15-month lag: by 2025-06-01 only periods ending before 2024-03-01 are out, so 2020–2023.
    assert list(frame["period"]) == ["2020", "2021", "2022", "2023"]
    assert set(frame["name_zh"]) == {"地区生产总值"} and set(frame["name_en"]) == {"gross regional product"}


def _catalogue_names() -> dict[str, tuple[str, str]]:
    """id → (name_zh, name_en), read from the catalogue file with the standard library."""
    import csv

    path = Path(__file__).resolve().parents[2] / "examples" / "data" / "indicators.csv"
    with open(path, encoding="utf-8") as stream:
        return {row["id"]: (row["name_zh"], row["name_en"]) for row in csv.DictReader(stream)}


def test_indicators_are_named_by_the_catalogue_in_each_language() -> None:
    import pandas as pd

    from ontrack.names import indicator_labels, name_indicators

    names = _catalogue_names()
    assert indicator_labels(["gdp", "my_own"], "zh") == {"gdp": names["gdp"][0], "my_own": "my_own"}
    assert indicator_labels(["gdp", "my_own"], "en") == {"gdp": names["gdp"][1], "my_own": "my_own"}
    with pytest.raises(ValueError, match="lang"):
        indicator_labels(["gdp"], "fr")
    frame = pd.DataFrame({"id": ["t1", "t2"], "indicator": ["gdp", "my_own"], "status": ["met", "met"]})
    frame.attrs["as_of"] = "2026-12-01"
    named = name_indicators(frame, "zh")
    assert list(named.columns) == ["id", "indicator", "indicator_id", "status"]
    assert list(named["indicator"]) == [names["gdp"][0], "my_own"] and list(named["indicator_id"]) == ["gdp", "my_own"]
    assert named.attrs == frame.attrs and list(frame["indicator"]) == ["gdp", "my_own"]  # a copy


def test_people_outputs_name_indicators_in_their_language(
    write_file: WriteFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import openpyxl  # the [excel] extra, part of the [test] extra

    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no name is shortened

    names = _catalogue_names()
    obs = write_file("o.csv", OBS)
    targets = write_file("t.csv", TARGET.format(region="Changji Prefecture", indicator="gdp"))
    base = ["assess", "--targets", str(targets), "--observations", str(obs), "--as-of", "2023-12-31"]
    for lang, name in (("zh", names["gdp"][0]), ("en", names["gdp"][1])):
        assert cli.main([*base, "--lang", lang]) == 0
        table = capsys.readouterr().out
        assert name in table and " gdp " not in table, table
        out = tmp_path / f"{lang}.xlsx"
        assert cli.main([*base, "--lang", lang, "--output", str(out)]) == 0
        sheet = openpyxl.load_workbook(out).active
        headings = [c.value for c in sheet[1]]
        row = [c.value for c in sheet[2]]
        indicator, indicator_id = ("指标", "指标编号") if lang == "zh" else ("indicator", "indicator id")
        assert headings.index(indicator_id) == headings.index(indicator) + 1
        assert row[headings.index(indicator)] == name and row[headings.index(indicator_id)] == "gdp"
    # The machine outputs keep the id.
    assert cli.main([*base, "--lang", "zh", "--format", "csv"]) == 0
    assert "Changji Prefecture,gdp," in capsys.readouterr().out

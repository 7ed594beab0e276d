"""Unit safety: the percent-stored-as-fraction case warns, a series without a unit against a % target
warns once, and units of one kind are converted rather than refused."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Union

import pytest

import ontrack as ot
from ontrack import cli
from ontrack.io import read_observations, read_targets
from ontrack.units import ScaleWarning, UnitWarning, check_units, unit_warnings

WriteFile = Callable[[str, Union[str, bytes]], Path]

TARGETS = "id,region,indicator,kind,comparator,value,period,unit\nt1,China,rd_intensity,level,>=,1.5,2025,%\n"


def test_fraction_against_a_percent_target_warns(write_file: WriteFile) -> None:
    # The case: 0.013 for 1.3% read through pandas, target 1.5%.
    obs = read_observations(write_file("o.csv", "region,indicator,period,value,unit\nChina,rd_intensity,2021,0.012,%\nChina,rd_intensity,2022,0.013,%\n"))
    targets = read_targets(write_file("t.csv", TARGETS))
    with pytest.warns(ScaleWarning, match=r"target 't1' is 1.5% .* about 120 times smaller .*percentages stored as fractions"):
        ot.assess_table(targets, obs, progress=False)
    with pytest.warns(ScaleWarning):
        ot.evaluate_table(targets, obs)


def test_empty_unit_against_a_percent_target_warns_once_per_series(write_file: WriteFile) -> None:
    obs = read_observations(write_file("o.csv", "region,indicator,period,value\nChina,rd_intensity,2021,1.2\nChina,rd_intensity,2022,1.3\n"))
    targets = read_targets(write_file("t.csv", TARGETS + "t2,China,rd_intensity,level,>=,1.8,2030,%\n"))
    found = unit_warnings(targets, obs)
    assert [c for c, _ in found] == [UnitWarning]
    assert "have no unit" in found[0][1] and "'t1'" in found[0][1]


def test_one_value_off_by_100_in_its_series_warns(write_file: WriteFile) -> None:
    text = "region,indicator,period,value,unit\nA,share,2019,2.2,%\nA,share,2020,0.024,%\nA,share,2021,2.5,%\n"
    # 2.2 / 0.024 = 91.7 and 2.5 / 0.024 = 104.2: the median factor, 98, is reported.
    with pytest.warns(ScaleWarning, match=r"'share' in 'A': 2020 is 0.024, about 98 times smaller than the periods next to it"):
        check_units([], read_observations(write_file("o.csv", text)))


def test_a_level_drifting_down_does_not_warn(write_file: WriteFile) -> None:
    text = "region,indicator,period,value\n" + "".join(f"A,x,{2010 + k},{v}\n" for k, v in enumerate([6.8, 3.1, 1.2, 0.5, 0.09]))
    assert unit_warnings([], read_observations(write_file("o.csv", text))) == []


def test_consistent_data_does_not_warn(write_file: WriteFile) -> None:
    obs = read_observations(write_file("o.csv", "region,indicator,period,value,unit\nChina,rd_intensity,2021,1.2,%\nChina,rd_intensity,2022,1.3,%\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert check_units(read_targets(write_file("t.csv", TARGETS)), obs) == 0
    # Nor the bundled data (a test of the checks' false alarms on real series).
    assert unit_warnings(ot.datasets.national_targets() + ot.datasets.seed_targets(), ot.datasets.observations()) == []


def test_cli_prints_the_warning_on_stderr(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    obs = write_file("o.csv", "region,indicator,period,value,unit\nChina,rd_intensity,2021,0.012,%\nChina,rd_intensity,2022,0.013,%\n")
    status = cli.main(["assess", "--targets", str(write_file("t.csv", TARGETS)), "--observations", str(obs), "--format", "csv"])
    err = capsys.readouterr().err
    assert status == 0
    assert err.count("ontrack: warning: target 't1'") == 1 and len(err.splitlines()) == 1


def test_converted_units_assess_like_the_target_unit(write_file: WriteFile) -> None:
    # 万元 rows and 亿元 rows in one series: the assessment equals that of the series written in 亿元.
    targets = read_targets(write_file("t.csv", "id,region,indicator,kind,comparator,value,period,unit\nt,A,x,level,>=,3,2025,亿元\n"))
    mixed = read_observations(write_file("m.csv", "region,indicator,period,value,unit\nA,x,2019,10000,万元\nA,x,2020,12000,万元\nA,x,2021,1.4,亿元\nA,x,2022,1.6,亿元\n"))
    plain = read_observations(write_file("p.csv", "region,indicator,period,value,unit\nA,x,2019,1,亿元\nA,x,2020,1.2,亿元\nA,x,2021,1.4,亿元\nA,x,2022,1.6,亿元\n"))
    a = ot.assess_table(targets, mixed, progress=False)
    b = ot.assess_table(targets, plain, progress=False)
    assert a.drop(columns=["message"]).equals(b.drop(columns=["message"]))


def test_a_unit_typo_names_the_target_the_file_and_the_periods(write_file: WriteFile, capsys: pytest.CaptureFixture[str]) -> None:
    good = write_file("good.csv", "region,indicator,period,value,unit\nChina,rd_intensity,2019,2.2,%\nChina,rd_intensity,2020,2.4,%\n")
    typo = write_file("typo.csv", "region,indicator,period,value,unit\nChina,rd_intensity,2021,2.43,亿元\n")
    targets = write_file("t.csv", TARGETS)
    status = cli.main(["assess", "--targets", str(targets), "--observations", str(good), "--observations", str(typo)])
    err = capsys.readouterr().err.splitlines()
    assert status == 2 and len(err) == 1
    # One line: the target's id, file and line, the observation rows' file and line, the periods and the fix.
    assert err[0] == (
        f"ontrack: target 't1' ({targets}, line 2) is in '%' but the observations of 'rd_intensity' in 'China' are in '亿元' "
        f"({typo}, line 2; 2021): they measure different things; correct the unit column of those rows, or the target's unit"
    )
    from ontrack.units import UnitMismatchError

    with pytest.raises(UnitMismatchError, match=rf"target 't1' \({targets}, line 2\) is in '%'.*\({typo}, line 2; 2021\)") as info:
        ot.assess_table(read_targets(targets), read_observations([good, typo]), progress=False)
    assert info.value.source == str(typo)
    with pytest.raises(UnitMismatchError, match=rf"\({typo}, line 2; 2021\)"):
        ot.evaluate_table(read_targets(targets), read_observations([good, typo]))


def test_a_unit_typo_in_a_workbook_names_the_sheet_and_rows(write_file: WriteFile, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import openpyxl  # the [excel] extra, part of the [test] extra

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据"
    for row in (["地区", "指标", "年份", "数值", "单位"], ["China", "rd_intensity", 2019, 2.2, "%"],
                ["China", "rd_intensity", 2020, 2.4, "亿元"], ["China", "rd_intensity", 2021, 2.5, "亿元"]):
        sheet.append(row)
    path = tmp_path / "obs.xlsx"
    book.save(path)
    # The targets in a sheet too: its row is named as the sheet's row.
    tbook = openpyxl.Workbook()
    tsheet = tbook.active
    tsheet.title = "目标"
    for row in (["编号", "地区", "指标", "类型", "目标值", "年份", "单位"], ["t1", "China", "rd_intensity", "level", 1.5, 2025, "%"]):
        tsheet.append(row)
    tpath = tmp_path / "targets.xlsx"
    tbook.save(tpath)
    status = cli.main(["assess", "--targets", str(tpath), "--observations", str(path)])
    err = capsys.readouterr().err.splitlines()
    assert status == 2 and len(err) == 1, err
    assert err[0] == (
        f"ontrack: target 't1' ({tpath}, sheet '目标', row 2) is in '%' but the observations of 'rd_intensity' in 'China' are in '亿元' "
        f"({path}, sheet '数据', rows 3, 4; 2020–2021): they measure different things; correct the unit column of those rows, or the target's unit"
    )

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


# ------------------------------------------------------------------ the compiled checks against the reference
# unit_checks_reference.py is the Python implementation the checks had before they moved to C++
# (unit_checks.hpp), kept unchanged: the compiled checks must find the same things, in the same order,
# in the same words.


def _reference() -> object:
    import importlib.util

    spec = importlib.util.spec_from_file_location("unit_checks_reference", Path(__file__).with_name("unit_checks_reference.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same_findings(targets: list[ot.Target], obs: ot.ObservationTable, origins: dict[tuple[str, str, str, str], str] | None = None) -> int:
    from ontrack.units import unit_mismatches

    reference = _reference()
    expected_warnings = [(c.__name__, m) for c, m in reference.unit_warnings(targets, obs)]  # type: ignore[attr-defined]
    assert [(c.__name__, m) for c, m in unit_warnings(targets, obs)] == expected_warnings
    expected_mismatches = reference.unit_mismatches(targets, obs, origins)  # type: ignore[attr-defined]
    assert unit_mismatches(targets, obs, origins) == expected_mismatches
    return len(expected_warnings) + len(expected_mismatches)


def test_compiled_checks_agree_with_the_reference_on_the_bundled_data() -> None:
    targets = ot.datasets.national_targets() + ot.datasets.seed_targets()
    _same_findings(targets, ot.datasets.observations())


def test_compiled_checks_agree_with_the_reference_on_random_tables(tmp_path: Path) -> None:
    import random

    rng = random.Random(20261202)
    units = ["", "%", "‰", "亿元", "万元", "家", "个百分点", "% of GDP", "foo"]
    found = 0
    for case in range(150):
        rows: list[ot.Observation] = []
        origins: dict[tuple[str, str, str, str], str] = {}
        series_keys = [(region, indicator) for region in ("甲市", "乙县", "B") for indicator in ("rd", "share", "firms")]
        for region, indicator in rng.sample(series_keys, rng.randint(1, len(series_keys))):
            level = rng.choice([0.013, 1.3, 25.0, 140.0, -2.0, 0.0])
            series_unit = rng.choice(units)
            for year in rng.sample(range(2012, 2025), rng.randint(1, 9)):
                value = level * rng.uniform(0.9, 1.1) * rng.choice([1.0, 1.0, 1.0, 1.0, 0.01, 100.0, 0.005])
                if rng.random() < 0.08:
                    value = float("nan")
                unit = series_unit if rng.random() < 0.8 else rng.choice(units)
                file, line = rng.choice([("", 0), ("obs.csv", rng.randint(2, 40)), ("book.xlsx, sheet '数据'", rng.randint(2, 40)), ("obs.csv", 0)])
                for vintage in rng.sample(["", "first_release", "yearbook"], rng.randint(1, 2)):
                    rows.append(ot.Observation(region=region, indicator=indicator, period=year, value=value, unit=unit, vintage=vintage,
                                               file=file, line=line))
                    if not file and rng.random() < 0.5:
                        origins[(region, indicator, str(year), vintage)] = rng.choice(["made.csv", "book.xlsx, sheet 'S'"])
        obs = ot.ObservationTable(rows)
        lines = ["id,region,indicator,kind,comparator,value,period,unit"]
        for k in range(rng.randint(0, 6)):
            region, indicator = rng.choice(series_keys)
            if rng.random() < 0.2:  # a growth target: its unit may describe the base value, and is not checked
                lines.append(f"t{k},{region},{indicator},growth,>=,5%,2025,%")
                continue
            value = rng.choice(["1.5", "150", "0.015", "0", "-3", "25"])
            lines.append(f"t{k},{region},{indicator},level,>=,{value},2025,{rng.choice(units)}")
        path = tmp_path / f"targets_{case}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        targets = list(read_targets(path)) + [ot.Target(id="code", region="甲市", indicator="rd", value=1.5, period=2025, unit="%")]
        found += _same_findings(targets, obs, origins or None)
    assert found > 100  # the random tables exercise the checks, not only their silence

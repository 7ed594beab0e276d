"""Assessment as of a day: publication dates and lags (select_series), deadlines awaiting data, the
basis of each verdict, and outputs that draw from the table's own assessments.

Expected days are calendar arithmetic by hand; the bundled R&D dates are those the bulletins state
(examples/data/observations.csv, source column: the 2024 bulletin on 2025-09-29).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot


@pytest.fixture(scope="module")
def bundled() -> tuple[list[ot.Target], ot.ObservationTable]:
    return ot.datasets.seed_targets() + ot.datasets.national_targets(), ot.datasets.observations()


def test_the_2024_rd_figures_count_from_their_bulletin(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    _, observations = bundled
    for indicator in ("rd_intensity", "rd_expenditure"):
        before = ot.select_series(observations, "China", indicator, as_of="2025-06-30")
        after = ot.select_series(observations, "China", indicator, as_of="2025-10-01")
        assert str(before.end) == "2023"
        assert str(after.end) == "2024"
    rows = [o for o in observations.rows if o.region == "China" and o.indicator == "rd_intensity" and str(o.period) == "2024"]
    assert [o.published for o in rows if o.vintage == "first_release"] == ["2025-09-29"]
    # Through assess_table: cn14-01 (R&D expenditure, 2021–2025) sees 2023 as of 2025-06-30, 2024 later.
    targets = [t for t in ot.datasets.national_targets() if t.id == "cn14-01"]
    early = ot.assess_table(targets, observations, as_of="2025-06-30")
    late = ot.assess_table(targets, observations, as_of="2025-10-01")
    assert early.loc[0, "latest_period"] == "2023"
    assert late.loc[0, "latest_period"] == "2024"
    assert early.attrs["as_of"] == "2025-06-30"
    assert "as of 2025-06-30" in early.loc[0, "message"]


def test_passed_deadline_without_its_figure_is_awaiting_data(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    _, observations = bundled
    targets = [t for t in ot.datasets.national_targets() if t.id == "cn14-01"]
    table = ot.assess_table(targets, observations, as_of="2026-01-15")
    row = table.iloc[0]
    assert row["status"] == "awaiting_data"
    assert row["basis"] == "nowcast"
    assert 0.0 <= row["probability"] <= 1.0
    # No 2025 row in the file: the end of 2025 plus the R&D bulletin's lag in the bundled catalogue
    # (rd_expenditure: 9 months).
    assert row["expected_publication"] == "2026-10-01"
    assert row["required_pace"] != row["required_pace"]  # NaN: no path to a deadline already over
    result = table.attrs["assessments"]["cn14-01"]
    assert result.expected_publication == dt.date(2026, 10, 1)
    assert result.as_of == dt.date(2026, 1, 15)
    # Without a catalogue: the default annual lag (6 months).
    plain = ot.assess_table(targets, observations, as_of="2026-01-15", indicators=None)
    assert plain.iloc[0]["expected_publication"] == "2026-07-01"
    # A lag given on the command line's behalf overrides the indicator's: 3 months.
    three = ot.assess_table(targets, observations, as_of="2026-01-15", publication_lag=3)
    assert three.iloc[0]["expected_publication"] == "2026-04-01"


def test_bare_series_awaits_its_figure_by_the_catalogue_lag() -> None:
    # A bare Series has no publication dates; the day its awaited figure is due comes from the bundled
    # catalogue's lag for its indicator (rd_expenditure: the R&D bulletin, 9 months): the end of 2025
    # plus 9 months is 2026-10-01 (by hand). The same id on the target alone, or on the series alone.
    values = [24393.1, 27956.3, 30782.9, 33357.1]
    for target_indicator, series_indicator in (("rd_expenditure", "rd_expenditure"), ("", "rd_expenditure"), ("rd_expenditure", "")):
        target = ot.Target(id="rd", indicator=target_indicator, region="China", value=36000, period=2025)
        series = ot.Series(2021, values, indicator=series_indicator, region="China")
        result = ot.assess(target, series, method="linear", as_of="2026-01-15")
        assert result.status == "awaiting_data"
        assert result.expected_publication == dt.date(2026, 10, 1), (target_indicator, series_indicator)
    # Without a catalogue, or for an indicator it does not hold: the annual default, 6 months.
    target = ot.Target(id="rd", indicator="rd_expenditure", region="China", value=36000, period=2025)
    series = ot.Series(2021, values, indicator="rd_expenditure", region="China")
    plain = ot.assess(target, series, method="linear", as_of="2026-01-15", indicators=None)
    assert plain.expected_publication == dt.date(2026, 7, 1)
    unknown = ot.assess(ot.Target(id="x", indicator="x", value=36000, period=2025), ot.Series(2021, values, indicator="x"),
                        method="linear", as_of="2026-01-15")
    assert unknown.expected_publication == dt.date(2026, 7, 1)
    # A catalogue of one's own, and a lag given for all, as in assess_table.
    frame = ot.catalogue_to_pandas(ot.datasets.indicators())
    frame.loc[frame["id"] == "rd_expenditure", "publication_lag_months"] = 4
    own = ot.read_indicator_catalogue(frame)
    assert ot.assess(target, series, method="linear", as_of="2026-01-15", indicators=own).expected_publication == dt.date(2026, 5, 1)
    assert ot.assess(target, series, method="linear", as_of="2026-01-15", publication_lag=3).expected_publication == dt.date(2026, 4, 1)


def test_assess_table_defaults_to_today_and_says_so(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    targets, observations = bundled
    table = ot.assess_table(targets[:5], observations)
    assert table.attrs["as_of"] == ot.assessment.today().isoformat()
    everything = ot.assess_table(targets[:5], observations, as_of=None)
    assert everything.attrs["as_of"] is None
    assert set(table["basis"]) <= set(ot.assessment.BASIS_NAMES)


def test_published_column_round_trips(write_file: object) -> None:
    text = (
        "region,indicator,period,value,unit,vintage,published,source\n"
        "China,a,2023,2.65,%,first_release,2024-10-02,bulletin\n"
        "China,a,2024,2.69,%,first_release,,bulletin\n"
    )
    table = ot.io.read_observations(write_file("o.csv", text))  # type: ignore[operator]
    assert [o.published for o in table.rows] == ["2024-10-02", None]
    assert ot.write_observations(table) == text
    frame = ot.observations_to_pandas(table)
    # A missing day is missing in the frame (None in an object column, NaN in pandas 3's string column).
    assert frame["published"].iloc[0] == "2024-10-02" and pd.isna(frame["published"].iloc[1])
    assert ot.write_observations(ot.read_observations(frame)) == text
    with pytest.raises(ot.ParseError, match=r"line 2.*published.*2024-02-30"):
        ot.io.read_observations(write_file("bad.csv", "region,indicator,period,value,published\nChina,a,2023,1,2024-02-30\n"))  # type: ignore[operator]


def test_select_series_is_the_core_policy(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    _, observations = bundled
    # The Python name is the compiled policy, nothing re-implemented.
    direct = ot._core.select_series(observations, "China", "rd_intensity", "first_release", dt.date(2025, 6, 30), None)
    wrapped = ot.select_series(observations, "China", "rd_intensity", as_of="2025-06-30")
    assert list(direct.periods) == list(wrapped.periods)
    assert ot._core.DEFAULT_PUBLICATION_LAGS == {"annual": 6, "quarterly": 2, "monthly": 1}
    with pytest.raises(ValueError, match="publication_lag"):
        ot.select_series(observations, "China", "rd_intensity", as_of="2025-06-30", publication_lag=-1)


def test_cli_summary_counts_the_basis_and_names_the_day(national_targets_path: object, observations_path: object, tmp_path: Path) -> None:
    from cli_support import run_module

    done = run_module(
        "assess", "--targets", str(national_targets_path), "--observations", str(observations_path), "--as-of", "2026-01-15", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert "as of 2026-01-15" in done.stdout
    assert re.search(r"^basis: \d+ \w+", done.stdout, re.M)
    assert "awaiting_data" in done.stdout
    today = run_module("assess", "--targets", str(national_targets_path), "--observations", str(observations_path), cwd=tmp_path)
    assert f"as of {ot.assessment.today().isoformat()} (today)" in today.stdout


def test_table_and_report_agree_row_by_row_with_custom_thresholds(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    pytest.importorskip("matplotlib")
    from ontrack.report import chart_images, render_report

    targets, observations = bundled
    # Bands far from the defaults, so that a chart re-assessed with the defaults would disagree.
    thresholds = {"on_track": 0.99, "at_risk": 0.98, "off_track": 0.97}
    table = ot.assess_table(targets, observations, as_of="2024-12-31", thresholds=thresholds)
    default = ot.assess_table(targets, observations, as_of="2024-12-31")
    custom = table.set_index("id")["status"]
    assert (custom != default.set_index("id")["status"].reindex(custom.index)).any()
    images = chart_images(table, targets, observations, dpi=30)
    by_id = dict(zip(table["id"], table["status"]))
    assert images
    for target_id, status, _ in images:
        assert status == by_id[target_id]
    page = render_report(table, targets, observations, dpi=30)
    for target_id, status in by_id.items():
        if status == "not_assessable":
            continue
        label = ot.display.status_label(status)
        assert f'alt="{target_id}: {label}"' in page
    assert "as of 2024-12-31" in page


def test_evaluate_table_selects_series_as_assess_table_does() -> None:
    # Regression (fixed): with dated vintages evaluate_table said not_evaluable (several vintages)
    # while assess_table said met: both now use the one selection policy.
    rows = [
        ot.Observation(region="R", indicator="x", period=2019, value=1.0, vintage="2020-03-01"),
        ot.Observation(region="R", indicator="x", period=2020, value=3.0, vintage="2021-03-01"),
        ot.Observation(region="R", indicator="x", period=2020, value=3.2, vintage="2022-03-01"),
    ]
    table = ot.ObservationTable(rows)
    target = ot.Target(id="t", region="R", indicator="x", value=3, period=2020)
    evaluated = ot.evaluate_table([target], table).iloc[0]
    assessed = ot.assess_table([target], table, as_of=None).iloc[0]
    assert (evaluated["verdict"], assessed["status"]) == ("met", "met")
    assert evaluated["observed"] == 3.2 == assessed["projected"]


UNDATED = (
    "region,indicator,period,value,unit,vintage,source\n"
    "China,rd_intensity,2021,2.43,%,first_release,x\n"
    "China,rd_intensity,2022,2.56,%,first_release,x\n"
    "China,rd_intensity,2023,2.65,%,first_release,x\n"
    "China,rd_intensity,2024,2.68,%,first_release,x\n"
    "China,gdp,2022,121.0,万亿元,first_release,x\n"
    "China,gdp,2023,126.1,万亿元,first_release,x\n"
    "China,gdp,2024,134.9,万亿元,first_release,x\n"
)


def test_rows_without_dates_wait_their_indicators_catalogue_lag(write_file: object) -> None:
    # The bundled catalogue: rd_intensity 9 months (the R&D bulletin), gdp 2. 2024 ends 2024-12-31, so
    # by hand an R&D figure counts from 2025-10-01 and a GDP figure from 2025-03-01.
    observations = ot.io.read_observations(write_file("undated.csv", UNDATED))  # type: ignore[operator]
    catalogue = ot.datasets.indicators()
    assert catalogue.at("rd_intensity").publication_lag_months == 9
    assert catalogue.at("gdp").publication_lag_months == 2
    assert str(ot.select_series(observations, "China", "rd_intensity", as_of="2025-06-30").end) == "2023"
    assert str(ot.select_series(observations, "China", "rd_intensity", as_of="2025-09-30").end) == "2023"
    assert str(ot.select_series(observations, "China", "rd_intensity", as_of="2025-10-01").end) == "2024"
    assert str(ot.select_series(observations, "China", "gdp", as_of="2025-06-30").end) == "2024"
    # Without a catalogue the annual default (6 months) counts the R&D figure from 2025-07-01.
    assert str(ot.select_series(observations, "China", "rd_intensity", as_of="2025-07-01", indicators=None).end) == "2024"
    assert str(ot.select_series(observations, "China", "rd_intensity", as_of="2025-07-01").end) == "2023"
    # Through assess_table, with the catalogue given explicitly and by default.
    targets = [
        ot.Target(id="rd", region="China", indicator="rd_intensity", value=3.0, period=2027, unit="%"),
        ot.Target(id="gdp", region="China", indicator="gdp", value=150.0, period=2027, unit="万亿元"),
    ]
    for how in ({}, {"indicators": catalogue}):
        early = ot.assess_table(targets, observations, as_of="2025-06-30", **how).set_index("id")  # type: ignore[arg-type]
        late = ot.assess_table(targets, observations, as_of="2025-10-01", **how).set_index("id")  # type: ignore[arg-type]
        assert early.loc["rd", "latest_period"] == "2023"
        assert late.loc["rd", "latest_period"] == "2024"
        assert early.loc["gdp", "latest_period"] == "2024"
    with pytest.raises(ValueError, match="indicators"):
        ot.assess_table(targets, observations, as_of="2025-06-30", indicators="mine")  # type: ignore[arg-type]


def test_cli_reads_an_indicator_catalogue(write_file: object, capsys: pytest.CaptureFixture[str]) -> None:
    from ontrack.cli import main

    observations = write_file("undated.csv", UNDATED)  # type: ignore[operator]
    targets = write_file(  # type: ignore[operator]
        "targets.csv", "id,region,indicator,kind,value,period,unit\nrd,China,rd_intensity,level,3.0,2027,%\n"
    )
    # The bundled catalogue with R&D intensity given a 3-month lag: its 2024 figure counts from 2025-04-01.
    frame = ot.catalogue_to_pandas(ot.datasets.indicators())
    frame.loc[frame["id"] == "rd_intensity", "publication_lag_months"] = 3
    catalogue = write_file("indicators.csv", ot.write_indicator_catalogue_text(ot.read_indicator_catalogue(frame)))  # type: ignore[operator]

    def latest(extra: list[str]) -> str:
        argv = ["assess", "--targets", str(targets), "--observations", str(observations), "--as-of", "2025-06-30"]
        assert main(argv + ["--format", "json"] + extra) == 0
        out = capsys.readouterr().out
        return str(re.search(r'"latest_period":\s*"(\d{4})"', out).group(1))  # type: ignore[union-attr]

    assert latest([]) == "2023"  # the bundled catalogue: 9 months
    assert latest(["--indicators", str(catalogue)]) == "2024"
    assert latest(["--indicators", str(catalogue), "--publication-lag", "9"]) == "2023"  # overrides all


def test_an_awaited_figure_past_its_expected_day_is_overdue(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    # cn14-01 (R&D expenditure to 2025): the 2025 figure is expected 2026-10-01 (end of 2025 + the
    # catalogue's 9 months); the bundled file has no 2025 row.
    _, observations = bundled
    targets = [t for t in ot.datasets.national_targets() if t.id == "cn14-01"]
    before = ot.assess_table(targets, observations, as_of="2026-09-30")
    after = ot.assess_table(targets, observations, as_of="2026-11-01")
    assert before.iloc[0]["status"] == after.iloc[0]["status"] == "awaiting_data"
    assert not before.attrs["assessments"]["cn14-01"].overdue
    assert "not yet published (expected 2026-10-01)" in before.iloc[0]["message"]
    assert after.attrs["assessments"]["cn14-01"].overdue
    assert "the 2025 figure is overdue (expected 2026-10-01" in after.iloc[0]["message"]

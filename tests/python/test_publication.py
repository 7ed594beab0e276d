"""Assessment as of a day: publication dates and lags (select_series), deadlines awaiting data, the
basis of each verdict, and outputs that draw from the table's own assessments.

Expected days are calendar arithmetic by hand; the bundled R&D dates are those the bulletins state
(examples/data/observations.csv, source column: the 2024 bulletin on 2025-09-29).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

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
    # No 2025 row in the file: the end of 2025 plus the default annual lag (6 months).
    assert row["expected_publication"] == "2026-07-01"
    assert row["required_pace"] != row["required_pace"]  # NaN: no path to a deadline already over
    result = table.attrs["assessments"]["cn14-01"]
    assert result.expected_publication == dt.date(2026, 7, 1)
    assert result.as_of == dt.date(2026, 1, 15)
    # A lag given on the command line's behalf: 9 months.
    nine = ot.assess_table(targets, observations, as_of="2026-01-15", publication_lag=9)
    assert nine.iloc[0]["expected_publication"] == "2026-10-01"


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
    assert list(frame["published"]) == ["2024-10-02", None]
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

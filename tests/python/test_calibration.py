"""Calibration from Python (python/ontrack/calibration.py, register_calibration.cpp): the report's
DataFrames against ``backtest`` (an independent path), Calibration fit/save/load, calibrated and bounded
projections, assess with a calibration, and the ``calibrate`` CLI.

Data: the development panel examples/data/provinces (first-release R&D figures of 16 provinces)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

import ontrack as ot
from cli_support import run_module
from ontrack import cli

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
PROVINCES = ROOT / "examples" / "data" / "provinces"


@pytest.fixture(scope="module")
def panel() -> pd.DataFrame:
    frames = [
        ot.read_panel_csv(str(PROVINCES / "rd_intensity_by_province.csv"), "rd_intensity"),
        ot.read_panel_csv(str(PROVINCES / "rd_expenditure_by_province.csv"), "rd_expenditure"),
    ]
    frame = pd.concat(frames, ignore_index=True)
    return frame[frame["year"] <= 2023]


@pytest.fixture(scope="module")
def report(panel: pd.DataFrame) -> ot.CalibrationReport:
    return ot.calibration_report(panel, ["linear", "cagr", "rw_drift", "default", "cagr+loro", "default+loro"], horizon=5)


def test_panel_series_reads_the_long_frame(panel: pd.DataFrame) -> None:
    series = ot.panel_series(panel)
    assert len(series) == 32
    zhejiang = next(s for s in series if s.region == "Zhejiang" and s.indicator == "rd_intensity")
    assert zhejiang.unit == "% of GDP"
    assert str(zhejiang.start) == "2011" and str(zhejiang.end) == "2023"
    with pytest.raises(ValueError, match="region"):
        ot.panel_series(pd.DataFrame({"year": [2020], "value": [1.0]}))
    with pytest.raises(TypeError, match="ontrack Series"):
        ot.panel_series([1.0, 2.0])  # type: ignore[list-item]


def test_report_coverage_agrees_with_backtest(panel: pd.DataFrame) -> None:
    # The report and backtest compute coverage separately; with natural bounds off they must agree.
    result = ot.calibration_report(panel, ["linear"], horizon=3, levels=(0.95,), natural_bounds=False)
    covered: dict[int, list[bool]] = {}
    for s in ot.panel_series(panel):
        for f in ot.backtest(s, "linear", 3, 0.95).forecasts:
            covered.setdefault(f.horizon, []).append(f.covered)
    for _, row in result.by_horizon.iterrows():
        flags = covered[int(row["horizon"])]
        assert row["forecasts"] == len(flags)
        assert row["coverage_95"] == pytest.approx(sum(flags) / len(flags), abs=1e-12)


def test_report_frames(report: ot.CalibrationReport) -> None:
    assert list(report.summary["method"]) == ["linear", "cagr", "rw_drift", "default", "cagr+loro", "default+loro"]
    for column in ("coverage_50", "coverage_80", "coverage_90", "coverage_95", "relative_wis", "brier", "low_p_reached", "high_p_reached"):
        assert column in report.summary.columns
    assert set(report.by_horizon["horizon"]) == {1, 2, 3, 4, 5}
    assert report.summary.set_index("method").loc["rw_drift", "relative_wis"] == pytest.approx(1.0)
    # The PIT histogram of each method and horizon holds all its forecasts.
    pooled = report.pit[report.pit["horizon"] == 0].groupby("method")["count"].sum()
    assert pooled.to_dict() == report.summary.set_index("method")["forecasts"].to_dict()
    # Brier recomputed from the forecasts' own probabilities is not possible from the frame alone, but
    # its range is: 0 <= Brier <= 1, and the reliability bins hold every event.
    assert ((report.summary["brier"] >= 0) & (report.summary["brier"] <= 1)).all()
    events = report.reliability.groupby("method")["events"].sum()
    assert events.to_dict() == report.summary.set_index("method")["events"].to_dict()
    # Intervals in the forecasts frame contain the median, and the 80% lies inside the 95%.
    f = report.forecasts
    assert ((f["lower_95"] <= f["lower_80"]) & (f["lower_80"] <= f["median"]) & (f["median"] <= f["upper_80"]) & (f["upper_80"] <= f["upper_95"])).all()


def test_plots(report: ot.CalibrationReport) -> None:
    assert ot.plot_coverage(report, 0.95).get_ylabel().startswith("coverage")
    assert ot.plot_pit(report, "cagr", 2).get_title() == "cagr, h = 2"
    assert len(ot.plot_reliability(report, ["linear", "default"]).get_lines()) == 3
    with pytest.raises(ValueError, match="0.7"):
        ot.plot_coverage(report, 0.7)
    with pytest.raises(ValueError, match="holt"):
        ot.plot_pit(report, "holt")


def test_calibration_fit_save_load(panel: pd.DataFrame, tmp_path: Path) -> None:
    cal = ot.Calibration.fit(panel, "holt", source="provinces")
    assert cal.method == "holt" and cal.source == "provinces"
    assert set(cal.horizons) == {""}
    assert set(ot.Calibration.fit(panel, "holt", by_indicator=True).horizons) == {"", "rd_intensity", "rd_expenditure"}
    # One error distribution for every horizon (horizon 0) unless asked per horizon.
    assert [e["horizon"] for e in cal.horizons[""]] == [0] and cal.pools_horizons and cal.scaling == "drift_uncertainty"
    per_horizon = ot.Calibration.fit(panel, "holt", pool_horizons=False)
    assert [e["horizon"] for e in per_horizon.horizons[""]] == [1, 2, 3, 4, 5] and not per_horizon.pools_horizons
    damped = ot.Calibration.fit(panel, "cagr", damping=0.9)
    assert damped.damping == 0.9 and ot.Calibration.from_json(damped.to_json()).damping == 0.9
    with pytest.raises(ot.InvalidValueError, match="damping"):
        ot.Calibration.fit(panel, "holt", damping=0.9)
    with pytest.raises(ot.InvalidValueError, match="drift_uncertainty"):
        ot.Calibration.fit(panel, "holt", scaling="sigma")
    path = tmp_path / "holt.json"
    cal.save(str(path))
    again = ot.Calibration.load(str(path))
    assert again.to_json() == cal.to_json()
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "ontrack-calibration"
    # Reproducible, and the same from a list of Series.
    assert ot.Calibration.fit(ot.panel_series(panel), "holt", source="provinces").to_json() == cal.to_json()
    assert ot.fit_calibration(panel, "holt", source="provinces").to_json() == cal.to_json()
    with pytest.raises(ot.InvalidValueError, match="auto"):
        ot.Calibration.fit(panel, "auto")
    # Too few errors: the message says how they were to be counted (pooled, or at a horizon).
    tiny = panel[(panel["region"] == panel["region"].iloc[0]) & (panel["year"] <= 2015)]
    with pytest.raises(ValueError, match="pooled over horizons 1 to 5"):
        ot.Calibration.fit(tiny, "cagr")
    with pytest.raises(ValueError, match="at some horizon"):
        ot.Calibration.fit(tiny, "cagr", pool_horizons=False)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    with pytest.raises(ot.InvalidValueError, match="bad.json"):
        ot.Calibration.load(str(bad))


def test_calibrated_projection_and_bounds(panel: pd.DataFrame) -> None:
    cal = ot.Calibration.fit(panel, "holt")
    series = next(s for s in ot.panel_series(panel) if s.region == "Anhui" and s.indicator == "rd_expenditure")
    plain = ot.project(series, "holt", to=2028)
    calibrated = ot.project(series, "holt", to=2028, calibration=cal)
    assert calibrated.method == "holt" and "calibrated" in calibrated.reason
    # holt's own intervals are far too narrow on this panel (docs/calibration.md); the calibrated are wider.
    assert calibrated.points[-1].upper - calibrated.points[-1].lower > plain.points[-1].upper - plain.points[-1].lower
    with pytest.raises(ot.InvalidValueError, match="linear"):
        ot.project(series, "linear", to=2028, calibration=cal)
    # Literacy (a share in %) to 2050: inside [0, 100] with the default and with a named method.
    literacy = ot.Series.from_years([2010, 2015, 2018, 2020, 2022, 2023, 2024], [3.27, 6.2, 8.47, 10.56, 12.93, 14.14, 15.37], "literacy", "China", "%")
    assert ot.natural_bounds(literacy) == (0.0, 100.0)
    for method in ("default", "linear", "loglinear", "cagr", "auto"):
        p = ot.project(literacy, method, to=2050)
        assert all(0.0 <= q.lower <= q.mean <= q.upper <= 100.0 for q in p.points), method
    assert ot.project(literacy, "default", to=2050).points[-1].distribution.family.startswith("logit")
    # bounds=None is the model alone: cagr then leaves 100%.
    assert ot.project(literacy, "cagr", to=2050, bounds=None).points[-1].upper > 100.0
    assert ot.project(literacy, "cagr", to=2050, bounds=(0, 50)).points[-1].upper <= 50.0


def test_assess_with_calibration(panel: pd.DataFrame) -> None:
    target = ot.Target(id="ah", indicator="rd_expenditure", kind="level", comparator=">=", value=3500.0, period=2026, region="Anhui")
    series = next(s for s in ot.panel_series(panel) if s.region == "Anhui" and s.indicator == "rd_expenditure")
    default = ot.assess(target, series)
    assert default.method == "cagr"
    cal = ot.Calibration.fit(panel, "holt_damped")
    damped = ot.assess(target, series, calibration=cal)
    assert damped.method == "holt_damped"
    named = ot.assess(target, series, method="holt_damped", calibration=cal)
    assert named.probability == damped.probability
    assert ot.assess(target, series, method="holt_damped").probability != damped.probability
    observations = ot.ObservationTable(
        [ot.Observation(region="Anhui", indicator="rd_expenditure", period=y, value=v, unit="100m CNY (亿元)") for y, v in zip(range(2011, 2024), series.values)]
    )
    assert list(ot.panel_series(observations)[0].values) == list(series.values)
    table = ot.assess_table([target], observations, calibration=cal)
    assert table.loc[0, "method"] == "holt_damped"
    assert table.loc[0, "probability"] == pytest.approx(damped.probability, abs=1e-12)


def test_cli_calibrate_and_assess_with_calibration(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    intensity = str(PROVINCES / "rd_intensity_by_province.csv")
    assert cli.main(["calibrate", intensity, "--methods", "cagr,rw_drift", "--horizon", "2"]) == 0
    out, _ = capsys.readouterr()
    assert "By horizon" in out and "rw_drift" in out
    path = tmp_path / "cal.json"
    assert cli.main(["calibrate", intensity, "--fit", "cagr", "--output", str(path)]) == 0
    assert ot.Calibration.load(str(path)).method == "cagr"
    data = ROOT / "examples" / "data"
    result = run_module(
        "assess", "--targets", str(data / "national_targets.csv"), "--observations", str(data / "observations.csv"),
        "--calibration", str(path), "--format", "csv", cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    bad = run_module("calibrate", str(tmp_path / "missing.csv"), cwd=tmp_path)
    assert bad.returncode == 2 and "missing.csv" in bad.stderr and "Traceback" not in bad.stderr
    wrong = run_module(
        "assess", "--targets", str(data / "national_targets.csv"), "--observations", str(data / "observations.csv"),
        "--calibration", str(data / "observations.csv"), cwd=tmp_path,
    )
    assert wrong.returncode == 2 and "observations.csv" in wrong.stderr


def test_default_is_measured_leave_one_region_out(report: ot.CalibrationReport) -> None:
    # On the development panel the bundled calibration is in-sample; default+loro is the same procedure
    # measured honestly (its coverage band is asserted in tests/cpp/test_calibration.cpp). Here: the
    # PIT of the calibrated methods is far flatter than linear's (share of PIT in the outer two bins).
    pit = report.pit[report.pit["horizon"] == 0]
    def outer(method: str) -> float:
        rows = pit[pit["method"] == method]
        return float(rows[rows["bin"].isin([0, 9])]["share"].sum())
    assert outer("cagr+loro") < 0.5 * outer("linear")
    assert outer("default+loro") < 0.5 * outer("linear")
    assert not math.isnan(float(report.summary.set_index("method").loc["default", "brier"]))


def test_plot_target_draws_the_default_projection() -> None:
    # The chart of a default assessment re-projects with the calibrated default: its fan ends at the
    # assessment's projected value.
    observations = ot.read_observations(str(ROOT / "examples" / "data" / "observations.csv"))
    t = next(x for x in ot.read_targets(str(ROOT / "examples" / "data" / "national_targets.csv")) if x.id == "cn13-01")
    series = ot.select_series(observations, t.region, t.indicator, "first_release", "2018-12-31")
    result = ot.assess(t, series, as_of="2018-12-31")
    assert result.method == "cagr"
    figure = ot.plot_target(t, series, as_of="2018-12-31")
    fan = [line for line in figure.axes[0].get_lines() if line.get_gid() == "projection"]
    assert len(fan) == 1
    assert fan[0].get_ydata()[-1] == pytest.approx(result.projected, rel=1e-12)

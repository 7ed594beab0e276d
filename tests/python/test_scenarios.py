"""Composite indicators and scenarios from Python: Changji's required R&D growth (hand-computed),
scenarios side by side, the chart, feasibility against the bundled data, and the example script."""

from __future__ import annotations

import builtins
import csv
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Union

import pandas as pd
import pytest

import ontrack as ot

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "examples" / "data"
INTENSITY = "rd_intensity = rd_expenditure / gdp * 100"


@pytest.fixture(scope="module")
def changji() -> ot.Target:
    return next(t for t in ot.read_targets(DATA / "seed_targets.csv") if t.id == "changji-01")


def test_composite_declaration() -> None:
    c = ot.Composite.parse(INTENSITY)
    assert (c.id, c.numerator, c.denominator, c.scale) == ("rd_intensity", "rd_expenditure", "gdp", 100.0)
    assert str(c) == INTENSITY
    assert c == ot.Composite("rd_intensity", "rd_expenditure", "gdp", 100)
    with pytest.raises(ot.ParseError, match="column 31"):
        ot.Composite.parse("rd_intensity = rd_expenditure gdp")
    # Derive each from the other two: R&D 2, GDP 400 → 0.5%; GDP = 2 / 0.5 × 100 = 400.
    rd = ot.Series(2020, [2.0], "rd_expenditure")
    gdp = ot.Series(2020, [400.0], "gdp")
    ratio = ot.derive(c, rd, gdp)
    assert ratio.at(2020) == pytest.approx(0.5)
    assert ot.derive_denominator(c, ratio, rd).at(2020) == pytest.approx(400.0)
    assert ot.derive_numerator(c, ratio, gdp).at(2020) == pytest.approx(2.0)
    with pytest.raises(ot.DataError):
        ot.derive(c, rd, ot.Series(2020, [0.0], "gdp"))


def test_changji_required_rd_growth(changji: ot.Target) -> None:
    # 0.17% (2020) → 1.5% (2025): intensity must grow (1.5/0.17)^(1/5) − 1;
    # ln(1.5/0.17) = 0.405465 + 1.771957 = 2.177422, / 5 = 0.435484, e^0.435484 = 1.545712 → 54.57%/yr.
    # R&D must grow 1.545712 × (1 + g_GDP) − 1: 4% → 60.75%, 5% → 62.30%, 6% → 63.85%.
    expected = {"4%": 0.607540, "5%": 0.622997, "6%": 0.638454}
    for gdp_growth, rd_growth in expected.items():
        need = ot.required_growth(INTENSITY, "gdp", gdp_growth, target=changji)
        assert need.ratio_growth == pytest.approx(0.545712, rel=1e-6)
        assert need.growth == pytest.approx(rd_growth, rel=1e-5)
        assert need.component == "rd_expenditure"
    # The same from explicit values, without a target.
    explicit = ot.required_growth(INTENSITY, "gdp", 0.05, base_period=2020, base_value=0.17, target_value=1.5, deadline=2025)
    assert explicit.growth == pytest.approx(0.622997, rel=1e-5)
    with pytest.raises(ot.InvalidValueError):
        ot.required_growth(INTENSITY, "gdp", 5)  # ambiguous: five or 500 percent?
    with pytest.raises(ot.InvalidValueError, match="target_value"):
        ot.required_growth(INTENSITY, "gdp", 0.05, base_period=2020, base_value=0.17)


SCENARIOS: dict[str, dict[str, Union[float, str]]] = {
    "R&D +10%/yr, GDP +6%/yr": {"rd_expenditure": "10%", "gdp": "6%"},
    "R&D +65%/yr, GDP +5%/yr": {"rd_expenditure": 0.65, "gdp": 0.05},
}


def test_scenarios_side_by_side(changji: ot.Target) -> None:
    frame = ot.compare_scenarios(INTENSITY, changji, SCENARIOS)
    assert list(frame.columns) == ot.SCENARIO_COLUMNS
    slow, fast = frame.to_dict("records")
    # 1.10/1.06 = 1.037736 a year; ^5 = 1.203468; 0.17 × 1.203468 = 0.204590 < 1.5.
    assert slow["ratio_growth"] == pytest.approx(0.037736, rel=1e-4)
    assert slow["projected"] == pytest.approx(0.204590, rel=1e-5)
    assert (slow["meets"], slow["status"], slow["reached"]) == (False, "off_track", "")
    assert slow["gap"] == pytest.approx(0.204590 - 1.5, rel=1e-5)
    # 1.65/1.05 = 1.571429; ^5 = 9.582377; 0.17 × 9.582377 = 1.629004 ≥ 1.5 (2024: 1.036639, short).
    assert fast["projected"] == pytest.approx(1.629004, rel=1e-5)
    assert (fast["meets"], fast["status"], fast["reached"]) == (True, "on_track", "2025")
    paths = ot.scenario_paths(INTENSITY, changji, SCENARIOS)
    assert list(paths.columns) == list(SCENARIOS)
    assert [str(p) for p in paths.index] == ["2020", "2021", "2022", "2023", "2024", "2025"]
    assert paths.iloc[4, 1] == pytest.approx(1.036639, rel=1e-5)
    # With the base GDP the component paths follow: 2025 GDP 500 × 1.06^5 = 669.1128.
    outcomes = ot.scenario_outcomes(INTENSITY, changji, SCENARIOS, base_denominator=500.0)
    assert outcomes[0].path[-1].denominator == pytest.approx(669.112789)
    with pytest.raises(ot.InvalidValueError, match="gdp"):
        ot.compare_scenarios(INTENSITY, changji, {"half": {"rd_expenditure": 0.1}})


def test_plot_scenarios(changji: ot.Target) -> None:
    axes = ot.plot_scenarios(INTENSITY, changji, SCENARIOS)
    # One line per scenario and the target line.
    assert len(axes.get_lines()) == len(SCENARIOS) + 1
    assert list(axes.get_lines()[-1].get_ydata()) == [1.5, 1.5]  # type: ignore[arg-type]
    assert axes.get_ylabel() == "rd_intensity"


def test_plot_scenarios_without_matplotlib(changji: ot.Target, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def blocked(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "matplotlib" or name.startswith("matplotlib."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
    with pytest.raises(ImportError, match=r"pip install ontrack\[plot\]"):
        ot.plot_scenarios(INTENSITY, changji, SCENARIOS)


def independent_fastest_pace(indicator: str) -> tuple[float, str]:
    """The fastest 5-year CAGR over the bundled regions, read with the csv module: per region the first
    of yearbook, revised_next_bulletin, first_release, '' (no vintage) that it has."""
    by_key: dict[tuple[str, str], dict[int, float]] = {}
    with (DATA / "observations.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["indicator"] == indicator and row["value"]:
                by_key.setdefault((row["region"], row["vintage"]), {})[int(row["period"])] = float(row["value"])
    best = (-1.0, "")
    for region in {r for r, _ in by_key}:
        vintage = next(v for v in ("yearbook", "revised_next_bulletin", "first_release", "", "revised_2026", "preliminary", "estimate", None)
                       if v is None or (region, v) in by_key)
        if vintage is None:
            continue
        values = by_key[(region, vintage)]
        for year, value in values.items():
            if year + 5 in values:
                best = max(best, ((values[year + 5] / value) ** 0.2 - 1, f"{region} {year}"))
    return best


def test_feasibility_against_the_bundled_data(changji: ot.Target) -> None:
    need = ot.required_growth(INTENSITY, "gdp", "5%", target=changji)
    observations = ot.read_observations(DATA / "observations.csv")
    for indicator, required in (("rd_intensity", need.ratio_growth), ("rd_expenditure", need.growth)):
        result = ot.assess_feasibility(need, observations, indicator)
        assert result.required == pytest.approx(required)
        fastest, where = independent_fastest_pace(indicator)
        assert result.fastest is not None
        assert result.fastest.rate == pytest.approx(fastest)
        assert f"{result.fastest.region} {result.fastest.start}" == where
        assert result.reaching == 0
        assert result.message.startswith(f"needs {required:.1%} a year")
    paces = ot.historical_paces(observations, "rd_intensity")
    assert list(paces.columns) == ["region", "vintage", "start", "end", "rate"]
    assert paces["rate"].is_monotonic_decreasing
    assert set(paces["vintage"]) == {"yearbook"}


def test_example_script_runs(tmp_path: Path) -> None:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    chart = tmp_path / "scenarios.png"
    done = subprocess.run(
        [sys.executable, str(REPO / "examples" / "python" / "scenarios.py"), "--plot", str(chart)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "62.3%" in done.stdout
    assert "needs 54.6% a year" in done.stdout
    assert chart.stat().st_size > 0


def test_project_composite_through_its_components() -> None:
    # R&D grows 10% a year from 100 and GDP 5% from 10000 (2015–2021, exact): in 2025 the intensity is
    # 100·1.1^10 / (10000·1.05^10) × 100 = 259.374 / 16288.95 × 100 = 1.59233, reproduced by loglinear fits.
    years = list(range(2015, 2022))
    rd = ot.Series.from_years(years, [100 * 1.1 ** (y - 2015) for y in years], "rd_expenditure")
    gdp = ot.Series.from_years(years, [10000 * 1.05 ** (y - 2015) for y in years], "gdp")
    result = ot.project_composite(ot.Composite.parse(INTENSITY), rd, gdp, "loglinear", to=2025, draws=1000)
    assert result.scale == 100.0
    assert result.at(2025).median == pytest.approx(100 * 1.1**10 / (10000 * 1.05**10) * 100, rel=1e-9)
    assert result.at(2025).median == pytest.approx(1.59233, rel=1e-5)

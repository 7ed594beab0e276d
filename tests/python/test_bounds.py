"""Bounds of an indicator's values from its metadata: the targets' bounds column, the indicator
catalogue, the natural bounds of the unit (bounds.hpp `bounds_for`), through assess, assess_table and
the CLI."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot

# A share with no unit: nothing tells the natural rule it is one, so only metadata bounds it.
YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022]
COVERAGE = [70.0, 76.0, 81.0, 86.0, 90.0, 94.0, 97.0]


def _catalogue(lower: str, upper: str, unit: str = "%") -> ot.IndicatorCatalogue:
    frame = pd.DataFrame(
        [{"id": "coverage", "name_zh": "覆盖率", "name_en": "coverage", "unit": unit, "kind": "share", "direction": "higher_is_better",
          "lower_bound": lower, "upper_bound": upper}]
    )
    return ot.read_indicator_catalogue(frame)


def test_target_bounds_field() -> None:
    t = ot.Target(id="a", indicator="coverage", value=99, period=2030, bounds="0..100")
    assert t.bounds == "[0, 100]"
    assert ot.Target(id="b", indicator="x", value=1, period=2030).bounds is None
    assert ot.Target(id="c", indicator="x", value=1, period=2030, bounds="none").bounds == "none"
    with pytest.raises(ot.InvalidValueError, match="0 to 100"):
        ot.Target(id="d", indicator="x", value=1, period=2030, bounds="0 to 100")
    # Through a DataFrame and back, with the Chinese header.
    frame = pd.DataFrame({"编号": ["a", "b"], "指标": ["coverage", "x"], "类型": ["level", "level"], "数值": [99, 1], "年份": [2030, 2030],
                          "取值范围": [">=0", ""]})
    targets = ot.read_targets(frame)
    assert [t.bounds for t in targets] == ["[0, inf)", None]
    back = ot.targets_to_pandas(targets)
    assert back["bounds"].tolist() == ["[0, inf)", ""]
    assert ot.read_targets(back) == targets


def test_assess_bounds_from_catalogue_and_target() -> None:
    series = ot.Series.from_years(YEARS, COVERAGE)
    target = ot.Target(id="cov", indicator="coverage", value=99.0, period=2030)
    free = ot.assess(target, series, method="linear", indicators=None)
    assert free.bounds == (None, None) and free.bounds_origin == "none"
    assert free.projection is not None and free.projection.points[-1].upper > 100.0
    for method in ("linear", "default"):
        bounded = ot.assess(target, series, method=method, indicators=_catalogue("0", "100"))
        assert bounded.bounds == (0.0, 100.0) and bounded.bounds_origin == "catalogue"
        assert bounded.projection is not None
        assert all(0.0 <= p.lower <= p.upper <= 100.0 for p in bounded.projection.points), method
    # The target's own bounds come first; 'none' switches every bound off.
    own = ot.Target(id="cov", indicator="coverage", value=99.0, period=2030, bounds="none")
    assert ot.assess(own, series, method="linear", indicators=_catalogue("0", "100")).bounds_origin == "none"
    # A catalogue in ‰: 1000 ‰ is 100 %.
    permille = ot.assess(target, ot.Series.from_years(YEARS, COVERAGE, "coverage", "X", "%"), method="linear", indicators=_catalogue("0", "1000", "‰"))
    assert permille.bounds == (0.0, pytest.approx(100.0))


def test_project_takes_the_catalogue_bounds_of_the_series_indicator() -> None:
    # The same policy as assess: the catalogue's bounds of the series' indicator, else its unit's.
    series = ot.Series.from_years(YEARS, COVERAGE, "coverage")
    free = ot.project(series, "linear", to=2030, indicators=None)
    assert free.points[-1].upper > 100.0  # no unit, no catalogue: nothing bounds it
    for method in ("linear", "holt", "default"):
        bounded = ot.project(series, method, to=2030, indicators=_catalogue("0", "100"))
        assert all(0.0 <= p.lower <= p.upper <= 100.0 for p in bounded.points), method
    # A bound the catalogue declares tighter than the unit's: 98% at most.
    tight = ot.project(ot.Series.from_years(YEARS, COVERAGE, "coverage", "X", "%"), "linear", to=2030, indicators=_catalogue("0", "98"))
    assert max(p.upper for p in tight.points) <= 98.0
    assert tight.probability(">=", 98.5, 2030) == 0.0
    # The bundled catalogue by default: literacy is a share of at most 100%, unit or not.
    literacy = ot.Series.from_years(YEARS, COVERAGE, "citizens_with_scientific_literacy")
    assert all(p.upper <= 100.0 for p in ot.project(literacy, "linear", to=2040).points)
    assert ot.project(literacy, "linear", to=2040, indicators=None).points[-1].upper > 100.0
    # Explicit bounds still win, and an observation outside the catalogue's bounds is refused.
    assert ot.project(series, "linear", to=2030, bounds=None, indicators=_catalogue("0", "100")).points[-1].upper > 100.0
    with pytest.raises(ValueError, match="coverage"):
        ot.project(series, "linear", to=2030, indicators=_catalogue("0", "90"))
    with pytest.raises(ValueError, match="indicators"):
        ot.project(series, "linear", to=2030, indicators="mine")  # type: ignore[arg-type]


def test_assess_table_refuses_an_observation_outside_the_bounds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    targets = pd.DataFrame(
        {"id": ["hami-07", "hami-08"], "region": ["Hami", "Hami"], "indicator": ["coverage", "labs"], "kind": ["level", "level"],
         "value": [99, 8], "period": [2025, 2025], "unit": ["%", "个"], "bounds": ["0..100", ""]}
    )
    observations = pd.DataFrame(
        {"region": ["Hami"] * 6, "indicator": ["coverage"] * 3 + ["labs"] * 3, "period": [2020, 2021, 2022] * 2,
         "value": [50, 80, 120, 3, 4, 5], "unit": ["%"] * 3 + ["个"] * 3}
    )
    table = ot.assess_table(targets, observations, as_of=None)
    row = table.set_index("id").loc["hami-07"]
    assert row["status"] == "not_assessable"
    for word in ("hami-07", "coverage", "2022", "120", "[0, 100]", "bounds column"):
        assert word in row["message"], word
    assert table.set_index("id").loc["hami-08"]["status"] != "not_assessable"
    # Single target: an error naming the same.
    series = ot.select_series(ot.read_observations(observations), "Hami", "coverage")
    with pytest.raises(ot.InvalidValueError, match="hami-07.*120"):
        ot.assess(ot.read_targets(targets)[0], series)
    # The CLI reads the column from the targets file too.
    targets_path, observations_path = tmp_path / "t.csv", tmp_path / "o.csv"
    targets.to_csv(targets_path, index=False)
    observations.to_csv(observations_path, index=False)
    from ontrack.cli import main

    main(["assess", "--targets", str(targets_path), "--observations", str(observations_path), "--format", "csv", "--as-of", "2026-12-31"])
    out, _ = capsys.readouterr()
    written = pd.read_csv(io.StringIO(out)).set_index("id")
    assert written.loc["hami-07", "status"] == "not_assessable"
    assert "120" in written.loc["hami-07", "message"] and "bounds" in written.loc["hami-07", "message"]


def test_cumulative_target_under_the_default_matches_an_independent_simulation() -> None:
    """A five-year cumulative target projected by the calibrated default (log scale): P(sum >= X) and
    the summed interval against a NumPy/SciPy simulation written here from the model's description
    (projected_sum.hpp): each period's log-t predictive as given by the projection, coupled by a
    Gaussian copula with the covariance a·h·k + b·min(h, k), a and b fitted by non-negative least
    squares to the squared scales. Different generator, different quantile code, exact t quantiles."""
    np = pytest.importorskip("numpy")
    stats = pytest.importorskip("scipy.stats")
    optimize = pytest.importorskip("scipy.optimize")
    years = [2016, 2017, 2018, 2019, 2020, 2021, 2022]
    series = ot.Series.from_years(years, [100.0, 108.0, 117.0, 126.0, 136.0, 147.0, 159.0], "rd", "X", "亿元")
    target = ot.Target(id="cum", indicator="rd", kind="cumulative", value=900.0, period_start=2023, period=2027, unit="亿元")
    a = ot.assess(target, series)  # the default method
    assert a.projection is not None and a.probability is not None and a.lower is not None and a.upper is not None
    points = [p for p in a.projection.points if 2023 <= p.period.year <= 2027]
    assert [p.distribution.family for p in points] == ["log_student_t"] * 5
    h = np.arange(1.0, 6.0)
    loc = np.array([p.distribution.location for p in points])
    scale = np.array([p.distribution.scale for p in points])
    df = np.array([p.distribution.df for p in points])
    (drift, walk), _ = optimize.nnls(np.column_stack([h * h, h]), scale * scale)
    cov = drift * np.outer(h, h) + walk * np.minimum.outer(h, h)
    corr = cov / np.sqrt(np.outer(np.diag(cov), np.diag(cov)))
    rng = np.random.default_rng(7)
    z = rng.multivariate_normal(np.zeros(5), corr, size=200_000, method="eigh")
    values = np.exp(loc + scale * stats.t.ppf(stats.norm.cdf(z), df))
    total = values.sum(axis=1)
    # 20 000 draws in the core: the standard error of a probability is at most 0.0035, of the 2.5%
    # quantile about 0.3% of the sum; the tolerances are about three of them.
    assert a.probability == pytest.approx(float((total >= 900.0).mean()), abs=0.012)
    assert a.lower == pytest.approx(float(np.quantile(total, 0.025)), rel=0.01)
    assert a.upper == pytest.approx(float(np.quantile(total, 0.975)), rel=0.012)
    assert a.projected == pytest.approx(float(np.median(total)), rel=0.005)

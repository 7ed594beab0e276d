"""What R&D growth does Changji need?

Changji City's S&T 14th Five-Year Plan (seed target changji-01) wants R&D intensity — R&D spending over
GDP, in percent — to rise from 0.17% in 2020 to 1.5% by 2025. This script derives the growth of R&D
spending that this needs under three GDP assumptions, plays out a few named scenarios side by side,
compares the required pace with the fastest five-year paces in the bundled data, and (with --plot FILE
and matplotlib installed) draws the scenarios in one chart.

    python examples/python/scenarios.py [--data DIR] [--plot scenarios.png]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import ontrack as ot

DATA = Path(__file__).resolve().parents[1] / "data"
INTENSITY = "rd_intensity = rd_expenditure / gdp * 100"
SCENARIOS = {
    "R&D +10%/yr, GDP +6%/yr": {"rd_expenditure": "10%", "gdp": "6%"},
    "R&D +30%/yr, GDP +5%/yr": {"rd_expenditure": "30%", "gdp": "5%"},
    "R&D +65%/yr, GDP +5%/yr": {"rd_expenditure": "65%", "gdp": "5%"},
}


def changji_target(data: Path) -> ot.Target:
    return next(t for t in ot.read_targets(data / "seed_targets.csv") if t.id == "changji-01")


def required_table(data: Path) -> pd.DataFrame:
    """The R&D growth needed per year under GDP growth of 4%, 5% and 6%."""
    target = changji_target(data)
    rows = []
    for gdp_growth in ("4%", "5%", "6%"):
        need = ot.required_growth(INTENSITY, "gdp", gdp_growth, target=target)
        rows.append(
            {
                "gdp_growth": need.assumed_growth,
                "intensity_growth": need.ratio_growth,
                "rd_growth_needed": need.growth,
            }
        )
    return pd.DataFrame(rows)


def main(data: Path, plot: str | None = None) -> None:
    target = changji_target(data)
    print(f"Target {target.id}: {target.quote}")
    print()
    print("R&D growth needed per year:")
    print(required_table(data).to_string(index=False, float_format=lambda x: f"{x:.1%}"))
    print()
    print(ot.required_growth(INTENSITY, "gdp", "5%", target=target).message)
    print()
    print("Scenarios:")
    print(ot.compare_scenarios(INTENSITY, target, SCENARIOS).to_string(index=False))
    print()
    observations = ot.read_observations(data / "observations.csv")
    need = ot.required_growth(INTENSITY, "gdp", "5%", target=target)
    print("Intensity:", ot.assess_feasibility(need, observations, "rd_intensity").message)
    print("R&D spending:", ot.assess_feasibility(need, observations, "rd_expenditure").message)
    if plot:
        from matplotlib.figure import Figure  # only with --plot: matplotlib is optional

        axes = ot.plot_scenarios(INTENSITY, target, SCENARIOS)
        figure = axes.get_figure()
        if isinstance(figure, Figure):
            figure.savefig(plot, dpi=100, bbox_inches="tight")
            print(f"chart written to {plot}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--plot", default=None)
    arguments = parser.parse_args()
    main(arguments.data, arguments.plot)

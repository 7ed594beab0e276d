#!/usr/bin/env python3
"""How honest are ontrack's intervals and probabilities? The calibration table of every method on a panel.

    python bench/calibration.py                          # the development panel, examples/data/provinces
    python bench/calibration.py PANEL.csv [PANEL.csv …]  # any long panel: region, year|period, value[, indicator, unit]
    python bench/calibration.py --all-years              # M+loro with every other region's errors, not only published ones
    python bench/calibration.py --write-default          # regenerate lib/include/ontrack/default_calibration.hpp
    python bench/calibration.py --choose-damping         # the rolling-origin scores behind the default's damping

Rolling origin, horizons 1–5: a forecast made at origin T uses only the observations up to T (the
panel is first-release, so what was published then). Per method: coverage of the central 95% and 80%
intervals at each horizon, Brier score of P(value ≥ c) with c = origin value × (1 + g)^h for g from
−4% to +20% a year, how often events given P < 5% / P ≥ 95% happened, and the weighted interval score
relative to a random walk with drift on the same forecasts. ``M+loro`` is M calibrated
leave-one-region-out (the errors of the other regions only; with real time, only those published by
the origin). ``default`` is what ``assess`` uses when no method is named, with the bundled calibration
— learned on the development panel itself, so on that panel its row is in-sample; ``default+loro`` is
the default's procedure (cagr, drift-uncertainty scaling, horizons pooled, damped drift) measured
honestly, leave-one-region-out (``default+loro``). Also prints the wall time of the report.

Needs ontrack importable (``make python``, or ``PYTHONPATH=build/dev-NAME/stage``).
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import pandas as pd

import ontrack as ot

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROVINCES = os.path.join(ROOT, "examples", "data", "provinces")
DEVELOPMENT = [
    (os.path.join(PROVINCES, "rd_intensity_by_province.csv"), "rd_intensity"),
    (os.path.join(PROVINCES, "rd_expenditure_by_province.csv"), "rd_expenditure"),
]
METHODS = ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto", "rw_drift", "default", "default+loro",
           "linear+loro", "loglinear+loro", "cagr+loro", "weighted_linear+loro", "holt+loro", "holt_damped+loro"]
#: Damping of cagr's drift in the default, chosen by --choose-damping on the development panel: of the
#: grid, the lowest Brier score of default+loro in real time among the dampings whose 95% and 80%
#: coverage lie in [0.92, 0.97] and [0.76, 0.84] at every horizon, with P < 5% events happening at
#: most 6% and P >= 95% events at least 94% of the time.
DEFAULT_DAMPING = 0.95
DAMPING_GRID = (0.8, 0.85, 0.9, 0.925, 0.95, 0.975, 1.0)
DEFAULT_SOURCE = ("development panel examples/data/provinces: R&D intensity and expenditure of 16 provinces, first release "
                  "2011-2023 (NBS/MOST/MOF R&D bulletins); cagr with its drift damped by 0.95, rolling origin, errors scaled by the "
                  "drift uncertainty and pooled over horizons 1-5")


def development_panel(last_year: int = 2023) -> pd.DataFrame:
    frames = [ot.read_panel_csv(path, indicator) for path, indicator in DEVELOPMENT]
    panel = pd.concat(frames, ignore_index=True)
    return panel[panel["year"] <= last_year]


def table(report: ot.CalibrationReport) -> str:
    by = report.by_horizon
    lines = ["| method | 95% coverage, h = 1 → 5 | 80% coverage, h = 1 → 5 | 80% pooled | Brier | P < 5%: reached | P ≥ 95%: reached | rel. WIS | forecasts |",
             "|---|---|---|---|---|---|---|---|---|"]
    for _, row in report.summary.iterrows():
        rows = by[by["method"] == row["method"]].sort_values("horizon")
        c95 = " ".join(f"{x:.2f}" for x in rows["coverage_95"])
        c80 = " ".join(f"{x:.2f}" for x in rows["coverage_80"])
        low = f"{row['low_p_reached']:.3f} of {row['low_p']}" if row["low_p"] else "—"
        high = f"{row['high_p_reached']:.3f} of {row['high_p']}" if row["high_p"] else "—"
        lines.append(f"| `{row['method']}` | {c95} | {c80} | {row['coverage_80']:.2f} | {row['brier']:.3f} | {low} | {high} | "
                     f"{row['relative_wis']:.2f} | {row['forecasts']} |")
    return "\n".join(lines)


def default_fit(panel: pd.DataFrame, damping: float = DEFAULT_DAMPING, source: str = DEFAULT_SOURCE) -> ot.Calibration:
    """The default's procedure on ``panel``: cagr, errors scaled by the drift uncertainty, pooled over horizons 1–5."""
    return ot.Calibration.fit(panel, "cagr", horizon=5, by_indicator=False, source=source, scaling="drift_uncertainty",
                              pool_horizons=True, damping=damping)


def choose_damping(panel: pd.DataFrame) -> None:
    """default+loro in real time for each damping of the grid, and the one the rule of DEFAULT_DAMPING picks."""
    rows, eligible = [], []
    for damping in DAMPING_GRID:
        report = ot.calibration_report(panel, ["default+loro"], horizon=5, real_time=True, default_calibration=default_fit(panel, damping, "grid"))
        summary = report.summary.iloc[0]
        by = report.by_horizon.sort_values("horizon")
        ok = (by["coverage_95"].between(0.92, 0.97).all() and by["coverage_80"].between(0.76, 0.84).all()
              and summary["low_p_reached"] <= 0.06 and summary["high_p_reached"] >= 0.94)
        if ok:
            eligible.append((summary["brier"], damping))
        rows.append(f"| {damping:g} | {' '.join(f'{x:.4f}' for x in by['coverage_95'])} | {' '.join(f'{x:.4f}' for x in by['coverage_80'])} | "
                    f"{summary['brier']:.4f} | {summary['low_p_reached']:.4f} | {summary['high_p_reached']:.4f} | {'yes' if ok else 'no'} |")
    print("default+loro, real time, development panel, by damping of the drift:")
    print("| damping | 95% coverage, h = 1 → 5 | 80% coverage, h = 1 → 5 | Brier | P < 5%: reached | P ≥ 95%: reached | meets the criteria |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print(f"chosen: {min(eligible)[1]:g}" if eligible else "no damping of the grid meets the criteria")


def write_default(panel: pd.DataFrame) -> None:
    calibration = default_fit(panel)
    path = os.path.join(ROOT, "lib", "include", "ontrack", "default_calibration.hpp")
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    start = text.index('R"json(') + len('R"json(')
    end = text.index(')json"')
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text[:start] + calibration.to_json() + text[end:])
    print(f"wrote {path}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("panel", nargs="*", help="long panel CSVs (default: the development panel)")
    parser.add_argument("--all-years", action="store_true", help="M+loro: every other region's errors, not only those published by the origin")
    parser.add_argument("--methods", help="comma-separated methods (default: all)")
    parser.add_argument("--write-default", action="store_true", help="regenerate the bundled default calibration from the development panel")
    parser.add_argument("--choose-damping", action="store_true", help="print default+loro's scores for each damping of the grid")
    args = parser.parse_args()
    panel = pd.concat([ot.read_panel_csv(p) for p in args.panel], ignore_index=True) if args.panel else development_panel()
    if args.write_default:
        if args.panel:
            sys.exit("--write-default learns from the development panel only")
        write_default(panel)
        return 0
    if args.choose_damping:
        choose_damping(panel)
        return 0
    methods = [m.strip() for m in args.methods.split(",")] if args.methods else METHODS
    start = time.perf_counter()
    report = ot.calibration_report(panel, methods, horizon=5, real_time=not args.all_years)
    elapsed = time.perf_counter() - start
    where = ", ".join(args.panel) if args.panel else "development panel examples/data/provinces (16 provinces × R&D intensity and expenditure, first release 2011–2023)"
    print(f"Panel: {where}; {len(ot.panel_series(panel))} series; rolling origin, h = 1..5; "
          f"M+loro {'with every other region’s errors' if args.all_years else 'real time (errors published by the origin)'}.")
    print(table(report))
    print(f"\nreport wall time: {elapsed:.2f} s ({len(methods)} methods, {len(report.forecasts)} forecasts)")
    if report.skipped:
        print(f"skipped: {len(report.skipped)} forecasts or origins (e.g. {report.skipped[0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

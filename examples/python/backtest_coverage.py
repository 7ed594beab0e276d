"""How reliable has each projection method been on the bundled real series?

Runs a rolling-origin backtest (horizon 1–3 years, 95% intervals) of every method on every bundled
series with at least 8 observations, and prints MAE, MAPE and the empirical coverage of the intervals.

    python examples/python/backtest_coverage.py [OBSERVATIONS.csv]
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

import ontrack as ot

METHODS = ["linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped", "auto"]


def main(path: str) -> pd.DataFrame:
    observations = ot.read_observations(path)
    keys = sorted({(o.region, o.indicator, o.vintage) for o in observations.rows})
    rows: list[dict[str, object]] = []
    for region, indicator, vintage in keys:
        if vintage == "unverified_db":
            continue  # not official figures
        series = observations.select(region, indicator, vintage)
        if series.count() < 8:
            continue
        for method in METHODS:
            try:
                result = ot.backtest(series, method, horizon=3, level=0.95)
            except ot.OntrackError as exc:
                rows.append({"series": f"{region}/{indicator}/{vintage or '-'}", "method": method, "note": str(exc)[:60]})
                continue
            rows.append(
                {
                    "series": f"{region}/{indicator}/{vintage or '-'}",
                    "method": method,
                    "forecasts": result.overall.count,
                    "mae": result.overall.mae,
                    "mape_%": result.overall.mape,
                    "coverage_95": result.overall.coverage,
                }
            )
    return pd.DataFrame(rows)


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "data" / "observations.csv"
    frame = main(sys.argv[1] if len(sys.argv) > 1 else str(default))
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.float_format", "{:.4g}".format):
        print(frame.to_string(index=False))
        print()
        pooled = frame.dropna(subset=["forecasts"]).assign(covered=lambda f: f["coverage_95"] * f["forecasts"])
        summary = pooled.groupby("method")[["forecasts", "covered"]].sum()
        summary["coverage_95"] = summary["covered"] / summary["forecasts"]
        print("Pooled coverage of the 95% intervals by method:")
        print(summary[["forecasts", "coverage_95"]].to_string())

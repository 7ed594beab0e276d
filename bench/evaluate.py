"""``evaluate_table`` and ``ontrack evaluate`` at scale: 100,000 targets against 1,000,000 observations.

    PYTHONPATH=build/dev-NAME/stage .venv/bin/python bench/evaluate.py [--targets N] [--years Y] [--repeats R]

Data (synthetic, fixed seed): N region × indicator series of Y annual values (N·Y rows; 10^5 × 10 =
10^6 by default), one level target per series with a deadline inside the data (half met, half
missed) and 2% of targets on a series that does not exist (no_data). Measured in the same run, wall
time, repeats alternated, minimum and median:

- ``evaluate_table`` (rows grouped by region and indicator once, ``ObservationIndex``);
- the peer it replaces: the per-target scan (``ObservationTable.contains``/``vintages``/``select``
  on the whole table for every target), timed on an evenly spaced sample of targets and scaled to N
  (the full scan does not finish in minutes);
- ``assess_table`` on the same targets (the batch assessment that already indexed once);
- ``ontrack evaluate`` end to end (reading both files, evaluating, writing CSV) in a subprocess.
"""

from __future__ import annotations

import argparse
import math
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

import ontrack as ot
from ontrack import _core


def data(targets: int, years: int, seed: int = 20251201) -> tuple[pd.DataFrame, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    first = 2010
    regions = np.array([f"R{i // 100:05d}" for i in range(targets)])
    indicators = np.array([f"x{i % 100:02d}" for i in range(targets)])
    level = rng.uniform(10, 1000, targets)
    growth = rng.normal(0.05, 0.03, targets)
    t = np.arange(years)
    values = level[:, None] * np.exp(growth[:, None] * t[None, :] + rng.normal(0, 0.02, (targets, years)))
    observations = pd.DataFrame(
        {
            "region": np.repeat(regions, years),
            "indicator": np.repeat(indicators, years),
            "period": np.tile((first + t).astype(str), targets),
            "value": np.round(values.ravel(), 3),
            "unit": "",
            "vintage": "",
            "source": "",
        }
    )
    deadline = first + rng.integers(3, years, targets)
    at_deadline = values[np.arange(targets), deadline - first]
    goal = np.where(rng.random(targets) < 0.5, at_deadline * 0.9, at_deadline * 1.1)
    missing = rng.random(targets) < 0.02
    target_frame = pd.DataFrame(
        {
            "id": [f"t{i}" for i in range(targets)],
            "region": regions,
            "indicator": np.where(missing, "absent", indicators),
            "kind": "level",
            "comparator": ">=",
            "value": np.round(goal, 3),
            "period": deadline.astype(str),
        }
    )
    return target_frame, observations


def scan_per_target(targets: list[_core.Target], observations: _core.ObservationTable) -> None:
    """The evaluation loop as it was: every call scans the whole table."""
    for t in targets:
        if observations.contains(t.region, t.indicator):
            vintages = observations.vintages(t.region, t.indicator)
            series = observations.select(t.region, t.indicator, None if len(vintages) == 1 else "first_release")
            _core.evaluate(t, series)


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--sample", type=int, default=20, help="targets timed with the per-target scan")
    args = parser.parse_args()

    target_frame, observation_frame = data(args.targets, args.years)
    with tempfile.TemporaryDirectory() as folder:
        targets_path = Path(folder) / "targets.csv"
        observations_path = Path(folder) / "observations.csv"
        target_frame.to_csv(targets_path, index=False)
        observation_frame.to_csv(observations_path, index=False)
        targets = ot.read_targets(targets_path)
        observations = ot.read_observations(observations_path)
        print(f"{len(targets):,} targets, {len(observations):,} observations "
              f"({observations_path.stat().st_size / 1e6:.0f} MB), {args.repeats} repeats alternated")
        sample = targets[:: max(1, len(targets) // args.sample)][: args.sample]

        results: dict[str, list[float]] = {"evaluate_table": [], "per-target scan (scaled)": [], "assess_table": [], "ontrack evaluate (CLI)": []}
        verdicts = None
        for _ in range(args.repeats):
            start = time.perf_counter()
            frame = ot.evaluate_table(targets, observations)
            results["evaluate_table"].append(time.perf_counter() - start)
            verdicts = frame["verdict"].value_counts().to_dict()
            results["per-target scan (scaled)"].append(timed(lambda: scan_per_target(sample, observations)) * len(targets) / len(sample))
            results["assess_table"].append(timed(lambda: ot.assess_table(targets, observations, method="linear", progress=False)))
            command = [sys.executable, "-m", "ontrack", "evaluate", "--targets", str(targets_path), "--observations",
                       str(observations_path), "--format", "csv", "--output", str(Path(folder) / "out.csv")]
            results["ontrack evaluate (CLI)"].append(timed(lambda: subprocess.run(command, check=True)))
        print(f"verdicts: {verdicts}")
        ours = min(results["evaluate_table"])
        print(f"{'':28} {'min s':>9} {'median s':>9} {'min / evaluate_table':>21}")
        for name, times in results.items():
            print(f"{name:28} {min(times):9.2f} {statistics.median(times):9.2f} {min(times) / ours:21.1f}")
        goal = min(results["ontrack evaluate (CLI)"])
        print(f"goal: ontrack evaluate of {len(targets):,} targets × {len(observations):,} rows under 60 s: "
              f"{'met' if goal < 60 else 'NOT met'} ({goal:.1f} s)")
        assert math.isfinite(ours)


if __name__ == "__main__":
    main()

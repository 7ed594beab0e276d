"""Assessing a national plan county by county on a Dask cluster.

A statistics office keeps one long table of targets (county × indicator) and one long table of
observations. Both are split by region into aligned Dask partitions, and each partition is assessed
with ``ontrack.assess_table`` on a worker: a county's targets only ever need that county's data, so
no partition waits for another. The result is the same table the single-machine call gives (sort both
by id to compare, as ``main`` does).

    python examples/distributed/assess_dask.py            # a local cluster on this machine
    python examples/distributed/assess_dask.py --regions 2850 --workers 4

Needs ``pip install "dask[dataframe,distributed]"`` besides ontrack. On a real cluster pass the
scheduler's address to ``distributed.Client`` instead of starting a ``LocalCluster``.
"""

from __future__ import annotations

import argparse
import time
from typing import Any

import numpy as np
import pandas as pd

import ontrack as ot


def assess_partition(targets: pd.DataFrame, observations: pd.DataFrame, options: dict[str, Any]) -> pd.DataFrame:
    """assess_table on one partition: the targets and observations of a few regions (as DataFrames
    with the CSV columns). One thread per task: Dask runs several tasks side by side."""
    if targets.empty:
        return empty_result()
    table = ot.assess_table(ot.read_targets(targets), ot.read_observations(observations), threads=1, progress=False, **options)
    return table.astype(RESULT_DTYPES)


# The column types of the result, so that Dask knows them before running anything.
RESULT_DTYPES = {
    column: ("float64" if column in {"latest_value", "projected", "lower", "upper", "probability", "required_pace", "actual_pace", "progress", "score"} else "object")
    for column in ot.TABLE_COLUMNS
}


def empty_result() -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series([], dtype=dtype) for column, dtype in RESULT_DTYPES.items()})


def assess_with_dask(targets: pd.DataFrame, observations: pd.DataFrame, partitions: int, **options: Any) -> pd.DataFrame:
    """The assess_table of every target, computed per region group on the current Dask client.

    ``targets`` and ``observations`` are DataFrames with the CSV columns (``ot.targets_to_pandas``,
    ``ot.observations_to_pandas``, or read from files). Rows come back ordered by region group, then
    by risk within each group.
    """
    import dask.dataframe as dd

    regions = sorted(set(targets["region"]) | set(observations["region"]))
    step = max(1, -(-len(regions) // partitions))
    divisions = regions[::step] + [regions[-1]] if regions[::step][-1] != regions[-1] else regions[::step]
    if len(divisions) == 1:
        divisions = divisions * 2

    def by_region(frame: pd.DataFrame) -> Any:
        keyed = frame.assign(_key=frame["region"].astype(object)).set_index("_key").sort_index()
        return dd.from_pandas(keyed, npartitions=1).repartition(divisions=divisions, force=True)  # type: ignore[no-untyped-call]

    # Both tables partitioned on the same region boundaries: partition i of one meets partition i of
    # the other. (Data already in a Dask DataFrame would use set_index("region", divisions=...).)
    pieces = dd.map_partitions(  # type: ignore[no-untyped-call]
        lambda t, o: assess_partition(t.reset_index(drop=True), o.reset_index(drop=True), options),
        by_region(targets),
        by_region(observations),
        meta=empty_result(),
        align_dataframes=False,
        enforce_metadata=False,
    )
    table: pd.DataFrame = pieces.compute().reset_index(drop=True)
    return table


def synthetic_plan(regions: int, seed: int = 2025) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counties × 3 indicators: 10–14 years of trending data and a level target for 2027 each."""
    rng = np.random.default_rng(seed)
    targets, observations = [], []
    for r in range(regions):
        region = f"county {r:04d}"
        for indicator in ("gdp_growth", "rd_intensity", "hightech_firms"):
            length = int(rng.integers(10, 15))
            level, slope = rng.uniform(10, 100), rng.normal(1.0, 1.0)
            for k in range(length):
                observations.append({"region": region, "indicator": indicator, "period": str(2024 - length + 1 + k),
                                     "value": level + slope * k + rng.normal(0, 2), "unit": "", "vintage": "", "source": "synthetic"})
            targets.append({"id": f"{region}/{indicator}", "region": region, "indicator": indicator, "kind": "level",
                            "comparator": ">=", "value": f"{level + slope * (length + 3) * rng.uniform(0.7, 1.3):.3f}", "period": "2027"})
    return pd.DataFrame(targets), pd.DataFrame(observations)


def main() -> None:
    from distributed import Client, LocalCluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--method", default="auto")
    args = parser.parse_args()

    targets, observations = synthetic_plan(args.regions)
    started = time.perf_counter()
    single = ot.assess_table(ot.read_targets(targets), ot.read_observations(observations), method=args.method, progress=False)
    single_seconds = time.perf_counter() - started
    cluster_options: dict[str, Any] = {"n_workers": args.workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
    with LocalCluster(**cluster_options) as cluster, Client(cluster):  # type: ignore[no-untyped-call]
        started = time.perf_counter()
        distributed = assess_with_dask(targets, observations, partitions=4 * args.workers, method=args.method)
        dask_seconds = time.perf_counter() - started
    same = single.sort_values("id").reset_index(drop=True).astype(RESULT_DTYPES).equals(
        distributed.sort_values("id").reset_index(drop=True).astype(RESULT_DTYPES)
    )
    print(f"{len(single)} targets in {args.regions} regions: single machine {single_seconds:.1f} s, "
          f"Dask with {args.workers} workers {dask_seconds:.1f} s; identical results: {same}")
    print(distributed["status"].value_counts().to_string())


if __name__ == "__main__":
    main()

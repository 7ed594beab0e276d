"""examples/distributed/assess_dask.py: assess_table per region group over a Dask DataFrame on a local
cluster gives the same rows as the single-machine call (the reference: ot.assess_table on the whole plan
in this process).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

import ontrack as ot

REPO = Path(__file__).resolve().parents[2]


def load_example() -> ModuleType:
    path = REPO / "examples" / "distributed" / "assess_dask.py"
    spec = importlib.util.spec_from_file_location("assess_dask", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["assess_dask"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def example() -> ModuleType:
    return load_example()


def by_id(table: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    return table.astype(dtypes).sort_values("id").reset_index(drop=True)


@pytest.mark.parametrize("method", ["auto", "linear"])
def test_dask_local_cluster_equals_single_machine(example: ModuleType, method: str) -> None:
    from distributed import Client, LocalCluster

    targets, observations = example.synthetic_plan(40)
    # Regions without any target and targets without data exercise empty and unassessable groups.
    targets = pd.concat([targets, targets.head(2).assign(id=["x1", "x2"], indicator="no_such_indicator")], ignore_index=True)
    single = ot.assess_table(ot.read_targets(targets), ot.read_observations(observations), method=method, progress=False)
    cluster_options = {"n_workers": 2, "threads_per_worker": 1, "processes": False, "dashboard_address": None}
    with LocalCluster(**cluster_options) as cluster, Client(cluster):  # type: ignore[no-untyped-call]
        distributed = example.assess_with_dask(targets, observations, partitions=5, method=method)
    assert len(distributed) == len(single) == 122
    pd.testing.assert_frame_equal(by_id(distributed, example.RESULT_DTYPES), by_id(single, example.RESULT_DTYPES), check_exact=True)
    assert (distributed["status"] == "not_assessable").sum() >= 2


def test_partition_function_is_assess_table_on_the_group(example: ModuleType) -> None:
    targets, observations = example.synthetic_plan(3)
    group = targets[targets["region"] == "county 0001"]
    rows = observations[observations["region"] == "county 0001"]
    table = example.assess_partition(group, rows, {"scheme": "sdsn"})
    expected = ot.assess_table(ot.read_targets(group), ot.read_observations(rows), scheme="sdsn", progress=False)
    pd.testing.assert_frame_equal(table, expected.astype(example.RESULT_DTYPES), check_exact=True)
    assert len(example.assess_partition(group.head(0), rows, {})) == 0

"""assess_table runs in one compiled call on several threads (python/src/register_batch_assessment.cpp,
lib/include/ontrack/batch_assessment.hpp). Its table must be exactly the table of the plain loop it
replaced: for each target, select_series then assess, in Python (written out below as the reference),
whatever the thread count.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Optional

import numpy as np
import pandas as pd
import pytest

import ontrack as ot
from ontrack.assessment import RISK_ORDER, TABLE_COLUMNS
from ontrack.io import _describe_target


def reference_table(
    targets: Iterable[ot.Target],
    observations: ot.ObservationTable,
    method: str = "default",
    scheme: str = "probability",
    as_of: Any = None,
    vintage: str = "first_release",
    thresholds: Optional[Mapping[str, float]] = None,
) -> pd.DataFrame:
    """The per-target loop: select_series + assess for each target, rows built in Python."""

    def number(x: Optional[float]) -> float:
        return math.nan if x is None else float(x)

    records: list[dict[str, Any]] = []
    for t in targets:
        record: dict[str, Any] = {
            "id": t.id, "region": t.region, "indicator": t.indicator, "kind": t.kind, "deadline": str(t.period),
            "target": _describe_target(t), "latest_period": "", "latest_value": math.nan, "projected": math.nan,
            "lower": math.nan, "upper": math.nan, "probability": math.nan, "required_pace": math.nan,
            "actual_pace": math.nan, "progress": math.nan, "score": math.nan, "status": "not_assessable", "basis": "none",
            "scheme_status": "not_available" if scheme == "statcan" else "not_assessable", "expected_period": "",
            "expected_publication": "", "method": "", "scheme": scheme, "message": "",
        }  # fmt: skip
        try:
            series = ot.select_series(observations, t.region, t.indicator, vintage, as_of)
            result = ot.assess(t, series, method, scheme, as_of, 0.95, thresholds)
        except ot.DataError as exc:
            record["message"] = f"not assessable: {exc}"
        else:
            record.update(
                latest_period="" if result.latest_period is None else str(result.latest_period),
                latest_value=number(result.latest_value),
                projected=number(result.projected),
                lower=number(result.lower),
                upper=number(result.upper),
                probability=number(result.probability),
                required_pace=number(result.required_pace),
                actual_pace=number(result.actual_pace),
                progress=number(result.progress),
                score=number(result.score),
                status=result.status,
                basis=result.basis,
                scheme_status=result.scheme_status,
                expected_period="" if result.expected_period is None else str(result.expected_period),
                expected_publication="" if result.expected_publication is None else result.expected_publication.isoformat(),
                method=result.method,
                message=result.message,
            )
        records.append(record)
    table = pd.DataFrame(records, columns=TABLE_COLUMNS)
    rank = table["status"].map({s: i for i, s in enumerate(RISK_ORDER)})
    order = table.assign(_rank=rank, _p=table["probability"].fillna(2.0)).sort_values(["_rank", "_p"], kind="stable")
    return order.drop(columns=["_rank", "_p"]).reset_index(drop=True)


@pytest.fixture(scope="module")
def bundled(seed_targets_path: Path, national_targets_path: Path, observations_path: Path) -> tuple[list[ot.Target], ot.ObservationTable]:
    return ot.read_targets(seed_targets_path) + ot.read_targets(national_targets_path), ot.read_observations(observations_path)


def synthetic_plan(regions: int = 150) -> tuple[list[ot.Target], ot.ObservationTable]:
    """Counties × indicators with trending data: short and long series, gaps, two targets sharing a
    series, and dated vintages (two releases) for one indicator."""
    rng = np.random.default_rng(8)
    rows: list[ot.Observation] = []
    targets: list[ot.Target] = []
    for r in range(regions):
        region = f"county {r:03d}"
        for indicator, dated in (("output", False), ("firms", False), ("rd", True)):
            length = int(rng.integers(2, 14))
            start = 2024 - length + 1
            level, slope = rng.uniform(10, 100), rng.normal(1.0, 1.5)
            for k in range(length):
                if rng.random() < 0.08:
                    continue
                value = level + slope * k + rng.normal(0, 2)
                if dated:
                    rows.append(ot.Observation(region=region, indicator=indicator, period=start + k, value=value, unit="%", vintage=f"{start + k + 1}-06-30"))
                    rows.append(ot.Observation(region=region, indicator=indicator, period=start + k, value=value * 1.01, unit="%", vintage=f"{start + k + 2}-03-31"))
                else:
                    rows.append(ot.Observation(region=region, indicator=indicator, period=start + k, value=value, unit="家", vintage="first_release"))
            goal = level + slope * (length + 3) * rng.uniform(0.6, 1.4)
            targets.append(ot.Target(id=f"{region}/{indicator}", region=region, indicator=indicator, value=goal, period=2027))
            if indicator == "output":
                targets.append(ot.Target(id=f"{region}/{indicator}/g", region=region, indicator=indicator, kind="growth", value="3%", period=2025))
        targets.append(ot.Target(id=f"{region}/none", region=region, indicator="missing", value=1, period=2025))
    return targets, ot.ObservationTable(rows)


@pytest.mark.parametrize("scheme", ["probability", "statcan", "escap", "sdsn"])
@pytest.mark.parametrize("as_of", [None, "2021-12-31"])
def test_bundled_plans_equal_the_loop(bundled: tuple[list[ot.Target], ot.ObservationTable], scheme: str, as_of: Optional[str]) -> None:
    targets, observations = bundled
    expected = reference_table(targets, observations, scheme=scheme, as_of=as_of)
    for threads in (1, 2, 0):
        table = ot.assess_table(targets, observations, scheme=scheme, as_of=as_of, threads=threads, progress=False)
        pd.testing.assert_frame_equal(table, expected, check_exact=True)


@pytest.mark.parametrize("method", ["auto", "linear", "holt_damped"])
def test_synthetic_plan_equals_the_loop(method: str) -> None:
    targets, observations = synthetic_plan()
    for as_of in (None, "2022-12-31"):
        expected = reference_table(targets, observations, method=method, as_of=as_of)
        assert (expected["status"] == "not_assessable").sum() >= 150  # the 'missing' indicator and short series
        assert expected["probability"].notna().sum() > 100  # many rows really projected
        for threads in (1, 3):
            table = ot.assess_table(targets, observations, method=method, as_of=as_of, threads=threads, progress=False)
            pd.testing.assert_frame_equal(table, expected, check_exact=True)


def test_dated_vintage_published_after_as_of_is_not_assessable() -> None:
    targets, observations = synthetic_plan(10)
    table = ot.assess_table(targets, observations, as_of="1999-01-01", progress=False).set_index("id")
    row = table.loc["county 000/rd"]
    assert row["status"] == "not_assessable"
    assert row["message"] == "not assessable: no vintage of 'rd' in 'county 000' was published by 1999-01-01"


def test_an_unknown_vintage_is_raised_as_select_series_raises_it(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    targets, observations = bundled
    # An unknown vintage name for an indicator with several vintages: select_series raises
    # InvalidValueError naming the vintages, and so does the table.
    several = [t for t in targets if len(observations.vintages(t.region, t.indicator)) > 1]
    assert several
    with pytest.raises(ot.InvalidValueError) as expected:
        ot.select_series(observations, several[0].region, several[0].indicator, "bogus")
    with pytest.raises(ot.InvalidValueError) as raised:
        ot.assess_table(targets, observations, vintage="bogus", progress=False)
    assert str(raised.value) == str(expected.value)
    with pytest.raises(ValueError, match="threads"):
        ot.assess_table(targets, observations, threads=-1)


def test_progress_callback_sees_every_target_and_its_errors_propagate(bundled: tuple[list[ot.Target], ot.ObservationTable]) -> None:
    from ontrack import _core

    targets, observations = bundled
    seen: list[int] = []
    columns = _core._assess_table(targets, observations, "auto", "probability", None, "first_release", 0.95, None, None, 2, seen.append)
    assert seen and seen[-1] == len(targets) and seen == sorted(seen)
    assert len(columns["status"]) == len(targets)

    def broken(done: int) -> None:
        raise RuntimeError(f"display failed at {done}")

    with pytest.raises(RuntimeError, match="display failed"):
        _core._assess_table(targets, observations, "auto", "probability", None, "first_release", 0.95, None, None, 2, broken)

"""The batch calls (project_many, project_ratio) release the GIL and give the same numbers whether they
run serially, concurrently from Python threads, or on several native threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import numpy as np
import pytest

import ontrack as ot


def panel(seed: int, rows: int = 400, gaps: float = 0.1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    k = np.arange(12)
    values = rng.uniform(10, 100, (rows, 1)) * np.exp(rng.normal(0.04, 0.03, (rows, 1)) * k + rng.normal(0, 0.04, (rows, 12)))
    values[rng.random(values.shape) < gaps] = np.nan
    return values


def batch_summary(batch: ot.BatchProjection) -> tuple[Any, ...]:
    arrays = tuple(np.array(getattr(batch, name)) for name in ("mean", "lower", "upper", "location", "scale", "df"))
    return (*arrays, tuple(batch.errors), tuple(batch.methods), tuple(batch.family), tuple(batch.periods))


def ratio_summary(ratio: ot.RatioProjection) -> tuple[Any, ...]:
    return tuple(
        (str(p.period), p.median, p.lower, p.upper, ratio.probability(">=", p.median * 1.02, p.period)) for p in ratio.points
    )


def assert_same(a: tuple[Any, ...], b: tuple[Any, ...]) -> None:
    assert len(a) == len(b)
    for x, y in zip(a, b):
        if isinstance(x, np.ndarray):
            np.testing.assert_array_equal(x, y, strict=True)
        else:
            assert x == y


def batch_task(values: np.ndarray, method: str) -> Callable[[], tuple[Any, ...]]:
    return lambda: batch_summary(ot.project_many(values, 2010, method, to=2030))


def ratio_task(numerator: ot.Series, denominator: ot.Series, seed: int) -> Callable[[], tuple[Any, ...]]:
    return lambda: ratio_summary(ot.project_ratio(numerator, denominator, "loglinear", to=2026, draws=50_000, seed=seed))


def tasks() -> list[Callable[[], tuple[Any, ...]]]:
    """Eight independent calls: four panels and four ratios, each with its own data or seed."""
    out = []
    for i, method in enumerate(("linear", "loglinear", "auto", "holt")):
        out.append(batch_task(panel(100 + i, rows=150 if method in ("auto", "holt") else 400), method))
    for i in range(4):
        top, bottom = panel(200 + i, rows=2, gaps=0.0)
        out.append(ratio_task(ot.Series(2010, top), ot.Series(2010, bottom * 100), seed=i))
    return out


def test_concurrent_calls_equal_serial_calls() -> None:
    work = tasks()
    assert len(work) == 8
    serial = [task() for task in work]
    with ThreadPoolExecutor(max_workers=4) as pool:
        concurrent = list(pool.map(lambda task: task(), work))
    for a, b in zip(serial, concurrent):
        assert_same(a, b)
    # The tasks differ from one another (a mix-up between threads would show).
    assert not np.array_equal(serial[0][0], serial[1][0], equal_nan=True)
    assert serial[4] != serial[5]


@pytest.mark.parametrize("method", ["linear", "auto"])
def test_native_thread_count_does_not_change_results(method: str) -> None:
    values = panel(7, rows=300 if method == "linear" else 100)
    one = batch_summary(ot.project_many(values, 2010, method, to=2030, threads=1))
    for threads in (2, 0, 7, 1000):
        assert_same(one, batch_summary(ot.project_many(values, 2010, method, to=2030, threads=threads)))
    # Fewer rows than threads, and no rows at all.
    assert_same(
        batch_summary(ot.project_many(values[:3], 2010, method, to=2030, threads=1)),
        batch_summary(ot.project_many(values[:3], 2010, method, to=2030, threads=8)),
    )
    empty = ot.project_many(values[:0], 2010, method, to=2030, threads=4)
    assert empty.mean.shape == (0, 9) and empty.errors == []


def python_progress_during(call: Callable[[], object]) -> tuple[float, int]:
    """How often a Python thread ran during the middle 60% of `call` (it needs the GIL to run)."""
    stop = threading.Event()
    stamps: list[float] = []

    def tick() -> None:
        while not stop.is_set():
            stamps.append(time.perf_counter())
            time.sleep(0.0005)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        time.sleep(0.02)
        start = time.perf_counter()
        call()
        end = time.perf_counter()
    finally:
        stop.set()
        ticker.join()
    span = end - start
    return span, sum(1 for s in stamps if start + 0.2 * span < s < end - 0.2 * span)


def test_the_gil_is_released() -> None:
    # No gaps: every row is really fitted. 4,000 damped fits take ~0.2 s on an idle core (~45 µs each).
    steady = panel(5, rows=4000, gaps=0.0)
    numerator, denominator = ot.Series(2010, steady[0]), ot.Series(2010, steady[1] * 100)
    calls: dict[str, Callable[[], object]] = {
        "project_many": lambda: ot.project_many(steady, 2010, "holt_damped", to=2030, threads=1),
        "project_ratio": lambda: ot.project_ratio(numerator, denominator, "loglinear", to=2025, draws=200_000),
        # The control: a builtin looping in C keeps the GIL, and the Python thread cannot run.
        "control (holds the GIL)": lambda: sum(range(10_000_000)),
    }
    progress = {name: python_progress_during(call) for name, call in calls.items()}
    for name in ("project_many", "project_ratio"):
        span, ticks = progress[name]
        assert span > 0.05, (name, span)  # long enough to observe
        assert ticks >= 10, (name, progress[name])
    assert progress["control (holds the GIL)"][0] > 0.05
    assert progress["control (holds the GIL)"][1] == 0, progress

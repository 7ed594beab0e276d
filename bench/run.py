#!/usr/bin/env python3
"""ontrack performance harness: one table of ratios, each against a named peer
measured in the same run.

    python bench/run.py [--quick] [--json] [--repeats N]

Needs ontrack importable (``make python``, or ``PYTHONPATH=build/dev-NAME/stage`` after
``scripts/dev-python NAME``) and numpy, scipy, statsmodels (the test extras). Panels are synthetic
with a fixed seed, plus the bundled real series of examples/data/observations.csv replicated into
them. Cases (bench/README.md says what limits each):

1. linear trend + 95% interval + P(target) on a panel of 1,000,000 series × 15 years, against NumPy's
   vectorised closed form of the same work (t interval and P by scipy.stats.t) and against one NumPy
   pass over the same array (``values.sum(axis=1)``, the floor);
2. Holt and damped Holt ETS with intervals on 1,000 series × 15 years, per series against statsmodels'
   ETSModel fitted per series (on a sample: statsmodels needs ~0.1 s a series), with the largest
   forecast difference;
3. assess_table on 100,000 targets: rows per second with 1 thread and with all threads;
4. one ``ontrack.project`` call from Python: microseconds per call;
5. peak memory of case 1 beyond its input, in a subprocess (resource.getrusage maxrss).

--quick scales sizes down (about a minute). Timings are the best of ``--repeats`` runs (wall clock);
the single-threaded comparisons (2, 4) use CPU time, which other processes on the machine disturb
less.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import ontrack as ot

REPO = Path(__file__).resolve().parents[1]
FIRST, LAST = 2010, 2024  # 15 annual columns
COLUMNS = LAST - FIRST + 1
SEED = 20251122

Row = dict[str, Any]


# ------------------------------------------------------------------------------------------ helpers


def best_of(repeats: int, work: Callable[[], object], clock: Callable[[], float] = time.perf_counter) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = clock()
        work()
        best = min(best, clock() - start)
    return best


def real_rows() -> np.ndarray:
    """Every bundled real series with >= 3 observations in 2010–2024, as panel rows (NaN for gaps)."""
    table = ot.read_observations(REPO / "examples" / "data" / "observations.csv")
    frame = ot.observations_to_pandas(table)
    frame = frame[frame["period"].str.fullmatch(r"\d{4}")]
    rows = []
    for (_region, _indicator, _vintage), group in frame.groupby(["region", "indicator", "vintage"]):
        row = np.full(COLUMNS, np.nan)
        for period, value in zip(group["period"].astype(int), group["value"]):
            if FIRST <= period <= LAST:
                row[period - FIRST] = value
        if np.count_nonzero(~np.isnan(row)) >= 3:
            rows.append(row)
    return np.array(rows)


def synthetic_panel(rows: int, seed: int, real_share: float = 0.02, gap_share: float = 0.0) -> np.ndarray:
    """level · exp(g·t + ε) growth series; a share of the rows are the bundled real series, replicated."""
    rng = np.random.default_rng(seed)
    level = rng.uniform(10.0, 1000.0, (rows, 1))
    growth = rng.normal(0.05, 0.03, (rows, 1))
    values = level * np.exp(growth * np.arange(COLUMNS) + rng.normal(0.0, 0.05, (rows, COLUMNS)))
    if gap_share > 0:
        values[rng.random(values.shape) < gap_share] = np.nan
    real = real_rows()
    count = int(rows * real_share)
    if count and len(real):
        values[:count] = real[np.arange(count) % len(real)]
    return np.ascontiguousarray(values)


# ------------------------------------------------------------------------- case 1: linear + P(target)


def numpy_linear(values: np.ndarray, to: int, thresholds: np.ndarray, level: float = 0.95) -> tuple[np.ndarray, ...]:
    """The closed form of case 1 over the whole array, gaps (NaN) allowed: OLS on the observed years of
    each row, the t prediction interval of a new observation in every year up to ``to``, and
    P(value >= threshold) in ``to``. Rows with < 3 observations come out NaN."""
    import scipy.stats

    with np.errstate(all="ignore"):  # rows with < 3 observations divide by zero: NaN, as ontrack's
        return _numpy_linear(values, to, thresholds, level, scipy.stats.t)


def _numpy_linear(values: np.ndarray, to: int, thresholds: np.ndarray, level: float, t: Any) -> tuple[np.ndarray, ...]:
    observed = ~np.isnan(values)
    n = observed.sum(axis=1).astype(float)
    x = np.arange(FIRST, LAST + 1, dtype=float)
    y = np.where(observed, values, 0.0)
    x_mean = (observed * x).sum(axis=1) / n
    d = np.where(observed, x - x_mean[:, None], 0.0)
    sxx = (d * d).sum(axis=1)
    y_mean = y.sum(axis=1) / n
    slope = (d * y).sum(axis=1) / sxx
    residual = np.where(observed, y - y_mean[:, None] - slope[:, None] * d, 0.0)
    df = n - 2
    s2 = (residual * residual).sum(axis=1) / df
    horizon = np.arange(LAST + 1, to + 1, dtype=float)
    dx = horizon[None, :] - x_mean[:, None]
    location = y_mean[:, None] + slope[:, None] * dx
    scale = np.sqrt(s2[:, None] * (1.0 + 1.0 / n[:, None] + dx * dx / sxx[:, None]))
    # One quantile per distinct df (what a careful user does; t.ppf per element costs microseconds).
    z = np.full(len(values), np.nan)
    for k in np.unique(df[df > 0]):
        z[df == k] = t.ppf(0.5 + level / 2, k)
    lower = location - z[:, None] * scale
    upper = location + z[:, None] * scale
    p = t.sf((thresholds - location[:, -1]) / scale[:, -1], df)
    return location, lower, upper, p


def ontrack_linear(values: np.ndarray, to: int, thresholds: np.ndarray, threads: int = 0) -> tuple[np.ndarray, ...]:
    batch = ot.project_many(values, FIRST, "linear", to=to, threads=threads)
    p = batch.probability(">=", thresholds, to, threads=threads)
    return batch.mean, batch.lower, batch.upper, p


def case_linear(rows: int, repeats: int) -> list[Row]:
    values = synthetic_panel(rows, SEED)
    thresholds = values[:, -1] * 1.25
    thresholds[np.isnan(thresholds)] = 100.0
    out: list[Row] = []
    floor = best_of(repeats, lambda: values.sum(axis=1))
    for to in (2025, 2029):
        ours = best_of(repeats, lambda: ontrack_linear(values, to, thresholds))
        ours_one = best_of(max(1, repeats - 1), lambda: ontrack_linear(values, to, thresholds, threads=1))
        theirs = best_of(max(1, repeats - 1), lambda: numpy_linear(values, to, thresholds))
        fit_only = best_of(repeats, lambda: ot.project_many(values, FIRST, "linear", to=to))
        # Same numbers (rows with >= 3 observations): a check that the peer does the same work.
        a, b = ontrack_linear(values, to, thresholds), numpy_linear(values, to, thresholds)
        diff = max(float(np.nanmax(np.abs(x - y) / np.maximum(1.0, np.abs(y)))) for x, y in zip(a, b))
        h = to - LAST
        label = f"1 linear+PI+P, {rows:,}×{COLUMNS}, {h} yr ahead"
        out.append(row(label, "ontrack vs NumPy closed form (time ratio)", ours, theirs, "< 1", ours < theirs,
                       f"max rel diff {diff:.1e}; 1 thread {ours_one:.3f} s; fit alone {fit_only:.3f} s"))
        out.append(row(label, "ontrack vs one NumPy pass (sum)", ours, floor, "<= 3", ours <= 3 * floor, ""))
    return out


def row(case: str, measure: str, ours: float, peer: float, goal: str, met: bool, note: str) -> Row:
    return {"case": case, "measure": measure, "ontrack_s": ours, "peer_s": peer, "ratio": ours / peer if peer else float("nan"),
            "goal": goal, "met": bool(met), "note": note}


# ------------------------------------------------------------------------------------ case 2: ETS


def statsmodels_ets(y: np.ndarray, damped: bool, horizon: int) -> tuple[np.ndarray, float]:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    index = pd.period_range(start=str(FIRST), periods=len(y), freq="Y")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = ETSModel(pd.Series(y, index=index), error="add", trend="add", damped_trend=damped).fit(disp=False)
        frame = fit.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=0.05)
    return frame["mean"].to_numpy(), float(fit.llf)


def case_ets(rows: int, sample: int) -> list[Row]:
    values = synthetic_panel(rows, SEED + 2, real_share=0.0)
    to, horizon = 2029, 5
    out: list[Row] = []
    for method, damped in (("holt", False), ("holt_damped", True)):
        start = time.process_time()
        batch = ot.project_many(values, FIRST, method, to=to, threads=1)
        ours = (time.process_time() - start) / rows
        assert not any(batch.errors)
        picked = np.linspace(0, rows - 1, sample).astype(int)
        start = time.process_time()
        reference = [statsmodels_ets(values[i], damped, horizon) for i in picked]
        theirs = (time.process_time() - start) / sample
        diffs, rel, better, same_optimum = [], [], 0, []
        for i, (mean, llf) in zip(picked, reference):
            ours_mean = batch.mean[i]
            diffs.append(float(np.max(np.abs(ours_mean - mean))))
            rel.append(float(np.max(np.abs(ours_mean - mean) / np.abs(mean))))
            single = ot.project(ot.Series(FIRST, values[i]), method, to=to)
            better += single.llf >= llf - 1e-6
            if abs(single.llf - llf) < 1e-4:  # both found the same optimum
                same_optimum.append(rel[-1])
        agreeing = f"max rel {max(same_optimum):.1e}" if same_optimum else "none"
        note = (f"forecasts vs statsmodels on {sample} series: max abs diff {max(diffs):.3g} (rel {max(rel):.1e}), median abs {np.median(diffs):.1e}; "
                f"ontrack's likelihood >= statsmodels' on {better}/{sample}; same optimum (|Δllf| < 1e-4) on {len(same_optimum)}: {agreeing}")
        out.append(row(f"2 {method}+PI, {rows:,}×{COLUMNS} (per series)", "statsmodels ETSModel / ontrack (speed-up)", ours, theirs,
                       ">= 200", theirs / ours >= 200, note))
        out[-1]["ratio"] = theirs / ours
    return out


# --------------------------------------------------------------------------- case 3: assess_table


def plan_frames(targets: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Counties × indicators: one target per series, 4–15 years of data (8% gaps), real series mixed in."""
    rng = np.random.default_rng(seed)
    values = synthetic_panel(targets, seed, real_share=0.02, gap_share=0.08)
    lengths = rng.integers(4, COLUMNS + 1, targets)
    values[np.arange(COLUMNS)[None, :] < (COLUMNS - lengths)[:, None]] = np.nan
    regions = np.array([f"county {i // 100:04d}" for i in range(targets)])
    indicators = np.array([f"indicator {i % 100:03d}" for i in range(targets)])
    r, c = np.nonzero(~np.isnan(values))
    observations = pd.DataFrame({"region": regions[r], "indicator": indicators[r], "period": (FIRST + c).astype(str),
                                 "value": values[r, c], "unit": "", "vintage": "", "source": "synthetic"})
    last = np.array([row[~np.isnan(row)][-1] if (~np.isnan(row)).any() else 1.0 for row in values])
    plan = pd.DataFrame({"id": [f"t{i}" for i in range(targets)], "region": regions, "indicator": indicators, "kind": "level",
                         "comparator": ">=", "value": [f"{v:.6g}" for v in last * rng.uniform(0.9, 1.6, targets)],
                         "period": (2025 + rng.integers(0, 6, targets)).astype(str)})
    return plan, observations


def case_assess(targets: int) -> list[Row]:
    plan, observations = plan_frames(targets, SEED + 3)
    start = time.perf_counter()
    chosen, table = ot.read_targets(plan), ot.read_observations(observations)
    load = time.perf_counter() - start
    cores = os.cpu_count() or 1
    seconds, cpu, results = {}, {}, {}
    for threads in (1, cores):
        start, start_cpu = time.perf_counter(), time.process_time()
        results[threads] = ot.assess_table(chosen, table, threads=threads, progress=False)
        seconds[threads] = time.perf_counter() - start
        cpu[threads] = time.process_time() - start_cpu
    same = results[1].equals(results[cores])
    statuses = results[1]["status"].value_counts().to_dict()
    methods = results[1]["method"].value_counts().to_dict()
    note = (f"{targets / seconds[1]:,.0f} rows/s on 1 thread, {targets / seconds[cores]:,.0f} on {cores}; identical tables: {same}; "
            f"CPU seconds {cpu[1]:.1f} and {cpu[cores]:.1f} (busy cores during the {cores}-thread run: {cpu[cores] / seconds[cores]:.2f}); "
            f"methods {methods}; statuses {statuses}; reading the CSV frames {load:.1f} s (not timed)")
    out = row(f"3 assess_table, {targets:,} targets (auto, probability)", f"speed-up 1 → {cores} threads", seconds[cores], seconds[1],
              ">= 1.7", seconds[1] / seconds[cores] >= 1.7, note)
    out["ratio"] = seconds[1] / seconds[cores]
    return [out]


# ---------------------------------------------------------------------------- case 4: one call


def case_single(calls: int, repeats: int) -> list[Row]:
    values = synthetic_panel(1, SEED + 4, real_share=0.0)[0]
    series = ot.Series(FIRST, list(values))
    pandas_series = pd.Series(values, index=range(FIRST, LAST + 1))
    cpu = time.process_time

    def many(work: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            for _ in range(calls):
                work()
        return run

    project = best_of(repeats, many(lambda: ot.project(series, "linear", to=2029)), cpu) / calls
    from_pandas = best_of(repeats, many(lambda: ot.project(pandas_series, "linear", to=2029)), cpu) / calls
    kernel = best_of(repeats, lambda: ot.project_many(np.tile(values, (calls, 1)), FIRST, "linear", to=2029, threads=1), cpu) / calls
    trivial = best_of(repeats, many(lambda: series.count), cpu) / calls
    note = (f"from a pandas Series {from_pandas * 1e6:.1f} us; the same fit inside project_many {kernel * 1e6:.2f} us/row; "
            f"a trivial binding call {trivial * 1e6:.2f} us")
    out = row("4 ot.project(series, 'linear') from Python", "us per call (CPU)", project, float("nan"), "<= 20 us", project <= 20e-6, note)
    out["ratio"] = project * 1e6
    return [out]


# ---------------------------------------------------------------------------- case 5: memory

MEMORY_PROBE = r"""
import json, resource, sys
import numpy as np
sys.path[:0] = {paths!r}
import ontrack as ot
from run import synthetic_panel, numpy_linear, ontrack_linear, FIRST
rows, which = {rows}, {which!r}
# Built in slices into one array, so that no temporary raises the peak before the call.
values = np.empty((rows, 15))
for start in range(0, rows, 10000):
    values[start:start + 10000] = synthetic_panel(min(10000, rows - start), 20251122 + start)
thresholds = np.nan_to_num(values[:, -1] * 1.25, nan=100.0)
def status(field):
    with open("/proc/self/status") as lines:
        for line in lines:
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
# Reset the peak (VmHWM) to the current RSS, so that the peak read after the call is the call's own
# (Linux >= 4.0); where that is refused, fall back to the lifetime peak.
try:
    with open("/proc/self/clear_refs", "w") as clear:
        clear.write("5")
    source = "VmHWM reset before the call"
except OSError:
    source = "ru_maxrss"
before = status("VmRSS")
result = ontrack_linear(values, 2025, thresholds) if which == "ontrack" else numpy_linear(values, 2025, thresholds)
peak = status("VmHWM") if source.startswith("VmHWM") else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({{"input": values.nbytes, "before": before, "peak": peak, "source": source}}))
"""


def case_memory(rows: int) -> list[Row]:
    measured = {}
    for which in ("ontrack", "numpy"):
        code = MEMORY_PROBE.format(paths=[str(REPO / "bench"), *sys.path], rows=rows, which=which)
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO / "bench")
        measured[which] = json.loads(done.stdout.strip().splitlines()[-1])
    ours, theirs = measured["ontrack"], measured["numpy"]
    extra = (ours["peak"] - ours["before"]) / ours["input"]
    note = (f"input {ours['input'] / 2**20:.0f} MiB; peak RSS beyond the RSS before the call ({ours['source']}): ontrack {extra:.2f}× input, "
            f"NumPy closed form {(theirs['peak'] - theirs['before']) / theirs['input']:.2f}× input")
    out = row(f"5 memory of case 1, {rows:,}×{COLUMNS}, 1 yr ahead", "peak beyond input / input size", extra, float("nan"), "<= 2",
              extra <= 2.0, note)
    out["ratio"] = extra
    out["ontrack_s"] = out["peer_s"] = float("nan")
    return [out]


# ---------------------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description="ontrack performance harness (bench/README.md)")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, about a minute")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="12345", help="which cases to run, e.g. 13")
    args = parser.parse_args()
    quick = args.quick
    sizes = {
        "linear": 100_000 if quick else 1_000_000,
        "ets": 100 if quick else 1_000,
        "ets_sample": 8 if quick else 30,
        "assess": 10_000 if quick else 100_000,
        "calls": 2_000 if quick else 20_000,
    }
    rows: list[Row] = []
    started = time.perf_counter()
    if "1" in args.only:
        rows += case_linear(sizes["linear"], args.repeats)
    if "2" in args.only:
        rows += case_ets(sizes["ets"], sizes["ets_sample"])
    if "3" in args.only:
        rows += case_assess(sizes["assess"])
    if "4" in args.only:
        rows += case_single(sizes["calls"], args.repeats)
    if "5" in args.only:
        rows += case_memory(sizes["linear"])
    header = {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end",
        "ontrack": ot.__version__,
        "seconds": round(time.perf_counter() - started, 1),
    }
    if args.json:
        print(json.dumps({**header, "rows": rows}, indent=2))
        return
    for key, value in header.items():
        print(f"{key}: {value}")
    print()
    print(f"| {'case':<46} | {'measure':<44} | {'ontrack':>10} | {'peer':>10} | {'ratio':>8} | {'goal':>8} | met |")
    print(f"|{'-' * 48}|{'-' * 46}|{'-' * 12}|{'-' * 12}|{'-' * 10}|{'-' * 10}|-----|")
    for r in rows:
        print(f"| {r['case']:<46} | {r['measure']:<44} | {fmt(r['ontrack_s'])} | {fmt(r['peer_s'])} | {r['ratio']:8.3g} | {r['goal']:>8} | "
              f"{'yes' if r['met'] else 'no ':<3} |")
    print()
    for r in rows:
        if r["note"]:
            print(f"- {r['case']}: {r['note']}")


def fmt(seconds: float) -> str:
    if seconds != seconds:  # NaN
        return f"{'':>10}"
    if seconds < 1e-3:
        return f"{seconds * 1e6:8.2f}us"
    if seconds < 1:
        return f"{seconds * 1e3:8.1f}ms"
    return f"{seconds:9.2f}s"


if __name__ == "__main__":
    main()

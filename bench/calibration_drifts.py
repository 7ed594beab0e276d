#!/usr/bin/env python3
"""Which drift should the calibrated default use, and how low can its Brier score go?

    python bench/calibration_drifts.py

An independent NumPy/SciPy re-implementation of the real-time leave-one-region-out procedure behind
``default+loro`` in ``bench/calibration.py`` (it does not import ontrack): working scale log (R&D
expenditure) or logit on [0, 100] (R&D intensity, a share in %), σ the root mean square of the yearly
changes up to the origin, errors standardised by σ·√(h + h²/span) and pooled over horizons 1–5, a
Student t matched to the 80% and 95% quantiles of |z| of the other regions' errors published by the
origin. With the damping of ``DEFAULT_DAMPING`` its first rows reproduce ``default+loro`` of
``bench/calibration.py --choose-damping`` to the digits printed: a cross-check of the C++.

Then the same procedure with other centres: drifts from the last k years, exponentially weighted,
shrunk, damped, and, as a bound no real-time method can reach, each series' own average growth over
2011–2023 (an "oracle" that knows the future). The Brier goal of 0.125 lies between the best real-time
drift and that oracle. Last, drifts shrunk toward the mean drift of the other regions (real time):
information beyond the one series, which lowers the Brier score but breaks the P ≥ 95% criterion.
"""

from __future__ import annotations

import os
from typing import Callable

import numpy as np
import pandas as pd
from scipy import optimize, stats

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROVINCES = os.path.join(ROOT, "examples", "data", "provinces")
GRID = np.round(np.arange(-0.04, 0.2001, 0.02), 2)  # g of the threshold events, as in the calibration report
HORIZON = 5
MINIMUM_ERRORS = 10


def load() -> list[tuple[str, bool, np.ndarray, np.ndarray]]:
    """(region, is_share, years, values) of the development panel up to 2023."""
    out = []
    for name, share in (("rd_intensity_by_province.csv", True), ("rd_expenditure_by_province.csv", False)):
        frame = pd.read_csv(os.path.join(PROVINCES, name))
        for region, rows in frame.groupby("region"):
            rows = rows[rows["year"] <= 2023].sort_values("year")
            out.append((str(region), share, rows["year"].to_numpy(), rows["value"].to_numpy(dtype=float)))
    return out


def working(v: np.ndarray, share: bool) -> np.ndarray:
    if share:
        u = np.clip(np.asarray(v) / 100.0, 1e-12, 1 - 1e-12)
        return np.log(u) - np.log1p(-u)
    return np.log(v)


Centre = Callable[[np.ndarray, int, np.ndarray], float]  # (training w, h, full w) -> centre


def endpoint(tr: np.ndarray) -> float:
    return float((tr[-1] - tr[0]) / (len(tr) - 1))


def damped(phi: float, drift: Callable[[np.ndarray], float] = endpoint) -> Centre:
    return lambda tr, h, full: float(tr[-1] + drift(tr) * sum(phi ** i for i in range(1, h + 1)))


def last_k(k: int) -> Callable[[np.ndarray], float]:
    return lambda tr: float((tr[-1] - tr[max(0, len(tr) - 1 - k)]) / min(k, len(tr) - 1))


def weighted(a: float) -> Callable[[np.ndarray], float]:
    def drift(tr: np.ndarray) -> float:
        d = np.diff(tr)
        w = a ** np.arange(len(d))[::-1]
        return float(np.sum(w * d) / np.sum(w))
    return drift


def oracle(tr: np.ndarray, h: int, full: np.ndarray) -> float:
    return float(tr[-1] + h * (full[-1] - full[0]) / (len(full) - 1))


def cross_sectional(panel: list, weight: float, phi: float) -> Callable[[str, bool, int], Centre]:
    """A centre whose drift is ``weight`` × the series' own endpoint drift + (1 − weight) × the mean
    endpoint drift of the *other* regions' series of the same indicator over their observations up to
    the origin (real time, leave-one-region-out), damped by ``phi``: borrowing the panel's growth."""
    work = [(region, share, years, working(values, share)) for region, share, years, values in panel]

    def for_series(region: str, share: bool, origin: int) -> Centre:
        drifts = [endpoint(w[years <= origin]) for r, s, years, w in work if r != region and s == share and (years <= origin).sum() >= 3]
        pooled = float(np.mean(drifts)) if drifts else 0.0  # (every series of the panel starts in 2011: never empty)
        return lambda tr, h, full: float(tr[-1] + (weight * endpoint(tr) + (1 - weight) * pooled) * sum(phi ** i for i in range(1, h + 1)))
    return for_series


def forecasts(panel: list, centre: Centre | None, per_series: Callable[[str, bool, int], Centre] | None = None) -> pd.DataFrame:
    """Rolling-origin forecasts of every series with ``centre``, or with the centre ``per_series`` gives
    each series at each origin."""
    rows = []
    for region, share, years, values in panel:
        w = working(values, share)
        for k in range(3, len(w)):  # >= 3 observations, as the calibrated projection needs
            tr = w[:k]
            sigma = max(1e-4, float(np.sqrt(np.mean(np.diff(tr) ** 2))))
            span = float(years[k - 1] - years[0])
            at_origin = per_series(region, share, int(years[k - 1])) if per_series is not None else centre
            assert at_origin is not None, "forecasts needs a centre or per_series"
            for h in range(1, HORIZON + 1):
                if k - 1 + h >= len(w):
                    break
                c = at_origin(tr, h, w)
                unit = sigma * np.sqrt(h + h * h / max(1.0, span))
                rows.append((region, share, years[k - 1], years[k - 1 + h], h, (w[k - 1 + h] - c) / unit, c, unit, values[k - 1], values[k - 1 + h]))
    return pd.DataFrame(rows, columns=["region", "share", "origin", "at", "h", "z", "centre", "unit", "origin_value", "actual"])


def fit_t(z: np.ndarray) -> tuple[float, float]:
    """scale, df of the t whose central 80% and 95% intervals hold 80% and 95% of |z| (as ontrack::fit_errors)."""
    a = np.sort(np.abs(z))
    h80 = max(1e-9, float(np.quantile(a, 0.8)))
    h95 = max(h80, float(np.quantile(a, 0.95)))
    ratio_of = lambda df: stats.t.ppf(0.975, df) / stats.t.ppf(0.9, df)  # noqa: E731
    if h95 / h80 <= ratio_of(1000.0):
        return h80 / stats.norm.ppf(0.9), np.inf
    if h95 / h80 >= ratio_of(1.0):
        df = 1.0
    else:  # ratio_of falls with df: solve on log df
        df = float(np.exp(optimize.brentq(lambda x: ratio_of(np.exp(x)) - h95 / h80, 0.0, np.log(1000.0))))
    return h80 / stats.t.ppf(0.9, df), df


def score(f: pd.DataFrame) -> dict:
    cover80, cover95, probabilities, outcomes, horizons = [], [], [], [], []
    for (region, origin), group in f.groupby(["region", "origin"]):
        usable = f[(f["region"] != region) & (f["at"] <= origin)]["z"].to_numpy()
        if len(usable) < MINIMUM_ERRORS:
            continue
        scale, df = fit_t(usable)
        dist = stats.t(df) if np.isfinite(df) else stats.norm
        for r in group.itertuples():
            u = dist.cdf(r.z / scale)
            cover80.append(abs(u - 0.5) <= 0.4)
            cover95.append(abs(u - 0.5) <= 0.475)
            horizons.append(r.h)
            thresholds = r.origin_value * (1 + GRID) ** r.h
            thresholds = np.minimum(thresholds, 100.0 - 1e-9) if r.share else thresholds
            probabilities.append(dist.sf((working(thresholds, r.share) - r.centre) / (r.unit * scale)))
            outcomes.append((r.actual >= thresholds).astype(float))
    p, o = np.concatenate(probabilities), np.concatenate(outcomes)
    by = pd.DataFrame({"h": horizons, "c80": cover80, "c95": cover95}).groupby("h").mean()
    return {"c95": " ".join(f"{x:.2f}" for x in by["c95"]), "c80": " ".join(f"{x:.2f}" for x in by["c80"]),
            "brier": float(np.mean((p - o) ** 2)), "low": float(o[p < 0.05].mean()), "high": float(o[p >= 0.95].mean()), "n": len(horizons)}


def main() -> int:
    panel = load()
    centres: list[tuple[str, Centre]] = [(f"endpoint drift, damping {phi:g}", damped(phi)) for phi in (1.0, 0.95, 0.9, 0.85, 0.8)]
    centres += [(f"drift of the last {k} years", damped(1.0, last_k(k))) for k in (3, 5)]
    centres += [("drift weighted 0.7^age", damped(1.0, weighted(0.7))), ("drift × 0.8", damped(1.0, lambda tr: 0.8 * endpoint(tr))),
                ("no drift (random walk)", damped(1.0, lambda tr: 0.0)), ("oracle: the series' 2011–2023 average growth", oracle)]
    print("Development panel examples/data/provinces, rolling origin, h = 1..5, real-time leave-one-region-out calibration")
    print("| centre | 95% coverage, h = 1 → 5 | 80% coverage, h = 1 → 5 | Brier | P < 5%: reached | P ≥ 95%: reached | forecasts |")
    print("|---|---|---|---|---|---|---|")
    for name, centre in centres:
        s = score(forecasts(panel, centre))
        print(f"| {name} | {s['c95']} | {s['c80']} | {s['brier']:.4f} | {s['low']:.3f} | {s['high']:.3f} | {s['n']} |", flush=True)
    # Information one series does not hold: the other regions' growth of the same indicator.
    for weight in (0.75, 0.5, 0.25, 0.0):
        s = score(forecasts(panel, None, cross_sectional(panel, weight, 0.95)))
        name = f"own drift × {weight:g} + other regions' mean drift × {1 - weight:g}, damping 0.95"
        print(f"| {name} | {s['c95']} | {s['c80']} | {s['brier']:.4f} | {s['low']:.3f} | {s['high']:.3f} | {s['n']} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

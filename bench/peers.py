"""Peer fitters for bench/run.py, one process per peer, pinned to one BLAS thread.

    python bench/peers.py PEER DATA.csv DAMPED HORIZON

PEER is ``statsmodels`` (ETSModel) or ``statsforecast`` (AutoETS with the fixed model 'AAN', damped
or not). The process reads the panel (one series per line, comma-separated), fits every series once
to warm up, prints ``ready``, then answers each ``run`` line on stdin with one JSON line: the wall time
of fitting every series with 95% intervals ``horizon`` periods ahead (time.perf_counter, inside this
process), each series' log-likelihood −n/2·(log(2π·SSE/n) + 1) from its own one-step residuals —
the concentrated Gaussian likelihood ontrack reports — so optima can be compared across programs, and
whether the peer's smoothing parameters lie in the box ontrack searches (`inside`: statsmodels' bounds,
α and β/α in [1e-4, 1 − 1e-4], φ in [0.8, 0.98]; null where the peer uses that box by construction).
``quit`` ends it. A peer that cannot be imported prints ``absent: <reason>`` and exits.
"""

from __future__ import annotations

import os

# Before numpy is imported: one BLAS/OpenMP thread, so that a fit's wall time is one core's work.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_variable] = "1"

import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections.abc import Callable  # noqa: E402

import numpy as np  # noqa: E402


def llf(y: np.ndarray, fitted: np.ndarray) -> float:
    residuals = y - fitted
    n = len(y)
    return float(-0.5 * n * (np.log(2.0 * np.pi * float(residuals @ residuals) / n) + 1.0))


# statsmodels' default bounds, which ontrack's fit follows (ets_bounds in lib/include/ontrack/model/ets.hpp).
SMOOTHING_LOW, SMOOTHING_HIGH, DAMPING_LOW, DAMPING_HIGH = 1e-4, 1.0 - 1e-4, 0.8, 0.98


def inside_box(alpha: float, beta: float, phi: float | None) -> bool:
    """Whether a fit's parameters lie in the box ontrack searches (a small tolerance for rounding)."""
    tolerance = 1e-9
    ratio = beta / alpha
    inside = SMOOTHING_LOW - tolerance <= alpha <= SMOOTHING_HIGH + tolerance and SMOOTHING_LOW - tolerance <= ratio <= SMOOTHING_HIGH + tolerance
    if phi is not None:
        inside = inside and DAMPING_LOW - tolerance <= phi <= DAMPING_HIGH + tolerance
    return bool(inside)


Fit = Callable[[np.ndarray], tuple[float, bool | None]]


def statsmodels_fitter(damped: bool, horizon: int) -> Fit:
    import pandas as pd
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    def fit(y: np.ndarray) -> tuple[float, bool | None]:
        index = pd.RangeIndex(len(y))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = ETSModel(pd.Series(y, index=index), error="add", trend="add", damped_trend=damped).fit(disp=False)
            result.get_prediction(start=len(y), end=len(y) + horizon - 1).summary_frame(alpha=0.05)
        return llf(y, np.asarray(result.fittedvalues)), None  # statsmodels' own bounds: the box

    return fit


def statsforecast_fitter(damped: bool, horizon: int) -> Fit:
    from statsforecast.models import AutoETS

    def fit(y: np.ndarray) -> tuple[float, bool | None]:
        model = AutoETS(season_length=1, model="AAN", damped=damped)
        model.fit(y)
        model.predict(h=horizon, level=[95])
        alpha, beta, _, phi = (float(v) for v in model.model_["par"][:4])  # alpha, beta, gamma, phi, states
        return llf(y, np.asarray(model.model_["fitted"])), inside_box(alpha, beta, phi if damped else None)

    return fit


PEERS = {"statsmodels": statsmodels_fitter, "statsforecast": statsforecast_fitter}


def main() -> None:
    peer, path, damped, horizon = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])
    try:
        fit = PEERS[peer](damped, horizon)
    except ImportError as error:
        print(f"absent: {error}", flush=True)
        return
    panel = np.loadtxt(path, delimiter=",", ndmin=2)
    for y in panel:  # warm-up: imports, JIT compilation (statsforecast uses numba), caches
        fit(y)
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "run":
            break
        start = time.perf_counter()
        fits = [fit(y) for y in panel]
        seconds = time.perf_counter() - start
        print(json.dumps({"seconds": seconds, "llf": [f[0] for f in fits], "inside": [f[1] for f in fits]}), flush=True)


if __name__ == "__main__":
    main()

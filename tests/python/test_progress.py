"""Progress bars of long batch work (python/ontrack/_progress.py): assess_table and backtest_many show a
tqdm bar on stderr when forced (progress=True) or when someone is watching (stderr a terminal, or a
Jupyter kernel) and stay quiet otherwise (progress=None with stderr captured, or progress=False).

The bar's presence is read from what reaches stderr; the numbers it counts are the number of targets
or series, known here independently of ontrack.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import numpy as np
import pytest

import ontrack as ot
from ontrack import _progress


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def plan(national_targets_path: Path, observations_path: Path) -> tuple[list[ot.Target], ot.ObservationTable]:
    return ot.read_targets(national_targets_path), ot.read_observations(observations_path)


def many_series(count: int = 12) -> list[ot.Series]:
    rng = np.random.default_rng(3)
    return [ot.Series(2010, list(50 + 2.0 * np.arange(12) + rng.normal(0, 1, 12))) for _ in range(count)]


def bar_total(text: str) -> int:
    """The final 'done/total' count tqdm printed."""
    counts = re.findall(r"(\d+)/(\d+)", text)
    assert counts, text
    done, total = counts[-1]
    assert done == total, text
    return int(total)


def test_quiet_when_stderr_is_not_a_terminal(plan: tuple[list[ot.Target], ot.ObservationTable], capsys: pytest.CaptureFixture[str]) -> None:
    targets, observations = plan
    assert not _progress.interactive()  # pytest captures stderr: nobody is watching
    ot.assess_table(targets, observations)
    ot.backtest_many(many_series(), "linear")
    assert capsys.readouterr().err == ""


def test_forced_bar_counts_every_target_and_series(
    plan: tuple[list[ot.Target], ot.ObservationTable], capsys: pytest.CaptureFixture[str]
) -> None:
    targets, observations = plan
    ot.assess_table(targets, observations, progress=True)
    err = capsys.readouterr().err
    assert "assessing targets" in err
    assert bar_total(err) == len(targets)
    ot.backtest_many(many_series(7), "linear", progress=True)
    err = capsys.readouterr().err
    assert "backtesting series" in err and bar_total(err) == 7


def test_terminal_shows_the_bar_unless_disabled(
    plan: tuple[list[ot.Target], ot.ObservationTable], monkeypatch: pytest.MonkeyPatch
) -> None:
    targets, observations = plan
    monkeypatch.setattr(_progress, "AUTO_DELAY", 0.0)  # show at once, however quick the work
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert _progress.interactive()
    ot.assess_table(targets, observations)
    assert bar_total(terminal.getvalue()) == len(targets)
    quiet = Terminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    ot.assess_table(targets, observations, progress=False)
    ot.backtest_many(many_series(), progress=False)
    assert quiet.getvalue() == ""


def test_automatic_bar_waits_before_appearing(plan: tuple[list[ot.Target], ot.ObservationTable], monkeypatch: pytest.MonkeyPatch) -> None:
    """With the default delay a quick call prints nothing even on a terminal."""
    targets, observations = plan
    monkeypatch.setattr(_progress, "AUTO_DELAY", 60.0)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    ot.assess_table(targets[:3], observations)
    assert terminal.getvalue() == ""


def test_progress_does_not_change_results(plan: tuple[list[ot.Target], ot.ObservationTable], capsys: pytest.CaptureFixture[str]) -> None:
    targets, observations = plan
    quiet = ot.assess_table(targets, observations, progress=False)
    shown = ot.assess_table(targets, observations, progress=True)
    capsys.readouterr()
    assert quiet.equals(shown)
    series = {f"s{i}": s for i, s in enumerate(many_series(5))}
    keyed = ot.backtest_many(series, "linear", horizon=2)
    assert list(keyed) == list(series)
    for key, s in series.items():
        alone = ot.backtest(s, "linear", 2)
        assert keyed[key].overall.mae == alone.overall.mae
        assert keyed[key].overall.coverage == alone.overall.coverage


def test_jupyter_counts_as_watching(monkeypatch: pytest.MonkeyPatch) -> None:
    class ZMQInteractiveShell:  # the class name IPython's kernel shell has
        pass

    class FakeIPython:
        @staticmethod
        def get_ipython() -> ZMQInteractiveShell:
            return ZMQInteractiveShell()

    monkeypatch.setitem(sys.modules, "IPython", FakeIPython)
    assert _progress.in_jupyter()
    assert _progress.interactive()
    monkeypatch.setitem(sys.modules, "IPython", None)
    assert not _progress.in_jupyter()

"""The HTML report (python/ontrack/report.py, ``ontrack assess --format html --output FILE``): a
self-contained page with the table and one base64 PNG chart per assessable target, no network
references, written atomically; and what a browser shows of it (headless Chromium screenshot).
"""

from __future__ import annotations

import base64
import html
import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import matplotlib.image
import numpy as np
import pytest

import ontrack as ot
from cli_support import run_module
from ontrack import cli
from ontrack.display import STATUS_STYLE

IMG = re.compile(r'<img src="data:image/png;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">')
# Anything a browser would fetch: src/href/url() to another place, @import, protocol-relative URLs.
REMOTE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?!data:|#)[a-z]+:|url\(\s*["']?\s*(?!data:)|@import|//[a-z0-9.-]+\.[a-z]{2,}/""", re.I)


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory, national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> Path:
    folder = tmp_path_factory.mktemp("report")
    done = run_module(
        "assess", "--targets", str(seed_targets_path), "--targets", str(national_targets_path),
        "--observations", str(observations_path), "--format", "html", "--output", str(folder / "report.html"),
        cwd=folder,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and "Traceback" not in done.stderr
    return folder / "report.html"


@pytest.fixture(scope="module")
def table(national_targets_path: Path, seed_targets_path: Path, observations_path: Path) -> object:
    targets = ot.read_targets(seed_targets_path) + ot.read_targets(national_targets_path)
    return ot.assess_table(targets, ot.read_observations(observations_path))


def test_report_holds_the_table_and_one_chart_per_assessable_target(report: Path, table: object) -> None:
    import pandas as pd

    assert isinstance(table, pd.DataFrame)
    text = report.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    assert '<meta charset="utf-8">' in text and "<style>" in text
    assert text.count('<tr class="ot-row"') == len(table)
    for target_id in table["id"]:
        assert f"<code>{target_id}</code>" in text
    assessable = table[table["status"] != "not_assessable"]
    images = IMG.findall(text)
    assert [alt.split(":")[0] for _, alt in images] == list(assessable["id"])
    for (data, alt), status in zip(images, assessable["status"]):
        assert alt.endswith(STATUS_STYLE[status][2])
        png = base64.b64decode(data, validate=True)
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        image = matplotlib.image.imread(io.BytesIO(png), format="png")
        assert image.shape[:2] == (420, 800)
    # The day of the assessment is said: today, as the command line assesses by default.
    assert f"ontrack assess: scheme probability, method default, as of {ot.assessment.today().isoformat()} (today)" in text
    # Assessed targets, then their charts, then the targets that could not be assessed (with why).
    charts_at = text.index('<div class="ot-charts">')
    unassessed_at = text.index("Not assessable: no data or too little")
    assert text.count('<tr class="ot-row" data-status="not_assessable"') == (table["status"] == "not_assessable").sum()
    assert text.rfind('<tr class="ot-row" data-status="not_assessable"') > unassessed_at > charts_at
    assert text.find('<tr class="ot-row" data-status="not_assessable"') > unassessed_at
    assert max(text.index(f'<tr class="ot-row" data-status="{s}"') for s in assessable["status"]) < charts_at
    for message in table.loc[table["status"] == "not_assessable", "message"]:
        assert html.escape(message) in text
    # No leftover temporary file from the atomic write.
    assert [p.name for p in report.parent.iterdir()] == ["report.html"]


def test_report_references_nothing_outside_itself(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert REMOTE.findall(text) == []
    assert "<script" not in text and "<link" not in text and "<iframe" not in text
    assert "http" not in text  # not even as text: sources are not part of the report
    # The pattern does catch what it should.
    assert REMOTE.findall('<img src="https://x.org/a.png"> <a href="http://x"> url(http://x) @import "y" //cdn.example.com/z')


def test_report_in_chinese_and_escaped(tmp_path: Path) -> None:
    targets = [ot.Target(id="<x>", indicator="gdp", region="R&D", value=20, period=2030, unit="亿元")]
    observations = ot.ObservationTable(
        [ot.Observation(region="R&D", indicator="gdp", period=y, value=5.0 + y - 2015, unit="亿元") for y in range(2015, 2024)]
    )
    table = ot.assess_table(targets, observations)
    from ontrack.report import render_report, write_report

    page = render_report(table, targets, observations, lang="zh", title="规划 <测试>")
    assert '<html lang="zh-CN">' in page and "<title>规划 &lt;测试&gt;</title>" in page
    assert "图表" in page and "&lt;x&gt;" in page and "<x>" not in page and "R&amp;D" in page
    assert len(IMG.findall(page)) == 1
    path = tmp_path / "r.html"
    write_report(path, table, targets, observations)
    assert len(IMG.findall(path.read_text(encoding="utf-8"))) == 1


def test_cli_html_without_matplotlib_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], national_targets_path: Path, observations_path: Path, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    output = tmp_path / "r.html"
    status = cli.main(["assess", "--targets", str(national_targets_path), "--observations", str(observations_path),
                       "--format", "html", "--output", str(output)])  # fmt: skip
    assert status == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pip install ontrack[plot]" in err
    assert not output.exists()


def test_headless_browser_renders_the_report(report: Path, tmp_path: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    assert browser is not None, "Chromium is required for this test: apt-get install chromium (Makefile system-deps)"
    screenshot = tmp_path / "report.png"
    done = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path / 'profile'}",
         f"--screenshot={screenshot}", "--window-size=1280,2000", "--hide-scrollbars", report.as_uri()],
        capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert screenshot.exists() and screenshot.stat().st_size > 100_000
    image = matplotlib.image.imread(screenshot)
    assert image.shape[:2] == (2000, 1280)
    pixels = (image[:, :, :3] * 255).round().astype(np.uint8).reshape(-1, 3)
    # The page really rendered: the badges' solid colours are on screen (the missed targets lead the
    # table, the on-track ones follow), and the charts' blue fan is there too.
    def count(hex_colour: str) -> int:
        rgb = np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)], dtype=np.uint8)
        return int((pixels == rgb).all(axis=1).sum())

    assert count(STATUS_STYLE["missed"][0]) > 200
    assert count(STATUS_STYLE["on_track"][0]) > 200
    assert count(STATUS_STYLE["not_assessable"][0]) > 200

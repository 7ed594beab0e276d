"""The data request: ontrack template → a department fills the sheet → ontrack assess reads it back."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

import ontrack as ot
from ontrack import cli
from ontrack.report_print import find_chromium, screenshot
from ontrack.template import TEMPLATE_COLUMNS, needed_periods, template_frame

import openpyxl  # the [excel] extra, part of the [test] extra

DATA = Path(__file__).resolve().parents[2] / "examples" / "data"
TARGETS = str(DATA / "national_targets.csv")
OBSERVATIONS = str(DATA / "observations.csv")


def test_needed_periods_follow_baseline_deadline_and_publication_lag() -> None:
    import datetime as dt

    t = ot.Target(id="t", indicator="x", value=1.0, period=2025, baseline_period=2020)
    # As of 2024-03-01 with a 9-month lag, 2022 is published (it ended 2022-12-31, before 2023-06-01) and 2023 is not.
    assert [str(p) for p in needed_periods(t, dt.date(2024, 3, 1), 9)] == ["2020", "2021", "2022"]
    assert [str(p) for p in needed_periods(t, dt.date(2030, 1, 1), 9)] == ["2020", "2021", "2022", "2023", "2024", "2025"]


def test_template_lists_what_unassessable_targets_need() -> None:
    targets = ot.read_targets(TARGETS)
    observations = ot.read_observations(OBSERVATIONS)
    frame = template_frame(targets, observations, as_of="2026-12-01")
    assert list(frame.columns) == TEMPLATE_COLUMNS
    table = ot.assess_table(targets, observations, progress=False)
    blocked = set(table.loc[table["status"] == "not_assessable", "id"])
    served = {i for ids in frame["id"] for i in ids.split(";")}
    # Only targets that cannot be assessed, and every one of them that misses a published period.
    assert served and served <= blocked
    held = {(o.region, o.indicator, str(o.period)) for o in observations.rows if o.value == o.value}
    assert not any((r.region, r.indicator, r.period) in held for r in frame.itertuples())


def fill(path: Path) -> int:
    """Fills every value cell as a department would: percent units as Excel percentages. Returns the rows filled."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headings = [c.value for c in sheet[1]]
    value_at, unit_at, period_at = headings.index("数值") + 1, headings.index("单位") + 1, headings.index("年份") + 1
    source_at = headings.index("来源") + 1
    filled = 0
    for row in range(2, sheet.max_row + 1):
        year = int(str(sheet.cell(row=row, column=period_at).value)[:4])
        cell = sheet.cell(row=row, column=value_at)
        if sheet.cell(row=row, column=unit_at).value in (None, "%"):
            cell.value = round(0.5 + 0.01 * (year - 2015), 4)  # 50%, 51% … as fractions
            cell.number_format = "0.0%"
        else:
            cell.value = 100 + 10 * (year - 2015)
        sheet.cell(row=row, column=source_at).value = f"{year}年统计公报"
        filled += 1
    book.save(path)
    return filled


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S | re.I)
    html = re.sub(r"<img[^>]*>", " ", html, flags=re.I)
    return re.sub(r"<[^>]+>", " ", html)


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_round_trip_template_fill_assess_in_chinese(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    needs = tmp_path / "needs.xlsx"
    assert cli.main(["template", "--targets", TARGETS, "--observations", OBSERVATIONS, "--as-of", "2026-12-01", "--output", str(needs)]) == 0
    assert fill(needs) > 0
    base = ["assess", "--targets", TARGETS, "--observations", OBSERVATIONS, "--observations", str(needs)]
    assert cli.main([*base, "--format", "csv"]) == 0
    captured = capsys.readouterr()
    assert "warning" not in captured.err  # percent cells read as percentages: no 100x warning
    before = ot.assess_table(ot.read_targets(TARGETS), ot.read_observations(OBSERVATIONS), progress=False)
    after = ot.read_observations([OBSERVATIONS, str(needs)])
    table = ot.assess_table(ot.read_targets(TARGETS), after, progress=False)
    assert (table["status"] == "not_assessable").sum() < (before["status"] == "not_assessable").sum()
    # A percent-formatted cell came back as a percent value in unit %.
    percent_rows = [o for o in ot.read_observations(needs).rows if o.unit == "%"]
    # Exactly the percentage the cell showed: 0.5 + 0.01 (year - 2015) formatted 0.0% is 50 + (year - 2015).
    assert percent_rows and all(o.value == 50 + (o.period.year - 2015) for o in percent_rows)

    report = tmp_path / "report.html"
    assert cli.main([*base, "--lang", "zh", "--format", "html", "--output", str(report)]) == 0
    html = report.read_text(encoding="utf-8")
    text = visible_text(html)
    english_messages = {m for m in table["message"] if m}
    left = sorted(m for m in english_messages if m in text)
    assert left == [], left[:5]
    for word in ("not_assessable", "on_track", "off_track", "missed", "no observations", "Status", "Probability"):
        assert word not in text, word
    # Indicators by their catalogue names: every catalogued indicator of the plan under its Chinese name
    # (read from the catalogue file here, not from ontrack), its English id nowhere in the visible text.
    import csv

    with open(DATA / "indicators.csv", encoding="utf-8") as stream:
        name_zh = {row["id"]: row["name_zh"] for row in csv.DictReader(stream)}
    planned = set(table["indicator"])
    named = sorted(planned & set(name_zh))
    assert named, "the plan has catalogued indicators"
    for indicator in named:
        assert name_zh[indicator] in text, indicator
        assert re.search(rf"(?<![\w-]){re.escape(indicator)}(?![\w-])", text) is None, indicator
    # The id stays available, as the tooltip of the name.
    assert f'title="{named[0]}"' in html
    assert find_chromium() is not None, "Chromium is required for this test: apt-get install chromium (Makefile system-deps)"
    shot = tmp_path / "report.png"
    screenshot(html, shot, width=1280, height=2000)
    assert png_size(shot) == (1280, 2000)
    assert shot.stat().st_size > 50_000  # a rendered page of tables and charts, not a blank one


def test_pdf_report_is_printed_on_a4(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert find_chromium() is not None, "Chromium is required for this test: apt-get install chromium (Makefile system-deps)"
    out = tmp_path / "report.pdf"
    assert cli.main(["assess", "--targets", TARGETS, "--observations", OBSERVATIONS, "--format", "pdf", "--lang", "zh", "--output", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    # A4 is 210 × 297 mm = 595.3 × 841.9 points; Chromium writes the media box of each page.
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes[:3]


def test_pdf_without_a_browser_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("ONTRACK_CHROMIUM", str(tmp_path / "no-such-browser"))
    status = cli.main(["assess", "--targets", TARGETS, "--observations", OBSERVATIONS, "--format", "pdf", "--output", str(tmp_path / "r.pdf")])
    assert status == 2
    assert "printing the report needs Chromium or Chrome" in capsys.readouterr().err
    assert not (tmp_path / "r.pdf").exists()

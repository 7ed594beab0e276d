#!/usr/bin/env python3
"""Build examples/data/observations.csv from the published figures in shared/data.

Reads the five source files (columns ``region,indicator,year,value,unit,source``)

    rd_expenditure.csv, high_tech_enterprises.csv, incubators_makerspaces_smes.csv,
    science_literacy.csv, gdp.csv

and writes one long observations file in ontrack's format
(``region,indicator,period,value,unit,vintage,published,source``, see docs/targets_csv.md).

Usage (from the repository root)::

    python examples/data/build_observations.py [INPUT_DIR] [--output PATH]

INPUT_DIR defaults to ``../shared/data`` relative to the repository root; the output defaults to
``examples/data/observations.csv`` next to this script.  A report of exclusions and conflicts is
printed on standard output (``--quiet`` suppresses it).

Rules (also documented in examples/data/README.md):

* Every row with a point value is kept.  ``value`` is copied as written (only surrounding whitespace
  is stripped) and must be a plain decimal number; lower bounds (``>39200``), approximations
  (``~2800``), ranges and text are excluded and reported.
* Forecasts / expectations (indicator ending in ``_expected`` or a source flagged
  ``forecast, not an outcome``) are not observations: excluded and reported.
* Indicators that encode a release in their id are split into indicator + vintage
  (``rd_intensity_first_release`` -> ``rd_intensity`` / ``first_release``, ``gdp_preliminary`` ->
  ``gdp`` / ``preliminary``, ...); all other ids are kept with an empty vintage.
* Units are mapped to ontrack's short units (``亿元``, ``%``, ``家``, ...).
* ``published`` is the day of first publication where the source names one: the first full ISO date
  (YYYY-MM-DD) in the source text that falls after the end of the period (the bulletin's date, e.g.
  ``2024年全国科技经费投入统计公报 (2025-09-29)``).  Sources that give only a month (``2026-03``,
  ``Oct 2014``) or no date leave it empty: an assessment as of a day then counts the figure from the
  publication lag of its frequency.
* ``(region, indicator, period, vintage)`` is unique: on a duplicate the first row (in file order,
  files in the order above) is kept and the conflict is reported.
* Output: UTF-8 without BOM, LF line ends, minimal quoting, rows sorted by region, indicator,
  vintage, period (numeric).  ``source`` is copied verbatim, including ``FLAG`` notes.
"""

from __future__ import annotations

import argparse
import csv
import math
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Optional

Row = dict[str, str]
Key = tuple[str, str, str, str]
Exclusion = tuple[str, int, Row, str]
Origin = tuple[str, int, str, str]
Conflict = tuple[Key, Origin, Origin]

SOURCE_FILES = (
    "rd_expenditure.csv",
    "high_tech_enterprises.csv",
    "incubators_makerspaces_smes.csv",
    "science_literacy.csv",
    "gdp.csv",
)

INPUT_COLUMNS = ("region", "indicator", "year", "value", "unit", "source")
OUTPUT_COLUMNS = ("region", "indicator", "period", "value", "unit", "vintage", "published", "source")

# Source indicator id -> (ontrack indicator id, vintage).  Ids not listed keep their id and get an
# empty vintage.
VINTAGE_MAP = {
    "rd_intensity_first_release": ("rd_intensity", "first_release"),
    "rd_intensity_revised_in_next_bulletin": ("rd_intensity", "revised_next_bulletin"),
    "rd_intensity_revised_yearbook": ("rd_intensity", "yearbook"),
    # R&D intensity as re-quoted in a 2026 commentary after the latest GDP revision (FLAG rows).
    "rd_intensity_revised_2026": ("rd_intensity", "revised_2026"),
    "gdp_preliminary": ("gdp", "preliminary"),
    "gdp_yearbook": ("gdp", "yearbook"),
    # An estimate of a finished year given in the January work report (预计), not a forecast.
    "gdp_estimate": ("gdp", "estimate"),
    # Unofficial database: kept for comparison only, never to be presented as official.
    "gdp_unverified_db": ("gdp", "unverified_db"),
}

# Indicators that are not observations at all (checked before anything else).
NOT_OBSERVATION_SUFFIXES = ("_expected",)
NOT_OBSERVATION_SOURCE_MARKERS = ("forecast, not an outcome",)

# Source unit -> ontrack short unit.  ``count`` is resolved per indicator by COUNT_UNITS.
UNIT_MAP = {
    "100m CNY (亿元)": "亿元",
    "10k CNY (万元)": "万元",
    "10k persons (万人)": "万人",
    "% of GDP": "%",
    "% of population aged 18-69": "%",
    "% yoy": "%",
    "%": "%",
}

# ``count`` -> measure word, by a keyword of the indicator id (first match wins); default 个.
COUNT_UNITS = (
    ("patent", "件"),
    ("enterprise", "家"),
    ("firm", "家"),
    ("smes", "家"),
    ("incubat", "家"),
    ("maker_space", "家"),
)
COUNT_DEFAULT = "个"

ISO_DATE_RE = re.compile(r"(?<![\d/-])(\d{4})-(\d{2})-(\d{2})(?![\d/-])")
NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
YEAR_RE = re.compile(r"\d{4}")


def repo_root() -> Path:
    """The repository root: this file is examples/data/build_observations.py."""
    return Path(__file__).resolve().parents[2]


def short_unit(unit: str, indicator: str) -> str:
    """Map a source unit to ontrack's short unit; raise on an unknown unit."""
    if unit == "count":
        for keyword, word in COUNT_UNITS:
            if keyword in indicator:
                return word
        return COUNT_DEFAULT
    try:
        return UNIT_MAP[unit]
    except KeyError:
        raise ValueError(f"unknown unit {unit!r} for indicator {indicator!r}") from None


def publication_date(source: str, year: str) -> str:
    """The first full ISO date in ``source`` after the end of ``year`` (YYYY-MM-DD), else ''."""
    import datetime

    for match in ISO_DATE_RE.finditer(source):
        try:
            day = datetime.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        if day > datetime.date(int(year), 12, 31):
            return day.isoformat()
    return ""


def is_point_value(text: str) -> bool:
    """True when ``text`` is a plain finite decimal number (no bounds, ranges or words)."""
    return NUMBER_RE.fullmatch(text) is not None and math.isfinite(float(text))


def read_rows(input_dir: Path) -> Iterator[tuple[str, int, Row]]:
    """Yield (file name, line number, row dict) for every data row of the source files."""
    for name in SOURCE_FILES:
        path = input_dir / name
        with path.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            if tuple(h.strip() for h in header) != INPUT_COLUMNS:
                raise ValueError(f"{path}: unexpected header {header}")
            for fields in reader:
                if not any(f.strip() for f in fields):
                    continue
                if len(fields) != len(INPUT_COLUMNS):
                    raise ValueError(f"{path}:{reader.line_num}: expected 6 fields, got {len(fields)}")
                yield name, reader.line_num, dict(zip(INPUT_COLUMNS, fields))


def build(input_dir: Path) -> tuple[list[Row], list[Exclusion], list[Conflict]]:
    """Return (rows, exclusions, conflicts).

    rows: output dicts, sorted.  exclusions: (file, line, source row, reason).
    conflicts: (key, kept (file, line, value, source), dropped (file, line, value, source)).
    """
    kept: dict[Key, Row] = {}
    origin: dict[Key, tuple[str, int]] = {}
    exclusions: list[Exclusion] = []
    conflicts: list[Conflict] = []
    for name, line, src in read_rows(input_dir):
        region = src["region"].strip()
        indicator = src["indicator"].strip()
        year = src["year"].strip()
        value = src["value"].strip()
        unit = src["unit"].strip()
        source = src["source"]  # verbatim

        if indicator.endswith(NOT_OBSERVATION_SUFFIXES) or any(
            marker in source for marker in NOT_OBSERVATION_SOURCE_MARKERS
        ):
            exclusions.append((name, line, src, "forecast/expectation, not an observed outcome"))
            continue
        if not is_point_value(value):
            exclusions.append((name, line, src, "not a point value (lower bound, approximation, range or text)"))
            continue
        if not YEAR_RE.fullmatch(year):
            exclusions.append((name, line, src, "year is not a plain four-digit year"))
            continue

        out_indicator, vintage = VINTAGE_MAP.get(indicator, (indicator, ""))
        row = {
            "region": region,
            "indicator": out_indicator,
            "period": year,
            "value": value,
            "unit": short_unit(unit, indicator),
            "vintage": vintage,
            "published": publication_date(source, year),
            "source": source,
        }
        key = (region, out_indicator, year, vintage)
        if key in kept:
            first = kept[key]
            conflicts.append(
                (
                    key,
                    (*origin[key], first["value"], first["source"]),
                    (name, line, value, source),
                )
            )
            continue
        kept[key] = row
        origin[key] = (name, line)

    rows = sorted(
        kept.values(),
        key=lambda r: (r["region"], r["indicator"], r["vintage"], int(r["period"])),
    )
    return rows, exclusions, conflicts


def write(rows: Sequence[Row], output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(OUTPUT_COLUMNS)
        for row in rows:
            writer.writerow([row[c] for c in OUTPUT_COLUMNS])


def report(rows: Sequence[Row], exclusions: Sequence[Exclusion], conflicts: Sequence[Conflict], output: Path) -> str:
    lines = [f"wrote {len(rows)} observations to {output}", ""]
    lines.append("| region | indicator | vintage | unit | rows | years |")
    lines.append("|---|---|---|---|---:|---|")
    groups: dict[tuple[str, str, str, str], list[int]] = {}
    for r in rows:
        groups.setdefault((r["region"], r["indicator"], r["vintage"], r["unit"]), []).append(int(r["period"]))
    for (region, indicator, vintage, unit), years in groups.items():
        span = f"{min(years)}–{max(years)}" if len(years) > 1 else str(years[0])
        lines.append(f"| {region} | {indicator} | {vintage or '(empty)'} | {unit} | {len(years)} | {span} |")
    lines.append("")
    lines.append(f"excluded rows: {len(exclusions)}")
    for name, line, src, reason in exclusions:
        lines.append(
            f"- {name}:{line} {src['region']},{src['indicator']},{src['year']},{src['value']} — {reason}"
        )
    lines.append("")
    lines.append(f"conflicts (first kept): {len(conflicts)}")
    for key, first, dropped in conflicts:
        lines.append(
            f"- {key}: kept {first[2]!r} ({first[0]}:{first[1]}), dropped {dropped[2]!r} ({dropped[0]}:{dropped[1]})"
        )
    return "\n".join(lines)


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "input_dir",
        nargs="?",
        type=Path,
        default=repo_root().parent / "shared" / "data",
        help="directory holding the source CSVs (default: ../shared/data relative to the repo root)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=Path(__file__).resolve().parent / "observations.csv",
        help="output file (default: examples/data/observations.csv)",
    )
    parser.add_argument("--quiet", action="store_true", help="do not print the report")
    args = parser.parse_args(argv)

    rows, exclusions, conflicts = build(args.input_dir)
    write(rows, args.output)
    if not args.quiet:
        print(report(rows, exclusions, conflicts, args.output))
    return 0


if __name__ == "__main__":
    sys.exit(main())

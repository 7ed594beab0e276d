"""The unit checks as ontrack computed them in Python before they moved to C++ (unit_checks.hpp),
kept unchanged as an independent reference: test_units.py checks that the compiled checks give the
same findings, in the same order and the same words, on the bundled data and on random tables."""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable

from ontrack import _core


class UnitWarning(UserWarning):
    """Stands for ontrack.units.UnitWarning (compared by name)."""


class ScaleWarning(UnitWarning):
    """Stands for ontrack.units.ScaleWarning (compared by name)."""


#: How close to 100 a ratio must be to look like a percentage stored as a fraction (or the reverse).
_FACTOR_RANGE = (30.0, 300.0)


def _is_percent(unit: str) -> bool:
    return _core.parse_unit(unit).base == "percent"


def _looks_100x(ratio: float) -> bool:
    return _FACTOR_RANGE[0] <= ratio <= _FACTOR_RANGE[1]


def unit_warnings(targets: Iterable[_core.Target], observations: _core.ObservationTable) -> list[tuple[type[UnitWarning], str]]:
    """The warnings :func:`check_units` would issue, as (class, message) pairs, without issuing them."""
    series: dict[tuple[str, str], list[_core.Observation]] = {}
    for o in observations.rows:
        if not math.isnan(o.value):
            series.setdefault((o.region, o.indicator), []).append(o)
    out: list[tuple[type[UnitWarning], str]] = []
    # Within a series: a value about 100 times smaller (or larger) than the two periods next to it (one
    # year typed as a fraction); neighbours rather than the whole series, so a level drifting down is
    # not flagged.
    for (region, indicator), rows in sorted(series.items()):
        # Levels only: a rate series may cross zero, where ratios mean nothing.
        if len(rows) < 3 or any(r.value <= 0 for r in rows):
            continue
        ordered = sorted(rows, key=lambda r: r.period)
        for k, o in enumerate(ordered):
            # The two periods next to it: one on each side, or the two after the first, before the last.
            near = (k - 1, k + 1) if 0 < k < len(ordered) - 1 else ((1, 2) if k == 0 else (k - 1, k - 2))
            neighbours = [ordered[n].value for n in near]
            ratios = [n / o.value for n in neighbours]
            for smaller in (True, False):
                factors = ratios if smaller else [1 / r for r in ratios]
                if all(_looks_100x(f) for f in factors):
                    middle = statistics.median(neighbours)
                    out.append(
                        (
                            ScaleWarning,
                            f"'{indicator}' in '{region}': {o.period} is {o.value:g}, about {statistics.median(factors):.0f} times "
                            f"{'smaller' if smaller else 'larger'} than the periods next to it ({middle:g}): "
                            "a percentage stored as a fraction? Check the cell and its unit.",
                        )
                    )
    # Against the target: a percent target whose series is about 100 times smaller, or has no unit.
    warned_empty: set[tuple[str, str]] = set()
    for t in targets:
        held = series.get((t.region, t.indicator))
        if not held or not _is_percent(t.unit) or t.is_rate:
            continue
        units = {r.unit for r in held}
        if units == {""} and (t.region, t.indicator) not in warned_empty:
            warned_empty.add((t.region, t.indicator))
            out.append(
                (
                    UnitWarning,
                    f"target '{t.id}' is in {t.unit} but the observations of '{t.indicator}' in '{t.region}' have no unit: "
                    "they are compared as percentages; write % in their unit column.",
                )
            )
        if t.value is None or t.value == 0 or not all(_is_percent(u) or u == "" for u in units):
            continue
        middle = statistics.median(abs(r.value) for r in held)
        if middle == 0:
            continue
        ratio = abs(t.value) / middle
        if _looks_100x(ratio):
            out.append(
                (
                    ScaleWarning,
                    f"target '{t.id}' is {t.value:g}{t.unit} but the observations of '{t.indicator}' in '{t.region}' are about "
                    f"{ratio:.0f} times smaller (median {middle:g}): percentages stored as fractions (0.013 for 1.3%)? "
                    "Write them as percent values, or read the workbook with ontrack (it honours percent formats).",
                )
            )
    return out


def _span(periods: list[str]) -> str:
    ordered = sorted(set(periods))
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"


def place(file: str, line: int) -> str:
    """Where a row was read, for messages: ``obs.csv, line 5``; ``book.xlsx, sheet 'S', row 5`` for a
    sheet; the file alone without a line, and '' when made in code."""
    if not file or not line:
        return file
    word = "row" if ", sheet '" in file else "line"
    return f"{file}, {word} {line}"


def _rows_phrase(found: "list[_core.Observation]", origins: "dict[tuple[str, str, str, str], str] | None") -> tuple[str, str]:
    """The first file the rows come from, and their files and lines in one phrase (``obs.csv, lines 3, 4``)."""
    by_file: dict[str, list[int]] = {}
    for o in found:
        file = o.file or (origins or {}).get((o.region, o.indicator, str(o.period), o.vintage), "")
        if file:
            by_file.setdefault(file, []).append(o.line)
    parts = []
    for file, numbers in by_file.items():
        lines = sorted({n for n in numbers if n})
        if not lines:
            parts.append(file)
            continue
        word = "row" if ", sheet '" in file else "line"
        shown = ", ".join(str(n) for n in lines[:3]) + (f" … ({len(lines)} rows)" if len(lines) > 3 else "")
        parts.append(f"{file}, {word}{'s' if len(lines) > 1 else ''} {shown}")
    return next(iter(by_file), ""), "; ".join(parts)


def unit_mismatches(
    targets: Iterable[_core.Target], observations: _core.ObservationTable, origins: "dict[tuple[str, str, str, str], str] | None" = None
) -> list[tuple[str, str]]:
    """The reference of ontrack.units.unit_mismatches (see its docstring)."""
    rows: dict[tuple[str, str], list[_core.Observation]] = {}
    for o in observations.rows:
        rows.setdefault((o.region, o.indicator), []).append(o)

    out: list[tuple[str, str]] = []
    for t in targets:
        held = rows.get((t.region, t.indicator))
        if not held or t.is_rate:
            continue
        wanted = _core.parse_unit(t.unit)
        by_unit: dict[str, list[_core.Observation]] = {}
        for o in held:
            by_unit.setdefault(o.unit, []).append(o)
        for unit, found in by_unit.items():
            have = _core.parse_unit(unit)
            if wanted.symbol and have.symbol and wanted.base != have.base:
                file, where = _rows_phrase(found, origins)
                periods = _span([str(o.period) for o in found])
                target_place = place(t.file, t.line)
                out.append(
                    (
                        file,
                        f"target '{t.id}'{f' ({target_place})' if target_place else ''} is in '{t.unit}' but the observations of "
                        f"'{t.indicator}' in '{t.region}' are in '{unit}' ({where + '; ' if where else ''}{periods}): "
                        "they measure different things; correct the unit column of those rows, or the target's unit",
                    )
                )
    return out

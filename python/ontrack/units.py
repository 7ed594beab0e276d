"""Unit safety: warnings for figures that are probably in the wrong unit.

The compiled core converts compatible units (万元 and 亿元, ‰ and %) and refuses incompatible ones;
what it cannot know is that a value is in the wrong scale while its unit looks right, as when a
spreadsheet cell formatted as a percentage (1.3%) arrives holding 0.013. These checks warn, naming the
series, the target and what to fix, with :class:`UnitWarning` (and :class:`ScaleWarning` for the
factor-100 cases), so a notebook shows them and ``warnings.simplefilter("error", UnitWarning)`` makes
them errors.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable

from ontrack import _core


class UnitWarning(UserWarning):
    """A figure whose unit is missing or doubtful."""


class ScaleWarning(UnitWarning):
    """A figure that looks 100 times too small or too large (a percentage stored as a fraction)."""


def unit_warnings(targets: Iterable[_core.Target], observations: _core.ObservationTable) -> list[tuple[type[UnitWarning], str]]:
    """The warnings :func:`check_units` would issue, as (class, message) pairs, without issuing them.

    Computed by the compiled core (``unit_checks.hpp``): within each series of positive levels, a value
    about 100 times (30 to 300 times) smaller or larger than the two periods next to it; for each
    percent target that is not a growth rate, its series without a unit (once per series) and a
    series about 100 times below it (by the median of its absolute values)."""
    kinds = {"scale": ScaleWarning, "missing_unit": UnitWarning}
    return [(kinds[kind], message) for kind, message in _core._unit_warnings(list(targets), observations)]


def check_units(targets: Iterable[_core.Target], observations: _core.ObservationTable, stacklevel: int = 2) -> int:
    """Warns (:class:`UnitWarning`, :class:`ScaleWarning`) about figures probably in the wrong unit:
    a value about 100 times off its own series, a series about 100 times below its percent target, and
    a series without a unit against a percent target (once per series). Returns how many warnings."""
    found = unit_warnings(targets, observations)
    for category, message in found:
        warnings.warn(message, category, stacklevel=stacklevel + 1)
    return len(found)


def unit_mismatches(
    targets: Iterable[_core.Target], observations: _core.ObservationTable, origins: "dict[tuple[str, str, str, str], str] | None" = None
) -> list[tuple[str, str]]:
    """``(file, message)`` for every target whose observations are in a unit that measures something
    else than the target's (亿元 against %), and every series mixing such units: what the assessment
    would refuse, said in one line with the target id and where the target was read (file and line),
    the file and lines of the observation rows (a sheet's name and rows for a workbook; ``origins``:
    (region, indicator, period, vintage) → file, for rows made in code), the periods concerned and the
    fix. Growth targets are left out (their unit may describe the base value). Computed by the
    compiled core (``unit_checks.hpp``)."""
    return list(_core._unit_mismatches(list(targets), observations, origins or {}))


class UnitMismatchError(_core.ParseError):
    """Observations in a unit that cannot be converted to their target's."""


def check_unit_mismatches(
    targets: Iterable[_core.Target], observations: _core.ObservationTable, origins: "dict[tuple[str, str, str, str], str] | None" = None
) -> None:
    """Raises :class:`UnitMismatchError` (a ParseError) for the first of :func:`unit_mismatches`."""
    found = unit_mismatches(targets, observations, origins)
    if found:
        file, message = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        error = UnitMismatchError(message + more)
        error.field, error.value, error.reason = "unit", "", message + more
        error.line, error.column, error.source = 0, 0, file
        raise error

"""Candidate targets read from Chinese plan text, as a DataFrame for review (docs/extraction.md).

``extract_targets`` returns one row per statement with the targets-file columns plus the review columns;
``extract_rows`` returns the core objects (``ExtractedTarget``: a ``Target`` with its row type, indicator
text, offsets and confidence); ``targets_from_rows`` / ``observations_from_rows`` turn them into what
``write_targets`` and ``write_observations`` take.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Union

import pandas as pd

from ontrack import _core
from ontrack.indicators import _bundled_catalogue
from ontrack.io import _targets_frame

#: Columns of ``extract_targets``: the targets CSV (docs/targets_csv.md), then the review columns.
REVIEW_COLUMNS = ["row_type", "indicator_text", "indicator_id", "start", "end", "confidence", "note"]

SpanLike = Union[str, "tuple[object, object]", None]


def extraction_columns() -> list[str]:
    """The columns of the DataFrame ``extract_targets`` returns, in order."""
    return list(_core.TARGET_COLUMNS) + REVIEW_COLUMNS


def extract_rows(
    text: str,
    document: str | None = None,
    default_region: str | None = None,
    *,
    reference_span: SpanLike = None,
    catalogue: Mapping[str, Sequence[str]] | _core.IndicatorCatalogue | None = None,
    id_prefix: str = "x",
    about_tolerance: float = 0.05,
    merge_repeats: bool = False,
    document_year: int | None = None,
) -> list[_core.ExtractedTarget]:
    """The candidate rows as core objects, in text order.

    ``text`` must be a ``str`` (TypeError otherwise, also for bytes and None). ``reference_span`` is the plan
    span for sentences that state no deadline ("2021—2025", "十四五" or a (first, last) pair); by default it
    is read from the title or the document's date. ``catalogue`` maps indicator ids to the phrases that
    name them, or is an ``IndicatorCatalogue`` (``ontrack.datasets.indicators()``: its names and phrases,
    longest first) (default: the bundled catalogue ``ontrack.datasets.indicators()``). ``document_year`` is the year the document was
    issued: 今年 (this year) and 明年 (next year) are read against it; by default it is read from the text.
    When neither gives a year, a target is kept with ``target.period`` None and ``note`` saying so.
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    core_catalogue: dict[str, list[str]] | _core.IndicatorCatalogue | None = None
    if catalogue is None:
        core_catalogue = _bundled_catalogue()
    elif isinstance(catalogue, _core.IndicatorCatalogue):
        core_catalogue = catalogue
    elif catalogue is not None:
        for key, phrases in catalogue.items():
            if isinstance(phrases, str):
                raise TypeError(f"catalogue: the phrases of {key!r} must be a list of strings, not one string")
        core_catalogue = {key: list(phrases) for key, phrases in catalogue.items()}
    return _core.extract_targets(
        text,
        document=document or "",
        default_region=default_region or "",
        reference_span=reference_span,
        catalogue=core_catalogue,
        id_prefix=id_prefix,
        about_tolerance=about_tolerance,
        merge_repeats=merge_repeats,
        document_year=document_year,
    )


def extraction_frame(rows: Sequence[_core.ExtractedTarget]) -> pd.DataFrame:
    """One DataFrame row per extracted row: the targets-file columns, then ``REVIEW_COLUMNS``.

    A target whose year the text does not give has an empty ``period`` (and ``period_start``) and says so
    in ``note``; the reviewer fills them in before the row is used as a target."""
    rows = list(rows)
    if not rows:
        return pd.DataFrame({column: pd.Series(dtype=object) for column in extraction_columns()})
    targets = [row.target for row in rows]
    # Written as drafts: a target without a deadline is a row to complete, not an error.
    frame = _targets_frame(targets, _core._write_draft_targets_text(targets))
    frame["row_type"] = [row.row_type for row in rows]
    frame["indicator_text"] = [row.indicator_text for row in rows]
    frame["indicator_id"] = [row.indicator_id for row in rows]
    frame["start"] = [row.start for row in rows]
    frame["end"] = [row.end for row in rows]
    frame["confidence"] = [row.confidence for row in rows]
    frame["note"] = [row.note for row in rows]
    return frame[extraction_columns()]


def extract_targets(
    text: str,
    document: str | None = None,
    default_region: str | None = None,
    *,
    reference_span: SpanLike = None,
    catalogue: Mapping[str, Sequence[str]] | _core.IndicatorCatalogue | None = None,
    id_prefix: str = "x",
    about_tolerance: float = 0.05,
    merge_repeats: bool = False,
    document_year: int | None = None,
) -> pd.DataFrame:
    """Candidate targets and baselines stated in a Chinese plan text, as a DataFrame for review.

    Columns: the targets CSV columns (``value``, ``stretch`` … as floats, rates as fractions), then
    ``row_type`` ('target' or 'baseline'), ``indicator_text`` (as written), ``indicator_id`` (catalogue id
    or ''), ``start``/``end`` (indices of the quote in ``text``), ``confidence`` in [0, 1] and ``note`` (''
    unless the reviewer must add something: a target whose year the text does not give, in a document with
    no date and no plan span, has an empty ``period`` and says so). Arguments as for ``extract_rows``; use
    that function for the core objects.
    """
    return extraction_frame(
        extract_rows(
            text,
            document,
            default_region,
            reference_span=reference_span,
            catalogue=catalogue,
            id_prefix=id_prefix,
            about_tolerance=about_tolerance,
            merge_repeats=merge_repeats,
            document_year=document_year,
        )
    )


def targets_from_rows(rows: Sequence[_core.ExtractedTarget]) -> list[_core.Target]:
    """The targets of the target rows that have a deadline, ready for ``write_targets``.

    A target row without one (the text does not give its year: ``row.note`` says so) is not a target yet
    and is left out; ``undated_rows`` lists those rows, for the review table or a message."""
    return [row.target for row in rows if row.row_type == "target" and row.target.period is not None]


def undated_rows(rows: Sequence[_core.ExtractedTarget]) -> list[_core.ExtractedTarget]:
    """The target rows without a deadline (the text does not give their year), which ``targets_from_rows``
    leaves out: fill in their period in the review table, or pass ``reference_span`` / ``document_year``."""
    return [row for row in rows if row.row_type == "target" and row.target.period is None]


def observations_from_rows(rows: Sequence[_core.ExtractedTarget], vintage: str = "") -> tuple[_core.ObservationTable, int]:
    """The baseline rows as observations, with how many were left out.

    The indicator is the catalogue id, else the indicator text; ``source`` is the document and the quote.
    An observations table holds one value per (region, indicator, period, vintage), so when a text states
    two figures for the same key the first is kept and the others are counted as left out, as are rows
    without an indicator.
    """
    kept: list[_core.Observation] = []
    seen: set[tuple[str, str, str]] = set()
    left_out = 0
    for row in rows:
        if row.row_type != "baseline":
            continue
        target = row.target
        indicator = target.indicator or row.indicator_text
        period = target.period
        if not indicator or period is None or target.value is None or not math.isfinite(target.value):
            left_out += 1
            continue
        key = (target.region, indicator, str(period))
        if key in seen:
            left_out += 1
            continue
        seen.add(key)
        source = f"{target.document}: {target.quote}" if target.document else target.quote
        kept.append(
            _core.Observation(
                region=target.region,
                indicator=indicator,
                period=period,
                value=target.value,
                unit=target.unit,
                vintage=vintage,
                source=source,
            )
        )
    return _core.ObservationTable(kept), left_out

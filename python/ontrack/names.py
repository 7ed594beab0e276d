"""Names people write: regions through ``regions.csv`` (Chinese and English names, aliases), indicators
through the indicator catalogue, and "did you mean …?" suggestions when a target finds no observations."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Optional

import pandas as pd

from ontrack import _core


@lru_cache(maxsize=1)
def default_regions() -> Optional[_core.RegionTree]:
    """The bundled region tree (``examples/data/regions.csv``), or None when it is not installed."""
    from ontrack.datasets import data_path

    try:
        return _core.read_regions_file(str(data_path("regions.csv")))
    except FileNotFoundError:
        return None


def catalogue() -> Any:
    """The bundled indicator catalogue (``ot.datasets.indicators()``), or None where this build has none."""
    from ontrack import datasets

    indicators = getattr(datasets, "indicators", None)
    if indicators is None:
        return None
    try:
        return indicators()
    except (OSError, _core.OntrackError):
        return None


@dataclass(frozen=True)
class IndicatorNames:
    """How people call an indicator, and what the catalogue says of its data."""

    id: str
    name_zh: str
    name_en: str
    unit: str
    publication_lag_months: Optional[int]


def indicator_names(indicator: str) -> IndicatorNames:
    """Chinese and English names, unit and publication lag of an indicator id from the catalogue; the
    id itself as both names (and no unit or lag) when the catalogue does not list it."""
    found = None
    book = catalogue()
    if book is not None:
        found = book.find(indicator)
    if found is None:
        return IndicatorNames(indicator, indicator, indicator, "", None)
    unit = getattr(found, "unit", "")
    return IndicatorNames(
        indicator,
        found.name_zh or indicator,
        found.name_en or indicator,
        str(getattr(unit, "symbol", unit) or ""),
        found.publication_lag_months,
    )


def match_regions(
    targets: Iterable[_core.Target], observations: _core.ObservationTable, regions: Optional[_core.RegionTree] = None
) -> tuple[_core.ObservationTable, dict[str, str]]:
    """Observations renamed so that each target finds its region under the name the target uses.

    A target in 千禾区 whose observations are written "Qianhe District" (the same region in
    ``regions``, by name or alias) gets them; a name already used as written is never renamed, and
    nothing is renamed when two observation names would become one. Returns the table and the renames
    made (observation name → target name).
    """
    tree = regions if regions is not None else default_regions()
    if tree is None:
        return observations, {}
    held = sorted({o.region for o in observations.rows})
    held_ids = {name: tree.find(name) for name in held}
    renames: dict[str, str] = {}
    for name in sorted({t.region for t in targets}):
        if not name or name in held_ids:
            continue
        wanted = tree.find(name)
        same = [h for h, i in held_ids.items() if i is not None and i == wanted and h not in renames]
        if wanted is not None and len(same) == 1:
            renames[same[0]] = name
    if not renames:
        return observations, {}
    rows = [
        _core.Observation(
            region=renames.get(o.region, o.region),
            indicator=o.indicator,
            period=o.period,
            value=o.value,
            unit=o.unit,
            vintage=o.vintage,
            source=o.source,
            published=o.published,
            extra_columns=o.extra_columns,
            file=o.file,
            line=o.line,
        )
        for o in observations.rows
    ]
    return _core.ObservationTable(rows), renames


def _close(word: str, choices: Sequence[str]) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)


def suggest(target: _core.Target, observations: _core.ObservationTable, regions: Optional[_core.RegionTree] = None) -> list[str]:
    """What ``target`` may have meant when it finds no observations: regions and indicators held under
    a close spelling, the same region under another name, or an indicator the catalogue's phrases map
    the target's indicator to. Each suggestion reads "region 'X'" or "indicator 'Y'"."""
    held_regions = sorted({o.region for o in observations.rows})
    in_region = sorted({o.indicator for o in observations.rows if o.region == target.region})
    out: list[str] = []
    if target.region not in held_regions:
        tree = regions if regions is not None else default_regions()
        wanted = tree.find(target.region) if tree is not None and target.region else None
        same = [h for h in held_regions if tree is not None and wanted is not None and tree.find(h) == wanted]
        out += [f"region '{r}'" for r in dict.fromkeys(same + _close(target.region, held_regions))]
        in_region = sorted({o.indicator for o in observations.rows})
    if target.indicator not in in_region:
        candidates = _close(target.indicator, in_region)
        book = catalogue()
        if book is not None:
            # The indicator written as a name (研发经费投入强度) or a phrase the catalogue knows.
            named = book.lookup(target.indicator)
            candidates += [info.id for info in ([named] if named is not None else []) + list(book.match_phrase(target.indicator))
                           if info.id in in_region]
        out += [f"indicator '{i}'" for i in dict.fromkeys(candidates)]
    return out


def suggestions_for(
    frame: pd.DataFrame, targets: Sequence[_core.Target], observations: _core.ObservationTable, lang: str = "en"
) -> dict[str, str]:
    """Target id → "did you mean …?" for the rows of an assessment table that found no observations."""
    from ontrack.i18n import phrase

    by_id = {t.id: t for t in targets}
    out: dict[str, str] = {}
    status = "status" if "status" in frame.columns else "verdict"
    for record in frame.to_dict("records"):
        if record[status] not in ("not_assessable", "no_data") or "no observations" not in str(record["message"]):
            continue
        target = by_id.get(str(record["id"]))
        if target is None:
            continue
        names = suggest(target, observations)
        if names:
            out[target.id] = phrase("did_you_mean", lang, names=", ".join(names))
    return out


def indicator_labels(indicators: Iterable[str], lang: str) -> dict[str, str]:
    """Indicator id → its catalogue name in ``lang`` (``name_zh`` for ``"zh"``, ``name_en`` otherwise),
    or the id itself when the bundled catalogue does not list it (or has no name in that language)."""
    from ontrack.i18n import check_language

    check_language(lang)
    book = catalogue()
    out: dict[str, str] = {}
    for indicator in dict.fromkeys(str(i) for i in indicators):
        found = book.find(indicator) if book is not None and indicator else None
        name = "" if found is None else (found.name_zh if lang == "zh" else found.name_en)
        out[indicator] = name or indicator
    return out


def name_indicators(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy of a table with an ``indicator`` column (assessment, evaluation) for people to read: the
    ``indicator`` column holds the catalogue name in ``lang`` (the id when the catalogue does not
    list it), and an ``indicator_id`` column right after it keeps the id. A table that already has
    ``indicator_id`` is returned as it is."""
    if "indicator" not in table.columns or "indicator_id" in table.columns:
        return table
    ids = ["" if pd.isna(i) else str(i) for i in table["indicator"]]  # a rejected target's row has none
    labels = indicator_labels(ids, lang)
    out = table.copy()
    out["indicator"] = [labels[i] for i in ids]
    out.insert(list(out.columns).index("indicator") + 1, "indicator_id", ids)
    out.attrs = dict(table.attrs)
    return out

"""The indicator catalogue from Python: read it from a CSV file or a DataFrame, look indicators up by
id, name or phrase, and see it as a DataFrame. The catalogue itself (``_core.IndicatorCatalogue``) is
C++'s; this module only adds the pandas side.
"""

from __future__ import annotations

import functools
import os
from typing import Literal, Optional, Union

import pandas as pd

from ontrack import _core

CATALOGUE_COLUMNS = list(_core.INDICATOR_CATALOGUE_COLUMNS)


def read_indicator_catalogue(source: Union[str, "os.PathLike[str]", pd.DataFrame]) -> _core.IndicatorCatalogue:
    """An indicator catalogue from a CSV file (columns :data:`CATALOGUE_COLUMNS`; phrases separated by
    ``|``) or a DataFrame with those columns. ParseError names line, column and field."""
    if isinstance(source, pd.DataFrame):
        frame = source.astype(object).where(source.notna(), "")
        return _core.read_indicator_catalogue_text(frame.to_csv(index=False), "DataFrame")
    return _core.read_indicator_catalogue_file(os.fspath(source))


def catalogue_to_pandas(catalogue: _core.IndicatorCatalogue) -> pd.DataFrame:
    """One row per indicator, columns :data:`CATALOGUE_COLUMNS` (phrases joined by ``|``, bounds and
    lags as numbers or missing)."""
    return pd.DataFrame(
        [
            {
                "id": i.id,
                "name_zh": i.name_zh,
                "name_en": i.name_en,
                "phrases_zh": "|".join(i.phrases_zh),
                "phrases_en": "|".join(i.phrases_en),
                "unit": i.unit.symbol,
                "kind": i.kind,
                "direction": i.direction,
                "lower_bound": i.lower_bound,
                "upper_bound": i.upper_bound,
                "publication_lag_months": i.publication_lag_months,
                "publication_note": i.publication_note,
            }
            for i in catalogue.indicators
        ],
        columns=CATALOGUE_COLUMNS,
    )


#: The indicator catalogue an assessment or a projection reads publication lags and bounds from: a
#: catalogue, "bundled" (the bundled one, ``ontrack.datasets.indicators()``) or None (none: the
#: frequency defaults and the units alone).
IndicatorsLike = Union[_core.IndicatorCatalogue, Literal["bundled"], None]


def _catalogue(indicators: IndicatorsLike) -> Optional[_core.IndicatorCatalogue]:
    """The catalogue ``indicators`` names; ValueError for any other string."""
    if isinstance(indicators, str):
        if indicators != "bundled":
            raise ValueError(f"indicators: expected an IndicatorCatalogue, 'bundled' or None, got '{indicators}'")
        return _bundled_catalogue()
    return indicators


@functools.lru_cache(maxsize=1)
def _bundled_catalogue() -> _core.IndicatorCatalogue:
    """The indicator catalogue shipped with ontrack, read once (an immutable value): sparklines select a
    series per row, and the extractor's default phrase list is this catalogue."""
    from ontrack import datasets  # imported here: datasets imports this module

    return datasets.indicators()

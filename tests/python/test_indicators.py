"""The indicator catalogue from Python: the bundled file, lookups, DataFrames both ways, errors."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot


def test_bundled_catalogue_covers_every_bundled_observation_indicator() -> None:
    catalogue = ot.datasets.indicators()
    observed = set(ot.datasets.observations(as_frame=True)["indicator"])
    # The catalogue may know more; it must know at least the indicators the bundled data hold,
    # except the ad hoc variants kept for provenance (an alternative R&D total, a growth column).
    missing = {i for i in observed if i not in catalogue} - {"rd_expenditure_alt", "rd_expenditure_growth_nominal"}
    assert missing == set()


def test_lookup_by_phrase_and_bounds() -> None:
    catalogue = ot.datasets.indicators()
    info = catalogue.lookup("研发投入强度")
    assert info is not None and info.id == "rd_intensity"
    assert info.unit.base == "percent" and info.kind == "ratio"
    assert info.lower_bound == 0.0 and info.publication_lag_months == 9
    assert catalogue.lookup("no such phrase") is None
    expenditure = catalogue.find("rd_expenditure")
    assert expenditure is not None and expenditure.upper_bound is None
    names = [i.id for i in catalogue.match_phrase("全社会研发经费投入强度达到2.5%")]
    assert names[:2] == ["rd_intensity", "rd_expenditure"]
    with pytest.raises(ot.InvalidValueError, match="no_such"):
        catalogue.at("no_such")


def test_dataframe_round_trip() -> None:
    catalogue = ot.datasets.indicators()
    frame = ot.catalogue_to_pandas(catalogue)
    assert list(frame.columns) == ot.CATALOGUE_COLUMNS
    assert len(frame) == len(catalogue)
    again = ot.read_indicator_catalogue(frame)
    assert ot.catalogue_to_pandas(again).equals(frame)
    literacy = frame.set_index("id").loc["citizens_with_scientific_literacy"]
    assert literacy["upper_bound"] == 100.0
    assert ot.datasets.describe("indicators").equals(frame)


def test_bad_rows_name_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "cat.csv"
    path.write_text("id,lower_bound,upper_bound\nshare,0,100\nodd,5,1\n", encoding="utf-8")
    with pytest.raises(ot.ParseError) as caught:
        ot.read_indicator_catalogue(path)
    assert caught.value.line == 3 and caught.value.field == "upper_bound"
    assert "cat.csv" in str(caught.value)
    frame = pd.DataFrame({"id": ["a", "b"], "phrases_zh": ["研发", "研发"], "lower_bound": [0.0, math.nan]})
    with pytest.raises(ot.ParseError, match="already means indicator 'a'"):
        ot.read_indicator_catalogue(frame)

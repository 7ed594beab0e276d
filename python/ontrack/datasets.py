"""The bundled real data: published figures and plan targets for China and Xinjiang, each with its source.

The files are those of ``examples/data`` in the repository (see its README), installed with the package
as ``ontrack/data``. Every loader returns what a user gets by reading the file with ontrack:

* :func:`observations` – :class:`ObservationTable` (or, with ``as_frame=True``, the DataFrame of
  :func:`ontrack.observations_to_pandas`) of R&D spending and intensity, high-tech enterprises,
  incubators, maker spaces, scientific literacy, GDP, ... Every row keeps its ``source``, including
  ``[FLAG: ...]`` notes (read in a secondary or doubtful source). R&D intensity comes in several
  vintages (releases); :data:`DEFAULT_VINTAGE` names the one used by default. GDP rows of vintage
  ``unverified_db`` are **not official** (an unverified database dump): see :data:`UNOFFICIAL_VINTAGES`
  and ``official_only=True``.
* :func:`seed_targets`, :func:`national_targets` – ``list[Target]`` (or a DataFrame).
* :func:`plan_targets` – earlier plans' targets with their known outcomes, as published (a DataFrame
  of text), and :func:`plan_outcomes` / :func:`plan_history` – the rows expressible as a
  :class:`Target`, with the outcome, so ontrack's verdicts can be checked against history.
* :func:`describe` – what is in.

Example::

    import ontrack as ot
    table = ot.assess_table(ot.datasets.national_targets(), ot.datasets.observations(), as_of="2025-06-30")
    ot.datasets.describe()
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal, Optional, Union, overload

import pandas as pd

from ontrack import _core
from ontrack.indicators import catalogue_to_pandas
from ontrack.io import observations_to_pandas, read_observations, read_targets, targets_to_pandas

__all__ = [
    "DATASETS",
    "DEFAULT_VINTAGE",
    "DESCRIBE_COLUMNS",
    "FLAG",
    "HISTORY_COLUMNS",
    "PLAN_TARGET_COLUMNS",
    "SERIES_COLUMNS",
    "UNOFFICIAL_VINTAGES",
    "VINTAGE_PREFERENCE",
    "PlanOutcome",
    "data_path",
    "describe",
    "indicators",
    "is_flagged",
    "national_targets",
    "observations",
    "plan_history",
    "plan_outcomes",
    "plan_targets",
    "seed_targets",
    "series",
]

#: The vintage used when an indicator has several: what the year's bulletin printed first (what was
#: known at the time), as in :func:`ontrack.assess_table` and :func:`ontrack.select_series`.
DEFAULT_VINTAGE = "first_release"

#: Vintages that are not official statistics: kept for comparison and gap-spotting only.
UNOFFICIAL_VINTAGES: tuple[str, ...] = ("unverified_db",)

#: Order in which :func:`series` picks a vintage when the default is not among an indicator's vintages
#: (GDP has ``preliminary``, ``yearbook``, ...). Unofficial vintages are never picked by default.
VINTAGE_PREFERENCE: tuple[str, ...] = (
    DEFAULT_VINTAGE,
    "revised_next_bulletin",
    "yearbook",
    "preliminary",
    "estimate",
    "revised_2026",
    "",
)

#: The marker of a value read in a secondary or doubtful source (``[FLAG: ...]`` in ``source``).
FLAG = "FLAG"

#: Bundled files by dataset name.
DATASETS: dict[str, str] = {
    "observations": "observations.csv",
    "seed_targets": "seed_targets.csv",
    "national_targets": "national_targets.csv",
    "plan_targets": "plan_targets.csv",
    "indicators": "indicators.csv",
}

#: Columns of ``plan_targets.csv`` (as collected, all text).
PLAN_TARGET_COLUMNS = [
    "plan",
    "region",
    "indicator",
    "base_year",
    "baseline",
    "target_year",
    "target",
    "target_kind",
    "outcome_year",
    "outcome",
    "met",
    "source",
]

# For each row of plan_targets.csv, the id of the target in national_targets.csv that encodes it
# (None: the plan's indicator table was not found, nothing to encode).
_PLAN_TARGET_IDS: tuple[Optional[str], ...] = (
    "cn14-01",
    "cn14-02",
    "cn14-03",
    "cn14-04",
    "cnlit-01",
    "cnlit-02",
    "cn13-01",
    "cn13-02",
    "cn13-03",
    "cn13-04",
    "cn13-05",
    "cn13-06",
    "cn12-01",
    "xj12-01",
    "xj12-02",
    "xj12-03",
    "xj12-04",
    "xj12-05",
    "xj22-01",
    "xj24-01",
    "xj24-02",
    None,  # Xinjiang 14th FYP outline: indicator table not found
    None,  # Urumqi 14th FYP outline: indicator table not readable
    None,  # Changji City S&T 14th FYP: targets not readable
    "urumqihtz13-01",
)


def data_path(name: str = "") -> Path:
    """Where a bundled file lives (``ontrack/data/<name>``), or the folder itself without ``name``.

    ``name`` is a file name (``"observations.csv"``) or a dataset name of :data:`DATASETS`.
    Raises FileNotFoundError when the file is not installed.
    """
    folder = Path(str(resources.files("ontrack").joinpath("data")))
    path = folder / DATASETS.get(name, name) if name else folder
    if not path.exists():
        raise FileNotFoundError(f"bundled data file not found: {path} (the package was installed without its data)")
    return path


def is_flagged(source: str) -> bool:
    """True when a source says the value was read in a secondary or doubtful source (``FLAG``)."""
    return FLAG in source


@overload
def observations(*, as_frame: Literal[False] = ..., official_only: bool = ...) -> _core.ObservationTable: ...
@overload
def observations(*, as_frame: Literal[True], official_only: bool = ...) -> pd.DataFrame: ...
def observations(*, as_frame: bool = False, official_only: bool = False) -> Union[_core.ObservationTable, pd.DataFrame]:
    """The bundled observations (``observations.csv``): every published figure with its source.

    The same as ``ontrack.read_observations(data_path("observations"))`` (a DataFrame as
    :func:`ontrack.observations_to_pandas` gives it with ``as_frame=True``). All vintages are kept;
    ``official_only=True`` leaves out the unofficial ones (:data:`UNOFFICIAL_VINTAGES`).
    """
    table = read_observations(data_path("observations"))
    if official_only:
        table = _core.ObservationTable([o for o in table.rows if o.vintage not in UNOFFICIAL_VINTAGES])
    return observations_to_pandas(table) if as_frame else table


def series(region: str, indicator: str, vintage: Optional[str] = None) -> _core.Series:
    """One bundled series, e.g. ``series("China", "rd_intensity")``.

    Without ``vintage``: the only vintage there is, else :data:`DEFAULT_VINTAGE`, else the first of
    :data:`VINTAGE_PREFERENCE` available (never an unofficial one). Raises DataError when nothing matches.
    """
    table = observations()
    available = table.vintages(region, indicator)
    if not available:
        raise _core.DataError(f"no bundled observations of '{indicator}' in '{region}'")
    if vintage is None:
        if len(available) == 1:
            vintage = available[0]
        else:
            preferred = [v for v in VINTAGE_PREFERENCE if v in available]
            if not preferred:
                raise _core.DataError(
                    f"'{indicator}' in '{region}' has only vintages {available}: choose one with vintage="
                )
            vintage = preferred[0]
    return table.select(region, indicator, vintage)


@overload
def seed_targets(*, as_frame: Literal[False] = ...) -> list[_core.Target]: ...
@overload
def seed_targets(*, as_frame: Literal[True]) -> pd.DataFrame: ...
def seed_targets(*, as_frame: bool = False) -> Union[list[_core.Target], pd.DataFrame]:
    """Targets of the five Xinjiang seed plans (``seed_targets.csv``), each with its exact quote.

    The same as ``ontrack.read_targets(data_path("seed_targets"))``; a DataFrame as
    :func:`ontrack.targets_to_pandas` gives it with ``as_frame=True``.
    """
    targets = read_targets(data_path("seed_targets"))
    return targets_to_pandas(targets) if as_frame else targets


@overload
def national_targets(*, as_frame: Literal[False] = ...) -> list[_core.Target]: ...
@overload
def national_targets(*, as_frame: Literal[True]) -> pd.DataFrame: ...
def national_targets(*, as_frame: bool = False) -> Union[list[_core.Target], pd.DataFrame]:
    """National (12th–14th FYP, 全民科学素质纲要) and Xinjiang S&T plan targets (``national_targets.csv``).

    The same as ``ontrack.read_targets(data_path("national_targets"))``; a DataFrame with ``as_frame=True``.
    """
    targets = read_targets(data_path("national_targets"))
    return targets_to_pandas(targets) if as_frame else targets


def plan_targets() -> pd.DataFrame:
    """Earlier plans' targets with baselines and known outcomes, as collected (``plan_targets.csv``).

    Columns :data:`PLAN_TARGET_COLUMNS`, all text as written (``(not read)``, ``2.40 (first release) /
    2.41 (revised)``, ``yes (exceeded)``, ...), with the ``source`` of every row.
    """
    return pd.read_csv(data_path("plan_targets"), dtype=str, keep_default_na=False, encoding="utf-8")


@dataclass(frozen=True)
class PlanOutcome:
    """A plan target with what happened: ``outcome`` observed in ``outcome_period``, and whether the
    plan's target was met according to the published record (``met``: True, False or None when the
    record says unknown, open or unclear). ``outcome_text`` and ``met_text`` are as written in
    ``plan_targets.csv``; ``outcome`` is None when no single number was recorded."""

    target: _core.Target
    plan: str
    outcome_period: Optional[_core.Period]
    outcome: Optional[float]
    outcome_text: str
    met: Optional[bool]
    met_text: str
    source: str

    def outcome_series(self) -> _core.Series:
        """The recorded outcome as a one-point Series of the target's indicator (empty if none)."""
        if self.outcome_period is None or self.outcome is None:
            return _core.Series(2000, [], indicator=self.target.indicator, region=self.target.region, unit=self.target.unit)
        return _core.Series.from_pairs(
            [self.outcome_period], [self.outcome], self.target.indicator, self.target.region, self.target.unit
        )


_LEADING_YEAR = re.compile(r"\s*(\d{4})(?:\s*\(.*\))?\s*")
_LEADING_NUMBER = re.compile(r"\s*([+-]?\d+(?:\.\d+)?)(?![\d/])")


def _outcome(year: str, value: str) -> tuple[Optional[_core.Period], Optional[float]]:
    """One outcome year and the number recorded for it (the first number: the first release)."""
    year_match = _LEADING_YEAR.fullmatch(year)
    value_match = _LEADING_NUMBER.match(value)
    if year_match is None or value_match is None:
        return None, None
    return _core.Period(int(year_match.group(1))), float(value_match.group(1))


def _met(text: str) -> Optional[bool]:
    word = text.strip().split(" ")[0].lower() if text.strip() else ""
    return {"yes": True, "no": False}.get(word)


def plan_outcomes() -> list[PlanOutcome]:
    """The rows of :func:`plan_targets` expressible as a Target (from ``national_targets.csv``), with
    their recorded outcomes and historical verdicts (see :class:`PlanOutcome`)."""
    frame = plan_targets()
    if len(frame) != len(_PLAN_TARGET_IDS):
        raise _core.DataError(f"plan_targets.csv has {len(frame)} rows, expected {len(_PLAN_TARGET_IDS)}")
    by_id = {t.id: t for t in national_targets()}
    result = []
    for row, target_id in zip(frame.to_dict("records"), _PLAN_TARGET_IDS):
        if target_id is None:
            continue
        period, value = _outcome(row["outcome_year"], row["outcome"])
        result.append(
            PlanOutcome(
                target=by_id[target_id],
                plan=row["plan"],
                outcome_period=period,
                outcome=value,
                outcome_text=row["outcome"],
                met=_met(row["met"]),
                met_text=row["met"],
                source=row["source"],
            )
        )
    return result


#: Columns of :func:`plan_history`.
HISTORY_COLUMNS = [
    "id",
    "plan",
    "region",
    "indicator",
    "deadline",
    "outcome_period",
    "outcome",
    "met",
    "verdict",
    "agrees",
    "message",
    "source",
]


def _history_series(item: PlanOutcome, table: _core.ObservationTable) -> _core.Series:
    """The recorded outcome on top of the bundled series of its indicator (selected by the one policy,
    first release), so that a base period the plan measures from is there as ``assess`` finds it; the
    outcome alone where the bundled series is missing or in another unit."""
    from ontrack.assessment import select_series

    recorded = item.outcome_series()
    try:
        selected = select_series(table, item.target.region, item.target.indicator)
    except _core.OntrackError:
        return recorded
    if selected.unit and item.target.unit and selected.unit != item.target.unit:
        return recorded
    values = {p: selected.at(p) for p in selected.periods}
    if item.outcome_period is not None and item.outcome is not None:
        values[item.outcome_period] = item.outcome
    ordered = sorted(values, key=lambda p: (p.year, str(p)))
    return _core.Series.from_pairs(ordered, [values[p] for p in ordered], item.target.indicator, item.target.region, selected.unit or item.target.unit)


def plan_history() -> pd.DataFrame:
    """ontrack's verdicts on the recorded outcomes next to history: one row per :func:`plan_outcomes` entry.

    ``verdict`` is :func:`ontrack.evaluate` on the recorded outcome, over the bundled series of its
    indicator (so a base period is found as ``assess`` finds it); ``met`` is the historical
    record (True, False or None); ``agrees`` is True/False where both decided (verdict met or missed
    and a known record), else None.
    """
    records = []
    table = observations()
    for item in plan_outcomes():
        evaluation = _core.evaluate(item.target, _history_series(item, table))
        decided = evaluation.verdict in ("met", "missed") and item.met is not None
        records.append(
            {
                "id": item.target.id,
                "plan": item.plan,
                "region": item.target.region,
                "indicator": item.target.indicator,
                "deadline": str(item.target.period),
                "outcome_period": "" if item.outcome_period is None else str(item.outcome_period),
                "outcome": math.nan if item.outcome is None else item.outcome,
                "met": item.met,
                "verdict": evaluation.verdict,
                "agrees": (evaluation.verdict == "met") == item.met if decided else None,
                "message": evaluation.message,
                "source": item.source,
            }
        )
    return pd.DataFrame(records, columns=HISTORY_COLUMNS)


def _span(periods: Sequence[str]) -> str:
    if not periods:
        return ""
    ordered = sorted(periods, key=lambda p: _core.Period(p))
    return ordered[0] if len(ordered) == 1 else f"{ordered[0]}–{ordered[-1]}"


def _joined(values: Sequence[str]) -> str:
    return "; ".join(sorted({v if v else "(empty)" for v in values}))


#: Columns of :func:`describe`.
DESCRIBE_COLUMNS = ["dataset", "file", "rows", "regions", "indicators", "periods", "vintages", "sources", "flagged"]
#: Columns of ``describe("observations")``.
SERIES_COLUMNS = ["region", "indicator", "vintage", "unit", "rows", "periods", "official", "flagged", "sources"]


def _observation_series(frame: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for (region, indicator, vintage), group in frame.groupby(["region", "indicator", "vintage"], sort=True):
        rows.append(
            {
                "region": region,
                "indicator": indicator,
                "vintage": vintage,
                "unit": _joined(group["unit"].tolist()),
                "rows": len(group),
                "periods": _span(group["period"].tolist()),
                "official": vintage not in UNOFFICIAL_VINTAGES,
                "flagged": int(group["source"].map(is_flagged).sum()),
                "sources": group["source"].nunique(),
            }
        )
    return pd.DataFrame(rows, columns=SERIES_COLUMNS)


def indicators() -> _core.IndicatorCatalogue:
    """The bundled indicator catalogue (``indicators.csv``): ids, Chinese and English names and phrasings,
    units, kinds, natural bounds and publication lags of the indicators ontrack's data and plans use."""
    return _core.read_indicator_catalogue_file(str(data_path("indicators")))


def describe(dataset: Optional[str] = None) -> pd.DataFrame:
    """What the bundled data hold.

    Without ``dataset``: one row per dataset (columns :data:`DESCRIBE_COLUMNS`: rows, regions,
    indicators, periods, vintages, number of distinct sources, rows flagged ``FLAG``). With
    ``dataset="observations"``: one row per series (region, indicator, vintage; columns
    :data:`SERIES_COLUMNS`). Other names of :data:`DATASETS` give that dataset's DataFrame.
    """
    if dataset == "observations":
        return _observation_series(observations(as_frame=True))
    if dataset == "seed_targets":
        return seed_targets(as_frame=True)
    if dataset == "national_targets":
        return national_targets(as_frame=True)
    if dataset == "plan_targets":
        return plan_targets()
    if dataset == "indicators":
        return catalogue_to_pandas(indicators())
    if dataset is not None:
        raise ValueError(f"dataset: expected one of {sorted(DATASETS)}, got {dataset!r}")

    obs = observations(as_frame=True)
    rows = [
        {
            "dataset": "observations",
            "rows": len(obs),
            "regions": _joined(obs["region"].tolist()),
            "indicators": _joined(obs["indicator"].tolist()),
            "periods": _span(obs["period"].tolist()),
            "vintages": _joined(obs["vintage"].tolist()),
            "sources": obs["source"].nunique(),
            "flagged": int(obs["source"].map(is_flagged).sum()),
        }
    ]
    for name, frame in (("seed_targets", seed_targets(as_frame=True)), ("national_targets", national_targets(as_frame=True))):
        deadlines = [p for p in frame["period"].tolist() if p]
        starts = [p for p in frame["period_start"].tolist() + frame["baseline_period"].tolist() if p]
        rows.append(
            {
                "dataset": name,
                "rows": len(frame),
                "regions": _joined(frame["region"].tolist()),
                "indicators": _joined(frame["indicator"].tolist()),
                "periods": _span(starts + deadlines),
                "vintages": "",
                "sources": frame["document"].nunique(),
                "flagged": int((frame["document"].map(is_flagged) | frame["quote"].map(is_flagged)).sum()),
            }
        )
    plans = plan_targets()
    years = re.findall(r"\d{4}", " ".join(plans["base_year"].tolist() + plans["target_year"].tolist()))
    rows.append(
        {
            "dataset": "plan_targets",
            "rows": len(plans),
            "regions": _joined(plans["region"].tolist()),
            "indicators": _joined(plans["indicator"].tolist()),
            "periods": _span(years),
            "vintages": "",
            "sources": plans["source"].nunique(),
            "flagged": int(plans["source"].map(is_flagged).sum()),
        }
    )
    table = pd.DataFrame(rows)
    table.insert(1, "file", table["dataset"].map(DATASETS))
    return table[DESCRIBE_COLUMNS]

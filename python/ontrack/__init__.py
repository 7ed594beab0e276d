"""ontrack: track plan indicators against their targets.

Periods, series, targets and their evaluation come from the compiled core (``ontrack._core``); this
package adds what belongs to Python: pandas conversion, file helpers and the command line.
"""

from __future__ import annotations

from ontrack._core import (
    Accuracy,
    Assessment,
    Backtest,
    BacktestForecast,
    BatchProjection,
    DataError,
    Evaluation,
    ExtractedTarget,
    FiveYearPlan,
    Indicator,
    IndicatorCatalogue,
    IndicatorInfo,
    InvalidValueError,
    Observation,
    ObservationIndex,
    ObservationTable,
    OntrackError,
    ParseError,
    Period,
    PeriodCheck,
    Plan,
    Predictive,
    Projection,
    ProjectionPoint,
    RatioPoint,
    RatioProjection,
    Series,
    Target,
    Unit,
    __version__,
    conversion_factor,
    default_catalogue,
    evaluate,
    extraction_grammar,
    find_five_year_plan,
    five_year_plan,
    parse_period_span,
    parse_unit,
)
from ontrack import _pandas
from ontrack import projection as _projection
from ontrack.io import (
    evaluate_table,
    observations_to_pandas,
    read_observations,
    read_targets,
    targets_to_pandas,
    write_observations,
    write_targets,
)

from ontrack.assessment import TABLE_COLUMNS, assess, assess_table, select_series, summarize
from ontrack._core import DEFAULT_PUBLICATION_LAGS
from ontrack._core import DEFAULT_METHOD, basis_names, method_names, scheme_names, status_names  # the vocabularies, from their C++ tables
from ontrack.extraction import extract_rows, extract_targets
from ontrack.projection import backtest, backtest_many, project, project_many, project_ratio
from ontrack import display as _display
from ontrack import plot as _plot
from ontrack.display import display_table
from ontrack.plot import plot_assessment, plot_plan, plot_projection, plot_target
from ontrack import datasets as datasets  # the bundled real data: ot.datasets.observations(), ...

from ontrack import regions as _regions
from ontrack._core import (
    DEFAULT_VINTAGE_PREFERENCE,
    REGION_COLUMNS,
    AggregateMismatch,
    Aggregation,
    Composite,
    ConsistencyReport,
    Feasibility,
    MissingValue,
    Pace,
    Region,
    RegionTree,
    Requirement,
    Scenario,
    ScenarioOutcome,
    ScenarioPoint,
    UncheckedPeriod,
    aggregate_ratio,
    aggregate_share,
    aggregate_sum,
    derive,
    derive_denominator,
    derive_numerator,
    project_composite,
    INDICATOR_CATALOGUE_COLUMNS,
    read_indicator_catalogue_file,
    read_indicator_catalogue_text,
    read_regions_file,
    read_regions_text,
    write_indicator_catalogue_text,
    write_regions_text,
)
from ontrack.indicators import CATALOGUE_COLUMNS, catalogue_to_pandas, read_indicator_catalogue
from ontrack.regions import (
    MISMATCH_COLUMNS,
    aggregate,
    aggregate_region,
    check_aggregate,
    read_regions,
    regions_to_pandas,
)
from ontrack.scenarios import (
    SCENARIO_COLUMNS,
    assess_feasibility,
    compare_scenarios,
    historical_paces,
    plot_scenarios,
    required_growth,
    scenario_outcomes,
    scenario_paths,
)

_pandas.install()
_projection.install()
_regions.install()
_display.install()
_plot.install()

__all__ = [
    "DEFAULT_PUBLICATION_LAGS",
    "DEFAULT_METHOD",
    "basis_names",
    "method_names",
    "scheme_names",
    "status_names",
    "Accuracy",
    "Assessment",
    "Backtest",
    "BacktestForecast",
    "BatchProjection",
    "DataError",
    "Evaluation",
    "ExtractedTarget",
    "FiveYearPlan",
    "Indicator",
    "InvalidValueError",
    "Observation",
    "ObservationIndex",
    "ObservationTable",
    "OntrackError",
    "ParseError",
    "Period",
    "PeriodCheck",
    "Plan",
    "Predictive",
    "Projection",
    "ProjectionPoint",
    "RatioPoint",
    "RatioProjection",
    "Series",
    "TABLE_COLUMNS",
    "Target",
    "Unit",
    "__version__",
    "assess",
    "assess_table",
    "backtest",
    "backtest_many",
    "conversion_factor",
    "default_catalogue",
    "extraction_grammar",
    "display_table",
    "evaluate",
    "evaluate_table",
    "extract_rows",
    "extract_targets",
    "find_five_year_plan",
    "five_year_plan",
    "observations_to_pandas",
    "parse_period_span",
    "parse_unit",
    "plot_assessment",
    "plot_plan",
    "plot_projection",
    "plot_target",
    "project",
    "project_many",
    "project_ratio",
    "read_observations",
    "read_targets",
    "select_series",
    "summarize",
    "targets_to_pandas",
    "write_observations",
    "write_targets",
]

# Regions, aggregation, composite indicators and scenarios (docs/regions.md).
__all__ += [
    "CATALOGUE_COLUMNS",
    "INDICATOR_CATALOGUE_COLUMNS",
    "read_indicator_catalogue_file",
    "read_indicator_catalogue_text",
    "write_indicator_catalogue_text",
    "IndicatorCatalogue",
    "IndicatorInfo",
    "catalogue_to_pandas",
    "read_indicator_catalogue",
    "AggregateMismatch",
    "Aggregation",
    "Composite",
    "ConsistencyReport",
    "DEFAULT_VINTAGE_PREFERENCE",
    "Feasibility",
    "MISMATCH_COLUMNS",
    "MissingValue",
    "Pace",
    "REGION_COLUMNS",
    "Region",
    "RegionTree",
    "Requirement",
    "SCENARIO_COLUMNS",
    "Scenario",
    "ScenarioOutcome",
    "ScenarioPoint",
    "UncheckedPeriod",
    "aggregate",
    "aggregate_ratio",
    "aggregate_region",
    "aggregate_share",
    "aggregate_sum",
    "assess_feasibility",
    "check_aggregate",
    "compare_scenarios",
    "derive",
    "derive_denominator",
    "derive_numerator",
    "historical_paces",
    "plot_scenarios",
    "project_composite",
    "read_regions",
    "read_regions_file",
    "read_regions_text",
    "regions_to_pandas",
    "required_growth",
    "scenario_outcomes",
    "scenario_paths",
    "write_regions_text",
]

# Calibration: honest intervals and probabilities (docs/calibration.md).
from ontrack._core import Calibration, default_calibration, natural_bounds  # noqa: E402
from ontrack.calibration import (  # noqa: E402
    CalibrationReport,
    calibration_report,
    fit_calibration,
    panel_series,
    plot_coverage,
    plot_pit,
    plot_reliability,
    read_panel_csv,
)

__all__ += [
    "Calibration",
    "CalibrationReport",
    "calibration_report",
    "default_calibration",
    "fit_calibration",
    "natural_bounds",
    "panel_series",
    "plot_coverage",
    "plot_pit",
    "plot_reliability",
    "read_panel_csv",
]

# Data in and out as people keep it: Excel, Chinese headers, unit checks, names, data requests.
from ontrack._core import canonical_column_name, chinese_column_name, column_aliases, is_note_column, parse_date
from ontrack.io import merge_observations
from ontrack.names import match_regions
from ontrack.template import template_frame
from ontrack.units import ScaleWarning, UnitWarning, check_units

__all__ += [
    "ScaleWarning",
    "UnitWarning",
    "canonical_column_name",
    "check_units",
    "chinese_column_name",
    "column_aliases",
    "is_note_column",
    "match_regions",
    "merge_observations",
    "parse_date",
    "template_frame",
]

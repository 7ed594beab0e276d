"""A data request: for every target that cannot be assessed, the observations it needs, as a sheet a
bureau sends to its departments; filled in, it reads back directly as observations."""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Optional

import pandas as pd

from ontrack import _core
from ontrack.names import indicator_names

#: Columns of :func:`template_frame`; the observations reader accepts every one of them (the
#: descriptive ones are kept aside: ``_core.column_aliases()``, ``observation_aside_columns``).
TEMPLATE_COLUMNS = ["region", "indicator", "name_zh", "name_en", "period", "value", "unit", "source", "lead_unit", "id"]

#: Months after the end of a period until its figure is usually published, when the catalogue does
#: not say (the annual statistical bulletins appear within the following year).
DEFAULT_PUBLICATION_LAG_MONTHS = 6

#: Periods requested before the deadline when a target names neither a baseline nor a start (a
#: five-year plan's span).
DEFAULT_SPAN = 5


def _months_before(day: _dt.date, months: int) -> _dt.date:
    total = day.year * 12 + (day.month - 1) - months
    return _dt.date(total // 12, total % 12 + 1, 1)


def needed_periods(target: _core.Target, as_of: _dt.date, lag_months: int) -> list[_core.Period]:
    """Periods from the target's baseline (or start, or five periods before the deadline) to its
    deadline that should be published by ``as_of``, given the usual publication lag."""
    deadline = target.period
    if deadline is None:
        return []
    first = target.baseline_period or target.period_start or (deadline - DEFAULT_SPAN)
    published_by = _months_before(as_of, lag_months)
    out: list[_core.Period] = []
    p = first
    while p <= deadline:
        if p.last_day < published_by:
            out.append(p)
        p = p + 1
    return out


def template_frame(
    targets: Sequence[_core.Target], observations: Optional[_core.ObservationTable] = None, as_of: object = None
) -> pd.DataFrame:
    """One row per observation still needed: for each target the assessment finds not assessable, the
    published periods its region and indicator have no value for. Columns ``TEMPLATE_COLUMNS``:
    indicator names from the catalogue, the unit the series is kept in (else the target's, else the
    catalogue's), the target's lead
    unit as the one responsible, the ids of the targets the row serves; ``value`` and ``source`` empty."""
    from ontrack.assessment import assess_table

    table = observations if observations is not None else _core.ObservationTable([])
    day = _dt.date.today() if as_of is None else (as_of if isinstance(as_of, _dt.date) else _core.parse_date(str(as_of), "as_of"))
    frame = assess_table(list(targets), table, as_of=None, progress=False)
    blocked = set(frame.loc[frame["status"] == "not_assessable", "id"])
    held = {(o.region, o.indicator, str(o.period)) for o in table.rows if o.value == o.value}  # gaps are requested too
    # The unit a series is already kept in comes first: a filled row must not mix units with it.
    series_units = {(o.region, o.indicator): o.unit for o in table.rows if o.unit}
    rows: dict[tuple[str, str, str], dict[str, str]] = {}
    for t in targets:
        if t.id not in blocked:
            continue
        names = indicator_names(t.indicator)
        lag = names.publication_lag_months if names.publication_lag_months is not None else DEFAULT_PUBLICATION_LAG_MONTHS
        unit = series_units.get((t.region, t.indicator)) or ("" if t.is_rate and t.unit in ("%", "") else t.unit)
        for p in needed_periods(t, day, lag):
            key = (t.region, t.indicator, str(p))
            if key in held:
                continue
            row = rows.setdefault(
                key,
                {
                    "region": t.region,
                    "indicator": t.indicator,
                    "name_zh": names.name_zh,
                    "name_en": names.name_en,
                    "period": str(p),
                    "value": "",
                    "unit": unit or names.unit,
                    "source": "",
                    "lead_unit": t.lead_unit or "; ".join(t.responsible_units),
                    "id": "",
                },
            )
            row["id"] = ";".join(x for x in (row["id"], t.id) if x)
    return pd.DataFrame(list(rows.values()), columns=TEMPLATE_COLUMNS)


def _headings(lang: str) -> list[str]:
    from ontrack.i18n import check_language

    check_language(lang)
    if lang == "en":
        return list(TEMPLATE_COLUMNS)
    # The Chinese headers the observations reader knows (column_names.hpp): each column's first alias.
    return [_core.chinese_column_name(c) for c in TEMPLATE_COLUMNS]


def template_text(frame: pd.DataFrame, lang: str = "zh") -> str:
    """The request as CSV text with ``lang`` headings (readable back as observations)."""
    return frame.set_axis(_headings(lang), axis=1).to_csv(index=False, lineterminator="\n")


def write_template(frame: pd.DataFrame, path: "str | os.PathLike[str]", lang: str = "zh") -> None:
    """Writes the request: ``.xlsx`` as a formatted sheet (value column highlighted, frozen header,
    periods and ids as text), anything else as CSV with a byte-order mark for Excel."""
    from ontrack.excel import is_excel_path, openpyxl_module, save_workbook

    headings = _headings(lang)
    if not is_excel_path(path):
        from ontrack._files import write_atomically

        write_atomically(os.fspath(path), "\ufeff" + template_text(frame, lang))
        return
    openpyxl = openpyxl_module()
    Font, PatternFill = openpyxl.styles.Font, openpyxl.styles.PatternFill
    get_column_letter = openpyxl.utils.get_column_letter

    from ontrack.cli_format import display_width

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "数据需求" if lang == "zh" else "data request"
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    value_column = TEMPLATE_COLUMNS.index("value") + 1
    fill = PatternFill("solid", start_color="FFF2CC", end_color="FFF2CC")
    for record in frame.to_dict("records"):
        sheet.append([record[c] if record[c] != "" else None for c in TEMPLATE_COLUMNS])
        row = sheet.max_row
        sheet.cell(row=row, column=value_column).fill = fill
        # Periods stay text: a number cell 2021 would read back as 2021 too, but 2021-Q1 would not.
        sheet.cell(row=row, column=TEMPLATE_COLUMNS.index("period") + 1).number_format = "@"
    sheet.freeze_panes = "A2"
    for i, heading in enumerate(headings, start=1):
        values = [heading] + [str(sheet.cell(row=r, column=i).value or "") for r in range(2, min(sheet.max_row, 200) + 1)]
        sheet.column_dimensions[get_column_letter(i)].width = min(50, max(8, max(display_width(v) for v in values) + 2))
    save_workbook(book, path)

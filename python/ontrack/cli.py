"""The ``ontrack`` command line.

    ontrack assess --targets T.csv [--targets T2.csv] --observations O.csv [--as-of YYYY-MM-DD]
                   [--method M] [--scheme S] [--vintage V] [--format table|csv|json|html] [--output FILE]
    ontrack evaluate --targets T.csv [--targets T2.csv] --observations O.csv [--vintage V]
                     [--format table|csv|json] [--output FILE]
    ontrack extract PLAN.txt [--output targets.csv] [--region R] [--document D] [--span 2021—2025] [--year YYYY]
                    [--observations obs.csv] [--review review.csv] [--merge-repeats]

Exit status 0 on success; 2 on bad input, with one line on stderr naming the file, line and field; 3 on
an internal error (a bug), with one line naming it and one asking to report it. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ontrack import _core
from ontrack._export import MAX_MESSAGE_CHARS, result_csv, result_json, visible
from ontrack._files import write_atomically as _write_atomically
from ontrack.assessment import BASIS_NAMES, assess_table, summarize
from ontrack.io import evaluate_table, read_observations, read_targets
from ontrack.indicators import read_indicator_catalogue


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # Usage problems are bad input too: one line, exit 2.
        sys.stderr.write(f"ontrack: {message}\n")
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ontrack", description="Track plan indicators against their targets.")
    parser.add_argument("--version", action="version", version=f"ontrack {_core.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    assess = commands.add_parser("assess", help="will each target be met? projection, probability, pace and status")
    assess.add_argument("--targets", action="append", required=True, help="targets CSV (repeatable)")
    assess.add_argument("--observations", action="append", required=True, help="observations CSV or .xlsx (repeatable: merged)")
    assess.add_argument(
        "--as-of", dest="as_of", default="today",
        help="the day of the assessment (2026-12-01, 2026/12/01, 2026-12 for its last day; default today): only figures "
        "published by then count, and a passed deadline whose figure is not out is awaiting_data; 'all' uses every figure in the file",
    )
    assess.add_argument(
        "--publication-lag", dest="publication_lag", type=int, metavar="MONTHS",
        help="months from the end of a period to its figure's release, for rows without a publication date, for every "
        "indicator (default: the indicator's lag in --indicators, else by frequency: annual 6, quarterly 2, monthly 1)",
    )
    assess.add_argument(
        "--indicators", metavar="FILE",
        help="indicator catalogue CSV whose publication_lag_months apply to rows without a publication date "
        "(default: the bundled catalogue)",
    )
    assess.add_argument(
        "--method",
        default="default",
        choices=[_core.DEFAULT_METHOD, *_core.method_names()],
        help="projection method (default: the calibrated default, docs/calibration.md)",
    )
    assess.add_argument("--calibration", help="a calibration file (ontrack calibrate --fit) replacing the method's own intervals")
    assess.add_argument(
        "--scheme",
        default="probability",
        choices=_core.scheme_names(),
    )
    assess.add_argument("--vintage", default="first_release", help="release to use where several exist (default: first_release)")
    assess.add_argument(
        "--format", choices=["table", "csv", "json", "html", "pdf"], default="table",
        help="html: a self-contained page, table and charts (needs matplotlib: pip install ontrack[plot]); "
        "pdf: that page printed by headless Chromium",
    )
    assess.add_argument("--output", help="write here instead of standard output (atomically); a .xlsx name writes a formatted workbook")
    _add_people_options(assess)
    calibrate = commands.add_parser(
        "calibrate", help="how honest have projections been on a panel? coverage, PIT, interval score, Brier; or fit a calibration"
    )
    calibrate.add_argument("panel", nargs="+", help="panel CSV: region, year or period, value (indicator, unit optional); an observations CSV works too")
    calibrate.add_argument("--methods", help="comma-separated report methods (default: the classic ones, rw_drift and default)")
    calibrate.add_argument("--horizon", type=int, default=5, help="periods ahead (default 5)")
    calibrate.add_argument("--all-years", action="store_true", help="M+loro: calibrate with every other region's errors, not only those published by the origin")
    calibrate.add_argument("--fit", metavar="METHOD", help="instead of the report, fit a calibration of METHOD on the panel and write it as JSON")
    calibrate.add_argument("--format", choices=["table", "csv"], default="table")
    calibrate.add_argument("--output", help="write here instead of standard output (atomically)")
    evaluate = commands.add_parser(
        "evaluate", help="say, from observed data only, which targets are met, missed or pending"
    )
    evaluate.add_argument("--targets", action="append", required=True, help="targets CSV (repeatable)")
    evaluate.add_argument("--observations", action="append", required=True, help="observations CSV or .xlsx (repeatable: merged)")
    evaluate.add_argument(
        "--vintage", default="first_release", help="release to use where several exist (default: first_release)"
    )
    evaluate.add_argument("--format", choices=["table", "csv", "json"], default="table")
    evaluate.add_argument("--output", help="write here instead of standard output (atomically); a .xlsx name writes a workbook")
    _add_people_options(evaluate)
    extract = commands.add_parser(
        "extract", help="propose the targets a Chinese plan text states (a targets file, plus a review table)"
    )
    extract.add_argument("plan", help="the plan text (UTF-8)")
    extract.add_argument("--output", help="targets CSV to write (default: standard output)")
    extract.add_argument("--region", default="", help="region written into every row")
    extract.add_argument("--document", help="document name written into every row (default: the file name)")
    extract.add_argument("--span", help="plan span for sentences without a deadline, e.g. 2021—2025 or 十四五 (default: read from the text)")
    extract.add_argument(
        "--year", type=int, help="the year the document was issued, for 今年/全年/明年 (default: read from the text's date)"
    )
    extract.add_argument("--observations", help="also write the baseline figures as an observations CSV")
    extract.add_argument("--review", help="also write every row (targets and baselines) with the review columns")
    extract.add_argument("--merge-repeats", action="store_true", help="one row per target when the plan restates it")
    _add_template_command(commands)
    return parser


def _add_people_options(command: argparse.ArgumentParser) -> None:
    """Options for the files people keep and the tables they read."""
    command.add_argument("--lang", choices=["en", "zh"], default="en", help="language of the table and report (zh: Chinese)")
    command.add_argument("--encoding", help="encoding of CSV inputs that are not UTF-8 (default: detected, GB18030 tried)")
    command.add_argument("--all", dest="show_all", action="store_true", help="list every target in the table, not_assessable ones too")
    command.add_argument(
        "--excel", action="store_true", help="CSV for Excel: with a byte-order mark (default for a .csv output with --lang zh)"
    )


def _add_template_command(commands: "argparse._SubParsersAction[Any]") -> None:
    template = commands.add_parser(
        "template", help="the observations each target still needs, as a sheet to fill in and read back with --observations"
    )
    template.add_argument("--targets", action="append", required=True, help="targets CSV or .xlsx (repeatable)")
    template.add_argument("--observations", action="append", help="observations already held (repeatable)")
    template.add_argument("--as-of", dest="as_of", help="the date the figures are requested on (default: today)")
    template.add_argument("--output", help=".xlsx (formatted) or .csv to write (default: a table on standard output)")
    template.add_argument("--lang", choices=["en", "zh"], default="zh", help="language of the sheet's headers (default: zh)")
    template.add_argument("--encoding", help="encoding of CSV inputs that are not UTF-8")


def _read_inputs(args: argparse.Namespace) -> tuple[list[_core.Target], _core.ObservationTable]:
    """Targets and observations of a command: CSV or Excel, merged when repeated."""
    encoding = getattr(args, "encoding", None)
    targets = [t for path in args.targets for t in read_targets(path, encoding=encoding)]
    paths = args.observations or []
    if not paths:
        return targets, _core.ObservationTable([])
    from ontrack.io import _read_observations_lenient, merge_observations

    # A row that cannot be read is left out with a warning naming it; the file's other rows are used.
    tables = []
    for path in paths:
        table, rejected = _read_observations_lenient(path, encoding)
        for _, message in rejected:
            _say(f"warning: {message} (this row is left out)")
        tables.append((path, table))

    observations = tables[0][1] if len(tables) == 1 else merge_observations(tables)
    # Where each row came from, for messages that name the file.
    args._origins = {(o.region, o.indicator, str(o.period), o.vintage): path for path, table in tables for o in table.rows}
    return targets, observations


def _match_names(targets: list[_core.Target], observations: _core.ObservationTable) -> _core.ObservationTable:
    """Observations under the region names the targets use (regions.csv names and aliases)."""
    from ontrack.names import match_regions

    matched, _ = match_regions(targets, observations)
    return matched


def _warn_units(
    targets: list[_core.Target], observations: _core.ObservationTable, origins: "dict[tuple[str, str, str, str], str] | None" = None
) -> None:
    """Unit warnings on stderr, one line each (the Python warnings are silenced for the run); units
    that cannot be converted to the target's are an error naming the target, the file and the periods."""
    import warnings

    from ontrack.units import UnitWarning, unit_warnings

    for _, message in unit_warnings(targets, observations):
        sys.stderr.write(f"ontrack: warning: {message}\n")
    from ontrack.units import check_unit_mismatches

    check_unit_mismatches(targets, observations, origins)
    # The same warnings again from assess_table/evaluate_table would repeat these lines.
    warnings.filterwarnings("ignore", category=UnitWarning, module="ontrack")


def _as_of_text(args: argparse.Namespace) -> str | None:
    """--as-of as an ISO date: 2026/12/01, 2026年12月1日, or a month (2026-12) or year for its last day."""
    if not getattr(args, "as_of", None):
        return None
    return str(_core.parse_date(args.as_of, "as_of").isoformat())


def _people_text(args: argparse.Namespace, frame: pd.DataFrame, targets: list[_core.Target], header: str) -> str:
    """The table or CSV people read, in --lang, fitted to the terminal."""
    from ontrack.cli_format import assessment_table_text, evaluation_table_text
    from ontrack.names import suggestions_for

    from ontrack.cli_format import UNLIMITED

    width = UNLIMITED if args.output else None
    if args.format == "table":
        if args.command == "assess":
            hints = suggestions_for(frame, targets, args._observations_table, args.lang)
            return assessment_table_text(frame, targets, header, lang=args.lang, width=width, show_all=args.show_all, suggestions=hints)
        return evaluation_table_text(frame, lang=args.lang, width=width, show_all=args.show_all)
    return ""


def _for_excel(args: argparse.Namespace, text: str) -> str:
    """CSV text with a byte-order mark when Excel will open it (--excel, or a .csv output with --lang zh)."""
    wanted = getattr(args, "excel", False) or (
        getattr(args, "lang", "en") == "zh" and bool(args.output) and str(args.output).lower().endswith(".csv")
    )
    return "\ufeff" + text if wanted and args.format == "csv" and not text.startswith("\ufeff") else text


def _write_workbook_output(args: argparse.Namespace, frame: pd.DataFrame, targets: list[_core.Target], observations: _core.ObservationTable) -> bool:
    """Writes --output as a formatted workbook when it names a .xlsx file; whether it did."""
    if not args.output or not str(args.output).lower().endswith((".xlsx", ".xlsm")):
        return False
    from ontrack.excel import write_table_workbook

    write_table_workbook(frame, args.output, targets=targets, observations=observations, lang=getattr(args, "lang", "en"))
    return True


def _report_language(lang: str) -> dict[str, Any]:
    return {"lang": lang}


def _write_pdf(args: argparse.Namespace, html: str) -> int:
    """--format pdf: the HTML report printed to --output by headless Chromium."""
    from ontrack.report_print import print_pdf

    if not args.output:
        raise _core.ParseError("--format pdf needs --output FILE.pdf (a PDF is not written to standard output)")
    print_pdf(html, args.output)
    return 0


def _template(args: argparse.Namespace) -> int:
    """``ontrack template``: the observations targets still need, as a sheet to fill in."""
    from ontrack.template import template_frame, template_text, write_template

    try:
        targets, observations = _read_inputs(args)
        frame = template_frame(targets, observations, as_of=_as_of_text(args))
        if args.output:
            write_template(frame, args.output, lang=args.lang)
        else:
            sys.stdout.write(template_text(frame, lang=args.lang))
    except (_core.OntrackError, OSError, ImportError) as exc:
        message = " ".join(str(exc).split("\n"))
        sys.stderr.write(f"ontrack: {message}\n")
        return 2
    return 0


def _render_assessment(frame: pd.DataFrame, fmt: str, summary: pd.DataFrame, header: str) -> str:
    if fmt == "csv":
        return result_csv(frame)
    if fmt == "json":
        return result_json(frame)
    shown = frame[["id", "region", "indicator", "target", "deadline", "latest_value", "projected", "probability", "status", "message"]]
    with pd.option_context(
        "display.max_rows", None, "display.max_colwidth", 90, "display.width", 250, "display.float_format", "{:.4g}".format
    ):
        counts = ", ".join(f"{int(n)} {status}" for status, n in summary["targets"].items())
        bases = frame["basis"].value_counts()
        basis_counts = ", ".join(f"{int(bases[b])} {b}" for b in BASIS_NAMES if b in bases.index)
        return (
            header
            + "\n\n"
            + shown.to_string(index=False)
            + f"\n\n{len(frame)} targets: {counts}.\n"
            + f"basis: {basis_counts}.\n"
            + "status: met/missed = deadline observed; achieved = already reached; on_track/at_risk/off_track/regressing = "
            "by the scheme; awaiting_data = deadline passed, figure not yet published (nowcast P, expected date); "
            "not_assessable = no data or too little (message says which).\n"
        )


def _render(frame: pd.DataFrame, fmt: str) -> str:
    if fmt == "csv":
        return result_csv(frame)
    if fmt == "json":
        return result_json(frame)
    # Decided rows first, then open ones, then targets without data; plan order within each group.
    rank = {"missed": 0, "met": 1, "pending": 2, "not_evaluable": 3, "no_data": 4}
    order = frame["verdict"].map(rank).fillna(len(rank)).astype(int)
    shown = frame.assign(_rank=order).sort_values("_rank", kind="stable")[
        ["id", "region", "indicator", "target", "deadline", "verdict", "message"]
    ]
    counts = frame["verdict"].value_counts()
    summary = ", ".join(f"{counts[v]} {v}" for v in counts.index)
    with pd.option_context("display.max_rows", None, "display.max_colwidth", 70, "display.width", 250):
        return (
            shown.to_string(index=False)
            + f"\n\n{len(frame)} targets: {summary}.\n"
            + "Verdicts come from observed data only: 'pending' means the deadline (or a period of the span) "
            "is not observed yet; projections are not part of this report.\n"
        )


def _extract(args: argparse.Namespace) -> int:
    """``ontrack extract``: targets file (and optionally observations and a review table) from a plan text."""
    from ontrack.extraction import extract_rows, extraction_frame, observations_from_rows, targets_from_rows, undated_rows
    from ontrack.io import write_observations, write_targets

    with open(args.plan, "rb") as stream:
        data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _core.ParseError(f"{args.plan}: not valid UTF-8 at byte offset {exc.start}") from None
    document = args.document if args.document is not None else os.path.basename(args.plan)
    rows = extract_rows(
        text, document, args.region, reference_span=args.span, merge_repeats=args.merge_repeats, document_year=args.year
    )
    targets_text = write_targets(targets_from_rows(rows))
    if args.observations:
        table, _ = observations_from_rows(rows)
        _write_atomically(args.observations, write_observations(table))
    if args.review:
        # A review table is opened in a spreadsheet: written as the other result CSVs, formulas neutralised.
        _write_atomically(args.review, result_csv(extraction_frame(rows)))
    if args.output:
        _write_atomically(args.output, targets_text)
    else:
        sys.stdout.write(targets_text)
    undated = undated_rows(rows)
    if undated:
        # Not a target without a deadline, but not to be lost either: say where they are.
        where = f"they are in the review table {args.review}" if args.review else "write the review table (--review) to see them"
        quotes = list(dict.fromkeys(row.target.quote for row in undated))
        shown = "; ".join(quotes[:3]) + (" ..." if len(quotes) > 3 else "")
        sys.stderr.write(
            f"ontrack extract: {len(undated)} target(s) left out of the targets file because the text does not give "
            f"their year (no date, no plan span): {shown}; {where}, or give the document's year with --year "
            "(or the plan span with --span)\n"
        )
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    from ontrack.calibration import REPORT_METHODS, calibration_report, read_panel_csv

    try:
        frames = [read_panel_csv(path) for path in args.panel]
        panel = pd.concat(frames, ignore_index=True)
        if "vintage" in panel.columns:
            first = panel["vintage"].fillna("") == "first_release"
            panel = panel[first | ~panel.groupby(["region", "indicator"])["vintage"].transform(lambda v: (v == "first_release").any())]
        if args.fit:
            calibration = _core.Calibration.fit(panel, args.fit, horizon=args.horizon, source=", ".join(args.panel))
            text = calibration.to_json()
        else:
            methods = [m.strip() for m in args.methods.split(",") if m.strip()] if args.methods else list(REPORT_METHODS)
            report = calibration_report(panel, methods, horizon=args.horizon, real_time=not args.all_years)
            if args.format == "csv":
                text = report.by_horizon.to_csv(index=False, lineterminator="\n")
            else:
                pd.set_option("display.width", 200)
                text = (
                    f"ontrack calibrate: {len(frames)} file(s), horizons 1-{args.horizon}\n\nAll horizons\n"
                    + report.summary.to_string(index=False, float_format=lambda x: f"{x:.3f}")
                    + "\n\nBy horizon\n"
                    + report.by_horizon.to_string(index=False, float_format=lambda x: f"{x:.3f}")
                    + "\n"
                )
        if args.output:
            _write_atomically(args.output, text)
        else:
            sys.stdout.write(text)
    except (_core.OntrackError, OSError, ValueError, KeyError) as exc:
        message = " ".join(str(exc).split("\n"))
        sys.stderr.write(f"ontrack: {message}\n")
        return 2
    return 0


def _with_rejected(frame: pd.DataFrame, rejected: list[tuple[int, str, str]], column: str, verdict: str) -> pd.DataFrame:
    """``frame`` with one more row per rejected target row: its id, ``verdict`` and the reader's error."""
    if not rejected:
        return frame
    extra = pd.DataFrame(
        [{"id": ident, column: verdict, "message": f"{verdict.replace('_', ' ')}: {message}"} for _, ident, message in rejected],
        columns=frame.columns,
    )
    if "scheme_status" in extra.columns:
        extra["scheme_status"] = verdict
    if "basis" in extra.columns:
        extra["basis"] = "none"
    extra = extra.astype({c: frame[c].dtype for c in frame.columns if frame[c].dtype.kind == "f"})
    combined = pd.concat([frame, extra], ignore_index=True) if len(frame) else extra
    combined.attrs = frame.attrs
    return combined


def _read_targets_lenient(path: str, encoding: "str | None") -> tuple[list[_core.Target], list[tuple[int, str, str]]]:
    """The valid targets of a file and, for a UTF-8 CSV or a workbook, its rejected rows (line, id, why),
    so that one bad row does not stop the run; CSV in other encodings is read whole."""
    from ontrack import excel

    if excel.is_excel_path(path):
        text, source = excel.read_sheet_text(path, "targets")
        readable, bad = _core._read_targets_text_lenient(text, source)
        return list(readable), list(bad)
    if encoding is not None or os.path.isdir(path) or not os.path.exists(path):
        return read_targets(path, encoding=encoding), []
    try:
        readable, bad = _core._read_targets_file_lenient(os.fspath(path))
        return list(readable), list(bad)
    except _core.ParseError as exc:
        if "not valid UTF-8" not in exc.reason:
            raise
        return read_targets(path, encoding=encoding), []


def _run(argv: Sequence[str] | None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    if args.command == "calibrate":
        return _calibrate(args)
    if args.command == "template":
        return _template(args)
    import warnings

    with warnings.catch_warnings():
        return _assess_or_evaluate(args)


def _assess_or_evaluate(args: argparse.Namespace) -> int:
    # A row that is not a valid target is reported as such, and the other targets are assessed.
    encoding = getattr(args, "encoding", None)
    targets: list[_core.Target] = []
    rejected: list[tuple[int, str, str]] = []
    for path in args.targets:
        readable, bad = _read_targets_lenient(path, encoding)
        targets += readable
        rejected += bad
    args.targets = []  # read above; _read_inputs reads only the observations
    _, observations = _read_inputs(args)
    observations = _match_names(targets, observations)
    args._observations_table = observations
    _warn_units(targets, observations, getattr(args, "_origins", None))
    if args.command == "assess":
        calibration = _core.Calibration.load(args.calibration) if args.calibration else None
        as_of = None if args.as_of == "all" else ("today" if args.as_of == "today" else _as_of_text(args))
        frame = _with_rejected(
            assess_table(
                targets, observations, method=args.method, scheme=args.scheme, as_of=as_of, vintage=args.vintage,
                publication_lag=args.publication_lag, calibration=calibration,
                indicators=read_indicator_catalogue(args.indicators) if args.indicators else "bundled",
            ),
            rejected, "status", "not_assessable",
        )
        used = frame.attrs["as_of"]
        header = f"ontrack assess: scheme {args.scheme}, method {args.method}" + (
            f", calibration {args.calibration}" if args.calibration else ""
        ) + (
            f", as of {used}" + (" (today)" if args.as_of == "today" else "") if used else ", every figure in the file (no as-of day)"
        )
        if args.lang == "zh":
            from ontrack.i18n import phrase

            when = phrase("as_of", "zh", date=used) if used else phrase("all_data", "zh")
            header = phrase("assess_header", "zh", scheme=args.scheme, method=args.method, when=when)
        if _write_workbook_output(args, frame, targets, observations):
            return 0
        if args.format in ("html", "pdf"):
            from ontrack.report import render_report

            text = render_report(frame, targets, observations, vintage=args.vintage, header=header, **_report_language(args.lang))
            if args.format == "pdf":
                return _write_pdf(args, text)
        elif args.format == "table":
            text = _people_text(args, frame, targets, header)
        else:
            text = _render_assessment(frame, args.format, summarize(frame, targets, "status"), header)
    else:
        frame = _with_rejected(evaluate_table(targets, observations, vintage=args.vintage), rejected, "verdict", "not_evaluable")
        if _write_workbook_output(args, frame, targets, observations):
            return 0
        text = _people_text(args, frame, targets, "") if args.format == "table" else _render(frame, args.format)
    text = _for_excel(args, text)
    if args.output:
        _write_atomically(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


#: Exit statuses: 2 for input the command cannot use (bad files, arguments, data; missing optional
#: packages), 3 for an internal error, 130 after Ctrl-C.
EXIT_BAD_INPUT = 2
EXIT_INTERNAL_ERROR = 3
EXIT_INTERRUPTED = 130

def _say(*lines: str) -> None:
    try:
        for line in lines:
            sys.stderr.write(f"ontrack: {visible(line)}\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass  # stderr closed: nothing more can be said


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (see ``EXIT_*``). Every failure is one line on
    stderr, never a traceback: bad input (an ontrack error, an unreadable or unwritable file, a missing
    optional package) exits 2; anything else is an internal error, exit 3, with a line asking to
    report it."""
    try:
        return _run(argv)
    except SystemExit:
        raise  # argparse: --help, --version, usage errors (already one line, exit 2)
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of standard output went away (| head): nothing to report, and nothing more to write.
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - keeps the interpreter's final flush quiet
        except OSError:
            pass
        return EXIT_BAD_INPUT
    except (_core.OntrackError, OSError, ImportError, UnicodeError, MemoryError, RecursionError) as exc:
        message = str(exc) or type(exc).__name__
        if isinstance(exc, MemoryError):
            message = "not enough memory for this input (see the size limits in docs/robustness.md)"
        elif isinstance(exc, RecursionError):
            message = "the input is nested too deeply"
        _say(message)
        return EXIT_BAD_INPUT
    except Exception as exc:  # noqa: BLE001 - the last net: no traceback, a report request instead
        _say(
            f"internal error: {type(exc).__name__}: {exc}",
            "this is a bug in ontrack: please report it with the command line and, if you can, the input files",
        )
        return EXIT_INTERNAL_ERROR


if __name__ == "__main__":
    raise SystemExit(main())

"""The ``ontrack`` command line.

    ontrack assess --targets T.csv [--targets T2.csv] --observations O.csv [--as-of YYYY-MM-DD]
                   [--method M] [--scheme S] [--vintage V] [--format table|csv|json|html] [--output FILE]
    ontrack evaluate --targets T.csv [--targets T2.csv] --observations O.csv [--vintage V]
                     [--format table|csv|json] [--output FILE]
    ontrack extract PLAN.txt [--output targets.csv] [--region R] [--document D] [--span 2021—2025]
                    [--observations obs.csv] [--review review.csv] [--merge-repeats]

Exit status 0 on success; 2 on bad input, with one line on stderr naming the file, line and field; 3 on
an internal error (a bug), with one line naming it and one asking to report it. Never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence

import pandas as pd

from ontrack import _core
from ontrack._export import result_csv, result_json
from ontrack.assessment import assess_table, summarize
from ontrack.io import evaluate_table, read_observations, read_targets


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
    assess.add_argument("--observations", required=True, help="observations CSV")
    assess.add_argument("--as-of", dest="as_of", help="use only what was known on this date (YYYY-MM-DD)")
    assess.add_argument(
        "--method",
        default="auto",
        choices=["auto", "linear", "loglinear", "cagr", "weighted_linear", "holt", "holt_damped"],
    )
    assess.add_argument(
        "--scheme",
        default="probability",
        choices=["probability", "statcan", "unsd", "unsd2023", "eurostat", "escap", "sdsn"],
    )
    assess.add_argument("--vintage", default="first_release", help="release to use where several exist (default: first_release)")
    assess.add_argument(
        "--format", choices=["table", "csv", "json", "html"], default="table",
        help="html: a self-contained page, table and charts (needs matplotlib: pip install ontrack[plot])",
    )
    assess.add_argument("--output", help="write here instead of standard output (atomically)")
    evaluate = commands.add_parser(
        "evaluate", help="say, from observed data only, which targets are met, missed or pending"
    )
    evaluate.add_argument("--targets", action="append", required=True, help="targets CSV (repeatable)")
    evaluate.add_argument("--observations", required=True, help="observations CSV")
    evaluate.add_argument(
        "--vintage", default="first_release", help="release to use where several exist (default: first_release)"
    )
    evaluate.add_argument("--format", choices=["table", "csv", "json"], default="table")
    evaluate.add_argument("--output", help="write here instead of standard output (atomically)")
    extract = commands.add_parser(
        "extract", help="propose the targets a Chinese plan text states (a targets file, plus a review table)"
    )
    extract.add_argument("plan", help="the plan text (UTF-8)")
    extract.add_argument("--output", help="targets CSV to write (default: standard output)")
    extract.add_argument("--region", default="", help="region written into every row")
    extract.add_argument("--document", help="document name written into every row (default: the file name)")
    extract.add_argument("--span", help="plan span for sentences without a deadline, e.g. 2021—2025 or 十四五 (default: read from the text)")
    extract.add_argument("--observations", help="also write the baseline figures as an observations CSV")
    extract.add_argument("--review", help="also write every row (targets and baselines) with the review columns")
    extract.add_argument("--merge-repeats", action="store_true", help="one row per target when the plan restates it")
    return parser


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
        return (
            header
            + "\n\n"
            + shown.to_string(index=False)
            + f"\n\n{len(frame)} targets: {counts}.\n"
            + "status: met/missed = deadline observed; achieved = already reached; on_track/at_risk/off_track/regressing = "
            "by the scheme; not_assessable = no data or too little (message says which).\n"
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


def _write_atomically(path: str, text: str) -> None:
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ontrack-", suffix=".tmp")
    try:
        # mkstemp creates the file readable by its owner only; give the result the permissions any
        # new file gets here (0666 less the umask), or those of the file it replaces.
        umask = os.umask(0)
        os.umask(umask)
        mode = os.stat(path).st_mode & 0o777 if os.path.exists(path) else 0o666 & ~umask
        os.chmod(temporary, mode)
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())  # on disk before the rename makes it the file
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


def _extract(args: argparse.Namespace) -> int:
    """``ontrack extract``: targets file (and optionally observations and a review table) from a plan text."""
    from ontrack.extraction import extract_rows, extraction_frame, observations_from_rows, targets_from_rows
    from ontrack.io import write_observations, write_targets

    with open(args.plan, "rb") as stream:
        data = stream.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _core.ParseError(f"{args.plan}: not valid UTF-8 at byte offset {exc.start}") from None
    document = args.document if args.document is not None else os.path.basename(args.plan)
    rows = extract_rows(text, document, args.region, reference_span=args.span, merge_repeats=args.merge_repeats)
    targets_text = write_targets(targets_from_rows(rows))
    if args.observations:
        table, _ = observations_from_rows(rows)
        _write_atomically(args.observations, write_observations(table))
    if args.review:
        _write_atomically(args.review, extraction_frame(rows).to_csv(index=False, lineterminator="\n"))
    if args.output:
        _write_atomically(args.output, targets_text)
    else:
        sys.stdout.write(targets_text)
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
    extra = extra.astype({c: frame[c].dtype for c in frame.columns if frame[c].dtype.kind == "f"})
    return pd.concat([frame, extra], ignore_index=True) if len(frame) else extra


def _run(argv: Sequence[str] | None) -> int:
    args = _build_parser().parse_args(argv)
    if args.command == "extract":
        return _extract(args)
    # A row that is not a valid target is reported as such, and the other targets are assessed.
    targets: list[_core.Target] = []
    rejected: list[tuple[int, str, str]] = []
    for path in args.targets:
        readable, bad = _core._read_targets_file_lenient(os.fspath(path))
        targets += readable
        rejected += bad
    observations = read_observations(args.observations)
    if args.command == "assess":
        frame = _with_rejected(
            assess_table(targets, observations, method=args.method, scheme=args.scheme, as_of=args.as_of, vintage=args.vintage),
            rejected, "status", "not_assessable",
        )
        header = f"ontrack assess: scheme {args.scheme}, method {args.method}" + (
            f", as of {args.as_of}" if args.as_of else ", all published data"
        )
        if args.format == "html":
            from ontrack.report import render_report

            text = render_report(
                frame, targets, observations, as_of=args.as_of, method=args.method, scheme=args.scheme,
                vintage=args.vintage, header=header,
            )
        else:
            text = _render_assessment(frame, args.format, summarize(frame, targets, "status"), header)
    else:
        frame = _with_rejected(evaluate_table(targets, observations, vintage=args.vintage), rejected, "verdict", "not_evaluable")
        text = _render(frame, args.format)
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

#: At most this many characters of a message are printed.
MAX_MESSAGE_CHARS = 2000

_INVISIBLE = {
    0x00A0, 0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202F,
    0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xFEFF,
    *range(0x202A, 0x202F), *range(0x2066, 0x206A),
}


def visible(text: str, limit: int = MAX_MESSAGE_CHARS) -> str:
    """``text`` safe to print on a terminal, on one line: line breaks and tabs as ``\\n``, ``\\r``,
    ``\\t``, other control characters (ESC, NUL, C1) as ``\\xNN``, invisible characters (no-break
    space, zero-width and direction marks, U+FEFF) as ``\\uNNNN``, as the compiled core writes its
    messages; cut after ``limit`` characters with "… (N more characters)"."""
    out = []
    for i, c in enumerate(text):
        if i >= limit:
            out.append(f"… ({len(text) - i} more characters)")
            break
        code = ord(c)
        if c == "\n":
            out.append("\\n")
        elif c == "\r":
            out.append("\\r")
        elif c == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7F or 0x80 <= code <= 0x9F:
            out.append(f"\\x{code:02x}")
        elif code in _INVISIBLE or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(c)
    return "".join(out)


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

#!/usr/bin/env python3
"""Check the extraction development corpus: every ``readings_*.csv`` against its ``docs/*.txt``.

Standard library only. Importable (``check_part(readings_path) -> list[str]``, ``check_all(folder)``) and a
command line:

    python tests/data/extraction/corpus/check_corpus.py [READINGS.csv ...]

With no argument every ``readings_*.csv`` next to this file is checked. Each problem is printed on one line
as ``file:line: column: value: what is wrong (the fix)``; the exit status is 1 when there is any problem, else
0 after a summary of rows per part and type.

What is checked (README.md in this folder and ../README.md describe the conventions):

* ``readings_X.csv`` is UTF-8 without BOM, LF line ends, final newline, the gold.csv header exactly, no cell
  with leading or trailing spaces; ``documents_X.csv`` has its header, one row per document, and every
  document file exists;
* every row names a document of ``docs/`` (beside the readings file) listed in ``documents_X.csv``; ``quote`` is non-empty,
  ``end == start + len(quote)`` and ``text[start:end] == quote`` (code points of the UTF-8 text);
* rows are sorted by document and start;
* ``row_type`` is ``target``, ``baseline`` or ``non_target``;
* targets: ``kind`` is a kind of docs/targets_csv.md, ``comparator`` one of its comparators; numbers parse;
  ``trend``/``non_decreasing`` have no value and no stretch, the other kinds a value; ``within`` needs
  ``value_high``, other comparators have none; growth rates are fractions (|value| < 1); stretch >= value;
* baselines: kind ``level``, comparator empty or ``>`` (余/多), a value, no stretch and no baseline period;
* non-targets: ``notes`` starts with a category (past_result, statistic, structure, duration, date, forecast,
  name); kind, comparator, value_high, stretch and the periods are empty; ``value`` empty or a number;
* periods are ``YYYY``, ``YYYY-Qn`` or ``YYYY-MM``, and period_start <= period;
* ``indicator`` is empty or an id of examples/data/indicators.csv (when that file exists) or of the ids used
  in examples/data/observations.csv / seed_targets.csv.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[3]

COLUMNS = [
    "document", "row_type", "region", "indicator_text", "indicator", "kind", "comparator", "value", "value_high",
    "unit", "period_start", "period", "baseline_period", "stretch", "quote", "start", "end", "notes",
]
DOCUMENT_COLUMNS = [
    "document", "province", "title", "issuer", "date", "plan_span", "source_url", "retrieved_via", "notes",
]
ROW_TYPES = ("target", "baseline", "non_target")
NON_TARGET_CATEGORIES = ("past_result", "statistic", "structure", "duration", "date", "forecast", "name")
COMPARATORS = (">=", ">", "<=", "<", "~", "within")
DIRECTION_KINDS = ("trend", "non_decreasing")
RATE_KINDS = ("growth", "average_growth")
PERIOD = re.compile(r"\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?")
DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
SPAN = re.compile(r"(\d{4})(-(\d{4}))?")
FALLBACK_KINDS = ("level", "relative", "growth", "average_growth", "increment", "cumulative", "per_period",
                  "non_decreasing", "trend")


def kinds_from_spec(repo: Path = REPO) -> set[str]:
    """The kinds of the '### Kinds' table of docs/targets_csv.md (the targets-file vocabulary)."""
    spec_path = repo / "docs" / "targets_csv.md"
    if not spec_path.exists():
        return set(FALLBACK_KINDS)
    spec = spec_path.read_text(encoding="utf-8")
    section = spec.split("### Kinds", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))


def known_indicator_ids(repo: Path = REPO) -> set[str]:
    ids: set[str] = set()
    data = repo / "examples" / "data"
    sources = [("indicators.csv", "id"), ("observations.csv", "indicator"), ("seed_targets.csv", "indicator")]
    for name, column in sources:
        path = data / name
        if path.exists():
            with open(path, encoding="utf-8", newline="") as handle:
                ids.update(row[column] for row in csv.DictReader(handle) if row.get(column))
    return ids


def parse_number(cell: str) -> float | None:
    """The cell as a finite number, or None when it is not one."""
    try:
        value = float(cell)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def read_csv(path: Path, columns: list[str], problems: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows with their line numbers; header and file-form problems appended to ``problems``."""
    raw = path.read_bytes()
    name = path.name
    if raw.startswith(b"\xef\xbb\xbf"):
        problems.append(f"{name}:1: file starts with a byte-order mark (save as UTF-8 without BOM)")
        raw = raw[3:]
    if b"\r" in raw:
        problems.append(f"{name}: CR line ends (write LF only)")
    if raw and not raw.endswith(b"\n"):
        problems.append(f"{name}: no newline at the end of the file (add one)")
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(f"{name}: not UTF-8 at byte {error.start} (re-encode as UTF-8)")
        return []
    records = list(csv.reader(io.StringIO(body, newline="")))
    if not records or records[0] != columns:
        got = records[0] if records else []
        problems.append(f"{name}:1: header is {','.join(got)!r} (expected {','.join(columns)!r})")
        return []
    rows = []
    for line, record in enumerate(records[1:], start=2):
        if len(record) != len(columns):
            problems.append(f"{name}:{line}: {len(record)} fields (expected {len(columns)}; quote cells with commas)")
            continue
        rows.append((line, dict(zip(columns, record))))
        for column, cell in zip(columns, record):
            if cell != cell.strip():
                problems.append(f"{name}:{line}: {column}: {cell!r}: leading or trailing space (strip it)")
    return rows


def check_documents(path: Path, docs: Path, problems: list[str]) -> set[str]:
    """The document names listed in a documents_X.csv, after checking its rows."""
    names: set[str] = set()
    for line, row in read_csv(path, DOCUMENT_COLUMNS, problems):
        where = f"{path.name}:{line}"
        document = row["document"]
        if document in names:
            problems.append(f"{where}: document: {document!r}: listed twice (one row per document)")
        names.add(document)
        if not (docs / document).is_file():
            problems.append(f"{where}: document: {document!r}: no such file in {docs} (add the text or fix the name)")
        for column in ("province", "title", "source_url", "retrieved_via"):
            if not row[column]:
                problems.append(f"{where}: {column}: empty (say where the text came from)")
        if row["date"] and not DATE.fullmatch(row["date"]):
            problems.append(f"{where}: date: {row['date']!r}: not YYYY, YYYY-MM or YYYY-MM-DD")
        span = SPAN.fullmatch(row["plan_span"]) if row["plan_span"] else None
        if row["plan_span"] and (span is None or (span.group(3) and span.group(3) < span.group(1))):
            problems.append(f"{where}: plan_span: {row['plan_span']!r}: not YYYY or YYYY-YYYY (first <= last)")
    return names


def check_row(row: dict[str, str], where: str, kinds: set[str], indicator_ids: set[str]) -> list[str]:
    """Problems of one reading's fields (offsets are checked by the caller)."""
    out: list[str] = []

    def bad(column: str, why: str) -> None:
        out.append(f"{where}: {column}: {row[column]!r}: {why}")

    row_type = row["row_type"]
    if row_type not in ROW_TYPES:
        bad("row_type", f"not one of {', '.join(ROW_TYPES)}")
        return out
    for column in ("value", "value_high", "stretch"):
        if row[column] and parse_number(row[column]) is None:
            bad(column, "not a finite number (write digits: 1.5, 0.05, 100)")
    for column in ("period_start", "period", "baseline_period"):
        if row[column] and not PERIOD.fullmatch(row[column]):
            bad(column, "not a period (YYYY, YYYY-Qn or YYYY-MM)")
    if row["period_start"] and row["period"] and row["period_start"] > row["period"]:
        bad("period_start", f"after period {row['period']!r}")
    if row["indicator"] and indicator_ids and row["indicator"] not in indicator_ids:
        bad("indicator", "not an id of the indicator catalogue (leave empty or use a catalogue id)")
    if not row["region"]:
        bad("region", "empty (name the province or city)")

    if row_type == "non_target":
        category = re.split(r"[;:,\s]", row["notes"], maxsplit=1)[0]
        if category not in NON_TARGET_CATEGORIES:
            bad("notes", f"a non_target's notes must start with one of {', '.join(NON_TARGET_CATEGORIES)}")
        for column in ("kind", "comparator", "value_high", "stretch", "period_start", "period", "baseline_period"):
            if row[column]:
                bad(column, "must be empty for a non_target")
        return out

    if not row["indicator_text"]:
        bad("indicator_text", "empty (the noun phrase the number belongs to)")
    value = parse_number(row["value"]) if row["value"] else None
    if row_type == "baseline":
        if row["kind"] != "level":
            bad("kind", "a baseline's kind is level")
        if row["comparator"] not in ("", ">"):
            bad("comparator", "a baseline's comparator is empty or > (余/多)")
        if value is None:
            bad("value", "a baseline needs a number")
        for column in ("stretch", "baseline_period", "value_high"):
            if row[column]:
                bad(column, "must be empty for a baseline")
        return out

    kind = row["kind"]
    if kind not in kinds:
        bad("kind", f"not a kind of docs/targets_csv.md ({', '.join(sorted(kinds))})")
    if row["comparator"] not in COMPARATORS:
        bad("comparator", f"not one of {' '.join(COMPARATORS)}")
    if kind in DIRECTION_KINDS:
        for column in ("value", "stretch"):
            if row[column]:
                bad(column, f"must be empty for kind {kind}")
    elif kind in kinds and value is None and not row["value"]:
        bad("value", f"kind {kind} needs a number")
    if row["comparator"] == "within":
        if not row["value_high"]:
            bad("value_high", "comparator within needs value_high")
    elif row["value_high"]:
        bad("value_high", "only comparator within takes value_high (a range 2—3 is >= 2 with stretch 3)")
    if kind in RATE_KINDS and value is not None and abs(value) >= 1:
        bad("value", f"a {kind} rate is a fraction (0.05 for 5%)")
    stretch = parse_number(row["stretch"]) if row["stretch"] else None
    if stretch is not None and value is not None and row["comparator"] in (">=", ">", "~") and stretch < value:
        bad("stretch", f"smaller than value {row['value']}")
    return out


def check_part(readings: Path) -> list[str]:
    """Every problem of one readings_X.csv (with its documents_X.csv and docs/)."""
    problems: list[str] = []
    docs = readings.parent / "docs"
    part = readings.stem.removeprefix("readings_")
    documents_path = readings.with_name(f"documents_{part}.csv")
    listed = check_documents(documents_path, docs, problems) if documents_path.exists() else None
    if listed is None:
        problems.append(f"{readings.name}: no {documents_path.name} beside it (list the documents)")
    kinds = kinds_from_spec()
    indicator_ids = known_indicator_ids()
    texts: dict[str, str] = {}
    previous: tuple[str, int] | None = None
    for line, row in read_csv(readings, COLUMNS, problems):
        where = f"{readings.name}:{line}"
        problems.extend(check_row(row, where, kinds, indicator_ids))
        document = row["document"]
        if listed is not None and document not in listed:
            problems.append(f"{where}: document: {document!r}: not in {documents_path.name} (add it there)")
        if document not in texts:
            path = docs / document
            if not path.is_file():
                problems.append(f"{where}: document: {document!r}: no such file in {docs}")
                continue
            texts[document] = path.read_text(encoding="utf-8")
        if not row["quote"]:
            problems.append(f"{where}: quote: empty (the clause holding the number)")
            continue
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            problems.append(f"{where}: start/end: {row['start']!r}/{row['end']!r}: not integers")
            continue
        if end != start + len(row["quote"]):
            problems.append(f"{where}: end: {row['end']!r}: must be start + len(quote) = {start + len(row['quote'])}")
        found = texts[document][start:start + len(row["quote"])]
        if found != row["quote"]:
            at = texts[document].find(row["quote"])
            hint = f"first found at {at}" if at >= 0 else "not in the text at all"
            problems.append(f"{where}: quote: {row['quote']!r}: text at {start} is {found!r} ({hint})")
        key = (document, start)
        if previous is not None and key < previous:
            problems.append(f"{where}: start: {start}: rows not sorted by document and start")
        previous = key
    return problems


def parts(folder: Path = HERE) -> list[Path]:
    return sorted(folder.glob("readings_*.csv"))


def check_all(folder: Path = HERE) -> list[str]:
    problems: list[str] = []
    for path in parts(folder):
        problems.extend(check_part(path))
    return problems


def summary(paths: Sequence[Path]) -> str:
    lines = []
    for path in paths:
        with open(path, encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        counts = {row_type: sum(row["row_type"] == row_type for row in rows) for row_type in ROW_TYPES}
        documents = len({row["document"] for row in rows})
        lines.append(f"{path.name}: {documents} documents, " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    paths = [Path(arg).resolve() for arg in args] if args else parts()
    if not paths:
        print(f"no readings_*.csv in {HERE}", file=sys.stderr)
        return 1
    problems: list[str] = []
    for path in paths:
        problems.extend(check_part(path))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(summary(paths))
    return 0


if __name__ == "__main__":
    sys.exit(main())

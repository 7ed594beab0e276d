#!/usr/bin/env python3
"""Score plan-text extraction output against the hand-made gold list (gold.csv next to this file).

Standard library only. Importable (``score(predicted_rows, gold_rows) -> Score``) and a command line:

    python tests/data/extraction/score.py PREDICTED.csv [--gold GOLD.csv]

Rows are mappings with at least ``document``, ``row_type``, ``start`` and ``end``; ``value``,
``value_high``, ``period`` and ``kind`` are used when present (missing or empty means "not given"). Other
columns are ignored. The matching rule (README.md in this folder):

* a predicted row and a gold row can match when they have the same ``document`` and ``row_type``, their
  character spans ``[start, end)`` overlap, and
  - the gold ``value`` is empty (a direction target: 只增不减, 逐步增加 ...): the span overlap is enough;
  - else the predicted ``value`` is a number equal to the gold value within 1e-9 relative;
  - ``period`` is equal when both rows give one;
  - ``value_high`` is equal (as for ``value``) when the gold row gives one;
* matching is one-to-one and greedy: all admissible pairs are taken in order of decreasing span overlap
  (then nearest start, then file order); each row is used at most once.

Scores are reported per category: ``target`` (numeric targets), ``trend`` (targets of kind ``trend`` or
``non_decreasing``, or with no value), ``baseline``, and ``all``. A matched pair counts in the gold row's
category; an unmatched prediction in its own. Precision is 1.0 when nothing was predicted in a category
and recall is 1.0 when the gold has nothing in it, so empty inputs never divide by zero.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

GOLD_PATH = Path(__file__).resolve().with_name("gold.csv")
TREND_KINDS = frozenset({"trend", "non_decreasing"})
ROW_TYPES = ("target", "baseline")
CATEGORIES = ("target", "trend", "baseline", "all")
REL_TOL = 1e-9

Row = Mapping[str, object]


# ------------------------------------------------------------------------------------------ fields


def text(row: Row, column: str) -> str:
    """The cell as stripped text; a missing column or None is empty."""
    cell = row.get(column)
    if cell is None:
        return ""
    if isinstance(cell, float) and math.isnan(cell):
        return ""
    return str(cell).strip()


def number(row: Row, column: str) -> float | None:
    """The cell as a number, None when empty; ValueError when it is not a number."""
    cell = row.get(column)
    if isinstance(cell, bool):
        raise ValueError(f"column {column!r}: not a number: {cell!r}")
    if isinstance(cell, (int, float)):
        return None if isinstance(cell, float) and math.isnan(cell) else float(cell)
    raw = text(row, column)
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"column {column!r}: not a number: {raw!r}") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"column {column!r}: not a finite number: {raw!r}")
    return value


def offset(row: Row, column: str) -> int:
    value = number(row, column)
    if value is None or value != int(value) or value < 0:
        raise ValueError(f"column {column!r}: needs a non-negative integer offset, got {row.get(column)!r}")
    return int(value)


def period(row: Row) -> str:
    """Period as text; 2025, 2025.0 and "2025" are the same."""
    raw = text(row, "period")
    try:
        as_float = float(raw)
    except ValueError:
        return raw
    return str(int(as_float)) if as_float.is_integer() else raw


def same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0)


def category(row: Row) -> str:
    """target, trend or baseline."""
    if text(row, "row_type") == "baseline":
        return "baseline"
    if text(row, "kind") in TREND_KINDS or text(row, "value") == "":
        return "trend"
    return "target"


# ------------------------------------------------------------------------------------------ matching


@dataclass(frozen=True)
class Span:
    document: str
    row_type: str
    start: int
    end: int

    @staticmethod
    def of(row: Row) -> Span:
        start, end = offset(row, "start"), offset(row, "end")
        if end < start:
            raise ValueError(f"end {end} is before start {start}")
        return Span(text(row, "document"), text(row, "row_type"), start, end)

    def overlap(self, other: Span) -> int:
        """Characters shared by the two half-open spans (0: none). An empty span overlaps a span containing it."""
        if self.document != other.document or self.row_type != other.row_type:
            return 0
        shared = min(self.end, other.end) - max(self.start, other.start)
        if shared > 0:
            return shared
        # A zero-length span at a point strictly inside the other span still overlaps it.
        if self.start == self.end and other.start < self.start < other.end:
            return 1
        if other.start == other.end and self.start < other.start < self.end:
            return 1
        return 0


def admissible(predicted: Row, gold: Row, match_kind: bool = False) -> bool:
    """Everything in the rule except the span (checked by the caller); with ``match_kind`` also the kind."""
    if match_kind and text(gold, "kind") and text(predicted, "kind") != text(gold, "kind"):
        return False
    gold_value = number(gold, "value")
    if gold_value is not None:
        predicted_value = number(predicted, "value")
        if predicted_value is None or not same_number(predicted_value, gold_value):
            return False
        gold_high = number(gold, "value_high")
        if gold_high is not None:
            predicted_high = number(predicted, "value_high")
            if predicted_high is None or not same_number(predicted_high, gold_high):
                return False
    gold_period, predicted_period = period(gold), period(predicted)
    return not (gold_period and predicted_period and gold_period != predicted_period)


@dataclass
class Counts:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        predicted = self.true_positives + self.false_positives
        return 1.0 if predicted == 0 else self.true_positives / predicted

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return 1.0 if expected == 0 else self.true_positives / expected

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


@dataclass
class Score:
    """Counts per category, the matched pairs and the unmatched rows (in input order)."""

    counts: dict[str, Counts] = field(default_factory=lambda: {c: Counts() for c in CATEGORIES})
    matches: list[tuple[Row, Row]] = field(default_factory=list)
    false_positives: list[Row] = field(default_factory=list)
    false_negatives: list[Row] = field(default_factory=list)

    def __getitem__(self, category_name: str) -> Counts:
        return self.counts[category_name]

    def table(self) -> str:
        lines = [f"{'category':<10}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'prec':>8}{'recall':>8}{'F1':>8}"]
        for name in CATEGORIES:
            c = self.counts[name]
            gold = c.true_positives + c.false_negatives
            predicted = c.true_positives + c.false_positives
            lines.append(
                f"{name:<10}{gold:>6}{predicted:>6}{c.true_positives:>6}{c.false_positives:>6}{c.false_negatives:>6}"
                f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
            )
        return "\n".join(lines)


def score(predicted_rows: Iterable[Row], gold_rows: Iterable[Row], match_kind: bool = False) -> Score:
    """Match predictions to gold rows one-to-one (greedy, largest span overlap first) and count.

    With ``match_kind`` a pair must also agree on ``kind`` (when the gold row gives one): the document-mode
    corpus score, where 累计…150亿元 read as a level is wrong although its value is right."""
    predicted = list(predicted_rows)
    gold = list(gold_rows)
    for rows, what in ((predicted, "predicted"), (gold, "gold")):
        for index, row in enumerate(rows):
            if text(row, "row_type") not in ROW_TYPES:
                raise ValueError(f"{what} row {index}: row_type must be one of {ROW_TYPES}, got {text(row, 'row_type')!r}")
    try:
        predicted_spans = [Span.of(row) for row in predicted]
        gold_spans = [Span.of(row) for row in gold]
    except ValueError as error:
        raise ValueError(f"bad row: {error}") from None

    candidates: list[tuple[int, int, int, int]] = []
    for p_index, p_span in enumerate(predicted_spans):
        for g_index, g_span in enumerate(gold_spans):
            shared = p_span.overlap(g_span)
            if shared > 0 and admissible(predicted[p_index], gold[g_index], match_kind):
                candidates.append((-shared, abs(p_span.start - g_span.start), p_index, g_index))
    candidates.sort()

    result = Score()
    used_predicted: set[int] = set()
    used_gold: set[int] = set()
    for _, _, p_index, g_index in candidates:
        if p_index in used_predicted or g_index in used_gold:
            continue
        used_predicted.add(p_index)
        used_gold.add(g_index)
        result.matches.append((predicted[p_index], gold[g_index]))
    result.matches.sort(key=lambda pair: (text(pair[1], "document"), offset(pair[1], "start")))

    for _, gold_row in result.matches:
        result.counts[category(gold_row)].true_positives += 1
        result.counts["all"].true_positives += 1
    for p_index, row in enumerate(predicted):
        if p_index not in used_predicted:
            result.false_positives.append(row)
            result.counts[category(row)].false_positives += 1
            result.counts["all"].false_positives += 1
    for g_index, row in enumerate(gold):
        if g_index not in used_gold:
            result.false_negatives.append(row)
            result.counts[category(row)].false_negatives += 1
            result.counts["all"].false_negatives += 1
    return result


# ------------------------------------------------------------------------------------------ files and CLI


def read_rows(path: str | Path) -> list[dict[str, str]]:
    """A CSV file with a header line as a list of dicts (UTF-8, a BOM is ignored)."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def describe(row: Row) -> str:
    value = text(row, "value") or "-"
    period_text = period(row) or "-"
    quote = text(row, "quote") or text(row, "indicator_text")
    return (
        f"  {text(row, 'document')} [{text(row, 'start')}:{text(row, 'end')}] {text(row, 'row_type')} "
        f"{text(row, 'kind') or '-'} value={value} period={period_text}  {quote}"
    )


def report(result: Score) -> str:
    lines = [result.table(), ""]
    lines.append(f"missed gold rows (false negatives): {len(result.false_negatives)}")
    lines.extend(describe(row) for row in result.false_negatives)
    lines.append("")
    lines.append(f"unmatched predictions (false positives): {len(result.false_positives)}")
    lines.extend(describe(row) for row in result.false_positives)
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ corpus (document mode)

CORPUS_DIR = Path(__file__).resolve().with_name("corpus")
SEEDS_DIR = Path(__file__).resolve().parents[3] / "examples" / "data" / "seeds"
#: A kind enters the goal when the corpus has at least this many target rows of it.
KIND_MINIMUM = 10


@dataclass
class CorpusDocument:
    name: str
    text: str
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD from documents_*.csv; empty when unknown


def read_corpus(folder: str | Path = CORPUS_DIR) -> tuple[list[CorpusDocument], list[dict[str, str]]]:
    """The documents (text and date, from ``documents_*.csv`` and ``docs/``) and every ``readings_*.csv`` row."""
    folder = Path(folder)
    documents: list[CorpusDocument] = []
    for listing in sorted(folder.glob("documents_*.csv")):
        for row in read_rows(listing):
            name = row["document"].strip()
            text_path = folder / "docs" / name
            documents.append(CorpusDocument(name, text_path.read_text(encoding="utf-8"), (row.get("date") or "").strip()))
    readings: list[dict[str, str]] = []
    for path in sorted(folder.glob("readings_*.csv")):
        readings.extend(read_rows(path))
    return documents, readings


def predicted_row(document: str, row: object) -> dict[str, object]:
    """An ``ontrack.ExtractedTarget`` in the scorer's columns."""
    target = row.target  # type: ignore[attr-defined]
    return {
        "document": document,
        "row_type": row.row_type,  # type: ignore[attr-defined]
        "kind": target.kind,
        "comparator": target.comparator,
        "value": target.value,
        "value_high": target.value_high,
        "unit": target.unit,
        "period_start": "" if target.period_start is None else str(target.period_start),
        "period": "" if target.period is None else str(target.period),
        "start": row.start,  # type: ignore[attr-defined]
        "end": row.end,  # type: ignore[attr-defined]
        "quote": target.quote,
        "indicator": target.indicator,
    }


def predict_corpus(documents: Sequence[CorpusDocument]) -> list[dict[str, object]]:
    """Runs the extractor on each whole document (sentences run together, as in real use), giving it the
    document's date from the listing (what a user knows of a file) but not its plan span."""
    import ontrack  # the compiled package: only the corpus and seed modes need it

    rows: list[dict[str, object]] = []
    for document in documents:
        year = int(document.date[:4]) if document.date[:4].isdigit() else None
        for row in ontrack.extract_rows(document.text, document.name, document_year=year):
            rows.append(predicted_row(document.name, row))
    return rows


def predict_seeds() -> tuple[list[dict[str, object]], list[dict[str, str]]]:
    import ontrack

    rows: list[dict[str, object]] = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        for row in ontrack.extract_rows(path.read_text(encoding="utf-8"), path.name):
            rows.append(predicted_row(path.name, row))
    return rows, read_rows(GOLD_PATH)


@dataclass
class CorpusScore:
    """Targets matched in document mode (kind must agree), by kind; the non-targets that gave no target."""

    targets: Score
    by_kind: dict[str, Counts]
    non_targets: int
    non_targets_clean: int
    non_target_failures: list[tuple[Row, list[Row]]]
    baselines: Score

    @property
    def non_target_share(self) -> float:
        return 1.0 if self.non_targets == 0 else self.non_targets_clean / self.non_targets

    def goal_kinds(self) -> list[str]:
        return [k for k, c in self.by_kind.items() if c.true_positives + c.false_negatives >= KIND_MINIMUM]

    def table(self) -> str:
        lines = [f"{'kind':<16}{'gold':>6}{'pred':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'prec':>8}{'recall':>8}  goal"]

        def line(name: str, c: Counts, goal: str) -> str:
            gold = c.true_positives + c.false_negatives
            predicted = c.true_positives + c.false_positives
            return (f"{name:<16}{gold:>6}{predicted:>6}{c.true_positives:>6}{c.false_positives:>6}{c.false_negatives:>6}"
                    f"{c.precision:>8.3f}{c.recall:>8.3f}  {goal}")

        goals = set(self.goal_kinds())
        for name in sorted(self.by_kind, key=lambda k: (-(self.by_kind[k].true_positives + self.by_kind[k].false_negatives), k)):
            c = self.by_kind[name]
            lines.append(line(name, c, verdict(c) if name in goals else f"(< {KIND_MINIMUM} examples)"))
        every = Counts(
            sum(c.true_positives for c in self.by_kind.values()),
            sum(c.false_positives for c in self.by_kind.values()),
            sum(c.false_negatives for c in self.by_kind.values()),
        )
        lines.append(line("all targets", every, verdict(every)))
        share_ok = "met" if self.non_target_share >= 0.95 else "NOT met"
        lines.append(f"non-targets giving no target: {self.non_targets_clean}/{self.non_targets} = {self.non_target_share:.3f}  {share_ok} (goal >= 0.95)")
        b = self.baselines["baseline"]
        lines.append(f"baselines stated in target sentences: {b.true_positives}/{b.true_positives + b.false_negatives} found")
        return "\n".join(lines)


def verdict(c: Counts) -> str:
    return "met" if c.precision >= 0.95 and c.recall >= 0.90 else "NOT met (goal precision >= 0.95, recall >= 0.90)"


def score_corpus(predicted_rows: Iterable[Row], readings: Iterable[Row]) -> CorpusScore:
    """Scores document-mode predictions against the corpus readings.

    Targets: as ``score`` with ``match_kind``; a predicted target matching no target reading is a false
    positive (in its own kind). Non-targets: a non_target reading is clean when no predicted target overlaps
    its quote. Baselines: the gold baselines found (predicted baselines elsewhere are not counted against
    the extractor: a past result read as a baseline is not wrong)."""
    predicted = list(predicted_rows)
    readings = list(readings)
    predicted_targets = [r for r in predicted if text(r, "row_type") == "target"]
    gold_targets = [r for r in readings if text(r, "row_type") == "target"]
    targets = score(predicted_targets, gold_targets, match_kind=True)
    by_kind: dict[str, Counts] = {}
    for _, gold_row in targets.matches:
        by_kind.setdefault(text(gold_row, "kind"), Counts()).true_positives += 1
    for row in targets.false_positives:
        by_kind.setdefault(text(row, "kind"), Counts()).false_positives += 1
    for row in targets.false_negatives:
        by_kind.setdefault(text(row, "kind"), Counts()).false_negatives += 1
    failures: list[tuple[Row, list[Row]]] = []
    non_targets = [r for r in readings if text(r, "row_type") == "non_target"]
    for row in non_targets:
        span = Span.of({**row, "row_type": "target"})
        hits = [p for p in predicted_targets if Span.of(p).overlap(span) > 0]
        if hits:
            failures.append((row, hits))
    baselines = score([r for r in predicted if text(r, "row_type") == "baseline"],
                      [r for r in readings if text(r, "row_type") == "baseline"])
    return CorpusScore(targets, by_kind, len(non_targets), len(non_targets) - len(failures), failures, baselines)


def corpus_report(result: CorpusScore, details: bool = True) -> str:
    lines = [result.table()]
    if details:
        lines += ["", f"missed target readings (false negatives): {len(result.targets.false_negatives)}"]
        lines.extend(describe(row) for row in result.targets.false_negatives)
        lines += ["", f"unmatched predicted targets (false positives): {len(result.targets.false_positives)}"]
        lines.extend(describe(row) for row in result.targets.false_positives)
        lines += ["", f"non-targets that gave a target: {len(result.non_target_failures)}"]
        for row, hits in result.non_target_failures:
            lines.append(describe(row) + "  [" + text(row, "notes")[:40] + "]")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Score extraction output. With no argument: run the extractor on every corpus document "
        "(document mode) and on the seed plans, and print both scores."
    )
    parser.add_argument("predicted", nargs="?", help="CSV of predicted rows (document,row_type,value,value_high,period,start,end,...)")
    parser.add_argument("--gold", default=str(GOLD_PATH), help=f"gold CSV (default: {GOLD_PATH})")
    parser.add_argument("--corpus", default=str(CORPUS_DIR), help=f"corpus folder (default: {CORPUS_DIR})")
    parser.add_argument("--corpus-predicted", help="score this CSV of predictions against the corpus instead of running the extractor")
    parser.add_argument("--brief", action="store_true", help="tables only, without the lists of misses")
    arguments = parser.parse_args(argv)
    try:
        if arguments.predicted is not None:
            print(report(score(read_rows(arguments.predicted), read_rows(arguments.gold))))
            return 0
        documents, readings = read_corpus(arguments.corpus)
        predicted = read_rows(arguments.corpus_predicted) if arguments.corpus_predicted else predict_corpus(documents)
        result = score_corpus(predicted, readings)
        print(f"corpus (document mode): {len(documents)} documents, {arguments.corpus}")
        print(corpus_report(result, details=not arguments.brief))
        if not arguments.corpus_predicted:
            seed_predicted, seed_gold = predict_seeds()
            print()
            print("seed plans (examples/data/seeds, gold.csv):")
            print(score(seed_predicted, seed_gold).table())
    except (OSError, ValueError) as error:
        print(f"score.py: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The extraction gold list (tests/data/extraction/gold.csv) and its scorer (score.py next to it).

The gold list is checked against the seed texts (every quote sits at [start:end] of its document), against
the targets-file vocabulary (kinds, comparators, periods) and against the indicator catalogue; the scorer is
checked on small hand-made cases.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
EXTRACTION = REPO / "tests" / "data" / "extraction"
GOLD = EXTRACTION / "gold.csv"
SEEDS = REPO / "examples" / "data" / "seeds"
COLUMNS = [
    "document", "row_type", "region", "indicator_text", "indicator", "kind", "comparator", "value", "value_high",
    "unit", "period_start", "period", "baseline_period", "stretch", "quote", "start", "end", "notes",
]
PERIOD = re.compile(r"\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?")
COMPARATORS = {">=", ">", "<=", "<", "~", "within"}


def load_score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_score", EXTRACTION / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def sc() -> ModuleType:
    return load_score_module()


@pytest.fixture(scope="module")
def gold_rows() -> list[dict[str, str]]:
    with open(GOLD, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == COLUMNS
        return [dict(row) for row in reader]


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))}


def kinds_from_spec() -> set[str]:
    """The kinds listed in the '### Kinds' table of docs/targets_csv.md."""
    spec = (REPO / "docs" / "targets_csv.md").read_text(encoding="utf-8")
    section = spec.split("### Kinds", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `(\w+)` \|", section, flags=re.MULTILINE))


def catalogue_ids() -> set[str]:
    ids: set[str] = set()
    for name in ("observations.csv", "seed_targets.csv"):
        with open(REPO / "examples" / "data" / name, encoding="utf-8", newline="") as handle:
            ids.update(row["indicator"] for row in csv.DictReader(handle))
    return ids


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# ------------------------------------------------------------------------------------------ the gold list


def test_gold_file_is_canonical_csv(gold_rows: list[dict[str, str]]) -> None:
    raw = GOLD.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw and raw.endswith(b"\n")
    assert len(gold_rows) > 100
    for row in gold_rows:
        assert all(value == value.strip() for value in row.values()), row


def test_every_quote_is_at_its_offsets(gold_rows: list[dict[str, str]], texts: dict[str, str]) -> None:
    assert {row["document"] for row in gold_rows} == set(texts)
    for row in gold_rows:
        start, end = int(row["start"]), int(row["end"])
        assert end == start + len(row["quote"]), row
        assert texts[row["document"]][start:end] == row["quote"], row


def test_rows_are_sorted_by_document_and_position(gold_rows: list[dict[str, str]]) -> None:
    keys = [(row["document"], int(row["start"])) for row in gold_rows]
    assert keys == sorted(keys)


def test_every_row_parses(gold_rows: list[dict[str, str]]) -> None:
    kinds = kinds_from_spec()
    assert {"level", "relative", "growth", "increment", "cumulative", "per_period", "non_decreasing", "trend"} <= kinds
    for row in gold_rows:
        assert row["row_type"] in {"target", "baseline"}, row
        assert row["region"] and row["indicator_text"] and row["quote"], row
        assert row["kind"] in kinds, row
        for column in ("period_start", "period", "baseline_period"):
            assert row[column] == "" or PERIOD.fullmatch(row[column]), (column, row)
        if row["period_start"] and row["period"]:
            assert row["period_start"] <= row["period"], row
        for column in ("value", "value_high", "stretch"):
            assert row[column] == "" or is_number(row[column]), (column, row)
        if row["row_type"] == "baseline":
            assert row["kind"] == "level", row
            assert row["comparator"] in {"", ">"}, row  # ">": 余 / 多 (more than)
            assert is_number(row["value"]) and row["stretch"] == "" and row["baseline_period"] == "", row
            continue
        assert row["comparator"] in COMPARATORS, row
        if row["kind"] in {"trend", "non_decreasing"}:
            assert row["value"] == "" and row["stretch"] == "", row
        else:
            assert is_number(row["value"]), row
        if row["comparator"] == "within":
            assert is_number(row["value_high"]), row
        else:
            assert row["value_high"] == "", row
        if row["kind"] in {"growth", "average_growth"}:
            assert abs(float(row["value"])) < 1, row  # rates are fractions
        if row["kind"] in {"cumulative", "per_period", "average_growth"}:
            assert row["period_start"] and row["period"] or row["period"] == "", row
        if row["stretch"]:
            assert float(row["stretch"]) >= float(row["value"]), row


def test_indicator_ids_are_in_the_catalogue(gold_rows: list[dict[str, str]]) -> None:
    known = catalogue_ids()
    unknown = sorted({row["indicator"] for row in gold_rows if row["indicator"] and row["indicator"] not in known})
    assert unknown == []


def test_counts_per_document_and_type(gold_rows: list[dict[str, str]]) -> None:
    """The counts README.md reports (update both together)."""
    counts: dict[tuple[str, str], int] = {}
    for row in gold_rows:
        kind = row["row_type"] if row["row_type"] == "baseline" or row["value"] else "trend"
        key = (row["document"][:3], kind)
        counts[key] = counts.get(key, 0) + 1
    assert counts == {
        ("000", "target"): 1, ("000", "trend"): 3,
        ("001", "baseline"): 13, ("001", "trend"): 1,
        ("002", "target"): 1, ("002", "trend"): 10,
        ("003", "target"): 15, ("003", "trend"): 3,
        ("004", "baseline"): 73, ("004", "target"): 36, ("004", "trend"): 10,
    }


def seed_target_spans(texts: dict[str, str]) -> Iterator[tuple[str, str, int, int]]:
    with open(REPO / "examples" / "data" / "seed_targets.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            for name, body in texts.items():
                at = body.find(row["quote"])
                if at >= 0:
                    yield row["id"], name, at, at + len(row["quote"])
                    break
            else:
                raise AssertionError(f"{row['id']}: quote not in any seed text")


def test_every_seed_target_has_a_gold_row(gold_rows: list[dict[str, str]], texts: dict[str, str]) -> None:
    """Each hand-encoded target of seed_targets.csv is covered by a gold target overlapping its quote."""
    missing = []
    for target_id, document, start, end in seed_target_spans(texts):
        if not any(
            row["document"] == document and row["row_type"] == "target"
            and int(row["start"]) < end and start < int(row["end"])
            for row in gold_rows
        ):
            missing.append(target_id)
    assert missing == []


def test_seed_quote_check_passes() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "tests" / "data" / "check_seed_quotes.py")],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# ------------------------------------------------------------------------------------------ the scorer


def row(
    start: int, end: int, value: str = "", *, row_type: str = "target", period: str = "", document: str = "d.txt",
    value_high: str = "", kind: str = "",
) -> dict[str, str]:
    return {
        "document": document, "row_type": row_type, "value": value, "value_high": value_high, "period": period,
        "start": str(start), "end": str(end), "kind": kind,
    }


def counts(result: object, category: str) -> tuple[int, int, int]:
    c = getattr(result, "counts")[category]
    return c.true_positives, c.false_positives, c.false_negatives


def test_perfect_match(sc: ModuleType, gold_rows: list[dict[str, str]]) -> None:
    result = sc.score(gold_rows, gold_rows)
    n = len(gold_rows)
    assert counts(result, "all") == (n, 0, 0)
    assert result["all"].precision == 1.0 and result["all"].recall == 1.0
    assert result.false_positives == [] and result.false_negatives == []
    trends = sum(1 for r in gold_rows if r["row_type"] == "target" and r["value"] == "")
    assert counts(result, "trend") == (trends, 0, 0)


def test_small_perfect_match(sc: ModuleType) -> None:
    gold = [row(0, 10, "1.5", period="2025"), row(20, 30, row_type="baseline", value="41"), row(40, 50, kind="trend")]
    predicted = [row(2, 8, "1.50", period="2025"), row(25, 26, "41.0", row_type="baseline"), row(45, 60)]
    result = sc.score(predicted, gold)
    assert counts(result, "target") == (1, 0, 0)
    assert counts(result, "baseline") == (1, 0, 0)
    assert counts(result, "trend") == (1, 0, 0)
    assert counts(result, "all") == (3, 0, 0)
    assert len(result.matches) == 3


def test_wrong_value_is_a_false_positive_and_a_false_negative(sc: ModuleType) -> None:
    gold = [row(0, 10, "1.5")]
    predicted = [row(0, 10, "15")]
    result = sc.score(predicted, gold)
    assert counts(result, "target") == (0, 1, 1)
    assert result.false_positives == predicted and result.false_negatives == gold
    assert result["target"].precision == 0.0 and result["target"].recall == 0.0 and result["target"].f1 == 0.0


def test_value_within_relative_tolerance(sc: ModuleType) -> None:
    gold = [row(0, 10, "0.05"), row(20, 30, "1530")]
    predicted = [row(0, 10, str(0.05 * (1 + 1e-12))), row(20, 30, "1530.00001")]  # 6.5e-9 relative: too far
    assert counts(sc.score(predicted, gold), "target") == (1, 1, 1)


def test_value_needs_span_overlap(sc: ModuleType) -> None:
    gold = [row(10, 20, "5")]
    assert counts(sc.score([row(20, 30, "5")], gold), "target") == (0, 1, 1)  # touching is not overlapping
    assert counts(sc.score([row(19, 30, "5")], gold), "target") == (1, 0, 0)
    assert counts(sc.score([row(15, 16, "5", document="other.txt")], gold), "target") == (0, 1, 1)
    assert counts(sc.score([row(15, 16, "5", row_type="baseline")], gold), "all") == (0, 1, 1)


def test_span_overlap_without_value_match(sc: ModuleType) -> None:
    gold = [row(0, 30, "5"), row(0, 30, "15")]  # 分别稳定在5万亩和15万亩以上: two rows, one quote
    predicted = [row(5, 25, "15"), row(5, 25, "28")]
    result = sc.score(predicted, gold)
    assert counts(result, "target") == (1, 1, 1)
    assert result.matches == [(predicted[0], gold[1])]
    assert result.false_negatives == [gold[0]] and result.false_positives == [predicted[1]]


def test_trend_needs_only_span_overlap(sc: ModuleType) -> None:
    gold = [row(0, 10, kind="non_decreasing")]
    assert counts(sc.score([row(5, 6, kind="trend")], gold), "trend") == (1, 0, 0)
    assert counts(sc.score([row(5, 6, "3", kind="trend")], gold), "trend") == (1, 0, 0)
    # A numeric gold row is not matched by a prediction without a value.
    assert counts(sc.score([row(5, 6)], [row(0, 10, "3")]), "all") == (0, 1, 1)


def test_period_compared_only_when_both_given(sc: ModuleType) -> None:
    gold = [row(0, 10, "100", period="2025")]
    assert counts(sc.score([row(0, 10, "100")], gold), "all") == (1, 0, 0)
    assert counts(sc.score([row(0, 10, "100", period="2025.0")], gold), "all") == (1, 0, 0)
    assert counts(sc.score([row(0, 10, "100", period="2023")], gold), "all") == (0, 1, 1)
    assert counts(sc.score([row(0, 10, "100", period="2023")], [row(0, 10, "100")]), "all") == (1, 0, 0)


def test_value_high_compared_when_gold_has_one(sc: ModuleType) -> None:
    gold = [row(0, 10, "3", value_high="5")]
    assert counts(sc.score([row(0, 10, "3", value_high="5")], gold), "all") == (1, 0, 0)
    assert counts(sc.score([row(0, 10, "3")], gold), "all") == (0, 1, 1)
    assert counts(sc.score([row(0, 10, "3", value_high="5")], [row(0, 10, "3")]), "all") == (1, 0, 0)


def test_two_predictions_for_one_gold_row(sc: ModuleType) -> None:
    gold = [row(10, 20, "2")]
    predicted = [row(0, 12, "2"), row(10, 20, "2")]
    result = sc.score(predicted, gold)
    assert counts(result, "target") == (1, 1, 0)
    assert result.matches == [(predicted[1], gold[0])]  # the larger overlap wins
    assert result.false_positives == [predicted[0]]
    assert result["target"].precision == 0.5 and result["target"].recall == 1.0


def test_greedy_is_one_to_one(sc: ModuleType) -> None:
    gold = [row(0, 10, "2"), row(8, 20, "2")]
    predicted = [row(0, 20, "2")]
    result = sc.score(predicted, gold)
    assert counts(result, "target") == (1, 0, 1)
    assert result.matches == [(predicted[0], gold[1])]


def test_empty_inputs(sc: ModuleType, gold_rows: list[dict[str, str]]) -> None:
    nothing = sc.score([], [])
    for category in ("target", "trend", "baseline", "all"):
        assert counts(nothing, category) == (0, 0, 0)
        assert nothing[category].precision == 1.0 and nothing[category].recall == 1.0
    no_prediction = sc.score([], gold_rows)
    assert counts(no_prediction, "all") == (0, 0, len(gold_rows))
    assert no_prediction["all"].precision == 1.0 and no_prediction["all"].recall == 0.0
    assert no_prediction["all"].f1 == 0.0
    no_gold = sc.score(gold_rows, [])
    assert no_gold["all"].precision == 0.0 and no_gold["all"].recall == 1.0


def test_extra_columns_and_numbers_are_accepted(sc: ModuleType) -> None:
    gold = [row(0, 10, "1.5", period="2025")]
    predicted: list[dict[str, object]] = [
        {"document": "d.txt", "row_type": "target", "value": 1.5, "period": 2025, "start": 0, "end": 4, "id": "x"}
    ]
    assert counts(sc.score(predicted, gold), "all") == (1, 0, 0)


def test_bad_rows_are_rejected(sc: ModuleType) -> None:
    gold = [row(0, 10, "1")]
    with pytest.raises(ValueError, match="row_type"):
        sc.score([row(0, 10, "1", row_type="goal")], gold)
    with pytest.raises(ValueError, match="start"):
        sc.score([{"document": "d.txt", "row_type": "target", "value": "1", "end": "3"}], gold)
    with pytest.raises(ValueError, match="value"):
        sc.score([row(0, 10, "1.5%")], gold)


def test_cli_prints_the_table_and_the_misses(tmp_path: Path, gold_rows: list[dict[str, str]]) -> None:
    predicted = tmp_path / "predicted.csv"
    kept = gold_rows[1:]
    with open(predicted, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(kept)
    done = subprocess.run(
        [sys.executable, str(EXTRACTION / "score.py"), str(predicted)],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "category" in done.stdout and "recall" in done.stdout
    assert "missed gold rows (false negatives): 1" in done.stdout
    assert gold_rows[0]["quote"] in done.stdout
    bad = subprocess.run(
        [sys.executable, str(EXTRACTION / "score.py"), str(tmp_path / "missing.csv")],
        capture_output=True, text=True, cwd=REPO, timeout=60, check=False,
    )
    assert bad.returncode == 2 and "score.py:" in bad.stderr

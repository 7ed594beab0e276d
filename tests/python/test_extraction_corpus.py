"""The extraction development corpus (tests/data/extraction/corpus/): every readings_*.csv passes its checker,
and the checker rejects bad rows (each case below is a good row made bad in one field)."""

from __future__ import annotations

import csv
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "tests" / "data" / "extraction" / "corpus"
CHECKER = CORPUS / "check_corpus.py"


def load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("extraction_corpus_check", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def cc() -> ModuleType:
    return load_checker()


# ------------------------------------------------------------------------------------------ the corpus


def test_every_part_passes_the_checker(cc: ModuleType) -> None:
    parts = cc.parts()
    assert parts, f"no readings_*.csv in {CORPUS}"
    problems = cc.check_all()
    assert problems == [], "\n".join(problems[:40])


def test_checker_command_line_passes() -> None:
    done = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True, cwd=REPO, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "target" in done.stdout


def test_every_part_has_targets_and_non_targets(cc: ModuleType) -> None:
    for path in cc.parts():
        with open(path, encoding="utf-8", newline="") as handle:
            types = [row["row_type"] for row in csv.DictReader(handle)]
        assert types.count("target") > 0 and types.count("non_target") > 0, path.name


# ------------------------------------------------------------------------------------------ the checker

TEXT = "一、目标\n到2025年，高新技术企业达到500家以上。2020年全省研发投入已达120亿元。\n"
GOOD = {
    "document": "x_001.txt", "row_type": "target", "region": "Somewhere", "indicator_text": "高新技术企业",
    "indicator": "", "kind": "level", "comparator": ">=", "value": "500", "value_high": "", "unit": "家",
    "period_start": "", "period": "2025", "baseline_period": "", "stretch": "", "quote": "高新技术企业达到500家以上",
    "start": "", "end": "", "notes": "",
}
GOOD_NON_TARGET = {
    **{column: "" for column in GOOD}, "document": "x_001.txt", "row_type": "non_target", "region": "Somewhere",
    "indicator_text": "研发投入", "value": "120", "unit": "亿元", "quote": "2020年全省研发投入已达120亿元",
    "notes": "past_result",
}


def with_offsets(row: dict[str, str]) -> dict[str, str]:
    start = TEXT.find(row["quote"])
    return {**row, "start": str(start), "end": str(start + len(row["quote"]))}


def write_part(folder: Path, rows: list[dict[str, str]], cc: ModuleType) -> Path:
    (folder / "docs").mkdir()
    (folder / "docs" / "x_001.txt").write_text(TEXT, encoding="utf-8")
    with open(folder / "documents_x.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, cc.DOCUMENT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerow({"document": "x_001.txt", "province": "Somewhere", "title": "一个规划", "issuer": "",
                         "date": "2021-05", "plan_span": "2021-2025", "source_url": "https://example.org/x",
                         "retrieved_via": "test", "notes": ""})
    path = folder / "readings_x.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, cc.COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_good_rows_pass(cc: ModuleType, tmp_path: Path) -> None:
    path = write_part(tmp_path, [with_offsets(GOOD), with_offsets(GOOD_NON_TARGET)], cc)
    assert cc.check_part(path) == []


@pytest.mark.parametrize(("change", "expected"), [
    ({"start": "3"}, "quote"),                                   # quote not at its offsets
    ({"end": "999"}, "end"),                                     # end != start + len(quote)
    ({"quote": "高新技术企业达到600家以上"}, "not in the text"),   # quote altered
    ({"row_type": "goal"}, "row_type"),
    ({"kind": "growth_rate"}, "kind"),
    ({"comparator": "=>"}, "comparator"),
    ({"value": "五百"}, "value"),
    ({"value": ""}, "needs a number"),
    ({"period": "2025年"}, "period"),
    ({"period_start": "2026"}, "period_start"),                  # after period 2025
    ({"kind": "growth", "value": "5"}, "fraction"),               # 5% written as 5
    ({"stretch": "400"}, "stretch"),                             # stretch below value
    ({"value_high": "600"}, "value_high"),                       # value_high without within
    ({"kind": "trend"}, "must be empty"),                        # direction target with a value
    ({"indicator": "no_such_indicator_id"}, "indicator"),
    ({"document": "x_002.txt"}, "document"),
])
def test_a_bad_target_row_fails(cc: ModuleType, tmp_path: Path, change: dict[str, str], expected: str) -> None:
    good = with_offsets(GOOD)
    path = write_part(tmp_path, [{**good, **change}], cc)
    problems = cc.check_part(path)
    assert problems, change
    assert any(expected in problem for problem in problems), problems


@pytest.mark.parametrize(("change", "expected"), [
    ({"notes": "achievement"}, "notes"),                         # not a category
    ({"kind": "level"}, "must be empty"),
    ({"period": "2020"}, "must be empty"),
])
def test_a_bad_non_target_row_fails(cc: ModuleType, tmp_path: Path, change: dict[str, str], expected: str) -> None:
    path = write_part(tmp_path, [{**with_offsets(GOOD_NON_TARGET), **change}], cc)
    problems = cc.check_part(path)
    assert any(expected in problem for problem in problems), problems


def test_unsorted_rows_and_bad_file_form_fail(cc: ModuleType, tmp_path: Path) -> None:
    path = write_part(tmp_path, [with_offsets(GOOD_NON_TARGET), with_offsets(GOOD)], cc)
    assert any("not sorted" in problem for problem in cc.check_part(path))
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert any("CR line ends" in problem for problem in cc.check_part(path))


def test_command_line_fails_on_a_bad_row(cc: ModuleType, tmp_path: Path) -> None:
    path = write_part(tmp_path, [{**with_offsets(GOOD), "value": "x"}], cc)
    done = subprocess.run([sys.executable, str(CHECKER), str(path)], capture_output=True, text=True, timeout=60,
                          check=False)
    assert done.returncode == 1
    assert "readings_x.csv:2: value: 'x'" in done.stdout

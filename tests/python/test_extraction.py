"""The plan-text extractor through the bindings (ontrack.extract_targets, extract_rows) and the CLI
(``ontrack extract``). Sentences are written for these tests; expected values are read off the sentence
(the comment says which word gives them)."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pandas as pd
import pytest

import ontrack as ot
from cli_support import run_module
from ontrack.extraction import extraction_columns, observations_from_rows, targets_from_rows, undated_rows

PLAN = (
    "某县科技创新“十四五”规划\n"
    "一、发展基础\n"
    "截止2020年底,全县有效期内的高新技术企业达12家。\n"
    "二、发展目标\n"
    "到2025年,全县有效期内的高新技术企业达到30家,研发经费投入强度达到1.2%以上,力争达到1.5%。\n"
    "“十四五”期间,全县研发经费年均增长8%。\n"
    "每年举办科技活动周活动10场次。"
    "〔牵头单位:县科技局;责任单位:县财政局、县统计局等相关部门〕\n"
)


def only(frame: pd.DataFrame) -> pd.Series:
    assert len(frame) == 1, frame
    return frame.iloc[0]


def test_frame_columns_are_the_targets_file_columns_then_the_review_columns() -> None:
    frame = ot.extract_targets(PLAN, document="测试规划", default_region="Testshire")
    assert list(frame.columns) == list(ot._core.TARGET_COLUMNS) + [
        "row_type",
        "indicator_text",
        "indicator_id",
        "start",
        "end",
        "confidence",
        "note",
    ]
    assert list(frame.columns) == extraction_columns()
    assert set(frame["document"]) == {"测试规划"}
    assert set(frame["region"]) == {"Testshire"}


def test_constructs_through_the_binding() -> None:
    frame = ot.extract_targets(PLAN)
    baseline = only(frame[frame["row_type"] == "baseline"])
    assert baseline["value"] == 12  # 截止2020年底…达12家
    assert baseline["period"] == "2020"
    targets = frame[frame["row_type"] == "target"]
    firms = only(targets[targets["value"] == 30])
    assert firms["indicator"] == "high_tech_enterprises_valid"
    assert firms["baseline_value"] == 12  # linked to the stated 2020 figure
    intensity = only(targets[targets["indicator"] == "rd_intensity"])
    assert intensity["value"] == 1.2 and intensity["stretch"] == 1.5  # 以上, 力争
    growth = only(targets[targets["kind"] == "average_growth"])
    assert growth["value"] == pytest.approx(0.08)  # 年均增长8%: a rate
    assert (growth["period_start"], growth["period"]) == ("2021", "2025")  # 十四五期间
    events = only(targets[targets["kind"] == "per_period"])
    assert events["value"] == 10 and events["unit"] == "场次"  # 每年
    assert events["lead_unit"] == "县科技局"
    assert events["responsible_units"] == "县财政局;县统计局"
    assert firms["lead_unit"] == ""  # the block closes only the measures on its own line


def test_offsets_index_the_python_string() -> None:
    for row in ot.extract_rows(PLAN):
        assert PLAN[row.start : row.end] == row.target.quote
        assert PLAN.encode("utf-8")[row.byte_start : row.byte_end].decode("utf-8") == row.target.quote
        assert 0.0 <= row.confidence <= 1.0


def test_plain_objects_and_their_conversion() -> None:
    rows = ot.extract_rows(PLAN, "测试规划", "Testshire")
    assert all(isinstance(row, ot.ExtractedTarget) for row in rows)
    assert all(isinstance(row.target, ot.Target) for row in rows)
    targets = targets_from_rows(rows)
    assert len(targets) == sum(row.row_type == "target" for row in rows) == 4  # 30家, 1.2%(力争1.5%), 8%, 10场次
    table, left_out = observations_from_rows(rows)
    assert len(table) == 1 and left_out == 0
    assert table.rows[0].indicator == "high_tech_enterprises_valid"
    assert table.rows[0].value == 12


def test_reference_span_and_catalogue_options() -> None:
    text = "每年遴选科技特派员20名。"
    row = only(ot.extract_targets(text, reference_span=(2024, 2026)))
    assert (row["period_start"], row["period"]) == ("2024", "2026")
    row = only(ot.extract_targets(text, reference_span="十五五"))
    assert (row["period_start"], row["period"]) == ("2026", "2030")
    # No span and no date in the text: the row is kept, without its period, and says why.
    row = only(ot.extract_targets(text))
    assert (row["kind"], row["value"], row["period_start"], row["period"]) == ("per_period", 20, "", "")
    assert "no deadline" in row["note"]
    catalogue = {"st_commissioners": ["科技特派员"]}
    row = only(ot.extract_targets(text, reference_span="十四五", catalogue=catalogue))
    assert row["indicator"] == "st_commissioners"
    assert row["indicator_text"] == "科技特派员"
    assert "rd_intensity" in ot.default_catalogue()


def test_merge_repeats() -> None:
    text = "某县规划(2021—2025年)\n到2025年,众创空间达到5家。\n到2025年,众创空间达到5家。\n"
    assert len(ot.extract_targets(text)) == 2
    assert len(ot.extract_targets(text, merge_repeats=True)) == 1


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The plan aims to double research spending by 2025 and to reach 1.5% of GDP.",
        "今天天气很好,我们一起去公园散步,看见两只小狗在草地上玩耍。",
        "一二三四五六七八九十" * 1000,
    ],
)
def test_text_that_is_not_a_plan_gives_no_rows(text: str) -> None:
    frame = ot.extract_targets(text)
    assert frame.empty
    assert list(frame.columns) == extraction_columns()


@pytest.mark.parametrize("value", [b"\xe5\x88\xb02025\xe5\xb9\xb4", None, 12, ["到2025年"]])
def test_non_str_text_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        ot.extract_targets(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ot._core.extract_targets(value)  # type: ignore[arg-type]


def test_bad_options_are_errors() -> None:
    with pytest.raises(TypeError):
        ot.extract_targets("x", catalogue={"a": "not a list"})
    with pytest.raises(ot.ParseError):
        ot.extract_targets("x", reference_span="not a span")
    with pytest.raises(ot.InvalidValueError):
        ot.extract_targets("x", about_tolerance=math.nan)


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_cli_round_trip(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.txt", PLAN.encode("utf-8"))
    done = run_module(
        "extract", str(plan), "--output", "targets.csv", "--region", "Testshire", "--observations", "obs.csv",
        "--review", "review.csv", cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    targets = ot.read_targets(tmp_path / "targets.csv")
    assert len(targets) == 4
    assert {t.document for t in targets} == {"plan.txt"}  # the file name by default
    assert {t.region for t in targets} == {"Testshire"}
    assert [t.quote in PLAN for t in targets] == [True] * 4
    observations = ot.read_observations(tmp_path / "obs.csv")
    assert len(observations) == 1
    with open(tmp_path / "review.csv", encoding="utf-8", newline="") as stream:
        review = list(csv.DictReader(stream))
    assert len(review) == 5  # 4 targets and 1 baseline
    assert list(review[0]) == extraction_columns()
    assert {row["row_type"] for row in review} == {"target", "baseline"}
    for row in review:
        assert PLAN[int(row["start"]) : int(row["end"])] == row["quote"]


def test_cli_writes_targets_to_standard_output(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.txt", PLAN.encode("utf-8"))
    done = run_module("extract", str(plan), "--document", "D", "--span", "2021—2025", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("id,region,indicator,kind,")
    assert len(ot.read_targets(pd.read_csv(io.StringIO(done.stdout), dtype=str, keep_default_na=False))) == 4


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("bad.txt", b"\xe5\x88\xb02025\xff", "byte offset 7"),  # 到 (3 bytes) + 2025 (4 bytes), then 0xFF
        ("missing.txt", None, "missing.txt"),
    ],
)
def test_cli_bad_input_is_exit_2_and_one_line(tmp_path: Path, name: str, data: bytes | None, expected: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    done = run_module("extract", str(path), cwd=tmp_path)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("ontrack: ")
    assert expected in done.stderr
    assert "Traceback" not in done.stderr


# ------------------------------------------------------------------------------------------ grammar, context, catalogue

REPO = Path(__file__).resolve().parents[2]


def load_script(path: Path, name: str) -> object:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def test_grammar_tables_reach_python_with_an_example_per_entry() -> None:
    grammar = ot._core.extraction_grammar()
    assert set(grammar) == {"predicates", "time_phrases", "qualifiers", "units", "quantity_forms", "confidence_weights"}
    words = [p["word"] for p in grammar["predicates"]]
    assert len(words) == len(set(words))
    for table in ("predicates", "time_phrases", "qualifiers", "quantity_forms"):
        assert grammar[table], table
        for entry in grammar[table]:
            assert entry["example"] and entry["reading"], entry
    marks = {p["word"]: p["marks"] for p in grammar["predicates"]}
    assert "level_to" in marks["提高到"] and "change" in marks["提高"]  # raise *to* X is a level, raise *by* X a change
    assert set(grammar["confidence_weights"]) == {"base", "stated_time", "comparator_word", "catalogued", "arabic_number"}


def test_docs_construct_list_is_generated_from_the_grammar() -> None:
    maker = load_script(REPO / "docs" / "make_extraction_grammar.py", "make_extraction_grammar")
    document = (REPO / "docs" / "extraction.md").read_text(encoding="utf-8")
    expected = maker.updated(document, maker.render(ot._core.extraction_grammar()))  # type: ignore[attr-defined]
    assert document == expected, "docs/extraction.md is stale: run python docs/make_extraction_grammar.py"


def test_grammar_examples_through_python() -> None:
    # The C++ suite checks every example's reading; here one per table shows the binding gives the same rows.
    rows = ot.extract_rows("到2025年,研发投入强度提高到2.9%。", reference_span="2021—2025")
    assert [(r.target.kind, r.target.value, r.target.unit) for r in rows] == [("level", 2.9, "%")]  # 提高到: a level


def test_document_year_resolves_this_year_and_next_year() -> None:
    text = "今年,新增高新技术企业100家。明年,新增科技型中小企业200家。"
    rows = ot.extract_rows(text, document_year=2024)
    assert [(r.target.kind, r.target.value, str(r.target.period)) for r in rows] == [
        ("increment", 100.0, "2024"),  # 今年 = the document's year
        ("increment", 200.0, "2025"),  # 明年 = the year after
    ]
    dated = ot.extract_rows("2024年1月10日\n" + text)  # the date found in the text does the same
    assert [str(r.target.period) for r in dated] == ["2024", "2025"]
    with pytest.raises(ValueError, match="document_year"):
        ot.extract_rows(text, document_year=24)


def test_deadline_carried_from_a_heading_and_an_earlier_sentence() -> None:
    text = "某市工作要点\n2024年3月1日\n二、2027年主要目标\n高新技术企业达到500家。\n到2026年,众创空间达到30家。技术合同成交额达到80亿元。\n"
    periods = [(r.target.value, str(r.target.period)) for r in ot.extract_rows(text)]
    assert periods == [(500.0, "2027"), (30.0, "2026"), (80.0, "2026")]


def test_indicator_catalogue_maps_phrases_to_ids() -> None:
    catalogue = ot.datasets.indicators()
    text = "到2025年,研发经费投入强度达到2.5%,研发经费达到100亿元,技术合同成交额突破50亿元,规上企业研发机构覆盖率达到50%。"
    rows = ot.extract_rows(text, reference_span="2021—2025", catalogue=catalogue)
    assert [r.indicator_id for r in rows] == ["rd_intensity", "rd_expenditure", "technology_contract_turnover", ""]
    assert rows[-1].target.indicator == "规上企业研发机构覆盖率"  # not in the catalogue: left as text
    frame = ot.extract_targets(text, reference_span="2021—2025", catalogue=catalogue)
    assert list(frame["indicator_id"])[:1] == ["rd_intensity"]


def test_bundled_catalogue_is_the_default_phrase_list() -> None:
    # 高企 and 科普教育基地 are phrases of indicators.csv that the built-in C++ list does not hold.
    text = "到2025年,高企数量达到600家,建成科普教育基地15个。"
    rows = ot.extract_rows(text, reference_span="2021—2025")
    assert [r.indicator_id for r in rows] == ["high_tech_enterprises_valid", "science_popularization_education_bases"]
    explicit = ot.extract_rows(text, reference_span="2021—2025", catalogue=ot.datasets.indicators())
    assert [r.indicator_id for r in explicit] == [r.indicator_id for r in rows]
    # The built-in list is still what a dict-less C++ caller gets; passing it gives its ids.
    builtin = ot.extract_rows(text, reference_span="2021—2025", catalogue=ot.default_catalogue())
    assert [r.indicator_id for r in builtin] == ["", ""]


def test_corpus_scorer_matches_kinds_and_counts_non_targets() -> None:
    sc = load_script(REPO / "tests" / "data" / "extraction" / "score.py", "extraction_score_corpus")

    def row(row_type: str, start: int, end: int, kind: str = "", value: str = "", period: str = "") -> dict[str, str]:
        return {"document": "d.txt", "row_type": row_type, "start": str(start), "end": str(end), "kind": kind,
                "value": value, "period": period}

    readings = [row("target", 0, 10, "cumulative", "150", "2025"), row("target", 20, 30, "level", "2.9"),
                row("non_target", 40, 50, value="900"), row("non_target", 60, 70)]
    predicted = [row("target", 0, 10, "level", "150", "2025"),  # right value, wrong kind: a miss and a false positive
                 row("target", 20, 30, "level", "2.9", "2025"),  # period empty in the reading: matches
                 row("target", 45, 48, "level", "900", "2025"),  # a target inside a non-target
                 row("baseline", 60, 70, "level", "3", "2020")]  # a baseline there is not a target
    result = sc.score_corpus(predicted, readings)  # type: ignore[attr-defined]
    assert (result.by_kind["level"].true_positives, result.by_kind["level"].false_positives) == (1, 2)
    assert result.by_kind["cumulative"].false_negatives == 1
    assert (result.non_targets, result.non_targets_clean) == (2, 1)
    assert result.non_target_share == 0.5


def test_cli_review_table_neutralises_formulas(tmp_path: Path) -> None:
    # A sentence that starts with '=' (as a pasted spreadsheet cell might): the review table, opened in a
    # spreadsheet, must not make it a formula; the targets file stays lossless (ontrack reads it back).
    sentence = "=到2025年，全县研发经费投入强度达到1.5%以上。"
    plan = write(tmp_path, "plan.txt", ("某县规划\n" + sentence + "\n").encode("utf-8"))
    done = run_module("extract", str(plan), "--output", "targets.csv", "--review", "review.csv", "--document", "=cmd", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    with open(tmp_path / "review.csv", encoding="utf-8", newline="") as stream:
        review = list(csv.DictReader(stream))
    assert review, "the sentence gives a row"
    cells = [value for row in review for value in row.values()]
    assert not [c for c in cells if c.startswith(("=", "+", "@"))], cells
    assert {row["document"] for row in review} == {"'=cmd"}
    assert [row["quote"] for row in review] == ["'=到2025年，全县研发经费投入强度达到1.5%以上"]
    targets = ot.read_targets(tmp_path / "targets.csv")
    assert {t.document for t in targets} == {"=cmd"}
    assert [t.quote for t in targets] == ["=到2025年，全县研发经费投入强度达到1.5%以上"]


UNDATED_REPORT = "某县政府工作报告\n全年利用外资、引进内资增长15%以上。全县举办科普活动20场次。\n"


def test_an_undated_report_gives_its_targets_without_a_period_and_with_a_note() -> None:
    # 全年 states a time but the report's year is not in the text: two growth rows (利用外资 and 引进内资 share
    # 增长15%以上), then 场次 of an activity (cumulative, a span kind), all without a period.
    frame = ot.extract_targets(UNDATED_REPORT)
    assert list(frame["indicator"]) == ["利用外资", "引进内资", "科普活动"]
    assert list(frame["kind"]) == ["growth", "growth", "cumulative"]
    assert list(frame["value"]) == [0.15, 0.15, 20]
    assert list(frame["period"]) == ["", "", ""] and list(frame["period_start"]) == ["", "", ""]
    assert all("no deadline" in note and "period" in note for note in frame["note"])
    weights = ot.extraction_grammar()["confidence_weights"]
    # Growth rows: base + comparator word + Arabic number, no stated time (the deadline is not known).
    assert frame["confidence"][0] == pytest.approx(weights["base"] + weights["comparator_word"] + weights["arabic_number"])
    rows = ot.extract_rows(UNDATED_REPORT)
    assert [row.target.period for row in rows] == [None, None, None]
    # Not targets yet: targets_from_rows leaves them out, undated_rows lists them.
    assert targets_from_rows(rows) == [] and len(undated_rows(rows)) == 3
    # Given the year, the same rows are dated, complete and without a note.
    dated = ot.extract_targets(UNDATED_REPORT, document_year=2024)
    assert list(dated["period"]) == ["2024", "2024", "2024"] and list(dated["note"]) == ["", "", ""]
    assert list(dated["kind"]) == list(frame["kind"])
    assert (dated["confidence"][0] - frame["confidence"][0]) == pytest.approx(weights["stated_time"])


def test_cli_keeps_undated_targets_in_the_review_table_and_says_so(tmp_path: Path) -> None:
    plan = write(tmp_path, "report.txt", UNDATED_REPORT.encode("utf-8"))
    done = run_module("extract", str(plan), "--output", "targets.csv", "--review", "review.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert ot.read_targets(tmp_path / "targets.csv") == []  # the targets file holds complete targets only
    assert "3 target(s) left out of the targets file" in done.stderr and "review.csv" in done.stderr and "--year" in done.stderr
    assert "全年利用外资、引进内资增长15%以上" in done.stderr
    with open(tmp_path / "review.csv", encoding="utf-8", newline="") as stream:
        review = list(csv.DictReader(stream))
    assert [(row["indicator"], row["period"]) for row in review] == [("利用外资", ""), ("引进内资", ""), ("科普活动", "")]
    assert all(row["note"].startswith("no deadline") for row in review)
    # The review table with its period left empty is not a targets file: the reader names the row and the fix.
    columns = list(ot._core.TARGET_COLUMNS)
    with open(tmp_path / "edited.csv", "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(review[:1])
    with pytest.raises(ot.ParseError, match=r"line 2.*'period'.*'x-01'.*fill in the period"):
        ot.read_targets(tmp_path / "edited.csv")
    # With the year the targets file has them.
    done = run_module("extract", str(plan), "--output", "dated.csv", "--year", "2024", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert [str(t.period) for t in ot.read_targets(tmp_path / "dated.csv")] == ["2024", "2024", "2024"]

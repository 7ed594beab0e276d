"""Words of ontrack's tables and reports in English and Chinese: one table per vocabulary, read both ways."""

from __future__ import annotations

from typing import Any, Mapping

LANGUAGES = ("en", "zh")

#: Status and verdict names (assessment and evaluation) and how each language says them (English keeps
#: the names the CSV and JSON outputs use).
STATUS_WORDS: Mapping[str, Mapping[str, str]] = {
    "met": {"en": "met", "zh": "已实现"},
    "missed": {"en": "missed", "zh": "未实现"},
    "achieved": {"en": "achieved", "zh": "已提前达到"},
    "on_track": {"en": "on_track", "zh": "进展顺利"},
    "at_risk": {"en": "at_risk", "zh": "有风险"},
    "off_track": {"en": "off_track", "zh": "偏离目标"},
    "regressing": {"en": "regressing", "zh": "倒退"},
    "not_assessable": {"en": "not_assessable", "zh": "无法评估"},
    "awaiting_data": {"en": "awaiting_data", "zh": "待数据发布"},
    "not_available": {"en": "not_available", "zh": "无数据"},
    "pending": {"en": "pending", "zh": "待观察"},
    "no_data": {"en": "no_data", "zh": "无数据"},
    "not_evaluable": {"en": "not_evaluable", "zh": "无法评价"},
}

#: What a verdict rests on (``assessment.BASIS_NAMES``) and how each language says it.
BASIS_WORDS: Mapping[str, Mapping[str, str]] = {
    "observed": {"en": "observed", "zh": "已观测"},
    "nowcast": {"en": "nowcast", "zh": "即时预测"},
    "projected": {"en": "projected", "zh": "预测"},
    "pace": {"en": "pace", "zh": "进度"},
    "none": {"en": "none", "zh": "无"},
}

#: Column headings of the tables people read (the CLI table, the Excel report).
COLUMN_WORDS: Mapping[str, Mapping[str, str]] = {
    "id": {"en": "id", "zh": "编号"},
    "region": {"en": "region", "zh": "地区"},
    "indicator": {"en": "indicator", "zh": "指标"},
    "indicator_id": {"en": "indicator id", "zh": "指标编号"},
    "indicator_zh": {"en": "indicator (zh)", "zh": "指标（中文）"},
    "indicator_en": {"en": "indicator (en)", "zh": "指标（英文）"},
    "kind": {"en": "kind", "zh": "类型"},
    "target": {"en": "target", "zh": "目标"},
    "deadline": {"en": "deadline", "zh": "目标年份"},
    "latest_period": {"en": "latest period", "zh": "最新数据期"},
    "latest_value": {"en": "latest", "zh": "最新值"},
    "projected": {"en": "projected", "zh": "预测值"},
    "lower": {"en": "lower", "zh": "下限"},
    "upper": {"en": "upper", "zh": "上限"},
    "probability": {"en": "P(met)", "zh": "实现概率"},
    "required_pace": {"en": "required pace", "zh": "所需进度"},
    "actual_pace": {"en": "actual pace", "zh": "实际进度"},
    "progress": {"en": "progress", "zh": "完成进度"},
    "score": {"en": "score", "zh": "得分"},
    "status": {"en": "status", "zh": "状态"},
    "verdict": {"en": "verdict", "zh": "结论"},
    "scheme_status": {"en": "scheme status", "zh": "方案状态"},
    "basis": {"en": "basis", "zh": "依据"},
    "expected_publication": {"en": "expected publication", "zh": "预计发布日期"},
    "expected_period": {"en": "expected", "zh": "预计实现期"},
    "method": {"en": "method", "zh": "方法"},
    "scheme": {"en": "scheme", "zh": "方案"},
    "message": {"en": "message", "zh": "说明"},
    "unit": {"en": "unit", "zh": "单位"},
    "source": {"en": "source", "zh": "数据来源"},
    "periods": {"en": "periods needed", "zh": "所需数据期"},
    "responsible": {"en": "responsible unit", "zh": "责任单位"},
    "value": {"en": "value", "zh": "数值"},
    "period": {"en": "period", "zh": "年份"},
}

#: Sentences of the CLI and the reports, with ``{name}`` placeholders.
PHRASES: Mapping[str, Mapping[str, str]] = {
    "targets_summary": {"en": "{n} targets: {counts}.", "zh": "共 {n} 项目标：{counts}。"},
    "basis_summary": {"en": "basis: {counts}.", "zh": "依据：{counts}。"},
    "not_assessable_line": {
        "en": "{n} targets not assessable ({reasons}); --all lists them.",
        "zh": "另有 {n} 项目标无法评估（{reasons}）；加 --all 列出。",
    },
    "no_observations": {"en": "no observations", "zh": "无观测数据"},
    "too_little_data": {"en": "too little data", "zh": "数据不足"},
    "other_reason": {"en": "other", "zh": "其他原因"},
    "assess_header": {
        "en": "ontrack assess: scheme {scheme}, method {method}, {when}",
        "zh": "ontrack 评估：方案 {scheme}，方法 {method}，{when}",
    },
    "as_of": {"en": "as of {date}", "zh": "截至 {date}"},
    "all_data": {"en": "all published data", "zh": "全部已发布数据"},
    "status_legend": {
        "en": "status: met/missed = deadline observed; achieved = already reached; on_track/at_risk/off_track/regressing = "
        "by the scheme; awaiting_data = deadline passed, figure not yet published (nowcast P); not_assessable = no data or too "
        "little (message says which).",
        "zh": "状态：已实现/未实现 = 目标年份数据已发布；已提前达到 = 已达到目标值；进展顺利/有风险/偏离目标/倒退 = 按评估方案判断；"
        "待数据发布 = 目标年份已过、数据尚未发布（概率为即时预测）；无法评估 = 无数据或数据不足（说明栏给出原因）。",
    },
    "evaluate_legend": {
        "en": "Verdicts come from observed data only: 'pending' means the deadline (or a period of the span) is not observed yet; "
        "projections are not part of this report.",
        "zh": "结论仅依据已观测数据：“待观察”表示目标年份（或期间内某年）的数据尚未发布；本表不含预测。",
    },
    "did_you_mean": {"en": "did you mean {names}?", "zh": "是否指 {names}？"},
}


def check_language(lang: str) -> str:
    """``lang`` when ontrack speaks it, else a ValueError listing the languages."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang: expected one of {', '.join(LANGUAGES)}, got {lang!r}")
    return lang


def basis_word(basis: str, lang: str) -> str:
    """How ``lang`` says what a verdict rests on (the name itself when unknown)."""
    return BASIS_WORDS.get(basis, {}).get(lang, basis)


def status_word(status: str, lang: str) -> str:
    """How ``lang`` says a status or verdict (the name itself when unknown)."""
    return STATUS_WORDS.get(status, {}).get(lang, status)


def column_word(column: str, lang: str) -> str:
    """The heading of a column in ``lang`` (the column name itself when unknown)."""
    return COLUMN_WORDS.get(column, {}).get(lang, column)


def phrase(key: str, lang: str, **values: object) -> str:
    """A sentence in ``lang`` with its placeholders filled."""
    return PHRASES[key][lang].format(**values)


#: Words of the target descriptions (``_describe_target``) and their Chinese.
_TARGET_WORDS = (
    (" previous period", " 上一期"),
    ("higher is better", "越高越好"),
    ("lower is better", "越低越好"),
    ("stretch", "力争"),
)


def target_text(text: str, lang: str) -> str:
    """A target description (``>= 2.5 %``, ``higher is better``) in ``lang``."""
    if lang != "zh":
        return text
    for english, chinese in _TARGET_WORDS:
        text = text.replace(english, chinese)
    return text


def _number(x: object) -> str:
    from ontrack.cli_format import format_number

    return format_number(x if isinstance(x, (int, float)) else None)


def _present(x: object) -> bool:
    return isinstance(x, (int, float)) and not (isinstance(x, float) and x != x)


def chinese_message(record: Mapping[str, object]) -> str:
    """The message of one assessment row written in Chinese from the row's own figures (latest value,
    target, projection, probability, paces), or, for a row that could not be assessed, its reason."""
    from ontrack.cli_format import format_probability

    status = str(record.get("status", ""))
    english = str(record.get("message", ""))
    word = status_word(status, "zh")
    if status == "not_assessable":
        if "no observations" in english or "no vintage" in english:
            return f"{word}：无观测数据"
        if "mixes units" in english or "cannot convert" in english:
            return f"{word}：单位不一致或无法换算（请检查单位栏）"
        if "vintage" in english:
            return f"{word}：数据有多个版本，请指定版本"
        return f"{word}：数据不足，无法预测"
    parts = []
    if _present(record.get("latest_value")):
        parts.append(f"最新值 {_number(record['latest_value'])}（{record.get('latest_period', '')}）")
    if record.get("target"):
        parts.append(f"目标 {target_text(str(record['target']), 'zh')}")
    if _present(record.get("projected")):
        parts.append(f"预测 {record.get('deadline', '')} 年 {_number(record['projected'])}")
    if _present(record.get("probability")):
        parts.append(f"实现概率 {format_probability(float(record['probability']))}")  # type: ignore[arg-type]
    text = f"{word}：" + "，".join(parts)
    if _present(record.get("required_pace")) and _present(record.get("actual_pace")):
        text += f"；所需每期进度 {_number(record['required_pace'])}，实际 {_number(record['actual_pace'])}"
    return text


def localise_table(table: "Any", lang: str) -> "Any":
    """An assessment table with its message and target columns in ``lang`` (a copy; English unchanged)."""
    if lang != "zh" or "message" not in table.columns:
        return table
    out = table.copy()
    out["message"] = [chinese_message(r) for r in table.to_dict("records")]
    if "target" in out.columns:
        out["target"] = [target_text(str(t), lang) for t in table["target"]]
    return out


def chinese_evaluation_message(record: Mapping[str, object]) -> str:
    """The message of one ``evaluate_table`` row written in Chinese from the row's own figures."""
    verdict = str(record.get("verdict", ""))
    word = status_word(verdict, "zh")
    if verdict == "no_data":
        return f"{word}：无观测数据"
    if verdict == "not_evaluable":
        return f"{word}：缺少基期或目标年份的数据"
    parts = []
    if _present(record.get("observed")):
        parts.append(f"实际 {_number(record['observed'])}")
    if _present(record.get("required")):
        parts.append(f"要求 {_number(record['required'])}")
    if verdict == "pending":
        parts.insert(0, f"目标年份 {record.get('deadline', '')} 的数据尚未发布")
    if _present(record.get("latest_value")):
        parts.append(f"最新值 {_number(record['latest_value'])}（{record.get('latest_period', '')}）")
    if record.get("target"):
        parts.append(f"目标 {target_text(str(record['target']), 'zh')}")
    return f"{word}：" + "，".join(parts)


def localise_evaluation(table: "Any", lang: str) -> "Any":
    """An evaluation table with its message and target columns in ``lang`` (a copy; English unchanged)."""
    if lang != "zh" or "message" not in table.columns:
        return table
    out = table.copy()
    out["message"] = [chinese_evaluation_message(r) for r in table.to_dict("records")]
    out["target"] = [target_text(str(t), lang) for t in table["target"]]
    return out

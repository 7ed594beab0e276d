// The names people give the columns of the targets and observations files: Chinese headers (地区, 指标,
// 年份, 数值 …), capitalised English ones, and note columns (备注) that readers accept and keep aside.
#pragma once

#include <ontrack/detail/text.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// One alternative header name for a canonical column.
struct column_alias {
    std::string_view column;  ///< the canonical name ("region")
    std::string_view alias;   ///< a name people write for it ("地区")
};

/// Every alternative header the readers accept, first alias of each column being the Chinese name the
/// writers of Chinese sheets use (`chinese_column_name`). One table, read in both directions.
inline const std::vector<column_alias>& column_aliases() {
    static const std::vector<column_alias> table{
        // Both files.
        {"region", "地区"}, {"region", "区域"}, {"region", "省份"}, {"region", "省市"}, {"region", "地区名称"}, {"region", "行政区"},
        {"region", "行政区划"}, {"region", "城市"},
        {"indicator", "指标"}, {"indicator", "指标名称"}, {"indicator", "指标代码"}, {"indicator", "指标编号"}, {"indicator", "指标id"},
        {"indicator", "indicator_id"},
        {"period", "年份"}, {"period", "年度"}, {"period", "时期"}, {"period", "期间"}, {"period", "统计期"}, {"period", "报告期"},
        {"period", "时间"}, {"period", "目标年份"}, {"period", "目标期"}, {"period", "year"},
        {"value", "数值"}, {"value", "值"}, {"value", "数据"}, {"value", "指标值"}, {"value", "实际值"}, {"value", "观测值"},
        {"value", "统计值"}, {"value", "目标值"},
        {"unit", "单位"}, {"unit", "计量单位"},
        {"bounds", "取值范围"}, {"bounds", "值域"}, {"bounds", "界限"},
        // Observations.
        {"vintage", "版本"}, {"vintage", "数据版本"}, {"vintage", "发布版本"}, {"vintage", "发布日期"}, {"vintage", "release"},
        {"published", "首次发布日期"}, {"published", "公布日期"}, {"published", "发布时间"},
        {"source", "来源"}, {"source", "数据来源"}, {"source", "资料来源"}, {"source", "出处"},
        // Targets.
        {"id", "编号"}, {"id", "目标编号"}, {"id", "目标id"},
        {"kind", "类型"}, {"kind", "目标类型"},
        {"comparator", "比较"}, {"comparator", "比较符"},
        {"value_high", "上限"}, {"value_high", "目标上限"},
        {"tolerance", "容差"}, {"tolerance", "允许误差"},
        {"period_start", "起始期"}, {"period_start", "起始年份"}, {"period_start", "开始年份"},
        {"baseline_period", "基期"}, {"baseline_period", "基准期"}, {"baseline_period", "基准年"}, {"baseline_period", "基期年份"},
        {"baseline_value", "基期值"}, {"baseline_value", "基准值"}, {"baseline_value", "基数"},
        {"stretch", "力争值"}, {"stretch", "争取值"},
        {"commitment", "属性"}, {"commitment", "指标属性"},
        {"lead_unit", "牵头单位"},
        {"responsible_units", "责任单位"}, {"responsible_units", "配合单位"}, {"responsible_units", "参与单位"},
        {"document", "文件"}, {"document", "规划文件"}, {"document", "文件名称"},
        {"quote", "原文"}, {"quote", "原文摘录"},
        // Descriptive columns of a data-request sheet (ontrack template), kept aside by the observations reader.
        {"name_zh", "指标中文名"}, {"name_zh", "中文名称"},
        {"name_en", "指标英文名"}, {"name_en", "英文名称"},
    };
    return table;
}

/// Header names of note columns: accepted in either file, not read as data, kept aside by the readers.
inline const std::vector<std::string_view>& note_column_names() {
    static const std::vector<std::string_view> names{"备注", "说明", "注释", "附注", "note", "notes", "remark", "remarks", "comment", "comments"};
    return names;
}

/// Columns an observations file may carry besides its own, accepted and kept aside: what a
/// data-request sheet repeats from the targets (编号, 牵头单位, 责任单位 …) and the indicator's names.
inline const std::vector<std::string>& observation_aside_columns() {
    static const std::vector<std::string> columns{"id", "name_zh", "name_en", "kind", "lead_unit", "responsible_units", "document", "quote"};
    return columns;
}

namespace detail {
/// Trimmed, with ASCII letters lower-cased and full-width brackets left as written.
inline std::string header_key(std::string_view name) {
    std::string out(trim(name));
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}
}  // namespace detail

/// The canonical column a header names: itself when canonical, the column of an alias ("地区" →
/// "region", "Region" → "region"), or the trimmed name unchanged when unknown.
inline std::string canonical_column_name(std::string_view header) {
    const std::string key = detail::header_key(header);
    for (const auto& a : column_aliases()) {
        if (key == a.alias || key == a.column) return std::string(a.column);
    }
    return std::string(detail::trim(header));
}

/// Whether a header names a note column (备注, note …).
inline bool is_note_column(std::string_view header) {
    const std::string key = detail::header_key(header);
    for (const auto n : note_column_names()) {
        if (key == n) return true;
    }
    return false;
}

namespace detail {
/// The code points of `text` (UTF-8; an invalid byte counts as one).
inline std::vector<std::uint32_t> code_points(std::string_view text) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < text.size();) {
        const auto [code, length] = next_code_point(text, i);
        out.push_back(code);
        i += length;
    }
    return out;
}

/// Edits (insert, delete, replace, swap two neighbours) from `a` to `b`, counted in code points.
inline std::size_t edit_distance(const std::vector<std::uint32_t>& a, const std::vector<std::uint32_t>& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[a.size()][b.size()];
}
}  // namespace detail

/// The name (a column among `columns`, or one of its aliases) that `header` looks like a misspelling of: one edit
/// (a letter missing, added, changed, or two swapped: `Vaule`, `units`, `编号x`) away from the column's
/// name or one of its aliases, two edits for names of six or more characters; empty when none. The
/// readers refuse such a header rather than keep it as an extra column, so that a typo in an optional
/// column (`toleranse`) is not silently left unread.
inline std::string misspelt_column(std::string_view header, const std::vector<std::string>& columns) {
    const auto written = detail::code_points(detail::header_key(header));
    const auto near = [&](std::string_view name) {
        const auto other = detail::code_points(name);
        const std::size_t shorter = std::min(written.size(), other.size());
        const std::size_t d = detail::edit_distance(written, other);
        return d > 0 && shorter >= 2 && (d <= 1 || (d <= 2 && shorter >= 6));
    };
    for (const auto& column : columns) {
        if (near(column)) return column;
        for (const auto& a : column_aliases()) {
            if (a.column == column && near(a.alias)) return std::string(a.alias);
        }
    }
    return {};
}

/// The Chinese header of a canonical column (its first alias), or the column itself when it has none.
inline std::string chinese_column_name(std::string_view column) {
    for (const auto& a : column_aliases()) {
        if (a.column == column) return std::string(a.alias);
    }
    return std::string(column);
}

}  // namespace ontrack

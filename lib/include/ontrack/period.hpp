// Periods: the years, quarters and months that plan indicators are reported for, and the
// five-year-plan spans (十一五 … 十六五) that plan texts count in.
#pragma once

#include <ontrack/detail/text.hpp>
#include <ontrack/error.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cctype>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ontrack {

/// How many periods make a year.
enum class frequency { annual = 1, quarterly = 4, monthly = 12 };

/// "annual", "quarterly" or "monthly".
inline std::string to_string(frequency f) {
    switch (f) {
        case frequency::annual: return "annual";
        case frequency::quarterly: return "quarterly";
        case frequency::monthly: return "monthly";
    }
    return "annual";
}

/// One reporting period: a calendar year, a quarter or a month.
///
/// Periods of the same frequency are ordered and can be added to and subtracted from each other
/// (`p + 1` is the next period, `q - p` the number of periods between them). Mixing frequencies in
/// arithmetic or comparison throws `value_error`: a quarter is not "before" or "after" a year.
class period {
public:
    /// The calendar year `y` (1400 … 9999, the range of the Gregorian calendar ontrack's dates use).
    static period year(int y) { return period(frequency::annual, y, 1); }
    /// Quarter `q` (1 … 4) of year `y`.
    static period quarter(int y, int q) { return period(frequency::quarterly, y, q); }
    /// Month `m` (1 … 12) of year `y`.
    static period month(int y, int m) { return period(frequency::monthly, y, m); }
    /// The period of frequency `f` that contains day `d`.
    static period containing(const boost::gregorian::date& d, frequency f = frequency::annual) {
        if (d.is_special()) throw value_error("date", "not a calendar date");
        const int y = d.year();
        const int m = d.month();
        switch (f) {
            case frequency::annual: return year(y);
            case frequency::quarterly: return quarter(y, (m - 1) / 3 + 1);
            case frequency::monthly: return month(y, m);
        }
        return year(y);
    }

    /// Reads a period from text. Accepted forms:
    /// `2025`, `2025年`, `2025年底`/`2025年末` (the year 2025); `2025-Q3`, `2025Q3`, `2025年第三季度`;
    /// `2025-03`, `2025年3月`; an ISO date `2025-03-31` (the period of frequency `date_frequency`
    /// containing it); `十三五末` (the last year of the 13th five-year plan, 2020) and `十四五初` (its first
    /// year). Full-width digits are accepted, and a year written as a number with zero decimals
    /// (`2020.0`, as spreadsheets and pandas write years). Throws `parse_error` naming `field` and the text.
    static period parse(std::string_view text, std::string_view field = "period",
                        frequency date_frequency = frequency::annual);

    frequency freq() const noexcept { return freq_; }
    int year() const noexcept { return year_; }
    /// The quarter (1 … 4) or month (1 … 12) within the year; 1 for a year.
    int sub() const noexcept { return sub_; }

    /// Periods elapsed since the start of year 0 at this frequency; consecutive periods differ by 1.
    /// Periods of different frequencies are never equal (`==` is false) and cannot be ordered (`<` throws).
    std::int64_t ordinal() const noexcept {
        return static_cast<std::int64_t>(year_) * static_cast<int>(freq_) + (sub_ - 1);
    }
    /// The period of frequency `f` with the given ordinal (inverse of `ordinal()`).
    static period from_ordinal(std::int64_t ordinal, frequency f) {
        const int per_year = static_cast<int>(f);
        const auto y = ordinal >= 0 ? ordinal / per_year : -((-ordinal + per_year - 1) / per_year);
        return period(f, static_cast<int>(y), static_cast<int>(ordinal - y * per_year) + 1);
    }

    /// The middle of the period in years (2025.5 for the year 2025, 2025.125 for 2025-Q1), the time
    /// axis shared by series of different frequencies.
    double decimal_year() const noexcept {
        return year_ + (sub_ - 0.5) / static_cast<double>(static_cast<int>(freq_));
    }

    boost::gregorian::date first_day() const {
        const int month_of_start = freq_ == frequency::annual ? 1 : freq_ == frequency::quarterly ? 3 * (sub_ - 1) + 1 : sub_;
        return boost::gregorian::date(static_cast<unsigned short>(year_), static_cast<unsigned short>(month_of_start), 1);
    }
    boost::gregorian::date last_day() const {
        const int last_month = freq_ == frequency::annual ? 12 : freq_ == frequency::quarterly ? 3 * sub_ : sub_;
        const auto y = static_cast<unsigned short>(year_);
        const auto m = static_cast<unsigned short>(last_month);
        return boost::gregorian::date(y, m, boost::gregorian::gregorian_calendar::end_of_month_day(y, m));
    }

    /// "2025", "2025-Q3" or "2025-03".
    std::string to_string() const {
        std::string out = std::to_string(year_);
        if (freq_ == frequency::quarterly) out += "-Q" + std::to_string(sub_);
        if (freq_ == frequency::monthly) out += (sub_ < 10 ? "-0" : "-") + std::to_string(sub_);
        return out;
    }

    period operator+(std::int64_t n) const { return from_ordinal(ordinal() + n, freq_); }
    period operator-(std::int64_t n) const { return from_ordinal(ordinal() - n, freq_); }
    /// The number of periods from `other` to this one (positive when this one is later).
    std::int64_t operator-(const period& other) const {
        require_same_frequency(other);
        return ordinal() - other.ordinal();
    }

    bool operator==(const period& other) const noexcept {
        return freq_ == other.freq_ && year_ == other.year_ && sub_ == other.sub_;
    }
    bool operator!=(const period& other) const noexcept { return !(*this == other); }
    bool operator<(const period& other) const { require_same_frequency(other); return ordinal() < other.ordinal(); }
    bool operator>(const period& other) const { return other < *this; }
    bool operator<=(const period& other) const { return !(other < *this); }
    bool operator>=(const period& other) const { return !(*this < other); }

private:
    period(frequency f, int y, int s) : freq_(f), year_(y), sub_(s) {
        if (y < 1400 || y > 9999) throw value_error("year", "year " + std::to_string(y) + " is outside 1400..9999");
        if (s < 1 || s > static_cast<int>(f)) {
            throw value_error(f == frequency::quarterly ? "quarter" : "month",
                              std::to_string(s) + " is not a " + (f == frequency::quarterly ? "quarter (1..4)" : "month (1..12)"));
        }
    }

    void require_same_frequency(const period& other) const {
        if (freq_ != other.freq_) {
            throw value_error("period", "cannot compare or subtract " + to_string() + " (" + ontrack::to_string(freq_) +
                                            ") and " + other.to_string() + " (" + ontrack::to_string(other.freq_) + ")");
        }
    }

    frequency freq_;
    int year_;
    int sub_;
};

/// A span of consecutive periods, both ends included.
struct period_span {
    period first;
    period last;
    /// Number of periods in the span.
    std::int64_t length() const { return last - first + 1; }
    bool contains(const period& p) const { return first <= p && p <= last; }
};

/// A Chinese five-year plan: its number, years and names.
struct five_year_plan {
    int number;            ///< 14 for the 14th plan
    period_span years;     ///< 2021 … 2025 for the 14th
    std::string name_zh;   ///< "十四五"
    std::string name_en;   ///< "14th Five-Year Plan"
};

namespace detail {

/// 一 … 九十九 as a number; nothing when `text` is not a Chinese numeral below 100.
inline std::optional<int> chinese_small_number(std::string_view text) {
    static constexpr std::string_view digits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    const auto digit_at = [&](std::string_view t) -> std::optional<int> {
        for (int d = 0; d < 10; ++d)
            if (starts_with(t, digits[d])) return d;
        if (starts_with(t, "两")) return 2;
        return std::nullopt;
    };
    constexpr std::string_view ten = "十";
    if (text.empty()) return std::nullopt;
    int tens = 0;
    if (starts_with(text, ten)) {
        tens = 1;
        text.remove_prefix(ten.size());
    } else if (const auto d = digit_at(text); d && starts_with(text.substr(3), ten)) {
        tens = *d;
        text.remove_prefix(3 + ten.size());
    }
    if (text.empty()) return tens > 0 ? std::optional<int>(tens * 10) : std::nullopt;
    const auto unit = digit_at(text);
    if (!unit || text.size() != 3) return std::nullopt;
    return tens * 10 + *unit;
}

inline std::string chinese_small_numeral(int n) {
    static constexpr const char* digits[] = {"", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    if (n < 10) return digits[n];
    return std::string(n >= 20 ? digits[n / 10] : "") + "十" + digits[n % 10];
}

inline std::string english_ordinal(int n) {
    const int last_two = n % 100;
    const char* suffix = (last_two >= 11 && last_two <= 13) ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
    return std::to_string(n) + suffix;
}

/// Drops the quotation marks plan texts put around plan names (“十四五”, "十四五", 「十四五」).
inline std::string strip_quotes(std::string_view text) {
    static constexpr std::string_view marks[] = {"\"", "'", "“", "”", "「", "」", "『", "』", "《", "》"};
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        bool skipped = false;
        for (const auto mark : marks) {
            if (text.substr(i, mark.size()) == mark) { i += mark.size(); skipped = true; break; }
        }
        if (!skipped) out.push_back(text[i++]);
    }
    return out;
}

}  // namespace detail

/// The `number`th five-year plan of the People's Republic (the 1st ran 1953–1957; after the
/// 1963–1965 adjustment years the 3rd began in 1966). Throws `value_error` for numbers below 1 or above 99.
inline five_year_plan five_year_plan_number(int number) {
    if (number < 1 || number > 99) throw value_error("plan", "there is no five-year plan number " + std::to_string(number));
    const int first_year = number <= 2 ? 1953 + 5 * (number - 1) : 1966 + 5 * (number - 3);
    return five_year_plan{number,
                          period_span{period::year(first_year), period::year(first_year + 4)},
                          detail::chinese_small_numeral(number) + "五",
                          detail::english_ordinal(number) + " Five-Year Plan"};
}

/// The five-year plan named in `text`: "十四五", "“十四五”", "十四五期间", "十四五时期", "14th Five-Year
/// Plan", "14th FYP". Nothing when the text names no plan.
inline std::optional<five_year_plan> find_five_year_plan(std::string_view raw) {
    std::string text = detail::strip_quotes(detail::trim(raw));
    for (const std::string_view suffix : {"期间", "时期", "规划", "计划"}) {
        if (detail::ends_with(text, suffix)) text.resize(text.size() - suffix.size());
    }
    if (detail::ends_with(text, "五")) {
        if (const auto n = detail::chinese_small_number(std::string_view(text).substr(0, text.size() - 3)); n && *n >= 1) {
            return five_year_plan_number(*n);
        }
    }
    // English: "14th Five-Year Plan", "14th FYP".
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits > 0 && digits <= 2) {
        std::string rest = text.substr(digits);
        for (auto& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
            if (detail::starts_with(rest, suffix)) { rest.erase(0, 2); break; }
        }
        const auto tail = detail::trim(rest);
        if (tail == "fyp" || tail == "five-year plan" || tail == "five year plan") {
            const int n = std::stoi(text.substr(0, digits));
            if (n >= 1) return five_year_plan_number(n);
        }
    }
    return std::nullopt;
}

namespace detail {

inline std::optional<int> parse_int(std::string_view text) {
    if (text.empty() || text.size() > 9) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

inline std::optional<int> parse_quarter_word(std::string_view text) {
    // 第一季度 … 第四季度, or 1季度.
    if (starts_with(text, "第")) text.remove_prefix(3);
    if (!ends_with(text, "季度")) return std::nullopt;
    text.remove_suffix(6);
    if (auto n = parse_int(text)) return n;
    return chinese_small_number(text);
}

}  // namespace detail

inline period period::parse(std::string_view raw, std::string_view field, frequency date_frequency) {
    const std::string original(raw);
    const auto fail = [&](const std::string& why) -> period {
        throw parse_error(std::string(field), original, why);
    };
    const auto guarded = [&](auto make) -> period {
        try {
            return make();
        } catch (const value_error& e) {
            return fail(std::string("not a valid period: ") + e.what());
        } catch (const std::out_of_range& e) {
            return fail(std::string("not a calendar date: ") + e.what());
        }
    };
    std::string text = detail::ascii_digits(detail::trim(raw));
    if (text.empty()) return fail("empty period");

    // Plan-span words: 十三五末 = last year, 十四五初 = first year.
    for (const auto& [suffix, use_last] : {std::pair<std::string_view, bool>{"末", true}, {"末期", true}, {"初", false}, {"初期", false}}) {
        if (detail::ends_with(text, suffix)) {
            if (const auto plan = find_five_year_plan(std::string_view(text).substr(0, text.size() - suffix.size()))) {
                return use_last ? plan->years.last : plan->years.first;
            }
        }
    }
    if (find_five_year_plan(text)) {
        return fail("a five-year plan is a span, not a period: write 十四五末 for its last year or give the year");
    }

    // Chinese calendar words after a year: 2025年, 2025年底, 2025年末, 2025年3月, 2025年第三季度.
    if (const auto nian = text.find("年"); nian != std::string::npos && nian > 0) {
        const auto year_part = detail::parse_int(std::string_view(text).substr(0, nian));
        if (!year_part) return fail("not a year before 年");
        std::string_view rest = std::string_view(text).substr(nian + 3);
        if (rest.empty() || rest == "底" || rest == "末" || rest == "年底" || rest == "度") {
            return guarded([&] { return period::year(*year_part); });
        }
        if (detail::ends_with(rest, "月")) {
            rest.remove_suffix(3);
            if (auto m = detail::parse_int(rest)) return guarded([&] { return period::month(*year_part, *m); });
            if (auto m = detail::chinese_small_number(rest)) return guarded([&] { return period::month(*year_part, *m); });
            return fail("not a month before 月");
        }
        if (const auto q = detail::parse_quarter_word(rest)) return guarded([&] { return period::quarter(*year_part, *q); });
        return fail("unrecognised text after 年");
    }

    // A year that went through a spreadsheet or pandas as a number: 2020.0 is 2020.
    if (text.size() > 5 && text[4] == '.' && text.find_first_not_of('0', 5) == std::string::npos) text.resize(4);
    // ISO-like forms.
    if (const auto y = detail::parse_int(text); y && text.size() == 4) return guarded([&] { return period::year(*y); });
    if (text.size() >= 6 && detail::parse_int(std::string_view(text).substr(0, 4))) {
        const int y = *detail::parse_int(std::string_view(text).substr(0, 4));
        std::string_view rest = std::string_view(text).substr(4);
        bool separated = false;
        if (!rest.empty() && (rest.front() == '-' || rest.front() == ' ' || rest.front() == '/')) {
            rest.remove_prefix(1);
            separated = true;
        }
        if (!rest.empty() && (rest.front() == 'Q' || rest.front() == 'q')) {
            if (const auto q = detail::parse_int(rest.substr(1)); q && rest.size() == 2) return guarded([&] { return period::quarter(y, *q); });
            return fail("not a quarter (expected 2025-Q1 … 2025-Q4)");
        }
        if (!rest.empty() && (rest.front() == 'M' || rest.front() == 'm')) {
            rest.remove_prefix(1);
            separated = true;
        }
        if (rest.size() == 2 && separated) {
            if (const auto m = detail::parse_int(rest)) return guarded([&] { return period::month(y, *m); });
        }
        if (rest.size() == 5 && (rest[2] == '-' || rest[2] == '/')) {
            const auto m = detail::parse_int(rest.substr(0, 2));
            const auto d = detail::parse_int(rest.substr(3, 2));
            if (m && d) {
                return guarded([&] {
                    const boost::gregorian::date day(static_cast<unsigned short>(y), static_cast<unsigned short>(*m),
                                                     static_cast<unsigned short>(*d));
                    return period::containing(day, date_frequency);
                });
            }
        }
    }
    return fail("not a period: expected a year (2025), a quarter (2025-Q3), a month (2025-03), an ISO date "
                "(2025-03-31) or a plan year such as 十三五末");
}

/// Reads a span: a five-year plan name ("十四五", "“十四五”期间"), "2021—2025", "2021-2025年", or a single
/// period (a span of one). Throws `parse_error` naming `field`.
inline period_span parse_period_span(std::string_view raw, std::string_view field = "period") {
    if (const auto plan = find_five_year_plan(raw)) return plan->years;
    std::string text = detail::ascii_digits(detail::trim(raw));
    if (detail::ends_with(text, "年")) text.resize(text.size() - 3);
    for (const std::string_view dash : {"—", "–", "－", "至", "~", "-"}) {
        // A '-' inside "2025-03" is a month, so try a dash only where both sides read as periods.
        std::size_t at = text.find(dash);
        while (at != std::string::npos) {
            try {
                const auto first = period::parse(std::string_view(text).substr(0, at), field);
                const auto last = period::parse(std::string_view(text).substr(at + dash.size()), field);
                if (first.freq() == last.freq() && first <= last) return period_span{first, last};
            } catch (const parse_error&) {
            }
            at = text.find(dash, at + 1);
        }
    }
    const auto single = period::parse(raw, field);
    return period_span{single, single};
}

/// Reads a calendar date as people write one: `2026-12-01`, `2026/12/01`, `2026.12.01`, `2026年12月1日`;
/// a month (`2026-12`, `2026/12`, `2026年12月`) or a year (`2026`) means its last day, so that "as of
/// 2026-12" includes everything published in December. Full-width digits are accepted. Throws
/// `parse_error` naming `field`, the text and the accepted forms.
inline boost::gregorian::date parse_date(std::string_view raw, std::string_view field = "as_of") {
    const std::string original(raw);
    std::string text = detail::ascii_digits(detail::trim(raw));
    const auto fail = [&]() -> boost::gregorian::date {
        throw parse_error(std::string(field), original,
                          "not a date: expected 2026-12-01, 2026/12/01, 2026年12月1日, or a month (2026-12) or year (2026) for its last day");
    };
    // 2026年12月1日 → 2026-12-1; 2026.12.01 and 2026/12/01 → dashes.
    for (const auto& [from, to] : {std::pair<std::string_view, std::string_view>{"年", "-"}, {"月", "-"}, {"日", ""}, {"/", "-"}, {".", "-"}}) {
        for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    }
    if (!text.empty() && text.back() == '-') text.pop_back();
    std::vector<int> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto dash = text.find('-', start);
        const auto piece = std::string_view(text).substr(start, dash == std::string::npos ? std::string::npos : dash - start);
        const auto n = detail::parse_int(piece);
        if (!n || piece.empty() || piece.size() > 4 || piece.front() == '-' || piece.front() == '+') return fail();
        parts.push_back(*n);
        if (dash == std::string::npos) break;
        start = dash + 1;
    }
    if (parts.empty() || parts.size() > 3 || parts[0] < 1400 || parts[0] > 9999) return fail();
    try {
        const auto y = static_cast<unsigned short>(parts[0]);
        if (parts.size() == 1) return boost::gregorian::date(y, 12, 31);
        if (parts[1] < 1 || parts[1] > 12) return fail();
        const auto m = static_cast<unsigned short>(parts[1]);
        if (parts.size() == 2) return boost::gregorian::date(y, m, boost::gregorian::gregorian_calendar::end_of_month_day(y, m));
        if (parts[2] < 1 || parts[2] > 31) return fail();
        return boost::gregorian::date(y, m, static_cast<unsigned short>(parts[2]));
    } catch (const std::out_of_range&) {
        return fail();
    }
}

}  // namespace ontrack

template <>
struct std::hash<ontrack::period> {
    std::size_t operator()(const ontrack::period& p) const noexcept {
        return std::hash<std::int64_t>()(p.ordinal() * 16 + static_cast<int>(p.freq()));
    }
};

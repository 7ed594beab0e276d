// Publication: when a figure became known. An assessment "as of" a day may use only figures published
// by that day; this header holds the calendar dates involved (ISO dates read and written one way) and
// the default delay between the end of a period and the release of its figure.
#pragma once

#include <ontrack/error.hpp>
#include <ontrack/period.hpp>

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ontrack {

/// Whether `text` is a calendar date written YYYY-MM-DD (ASCII digits, a real day).
inline bool is_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
    for (const std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (text[i] < '0' || text[i] > '9') return false;
    }
    const auto number = [&](std::size_t from, std::size_t length) {
        int value = 0;
        for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
        return value;
    };
    const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    // boost's calendar covers 1400..9999.
    if (y < 1400 || m < 1 || m > 12 || d < 1) return false;
    return d <= boost::gregorian::gregorian_calendar::end_of_month_day(static_cast<unsigned short>(y), static_cast<unsigned short>(m));
}

/// The day written YYYY-MM-DD in `text`; throws `parse_error` for `field` naming the text otherwise.
inline boost::gregorian::date parse_iso_date(std::string_view text, const std::string& field = "date") {
    if (!is_iso_date(text)) throw parse_error(field, std::string(text), "not an ISO date (YYYY-MM-DD, a real day from 1400 on)");
    const auto number = [&](std::size_t from, std::size_t length) {
        int value = 0;
        for (std::size_t i = from; i < from + length; ++i) value = value * 10 + (text[i] - '0');
        return static_cast<unsigned short>(value);
    };
    return boost::gregorian::date(number(0, 4), number(5, 2), number(8, 2));
}

/// `day` written YYYY-MM-DD.
inline std::string iso_date(const boost::gregorian::date& day) {
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(day.year()), static_cast<int>(day.month()), static_cast<int>(day.day()));
    return buffer;
}

/// Months from the end of a period until its figure is first released, when nothing more precise is
/// known (no publication date in the data, no lag for the indicator). The defaults are middle values of
/// the Chinese statistical calendar: annual figures appear from the communiqué at the end of February
/// (2 months) through the R&D bulletin in September (9) to the yearbooks at the end of the next year
/// (about 12), so 6 for annual series; quarterly and monthly figures follow within weeks (2 and 1).
/// Where the true lag is known, give it (`assessment_options::publication_lag_months`, the command
/// line's `--publication-lag`, or a `published` date per observation). The usual lag of an indicator
/// (the indicator catalogue's `publication_lag_months`, e.g. 9 for the annual R&D bulletin) comes before
/// the frequency default: `by_indicator`, filled by `publication_lags_of(catalogue)`.
struct publication_lags {
    int annual = 6;
    int quarterly = 2;
    int monthly = 1;
    /// Months by indicator id, before the frequency default.
    std::map<std::string, int, std::less<>> by_indicator;

    /// The lag for a frequency.
    int months(frequency f) const noexcept {
        switch (f) {
            case frequency::annual: return annual;
            case frequency::quarterly: return quarterly;
            case frequency::monthly: return monthly;
        }
        return annual;
    }

    /// The lag for periods of frequency `f` of `indicator`: its own lag where known, else the
    /// frequency default.
    int months(frequency f, std::string_view indicator) const {
        const auto found = by_indicator.find(indicator);
        return found != by_indicator.end() ? found->second : months(f);
    }
};

/// The first day on which the figure of `p` counts as published when it appears `lag_months` after the
/// period ends: the day after its last day, plus the lag (0: the day after the period ends). Throws
/// `value_error` for a negative lag.
inline boost::gregorian::date available_from(const period& p, int lag_months) {
    if (lag_months < 0) throw value_error("publication_lag_months", "a publication lag cannot be negative, got " + std::to_string(lag_months));
    const auto next_day = p.last_day() + boost::gregorian::days(1);
    return next_day + boost::gregorian::months(lag_months);
}

/// Whether a figure published on `published` (or, when unknown, `lag_months` after `p` ends) is known
/// on `as_of`: published on or before that day.
inline bool published_by(const period& p, const std::optional<boost::gregorian::date>& published, int lag_months, const boost::gregorian::date& as_of) {
    return (published ? *published : available_from(p, lag_months)) <= as_of;
}

}  // namespace ontrack

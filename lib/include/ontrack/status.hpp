// The unified verdict every assessment scheme is mapped to, so that one indicator can be compared
// across schemes (StatCan, UNSD, Eurostat, ESCAP, SDSN, ontrack's own) while each scheme keeps its
// native label beside it.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <utility>

#include <ontrack/error.hpp>

namespace ontrack {

/// Where an indicator stands against its target. The first three are facts about observed values;
/// the next four are verdicts about the pace or the projection; `awaiting_data` says the deadline has
/// passed but its figure is not published yet (the verdict waits; a nowcast says how likely it is
/// met); the last says no verdict is possible.
enum class status {
    /// The deadline has been observed (latest period ≥ target period) and the target is met there.
    met,
    /// The deadline has been observed and the target is not met there.
    missed,
    /// Before the deadline, the latest observation already meets the target.
    achieved,
    /// The pace (or the projection) reaches the target by the deadline.
    on_track,
    /// Moving towards the target, but too slowly: acceleration is needed.
    at_risk,
    /// Little or no movement towards the target.
    off_track,
    /// Moving away from the target.
    regressing,
    /// The deadline has passed and its figure is not yet published: a nowcast gives P(met).
    awaiting_data,
    /// No verdict: too few observations, no target, or growth rates that are undefined.
    not_assessable,
};

namespace detail {

// One table serves both directions of the conversion so that they cannot drift apart.
inline constexpr std::array<std::pair<status, std::string_view>, 9> status_names{{
    {status::met, "met"},
    {status::missed, "missed"},
    {status::achieved, "achieved"},
    {status::on_track, "on_track"},
    {status::at_risk, "at_risk"},
    {status::off_track, "off_track"},
    {status::regressing, "regressing"},
    {status::awaiting_data, "awaiting_data"},
    {status::not_assessable, "not_assessable"},
}};

}  // namespace detail

/// The lowercase name of `s`, exactly as spelled in the enumeration (`"on_track"`, ...).
inline std::string to_string(status s) {
    for (const auto& [value, name] : detail::status_names) {
        if (value == s) return std::string(name);
    }
    // Only reachable through a cast of an out-of-range integer to `status`.
    throw value_error("status", "not a valid ontrack::status (" + std::to_string(static_cast<int>(s)) + ")");
}

/// The status whose name is `text` (exact, lowercase). Throws ontrack::parse_error naming the
/// rejected text when it is not one of the nine names.
inline status status_from_string(std::string_view text) {
    for (const auto& [value, name] : detail::status_names) {
        if (name == text) return value;
    }
    throw parse_error("status", std::string(text),
                      "unknown status; expected one of met, missed, achieved, on_track, at_risk, off_track, "
                      "regressing, awaiting_data, not_assessable");
}

}  // namespace ontrack

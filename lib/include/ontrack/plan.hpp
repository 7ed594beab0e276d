// Plans: a named set of targets issued by one body for one region over a span of years.
#pragma once

#include <ontrack/period.hpp>
#include <ontrack/target.hpp>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ontrack {

/// A plan: "昌吉市科技创新“十四五”规划", region Changji City, issued by 昌吉市人民政府, 2021–2025, base 2020.
struct plan {
    std::string name;
    std::string region;
    std::string issuer;
    std::optional<period_span> span;
    std::optional<period> base;
    std::vector<target> targets;

    /// Throws `value_error` when target ids repeat or a target is malformed.
    void validate() const {
        std::set<std::string> ids;
        for (const auto& t : targets) {
            t.validate();
            if (!ids.insert(t.id).second) throw value_error("id", "plan '" + name + "' has the target id '" + t.id + "' twice");
        }
        if (span && base && !(*base < span->first)) {
            throw value_error("base", "the base " + base->to_string() + " of plan '" + name + "' is not before its first period " + span->first.to_string());
        }
    }

    /// The target with this id, or nothing.
    const target* find(const std::string& id) const {
        for (const auto& t : targets) if (t.id == id) return &t;
        return nullptr;
    }

    /// The plan's targets whose `document` field equals `document` (a plan kept in a shared targets file).
    static plan from_document(const std::vector<target>& all, const std::string& document) {
        plan p;
        p.name = document;
        for (const auto& t : all) if (t.document == document) p.targets.push_back(t);
        if (!p.targets.empty()) p.region = p.targets.front().region;
        return p;
    }
};

}  // namespace ontrack

// Regions and how they nest: China → Xinjiang → Urumqi → Dabancheng district. A tree read from a small
// CSV file (id,parent,name_zh,name_en,level[,aliases]; docs/regions.md), with a name and alias lookup
// so that the region names written in observation and target files find their node.
#pragma once

#include <ontrack/detail/csv.hpp>
#include <ontrack/error.hpp>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace ontrack {

/// The administrative level of a region. A `zone` (high-tech or development zone) overlaps the units
/// of its parent, so it is never a part of the parent's total (see `region_tree::parts`).
enum class region_level { country, province, prefecture, city, county, district, zone };

/// "country", "province", "prefecture", "city", "county", "district" or "zone".
inline std::string to_string(region_level l) {
    switch (l) {
        case region_level::country: return "country";
        case region_level::province: return "province";
        case region_level::prefecture: return "prefecture";
        case region_level::city: return "city";
        case region_level::county: return "county";
        case region_level::district: return "district";
        case region_level::zone: return "zone";
    }
    return "country";
}

/// Reads a level as `to_string` writes it; throws `parse_error` naming `field` and listing the levels.
inline region_level parse_region_level(std::string_view raw, std::string_view field = "level") {
    const auto text = detail::trim(raw);
    for (const auto l : {region_level::country, region_level::province, region_level::prefecture, region_level::city,
                         region_level::county, region_level::district, region_level::zone}) {
        if (text == to_string(l)) return l;
    }
    throw parse_error(std::string(field), std::string(raw),
                      "unknown region level: expected country, province, prefecture, city, county, district or zone");
}

/// One region: a node of the tree.
struct region {
    std::string id;       ///< short stable key ("urumqi"); unique in a tree
    std::string parent;   ///< id of the enclosing region; empty for a root
    std::string name_zh;  ///< "乌鲁木齐市"
    std::string name_en;  ///< "Urumqi" — as written in the observation files
    region_level level = region_level::country;
    std::vector<std::string> aliases;  ///< other names that mean this region ("新市区", "Xinshi District")
};

/// The columns of the regions CSV, in the order the writer uses (`aliases` is optional, ';'-separated).
inline const std::vector<std::string>& region_columns() {
    static const std::vector<std::string> columns{"id", "parent", "name_zh", "name_en", "level", "aliases"};
    return columns;
}

namespace detail {

/// Indices of the regions on the first cycle of parents ([a, b] for a → b → a), empty when none.
/// `index` maps every id to its position; every non-empty parent must be in it.
inline std::vector<std::size_t> region_cycle(const std::vector<region>& regions, const std::map<std::string, std::size_t>& index) {
    std::vector<int> state(regions.size(), 0);  // 0 unvisited, 1 on the current path, 2 done
    for (std::size_t start = 0; start < regions.size(); ++start) {
        std::vector<std::size_t> path;
        std::size_t i = start;
        while (state[i] == 0) {
            state[i] = 1;
            path.push_back(i);
            if (regions[i].parent.empty()) break;
            i = index.at(regions[i].parent);
        }
        if (state[i] == 1 && !regions[i].parent.empty()) return {std::find(path.begin(), path.end(), i), path.end()};
        for (const auto k : path) state[k] = 2;
    }
    return {};
}

/// The first name (id, Chinese or English name, alias) that means two regions: (earlier region,
/// later region, name); nothing when every name is unique.
inline std::optional<std::tuple<std::size_t, std::size_t, std::string>> region_name_clash(const std::vector<region>& regions,
                                                                                         std::map<std::string, std::size_t>& names) {
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const auto& r = regions[i];
        std::vector<std::string> all{r.id, r.name_zh, r.name_en};
        all.insert(all.end(), r.aliases.begin(), r.aliases.end());
        for (const auto& raw : all) {
            const std::string name(trim(raw));
            if (name.empty()) continue;
            const auto [it, inserted] = names.emplace(name, i);
            if (!inserted && it->second != i) return std::make_tuple(it->second, i, name);
        }
    }
    return std::nullopt;
}

}  // namespace detail

/// A forest of regions with unique ids, known parents and no cycles, and unique names across
/// ids, names and aliases (so that a name finds one region). An immutable value.
class region_tree {
public:
    region_tree() = default;

    /// Throws `value_error` on an empty id, a duplicate id, an unknown parent, a cycle, or a name or
    /// alias that already names another region.
    explicit region_tree(std::vector<region> regions) : regions_(std::move(regions)) {
        for (std::size_t i = 0; i < regions_.size(); ++i) {
            const auto& r = regions_[i];
            if (r.id.empty()) throw value_error("id", "a region needs an id");
            if (!index_.emplace(r.id, i).second) throw value_error("id", "duplicate region id '" + r.id + "'");
        }
        for (const auto& r : regions_) {
            if (!r.parent.empty() && index_.count(r.parent) == 0) {
                throw value_error("parent", "region '" + r.id + "' has an unknown parent '" + r.parent + "'");
            }
        }
        if (const auto cycle = detail::region_cycle(regions_, index_); !cycle.empty()) {
            std::string text;
            for (const auto k : cycle) text += regions_[k].id + " → ";
            throw value_error("parent", "the parents form a cycle: " + text + regions_[cycle.front()].id);
        }
        if (const auto clash = detail::region_name_clash(regions_, names_)) {
            const auto& [first, second, name] = *clash;
            throw value_error("aliases", "the name '" + name + "' means both '" + regions_[first].id + "' and '" + regions_[second].id + "'");
        }
    }

    /// Every region, in the order given.
    const std::vector<region>& regions() const noexcept { return regions_; }
    std::size_t size() const noexcept { return regions_.size(); }
    bool contains(const std::string& id) const { return index_.count(id) > 0; }

    /// The region with this id; throws `value_error` when there is none.
    const region& at(const std::string& id) const {
        const auto it = index_.find(id);
        if (it == index_.end()) throw value_error("region", "no region with id '" + id + "'");
        return regions_[it->second];
    }

    /// The id of the region that `name` means — an id, a Chinese or English name or an alias
    /// (surrounding blanks ignored) — or nothing.
    std::optional<std::string> find(std::string_view name) const {
        const auto it = names_.find(std::string(detail::trim(name)));
        if (it == names_.end()) return std::nullopt;
        return regions_[it->second].id;
    }

    /// Like `find`, but throws `value_error` when no region has that name.
    const region& lookup(std::string_view name) const {
        const auto id = find(name);
        if (!id) throw value_error("region", "no region is called '" + std::string(name) + "' (not an id, name or alias in the region tree)");
        return at(*id);
    }

    /// Ids of the direct children, in file order (zones included).
    std::vector<std::string> children(const std::string& id) const {
        at(id);
        std::vector<std::string> out;
        for (const auto& r : regions_) if (r.parent == id) out.push_back(r.id);
        return out;
    }

    /// Ids of the children whose values add up to the region's own: every child except zones, which
    /// overlap the other units of their parent.
    std::vector<std::string> parts(const std::string& id) const {
        std::vector<std::string> out;
        for (const auto& c : children(id)) if (at(c).level != region_level::zone) out.push_back(c);
        return out;
    }

    /// Ids from the parent up to the root (empty for a root).
    std::vector<std::string> ancestors(const std::string& id) const {
        std::vector<std::string> out;
        for (const region* r = &at(id); !r->parent.empty(); r = &at(r->parent)) out.push_back(r->parent);
        return out;
    }

    /// Ids of every region below `id`, depth first in file order.
    std::vector<std::string> descendants(const std::string& id) const {
        std::vector<std::string> out;
        for (const auto& c : children(id)) {
            out.push_back(c);
            const auto below = descendants(c);
            out.insert(out.end(), below.begin(), below.end());
        }
        return out;
    }

    /// Ids of the regions without a parent.
    std::vector<std::string> roots() const {
        std::vector<std::string> out;
        for (const auto& r : regions_) if (r.parent.empty()) out.push_back(r.id);
        return out;
    }

    /// Depth below its root (0 for a root).
    std::size_t depth(const std::string& id) const { return ancestors(id).size(); }

private:
    std::vector<region> regions_;
    std::map<std::string, std::size_t> index_;
    std::map<std::string, std::size_t> names_;
};

/// Reads a region tree from CSV text (columns `id,parent,name_zh,name_en,level` and optionally
/// `aliases`, names separated by ';'); `source` names the file in errors. Throws `parse_error` naming
/// line, column and field for: an empty id, an unknown level, a duplicate id, an unknown parent, a
/// cycle of parents (at the line of the first region on it), a name or alias used by two regions.
inline region_tree read_regions(std::string_view text, const std::string& source = "regions") {
    const auto table = detail::parse_csv(text, source);
    const detail::csv_columns columns(table.header, region_columns(), {"id", "parent", "name_zh", "name_en", "level"}, source);
    std::vector<region> regions;
    std::map<std::string, std::size_t> line_of;
    std::vector<std::size_t> lines;
    for (const auto& row : table.rows) {
        region r;
        r.id = std::string(detail::trim(columns.get(row, "id")));
        if (r.id.empty()) throw parse_error("id", "", "every region needs an id", row.line, columns.column("id"), source);
        if (const auto [it, inserted] = line_of.emplace(r.id, row.line); !inserted) {
            throw parse_error("id", r.id, "duplicate region id (first on line " + std::to_string(it->second) + ")", row.line, columns.column("id"), source);
        }
        r.parent = std::string(detail::trim(columns.get(row, "parent")));
        r.name_zh = std::string(detail::trim(columns.get(row, "name_zh")));
        r.name_en = std::string(detail::trim(columns.get(row, "name_en")));
        try {
            r.level = parse_region_level(columns.get(row, "level"));
        } catch (const parse_error& e) {
            throw parse_error("level", e.value(), e.reason(), row.line, columns.column("level"), source);
        }
        r.aliases = detail::split_list(columns.get(row, "aliases"), ';');
        regions.push_back(std::move(r));
        lines.push_back(row.line);
    }
    std::map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < regions.size(); ++i) index.emplace(regions[i].id, i);
    for (std::size_t i = 0; i < regions.size(); ++i) {
        if (!regions[i].parent.empty() && index.count(regions[i].parent) == 0) {
            throw parse_error("parent", regions[i].parent, "unknown parent region (no row has this id)", lines[i], columns.column("parent"), source);
        }
    }
    if (const auto cycle = detail::region_cycle(regions, index); !cycle.empty()) {
        std::string path;
        for (const auto k : cycle) path += regions[k].id + " → ";
        const auto first = *std::min_element(cycle.begin(), cycle.end());
        throw parse_error("parent", regions[first].parent, "the parents form a cycle: " + path + regions[cycle.front()].id, lines[first],
                          columns.column("parent"), source);
    }
    std::map<std::string, std::size_t> names;
    if (const auto clash = detail::region_name_clash(regions, names)) {
        const auto& [first, second, name] = *clash;
        const auto& r = regions[second];
        const std::string field = name == r.id ? "id" : name == r.name_zh ? "name_zh" : name == r.name_en ? "name_en" : "aliases";
        throw parse_error(field, name, "this name already means region '" + regions[first].id + "' (line " + std::to_string(lines[first]) + ")",
                          lines[second], columns.column(field), source);
    }
    return region_tree(std::move(regions));
}

/// Reads a regions CSV file.
inline region_tree read_regions_file(const std::string& path) { return read_regions(detail::read_file(path), path); }

/// CSV text of the tree, readable by `read_regions`.
inline std::string write_regions(const region_tree& tree) {
    std::string out = detail::csv_line(region_columns());
    for (const auto& r : tree.regions()) {
        out += detail::csv_line({r.id, r.parent, r.name_zh, r.name_en, to_string(r.level), detail::join(r.aliases, ";")});
    }
    return out;
}

}  // namespace ontrack

// The development panel (examples/data/provinces, first-release R&D figures of 16 provinces) as series,
// for the calibration suites.
#pragma once

#include <ontrack/series.hpp>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#ifndef ONTRACK_EXAMPLES_DATA_DIR
#error "compile with -DONTRACK_EXAMPLES_DATA_DIR='\"/path/to/examples/data\"'"
#endif

namespace ontrack::testing {

// One series per region of a `region,year,value,unit,source` file (the source, last and quoted, is not read).
inline std::vector<series> read_province_file(const std::string& name, const std::string& indicator, int last_year = 2023) {
    std::ifstream in(std::string(ONTRACK_EXAMPLES_DATA_DIR) + "/provinces/" + name);
    std::string line;
    std::getline(in, line);
    std::map<std::string, std::pair<std::vector<period>, std::vector<double>>> by;
    std::map<std::string, std::string> units;
    while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string region, year, value, unit;
        std::getline(fields, region, ',');
        std::getline(fields, year, ',');
        std::getline(fields, value, ',');
        std::getline(fields, unit, ',');
        if (value.empty() || std::stoi(year) > last_year) continue;
        by[region].first.push_back(period::year(std::stoi(year)));
        by[region].second.push_back(std::stod(value));
        units[region] = unit;
    }
    std::vector<series> out;
    for (const auto& [region, pv] : by) out.push_back(series::from_pairs(pv.first, pv.second, indicator, region, units[region]));
    return out;
}

inline std::vector<series> development_panel() {
    auto panel = read_province_file("rd_intensity_by_province.csv", "rd_intensity");
    auto more = read_province_file("rd_expenditure_by_province.csv", "rd_expenditure");
    panel.insert(panel.end(), more.begin(), more.end());
    return panel;
}

}  // namespace ontrack::testing

// Embedding ontrack in a C++ tool: read a targets file and an observations file, and say for each
// target what the published data already decide.
//
//   example_check_targets TARGETS.csv OBSERVATIONS.csv
#include <ontrack/ontrack.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: example_check_targets TARGETS.csv OBSERVATIONS.csv\n";
        return 2;
    }
    try {
        const auto targets = ontrack::read_targets_file(argv[1]);
        const auto observations = ontrack::read_observations_file(argv[2]);
        for (const auto& target : targets) {
            std::cout << target.id << " (" << target.region << ", " << target.indicator << "): ";
            if (!observations.contains(target.region, target.indicator)) {
                std::cout << "no observations\n";
                continue;
            }
            // Where a figure was revised, judge by what was first published.
            const auto vintages = observations.vintages(target.region, target.indicator);
            const std::optional<std::string> vintage =
                vintages.size() > 1 ? std::optional<std::string>("first_release") : std::nullopt;
            const auto series = observations.select(target.region, target.indicator, vintage);
            std::cout << ontrack::evaluate(target, series).message << "\n";
        }
        return 0;
    } catch (const ontrack::error& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}

// Reads a targets file with an installed ontrack and checks one target against hand-typed data.
#include <ontrack/ontrack.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: consumer TARGETS.csv\n";
        return 2;
    }
    try {
        const auto targets = ontrack::read_targets_file(argv[1]);
        std::cout << "ontrack " << ontrack::version_string << ": " << targets.size() << " targets read\n";
        // 2.5% by 2020 against 2.40 observed in 2020: missed.
        ontrack::target t;
        t.id = "check";
        t.value = 2.5;
        t.deadline = ontrack::period::year(2020);
        const auto s = ontrack::series::from_years({2019, 2020}, {2.23, 2.40});
        const auto result = ontrack::evaluate(t, s);
        std::cout << result.message << "\n";
        return targets.empty() || result.result != ontrack::verdict::missed ? 1 : 0;
    } catch (const ontrack::error& e) {
        std::cerr << e.what() << "\n";
        return 2;
    }
}

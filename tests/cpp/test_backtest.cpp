// Rolling-origin backtests on cases small enough to compute by hand.
#include <ontrack/backtest.hpp>

#include <doctest/doctest.h>

#include <cmath>

using ontrack::method;
using ontrack::period;

TEST_CASE("linear backtest, one origin, computed by hand") {
    // Fit on (2001, 1), (2002, 2), (2003, 4): slope = Σ(t−2002)(y−7/3)/Σ(t−2002)² = (−1·−4/3 + 1·5/3)/2 = 1.5,
    // so the 2004 forecast is 7/3 + 1.5·2 = 16/3; the actual 5 gives error 5 − 16/3 = −1/3.
    const auto s = ontrack::series::from_years({2001, 2002, 2003, 2004}, {1.0, 2.0, 4.0, 5.0});
    const auto result = ontrack::backtest(s, method::linear, 1);
    REQUIRE(result.forecasts.size() == 1);
    const auto& f = result.forecasts.front();
    CHECK(f.origin == period::year(2003));
    CHECK(f.at == period::year(2004));
    CHECK(f.horizon == 1);
    CHECK(f.mean == doctest::Approx(16.0 / 3.0).epsilon(1e-12));
    CHECK(f.error == doctest::Approx(-1.0 / 3.0).epsilon(1e-12));
    CHECK(result.overall.mae == doctest::Approx(1.0 / 3.0).epsilon(1e-12));
    // MAPE: (1/3)/5 × 100 = 6.666…%.
    CHECK(result.overall.mape == doctest::Approx(100.0 / 15.0).epsilon(1e-12));
    CHECK(result.overall.count == 1);
}

TEST_CASE("an exact line is forecast without error and every interval covers") {
    std::vector<int> years;
    std::vector<double> values;
    for (int y = 2010; y <= 2020; ++y) {
        years.push_back(y);
        values.push_back(3.0 + 0.5 * (y - 2010));
    }
    const auto result = ontrack::backtest(ontrack::series::from_years(years, values), method::linear, 3);
    // Origins 2012 … 2019 (8 of them); each forecasts up to 3 ahead within 2020: 3·6 + 2 + 1 = 21.
    CHECK(result.forecasts.size() == 21);
    CHECK(result.overall.mae == doctest::Approx(0.0).epsilon(1e-9).scale(1.0));
    CHECK(result.overall.coverage == 1.0);
    CHECK(result.by_horizon.size() == 3);
    CHECK(result.by_horizon.at(3).count == 6);
}

TEST_CASE("backtest coverage counts the intervals that held") {
    // Alternating noise around a line makes some one-step intervals miss; coverage is the share that held.
    const auto s = ontrack::series::from_years({2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017},
                                               {10.0, 12.5, 11.0, 14.0, 12.5, 16.5, 14.0, 18.0});
    const auto result = ontrack::backtest(s, method::linear, 1, 0.5);
    std::size_t covered = 0;
    for (const auto& f : result.forecasts) covered += (f.lower <= f.actual && f.actual <= f.upper) ? 1 : 0;
    CHECK(result.overall.coverage == doctest::Approx(static_cast<double>(covered) / static_cast<double>(result.forecasts.size())));
    CHECK(result.forecasts.size() == 5);  // origins 2012 … 2016
}

TEST_CASE("backtest refuses what it cannot do") {
    const auto three = ontrack::series::from_years({2001, 2002, 2003}, {1.0, 2.0, 3.0});
    CHECK_THROWS_AS((void)ontrack::backtest(three, method::linear, 1), ontrack::data_error);
    CHECK_THROWS_AS((void)ontrack::backtest(three, method::linear, 0), ontrack::value_error);
    try {
        (void)ontrack::backtest(three, method::holt, 1);
        FAIL("expected data_error");
    } catch (const ontrack::data_error& e) {
        CHECK(std::string(e.what()).find("holt") != std::string::npos);
    }
}

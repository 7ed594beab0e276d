// Special functions and predictive distributions. Reference values come from scipy 1.17.1; each block
// gives the python one-liner that printed them.
#include <ontrack/detail/special_functions.hpp>
#include <ontrack/distribution.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <random>
#include <vector>

namespace {

double rel_diff(double a, double b) { return std::fabs(a - b) / std::max(std::fabs(b), 1e-300); }

// Monte Carlo check of P(value >= threshold) and P(value <= threshold): `draws` samples with a fixed
// seed; the exact probability must lie within 5 binomial standard errors of the sample frequency.
void check_monte_carlo(const ontrack::predictive& d, double threshold) {
    std::mt19937_64 rng(20251122);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::student_t_distribution<double> student(std::isfinite(d.df) ? d.df : 1.0);
    const bool t = d.family == ontrack::distribution_family::student_t || d.family == ontrack::distribution_family::log_student_t;
    constexpr std::size_t draws = 200000;
    std::size_t above = 0;
    for (std::size_t i = 0; i < draws; ++i) {
        double v = d.location + d.scale * (t ? student(rng) : normal(rng));
        if (d.on_log_scale()) v = std::exp(v);
        if (v >= threshold) ++above;
    }
    const double frequency = static_cast<double>(above) / static_cast<double>(draws);
    const double p = d.probability(ontrack::comparator::at_least, threshold);
    const double se = std::sqrt(p * (1.0 - p) / static_cast<double>(draws));
    CHECK(std::fabs(frequency - p) <= 5.0 * se + 1e-12);
    CHECK(d.probability(ontrack::comparator::greater, threshold) == doctest::Approx(p).epsilon(1e-15));
    CHECK(d.probability(ontrack::comparator::at_most, threshold) + p == doctest::Approx(1.0).epsilon(1e-13));
    CHECK(d.probability(ontrack::comparator::less, threshold) == d.probability(ontrack::comparator::at_most, threshold));
}

}  // namespace

TEST_CASE("Student t quantiles match scipy to 1e-12") {
    // python3 -c "from scipy import stats; print([stats.t.ppf(p, df) for df, p in [(1,.975),(2,.975),(3,.975),(4,.9),(5,.995),(8,.975),(10,.8),(13,.975),(30,.999),(100,.6),(7.5,.01),(3,1e-10)]])"
    struct row { double df, p, t; };
    const row rows[] = {{1, 0.975, 12.706204736174694},  {2, 0.975, 4.302652729749462},   {3, 0.975, 3.1824463052837078},
                        {4, 0.9, 1.533206274058944},     {5, 0.995, 4.032142983555228},   {8, 0.975, 2.306004135204166},
                        {10, 0.8, 0.8790578285505889},   {13, 0.975, 2.1603686564627913}, {30, 0.999, 3.3851848668293045},
                        {100, 0.6, 0.25402218245822766}, {7.5, 0.01, -2.9430993234067215}, {3, 1e-10, -2225.769284683093}};
    for (const auto& r : rows) {
        CAPTURE(r.df);
        CAPTURE(r.p);
        CHECK(rel_diff(ontrack::detail::student_t_quantile(r.p, r.df), r.t) < 1e-12);
    }
    // Published table (e.g. Student t table in any statistics text): t_{0.975, 10} = 2.228.
    CHECK(ontrack::detail::student_t_quantile(0.975, 10) == doctest::Approx(2.228).epsilon(2e-4));
    CHECK(ontrack::detail::student_t_quantile(0.5, 4) == 0.0);
    CHECK(std::isinf(ontrack::detail::student_t_quantile(1.0, 4)));
    CHECK(std::isnan(ontrack::detail::student_t_quantile(1.5, 4)));
}

TEST_CASE("Student t CDF and incomplete beta match scipy to 1e-12") {
    // python3 -c "from scipy import stats; print([stats.t.cdf(x, df) for df, x in [(1,-3.),(3,2.5),(6,-.7),(11,1.8),(25,-4.2),(4,40.),(50,.05)]])"
    struct row { double df, x, p; };
    const row rows[] = {{1, -3.0, 0.10241638234956672},  {3, 2.5, 0.9561466764959672},   {6, -0.7, 0.25507169047537975},
                        {11, 1.8, 0.9503420534306153},   {25, -4.2, 0.0001480019494650281}, {4, 40.0, 0.9999988329918387},
                        {50, 0.05, 0.5198392020940237}};
    for (const auto& r : rows) {
        CAPTURE(r.df);
        CAPTURE(r.x);
        CHECK(rel_diff(ontrack::detail::student_t_cdf(r.x, r.df), r.p) < 1e-12);
        // Round trip through the quantile.
        CHECK(rel_diff(ontrack::detail::student_t_quantile(r.p, r.df), r.x) < 1e-9);
    }
    // python3 -c "from scipy import special; print([special.betainc(a, b, x) for a, b, x in [(.5,.5,.3),(2,3,.4),(5.5,.5,.9),(10,20,.25),(.5,7,.001)]])"
    struct beta_row { double a, b, x, value; };
    const beta_row betas[] = {{0.5, 0.5, 0.3, 0.36901011956554536}, {2, 3, 0.4, 0.5247999999999999}, {5.5, 0.5, 0.9, 0.2925184553957732},
                              {10, 20, 0.25, 0.16630494959787945}, {0.5, 7, 0.001, 0.09255230112989836}};
    for (const auto& r : betas) {
        CAPTURE(r.a);
        CHECK(rel_diff(ontrack::detail::incomplete_beta(r.a, r.b, r.x), r.value) < 1e-12);
    }
    // I_{0.4}(2, 3) = 0.5248 exactly (a polynomial: Σ_{j=2}^{4} C(4, j) 0.4^j 0.6^(4−j)).
    CHECK(ontrack::detail::incomplete_beta(2, 3, 0.4) == doctest::Approx(0.5248).epsilon(1e-14));
}

TEST_CASE("log_gamma and log_beta agree with std::lgamma") {
    for (const double x : {0.05, 0.5, 1.0, 1.5, 2.5, 7.0, 19.9, 20.0, 55.5, 600.0}) {
        CAPTURE(x);
        CHECK(ontrack::detail::log_gamma(x) == doctest::Approx(std::lgamma(x)).epsilon(1e-13).scale(1.0));
    }
    // B(a, 1/2) for a large a, where lgamma differences cancel.
    // python3 -c "from scipy import special; print(special.betaln(500, 0.5))"
    CHECK(ontrack::detail::log_beta(500.0, 0.5) == doctest::Approx(-2.5346891063277326).epsilon(1e-13));
    // python3 -c "from scipy import stats; print(stats.t.cdf(-1.5, 1000))"
    CHECK(rel_diff(ontrack::detail::student_t_cdf(-1.5, 1000.0), 0.06696501941104313) < 1e-12);
}

TEST_CASE("normal quantile matches scipy to full precision") {
    // python3 -c "from scipy import stats; print([stats.norm.ppf(p) for p in [1e-12,.001,.2,.8,.975]])"
    struct row { double p, z; };
    const row rows[] = {{1e-12, -7.034483825301131}, {0.001, -3.090232306167813}, {0.2, -0.8416212335729142},
                        {0.8, 0.8416212335729143},   {0.975, 1.959963984540054}};
    for (const auto& r : rows) {
        CAPTURE(r.p);
        CHECK(rel_diff(ontrack::detail::normal_quantile(r.p), r.z) < 1e-14);
    }
    CHECK(ontrack::detail::normal_quantile(0.5) == 0.0);
}

TEST_CASE("predictive families: quantiles, CDF, median, mean") {
    const auto t = ontrack::predictive::student_t(10.0, 2.0, 5.0);
    CHECK(t.quantile(0.995) == doctest::Approx(10.0 + 2.0 * 4.032142983555228).epsilon(1e-14));
    CHECK(t.cdf(t.quantile(0.3)) == doctest::Approx(0.3).epsilon(1e-13));
    CHECK(t.sf(t.quantile(0.999)) == doctest::Approx(0.001).epsilon(1e-11));
    CHECK(t.mean() == 10.0);
    CHECK(t.median() == 10.0);
    const auto [lower, upper] = t.interval(0.99);
    CHECK(upper - 10.0 == doctest::Approx(10.0 - lower).epsilon(1e-14));

    const auto n = ontrack::predictive::normal(-1.0, 0.5);
    CHECK(n.quantile(0.975) == doctest::Approx(-1.0 + 0.5 * 1.959963984540054).epsilon(1e-14));
    CHECK(n.cdf(-1.0) == doctest::Approx(0.5).epsilon(1e-15));

    const auto lt = ontrack::predictive::log_student_t(std::log(100.0), 0.1, 8.0);
    CHECK(lt.median() == doctest::Approx(100.0).epsilon(1e-14));
    CHECK(lt.quantile(0.975) == doctest::Approx(100.0 * std::exp(0.1 * 2.306004135204166)).epsilon(1e-13));
    CHECK(lt.cdf(0.0) == 0.0);
    CHECK(lt.cdf(-5.0) == 0.0);
    CHECK(lt.sf(-5.0) == 1.0);
    CHECK(std::isinf(lt.mean()));

    const auto ln = ontrack::predictive::log_normal(1.0, 0.5);
    CHECK(ln.mean() == doctest::Approx(std::exp(1.125)).epsilon(1e-15));
    CHECK(ln.cdf(std::exp(1.0)) == doctest::Approx(0.5).epsilon(1e-14));

    CHECK(ontrack::to_string(ontrack::distribution_family::log_student_t) == "log_student_t");
}

TEST_CASE("a zero scale is a point mass") {
    const auto d = ontrack::predictive::student_t(3.0, 0.0, 4.0);
    CHECK(d.quantile(0.01) == 3.0);
    CHECK(d.probability(ontrack::comparator::at_least, 3.0) == 1.0);
    CHECK(d.probability(ontrack::comparator::greater, 3.0) == 0.0);
    CHECK(d.probability(ontrack::comparator::less, 3.5) == 1.0);
    CHECK(d.cdf(2.9) == 0.0);
}

TEST_CASE("invalid arguments throw value_error") {
    CHECK_THROWS_AS(ontrack::predictive::student_t(0.0, -1.0, 3.0), ontrack::value_error);
    CHECK_THROWS_AS(ontrack::predictive::student_t(0.0, 1.0, 0.0), ontrack::value_error);
    CHECK_THROWS_AS(ontrack::predictive::normal(std::nan(""), 1.0), ontrack::value_error);
    const auto d = ontrack::predictive::student_t(0.0, 1.0, 1.0);
    CHECK_THROWS_AS(d.mean(), ontrack::value_error);  // Cauchy: no mean
    CHECK_THROWS_AS(d.quantile(0.0), ontrack::value_error);
    CHECK_THROWS_AS(d.quantile(1.0), ontrack::value_error);
    CHECK_THROWS_AS(d.interval(1.0), ontrack::value_error);
    CHECK_THROWS_AS(d.cdf(std::nan("")), ontrack::value_error);
    CHECK_THROWS_AS(d.probability(ontrack::comparator::about, 1.0), ontrack::value_error);
    CHECK_THROWS_AS(d.probability_between(2.0, 1.0), ontrack::value_error);
    CHECK(d.probability_between(-1.0, 1.0) == doctest::Approx(0.5).epsilon(1e-14));  // Cauchy: atan(1)/π·2
}

TEST_CASE("P(threshold) agrees with Monte Carlo draws of the same distribution") {
    // 2e5 draws per case, fixed seed; tolerance 5 binomial standard errors.
    check_monte_carlo(ontrack::predictive::student_t(10.0, 2.0, 3.0), 12.5);
    check_monte_carlo(ontrack::predictive::student_t(10.0, 2.0, 11.0), 6.0);
    check_monte_carlo(ontrack::predictive::normal(0.03, 0.004), 0.035);
    check_monte_carlo(ontrack::predictive::log_student_t(std::log(2500.0), 0.08, 6.0), 2800.0);
    check_monte_carlo(ontrack::predictive::log_normal(std::log(2.4), 0.05), 2.5);
}

TEST_CASE("student_t_df (df-only work done once) gives exactly student_t_sf and student_t_cdf, tails included") {
    // The batch path evaluates the t CDF through student_t_df; it must not differ from the scalar
    // functions in a single bit, over df from 1 to 10,000 and |t| from 0 to 1e150 (far tails).
    const double dfs[] = {1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 7.0, 10.0, 13.0, 19.5, 30.0, 47.0, 100.0, 1000.0, 10000.0, 2e10};
    const double ts[] = {0.0, 1e-12, 1e-3, 0.1, 0.5, 1.0, 1.96, 2.5, 4.0, 8.0, 20.0, 60.0, 300.0, 1e4, 1e8, 1e20, 1e150};
    for (const double df : dfs) {
        const ontrack::detail::student_t_df t(df);
        for (const double magnitude : ts) {
            for (const double sign : {1.0, -1.0}) {
                const double x = sign * magnitude;
                CAPTURE(df);
                CAPTURE(x);
                CHECK(t.sf(x) == ontrack::detail::student_t_sf(x, df));
                CHECK(t.cdf(x) == ontrack::detail::student_t_cdf(x, df));
            }
        }
    }
    CHECK(std::isnan(ontrack::detail::student_t_df(0.0).sf(1.0)));
}

TEST_CASE("the integer-df forms of the t CDF agree with the incomplete beta function's continued fraction to 1e-13") {
    // Independent formulas for the same number: the closed form (A&S 26.7.3/26.7.4, a finite sum in
    // cos²θ) and the far-tail series (DLMF 8.17.8) against ½·I_x(df/2, ½), x = df/(df + t²), by the
    // continued fraction of `incomplete_beta`. Relative, on both sides, from t = 0 to the far tail.
    using ontrack::detail::student_t_df;
    double worst = 0.0;
    for (int df = 1; df <= student_t_df::closed_form_df; ++df) {
        const student_t_df t(df);
        REQUIRE(t.integer_df == df);
        std::vector<double> grid;
        for (double x = 0.0; x < 60.0; x += 0.013) grid.push_back(x);
        for (double x = 60.0; x < 1e150; x *= 1.7) grid.push_back(x);
        for (const double x : grid) {
            const double t2 = x * x;
            const double beta_tail = 0.5 * ontrack::detail::incomplete_beta(0.5 * df, 0.5, df / (df + t2), t2 / (df + t2));
            CAPTURE(df);
            CAPTURE(x);
            const double upper = t.sf(x);
            // The reference's own error: its front factor exp(a·log x + ½·log y − log B) carries the
            // rounding of its argument, |argument|·ε relative (about 1e-13 at t = 1e120, df = 2); the
            // long-double checks below show the series is the more accurate one there.
            const double front = std::fabs(0.5 * df * std::log(df / (df + t2))) + std::fabs(t.log_beta_half);
            const double tolerance = 1e-13 + 4.0 * front * std::numeric_limits<double>::epsilon();
            worst = std::max(worst, rel_diff(upper, beta_tail) / tolerance);
            CHECK(rel_diff(upper, beta_tail) < tolerance);
            CHECK(rel_diff(t.sf(-x), 1.0 - beta_tail) < 1e-13);
        }
    }
    MESSAGE("worst relative difference / tolerance " << worst);
    // Exact closed forms in long double, far tails included: df = 1, P(T > t) = atan(1/t)/π; df = 2,
    // P(T > t) = 1/(r·(r + t)), r = √(2 + t²) (both by integrating the density by hand).
    for (long double x = 0.5L; x < 1e149L; x *= 3.1L) {
        CAPTURE(static_cast<double>(x));
        const long double cauchy = std::atan(1.0L / x) / 3.14159265358979323846264338327950288L;
        const long double r = std::sqrt(2.0L + x * x);
        const long double two = 1.0L / (r * (r + x));
        CHECK(std::fabs(static_cast<long double>(student_t_df(1.0).sf(static_cast<double>(x))) - cauchy) / cauchy < 1e-14L);
        CHECK(std::fabs(static_cast<long double>(student_t_df(2.0).sf(static_cast<double>(x))) - two) / two < 1e-14L);
    }
    // Not integer, or beyond the closed forms' range: the continued fraction alone.
    CHECK(student_t_df(13.5).integer_df == 0);
    CHECK(student_t_df(static_cast<double>(student_t_df::closed_form_df + 1)).integer_df == 0);
    CHECK(student_t_df(0.5).integer_df == 0);
}

TEST_CASE("the far-tail series of the t distribution matches scipy where sf uses it") {
    // python3 -c "from scipy import stats; print([stats.t.sf(t, df) for df, t in [(3,5.),(13,5.),(13,8.),(13,3.2),(30,6.),(30,4.),(7,20.),(20,3.5),(1,50.),(2,30.),(25,12.)]])"
    // (x = df/(df + t²) from 0.0004 to 0.652: the series answers every one of them.)
    struct row { int df; double t, sf; };
    const row rows[] = {{3, 5.0, 0.007696219036651147},    {13, 5.0, 0.00012147700290960302}, {13, 8.0, 1.1180826292990428e-06},
                        {13, 3.2, 0.0034837949267065567},  {30, 6.0, 6.971384383602382e-07},  {30, 4.0, 0.0001909228180418782},
                        {7, 20.0, 9.774413554001994e-08},   {20, 3.5, 0.0011275615765285825},  {1, 50.0, 0.006365349100972797},
                        {2, 30.0, 0.0005546313409798295},  {25, 12.0, 3.5914865375174125e-12}};
    for (const auto& r : rows) {
        CAPTURE(r.df);
        CAPTURE(r.t);
        const ontrack::detail::student_t_df t(r.df);
        const double series = ontrack::detail::student_t_far_tail_integer(r.t, r.df, t.inverse_df_beta);
        REQUIRE(!std::isnan(series));
        CHECK(rel_diff(series, r.sf) < 1e-13);
        CHECK(rel_diff(t.sf(r.t), r.sf) < 1e-13);
    }
    // Outside its domain it declines (NaN), and sf takes the continued fraction.
    CHECK(std::isnan(ontrack::detail::student_t_far_tail_integer(-3.0, 5, 1.0)));
    CHECK(std::isnan(ontrack::detail::student_t_far_tail_integer(3.0, 0, 1.0)));
}

TEST_CASE("a tabulated t distribution agrees with a 40-digit reference and with the untabulated one") {
    using ontrack::detail::student_t_df;
    // mpmath, 40 digits: P(T > t) = betainc(df/2, 1/2, 0, df/(df + t²), regularized=True)/2 (1 − that
    // for t < 0); the points include the worst of the untabulated forms (near its switch at 1/128) and
    // of the table, found on a grid of step 0.0137.
    struct row { double df, t, sf; };
    const row rows[] = {{1, 0.75, 0.29516723530086655},      {3, 1.7283, 0.091190459112289309},   {8, 2.459, 0.019690059814073681},
                        {13, 2.651, 0.0099868600087533749},   {13, -1.3, 0.89191063971940056},     {30, 2.528, 0.0084855694339392884},
                        {47, 1.6465, 0.053166145994318097},   {100, 1.706, 0.045556083149908965},  {100, 9.3, 1.694721537989047e-15},
                        {13, 15.97, 3.1787037548296435e-10}};
    for (const auto& r : rows) {
        CAPTURE(r.df);
        CAPTURE(r.t);
        student_t_df table(r.df);
        table.tabulate();
        REQUIRE(!table.taylor.empty());
        CHECK(rel_diff(table.sf(r.t), r.sf) < 5e-14);
        CHECK(rel_diff(table.cdf(-r.t), r.sf) < 5e-14);
    }
    // Everywhere, against the untabulated value (which is accurate to about 1e-13 itself): a grid that
    // crosses every node interval, both signs, and past the table's reach.
    for (const double df : {1.0, 2.0, 3.0, 5.0, 8.0, 13.0, 20.0, 30.0, 31.0, 47.0, 88.0, 100.0}) {
        CAPTURE(df);
        const student_t_df exact(df);
        student_t_df table(df);
        table.tabulate();
        double worst = 0.0;
        for (double t = -17.0; t < 17.0; t += 0.00731) {
            CAPTURE(t);
            const double reference = exact.sf(t);
            CHECK(rel_diff(table.sf(t), reference) < 1e-13);
            worst = std::max(worst, rel_diff(table.sf(t), reference));
        }
        MESSAGE("df " << df << ": worst relative difference " << worst);
        CHECK(table.sf(student_t_df::tabulated_reach + 1.0) == exact.sf(student_t_df::tabulated_reach + 1.0));
        CHECK(std::isnan(table.sf(std::numeric_limits<double>::quiet_NaN())));
        CHECK(table.sf(0.0) == 0.5);
    }
    // Outside the integers 1–100 no table is made (a non-integer df's node values would carry the
    // continued fraction's 1.4e-13), and nothing changes.
    for (const double df : {0.5, 1.5, 13.5, 57.5, 101.0, 1e6}) {
        student_t_df t(df);
        t.tabulate();
        CHECK(t.taylor.empty());
    }
}

TEST_CASE("the t tail beyond |t| = 1e150, where t² overflows") {
    // Exact forms in long double (whose range holds t² here): df = 1, atan(1/t)/π; df = 2, 1/(r·(r + t)),
    // r = √(2 + t²). Before, sf returned NaN here (t²/(df + t²) = inf/inf), and an even df's closed
    // form would have said 0.5.
    for (long double x = 1.01e150L; x < 1e300L; x *= 3e6L) {
        CAPTURE(static_cast<double>(x));
        const long double cauchy = std::atan(1.0L / x) / 3.14159265358979323846264338327950288L;
        const long double r = std::sqrt(2.0L + x * x);
        const long double two = 1.0L / (r * (r + x));
        CHECK(std::fabs(static_cast<long double>(ontrack::detail::student_t_sf(static_cast<double>(x), 1.0)) - cauchy) / cauchy < 1e-14L);
        // Relative precision down to 1e-300 (below, the tail is subnormal and then 0).
        if (two > 1e-300L) CHECK(std::fabs(static_cast<long double>(ontrack::detail::student_t_sf(static_cast<double>(x), 2.0)) - two) / two < 1e-14L);
        for (const double df : {1.0, 2.0, 4.0, 13.0, 13.5, 100.0, 1000.0}) {
            CAPTURE(df);
            const double upper = ontrack::detail::student_t_sf(static_cast<double>(x), df);
            CHECK(upper >= 0.0);
            CHECK(upper < 1e-150);
            CHECK(ontrack::detail::student_t_sf(-static_cast<double>(x), df) == 1.0);
            CHECK(ontrack::detail::student_t_cdf(-static_cast<double>(x), df) == upper);
        }
    }
}

TEST_CASE("intervals from shared standard quantiles equal per-distribution intervals bit for bit") {
    using ontrack::predictive;
    for (const double level : {0.5, 0.8, 0.9, 0.95, 0.99}) {
        for (const auto& d : {predictive::student_t(10.0, 2.5, 7.0), predictive::log_student_t(2.0, 0.3, 4.0), predictive::normal(-3.0, 1.7),
                              predictive::log_normal(1.0, 0.2), predictive::student_t(5.0, 0.0, 3.0), predictive::log_student_t(1.0, 0.0, 3.0)}) {
            const auto z = d.standard_interval(level);
            // The definition: the quantiles (1 ∓ level)/2, each computed on its own.
            const std::pair<double, double> direct{d.quantile(0.5 * (1.0 - level)), d.quantile(0.5 * (1.0 + level))};
            const auto shared = d.interval_from(z);
            CHECK(shared.first == direct.first);
            CHECK(shared.second == direct.second);
            const auto interval = d.interval(level);
            CHECK(interval.first == direct.first);
            CHECK(interval.second == direct.second);
        }
    }
}

TEST_CASE("central t quantiles (one solve when both tails are the same number) equal the two quantiles bit for bit") {
    // Levels whose tails (1 − level)/2 and 1 − (1 + level)/2 round to the same double take one Newton
    // solve (0.5, 0.8, 0.95, 0.99 do; 0.6, 0.9, 0.975 do not), and integer df <= 128 at 0.8, 0.95 and
    // 0.99 none (a table); either way the pair must be exactly the two quantiles.
    int shared = 0;
    for (int step = 1; step < 1000; ++step) {
        const double level = step / 1000.0;
        if (0.5 * (1.0 - level) == 1.0 - 0.5 * (1.0 + level)) ++shared;
        for (const double df : {1.0, 2.0, 3.0, 4.5, 7.0, 13.0, 28.0, 100.0, 128.0, 129.0, 1e4, 2e10}) {
            CAPTURE(level);
            CAPTURE(df);
            const auto z = ontrack::detail::student_t_central_quantiles(level, df);
            CHECK(z.first == ontrack::detail::student_t_quantile(0.5 * (1.0 - level), df));
            CHECK(z.second == ontrack::detail::student_t_quantile(0.5 * (1.0 + level), df));
        }
    }
    CHECK(shared > 100);  // the shortcut is taken for many levels, not only 0.95
    CHECK(0.5 * (1.0 - 0.95) == 1.0 - 0.5 * (1.0 + 0.95));
}

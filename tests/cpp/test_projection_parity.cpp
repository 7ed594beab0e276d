// Parity of the projection engine with statsmodels on the 28 reference series in
// tests/reference/projection_reference.json (see tests/reference/README.md for how every figure was
// made). No JSON library is a dependency, so a minimal reader for that file is below.
#include <ontrack/model/ets.hpp>
#include <ontrack/projection.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace {

// ---------------------------------------------------------------------------------------------
// Minimal JSON: enough for the reference file (objects, arrays, strings with \u escapes copied
// verbatim, numbers, true/false/null).
struct json {
    enum class kind { null, boolean, number, string, array, object } type = kind::null;
    bool flag = false;
    double number = 0.0;
    std::string text;
    std::vector<json> items;
    std::map<std::string, json> members;

    bool is_null() const { return type == kind::null; }
    const json& operator[](const std::string& key) const {
        const auto it = members.find(key);
        if (type != kind::object || it == members.end()) throw std::runtime_error("missing JSON key '" + key + "'");
        return it->second;
    }
    const json& operator[](std::size_t i) const {
        if (type != kind::array || i >= items.size()) throw std::runtime_error("JSON index out of range");
        return items[i];
    }
    bool has(const std::string& key) const { return type == kind::object && members.count(key) > 0; }
    double num() const {
        if (type != kind::number) throw std::runtime_error("JSON value is not a number");
        return number;
    }
    std::vector<double> numbers() const {  // null -> NaN
        std::vector<double> out;
        for (const auto& item : items) out.push_back(item.is_null() ? std::nan("") : item.num());
        return out;
    }
};

class json_reader {
public:
    explicit json_reader(std::string text) : text_(std::move(text)) {}
    json parse() {
        json value = read();
        skip();
        if (pos_ != text_.size()) fail("trailing characters");
        return value;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(pos_));
    }
    void skip() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\n' || text_[pos_] == '\r' || text_[pos_] == '\t')) ++pos_;
    }
    bool consume(const std::string& word) {
        if (text_.compare(pos_, word.size(), word) == 0) { pos_ += word.size(); return true; }
        return false;
    }
    std::string read_string() {
        if (text_[pos_] != '"') fail("expected a string");
        ++pos_;
        std::string out;
        while (pos_ < text_.size() && text_[pos_] != '"') {
            if (text_[pos_] == '\\') {
                ++pos_;
                const char c = text_[pos_];
                switch (c) {
                    case 'n': out += '\n'; break;
                    case 't': out += '\t'; break;
                    case 'u': out += "\\u" + text_.substr(pos_ + 1, 4); pos_ += 4; break;
                    default: out += c;
                }
                ++pos_;
            } else {
                out += text_[pos_++];
            }
        }
        if (pos_ >= text_.size()) fail("unterminated string");
        ++pos_;
        return out;
    }
    json read() {
        skip();
        if (pos_ >= text_.size()) fail("unexpected end");
        json value;
        const char c = text_[pos_];
        if (c == '{') {
            value.type = json::kind::object;
            ++pos_;
            skip();
            if (text_[pos_] == '}') { ++pos_; return value; }
            while (true) {
                skip();
                std::string key = read_string();
                skip();
                if (text_[pos_++] != ':') fail("expected ':'");
                value.members[key] = read();
                skip();
                if (text_[pos_] == ',') { ++pos_; continue; }
                if (text_[pos_] == '}') { ++pos_; return value; }
                fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            value.type = json::kind::array;
            ++pos_;
            skip();
            if (text_[pos_] == ']') { ++pos_; return value; }
            while (true) {
                value.items.push_back(read());
                skip();
                if (text_[pos_] == ',') { ++pos_; continue; }
                if (text_[pos_] == ']') { ++pos_; return value; }
                fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            value.type = json::kind::string;
            value.text = read_string();
            return value;
        }
        if (consume("null")) return value;
        if (consume("true")) { value.type = json::kind::boolean; value.flag = true; return value; }
        if (consume("false")) { value.type = json::kind::boolean; return value; }
        const char* begin = text_.c_str() + pos_;
        char* end = nullptr;
        value.number = std::strtod(begin, &end);
        if (end == begin) fail("expected a value");
        value.type = json::kind::number;
        pos_ += static_cast<std::size_t>(end - begin);
        return value;
    }

    std::string text_;
    std::size_t pos_ = 0;
};

const json& reference() {
    static const json doc = [] {
        std::ifstream in(ONTRACK_TEST_DATA_DIR "/../reference/projection_reference.json", std::ios::binary);
        REQUIRE(in.good());
        std::stringstream buffer;
        buffer << in.rdbuf();
        return json_reader(buffer.str()).parse();
    }();
    return doc;
}

ontrack::series series_of(const json& s) {
    std::vector<int> years;
    for (const auto& y : s["years"].items) years.push_back(static_cast<int>(y.num()));
    return ontrack::series::from_years(years, s["values"].numbers(), s["name"].text);
}

double rel(double a, double b, double floor = 0.0) { return std::fabs(a - b) / std::max(std::fabs(b), floor); }

// The largest relative difference seen per (method, quantity), for the report at the end.
std::map<std::string, double>& worst() {
    static std::map<std::string, double> w;
    return w;
}
void note(const std::string& key, double diff) { worst()[key] = std::max(worst()[key], diff); }

const char* const levels[] = {"0.95", "0.80"};

void check_regression(const json& s, ontrack::method m, const std::string& key) {
    const json& r = s[key];
    if (r.is_null()) return;
    const bool log = m == ontrack::method::loglinear;
    const auto ser = series_of(s);
    const int last_year = static_cast<int>(s["horizon_years"][5].num());
    const json& f = log ? r["forecast_log"] : r["forecast"];
    for (const char* level : levels) {
        const double lv = std::stod(level);
        const auto p = ontrack::project(ser, m, ontrack::period::year(last_year), lv);
        CAPTURE(s["name"].text);
        CAPTURE(key);
        REQUIRE(p.points.size() == 6);
        CHECK(p.n == static_cast<std::size_t>(r["nobs"].num()));
        CHECK(p.params.at("df_resid") == r["df_resid"].num());
        const double slope = r["params"]["year"].num();
        const double sigma = r["sigma"].num();
        // const is an extrapolation to year 0: compare on the scale of slope·year.
        const double const_diff = std::fabs(p.params.at("const") - r["params"]["const"].num()) /
                                  (std::fabs(r["params"]["const"].num()) + std::fabs(slope) * 2000.0 + sigma);
        note(key + " const (scaled)", const_diff);
        CHECK(const_diff < 1e-8);
        // A slope near 0 is compared on the scale of its standard error.
        const double slope_diff = std::fabs(p.params.at("slope") - slope) / std::max(std::fabs(slope), r["bse"]["year"].num());
        note(key + " slope", slope_diff);
        CHECK(slope_diff < 1e-8);
        note(key + " sigma", rel(p.residual_sd, sigma));
        CHECK(rel(p.residual_sd, sigma) < 1e-8);
        CHECK(rel(p.params.at("bse_slope"), r["bse"]["year"].num()) < 1e-8);
        CHECK(rel(p.params.at("bse_const"), r["bse"]["const"].num()) < 1e-6);  // also an extrapolation to year 0
        note(key + " llf/aic/bic", std::max({rel(p.llf, r["llf"].num(), 1.0), rel(p.aic, r["aic"].num(), 1.0), rel(p.bic, r["bic"].num(), 1.0)}));
        CHECK(rel(p.llf, r["llf"].num(), 1.0) < 1e-8);
        CHECK(rel(p.aic, r["aic"].num(), 1.0) < 1e-8);
        CHECK(rel(p.bic, r["bic"].num(), 1.0) < 1e-8);
        const auto mean = f["mean"].numbers();
        const auto obs_se = f["obs_se"].numbers();
        const auto lower = f["intervals"][level]["obs_ci_lower"].numbers();
        const auto upper = f["intervals"][level]["obs_ci_upper"].numbers();
        for (std::size_t h = 0; h < 6; ++h) {
            const auto& point = p.points[h];
            CHECK(point.at == ontrack::period::year(static_cast<int>(f["years"][h].num())));
            // Bounds near 0 are compared on the scale of the prediction standard error.
            const double d_mean = rel(point.distribution.location, mean[h], obs_se[h]);
            const double d_se = rel(point.distribution.scale, obs_se[h]);
            double d_lower = 0.0;
            double d_upper = 0.0;
            if (log) {
                const json& e = r["forecast_exp"];
                d_lower = rel(point.lower, e["intervals"][level]["exp_obs_ci_lower"][h].num());
                d_upper = rel(point.upper, e["intervals"][level]["exp_obs_ci_upper"][h].num());
                const double d_point = rel(point.mean, e["exp_mean"][h].num());
                note(key + " point", d_point);
                CHECK(d_point < 1e-8);
                // The log-scale bounds too.
                const auto [lo, hi] = std::pair<double, double>{std::log(point.lower), std::log(point.upper)};
                CHECK(rel(lo, lower[h], obs_se[h]) < 1e-8);
                CHECK(rel(hi, upper[h], obs_se[h]) < 1e-8);
            } else {
                d_lower = rel(point.lower, lower[h], obs_se[h]);
                d_upper = rel(point.upper, upper[h], obs_se[h]);
                CHECK(point.mean == point.distribution.location);
            }
            note(key + " mean", d_mean);
            note(key + " obs_se", d_se);
            note(key + " interval", std::max(d_lower, d_upper));
            CHECK(d_mean < 1e-8);
            CHECK(d_se < 1e-8);
            CHECK(d_lower < 1e-8);
            CHECK(d_upper < 1e-8);
        }
    }
}

void check_ets_given_parameters(const json& s, const std::string& key) {
    const json& r = s[key];
    if (r.is_null()) return;
    CAPTURE(s["name"].text);
    CAPTURE(key);
    const bool damped = key == "holt_damped";
    const auto ser = series_of(s);
    const std::vector<double> y = ser.values();
    REQUIRE(y.size() == static_cast<std::size_t>(r["nobs"].num()));
    ontrack::model::ets_parameters params;
    params.alpha = r["params"]["smoothing_level"].num();
    params.beta = r["params"]["smoothing_trend"].num();
    params.phi = damped ? r["params"]["damping_trend"].num() : 1.0;
    params.initial_level = r["params"]["initial_level"].num();
    params.initial_trend = r["params"]["initial_trend"].num();
    const auto m = ontrack::model::ets_with_parameters(y, params, damped);
    const auto fitted = r["fittedvalues"].numbers();
    const auto level = r["level"].numbers();
    const auto trend = r["trend"].numbers();
    const double sd = std::sqrt(r["mse"].num());
    double d_path = 0.0;
    for (std::size_t t = 0; t < y.size(); ++t) {
        d_path = std::max({d_path, rel(m.path.fitted[t], fitted[t], sd), rel(m.path.level[t], level[t], sd), rel(m.path.trend[t], trend[t], sd)});
    }
    note(key + " given-params path", d_path);
    CHECK(d_path < 1e-8);
    CHECK(rel(m.path.sse, r["sse"].num()) < 1e-8);
    CHECK(rel(m.mse(), r["mse"].num()) < 1e-8);
    CHECK(rel(m.llf(), r["llf"].num(), 1.0) < 1e-8);
    CHECK(rel(m.aic(), r["aic"].num(), 1.0) < 1e-8);
    CHECK(rel(m.bic(), r["bic"].num(), 1.0) < 1e-8);
    if (r["aicc"].is_null()) {
        CHECK(std::isinf(m.aicc()));  // statsmodels' +inf, written as null
    } else {
        CHECK(rel(m.aicc(), r["aicc"].num(), 1.0) < 1e-8);
    }
    const json& f = r["forecast"];
    double d_forecast = 0.0;
    for (std::size_t h = 1; h <= 6; ++h) {
        const double var = f["forecast_variance"][h - 1].num();
        d_forecast = std::max({d_forecast, rel(m.forecast_mean(h), f["mean"][h - 1].num(), std::sqrt(var)), rel(m.forecast_variance(h), var),
                               rel(m.relative_forecast_variance(h), f["relative_forecast_variance"][h - 1].num())});
        const auto d = ontrack::predictive::normal(m.forecast_mean(h), std::sqrt(m.forecast_variance(h)));
        for (const char* lv : levels) {
            const auto [lo, hi] = d.interval(std::stod(lv));
            d_forecast = std::max({d_forecast, rel(lo, f["intervals"][lv]["pi_lower"][h - 1].num(), std::sqrt(var)),
                                   rel(hi, f["intervals"][lv]["pi_upper"][h - 1].num(), std::sqrt(var))});
        }
    }
    note(key + " given-params forecast+interval", d_forecast);
    CHECK(d_forecast < 1e-8);
}

// Returns how many fits (of the two levels) were compared point by point.
std::size_t check_ets_fit(const json& s, const std::string& key) {
    const json& r = s[key];
    if (r.is_null()) return 0;
    std::size_t compared = 0;
    CAPTURE(s["name"].text);
    CAPTURE(key);
    const auto ser = series_of(s);
    const auto method = key == "holt" ? ontrack::method::holt : ontrack::method::holt_damped;
    const int last_year = static_cast<int>(s["horizon_years"][5].num());
    const double sm_llf = r["llf"].num();
    for (const char* lv : levels) {
        const auto p = ontrack::project(ser, method, ontrack::period::year(last_year), std::stod(lv));
        // Our optimum is never worse than statsmodels'.
        CHECK(p.llf >= sm_llf - 1e-6);
        note(key + " llf gain over statsmodels", p.llf - sm_llf);
        // Where both found the same optimum (statsmodels' own refit gains nothing and neither do we),
        // forecasts must agree: points within 1%, interval bounds within 5%. Elsewhere statsmodels
        // stopped short of the optimum and a different forecast is correct.
        if (p.llf - sm_llf > 1e-3) continue;
        ++compared;
        const json& f = r["forecast"];
        for (std::size_t h = 0; h < 6; ++h) {
            const double sd = std::sqrt(f["forecast_variance"][h].num());
            const double d_mean = rel(p.points[h].mean, f["mean"][h].num(), sd);
            const double d_lower = rel(p.points[h].lower, f["intervals"][lv]["pi_lower"][h].num(), sd);
            const double d_upper = rel(p.points[h].upper, f["intervals"][lv]["pi_upper"][h].num(), sd);
            note(key + " fitted forecast (same optimum)", d_mean);
            note(key + " fitted interval (same optimum)", std::max(d_lower, d_upper));
            CHECK(d_mean < 0.01);
            CHECK(d_lower < 0.05);
            CHECK(d_upper < 0.05);
        }
    }
    return compared;
}

}  // namespace

TEST_CASE("reference file: 28 series from statsmodels") {
    const json& doc = reference();
    CHECK(doc["series"].items.size() == 28);
    CHECK(doc["statsmodels_version"].text == "0.15.0");
}

TEST_CASE("linear: parameters and prediction intervals equal statsmodels OLS to 1e-8") {
    for (const auto& s : reference()["series"].items) check_regression(s, ontrack::method::linear, "linear");
}

TEST_CASE("loglinear: log-scale fit and exp bounds equal statsmodels to 1e-8") {
    std::size_t covered = 0;
    for (const auto& s : reference()["series"].items) {
        if (s["loglinear"].is_null()) {
            // Not positive: the engine refuses, naming the offending period.
            const int last_year = static_cast<int>(s["horizon_years"][5].num());
            CHECK_THROWS_AS(ontrack::project(series_of(s), ontrack::method::loglinear, ontrack::period::year(last_year)), ontrack::value_error);
            continue;
        }
        ++covered;
        check_regression(s, ontrack::method::loglinear, "loglinear");
    }
    CHECK(covered == 27);
}

TEST_CASE("weighted_linear: WLS with w_i = i equals statsmodels to 1e-8") {
    for (const auto& s : reference()["series"].items) {
        // The weights are the 1-based ranks of the observed points.
        const auto w = s["weighted_linear"]["weights"].numbers();
        for (std::size_t i = 0; i < w.size(); ++i) CHECK(w[i] == static_cast<double>(i + 1));
        check_regression(s, ontrack::method::weighted_linear, "weighted_linear");
    }
}

TEST_CASE("holt / holt_damped with statsmodels' parameters reproduce its filter, forecasts and intervals to 1e-8") {
    std::size_t covered = 0;
    for (const auto& s : reference()["series"].items) {
        for (const char* key : {"holt", "holt_damped"}) {
            if (s[key].is_null()) continue;
            ++covered;
            check_ets_given_parameters(s, key);
        }
    }
    CHECK(covered == 32);
}

TEST_CASE("holt / holt_damped fits: likelihood >= statsmodels', same forecasts where the optimum is the same") {
    std::size_t compared = 0;
    for (const auto& s : reference()["series"].items) {
        for (const char* key : {"holt", "holt_damped"}) compared += check_ets_fit(s, key);
        // Not eligible for ETS in the reference (interior gaps or 5 observations): the engine refuses.
        if (s["holt"].is_null()) {
            const int last_year = static_cast<int>(s["horizon_years"][5].num());
            CHECK_THROWS_AS(ontrack::project(series_of(s), ontrack::method::holt, ontrack::period::year(last_year)), ontrack::data_error);
        }
    }
    // 21 of the 32 fits reach statsmodels' optimum (llf within 1e-3). In the other 11 statsmodels stops
    // short and ontrack's likelihood is higher: the 10 the README lists under "ETS optimum" (gains
    // 0.01–6.5) and xinjiang_rd_intensity_first_release/holt (gain 1.2e-3). Each fit is checked at
    // two interval levels.
    MESSAGE("ETS fits compared point by point: " << compared / 2 << " of 32");
    CHECK(compared / 2 >= 21);
}

TEST_CASE("parity summary (largest relative differences)") {
    for (const auto& [key, diff] : worst()) MESSAGE(key << ": " << diff);
}

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include <doctest/doctest.h>

#include "model/detail/random.hpp"
#include "simulation/detail/alias.hpp"
#include "simulation/detail/ziggurat.hpp"

using antq::detail::Random;
using namespace antq::simulation::detail;

namespace {

// Pearson's statistic of `counts` against the probabilities `expected` (summing to 1) over `draws` draws.
double chi_square(const std::vector<double>& counts, const std::vector<double>& expected, double draws) {
    double statistic = 0;
    for (std::size_t k = 0; k < counts.size(); ++k) {
        const double e = expected[k] * draws;
        statistic += (counts[k] - e) * (counts[k] - e) / e;
    }
    return statistic;
}

// The bounds: χ²'s quantile at 1 − 10⁻⁶ (scipy.stats.chi2.ppf(1 - 1e-6, df)). With a correct draw the statistic
// exceeds it once in a million seeds, so a correct draw passes with the fixed seeds here; a table off by a tenth of a
// percent of a draw's probability in one place, over the millions of draws made, exceeds it by far (the alias test
// shows it).
constexpr double chi2_bound_6 = 38.26;     // 6 degrees of freedom
constexpr double chi2_bound_256 = 378.29;  // 256 degrees of freedom

// The layer of the ziggurat holding x ≥ 0: i with x[i + 1] <= x < x[i], 0 for the tail (x ≥ x[1]).
std::size_t layer(const ZigguratTables& t, double x) {
    if (x >= t.x[1]) return 0;
    std::size_t lo = 1, hi = 256;  // x[lo] > x >= x[hi]
    while (hi - lo > 1) {
        const std::size_t mid = (lo + hi) / 2;
        (x < t.x[mid] ? lo : hi) = mid;
    }
    return lo;
}

}  // namespace

TEST_CASE("alias table: territory frequencies over many draws follow the rates (chi-square)") {
    // Rates as a province's communes might have them: uneven, one a hundredth of the largest, one exactly the mean
    // (its slot needs no alias), and more territories than any one slot covers.
    const std::vector<double> rates{0.3, 0.05, 1.2, 0.3, 0.012, 0.5, 1.138};  // sum 3.5: 0.5 is the mean
    double total = 0;
    for (double r : rates) total += r;
    std::vector<double> expected;
    for (double r : rates) expected.push_back(r / total);
    const AliasTable table(rates);
    REQUIRE(table.size() == rates.size());
    const double draws = 2'000'000;
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        CAPTURE(seed);
        Random random(seed);
        std::vector<double> counts(rates.size(), 0.0);
        for (double n = 0; n < draws; ++n) counts[table.draw(random)] += 1;
        CHECK(chi_square(counts, expected, draws) < chi2_bound_6);
    }
    // The bound has teeth: the same counts against probabilities with a thousandth moved from one territory to
    // another (what a slot's keep probability off by 0.007 would do) exceed it about fourfold.
    Random random(1);
    std::vector<double> counts(rates.size(), 0.0);
    for (double n = 0; n < draws; ++n) counts[table.draw(random)] += 1;
    std::vector<double> off = expected;
    off[1] -= 0.001, off[2] += 0.001;
    CHECK(chi_square(counts, off, draws) > chi2_bound_6);

    // One territory: every draw is it.
    Random one(4);
    const AliasTable single(std::vector<double>{2.5});
    std::uint32_t largest = 0;
    for (int n = 0; n < 1000; ++n) largest = std::max(largest, single.draw(one));
    CHECK(largest == 0);
}

TEST_CASE("ziggurat: exponential draws fall in each layer as often as the exponential distribution says") {
    // The bins are the ziggurat's own layers (and the tail beyond the last), so a wrong layer in the table, a wrong
    // wedge test or a wrong tail shows in its bin: 257 bins, 256 degrees of freedom.
    const ZigguratTables& t = exponential_tables();
    CHECK(t.x[1] == doctest::Approx(7.69711747013104972));
    CHECK(t.x[255] > 0);
    // Bin i: [x[i + 1], x[i]), bin 0 the tail [x[1], infinity); x[256] = 0.
    std::vector<double> expected(256);
    for (std::size_t i = 0; i < 256; ++i) expected[i] = std::exp(-t.x[i + 1]) - (i == 0 ? 0.0 : std::exp(-t.x[i]));
    const double draws = 4'000'000;
    Random random(7);
    std::vector<double> counts(256, 0.0);
    double sum = 0, negative = 0;
    for (double n = 0; n < draws; ++n) {
        const double x = standard_exponential(random);
        negative += x < 0;
        counts[layer(t, x)] += 1;
        sum += x;
    }
    CHECK(negative == 0);
    CHECK(chi_square(counts, expected, draws) < chi2_bound_256);
    CHECK(sum / draws == doctest::Approx(1.0).epsilon(0.003));  // standard error 0.0005
}

TEST_CASE("ziggurat: normal draws fall in each layer as often as the normal distribution says, as often below 0") {
    const ZigguratTables& t = normal_tables();
    CHECK(t.x[1] == doctest::Approx(3.6541528853610088));
    CHECK(t.x[255] > 0);
    // |z| in the layers: P(a <= |Z| < b) = erfc(a / √2) − erfc(b / √2).
    auto above = [](double a) { return std::erfc(a / std::sqrt(2.0)); };
    std::vector<double> expected(256);
    for (std::size_t i = 0; i < 256; ++i) expected[i] = above(t.x[i + 1]) - (i == 0 ? 0.0 : above(t.x[i]));
    const double draws = 4'000'000;
    Random random(8);
    std::vector<double> counts(256, 0.0);
    double negative = 0, squares = 0;
    for (double n = 0; n < draws; ++n) {
        const double z = standard_normal(random);
        const double x = std::abs(z);
        negative += z < 0;
        squares += z * z;
        counts[layer(t, x)] += 1;
    }
    CHECK(chi_square(counts, expected, draws) < chi2_bound_256);
    // The sign: binomial(n, 1/2), standard deviation 1,000 draws here; the variance 1 (standard error 0.0007).
    CHECK(std::abs(negative - draws / 2) < 5'000);
    CHECK(squares / draws == doctest::Approx(1.0).epsilon(0.004));
}

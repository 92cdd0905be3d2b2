#pragma once

// Exponential and normal draws by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random
// Variables", Journal of Statistical Software 5(8), 2000), with 256 layers. Internal to the library.
//
// Why: inversion costs a logarithm per exponential and Box-Muller a logarithm, a square root and a cosine per normal;
// the ziggurat takes one 64-bit draw, two table reads and a comparison in about 99% of draws (the low 8 bits pick a
// layer, the high 53 the point in it), and draws more from the same stream only in the rest. The streams stay what
// they were: every draw comes from the Random it is given, so keyed streams and replications' streams keep their
// guarantees, and the tables are computed once from the layers' defining recurrence, the same on every platform
// whose exp() and log() are (those of inversion and Box-Muller were needed as well).

#include <array>
#include <cmath>
#include <cstdint>

#include "model/detail/random.hpp"

namespace antq::simulation::detail {

// The layers of one density f (decreasing on [0, ∞), f(0) = 1): x[0] is the base layer's width as if it were a
// rectangle (its area over f(r)), x[1] = r the start of the tail, x[i + 1] the width at which layer i ends, x[256] = 0;
// f[i] = f(x[i]). Every layer and the base (a rectangle r × f(r) and the tail beyond r) have the same area v.
struct ZigguratTables {
    std::array<double, 257> x;
    std::array<double, 257> f;
};

template <class Density, class Inverse>
ZigguratTables ziggurat_tables(double r, double v, Density density, Inverse inverse) {
    ZigguratTables t{};
    t.x[0] = v / density(r);
    t.x[1] = r;
    for (std::size_t i = 2; i < 256; ++i) t.x[i] = inverse(v / t.x[i - 1] + density(t.x[i - 1]));
    t.x[256] = 0;
    for (std::size_t i = 0; i < 257; ++i) t.f[i] = density(t.x[i]);
    return t;
}

// f(x) = exp(-x): r and v from Marsaglia and Tsang for 256 layers.
inline const ZigguratTables& exponential_tables() {
    static const ZigguratTables tables = ziggurat_tables(
        7.69711747013104972, 0.0039496598225815571993, [](double x) { return std::exp(-x); },
        [](double y) { return -std::log(y); });
    return tables;
}

// f(x) = exp(-x² / 2), the normal density without its constant (symmetric: the sign is drawn apart).
inline const ZigguratTables& normal_tables() {
    static const ZigguratTables tables = ziggurat_tables(
        3.6541528853610088, 0.00492867323399, [](double x) { return std::exp(-0.5 * x * x); },
        [](double y) { return std::sqrt(-2.0 * std::log(y)); });
    return tables;
}

// A standard exponential draw (mean 1), from the tables exponential_tables() returns (a loop of draws can look them
// up once).
inline double standard_exponential(antq::detail::Random& random, const ZigguratTables& t) {
    while (true) {
        const std::uint64_t bits = random.next();
        const std::size_t i = bits & 0xff;
        const double x = static_cast<double>(bits >> 11) * 0x1.0p-53 * t.x[i];
        if (x < t.x[i + 1]) return x;  // inside the layer's rectangle: accepted without evaluating f
        if (i == 0) return t.x[1] - std::log(1.0 - random.unit());  // the tail beyond r: memoryless, r plus a draw
        if (t.f[i] + (t.f[i + 1] - t.f[i]) * random.unit() < std::exp(-x)) return x;  // in the wedge under f
    }
}

// A standard exponential draw (mean 1).
inline double standard_exponential(antq::detail::Random& random) {
    return standard_exponential(random, exponential_tables());
}

// A standard normal draw (mean 0, standard deviation 1).
inline double standard_normal(antq::detail::Random& random) {
    const ZigguratTables& t = normal_tables();
    while (true) {
        const std::uint64_t bits = random.next();
        const std::size_t i = bits & 0xff;
        const double u = static_cast<double>(bits >> 11) * 0x1.0p-52 - 1.0;  // in [-1, 1): the sign with the point
        const double x = u * t.x[i];
        if (std::abs(x) < t.x[i + 1]) return x;
        if (i == 0) {  // the tail beyond r (Marsaglia's method for it)
            double tail, y;
            do {
                tail = -std::log(1.0 - random.unit()) / t.x[1];
                y = -std::log(1.0 - random.unit());
            } while (2 * y < tail * tail);
            return u < 0 ? -(t.x[1] + tail) : t.x[1] + tail;
        }
        if (t.f[i] + (t.f[i + 1] - t.f[i]) * random.unit() < std::exp(-0.5 * x * x)) return x;
    }
}

}  // namespace antq::simulation::detail

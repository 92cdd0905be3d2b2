#pragma once

// The random numbers of the example generators. Internal to the library.

#include <cstdint>

namespace antq::detail {

// splitmix64: small, fast, and the same sequence everywhere (std distributions are not portable).
class Random {
public:
    explicit Random(std::uint64_t seed) : m_state(seed) {}
    std::uint64_t next() noexcept {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    /** Uniform in [0, 1). */
    double unit() noexcept { return double(next() >> 11) * 0x1.0p-53; }
    /** Uniform in [0, n). */
    std::uint64_t below(std::uint64_t n) noexcept { return n == 0 ? 0 : next() % n; }
    bool chance(double p) noexcept { return unit() < p; }

private:
    std::uint64_t m_state;
};

}  // namespace antq::detail

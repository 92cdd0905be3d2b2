#pragma once

// Numbers as people read them in messages: 70 rather than 70.000000, 0.7 as 0.7, 1e+300 rather than 300
// digits. Internal to the library.

#include <cmath>
#include <cstdio>
#include <string>

namespace antq::detail {

inline std::string number_text(double v) {
    if (v == 0) return "0";  // and not "-0"
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.12g", v);
    return buffer;
}

/**
 * A sum of scores with the noise of binary fractions removed (9.78 + 16.99 + 18.49 + 24.74 is 70, not
 * 69.99999999999999), so that it compares with a threshold as the person who wrote the scores expects.
 */
inline double clean_sum(double v) {
    if (!(std::abs(v) < 1e6)) return v;
    return std::round(v * 1e9) / 1e9;
}

}  // namespace antq::detail

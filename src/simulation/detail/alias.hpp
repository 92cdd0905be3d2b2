#pragma once

// Walker's alias method: draws index k with probability weights[k] / sum(weights) from one uniform draw, whatever the
// number of weights (Vose's construction of the table, "A linear algorithm for generating random numbers with a
// given distribution", IEEE Transactions on Software Engineering 17(9), 1991). Internal to the library.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "model/detail/random.hpp"

namespace antq::simulation::detail {

class AliasTable {
public:
    /** The table of `weights`: each at least 0, finite, their sum above 0 (the caller checks). */
    explicit AliasTable(std::span<const double> weights) : m_keep(weights.size(), 1.0), m_alias(weights.size()) {
        double total = 0;
        for (double w : weights) total += w;
        const double n = static_cast<double>(weights.size());
        std::vector<double> scaled(weights.size());
        std::vector<std::uint32_t> small, large;
        for (std::uint32_t k = 0; k < weights.size(); ++k) {
            scaled[k] = weights[k] * n / total;
            m_alias[k] = k;
            (scaled[k] < 1.0 ? small : large).push_back(k);
        }
        while (!small.empty() && !large.empty()) {
            const std::uint32_t k = small.back(), j = large.back();
            small.pop_back();
            m_keep[k] = scaled[k];
            m_alias[k] = j;
            scaled[j] -= 1.0 - scaled[k];
            if (scaled[j] < 1.0) large.pop_back(), small.push_back(j);
        }
        // What remains has a scaled weight of 1 up to rounding: it keeps its slot (m_keep already 1).
    }

    std::size_t size() const noexcept { return m_keep.size(); }

    /** An index, drawn in proportion to the weights: slot k, uniformly, then k or its alias. */
    std::uint32_t draw(antq::detail::Random& random) const {
        const double x = random.unit() * static_cast<double>(m_keep.size());
        const std::size_t k = std::min(static_cast<std::size_t>(x), m_keep.size() - 1);
        return x - static_cast<double>(k) < m_keep[k] ? static_cast<std::uint32_t>(k) : m_alias[k];
    }

private:
    std::vector<double> m_keep;  // slot k is index k's with this probability, else alias[k]'s
    std::vector<std::uint32_t> m_alias;
};

}  // namespace antq::simulation::detail

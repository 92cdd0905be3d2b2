#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <antq/errors.hpp>
#include <antq/measures/krackhardt.hpp>

#include "measures/detail/view.hpp"

namespace antq {

namespace {

constexpr double not_defined = std::numeric_limits<double>::quiet_NaN();

// Weak components of the view: labels and the vertices of each, in vertex order.
std::vector<std::vector<std::uint32_t>> weak_components(const detail::View& view) {
    std::vector<std::uint32_t> label(view.size(), detail::no_vertex);
    std::vector<std::vector<std::uint32_t>> out;
    std::vector<std::uint32_t> queue;
    for (std::uint32_t root = 0; root < view.size(); ++root) {
        if (label[root] != detail::no_vertex) continue;
        const auto c = static_cast<std::uint32_t>(out.size());
        label[root] = c;
        queue.assign(1, root);
        for (std::size_t i = 0; i < queue.size(); ++i) {
            const std::uint32_t u = queue[i];
            for (auto side : {view.successors(u), view.predecessors(u)})
                for (std::uint32_t v : side)
                    if (label[v] == detail::no_vertex) {
                        label[v] = c;
                        queue.push_back(v);
                    }
        }
        std::sort(queue.begin(), queue.end());
        out.push_back(queue);
    }
    return out;
}

// One weak component's reachability, per strongly connected component (SCC): SCCs numbered in topological order
// (a SCC comes after every SCC reaching it), and for each the set of SCCs reaching it, itself included, as bits.
struct Reachability {
    std::uint32_t count = 0;                 // SCCs
    std::size_t words = 0;                   // 64-bit words per set
    std::vector<std::uint64_t> sizes;        // units per SCC
    std::vector<std::uint64_t> above;        // count × words bits: SCCs reaching each SCC
    std::vector<std::uint32_t> above_count;  // popcount of each set
    std::vector<std::uint64_t> tops;         // bits of the SCCs no other SCC reaches

    const std::uint64_t* reaching(std::uint32_t c) const { return above.data() + c * words; }
};

Reachability reachability(const detail::View& view, const std::vector<std::uint32_t>& members,
                          const std::vector<std::uint32_t>& scc_of_vertex) {
    // Local SCC numbers, then a topological order of the condensation (Kahn).
    std::vector<std::uint32_t> local;  // distinct SCC labels of the component
    for (std::uint32_t v : members) local.push_back(scc_of_vertex[v]);
    std::sort(local.begin(), local.end());
    local.erase(std::unique(local.begin(), local.end()), local.end());
    auto local_of = [&](std::uint32_t v) {
        return static_cast<std::uint32_t>(std::lower_bound(local.begin(), local.end(), scc_of_vertex[v]) - local.begin());
    };
    const auto k = static_cast<std::uint32_t>(local.size());
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;  // condensation arcs (from, to), local numbers
    std::vector<std::uint64_t> size(k, 0);
    for (std::uint32_t u : members) {
        const std::uint32_t cu = local_of(u);
        ++size[cu];
        for (std::uint32_t v : view.successors(u)) {
            const std::uint32_t cv = local_of(v);
            if (cu != cv) arcs.emplace_back(cu, cv);
        }
    }
    std::sort(arcs.begin(), arcs.end());
    arcs.erase(std::unique(arcs.begin(), arcs.end()), arcs.end());
    std::vector<std::uint32_t> in_degree(k, 0), out_start(k + 1, 0);
    for (auto [a, b] : arcs) {
        ++in_degree[b];
        ++out_start[a + 1];
    }
    for (std::uint32_t c = 0; c < k; ++c) out_start[c + 1] += out_start[c];
    std::vector<std::uint32_t> order;
    for (std::uint32_t c = 0; c < k; ++c)
        if (in_degree[c] == 0) order.push_back(c);
    const std::size_t top_count = order.size();
    for (std::size_t i = 0; i < order.size(); ++i)
        for (std::uint32_t a = out_start[order[i]]; a < out_start[order[i] + 1]; ++a)
            if (--in_degree[arcs[a].second] == 0) order.push_back(arcs[a].second);
    std::vector<std::uint32_t> position(k);
    for (std::uint32_t i = 0; i < k; ++i) position[order[i]] = i;

    Reachability r;
    r.count = k;
    r.words = (k + 63) / 64;
    r.sizes.resize(k);
    r.above.assign(std::size_t(k) * r.words, 0);
    r.above_count.resize(k);
    r.tops.assign(r.words, 0);
    for (std::uint32_t c = 0; c < k; ++c) r.sizes[position[c]] = size[c];
    for (std::size_t i = 0; i < top_count; ++i) r.tops[i / 64] |= std::uint64_t(1) << (i % 64);
    // Predecessors in topological numbering, then each set is the union of its predecessors' sets.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> into;  // (to, from)
    into.reserve(arcs.size());
    for (auto [a, b] : arcs) into.emplace_back(position[b], position[a]);
    std::sort(into.begin(), into.end());
    std::size_t next = 0;
    for (std::uint32_t c = 0; c < k; ++c) {
        std::uint64_t* set = r.above.data() + std::size_t(c) * r.words;
        set[c / 64] |= std::uint64_t(1) << (c % 64);
        for (; next < into.size() && into[next].first == c; ++next) {
            const std::uint64_t* from = r.reaching(into[next].second);
            for (std::size_t w = 0; w <= into[next].second / 64; ++w) set[w] |= from[w];  // bits at or below `from`
        }
        std::uint32_t bits = 0;
        for (std::size_t w = 0; w <= c / 64; ++w) bits += static_cast<std::uint32_t>(std::popcount(set[w]));
        r.above_count[c] = bits;
    }
    return r;
}

// Asymmetric and mutual unordered pairs of the component's reachability graph.
void count_dyads(const Reachability& r, double& asymmetric, double& mutual) {
    for (std::uint32_t c = 0; c < r.count; ++c) {
        mutual += double(r.sizes[c]) * double(r.sizes[c] - 1) / 2;
        double reaching = 0;  // units of the other SCCs reaching c
        const std::uint64_t* set = r.reaching(c);
        for (std::size_t w = 0; w <= c / 64; ++w)
            for (std::uint64_t bits = set[w]; bits; bits &= bits - 1) {
                const auto d = static_cast<std::uint32_t>(w * 64 + std::countr_zero(bits));
                if (d != c) reaching += double(r.sizes[d]);
            }
        asymmetric += reaching * double(r.sizes[c]);
    }
}

// Pairs of the component without a least upper bound (LubReading), weighted by the units of each SCC.
double lub_violations(const Reachability& r, LubReading reading) {
    double violations = 0;
    for (std::uint32_t a = 0; a < r.count; ++a) {
        const std::uint64_t* above_a = r.reaching(a);
        if (reading == LubReading::sna) {  // a pair within one SCC shares its upper bounds: the tops above it
            std::uint32_t tops = 0;
            for (std::size_t w = 0; w <= a / 64; ++w) tops += static_cast<std::uint32_t>(std::popcount(above_a[w] & r.tops[w]));
            if (tops != 1) violations += double(r.sizes[a]) * double(r.sizes[a] - 1) / 2;
        }
        for (std::uint32_t b = a + 1; b < r.count; ++b) {
            const std::uint64_t* above_b = r.reaching(b);
            std::uint32_t common = 0, tops = 0;
            std::uint32_t latest = 0;
            bool any = false;
            for (std::size_t w = 0; w <= a / 64; ++w) {  // no bit above a in a's set
                const std::uint64_t both = above_a[w] & above_b[w];
                if (!both) continue;
                any = true;
                if (reading == LubReading::sna) {
                    tops += static_cast<std::uint32_t>(std::popcount(both & r.tops[w]));
                } else {
                    common += static_cast<std::uint32_t>(std::popcount(both));
                    latest = static_cast<std::uint32_t>(w * 64 + 63 - std::countl_zero(both));
                }
            }
            // sna: exactly one top reaches both. Krackhardt: the upper bound latest in topological order is reached
            // by all the others, i.e. the common upper bounds are exactly the units reaching it.
            const bool has_lub = reading == LubReading::sna ? tops == 1 : any && r.above_count[latest] == common;
            if (!has_lub) violations += double(r.sizes[a]) * double(r.sizes[b]);
        }
    }
    return violations;
}

KrackhardtScores scores_of(const detail::View& view, const TieView& spec, const KrackhardtOptions& options) {
    KrackhardtScores out;
    out.units = view.size();
    out.arcs = view.arc_count();
    const auto components = weak_components(view);

    const double n = double(view.size());
    double linked = 0, needed = 0, spare = 0;
    for (const auto& c : components) {
        const double size = double(c.size());
        linked += size * (size - 1);
        needed += size - 1;
        spare += (size - 1) * (size - 1);
        if (c.size() > options.max_component)
            throw InvalidInput("component_too_large", "krackhardt: " + spec.to_string(),
                               "a weak component has " + std::to_string(c.size()) + " units, more than max_component (" +
                                   std::to_string(options.max_component) +
                                   "); hierarchy and least upper boundedness need every pair's reachability");
    }
    out.connectedness = view.size() <= 1 ? 1.0 : linked / (n * (n - 1));
    out.efficiency = spare > 0 ? 1.0 - (double(view.arc_count()) - needed) / spare : not_defined;

    // Strongly connected components of the whole view, read in place, then reachability per weak component.
    std::vector<std::uint32_t> scc(view.size(), 0);
    detail::strong_components(view, scc);
    double asymmetric = 0, mutual = 0, violations = 0, most_violations = 0;
    for (const auto& c : components) {
        if (c.size() < 2) continue;
        const Reachability r = reachability(view, c, scc);
        count_dyads(r, asymmetric, mutual);
        if (c.size() > 2) {
            const double size = double(c.size());
            most_violations += (size - 1) * (size - 2) / 2;
            violations += lub_violations(r, options.lub);
        }
    }
    out.hierarchy = asymmetric + mutual > 0 ? asymmetric / (asymmetric + mutual) : not_defined;
    out.lubness = most_violations > 0 ? 1.0 - violations / most_violations : not_defined;
    return out;
}

}  // namespace

KrackhardtScores krackhardt(const OrgGraph& graph, const TieView& spec, const KrackhardtOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    return scores_of(*detail::make_view(graph, spec, "krackhardt"), spec, options);
}

KrackhardtScores krackhardt(const FrozenGraph& graph, const TieView& spec, const KrackhardtOptions& options) {
    return scores_of(*detail::make_view(graph, spec, "krackhardt"), spec, options);
}

}  // namespace antq

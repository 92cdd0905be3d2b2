#include <algorithm>
#include <numeric>
#include <string>

#include <antq/errors.hpp>
#include <antq/measures/centrality.hpp>

#include "measures/detail/view.hpp"
#include "model/detail/random.hpp"

namespace antq {

namespace {

// Brandes (2001), unweighted: a breadth-first search from each source counts shortest paths (sigma), then the
// vertices are taken back in reverse order of discovery and pass their dependency to the predecessors on a
// shortest path. Predecessors are found again among the in-neighbours (dist one less) instead of being stored:
// no list per vertex to fill and clear for every source. Only the vertices a search touched are reset.
class Brandes {
public:
    explicit Brandes(const detail::View& view)
        : m_view(view), m_dist(view.size(), -1), m_sigma(view.size(), 0.0), m_delta(view.size(), 0.0),
          m_order(view.size()), m_score(view.size(), 0.0) {}

    void add_source(std::uint32_t s) {
        std::uint32_t head = 0, tail = 0;
        m_order[tail++] = s;
        m_dist[s] = 0;
        m_sigma[s] = 1;
        while (head < tail) {
            const std::uint32_t u = m_order[head++];
            const std::int32_t next = m_dist[u] + 1;
            const double sigma_u = m_sigma[u];
            for (std::uint32_t w : m_view.successors(u)) {
                if (m_dist[w] < 0) {
                    m_dist[w] = next;
                    m_order[tail++] = w;
                }
                if (m_dist[w] == next) m_sigma[w] += sigma_u;
            }
        }
        for (std::uint32_t i = tail; i-- > 1;) {
            const std::uint32_t w = m_order[i];
            const std::int32_t before = m_dist[w] - 1;
            const double coefficient = (1.0 + m_delta[w]) / m_sigma[w];
            for (std::uint32_t p : m_view.predecessors(w))
                if (m_dist[p] == before) m_delta[p] += m_sigma[p] * coefficient;
            m_score[w] += m_delta[w];
        }
        for (std::uint32_t i = 0; i < tail; ++i) {
            const std::uint32_t x = m_order[i];
            m_dist[x] = -1;
            m_sigma[x] = 0;
            m_delta[x] = 0;
        }
    }

    std::vector<double> take() { return std::move(m_score); }

private:
    const detail::View& m_view;
    std::vector<std::int32_t> m_dist;
    std::vector<double> m_sigma;
    std::vector<double> m_delta;
    std::vector<std::uint32_t> m_order;
    std::vector<double> m_score;
};

void check_samples(const BetweennessOptions& options) {
    if (options.samples && *options.samples == 0 && options.sources.empty())
        throw InvalidInput("bad_samples", "betweenness", "samples must be at least 1 (or none for the exact measure)");
}

// `id_of(u)` names a unit for errors (empty: not a unit).
template <class IdOf>
BetweennessResult betweenness_of(const detail::View& view, const TieView& spec, const BetweennessOptions& options,
                                 IdOf&& id_of) {
    const std::uint32_t n = view.size();

    std::vector<std::uint32_t> sources;
    if (!options.sources.empty()) {
        for (UnitIndex u : options.sources) {
            const std::uint32_t v = view.vertex_of(u);
            if (v == detail::no_vertex)
                throw InvalidInput("bad_source", id_of(u).empty() ? std::string("betweenness") : "'" + id_of(u) + "'",
                                   "a source must be a unit of the view " + spec.to_string());
            sources.push_back(v);
        }
        std::sort(sources.begin(), sources.end());
        sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
    } else {
        sources.resize(n);
        std::iota(sources.begin(), sources.end(), 0u);
        if (options.samples && *options.samples < n) {
            // The first `samples` places of a seeded Fisher-Yates shuffle: a uniform draw without replacement.
            detail::Random random(options.seed);
            for (std::size_t i = 0; i < *options.samples; ++i)
                std::swap(sources[i], sources[i + random.below(n - i)]);
            sources.resize(*options.samples);
        }
    }

    Brandes brandes(view);
    for (std::uint32_t s : sources) brandes.add_source(s);

    BetweennessResult out;
    out.betweenness = brandes.take();
    out.units = view.units;
    out.sources = sources.size();
    // Every unordered pair is counted once from each end on an undirected view; a partial count is scaled up
    // to the whole as an estimate (NetworkX's convention), then normalised by the number of pairs.
    double scale = view.directed ? 1.0 : 0.5;
    if (!sources.empty() && sources.size() < n) scale *= double(n) / double(sources.size());
    if (options.normalized) {
        const double pairs = n > 2 ? double(n - 1) * double(n - 2) : 0.0;
        scale = pairs > 0 ? scale / (view.directed ? pairs : pairs / 2) : 0.0;
    }
    if (scale != 1.0)
        for (double& b : out.betweenness) b *= scale;
    return out;
}

}  // namespace

BetweennessResult betweenness(const OrgGraph& graph, const TieView& spec, const BetweennessOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    check_samples(options);
    auto id_of = [&](UnitIndex u) { return graph.is_alive(u) ? graph.unit(u).id : std::string(); };
    BetweennessResult out = betweenness_of(*detail::make_view(graph, spec, "betweenness"), spec, options, id_of);
    out.stamp = GraphStamp::of_result(graph, "betweenness", "compute it again");
    return out;
}

BetweennessResult betweenness(const FrozenGraph& graph, const TieView& spec, const BetweennessOptions& options) {
    check_samples(options);
    auto id_of = [&](UnitIndex u) { return graph.is_alive(u) ? std::string(graph.id(u)) : std::string(); };
    BetweennessResult out = betweenness_of(*detail::make_view(graph, spec, "betweenness"), spec, options, id_of);
    out.stamp = graph.stamp();
    return out;
}

}  // namespace antq

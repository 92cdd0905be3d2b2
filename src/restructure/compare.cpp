#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>

#include <antq/analysis/coordination.hpp>
#include <antq/analysis/hierarchy.hpp>
#include <antq/analysis/load.hpp>
#include <antq/analysis/reach.hpp>
#include <antq/restructure/compare.hpp>

namespace antq {

namespace {

bool is_synthetic(const OrgGraph& graph, UnitIndex u) { return graph.unit(u).is_synthetic(); }

// One figure on one graph, and how many of the units behind it are synthetic.
struct Figure {
    double value = 0.0;
    std::uint32_t synthetic = 0;
};

std::uint32_t synthetic_among(const OrgGraph& graph, const std::vector<UnitIndex>& units) {
    return static_cast<std::uint32_t>(std::count_if(units.begin(), units.end(), [&](UnitIndex u) { return is_synthetic(graph, u); }));
}

// Every figure of one side, by (section, measure), in the order they are made.
struct Side {
    std::vector<std::pair<std::string, std::string>> order;
    std::map<std::pair<std::string, std::string>, Figure> figures;

    void add(const std::string& section, const std::string& measure, Figure f) {
        auto key = std::make_pair(section, measure);
        if (figures.emplace(key, f).second) order.push_back(std::move(key));
    }
};

using PairKey = std::pair<std::string, std::string>;
struct PairSeen {
    bool gap = false;
    bool synthetic = false;
};

Side measure(const Responsibilities& table, const OrgGraph& graph, std::map<PairKey, PairSeen>& pairs) {
    Side side;
    const std::shared_ptr<const FrozenGraph> view = graph.freeze();  // one view read by every analysis below
    const ReachResult r = reach(table, *view, graph);
    side.add("reach", "units bound", {double(r.bound.size()), synthetic_among(graph, r.bound)});
    side.add("reach", "recipients", {double(r.recipients.size()), synthetic_among(graph, r.recipients)});
    side.add("reach", "unreached", {double(r.unreached.size()), synthetic_among(graph, r.unreached)});

    // Roles held per level; a synthetic unit's roles count towards the synthetic part of its level's figure.
    const LoadResult l = load(table, *view, graph);
    std::array<RoleCounts, all_levels.size()> synthetic{};
    for (const LoadResult::Entry& e : l.units)
        if (is_synthetic(graph, e.unit))
            for (Role role : all_roles)
                synthetic[std::size_t(graph.unit(e.unit).level)][std::size_t(role)] += e.roles[std::size_t(role)];
    for (Level level : all_levels)
        for (Role role : all_roles)
            side.add("load", "load " + std::string(to_string(level)) + " " + std::string(to_string(role)),
                     {double(l.by_level[std::size_t(level)][std::size_t(role)]),
                      synthetic[std::size_t(level)][std::size_t(role)]});

    // The bound bodies' chains of command, per level: how long the longest is, and dual subordination.
    struct Chains {
        std::uint32_t bodies = 0, several = 0, steps = 0, synthetic = 0;
    };
    std::array<Chains, all_levels.size()> chains{};
    for (UnitIndex u : r.bound) {
        const Unit& unit = graph.unit(u);
        if (!is_body(unit.kind)) continue;
        const auto paths = chains_of_command(*view, u);
        Chains& c = chains[std::size_t(unit.level)];
        ++c.bodies;
        c.several += paths.size() > 1;
        std::size_t longest = 0;
        bool made_up = false;
        for (const auto& path : paths) {
            longest = std::max(longest, path.size() - 1);
            made_up = made_up || std::any_of(path.begin(), path.end(), [&](UnitIndex p) { return is_synthetic(graph, p); });
        }
        c.steps += std::uint32_t(longest);
        c.synthetic += made_up;
    }
    for (Level level : all_levels) {
        const Chains& c = chains[std::size_t(level)];
        const std::string at = std::string(to_string(level));
        side.add("chains", "bound bodies " + at, {double(c.bodies), c.synthetic});
        side.add("chains", "chain steps " + at, {c.bodies ? double(c.steps) / c.bodies : 0.0, c.synthetic});
        side.add("chains", "several chains " + at, {double(c.several), c.synthetic});
    }

    const CoordinationResult co = coordination(table, *view, graph);
    std::uint32_t gaps = 0, pairs_synthetic = 0, gaps_synthetic = 0;
    for (const CoordinationPair& p : co.pairs) {
        const bool made_up = is_synthetic(graph, p.lead) || is_synthetic(graph, p.partner);
        gaps += p.is_gap();
        pairs_synthetic += made_up;
        gaps_synthetic += made_up && p.is_gap();
        pairs[{graph.unit(p.lead).id, graph.unit(p.partner).id}] = PairSeen{p.is_gap(), made_up};
    }
    side.add("coordination", "coordination pairs", {double(co.pairs.size()), pairs_synthetic});
    side.add("coordination", "coordination gaps", {double(gaps), gaps_synthetic});
    return side;
}

}  // namespace

Comparison compare(const Responsibilities& before, const OrgGraph& before_graph, const Responsibilities& after,
                   const OrgGraph& after_graph) {
    std::map<PairKey, PairSeen> pairs_before, pairs_after;
    const Side a = measure(before, before_graph, pairs_before);
    const Side b = measure(after, after_graph, pairs_after);

    Comparison out;
    // Both sides make the same measures in the same order; a row zero on both sides says nothing.
    for (const auto& key : a.order) {
        const Figure x = a.figures.at(key), y = b.figures.at(key);
        if (x.value == 0.0 && y.value == 0.0) continue;
        out.measures.push_back({key.first, key.second, x.value, y.value, x.synthetic, y.synthetic});
    }

    std::map<PairKey, ComparedPair> differing;
    auto note = [&](const std::map<PairKey, PairSeen>& seen, bool ComparedPair::*required, bool ComparedPair::*gap) {
        for (const auto& [key, s] : seen) {
            ComparedPair& p = differing[key];
            p.lead = key.first;
            p.partner = key.second;
            p.*required = true;
            p.*gap = s.gap;
            p.synthetic = p.synthetic || s.synthetic;
        }
    };
    note(pairs_before, &ComparedPair::before, &ComparedPair::gap_before);
    note(pairs_after, &ComparedPair::after, &ComparedPair::gap_after);
    for (auto& [key, p] : differing)
        if (p.before != p.after || p.gap_before != p.gap_after) out.pairs.push_back(std::move(p));
    out.dropped = after.dropped();
    return out;
}

}  // namespace antq

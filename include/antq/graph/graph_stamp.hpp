#pragma once

/**
 * @file
 * GraphStamp: how a result or a view knows the graph it was made from, and refuses any other state.
 */

#include <cstdint>
#include <string>

namespace antq {

class OrgGraph;

/**
 * The one staleness check of the library. A result computed on a graph (a compiled directive, an evaluation, a
 * follow-up, an analysis) or a view over it keeps a stamp; check() then refuses any graph but that one, in the
 * state it had: every mutation of a graph, and every copy, gets a new OrgGraph::generation().
 */
class GraphStamp {
public:
    /** A stamp that matches no graph. */
    GraphStamp() = default;

    /**
     * Stamps a result.
     * @param where  names the result in errors, e.g. "directive 'ct-2024'" or "evaluation"
     * @param remedy what to do, e.g. "compile it again"
     */
    static GraphStamp of_result(const OrgGraph& graph, std::string where, std::string remedy);
    /** Stamps a view or an iterator over the graph (tag "stale_view"). */
    static GraphStamp of_view(const OrgGraph& graph);

    /** The graph generation stamped. */
    std::uint64_t generation() const noexcept { return m_generation; }
    /** True if `graph` is the graph stamped, unchanged since. */
    bool matches(const OrgGraph& graph) const noexcept;
    /**
     * @throws StaleView "stale_result" (a result) or "stale_view" (a view) if `graph` is not the graph stamped, or
     *         changed since
     */
    void check(const OrgGraph& graph) const;

private:
    std::uint64_t m_generation = 0;
    bool m_view = false;
    std::string m_where;
    std::string m_remedy;
};

}  // namespace antq

#include <antq/errors.hpp>
#include <antq/graph/graph_stamp.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq {

GraphStamp GraphStamp::of_result(const OrgGraph& graph, std::string where, std::string remedy) {
    GraphStamp s;
    s.m_generation = graph.generation();
    s.m_where = std::move(where);
    s.m_remedy = std::move(remedy);
    return s;
}

GraphStamp GraphStamp::of_view(const OrgGraph& graph) {
    GraphStamp s;
    s.m_generation = graph.generation();
    s.m_view = true;
    s.m_remedy = "ask the graph for a new one";
    return s;
}

bool GraphStamp::matches(const OrgGraph& graph) const noexcept { return graph.generation() == m_generation; }

void GraphStamp::check(const OrgGraph& graph) const {
    if (matches(graph)) return;
    if (m_view)
        throw StaleView("stale_view", "", "the graph changed after this view or iterator was made; " + m_remedy);
    throw StaleView("stale_result", m_where,
                    "computed on another graph, or before this graph changed; " + m_remedy);
}

}  // namespace antq

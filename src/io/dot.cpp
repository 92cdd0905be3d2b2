#include <array>
#include <sstream>
#include <string>

#include <boost/graph/graphviz.hpp>

#include <antq/errors.hpp>
#include <antq/io/dot.hpp>

#include "io/detail/export_graph.hpp"
#include "io/detail/file.hpp"

namespace antq {

namespace {

// Text inside a DOT double-quoted string.
std::string escaped(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

// Text inside a Graphviz HTML-like label.
std::string html(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#x27;"; break;
            default: out += c;
        }
    }
    return out;
}

// One fill colour per level, light enough for black text.
constexpr std::array<const char*, 5> level_colours{"#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#cfe2f3"};

// A territory's box in a chart: its name, how many contained territories are not drawn, its bodies' cells.
std::string chart_label(const OrgGraph& graph, UnitIndex territory, const std::vector<bool>& drawn,
                        const DotOptions& options) {
    const Unit& unit = graph.unit(territory);
    std::string count;
    if (options.count_hidden_children) {
        std::size_t hidden = 0;
        std::optional<UnitKind> kind;
        for (UnitIndex child : graph.children(territory, TieKind::contains))
            if (drawn.empty() || !drawn[child.value]) {
                ++hidden;
                if (!kind) kind = graph.unit(child).kind;
            }
        if (hidden)
            count = "<BR/><FONT POINT-SIZE='8'>" + std::to_string(hidden) + " " + std::string(to_string(*kind)) +
                    "s</FONT>";
    }
    std::string cells;
    std::size_t span = 0;
    for (const BodyCell& cell : options.body_cells)
        for (UnitIndex body : graph.parents(territory, TieKind::serves))
            if (graph.unit(body).kind == cell.kind) {
                cells += "<TD BGCOLOR='white' TOOLTIP='" + html(graph.unit(body).name) + "'>" + html(cell.label) + "</TD>";
                ++span;
                break;
            }
    return "<<TABLE BORDER='1' CELLBORDER='0' CELLSPACING='0' CELLPADDING='3' BGCOLOR='" +
           std::string(level_colours[static_cast<std::size_t>(unit.level)]) + "'><TR><TD COLSPAN='" +
           std::to_string(span ? span : 1) + "'><B>" + html(unit.name) + "</B>" + count + "</TD></TR>" +
           (cells.empty() ? "" : "<TR>" + cells + "</TR>") + "</TABLE>>";
}

}  // namespace

std::string_view to_string(RankDirection direction) noexcept { return direction == RankDirection::top_down ? "TB" : "LR"; }

RankDirection parse_rank_direction(std::string_view name) {
    if (name == "TB") return RankDirection::top_down;
    if (name == "LR") return RankDirection::left_right;
    throw InvalidInput("bad_option", "rankdir", "'" + std::string(name) + "' is not a rank direction (TB, LR)");
}

void write_dot(std::ostream& out, const OrgGraph& graph, const DotOptions& options) {
    const OrgGraph::ReadGuard reading(graph);
    const auto keep = options.units ? options.units->mask(graph) : std::vector<bool>{};
    const bool chart = !options.body_cells.empty() || options.count_hidden_children;
    auto g = detail::export_copy(graph, keep, options.tie_kinds);
    auto vertex_writer = [&](std::ostream& os, std::size_t v) {
        const auto& u = g[v];
        const std::string tooltip = escaped(u.id + " (" + u.kind + ")");
        if (chart && is_territory(u.unit_kind)) {
            os << "[label=" << chart_label(graph, graph.index_of(u.id), keep, options) << ", tooltip=\"" << tooltip
               << "\", shape=plain]";
            return;
        }
        const char* shape = is_post(u.unit_kind) ? "ellipse" : "box";
        const char* style = is_body(u.unit_kind) ? "filled,rounded" : "filled";
        os << "[label=\"" << escaped(u.name) << "\", tooltip=\"" << tooltip << "\", shape=" << shape << ", style=\""
           << style << "\", fillcolor=\"" << level_colours[static_cast<std::size_t>(u.unit_level)] << "\"]";
    };
    auto edge_writer = [&](std::ostream& os, const auto& e) {
        const auto& t = g[e];
        if (chart) return;
        const bool structural = t.tie_kind == TieKind::contains || t.tie_kind == TieKind::directs;
        os << "[label=\"" << t.kind << "\", style=" << (structural ? "solid" : "dashed") << "]";
    };
    auto graph_writer = [&](std::ostream& os) {
        os << "label=\"" << escaped(options.title.value_or(graph.name())) << "\";\nfontname=\"DejaVu Sans\";\nrankdir="
           << to_string(options.rank_direction) << ";\n";
        if (chart)
            os << "labelloc=t;\nnodesep=0.08;\nranksep=0.6;\nnode [fontname=\"DejaVu Sans\", fontsize=10];\n"
                  "edge [color=gray50, arrowsize=0.6];\n";
        else
            os << "node [fontname=\"DejaVu Sans\"];\n";
    };
    boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
}

void save_dot(const OrgGraph& graph, const std::filesystem::path& path, const DotOptions& options) {
    std::ostringstream out;
    write_dot(out, graph, options);
    detail::write_file(path, out.str());  // all or nothing, like the JSON writers
}

}  // namespace antq

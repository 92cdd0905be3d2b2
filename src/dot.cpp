#include <array>
#include <sstream>
#include <string>

#include <boost/graph/graphviz.hpp>

#include <antq/errors.hpp>
#include <antq/io/dot.hpp>

#include "export_graph.hpp"
#include "file_io.hpp"

namespace antq {

namespace {

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

// One fill colour per level, light enough for black text.
constexpr std::array<const char*, 5> level_colours{"#f4cccc", "#fce5cd", "#fff2cc", "#d9ead3", "#cfe2f3"};

}  // namespace

void write_dot(std::ostream& out, const OrgGraph& graph, const DotOptions& options) {
    const auto keep = options.units ? options.units->mask(graph) : std::vector<bool>{};
    auto g = detail::export_copy(graph, keep, options.tie_kinds);
    auto vertex_writer = [&g](std::ostream& os, std::size_t v) {
        const auto& u = g[v];
        const char* shape = is_territory(u.unit_kind) ? "box" : is_post(u.unit_kind) ? "ellipse" : "box";
        const char* style = is_body(u.unit_kind) ? "filled,rounded" : "filled";
        os << "[label=\"" << escaped(u.name) << "\", tooltip=\"" << escaped(u.id + " (" + u.kind + ")")
           << "\", shape=" << shape << ", style=\"" << style << "\", fillcolor=\""
           << level_colours[static_cast<std::size_t>(u.unit_level)] << "\"]";
    };
    auto edge_writer = [&g](std::ostream& os, const auto& e) {
        const auto& t = g[e];
        const bool structural = t.tie_kind == TieKind::contains || t.tie_kind == TieKind::directs;
        os << "[label=\"" << t.kind << "\", style=" << (structural ? "solid" : "dashed") << "]";
    };
    auto graph_writer = [&graph](std::ostream& os) {
        os << "label=\"" << escaped(graph.name()) << "\";\nrankdir=TB;\nnode [fontname=\"DejaVu Sans\"];\n";
    };
    boost::write_graphviz(out, g, vertex_writer, edge_writer, graph_writer);
}

void save_dot(const OrgGraph& graph, const std::filesystem::path& path, const DotOptions& options) {
    std::ostringstream out;
    write_dot(out, graph, options);
    detail::write_file(path, out.str());  // all or nothing, like the JSON writers
}

}  // namespace antq

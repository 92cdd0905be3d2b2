#include <sstream>

#include <boost/graph/graphml.hpp>
#include <boost/property_map/dynamic_property_map.hpp>

#include <antq/errors.hpp>
#include <antq/io/graphml.hpp>

#include "io/detail/export_graph.hpp"
#include "io/detail/file.hpp"

namespace antq {

void write_graphml(std::ostream& out, const OrgGraph& graph) {
    auto g = detail::export_copy(graph);
    boost::dynamic_properties dp;
    dp.property("id", boost::get(&detail::ExportUnit::id, g));
    dp.property("name", boost::get(&detail::ExportUnit::name, g));
    dp.property("kind", boost::get(&detail::ExportUnit::kind, g));
    dp.property("level", boost::get(&detail::ExportUnit::level, g));
    dp.property("attributes", boost::get(&detail::ExportUnit::attributes, g));
    dp.property("kind", boost::get(&detail::ExportTie::kind, g));
    dp.property("attributes", boost::get(&detail::ExportTie::attributes, g));
    boost::write_graphml(out, g, boost::get(boost::vertex_index, g), dp, true);
}

void save_graphml(const OrgGraph& graph, const std::filesystem::path& path) {
    std::ostringstream out;
    write_graphml(out, graph);
    detail::write_file(path, out.str());  // all or nothing, like the JSON writers
}

}  // namespace antq

#include <filesystem>
#include <sstream>
#include <string>

#include <sys/stat.h>

#include <antq/io/datasets.hpp>
#include <antq/io/graphml.hpp>

#include "support.hpp"

using namespace antq;

namespace {

std::string graphml(const OrgGraph& g) {
    std::ostringstream out;
    write_graphml(out, g);
    return out.str();
}

// A document around the given keys and graph content, as another tool might write it.
std::string document(const std::string& keys, const std::string& graph,
                     const std::string& open = "<graph id=\"G\" edgedefault=\"directed\">") {
    return "<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
           "<key id=\"n\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
           "<key id=\"k\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
           "<key id=\"tk\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n" +
           keys + open + "\n" + graph + "</graph>\n</graphml>\n";
}

const std::string province = "<node id=\"30\"><data key=\"n\">Hải Dương</data><data key=\"k\">province</data></node>\n";

}  // namespace

TEST_CASE("graphml: node ids are unit ids and every field has a typed key") {
    OrgGraph g = test::tiny_province();
    g.set_unit_attribute(g.index_of("296"), "households", Value(31'000));
    g.set_unit_attribute(g.index_of("288"), "households", Value(52'000));
    g.set_unit_attribute(g.index_of("30"), "area_km2", Value(1668.2));
    g.set_unit_attribute(g.index_of("30"), "synthetic", Value(false));
    g.set_attributes(Object{{"as_of", Value("2024-07-01")}});
    const std::string xml = graphml(g);
    CHECK(xml.find("<node id=\"296\">") != std::string::npos);
    CHECK(xml.find("attr.name=\"id\"") == std::string::npos);  // igraph warns on a key named id
    CHECK(xml.find("<key id=\"u.households\" for=\"node\" attr.name=\"households\" attr.type=\"int\"/>") !=
          std::string::npos);
    CHECK(xml.find("attr.name=\"area_km2\" attr.type=\"double\"") != std::string::npos);
    CHECK(xml.find("attr.name=\"synthetic\" attr.type=\"boolean\"") != std::string::npos);
    CHECK(xml.find("<data key=\"u.households\">31000</data>") != std::string::npos);
    CHECK(xml.find("<data key=\"g.as_of\">2024-07-01</data>") != std::string::npos);
    CHECK(xml.find("<data key=\"g_name\">tiny</data>") != std::string::npos);
    CHECK(xml.find("<data key=\"g_version\">1</data>") != std::string::npos);
    CHECK(xml.find("<edge id=\"e0\" source=\"30\" target=\"296\">") != std::string::npos);
    CHECK(xml == graphml(g));  // deterministic
}

TEST_CASE("graphml: nested, null, mixed and reserved attributes go as JSON under name.json") {
    OrgGraph g = test::tiny_province();
    g.set_unit_attribute(g.index_of("296"), "mixed", Value(1));
    g.set_unit_attribute(g.index_of("288"), "mixed", Value("one"));
    g.set_unit_attribute(g.index_of("296"), "big", Value(std::int64_t{1} << 40));
    g.set_unit_attribute(g.index_of("288"), "big", Value(2));
    g.set_unit_attribute(g.index_of("30"), "list", Value(Array{Value(1), Value("a")}));
    g.set_unit_attribute(g.index_of("30"), "kind", Value("a free attribute called kind"));
    g.set_unit_attribute(g.index_of("30"), "nothing", Value());
    const std::string xml = graphml(g);
    CHECK(xml.find("attr.name=\"mixed.json\" attr.type=\"string\"") != std::string::npos);
    CHECK(xml.find("<data key=\"u.mixed\">\"one\"</data>") != std::string::npos);
    CHECK(xml.find("attr.name=\"big\" attr.type=\"long\"") != std::string::npos);
    CHECK(xml.find("<data key=\"u.list\">[1,\"a\"]</data>") != std::string::npos);
    CHECK(xml.find("attr.name=\"kind.json\"") != std::string::npos);
    CHECK(xml.find("<data key=\"u.nothing\">null</data>") != std::string::npos);
    CHECK(parse_graphml(xml).same_content(g));
}

TEST_CASE("graphml: the embedded graph reads back equal, with types, structure and graph attributes") {
    const OrgGraph g = datasets::hai_duong_2024();
    const OrgGraph back = parse_graphml(graphml(g), "hd.graphml");
    CHECK(back.same_content(g));
    CHECK(back.name() == g.name());
    CHECK(back.attributes() == g.attributes());
    CHECK(back.unit("10987-v01").attributes == g.unit("10987-v01").attributes);
}

TEST_CASE("graphml: edge cases read back equal: empty graph, unicode ids, markup, line breaks, structure") {
    CHECK(parse_graphml(graphml(OrgGraph())).same_content(OrgGraph()));

    OrgGraph g(AdministrativeStructure::three_tier());
    g.set_name("tên <đồ thị> & \"x\"");
    g.add_unit(test::territory("Nhân Quye\xCC\x82\xCC\x80n", "Hải\r\nDương\tx", UnitKind::province));  // NFD id, stored NFC
    g.add_unit(test::territory("a&b<c>\"d'", "B", UnitKind::district));
    g.add_tie(g.unit(UnitIndex{0}).id, "a&b<c>\"d'", TieKind::contains, Object{{"note", Value(" spaced ")}});
    g.set_unit_attribute(UnitIndex{1}, "empty", Value(""));
    g.set_unit_attribute(UnitIndex{1}, "control", Value("bell\x07"));
    g.set_unit_attribute(UnitIndex{1}, "x.json", Value("a string whose name ends in .json"));
    g.set_unit_attribute(UnitIndex{1}, "float", Value(0.1));
    g.set_unit_attribute(UnitIndex{0}, "float", Value(-1e300));
    const OrgGraph back = parse_graphml(graphml(g));
    CHECK(back.same_content(g));
    CHECK(back.structure() == AdministrativeStructure::three_tier());
    CHECK(back.contains("Nhân Quy\xE1\xBB\x81n"));
    CHECK(back.unit("Nhân Quy\xE1\xBB\x81n").name == "Hải\r\nDương\tx");
}

TEST_CASE("graphml: reads GraphML another tool wrote: d0 keys, long integers, defaults absent, kind from data") {
    const std::string text = document(
        "<key id=\"d3\" for=\"node\" attr.name=\"households\" attr.type=\"long\"/>\n"
        "<key id=\"d4\" for=\"graph\" attr.name=\"name\" attr.type=\"string\"/>\n",
        "<data key=\"d4\">from networkx</data>\n" + province +
            "<node id=\"296\"><data key=\"n\">Bình Giang</data><data key=\"k\">district</data>"
            "<data key=\"d3\"> 31000 </data></node>\n"
            "<edge source=\"30\" target=\"296\" id=\"contains\"><data key=\"tk\">contains</data></edge>\n");
    const OrgGraph g = parse_graphml(text, "nx.graphml");
    CHECK(g.name() == "from networkx");
    CHECK(g.unit("296").level == Level::district);
    CHECK(*g.unit("296").attributes.find("households") == Value(31'000));
    CHECK(g.tie_count() == 1);
}

TEST_CASE("graphml: bad documents are refused with a tag, the file and the line") {
    ANTQ_CHECK_ERROR(parse_graphml("<graphml><graph edgedefault=\"directed\">", "t.graphml"), InvalidInput,
                     "malformed_xml", "t.graphml:line 1");
    ANTQ_CHECK_ERROR(parse_graphml("<?xml version=\"1.0\"?>\n<!DOCTYPE graphml [<!ENTITY a \"b\">]><graphml/>",
                                   "t.graphml"),
                     InvalidInput, "dtd_not_allowed", "t.graphml:line 2");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<node id=\"30\"><data key=\"n\">&a;</data></node>")), InvalidInput,
                     "unknown_entity", "&a;");
    ANTQ_CHECK_ERROR(parse_graphml("<graph/>"), InvalidInput, "not_graphml", "<graph>, not <graphml>");
    ANTQ_CHECK_ERROR(parse_graphml(document("", province, "<graph edgedefault=\"undirected\">")), InvalidInput,
                     "unsupported_graphml", "directed");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<node id=\"30\"><data key=\"n\">x</data></node>")), InvalidInput,
                     "missing_field", "line 7 <node id='30'>: the node has no 'kind' data");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<node id=\"30\"><data key=\"n\">x</data><data key=\"k\">town</data></node>")),
                     InvalidInput, "unknown_kind", "'town' is not a unit kind");
    ANTQ_CHECK_ERROR(parse_graphml(document("", province + "<node id=\"31\"><data key=\"zz\">x</data></node>")),
                     InvalidInput, "unknown_key", "<data key='zz'>");
    ANTQ_CHECK_ERROR(parse_graphml(document("<key id=\"h\" for=\"node\" attr.name=\"households\" attr.type=\"int\"/>\n",
                                            "<node id=\"30\"><data key=\"n\">x</data><data key=\"k\">province</data>"
                                            "<data key=\"h\">many</data></node>")),
                     InvalidInput, "wrong_type", "expected an integer (attr.type int), found 'many'");
    ANTQ_CHECK_ERROR(parse_graphml(document("<key id=\"h\" for=\"node\" attr.name=\"h\" attr.type=\"int\"/>\n",
                                            "<node id=\"30\"><data key=\"n\">x</data><data key=\"k\">province</data>"
                                            "<data key=\"h\">99999999999999999999</data></node>")),
                     InvalidInput, "number_out_of_range", "does not fit in 64 bits");
    ANTQ_CHECK_ERROR(parse_graphml(document("<key id=\"h\" for=\"node\" attr.name=\"h\" attr.type=\"double\"/>\n",
                                            "<node id=\"30\"><data key=\"n\">x</data><data key=\"k\">province</data>"
                                            "<data key=\"h\">nan</data></node>")),
                     InvalidInput, "non_finite_number", "finite");
    ANTQ_CHECK_ERROR(parse_graphml(document("", province + "<node id=\"30\"><data key=\"n\">y</data>"
                                                           "<data key=\"k\">province</data></node>"), "d.graphml"),
                     InvalidInput, "duplicate_id", "d.graphml:node 1");
    ANTQ_CHECK_ERROR(parse_graphml(document("", province + "<edge source=\"30\" target=\"31\"><data key=\"tk\">contains</data></edge>")),
                     InvalidInput, "dangling_reference", "edge 0");
    ANTQ_CHECK_ERROR(parse_graphml(document("<key id=\"x\" for=\"node\" attr.name=\"x\"><default>1</default></key>\n", province)),
                     InvalidInput, "unsupported_graphml", "key defaults are not read");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<hyperedge/>")), InvalidInput, "unsupported_graphml", "<hyperedge>");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<node id=\"30\"><data key=\"n\">x</data><data key=\"n\">y</data>"
                                                "<data key=\"k\">province</data></node>")),
                     InvalidInput, "duplicate_data", "'name' is given twice");
    ANTQ_CHECK_ERROR(parse_graphml(document("", "<node id=\"30\" id=\"31\"/>")), InvalidInput, "malformed_xml",
                     "attribute 'id' twice");
    ANTQ_CHECK_ERROR(parse_graphml(std::string("<graphml>\x01</graphml>")), InvalidInput, "malformed_xml",
                     "control character U+0001");
    ANTQ_CHECK_ERROR(parse_graphml(std::string("<graphml>\xC3</graphml>"), "u.graphml"), InvalidInput,
                     "malformed_xml", "UTF-8");
    std::string versioned = graphml(OrgGraph());
    versioned.replace(versioned.find(">1</data>"), 9, ">2</data>");
    ANTQ_CHECK_ERROR(parse_graphml(versioned), InvalidInput, "unsupported_version", "version 1, not 2");
    std::string bad_json = graphml([] {
        OrgGraph g = test::tiny_province();
        g.set_unit_attribute(g.index_of("30"), "list", Value(Array{Value(1)}));
        return g;
    }());
    bad_json.replace(bad_json.find(">[1]<"), 5, ">[1,<");
    ANTQ_CHECK_ERROR(parse_graphml(bad_json, "j.graphml"), InvalidInput, "malformed_json", "<data key='u.list'>");
}

TEST_CASE("graphml: nesting is capped, so a deep document never reaches deep recursion") {
    std::string deep = "<graphml>";
    for (int i = 0; i < 100'000; ++i) deep += "<a>";
    ANTQ_CHECK_ERROR(parse_graphml(deep), InvalidInput, "too_deep", "deeper than 32");
}

TEST_CASE("graphml: the reader refuses what is not a regular file and what exceeds the size cap") {
    const auto dir = std::filesystem::temp_directory_path() / "antq_graphml_test";
    std::filesystem::create_directories(dir);
    const auto fifo = dir / "fifo.graphml";
    std::filesystem::remove(fifo);
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    ANTQ_CHECK_ERROR(read_graphml(fifo), IoError, "cannot_read", "not a regular file");
    const auto file = dir / "hd.graphml";
    save_graphml(test::tiny_province(), file);
    CHECK(read_graphml(file).same_content(test::tiny_province()));
    ANTQ_CHECK_ERROR(read_graphml(file, ReadLimits{100}), IoError, "too_large", "more than 100 bytes");
    ANTQ_CHECK_ERROR(parse_graphml(graphml(OrgGraph()), "s", ReadLimits{10}), IoError, "too_large", "s");
    std::filesystem::remove_all(dir);
}

TEST_CASE("graphml: restore_graphml_attributes undoes the conventions on a graph NetworkX read") {
    OrgGraph g = test::tiny_province();
    g.set_attributes(Object{{"antq_format", Value("antq.orggraph")}, {"antq_version", Value(1)},
                            {"structure", Value("three_tier")}, {"sources.json", Value("[\"a\",\"b\"]")}});
    g.set_unit_attribute(g.index_of("30"), "kind.json", Value("\"free\""));
    restore_graphml_attributes(g);
    CHECK(g.attributes() == Object{{"sources", Value(Array{Value("a"), Value("b")})}});
    CHECK(g.structure() == AdministrativeStructure::three_tier());
    CHECK(g.unit("30").attributes == Object{{"kind", Value("free")}});

    OrgGraph plain = test::tiny_province();
    plain.set_unit_attribute(plain.index_of("30"), "x.json", Value("[1"));
    restore_graphml_attributes(plain);  // no antq_format: not antq's GraphML, nothing to undo
    CHECK(plain.unit("30").attributes == Object{{"x.json", Value("[1")}});
    plain.set_attributes(Object{{"antq_format", Value("antq.orggraph")}, {"antq_version", Value(1)}});
    ANTQ_CHECK_ERROR(restore_graphml_attributes(plain), InvalidInput, "malformed_json", "unit '30' attribute 'x.json'");
}

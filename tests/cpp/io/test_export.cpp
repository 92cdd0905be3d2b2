#include <sstream>

#include "support.hpp"

using namespace antq;

TEST_CASE("graphml: one node per unit and one edge per tie, with ids and kinds") {
    OrgGraph g = test::tiny_province();
    g.remove_unit(g.index_of("10501"));  // holes in the index are skipped
    std::ostringstream out;
    write_graphml(out, g);
    const std::string xml = out.str();
    auto count = [&](const std::string& needle) {
        std::size_t n = 0;
        for (auto p = xml.find(needle); p != std::string::npos; p = xml.find(needle, p + 1)) ++n;
        return n;
    };
    CHECK(count("<node ") == g.unit_count());
    CHECK(count("<edge ") == g.tie_count());
    CHECK(xml.find("Bình Giang") != std::string::npos);
    CHECK(xml.find(">directs<") != std::string::npos);
}

TEST_CASE("dot: draws a selection with labels escaped") {
    OrgGraph g = test::tiny_province();
    g.rename_unit(g.index_of("296"), "Bình \"Giang\"");
    std::ostringstream out;
    DotOptions options;
    options.units = Selector::within("296");
    options.tie_kinds = {TieKind::contains};
    write_dot(out, g, options);
    const std::string dot = out.str();
    CHECK(dot.rfind("digraph", 0) == 0);
    CHECK(dot.find("Bình \\\"Giang\\\"") != std::string::npos);
    CHECK(dot.find("Tân Bình") == std::string::npos);  // outside the selection
    CHECK(dot.find("label=\"contains\"") != std::string::npos);
    CHECK(dot.find("label=\"directs\"") == std::string::npos);
}

TEST_CASE("dot: a territory chart shows bodies as cells and counts what the selection leaves out") {
    OrgGraph g = test::tiny_province();
    g.rename_unit(g.index_of("296.pc"), "UBND <Bình Giang> & co");
    DotOptions options;
    options.units = Selector::within("30") & Selector::levels({Level::province, Level::district}) &
                    Selector::kinds({UnitKind::province, UnitKind::district});
    options.tie_kinds = {TieKind::contains};
    options.rank_direction = RankDirection::left_right;
    options.title = "Hải Dương: territory and bodies";
    options.body_cells = {{UnitKind::peoples_committee, "UBND"}, {UnitKind::police, "Công an"}};
    options.count_hidden_children = true;
    std::ostringstream out;
    write_dot(out, g, options);
    const std::string dot = out.str();
    CHECK(dot.find("rankdir=LR;") != std::string::npos);
    CHECK(dot.find("label=\"Hải Dương: territory and bodies\"") != std::string::npos);
    CHECK(dot.find("<B>Bình Giang</B><BR/><FONT POINT-SIZE='8'>2 communes</FONT>") != std::string::npos);
    CHECK(dot.find("<B>Hải Dương city</B><BR/><FONT POINT-SIZE='8'>1 communes</FONT>") != std::string::npos);
    CHECK(dot.find("TOOLTIP='UBND &lt;Bình Giang&gt; &amp; co'>UBND</TD>") != std::string::npos);
    CHECK(dot.find(">Công an</TD>") != std::string::npos);
    CHECK(dot.find("shape=plain") != std::string::npos);
    CHECK(dot.find("label=\"contains\"") == std::string::npos);  // chart edges carry no labels
    // The province's box counts no hidden district: both are drawn.
    CHECK(dot.find("<B>Hải Dương</B></TD>") != std::string::npos);
    ANTQ_CHECK_ERROR(parse_rank_direction("BT"), InvalidInput, "bad_option", "'BT'");
    CHECK(to_string(parse_rank_direction("TB")) == "TB");
}

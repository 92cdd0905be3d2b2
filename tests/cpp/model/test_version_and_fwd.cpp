#include <cstring>
#include <fstream>
#include <string>

#include <antq/fwd.hpp>
#include <antq/version.hpp>

#include "support.hpp"

using namespace antq;

namespace {
// Only a forward declaration is needed to name these types in an interface.
std::size_t count_units(const OrgGraph* graph);
std::size_t count_units(const OrgGraph* graph) { return graph->unit_count(); }
}  // namespace

TEST_CASE("version: the string agrees with the numbers and the file format") {
    const std::string expected = std::to_string(ANTQ_VERSION_MAJOR) + "." + std::to_string(ANTQ_VERSION_MINOR) + "." +
                                 std::to_string(ANTQ_VERSION_PATCH);
    CHECK(expected == version_string);
    CHECK(graph_format_version == 1);
}

TEST_CASE("version: written once, in the file VERSION, which the header is generated from") {
    std::ifstream in(std::string(ANTQ_TEST_DATA_DIR) + "/../VERSION");
    std::string written;
    REQUIRE(std::getline(in, written));
    CHECK(written == version_string);
}

TEST_CASE("fwd: forward declarations name the real types") {
    const OrgGraph g = test::tiny_province();
    CHECK(count_units(&g) == g.unit_count());
}

TEST_CASE("id_index: finds, erases and survives growth and tombstones") {
    std::vector<std::string> ids;
    auto id_of = [&](std::uint32_t i) -> std::string_view { return ids[i]; };
    detail::IdIndex index;
    for (std::uint32_t i = 0; i < 5000; ++i) {
        ids.push_back("unit-" + std::to_string(i));
        index.insert(ids.back(), i, id_of);
    }
    CHECK(index.size() == 5000);
    CHECK(index.find("unit-4321", id_of) == 4321u);
    CHECK_FALSE(index.find("unit-5000", id_of).has_value());
    for (std::uint32_t i = 0; i < 5000; i += 2) index.erase(ids[i], id_of);
    CHECK(index.size() == 2500);
    CHECK_FALSE(index.find("unit-4320", id_of).has_value());
    CHECK(index.find("unit-4321", id_of) == 4321u);
    // Re-adding over tombstones keeps every live id findable.
    for (std::uint32_t i = 0; i < 5000; i += 2) index.insert(ids[i], i, id_of);
    for (std::uint32_t i = 0; i < 5000; ++i) REQUIRE(index.find(ids[i], id_of) == i);
}

#include "support.hpp"

using namespace antq;

TEST_CASE("errors: message, tag and place") {
    const InvalidInput e("duplicate_id", "g.json:/units/3/id", "id '30' is already used");
    CHECK(std::string(e.what()) == "duplicate_id: g.json:/units/3/id: id '30' is already used");
    CHECK(e.tag() == "duplicate_id");
    CHECK(e.where() == "g.json:/units/3/id");
    CHECK(e.message() == "id '30' is already used");
    const Error& base = e;
    CHECK(dynamic_cast<const std::runtime_error*>(&base) != nullptr);
    CHECK(std::string(NotFound("unknown_unit", "", "no such unit").what()) == "unknown_unit: no such unit");
}

TEST_CASE("errors: rethrow_at keeps the type and prefixes the place") {
    try {
        try {
            throw HierarchyError("cycle", "'a' -> 'b'", "circular");
        } catch (...) {
            rethrow_at("file.json");
        }
    } catch (const HierarchyError& e) {
        CHECK(e.where() == "file.json: 'a' -> 'b'");
        CHECK(e.tag() == "cycle");
        return;
    }
    FAIL("expected a HierarchyError");
}

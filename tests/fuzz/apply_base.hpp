#pragma once

// The graph fuzz_apply applies change sets to, shared with the test that checks its seeds (tests/cpp/io).

#include <string>
#include <utility>

namespace antq::fuzz {

// Nation, province 30, districts 288 and 296 with two communes each, one village; every territory below the nation
// with its People's Committee, police and Front committee, chained by directs; the commune committees headed.
inline std::string apply_base_json() {
    std::string units, ties;
    auto unit = [&](const std::string& id, const std::string& kind, const std::string& name) {
        units += (units.empty() ? "" : ",") + std::string(R"({"id":")") + id + R"(","kind":")" + kind +
                 R"(","name":")" + name + R"("})";
    };
    auto tie = [&](const std::string& source, const std::string& target, const std::string& kind) {
        ties += (ties.empty() ? "" : ",") + std::string(R"({"source":")") + source + R"(","target":")" + target +
                R"(","kind":")" + kind + R"("})";
    };
    auto bodies = [&](const std::string& territory, const std::string& above) {
        for (const char* role : {"pc", "police", "front"}) {
            const std::string body = territory + "." + role;
            unit(body, role == std::string("pc") ? "peoples_committee" : role == std::string("police") ? "police" : "front_committee",
                 std::string(role) + " " + territory);
            tie(body, territory, "serves");
            if (!above.empty()) tie(above + "." + role, body, "directs");
        }
        tie(territory + ".pc", territory + ".police", "forwards");
    };
    unit("vn", "nation", "Việt Nam");
    unit("30", "province", "Hải Dương");
    tie("vn", "30", "contains");
    bodies("30", "");
    for (const auto& [district, communes] : {std::pair{std::string("288"), std::pair{"10507", "10510"}},
                                             std::pair{std::string("296"), std::pair{"10987", "10990"}}}) {
        unit(district, "district", "huyện " + district);
        tie("30", district, "contains");
        bodies(district, "30");
        for (const std::string commune : {communes.first, communes.second}) {
            unit(commune, "commune", "xã " + commune);
            tie(district, commune, "contains");
            bodies(commune, district);
            unit(commune + ".pc.head", "post", "Chủ tịch " + commune);
            tie(commune + ".pc.head", commune + ".pc", "heads");
        }
    }
    unit("10987-v01", "village", "thôn 1");
    tie("10987", "10987-v01", "contains");
    tie("10987.police", "10987.front", "coordinates");
    return R"({"format":"antq.orggraph","version":1,"name":"fuzz","structure":"three_tier","attributes":{"as_of":"2024-01-01"},"units":[)" +
           units + R"(],"ties":[)" + ties + "]}";
}

}  // namespace antq::fuzz

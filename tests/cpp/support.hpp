#pragma once

// Shared helpers for the C++ tests: small graphs built by hand, and error assertions on tag and place.

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include <doctest/doctest.h>

#include <antq/antq.hpp>

namespace antq::test {

/** Asserts that `expr` throws `Type` whose tag is `tag_` and whose message contains `fragment`. */
#define ANTQ_CHECK_ERROR(expr, Type, tag_, fragment)                                         \
    do {                                                                                     \
        bool antq_thrown_ = false;                                                           \
        try {                                                                                \
            (void)(expr);                                                                    \
        } catch (const Type& antq_error_) {                                                  \
            antq_thrown_ = true;                                                             \
            CHECK_MESSAGE(antq_error_.tag() == std::string(tag_), "tag was ", antq_error_.tag(), ": ", std::string(antq_error_.what())); \
            CHECK_MESSAGE(std::string(antq_error_.what()).find(fragment) != std::string::npos, \
                          "message was: ", std::string(antq_error_.what()));                           \
        }                                                                                    \
        CHECK_MESSAGE(antq_thrown_, "expected " #Type " from " #expr);                       \
    } while (false)

/** A fresh directory under the system's temporary one, removed with everything in it at scope exit. The name holds
 *  the process id and a counter, so tests running at once (ctest -j, several checkouts) never share one. */
struct TempDir {
    std::filesystem::path path;
    TempDir() {
        static std::atomic<unsigned> count{0};
        path = std::filesystem::temp_directory_path() /
               ("antq_test_" + std::to_string(::getpid()) + "_" + std::to_string(count++));
        std::filesystem::create_directories(path);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    std::filesystem::path operator/(const std::string& name) const { return path / name; }
};

inline Unit territory(std::string id, std::string name, UnitKind kind) {
    return Unit{std::move(id), std::move(name), kind, territory_level(kind), {}};
}

inline Unit body(std::string id, std::string name, UnitKind kind, Level level) {
    return Unit{std::move(id), std::move(name), kind, level, {}};
}

/**
 * A tiny province: province 30 with districts 296 and 288, communes 10945 and 10987 in 296, 10501 in 288;
 * People's Committees and police at each territory with dual subordination; a head post on the
 * provincial People's Committee.
 */
inline OrgGraph tiny_province() {
    OrgGraph g;
    g.set_name("tiny");
    g.add_unit(territory("30", "Hải Dương", UnitKind::province));
    g.add_unit(territory("296", "Bình Giang", UnitKind::district));
    g.add_unit(territory("288", "Hải Dương city", UnitKind::district));
    g.add_unit(territory("10945", "Kẻ Sặt", UnitKind::commune));
    g.add_unit(territory("10987", "Nhân Quyền", UnitKind::commune));
    g.add_unit(territory("10501", "Tân Bình", UnitKind::commune));
    g.add_tie("30", "296", TieKind::contains);
    g.add_tie("30", "288", TieKind::contains);
    g.add_tie("296", "10945", TieKind::contains);
    g.add_tie("296", "10987", TieKind::contains);
    g.add_tie("288", "10501", TieKind::contains);
    for (const char* t : {"30", "296", "288", "10945", "10987", "10501"}) {
        const Unit area = g.unit(std::string_view(t));  // a copy: add_unit may move the unit table
        g.add_unit(body(std::string(t) + ".pc", "UBND " + area.name, UnitKind::peoples_committee, area.level));
        g.add_unit(body(std::string(t) + ".police", "Công an " + area.name, UnitKind::police, area.level));
        g.add_tie(std::string(t) + ".pc", t, TieKind::serves);
        g.add_tie(std::string(t) + ".police", t, TieKind::serves);
        g.add_tie(std::string(t) + ".pc", std::string(t) + ".police", TieKind::directs);
    }
    for (auto [up, down] : {std::pair{"30", "296"}, {"30", "288"}, {"296", "10945"}, {"296", "10987"}, {"288", "10501"}}) {
        g.add_tie(std::string(up) + ".pc", std::string(down) + ".pc", TieKind::directs);
        g.add_tie(std::string(up) + ".police", std::string(down) + ".police", TieKind::directs);
    }
    g.add_unit(body("30.pc.head", "Chủ tịch UBND tỉnh", UnitKind::post, Level::province));
    g.add_tie("30.pc.head", "30.pc", TieKind::heads);
    return g;
}

/** An assignment of `role` to the units `units` picks, optionally towards `target`. */
inline Assignment assign(Role role, Selector units, std::optional<Selector> target = std::nullopt) {
    Assignment a;
    a.role = role;
    a.units = std::move(units);
    a.target = std::move(target);
    return a;
}

/** A task with a placeholder title. */
inline Task task(std::string clause, std::vector<Assignment> assignments) {
    Task t;
    t.clause = std::move(clause);
    t.title = "Task " + t.clause;
    t.assignments = std::move(assignments);
    return t;
}

/** A directive of the tiny province's People's Committee, its Chairman signing. */
inline Directive directive(std::vector<Task> tasks,
                           std::vector<Recipient> recipients = {{"UBND tỉnh", Selector::id("30.pc"), ""}}) {
    Directive d;
    d.id = "test";
    d.kind = "chỉ thị";
    d.year = 2024;
    d.title = "Test";
    d.issuer = "30.pc";
    d.signer = "30.pc.head";
    d.theme = "ANTT";
    d.recipients = std::move(recipients);
    d.tasks = std::move(tasks);
    return d;
}

/** The persistent ids of `us`, in order. */
inline std::vector<std::string> ids(const OrgGraph& g, const std::vector<UnitIndex>& us) {
    std::vector<std::string> out;
    for (auto u : us) out.push_back(g.unit(u).id);
    return out;
}

}  // namespace antq::test

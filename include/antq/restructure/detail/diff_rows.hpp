#pragma once

/**
 * @file
 * diff() as rows of indices into the two graphs, not of strings: what the Python tables are built from (each unit's
 * id and name is then the graph's kept Python string), and what diff() turns into UnitChange rows.
 */

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/restructure/diff.hpp>

namespace antq::detail {

/** UnitChange::change, as a number. */
enum class DiffChange : std::uint8_t { created, abolished, merged, split, renamed, retyped, moved };

/** The texts of DiffChange, in its order. */
inline constexpr std::array<std::string_view, 7> diff_change_names{"created", "abolished", "merged", "split",
                                                                   "renamed", "retyped",   "moved"};

/** UnitChange::change's text of `change`. */
constexpr std::string_view to_string(DiffChange change) noexcept {
    return diff_change_names[static_cast<std::size_t>(change)];
}

/** Where the text of a row's before or after lives: 8 bytes, so that a national diff's rows stay small. */
struct DiffText {
    enum class Source : std::uint8_t {
        empty,       ///< ""
        name,        ///< the name of unit `index` of the graph `side`
        id,          ///< the id of unit `index` of the graph `side`
        text,        ///< DiffRows::texts[`index`], a string of the graph `side` (a unit's type)
        successors,  ///< DiffRows::successors[`index`]
    };
    enum class Side : std::uint8_t { before, after };

    Source source = Source::empty;
    Side side = Side::before;
    std::uint32_t index = 0;
};

/** One row of diff(): UnitChange with its unit, and its before and after texts, as indices (24 bytes). */
struct DiffRow {
    DiffChange change = DiffChange::created;
    DiffText::Side side = DiffText::Side::before;  ///< the graph `unit` belongs to
    UnitKind kind = UnitKind::commune;
    Level level = Level::commune;
    UnitIndex unit{};  ///< its id is the row's id
    DiffText before, after;
};
static_assert(sizeof(DiffRow) == 24);

/** diff()'s rows; the texts they point to belong to the two graphs, which must outlive them unchanged. */
struct DiffRows {
    std::vector<DiffRow> rows;
    /** The types of the retyped rows (views into the graphs' attributes). */
    std::vector<std::string_view> texts;
    /** The successors' ids, comma-separated, of the merged and split rows. */
    std::vector<std::string> successors;
};

/**
 * diff(before, after, options), as rows of indices: the same rows in the same order.
 * Complexity: O(V + E) of both graphs, plus the id map's rows.
 */
DiffRows diff_rows(const OrgGraph& before, const OrgGraph& after, const DiffOptions& options = {});

/** The text `text` stands for. */
inline std::string_view text_of(const DiffRows& rows, const OrgGraph& before, const OrgGraph& after, const DiffText& text) {
    const OrgGraph& graph = text.side == DiffText::Side::before ? before : after;
    switch (text.source) {
        case DiffText::Source::empty: return {};
        case DiffText::Source::name: return graph.unit(UnitIndex{text.index}).name;
        case DiffText::Source::id: return graph.unit(UnitIndex{text.index}).id;
        case DiffText::Source::text: return rows.texts[text.index];
        case DiffText::Source::successors: return rows.successors[text.index];
    }
    return {};
}

}  // namespace antq::detail

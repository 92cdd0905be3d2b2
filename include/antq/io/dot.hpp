#pragma once

/**
 * @file
 * Graphviz DOT export, written by Boost.Graph's write_graphviz: whole graphs, or territory charts.
 */

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>

namespace antq {

/** Which way ranks run. */
enum class RankDirection { top_down, left_right };

/** "TB" (top_down) or "LR" (left_right), Graphviz's names. */
std::string_view to_string(RankDirection direction) noexcept;
/** Parses "TB" or "LR". @throws InvalidInput "bad_option" */
RankDirection parse_rank_direction(std::string_view name);

/** A body shown as a cell inside the box of the territory it serves (a territory chart). */
struct BodyCell {
    UnitKind kind = UnitKind::peoples_committee;
    std::string label;  ///< e.g. "UBND"; the body's name becomes the cell's tooltip
};

/** What to draw, and how. */
struct DotOptions {
    /** Only units this selector picks (ties between two picked units are drawn); all units if empty. */
    std::optional<Selector> units;
    /** Draw ties of these kinds only; every kind if empty. */
    std::vector<TieKind> tie_kinds;
    RankDirection rank_direction = RankDirection::top_down;
    /** The chart's title; the graph's name if empty. */
    std::optional<std::string> title;
    /**
     * A territory chart: each territory drawn as a box naming it, with one cell per body of `body_cells` serving
     * it, and, with `count_hidden_children`, how many contained territories the selection leaves out
     * ("16 communes"). Edges carry no labels then. Ordinary drawings leave both empty.
     */
    std::vector<BodyCell> body_cells;
    bool count_hidden_children = false;
};

/**
 * Writes the graph in Graphviz DOT: territories as boxes, bodies as rounded boxes, posts as ellipses, one colour per
 * level, tie kind as the edge label and style; or a territory chart (DotOptions::body_cells, count_hidden_children).
 * @throws as Selector::select for `options.units`
 */
void write_dot(std::ostream& out, const OrgGraph& graph, const DotOptions& options = {});

/** As above, to a file. @throws IoError "cannot_write" */
void save_dot(const OrgGraph& graph, const std::filesystem::path& path, const DotOptions& options = {});

}  // namespace antq

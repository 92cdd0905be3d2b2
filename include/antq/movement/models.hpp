#pragma once

/**
 * @file
 * Self-managed security models ("mô hình tự quản, tự phòng ngừa, tự bảo vệ ANTT", Hướng dẫn
 * 22/HD-BCA-V05 of 18/11/2022): a registry of models with their points ("điểm": the areas an original
 * model has been replicated to), their teams ("tổ") and a dated history; replication (nhân rộng),
 * status review and elimination (thanh loại) as in clause 3 of the 2024 directive; the figures a province
 * reports. Read and written as JSON (format "antq.models") by antq/io/models_json.hpp. Guide: docs/models.md.
 */

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <antq/graph/org_graph.hpp>
#include <antq/graph/selector.hpp>

namespace antq {

/** Where a model stands after review. */
enum class ModelStatus : std::uint8_t {
    effective,  ///< works; a candidate for replication
    formal,     ///< exists on paper only ("hình thức", ineffective); to be eliminated
    dissolved,  ///< eliminated (thanh loại): kept with its history, no longer counted
};

/** Every status, in report order. */
inline constexpr std::array<ModelStatus, 3> all_model_statuses{ModelStatus::effective, ModelStatus::formal,
                                                               ModelStatus::dissolved};

/** "effective", "formal" or "dissolved". */
constexpr std::string_view to_string(ModelStatus status) noexcept {
    constexpr std::array<std::string_view, 3> names{"effective", "formal", "dissolved"};
    return names[static_cast<std::size_t>(status)];
}

/** Parses a status name; std::nullopt if it is not one. */
constexpr std::optional<ModelStatus> parse_model_status(std::string_view name) noexcept {
    for (ModelStatus s : all_model_statuses)
        if (to_string(s) == name) return s;
    return std::nullopt;
}

/** Every action a history records, in the order a model's life goes. */
inline constexpr std::array<std::string_view, 5> model_actions{"created", "replicated", "status_changed", "eliminated",
                                                                "teams_changed"};

/**
 * One dated entry of a model's history. `action` is one of:
 * - "created": detail "<status>; <n> teams", units = the points it started with;
 * - "replicated": detail = the note, units = the new points;
 * - "status_changed": detail "<from> -> <to>" followed by ": <reason>" when a reason was given;
 * - "eliminated": detail = the reason;
 * - "teams_changed": detail "<old> -> <new>".
 */
struct ModelEvent {
    std::string date;  ///< "YYYY-MM-DD"
    std::string action;
    std::string detail;
    std::vector<std::string> units;
    friend bool operator==(const ModelEvent&, const ModelEvent&) = default;
};

/** A self-managed security model. */
struct Model {
    std::string id;    ///< unique within a registry
    std::string name;  ///< e.g. "Xóm liên gia tự quản về ANTT" (NFC)
    std::string type;  ///< free classification, e.g. "liên gia", "camera", "dòng họ" (NFC)
    /** Unit id of the unit where it was first built: a territory, or a body / post (its area then counts). */
    std::string origin;
    ModelStatus status = ModelStatus::effective;
    /** Territory ids of the areas it is applied in, each once, in order of replication; the origin's area first. */
    std::vector<std::string> points;
    /** Number of teams ("tổ") implementing it, >= 0. */
    int teams = 0;
    /** Every change, oldest first; dates never go backwards. Kept by the registry. */
    std::vector<ModelEvent> history;
    friend bool operator==(const Model&, const Model&) = default;
};

/** Models, points and teams of one group. */
struct ModelTally {
    std::size_t models = 0;
    std::size_t points = 0;
    std::int64_t teams = 0;
    friend bool operator==(const ModelTally&, const ModelTally&) = default;
};

/**
 * The figures a province reports under HD 22: model names, total points ("điểm"), total teams ("tổ").
 *
 * `models`, `points`, `teams`, `names` and `by_type` cover the models in force (effective or formal);
 * `by_status` covers every status, dissolved included, so eliminated models stay visible.
 *
 * Within a territory (ModelRegistry::counts_within) a model counts when one of its points lies inside, and
 * `points` are the points inside. Teams are held per model, not per point, so a model's teams count only when
 * all of its points lie inside; the models reaching beyond the territory are tallied in `spanning_models` and
 * their teams in `spanning_teams` (both 0 for the whole registry).
 */
struct ModelCounts {
    std::size_t models = 0;
    std::size_t points = 0;
    std::int64_t teams = 0;
    /** Names of the counted models in force, in registry order. */
    std::vector<std::string> names;
    /** Indexed by ModelStatus. */
    std::array<ModelTally, 3> by_status{};
    /** Models in force by type. */
    std::map<std::string, ModelTally> by_type;
    std::size_t spanning_models = 0;
    std::int64_t spanning_teams = 0;

    const ModelTally& status(ModelStatus s) const noexcept { return by_status[static_cast<std::size_t>(s)]; }
    friend bool operator==(const ModelCounts&, const ModelCounts&) = default;
};

/**
 * A province's models (or a district's) and their history.
 *
 * The registry does not hold a graph: operations that read unit ids take the graph as an argument, so a
 * registry can be checked against another edition of the graph (check()). Every successful operation appends
 * one event to the model's history, except replicate() when every area picked is a point already (nothing
 * changes, nothing is recorded). Dates are "YYYY-MM-DD" and never earlier than the model's last event.
 * A failed operation changes nothing.
 *
 * Errors name the model: where() is "model '<id>'". Tags: NotFound "unknown_model", "unknown_unit";
 * InvalidInput "empty_value", "invalid_utf8", "duplicate_model", "duplicate_point", "not_a_territory",
 * "no_area", "bad_teams", "bad_history", "bad_status_change", "model_dissolved", "bad_date", "unmatched_selector".
 */
class ModelRegistry {
public:
    ModelRegistry() = default;

    /**
     * A registry as a file holds it, histories included. Each history must tell how its model came to be what it
     * is: it starts with one "created" event, dates never go backwards, nothing follows "eliminated", the points
     * are the units of the "created" then "replicated" events in order, and the model is dissolved exactly when
     * its last event is "eliminated". Unit ids are not checked here: call check() with the graph.
     * @throws InvalidInput "duplicate_model", "bad_history", "bad_date"; where() is a JSON pointer such as
     *         "/models/2/history/1/action"
     */
    static ModelRegistry restore(std::string name, std::vector<Model> models);

    /** A free title for the registry, e.g. "Mô hình tự quản về ANTT tỉnh Hải Dương 2024". */
    const std::string& name() const noexcept { return m_name; }
    void set_name(std::string name);

    /** The models, in the order they were added. */
    const std::vector<Model>& models() const noexcept { return m_models; }
    std::size_t size() const noexcept { return m_models.size(); }
    bool contains(std::string_view id) const noexcept { return find(id) != nullptr; }
    /** The model `id`, or nullptr. */
    const Model* find(std::string_view id) const noexcept;
    /** The model `id`. @throws NotFound "unknown_model" */
    const Model& get(std::string_view id) const;

    /**
     * Adds a model built at `model.origin`, recording a "created" event on `date`.
     *
     * `model.points` may list the areas it already runs in (territory ids); the origin's area is put first
     * when missing, so an empty list gives one point. `model.history` must be empty: the registry keeps it.
     * Name and type are stored in NFC.
     * @throws InvalidInput "empty_value" (id, name or type), "invalid_utf8", "duplicate_model", "bad_status_change"
     *         (a new model cannot be dissolved), "bad_teams" (negative), "bad_history", "bad_date",
     *         "not_a_territory", "duplicate_point", "no_area" (origin tied to no territory);
     *         NotFound "unknown_unit" (origin or a point)
     */
    const Model& add(Model model, const OrgGraph& graph, std::string_view date);

    /**
     * Replicates a model (nhân rộng) to the areas `selector` picks on `graph`: a territory picked is an area, a
     * body or post picked stands for the territory it serves. Records a "replicated" event with the new points.
     * @returns the new points (areas that were not points yet), in unit index order; empty if there is none
     * @throws NotFound "unknown_model"; InvalidInput "unmatched_selector" (the selector picks no unit),
     *         "model_dissolved", "bad_date", "no_area"; the selector's own errors
     */
    std::vector<std::string> replicate(std::string_view id, const Selector& selector, const OrgGraph& graph,
                                       std::string_view date, std::string_view note = {});

    /**
     * Changes the status between effective and formal (after a review), recording "status_changed".
     * @throws NotFound "unknown_model"; InvalidInput "bad_status_change" (same status, a dissolved model, or
     *         `dissolved` asked for: use eliminate()), "bad_date"
     */
    void set_status(std::string_view id, ModelStatus status, std::string_view date, std::string_view reason = {});

    /**
     * Eliminates (thanh loại) a model that is only formal: its status becomes dissolved, it stays in the
     * registry with its points, teams and history, and no longer counts. Records "eliminated".
     * @throws NotFound "unknown_model"; InvalidInput "bad_status_change" (the model is not formal), "bad_date"
     */
    void eliminate(std::string_view id, std::string_view date, std::string_view reason = {});

    /**
     * Sets the number of teams implementing a model, recording "teams_changed".
     * @throws NotFound "unknown_model"; InvalidInput "bad_teams" (negative), "model_dissolved", "bad_date"
     */
    void set_teams(std::string_view id, int teams, std::string_view date);

    /** The province's figures: see ModelCounts. Complexity: O(models + points). */
    ModelCounts counts() const;

    /**
     * The figures restricted to the points inside territory `territory_id` (itself and what it contains).
     * @throws NotFound "unknown_unit" (the territory, or a point missing from `graph`); InvalidInput "not_a_territory"
     * Complexity: O(V + E + points).
     */
    ModelCounts counts_within(const OrgGraph& graph, std::string_view territory_id) const;

    /**
     * Checks every unit id against `graph`: each origin exists and is tied to a territory that is among the
     * model's points; each point is a territory. The JSON loaders call it; call it again after editing the graph.
     * @throws NotFound "unknown_unit"; InvalidInput "not_a_territory", "no_area", "origin_not_a_point"; where() is
     *         a JSON pointer such as "/models/2/points/1"
     */
    void check(const OrgGraph& graph) const;

    friend bool operator==(const ModelRegistry& a, const ModelRegistry& b) {
        return a.m_name == b.m_name && a.m_models == b.m_models;
    }

private:
    Model& mutable_model(std::string_view id);

    std::string m_name;
    std::vector<Model> m_models;
    std::unordered_map<std::string, std::size_t> m_index;
};

}  // namespace antq

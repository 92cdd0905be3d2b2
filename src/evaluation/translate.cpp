#include <algorithm>
#include <exception>
#include <set>
#include <string>

#include <antq/errors.hpp>
#include <antq/evaluation/translate.hpp>

namespace antq {

namespace {

// The levels a selector names, through level() or a territory kind.
void named_levels(const Selector& selector, std::vector<Level>& out) {
    const Selector::Node& n = selector.node();
    if (n.op == Selector::Op::level) out.insert(out.end(), n.levels.begin(), n.levels.end());
    if (n.op == Selector::Op::kind)
        for (UnitKind k : n.kinds)
            if (is_territory(k)) out.push_back(territory_level(k));
    for (const Selector& s : n.operands) named_levels(s, out);
}

constexpr const char* unknown_id = "names an id the graph lacks";

// Whether `selector` names unit ids (id, within): only then can selecting fail for an unknown id.
bool names_ids(const Selector& selector) {
    const Selector::Node& n = selector.node();
    if (n.op == Selector::Op::id || n.op == Selector::Op::within) return true;
    return std::any_of(n.operands.begin(), n.operands.end(), names_ids);
}

// Why `selector` cannot match on `graph` (it picks nothing, and names a level the structure lacks or an unknown id),
// or an empty string. A selector naming no id and no missing level cannot miss, so it is not run: the run
// selects it once, not twice.
std::string miss(const Selector& selector, const OrgGraph& graph) {
    std::vector<Level> levels;
    named_levels(selector, levels);
    std::erase_if(levels, [&](Level l) { return graph.structure().has_level(l); });
    if (levels.empty() && !names_ids(selector)) return "";
    try {
        if (!selector.select(graph).empty()) return "";
    } catch (const NotFound&) {
        return unknown_id;
    }
    if (!levels.empty())
        return "needs the level " + std::string(to_string(levels.front())) + ", which the structure " +
               graph.structure().id() + " does not have";
    return "";
}

std::string subject_place(const EvaluationRules& rules, const Subject& s, const std::string& part) {
    return "rules '" + rules.id + "' subject '" + s.id + "' " + part;
}

// Drops from every subject's title the share criteria naming a subject of `gone`, listing each in `dropped`.
void drop_shares(EvaluationRules& rules, const std::set<std::string>& gone, std::vector<std::string>* dropped) {
    for (Subject& s : rules.subjects) {
        if (!s.title) continue;
        auto& criteria = s.title->criteria;
        std::erase_if(criteria, [&](const TitleCriterion& c) {
            const bool named = c.share && gone.count(c.share->subject);
            if (named && dropped)
                dropped->push_back(subject_place(rules, s, "title criterion '" + c.id + "'") + ": a share of subject '" +
                                   c.share->subject + "', left out");
            return named;
        });
    }
}

// `selector` without the levels in `absent`, in its level() and territory kind() lists; a list left empty is kept
// as it was (the subject is then left out whole).
Selector without_levels(const Selector& selector, const AdministrativeStructure& structure) {
    const Selector::Node& n = selector.node();
    auto operands = [&] {
        std::vector<Selector> out;
        for (const Selector& s : n.operands) out.push_back(without_levels(s, structure));
        return out;
    };
    switch (n.op) {
        case Selector::Op::level: {
            std::vector<Level> kept;
            std::copy_if(n.levels.begin(), n.levels.end(), std::back_inserter(kept), [&](Level l) { return structure.has_level(l); });
            return kept.empty() || kept.size() == n.levels.size() ? selector : Selector::levels(std::move(kept));
        }
        case Selector::Op::kind: {
            std::vector<UnitKind> kept;
            std::copy_if(n.kinds.begin(), n.kinds.end(), std::back_inserter(kept),
                         [&](UnitKind k) { return !is_territory(k) || structure.has_level(territory_level(k)); });
            return kept.empty() || kept.size() == n.kinds.size() ? selector : Selector::kinds(std::move(kept));
        }
        case Selector::Op::all_of: return Selector::all_of(operands());
        case Selector::Op::any_of: return Selector::any_of(operands());
        case Selector::Op::negation: return Selector::negation(operands().front());
        default: return selector;
    }
}

}  // namespace

void check_subjects(const EvaluationRules& rules, const OrgGraph& graph) {
    std::string first, list;
    std::size_t count = 0;
    bool only_unknown = true;
    std::exception_ptr first_unknown;  // as compile(): an unknown id alone keeps its NotFound
    auto check = [&](const Selector& selector, const std::string& where) {
        const std::string why = miss(selector, graph);
        if (why.empty()) return;
        if (why == unknown_id) {
            if (!first_unknown) {
                try {
                    (void)selector.select(graph);
                } catch (const NotFound&) {
                    try {
                        rethrow_at(where);
                    } catch (...) {
                        first_unknown = std::current_exception();
                    }
                }
            }
        } else {
            only_unknown = false;
        }
        if (first.empty()) first = where;
        list += (list.empty() ? "" : "; ") + where + ": " + selector.to_string() + " (" + why + ")";
        ++count;
    };
    for (const Subject& s : rules.subjects) {
        check(s.units, subject_place(rules, s, "units"));
        for (std::size_t e = 0; e < s.exclusions.size(); ++e)
            check(s.exclusions[e].units, subject_place(rules, s, "exclusions/" + std::to_string(e)));
    }
    if (!count) return;
    if (only_unknown && first_unknown) std::rethrow_exception(first_unknown);
    throw InvalidInput("unmatched_selector", first,
                       std::to_string(count) + (count == 1 ? " selector matches" : " selectors match") + " no unit: " +
                           list + "; translate the rules (levels, ids, drop_unmatched) or fit them to the graph's "
                           "structure");
}

TranslatedRules translate(const EvaluationRules& rules, const OrgGraph& graph, const SelectorTranslation& translation) {
    const OrgGraph::ReadGuard reading(graph);
    TranslatedRules out{rules, {}};
    for (Subject& s : out.rules.subjects) {
        s.units = translate(s.units, translation);
        for (Exclusion& e : s.exclusions) e.units = translate(e.units, translation);
    }
    if (!translation.drop_unmatched) return out;
    std::set<std::string> gone;
    std::erase_if(out.rules.subjects, [&](Subject& s) {
        if (const std::string why = miss(s.units, graph); !why.empty()) {
            out.dropped.push_back(subject_place(rules, s, "units") + ": " + s.units.to_string() + " (" + why + ")");
            gone.insert(s.id);
            return true;
        }
        for (std::size_t e = 0; e < s.exclusions.size(); ++e)
            if (const std::string why = miss(s.exclusions[e].units, graph); !why.empty())
                out.dropped.push_back(subject_place(rules, s, "exclusions/" + std::to_string(e)) + " '" +
                                      s.exclusions[e].reason + "': " + s.exclusions[e].units.to_string() + " (" + why + ")");
        std::erase_if(s.exclusions, [&](const Exclusion& e) { return !miss(e.units, graph).empty(); });
        return false;
    });
    drop_shares(out.rules, gone, &out.dropped);
    return out;
}

Evaluation evaluate(const OrgGraph& graph, const Assessments& assessments, const EvaluationRules& rules,
                    const SelectorTranslation& translation) {
    TranslatedRules translated = translate(rules, graph, translation);
    Evaluation out = evaluate(graph, assessments, std::move(translated.rules));
    out.m_dropped = std::move(translated.dropped);
    return out;
}

EvaluationRules for_structure(const EvaluationRules& rules, const AdministrativeStructure& structure) {
    EvaluationRules out = rules;
    std::set<std::string> gone;
    std::erase_if(out.subjects, [&](const Subject& s) {
        std::vector<Level> levels;
        named_levels(s.units, levels);
        const bool only_absent = !levels.empty() && std::none_of(levels.begin(), levels.end(),
                                                                 [&](Level l) { return structure.has_level(l); });
        if (only_absent) gone.insert(s.id);
        return only_absent;
    });
    for (Subject& s : out.subjects) {
        s.units = without_levels(s.units, structure);
        for (Exclusion& e : s.exclusions) e.units = without_levels(e.units, structure);
    }
    drop_shares(out, gone, nullptr);
    return out;
}

}  // namespace antq

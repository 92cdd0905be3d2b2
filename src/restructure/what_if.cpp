#include <string>

#include <antq/errors.hpp>
#include <antq/restructure/what_if.hpp>

namespace antq {

namespace {

std::string date_of(const OrgGraph& graph, const std::string& date) {
    if (!date.empty()) return date;
    if (const Value* as_of = graph.attributes().find("as_of"); as_of && as_of->type() == Value::Type::string)
        return as_of->as_string();
    throw InvalidInput("missing_field", "date", "the graph has no 'as_of' date: give the date of the change");
}

}  // namespace

Applied remove_level(const OrgGraph& graph, Level level, const std::string& date) {
    const AdministrativeStructure& after = graph.structure().without(level);
    ChangeSet set;
    set.name = "remove_level_" + std::string(to_string(level));
    set.date = date_of(graph, date);
    set.structure = after.id();
    Operation op;
    op.kind = OperationKind::remove_level;
    op.level = level;
    set.operations.push_back(std::move(op));
    return apply(graph, set);
}

Applied merge(const OrgGraph& graph, const std::vector<std::string>& units, const std::string& into,
              const std::string& name, const std::string& date) {
    ChangeSet set;
    set.name = "merge";
    set.date = date_of(graph, date);
    Operation op;
    op.kind = OperationKind::merge;
    op.into = into;
    op.name = name;
    for (const std::string& id : units) op.sources.push_back(Share{id, std::nullopt});
    set.operations.push_back(std::move(op));
    return apply(graph, set);
}

}  // namespace antq

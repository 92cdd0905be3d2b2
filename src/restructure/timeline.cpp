#include <algorithm>
#include <string>

#include <antq/errors.hpp>
#include <antq/restructure/timeline.hpp>

#include "model/detail/dates.hpp"

namespace antq {

namespace {

std::int64_t day_of(std::string_view date, const std::string& where) {
    const auto day = detail::iso_days(date);
    if (!day) throw InvalidInput("bad_date", where, "expected an ISO date YYYY-MM-DD, not '" + std::string(date) + "'");
    return *day;
}

}  // namespace

Timeline::Timeline(OrgGraph base, std::vector<ChangeSet> change_sets) : m_base(std::move(base)), m_sets(std::move(change_sets)) {
    if (const Value* as_of = m_base.attributes().find("as_of"); as_of && as_of->type() == Value::Type::string)
        m_base_date = as_of->as_string();
    for (std::size_t i = 0; i < m_sets.size(); ++i) {
        const ChangeSet& set = m_sets[i];
        const std::string where = (set.source.empty() ? "change set " + std::to_string(i) : set.source) + ":/date";
        const std::int64_t day = day_of(set.date, where);
        if (!m_base_date.empty() && detail::iso_days(m_base_date) && day < *detail::iso_days(m_base_date))
            throw InvalidInput("date_out_of_order", where,
                               "change set '" + set.name + "' (" + set.date + ") is dated before the base graph (" +
                                   m_base_date + ")");
    }
    std::stable_sort(m_sets.begin(), m_sets.end(),
                     [](const ChangeSet& a, const ChangeSet& b) { return *detail::iso_days(a.date) < *detail::iso_days(b.date); });
    m_applied.resize(m_sets.size());
}

OrgGraph Timeline::at(std::string_view date) {
    const std::int64_t day = day_of(date, "date");
    if (!m_base_date.empty() && detail::iso_days(m_base_date) && day < *detail::iso_days(m_base_date))
        throw InvalidInput("date_out_of_order", "date",
                           std::string(date) + " is before the base graph's date (" + m_base_date + ")");
    std::size_t count = 0;
    while (count < m_sets.size() && *detail::iso_days(m_sets[count].date) <= day) ++count;
    if (count == 0) return m_base;
    for (std::size_t i = 0; i < count; ++i)
        if (!m_applied[i]) m_applied[i] = apply(i == 0 ? m_base : *m_applied[i - 1], m_sets[i]).graph;
    return *m_applied[count - 1];
}

}  // namespace antq

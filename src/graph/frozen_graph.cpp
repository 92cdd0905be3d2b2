#include <algorithm>
#include <limits>
#include <string>

#include <antq/errors.hpp>
#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

#include "graph/detail/stored_id.hpp"

namespace antq {

using detail::is_ascii;
using detail::stored_form;

namespace {

template <class T>
std::size_t bytes(const std::vector<T>& v) noexcept {
    return v.capacity() * sizeof(T);
}

}  // namespace

FrozenGraph::FrozenGraph(const OrgGraph& graph) : m_stamp(GraphStamp::of_view(graph)) {
    const std::size_t n = graph.unit_capacity();
    m_kinds.assign(graph.kinds().begin(), graph.kinds().end());
    m_levels.assign(graph.levels().begin(), graph.levels().end());
    m_alive.assign(n, false);
    m_synthetic.assign(n, false);
    m_unit_count = graph.unit_count();
    m_tie_count = graph.tie_count();

    // The ids, packed: one buffer and one offset per unit.
    std::size_t text = 0;
    for (std::uint32_t i = 0; i < n; ++i)
        if (graph.is_alive(UnitIndex{i})) text += graph.unit(UnitIndex{i}).id.size();
    if (text >= std::numeric_limits<std::uint32_t>::max())
        throw InvalidInput("too_large", "graph", "the ids of a frozen graph must fit in 4 GiB");
    m_id_text.reserve(text);
    m_id_start.resize(n + 1);
    for (std::uint32_t i = 0; i < n; ++i) {
        m_id_start[i] = static_cast<std::uint32_t>(m_id_text.size());
        if (!graph.is_alive(UnitIndex{i})) continue;
        m_alive[i] = true;
        const Unit& unit = graph.unit(UnitIndex{i});
        m_id_text += unit.id;
        m_synthetic[i] = unit.is_synthetic();
    }
    m_id_start[n] = static_cast<std::uint32_t>(m_id_text.size());
    m_index.reserve(m_unit_count, id_of());
    for (std::uint32_t i = 0; i < n; ++i)
        if (m_alive[i]) m_index.insert(id_of()(i), i, id_of());

    // Compressed rows by counting: count each row, add up, place each tie at its row's next free slot. The ties are
    // read in index order, so every row comes out in tie order.
    std::array<std::size_t, tie_kind_count> per_kind{};
    for (std::uint32_t t = 0; t < graph.tie_capacity(); ++t)
        if (graph.is_alive(TieIndex{t})) ++per_kind[index(graph.tie(TieIndex{t}).kind)];
    for (std::size_t k = 0; k < tie_kind_count; ++k) {
        if (per_kind[k] == 0) continue;
        for (ByKind* side : {&m_out, &m_in}) {
            Rows& r = (*side)[k];
            r.offsets.assign(n + 1, 0);
            r.units.resize(per_kind[k]);
            r.ties.resize(per_kind[k]);
        }
    }
    for (std::uint32_t t = 0; t < graph.tie_capacity(); ++t) {
        if (!graph.is_alive(TieIndex{t})) continue;
        const Tie& tie = graph.tie(TieIndex{t});
        ++m_out[index(tie.kind)].offsets[tie.source.value + 1];
        ++m_in[index(tie.kind)].offsets[tie.target.value + 1];
    }
    for (ByKind* side : {&m_out, &m_in})
        for (Rows& r : *side)
            for (std::size_t u = 1; u < r.offsets.size(); ++u) r.offsets[u] += r.offsets[u - 1];
    // offsets[u] serves as row u's cursor while placing; afterwards it holds row u's end, so shift back by one.
    for (std::uint32_t t = 0; t < graph.tie_capacity(); ++t) {
        if (!graph.is_alive(TieIndex{t})) continue;
        const Tie& tie = graph.tie(TieIndex{t});
        Rows& out = m_out[index(tie.kind)];
        const std::uint32_t o = out.offsets[tie.source.value]++;
        out.units[o] = tie.target;
        out.ties[o] = TieIndex{t};
        Rows& in = m_in[index(tie.kind)];
        const std::uint32_t i = in.offsets[tie.target.value]++;
        in.units[i] = tie.source;
        in.ties[i] = TieIndex{t};
    }
    for (ByKind* side : {&m_out, &m_in})
        for (Rows& r : *side)
            if (!r.offsets.empty()) {
                for (std::size_t u = r.offsets.size() - 1; u > 0; --u) r.offsets[u] = r.offsets[u - 1];
                r.offsets[0] = 0;
            }
}

std::size_t FrozenGraph::memory_bytes() const noexcept {
    std::size_t total = sizeof(*this) + bytes(m_kinds) + bytes(m_levels) + m_alive.capacity() / 8 +
                        m_synthetic.capacity() / 8 + m_id_text.capacity() + bytes(m_id_start) + m_index.memory_bytes();
    for (const ByKind* side : {&m_out, &m_in})
        for (const Rows& r : *side) total += bytes(r.offsets) + bytes(r.units) + bytes(r.ties);
    return total;
}

std::shared_ptr<const void> FrozenGraph::derived_value(std::string_view key, const std::type_info& type,
                                                       const std::function<std::shared_ptr<const void>()>& make) const {
    const std::lock_guard<std::mutex> hold(m_derived->lock);
    auto& values = m_derived->values;
    const auto found = std::find_if(values.begin(), values.end(), [key](const Derived::Value& v) { return v.key == key; });
    if (found != values.end()) {
        if (found->type != std::type_index(type))
            throw InvalidInput("wrong_type", "derived value '" + std::string(key) + "'",
                               "the key holds a value of another type than the one asked for");
        std::rotate(found, found + 1, values.end());  // now the most recently used
        return values.back().value;
    }
    std::shared_ptr<const void> value = make();
    if (values.size() == derived_limit) values.erase(values.begin());
    values.push_back(Derived::Value{std::string(key), std::type_index(type), value});
    return value;
}

void FrozenGraph::check_unit(UnitIndex u) const {
    if (!is_alive(u)) throw NotFound("unknown_unit", "index " + std::to_string(u.value), "no unit has this index");
}

std::string_view FrozenGraph::id(UnitIndex u) const {
    check_unit(u);
    return id_of()(u.value);
}

std::optional<UnitIndex> FrozenGraph::find(std::string_view id) const noexcept {
    std::optional<std::string> nfc;
    if (!is_ascii(id)) {
        nfc = stored_form(id);
        if (!nfc) return std::nullopt;
        id = *nfc;
    }
    const auto found = m_index.find(id, id_of());
    if (!found) return std::nullopt;
    return UnitIndex{*found};
}

std::vector<std::optional<UnitIndex>> FrozenGraph::find(std::span<const std::string_view> ids) const {
    std::vector<std::optional<std::uint32_t>> found(ids.size());
    m_index.find_many(ids, found.data(), id_of(), [this](std::uint32_t i) { __builtin_prefetch(&m_id_start[i]); });
    std::vector<std::optional<UnitIndex>> out(ids.size());
    for (std::size_t i = 0; i < ids.size(); ++i)
        if (found[i]) out[i] = UnitIndex{*found[i]};
        else if (!is_ascii(ids[i])) out[i] = find(ids[i]);  // another Unicode form of a stored id, perhaps
    return out;
}

UnitIndex FrozenGraph::index_of(std::string_view id) const {
    if (auto u = find(id)) return *u;
    throw NotFound("unknown_unit", "'" + std::string(id) + "'", "no unit has this id");
}

std::optional<UnitIndex> FrozenGraph::parent(UnitIndex u, TieKind kind) const {
    check_unit(u);
    const auto found = parents(u, kind);
    if (found.empty()) return std::nullopt;
    if (found.size() > 1)
        throw HierarchyError("several_parents", "'" + std::string(id(u)) + "'",
                             "the unit has more than one " + std::string(to_string(kind)) + " parent; use parents()");
    return found.front();
}

std::optional<UnitIndex> FrozenGraph::area(UnitIndex u) const {
    check_unit(u);
    const UnitKind kind = m_kinds[u.value];
    if (is_territory(kind)) return u;
    if (is_body(kind)) {
        const auto served = children(u, TieKind::serves);
        return served.empty() ? std::nullopt : std::optional<UnitIndex>(served.front());
    }
    for (UnitIndex body : children(u, TieKind::heads)) {
        const auto served = children(body, TieKind::serves);
        if (!served.empty()) return served.front();
    }
    return std::nullopt;
}

std::vector<std::uint8_t> FrozenGraph::territory_mask(UnitIndex root) const {
    std::vector<std::uint8_t> in(unit_capacity(), 0);
    for (UnitIndex u : within(root)) in[u.value] = 1;
    return in;
}

std::vector<UnitIndex> FrozenGraph::within(UnitIndex root) const {
    check_unit(root);
    if (!is_territory(m_kinds[root.value]))
        throw InvalidInput("not_a_territory", "'" + std::string(id(root)) + "'",
                           "'within' needs a territory, not a " + std::string(to_string(m_kinds[root.value])));
    // Containment is a tree and a body serves one territory, so neither walk meets a unit twice; a post may head
    // several bodies of the subtree, hence the final unique.
    std::vector<UnitIndex> out{root};
    for (std::size_t next = 0; next < out.size(); ++next)
        for (UnitIndex c : children(out[next], TieKind::contains)) out.push_back(c);
    const std::size_t territories = out.size();
    for (std::size_t t = 0; t < territories; ++t)
        for (UnitIndex body : parents(out[t], TieKind::serves)) {
            out.push_back(body);
            for (UnitIndex post : parents(body, TieKind::heads)) out.push_back(post);
        }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::uint32_t> FrozenGraph::hops(std::span<const UnitIndex> sources, TieKind kind) const {
    std::vector<std::uint32_t> distance(unit_capacity(), unreached);
    std::vector<UnitIndex> queue;
    queue.reserve(sources.size());
    for (UnitIndex s : sources) {
        check_unit(s);
        if (distance[s.value] == 0) continue;
        distance[s.value] = 0;
        queue.push_back(s);
    }
    for (std::size_t next = 0; next < queue.size(); ++next) {
        const UnitIndex u = queue[next];
        for (UnitIndex v : children(u, kind))
            if (distance[v.value] == unreached) {
                distance[v.value] = distance[u.value] + 1;
                queue.push_back(v);
            }
    }
    return distance;
}

}  // namespace antq

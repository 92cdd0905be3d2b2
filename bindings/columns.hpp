#pragma once

// Table columns for pandas built in C++: repeated values as codes (an int32 array and its categories, which
// python/antq/_frames.py turns into a pandas.Categorical or plain strings), numbers as NumPy arrays, and
// unique strings as lists. A table of 100,000 rows then costs a few thousand Python objects, not millions.

#include <algorithm>
#include <concepts>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <functional>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <antq/graph/frozen_graph.hpp>
#include <antq/graph/org_graph.hpp>

namespace antq::python {

namespace py = pybind11;

/**
 * Text -> dense code (0, 1, 2, ... in order of first sight), by open addressing over (hash, code) slots: no
 * allocation per entry, unlike a node-based map. The texts themselves live with the caller (`known`).
 */
class TextCodes {
public:
    /** The code of `text`; a new text gets the next code and is handed to `add`, which must append it to `known`. */
    template <class Add>
    std::int32_t code(std::string_view text, const std::vector<std::string_view>& known, Add&& add) {
        if ((known.size() + 1) * 2 > m_slots.size()) grow(known);
        const std::uint32_t h = static_cast<std::uint32_t>(std::hash<std::string_view>{}(text));
        for (std::size_t i = h & (m_slots.size() - 1);; i = (i + 1) & (m_slots.size() - 1)) {
            Slot& slot = m_slots[i];
            if (slot.code < 0) {
                slot = {h, static_cast<std::int32_t>(known.size())};
                add(text);
                return slot.code;
            }
            if (slot.hash == h && known[static_cast<std::size_t>(slot.code)] == text) return slot.code;
        }
    }

private:
    struct Slot {
        std::uint32_t hash;
        std::int32_t code;
    };
    void grow(const std::vector<std::string_view>& known) {
        std::vector<Slot> slots(std::max<std::size_t>(16, m_slots.size() * 2), Slot{0, -1});
        for (std::size_t c = 0; c < known.size(); ++c) {
            const std::uint32_t h = static_cast<std::uint32_t>(std::hash<std::string_view>{}(known[c]));
            std::size_t i = h & (slots.size() - 1);
            while (slots[i].code >= 0) i = (i + 1) & (slots.size() - 1);
            slots[i] = {h, static_cast<std::int32_t>(c)};
        }
        m_slots.swap(slots);
    }
    std::vector<Slot> m_slots;
};

/** A categorical column of strings: codes, -1 for a missing value. */
class CodedColumn {
public:
    explicit CodedColumn(std::size_t rows) : m_codes(static_cast<py::ssize_t>(rows)), m_data(m_codes.mutable_data()) {}

    void set(std::size_t row, std::string_view value) {
        m_data[row] = m_codes_of.code(value, m_views, [this](std::string_view text) {
            m_texts.emplace_back(text);  // a deque: the view below keeps pointing at it
            m_views.push_back(m_texts.back());
        });
    }
    void set(std::size_t row, const std::string& value) { set(row, std::string_view(value)); }
    void set(std::size_t row, const char* value) { set(row, std::string_view(value)); }
    void set(std::size_t row, std::optional<std::string_view> value) {
        if (value) set(row, *value);
        else m_data[row] = -1;
    }
    /** (codes, categories) for _frames.frame(): a categorical column. */
    py::tuple finish() const { return py::make_tuple(m_codes, categories()); }
    /** (codes, categories, "plain") for _frames.frame(): a column of plain strings (None where missing), for values
     *  such as dates that people order and compare. */
    py::tuple finish_plain() const { return py::make_tuple(m_codes, categories(), "plain"); }

private:
    py::list categories() const {
        py::list out;
        for (std::string_view c : m_views) out.append(py::str(c.data(), c.size()));
        return out;
    }

    py::array_t<std::int32_t> m_codes;
    std::int32_t* m_data;
    std::deque<std::string> m_texts;
    std::vector<std::string_view> m_views;  // the categories, in code order
    TextCodes m_codes_of;
};

/**
 * A categorical column of unit ids or names, coded by unit index: each unit's text is looked at once. Names
 * repeat across units ("Thôn 1"), so they share a category. On a FrozenGraph, ids only (the view keeps no names).
 */
template <class Graph>
class BasicUnitColumn {
public:
    enum class Field { id, name };
    BasicUnitColumn(const Graph& graph, std::size_t rows) : BasicUnitColumn(graph, rows, Field::id, 0) {}
    BasicUnitColumn(const Graph& graph, std::size_t rows, Field field)
        requires std::same_as<Graph, OrgGraph>
        : BasicUnitColumn(graph, rows, field, 0) {}

    void set(std::size_t row, std::optional<UnitIndex> unit) {
        if (!unit) {
            m_data[row] = -1;
            return;
        }
        if (m_code.empty()) m_code.assign(m_graph.unit_capacity(), -1);
        std::int32_t& code = m_code[unit->value];
        if (code < 0) {
            if (m_field == Field::id) {  // ids are unique: no lookup needed
                code = static_cast<std::int32_t>(m_categories.size());
                m_categories.push_back(id_of(*unit));
            } else if constexpr (std::same_as<Graph, OrgGraph>) {
                code = m_codes_of.code(m_graph.unit(*unit).name, m_categories,
                                       [this](std::string_view text) { m_categories.push_back(text); });
            }
        }
        m_data[row] = code;
    }
    py::tuple finish() const {
        py::list categories;
        for (std::string_view c : m_categories) categories.append(py::str(c.data(), c.size()));
        return py::make_tuple(m_codes, categories);
    }

private:
    BasicUnitColumn(const Graph& graph, std::size_t rows, Field field, int)
        : m_graph(graph), m_field(field), m_codes(static_cast<py::ssize_t>(rows)), m_data(m_codes.mutable_data()) {}
    std::string_view id_of(UnitIndex u) const {
        if constexpr (std::same_as<Graph, OrgGraph>) return m_graph.unit(u).id;
        else return m_graph.id(u);
    }

    const Graph& m_graph;
    Field m_field;
    py::array_t<std::int32_t> m_codes;
    std::int32_t* m_data;
    std::vector<std::int32_t> m_code;  // unit index -> code, -1 before first use
    std::vector<std::string_view> m_categories;  // views into the graph's units, in code order
    TextCodes m_codes_of;                        // names -> code (ids need none: they are unique)
};

/** The column of units most tables use, on the mutable graph. */
using UnitColumn = BasicUnitColumn<OrgGraph>;

/** `s`, or std::nullopt for the empty string C++ uses for "none" (an unknown date, no level). */
inline std::optional<std::string_view> view_or_none(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string_view>(s);
}

/** `u`, or std::nullopt for the invalid index C++ uses for "none" (e.g. in territories_at()). */
inline std::optional<UnitIndex> optional_unit(UnitIndex u) {
    return u == UnitIndex{} ? std::nullopt : std::optional<UnitIndex>(u);
}

/** A NumPy column of numbers. */
template <class T>
class NumberColumn {
public:
    explicit NumberColumn(std::size_t rows) : m_values(static_cast<py::ssize_t>(rows)), m_data(m_values.mutable_data()) {}
    void set(std::size_t row, T value) { m_data[row] = value; }
    const py::array_t<T>& finish() const { return m_values; }

private:
    py::array_t<T> m_values;
    T* m_data;
};

}  // namespace antq::python

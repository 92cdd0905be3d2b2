#pragma once

// Table columns for pandas built in C++: repeated values as codes (an int32 array and its categories, which
// python/antq/_frames.py turns into a pandas.Categorical or plain strings), numbers as NumPy arrays, and
// unique strings as lists. A table of 100,000 rows then costs a few thousand Python objects, not millions.

#include <algorithm>
#include <array>
#include <cassert>
#include <cstddef>
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

#include "text_codes.hpp"
#include "unit_strings.hpp"

namespace antq::python {

namespace py = pybind11;

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
 * A categorical column of an enumeration of `Count` values (0 to Count - 1), its categories the names present, in
 * sorted order (UTF-8 byte order is code-point order, as Python sorts): pandas needs no reordering after. The codes
 * are int8, pandas's own type for so few categories, so pandas keeps the array as it is. A row holds its value until
 * finish() turns it into a code.
 */
template <class Enum, std::size_t Count>
class SortedEnumColumn {
    static_assert(Count < 128, "codes are int8, as pandas keeps them for fewer than 128 categories");

public:
    /** `name(value)`: the text of each value. */
    template <class Name>
    SortedEnumColumn(std::size_t rows, Name&& name)
        : m_codes(static_cast<py::ssize_t>(rows)), m_data(m_codes.mutable_data()), m_rows(rows) {
        for (std::size_t v = 0; v < Count; ++v) m_names[v] = name(static_cast<Enum>(v));
    }

    void set(std::size_t row, Enum value) {
        const auto v = static_cast<std::size_t>(value);
        m_data[row] = static_cast<std::int8_t>(v);
        m_present[v] = true;
    }
    /** (codes, categories) for _frames.frame(): a categorical column. */
    py::tuple finish() {
        std::array<std::size_t, Count> order{};
        std::size_t present = 0;
        for (std::size_t v = 0; v < Count; ++v)
            if (m_present[v]) order[present++] = v;
        std::sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(present),
                  [this](std::size_t x, std::size_t y) { return m_names[x] < m_names[y]; });
        std::array<std::int8_t, Count> code{};
        py::list categories(static_cast<py::ssize_t>(present));
        for (std::size_t c = 0; c < present; ++c) {
            code[order[c]] = static_cast<std::int8_t>(c);
            categories[static_cast<py::ssize_t>(c)] = py::str(m_names[order[c]].data(), m_names[order[c]].size());
        }
        for (std::size_t row = 0; row < m_rows; ++row) m_data[row] = code[static_cast<std::size_t>(m_data[row])];
        return py::make_tuple(m_codes, categories);
    }

private:
    py::array_t<std::int8_t> m_codes;
    std::int8_t* m_data;
    std::size_t m_rows;
    std::array<std::string_view, Count> m_names{};
    std::array<bool, Count> m_present{};
};

/** A NumPy column of Python objects, row i `item(i)`: pandas takes it as it is (e.g. unique strings, plain). */
template <class Item>
py::array object_column(std::size_t rows, Item&& item) {
    py::array out(py::dtype("object"), {static_cast<py::ssize_t>(rows)}, {});
    auto** data = static_cast<PyObject**>(out.mutable_data());
    for (std::size_t i = 0; i < rows; ++i) {
        PyObject* before = data[i];  // NULL, or None where NumPy filled it
        data[i] = py::object(item(i)).release().ptr();
        Py_XDECREF(before);
    }
    return out;
}

/**
 * A NumPy column of Python objects, row i `handle(i)`: a borrowed reference that the caller keeps alive (a kept unit
 * string, say), which the column then holds too. Each object is fetched into cache a few rows before its reference
 * count is raised: a table of thousands of distinct strings otherwise waits on memory once per row.
 */
template <class Handle>
py::array borrowed_object_column(std::size_t rows, Handle&& handle) {
    py::array out(py::dtype("object"), {static_cast<py::ssize_t>(rows)}, {});
    auto** data = static_cast<PyObject**>(out.mutable_data());
    constexpr std::size_t ahead = 64;  // a power of two: the ring below
    std::array<PyObject*, ahead> next{};
    for (std::size_t i = 0; i < std::min(ahead, rows); ++i) __builtin_prefetch(next[i] = handle(i), 1);
    for (std::size_t i = 0; i < rows; ++i) {
        PyObject* object = next[i % ahead];
        if (i + ahead < rows) __builtin_prefetch(next[i % ahead] = handle(i + ahead), 1);
        Py_INCREF(object);
        PyObject* before = data[i];  // NULL, or None where NumPy filled it
        data[i] = object;
        Py_XDECREF(before);
    }
    return out;
}

/**
 * A categorical column of unit ids or names, coded by unit index, its categories the graph's kept Python strings
 * (UnitStrings): a unit's text is decoded once per state of the graph. Names repeat across units ("Thôn 1"), so they
 * share a category. On a FrozenGraph, ids only (the view keeps no names).
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
        UnitIndex key = *unit;  // units of one name share a category: their key is the first of them
        if constexpr (std::same_as<Graph, OrgGraph>)
            if (m_field == Field::name) key = m_strings.namesake(*unit);
        if (m_code.empty()) m_code.assign(m_graph.unit_capacity(), -1);
        std::int32_t& code = m_code[key.value];
        if (code < 0) {
            code = static_cast<std::int32_t>(m_categories.size());
            m_categories.push_back(key);
        }
        m_data[row] = code;
    }
    /** (codes, categories): the categories a NumPy object array, which pandas indexes as it is (a list it would
     *  copy into one first). */
    py::tuple finish() {
        py::array categories = borrowed_object_column(m_categories.size(), [this](std::size_t c) {
            const UnitIndex u = m_categories[c];
            if constexpr (std::same_as<Graph, OrgGraph>)
                return (m_field == Field::id ? m_strings.id(u) : m_strings.name(u)).ptr();
            else
                return m_strings.id(u).ptr();
        });
        return py::make_tuple(m_codes, categories);
    }

private:
    BasicUnitColumn(const Graph& graph, std::size_t rows, Field field, int)
        : m_graph(graph), m_field(field), m_strings(graph), m_codes(static_cast<py::ssize_t>(rows)),
          m_data(m_codes.mutable_data()) {}

    const Graph& m_graph;
    Field m_field;
    UnitStrings<Graph> m_strings;
    py::array_t<std::int32_t> m_codes;
    std::int32_t* m_data;
    std::vector<std::int32_t> m_code;     // unit index (of the first of a name, for names) -> code, -1 before first use
    std::vector<UnitIndex> m_categories;  // per code, its unit
};

/** The column of units most tables use, on the mutable graph. */
using UnitColumn = BasicUnitColumn<OrgGraph>;

enum class UnitText { id, name };

/**
 * A column naming each row's own unit (the unit a result is for, the territory a roll-up counts, a measure's unit):
 * the graph's kept Python strings, plain. A unit appears once per row or a few times, so a categorical would hold
 * about a category per row, and pandas checks every category's uniqueness, hashing them all, each time it makes the
 * table. Names only on an OrgGraph (a frozen view keeps none).
 */
template <class Graph, class UnitOf>
py::array own_unit_column(UnitStrings<Graph>& strings, std::size_t rows, UnitOf&& unit_of, UnitText text = UnitText::id) {
    if constexpr (!std::same_as<Graph, OrgGraph>) assert(text == UnitText::id);
    return borrowed_object_column(rows, [&](std::size_t i) {
        const UnitIndex u = unit_of(i);
        if constexpr (std::same_as<Graph, OrgGraph>)
            if (text == UnitText::name) return strings.name(u).ptr();
        return strings.id(u).ptr();
    });
}

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

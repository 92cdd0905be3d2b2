#pragma once

// Table columns for pandas built in C++: repeated values as codes (an int32 array and its categories, which
// python/antq/_frames.py turns into a pandas.Categorical or plain strings), numbers as NumPy arrays, and
// unique strings as lists. A table of 100,000 rows then costs a few thousand Python objects, not millions.

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <antq/graph/org_graph.hpp>

namespace antq::python {

namespace py = pybind11;

/** A categorical column of strings: codes, -1 for a missing value. */
class CodedColumn {
public:
    explicit CodedColumn(std::size_t rows) : m_codes(static_cast<py::ssize_t>(rows)), m_data(m_codes.mutable_data()) {}

    void set(std::size_t row, std::string_view value) {
        auto it = m_index.find(value);
        if (it == m_index.end()) {
            m_categories.emplace_back(value);  // a deque: the key below keeps pointing at it
            it = m_index.emplace(m_categories.back(), static_cast<std::int32_t>(m_categories.size() - 1)).first;
        }
        m_data[row] = it->second;
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
        for (const std::string& c : m_categories) out.append(py::str(c));
        return out;
    }

    py::array_t<std::int32_t> m_codes;
    std::int32_t* m_data;
    std::deque<std::string> m_categories;
    std::unordered_map<std::string_view, std::int32_t> m_index;
};

/**
 * A categorical column of unit ids or names, coded by unit index: each unit's text is looked at once. Names
 * repeat across units ("Thôn 1"), so they share a category.
 */
class UnitColumn {
public:
    enum class Field { id, name };
    UnitColumn(const OrgGraph& graph, std::size_t rows, Field field = Field::id)
        : m_graph(graph), m_field(field), m_codes(static_cast<py::ssize_t>(rows)), m_data(m_codes.mutable_data()) {}

    void set(std::size_t row, std::optional<UnitIndex> unit) {
        if (!unit) {
            m_data[row] = -1;
            return;
        }
        if (m_code.empty()) m_code.assign(m_graph.unit_capacity(), -1);
        std::int32_t& code = m_code[unit->value];
        if (code < 0) {
            const Unit& u = m_graph.unit(*unit);
            const std::string_view text = m_field == Field::id ? std::string_view(u.id) : std::string_view(u.name);
            auto [it, fresh] = m_by_text.try_emplace(text, static_cast<std::int32_t>(m_categories.size()));
            if (fresh) m_categories.push_back(text);
            code = it->second;
        }
        m_data[row] = code;
    }
    py::tuple finish() const {
        py::list categories;
        for (std::string_view c : m_categories) categories.append(py::str(c.data(), c.size()));
        return py::make_tuple(m_codes, categories);
    }

private:
    const OrgGraph& m_graph;
    Field m_field;
    py::array_t<std::int32_t> m_codes;
    std::int32_t* m_data;
    std::vector<std::int32_t> m_code;  // unit index -> code, -1 before first use
    std::unordered_map<std::string_view, std::int32_t> m_by_text;  // views into the graph's units
    std::vector<std::string_view> m_categories;
};

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

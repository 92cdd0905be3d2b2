#pragma once

// The JSON reading tools every reader shares: a linear pre-scan for hostile documents, parse errors with line and
// column, and a Reader that names every problem by source and JSON pointer and reads every string in NFC (so two
// spellings of one Vietnamese id are one id). Internal to the library.

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <nlohmann/json.hpp>

#include <antq/errors.hpp>
#include <antq/graph/selector.hpp>
#include <antq/io/value_json.hpp>
#include <antq/model/text.hpp>
#include <antq/model/value.hpp>

#include "model/detail/dates.hpp"

namespace antq::detail {

using json = nlohmann::json;

/**
 * The JSON levels a selector may take: two per all/any (an object and its array), one per not, then an attribute
 * value. A document holding selectors allows this much below where they sit, so that every selector the API builds
 * can be written and read back.
 */
inline constexpr std::size_t selector_json_depth = 2 * Selector::max_depth + max_value_depth + 2;

/** A key as one JSON Pointer token (RFC 6901): "~" becomes "~0" and "/" becomes "~1". */
inline std::string pointer_token(std::string_view key) {
    std::string out;
    out.reserve(key.size());
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}


inline std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::boolean: return "a boolean";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: return "an integer";
        case json::value_t::number_float: return "a number";
        case json::value_t::string: return "a string";
        case json::value_t::array: return "an array";
        case json::value_t::object: return "an object";
        default: return "an unsupported value";
    }
}

// Line and column of a byte offset, for parse errors a person can find in an editor.
inline std::string line_and_column(std::string_view text, std::size_t byte) {
    byte = std::min(byte, text.size());
    std::size_t line = 1, column = 1;
    for (std::size_t i = 0; i < byte; ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// Reads one document's fields and turns every problem into an error that names source and pointer.
class Reader {
public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    std::string at(const std::string& pointer) const { return m_source + ":" + (pointer.empty() ? "/" : pointer); }

    [[noreturn]] void fail(const std::string& tag, const std::string& pointer, const std::string& message) const {
        throw InvalidInput(tag, at(pointer), message);
    }

    const json& require(const json& object, const char* key, const std::string& pointer) const {
        auto it = object.find(key);
        if (it == object.end()) fail("missing_field", pointer, std::string("required field '") + key + "' is missing");
        return *it;
    }

    /** A string, in NFC (every antq document is read in NFC). */
    std::string string(const json& j, const std::string& pointer) const {
        if (!j.is_string()) fail("wrong_type", pointer, "expected a string, found " + type_name(j));
        return to_nfc(j.get_ref<const std::string&>(), [&] { return at(pointer); });
    }

    /** A member name, in NFC. */
    std::string key(const std::string& name, const std::string& pointer) const {
        return to_nfc(name, [&] { return at(pointer); });
    }

    /** The required year `key`: an integer ("wrong_type"), from 1900 to 2200 ("bad_year"). */
    int year(const json& object, const char* key, const std::string& pointer) const {
        const json& found = require(object, key, pointer);
        const std::string p = pointer + "/" + key;
        if (!found.is_number_integer()) fail("wrong_type", p, "expected a year (an integer), found " + type_name(found));
        // nlohmann reads every integer from 0 up as unsigned, so both forms are bounded on both sides.
        const bool in_range = found.is_number_unsigned()
                                  ? found.get<std::uint64_t>() >= std::uint64_t(first_year) &&
                                        found.get<std::uint64_t>() <= std::uint64_t(last_year)
                                  : found.get<std::int64_t>() >= first_year && found.get<std::int64_t>() <= last_year;
        if (!in_range) fail("bad_year", p, "expected a year between 1900 and 2200, found " + found.dump());
        return static_cast<int>(found.get<std::int64_t>());
    }

    void expect_object(const json& j, const std::string& pointer) const {
        if (!j.is_object()) fail("wrong_type", pointer, "expected an object, found " + type_name(j));
    }

    void only_fields(const json& object, std::initializer_list<std::string_view> allowed,
                     const std::string& pointer) const {
        expect_object(object, pointer);  // an array or a scalar has no fields to check, and no key() to ask
        for (auto it = object.begin(); it != object.end(); ++it) {
            bool known = false;
            for (auto a : allowed) known = known || a == it.key();
            if (!known) {
                std::string list;
                for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
                fail("unknown_field", pointer + "/" + pointer_token(it.key()),
                     "unknown field '" + it.key() + "' (allowed: " + list + ")");
            }
        }
    }

    /**
     * Checks a document's "format" (else `wrong_format_tag` at /format) and "version" (an integer, else
     * "wrong_type"; this library's, else "unsupported_version").
     */
    void format_and_version(const json& doc, std::string_view format, int version, const std::string& wrong_format_tag) const {
        if (string(require(doc, "format", ""), "/format") != format)
            fail(wrong_format_tag, "/format", "expected \"" + std::string(format) + "\"");
        const json& found = require(doc, "version", "");
        if (!found.is_number_integer()) fail("wrong_type", "/version", "expected an integer, found " + type_name(found));
        if (found.get<std::int64_t>() != version)
            fail("unsupported_version", "/version",
                 "this library reads version " + std::to_string(version) + ", not " + found.dump());
    }

    /** The required string field `key` of `object`. */
    std::string text(const json& object, const char* key, const std::string& pointer) const {
        expect_object(object, pointer);
        return string(require(object, key, pointer), pointer + "/" + key);
    }

    /** As text(), and the string must say something: not empty, not only white space. */
    std::string filled(const json& object, const char* key, const std::string& pointer) const {
        std::string value = text(object, key, pointer);
        if (value.find_first_not_of(" \t\r\n") == std::string::npos)
            fail("empty_value", pointer + "/" + key, std::string("'") + key + "' must not be empty");
        return value;
    }

    /** Calls f(element, its pointer) for each element of the required array `key`, objects unless told. */
    template <class F>
    void for_each(const json& object, const char* key, const std::string& pointer, F&& f, bool objects = true) const {
        const json& list = require(object, key, pointer);
        const std::string list_pointer = pointer + "/" + key;
        if (!list.is_array()) fail("wrong_type", list_pointer, "expected an array, found " + type_name(list));
        for (std::size_t i = 0; i < list.size(); ++i) {
            const std::string item_pointer = list_pointer + "/" + std::to_string(i);
            if (objects) expect_object(list[i], item_pointer);
            f(list[i], item_pointer);
        }
    }

    Object attributes(const json& j, const std::string& pointer) const {
        expect_object(j, pointer);
        try {
            return value_from_json(j, pointer).as_object();
        } catch (const InvalidInput& e) {
            throw InvalidInput(e.tag(), at(e.where()), e.message());
        }
    }

private:
    std::string m_source;
};

// True if the integer literal `digits` (optional minus sign, no fraction or exponent) fits in a 64-bit
// integer, signed or unsigned: nlohmann would silently turn a larger one into an inexact double.
inline bool fits_64_bits(std::string_view digits) {
    const bool negative = !digits.empty() && digits.front() == '-';
    if (negative) digits.remove_prefix(1);
    while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
    const std::string_view limit = negative ? "9223372036854775808" : "18446744073709551615";
    return digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit);
}

// One linear pass before parsing, outside strings: refuses nesting deeper than `max_depth` (a document
// nested 100,000 deep must not reach recursive code; nlohmann's callback parser would check this in
// quadratic time) and integers too large for 64 bits.
inline void prescan(std::string_view text, const std::string& source, std::size_t max_depth) {
    std::size_t depth = 0;
    bool in_string = false, escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_depth)
                throw InvalidInput("too_deep", source + ":" + line_and_column(text, i),
                                   "nesting deeper than " + std::to_string(max_depth) + " levels");
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i + 1;
            bool integer = true;
            while (end < text.size() && std::string_view("0123456789.eE+-").find(text[end]) != std::string_view::npos) {
                integer = integer && text[end] >= '0' && text[end] <= '9';
                ++end;
            }
            if (integer && !fits_64_bits(text.substr(i, end - i)))
                throw InvalidInput("number_out_of_range", source + ":" + line_and_column(text, i),
                                   "integer " + std::string(text.substr(i, std::min<std::size_t>(end - i, 40))) +
                                       " does not fit in 64 bits");
            i = end - 1;
        }
    }
}

// Builds the document through nlohmann's DOM builder while refusing an object member named twice: nlohmann
// keeps the last one silently, which would drop input (a second "records" array, a second score). Each open
// container remembers its member names (or element count), so the error can name the JSON pointer.
class UniqueKeysBuilder {
public:
    UniqueKeysBuilder(json& root, const std::string& source) : m_dom(root, true), m_source(source) {}

    bool null() { return element() && m_dom.null(); }
    bool boolean(bool v) { return element() && m_dom.boolean(v); }
    bool number_integer(json::number_integer_t v) { return element() && m_dom.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return element() && m_dom.number_unsigned(v); }
    bool number_float(json::number_float_t v, const json::string_t& s) { return element() && m_dom.number_float(v, s); }
    bool string(json::string_t& v) { return element() && m_dom.string(v); }
    bool binary(json::binary_t& v) { return element() && m_dom.binary(v); }
    bool start_object(std::size_t n) {
        element();
        m_open.push_back({true, {}, {}, {}, 0});
        return m_dom.start_object(n);
    }
    bool key(json::string_t& name) {
        Container& object = m_open.back();
        if (!object.add(name))
            throw InvalidInput("duplicate_key", m_source + ":" + pointer() + "/" + pointer_token(name),
                               "member '" + name + "' appears twice in this object; JSON readers would keep only one");
        return m_dom.key(name);
    }
    bool end_object() {
        m_open.pop_back();
        return m_dom.end_object();
    }
    bool start_array(std::size_t n) {
        element();
        m_open.push_back({false, {}, {}, {}, 0});
        return m_dom.start_array(n);
    }
    bool end_array() {
        m_open.pop_back();
        return m_dom.end_array();
    }
    template <class Exception>
    bool parse_error(std::size_t position, const std::string& token, const Exception& e) {
        return m_dom.parse_error(position, token, e);  // throws e, as json::parse would
    }

private:
    struct Container {
        bool object;
        std::vector<std::string> keys;         // members seen, in order, while the object is small
        std::unordered_set<std::string> many;  // all members seen, once it is not: the check stays linear
        std::string last;                      // the member being read
        std::size_t elements;                  // for an array: elements seen

        // Records a member name; false if the object already has it.
        bool add(const std::string& name) {
            constexpr std::size_t small = 16;  // a scan beats hashing for the few members most objects have
            if (many.empty() && keys.size() < small) {
                if (std::find(keys.begin(), keys.end(), name) != keys.end()) return false;
                keys.push_back(name);
            } else {
                if (many.empty()) many.insert(keys.begin(), keys.end());
                if (!many.insert(name).second) return false;
            }
            last = name;
            return true;
        }
    };

    // Counts an array element, so that pointers below it name its index.
    bool element() {
        if (!m_open.empty() && !m_open.back().object) ++m_open.back().elements;
        return true;
    }

    // The pointer to the object being read: each enclosing container's current member or element.
    std::string pointer() const {
        std::string out;
        for (std::size_t i = 0; i + 1 < m_open.size(); ++i) {
            const Container& c = m_open[i];
            out += "/" + (c.object ? pointer_token(c.last) : std::to_string(c.elements - 1));
        }
        return out;
    }

    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    const std::string& m_source;
    std::vector<Container> m_open;
};

inline json parse_document(std::string_view text, const std::string& source, std::size_t max_depth) {
    prescan(text, source, max_depth);
    try {
        json root;
        UniqueKeysBuilder builder(root, source);
        json::sax_parse(text.begin(), text.end(), &builder);
        return root;
    } catch (const json::parse_error& e) {
        std::string what = e.what();
        // nlohmann's text starts with "[json.exception.parse_error.101] parse error at line 1, column 2: ..."
        if (auto colon = what.find(": "); colon != std::string::npos) what = what.substr(colon + 2);
        throw InvalidInput("malformed_json", source + ":" + line_and_column(text, e.byte == 0 ? 0 : e.byte - 1),
                           what);
    } catch (const json::exception& e) {
        throw InvalidInput("malformed_json", source, e.what());
    }
}

}  // namespace antq::detail

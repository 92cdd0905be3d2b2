#pragma once

// A small strict reader of the XML that GraphML files use: elements, attributes, text, comments, processing
// instructions, CDATA, the five predefined entities and character references. A DOCTYPE is refused, so no entity is
// ever declared or expanded (no "billion laughs", no external files). One pass over the text, nesting capped: time
// and memory grow linearly with the input whatever its shape. Internal to the library.
//
// Why not Boost.PropertyTree's XML parser (RapidXML): it recurses once per nesting level without a cap, keeps no
// line numbers for elements, and silently skips a DOCTYPE instead of refusing it; the GraphML we read needs far less.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <antq/errors.hpp>
#include <antq/model/text.hpp>

namespace antq::detail::xml {

/** One element: its name as written (prefix included), attributes in order, child elements, character data. */
struct Element {
    std::string name;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<Element> children;
    std::string text;        // the character data directly inside, concatenated
    std::size_t offset = 0;  // where its start tag begins, for errors

    /** The value of attribute `key`, or nullptr. */
    const std::string* attribute(std::string_view key) const noexcept {
        for (const auto& [k, v] : attributes)
            if (k == key) return &v;
        return nullptr;
    }
};

/** Nesting deeper than this is refused: GraphML needs five levels (graphml, graph, node, data, and a default). */
inline constexpr std::size_t max_depth = 32;

/** "line L" for a byte offset (computed only for an error). */
inline std::string line_of(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    return "line " + std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

class Parser {
public:
    Parser(std::string_view text, std::string source) : m_text(text), m_source(std::move(source)) {}

    /** The document's root element. @throws InvalidInput "malformed_xml", "too_deep", "dtd_not_allowed" */
    Element parse() {
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") m_pos = 3;  // a UTF-8 byte order mark
        if (!is_valid_utf8(m_text)) fail("malformed_xml", first_invalid_utf8(), "the text is not well-formed UTF-8");
        check_characters();
        skip_misc();
        if (!at("<") || at("</")) fail("malformed_xml", m_pos, "expected the root element");
        Element root = element();
        skip_misc();
        if (m_pos != m_text.size()) fail("malformed_xml", m_pos, "content after the root element");
        return root;
    }

    [[noreturn]] void fail(const char* tag, std::size_t offset, const std::string& message) const {
        throw InvalidInput(tag, m_source + ":" + line_of(m_text, offset), message);
    }

private:
    bool at(std::string_view s) const { return m_text.substr(m_pos, s.size()) == s; }

    std::size_t first_invalid_utf8() const {
        std::size_t good = 0;  // binary search would do, but an error is rare: find the first bad line linearly
        for (std::size_t line_end; (line_end = m_text.find('\n', good)) != std::string_view::npos; good = line_end + 1)
            if (!is_valid_utf8(m_text.substr(good, line_end - good))) return good;
        return good;
    }

    // Refuses, anywhere in the text, the characters XML 1.0 does not allow: control characters other than tab and
    // line breaks, U+FFFE and U+FFFF (the text is well-formed UTF-8 by now).
    void check_characters() const {
        for (std::size_t i = 0; i < m_text.size(); ++i) {
            const auto c = static_cast<unsigned char>(m_text[i]);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                fail("malformed_xml", i, "control character U+00" + hex_byte(m_text[i]) + " is not allowed in XML");
            if (c == 0xEF && i + 2 < m_text.size() && m_text[i + 1] == '\xBF' &&
                (m_text[i + 2] == '\xBE' || m_text[i + 2] == '\xBF'))
                fail("malformed_xml", i, "U+FFFE and U+FFFF are not allowed in XML");
        }
    }

    static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
    static bool is_name_char(char c) {
        return !is_space(c) && c != '<' && c != '>' && c != '/' && c != '=' && c != '"' && c != '\'' && c != '&' &&
               c != '\0' && c != '?' && c != '!';
    }

    void skip_spaces() {
        while (m_pos < m_text.size() && is_space(m_text[m_pos])) ++m_pos;
    }

    // Skips up to and past `end`, or fails naming what was left open at `start`.
    void skip_past(std::string_view end, std::size_t start, const char* what) {
        const auto found = m_text.find(end, m_pos);
        if (found == std::string_view::npos) fail("malformed_xml", start, std::string("unterminated ") + what);
        m_pos = found + end.size();
    }

    // Comments, processing instructions (the XML declaration among them) and white space between elements.
    void skip_misc() {
        for (;;) {
            skip_spaces();
            const std::size_t start = m_pos;
            if (at("<!--")) skip_past("-->", start, "comment");
            else if (at("<?")) skip_past("?>", start, "processing instruction");
            else if (at("<!DOCTYPE") || at("<!doctype"))
                fail("dtd_not_allowed", start, "a DOCTYPE is not accepted (antq reads GraphML without DTDs or entities)");
            else return;
        }
    }

    std::string name() {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && is_name_char(m_text[m_pos])) ++m_pos;
        if (m_pos == start) fail("malformed_xml", start, "expected a name");
        return std::string(m_text.substr(start, m_pos - start));
    }

    // Appends the character an entity or character reference at m_pos stands for.
    void reference(std::string& out) {
        const std::size_t start = m_pos;
        const auto semicolon = m_text.find(';', m_pos);
        if (semicolon == std::string_view::npos || semicolon - m_pos > 12)
            fail("malformed_xml", start, "'&' must start an entity such as &amp; (write '&' as &amp;)");
        const std::string_view ref = m_text.substr(m_pos + 1, semicolon - m_pos - 1);
        m_pos = semicolon + 1;
        if (ref == "lt") out += '<';
        else if (ref == "gt") out += '>';
        else if (ref == "amp") out += '&';
        else if (ref == "quot") out += '"';
        else if (ref == "apos") out += '\'';
        else if (!ref.empty() && ref[0] == '#') {
            const bool hex = ref.size() > 1 && ref[1] == 'x';
            const std::string_view digits = ref.substr(hex ? 2 : 1);
            std::uint32_t cp = 0;
            for (char c : digits) {
                const int d = c >= '0' && c <= '9' ? c - '0'
                              : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                              : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
                if (d < 0) fail("malformed_xml", start, "bad character reference &" + std::string(ref) + ";");
                cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(d);
                if (cp > 0x10FFFF) break;
            }
            const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                                 (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            if (digits.empty() || !allowed)
                fail("malformed_xml", start, "&" + std::string(ref) + "; is not a character XML allows");
            append_utf8(out, cp);
        } else {
            fail("unknown_entity", start,
                 "&" + std::string(ref) + "; is not one of XML's predefined entities (&lt; &gt; &amp; &quot; &apos;)");
        }
    }

    static void append_utf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    static std::string hex_byte(char c) {
        const char* digits = "0123456789ABCDEF";
        const auto b = static_cast<unsigned char>(c);
        return {digits[b >> 4], digits[b & 0xF]};
    }

    std::string attribute_value() {
        const char quote = m_pos < m_text.size() ? m_text[m_pos] : '\0';
        if (quote != '"' && quote != '\'') fail("malformed_xml", m_pos, "expected a quoted attribute value");
        const std::size_t start = m_pos++;
        std::string out;
        for (;;) {
            if (m_pos >= m_text.size()) fail("malformed_xml", start, "unterminated attribute value");
            const char c = m_text[m_pos];
            if (c == quote) break;
            if (c == '<') fail("malformed_xml", m_pos, "'<' is not allowed in an attribute value (write &lt;)");
            if (c == '&') {
                reference(out);
            } else {
                // XML turns white space in attribute values into spaces; references keep the character itself.
                out += c == '\t' || c == '\n' || c == '\r' ? ' ' : c;
                ++m_pos;
            }
        }
        ++m_pos;
        return out;
    }

    // The element at m_pos, with everything inside; iterative over siblings, recursive only in depth (capped).
    Element element(std::size_t depth = 1) {
        if (depth > max_depth)
            fail("too_deep", m_pos, "elements nest deeper than " + std::to_string(max_depth) + " levels");
        Element e;
        e.offset = m_pos++;
        e.name = name();
        for (;;) {
            const bool spaced = m_pos < m_text.size() && is_space(m_text[m_pos]);
            skip_spaces();
            if (m_pos >= m_text.size()) fail("malformed_xml", e.offset, "unterminated start tag <" + e.name + ">");
            if (at("/>")) {
                m_pos += 2;
                check_unique_attributes(e);
                return e;
            }
            if (at(">")) {
                ++m_pos;
                break;
            }
            if (!spaced) fail("malformed_xml", m_pos, "expected a space between attributes");
            const std::size_t at_name = m_pos;
            std::string key = name();
            skip_spaces();
            if (!at("=")) fail("malformed_xml", at_name, "attribute '" + key + "' has no value");
            ++m_pos;
            skip_spaces();
            e.attributes.emplace_back(std::move(key), attribute_value());
        }
        check_unique_attributes(e);
        for (;;) {
            if (m_pos >= m_text.size()) fail("malformed_xml", e.offset, "<" + e.name + "> is never closed");
            const char c = m_text[m_pos];
            if (c == '<') {
                const std::size_t start = m_pos;
                if (at("</")) {
                    m_pos += 2;
                    const std::string closing = name();
                    skip_spaces();
                    if (!at(">")) fail("malformed_xml", m_pos, "expected '>' after </" + closing);
                    ++m_pos;
                    if (closing != e.name)
                        fail("malformed_xml", start, "</" + closing + "> closes <" + e.name + "> (" +
                                                         line_of(m_text, e.offset) + ")");
                    return e;
                }
                if (at("<!--")) skip_past("-->", start, "comment");
                else if (at("<?")) skip_past("?>", start, "processing instruction");
                else if (at("<![CDATA[")) {
                    m_pos += 9;
                    const auto end = m_text.find("]]>", m_pos);
                    if (end == std::string_view::npos) fail("malformed_xml", start, "unterminated CDATA section");
                    e.text.append(m_text.substr(m_pos, end - m_pos));
                    m_pos = end + 3;
                } else if (at("<!")) fail("dtd_not_allowed", start, "declarations are not accepted inside a document");
                else e.children.push_back(element(depth + 1));
            } else if (c == '&') {
                reference(e.text);
            } else {
                if (c == '\r') {  // XML reads a line break written \r\n or \r as \n
                    e.text += '\n';
                    if (m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') ++m_pos;
                } else {
                    e.text += c;
                }
                ++m_pos;
            }
        }
    }

    // An attribute named twice: sorting a copy of the names keeps the check O(n log n) on a hostile element.
    void check_unique_attributes(const Element& e) const {
        if (e.attributes.size() < 2) return;
        std::vector<std::string_view> names;
        names.reserve(e.attributes.size());
        for (const auto& [k, v] : e.attributes) names.push_back(k);
        std::sort(names.begin(), names.end());
        if (const auto twice = std::adjacent_find(names.begin(), names.end()); twice != names.end())
            fail("malformed_xml", e.offset, "<" + e.name + "> has attribute '" + std::string(*twice) + "' twice");
    }

    std::string_view m_text;
    std::string m_source;
    std::size_t m_pos = 0;
};

}  // namespace antq::detail::xml

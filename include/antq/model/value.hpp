#pragma once

/**
 * @file
 * Free attribute values: a JSON-like tree that model and graph can hold without a JSON library.
 */

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace antq {

class Value;

/**
 * How deep attribute values may nest: a member of an attribute object is at depth 1, an element of an array held
 * there at depth 2, and so on; nothing may sit deeper than this. The graph refuses deeper values ("too_deep") from
 * files and from the API alike, and the graph reader's default depth (64: document, "units", unit, "attributes",
 * then 60) accepts every value the graph holds, so every saved graph reads back.
 */
inline constexpr std::size_t max_value_depth = 60;

/** An ordered list of values. */
using Array = std::vector<Value>;

/**
 * A string-keyed map of values, kept sorted by key so that two objects with the same members compare
 * equal whatever order they were written in.
 *
 * An empty object costs one pointer: most units and ties carry no attributes, and a national graph has
 * hundreds of thousands of them.
 */
class Object {
public:
    using member_type = std::pair<std::string, Value>;
    using const_iterator = const member_type*;

    /** An empty object (no allocation). */
    Object() noexcept = default;
    /** An object with these members; a repeated key keeps the last value. */
    Object(std::initializer_list<member_type> members);
    /**
     * An object with these members, sorted once: O(n log n) however many there are, where set() one by one would
     * be quadratic on a wide object. A repeated key keeps the last value.
     */
    explicit Object(std::vector<member_type> members);
    Object(const Object& other);
    Object(Object&&) noexcept = default;
    Object& operator=(const Object& other);
    Object& operator=(Object&&) noexcept = default;
    ~Object();

    /** Sets `key` to `value`, replacing an existing member. */
    void set(std::string key, Value value);
    /** The member named `key`, or nullptr. */
    const Value* find(std::string_view key) const noexcept;
    /** Removes `key`; returns whether it was there. */
    bool erase(std::string_view key);

    /** Number of members. */
    std::size_t size() const noexcept;
    bool empty() const noexcept { return size() == 0; }
    /**
     * Asks the processor to fetch where the members are kept into cache, without waiting for it: a loop over many
     * units' attributes calls it a few units ahead of reading them, so that their fetches overlap.
     */
    void prefetch() const noexcept;
    /** Members in key order. */
    const_iterator begin() const noexcept;
    const_iterator end() const noexcept;

    friend bool operator==(const Object& a, const Object& b);

private:
    std::unique_ptr<std::vector<member_type>> m_members;  // sorted by key, unique keys; null when empty
};

/** A JSON-like value: null, boolean, 64-bit integer, double, UTF-8 string, array or object. */
class Value {
public:
    /** Which alternative a value holds; `integer` is a 64-bit signed integer, `number` a double. */
    enum class Type : std::uint8_t { null, boolean, integer, number, string, array, object };

    /** Constructors take each alternative directly: Value(), Value(true), Value(42), Value(2.5), Value("xã"), ... */
    Value() noexcept : m_data(nullptr) {}
    Value(std::nullptr_t) noexcept : m_data(nullptr) {}
    Value(bool b) noexcept : m_data(b) {}
    Value(int i) noexcept : m_data(static_cast<std::int64_t>(i)) {}
    Value(std::int64_t i) noexcept : m_data(i) {}
    Value(double d) noexcept : m_data(d) {}
    Value(const char* s) : m_data(std::string(s)) {}
    Value(std::string s) noexcept : m_data(std::move(s)) {}
    Value(std::string_view s) : m_data(std::string(s)) {}
    Value(Array a) noexcept : m_data(std::move(a)) {}
    Value(Object o) noexcept : m_data(std::move(o)) {}

    Type type() const noexcept { return static_cast<Type>(m_data.index()); }
    bool is_null() const noexcept { return type() == Type::null; }

    /** Typed access; throws std::bad_variant_access on a type mismatch. */
    bool as_bool() const { return std::get<bool>(m_data); }
    std::int64_t as_integer() const { return std::get<std::int64_t>(m_data); }
    double as_number() const { return std::get<double>(m_data); }
    const std::string& as_string() const { return std::get<std::string>(m_data); }
    const Array& as_array() const { return std::get<Array>(m_data); }
    const Object& as_object() const { return std::get<Object>(m_data); }

    /** The variant itself, for std::visit. */
    const auto& data() const noexcept { return m_data; }

    friend bool operator==(const Value& a, const Value& b) { return a.m_data == b.m_data; }

private:
    std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> m_data;
};

inline Object::Object(const Object& other)
    : m_members(other.m_members ? std::make_unique<std::vector<member_type>>(*other.m_members) : nullptr) {}

inline Object& Object::operator=(const Object& other) {
    if (this != &other) m_members = other.m_members ? std::make_unique<std::vector<member_type>>(*other.m_members) : nullptr;
    return *this;
}

inline Object::~Object() = default;

inline std::size_t Object::size() const noexcept { return m_members ? m_members->size() : 0; }

inline void Object::prefetch() const noexcept {
    if (m_members) __builtin_prefetch(m_members.get());
}

inline Object::const_iterator Object::begin() const noexcept { return m_members ? m_members->data() : nullptr; }

inline Object::const_iterator Object::end() const noexcept {
    return m_members ? m_members->data() + m_members->size() : nullptr;
}

inline Object::Object(std::initializer_list<member_type> members) {
    for (const auto& m : members) set(m.first, m.second);
}

inline Object::Object(std::vector<member_type> members) {
    if (members.empty()) return;
    auto by_key = [](const member_type& a, const member_type& b) { return a.first < b.first; };
    if (!std::is_sorted(members.begin(), members.end(), by_key)) std::stable_sort(members.begin(), members.end(), by_key);
    // Of equal keys, stable sorting keeps them in given order: keep the last of each run.
    std::vector<member_type> unique;
    unique.reserve(members.size());
    for (std::size_t i = 0; i < members.size(); ++i)
        if (i + 1 == members.size() || members[i].first != members[i + 1].first) unique.push_back(std::move(members[i]));
    m_members = std::make_unique<std::vector<member_type>>(std::move(unique));
}

inline void Object::set(std::string key, Value value) {
    if (!m_members) m_members = std::make_unique<std::vector<member_type>>();
    auto& members = *m_members;
    auto it = std::lower_bound(members.begin(), members.end(), key,
                               [](const member_type& m, const std::string& k) { return m.first < k; });
    if (it != members.end() && it->first == key)
        it->second = std::move(value);
    else
        members.emplace(it, std::move(key), std::move(value));
}

inline const Value* Object::find(std::string_view key) const noexcept {
    auto it = std::lower_bound(begin(), end(), key, [](const member_type& m, std::string_view k) { return m.first < k; });
    return (it != end() && it->first == key) ? &it->second : nullptr;
}

inline bool Object::erase(std::string_view key) {
    if (!m_members) return false;
    auto& members = *m_members;
    auto it = std::lower_bound(members.begin(), members.end(), key,
                               [](const member_type& m, std::string_view k) { return m.first < k; });
    if (it == members.end() || it->first != key) return false;
    members.erase(it);
    if (members.empty()) m_members.reset();
    return true;
}

inline bool operator==(const Object& a, const Object& b) { return std::equal(a.begin(), a.end(), b.begin(), b.end()); }

}  // namespace antq

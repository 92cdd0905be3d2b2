#pragma once

/**
 * @file
 * The error hierarchy. Every message reads "<tag>: <where>: <what>".
 */

#include <stdexcept>
#include <string>

#if defined(_WIN32)
#define ANTQ_EXCEPTION_API
#else
// Default visibility keeps the type identity of exceptions across shared objects
// (the Python extension and a consumer's library must catch the same type).
#define ANTQ_EXCEPTION_API __attribute__((visibility("default")))
#endif

namespace antq {

/**
 * Base of every error antq throws.
 *
 * `tag()` is a stable, machine-readable reason (e.g. "duplicate_id"), `where()` names the place
 * (a file, a JSON pointer, a unit id), and `what()` is "<tag>: <where>: <message>".
 */
class ANTQ_EXCEPTION_API Error : public std::runtime_error {
public:
    /**
     * @param tag     stable reason, snake_case
     * @param where   file, JSON pointer or unit id; may be empty
     * @param message what was found and what was expected
     */
    Error(std::string tag, std::string where, const std::string& message)
        : std::runtime_error(compose(tag, where, message)),
          m_tag(std::move(tag)),
          m_where(std::move(where)),
          m_message(message) {}

    /** The stable reason tag. */
    const std::string& tag() const noexcept { return m_tag; }
    /** The place the error refers to (may be empty). */
    const std::string& where() const noexcept { return m_where; }
    /** The message without tag and place. */
    const std::string& message() const noexcept { return m_message; }

private:
    static std::string compose(const std::string& tag, const std::string& where, const std::string& message) {
        std::string text = tag;
        if (!where.empty()) text += ": " + where;
        text += ": " + message;
        return text;
    }

    std::string m_tag;
    std::string m_where;
    std::string m_message;
};

/** A unit, tie or name that was asked for does not exist. Python: `antq.NotFoundError` (a `KeyError`). */
class ANTQ_EXCEPTION_API NotFound : public Error {
public:
    using Error::Error;
};

/** Input that cannot be accepted: malformed file, wrong type, bad value. Python: `antq.InvalidInputError` (a `ValueError`). */
class ANTQ_EXCEPTION_API InvalidInput : public Error {
public:
    using Error::Error;
};

/** Input that would break the hierarchy: a cycle, containment at the wrong level. Python: `antq.HierarchyError`. */
class ANTQ_EXCEPTION_API HierarchyError : public InvalidInput {
public:
    using InvalidInput::InvalidInput;
};

/** A view or iterator was used after its graph changed. Python: `antq.StaleViewError` (a `RuntimeError`). */
class ANTQ_EXCEPTION_API StaleView : public Error {
public:
    using Error::Error;
};

/** A file could not be opened, read or written. Python: `antq.IoError` (an `OSError`). */
class ANTQ_EXCEPTION_API IoError : public Error {
public:
    using Error::Error;
};

/**
 * A graph was asked to change while a long computation on another thread reads it, or to be read while it is
 * being changed (OrgGraph::ReadGuard). Python: `antq.GraphInUseError` (a `RuntimeError`).
 */
class ANTQ_EXCEPTION_API GraphInUse : public Error {
public:
    using Error::Error;
};

/**
 * Rethrows the exception being handled with `place` put in front of its where(), keeping its type.
 * Call only inside a catch block; exceptions that are not antq errors pass through unchanged.
 */
[[noreturn]] inline void rethrow_at(const std::string& place) {
    auto at = [&](const Error& e) { return e.where().empty() ? place : place + ": " + e.where(); };
    try {
        throw;
    } catch (const HierarchyError& e) {
        throw HierarchyError(e.tag(), at(e), e.message());
    } catch (const InvalidInput& e) {
        throw InvalidInput(e.tag(), at(e), e.message());
    } catch (const NotFound& e) {
        throw NotFound(e.tag(), at(e), e.message());
    } catch (const StaleView& e) {
        throw StaleView(e.tag(), at(e), e.message());
    } catch (const IoError& e) {
        throw IoError(e.tag(), at(e), e.message());
    } catch (const GraphInUse& e) {
        throw GraphInUse(e.tag(), at(e), e.message());
    } catch (const Error& e) {
        throw Error(e.tag(), at(e), e.message());
    }
}

}  // namespace antq

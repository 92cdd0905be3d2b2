#pragma once

/**
 * @file
 * A non-owning reference to a callable, so OrgGraph's visitors need no template and no storage type.
 */

#include <memory>
#include <type_traits>
#include <utility>

namespace antq::detail {

template <class Signature>
class FunctionRef;

/**
 * Refers to a callable for the duration of one call (like C++26's std::function_ref): no allocation, one
 * indirect call per invocation. The callable must outlive the FunctionRef, as a lambda passed straight to a
 * visitor does.
 */
template <class R, class... Args>
class FunctionRef<R(Args...)> {
public:
    template <class F>
        requires(!std::is_same_v<std::remove_cvref_t<F>, FunctionRef> && std::is_invocable_r_v<R, F&, Args...>)
    FunctionRef(F&& f) noexcept  // NOLINT: implicit, so a lambda converts at the call site
        : m_object(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
          m_call([](void* object, Args... args) -> R {
              return (*static_cast<std::remove_reference_t<F>*>(object))(std::forward<Args>(args)...);
          }) {}

    R operator()(Args... args) const { return m_call(m_object, std::forward<Args>(args)...); }

private:
    void* m_object;
    R (*m_call)(void*, Args...);
};

}  // namespace antq::detail

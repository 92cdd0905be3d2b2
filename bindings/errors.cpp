#include <exception>

#include <antq/errors.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

// The Python classes live in antq/errors.py so they can derive from KeyError, ValueError and the like.
void raise(const char* class_name, const Error& e) {
    py::object cls = py::module_::import("antq.errors").attr(class_name);
    py::object instance = cls(py::str(e.what()), py::str(e.tag()), py::str(e.where()));
    PyErr_SetObject(cls.ptr(), instance.ptr());
}

}  // namespace

void init_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const HierarchyError& e) {
            raise("HierarchyError", e);
        } catch (const InvalidInput& e) {
            raise("InvalidInputError", e);
        } catch (const NotFound& e) {
            raise("NotFoundError", e);
        } catch (const StaleView& e) {
            raise("StaleViewError", e);
        } catch (const IoError& e) {
            raise("IoError", e);
        } catch (const Error& e) {
            raise("Error", e);
        }
    });
}

}  // namespace antq::python

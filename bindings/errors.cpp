#include <exception>

#include <antq/errors.hpp>

#include "convert.hpp"
#include "init.hpp"

namespace antq::python {

namespace {

// The Python classes live in antq/errors.py so they can derive from KeyError, ValueError and the like.
// Messages may quote the offending bytes of a file that is not UTF-8; show them as U+FFFD, never fail here.
py::str lenient(const std::string& text) {
    PyObject* decoded = PyUnicode_DecodeUTF8(text.data(), static_cast<Py_ssize_t>(text.size()), "replace");
    if (decoded == nullptr) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(decoded);
}

void raise(const char* class_name, const Error& e) {
    py::object cls = py::module_::import("antq.errors").attr(class_name);
    py::object instance = cls(lenient(e.what()), lenient(e.tag()), lenient(e.where()));
    PyErr_SetObject(cls.ptr(), instance.ptr());
}

}  // namespace

void init_errors(py::module_&) {
    py::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const WrongArgumentType& e) {
            raise("WrongTypeError", e);
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
        } catch (const GraphInUse& e) {
            raise("GraphInUseError", e);
        } catch (const Error& e) {
            raise("Error", e);
        }
    });
}

}  // namespace antq::python

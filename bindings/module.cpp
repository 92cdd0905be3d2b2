#include <antq/version.hpp>

#include "init.hpp"
#include "unit_strings.hpp"

namespace {

// A class Python cannot construct (results, rules read from files, views) refuses __new__: an instance made by
// __new__ alone holds no C++ object, and pybind11 would hand its methods raw memory.
void refuse_bare_instances(pybind11::module_& m) {
    namespace py = pybind11;
    for (const auto item : py::reinterpret_borrow<py::dict>(m.attr("__dict__"))) {
        if (!PyType_Check(item.second.ptr())) continue;
        auto* type = reinterpret_cast<PyTypeObject*>(item.second.ptr());
        if (py::detail::get_type_info(type) == nullptr) continue;
        const auto own = py::reinterpret_borrow<py::dict>(type->tp_dict);
        // A py::init constructor is a bound method in the class; a class without one only has the slot wrapper.
        if (own.contains("__new__") || (own.contains("__init__") && PyInstanceMethod_Check(own["__init__"].ptr()))) continue;
        const std::string name = py::str(item.first);
        py::setattr(item.second, "__new__", py::staticmethod(py::cpp_function([name](const py::args&, const py::kwargs&) {
                        throw py::type_error("antq." + name + " objects come from the library (a reader, a call or a "
                                             "result), not from " + name + ".__new__");
                    })));
    }
}

}  // namespace

PYBIND11_MODULE(_core, m) {
    m.doc() = "antq's compiled core; use the antq package instead.";
    m.attr("__version__") = antq::version_string;
    antq::python::init_errors(m);
    antq::python::init_model(m);
    antq::python::init_graph(m);
    antq::python::init_unit_strings(m);
    antq::python::init_directive(m);
    antq::python::init_analysis(m);
    antq::python::init_evaluation(m);
    antq::python::init_movement(m);
    antq::python::init_simulation(m);
    antq::python::init_measures(m);
    antq::python::init_io(m);
    antq::python::init_restructure(m);
    refuse_bare_instances(m);
}

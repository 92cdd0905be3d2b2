#pragma once

// One initialiser per binding area; module.cpp calls them in order.

#include <pybind11/pybind11.h>

namespace antq::python {

namespace py = pybind11;

void init_errors(py::module_& m);
void init_graph(py::module_& m);
void init_analysis(py::module_& m);
void init_io(py::module_& m);
void init_directive(py::module_& m);
void init_grassroots(py::module_& m);
void init_models(py::module_& m);
void init_evaluation(py::module_& m);

}  // namespace antq::python

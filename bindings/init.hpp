#pragma once

// One initialiser per area, as include/antq/<area>/ has them; module.cpp calls them in order (a class must be
// registered before another area adds methods to it, so io comes last).

#include <pybind11/pybind11.h>

namespace antq::python {

namespace py = pybind11;

void init_errors(py::module_& m);
void init_model(py::module_& m);
void init_graph(py::module_& m);
void init_directive(py::module_& m);
void init_analysis(py::module_& m);
void init_evaluation(py::module_& m);
void init_movement(py::module_& m);
void init_simulation(py::module_& m);
void init_measures(py::module_& m);
void init_io(py::module_& m);
void init_restructure(py::module_& m);

}  // namespace antq::python

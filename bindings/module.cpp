#include <antq/version.hpp>

#include "init.hpp"

PYBIND11_MODULE(_core, m) {
    m.doc() = "antq's compiled core; use the antq package instead.";
    m.attr("__version__") = antq::version_string;
    antq::python::init_errors(m);
    antq::python::init_model(m);
    antq::python::init_graph(m);
    antq::python::init_directive(m);
    antq::python::init_analysis(m);
    antq::python::init_evaluation(m);
    antq::python::init_movement(m);
    antq::python::init_simulation(m);
    antq::python::init_measures(m);
    antq::python::init_io(m);
    antq::python::init_restructure(m);
}

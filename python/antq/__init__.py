"""antq: typed organisational graphs for Vietnam's all-people movement to protect national security.

The package mirrors the C++ library's areas: :mod:`antq.model` (vocabularies, administrative structures),
:mod:`antq.graph`, :mod:`antq.directive`, :mod:`antq.analysis`, :mod:`antq.evaluation`, :mod:`antq.movement`
(with :mod:`antq.grassroots` and :mod:`antq.models`), :mod:`antq.measures`, :mod:`antq.io` and :mod:`antq.datasets`; :mod:`antq.report`
makes the main job's pages.
"""

from __future__ import annotations

from . import _arguments, _core

_arguments.install(_core)  # before anything below takes a function from _core


def _refuse_pickling(core: object) -> None:
    """A compiled class without pickle support gets TypeError at every protocol: at protocols 0 and 1 pickle would
    otherwise go through copyreg to pybind11's constructor, which aborts the interpreter (pybind11 #6159)."""
    for cls in list(vars(core).values()):
        if not isinstance(cls, type) or vars(cls).get("__reduce__", object.__reduce__) is not object.__reduce__ \
                or "__setstate__" in vars(cls):
            continue

        def refuse(self: object) -> object:
            raise TypeError(f"cannot pickle 'antq.{type(self).__name__}' object")

        cls.__reduce__ = refuse  # type: ignore[assignment]


_refuse_pickling(_core)

from . import analysis, datasets, evaluation, grassroots, measures, model, models, movement, restructure, simulation
from ._core import FrozenGraph, Selector, Tie, TiesView, Unit, UnitsView, __version__, levels, tie_kinds, unit_kinds
from .directive import Directive, Responsibilities, compile
from .errors import (Error, GraphInUseError, HierarchyError, InvalidInputError, IoError, NotFoundError,
                     StaleViewError, WrongTypeError)
from .graph import OrgGraph
from .io import load, loads, parse_graphml, read_graphml
from .model import AdministrativeStructure

_arguments.install_python(__name__)  # last: every public function and class is defined by now

__all__ = [
    "OrgGraph",
    "FrozenGraph",
    "AdministrativeStructure",
    "Directive",
    "Responsibilities",
    "compile",
    "Selector",
    "Unit",
    "Tie",
    "UnitsView",
    "TiesView",
    "load",
    "loads",
    "read_graphml",
    "parse_graphml",
    "analysis",
    "datasets",
    "evaluation",
    "grassroots",
    "model",
    "models",
    "movement",
    "restructure",
    "simulation",
    "measures",
    "levels",
    "unit_kinds",
    "tie_kinds",
    "Error",
    "NotFoundError",
    "InvalidInputError",
    "WrongTypeError",
    "HierarchyError",
    "StaleViewError",
    "IoError",
    "GraphInUseError",
    "__version__",
]

"""antq: typed organisational graphs for Vietnam's all-people movement to protect national security."""

from __future__ import annotations

from . import datasets, evaluation, grassroots, models
from ._core import Selector, Tie, TiesView, Unit, UnitsView, __version__, levels, tie_kinds, unit_kinds
from .errors import Error, HierarchyError, InvalidInputError, IoError, NotFoundError, StaleViewError
from .directive import Directive, Responsibilities, compile
from .graph import OrgGraph, load, loads

__all__ = [
    "OrgGraph",
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
    "datasets",
    "evaluation",
    "grassroots",
    "models",
    "levels",
    "unit_kinds",
    "tie_kinds",
    "Error",
    "NotFoundError",
    "InvalidInputError",
    "HierarchyError",
    "StaleViewError",
    "IoError",
    "__version__",
]

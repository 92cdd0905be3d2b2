"""antq: typed organisational graphs for Vietnam's all-people movement to protect national security.

The package mirrors the C++ library's areas: :mod:`antq.model` (vocabularies, administrative structures),
:mod:`antq.graph`, :mod:`antq.directive`, :mod:`antq.analysis`, :mod:`antq.evaluation`, :mod:`antq.movement`
(with :mod:`antq.grassroots` and :mod:`antq.models`), :mod:`antq.io` and :mod:`antq.datasets`; :mod:`antq.report`
makes the main job's pages.
"""

from __future__ import annotations

from . import analysis, datasets, evaluation, grassroots, model, models, movement
from ._core import Selector, Tie, TiesView, Unit, UnitsView, __version__, levels, tie_kinds, unit_kinds
from .directive import Directive, Responsibilities, compile
from .errors import (Error, GraphInUseError, HierarchyError, InvalidInputError, IoError, NotFoundError,
                     StaleViewError)
from .graph import OrgGraph
from .io import load, loads
from .model import AdministrativeStructure

__all__ = [
    "OrgGraph",
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
    "analysis",
    "datasets",
    "evaluation",
    "grassroots",
    "model",
    "models",
    "movement",
    "levels",
    "unit_kinds",
    "tie_kinds",
    "Error",
    "NotFoundError",
    "InvalidInputError",
    "HierarchyError",
    "StaleViewError",
    "IoError",
    "GraphInUseError",
    "__version__",
]

"""Reading graph files (format ``antq.orggraph``, docs/data-format.md). Every other format is read and written by
its class: ``Directive.load``, ``EvaluationRules.load``, ``Assessments.load``, ``ProgressReports.load``,
``TeamSizingRule.load``, ``ModelRegistry.load`` (and ``loads`` / ``dumps`` / ``save``)."""

from __future__ import annotations

import os

from . import _core
from .graph import OrgGraph

__all__ = ["load", "loads"]


def load(path: str | os.PathLike[str]) -> OrgGraph:
    """Reads a graph file (format ``antq.orggraph``, docs/data-format.md)."""
    graph = OrgGraph._adopt(_core.load(os.fspath(path)))
    _core._release_free_memory()  # the parsed document is freed by now
    return graph


def loads(text: str, source: str = "<string>") -> OrgGraph:
    """Parses a graph document held in a string; ``source`` names it in errors."""
    graph = OrgGraph._adopt(_core.loads(text, source))
    _core._release_free_memory()
    return graph

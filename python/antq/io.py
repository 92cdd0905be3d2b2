"""Reading graph files (format ``antq.orggraph``, docs/data-format.md). Every other format is read and written by
its class: ``Directive.load``, ``EvaluationRules.load``, ``Assessments.load``, ``ProgressReports.load``,
``TeamSizingRule.load``, ``ModelRegistry.load`` (and ``loads`` / ``dumps`` / ``save``)."""

from __future__ import annotations

import os

from . import _core
from .graph import OrgGraph

__all__ = ["load", "loads"]


def load(path: str | os.PathLike[str], *, max_bytes: int = 2**30) -> OrgGraph:
    """Reads a graph file (format ``antq.orggraph``, docs/data-format.md). Only a regular file is read (a FIFO or
    a device is ``cannot_read``); one larger than ``max_bytes`` (1 GiB by default) is ``too_large``."""
    graph = OrgGraph._adopt(_core.load(os.fspath(path), max_bytes=max_bytes))
    _core._release_free_memory()  # the parsed document is freed by now
    return graph


def loads(text: str, source: str = "<string>") -> OrgGraph:
    """Parses a graph document held in a string; ``source`` names it in errors."""
    graph = OrgGraph._adopt(_core.loads(text, source))
    _core._release_free_memory()
    return graph

"""Reading graph files (format ``antq.orggraph``, docs/data-format.md; GraphML with :func:`read_graphml`). Every other format is read and written by
its class: ``Directive.load``, ``EvaluationRules.load``, ``Assessments.load``, ``ProgressReports.load``,
``TeamSizingRule.load``, ``ModelRegistry.load`` (and ``loads`` / ``dumps`` / ``save``)."""

from __future__ import annotations

import os

from . import _core
from .graph import OrgGraph

__all__ = ["load", "loads", "read_graphml", "parse_graphml", "load_admin_list", "parse_admin_list"]


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


def read_graphml(path: str | os.PathLike[str], *, max_bytes: int = 2**30) -> OrgGraph:
    """Reads GraphML that :meth:`OrgGraph.write_graphml` wrote, or that NetworkX wrote from an antq graph
    (docs/data-format.md, "GraphML"): units, ties, their typed attributes and the graph's name, structure and
    attributes. Errors name the file, the line and the element. Only a regular file is read; one larger than
    ``max_bytes`` (1 GiB by default) is ``too_large``."""
    graph = OrgGraph._adopt(_core.read_graphml(os.fspath(path), max_bytes=max_bytes))
    _core._release_free_memory()
    return graph


def parse_graphml(text: str, source: str = "<string>") -> OrgGraph:
    """As :func:`read_graphml`, from text (:meth:`OrgGraph.to_graphml`); ``source`` names it in errors."""
    graph = OrgGraph._adopt(_core.parse_graphml(text, source))
    _core._release_free_memory()
    return graph


def _admin_graph(rows: _core.AdminList, name: str, as_of: str, with_bodies: bool, district_police: bool) -> OrgGraph:
    return OrgGraph._adopt(_core.admin_graph(rows, name, as_of, with_bodies, district_police))


def load_admin_list(
    path: str | os.PathLike[str],
    format: str = "table",
    *,
    name: str = "",
    as_of: str = "",
    with_bodies: bool = False,
    district_police: bool = True,
) -> OrgGraph:
    """Reads a national list of administrative units into a graph (the nation "vn", then every unit with its GSO
    code as id, attribute ``type``). ``format``: ``"table"`` (CSV with columns code, name, level, parent_code, type;
    docs/restructure.md), ``"upstream_csv"`` (units_flat.csv) or ``"upstream_json"`` (mongo_data_vn_unit.json, with
    administrative_units.json beside it). Errors name the file and row or JSON pointer, and both codes of a unit whose
    parent is missing. ``with_bodies`` adds the bodies every territory has by law (see
    :func:`antq.datasets.vietnam`); ``district_police=False`` leaves out district police (none from 01/03/2025)."""
    rows = _core.load_admin_list(os.fspath(path), format)
    return _admin_graph(rows, name or os.path.basename(os.fspath(path)), as_of, with_bodies, district_police)


def parse_admin_list(
    text: str,
    format: str = "table",
    *,
    source: str = "<string>",
    unit_types: str | None = None,
    name: str = "",
    as_of: str = "",
    with_bodies: bool = False,
    district_police: bool = True,
) -> OrgGraph:
    """As :func:`load_admin_list`, from text; ``unit_types`` is the text of administrative_units.json for
    ``format="upstream_json"``."""
    rows = _core.parse_admin_list(text, format, source, unit_types)
    return _admin_graph(rows, name or source, as_of, with_bodies, district_police)

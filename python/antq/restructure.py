"""Structures that change: dated change sets (format ``antq.changes``, docs/restructure.md), applied to a graph into a
new graph and an id map; the differences between two graphs; a timeline of change sets; what-ifs (a level removed,
units merged); and the 2025 reform as a change set.

Every rule lives in the C++ core (``antq::apply`` and friends); this module only turns results into DataFrames.
"""

from __future__ import annotations

import datetime
import json
import math
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from . import _core
from ._frames import frame
from ._json import _plain, iso_date
from .errors import InvalidInputError, _wrong_type
from .graph import OrgGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .directive import Responsibilities

__all__ = [
    "ChangeSet",
    "Applied",
    "Timeline",
    "apply",
    "diff",
    "remove_level",
    "merge",
    "reform_2025",
    "load_changes",
    "compare",
    "compare_pairs",
    "OPERATION_KINDS",
]

ChangeSet = _core.ChangeSet

#: The operations a change set may hold, in the core's order (docs/restructure.md).
OPERATION_KINDS: tuple[str, ...] = _core.operation_kinds

#: The columns of :func:`diff`.
DIFF_COLUMNS: tuple[str, ...] = ("change", "id", "kind", "level", "before", "after")
#: The columns of :attr:`Applied.ids`.
ID_MAP_COLUMNS: tuple[str, ...] = ("before", "after", "share", "how")


def _graph(core: _core.OrgGraph) -> OrgGraph:
    return core if isinstance(core, OrgGraph) else OrgGraph._adopt(core)


def _changes(changes: "ChangeSet | Mapping[str, Any] | str | os.PathLike[str]") -> ChangeSet:
    if isinstance(changes, _core.ChangeSet):
        return changes
    if isinstance(changes, Mapping):
        source = str(changes.get("name") or "<dict>")
        try:  # dates may be datetime.date; NaN and infinity are no JSON, and would reach the reader as text never written
            text = json.dumps(changes, ensure_ascii=False, allow_nan=False, default=_plain)
        except TypeError as error:  # a value no JSON holds (a set, an object)
            raise _wrong_type("changes", f"a change set given as a dict holds JSON values only: {error}") from None
        except ValueError as error:  # NaN or infinity; or a container holding itself
            found = _not_finite(changes) if "Out of range float" in str(error) else None
            if found is None:
                raise InvalidInputError(f"malformed_json: {source}: {error}", "malformed_json", source) from None
            pointer, value = found
            if pointer.endswith("/share"):
                raise InvalidInputError(f"bad_share: {source}:{pointer}: a share is a fraction in (0, 1], not {value}",
                                        "bad_share", f"{source}:{pointer}") from None
            raise InvalidInputError(f"malformed_json: {source}:{pointer}: {value} is not a JSON number",
                                    "malformed_json", f"{source}:{pointer}") from None
        return ChangeSet.loads(text, source)
    if isinstance(changes, (str, os.PathLike)):
        return ChangeSet.load(os.fspath(changes))
    raise _wrong_type("changes", f"expected a ChangeSet, a dict in format antq.changes or a path, found {type(changes).__name__}")


def _not_finite(value: Any, pointer: str = "") -> "tuple[str, Any] | None":
    """The JSON pointer and value of the first NaN or infinity in a change set given as Python data."""
    if isinstance(value, Mapping):
        items: Iterable[tuple[Any, Any]] = value.items()
    elif isinstance(value, (list, tuple)):
        items = enumerate(value)
    elif isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        return None if math.isfinite(float(value)) else (pointer, value)
    else:
        return None
    for key, item in items:
        step = str(key).replace("~", "~0").replace("/", "~1")
        found = _not_finite(item, f"{pointer}/{step}")
        if found:
            return found
    return None


class Applied:
    """The result of :func:`apply`: ``graph`` (the graph after), ``ids`` (the id map as a DataFrame: before, after,
    share, how), and how many ties were reattached or dropped."""

    def __init__(self, core: _core.Applied) -> None:
        self._core = core
        self.graph: OrgGraph = _graph(core.graph)
        self.ties_reattached: int = core.ties_reattached
        self.ties_dropped: int = core.ties_dropped

    @property
    def id_map(self) -> _core.IdMap:
        """The id map as the core holds it (``successors``, ``predecessors``); pass it to :func:`diff`."""
        return self._core.ids

    @property
    def ids(self) -> "pandas.DataFrame":
        """One row per successor of every unit of the graph before: before, after (None if abolished with no
        successor), share (NaN where unknown), how ("kept", "merge", "split", "abolish", "remove_level")."""
        return frame(self._core.ids._columns())

    def successors(self, before: str) -> list[str]:
        """The ids ``before`` became (empty if it was abolished without a successor)."""
        return self._core.ids.successors(before)

    def predecessors(self, after: str) -> list[str]:
        """The ids of the graph before that became (all or part of) ``after``."""
        return self._core.ids.predecessors(after)

    def __repr__(self) -> str:
        return (
            f"<antq.restructure.Applied: {self.graph.number_of_units()} units after, {len(self._core.ids)} id-map rows, "
            f"{self.ties_reattached} ties reattached, {self.ties_dropped} dropped>"
        )


def load_changes(path: str | os.PathLike[str], *, max_bytes: int = 2**30) -> ChangeSet:
    """Reads a change-set file (format ``antq.changes``): regular files only, at most ``max_bytes`` (1 GiB by
    default; larger is ``too_large``)."""
    return ChangeSet.load(os.fspath(path), max_bytes=max_bytes)


def apply(graph: OrgGraph, changes: "ChangeSet | Mapping[str, Any] | str | os.PathLike[str]") -> Applied:
    """Applies a change set (a ChangeSet, a dict in format ``antq.changes`` or a file path) to ``graph``: all or
    nothing, ``graph`` is not changed. Units that live on keep their ids; bodies follow their territory
    (docs/restructure.md). Errors name the operation (``<source>:/operations/17/sources/2``)."""
    return Applied(_core.apply(graph, _changes(changes)))


def diff(before: OrgGraph, after: OrgGraph, ids: "Applied | _core.IdMap | None" = None,
         territories_only: bool = False) -> "pandas.DataFrame":
    """What differs from ``before`` to ``after``, one row per unit: change ("created", "abolished", "merged",
    "split", "renamed", "retyped", "moved"), id, kind, level, before, after. With ``ids`` (an :class:`Applied` or its
    id map), merged and split units name their successors; without it, units are matched by id alone."""
    id_map = ids.id_map if isinstance(ids, Applied) else ids
    # The core's columns are fresh arrays, its categories already in sorted order (as pandas gives them).
    return frame(_core.diff(before, after, id_map, territories_only), copy=False)


class Timeline:
    """A base graph (dated by its attribute ``as_of``) and the change sets that follow it: ``at(date)`` is the graph
    on that date. Each set is applied once, however many dates are asked."""

    def __init__(self, base: OrgGraph, change_sets: Iterable["ChangeSet | Mapping[str, Any] | str | os.PathLike[str]"]) -> None:
        self._core = _core.Timeline(base, [_changes(c) for c in change_sets])

    def at(self, date: "str | datetime.date") -> OrgGraph:
        """The graph on ``date`` (ISO, or a ``datetime.date``), a new graph each call."""
        return _graph(self._core.at(iso_date(date)))

    @property
    def change_sets(self) -> list[ChangeSet]:
        """The change sets, in date order."""
        return self._core.change_sets

    @property
    def base_date(self) -> str:
        return self._core.base_date


def remove_level(graph: OrgGraph, level: str, date: "str | datetime.date" = "") -> Applied:
    """``graph`` without the territorial level ``level`` (as the 2025 reform removed the district): its territories'
    children move up, their bodies go and their subordinates are reattached to the removed bodies' superiors.
    ``date`` (ISO, or a ``datetime.date``) defaults to the graph's ``as_of``."""
    return Applied(_core.remove_level(graph, level, iso_date(date)))


def merge(graph: OrgGraph, units: Sequence[str], into: str, name: str = "", date: "str | datetime.date" = "") -> Applied:
    """``units`` (a list of ids, even for one unit: ``["10951"]``) merged into the existing territory ``into`` (which
    lives on, renamed to ``name`` if given), on ``date`` (ISO, or a ``datetime.date``; default: the graph's
    ``as_of``). One id given as a string is refused (:class:`antq.WrongTypeError`), not read as its characters."""
    if isinstance(units, str):
        raise _wrong_type("units", f"expected a list of unit ids, found the str {units!r}: pass [{units!r}] for one unit")
    return Applied(_core.merge(graph, list(units), into, name, iso_date(date)))


def reform_2025() -> ChangeSet:
    """The reform of 01/07/2025 as a change set (data/vn/reform_2025.json, from the crosswalk of Resolutions
    1654-1687/NQ-UBTVQH15): applied to ``antq.datasets.vietnam("2025-03-01")`` it gives the units of
    ``vietnam("2025-07-01")``; its cases and corrections are listed in docs/restructure.md."""
    return _core.reform_2025()


#: The columns of :func:`compare`.
COMPARE_COLUMNS: tuple[str, ...] = ("section", "measure", "before", "after", "change", "before_synthetic",
                                    "after_synthetic")
#: The columns of :func:`compare_pairs`.
PAIR_COLUMNS: tuple[str, ...] = ("lead", "partner", "before", "after", "gap_before", "gap_after", "synthetic")


def _compared(before: "Responsibilities", after: "Responsibilities") -> tuple[Any, Any, list[str]]:
    return _core._compare(before._core, after._core)


def compare(before: "Responsibilities", after: "Responsibilities") -> "pandas.DataFrame":
    """A directive compiled on two graphs (before and after a change), side by side, as the core computes it
    (``antq::compare``): one row per measure (``section``, ``measure``, ``before``, ``after``, ``change``, and
    ``before_synthetic`` / ``after_synthetic``: how many of the units behind each figure are synthetic). Sections:
    ``reach`` (units bound, recipients, unreached), ``load`` (``load <level> <role>``), ``chains`` (per level of the
    bound bodies: ``bound bodies``, ``chain steps``: the mean steps of their longest chain of command, ``several
    chains``: dual subordination) and ``coordination`` (pairs and gaps). Rows zero on both sides are left out."""
    import pandas as pd

    measures, _, _ = _compared(before, after)
    frame = pd.DataFrame([(s, m, b, a, a - b, bs, as_) for s, m, b, a, bs, as_ in measures], columns=list(COMPARE_COLUMNS))
    return frame.astype({"before": "float64", "after": "float64", "change": "float64",
                         "before_synthetic": "int64", "after_synthetic": "int64"})


def compare_pairs(before: "Responsibilities", after: "Responsibilities") -> "pandas.DataFrame":
    """The coordination pairs that differ between the two tables, matched by unit id: required on one side only, or a
    gap (no tie between the two) on one side only. Columns: lead, partner, before, after (required there), gap_before,
    gap_after, synthetic (either unit is)."""
    import pandas as pd

    _, pairs, _ = _compared(before, after)
    return pd.DataFrame(pairs, columns=list(PAIR_COLUMNS)).astype(
        {c: "bool" for c in PAIR_COLUMNS if c not in ("lead", "partner")})

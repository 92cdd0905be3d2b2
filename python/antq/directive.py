"""Directives as data, compiled onto a graph into a responsibility table, and the analyses over it."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _core
from ._core import Assignment, DatedEvent, Directive, Recipient, Reference, Task
from .graph import OrgGraph

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Directive",
    "Task",
    "Assignment",
    "Recipient",
    "Reference",
    "DatedEvent",
    "Responsibilities",
    "compile",
    "ROLES",
]

#: The roles an assignment can give, in the order reports list them.
ROLES = ("lead", "coordinate", "advise", "monitor", "inform")


class ReachPaths(Mapping[str, list[str]]):
    """Forwarding paths (recipient first) by reached bound unit, computed when looked up."""

    def __init__(self, core: _core._ReachPaths) -> None:
        self._core = core

    def __getitem__(self, unit: str) -> list[str]:
        return self._core[unit]

    def __contains__(self, unit: object) -> bool:
        return isinstance(unit, str) and unit in self._core

    def __iter__(self) -> Iterator[str]:
        return iter(self._core._keys())

    def __len__(self) -> int:
        return len(self._core)


class Responsibilities:
    """A directive compiled onto a graph: one row per (task, unit, role).

    Every analysis reads the graph the directive was compiled on, and raises StaleViewError once that
    graph has changed: compile again.
    """

    def __init__(self, core: _core.Responsibilities) -> None:
        self._core = core

    @property
    def directive(self) -> Directive:
        return self._core.directive

    @property
    def graph(self) -> OrgGraph:
        graph = self._core.graph
        return graph if isinstance(graph, OrgGraph) else OrgGraph._adopt(graph.copy())

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return repr(self._core)

    def to_pandas(self) -> "pandas.DataFrame":
        """The table: task (the clause), unit (id), role, title, assignment, unit_name, unit_kind, unit_level."""
        import pandas as pd

        return pd.DataFrame(self._core._columns())

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Writes the table as UTF-8 CSV."""
        self.to_pandas().to_csv(path, index=False, encoding="utf-8")

    def recipients(self) -> list[str]:
        """Units the recipients list designates."""
        return self._core.recipients()

    def bound_units(self) -> list[str]:
        """Units holding lead, coordinate, advise or monitor in some task."""
        return self._core.bound_units()

    def units_of(self, clause: str, role: str) -> list[str]:
        """The units holding ``role`` in the task with clause ``clause``."""
        return self._core.units_of(clause, role)

    def duties_of(self, unit: str) -> list[tuple[str, str]]:
        """A unit's duties as (clause, role) pairs."""
        return self._core.duties_of(unit)

    def flags(self) -> list[dict[str, Any]]:
        """Assignments landing on units that cannot sensibly hold them (task, assignment, unit, reason)."""
        return self._core.flags()

    def reach(self) -> dict[str, Any]:
        """Forwarding reach: ``recipients``, ``bound``, ``unreached`` (ids) and ``paths`` (a mapping from each
        reached bound unit to its path from a recipient, computed when looked up)."""
        result = self._core.reach()
        result["paths"] = ReachPaths(result["paths"])
        return result

    def load(self) -> dict[str, Any]:
        """Role counts: ``units`` (unit -> role -> count), ``by_level`` (level -> role -> count), ``most_loaded``."""
        return self._core.load()

    def coordination(self) -> list[dict[str, Any]]:
        """Pairs that must coordinate (lead and coordinator of a task in one territory) with the ties joining
        them; ``gap`` is True where none does."""
        return self._core.coordination()

    def accountability(self, unit: str) -> dict[str, Any]:
        """A unit's head and its shortest chain of superiors up to the issuing body, with their heads."""
        return self._core.accountability(unit)

    def task_accountability(self, clause: str) -> dict[str, list[tuple[str, str | None]]]:
        """Per level, the task's lead units and the posts heading them."""
        return self._core.task_accountability(clause)

    def oversight(self) -> dict[str, Any]:
        """``monitors`` (monitor -> units it watches) and ``unmonitored`` bound units."""
        return self._core.oversight()


def compile(directive: Directive, graph: OrgGraph) -> Responsibilities:  # noqa: A001 - the domain's word
    """Expands every selector of ``directive`` on ``graph``. A selector that picks no unit is an error
    naming the clause, the assignment and the selector."""
    return Responsibilities(_core.compile(directive, graph))

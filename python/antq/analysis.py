"""The analyses of a compiled directive: reach through forwarding ties, load per unit and level, the coordination
pairs and their gaps, accountability chains, oversight. :class:`antq.Responsibilities` has them as methods; the
work is done in C++ (antq/analysis/), on the graph the directive was compiled on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from . import _core

__all__ = ["ReachPaths", "ResponsibilityAnalyses"]


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


class ResponsibilityAnalyses:
    """The analyses :class:`antq.Responsibilities` offers. Each raises StaleViewError once the graph has changed."""

    _core: _core.Responsibilities

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

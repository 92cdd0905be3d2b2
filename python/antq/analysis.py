"""The analyses of a compiled directive: reach through forwarding ties, load per unit and level, the coordination
pairs and their gaps, accountability chains, oversight. :class:`antq.Responsibilities` has them as methods; the
work is done in C++ (antq/analysis/), on the graph the directive was compiled on, through its frozen view.

Each result is the plain dict (or list) the analysis gives, with ``to_pandas()`` for a table and a table in
Jupyter (``_repr_html_``)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import _core
from ._frames import html_table

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["ReachPaths", "Reach", "Load", "Coordination", "Accountability", "Oversight", "ResponsibilityAnalyses"]


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

    def __repr__(self) -> str:
        return f"<antq.analysis.ReachPaths: {len(self)} reached units>"


class Reach(dict[str, Any]):
    """Forwarding reach: ``recipients``, ``bound``, ``unreached`` (ids) and ``paths`` (a mapping from each reached
    bound unit to its path from a recipient, computed when looked up)."""

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per bound unit, in unit order: unit, recipient (it is one), reached, path (recipient first;
        empty when unreached)."""
        import pandas as pd

        recipients, paths = set(self["recipients"]), self["paths"]
        rows = [(u, u in recipients, u in paths, paths[u] if u in paths else []) for u in self["bound"]]
        return pd.DataFrame(rows, columns=["unit", "recipient", "reached", "path"])

    def __repr__(self) -> str:
        return (f"<antq.analysis.Reach: {len(self['recipients'])} recipients, {len(self['bound'])} bound units, "
                f"{len(self['unreached'])} unreached>")

    def _repr_html_(self) -> str:
        return html_table(repr(self), self.to_pandas())


class Load(dict[str, Any]):
    """Role counts: ``units`` (unit -> role -> count), ``by_level`` (level -> role -> count), ``most_loaded`` (the ten
    units with most lead, coordinate and monitor roles)."""

    def to_pandas(self, by: str = "unit") -> "pandas.DataFrame":
        """One row per unit holding a role (``by="unit"``: unit and a count column per role, in
        :data:`antq.directive.ROLES` order) or per level (``by="level"``: level and the counts)."""
        import pandas as pd

        if by not in ("unit", "level"):
            from .errors import InvalidInputError

            raise InvalidInputError(f"unknown_by: {by!r}: expected one of unit, level", "unknown_by", repr(by))
        counts = self["units"] if by == "unit" else self["by_level"]
        rows = [{by: key, **{role: roles[role] for role in _core.roles}} for key, roles in counts.items()]
        return pd.DataFrame(rows, columns=[by, *_core.roles])

    def __repr__(self) -> str:
        return f"<antq.analysis.Load: {len(self['units'])} units hold a role>"

    def _repr_html_(self) -> str:
        return html_table(repr(self) + " (by level)", self.to_pandas("level"))


class Coordination(list[dict[str, Any]]):
    """Pairs that must coordinate (lead and coordinator of a task in one territory): ``lead``, ``partner``,
    ``tasks`` (clauses), ``ties`` (kinds joining them) and ``gap`` (True where no tie does)."""

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per pair: lead, partner, tasks, ties, gap."""
        import pandas as pd

        return pd.DataFrame(list(self), columns=["lead", "partner", "tasks", "ties", "gap"])

    def gaps(self) -> "Coordination":
        """The pairs no tie joins."""
        return Coordination(p for p in self if p["gap"])

    def __repr__(self) -> str:
        return f"<antq.analysis.Coordination: {len(self)} pairs, {sum(1 for p in self if p['gap'])} gaps>"

    def _repr_html_(self) -> str:
        return html_table(repr(self), self.to_pandas())


class Accountability(dict[str, Any]):
    """A unit's ``head`` and its shortest ``chain`` of superiors (the unit first) up to the issuing body, with the
    ``chain_heads`` (None where a body has no head post)."""

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per link of the chain, the unit first: unit, head."""
        import pandas as pd

        return pd.DataFrame(list(zip(self["chain"], self["chain_heads"])), columns=["unit", "head"])

    def __repr__(self) -> str:
        return f"<antq.analysis.Accountability of {self['unit']!r}: chain of {len(self['chain'])}>"

    def _repr_html_(self) -> str:
        return html_table(repr(self), self.to_pandas())


class Oversight(dict[str, Any]):
    """``monitors`` (monitor -> units it watches) and ``unmonitored`` bound units."""

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per (monitor, watched unit), monitors in unit order."""
        import pandas as pd

        rows = [(m, u) for m, watched in self["monitors"].items() for u in watched]
        return pd.DataFrame(rows, columns=["monitor", "unit"])

    def __repr__(self) -> str:
        return (f"<antq.analysis.Oversight: {len(self['monitors'])} monitors, "
                f"{len(self['unmonitored'])} bound units unmonitored>")

    def _repr_html_(self) -> str:
        import pandas as pd

        counts = pd.DataFrame([(m, len(w)) for m, w in self["monitors"].items()], columns=["monitor", "watches"])
        return html_table(repr(self), counts)


class ResponsibilityAnalyses:
    """The analyses :class:`antq.Responsibilities` offers. Each raises StaleViewError once the graph has changed."""

    _core: _core.Responsibilities

    def reach(self) -> Reach:
        """Forwarding reach from the recipients along ``forwards`` ties (:class:`Reach`)."""
        result = Reach(self._core.reach())
        result["paths"] = ReachPaths(result["paths"])
        return result

    def load(self) -> Load:
        """Role counts per unit and level (:class:`Load`)."""
        return Load(self._core.load())

    def coordination(self) -> Coordination:
        """Pairs that must coordinate, with the ties joining them (:class:`Coordination`)."""
        return Coordination(self._core.coordination())

    def accountability(self, unit: str) -> Accountability:
        """A unit's head and its shortest chain of superiors up to the issuing body (:class:`Accountability`)."""
        return Accountability(self._core.accountability(unit))

    def task_accountability(self, clause: str) -> dict[str, list[tuple[str, str | None]]]:
        """Per level, the task's lead units and the posts heading them."""
        return self._core.task_accountability(clause)

    def oversight(self) -> Oversight:
        """Who monitors whom (:class:`Oversight`)."""
        return Oversight(self._core.oversight())

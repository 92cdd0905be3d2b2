"""Directives as data, compiled onto a graph into a responsibility table (with the analyses of antq.analysis), and
the follow-up of a compiled directive from progress reports (format ``"antq.progress"``): every duty done, done
late, open or overdue on a day; roll-ups; what the monitors (the provincial police) see."""

from __future__ import annotations

import datetime
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping

from . import _core
from ._core import Assignment, DatedEvent, Directive, ProgressReports, Recipient, Reference, Task
from ._frames import frame, one_of
from .errors import InvalidInputError, _wrong_type
from ._json import dumps
from .analysis import ResponsibilityAnalyses
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
    "ProgressReports",
    "FollowUp",
    "load_progress",
    "progress_from_records",
    "example_progress",
    "follow_up",
    "ROLES",
    "DUTY_STATES",
    "PROGRESS_STATUSES",
]

#: The roles an assignment can give, in the order reports list them (antq.model.roles).
ROLES: tuple[str, ...] = _core.roles
#: Where a duty stands on the day of a follow-up (antq.model.duty_states).
DUTY_STATES: tuple[str, ...] = _core.duty_states
#: What a progress report says of a clause (antq.model.progress_statuses).
PROGRESS_STATUSES: tuple[str, ...] = _core.progress_statuses


class Responsibilities(ResponsibilityAnalyses):
    """A directive compiled onto a graph: one row per (task, unit, role).

    Every analysis (:mod:`antq.analysis`) reads the graph the directive was compiled on, and raises StaleViewError
    once that graph has changed: compile again.
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
        """The table: task (the clause), unit (id), role, title, assignment, assignments, recipient, recipients,
        unit_name, unit_kind, unit_level. A row is one (task, unit, role); when several assignments of the clause
        give it, ``assignments`` holds them all, a tuple of indices into the clause's assignments in the directive's
        order, and ``assignment`` the first, so ``table.explode("assignments")`` has one row per assignment. The
        ``inform`` rows from the recipients list have assignment -1, an empty tuple in ``assignments`` and name their
        entry in ``recipient`` (None on the other rows). ``recipients`` holds the labels of every entry of the list
        designating the unit of an ``inform`` row, in the list's order (an empty tuple on the other rows)."""
        import pandas as pd

        return pd.DataFrame(self._core._columns())

    def to_csv(self, path: str | os.PathLike[str]) -> None:
        """Writes the table as UTF-8 CSV; a cell of ``assignments`` holds the indices separated by spaces (``0 4``;
        empty on a row from the recipients list), one of ``recipients`` the labels separated by `` | ``."""
        table = self.to_pandas()
        table["assignments"] = [" ".join(map(str, behind)) for behind in table["assignments"]]
        table["recipients"] = [" | ".join(labels) for labels in table["recipients"]]
        table.to_csv(os.fspath(path), index=False, encoding="utf-8")

    def recipients(self) -> list[str]:
        """Units the recipients list designates."""
        return self._core.recipients()

    def recipients_outside(self) -> list[dict[str, str]]:
        """The entries of the recipients list that name no unit of the graph (``label``, and ``note``: why)."""
        return self._core.recipients_outside()

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

    def targets(self, clause: str, assignment: int, unit: str | None = None) -> list[str]:
        """The units assignment ``assignment`` (its index in the clause) of clause ``clause`` is exercised on, in unit
        order. With ``unit`` (one of its assignees), those of that unit: for an assignment whose ``target_within`` is
        ``"assignee"``, the targets lying in the territory the unit serves. Without, every unit some assignee targets.
        An assignment without a target has none."""
        return self._core.targets(clause, assignment, unit)

    def dropped(self) -> list[str]:
        """What ``compile(..., translate={"drop_unmatched": True})`` left out: one line per assignment or recipient
        whose selector matched nothing after translation."""
        return self._core.dropped()


def compile(  # noqa: A001 - the domain's word
    directive: Directive,
    graph: OrgGraph,
    translate: Mapping[str, Any] | None = None,
) -> Responsibilities:
    """Expands every selector of ``directive`` on ``graph``. Selectors that pick no unit are an error
    (``unmatched_selector``) listing each one with its clause and assignment: a directive written for three tiers,
    compiled on a two-tier graph, names every selector that needs the district.

    ``translate`` carries a directive across a change of structure (docs/restructure.md): ``{"levels": {"district":
    "commune"}}`` replaces ``level(district)`` by ``level(commune)``; ``"ids": {old: [new, ...]}`` (or an
    :class:`antq.restructure.Applied` or its id map: each unit that did not live on becomes its successors) replaces ``id(...)`` and ``within(...)``;
    ``"drop_unmatched": True`` leaves out the assignments and recipients that still match nothing, listed by
    ``Responsibilities.dropped()``."""
    for name, value, cls in (("directive", directive, Directive), ("graph", graph, _core.OrgGraph)):
        if not isinstance(value, cls):  # as the core says of None; pybind11 would print its own signature
            found = "None" if value is None else type(value).__name__
            raise _wrong_type(name, f"expected an antq.{cls.__name__}, found {found}")
    if translate is None:
        return Responsibilities(_core.compile(directive, graph))
    return Responsibilities(_core._compile_translated(directive, graph, *_translation(translate)))


def _translation(translate: Mapping[str, Any]) -> tuple[list[tuple[str, str]], list[tuple[str, list[str]]], bool]:
    """A ``translate=`` mapping as the core takes it: level pairs, id lists, drop_unmatched (also for
    :func:`antq.evaluation.evaluate`). A value of the wrong type is refused (:class:`antq.WrongTypeError`), never read
    as something else: a string as its characters, ``"yes"`` as true."""
    if not isinstance(translate, Mapping):
        raise _wrong_type("translate", "expected a dict with 'levels' (a dict {from: to}), 'ids' (a dict, an "
                          f"antq.restructure.Applied or its id map) and 'drop_unmatched' (a bool), found {_found(translate)}")
    unknown = set(translate) - {"levels", "ids", "drop_unmatched"}
    if unknown:
        raise InvalidInputError(
            f"unknown_field: translate: expected 'levels', 'ids' or 'drop_unmatched', not {sorted(unknown)}",
            "unknown_field", "translate")
    levels_given = translate.get("levels") or {}
    if not isinstance(levels_given, Mapping):
        raise _wrong_type("translate/levels", f"expected a dict {{from: to}}, found {_found(levels_given)}")
    levels = [(str(a), str(b)) for a, b in levels_given.items()]
    ids_given = translate.get("ids") or {}
    if hasattr(ids_given, "id_map"):  # an antq.restructure.Applied
        ids_given = ids_given.id_map
    if isinstance(ids_given, _core.IdMap):
        ids_given = dict(ids_given.replacements())
    if not isinstance(ids_given, Mapping):
        raise _wrong_type("translate/ids", "expected a dict {old: [new, ...]}, an antq.restructure.Applied or its id "
                          f"map, found {_found(ids_given)}")
    ids = [(str(a), [str(x) for x in ([b] if isinstance(b, str) else b)]) for a, b in ids_given.items()]
    drop = translate.get("drop_unmatched", False)
    if not isinstance(drop, bool) and type(drop).__name__ != "bool_":  # NumPy's bool is one too
        raise _wrong_type("translate/drop_unmatched", f"expected True or False, found {_found(drop)}")
    return levels, ids, bool(drop)


def _found(value: object) -> str:
    """A value's type for an error, with a short value for a string (``str 'district=commune'``)."""
    if isinstance(value, str):
        return f"the str {value[:40]!r}"
    return "None" if value is None else type(value).__name__


# ---- progress reports and the follow-up -------------------------------------------------------------------


def load_progress(path: "str | os.PathLike[str]", *, max_bytes: int = 2**30) -> ProgressReports:
    """Reads a reports file (format ``"antq.progress"``); a larger file than ``max_bytes`` is ``too_large``."""
    return ProgressReports.load(os.fspath(path), max_bytes=max_bytes)


def progress_from_records(directive: str, reports: Iterable[Mapping[str, Any]], source: str = "reports") -> ProgressReports:
    """Reports from Python data: dicts with ``unit``, ``clause``, ``status`` (not_started / in_progress / done),
    ``date`` and optionally ``evidence``, about the directive with id ``directive``."""
    document = {"format": "antq.progress", "version": 1, "directive": directive, "reports": list(reports)}
    return ProgressReports.loads(dumps(document, source, "reports"), source)


def example_progress(
    table: "Responsibilities", as_of: "str | datetime.date", seed: int = 2024, undated_due: "str | datetime.date | None" = None
) -> ProgressReports:
    """Clearly synthetic reports for every unit with a duty in ``table``, dated up to ``as_of`` (``"YYYY-MM-DD"`` or
    a ``datetime.date``): about 70% done by the due day, 8% late, 10% in progress, 4% not started, 8% silent. The
    seed is an int from 0 to 2**64 - 1."""
    return _core.example_progress(table._core, as_of, seed, undated_due)


class FollowUp:
    """Where every lead and coordinate duty of a compiled directive stands on one day."""

    def __init__(self, core: _core.FollowUp) -> None:
        self._core = core

    @property
    def as_of(self) -> str:
        return self._core.as_of

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return f"<antq.FollowUp on {self.as_of}: {len(self)} duties>"

    @property
    def duties(self) -> "pandas.DataFrame":
        """One row per duty: unit, name, kind, level, district, clause, assignment, role, due (None: never due),
        due_assumed (True: due is the undated due day, an assumption, not a date of the text), state (done / done_late / open / overdue), latest_status and latest_date (the unit's latest report on the
        clause), done_on."""
        self._core.check_current()
        # As an evaluation's tables: made afresh on each read, the caller's own.
        return frame(self._core._duties())

    def overdue(self) -> "pandas.DataFrame":
        """The overdue duties, by due day then unit order."""
        return self.duties.iloc[self._core._overdue()].reset_index(drop=True)

    def roll_ups(self, level: str | None = None, clause: str | None = None) -> "pandas.DataFrame":
        """Duties per territory (the units of a territory and everything below) and clause: territory, name, level,
        clause, duties, done, done_late, open, overdue, unreported."""
        table = frame(self._core._roll_ups())
        if level is not None:
            one_of("level", level, _core.levels)
            table = table[table["level"] == level]
        if clause is not None:
            one_of("clause", clause, list(dict.fromkeys(table["clause"])))
            table = table[table["clause"] == clause]
        return table.reset_index(drop=True)

    def monitoring(self) -> "pandas.DataFrame":
        """One row per monitor per monitor assignment (e.g. the provincial police under the closing clause):
        monitor, clause, assignment, targets, duties, done, done_late, open, overdue."""
        import pandas as pd

        rows = [{k: v for k, v in view.items() if k != "overdue_duties"} for view in self._core._monitoring()]
        return pd.DataFrame(rows, columns=["monitor", "clause", "assignment", "targets", "duties", "done", "done_late", "open", "overdue"])

    def monitor_view(self, monitor: str) -> "pandas.DataFrame":
        """The overdue duties of the units ``monitor`` watches, by due day then unit order."""
        views = [v for v in self._core._monitoring() if v["monitor"] == monitor]
        if not views:
            from .errors import NotFoundError

            raise NotFoundError(
                f"unknown_monitor: '{monitor}': the directive gives it no monitor assignment", "unknown_monitor", f"'{monitor}'"
            )
        watched = {i for view in views for i in view["overdue_duties"]}
        rows = [i for i in self._core._overdue() if i in watched]  # by due day, then unit order
        return self.duties.iloc[rows].reset_index(drop=True)


def follow_up(
    table: "Responsibilities", reports: ProgressReports, as_of: "str | datetime.date",
    undated_due: "str | datetime.date | None" = None
) -> FollowUp:
    """Follows up ``table`` (a compiled directive) on day ``as_of`` (ISO date). A duty is due on its assignment's
    deadline, else at the end of its window, else on ``undated_due`` (None: never due). A report that cannot be
    used raises an :class:`antq.Error` naming it (unknown unit or clause, a unit without duty in the clause, a date
    after ``as_of``, the same unit, clause and day twice)."""
    return FollowUp(_core.follow_up(table._core, reports, as_of, undated_due))

"""The grassroots security force (Law 30/2023/QH15, in force 01/07/2024).

One Tổ bảo vệ an ninh, trật tự (security team) per thôn / tổ dân phố, its size set by the province from the
village's households. A :class:`TeamSizingRule` is that setting as data (JSON format ``"antq.team_sizing"``);
:func:`plan_teams` sizes a team for every village of a graph; :func:`add_teams` brings the graph in line with
a plan. Guide: docs/grassroots.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import _core
from .._core import TeamSizeBand, TeamSizingRule

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ..graph import OrgGraph

__all__ = [
    "TeamSizingRule",
    "TeamSizeBand",
    "TeamPlan",
    "default_rule",
    "default_rule_json",
    "plan_teams",
    "add_teams",
    "LEVELS",
]

#: The levels :meth:`TeamPlan.totals` adds up to (antq.model.team_plan_levels).
LEVELS: tuple[str, ...] = _core.team_plan_levels

_TOTAL_COLUMNS = ("territory", "name", "teams", "members", "assumed_teams", "assumed_members")


def default_rule() -> TeamSizingRule:
    """Hải Dương's rule from 01/07/2024: fewer than 800 households -> 3 members, 800-999 -> 4, 1,000 or more
    -> 5. The last band is an assumption (the source is cut off there): ``rule.bands[2].assumed`` is True."""
    return _core.default_team_sizing_rule()


def default_rule_json() -> str:
    """The JSON text of :func:`default_rule` (the same as data/rules/team_sizing_hai_duong_2024.json): a starting
    point for a rule of your own."""
    return _core.default_team_sizing_rule_json()


class TeamPlan:
    """One security team per village, sized by a rule, next to what the graph already holds.

    Made by :func:`plan_teams`. Villages come in the graph's unit order; territories are named by id.
    """

    def __init__(self, core: _core.TeamPlan) -> None:
        self._core = core

    @property
    def rule(self) -> TeamSizingRule:
        """The rule the plan was made with."""
        return self._core.rule

    @property
    def total(self) -> dict[str, Any]:
        """Teams and members of the whole plan (``teams``, ``members``, ``assumed_teams``, ``assumed_members``)."""
        return self._core.total

    def __len__(self) -> int:
        return len(self._core)

    def __repr__(self) -> str:
        return repr(self._core)

    def to_pandas(self) -> "pandas.DataFrame":
        """One row per village: village, commune, district, households, members, assumed, existing_team,
        existing_members (``<NA>`` where the village has no team or it has no integer ``members``)."""
        import pandas as pd

        columns = self._core._columns()
        del columns["province"]
        frame = pd.DataFrame(columns)
        frame["existing_members"] = frame["existing_members"].astype("Int64")
        return frame

    def totals(self, level: str = "province", *, as_dict: bool = False) -> "pandas.DataFrame | dict[str, dict[str, Any]]":
        """Teams and members per territory at ``level`` ("commune", "district" or "province"), for the territories
        holding a village, in unit order: a DataFrame (territory, name, teams, members, assumed_teams,
        assumed_members), or with ``as_dict=True`` a dict from territory id to the other columns."""
        rows = self._core._totals(level)
        if as_dict:
            return {r["territory"]: {k: r[k] for k in _TOTAL_COLUMNS[1:]} for r in rows}
        import pandas as pd

        return pd.DataFrame([{k: r[k] for k in _TOTAL_COLUMNS} for r in rows], columns=list(_TOTAL_COLUMNS))

    def disagreements(self) -> list[str]:
        """Villages whose existing team's ``members`` differs from the rule (or is missing)."""
        return self._core.disagreements()

    def missing(self) -> list[str]:
        """Villages without a security team."""
        return self._core.missing()


def plan_teams(graph: "OrgGraph", rule: TeamSizingRule | None = None) -> TeamPlan:
    """Sizes a team for every village of ``graph`` from its ``households`` attribute, by ``rule`` (default:
    :func:`default_rule`). A village without an integer ``households`` >= 0, or outside any commune, raises
    :class:`antq.InvalidInputError` naming it (tags ``missing_households``, ``bad_households``, ``no_commune``)."""
    return TeamPlan(_core.plan_teams(graph, default_rule() if rule is None else rule))


def add_teams(graph: "OrgGraph", plan: TeamPlan) -> int:
    """Adds ``<village>.team`` for every planned village without a team (serving it; directed and forwarded to by
    the commune People's Committee, guided and inspected by the commune police) and corrects ``members`` on
    existing teams. All or nothing. Returns the number of teams added."""
    return _core.add_teams(graph, plan._core if isinstance(plan, TeamPlan) else plan)

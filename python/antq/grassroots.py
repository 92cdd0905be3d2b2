"""The grassroots security force: :mod:`antq.movement.grassroots`, under its short name."""

from __future__ import annotations

from .movement.grassroots import (
    LEVELS,
    TeamPlan,
    TeamSizeBand,
    TeamSizingRule,
    add_teams,
    default_rule,
    default_rule_json,
    plan_teams,
)

__all__ = ["TeamSizingRule", "TeamSizeBand", "TeamPlan", "default_rule", "default_rule_json", "plan_teams", "add_teams",
           "LEVELS"]

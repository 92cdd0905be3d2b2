"""The vocabularies and the administrative structure, as the C++ core defines them (never retyped here).

Each vocabulary is a tuple of names in the core's order: ``levels``, ``unit_kinds``, ``territory_kinds``,
``tie_kinds``, ``roles``,
``progress_statuses``, ``duty_states``, ``title_outcomes``, ``dossier_statuses``, ``model_statuses``,
``model_actions``, ``team_plan_levels``. :class:`AdministrativeStructure` says which levels exist and which may
contain which: ``AdministrativeStructure.preset("three_tier")`` (until 30/06/2025), ``"two_tier"`` (from 01/07/2025),
``"either"`` (the default of a new graph). :func:`name_key` compares Vietnamese names whatever the place of their tone
mark ("Hòa" / "Hoà"), their case or their spacing.
"""

from __future__ import annotations

from ._core import (
    AdministrativeStructure,
    dossier_statuses,
    duty_states,
    levels,
    model_actions,
    model_statuses,
    name_key,
    progress_statuses,
    roles,
    team_plan_levels,
    territory_kinds,
    tie_kinds,
    title_outcomes,
    unit_kinds,
)

__all__ = [
    "AdministrativeStructure",
    "levels",
    "unit_kinds",
    "territory_kinds",
    "tie_kinds",
    "roles",
    "progress_statuses",
    "duty_states",
    "title_outcomes",
    "dossier_statuses",
    "model_statuses",
    "model_actions",
    "team_plan_levels",
    "name_key",
]

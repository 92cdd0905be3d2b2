"""Self-managed security models: :mod:`antq.movement.models`, under its short name."""

from __future__ import annotations

from .movement.models import ACTIONS, STATUSES, ModelRegistry, example_registry

__all__ = ["ModelRegistry", "example_registry", "STATUSES", "ACTIONS"]

"""The movement's own structures: the grassroots security force (:mod:`antq.movement.grassroots`, Law 30/2023/QH15)
and the self-managed security models (:mod:`antq.movement.models`, HD 22/HD-BCA-V05). Both are also importable as
``antq.grassroots`` and ``antq.models``."""

from __future__ import annotations

from . import grassroots, models

__all__ = ["grassroots", "models"]

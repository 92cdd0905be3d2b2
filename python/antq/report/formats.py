"""How figures read as text, shared by the terminal summary and the templates (as Jinja2 filters)."""

from __future__ import annotations

import math
from typing import Any, Mapping

from ..model import levels

__all__ = ["is_missing", "blank", "percent", "per_level"]


def is_missing(value: Any) -> bool:
    """None, NaN and pandas' NA: what a DataFrame cell holds when there is nothing to show."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd

        return value is pd.NA or value is pd.NaT
    except ImportError:  # pragma: no cover
        return False


def blank(value: Any, empty: str = "") -> Any:
    """``value``, or ``empty`` where the cell holds nothing."""
    return empty if is_missing(value) else value


def percent(share: Any, digits: int = 1) -> str:
    """A share (0..1) as a percentage; "" where there is none (no title, nothing eligible)."""
    return "" if is_missing(share) else f"{100 * float(share):.{digits}f}%"


def per_level(counts: Mapping[str, Any]) -> str:
    """Counts keyed by level as "province 1, district 12, commune 235": levels in the core's order, zeros left out."""
    return ", ".join(f"{level} {int(counts[level])}" for level in levels if level in counts and counts[level])

"""Datasets embedded in the library."""

from __future__ import annotations

from . import _core
from .directive import Directive
from .graph import OrgGraph

__all__ = ["hai_duong_2024", "directive_2024"]


def hai_duong_2024() -> OrgGraph:
    """Hải Dương province on 01/07/2024, before the commune arrangement of 01/12/2024: 12 district-level
    units, 235 communes (185 with the GSO code and name of the pre-2025 list, 47 placeholders), synthetic
    villages, and the bodies and posts of the movement at every level. Real and synthetic parts are
    described in the project's data/README.md; synthetic units carry ``synthetic: True``."""
    return OrgGraph._adopt(_core.hai_duong_2024())


def directive_2024() -> Directive:
    """Hải Dương's 2024 directive on the movement: clauses 1-6, the closing assignment, recipients,
    references and dates, with selectors written for :func:`hai_duong_2024`. Its number and date are not
    known and stay empty."""
    return _core.directive_2024()

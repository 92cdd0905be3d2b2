"""Datasets embedded in the library."""

from __future__ import annotations

from . import _core
from .directive import Directive
from .graph import OrgGraph

__all__ = ["hai_duong_2024", "directive_2024", "vietnam", "vietnam_csv", "notices"]


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


def vietnam(as_of: str, with_bodies: bool = False) -> OrgGraph:
    """Vietnam's administrative units in force on ``as_of`` (ISO date), from the GSO lists (data/README.md):

    - ``"2025-03-01"`` to ``"2025-06-30"``: three tiers, 1 nation, 63 provinces, 696 districts, 10,035 communes;
    - from ``"2025-07-01"``: two tiers, 1 nation, 34 provinces, 3,321 communes.

    Territories have their GSO code as id, their short name, and attribute ``type`` ("xã", "phường", "đặc khu",
    "tỉnh", "thành phố trực thuộc trung ương" ...). ``with_bodies=True`` adds the bodies every territory has by law
    (People's Council, People's Committee, police, Fatherland Front committee, each with its head post, named by
    rule), without district police (abolished from 01/03/2025)."""
    return OrgGraph._adopt(_core.vietnam(as_of, with_bodies))


def vietnam_csv(as_of: str) -> str:
    """The embedded list :func:`vietnam` reads, in the generic table format (code,name,level,parent_code,type)."""
    return _core.vietnam_csv(as_of)


def notices() -> dict[str, str]:
    """The licence notices (MIT) of the third-party lists the embedded data derives from, by the dataset they cover
    (``"hai_duong_2024"``, ``"vietnam"``, ``"reform_2025"``): they travel inside the library with the data, and are
    installed as files in the package's ``notices`` folder."""
    return {dataset: text for dataset, _file, text in _core.data_notices()}

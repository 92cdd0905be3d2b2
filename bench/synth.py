"""Deterministic synthetic national-scale hierarchy (no real data is read).

Shape, for the full size: 1 nation, 63 provinces, ~700 districts, ~10,600 communes, 6-10 villages per
commune (~85,000). Every province, district and commune has a People's Committee (``.pc``) and a police
body (``.police``) serving it; every village has a security team (``.st``). Subordination (``directs``):

    PC upper -> PC lower, police upper -> police lower, PC -> police of the same level (dual subordination),
    commune police -> village security team, commune PC -> village security team.

Ids: province 2 digits, district 3 digits, commune 5 digits (GSO widths); everything else is non-numeric:
``"01234-v3"`` (village), ``"01234.pc"``, ``"01234.police"``, ``"01234-v3.st"``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import pandas as pd

NATION = "VN"
TERRITORY_KINDS = ("nation", "province", "district", "commune", "village")


@dataclass(frozen=True)
class Shape:
    provinces: int = 63
    districts_per_province: tuple[int, int] = (8, 15)  # 11.5 on average -> ~700
    communes_per_district: tuple[int, int] = (8, 22)  # 15 on average -> ~10,600
    villages_per_commune: tuple[int, int] = (6, 10)


FULL = Shape()
QUICK = Shape(provinces=6, districts_per_province=(3, 5), communes_per_district=(8, 12))  # ~5,000 units


@dataclass
class _Rows:
    units: dict[str, list[str]] = field(default_factory=lambda: {"id": [], "name": [], "kind": [], "level": []})
    ties: dict[str, list[str]] = field(default_factory=lambda: {"source": [], "target": [], "kind": []})

    def unit(self, uid: str, name: str, kind: str, level: str) -> None:
        for column, value in zip(("id", "name", "kind", "level"), (uid, name, kind, level)):
            self.units[column].append(value)

    def tie(self, source: str, target: str, kind: str) -> None:
        for column, value in zip(("source", "target", "kind"), (source, target, kind)):
            self.ties[column].append(value)


_WORD = {"province": "tỉnh", "district": "huyện", "commune": "xã"}


def _territory(rows: _Rows, code: str, level: str, parent: str) -> None:
    """A province, district or commune with its People's Committee and police (dual subordination)."""
    rows.unit(code, f"{_WORD[level].capitalize()} {code}", level, level)
    rows.tie(parent, code, "contains")
    pc, police = f"{code}.pc", f"{code}.police"
    rows.unit(pc, f"Ủy ban nhân dân {_WORD[level]} {code}", "peoples_committee", level)
    rows.unit(police, f"Công an {_WORD[level]} {code}", "police", level)
    rows.tie(pc, code, "serves")
    rows.tie(police, code, "serves")
    if level != "province":  # provinces' bodies have no superior body in this graph
        rows.tie(f"{parent}.pc", pc, "directs")
        rows.tie(f"{parent}.police", police, "directs")
    rows.tie(pc, police, "directs")


def _village(rows: _Rows, commune: str, k: int) -> None:
    vid = f"{commune}-v{k}"
    rows.unit(vid, f"Thôn {k}, xã {commune}", "village", "village")
    rows.tie(commune, vid, "contains")
    team = f"{vid}.st"
    rows.unit(team, f"Tổ bảo vệ an ninh trật tự thôn {k}, xã {commune}", "security_team", "village")
    rows.tie(team, vid, "serves")
    rows.tie(f"{commune}.police", team, "directs")
    rows.tie(f"{commune}.pc", team, "directs")


def generate(shape: Shape = FULL, seed: int = 2024) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units and ties DataFrames (columns id, name, kind, level / source, target, kind)."""
    rng = random.Random(seed)
    rows = _Rows()
    rows.unit(NATION, "Việt Nam", "nation", "nation")
    district_no, commune_no = 0, 0
    for p in sorted(rng.sample(range(1, 97), shape.provinces)):
        province = f"{p:02d}"
        _territory(rows, province, "province", NATION)
        for _ in range(rng.randint(*shape.districts_per_province)):
            district_no += 1
            district = f"{district_no:03d}"
            _territory(rows, district, "district", province)
            for _ in range(rng.randint(*shape.communes_per_district)):
                commune_no += 3  # GSO commune codes run in steps of 3
                commune = f"{commune_no:05d}"
                _territory(rows, commune, "commune", district)
                for k in range(1, rng.randint(*shape.villages_per_commune) + 1):
                    _village(rows, commune, k)
    assert district_no <= 999 and commune_no <= 99999, "ids would outgrow their GSO widths"
    return pd.DataFrame(rows.units), pd.DataFrame(rows.ties)


def provinces(units: pd.DataFrame) -> list[str]:
    return units.loc[units["kind"] == "province", "id"].tolist()

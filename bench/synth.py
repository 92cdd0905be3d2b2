"""Deterministic synthetic national-scale hierarchy (no real data is read).

Shape, for the full size: 1 nation, 63 provinces, ~700 districts, ~10,600 communes, 6-10 villages per
commune (~85,000). Every province, district and commune has a People's Committee (``.pc``) and a police
body (``.police``) serving it; every village has a security team (``.st``). Subordination (``directs``):

    PC upper -> PC lower, police upper -> police lower, PC -> police of the same level (dual subordination),
    commune police -> village security team, commune PC -> village security team.

Ids: province 2 digits, district 3 digits, commune 5 digits (GSO widths); everything else is non-numeric:
``"01234-v3"`` (village), ``"01234.pc"``, ``"01234.police"``, ``"01234-v3.st"``.

``generate(..., directive=True)`` adds what a directive needs, after and apart from the rows above (which
stay exactly as without it, so the national benchmark's graph is unchanged): two national bodies
(``VN.mps`` Bộ Công an, ``VN.gov_office`` Văn phòng Chính phủ) with head posts, head posts of the province
and district People's Committees (``"01.pc.head"``), ``VN.mps`` directs the provincial police, an
``attributes`` column (see ``_Extras``) and the ``forwards`` ties documents travel along::

    VN.gov_office -> provincial PC, VN.mps -> provincial police, PC -> PC one level down,
    PC -> police of the same level, police -> police one level down.

A few communes (every 333rd) get no ``forwards`` tie to their People's Committee: the gaps ``reach`` finds.
The extras draw from their own random stream, so the base rows do not move.

``generate(..., evaluation=True)`` (implies ``directive=True``) appends, after the directive's rows, what the
yearly evaluation picks besides villages, communes and districts (see ``_EvaluationExtras``): per commune a
lower-secondary school with its principal and an enterprise, in every 4th commune a primary school; per
province two departments and the military command; head posts of the commune People's Committees and of the
district and commune police. Its own random stream again: the base and directive rows do not move.
"""

from __future__ import annotations

import random
from collections import defaultdict
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

#: Every 333rd commune (by number) has no ``forwards`` tie to its People's Committee.
GAP_EVERY = 333


class _Extras:
    """What ``generate(directive=True)`` adds, collected apart from the base rows and appended after them.

    Attributes: territories ``type`` (tỉnh / thành phố; huyện / quận / thị xã / thành phố; xã / phường /
    thị trấn, as in data/hai_duong_2024.json), commune police ``regular`` (bool: công an chính quy),
    security teams ``members`` (int, 3-5), some district People's Committees ``pilot`` (true)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}/directive")  # its own stream: the base rows do not move
        self.rows = _Rows()
        self.attributes: dict[str, dict] = defaultdict(dict)
        self.district_type: dict[str, str] = {}
        self.communes_in: dict[str, int] = defaultdict(int)

    def national(self) -> None:
        rows = self.rows
        for uid, name, kind, head in (
            ("VN.mps", "Bộ Công an", "ministry", "Bộ trưởng Bộ Công an"),
            ("VN.gov_office", "Văn phòng Chính phủ", "agency", "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ"),
        ):
            rows.unit(uid, name, kind, "nation")
            rows.tie(uid, NATION, "serves")
            rows.unit(f"{uid}.head", head, "post", "nation")
            rows.tie(f"{uid}.head", uid, "heads")

    def territory(self, code: str, level: str, parent: str, commune_no: int = 0) -> None:
        rng, rows, attrs = self.rng, self.rows, self.attributes
        pc, police = f"{code}.pc", f"{code}.police"
        if level == "province":
            attrs[code]["type"] = "thành phố" if rng.random() < 0.08 else "tỉnh"
            rows.tie("VN.gov_office", pc, "forwards")
            rows.tie("VN.mps", police, "forwards")
            rows.tie("VN.mps", police, "directs")
        elif level == "district":
            kind = rng.choices(("huyện", "quận", "thị xã", "thành phố"), (79, 7, 7, 7))[0]
            attrs[code]["type"] = self.district_type[code] = kind
            if rng.random() < 0.05:
                attrs[pc]["pilot"] = True
        else:
            district_type = self.district_type[parent]
            first = self.communes_in[parent] == 0
            self.communes_in[parent] += 1
            if district_type == "quận":
                kind = "phường"
            elif district_type == "huyện":
                kind = "thị trấn" if first else "xã"
            else:
                kind = "phường" if rng.random() < 0.7 else "xã"
            attrs[code]["type"] = kind
            attrs[police]["regular"] = rng.random() < 0.9
        if level in ("province", "district"):
            rows.unit(f"{pc}.head", f"Chủ tịch UBND {_WORD[level]} {code}", "post", level)
            rows.tie(f"{pc}.head", pc, "heads")
        if level != "province":
            if not (level == "commune" and (commune_no // 3) % GAP_EVERY == 0):
                rows.tie(f"{parent}.pc", pc, "forwards")
            rows.tie(f"{parent}.police", police, "forwards")
        rows.tie(pc, police, "forwards")

    def village(self, team: str) -> None:
        self.attributes[team]["members"] = self.rng.randint(3, 5)

    def append_to(self, rows: _Rows) -> list[dict | None]:
        """Appends the extra rows; returns the attributes column for all units, in row order."""
        for column, values in self.rows.units.items():
            rows.units[column].extend(values)
        for column, values in self.rows.ties.items():
            rows.ties[column].extend(values)
        return [self.attributes.get(uid) or None for uid in rows.units["id"]]


class _EvaluationExtras:
    """What ``generate(evaluation=True)`` adds: the units the evaluation rules pick or exclude besides the
    territories, and the head posts its grades go to. Attributes: schools ``school_level``, enterprises
    ``size``, the military command ``armed_forces`` (true).

    Exclusions bite on purpose: every 5th commune's enterprise is small or micro (alternately), the primary
    schools of every 4th commune are excluded by level, and the provincial military command is armed forces."""

    #: Provincial bodies (id suffix, kind, name, head title, armed forces): the agency subject picks the first
    #: two, the third is excluded.
    PROVINCIAL = (
        ("justice", "department", "Sở Tư pháp", "Giám đốc Sở Tư pháp", False),
        ("education", "department", "Sở Giáo dục và Đào tạo", "Giám đốc Sở Giáo dục và Đào tạo", False),
        ("military", "agency", "Bộ Chỉ huy Quân sự", "Chỉ huy trưởng Bộ Chỉ huy Quân sự", True),
    )

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(f"{seed}/evaluation")  # its own stream: the earlier rows do not move
        self.rows = _Rows()
        self.attributes: dict[str, dict] = defaultdict(dict)
        self.communes = 0

    def _body(self, uid: str, name: str, kind: str, level: str, territory: str, head: str | None = None) -> None:
        self.rows.unit(uid, name, kind, level)
        self.rows.tie(uid, territory, "serves")
        if head:
            self._head(uid, head, level)

    def _head(self, body: str, title: str, level: str) -> None:
        self.rows.unit(f"{body}.head", title, "post", level)
        self.rows.tie(f"{body}.head", body, "heads")

    def territory(self, code: str, level: str) -> None:
        if level == "province":
            for suffix, kind, name, head, armed in self.PROVINCIAL:
                uid = f"{code}.{suffix}"
                self._body(uid, f"{name} tỉnh {code}", kind, level, code, f"{head} tỉnh {code}")
                if armed:
                    self.attributes[uid]["armed_forces"] = True
                else:
                    self.rows.tie(f"{code}.pc", uid, "directs")
            return
        self._head(f"{code}.police", f"Trưởng Công an {_WORD[level]} {code}", level)
        if level == "district":
            return
        self._head(f"{code}.pc", f"Chủ tịch UBND xã {code}", level)
        self.communes += 1
        school = f"{code}.school"
        self._body(school, f"Trường THCS xã {code}", "school", level, code, f"Hiệu trưởng Trường THCS xã {code}")
        self.attributes[school]["school_level"] = "lower_secondary"
        if self.communes % 4 == 0:
            primary = f"{code}.primary"
            self._body(primary, f"Trường Tiểu học xã {code}", "school", level, code)
            self.attributes[primary]["school_level"] = "primary"
        enterprise = f"{code}.enterprise"
        self._body(enterprise, f"Công ty {code}", "enterprise", level, code)
        if self.communes % 5 == 0:
            size = "small" if self.communes % 10 == 0 else "micro"
        else:
            size = self.rng.choices(("medium", "large"), (85, 15))[0]
        self.attributes[enterprise]["size"] = size

    def append_to(self, rows: _Rows, attributes: list[dict | None]) -> list[dict | None]:
        """Appends the extra rows; returns ``attributes`` (one per unit already there) extended with the new
        units' (only new units get attributes here)."""
        before = len(rows.units["id"])
        for column, values in self.rows.units.items():
            rows.units[column].extend(values)
        for column, values in self.rows.ties.items():
            rows.ties[column].extend(values)
        return attributes + [self.attributes.get(uid) or None for uid in rows.units["id"][before:]]


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


def generate(
    shape: Shape = FULL, seed: int = 2024, directive: bool = False, evaluation: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units and ties DataFrames (columns id, name, kind, level / source, target, kind).

    ``directive=True`` appends the national bodies, head posts and ``forwards`` ties a directive needs and
    adds an ``attributes`` column (dict or None) to the units; the first rows are the same as without it.
    ``evaluation=True`` implies ``directive=True`` and appends, after those, the schools, enterprises,
    provincial departments and head posts the yearly evaluation needs; again the earlier rows do not move."""
    rng = random.Random(seed)
    rows = _Rows()
    extras = _Extras(seed) if directive or evaluation else None
    evaluated = _EvaluationExtras(seed) if evaluation else None
    rows.unit(NATION, "Việt Nam", "nation", "nation")
    if extras:
        extras.national()
    district_no, commune_no = 0, 0
    for p in sorted(rng.sample(range(1, 97), shape.provinces)):
        province = f"{p:02d}"
        _territory(rows, province, "province", NATION)
        if extras:
            extras.territory(province, "province", NATION)
        if evaluated:
            evaluated.territory(province, "province")
        for _ in range(rng.randint(*shape.districts_per_province)):
            district_no += 1
            district = f"{district_no:03d}"
            _territory(rows, district, "district", province)
            if extras:
                extras.territory(district, "district", province)
            if evaluated:
                evaluated.territory(district, "district")
            for _ in range(rng.randint(*shape.communes_per_district)):
                commune_no += 3  # GSO commune codes run in steps of 3
                commune = f"{commune_no:05d}"
                _territory(rows, commune, "commune", district)
                if extras:
                    extras.territory(commune, "commune", district, commune_no)
                if evaluated:
                    evaluated.territory(commune, "commune")
                for k in range(1, rng.randint(*shape.villages_per_commune) + 1):
                    _village(rows, commune, k)
                    if extras:
                        extras.village(f"{commune}-v{k}.st")
    assert district_no <= 999 and commune_no <= 99999, "ids would outgrow their GSO widths"
    if extras:
        attributes = extras.append_to(rows)
        if evaluated:
            attributes = evaluated.append_to(rows, attributes)
        units = pd.DataFrame(rows.units)
        units["attributes"] = attributes
        return units, pd.DataFrame(rows.ties)
    return pd.DataFrame(rows.units), pd.DataFrame(rows.ties)


def provinces(units: pd.DataFrame) -> list[str]:
    return units.loc[units["kind"] == "province", "id"].tolist()

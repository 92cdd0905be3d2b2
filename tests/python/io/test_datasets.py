"""The embedded Hải Dương 2024 dataset against its sources as data/README.md lists them (chiefly the GSO list
of 01/05/2024). Real facts are checked value by value; synthetic parts only for their documented shape."""

from __future__ import annotations

import collections

import pytest

import antq
from antq import Selector as S

# GSO list of 01/05/2024 (types also chinhsachcuocsong.vnanet.vn/dia-phuong/hai-duong.html):
# code -> (name, type, phường, thị trấn, xã) as of 2024.
DISTRICTS = {
    "288": ("Hải Dương", "thành phố", 19, 0, 6),
    "290": ("Chí Linh", "thành phố", 14, 0, 5),
    "291": ("Nam Sách", "huyện", 0, 1, 18),
    "292": ("Kinh Môn", "thị xã", 14, 0, 9),
    "293": ("Kim Thành", "huyện", 0, 1, 17),
    "294": ("Thanh Hà", "huyện", 0, 1, 19),
    "295": ("Cẩm Giàng", "huyện", 0, 2, 15),
    "296": ("Bình Giang", "huyện", 0, 1, 15),
    "297": ("Gia Lộc", "huyện", 0, 1, 17),
    "298": ("Tứ Kỳ", "huyện", 0, 1, 22),
    "299": ("Ninh Giang", "huyện", 0, 1, 19),
    "300": ("Thanh Miện", "huyện", 0, 1, 16),
}

# GSO list of 01/05/2024: Bình Giang's 16 communes with their GSO codes.
BINH_GIANG = {
    "10945": ("Kẻ Sặt", "thị trấn"), "10951": ("Vĩnh Hưng", "xã"), "10954": ("Hùng Thắng", "xã"),
    "10960": ("Vĩnh Hồng", "xã"), "10963": ("Long Xuyên", "xã"), "10966": ("Tân Việt", "xã"),
    "10969": ("Thúc Kháng", "xã"), "10972": ("Tân Hồng", "xã"), "10975": ("Bình Minh", "xã"),
    "10978": ("Hồng Khê", "xã"), "10981": ("Thái Học", "xã"), "10984": ("Cổ Bì", "xã"),
    "10987": ("Nhân Quyền", "xã"), "10990": ("Thái Dương", "xã"), "10993": ("Thái Hòa", "xã"),
    "10996": ("Bình Xuyên", "xã"),
}

# Báo Hải Dương 2021 (baohaiduong.vn/an-ninh-trat-tu/…177867): the 12 commune police that piloted "điển hình,
# kiểu mẫu về ANTT" in 2021, one per district; spelled as the administrative list spells them (the press writes
# "Ứng Hòe", the list "Ứng Hoè": the same name once the tone mark's position is normalised).
PILOTS = {
    "288": ("Tân Bình", "phường"), "290": ("Phả Lại", "phường"), "292": ("Long Xuyên", "phường"),
    "293": ("Kim Anh", "xã"), "294": ("Hồng Lạc", "xã"), "297": ("Toàn Thắng", "xã"), "298": ("Tân Kỳ", "xã"),
    "299": ("Ứng Hoè", "xã"), "300": ("Chi Lăng Nam", "xã"), "296": ("Nhân Quyền", "xã"),
    "291": ("An Lâm", "xã"), "295": ("Cẩm Giang", "thị trấn"),
}

TERRITORY_KINDS = ("nation", "province", "district", "commune", "village")


@pytest.fixture(scope="module")
def g(hai_duong):
    return hai_duong


def test_size_matches_the_readme(g):
    assert len(g) == 8170 and g.number_of_ties() == 24680
    g.validate()
    # Dated on the day Law 30/2023/QH15 put the security teams in place, before the arrangement of 01/12/2024.
    assert g.name == "hai_duong_2024" and g.attributes["as_of"] == "2024-07-01"


def test_one_province_in_the_nation(g):
    assert g.select(S.kind("province")) == ["30"]
    assert g.unit("30").name == "Hải Dương" and g.unit("30").attributes["type"] == "tỉnh"
    assert g.parent("30") == "vn" and g.children("vn") == ["30"]
    assert g.select(S.kind("nation")) == ["vn"]


def test_twelve_district_level_units(g):
    assert sorted(g.children("30")) == sorted(DISTRICTS)
    assert sorted(g.select(S.kind("district"))) == sorted(DISTRICTS)
    for code, (name, kind, *_counts) in DISTRICTS.items():
        unit = g.unit(code)
        assert (unit.name, unit.attributes["type"]) == (name, kind), code
    types = collections.Counter(g.unit(code).attributes["type"] for code in DISTRICTS)
    assert types == {"thành phố": 2, "thị xã": 1, "huyện": 9}


@pytest.mark.parametrize("code", sorted(DISTRICTS))
def test_communes_per_district(g, code):
    _name, _kind, wards, towns, communes = DISTRICTS[code]
    children = g.children(code)
    assert all(g.unit(c).kind == "commune" for c in children)
    types = collections.Counter(g.unit(c).attributes["type"] for c in children)
    assert types == collections.Counter({"phường": wards, "thị trấn": towns, "xã": communes}) - collections.Counter()
    assert len(children) == wards + towns + communes


def test_commune_totals(g):
    communes = g.select(S.kind("commune"))
    assert len(communes) == 235
    types = collections.Counter(g.unit(c).attributes["type"] for c in communes)
    assert types == {"phường": 47, "thị trấn": 10, "xã": 178}
    assert all(g.unit(g.parent(c)).kind == "district" for c in communes)


def test_binh_giang_communes_are_real(g):
    assert g.children("296") == sorted(BINH_GIANG)  # in code order, no other commune
    for code, (name, kind) in BINH_GIANG.items():
        unit = g.unit(code)
        assert (unit.name, unit.attributes["type"]) == (name, kind), code
        assert "synthetic" not in unit.attributes and "code_known" not in unit.attributes


def test_all_digit_ids_are_only_real_gso_codes(g):
    digits = {u for u in g.units if u.isdigit()}
    communes = digits - {"30"} - set(DISTRICTS)
    assert {"30"} | set(DISTRICTS) | set(BINH_GIANG) <= digits and len(communes) == 187
    for code in communes:
        attrs = g.unit(code).attributes
        assert g.unit(code).kind == "commune" and "synthetic" not in attrs
        # From the pre-2025 list, or (Bình Minh, Thái Học) from the GSO list of 2024, merged on 01/12/2024.
        assert attrs["gso_list"] == "2025-03-01" or (code in BINH_GIANG and attrs["merged"] == "2024-12-01")


def test_pilot_commune_police(g):
    pilots = g.select(S.attribute_equals("pilot", "exemplary_commune_police_2021"))
    assert len(pilots) == 12
    found = {}
    for police in pilots:
        assert g.unit(police).kind == "police" and g.unit(police).level == "commune"
        commune = g.area(police)
        unit = g.unit(commune)
        found[g.parent(commune)] = (unit.name, unit.attributes["type"])
        # Every pilot's code is known but An Lâm's (merged on 01/12/2024), which says so.
        assert unit.attributes.get("code_known", True) is (commune.isdigit())
        assert commune.isdigit() is (unit.name != "An Lâm")
        assert "synthetic" not in unit.attributes  # real names, not placeholders
    assert found == PILOTS
    # Kinh Môn's phường Long Xuyên, not Bình Giang's xã Long Xuyên.
    assert g.unit("10963").name == "Long Xuyên" and "pilot" not in g.unit("10963.police").attributes


def test_placeholder_communes_are_synthetic(g):
    for commune in g.select(S.kind("commune")):
        attrs = g.unit(commune).attributes
        real = commune.isdigit() or attrs.get("code_known") is False
        assert attrs.get("synthetic", False) is (not real), commune
        if not real:
            assert g.unit(commune).name.split(" ")[0] in ("Phường", "Thị", "Xã")
            assert attrs["placeholder"].startswith("merged on 01/12/2024")
    assert len(g.select(S.kind("commune") & S.attribute_equals("synthetic", True))) == 47


# data/README.md ("Bodies per level"): which body kinds exist at which level.
BODIES_BY_LEVEL = {
    "nation": {"ministry": 1, "agency": 1},
    "province": {"party_committee": 1, "peoples_council": 1, "peoples_committee": 1, "police": 1,
                 "steering_committee": 1, "front_committee": 1, "mass_organisation": 5, "department": 18,
                 "agency": 1},
    "district": {"party_committee": 12, "peoples_council": 12, "peoples_committee": 12, "police": 12,
                 "steering_committee": 12, "front_committee": 12, "mass_organisation": 60, "agency": 12,
                 "enterprise": 12, "school": 12},
    "commune": {"party_committee": 235, "peoples_council": 235, "peoples_committee": 235, "police": 235,
                "steering_committee": 235, "front_committee": 235, "mass_organisation": 4 * 235, "school": 235},
    "village": {"security_team": 1176},
}


@pytest.mark.parametrize("level", list(BODIES_BY_LEVEL))
def test_body_kinds_at_each_level(g, level):
    units = g.summary()["units"][level]
    bodies = {k: n for k, n in units.items() if k not in TERRITORY_KINDS and k != "post"}
    assert bodies == BODIES_BY_LEVEL[level]


def test_every_body_serves_a_territory_of_its_level(g):
    bodies = g.select(~S.kind(*TERRITORY_KINDS, "post"))
    assert len(bodies) == g.summary()["ties"]["serves"] == 3961
    for body in bodies:
        (territory,) = g.children(body, "serves")
        assert g.unit(territory).level == g.unit(body).level


def test_national_recipients(g):
    assert g.unit("vn.mps").kind == "ministry" and g.unit("vn.mps").name == "Bộ Công an"
    assert g.unit("vn.gov_office").kind == "agency" and g.unit("vn.gov_office").name == "Văn phòng Chính phủ"
    assert g.children("vn.mps", "directs") == ["30.police"]


def test_no_trade_union_at_commune_level(g):
    organisations = collections.Counter(
        g.unit(u).attributes["organisation"] for u in g.select(S.kind("mass_organisation") & S.level("commune")))
    assert organisations == {"veterans": 235, "women": 235, "youth": 235, "farmers": 235}
    assert g.select(S.attribute_equals("organisation", "trade_union") & S.level("commune")) == []


def test_steering_committee_138_at_three_levels(g):
    committees = g.select(S.kind("steering_committee"))
    assert collections.Counter(g.unit(c).level for c in committees) == {"province": 1, "district": 12, "commune": 235}
    assert all(g.unit(c).attributes["alias"] == "Ban Chỉ đạo 138" for c in committees)
    assert g.unit("30.sc138").name.startswith("Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng phong "
                                              "trào toàn dân bảo vệ an ninh Tổ quốc")


def test_named_office_holders(g):
    chairman = g.head("30.pc")
    assert g.unit(chairman).attributes["holder"] == "Triệu Thế Hùng"
    assert g.unit(chairman).kind == "post" and g.area(chairman) == "30"
    assert g.unit(g.head("30.party")).attributes["holder"] == "Trần Đức Thắng"
    holders = {g.unit(p).attributes["holder"] for p in g.select(S.has_attribute("holder"))}
    assert holders == {"Triệu Thế Hùng", "Trần Đức Thắng"}
    # The assumed second office of the chairman is marked as an assumption.
    (tie,) = [t for t in g.out_ties(chairman, "heads") if t.target == "30.sc138"]
    assert "assumption" in tie.attributes


def test_every_body_but_the_security_teams_has_a_head(g):
    for body in g.select(~S.kind(*TERRITORY_KINDS, "post", "security_team")):
        assert g.head(body) is not None, body
    assert all(g.head(team) is None for team in g.select(S.kind("security_team")))


def test_villages_are_synthetic_and_typed_by_commune(g):
    villages = g.select(S.kind("village"))
    assert len(villages) == 1176
    for village in villages:
        attrs = g.unit(village).attributes
        assert attrs["synthetic"] is True
        commune_type = g.unit(g.parent(village)).attributes["type"]
        assert attrs["type"] == ("thôn" if commune_type == "xã" else "tổ dân phố")
        assert 150 <= attrs["households"] <= 1100
    per_commune = collections.Counter(g.parent(v) for v in villages)
    assert set(per_commune.values()) <= {4, 5, 6} and len(per_commune) == 235
    # Thanh Hà is pinned to its 89 villages of 2022.
    assert sum(per_commune[c] for c in g.children("294")) == 89
    # Households add up to the province's 2.1 million people at 3.58 persons per household (data/README.md).
    households = sum(g.unit(v).attributes["households"] for v in villages)
    assert households * 3.58 == pytest.approx(2_100_000, rel=1e-3)


def test_security_teams_follow_law_30(g):
    sizes = collections.Counter()
    for team in g.select(S.kind("security_team")):
        village = g.area(team)
        commune = g.parent(village)
        households = g.unit(village).attributes["households"]
        members = g.unit(team).attributes["members"]
        assert members == (3 if households < 800 else 4 if households < 1000 else 5)
        assert g.unit(team).attributes["since"] == "2024-07-01"
        assert g.parents(team, "directs") == [f"{commune}.pc"]
        assert g.parents(team, "guides") == [f"{commune}.police"]
        assert g.parents(team, "inspects") == [f"{commune}.police"]
        sizes[members] += 1
    assert sizes == {3: 959, 4: 181, 5: 36}


@pytest.mark.parametrize("district", sorted(DISTRICTS))
def test_district_police_has_two_superiors(g, district):
    # Dual subordination: the district People's Committee and the provincial police.
    assert sorted(g.parents(f"{district}.police", "directs")) == sorted([f"{district}.pc", "30.police"])


def test_commune_police_dual_subordination(g):
    for police in g.select(S.kind("police") & S.level("commune")):
        commune = g.area(police)
        district = g.parent(commune)
        assert sorted(g.parents(police, "directs")) == sorted([f"{commune}.pc", f"{district}.police"])
    chains = g.chains_of_command("10987.police")
    assert ["10987.police", "296.police", "30.police", "vn.mps"] in chains
    assert all(chain[-1] in ("vn.mps", "30.council", "296.council", "10987.council") for chain in chains)


def test_provincial_police_answers_to_ministry_and_province(g):
    assert sorted(g.parents("30.police", "directs")) == ["30.pc", "vn.mps"]


def test_every_body_is_reached_by_forwarding_from_the_provincial_committee(g):
    reached = set(g.descendants("30.pc", "forwards")) | {"30.pc"}
    bodies = set(g.select(~S.kind(*TERRITORY_KINDS, "post")))
    assert bodies <= reached


def test_subordination_is_acyclic_and_top_down(g):
    for tie in g.ties:
        if tie.kind == "directs":
            assert antq.levels.index(g.unit(tie.source).level) <= antq.levels.index(g.unit(tie.target).level)


def test_synthetic_records_are_flagged(g):
    flagged = collections.Counter(g.unit(u).kind for u in g.select(S.attribute_equals("synthetic", True)))
    assert flagged["village"] == 1176 and flagged["security_team"] == 1176 and flagged["commune"] == 47
    assert flagged["enterprise"] == 12 and flagged["agency"] == 12
    assert flagged["school"] == 247  # 12 upper-secondary + 235 lower-secondary
    # Nothing real is flagged: the province, districts, Bình Giang communes and pilots.
    assert not set(g.select(S.attribute_equals("synthetic", True))) & ({"30"} | set(DISTRICTS) | set(BINH_GIANG))


def test_to_pandas_columns(g):
    pytest.importorskip("pandas")
    units, ties = g.to_pandas()
    assert {"id", "name", "kind", "level"} <= set(units.columns)
    assert {"source", "target", "kind"} <= set(ties.columns)
    assert len(units) == 8170 and len(ties) == 24680
    assert units["id"].is_unique
    assert set(units["level"]) == set(antq.levels)
    assert units.groupby("kind").size()["commune"] == 235


def test_dataset_calls_give_independent_graphs():
    a, b = antq.datasets.hai_duong_2024(), antq.datasets.hai_duong_2024()
    a.remove_unit("10987-v01")
    assert "10987-v01" in b and not a.same_content(b)

#!/usr/bin/python3
"""Generate data/hai_duong_2024.json, the default antq organisation graph.

Hải Dương province on 2024-07-01 (12 district-level units, 235 communes: the
structure the 2024 directive addressed, before the commune arrangement of
01/12/2024, on the day Law 30/2023/QH15 put the grassroots security teams in
place), with the bodies that take part in the "all-people movement to protect
national security" at each level, their head posts, and the ties between them.

Names, GSO codes and unit types of the province, its districts and 185 of its
communes are read from the pre-2025 list of administrative units in
../shared/data/vn-admin (MIT; its licence notice is written beside the
output as LICENSE-vn-admin.txt). A commune of early 2024 takes its code and
name from that list only when the list holds it under the same code and name,
compared after normalising where the tone mark sits ("Hòe" = "Hoè"). The
other facts come from the sources listed in data/README.md ("What is real" and
"Sources"); each table below names its source. Everything else (placeholder
communes, villages, households, one agency / enterprise / school per district
and one school per commune) is synthetic, deterministic, and flagged
"synthetic": true.

Usage:  /usr/bin/python3 data/tools/make_hai_duong_2024.py [--vn-admin DIR] [output path]
DIR defaults to ../shared/data/vn-admin beside the repository. Stdlib only. The
output is byte-for-byte identical on every run: no clock, no random module;
"random" choices come from SHA-256 of a fixed seed + key.
"""

import hashlib
import json
import os
import sys
import unicodedata

# ---------------------------------------------------------------------------
# Facts (sources: data/README.md). Keep these tables the only place real data
# is written.
# ---------------------------------------------------------------------------

# The structure the directive addressed (235 communes, until the arrangement of
# 01/12/2024), dated on the day Law 30/2023/QH15 took effect, so that the
# grassroots security teams it sets up exist (TEAM_SINCE below).
AS_OF = "2024-07-01"

# GSO province code 30. Party secretary and PC chairman in 2024:
# chinhsachcuocsong.vnanet.vn/dia-phuong/hai-duong.html.
PROVINCE_CODE = "30"
PARTY_SECRETARY = "Trần Đức Thắng"       # vnanet.vn province page
PC_CHAIRMAN = "Triệu Thế Hùng"           # vnanet.vn province page; the directive's signer

# GSO list 2024 (data_date 01/05/2024), communes per district before the
# arrangement of 01/12/2024; district types also on the vnanet.vn province page
# (2 thành phố + 1 thị xã + 9 huyện). Names and types are checked against the
# pre-2025 list. (GSO code, name, type, phường, thị trấn, xã)
DISTRICTS = [
    ("288", "Hải Dương",  "thành phố", 19, 0, 6),
    ("290", "Chí Linh",   "thành phố", 14, 0, 5),
    ("291", "Nam Sách",   "huyện",      0, 1, 18),
    ("292", "Kinh Môn",   "thị xã",    14, 0, 9),
    ("293", "Kim Thành",  "huyện",      0, 1, 17),
    ("294", "Thanh Hà",   "huyện",      0, 1, 19),
    ("295", "Cẩm Giàng",  "huyện",      0, 2, 15),
    ("296", "Bình Giang", "huyện",      0, 1, 15),
    ("297", "Gia Lộc",    "huyện",      0, 1, 17),
    ("298", "Tứ Kỳ",      "huyện",      0, 1, 22),
    ("299", "Ninh Giang", "huyện",      0, 1, 19),
    ("300", "Thanh Miện", "huyện",      0, 1, 16),
]
EXPECTED_TOTALS = {"phường": 47, "thị trấn": 10, "xã": 178}   # GSO list 2024

# The commune arrangement in force on 01/12/2024 (resolution of the National
# Assembly Standing Committee of 24/10/2024 on Hải Dương's commune-level units
# 2023–2025, daibieunhandan.vn …post395125.html; vjs.vietnam.vn
# /hai-duong-giam-27-xa-1-phuong…): 57 units became 29, so 235 became 207. The
# pre-2025 list (01/03/2025) is the structure after it.
ARRANGEMENT_DATE = "2024-12-01"
ARRANGED_BEFORE, ARRANGED_AFTER = 57, 29
# Codes the pre-2025 list gives to a unit the arrangement formed under a name
# that the code's holder of early 2024 did not have: that holder was merged
# into the new unit. Found by comparing the GSO list before the arrangement
# (daohoangson/dvhcvn data/dvhcvn.json at commit 06b2321, whose Bình Giang list
# is the one of the 01/05/2024 snapshot e503f13) with the pre-2025 list; its
# names are not copied. The other 185 communes of early 2024 are in the
# pre-2025 list under their code and name.
CODES_REUSED_ON_ARRANGEMENT = {
    "291": ("10621", "10633", "10645"),
    "293": ("10756", "10762", "10798"),
    "294": ("10828", "10861", "10882"),
    "295": ("10933",),
    "296": ("10981",),
    "297": ("11035", "11038", "11065", "11071"),
    "298": ("11098", "11122", "11140"),
    "299": ("11167", "11188", "11203", "11230"),
}

# GSO list 2024 (data_date 01/05/2024): Bình Giang (296) communes with their GSO
# codes, as FACTS of the project record them. Matched against the pre-2025 list
# by code and name: 14 are there; Bình Minh (10975) and Thái Học (10981) were
# merged into Thái Minh (10981) on 01/12/2024 and stay real from this table.
BINH_GIANG_COMMUNES = [
    ("10945", "Kẻ Sặt", "thị trấn"),
    ("10951", "Vĩnh Hưng", "xã"),
    ("10954", "Hùng Thắng", "xã"),
    ("10960", "Vĩnh Hồng", "xã"),
    ("10963", "Long Xuyên", "xã"),
    ("10966", "Tân Việt", "xã"),
    ("10969", "Thúc Kháng", "xã"),
    ("10972", "Tân Hồng", "xã"),
    ("10975", "Bình Minh", "xã"),
    ("10978", "Hồng Khê", "xã"),
    ("10981", "Thái Học", "xã"),
    ("10984", "Cổ Bì", "xã"),
    ("10987", "Nhân Quyền", "xã"),
    ("10990", "Thái Dương", "xã"),
    ("10993", "Thái Hòa", "xã"),
    ("10996", "Bình Xuyên", "xã"),
]
GSO_2024_TABLES = {"296": BINH_GIANG_COMMUNES}

# Báo Hải Dương 2021 (baohaiduong.vn/an-ninh-trat-tu/…177867): the 12
# communes whose police piloted "Công an xã/phường/thị trấn điển hình, kiểu
# mẫu về ANTT" in 2021, one per district. Each is matched by name and type,
# after tone-mark normalisation (the press writes "Ứng Hòe", the list "Ứng
# Hoè"), among the district's communes of early 2024: 11 are found with their
# code. An Lâm is not in the pre-2025 list (its code passed to xã An Phú on
# 01/12/2024), so it keeps a placeholder id and "code_known": false. The pilot
# "Long Xuyên" is a phường of Kinh Môn, not Bình Giang's xã Long Xuyên 10963.
PILOT_COMMUNES = {
    "288": ("Tân Bình", "phường"),
    "290": ("Phả Lại", "phường"),
    "291": ("An Lâm", "xã"),
    "292": ("Long Xuyên", "phường"),
    "293": ("Kim Anh", "xã"),
    "294": ("Hồng Lạc", "xã"),
    "295": ("Cẩm Giang", "thị trấn"),   # spelled so in the source; district is Cẩm Giàng
    "296": ("Nhân Quyền", "xã"),
    "297": ("Toàn Thắng", "xã"),
    "298": ("Tân Kỳ", "xã"),
    "299": ("Ứng Hòe", "xã"),
    "300": ("Chi Lăng Nam", "xã"),
}
PILOT_ATTRIBUTE = "exemplary_commune_police_2021"

# The directive addresses "thủ trưởng các sở, ngành" and lists "Các sở, ban,
# ngành, đoàn thể tỉnh" among its recipients. Which departments exist: source
# not recorded.
# (short id, name as used before "Hải Dương"/"tỉnh Hải Dương", head title)
DEPARTMENTS = [
    ("office",         "Văn phòng UBND tỉnh",                     "Chánh"),
    ("home_affairs",   "Sở Nội vụ",                               "Giám đốc"),
    ("justice",        "Sở Tư pháp",                              "Giám đốc"),
    ("planning",       "Sở Kế hoạch và Đầu tư",                   "Giám đốc"),
    ("finance",        "Sở Tài chính",                            "Giám đốc"),
    ("industry_trade", "Sở Công Thương",                          "Giám đốc"),
    ("agriculture",    "Sở Nông nghiệp và Phát triển nông thôn",  "Giám đốc"),
    ("transport",      "Sở Giao thông vận tải",                   "Giám đốc"),
    ("construction",   "Sở Xây dựng",                             "Giám đốc"),
    ("environment",    "Sở Tài nguyên và Môi trường",             "Giám đốc"),
    ("information",    "Sở Thông tin và Truyền thông",            "Giám đốc"),
    ("labour",         "Sở Lao động - Thương binh và Xã hội",     "Giám đốc"),
    ("culture",        "Sở Văn hóa, Thể thao và Du lịch",         "Giám đốc"),
    ("science",        "Sở Khoa học và Công nghệ",                "Giám đốc"),
    ("education",      "Sở Giáo dục và Đào tạo",                  "Giám đốc"),
    ("health",         "Sở Y tế",                                 "Giám đốc"),
    ("inspectorate",   "Thanh tra tỉnh",                          "Chánh"),
    ("military",       "Bộ Chỉ huy Quân sự tỉnh",                 "Chỉ huy trưởng"),
]
# Thông tư 124/2021/TT-BCA Điều 1(2)b (thuvienphapluat.vn
# …Thong-tu-124-2021-TT-BCA…500765.aspx) excludes armed-forces agencies from the
# "An toàn về ANTT" title, so the evaluator needs to know which one it is.
ARMED_FORCES_DEPARTMENTS = {"military"}

# The five socio-political mass organisations: the usual set, source not
# recorded. (key, name prefix, head title, exists at commune level)
# No trade union at commune level: Công đoàn is organised by workplace
# (grassroots unions in agencies/enterprises), not by commune.
MASS_ORGS = [
    ("veterans",    "Hội Cựu chiến binh",      "Chủ tịch", True),
    ("women",       "Hội Liên hiệp Phụ nữ",    "Chủ tịch", True),
    ("youth",       "Đoàn TNCS Hồ Chí Minh",   "Bí thư",   True),
    ("farmers",     "Hội Nông dân",            "Chủ tịch", True),
    ("trade_union", "Liên đoàn Lao động",      "Chủ tịch", False),
]

# Local name of the steering committee ("BCĐ 138"): Hướng dẫn 4488/BCĐ of
# 14/11/2013 (as cited by luatminhkhue.vn, Thái Bình QĐ 2798/QĐ-UBND of
# 13/12/2013); "Ban Chỉ đạo 138" in the directive (clauses 1, 4, 6).
SC138_NAME = ("Ban Chỉ đạo phòng, chống tội phạm, tệ nạn xã hội và xây dựng "
              "phong trào toàn dân bảo vệ an ninh Tổ quốc")
SC138_ASSUMPTION = ("the provincial PC chairman usually heads the provincial "
                    "BCĐ 138 (Phú Yên 2020, baophuyen.vn …235237; Thanh Hóa "
                    "2025, baothanhhoa.vn …258381); for Hải Dương 2024 not "
                    "confirmed by the sources retrieved")

# The directive, clause 4: "Ủy ban Mặt trận Tổ quốc và các tổ chức thành viên
# phối hợp với lực lượng Công an các cấp" under Chương trình 07/CTrPH-BCA-MTTW
# of 17/10/2023 (the Front and its member organisations with the Ministry of
# Public Security). At every level the police coordinate with the Front and
# with each member organisation of the Front (mass organisations are members:
# the Front → mass organisation membership ties).
COORDINATION_PROGRAMME = "07/CTrPH-BCA-MTTW"

# HĐND tỉnh Hải Dương resolutions effective 01/07/2024, as reported by
# giadinh.suckhoedoisong.vn …172240611115748062.htm: one Tổ bảo vệ ANTT per
# thôn/khu dân cư (the province's choice: Law 30/2023/QH15 Art. 14(2) lets one
# team cover one or several thôn/tổ dân phố); members by households: <800 -> 3,
# 800-<1,000 -> 4, >=1,000 -> 5 (the report is cut off there; 5 is an
# assumption, not confirmed by the sources retrieved). (lower bound, members, assumed)
TEAM_SIZE_BANDS = [(1000, 5, True), (800, 4, False), (0, 3, False)]
TEAM_SINCE = "2024-07-01"   # Law 30/2023/QH15 in force (english.luatvietnam.vn …284805-d1.html)

# Village-count evidence (no per-commune count was found): Thanh Hà 2022: 89
# villages for 20 communes (~4.5; baohaiduong.vn/print/132558.html); Bình
# Giang 2017: 103 for 18 (~5.7; baohaiduong.vn/print/269533.html). Thanh Hà still had 20
# communes in 2024, so its total is pinned to 89; elsewhere 4-6 per commune.
VILLAGES_PER_COMMUNE = (4, 6)
VILLAGE_TOTALS = {"294": 89}

# Synthetic households per village: drawn in 250-1,400, skewed low, then scaled
# so that the province's households add up to its population divided by the
# persons per household. Population: 2.1 million (vnanet.vn province page).
# Persons per household: 3.58, the national figure of the 2019 census (96.2
# million people in 26.9 million households; Ban Chỉ đạo Tổng điều tra dân số
# và nhà ở Trung ương, "Kết quả Tổng điều tra dân số và nhà ở năm 2019"); the
# province's own figure was not found, so using the national one is an
# assumption. The shape only makes all three team-size bands occur.
POPULATION = 2_100_000
PERSONS_PER_HOUSEHOLD = 3.58
HOUSEHOLDS_MIN, HOUSEHOLDS_MAX, HOUSEHOLDS_SKEW = 250, 1400, 1.8

SEED = "antq/hai_duong_2024/v1"

# ---------------------------------------------------------------------------
# Deterministic helpers
# ---------------------------------------------------------------------------


def hval(key):
    """Stable pseudo-random integer for key (same on every run and platform)."""
    digest = hashlib.sha256((SEED + ":" + key).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def hfrac(key):
    return hval(key) / 2.0 ** 64


def nfc(value):
    """NFC-normalise every string inside value (keys included)."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def cap(text):
    return text[:1].upper() + text[1:]


# Tone marks (huyền, sắc, ngã, hỏi, nặng) as combining characters after NFD.
TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def tone_key(name):
    """A name as a sequence of (syllable without tone mark, tone mark), case-folded:
    equal for "Hòe" and "Hoè", which differ only in where the mark sits."""
    key = []
    for syllable in unicodedata.normalize("NFD", name).casefold().split():
        tones = "".join(c for c in syllable if c in TONE_MARKS)
        base = "".join(c for c in syllable if c not in TONE_MARKS)
        key.append((unicodedata.normalize("NFC", base), tones))
    return tuple(key)


# ---------------------------------------------------------------------------
# The administrative list (../shared/data/vn-admin, pre2025_3tier)
# ---------------------------------------------------------------------------

VN_ADMIN_LICENCE = "LICENSE-vietnamese-provinces-database.txt"
VN_ADMIN_LIST = os.path.join("pre2025_3tier", "mongo_data_vn_unit.json")
VN_ADMIN_TYPES = os.path.join("pre2025_3tier", "administrative_units.json")


def default_vn_admin():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(os.path.dirname(repo), "shared", "data", "vn-admin")


def read_vn_admin(root):
    """The province's record from the pre-2025 list: {"name", "type", "districts":
    {code: {"name", "type", "communes": [(code, name, type)] in list order}}}."""
    with open(os.path.join(root, VN_ADMIN_TYPES), encoding="utf-8") as f:
        short = {t["Id"]: t["ShortName"].lower() for t in json.load(f)}
    with open(os.path.join(root, VN_ADMIN_LIST), encoding="utf-8") as f:
        provinces = [p for p in json.load(f) if p["Code"] == PROVINCE_CODE]
    assert len(provinces) == 1, "province %s not in %s" % (PROVINCE_CODE, root)
    province = provinces[0]
    districts = {}
    for d in province["District"]:
        communes = [(w["Code"], w["Name"], short[w["AdministrativeUnitId"]]) for w in d["Ward"] or []]
        districts[d["Code"]] = {"name": d["Name"], "type": short[d["AdministrativeUnitId"]],
                                "communes": communes}
    return {"name": province["Name"], "type": short[province["AdministrativeUnitId"]],
            "districts": districts}


# ---------------------------------------------------------------------------
# Graph builder
# ---------------------------------------------------------------------------


class Graph:
    def __init__(self):
        self.units = []
        self.ties = []
        self.unit_ids = set()
        self.tie_keys = set()

    def unit(self, uid, name, kind, level, **attrs):
        assert uid not in self.unit_ids, uid
        self.unit_ids.add(uid)
        rec = {"id": uid, "name": name, "kind": kind, "level": level}
        attrs = {k: v for k, v in attrs.items() if v is not None}
        if attrs:
            rec["attributes"] = attrs
        self.units.append(rec)
        return uid

    def tie(self, source, target, kind, **attrs):
        key = (source, target, kind)
        assert key not in self.tie_keys, key
        self.tie_keys.add(key)
        rec = {"source": source, "target": target, "kind": kind}
        if attrs:
            rec["attributes"] = attrs
        self.ties.append(rec)


G = Graph()


def territory(tid, name, level, ttype, parent=None, **attrs):
    G.unit(tid, name, level, level, type=ttype, **attrs)
    if parent is not None:
        G.tie(parent, tid, "contains")
    return tid


def body(tid, level, short, kind, name, head_title=None, synthetic=None,
         **attrs):
    """A body serving territory tid, plus its head post (if head_title)."""
    bid = G.unit(tid + "." + short, name, kind, level, synthetic=synthetic,
                 **attrs)
    G.tie(bid, tid, "serves")
    if head_title:
        pid = G.unit(bid + ".head", head_title, "post", level,
                     synthetic=synthetic)
        G.tie(pid, bid, "heads")
    return bid


def inform(source, target):
    """Forward for information (standing boards, national recipients)."""
    G.tie(source, target, "forwards", purpose="information")


# ---------------------------------------------------------------------------
# Levels
# ---------------------------------------------------------------------------


def build_core_bodies(tid, level, label, party_name, synthetic, orgs):
    """Bodies every province/district/commune has. Returns {short: id}."""
    s = synthetic or None
    b = {}
    b["party"] = body(tid, level, "party", "party_committee", party_name,
                      "Bí thư " + party_name, s)
    b["council"] = body(tid, level, "council", "peoples_council",
                        "Hội đồng nhân dân " + label, "Chủ tịch HĐND " + label, s)
    b["pc"] = body(tid, level, "pc", "peoples_committee",
                   "Ủy ban nhân dân " + label, "Chủ tịch UBND " + label, s)
    police_head = ("Giám đốc Công an " if level == "province"
                   else "Trưởng Công an ") + label
    b["police"] = body(tid, level, "police", "police", "Công an " + label,
                       police_head, s)
    # Province: the PC chairman heads BCĐ 138 too (added by the caller).
    sc_head = None if level == "province" else "Trưởng Ban Chỉ đạo 138 " + label
    b["sc138"] = body(tid, level, "sc138", "steering_committee",
                      SC138_NAME + " " + label, sc_head, s, alias="Ban Chỉ đạo 138")
    b["front"] = body(tid, level, "front", "front_committee",
                      "Ủy ban Mặt trận Tổ quốc Việt Nam " + label,
                      "Chủ tịch Ủy ban MTTQ Việt Nam " + label, s)
    for key, prefix, title, _ in orgs:
        nm = prefix + " " + label
        b["mo." + key] = body(tid, level, "mo." + key, "mass_organisation", nm,
                              title + " " + nm, s, organisation=key)
    return b


def wire_level(b, orgs, upper=None):
    """Ties among the core bodies of one territory, and to the level above."""
    # Dual subordination of the People's Committee: council + PC above.
    G.tie(b["council"], b["pc"], "directs")
    G.tie(b["pc"], b["police"], "directs")          # police: PC + police above
    G.tie(b["party"], b["pc"], "guides")
    # Steering committee 138: police, Front, mass organisations are members.
    G.tie(b["sc138"], b["police"], "membership")
    G.tie(b["sc138"], b["front"], "membership")
    for key, *_ in orgs:
        G.tie(b["sc138"], b["mo." + key], "membership")
    for key, *_ in orgs:
        G.tie(b["front"], b["mo." + key], "membership")
    G.tie(b["police"], b["front"], "coordinates",
          programme=COORDINATION_PROGRAMME)
    for key, *_ in orgs:   # the Front's member organisations (clause 4)
        G.tie(b["police"], b["mo." + key], "coordinates",
              programme=COORDINATION_PROGRAMME)
    # The PC passes the directive to every body of its level; standing
    # boards of the Party committee and council receive it for information.
    inform(b["pc"], b["party"])
    inform(b["pc"], b["council"])
    for short in ["police", "sc138", "front"] + ["mo." + k for k, *_ in orgs]:
        G.tie(b["pc"], b[short], "forwards")
    if upper is None:
        return
    G.tie(upper["pc"], b["pc"], "directs")
    G.tie(upper["pc"], b["pc"], "forwards")
    G.tie(upper["police"], b["police"], "directs")
    G.tie(upper["party"], b["party"], "directs")
    G.tie(upper["sc138"], b["sc138"], "directs")    # the directive, clause 6
    G.tie(upper["sc138"], b["sc138"], "inspects")
    G.tie(upper["front"], b["front"], "guides")
    for key, *_ in orgs:
        G.tie(upper["mo." + key], b["mo." + key], "directs")
    # Each sector also passes documents down its own line (the police to the police, the Front to the
    # Front), so a body does not depend on its People's Committee alone to receive them.
    for short in ["police", "sc138", "front"]:
        G.tie(upper[short], b[short], "forwards")
    for key, *_ in orgs:
        G.tie(upper["mo." + key], b["mo." + key], "forwards")


def build_nation():
    territory("vn", "Việt Nam", "nation", "quốc gia")
    # The directive's recipients (Nơi nhận): Văn phòng Chính phủ, Bộ Công an.
    body("vn", "nation", "gov_office", "agency", "Văn phòng Chính phủ",
         "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")
    body("vn", "nation", "mps", "ministry", "Bộ Công an", "Bộ trưởng Bộ Công an")


def build_province(listed):
    name = listed["name"]
    pid = territory(PROVINCE_CODE, name, "province", listed["type"], parent="vn")
    label = "tỉnh " + name
    b = build_core_bodies(pid, "province", label, "Tỉnh ủy " + name, False, MASS_ORGS)
    wire_level(b, MASS_ORGS)
    # Named holders (vnanet.vn province page; the directive's signer).
    for rec in G.units:
        if rec["id"] == b["party"] + ".head":
            rec["attributes"] = {"holder": PARTY_SECRETARY}
        elif rec["id"] == b["pc"] + ".head":
            rec["attributes"] = {"holder": PC_CHAIRMAN}
    G.tie(b["pc"] + ".head", b["sc138"], "heads", assumption=SC138_ASSUMPTION)
    G.tie("vn.mps", b["police"], "directs")
    inform(b["pc"], "vn.gov_office")
    inform(b["pc"], "vn.mps")
    # Đoàn ĐBQH tỉnh: on the directive's recipient list (Nơi nhận). A delegation of
    # the National Assembly, not an agency of the province: marked so that rules
    # can tell it from the province's agencies (the evaluation rules leave it out).
    b["na"] = body(pid, "province", "na_delegation", "agency",
                   "Đoàn đại biểu Quốc hội " + label,
                   "Trưởng Đoàn đại biểu Quốc hội " + label, national_assembly=True)
    inform(b["pc"], b["na"])
    for short, base, title in DEPARTMENTS:
        dname = base + (" " if base.endswith(" tỉnh") else " tỉnh ") + name
        did = body(pid, "province", "dept." + short, "department", dname,
                   title + " " + dname,
                   armed_forces=True if short in ARMED_FORCES_DEPARTMENTS else None)
        b["dept." + short] = did
        if short == "military":
            G.tie(b["pc"], did, "directs",
                  note="local military command; its military chain of command is not modelled")
        else:
            G.tie(b["pc"], did, "directs")
        G.tie(b["sc138"], did, "membership")
        G.tie(b["pc"], did, "forwards")
    return pid, b


def communes_of_early_2024(dcode, listed, counts):
    """[(id, short name or None, type, attrs)] for one district: the communes the
    pre-2025 list (or a GSO 2024 table) confirms, then the placeholders, then
    the 2021 pilot commune is marked."""
    reused = set(CODES_REUSED_ON_ARRANGEMENT.get(dcode, ()))
    listed_by_code = {code: (name, typ) for code, name, typ in listed["communes"]}
    # Communes of early 2024 that the pre-2025 list holds under the same code and name.
    confirmed = [(code, name, typ) for code, name, typ in listed["communes"] if code not in reused]
    table = GSO_2024_TABLES.get(dcode)
    if table is not None:
        # A GSO 2024 table of the district: matched by code and name; what the
        # list lacks (merged on 01/12/2024) stays real from the table.
        confirmed = []
        for code, name, typ in table:
            hit = listed_by_code.get(code)
            in_list = (hit is not None and code not in reused
                       and tone_key(hit[0]) == tone_key(name) and hit[1] == typ)
            confirmed.append((code, hit[0] if in_list else name, typ, in_list))
        assert {c for c, *_ in confirmed if c not in reused} >= set(listed_by_code) - reused
    else:
        confirmed = [(code, name, typ, True) for code, name, typ in confirmed]
    out = []
    for code, name, typ, in_list in confirmed:
        attrs = {"gso_list": "2025-03-01"} if in_list else {
            "gso_list": "2024-05-01", "merged": ARRANGEMENT_DATE}
        out.append((code, name, typ, attrs))
    # Placeholders for the communes the arrangement merged away or whose code
    # it gave to a new unit: what is left of the district's 2024 type counts.
    left = dict(counts)
    for _, _, typ, _ in out:
        left[typ] -= 1
    assert all(n >= 0 for n in left.values()), (dcode, left)
    pname, ptype = PILOT_COMMUNES[dcode]
    pilot = [c for c in out if c[2] == ptype and tone_key(c[1]) == tone_key(pname)]
    assert len(pilot) <= 1, pilot
    slot = 0
    # Which placeholder held which reused code is not in the lists read here,
    # so each placeholder states both possible reasons, with the codes.
    reason = "merged on 01/12/2024: the pre-2025 list does not have its name, and its code is gone"
    if reused:
        reason += (" or was reused for a unit formed that day (%s in this district)"
                   % ", ".join(sorted(reused)))
    for typ in ("phường", "thị trấn", "xã"):
        for _ in range(left[typ]):
            slot += 1
            cid = "%s-c%02d" % (dcode, slot)
            if not pilot and typ == ptype:
                # The pilot's name is real (the press), its code is not in the list.
                out.append((cid, pname, typ, {"code_known": False, "merged": ARRANGEMENT_DATE}))
                pilot = [out[-1]]
            else:
                out.append((cid, None, typ, {"synthetic": True, "placeholder": reason}))
    assert pilot, (dcode, pname)
    return out, pilot[0][0]


def village_counts(dcode, cids):
    lo, hi = VILLAGES_PER_COMMUNE
    if dcode in VILLAGE_TOTALS:
        total = VILLAGE_TOTALS[dcode]
        base, extra = divmod(total, len(cids))
        ranked = sorted(cids, key=lambda c: hval("village-extra:" + c))
        plus = set(ranked[:extra])
        counts = {c: base + (1 if c in plus else 0) for c in cids}
    else:
        counts = {c: lo + hval("villages:" + c) % (hi - lo + 1) for c in cids}
    assert all(lo <= n <= hi for n in counts.values())
    return counts


def team_size(households):
    for lower, members, assumed in TEAM_SIZE_BANDS:
        if households >= lower:
            return members, assumed
    raise AssertionError(households)


def raw_households(vid):
    u = hfrac("households:" + vid)
    return HOUSEHOLDS_MIN + (HOUSEHOLDS_MAX - HOUSEHOLDS_MIN) * u ** HOUSEHOLDS_SKEW


def build_villages(cid, clabel, ctype, n, cb, scale):
    vtype = "thôn" if ctype == "xã" else "tổ dân phố"
    for k in range(1, n + 1):
        vid = "%s-v%02d" % (cid, k)
        hh = int(round(raw_households(vid) * scale))
        territory(vid, "%s %d" % (cap(vtype), k), "village", vtype, parent=cid,
                  households=hh, synthetic=True)
        if AS_OF < TEAM_SINCE:
            continue   # no Tổ bảo vệ ANTT before Law 30/2023/QH15 is in force
        members, assumed = team_size(hh)
        tname = "Tổ bảo vệ ANTT %s %d, %s" % (vtype, k, clabel)
        # No head post for teams: the Tổ trưởng is a team member chosen by the
        # commune PC chairman (Art. 16), and ~1,150 extra posts would push the
        # file past its 3 MB budget.
        tid = body(vid, "village", "team", "security_team", tname,
                   None, True, members=members,
                   members_assumed=True if assumed else None, since=TEAM_SINCE)
        # Law 30/2023/QH15 Art. 5(3) (news.laodong.vn …1589399.ldo) and Art. 16
        # (baonghean.vn …10273245.html): managed and established by the
        # commune PC; guided, assigned and inspected by the commune police.
        G.tie(cb["pc"], tid, "directs")
        G.tie(cb["police"], tid, "guides")
        G.tie(cb["police"], tid, "inspects")
        G.tie(cb["pc"], tid, "forwards")


def plan_district(listed, dcode, n_phuong, n_tt, n_xa):
    """The district's communes of early 2024 and the villages of each."""
    counts = {"phường": n_phuong, "thị trấn": n_tt, "xã": n_xa}
    communes, pilot = communes_of_early_2024(dcode, listed, counts)
    villages = village_counts(dcode, [c[0] for c in communes])
    return communes, pilot, villages


def build_district(prov, pb, dcode, dname, dtype, plan, scale):
    did = territory(dcode, dname, "district", dtype, parent=prov)
    label = dtype + " " + dname
    party = {"thành phố": "Thành ủy ", "thị xã": "Thị ủy ", "huyện": "Huyện ủy "}[dtype]
    db = build_core_bodies(did, "district", label, party + dname, False, MASS_ORGS)
    wire_level(db, MASS_ORGS, upper=pb)
    # Synthetic units that can be recognised "An toàn về ANTT" (TT 124 Điều 1).
    ag = body(did, "district", "agency", "agency", "Cơ quan sự nghiệp " + label,
              "Thủ trưởng Cơ quan sự nghiệp " + label, True)
    G.tie(db["pc"], ag, "directs")
    G.tie(db["pc"], ag, "forwards")
    en = body(did, "district", "enterprise", "enterprise", "Doanh nghiệp " + label,
              "Giám đốc Doanh nghiệp " + label, True, size="medium")
    G.tie(db["pc"], en, "forwards")   # private: addressed, not directed
    sc = body(did, "district", "school", "school", "Trường THPT " + label,
              "Hiệu trưởng Trường THPT " + label, True, school_level="upper_secondary")
    G.tie(pb["dept.education"], sc, "directs")   # upper secondary: province-run
    G.tie(pb["dept.education"], sc, "forwards")

    communes, pilot, counts = plan
    for cid, short, ctype, cattrs in communes:
        synthetic = bool(cattrs.get("synthetic"))
        if short is None:
            # Placeholder: the bare number would be meaningless, so the name
            # carries the type ("Xã 294-07"); real names stay bare like the
            # province's and districts' ("Nhân Quyền").
            short = "%s-%02d" % (dcode, int(cid.rsplit("-c", 1)[1]))
            cname = cap(ctype) + " " + short
        else:
            cname = short
        territory(cid, cname, "commune", ctype, parent=did, **cattrs)
        clabel = ctype + " " + short
        corgs = [o for o in MASS_ORGS if o[3]]
        cb = build_core_bodies(cid, "commune", clabel, "Đảng ủy " + clabel,
                               synthetic, corgs)
        wire_level(cb, corgs, upper=db)
        if cid == pilot:
            for rec in G.units:
                if rec["id"] == cb["police"]:
                    rec.setdefault("attributes", {})["pilot"] = PILOT_ATTRIBUTE
        cs = body(cid, "commune", "school", "school", "Trường THCS " + clabel,
                  "Hiệu trưởng Trường THCS " + clabel, True,
                  school_level="lower_secondary")
        G.tie(db["pc"], cs, "directs")      # lower secondary: district-run
        G.tie(db["pc"], cs, "forwards")
        build_villages(cid, clabel, ctype, counts[cid], cb, scale)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

DATASET_ATTRIBUTES = {
    "description": ("Hải Dương province on 01/07/2024 (before the commune arrangement of "
                    "01/12/2024): 12 district-level units, 235 communes (185 with their "
                    "GSO code and name from the pre-2025 list), synthetic villages, and the "
                    "bodies of the all-people movement to protect national security at each "
                    "level, with their head posts and ties."),
    "as_of": AS_OF,
    "sources": ("Pre-2025 list of administrative units (../shared/data/vn-admin/pre2025_3tier, "
                "thanglequoc/vietnamese-provinces-database v2.4.1, MIT, from the GSO list "
                "danhmuchanhchinh.gso.gov.vn, as of 01/03/2025; see LICENSE-vn-admin.txt): "
                "names, codes and types of the province, districts and communes; GSO list "
                "2024 (data_date 01/05/2024, daohoangson/dvhcvn) for commune counts, the "
                "Bình Giang communes and the codes the arrangement of 01/12/2024 reused; "
                "chinhsachcuocsong.vnanet.vn/dia-phuong/hai-duong.html (population 2.1 M, "
                "Party secretary, PC chairman); the 2019 census (persons per household, "
                "national); baohaiduong.vn/an-ninh-trat-tu/…177867 (2021 pilot commune "
                "police); Law 30/2023/QH15 (in force 01/07/2024) and the HĐND tỉnh Hải "
                "Dương resolutions effective 01/07/2024 as reported by "
                "giadinh.suckhoedoisong.vn …172240611115748062.htm (security teams, team "
                "sizes); Hướng dẫn 4488/BCĐ of 14/11/2013 (steering committees 138); "
                "baohaiduong.vn/print/132558.html and baohaiduong.vn/print/269533.html "
                "(village counts); the 2024 directive of the UBND tỉnh Hải Dương "
                "'Đẩy mạnh thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024' "
                "(recipient list; clause 4 for the coordination ties). See data/README.md."),
    "synthetic": ("Placeholder communes (ids '<district>-cNN', with the reason in "
                  "'placeholder') and their bodies and posts, all villages, households "
                  "(scaled to 2.1 M people at 3.58 per household), security teams, and "
                  "per district one agency, one enterprise and one upper-secondary "
                  "school, per commune one lower-secondary school; such records carry "
                  "\"synthetic\": true."),
    # The figures taken as assumptions, in the words a report prints beside its results.
    "assumptions": [
        f"Households: {PERSONS_PER_HOUSEHOLD} persons per household, the national figure of the 2019 "
        f"census (Hải Dương's own figure was not found), so that the households add up to "
        f"{POPULATION / 1e6:g} M people (vnanet.vn province page).",
        f"Villages: {VILLAGES_PER_COMMUNE[0]}-{VILLAGES_PER_COMMUNE[1]} per commune (Thanh Hà pinned to 89); "
        "no per-commune count was found.",
        "Security teams of villages with 1,000 households or more: 5 members (the HĐND tỉnh resolution's "
        "band is cut off in the source); such teams carry \"members_assumed\": true.",
    ],
    "generator": "data/tools/make_hai_duong_2024.py",
    "licence": "LICENSE-vn-admin.txt",
}


def write_licence(vn_admin, out_dir):
    """The notice MIT requires to travel with data derived from the list."""
    with open(os.path.join(vn_admin, VN_ADMIN_LICENCE), encoding="utf-8") as f:
        notice = f.read()
    header = ("The names, GSO codes and unit types of the province, districts and communes in\n"
              "hai_duong_2024.json are derived from the pre-2025 list of Vietnam's administrative\n"
              "units of thanglequoc/vietnamese-provinces-database (release v2.4.1,\n"
              "https://github.com/thanglequoc/vietnamese-provinces-database), distributed under\n"
              "the following licence.\n\n")
    with open(os.path.join(out_dir, "LICENSE-vn-admin.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write(header + notice)


def parse_args(argv):
    vn_admin, out = None, None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--vn-admin" and args:
            vn_admin = args.pop(0)
        elif arg.startswith("--vn-admin="):
            vn_admin = arg.split("=", 1)[1]
        elif arg.startswith("-") or out is not None:
            sys.exit("usage: make_hai_duong_2024.py [--vn-admin DIR] [output path]")
        else:
            out = arg
    if out is None:
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hai_duong_2024.json")
    return vn_admin or default_vn_admin(), out


def main():
    vn_admin, out = parse_args(sys.argv[1:])
    if not os.path.isfile(os.path.join(vn_admin, VN_ADMIN_LIST)):
        sys.exit("error: the administrative list is not at %s (give --vn-admin DIR)" % vn_admin)
    listed = read_vn_admin(vn_admin)

    # The pre-2025 list against the 2024 tables: same districts, names and types;
    # 235 - 207 communes merged away, as the arrangement says (57 -> 29).
    assert sorted(listed["districts"]) == [d[0] for d in DISTRICTS]
    for dcode, dname, dtype, *_ in DISTRICTS:
        d = listed["districts"][dcode]
        assert (d["name"], d["type"]) == (dname, dtype), (dcode, d["name"], d["type"])
    listed_total = sum(len(d["communes"]) for d in listed["districts"].values())
    assert sum(sum(d[3:]) for d in DISTRICTS) - listed_total == ARRANGED_BEFORE - ARRANGED_AFTER
    assert sum(len(v) for v in CODES_REUSED_ON_ARRANGEMENT.values()) <= ARRANGED_AFTER

    plans = {d[0]: plan_district(listed["districts"][d[0]], d[0], *d[3:]) for d in DISTRICTS}
    # Households: scale the draw so the province adds up to its population.
    raw = sum(raw_households("%s-v%02d" % (cid, k))
              for communes, _, villages in plans.values()
              for cid, *_ in communes for k in range(1, villages[cid] + 1))
    scale = POPULATION / PERSONS_PER_HOUSEHOLD / raw

    build_nation()
    prov, pb = build_province(listed)
    for dcode, dname, dtype, *_ in DISTRICTS:
        build_district(prov, pb, dcode, dname, dtype, plans[dcode], scale)

    # Self-checks against the GSO list 2024 and the list of 01/03/2025.
    comm = [u for u in G.units if u["kind"] == "commune"]
    assert len(comm) == 235, len(comm)
    for typ, n in EXPECTED_TOTALS.items():
        assert sum(1 for u in comm if u["attributes"]["type"] == typ) == n, typ
    assert sum(1 for u in comm if u["attributes"].get("gso_list") == "2025-03-01") == 185
    households = sum(u["attributes"]["households"] for u in G.units if u["kind"] == "village")
    assert abs(households * PERSONS_PER_HOUSEHOLD - POPULATION) < 0.001 * POPULATION, households
    if AS_OF >= TEAM_SINCE:
        sizes = {u["attributes"]["members"] for u in G.units if u["kind"] == "security_team"}
        assert sizes == {3, 4, 5}, sizes

    head = nfc({"format": "antq.orggraph", "version": 1, "name": "hai_duong_2024",
                "attributes": DATASET_ATTRIBUTES})
    dump = lambda v: json.dumps(nfc(v), ensure_ascii=False, separators=(",", ":"))
    lines = ["{"]
    for key in ("format", "version", "name", "attributes"):
        lines.append(dump(key) + ":" + dump(head[key]) + ",")
    for key, recs, last in (("units", G.units, False), ("ties", G.ties, True)):
        lines.append(dump(key) + ":[")
        lines.extend(dump(r) + ("," if i < len(recs) - 1 else "")
                     for i, r in enumerate(recs))
        lines.append("]" if last else "],")
    lines.append("}")
    with open(out, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    write_licence(vn_admin, os.path.dirname(os.path.abspath(out)))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Generate data/hai_duong_2024.json, the default antq organisation graph.

Hải Dương province as of 2024-01-01 (12 district-level units, 235 communes),
with the bodies that take part in the "all-people movement to protect national
security" at each level, their head posts, and the ties between them.

Real facts come from the sources listed in data/README.md ("What is real" and
"Sources"): the GSO list of administrative units as of 01/05/2024, Law
30/2023/QH15 and the HĐND tỉnh Hải Dương resolutions of 2024, Hướng dẫn
4488/BCĐ, press and official pages, and the 2024 directive itself; each
table below names its source. Everything else (placeholder communes, villages,
households, security teams, one agency / enterprise / school per district and
one school per commune) is synthetic, deterministic, and flagged
"synthetic": true.

Usage:  /usr/bin/python3 data/tools/make_hai_duong_2024.py [output path]
Stdlib only. The output is byte-for-byte identical on every run: no clock,
no random module; "random" choices come from SHA-256 of a fixed seed + key.
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

AS_OF = "2024-01-01"

# GSO province code 30 (GSO list 2024: danhmuchanhchinh.gso.gov.vn as
# snapshotted in daohoangson/dvhcvn data/dvhcvn.json at commit e503f13,
# data_date 01/05/2024). Party secretary and PC chairman in 2024:
# chinhsachcuocsong.vnanet.vn/dia-phuong/hai-duong.html.
PROVINCE = {"code": "30", "name": "Hải Dương"}
PARTY_SECRETARY = "Trần Đức Thắng"       # vnanet.vn province page
PC_CHAIRMAN = "Triệu Thế Hùng"           # vnanet.vn province page; the directive's signer

# GSO list 2024 (data_date 01/05/2024), communes per district; district types
# also on the vnanet.vn province page (2 thành phố + 1 thị xã + 9 huyện):
# (GSO code, name, type, phường, thị trấn, xã)
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

# GSO list 2024: Bình Giang (296) communes with their GSO codes, GSO order.
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
REAL_COMMUNE_DISTRICTS = {"296": BINH_GIANG_COMMUNES}

# Báo Hải Dương 2021 (baohaiduong.vn/an-ninh-trat-tu/…177867): the 12
# communes whose police piloted "Công an xã/phường/thị trấn điển hình, kiểu
# mẫu về ANTT" in 2021, one per district. Only Nhân Quyền's
# GSO code (10987) is known; the other 11 get a synthetic id. Note: the pilot
# "Long Xuyên" is a phường of Kinh Môn, not Bình Giang's xã Long Xuyên 10963.
PILOT_COMMUNES = {
    "288": ("Tân Bình", "phường"),
    "290": ("Phả Lại", "phường"),
    "291": ("An Lâm", "xã"),
    "292": ("Long Xuyên", "phường"),
    "293": ("Kim Anh", "xã"),
    "294": ("Hồng Lạc", "xã"),
    "295": ("Cẩm Giang", "thị trấn"),   # spelled so in the source; district is Cẩm Giàng
    "296": ("Nhân Quyền", "xã"),        # real code 10987, in BINH_GIANG_COMMUNES
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

# The directive, clause 4: Chương trình 07/CTrPH-BCA-MTTW of 17/10/2023
# (police and Fatherland Front).
COORDINATION_PROGRAMME = "07/CTrPH-BCA-MTTW"

# HĐND tỉnh Hải Dương resolutions effective 01/07/2024, as reported by
# giadinh.suckhoedoisong.vn …172240611115748062.htm: one Tổ bảo vệ ANTT per
# thôn/khu dân cư; members by households: <800 -> 3, 800-<1,000 -> 4,
# >=1,000 -> 5 (the report is cut off there; 5 is an assumption, not confirmed
# by the sources retrieved). (lower bound, members, assumed)
TEAM_SIZE_BANDS = [(1000, 5, True), (800, 4, False), (0, 3, False)]
TEAM_SINCE = "2024-07-01"   # Law 30/2023/QH15 in force (english.luatvietnam.vn …284805-d1.html)

# Village-count evidence (no per-commune count was found): Thanh Hà 2022: 89
# villages for 20 communes (~4.5; baohaiduong.vn/print/132558.html); Bình
# Giang 2017: 103 for 18 (~5.7; baohaiduong.vn/print/269533.html). Thanh Hà still had 20
# communes in 2024, so its total is pinned to 89; elsewhere 4-6 per commune.
VILLAGES_PER_COMMUNE = (4, 6)
VILLAGE_TOTALS = {"294": 89}

# Synthetic households per village: 250-1,400, skewed low (mean ~660, close
# to 2.1 M people / ~1,175 villages / ~3.3 persons per household), wide
# enough that all three team-size bands occur.
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


def build_province():
    pid = territory(PROVINCE["code"], PROVINCE["name"], "province", "tỉnh",
                    parent="vn")
    label = "tỉnh " + PROVINCE["name"]
    b = build_core_bodies(pid, "province", label,
                          "Tỉnh ủy " + PROVINCE["name"], False, MASS_ORGS)
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
    # Đoàn ĐBQH tỉnh: on the directive's recipient list (Nơi nhận).
    b["na"] = body(pid, "province", "na_delegation", "agency",
                   "Đoàn đại biểu Quốc hội " + label,
                   "Trưởng Đoàn đại biểu Quốc hội " + label)
    inform(b["pc"], b["na"])
    for short, base, title in DEPARTMENTS:
        name = base + (" " if base.endswith(" tỉnh") else " tỉnh ") + PROVINCE["name"]
        did = body(pid, "province", "dept." + short, "department", name,
                   title + " " + name,
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


def commune_list(dcode, dname, n_phuong, n_tt, n_xa):
    """[(id, short name or None, type, attrs)] for one district."""
    if dcode in REAL_COMMUNE_DISTRICTS:
        out = [(code, name, typ, {}) for code, name, typ in REAL_COMMUNE_DISTRICTS[dcode]]
        pname, ptype = PILOT_COMMUNES[dcode]
        assert any(n == pname and t == ptype for _, n, t, _ in out)
        return out
    # Placeholders "<district>-cNN": phường first, then thị trấn, then xã; the
    # 2021 pilot commune takes the first slot of its type.
    types = ["phường"] * n_phuong + ["thị trấn"] * n_tt + ["xã"] * n_xa
    pname, ptype = PILOT_COMMUNES[dcode]
    pilot_slot = types.index(ptype)
    out = []
    for i, typ in enumerate(types):
        cid = "%s-c%02d" % (dcode, i + 1)
        if i == pilot_slot:
            out.append((cid, pname, typ, {"code_known": False}))
        else:
            out.append((cid, None, typ, {"synthetic": True}))
    return out


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


def build_villages(cid, clabel, ctype, n, cb):
    vtype = "thôn" if ctype == "xã" else "tổ dân phố"
    for k in range(1, n + 1):
        vid = "%s-v%02d" % (cid, k)
        u = hfrac("households:" + vid)
        hh = HOUSEHOLDS_MIN + int(round((HOUSEHOLDS_MAX - HOUSEHOLDS_MIN) * u ** HOUSEHOLDS_SKEW))
        territory(vid, "%s %d" % (cap(vtype), k), "village", vtype, parent=cid,
                  households=hh, synthetic=True)
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


def build_district(prov, pb, dcode, dname, dtype, n_phuong, n_tt, n_xa):
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

    communes = commune_list(dcode, dname, n_phuong, n_tt, n_xa)
    counts = village_counts(dcode, [c[0] for c in communes])
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
        if PILOT_COMMUNES[dcode] == (short, ctype):
            for rec in G.units:
                if rec["id"] == cb["police"]:
                    rec.setdefault("attributes", {})["pilot"] = PILOT_ATTRIBUTE
        cs = body(cid, "commune", "school", "school", "Trường THCS " + clabel,
                  "Hiệu trưởng Trường THCS " + clabel, True,
                  school_level="lower_secondary")
        G.tie(db["pc"], cs, "directs")      # lower secondary: district-run
        G.tie(db["pc"], cs, "forwards")
        build_villages(cid, clabel, ctype, counts[cid], cb)


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

DATASET_ATTRIBUTES = {
    "description": ("Hải Dương province as of early 2024 (before the 01/12/2024 commune "
                    "merger): 12 district-level units, 235 communes, synthetic villages, "
                    "and the bodies of the all-people movement to protect national "
                    "security at each level, with their head posts and ties."),
    "as_of": AS_OF,
    "sources": ("GSO list of administrative units (danhmuchanhchinh.gso.gov.vn) as "
                "snapshotted in daohoangson/dvhcvn data/dvhcvn.json at commit e503f13, "
                "data_date 01/05/2024 (province and district codes, commune counts, "
                "Bình Giang communes); chinhsachcuocsong.vnanet.vn/dia-phuong/hai-duong.html "
                "(district types, Party secretary, PC chairman); "
                "baohaiduong.vn/an-ninh-trat-tu/…177867 (2021 pilot commune police); "
                "Law 30/2023/QH15 (in force 01/07/2024) and the HĐND tỉnh Hải Dương "
                "resolutions effective 01/07/2024 as reported by "
                "giadinh.suckhoedoisong.vn …172240611115748062.htm (security teams, team "
                "sizes); Hướng dẫn 4488/BCĐ of 14/11/2013 (steering committees 138); "
                "baohaiduong.vn/print/132558.html and baohaiduong.vn/print/269533.html "
                "(village counts); the 2024 directive of the UBND tỉnh Hải Dương "
                "'Đẩy mạnh thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2024' "
                "(recipient list). See data/README.md."),
    "synthetic": ("Placeholder communes (ids '<district>-cNN'), all villages, households, "
                  "security teams, and per district one agency, one enterprise and one "
                  "upper-secondary school, per commune one lower-secondary school; such "
                  "records carry \"synthetic\": true."),
    "generator": "data/tools/make_hai_duong_2024.py",
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "hai_duong_2024.json")
    build_nation()
    prov, pb = build_province()
    for row in DISTRICTS:
        build_district(prov, pb, *row)

    # Self-checks against the GSO list 2024.
    comm = [u for u in G.units if u["kind"] == "commune"]
    assert len(comm) == 235, len(comm)
    for typ, n in EXPECTED_TOTALS.items():
        assert sum(1 for u in comm if u["attributes"]["type"] == typ) == n, typ
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


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Generate data/vn/: Vietnam's national lists of administrative units and the 2025 reform as a change set.

Outputs (all UTF-8, NFC, byte-for-byte identical on every run):

- ``vietnam_2025-03-01.csv``: the three-tier list in force from 01/03/2025 (Nghị quyết 1365/NQ-UBTVQH15)
  until 30/06/2025: 63 provinces, 696 districts, 10,035 communes.
- ``vietnam_2025-07-01.csv``: the two-tier list from 01/07/2025 (19/2025/QĐ-TTg): 34 provinces, 3,321 communes.
  Both in antq's generic table format: ``code,name,level,parent_code,type`` (docs/restructure.md).
- ``reform_2025.json``: the reform of 01/07/2025 as an ``antq.changes`` document, read from the old→new
  crosswalk built from Resolutions 1654–1687/NQ-UBTVQH15.

Derived fields only: GSO codes, short names, levels, parents and unit types (the upstream type name in lower
case). No English names, slugs or region ids are shipped.

Sources (``../shared/data/vn-admin/``, see its README.md):

- ``pre2025_3tier/units_flat.csv`` and ``post2025_2tier/units_flat.csv``: thanglequoc/vietnamese-provinces-database
  v2.4.1 and v3.0.2, MIT, Copyright (c) 2021 Thang Le Quoc.
- ``reform2025_crosswalk/merges.json``: dvhcvn/20250701 ``mapping/merges.json``, MIT, Copyright (c) 2025 dvhcvn.

The licence notices are written beside the outputs.

What the change set does with the crosswalk, and why (every case is listed again in docs/restructure.md):

- The crosswalk's old list has 12 communes that Resolution 1365/NQ-UBTVQH15 had already dissolved before
  01/03/2025 (DISSOLVED_BEFORE_2025_03_01 below); they are not in the three-tier list, so they are left out of
  the merges that name them.
- Two new codes differ from 19/2025/QĐ-TTg as the post-reform list gives it (CODE_CORRECTIONS): the change set
  uses the decision's codes and records the crosswalk's in ``corrected_from``.
- A new commune whose code is one of its predecessors' is that predecessor continuing (it keeps its id, its
  bodies and their ties; the others merge into it). Every other new commune is created.

Usage:  /usr/bin/python3 data/tools/make_vietnam_2025.py [--shared DIR] [--out DIR]
Stdlib only.
"""

import argparse
import csv
import io
import json
import os
import shutil
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

LEVEL_NAMES = {"province", "district", "commune"}

# Communes in the crosswalk's old list but not in the three-tier list of 01/03/2025: upstream removed exactly these
# in its commit "Update data for decree 1365/NQ-UBTVQH15" (see ../shared/data/vn-admin/README.md).
DISSOLVED_BEFORE_2025_03_01 = {"07693", "07732", "07744", "16387", "16411", "18448", "20176", "20674", "25102",
                               "25174", "25177", "25186"}

# New codes that the crosswalk gives differently from 19/2025/QĐ-TTg (as published and as the post-reform list
# has them); see ../shared/data/vn-admin/README.md, "Post-2025 vs dvhcvn/20250701".
CODE_CORRECTIONS = {
    "06970": ("06978", "Xã Ba Chẽ (Quảng Ninh): 06978 in 19/2025/QĐ-TTg; 06970 in GSO letter 1027/CTK-CSCL"),
    "23737": ("23938", "Xã Ia Mơ (Gia Lai): 23938 in 19/2025/QĐ-TTg; 23737 in GSO letter 1027/CTK-CSCL"),
}

# The crosswalk writes full names; these are the type words it puts in front, longest first.
COMMUNE_PREFIXES = [("Đặc khu ", "đặc khu"), ("Phường ", "phường"), ("Xã ", "xã")]
PROVINCE_PREFIXES = [("Thành phố ", "thành phố trực thuộc trung ương"), ("Tỉnh ", "tỉnh")]

BASIS = ("Nghị quyết 202/2025/QH15 (provinces); Nghị quyết 203/2025/QH15 and Luật 72/2025/QH15 (no district level); "
         "Nghị quyết 1654–1687/NQ-UBTVQH15 (communes of each province)")


def nfc(text):
    return unicodedata.normalize("NFC", text)


def read_list(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def table(rows):
    """The generic table: code,name,level,parent_code,type; provinces first, each followed by its children."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "level", "parent_code", "type"])
    for r in rows:
        level = r["level_name"]
        assert level in LEVEL_NAMES, level
        writer.writerow([r["code"], nfc(r["name"]), level, r["parent_code"], nfc(r["unit_type"]).lower()])
    return out.getvalue()


def split_name(full, prefixes, where):
    for prefix, kind in prefixes:
        if full.startswith(prefix):
            return full[len(prefix):], kind
    raise SystemExit(f"{where}: '{full}' starts with no known type word")


def reform(merges, pre_rows):
    """The change set of 01/07/2025, operation by operation (docs/restructure.md, 'The 2025 reform')."""
    pre = {r["code"]: r for r in pre_rows}
    provinces = {c for c, r in pre.items() if r["level_name"] == "province"}
    communes = {c for c, r in pre.items() if r["level_name"] == "commune"}
    districts = {c for c, r in pre.items() if r["level_name"] == "district"}
    ops = []

    # 1. Provinces: the new province keeps one of its predecessors' codes and absorbs the others.
    for p in merges["data"]:
        code = p["level1_id"]
        name, kind = split_name(nfc(p["name"]), PROVINCE_PREFIXES, f"province {code}")
        sources = [m["old_id"] for m in p["merges"]]
        assert code in sources and all(s in provinces for s in sources), code
        assert all(m["type"] == "full" for m in p["merges"]), code
        old = pre[code]
        renamed = name != nfc(old["name"])
        retyped = kind != nfc(old["unit_type"]).lower()
        if len(sources) > 1:
            op = {"op": "merge", "into": code, "sources": sources}
            if renamed:
                op["name"] = name
            if retyped:
                op["type"] = kind
            ops.append(op)
        else:
            if renamed:
                ops.append({"op": "rename", "unit": code, "name": name})
            if retyped:
                ops.append({"op": "retype", "unit": code, "type": kind})

    # 2. Communes. A new code equal to an old commune that is not among its own sources must wait until that old
    # commune has been merged away or abolished.
    received_part = {}  # old code -> first new code that took a part of it
    continuing = set()
    plans = []
    for p in merges["data"]:
        province = p["level1_id"]
        for c in p["level2s"]:
            code = c["level2_id"]
            corrected_from = None
            if code in CODE_CORRECTIONS:
                corrected_from, (code, _) = code, CODE_CORRECTIONS[code]
            name, kind = split_name(nfc(c["name"]), COMMUNE_PREFIXES, f"commune {code}")
            full = [m["old_id"] for m in c["merges"] if m["type"] == "full" and m["old_id"] not in DISSOLVED_BEFORE_2025_03_01]
            parts = [m["old_id"] for m in c["merges"] if m["type"] == "partial" and m["old_id"] not in DISSOLVED_BEFORE_2025_03_01]
            assert all(s in communes or s in districts for s in full + parts), code
            assert full or parts, code
            for s in parts:
                received_part.setdefault(s, code)
            if code in full or code in parts:
                continuing.add(code)
            plans.append((province, code, name, kind, full, parts, corrected_from))

    merged_away = set()
    for _, code, _, _, full, _, _ in plans:
        merged_away.update(s for s in full if s != code)

    def commune_ops(province, code, name, kind, full, parts, corrected_from):
        sources = full + parts
        # A new commune with the code of an old one it took only a part of: that old commune continues under its
        # code (giving its other parts away in other merges), so it is the merge's target, not one of its parts.
        parts = [s for s in parts if s != code]
        if code in sources and [s for s in full + parts if s != code] == []:
            old = pre[code]
            out = [{"op": "move", "unit": code, "parent": province}]
            if name != nfc(old["name"]):
                out.append({"op": "rename", "unit": code, "name": name})
            if kind != nfc(old["unit_type"]).lower():
                out.append({"op": "retype", "unit": code, "type": kind})
            return out
        op = {"op": "merge"}
        if code in sources:
            op["into"] = code
            old = pre[code]
            if name != nfc(old["name"]):
                op["name"] = name
            if kind != nfc(old["unit_type"]).lower():
                op["type"] = kind
        else:
            op["into"] = {"id": code, "name": name, "kind": "commune", "attributes": {"type": kind}}
        op["parent"] = province
        if full:
            op["sources"] = full
        if parts:
            op["parts"] = parts
        if corrected_from:
            op["attributes"] = {"corrected_from": corrected_from, "correction": CODE_CORRECTIONS[corrected_from][1]}
        return [op]

    deferred = []
    for plan in plans:
        province, code = plan[0], plan[1]
        waits = code in communes and code not in plan[4] + plan[5]
        (deferred if waits else ops).extend(commune_ops(*plan))

    # 3. Old communes given out only in parts, none of which kept their code: abolished, their remaining
    # subordinates going to the first new commune that took a part.
    for old in sorted(received_part):
        if old in continuing or old in merged_away:
            continue
        ops.append({"op": "abolish", "unit": old, "successor": received_part[old]})
    ops.extend(deferred)

    # 4. The district level ends; the bodies of districts go, their subordinates reattached to the province's.
    ops.append({"op": "remove_level", "level": "district"})
    return {
        "format": "antq.changes",
        "version": 1,
        "name": "reform_2025",
        "date": "2025-07-01",
        "basis": BASIS,
        "structure": "two_tier",
        "attributes": {
            "source": "dvhcvn/20250701 mapping/merges.json (commit dd94887c), MIT, Copyright (c) 2025 dvhcvn; "
                      "built from Nghị quyết 1654–1687/NQ-UBTVQH15 and GSO letters 915 and 1027/CTK-CSCL",
            "generator": "data/tools/make_vietnam_2025.py",
            "left_out": sorted(DISSOLVED_BEFORE_2025_03_01),
        },
        "operations": ops,
    }


def changes_text(doc):
    """Compact JSON, one operation per line."""
    head = {k: v for k, v in doc.items() if k != "operations"}
    text = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    lines = [json.dumps(op, ensure_ascii=False, separators=(",", ":")) for op in doc["operations"]]
    return text + ',"operations":[\n' + ",\n".join(lines) + "\n]}\n"


def generate(shared):
    """The files of data/vn/, as {name: text}."""
    pre_rows = read_list(os.path.join(shared, "pre2025_3tier", "units_flat.csv"))
    post_rows = read_list(os.path.join(shared, "post2025_2tier", "units_flat.csv"))
    with open(os.path.join(shared, "reform2025_crosswalk", "merges.json"), encoding="utf-8") as f:
        merges = json.load(f)
    return {
        "vietnam_2025-03-01.csv": table(pre_rows),
        "vietnam_2025-07-01.csv": table(post_rows),
        "reform_2025.json": changes_text(reform(merges, pre_rows)),
    }


LICENCES = [
    ("LICENSE-vietnamese-provinces-database.txt", "LICENSE-vietnamese-provinces-database.txt"),
    ("reform2025_crosswalk/LICENSE-dvhcvn-20250701.txt", "LICENSE-dvhcvn-20250701.txt"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "data", "vn-admin"))
    parser.add_argument("--out", default=os.path.join(REPO, "data", "vn"))
    args = parser.parse_args(argv)
    os.makedirs(args.out, exist_ok=True)
    for name, text in generate(args.shared).items():
        with open(os.path.join(args.out, name), "w", encoding="utf-8", newline="") as f:
            f.write(text)
    for source, name in LICENCES:
        shutil.copyfile(os.path.join(args.shared, source), os.path.join(args.out, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())

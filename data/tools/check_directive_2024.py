#!/usr/bin/python3
"""Check data/directive_2024.json (format "antq.directive", version 1) against data/hai_duong_2024.json.

Standard library only. Usage:

    /usr/bin/python3 data/tools/check_directive_2024.py [directive.json [graph.json]]

It validates the directive's fields (required, optional, unknown, types, ISO dates, unique clause ids,
NFC strings), evaluates every selector over the graph with the semantics of docs/selectors.md, prints
the units each task role, each target and each recipient picks (by kind and level; a target within the
assignee as the union of each assignee's, each of which must be non-empty), checks that each
obligation of OBLIGATIONS (clauses 1-4 read sentence by sentence) is still in the file with the holders it
names, and exits 1 if anything is wrong (2 if a file cannot be read).
"""

import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from datetime import date

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

UNIT_KINDS = ["nation", "province", "district", "commune", "village", "party_committee", "peoples_council",
              "peoples_committee", "police", "steering_committee", "front_committee", "mass_organisation",
              "department", "ministry", "agency", "enterprise", "school", "security_team", "post"]
TERRITORY_KINDS = set(UNIT_KINDS[:5])
LEVELS = ["nation", "province", "district", "commune", "village"]
ROLES = ["lead", "coordinate", "advise", "monitor", "inform"]
MAX_DEPTH = 64
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ALL = ["province", "district", "commune"]

# Obligations of clauses 1-4 that the encoding once left out or misplaced, each found by the Vietnamese
# phrase its assignment quotes in its note. `units` (and `target`) give the kinds and, for each, the levels
# whose units the assignment must pick, and nothing else: every unit of that kind at that level.
# tests/python/directive/test_directive_checker.py checks the same list against antq's compiled table.
OBLIGATIONS = [
    {"clause": "1", "role": "lead", "phrase": "của các cấp ủy đảng", "units": {"party_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "đề nghị Ủy ban Mặt trận Tổ quốc, các đoàn thể",
     "units": {"front_committee": ALL}},
    {"clause": "1", "role": "lead", "phrase": "ngành Công an", "units": {"police": ALL}},
    {"clause": "1", "role": "lead", "phrase": "phát huy vai trò của các tổ chức đoàn thể, người có uy tín",
     "units": {"mass_organisation": ["commune"]}},
    {"clause": "2", "role": "lead", "phrase": "nâng cao nhận thức cho cán bộ, đảng viên, đoàn viên, hội viên",
     "units": {"front_committee": ALL}},
    {"clause": "2", "role": "lead", "phrase": "cao điểm trấn áp mạnh mẽ tội phạm", "units": {"police": ALL}},
    {"clause": "3", "role": "inform", "phrase": "Đề nghị Bộ Công an, Ban Chỉ đạo 138 tỉnh ghi nhận",
     "units": {"ministry": ["nation"], "steering_committee": ["province"]}},
    {"clause": "3", "role": "lead", "phrase": "Tái hòa nhập cộng đồng", "units": {"peoples_committee": ALL}},
    {"clause": "3", "role": "lead", "phrase": "Công an xã, phường, thị trấn điển hình, kiểu mẫu",
     "units": {"police": ["province", "district"]}, "target": {"police": ["commune"]}},
    {"clause": "4", "role": "lead", "phrase": "phối hợp với lực lượng Công an các cấp tổ chức quán triệt",
     "units": {"front_committee": ALL, "mass_organisation": ALL}},
    {"clause": "4", "role": "coordinate", "phrase": "Thực hiện có hiệu quả công tác phối hợp liên ngành",
     "units": {"police": ALL}, "target": {"mass_organisation": ALL, "department": ["province"]}},
    {"clause": "4", "role": "lead", "phrase": "Ngày hội của nhân dân", "units": {"peoples_committee": ["district", "commune"]},
     "target": {"village": ["village"], "agency": ["district"], "enterprise": ["district"], "school": ["district", "commune"]}},
    {"clause": "4", "role": "monitor", "phrase": "trực tiếp xuống dự, chỉ đạo, động viên cơ sở",
     "units": {"party_committee": ALL, "peoples_committee": ALL, "steering_committee": ALL},
     "target": {"village": ["village"], "agency": ["district"], "enterprise": ["district"], "school": ["district", "commune"]}},
]

problems = []


def problem(where, message):
    problems.append(f"{where}: {message}")


# ---------------------------------------------------------------- loading


def no_duplicate_keys(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=no_duplicate_keys)
    except (OSError, ValueError) as e:
        print(f"error: cannot read {path}: {e}", file=sys.stderr)
        sys.exit(2)


# ---------------------------------------------------------------- the graph


class Graph:
    def __init__(self, doc):
        self.units = doc["units"]
        self.index = {u["id"]: i for i, u in enumerate(self.units)}
        self.children = defaultdict(list)   # contains: territory -> territories
        self.bodies = defaultdict(list)     # serves (reversed): territory -> bodies
        self.heads = defaultdict(list)      # heads (reversed): body -> posts
        self.ties = defaultdict(set)        # (source, kind) -> targets
        for t in doc.get("ties", []):
            s, d, k = self.index[t["source"]], self.index[t["target"]], t["kind"]
            self.ties[(s, k)].add(d)
            if k == "contains":
                self.children[s].append(d)
            elif k == "serves":
                self.bodies[d].append(s)
            elif k == "heads":
                self.heads[d].append(s)

    def unit(self, i):
        return self.units[i]

    def territory(self, root):
        """Semantics of `within`: the territory, its sub-territories, the bodies serving them, their heads."""
        inside = {root}
        stack, territories = [root], [root]
        while stack:
            for c in self.children[stack.pop()]:
                if c not in inside:
                    inside.add(c)
                    territories.append(c)
                    stack.append(c)
        for t in territories:
            for b in self.bodies[t]:
                inside.add(b)
                inside.update(self.heads[b])
        return inside

    def area(self, i):
        """The territory a unit belongs to, as OrgGraph.area: itself, the one it serves, or its headed body's."""
        kind = self.unit(i)["kind"]
        if kind in TERRITORY_KINDS:
            return i
        if kind == "post":
            bodies = sorted(self.ties[(i, "heads")])
            return self.area(bodies[0]) if bodies else None
        served = sorted(self.ties[(i, "serves")])
        return served[0] if served else None


# ---------------------------------------------------------------- selectors


def json_equal(a, b):
    """Equality with types, as antq's Value: true != 1, 5 != 5.0, arrays and objects member by member."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, str):
        return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
    return a == b


def names(value, where, allowed, what):
    items = value if isinstance(value, list) else [value]
    if isinstance(value, list) and not value:
        raise ValueError(f"{where}: an empty list selects nothing")
    for i, v in enumerate(items):
        w = f"{where}/{i}" if isinstance(value, list) else where
        if not isinstance(v, str):
            raise ValueError(f"{w}: expected a {what} name")
        if v not in allowed:
            raise ValueError(f"{w}: {v!r} is not a {what}")
    return set(items)


def select(g, sel, where, depth=0):
    """The set of unit indices `sel` picks in `g`. Raises ValueError on a malformed selector."""
    if depth > MAX_DEPTH:
        raise ValueError(f"{where}: selector nested deeper than {MAX_DEPTH}")
    everything = set(range(len(g.units)))
    if sel == "all":
        return everything
    if not isinstance(sel, dict) or not sel:
        raise ValueError(f"{where}: expected a selector object or \"all\"")
    result = everything
    for key, v in sel.items():
        p = f"{where}/{key}"
        if key == "kind":
            ks = names(v, p, UNIT_KINDS, "unit kind")
            part = {i for i, u in enumerate(g.units) if u["kind"] in ks}
        elif key == "level":
            ls = names(v, p, LEVELS, "level")
            part = {i for i, u in enumerate(g.units) if u.get("level") in ls}
        elif key == "within":
            if not isinstance(v, str):
                raise ValueError(f"{p}: expected a territory id (a string)")
            if v not in g.index:
                raise ValueError(f"{p}: unknown unit {v!r}")
            root = g.index[v]
            if g.unit(root)["kind"] not in TERRITORY_KINDS:
                raise ValueError(f"{p}: {v!r} is a {g.unit(root)['kind']}, not a territory")
            part = g.territory(root)
        elif key == "id":
            ids = v if isinstance(v, list) else [v]
            if isinstance(v, list) and not v:
                raise ValueError(f"{p}: an empty list selects nothing")
            part = set()
            for x in ids:
                if not isinstance(x, str):
                    raise ValueError(f"{p}: expected a unit id (a string)")
                if x not in g.index:
                    raise ValueError(f"{p}: unknown unit {x!r}")
                part.add(g.index[x])
        elif key == "attribute":
            if not isinstance(v, dict) or not isinstance(v.get("key"), str) or set(v) - {"key", "equals"}:
                raise ValueError(f'{p}: expected {{"key": name, "equals": value}} or {{"key": name}}')
            k = v["key"]
            if "equals" in v:
                part = {i for i, u in enumerate(g.units)
                        if k in u.get("attributes", {}) and json_equal(u["attributes"][k], v["equals"])}
            else:
                part = {i for i, u in enumerate(g.units) if k in u.get("attributes", {})}
        elif key in ("all", "any"):
            if not isinstance(v, list) or not v:
                raise ValueError(f"{p}: expected a non-empty array of selectors")
            parts = [select(g, s, f"{p}/{i}", depth + 1) for i, s in enumerate(v)]
            part = set.intersection(*parts) if key == "all" else set.union(*parts)
        elif key == "not":
            part = everything - select(g, v, p, depth + 1)
        else:
            raise ValueError(f"{p}: unknown selector field {key!r}")
        result = result & part
    return result


def by_kind_and_level(g, picked):
    """'kind: level n, level n' lines for a set of unit indices, kinds in UNIT_KINDS order."""
    counts = defaultdict(lambda: defaultdict(int))
    for i in picked:
        u = g.unit(i)
        counts[u["kind"]][u.get("level", "?")] += 1
    lines = []
    for kind in sorted(counts, key=UNIT_KINDS.index):
        levels = sorted(counts[kind], key=lambda lv: LEVELS.index(lv) if lv in LEVELS else 99)
        lines.append(f"{kind}: " + ", ".join(f"{lv} {counts[kind][lv]}" for lv in levels))
    return lines


# ---------------------------------------------------------------- the directive's fields


def check_nfc(x, where):
    if isinstance(x, str):
        if unicodedata.normalize("NFC", x) != x:
            problem(where, "string is not in NFC")
    elif isinstance(x, list):
        for i, v in enumerate(x):
            check_nfc(v, f"{where}/{i}")
    elif isinstance(x, dict):
        for k, v in x.items():
            check_nfc(k, f"{where}/{k}")
            check_nfc(v, f"{where}/{k}")


def fields(obj, where, required, optional=()):
    """Check that `obj` is an object with all `required` fields and no field outside required + optional."""
    if not isinstance(obj, dict):
        problem(where, "expected an object")
        return False
    for k in required:
        if k not in obj:
            problem(where, f"missing required field {k!r}")
    for k in obj:
        if k not in required and k not in optional:
            problem(f"{where}/{k}", "unknown field")
    return True


def string(obj, key, where, empty_ok=False):
    if key not in obj:
        return None
    v = obj[key]
    if not isinstance(v, str):
        problem(f"{where}/{key}", "expected a string")
        return None
    if not v.strip() and not empty_ok:
        problem(f"{where}/{key}", "must not be empty")
    return v


def iso_date(obj, key, where, empty_ok):
    v = string(obj, key, where, empty_ok=True)
    if v is None or (v == "" and empty_ok):
        return None
    if v == "" or not ISO.match(v):
        problem(f"{where}/{key}", f"expected an ISO date YYYY-MM-DD, found {v!r}")
        return None
    try:
        return date.fromisoformat(v)
    except ValueError:
        problem(f"{where}/{key}", f"not a real date: {v!r}")
        return None


def array(obj, key, where, nonempty=True):
    if key not in obj:
        return []
    v = obj[key]
    if not isinstance(v, list):
        problem(f"{where}/{key}", "expected an array")
        return []
    if nonempty and not v:
        problem(f"{where}/{key}", "must not be empty")
    return v


def selector_units(g, sel, where):
    try:
        picked = select(g, sel, where)
    except ValueError as e:
        problem(where, f"bad selector: {e}")
        return set()
    if not picked:
        problem(where, "selector matches no unit of the graph")
    return picked


def main(argv):
    directive_path = argv[1] if len(argv) > 1 else os.path.join(DATA, "directive_2024.json")
    graph_path = argv[2] if len(argv) > 2 else os.path.join(DATA, "hai_duong_2024.json")
    d = load(directive_path)
    g = Graph(load(graph_path))

    top_required = ["format", "version", "id", "kind", "number", "date", "year", "title", "issuer", "signer",
                    "theme", "references", "events", "recipients", "tasks"]
    if not fields(d, "", top_required, ["summary", "undated_due"]):
        return report()
    check_nfc(d, "")
    if d.get("format") != "antq.directive":
        problem("/format", 'must be "antq.directive"')
    if type(d.get("version")) is not int or d.get("version") != 1:
        problem("/version", "must be the integer 1")
    for k in ("id", "kind", "title", "theme"):
        string(d, k, "")
    string(d, "number", "", empty_ok=True)
    string(d, "summary", "")
    iso_date(d, "date", "", empty_ok=True)
    if "year" in d and (type(d["year"]) is not int or not 1900 <= d["year"] <= 2100):
        problem("/year", "expected an integer year")

    issuer = string(d, "issuer", "")
    signer = string(d, "signer", "")
    for key, v in (("issuer", issuer), ("signer", signer)):
        if v is not None and v not in g.index:
            problem(f"/{key}", f"unknown unit {v!r}")
    if issuer in g.index and g.unit(g.index[issuer])["kind"] in TERRITORY_KINDS | {"post"}:
        problem("/issuer", "the issuer must be a body")
    if signer in g.index:
        if g.unit(g.index[signer])["kind"] != "post":
            problem("/signer", "the signer must be a post")
        elif issuer in g.index and g.index[issuer] not in g.ties[(g.index[signer], "heads")]:
            problem("/signer", f"{signer!r} does not head the issuer {issuer!r}")

    if "undated_due" in d and fields(d["undated_due"], "/undated_due", ["date", "assumption"]):
        iso_date(d["undated_due"], "date", "/undated_due", empty_ok=False)
        string(d["undated_due"], "assumption", "/undated_due")

    for i, r in enumerate(array(d, "references", "")):
        w = f"/references/{i}"
        if fields(r, w, ["kind", "number", "date", "title"], ["cited", "note"]):
            if "cited" in r and type(r["cited"]) is not bool:
                problem(f"{w}/cited", "expected true or false")
            string(r, "note", w)
            string(r, "kind", w)
            string(r, "number", w, empty_ok=True)
            string(r, "title", w)
            iso_date(r, "date", w, empty_ok=True)

    for i, e in enumerate(array(d, "events", "")):
        w = f"/events/{i}"
        if fields(e, w, ["date", "title"], ["note"]):
            iso_date(e, "date", w, empty_ok=False)
            string(e, "title", w)
            string(e, "note", w)

    print("recipients")
    recipients = set()
    for i, r in enumerate(array(d, "recipients", "")):
        w = f"/recipients/{i}"
        if not fields(r, w, ["label"], ["selector", "note"]):
            continue
        label = string(r, "label", w) or "?"
        string(r, "note", w)
        if "selector" not in r:
            # An entry outside the graph (an archive line, a body not modelled) says why in its note.
            if "note" not in r:
                problem(w, "an entry without a selector needs a 'note' saying why it is outside the graph")
            print(f"  {label}: outside the graph")
            continue
        picked = selector_units(g, r["selector"], f"{w}/selector")
        recipients |= picked
        print(f"  {label}: {len(picked)} -> " + "; ".join(by_kind_and_level(g, picked)))
    commune_pcs = {i for i in recipients if g.unit(i)["kind"] == "peoples_committee" and g.unit(i)["level"] == "commune"}
    if commune_pcs:
        problem("/recipients", f"{len(commune_pcs)} commune People's Committees are recipients; the text does not list them")

    print("tasks")
    clauses = set()
    for t_i, t in enumerate(array(d, "tasks", "")):
        w = f"/tasks/{t_i}"
        if not fields(t, w, ["clause", "title", "assignments"], ["summary", "indicators"]):
            continue
        clause = string(t, "clause", w) or "?"
        if clause in clauses:
            problem(f"{w}/clause", f"duplicate clause id {clause!r}")
        clauses.add(clause)
        string(t, "title", w)
        string(t, "summary", w)
        for j, ind in enumerate(array(t, "indicators", w)):
            if not isinstance(ind, str) or not ind.strip():
                problem(f"{w}/indicators/{j}", "expected a non-empty string")
        holders = defaultdict(set)   # role -> units
        targets = defaultdict(set)   # role -> target units
        for a_i, a in enumerate(array(t, "assignments", w)):
            wa = f"{w}/assignments/{a_i}"
            if not fields(a, wa, ["role", "units"], ["target", "target_within", "deadline", "window", "note"]):
                continue
            role = string(a, "role", wa)
            if role is not None and role not in ROLES:
                problem(f"{wa}/role", f"{role!r} is not a role (allowed: {', '.join(ROLES)})")
                role = None
            picked = selector_units(g, a["units"], f"{wa}/units") if "units" in a else set()
            holders[role or "?"] |= picked
            if "target_within" in a and a["target_within"] != "assignee":
                problem(f"{wa}/target_within", f"{a['target_within']!r} is not a scope of the target (only 'assignee')")
            elif "target_within" in a and "target" not in a:
                problem(f"{wa}/target", "'target_within' needs a 'target'")
            if "target" in a:
                picked_targets = selector_units(g, a["target"], f"{wa}/target")
                if "target_within" in a:
                    picked_targets = within_each(g, picked, picked_targets, f"{wa}/target")
                targets[role or "?"] |= picked_targets
            iso_date(a, "deadline", wa, empty_ok=False)
            if "window" in a:
                win = a["window"]
                if fields(win, f"{wa}/window", ["from", "to"]):
                    start = iso_date(win, "from", f"{wa}/window", empty_ok=False)
                    end = iso_date(win, "to", f"{wa}/window", empty_ok=False)
                    if start and end and start > end:
                        problem(f"{wa}/window", "'from' is after 'to'")
            string(a, "note", wa)
        for role in sorted(holders, key=lambda r: ROLES.index(r) if r in ROLES else 99):
            for line in by_kind_and_level(g, holders[role]):
                print(f"  {clause} {role} {line}")
            for line in by_kind_and_level(g, targets.get(role, set())):
                print(f"  {clause} {role} target {line}")
    for c in [str(n) for n in range(1, 7)] + ["closing"]:
        if c not in clauses:
            problem("/tasks", f"clause {c!r} is missing")
    check_obligations(g, d)
    return report()


def within_each(g, assignees, targets, where):
    """The targets lying in some assignee's own territory (target_within: assignee); each assignee must get one."""
    out = set()
    for i in sorted(assignees):
        area = g.area(i)
        own = targets & g.territory(area) if area is not None else set()
        if not own:
            problem(where, f"no target lies within the territory of assignee {g.unit(i)['id']!r}")
        out |= own
    return out


def kinds_and_levels(g, picked):
    """{kind: sorted levels} of a set of unit indices."""
    out = defaultdict(set)
    for i in picked:
        out[g.unit(i)["kind"]].add(g.unit(i).get("level", "?"))
    return {k: sorted(v, key=LEVELS.index) for k, v in out.items()}


def everything_of(g, spec):
    """Every unit of the kinds and levels of an OBLIGATIONS spec."""
    return {i for i, u in enumerate(g.units) if u.get("level") in spec.get(u["kind"], ())}


def check_obligations(g, d):
    """Each entry of OBLIGATIONS is an assignment of its clause and role quoting its phrase, picking its holders."""
    print("obligations")
    tasks = [t for t in d.get("tasks", []) if isinstance(t, dict)]
    for ob in OBLIGATIONS:
        label = f"{ob['clause']} {ob['role']} \"{ob['phrase']}\""
        found = [(t_i, a_i, a) for t_i, t in enumerate(tasks) if t.get("clause") == ob["clause"]
                 for a_i, a in enumerate(t.get("assignments", []))
                 if isinstance(a, dict) and a.get("role") == ob["role"] and ob["phrase"] in str(a.get("note", ""))]
        if len(found) != 1:
            problem("/tasks", f"obligation {label}: expected one assignment quoting it, found {len(found)}")
            continue
        t_i, a_i, a = found[0]
        where = f"/tasks/{t_i}/assignments/{a_i}"
        for key in ("units", "target"):
            want = ob.get(key)
            if want is None and key not in a:
                continue
            try:
                picked = select(g, a[key], f"{where}/{key}") if key in a else set()
            except ValueError as e:
                problem(f"{where}/{key}", f"bad selector: {e}")
                continue
            if want is None or picked != everything_of(g, want):
                problem(f"{where}/{key}", f"obligation {label}: picks {kinds_and_levels(g, picked)}, expected {want}")
        print(f"  {label}: " + "; ".join(by_kind_and_level(g, select(g, a["units"], where))))


def report():
    if problems:
        print(f"\n{len(problems)} problem(s):")
        for p in problems:
            print(f"  {p}")
        return 1
    print("\nok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

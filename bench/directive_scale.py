"""Directive-scale benchmark: compiling a national directive and its forwarding reach, antq against NetworkX.

    .venv/bin/python bench/directive_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/directive_scale.py --quick    # ~5k units: a smoke test, writes nothing
    .venv/bin/python bench/directive_scale.py --quick --results "$(mktemp)"

The graph is synth.generate(directive=True): the national benchmark's graph plus national bodies, head
posts, attributes and forwards ties. The directive is written below as an ``antq.directive`` document.
See bench/README.md for what is measured and how NetworkX is made to do the same work.
"""

from __future__ import annotations

import collections
import json
import random
import sys
import time
from dataclasses import dataclass

import directive_nx
import measure
import results
import synth

ALL_LEVELS = ["province", "district", "commune"]  # "các cấp"
AIM = 20.0  # the project's aim: antq at least this many times faster than NetworkX


@dataclass(frozen=True)
class Config:
    shape: synth.Shape
    repeats: int  # timing repeats (median reported)
    seed: int = 2024


FULL = Config(synth.FULL, repeats=7)
QUICK = Config(synth.QUICK, repeats=2)


# ---- the directive ------------------------------------------------------------------------------


def directive_document(units, ties, seed: int) -> dict:
    """A synthetic national plan of the Ministry of Public Security, as an ``antq.directive`` document.

    Its selectors cover every level and every selector form: kind and level lists, ``within`` one or several
    provinces and one district, ``id`` lists, ``attribute`` with and without ``equals`` (bool, int, string),
    ``all`` / ``any`` / ``not`` nested; recipients are the two national bodies and the provincial PCs."""
    rng = random.Random(f"{seed}/directive-document")
    p = sorted(rng.sample(synth.provinces(units), 5))
    contains = ties[ties["kind"] == "contains"]
    district = contains.loc[contains["source"] == p[2], "target"].tolist()[0]
    communes = units.loc[units["kind"] == "commune", "id"].tolist()
    pilots = sorted(rng.sample(communes, min(20, len(communes))))
    pc_all, police_all = (
        {"kind": "peoples_committee", "level": ALL_LEVELS},
        {"kind": "police", "level": ALL_LEVELS},
    )
    return {
        "format": "antq.directive",
        "version": 1,
        "id": "synthetic_national_plan_2025",
        "kind": "kế hoạch",
        "number": "",
        "date": "",
        "year": 2025,
        "title": "Triển khai phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025 (dữ liệu tổng hợp)",
        "issuer": "VN.mps",
        "signer": "VN.mps.head",
        "theme": "Toàn dân tham gia bảo vệ an ninh, trật tự ở cơ sở",
        "summary": "Synthetic benchmark directive over bench/synth.py's national graph; not a real text.",
        "references": [
            {"kind": "luật", "number": "30/2023/QH15", "date": "2023-11-28",
             "title": "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở"},
        ],
        "events": [{"date": "2025-08-19", "title": "Ngày hội toàn dân bảo vệ ANTQ"}],
        "recipients": [
            {"label": "Bộ Công an; Văn phòng Chính phủ", "selector": {"id": ["VN.mps", "VN.gov_office"]}},
            {"label": "UBND các tỉnh, thành phố trực thuộc Trung ương",
             "selector": {"kind": "peoples_committee", "level": "province"}},
        ],
        "tasks": [
            {"clause": "1", "title": "Lãnh đạo, chỉ đạo; trách nhiệm người đứng đầu", "assignments": [
                {"role": "lead", "units": pc_all},
                {"role": "lead", "units": police_all},
                {"role": "monitor", "units": {"kind": "police", "level": "province"},
                 "target": {"kind": "peoples_committee", "level": "district"}},
            ]},
            {"clause": "2", "title": "Tuyên truyền", "assignments": [
                {"role": "lead", "units": police_all},
                {"role": "coordinate", "units": {"kind": ["peoples_committee", "police"],
                                                 "any": [{"within": p[0]}, {"within": p[1]}, {"within": p[2]}]}},
                {"role": "inform", "units": {"kind": "post", "any": [{"level": "province"}, {"within": p[0]}]}},
            ]},
            {"clause": "3", "title": "Phường, thị trấn an toàn về ANTT", "assignments": [
                {"role": "lead",
                 "units": {"kind": "police", "level": "commune", "attribute": {"key": "regular", "equals": True}},
                 "target": {"kind": "commune", "not": {"attribute": {"key": "type", "equals": "xã"}}}},
                {"role": "coordinate", "units": {"kind": "peoples_committee", "level": "district",
                                                 "any": [{"attribute": {"key": "pilot"}}, {"within": p[3]}]}},
                {"role": "monitor", "units": {"kind": "police", "level": "district", "not": {"within": p[4]}},
                 "target": {"kind": "police", "level": "commune",
                            "attribute": {"key": "regular", "equals": False}}},
            ]},
            {"clause": "4", "title": "Lực lượng tham gia bảo vệ ANTT ở cơ sở", "assignments": [
                {"role": "lead", "units": {"kind": "police", "level": "commune"}},
                {"role": "coordinate", "units": {"kind": "security_team", "any": [{"within": p[0]}, {"within": p[1]}],
                                                 "attribute": {"key": "members", "equals": 3}}},
                # 5.0 is a JSON number, never equal to the integer 5 (antq compares type and value): the
                # `not` keeps every team, and the agreement check catches a side comparing values only.
                {"role": "monitor", "units": {"kind": "police", "level": "district", "within": p[0]},
                 "target": {"kind": "security_team", "within": p[0],
                            "not": {"attribute": {"key": "members", "equals": 5.0}}}},
            ]},
            {"clause": "5", "title": "Mô hình điểm", "assignments": [
                {"role": "lead", "units": {"id": [f"{c}.police" for c in pilots]}},
                {"role": "coordinate", "units": {"any": [
                    {"id": [f"{c}.pc" for c in pilots]},
                    {"kind": "peoples_committee", "attribute": {"key": "pilot", "equals": True}},
                ]}},
                {"role": "advise", "units": {"all": [{"kind": "police"}, {"level": "province"}, {"within": p[1]}]},
                 "target": {"id": f"{p[1]}.pc.head"}},
                {"role": "lead", "units": {"within": district, "kind": ["peoples_committee", "police"],
                                           "not": {"level": "district"}}},
            ]},
            {"clause": "closing", "title": "Theo dõi, đôn đốc, kiểm tra", "assignments": [
                {"role": "monitor", "units": {"id": "VN.mps"}, "target": pc_all},
                {"role": "advise", "units": {"kind": "police", "level": "province"},
                 "target": {"kind": "post", "level": "province"}},
                {"role": "lead", "units": {"not": {"any": [{"level": ["nation", "commune", "village"]},
                                                           {"kind": ["post", "province", "district"]}]}}},
            ]},
        ],
    }


# ---- same answers before any timing -------------------------------------------------------------


def _fail(message: str):
    raise SystemExit(f"antq and NetworkX disagree: {message}")


def _check_paths(G, paths: dict, recipients: set, who: str) -> None:
    for unit, path in paths.items():
        if path[0] not in recipients or path[-1] != unit or len(set(path)) != len(path):
            _fail(f"{who} path to {unit!r} is not a path from a recipient: {path}")
        for a, b in zip(path, path[1:]):
            if "forwards" not in G.succ[a].get(b, {}):
                _fail(f"{who} path to {unit!r} has no forwards tie {a!r} -> {b!r}")


def check_agreement(g, G, d, doc) -> dict:
    """Identical tables (as row sets), recipients, bound and unreached sets; every path a forwards path from
    a recipient, of the same (shortest) length on both sides. Returns the figures the report describes."""
    import antq

    compiled = antq.compile(d, g)
    ours = directive_nx.compile_directive(G, doc)
    a, n = compiled.to_pandas(), ours.to_pandas()
    a["assignments"], n["assignments"] = a["assignments"].map(tuple), n["assignments"].map(tuple)  # rows hashable
    if list(a.columns) != list(n.columns):
        _fail(f"columns {list(a.columns)} vs {list(n.columns)}")
    rows_a = collections.Counter(a.itertuples(index=False, name=None))
    rows_n = collections.Counter(n.itertuples(index=False, name=None))
    if rows_a != rows_n:
        _fail(f"tables differ: {len(rows_a - rows_n)} rows only in antq's, {len(rows_n - rows_a)} only in NetworkX's")
    if max(rows_a.values()) > 1 or a.duplicated(["task", "unit", "role"]).any():
        _fail("a unit holds one role twice in a task")
    if set(compiled.recipients()) != ours.recipients:
        _fail("recipients differ")
    watches = collections.defaultdict(set)  # monitor -> targets of the assignments giving it its monitor rows
    task_of = {task["clause"]: i for i, task in enumerate(doc["tasks"])}
    for clause, behind, u, role in zip(n["task"], n["assignments"], n["unit"], n["role"]):
        if role == "monitor":
            for j in behind:
                watches[u] |= ours.targets[task_of[clause], j]
    if {k: set(v) for k, v in compiled.oversight()["monitors"].items()} != watches:
        _fail("monitor targets differ (antq's oversight() against NetworkX's expanded targets)")
    ra, rn, rl = compiled.reach(), directive_nx.reach(G, ours), directive_nx.reach_library(G, ours)
    for key in ("recipients", "bound", "unreached"):
        if len(set(ra[key])) != len(ra[key]):
            _fail(f"antq's reach lists a unit twice in {key}")
        for other, who in ((rn, "BFS"), (rl, "library")):
            if set(ra[key]) != set(other[key]) or len(other[key]) != len(ra[key]):
                _fail(f"reach {key}: antq {len(ra[key])}, NetworkX {who} {len(other[key])}")
    recipients = set(ra["recipients"])
    for paths, who in ((ra["paths"], "antq"), (rn["paths"], "NetworkX BFS"), (rl["paths"], "NetworkX library")):
        if set(paths) != set(ra["bound"]) - set(ra["unreached"]):
            _fail(f"{who} paths do not cover exactly the reached bound units")
        _check_paths(G, paths, recipients, who)
        if any(len(paths[u]) != len(ra["paths"][u]) for u in paths):
            _fail(f"{who} paths are not all as short as antq's")
    assignments = [x for t in doc["tasks"] for x in t["assignments"]]
    return {
        "tasks": len(doc["tasks"]),
        "assignments": len(assignments),
        "selectors": len(doc["recipients"]) + len(assignments) + sum("target" in x for x in assignments),
        "rows": len(a),
        "rows_by_role": a["role"].value_counts().to_dict(),
        "targets": sum(len(v) for v in ours.targets.values()),
        "flags": len(compiled.flags()),
        "recipients": len(ra["recipients"]),
        "bound": len(ra["bound"]),
        "unreached": len(ra["unreached"]),
        "unreached_kinds": collections.Counter(G.nodes[u]["kind"] for u in ra["unreached"]).most_common(),
        "paths": len(ra["paths"]),
        "same_paths": sum(ra["paths"][u] == rn["paths"][u] for u in ra["paths"]),
        "longest_path": max(map(len, ra["paths"].values()), default=0),
    }


# ---- timing -------------------------------------------------------------------------------------

#: (key, label) of the timed operations. "networkx-lib" is NetworkX's own library calls, for reach only.
OPS = (
    ("compile", "compile → DataFrame"),
    ("compile_only", "compile, table left in the tool's own form"),
    ("to_pandas", "table → DataFrame only"),
    ("reach", "reach (forwards BFS, unreached, paths)"),
)


def time_ops(g, G, d, doc, repeats: int) -> dict[str, dict[str, float]]:
    import antq

    compiled = antq.compile(d, g)
    ours = directive_nx.compile_directive(G, doc)
    cases = {
        "compile": {
            "antq": lambda: antq.compile(d, g).to_pandas(),
            "networkx": lambda: directive_nx.compile_directive(G, doc).to_pandas(),
        },
        "compile_only": {
            "antq": lambda: antq.compile(d, g),
            "networkx": lambda: directive_nx.compile_directive(G, doc),
        },
        "to_pandas": {"antq": compiled.to_pandas, "networkx": ours.to_pandas},
        "reach": {
            "antq": compiled.reach,
            "networkx": lambda: directive_nx.reach(G, ours),
            "networkx-lib": lambda: directive_nx.reach_library(G, ours),
        },
    }
    out = {}
    for key, label in OPS:
        out[key] = measure.round_robin(cases[key], repeats)
        print(f"{label}: " + ", ".join(f"{n} {s * 1e3:.1f} ms" for n, s in out[key].items()), flush=True)
    return out


# ---- report -------------------------------------------------------------------------------------

#: Per operation, the peers set against antq (one row each) and the project's aim for that ratio, if any.
ROWS = {
    "compile": (("networkx", AIM),),
    "compile_only": (("networkx", None),),
    "to_pandas": (("networkx", None),),
    "reach": (("networkx", AIM), ("networkx-lib", None)),
}
PEER_NAMES = {"networkx": "NetworkX", "networkx-lib": "NetworkX library calls"}


def report(config: Config, size: dict, facts: dict, times: dict, build: dict) -> results.Report:
    f = facts
    roles = ", ".join(f"{k} {v:,}" for k, v in f["rows_by_role"].items())
    unreached = ", ".join(f"{k} {v:,}" for k, v in f["unreached_kinds"])
    inputs = f"""`synth.generate(directive=True)`, seed {config.seed}: {size['units']:,} units and {size['ties']:,} ties \
(the national benchmark's graph plus national bodies, head posts, attributes and forwards ties).

- units: {", ".join(f"{k} {v:,}" for k, v in size['unit_kinds'].items())}
- ties: {", ".join(f"{k} {v:,}" for k, v in size['tie_kinds'].items())}
- built once, not timed here: antq `from_pandas` {build['antq']:.2f} s, NetworkX MultiDiGraph \
{build['networkx']:.2f} s
- directive: {f['tasks']} tasks, {f['assignments']} assignments, {f['selectors']} selectors (recipients, \
units, targets) over all levels; {f['rows']:,} table rows ({roles}); {f['targets']:,} target units (summed over assignments); \
{f['flags']} capability flags
- reach: {f['recipients']} recipients, {f['bound']:,} bound units, {f['unreached']:,} unreached \
({unreached}), {f['paths']:,} paths (longest {f['longest_path']} units); \
{f['same_paths']:,} of the paths are the very same in antq and the NetworkX BFS, the rest differ only \
among equally short ones"""
    rows = [
        results.Row(label, "ms", times[key]["antq"] * 1e3, PEER_NAMES[peer], times[key][peer] * 1e3, aim)
        for key, label in OPS
        for peer, aim in ROWS[key]
    ]
    share = times["to_pandas"]["antq"] / times["compile"]["antq"]
    return results.Report(
        title="directive-scale",
        repeats=config.repeats,
        rss_repeats=None,
        inputs_heading="Graph and directive",
        inputs=inputs,
        rows=rows,
        table_note='Wall-clock per call. "NetworkX" is the hand-written Python over a `MultiDiGraph` '
        '(`bench/directive_nx.py`); "NetworkX library calls" is `multi_source_dijkstra_path` on a forwards-only '
        "`subgraph_view` (reach only).",
        notes=[
            f"antq's `to_pandas()` alone is {share:.0%} of its compile → DataFrame time "
            f"({results.figure(times['to_pandas']['antq'] * 1e3)} ms against "
            f"{results.figure(times['to_pandas']['networkx'] * 1e3)} ms for pandas on NetworkX's ready-made "
            "Python lists)."
        ],
        summary=f"{size['units']:,} units, {size['ties']:,} ties; {facts['rows']:,} rows",
    )


# ---- main ---------------------------------------------------------------------------------------


def run(config: Config) -> results.Report:
    import antq

    units, ties = synth.generate(config.shape, config.seed, directive=True)
    t0 = time.perf_counter()
    g = antq.OrgGraph.from_pandas(units, ties)
    t1 = time.perf_counter()
    G = directive_nx.build(units, ties)
    build = {"antq": t1 - t0, "networkx": time.perf_counter() - t1}
    text = json.dumps(directive_document(units, ties, config.seed), ensure_ascii=False, indent=1)
    d, doc = antq.Directive.loads(text, "directive_scale.py"), json.loads(text)  # parsing is not timed
    print(f"graph: {len(units):,} units, {len(ties):,} ties", flush=True)
    facts = check_agreement(g, G, d, doc)
    print(f"same answers: {facts['rows']:,} rows, {facts['unreached']:,} unreached", flush=True)
    times = time_ops(g, G, d, doc, config.repeats)
    size = {
        "units": len(units),
        "ties": len(ties),
        "unit_kinds": units["kind"].value_counts().to_dict(),
        "tie_kinds": ties["kind"].value_counts().to_dict(),
    }
    return report(config, size, facts, times, build)


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="directive_scale", quick_help="small graph, 2 repeats (smoke test)",
                 configs=(QUICK, FULL), run=run)


if __name__ == "__main__":
    main(sys.argv[1:])

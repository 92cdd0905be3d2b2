"""The frozen view at national scale: memory, breadth-first search, within(province) and batched queries, antq's
``OrgGraph.freeze()`` against igraph, graph-tool and NetworkX on synthetic graphs, in one run.

    .venv/bin/python bench/frozen_scale.py            # full run (~2·10^5 and ~10^6 units), rewrites its section
    .venv/bin/python bench/frozen_scale.py --quick    # ~5k units: a smoke test, writes nothing

See bench/README.md for what is measured and how the peers are made to answer the same questions.
"""

from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import dataclass

os.environ.setdefault("OMP_NUM_THREADS", "1")  # graph-tool single-threaded, as antq's calls here

import measure
import results
import synth
import tools

# ~10^6 units: the national shape with ~47 villages a commune (synthetic; real communes have far fewer).
LARGE = synth.Shape(villages_per_commune=(42, 52))


@dataclass(frozen=True)
class Config:
    sizes: tuple[tuple[str, synth.Shape], ...]
    queries: int  # unit indices per batched query
    repeats: int
    rss_repeats: int
    seed: int = 2024


FULL = Config((("~2·10^5", synth.FULL), ("~10^6", LARGE)), queries=100_000, repeats=5, rss_repeats=1)
QUICK = Config((("quick", synth.QUICK),), queries=1_000, repeats=1, rss_repeats=1)
SHAPES = dict(FULL.sizes + QUICK.sizes)  # a fresh process finds its size by label

BFS = (("contains", synth.NATION), ("forwards", "VN.gov_office"))
BATCHED = ("parents", "levels", "kinds", "subtree_mask")
MEMORY_TOOLS = ("antq", "igraph", "networkx")


# ---- memory: fresh processes ----------------------------------------------------------------------------------


def rss_child(what: str, config: Config) -> None:
    """Runs in a fresh interpreter, ``what`` = TOOL@SIZE: the frames (and for antq the mutable graph) exist before
    the first reading; only the frozen view, or the peer's graph, is measured."""
    tool, size = what.split("@")
    shape = SHAPES[size]
    units, ties = synth.generate(shape, config.seed, directive=True)
    tools.available(("antq", "igraph" if tool == "igraph" else "networkx"))
    if tool == "antq":
        g = tools.antq_tool.build(units, ties)
        grown = measure.graph_rss_bytes(g.freeze)
    else:
        grown = measure.graph_rss_bytes(lambda: tools.BY_NAME[tool].build(units, ties))
    print(json.dumps({"tool": tool, "rss_bytes": grown, "units": len(units)}))


def memory(size: str, config: Config, names: list[str]) -> dict[str, int]:
    script = os.path.abspath(__file__)
    return {n: measure.rss_in_subprocess(script, f"{n}@{size}", config is QUICK, config.rss_repeats)
            for n in MEMORY_TOOLS if n in names}


# ---- the peers' graphs and queries ----------------------------------------------------------------------------


def kind_graphs(units, ties, names):
    """Per tool and tie kind of BFS, a graph of that kind's ties only (built once, not timed): what a user of a
    single-relation library builds to walk one kind."""
    import pandas as pd

    position = pd.Index(units["id"])
    out: dict[str, dict] = {n: {} for n in names if n in ("igraph", "graph-tool")}
    for kind, _ in BFS:
        sel = ties[ties["kind"] == kind]
        edges = list(zip(position.get_indexer(sel["source"]).tolist(), position.get_indexer(sel["target"]).tolist()))
        if "igraph" in out:
            import igraph as ig

            out["igraph"][kind] = ig.Graph(n=len(units), edges=edges, directed=True)
        if "graph-tool" in out:
            import graph_tool as gt

            G = gt.Graph(directed=True)
            G.add_vertex(len(units))
            G.add_edge_list(edges)
            out["graph-tool"][kind] = G
    return out


def bfs_cases(f, per_kind, index, kind: str, source: str) -> dict:
    import numpy as np

    s = index[source]
    cases = {"antq": lambda: f.hops(np.array([s]), kind)}
    if "igraph" in per_kind:
        G = per_kind["igraph"][kind]
        cases["igraph"] = lambda: G.bfs(s, mode="out")
    if "graph-tool" in per_kind:
        import graph_tool.topology as gtt

        T = per_kind["graph-tool"][kind]
        cases["graph-tool"] = lambda: gtt.shortest_distance(T, source=T.vertex(s))
    return cases


def check_bfs(f, per_kind, index, kind: str, source: str) -> int:
    """Every tool's hop counts from `source` equal antq's. Returns the number of units reached."""
    import numpy as np

    want = f.hops(np.array([index[source]]), kind)
    if "igraph" in per_kind:
        got = np.array(per_kind["igraph"][kind].distances(source=index[source], mode="out")[0])
        got = np.where(np.isinf(got), -1, got).astype(np.int64)
        if not np.array_equal(got, want):
            raise SystemExit(f"igraph's {kind} distances from {source} differ from antq's")
    if "graph-tool" in per_kind:
        import graph_tool.topology as gtt

        T = per_kind["graph-tool"][kind]
        got = gtt.shortest_distance(T, source=T.vertex(index[source])).a.astype(np.int64)
        got[got >= np.iinfo(np.int32).max] = -1
        if not np.array_equal(got, want):
            raise SystemExit(f"graph-tool's {kind} distances from {source} differ from antq's")
    return int((want >= 0).sum())


def batched_cases(f, h, idx, code: str) -> dict[str, dict]:
    """Per query: antq's one batched call against igraph answering id by id in a Python loop."""
    g = h.g
    vs = g.vs
    province = h.index[code]
    idx_list = idx.tolist()

    def parents():
        return [(p[0] if (p := tools.igraph_tool._in(h, v, "contains")) else -1) for v in idx_list]

    def members():
        inside = set(tools.igraph_tool._within(h, code))
        return [v in inside for v in idx_list]

    return {
        "parents": {"antq": lambda: f.parents(idx, "contains"), "igraph": parents},
        "levels": {"antq": lambda: f.levels(idx), "igraph": lambda: [vs[v]["level"] for v in idx_list]},
        "kinds": {"antq": lambda: f.kinds(idx), "igraph": lambda: [vs[v]["kind"] for v in idx_list]},
        "subtree_mask": {"antq": lambda: f.subtree_mask(province, idx), "igraph": members},
    }


def check_batched(cases: dict[str, dict]) -> None:
    import antq

    decode = {"levels": list(antq.levels), "kinds": list(antq.unit_kinds)}
    for op, pair in cases.items():
        ours, theirs = pair["antq"]().tolist(), pair["igraph"]()
        if op in decode:
            ours = [decode[op][c] if c >= 0 else None for c in ours]
        if ours != list(theirs):
            raise SystemExit(f"batched {op}: igraph's answers differ from antq's")


# ---- one size ---------------------------------------------------------------------------------------------------


def measure_size(label: str, shape: synth.Shape, config: Config, names: list[str]) -> tuple[list[results.Row], dict]:
    import numpy as np

    import antq

    units, ties = synth.generate(shape, config.seed, directive=True)
    g = antq.OrgGraph.from_pandas(units, ties)
    f = g.freeze()
    index = dict(zip(units["id"].tolist(), range(len(units))))
    assert all(f.index_of(u) == i for u, i in list(index.items())[:1000]), "the frames' order is the graph's"
    rng = random.Random(config.seed)
    idx = np.array([rng.randrange(len(units)) for _ in range(config.queries)], dtype=np.int64)
    codes = sorted(rng.sample(synth.provinces(units), 3))
    print(f"{label}: {len(units):,} units, {len(ties):,} ties (synthetic)", flush=True)

    per_kind = kind_graphs(units, ties, names)
    reached = {kind: check_bfs(f, per_kind, index, kind, source) for kind, source in BFS}
    h = tools.igraph_tool.prepare(tools.igraph_tool.build(units, ties)) if "igraph" in names else None
    if h is not None:
        for c in codes:
            if sorted(tools.igraph_tool._within(h, c)) != f.within(c).tolist():
                raise SystemExit(f"igraph's within({c}) differs from antq's")
        batched = batched_cases(f, h, idx, codes[0])
        check_batched(batched)

    rows: list[results.Row] = []
    for kind, source in BFS:
        times = measure.round_robin(bfs_cases(f, per_kind, index, kind, source), config.repeats)
        for peer, aim in (("graph-tool", 1 / 1.5), ("igraph", None)):
            if peer in times:
                rows.append(results.Row(f"{label}: BFS along {kind} ({reached[kind]:,} reached)", "ms",
                                        times["antq"] * 1e3, peer, times[peer] * 1e3, aim))
    if h is not None:
        cases = {"antq": lambda: [f.within(c) for c in codes],
                 "igraph": lambda: [tools.igraph_tool._within(h, c) for c in codes]}
        times = measure.round_robin(cases, config.repeats)
        rows.append(results.Row(f"{label}: within(province)", "ms", times["antq"] / len(codes) * 1e3, "igraph",
                                times["igraph"] / len(codes) * 1e3, 1.0))
        for op in BATCHED:
            times = measure.round_robin(batched[op], config.repeats)
            rows.append(results.Row(f"{label}: {op}, per unit index", "µs", times["antq"] / config.queries * 1e6,
                                    "igraph, a Python loop", times["igraph"] / config.queries * 1e6, 10.0))
    print(f"{label}: timings done", flush=True)
    facts = {"units": len(units), "ties": len(ties), "forwards": int((ties["kind"] == "forwards").sum()),
             "view_bytes": f.memory_bytes(), "codes": codes}
    rss = memory(label, config, names)
    facts["rss"] = rss
    aims = {"igraph": 2.0}
    for peer in MEMORY_TOOLS[1:]:
        if peer in rss:
            rows.append(results.Row(f"{label}: memory per unit (RSS growth)", "bytes", rss["antq"] / len(units), peer,
                                    rss[peer] / len(units), aims.get(peer)))
    print(f"{label}: memory done", flush=True)
    return rows, facts


def undercount_note(label: str, facts: dict) -> str:
    """A note where the freeze's RSS growth is below the view's own count of its arrays: the process reused pages
    freed while the graph was built, so the growth understates the view; its own count is then the figure to read."""
    own, grown = facts["view_bytes"] / facts["units"], facts["rss"].get("antq", 0) / facts["units"]
    if grown >= 0.9 * own:
        return ""
    peer = facts["rss"].get("igraph")
    against = f" (igraph's RSS growth ÷ it: {peer / facts['units'] / own:.1f}×)" if peer else ""
    return (f"{label}: the freeze's RSS growth ({grown:.0f} bytes per unit) is below the view's own count of its "
            f"arrays ({own:.0f} bytes per unit): the process reused pages freed while the graph was built. Read the "
            f"view's own count as its size{against}.")


def run(config: Config) -> results.Report:
    names = tools.available(("antq", "igraph", "graph-tool", "networkx"))
    rows: list[results.Row] = []
    facts = {}
    for label, shape in config.sizes:
        size_rows, facts[label] = measure_size(label, shape, config, names)
        rows += size_rows
    sizes = "\n".join(
        f"- **{label}** (shape {shape}): {facts[label]['units']:,} units, {facts[label]['ties']:,} ties "
        f"({facts[label]['forwards']:,} `forwards`); antq's own count of the view's arrays "
        f"(`memory_bytes()`): {facts[label]['view_bytes'] / facts[label]['units']:.0f} bytes per unit; provinces "
        f"for within: {', '.join(facts[label]['codes'])}"
        for label, shape in config.sizes
    )
    inputs = f"""Synthetic: bench/synth.py's national graph with the directive's bodies and forwarding ties (seed \
{config.seed}). No figure here is about Hải Dương or any real place. ~10^6 units is the national shape with ~47 villages a \
commune (`LARGE`; real communes have far fewer).

{sizes}

Before timing, every peer's answers were checked equal to antq's: hop counts from each BFS source at every unit, \
within(province) as sets on three provinces, and every batched answer on the {config.queries:,} unit indices."""
    return results.Report(
        title="frozen-view",
        repeats=config.repeats,
        rss_repeats=config.rss_repeats,
        inputs_heading="Graphs (synthetic)",
        inputs=inputs,
        rows=rows,
        table_note="""antq's figures are `OrgGraph.freeze()`'s `FrozenGraph`. **BFS**: `f.hops([source], kind)`
(hop counts as a NumPy array); igraph `Graph.bfs(source)` and graph-tool `shortest_distance(G, source)` on a graph
of that kind's ties only, built beforehand (not timed); from the nation along `contains`, from `VN.gov_office` along
`forwards`. **within(province)**: `f.within(code)` (indices) against bench/tools.py's igraph walk (vertex indices),
per province. **Batched**: {queries:,} random unit indices; antq one call (`f.parents(idx, "contains")`,
`f.levels(idx)`, `f.kinds(idx)`, `f.subtree_mask(province, idx)`), igraph a Python loop over the indices
(`neighbors`/`incident` filtered on the tie kind, `g.vs[v]["level"]`, `g.vs[v]["kind"]`, membership in the
province's walked set); per index. **Memory**: RSS growth in a fresh process of `g.freeze()` (the mutable graph
already built, not counted) against building bench/tools.py's igraph graph (with its id → index dict) and NetworkX
`DiGraph`; the peers keep names and attributes, the view does not (it reads them from its graph).""".replace(
            "{queries:,}", f"{config.queries:,}"),
        notes=["Ratios come from the tools taking turns within each repeat, so whatever else loads the machine falls "
               "on all of them alike. " + measure.load_note("at the end of the measurements")]
        + [undercount_note(label, facts[label]) for label, _ in config.sizes if undercount_note(label, facts[label])],
        summary=", ".join(f"{label}: {facts[label]['units']:,} units" for label, _ in config.sizes) + " (synthetic)",
    )


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="frozen_scale", quick_help="~5k units, 10^3 indices (smoke test)",
                 configs=(QUICK, FULL), run=run, rss_child=rss_child)


if __name__ == "__main__":
    main(sys.argv[1:])

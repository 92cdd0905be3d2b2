"""Graph measures at national scale: antq against NetworkX and graph-tool on one synthetic graph, in one run.

    .venv/bin/python bench/measures_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/measures_scale.py --quick    # ~5k units: a smoke test, writes nothing

Measured on the `forwards` view of bench/synth.py's national graph (with the directive's national bodies and
forwarding ties): betweenness (from a seeded sample of sources, the same sources for every tool, since exact
betweenness on a national graph takes NetworkX hours) and articulation points (the view read undirected). Every tool
builds its graph from the same edge list first (not timed; antq's frozen view likewise, its time given in a note);
the answers are checked equal before timing.
graph-tool runs single-threaded (OMP_NUM_THREADS=1, set before it is imported).
"""

from __future__ import annotations

import os
import random
import sys
import time
from dataclasses import dataclass

os.environ.setdefault("OMP_NUM_THREADS", "1")  # graph-tool's betweenness would use every core otherwise

import measure
import results
import synth


@dataclass(frozen=True)
class Config:
    shape: synth.Shape
    sources: int  # betweenness sources
    repeats: int
    seed: int = 2024


FULL = Config(synth.FULL, sources=200, repeats=3)
QUICK = Config(synth.QUICK, sources=50, repeats=2)


def forwarding_edges(ties) -> list[tuple[str, str]]:
    f = ties[ties["kind"] == "forwards"]
    return sorted({(s, t) for s, t in zip(f["source"], f["target"]) if s != t})


def run(config: Config) -> results.Report:
    import networkx as nx

    import antq
    import antq.measures as am

    units, ties = synth.generate(config.shape, config.seed, directive=True)
    g = antq.OrgGraph.from_pandas(units, ties)
    # The measures read the graph's frozen view, built by the first call after a change and shared until the next:
    # timed here once, apart from the figures, as graph-tool's and NetworkX's graph builds are.
    t0 = time.perf_counter()
    g.freeze()
    freeze_seconds = time.perf_counter() - t0
    edges = forwarding_edges(ties)
    D = nx.DiGraph(edges)
    U = nx.Graph(edges)
    names = sorted(D.nodes)
    index = {u: i for i, u in enumerate(names)}
    sources = random.Random(config.seed).sample(names, min(config.sources, len(names)))
    print(f"graph: {len(units):,} units, {len(ties):,} ties; forwards view {len(names):,} units, "
          f"{len(edges):,} arcs; {len(sources)} betweenness sources", flush=True)

    cases_b = {
        "antq": lambda: am.betweenness(g, "forwards", sources=sources),
        "networkx": lambda: nx.betweenness_centrality_subset(D, sources, names, normalized=False),
    }
    # One source: what a call costs besides the searches (the view, the table), against the peers' same call.
    cases_1 = {
        "antq": lambda: am.betweenness(g, "forwards", sources=sources[:1]),
        "networkx": lambda: nx.betweenness_centrality_subset(D, sources[:1], names, normalized=False),
    }

    def afresh():
        antq._core._unit_strings.pop(g, None)  # the graph's kept unit strings: this call decodes its ids anew
        return am.betweenness(g, "forwards", sources=sources[:1])

    cases_1["antq afresh"] = afresh
    # The first call after a change: a unit renamed and back (a change, so the graph's frozen view, the views kept on
    # it and the unit strings are dropped), then the call, which freezes the graph, builds its view and decodes the
    # ids anew. The peers change in place and rebuild nothing.
    some_unit = names[0]
    some_name = g.unit(some_unit).name

    def after_a_change():
        g.rename_unit(some_unit, some_name + " (renamed)")
        g.rename_unit(some_unit, some_name)
        return am.betweenness(g, "forwards", sources=sources[:1])

    cases_1["antq after a change"] = after_a_change
    cases_a = {
        "antq": lambda: am.articulation_points(g, "forwards"),
        "networkx": lambda: set(nx.articulation_points(U)),
    }
    try:
        import graph_tool.all as gt

        T = gt.Graph(directed=True)
        T.add_vertex(len(names))
        T.add_edge_list([(index[s], index[t]) for s, t in edges])
        undirected_pairs = sorted({tuple(sorted((index[s], index[t]))) for s, t in edges})
        TU = gt.Graph(directed=False)
        TU.add_vertex(len(names))
        TU.add_edge_list(undirected_pairs)
        pivots = [T.vertex(index[s]) for s in sources]
        cases_b["graph-tool"] = lambda: gt.betweenness(T, pivots=pivots, norm=False)
        cases_1["graph-tool"] = lambda: gt.betweenness(T, pivots=pivots[:1], norm=False)
        cases_a["graph-tool"] = lambda: gt.label_biconnected_components(TU)
    except ImportError:
        gt = None

    # Same answers first: antq's sampled sum is scaled by N / sources; NetworkX's subset sum is not.
    ours = am.betweenness(g, "forwards", sources=sources)
    scale = len(names) / len(sources)
    ref = nx.betweenness_centrality_subset(D, sources, names, normalized=False)
    worst = max(abs(b / scale - ref[u]) for u, b in zip(ours["unit"].astype(str), ours["betweenness"]))
    assert worst < 1e-6, f"betweenness differs from NetworkX by {worst}"
    points = set(am.articulation_points(g, "forwards")["unit"].astype(str))
    assert points == set(nx.articulation_points(U)), "articulation points differ from NetworkX"
    if gt is not None:
        _, art, _ = gt.label_biconnected_components(TU)
        assert points == {names[i] for i in range(len(names)) if art[i]}, "articulation points differ from graph-tool"

    times_b = measure.round_robin(cases_b, config.repeats)
    times_1 = measure.round_robin(cases_1, config.repeats)
    times_a = measure.round_robin(cases_a, config.repeats)

    rows: list[results.Row] = []
    times_1_afresh = {**times_1, "antq": times_1["antq afresh"]}
    times_1_changed = {**times_1, "antq": times_1["antq after a change"]}
    for what, times, aims in (
        (f"betweenness, {len(sources)} sources", times_b, {"networkx": 20.0, "graph-tool": 1 / 1.5}),
        ("betweenness, 1 source (a call's fixed cost)", times_1, {}),
        ("betweenness, 1 source, the unit strings decoded afresh", times_1_afresh, {}),
        ("betweenness, 1 source, the first call after a change (graph frozen, view built, strings decoded)",
         times_1_changed, {}),
        ("articulation points", times_a, {"networkx": 20.0, "graph-tool": 1 / 1.5}),
    ):
        for peer in ("networkx", "graph-tool"):
            if peer in times:
                rows.append(results.Row(what, "s", times["antq"], peer, times[peer], aims.get(peer)))
    inputs = (f"bench/synth.py's national graph (shape {config.shape}, seed {config.seed}, with the directive's "
              f"forwarding ties): {len(units):,} units, {len(ties):,} ties; the `forwards` view has "
              f"{len(names):,} units and {len(edges):,} arcs, {len(points):,} articulation points. Answers checked "
              f"equal to NetworkX's (betweenness to 1e-6, articulation points exactly) and graph-tool's "
              f"(articulation points) before timing. Synthetic data.")
    return results.Report(
        title="measures",
        repeats=config.repeats,
        rss_repeats=None,
        inputs_heading="Graph",
        inputs=inputs,
        rows=rows,
        table_note="Betweenness from the same seeded sources for every tool (antq `sources=`, NetworkX "
        "`betweenness_centrality_subset`, graph-tool `pivots=`), unnormalised; articulation points on the view read "
        "undirected (graph-tool: `label_biconnected_components`). graph-tool single-threaded.",
        notes=[
            f"antq's measures read the graph's frozen view (`OrgGraph.freeze()`, per-kind compressed rows of all "
            f"{len(ties):,} ties), built once per state of the graph and shared by every call until the graph changes: "
            f"{freeze_seconds:.3f} s here, before the timed calls and not in their figures, as the peers' graph "
            f"builds are not. The first call builds the `forwards` view from those rows and keeps it with the "
            f"frozen view (`FrozenGraph::derived()`, docs/measures.md), as the peers keep the graphs they were "
            f"given; each call returns a DataFrame of unit ids, the peers their own structures (NetworkX a dict or "
            f"set, graph-tool property maps).",
            "The ids' Python strings are kept per state of the graph too (manual §5), made by the first call that "
            "needs them, as the peers hold their vertex names; the row \"the unit strings decoded afresh\" drops "
            "them before each call. The row \"the first call after a change\" renames a unit and back before each "
            "call, timed with it: the call then freezes the graph, builds its view and decodes the strings anew, "
            "which is what the first measure after any change costs; the peers change in place and rebuild nothing.",
        ],
        summary=f"betweenness antq {times_b['antq']:.3f} s, NetworkX {times_b['networkx']:.3f} s "
        f"(1 source: antq {times_1['antq']:.3f} s, strings afresh {times_1['antq afresh']:.3f} s, after a change "
        f"{times_1_changed['antq']:.3f} s); "
        f"articulation points antq {times_a['antq']:.3f} s, NetworkX {times_a['networkx']:.3f} s",
    )


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="measures_scale", quick_help="small graph, 2 repeats (smoke test)",
                 configs=(QUICK, FULL), run=run)


if __name__ == "__main__":
    main(sys.argv[1:])

"""antq.measures against the tools users would otherwise use: NetworkX (betweenness, articulation points, bridges,
components), graph-tool where it is installed, and R's sna (Krackhardt's four dimensions; skipped without Rscript
or sna). Expected values are never literals here: each reference computes them on the same view, on the embedded
graph and on seeded random digraphs."""

from __future__ import annotations

import json
import math
import random
import shutil
import subprocess
from typing import Any

import networkx as nx
import pytest

import antq
import antq.measures as am


def view_nx(graph: antq.OrgGraph, kinds: list[str], directed: bool = True) -> Any:
    """The typed view as NetworkX sees it: one edge per pair, `coordinates` both ways, units with a tie of the view."""
    _, ties = graph.to_pandas()
    ties = ties[ties["kind"].astype(str).isin(kinds)]
    g: Any = nx.DiGraph() if directed else nx.Graph()
    for s, t, k in zip(ties["source"].astype(str), ties["target"].astype(str), ties["kind"].astype(str)):
        if s == t:
            continue
        g.add_edge(s, t)
        if k == "coordinates" and directed:
            g.add_edge(t, s)
    return g


def random_graph(n: int, p: float, seed: int) -> antq.OrgGraph:
    """n provincial bodies joined by `forwards` ties drawn independently with probability p (seeded)."""
    rng = random.Random(seed)
    g = antq.OrgGraph()
    for i in range(n):
        g.add_unit(f"b{i}", f"Body {i}", "police", level="province")
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < p:
                g.add_tie(f"b{i}", f"b{j}", "forwards")
    return g


RANDOM = [(12, 0.15, 1), (20, 0.08, 2), (25, 0.12, 3), (30, 0.05, 4), (40, 0.04, 5), (16, 0.3, 6)]


def as_dict(frame: Any, column: str) -> dict[str, float]:
    return dict(zip(frame["unit"].astype(str), frame[column]))


# ---- betweenness ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n,p,seed", RANDOM)
@pytest.mark.parametrize("directed", [True, False])
@pytest.mark.parametrize("normalized", [False, True])
def test_betweenness_equals_networkx_on_random_graphs(n: int, p: float, seed: int, directed: bool, normalized: bool) -> None:
    g = random_graph(n, p, seed)
    ours = am.betweenness(g, ["forwards"], directed=directed, normalized=normalized)
    ref = nx.betweenness_centrality(view_nx(g, ["forwards"], directed), normalized=normalized)
    assert set(ours["unit"].astype(str)) == set(ref)
    for unit, value in as_dict(ours, "betweenness").items():
        assert value == pytest.approx(ref[unit], rel=1e-9, abs=1e-9), unit


@pytest.mark.parametrize("kinds,directed", [(["forwards"], True), (["directs"], True), (["directs", "coordinates"], False)])
def test_betweenness_equals_networkx_on_the_embedded_graph(hai_duong: antq.OrgGraph, kinds: list[str], directed: bool) -> None:
    # NetworkX's exact betweenness takes minutes here; both sum the same 150 sources' dependencies instead.
    ref_graph = view_nx(hai_duong, kinds, directed)
    units = sorted(ref_graph.nodes)
    sources = random.Random(13).sample(units, 150)
    ours = am.betweenness(hai_duong, kinds, directed=directed, sources=sources)
    ref = nx.betweenness_centrality_subset(ref_graph, sources, units, normalized=False)
    scale = len(units) / len(sources)  # ours is scaled up to all sources, as an estimate
    assert len(ours) == len(units)
    for unit, value in as_dict(ours, "betweenness").items():
        assert value / scale == pytest.approx(ref[unit], rel=1e-9, abs=1e-9), unit


def test_sampled_betweenness_is_seeded_and_estimates_the_exact(hai_duong: antq.OrgGraph) -> None:
    a = am.betweenness(hai_duong, "forwards", samples=400, seed=3)
    b = am.betweenness(hai_duong, "forwards", samples=400, seed=3)
    assert a["betweenness"].tolist() == b["betweenness"].tolist()
    assert a["betweenness"].tolist() != am.betweenness(hai_duong, "forwards", samples=400, seed=4)["betweenness"].tolist()
    # Unbiased: on a graph where most units reach many, the mean of the estimates over seeds nears the exact total.
    g = random_graph(60, 0.06, 11)
    exact = am.betweenness(g, "forwards")["betweenness"].sum()
    estimates = [am.betweenness(g, "forwards", samples=20, seed=s)["betweenness"].sum() for s in range(40)]
    assert sum(estimates) / len(estimates) == pytest.approx(exact, rel=0.1)
    n = len(am.betweenness(g, "forwards"))
    assert am.betweenness(g, "forwards", samples=n).equals(am.betweenness(g, "forwards"))


# ---- cuts and components ----------------------------------------------------------------------------------


def check_cuts(g: antq.OrgGraph, kinds: list[str]) -> None:
    ref = view_nx(g, kinds, directed=False)
    cuts = am.cuts(g, kinds)
    assert set(cuts.articulation_points["unit"].astype(str)) == set(nx.articulation_points(ref))
    ours_bridges = {frozenset(p) for p in zip(cuts.bridges["source"].astype(str), cuts.bridges["target"].astype(str))}
    assert ours_bridges == {frozenset(e) for e in nx.bridges(ref)}
    for u, pieces in zip(cuts.articulation_points["unit"].astype(str), cuts.articulation_points["pieces"]):
        without = ref.copy()
        without.remove_node(u)
        component = nx.node_connected_component(ref, u)
        assert pieces == nx.number_connected_components(without.subgraph(component - {u})), u


def check_components(g: antq.OrgGraph, kinds: list[str]) -> None:
    directed = view_nx(g, kinds, directed=True)
    for connection, ref in (
        ("weak", nx.weakly_connected_components(directed)),
        ("strong", nx.strongly_connected_components(directed)),
    ):
        ours = am.components(g, kinds, connection=connection)
        groups: dict[int, set[str]] = {}
        for unit, c in zip(ours["unit"].astype(str), ours["component"]):
            groups.setdefault(int(c), set()).add(unit)
        assert sorted(map(sorted, groups.values())) == sorted(map(sorted, ref))


@pytest.mark.parametrize("n,p,seed", RANDOM)
def test_cuts_and_components_equal_networkx_on_random_graphs(n: int, p: float, seed: int) -> None:
    g = random_graph(n, p, seed)
    check_cuts(g, ["forwards"])
    check_components(g, ["forwards"])


@pytest.mark.parametrize("kinds", [["forwards"], ["directs"], ["directs", "coordinates", "guides"]])
def test_cuts_and_components_equal_networkx_on_the_embedded_graph(hai_duong: antq.OrgGraph, kinds: list[str]) -> None:
    ref = view_nx(hai_duong, kinds, directed=False)
    cuts = am.cuts(hai_duong, kinds)
    assert set(cuts.articulation_points["unit"].astype(str)) == set(nx.articulation_points(ref))
    assert {frozenset(p) for p in zip(cuts.bridges["source"].astype(str), cuts.bridges["target"].astype(str))} == {
        frozenset(e) for e in nx.bridges(ref)
    }
    check_components(hai_duong, kinds)


def test_cuts_from_the_issuer_equal_networkx_dominators(hai_duong: antq.OrgGraph, directive: antq.Directive) -> None:
    issuer = directive.issuer
    ref = view_nx(hai_duong, ["forwards"])
    idom = nx.immediate_dominators(ref, issuer)
    below: dict[str, int] = {}
    for v in idom:  # every unit counts once for each of its strict dominators
        u = v
        while idom[u] != u:
            u = idom[u]
            below[u] = below.get(u, 0) + 1
    ours = am.cuts_from(hai_duong, issuer, "forwards")
    assert ours.reached == len(idom)
    expected = {u: c for u, c in below.items() if u != issuer}
    assert dict(zip(ours.units["unit"].astype(str), ours.units["cut_off"])) == expected


# ---- graph-tool -------------------------------------------------------------------------------------------


def test_equal_graph_tool_where_installed(hai_duong: antq.OrgGraph) -> None:
    gt = pytest.importorskip("graph_tool.all")
    for g, kinds in [(hai_duong, ["forwards"]), (hai_duong, ["directs"])] + [
        (random_graph(n, p, s), ["forwards"]) for n, p, s in RANDOM
    ]:
        ref = view_nx(g, kinds)
        names = sorted(ref.nodes)
        index = {u: i for i, u in enumerate(names)}
        for directed in (True, False):
            t = gt.Graph(directed=directed)
            t.add_vertex(len(names))
            pairs = {(index[a], index[b]) if directed else tuple(sorted((index[a], index[b]))) for a, b in ref.edges}
            t.add_edge_list(sorted(pairs))
            vb, _ = gt.betweenness(t, norm=False)
            ours = as_dict(am.betweenness(g, kinds, directed=directed), "betweenness")
            for u in names:
                assert ours[u] == pytest.approx(vb[index[u]], rel=1e-9, abs=1e-9), u
            if not directed:
                _, art, _ = gt.label_biconnected_components(t)
                assert set(am.articulation_points(g, kinds)["unit"].astype(str)) == {
                    names[i] for i in range(len(names)) if art[i]
                }
                comp, _ = gt.label_components(t)
                assert len(set(comp.a)) == am.components(g, kinds)["component"].nunique()


# ---- R's sna ----------------------------------------------------------------------------------------------

SNA = """
suppressMessages(library(sna))
lines <- readLines(file("stdin"))
for (line in lines) {
  f <- strsplit(line, " ")[[1]]
  n <- as.integer(f[1]); m <- matrix(0, n, n)
  if (length(f) > 1) { e <- matrix(as.integer(f[-1]), ncol = 2, byrow = TRUE); m[e + 1] <- 1 }
  cat(sprintf("%.17g %.17g %.17g %.17g\\n", connectedness(m), hierarchy(m, measure = "krackhardt"),
              efficiency(m), lubness(m)))
}
"""


def sna_scores(graphs: list[tuple[int, list[tuple[int, int]]]]) -> list[list[float]]:
    rscript = shutil.which("Rscript")
    if rscript is None:
        pytest.skip("Rscript is not installed (Debian: r-cran-sna)")
    probe = subprocess.run([rscript, "-e", "library(sna)"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip("R's sna is not installed (Debian: r-cran-sna)")
    text = "\n".join(" ".join([str(n)] + [f"{a} {b}" for a, b in arcs]) for n, arcs in graphs) + "\n"
    out = subprocess.run([rscript, "-e", SNA], input=text, capture_output=True, text=True, check=True)
    return [[float(x) for x in line.split()] for line in out.stdout.splitlines()]


def arcs_of(g: antq.OrgGraph, kinds: list[str]) -> tuple[int, list[tuple[int, int]]]:
    ref = view_nx(g, kinds)
    names = sorted(ref.nodes)
    index = {u: i for i, u in enumerate(names)}
    return len(names), [(index[a], index[b]) for a, b in ref.edges]


def same(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or a == pytest.approx(b, rel=1e-12, abs=1e-12)


def test_krackhardt_equals_sna_on_random_digraphs() -> None:
    cases = [random_graph(n, p, s) for n, p, s in RANDOM] + [random_graph(10, 0.5, 7), random_graph(8, 0.02, 8)]
    # Out-trees and a DAG with shared superiors: where the two readings of LUB part.
    tree = antq.OrgGraph()
    for i in range(15):
        tree.add_unit(f"b{i}", f"Body {i}", "police", level="province")
    for i in range(1, 15):
        tree.add_tie(f"b{(i - 1) // 2}", f"b{i}", "forwards")
    dag = random_graph(1, 0, 0)
    rng = random.Random(9)
    for i in range(1, 18):
        dag.add_unit(f"b{i}", f"Body {i}", "police", level="province")
        for j in rng.sample(range(i), min(i, rng.choice([1, 1, 2]))):
            dag.add_tie(f"b{j}", f"b{i}", "forwards")
    cases += [tree, dag]
    expected = sna_scores([arcs_of(g, ["forwards"]) for g in cases])
    for g, ref in zip(cases, expected):
        ours = am.krackhardt(g, "forwards", lub="sna")
        assert all(same(a, b) for a, b in zip(ours, ref)), (ours, ref)
    assert tuple(am.krackhardt(tree, "forwards")) == (1.0, 1.0, 1.0, 1.0)


def test_krackhardt_equals_sna_on_the_embedded_graph(hai_duong: antq.OrgGraph) -> None:
    # One district's bodies (sna's LUB is cubic in the units: the whole province would take R minutes).
    units, _ = hai_duong.to_pandas()
    district = str(units[units["kind"].astype(str) == "district"]["id"].iloc[0])
    within = antq.Selector.within(district)
    views = [["directs"], ["forwards"], ["directs", "guides", "inspects"]]
    keep = sorted(hai_duong.select(within))  # a selection keeps its units without a tie of the view, as isolates
    index = {u: i for i, u in enumerate(keep)}
    graphs = []
    for kinds in views:
        picked = view_nx(hai_duong, kinds).subgraph(keep)
        graphs.append((len(keep), [(index[a], index[b]) for a, b in picked.edges]))
    expected = sna_scores(graphs)
    for kinds, ref in zip(views, expected):
        ours = am.krackhardt(hai_duong, kinds, units=within, lub="sna")
        assert all(same(a, b) for a, b in zip(ours, ref)), (kinds, ours, ref)

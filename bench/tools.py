"""One module-level namespace per tool: build from the frames, then the same queries with the same meaning.

Every tool answers with unit ids (strings), so answers can be compared across tools:

* ``parent(h, n)``    -> the id n is contained in (``contains`` in-tie), or None
* ``children(h, n)``  -> ids n contains, in tie order
* ``ancestors(h, n)`` -> ids above n along ``contains``, nearest first, excluding n
* ``within(h, t)``    -> ids of territory t, every territory it contains (transitively), every body
                         serving one of those (``serves`` in-tie) and every post heading such a body (``heads``)
* ``police_communes(h, t)`` -> the units of ``within(h, t)`` whose kind is police and level commune

``build(units, ties)`` returns the handle a user needs to run these: the graph plus, for igraph and
graph-tool, the id -> vertex index dict (built inside the timed/measured build). ``prepare(h)`` pulls
attribute columns out into Python lists once, outside every timing (it only helps the peers).
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

TOOLS = ("antq", "networkx", "networkx-multi", "igraph", "graph-tool")


def _columns(units: pd.DataFrame) -> tuple[list[str], list[str], list[str], list[str]]:
    return units["id"].tolist(), units["name"].tolist(), units["kind"].tolist(), units["level"].tolist()


def _ancestors_by_parent(parent, h, n: str) -> list[str]:
    # ``contains`` is a tree (one parent each), so walking up parents equals antq's breadth-first ancestors.
    out = []
    p = parent(h, n)
    while p is not None:
        out.append(p)
        p = parent(h, p)
    return out


# ---- antq ---------------------------------------------------------------------------------------


class antq_tool:
    name = "antq"

    @staticmethod
    def build(units, ties):
        import antq

        return antq.OrgGraph.from_pandas(units, ties)

    @staticmethod
    def prepare(g):
        return g

    @staticmethod
    def parent(g, n):
        return g.parent(n)

    @staticmethod
    def children(g, n):
        return g.children(n)

    @staticmethod
    def ancestors(g, n):
        return g.ancestors(n)

    @staticmethod
    def within(g, t):
        return g.select({"within": t})

    @staticmethod
    def police_communes(g, t):
        return g.select({"all": [{"kind": "police"}, {"level": "commune"}, {"within": t}]})


# ---- NetworkX -----------------------------------------------------------------------------------


class networkx_tool:
    """nx.DiGraph: node data name/kind/level, edge data kind. Lighter and faster than MultiDiGraph; it can
    stand in here because the synthetic graph never has two ties between the same ordered pair."""

    name = "networkx"

    @staticmethod
    def build(units, ties):
        import networkx as nx

        ids, names, kinds, levels = _columns(units)
        G = nx.DiGraph()
        G.add_nodes_from(
            (i, {"name": nm, "kind": k, "level": lv}) for i, nm, k, lv in zip(ids, names, kinds, levels)
        )
        G.add_edges_from(
            (s, t, {"kind": k}) for s, t, k in zip(ties["source"].tolist(), ties["target"].tolist(), ties["kind"].tolist())
        )
        return G

    @staticmethod
    def prepare(G):
        return G

    @staticmethod
    def parent(G, n):
        for p, d in G.pred[n].items():
            if d["kind"] == "contains":
                return p
        return None

    @staticmethod
    def children(G, n):
        return [c for c, d in G.succ[n].items() if d["kind"] == "contains"]

    @classmethod
    def ancestors(cls, G, n):
        return _ancestors_by_parent(cls.parent, G, n)

    @staticmethod
    def within(G, t):
        succ, pred = G.succ, G.pred
        territories, stack = [t], [t]
        while stack:  # depth-first over contains out-ties
            for c, d in succ[stack.pop()].items():
                if d["kind"] == "contains":
                    territories.append(c)
                    stack.append(c)
        out = list(territories)
        for u in territories:
            for b, d in pred[u].items():
                if d["kind"] == "serves":
                    out.append(b)
                    out.extend(p for p, e in pred[b].items() if e["kind"] == "heads")
        return out

    @classmethod
    def police_communes(cls, G, t):
        nodes = G.nodes
        return [n for n in cls.within(G, t) if nodes[n]["kind"] == "police" and nodes[n]["level"] == "commune"]


class networkx_multi_tool(networkx_tool):
    """nx.MultiDiGraph keyed by tie kind, as antq's own to_networkx builds it: pred[n][p] is {kind: data}."""

    name = "networkx-multi"

    @staticmethod
    def build(units, ties):
        import networkx as nx

        ids, names, kinds, levels = _columns(units)
        G = nx.MultiDiGraph()
        G.add_nodes_from(
            (i, {"name": nm, "kind": k, "level": lv}) for i, nm, k, lv in zip(ids, names, kinds, levels)
        )
        G.add_edges_from(
            (s, t, k, {"kind": k})
            for s, t, k in zip(ties["source"].tolist(), ties["target"].tolist(), ties["kind"].tolist())
        )
        return G

    @staticmethod
    def parent(G, n):
        for p, keys in G.pred[n].items():
            if "contains" in keys:
                return p
        return None

    @staticmethod
    def children(G, n):
        return [c for c, keys in G.succ[n].items() if "contains" in keys]

    @staticmethod
    def within(G, t):
        succ, pred = G.succ, G.pred
        territories, stack = [t], [t]
        while stack:
            for c, keys in succ[stack.pop()].items():
                if "contains" in keys:
                    territories.append(c)
                    stack.append(c)
        out = list(territories)
        for u in territories:
            for b, keys in pred[u].items():
                if "serves" in keys:
                    out.append(b)
                    out.extend(p for p, k in pred[b].items() if "heads" in k)
        return out


# ---- igraph and graph-tool share the queries; they differ in how a vertex's typed ties are read ----


class _IndexedTool:
    """Queries over integer vertices: ``index`` maps id -> vertex, ``ids`` vertex -> id; subclasses give
    ``_in(h, v, kind)`` / ``_out(h, v, kind)``: the vertices across v's in-/out-ties of that kind."""

    @classmethod
    def parent(cls, h, n):
        found = cls._in(h, h.index[n], "contains")
        return h.ids[found[0]] if found else None

    @classmethod
    def children(cls, h, n):
        ids = h.ids
        return [ids[c] for c in cls._out(h, h.index[n], "contains")]

    @classmethod
    def ancestors(cls, h, n):
        return _ancestors_by_parent(cls.parent, h, n)

    @classmethod
    def _within(cls, h, t):
        territories, stack = [h.index[t]], [h.index[t]]
        while stack:  # depth-first over contains out-ties
            found = cls._out(h, stack.pop(), "contains")
            territories.extend(found)
            stack.extend(found)
        out = list(territories)
        for u in territories:
            for b in cls._in(h, u, "serves"):
                out.append(b)
                out.extend(cls._in(h, b, "heads"))
        return out

    @classmethod
    def within(cls, h, t):
        ids = h.ids
        return [ids[v] for v in cls._within(h, t)]

    @classmethod
    def police_communes(cls, h, t):
        ids, vkind, vlevel = h.ids, h.vkind, h.vlevel
        return [ids[v] for v in cls._within(h, t) if vkind[v] == "police" and vlevel[v] == "commune"]


class igraph_tool(_IndexedTool):
    """igraph.Graph(n, edges) with vertex attributes id/name/kind/level, edge attribute kind; plus the
    id -> index dict. (igraph's special "name" attribute holds the display name here, as for the others.)"""

    name = "igraph"

    @staticmethod
    def build(units, ties):
        import igraph as ig

        ids, names, kinds, levels = _columns(units)
        index = dict(zip(ids, range(len(ids))))
        position = pd.Index(ids)  # vectorised id -> index for the edge columns
        src = position.get_indexer(ties["source"]).tolist()
        dst = position.get_indexer(ties["target"]).tolist()
        g = ig.Graph(
            n=len(ids),
            edges=list(zip(src, dst)),
            directed=True,
            vertex_attrs={"id": ids, "name": names, "kind": kinds, "level": levels},
            edge_attrs={"kind": ties["kind"].tolist()},
        )
        return SimpleNamespace(g=g, index=index)

    @staticmethod
    def prepare(h):
        g = h.g
        return SimpleNamespace(
            g=g, index=h.index, ids=g.vs["id"], vkind=g.vs["kind"], vlevel=g.vs["level"], ekind=g.es["kind"]
        )

    @staticmethod
    def _in(h, v, kind):
        # neighbors() and incident() list a vertex's in-ties in the same order: zip pairs source with tie.
        g, ekind = h.g, h.ekind
        return [s for s, e in zip(g.neighbors(v, mode="in"), g.incident(v, mode="in")) if ekind[e] == kind]

    @staticmethod
    def _out(h, v, kind):
        g, ekind = h.g, h.ekind
        return [c for c, e in zip(g.neighbors(v, mode="out"), g.incident(v, mode="out")) if ekind[e] == kind]


# ---- graph-tool ---------------------------------------------------------------------------------


class graph_tool_tool(_IndexedTool):
    """graph_tool.Graph with string vertex properties id/name/kind/level and an int16 edge property holding
    the tie kind's position in antq.tie_kinds (graph-tool's vectorised calls only carry numeric
    properties); plus the id -> index dict."""

    name = "graph-tool"

    @staticmethod
    def build(units, ties):
        import graph_tool as gt
        import numpy as np

        ids, names, kinds, levels = _columns(units)
        index = dict(zip(ids, range(len(ids))))
        position = pd.Index(ids)
        codes = pd.Categorical(ties["kind"], categories=_tie_kinds()).codes
        edges = np.column_stack(
            [position.get_indexer(ties["source"]), position.get_indexer(ties["target"]), codes.astype(np.int64)]
        )
        g = gt.Graph(directed=True)
        g.add_vertex(len(ids))
        ekind = g.new_edge_property("int16_t")
        g.add_edge_list(edges, eprops=[ekind])
        g.edge_properties["kind"] = ekind
        for column, values in (("id", ids), ("name", names), ("kind", kinds), ("level", levels)):
            g.vertex_properties[column] = g.new_vertex_property("string", vals=values)
        return SimpleNamespace(g=g, index=index)

    @staticmethod
    def prepare(h):
        g = h.g
        kinds = _tie_kinds()
        return SimpleNamespace(
            g=g,
            index=h.index,
            ekind=g.edge_properties["kind"],
            ids=list(g.vertex_properties["id"]),
            vkind=list(g.vertex_properties["kind"]),
            vlevel=list(g.vertex_properties["level"]),
            code={k: kinds.index(k) for k in ("contains", "serves", "heads")},
        )

    @staticmethod
    def _in(h, v, kind):
        a = h.g.get_in_edges(v, [h.ekind])  # rows: source, target, kind code
        return a[a[:, 2] == h.code[kind], 0].tolist()

    @staticmethod
    def _out(h, v, kind):
        a = h.g.get_out_edges(v, [h.ekind])
        return a[a[:, 2] == h.code[kind], 1].tolist()


def _tie_kinds() -> list[str]:
    import antq

    return list(antq.tie_kinds)


BY_NAME = {
    t.name: t for t in (antq_tool, networkx_tool, networkx_multi_tool, igraph_tool, graph_tool_tool)
}
_MODULES = {"antq": "antq", "networkx": "networkx", "networkx-multi": "networkx", "igraph": "igraph",
            "graph-tool": "graph_tool"}


def available(names=TOOLS) -> list[str]:
    """The tools whose library imports here; importing now keeps import time out of every measurement."""
    import importlib

    found = []
    for name in names:
        try:
            importlib.import_module(_MODULES[name])
            found.append(name)
        except ImportError:
            pass
    if "antq" in names and "antq" not in found:
        raise SystemExit("antq is not importable; nothing to benchmark")
    return found

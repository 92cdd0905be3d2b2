"""The directive operations in plain Python over a NetworkX MultiDiGraph: what a user without antq writes.

Same semantics as antq (src/selector.cpp, src/compile.cpp, src/reach.cpp), read straight off the JSON
document (``json.loads`` of the ``antq.directive`` text) and the graph:

* a selector is ``"all"`` or an object whose keys are ANDed: ``kind`` / ``level`` (one or a list),
  ``within`` (the territory, every territory it contains, the bodies serving those and their head posts),
  ``id`` (one or a list; an unknown id is an error), ``attribute`` (``{"key"}`` present, or
  ``{"key", "equals"}``: equal value *and* JSON type, so ``1`` is not ``true`` nor ``1.0``), ``all`` /
  ``any`` (lists), ``not``. A selector matching no unit is an error.
* ``compile``: recipients, every assignment's target and units expanded; a unit appears once per
  (task, role), under the first assignment that gives it that role; the table has antq's columns.
* ``reach``: breadth-first search along ``forwards`` ties from all recipients at once; the bound units
  (any role but ``inform``) not reached, and for each reached bound unit a shortest path from a recipient.

The graph is keyed by tie kind, as antq's own ``OrgGraph.to_networkx()`` builds it: ``G.succ[u][v]`` is
``{kind: data}``. Node data: ``name``, ``kind``, ``level`` and the free attributes. Selections are Python
sets (one scan of the nodes per ``kind`` / ``level`` / ``attribute`` leaf, set algebra for the rest);
the table's row order is therefore not antq's, only its rows are.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

TERRITORY_KINDS = frozenset(("nation", "province", "district", "commune", "village"))
RESERVED = frozenset(("name", "kind", "level"))  # node data that are not free attributes
COLUMNS = ("task", "unit", "role", "title", "assignment", "assignments", "recipient", "recipients", "unit_name",
           "unit_kind", "unit_level")
_MISSING = object()


def build(units: pd.DataFrame, ties: pd.DataFrame):
    """MultiDiGraph from the benchmark's frames (free attributes from the ``attributes`` column)."""
    import networkx as nx

    attributes = units["attributes"].tolist() if "attributes" in units.columns else [None] * len(units)
    G = nx.MultiDiGraph()
    G.add_nodes_from(
        (i, {**(a or {}), "name": nm, "kind": k, "level": lv})
        for i, nm, k, lv, a in zip(
            units["id"].tolist(), units["name"].tolist(), units["kind"].tolist(), units["level"].tolist(), attributes
        )
    )
    G.add_edges_from(
        (s, t, k, {"kind": k})
        for s, t, k in zip(ties["source"].tolist(), ties["target"].tolist(), ties["kind"].tolist())
    )
    return G


# ---- selectors ----------------------------------------------------------------------------------


def _names(value) -> set:
    return {value} if isinstance(value, str) else set(value)


def _same(a, b) -> bool:
    return type(a) is type(b) and a == b


def within(G, territory: str) -> set:
    kind = G.nodes[territory]["kind"]  # KeyError for an unknown id
    if kind not in TERRITORY_KINDS:
        raise ValueError(f"'within' needs a territory, not a {kind} ('{territory}')")
    succ, pred = G.succ, G.pred
    territories, stack = [territory], [territory]
    while stack:  # depth-first down contains ties
        for c, keys in succ[stack.pop()].items():
            if "contains" in keys:
                territories.append(c)
                stack.append(c)
    out = set(territories)
    for t in territories:
        for body, keys in pred[t].items():
            if "serves" in keys:
                out.add(body)
                out.update(p for p, k in pred[body].items() if "heads" in k)
    return out


def select(G, selector) -> set:
    if selector == "all":
        return set(G)
    if not isinstance(selector, dict) or not selector:
        raise ValueError(f"bad selector {selector!r}")
    result = None
    for key, value in selector.items():
        if key == "kind":
            wanted = _names(value)
            part = {n for n, k in G.nodes(data="kind") if k in wanted}
        elif key == "level":
            wanted = _names(value)
            part = {n for n, lv in G.nodes(data="level") if lv in wanted}
        elif key == "within":
            part = within(G, value)
        elif key == "id":
            part = _names(value)
            for n in part:
                if n not in G:
                    raise KeyError(f"unknown unit '{n}'")
        elif key == "attribute":
            name = value["key"]
            if name in RESERVED:
                part = set()
            elif "equals" in value:
                want = value["equals"]
                part = {n for n, v in G.nodes(data=name, default=_MISSING) if v is not _MISSING and _same(v, want)}
            else:
                part = {n for n, v in G.nodes(data=name, default=_MISSING) if v is not _MISSING}
        elif key == "all":
            part = select(G, value[0])
            for s in value[1:]:
                part &= select(G, s)
        elif key == "any":
            part = set()
            for s in value:
                part |= select(G, s)
        elif key == "not":
            part = set(G) - select(G, value)
        else:
            raise ValueError(f"unknown selector key '{key}'")
        result = part if result is None else result & part
    return result


def expand(G, selector, where: str) -> set:
    units = select(G, selector)
    if not units:
        raise ValueError(f"{where}: selector {selector!r} matches no unit")
    return units


# ---- compile and reach --------------------------------------------------------------------------


@dataclass
class Compiled:
    recipients: set
    targets: dict  # (task, assignment) -> set of units
    columns: dict  # COLUMNS -> list

    def to_pandas(self) -> pd.DataFrame:
        return pd.DataFrame(self.columns, columns=list(COLUMNS))


def compile_directive(G, doc: dict) -> Compiled:
    clauses = [t["clause"] for t in doc["tasks"]]
    if len(set(clauses)) != len(clauses):
        raise ValueError("duplicate clause")
    recipients: set = set()
    informed = []  # (label, units) per entry that names units of the graph
    named_by: dict[str, list] = {}  # unit -> labels of the entries naming it, in the list's order
    for r, recipient in enumerate(doc["recipients"]):
        if "selector" in recipient:
            informed.append((recipient["label"], expand(G, recipient["selector"], f"recipient {r}")))
            recipients |= informed[-1][1]
            for u in informed[-1][1]:
                named_by.setdefault(u, []).append(recipient["label"])
    nodes = G.nodes
    targets = {}
    cols = tuple([] for _ in COLUMNS)

    behind = cols[COLUMNS.index("assignments")]

    def row(clause, u, role, title, a, label):
        d = nodes[u]
        labels = tuple(named_by.get(u, ())) if role == "inform" else ()
        for c, v in zip(cols, (clause, u, role, title, a, [a] if a >= 0 else [], label, labels, d["name"], d["kind"],
                               d["level"])):
            c.append(v)
        return len(cols[0]) - 1

    for t, task in enumerate(doc["tasks"]):
        clause, title = task["clause"], task["title"]
        seen: dict[str, dict] = {}  # role -> units already holding it in this task -> their row
        for a, assignment in enumerate(task["assignments"]):
            where = f"clause {clause}, assignment {a}"
            if "target" in assignment:
                targets[t, a] = expand(G, assignment["target"], where + " target")
            role = assignment["role"]
            held = seen.setdefault(role, {})
            for u in expand(G, assignment["units"], where + " units"):
                if u in held:
                    behind[held[u]].append(a)  # one row, every assignment behind it
                else:
                    held[u] = row(clause, u, role, title, a, None)
        # The recipients receive the whole text: informed of every clause, after its assignments.
        held = seen.setdefault("inform", {})
        for label, units in informed:
            for u in units:
                if u not in held:
                    held[u] = row(clause, u, "inform", title, -1, label)
    return Compiled(recipients, targets, dict(zip(COLUMNS, cols)))


def reach(G, compiled: Compiled) -> dict:
    """antq's ``Responsibilities.reach()``: recipients, bound, unreached (lists of ids), paths."""
    recipients = list(compiled.recipients)
    columns = compiled.columns
    bound = list({u for u, r in zip(columns["unit"], columns["role"]) if r != "inform"})
    came = dict.fromkeys(recipients)  # unit -> the unit it received the text from (None: a recipient)
    queue = deque(recipients)
    succ = G.succ
    while queue:
        u = queue.popleft()
        for v, keys in succ[u].items():
            if "forwards" in keys and v not in came:
                came[v] = u
                queue.append(v)
    unreached = [b for b in bound if b not in came]
    # Like antq, paths are walked back from the predecessors only when looked up.
    return {"recipients": recipients, "bound": bound, "unreached": unreached,
            "paths": LazyPaths(came, [b for b in bound if b in came])}


class LazyPaths(Mapping):
    """Reached bound unit -> forwarding path from a recipient, walked back from the BFS predecessors."""

    def __init__(self, came: dict, keys: list) -> None:
        self._came, self._keys = came, keys
        self._members = set(keys)

    def __getitem__(self, unit):
        if unit not in self._members:
            raise KeyError(unit)
        path, p = [unit], self._came[unit]
        while p is not None:
            path.append(p)
            p = self._came[p]
        path.reverse()
        return path

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


def reach_library(G, compiled: Compiled) -> dict:
    """The same through NetworkX's own calls: ``multi_source_dijkstra_path`` (unit weights) on a
    forwards-only ``subgraph_view``. Shown for reference; the hand-written BFS above is NetworkX's best."""
    import networkx as nx

    recipients = list(compiled.recipients)
    columns = compiled.columns
    bound = list({u for u, r in zip(columns["unit"], columns["role"]) if r != "inform"})
    view = nx.subgraph_view(G, filter_edge=lambda u, v, k: k == "forwards")
    all_paths = nx.multi_source_dijkstra_path(view, recipients)
    paths = {b: all_paths[b] for b in bound if b in all_paths}
    unreached = [b for b in bound if b not in all_paths]
    return {"recipients": recipients, "bound": bound, "unreached": unreached, "paths": paths}

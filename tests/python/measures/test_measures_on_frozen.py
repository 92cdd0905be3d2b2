"""Every graph measure takes the OrgGraph or its frozen view (graph.freeze()) and answers the same on both: on the
embedded graph's views and on seeded random graphs with subordination, forwarding and coordination ties."""

from __future__ import annotations

import math
import random
from typing import Any, Callable

import pandas as pd
import pytest

import antq
import antq.measures as am


def random_organisation(n: int, seed: int) -> antq.OrgGraph:
    """n provincial bodies and a head post per fifth body: `directs` from a lower to a higher number (acyclic, some
    bodies with two superiors), `forwards` and `coordinates` drawn at random (seeded)."""
    rng = random.Random(seed)
    g = antq.OrgGraph()
    for i in range(n):
        g.add_unit(f"b{i}", f"Body {i}", "police", level="province")
    for i in range(1, n):
        for j in rng.sample(range(i), k=min(i, rng.choice([1, 1, 1, 2]))):
            g.add_tie(f"b{j}", f"b{i}", "directs")
    for i in range(n):
        for j in range(n):
            if i != j and rng.random() < 3 / n:
                g.add_tie(f"b{i}", f"b{j}", "forwards")
            if i < j and rng.random() < 1 / n:
                g.add_tie(f"b{i}", f"b{j}", "coordinates")
    for i in range(0, n, 5):
        g.add_unit(f"p{i}", f"Head {i}", "post", level="province")
        g.add_tie(f"p{i}", f"b{i}", "heads")
    return g


def same(a: Any, b: Any) -> None:
    """Equal results: DataFrames column by column (unit ids as text), named tuples field by field, NaN equal NaN."""
    if isinstance(a, pd.DataFrame):
        assert list(a.columns) == list(b.columns)
        assert len(a) == len(b) > 0 or len(a) == len(b) == 0
        for column in a.columns:
            left, right = a[column], b[column]
            if isinstance(left.dtype, pd.CategoricalDtype):
                left, right = left.astype(str), right.astype(str)
            assert left.tolist() == right.tolist(), column
    elif isinstance(a, tuple):
        assert type(a) is type(b)
        for x, y in zip(a, b):
            same(x, y)
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b)
    else:
        assert a == b


CALLS: list[tuple[str, Callable[[Any], Any]]] = [
    ("structure", am.structure),
    ("krackhardt directs", lambda g: am.krackhardt(g, "directs")),
    ("krackhardt forwards sna", lambda g: am.krackhardt(g, "forwards", lub="sna")),
    ("krackhardt undirected", lambda g: am.krackhardt(g, ["directs", "coordinates"], directed=False)),
    ("betweenness", lambda g: am.betweenness(g, "forwards")),
    ("betweenness undirected normalized", lambda g: am.betweenness(g, "forwards", directed=False, normalized=True)),
    ("betweenness sampled", lambda g: am.betweenness(g, "forwards", samples=5, seed=3)),
    ("components weak", lambda g: am.components(g, ["forwards", "coordinates"])),
    ("components strong", lambda g: am.components(g, "forwards", connection="strong")),
    ("cuts", lambda g: am.cuts(g, ["directs", "forwards"])),
    ("articulation_points", lambda g: am.articulation_points(g, "forwards")),
    ("bridges", lambda g: am.bridges(g, "directs")),
]


@pytest.mark.parametrize("name,call", CALLS, ids=[name for name, _ in CALLS])
@pytest.mark.parametrize("n,seed", [(30, 1), (60, 2)])
def test_frozen_equals_graph_on_random_graphs(name: str, call: Callable[[Any], Any], n: int, seed: int) -> None:
    g = random_organisation(n, seed)
    # A copy freezes on its own: its views are built afresh, not the ones the graph's first call kept.
    same(call(g), call(g.copy().freeze()))
    same(call(g), call(g.freeze()))


@pytest.mark.parametrize("name,call", CALLS, ids=[name for name, _ in CALLS])
def test_frozen_equals_graph_on_the_embedded_graph(hai_duong: antq.OrgGraph, name: str, call: Callable[[Any], Any]) -> None:
    same(call(hai_duong), call(hai_duong.copy().freeze()))
    same(call(hai_duong), call(hai_duong.freeze()))


def test_cuts_from_on_a_frozen_view(hai_duong: antq.OrgGraph, directive: antq.Directive) -> None:
    ours = am.cuts_from(hai_duong, directive.issuer, "forwards")
    frozen = am.cuts_from(hai_duong.freeze(), directive.issuer, "forwards")
    assert len(ours.units) > 0
    same(ours, frozen)
    g = random_organisation(40, 5)
    same(am.cuts_from(g, "b0", ["forwards", "directs"]), am.cuts_from(g.freeze(), "b0", ["forwards", "directs"]))


def test_a_frozen_view_keeps_answering_for_the_state_it_froze() -> None:
    g = random_organisation(30, 7)
    frozen = g.freeze()
    before = am.betweenness(g, "forwards")
    g.add_tie("b0", "b29", "forwards")
    g.add_tie("b29", "b1", "forwards")
    same(before, am.betweenness(frozen, "forwards"))
    assert am.betweenness(g, "forwards")["betweenness"].tolist() != before["betweenness"].tolist()


def test_wrong_graph_types_name_both(hai_duong: antq.OrgGraph) -> None:
    calls: list[Callable[[], Any]] = [
        lambda: am.betweenness(42, "forwards"),  # type: ignore[arg-type]
        lambda: am.structure("graph"),  # type: ignore[arg-type]
        lambda: am.cuts_from([], "30.pc"),  # type: ignore[arg-type]
    ]
    for call in calls:
        with pytest.raises(antq.WrongTypeError, match="wrong_type") as error:
            call()
        assert "antq.OrgGraph" in str(error.value) and "antq.FrozenGraph" in str(error.value)
    with pytest.raises(antq.InvalidInputError, match="wrong_type.*OrgGraph or an antq.FrozenGraph, found None"):
        am.krackhardt(None)  # type: ignore[arg-type]
    with pytest.raises(antq.InvalidInputError, match="needs_graph"):
        am.betweenness(hai_duong.freeze(), "forwards", units=antq.Selector.within("30"))
    with pytest.raises(antq.NotFoundError):
        am.cuts_from(hai_duong.freeze(), "nowhere")

"""OrgGraph.freeze(): every batched answer of the frozen view against the mutable graph, on the default graph and
on seeded random thinnings of it (removed units leave holes in the indices)."""

from __future__ import annotations

import gc
import random

import networkx as nx
import numpy as np
import pytest

import antq


def thinned(seed: int) -> antq.OrgGraph:
    """The default graph without a random tenth of its bodies and posts and a random tenth of its ties."""
    rng = random.Random(seed)
    g = antq.datasets.hai_duong_2024()
    for id in list(g.units):
        if g.unit(id).kind not in antq.model.territory_kinds and rng.random() < 0.1:
            g.remove_unit(id)
    for tie in list(g.ties):
        if rng.random() < 0.1:
            g.remove_tie(tie.source, tie.target, tie.kind)
    return g


@pytest.fixture(scope="module", params=["default", 1, 2])
def graph(request: pytest.FixtureRequest) -> antq.OrgGraph:
    return antq.datasets.hai_duong_2024() if request.param == "default" else thinned(request.param)


def test_ids_kinds_levels_and_areas_are_the_graphs(graph):
    f = graph.freeze()
    ids = list(graph.units)
    assert len(f) == f.number_of_units() == len(ids)
    assert f.number_of_ties() == graph.number_of_ties()
    idx = f.indices(ids)
    assert idx.dtype == np.int64
    assert idx.tolist() == [graph.index_of(i) for i in ids]
    assert f.units().tolist() == sorted(idx.tolist())
    assert f.ids(idx) == ids
    assert [antq.unit_kinds[k] for k in f.kinds(idx)] == [graph.unit(i).kind for i in ids]
    assert [antq.levels[k] for k in f.levels(idx)] == [graph.unit(i).level for i in ids]
    areas = f.areas(idx)
    assert [None if a < 0 else f.ids([a])[0] for a in areas] == [graph.area(i) for i in ids]


def test_parents_along_contains_and_every_row_of_every_kind(graph):
    f = graph.freeze()
    ids = list(graph.units)
    idx = f.indices(ids)
    parents = f.parents(idx)
    assert [None if p < 0 else f.ids([p])[0] for p in parents] == [graph.parent(i) for i in ids]
    for kind in antq.tie_kinds:
        offsets, targets = f.rows(kind)
        in_offsets, sources = f.rows(kind, "in")
        assert len(offsets) == len(in_offsets) == f.unit_capacity + 1
        assert len(targets) == len(sources) == f.number_of_ties(kind)
        for i, u in zip(ids, idx):
            assert f.ids(targets[offsets[u] : offsets[u + 1]]) == graph.children(i, kind)
            assert f.ids(sources[in_offsets[u] : in_offsets[u + 1]]) == graph.parents(i, kind)


def test_subtree_masks_are_selector_within(graph):
    f = graph.freeze()
    territories = [i for i in graph.units if graph.unit(i).kind in ("province", "district")][:6]
    assert territories
    for t in territories:
        expected = set(graph.select(antq.Selector.within(t)))
        mask = f.subtree_mask(t)
        assert mask.dtype == np.bool_ and len(mask) == f.unit_capacity
        assert set(f.ids(np.flatnonzero(mask))) == expected
        assert set(f.ids(f.within(t))) == expected
        idx = f.indices(list(graph.units))
        assert f.subtree_mask(t, idx).tolist() == [i in expected for i in graph.units]


def test_select_on_the_view_is_select_on_the_graph(graph):
    f = graph.freeze()
    district = next(i for i in graph.units if graph.unit(i).kind == "district")
    selectors = [
        antq.Selector.kind("police") & antq.Selector.level("commune"),
        {"within": district},
        {"any": [{"kind": "school"}, {"level": "village"}]},
        ~antq.Selector.kind("post"),
        antq.Selector.id(district) | antq.Selector.within(district) & antq.Selector.kind("peoples_committee"),
    ]
    for selector in selectors:
        picked = f.select(selector)
        assert picked.dtype == np.int64
        assert f.ids(picked) == graph.select(selector), selector
    assert f.ids(f.select(antq.Selector())) == graph.select(antq.Selector())


def test_select_on_the_view_reads_attributes_from_the_graph_it_froze(tiny):
    typed = {"attribute": {"key": "type"}}
    f = tiny.freeze()
    with pytest.raises(antq.InvalidInputError, match="needs_graph"):
        f.select(typed)
    assert f.ids(f.select(typed, graph=tiny)) == tiny.select(typed)
    with pytest.raises(antq.NotFoundError, match="unknown_unit"):
        f.select({"within": "nowhere"})
    tiny.remove_unit("10945-v01")
    with pytest.raises(antq.StaleViewError):
        f.select(typed, graph=tiny)  # the view no longer describes the graph whose attributes it would read


def test_hops_equal_networkx_shortest_paths(graph):
    f = graph.freeze()
    # From every provincial body still there that forwards documents: a super-source stands for them in NetworkX.
    sources = [i for i in graph.units if graph.unit(i).level == "province" and graph.children(i, "forwards")]
    assert sources
    digraph = nx.DiGraph()
    digraph.add_nodes_from(graph.units)
    digraph.add_edges_from((t.source, t.target) for t in graph.ties if t.kind == "forwards")
    digraph.add_edges_from(("<sources>", s) for s in sources)
    expected = {i: d - 1 for i, d in nx.single_source_shortest_path_length(digraph, "<sources>").items()}
    hops = f.hops(f.indices(sources))
    ids = list(graph.units)
    assert [None if h < 0 else int(h) for h in hops[f.indices(ids)]] == [expected.get(i) for i in ids]
    assert len(expected) > 100


def test_freeze_shares_one_snapshot_until_the_graph_changes(tiny):
    first = tiny.freeze()
    assert tiny.freeze().generation == first.generation
    assert first.matches(tiny)
    before = first.ids()
    tiny.remove_unit("10945-v01")
    assert not first.matches(tiny)
    with pytest.raises(antq.StaleViewError):
        first.check_current(tiny)
    assert first.ids() == before  # a snapshot: the old view still answers as it was
    second = tiny.freeze()
    assert second.matches(tiny) and "10945-v01" not in second and "10945-v01" in first
    assert second.unit_capacity == first.unit_capacity  # the hole keeps its index


def test_row_arrays_are_read_only_and_outlive_the_view(tiny):
    offsets, targets = tiny.freeze().rows("contains")
    gc.collect()
    assert not targets.flags.writeable
    with pytest.raises(ValueError):
        targets[0] = 1
    assert tiny.freeze().ids(targets[offsets[2] : offsets[3]]) == tiny.children("30")
    empty_offsets, empty = tiny.freeze().rows("inspects")
    assert len(empty) == 0 and empty_offsets.tolist() == [0] * (len(tiny) + 1)


def test_bad_arguments_name_the_place(tiny):
    f = tiny.freeze()
    with pytest.raises(antq.NotFoundError) as info:
        f.indices(["30", "nope"])
    assert info.value.where == "ids[1]" and "'nope'" in str(info.value)
    with pytest.raises(antq.InvalidInputError) as info:
        f.indices(["30", None])  # type: ignore[list-item]
    assert info.value.tag == "wrong_type" and info.value.where == "ids[1]"
    with pytest.raises(antq.NotFoundError) as info:
        f.parents([0, 999])
    assert info.value.where == "indices[1]" and "999" in str(info.value)
    with pytest.raises(antq.NotFoundError):
        f.kinds([-1])
    with pytest.raises(antq.InvalidInputError) as info:
        f.hops(None)  # type: ignore[arg-type]
    assert info.value.where == "sources"
    with pytest.raises(antq.InvalidInputError):
        f.kinds([[0, 1]])
    with pytest.raises(antq.InvalidInputError) as info:
        f.parents(kind="contain")
    assert info.value.where == "kind"
    with pytest.raises(antq.InvalidInputError) as info:
        f.rows("contains", "up")
    assert info.value.where == "direction"
    with pytest.raises(antq.InvalidInputError) as info:
        f.within("30.pc")
    assert info.value.tag == "not_a_territory"
    with pytest.raises(antq.HierarchyError) as info:
        f.parents(f.indices(["30.police"]), "directs")
    assert info.value.tag == "several_parents" and "30.police" in str(info.value)
    with pytest.raises(antq.InvalidInputError):
        f.check_current(None)  # type: ignore[arg-type]


def test_indices_must_be_integers_never_rounded(tiny):
    f = tiny.freeze()
    for bad in (np.array([0.0, 2.7]), [0, 1.5], np.array([True, False]), ["2"]):
        with pytest.raises(antq.InvalidInputError) as info:
            f.kinds(bad)  # type: ignore[arg-type]
        assert info.value.tag == "wrong_type" and info.value.where == "indices"
    assert f.kinds([]).tolist() == []  # an empty list is float64 to NumPy: still no units
    for dtype in (np.int8, np.int32, np.uint16, np.uint64):
        assert f.levels(np.array([2, 10], dtype=dtype)).tolist() == f.levels([2, 10]).tolist()


def test_batched_answers_are_the_per_unit_answers_in_any_order_with_repeats():
    g = antq.datasets.hai_duong_2024()
    f = g.freeze()
    rng = np.random.default_rng(7)
    idx = rng.choice(f.units(), size=3 * len(g))  # every unit several times, shuffled
    ids = f.ids(idx)
    assert [antq.unit_kinds[k] for k in f.kinds(idx)] == [g.unit(i).kind for i in ids]
    assert [antq.levels[k] for k in f.levels(idx)] == [g.unit(i).level for i in ids]
    assert [None if p < 0 else f.ids([p])[0] for p in f.parents(idx)] == [g.parent(i) for i in ids]
    inside = set(g.select({"within": "296"}))
    assert f.subtree_mask("296", idx).tolist() == [i in inside for i in ids]

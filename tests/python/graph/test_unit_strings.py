"""The Python strings of unit ids and names that tables share: made once per state of a graph, never stale after
a change, and gone with the graph."""

from __future__ import annotations

import gc
import weakref

import antq
from antq import _core


def test_tables_share_one_string_per_unit_while_the_graph_is_unchanged(tiny):
    units, ties = tiny.to_pandas()
    again, _ = tiny.to_pandas()
    assert list(units["id"]) == list(tiny.units)
    assert all(a is b for a, b in zip(units["id"], again["id"]))
    assert all(a is b for a, b in zip(units["name"], again["name"]))
    # A tie's ends are the same strings as the units' own.
    first = {s: s for s in units["id"]}
    assert all(first[s] is s for s in ties["source"])


def test_a_change_is_seen_by_the_next_table(tiny):
    before, _ = tiny.to_pandas()
    assert "Huyện Bình Giang" not in set(before["name"])
    tiny.rename_unit("296", "Huyện Bình Giang")
    after, _ = tiny.to_pandas()
    assert after.set_index("id").loc["296", "name"] == "Huyện Bình Giang"


def test_a_renamed_unit_is_renamed_in_the_next_compiled_table():
    g = antq.datasets.hai_duong_2024()
    directive = antq.datasets.directive_2024()
    table = antq.compile(directive, g).to_pandas()
    unit = table["unit"].iloc[0]
    g.rename_unit(unit, "Tên mới")
    again = antq.compile(directive, g).to_pandas()
    assert set(again.loc[again["unit"] == unit, "unit_name"]) == {"Tên mới"}
    assert "Tên mới" not in set(table["unit_name"])


def test_the_strings_go_with_the_graph(tiny_text):
    g = antq.loads(tiny_text, "tiny.json")
    g.to_pandas()
    assert g in _core._unit_strings
    gone = weakref.ref(g)
    del g
    gc.collect()
    assert gone() is None  # and so its entry: the store's keys are weak


def test_a_view_keeps_its_ids(hai_duong):
    view = hai_duong.freeze()
    a = antq.measures.betweenness(view, ties=["forwards"])
    b = antq.measures.betweenness(view, ties=["forwards"])
    assert list(a["unit"]) == list(b["unit"])
    assert all(x is y for x, y in zip(a["unit"], b["unit"]))


def test_a_table_outlives_the_python_object_of_its_graph():
    # The result holds the graph; once Python drops its own object of it, the strings are made for the call only.
    g = antq.datasets.hai_duong_2024()
    compiled = antq.compile(antq.datasets.directive_2024(), g)
    units, _ = g.to_pandas()
    names = dict(zip(units["id"], units["name"]))
    assert g in _core._unit_strings
    gone = weakref.ref(g)
    del g
    gc.collect()
    assert gone() is None
    table = compiled.to_pandas()
    again = compiled.to_pandas()
    assert table.equals(again)
    assert len(table) > 0
    assert all(names[u] == n for u, n in zip(table["unit"], table["unit_name"]))

"""g.units / g.ties views and their iterators: contents, lifetime, and refusing to work once the graph changed."""

from __future__ import annotations

import gc

import pytest

import antq


def test_units_view(tiny):
    units = tiny.units
    assert len(units) == 16
    assert "296" in units and "297" not in units
    assert units["10945"].name == "Kẻ Sặt"
    assert units["10945"] == tiny.unit("10945")
    ids = list(units)
    assert ids[:3] == ["vn", "vn.mps", "30"] and ids[-1] == "10945.police"  # index order
    assert ids == list(iter(units))  # iterating twice gives the same thing
    assert repr(units) == "<antq.UnitsView of 16 units>"


def test_units_view_missing_key(tiny):
    with pytest.raises(antq.NotFoundError) as info:
        tiny.units["297"]
    assert isinstance(info.value, KeyError)
    assert info.value.tag == "unknown_unit"


def test_ties_view(tiny):
    ties = tiny.ties
    assert len(ties) == 24
    listed = list(ties)
    assert len(listed) == 24
    assert (listed[0].source, listed[0].target, listed[0].kind) == ("vn", "30", "contains")
    assert (listed[-1].source, listed[-1].target, listed[-1].kind) == ("10945.police", "10945.pc", "coordinates")
    assert listed[-1].attributes == {"programme": "07/CTrPH-BCA-MTTW"}
    assert repr(ties) == "<antq.TiesView of 24 ties>"


def test_views_skip_removed_units_and_ties(tiny):
    tiny.remove_unit("296.police")  # leaves holes in both index ranges
    assert len(tiny.units) == 15 and "296.police" not in list(tiny.units)
    assert len(list(tiny.ties)) == len(tiny.ties) == 20
    assert all("296.police" not in (t.source, t.target) for t in tiny.ties)


def test_views_keep_the_graph_alive(tiny_text):
    g = antq.loads(tiny_text)
    units, ties = g.units, g.ties
    unit_iter = iter(g.units)
    del g
    gc.collect()
    assert len(units) == 16 and units["30"].name == "Hải Dương"
    assert len(list(ties)) == 24
    assert next(unit_iter) == "vn"
    assert len(list(unit_iter)) == 15


def test_views_of_the_dataset_keep_it_alive():
    units = antq.datasets.hai_duong_2024().units
    gc.collect()
    assert len(units) == 8170 and units["296"].name == "Bình Giang"


MUTATIONS = {
    "add_unit": lambda g: g.add_unit("10945-v02", "Tổ dân phố 2", "village"),
    "add_unit_with_area": lambda g: g.add_unit("296.front", "Ủy ban MTTQ huyện Bình Giang", "front_committee",
                                               area="296"),
    "add_tie": lambda g: g.add_tie("296.pc", "10945.police", "guides"),
    "remove_unit": lambda g: g.remove_unit("10951"),
    "remove_tie": lambda g: g.remove_tie("296", "10951", "contains"),
    "rename_unit": lambda g: g.rename_unit("296", "Huyện Bình Giang"),
    "set_unit_attribute": lambda g: g.set_unit_attribute("296", "population", 110000),
    "erase_unit_attribute": lambda g: g.erase_unit_attribute("296", "type"),
    "set_name": lambda g: setattr(g, "name", "other"),
    "set_attributes": lambda g: setattr(g, "attributes", {"as_of": "2025-01-01"}),
}


def assert_stale(call):
    with pytest.raises(antq.StaleViewError) as info:
        call()
    assert isinstance(info.value, RuntimeError)
    assert info.value.tag == "stale_view"


@pytest.mark.parametrize("mutate", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_any_mutation_makes_views_stale(tiny, mutate):
    units, ties = tiny.units, tiny.ties
    fresh_unit_iter, fresh_tie_iter = iter(tiny.units), iter(tiny.ties)
    half_units, half_ties = iter(tiny.units), iter(tiny.ties)
    next(half_units), next(half_units)
    next(half_ties)
    mutate(tiny)
    assert_stale(lambda: len(units))
    assert_stale(lambda: "296" in units)
    assert_stale(lambda: units["30"])
    assert_stale(lambda: iter(units))
    assert_stale(lambda: list(units))
    assert_stale(lambda: repr(units))
    assert_stale(lambda: len(ties))
    assert_stale(lambda: iter(ties))
    assert_stale(lambda: next(fresh_unit_iter))  # made before the change, never advanced
    assert_stale(lambda: next(fresh_tie_iter))
    assert_stale(lambda: next(half_units))  # half consumed
    assert_stale(lambda: next(half_ties))
    # New views see the new graph.
    assert len(tiny.units) == tiny.number_of_units()
    assert len(list(tiny.ties)) == tiny.number_of_ties()


def test_mutating_while_iterating_is_caught(tiny):
    with pytest.raises(antq.StaleViewError):
        for uid in tiny.units:
            tiny.set_unit_attribute(uid, "seen", True)
    # Exactly one unit was changed before the iterator noticed.
    assert tiny.select(antq.Selector.has_attribute("seen")) == ["vn"]


def test_stale_view_does_not_recover_after_undo(tiny):
    units = tiny.units
    tiny.set_unit_attribute("296", "x", 1)
    tiny.erase_unit_attribute("296", "x")  # content is back to what it was, the view is still stale
    assert_stale(lambda: len(units))


def test_reads_do_not_make_views_stale(tiny):
    units, ties = tiny.units, tiny.ties
    it = iter(tiny.units)
    next(it)
    tiny.select({"kind": "police"})
    tiny.chains_of_command("10945.police")
    tiny.copy().remove_unit("10951")  # a copy's changes are its own
    tiny.dumps()
    tiny.validate()
    tiny.to_pandas()
    assert len(units) == 16 and len(ties) == 24 and next(it) == "vn.mps"


def test_views_of_a_copy_are_independent(tiny):
    other = tiny.copy()
    units = tiny.units
    other.remove_unit("10951")
    assert len(units) == 16  # the original did not change

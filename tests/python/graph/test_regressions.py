"""Behaviour found wanting in review, held in place: each test names what used to go wrong."""

from __future__ import annotations

import time

import pytest

import antq


def test_a_positional_graph_is_not_silently_adopted():
    g = antq.loads('{"format":"antq.orggraph","version":1,"units":[{"id":"30","name":"Hải Dương","kind":"province"}]}')
    with pytest.raises(TypeError):
        antq.OrgGraph(g)  # type: ignore[call-overload]
    assert len(g) == 1


def test_deeply_nested_python_attributes_are_refused_not_a_crash():
    g = antq.OrgGraph()
    g.add_unit("30", "Hải Dương", "province")
    deep: list = []
    for _ in range(200_000):
        deep = [deep]
    with pytest.raises(antq.InvalidInputError) as info:
        g.set_unit_attribute("30", "deep", deep)
    assert info.value.tag == "too_deep"
    shallow: list = []
    for _ in range(50):
        shallow = [shallow]
    g.set_unit_attribute("30", "ok", shallow)
    assert antq.loads(g.dumps()).same_content(g)  # what a graph holds survives a save and a load


def test_keys_that_collide_once_normalised_are_refused():
    text = ('{"format":"antq.orggraph","version":1,"units":[{"id":"30","name":"x","kind":"province",'
            '"attributes":{"e\\u0301":1,"\\u00e9":2}}]}')
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(text, "k.json")
    assert info.value.tag == "duplicate_key"


def test_json_pointers_escape_slash_and_tilde():
    text = ('{"format":"antq.orggraph","version":1,"units":[{"id":"30","name":"x","kind":"province",'
            '"attributes":{"a/b":{"c~d":18446744073709551615}}}]}')
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(text, "p.json")
    assert info.value.where == "p.json:/units/0/attributes/a~1b/c~0d"


def test_python_selectors_go_through_the_json_guards():
    g = antq.datasets.hai_duong_2024()
    with pytest.raises(antq.InvalidInputError):
        g.select({"attribute": {"key": "households", "equals": float("nan")}})
    with pytest.raises(antq.InvalidInputError) as info:
        g.select({"attribute": {"key": "households", "equals": 2**70}})
    assert info.value.tag == "number_out_of_range"


def test_to_networkx_keeps_attributes_named_like_fields():
    g = antq.OrgGraph()
    g.add_unit("30", "Hải Dương", "province", attributes={"level": "ignored", "key": 1})
    node = g.to_networkx().nodes["30"]
    assert node["level"] == "province" and node["key"] == 1


def test_names_with_control_characters_are_refused():
    g = antq.OrgGraph()
    with pytest.raises(antq.InvalidInputError) as info:
        g.add_unit("30", "Hải\x01Dương", "province")
    assert info.value.tag == "bad_name"


def test_a_failed_bulk_load_on_a_hub_rolls_back_in_linear_time():
    # 100,000 villages under one commune, and one bad tie at the very end.
    n = 100_000
    units = ['{"id":"10945","name":"Kẻ Sặt","kind":"commune"}'] + [
        f'{{"id":"v{i}","name":"Thôn {i}","kind":"village"}}' for i in range(n)
    ]
    ties = [f'{{"source":"10945","target":"v{i}","kind":"contains"}}' for i in range(n)]
    ties.append('{"source":"v0","target":"v1","kind":"contains"}')
    text = ('{"format":"antq.orggraph","version":1,"units":[' + ",".join(units) + '],"ties":[' + ",".join(ties)
            + "]}")
    started = time.perf_counter()
    with pytest.raises(antq.HierarchyError):
        antq.loads(text, "hub.json")
    print(f"failed load of {n} hub ties: {time.perf_counter() - started:.2f} s")
    g = antq.loads(text.replace(',{"source":"v0","target":"v1","kind":"contains"}', ""), "hub.json")
    g.remove_unit("10945")  # one pass, not one per tie
    assert g.number_of_ties() == 0 and len(g) == n


@pytest.mark.parametrize("call", [
    lambda g: g.unit(296),
    lambda g: g.parents(296),
    lambda g: g.children(30, "contains"),
    lambda g: g.head(296),
    lambda g: g.has_tie(30, "296", "contains"),
    lambda g: g.add_tie("30", 296, "contains"),
    lambda g: g.set_unit_attribute(296, "k", 1),
    lambda g: g.units[296],
    lambda g: 296 in g,
    lambda g: g.ancestors(296),
], ids=["unit", "parents", "children", "head", "has_tie", "add_tie", "set_unit_attribute", "units[]", "in",
        "ancestors"])
def test_an_int_id_is_refused_saying_ids_are_str(tiny, call):
    # Not pybind11's "incompatible function arguments": GSO codes keep leading zeros, so 296 is never taken for "296".
    with pytest.raises(antq.InvalidInputError) as info:
        call(tiny)
    assert info.value.tag == "wrong_type"
    assert "expected a unit id (a str such as '296'), found int" in str(info.value)


def test_analyses_refuse_an_int_unit_id(compiled):
    for call in (lambda: compiled.accountability(296), lambda: compiled.duties_of(296)):  # type: ignore[arg-type]
        with pytest.raises(antq.InvalidInputError, match="expected a unit id"):
            call()


def test_dot_takes_the_selector_forms_select_takes(tiny, tmp_path):
    as_dict = tiny.to_dot(units={"within": "296"})
    assert as_dict == tiny.to_dot(units=antq.Selector.within("296"))
    assert "Kẻ Sặt" in as_dict and "Tân Bình" not in as_dict
    assert tiny.to_dot(units="all") == tiny.to_dot()
    tiny.write_dot(tmp_path / "g.dot", units={"kind": "police"})
    assert (tmp_path / "g.dot").read_text(encoding="utf-8") == tiny.to_dot(units=antq.Selector.kind("police"))
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.to_dot(units=5)  # type: ignore[arg-type]
    assert (info.value.tag, info.value.where) == ("bad_selector", "units")


def test_new_without_init_is_an_empty_graph_not_raw_memory():
    class Sub(antq.OrgGraph):
        pass

    bare = Sub.__new__(Sub)
    assert (len(bare), bare.number_of_ties(), bare.name) == (0, 0, "")
    assert bare.to_pandas()[0].empty
    bare.add_unit("30", "Hải Dương", "province")
    assert bare.unit("30").kind == "province"
    built = Sub("x", structure="two_tier")
    assert (built.name, built.structure.id) == ("x", "two_tier")
    with pytest.raises(TypeError, match="cls must be OrgGraph"):
        antq.OrgGraph.__new__(int)  # type: ignore[call-overload]


def test_init_again_replaces_the_content_and_stales_views(tiny):
    units = tiny.units
    tiny.__init__("again")  # type: ignore[misc]
    assert (tiny.name, len(tiny)) == ("again", 0)
    with pytest.raises(antq.StaleViewError):
        len(units)


def test_dot_takes_one_tie_kind_or_a_list(tiny):
    assert tiny.to_dot(tie_kinds="directs") == tiny.to_dot(tie_kinds=["directs"])
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.to_dot(tie_kinds=["directs", 5])  # type: ignore[list-item]
    assert (info.value.tag, info.value.where) == ("wrong_type", "tie_kinds")


def test_frozen_index_of_refuses_an_int_id(tiny):
    with pytest.raises(antq.InvalidInputError, match="expected a unit id"):
        tiny.freeze().index_of(30)  # type: ignore[arg-type]


def test_compile_names_an_argument_of_the_wrong_type(tiny):
    d = antq.datasets.directive_2024()
    for args, where, found in (((d, "tiny"), "graph", "str"), ((None, tiny), "directive", "None"),
                               ((tiny, d), "directive", "OrgGraph")):
        with pytest.raises(antq.InvalidInputError) as info:
            antq.compile(*args)  # type: ignore[arg-type]
        assert (info.value.tag, info.value.where) == ("wrong_type", where)
        assert f"found {found}" in str(info.value)

"""Selectors: builders, combinators, the JSON form, and errors, checked against the tiny graph's known answers."""

from __future__ import annotations

import json

import pytest

import antq
from antq import Selector as S

ALL_TINY = ["vn", "vn.mps", "30", "288", "296", "288-c01", "10945", "10951", "10945-v01", "30.pc", "30.pc.head",
            "30.police", "296.pc", "296.police", "10945.pc", "10945.police"]
WITHIN_296 = ["296", "10945", "10951", "10945-v01", "296.pc", "296.police", "10945.pc", "10945.police"]

# (selector, the units it picks in the tiny graph, in index order)
KNOWN_ANSWERS = [
    (S.all(), ALL_TINY),
    (S(), ALL_TINY),
    (S.kind("police"), ["30.police", "296.police", "10945.police"]),
    (S.kind("police", "peoples_committee"), ["30.pc", "30.police", "296.pc", "296.police", "10945.pc",
                                              "10945.police"]),
    (S.kind("security_team"), []),
    (S.level("district"), ["288", "296", "296.pc", "296.police"]),
    (S.level("nation", "village"), ["vn", "vn.mps", "10945-v01"]),
    (S.within("296"), WITHIN_296),
    # A post is within the territory of the body it heads.
    (S.within("30"), [u for u in ALL_TINY if u not in ("vn", "vn.mps")]),
    (S.within("10951"), ["10951"]),
    (S.id("296", "30"), ["30", "296"]),  # index order, not argument order
    (S.attribute_equals("type", "xã"), ["10951"]),
    (S.attribute_equals("code_known", False), ["288-c01"]),
    (S.attribute_equals("households", 420), ["10945-v01"]),
    (S.attribute_equals("type", "huyện "), []),  # exact match only
    (S.has_attribute("pilot"), ["10945.police"]),
    (S.has_attribute("type"), ["30", "288", "296", "288-c01", "10945", "10951"]),
    (S.kind("police") & S.level("commune"), ["10945.police"]),
    (S.kind("police") | S.kind("post"), ["30.pc.head", "30.police", "296.police", "10945.police"]),
    (~S.within("296"), [u for u in ALL_TINY if u not in WITHIN_296]),
    (S.within("296") & ~S.kind("police"), ["296", "10945", "10951", "10945-v01", "296.pc", "10945.pc"]),
    (S.all_of([S.level("commune"), S.has_attribute("type"), ~S.attribute_equals("type", "xã")]),
     ["288-c01", "10945"]),
    (S.any_of([S.id("vn"), S.kind("ministry")]), ["vn", "vn.mps"]),
    (S.negation(S.all()), []),
    (~~S.kind("nation"), ["vn"]),
]


@pytest.mark.parametrize("selector, expected", KNOWN_ANSWERS, ids=[str(s) for s, _ in KNOWN_ANSWERS])
def test_known_answers(tiny, selector, expected):
    assert tiny.select(selector) == expected
    assert selector.select(tiny) == expected


@pytest.mark.parametrize("selector, expected", KNOWN_ANSWERS, ids=[str(s) for s, _ in KNOWN_ANSWERS])
def test_json_round_trip(tiny, selector, expected):
    as_json = selector.to_json()
    json.dumps(as_json)  # plain JSON data
    back = S.from_json(as_json)
    assert back == selector
    assert tiny.select(as_json) == expected  # g.select takes the JSON form directly


def test_json_forms():
    assert S.all().to_json() == "all"
    assert S.kind("police").to_json() == {"kind": "police"}
    assert S.kind("police", "post").to_json() == {"kind": ["police", "post"]}
    assert S.level("commune").to_json() == {"level": "commune"}
    assert S.within("296").to_json() == {"within": "296"}
    assert S.id("30", "296").to_json() == {"id": ["30", "296"]}
    assert S.attribute_equals("type", "xã").to_json() == {"attribute": {"key": "type", "equals": "xã"}}
    assert S.has_attribute("pilot").to_json() == {"attribute": {"key": "pilot"}}
    assert (S.kind("police") & S.level("commune")).to_json() == {"all": [{"kind": "police"}, {"level": "commune"}]}
    assert (S.kind("police") | S.level("commune")).to_json() == {"any": [{"kind": "police"}, {"level": "commune"}]}
    assert (~S.within("296")).to_json() == {"not": {"within": "296"}}


def test_rich_attribute_values_round_trip():
    for value in [None, True, 0, -(2**63), 2**63 - 1, 1.5, "Kẻ Sặt", [1, "a", None], {"a": {"b": [True]}}]:
        s = S.attribute_equals("k", value)
        assert S.from_json(s.to_json()) == s
        assert s.to_json()["attribute"]["equals"] == value


def test_equality_is_structural():
    assert S.kind("police") == S.kind("police")
    assert S.kind("police") != S.kind("post")
    assert S.within("296") != S.within("288")
    assert S.attribute_equals("a", 1) != S.attribute_equals("a", 2)
    assert (S.kind("police") & S.level("commune")) == (S.kind("police") & S.level("commune"))
    assert (S.kind("police") & S.level("commune")) != (S.kind("police") | S.level("commune"))
    assert S.all() == S()


def test_several_fields_in_one_object_mean_all_of(tiny):
    picked = tiny.select({"kind": "police", "level": ["district", "commune"]})
    assert picked == ["296.police", "10945.police"]
    assert tiny.select({"kind": "police", "within": "296", "attribute": {"key": "pilot"}}) == ["10945.police"]
    assert str(S.from_json({"kind": "police", "level": "commune"})) == "kind(police) & level(commune)"


def test_g_select_accepts_nested_json(tiny):
    doc = {"any": [{"all": [{"kind": "peoples_committee"}, {"not": {"level": "province"}}]}, {"id": "vn"}]}
    assert tiny.select(doc) == ["vn", "296.pc", "10945.pc"]
    assert tiny.select("all") == ALL_TINY


def test_str():
    assert str(S.kind("police") & S.level("commune")) == "kind(police) & level(commune)"
    assert str(~S.within("296")) == "~(within('296'))"
    assert repr(S.id("30")) == "<antq.Selector id('30')>"


def test_selection_sees_later_changes(tiny):
    s = S.within("296") & S.kind("police")
    assert s.select(tiny) == ["296.police", "10945.police"]
    tiny.remove_unit("10945.police")
    assert s.select(tiny) == ["296.police"]
    tiny.remove_tie("30", "296", "contains")
    assert S.within("30").select(tiny) == ["30", "288", "288-c01", "30.pc", "30.pc.head", "30.police"]


# ---- errors ----------------------------------------------------------------------------------------

BAD_JSON_SELECTORS = [
    # (JSON form, exception, tag, where)
    ({"kind": "polise"}, antq.InvalidInputError, "unknown_kind", "selector/kind"),
    ({"kind": ["police", "polise"]}, antq.InvalidInputError, "unknown_kind", "selector/kind/1"),
    ({"level": "regional"}, antq.InvalidInputError, "unknown_level", "selector/level"),
    ({"kinds": "police"}, antq.InvalidInputError, "bad_selector", "selector/kinds"),  # unknown field
    ({"kind": []}, antq.InvalidInputError, "bad_selector", "selector/kind"),  # empty list selects nothing
    ({"level": []}, antq.InvalidInputError, "bad_selector", "selector/level"),
    ({"id": []}, antq.InvalidInputError, "bad_selector", "selector/id"),
    ({"any": []}, antq.InvalidInputError, "bad_selector", "selector/any"),
    ({"all": []}, antq.InvalidInputError, "bad_selector", "selector/all"),
    ({"kind": 5}, antq.InvalidInputError, "bad_selector", "selector/kind"),
    ({"id": [30]}, antq.InvalidInputError, "bad_selector", "selector/id/0"),
    ({"within": 296}, antq.InvalidInputError, "bad_selector", "selector/within"),
    ({"attribute": {}}, antq.InvalidInputError, "bad_selector", "selector/attribute"),
    ({"attribute": {"key": "type", "eq": "xã"}}, antq.InvalidInputError, "bad_selector", "selector/attribute/eq"),
    ({"not": {"kind": "polise"}}, antq.InvalidInputError, "unknown_kind", "selector/not/kind"),
    ({"any": [{"kind": "police"}, {"levle": "x"}]}, antq.InvalidInputError, "bad_selector", "selector/any/1/levle"),
    ({}, antq.InvalidInputError, "bad_selector", "selector"),
    (42, antq.InvalidInputError, "bad_selector", "selector"),
    ("none", antq.InvalidInputError, "bad_selector", "selector"),
    ([{"kind": "police"}], antq.InvalidInputError, "bad_selector", "selector"),
]


@pytest.mark.parametrize("value, exc, tag, where", BAD_JSON_SELECTORS, ids=[json.dumps(b[0]) for b in BAD_JSON_SELECTORS])
def test_bad_json_selectors(tiny, value, exc, tag, where):
    with pytest.raises(exc) as info:
        S.from_json(value)
    assert (info.value.tag, info.value.where) == (tag, where)
    with pytest.raises(exc) as info:
        tiny.select(value)
    assert (info.value.tag, info.value.where) == (tag, where)


def test_selectors_nested_too_deep_are_refused():
    deep = {"kind": "police"}
    for _ in range(100):
        deep = {"not": deep}
    with pytest.raises(antq.InvalidInputError) as info:
        S.from_json(deep)
    assert info.value.tag == "too_deep"
    assert info.value.where.startswith("selector/not/not/")


@pytest.mark.parametrize(
    "build, exc, tag, where",
    [
        (lambda: S.kind(), antq.InvalidInputError, "bad_selector", "Selector.kind"),
        (lambda: S.kind("county"), antq.InvalidInputError, "unknown_kind", "Selector.kind"),
        (lambda: S.level(), antq.InvalidInputError, "bad_selector", "Selector.level"),
        (lambda: S.level("regional"), antq.InvalidInputError, "unknown_level", "Selector.level"),
        (lambda: S.id(), antq.InvalidInputError, "bad_selector", "Selector.id"),
        (lambda: S.attribute_equals("k", object()), antq.InvalidInputError, "wrong_type",
         "Selector.attribute_equals"),
    ],
    ids=["kind()", "kind(county)", "level()", "level(regional)", "id()", "attribute_equals(object)"],
)
def test_bad_builder_calls(build, exc, tag, where):
    with pytest.raises(exc) as info:
        build()
    assert (info.value.tag, info.value.where) == (tag, where)


@pytest.mark.parametrize("build", [S.all_of, S.any_of], ids=["all_of", "any_of"])
def test_empty_combinations_are_refused_or_round_trip(build):
    # Either refuse like Selector.kind() does, or produce JSON that reads back.
    try:
        s = build([])
    except antq.InvalidInputError as error:
        assert error.tag == "bad_selector"
        return
    assert S.from_json(s.to_json()) == s


def test_within_a_body_is_refused(tiny):
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.select(S.within("30.pc"))
    assert (info.value.tag, info.value.where) == ("not_a_territory", "'30.pc'")
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.select({"within": "30.pc.head"})
    assert info.value.tag == "not_a_territory"


@pytest.mark.parametrize("selector", [S.within("297"), S.id("297"), S.id("30", "297"), S.kind("police") | S.id("297")],
                         ids=str)
def test_unknown_ids_are_reported_at_select_time(tiny, selector):
    with pytest.raises(antq.NotFoundError) as info:
        tiny.select(selector)
    assert isinstance(info.value, KeyError)
    assert (info.value.tag, info.value.where) == ("unknown_unit", "'297'")


def test_selector_compares_unequal_to_other_types():
    assert (S.all() == "all") is False
    assert S.kind("police") != {"kind": "police"}


# --- selectors built in code: the same depth bound as the JSON form ----------------------------------------------


@pytest.mark.parametrize(
    "step",
    [lambda s: ~s, lambda s: s & S.kind("police"), lambda s: S.kind("school") | s, lambda s: S.all_of([s])],
    ids=["~", "&", "|", "all_of"],
)
def test_selectors_built_too_deep_in_code_are_refused(step):
    s = S.kind("police")
    for _ in range(S.max_depth - 1):
        s = step(s)
    assert str(s) and S.from_json(s.to_json()) == s  # the deepest allowed tree prints and reads back
    with pytest.raises(antq.InvalidInputError) as info:
        for _ in range(50_000):  # the case: tens of thousands of levels; refused at the bound, quickly
            s = step(s)
    assert info.value.tag == "too_deep"
    assert "all_of / any_of over a list" in str(info.value)


def test_the_deepest_selector_built_in_code_selects(tiny):
    s = S.kind("police")
    for _ in range((S.max_depth - 1) // 2):
        s = ~~s
    assert s.select(tiny) == S.kind("police").select(tiny)


def test_many_operands_go_in_one_list_not_a_chain(tiny):
    wide = S.any_of([S.id(u) for u in ["30", "296", "288"] * 10_000])
    assert wide.select(tiny) == ["30", "288", "296"]


@pytest.mark.parametrize(
    "build, expected",
    [
        (lambda: S.kind(["police", "school"]), S.kind("police", "school")),
        (lambda: S.kind(("police",)), S.kind("police")),
        (lambda: S.level(["district"]), S.level("district")),
        (lambda: S.id(["30", "296"]), S.id("30", "296")),
        (lambda: S.all_of([{"kind": "police"}, S.within("296")]), S.kind("police") & S.within("296")),
    ],
    ids=["kind(list)", "kind(tuple)", "level(list)", "id(list)", "all_of(dict, Selector)"],
)
def test_builders_take_lists_and_the_json_form(build, expected):
    assert build() == expected


@pytest.mark.parametrize(
    "build, where",
    [
        (lambda: S.kind(["police", 3]), "Selector.kind"),
        (lambda: S.within(296), "Selector.within"),
        (lambda: S.id(None), "Selector.id"),
        (lambda: S.all_of([None]), "Selector.all_of"),
    ],
    ids=["kind([str, int])", "within(int)", "id(None)", "all_of([None])"],
)
def test_builders_name_the_wrong_type(build, where):
    with pytest.raises(antq.InvalidInputError) as info:
        build()
    assert (info.value.tag, info.value.where) == ("wrong_type", where)

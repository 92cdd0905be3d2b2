"""Structures that change: the national lists and their loaders, change sets, apply / diff / Timeline, the what-ifs,
and the 2025 reform replayed on the three-tier list (docs/restructure.md)."""

from __future__ import annotations

import collections
import json
import pathlib
import unicodedata

import pytest

import antq
from antq import restructure

SHARED = pathlib.Path(__file__).resolve().parents[3].parent / "shared" / "data" / "vn-admin"
HEADER = "code,name,level,parent_code,type\n"


def levels(graph: antq.OrgGraph) -> dict[str, int]:
    units, _ = graph.to_pandas()
    territories = units[units["kind"].isin(antq._core.territory_kinds)]
    return dict(collections.Counter(territories["level"].astype(str)))


@pytest.fixture(scope="module")
def three_tier() -> antq.OrgGraph:
    return antq.datasets.vietnam("2025-03-01")


@pytest.fixture(scope="module")
def two_tier() -> antq.OrgGraph:
    return antq.datasets.vietnam("2025-07-01")


@pytest.fixture(scope="module")
def replayed(three_tier: antq.OrgGraph) -> restructure.Applied:
    return restructure.apply(three_tier, restructure.reform_2025())


def changes(*operations: dict, date: str = "2024-12-01", **head: object) -> dict:
    return {"format": "antq.changes", "version": 1, "name": "t", "date": date, **head, "operations": list(operations)}


# ---- the national lists ----------------------------------------------------------------------------------------


def test_national_lists_have_the_official_counts(three_tier, two_tier):
    assert levels(three_tier) == {"nation": 1, "province": 63, "district": 696, "commune": 10035}
    assert three_tier.structure.id == "three_tier"
    assert levels(two_tier) == {"nation": 1, "province": 34, "commune": 3321}
    assert two_tier.structure.id == "two_tier"
    assert three_tier.attributes["as_of"] == "2025-03-01"
    assert antq.datasets.vietnam("2025-06-30").number_of_units() == three_tier.number_of_units()


def test_national_lists_carry_names_codes_and_types(three_tier, two_tier):
    assert three_tier.unit("30").name == "Hải Dương"
    assert three_tier.unit("30").attributes["type"] == "tỉnh"
    assert three_tier.unit("296").attributes["type"] == "huyện"
    assert three_tier.unit("10945").name == "Kẻ Sặt"
    assert three_tier.unit("10945").attributes["type"] == "thị trấn"
    assert three_tier.parent("10945") == "296"
    assert two_tier.unit("31").name == "Hải Phòng"
    assert two_tier.unit("31").attributes["type"] == "thành phố trực thuộc trung ương"
    types = collections.Counter(two_tier.unit(i).attributes.get("type") for i in two_tier.units
                                if two_tier.unit(i).level == "commune")
    assert set(types) == {"xã", "phường", "đặc khu"}
    assert antq.datasets.vietnam_csv("2025-07-01").startswith(HEADER)


def test_with_bodies_adds_the_bodies_of_every_territory_by_rule():
    graph = antq.datasets.vietnam("2025-07-01", with_bodies=True)
    assert graph.unit("31.pc").name == "Ủy ban nhân dân thành phố Hải Phòng"
    assert graph.unit("31.police").kind == "police"
    assert graph.head("31.police") == "31.police.head"
    assert graph.area("10945.front") == "10945"
    assert set(graph.parents("10945.police", "directs")) == {"31.police", "10945.pc"}
    assert "vn.mps" in graph.parents("31.police", "directs")


def test_no_list_before_2025_and_bad_dates_are_named():
    with pytest.raises(antq.InvalidInputError, match="2025-03-01") as info:
        antq.datasets.vietnam("2024-12-31")
    assert info.value.tag == "no_list"
    with pytest.raises(antq.InvalidInputError) as info:
        antq.datasets.vietnam("1 July 2025")
    assert info.value.tag == "bad_date"


# ---- loaders -------------------------------------------------------------------------------------------------------


def test_table_loader_names_the_row_and_both_codes(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "30,Hải Dương,province,,tỉnh\n10987,Nhân Quyền,commune,296,xã\n", encoding="utf-8")
    with pytest.raises(antq.InvalidInputError, match=r"list.csv:row 3: commune '10987' names parent '296'") as info:
        antq.io.load_admin_list(path)
    assert info.value.tag == "dangling_reference"
    with pytest.raises(antq.InvalidInputError) as info:
        antq.io.parse_admin_list(HEADER + "30,Hải Dương,province,,quận\n", source="l.csv")
    assert info.value.tag == "unknown_type" and "row 2" in info.value.where
    with pytest.raises(antq.InvalidInputError) as info:
        antq.io.parse_admin_list("x", format="geojson")
    assert info.value.tag == "unknown_format"


def test_table_loader_builds_a_graph_with_bodies():
    text = HEADER + "30,Hải Dương,province,,tỉnh\n296,Bình Giang,district,30,huyện\n10945,Kẻ Sặt,commune,296,thị trấn\n"
    graph = antq.io.parse_admin_list(text, as_of="2024-06-01", with_bodies=True)
    assert graph.structure.id == "three_tier"
    assert graph.unit("296.police").name == "Công an huyện Bình Giang"
    assert graph.unit("10945.pc").name == "Ủy ban nhân dân thị trấn Kẻ Sặt"
    without = antq.io.parse_admin_list(text, with_bodies=True, district_police=False)
    assert "296.police" not in without
    assert set(without.parents("10945.police", "directs")) == {"30.police", "10945.pc"}


@pytest.mark.skipif(not SHARED.exists(), reason="../shared travels with the repository's CI only")
def test_upstream_files_read_the_same_units_as_the_embedded_lists(three_tier, two_tier):
    from_json = antq.io.load_admin_list(SHARED / "pre2025_3tier" / "mongo_data_vn_unit.json", "upstream_json")
    from_csv = antq.io.load_admin_list(SHARED / "post2025_2tier" / "units_flat.csv", "upstream_csv")
    assert from_json.number_of_units() == three_tier.number_of_units()
    assert from_csv.number_of_units() == two_tier.number_of_units()
    assert from_csv.unit("31").name == two_tier.unit("31").name


@pytest.mark.skipif(not SHARED.exists(), reason="../shared travels with the repository's CI only")
def test_regenerating_data_vn_gives_the_shipped_files(tmp_path):
    import subprocess
    import sys

    repo = pathlib.Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, str(repo / "data/tools/make_vietnam_2025.py"), "--shared", str(SHARED), "--out",
                    str(tmp_path)], check=True)
    for name in ("vietnam_2025-03-01.csv", "vietnam_2025-07-01.csv", "reform_2025.json"):
        assert (tmp_path / name).read_bytes() == (repo / "data" / "vn" / name).read_bytes(), name


# ---- change sets -------------------------------------------------------------------------------------------------


def test_apply_merges_keeps_ids_and_leaves_the_input_untouched(tiny):
    before = tiny.dumps()
    applied = restructure.apply(tiny, changes({"op": "merge", "into": "10945", "sources": ["10951"], "name": "Kẻ Sặt mới",
                                               "basis": "Nghị quyết 1318/NQ-UBTVQH15"}))
    assert tiny.dumps() == before
    after = applied.graph
    assert "10951" not in after and after.unit("10945").name == "Kẻ Sặt mới"
    assert after.unit("10945.pc").name == "Ủy ban nhân dân thị trấn Kẻ Sặt mới"
    assert applied.successors("10951") == ["10945"]
    assert applied.predecessors("10945") == ["10945", "10951"]
    ids = applied.ids
    assert list(ids.columns) == ["before", "after", "share", "how"]
    assert ids.set_index("before").loc["10951", "how"] == "merge"
    assert after.attributes["as_of"] == "2024-12-01"


def test_change_sets_round_trip_through_files(tmp_path, tiny):
    doc = changes({"op": "rename", "unit": "10945", "name": "Kẻ Sặt"}, basis="test")
    path = tmp_path / "c.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    loaded = restructure.load_changes(path)
    assert (loaded.name, loaded.date, loaded.basis, len(loaded)) == ("t", "2024-12-01", "test", 1)
    assert restructure.ChangeSet.loads(loaded.dumps()).dumps() == loaded.dumps()
    assert restructure.apply(tiny, path).graph.unit("10945").name == "Kẻ Sặt"


HOSTILE = [
    ("dangling id", changes({"op": "rename", "unit": "99999", "name": "X"}), antq.NotFoundError, "unknown_unit",
     "/operations/0/unit"),
    ("merge into itself", changes({"op": "merge", "into": "10945", "sources": ["10945"]}), antq.InvalidInputError,
     "merge_into_itself", "/operations/0/sources"),
    ("date out of order", changes({"op": "rename", "unit": "10945", "name": "A", "date": "2024-12-05"},
                                  {"op": "rename", "unit": "10951", "name": "B", "date": "2024-12-02"}),
     antq.InvalidInputError, "date_out_of_order", "/operations/1/date"),
    ("set before the graph", changes(date="2023-01-01"), antq.InvalidInputError, "date_out_of_order", "t:/date"),
    ("cycle of moves", changes({"op": "create", "unit": {"id": "31", "name": "Hải Phòng", "kind": "province"},
                                "parent": "vn"},
                               {"op": "move", "unit": "296", "parent": "31"},
                               {"op": "move", "unit": "31", "parent": "296"}),
     antq.HierarchyError, "cycle", "/operations/2/parent"),
    ("partial share above 100%", changes({"op": "merge", "into": "10945", "parts": [{"unit": "10951", "share": 0.7}]},
                                          {"op": "merge", "into": "288-c01", "parts": [{"unit": "10951", "share": 0.4}]}),
     antq.InvalidInputError, "share_above_whole", "/operations/1/parts/0/share"),
    ("share out of range", changes({"op": "merge", "into": "10945", "parts": [{"unit": "10951", "share": 1.5}]}),
     antq.InvalidInputError, "bad_share", "/operations/0/parts/0/share"),
    ("unknown operation", changes({"op": "explode", "unit": "10945"}), antq.InvalidInputError, "unknown_operation",
     "/operations/0/op"),
]


@pytest.mark.parametrize("doc,error,tag,where", [h[1:] for h in HOSTILE], ids=[h[0] for h in HOSTILE])
def test_hostile_change_sets_fail_whole(tiny, doc, error, tag, where):
    before = tiny.dumps()
    with pytest.raises(error) as info:
        restructure.apply(tiny, doc)
    assert info.value.tag == tag, str(info.value)
    assert where in info.value.where, str(info.value)
    assert tiny.dumps() == before


def test_none_is_refused_cleanly(tiny):
    with pytest.raises(antq.InvalidInputError):
        restructure.apply(None, changes())  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        restructure.apply(tiny, 42)  # type: ignore[arg-type]


def test_diff_is_a_dataframe_of_what_changed(tiny):
    applied = restructure.apply(tiny, changes({"op": "merge", "into": "10945", "sources": ["10951"]},
                                              {"op": "rename", "unit": "288-c01", "name": "Tân Bình Mới"}))
    frame = restructure.diff(tiny, applied.graph, applied, territories_only=True)
    assert list(frame.columns) == ["change", "id", "kind", "level", "before", "after"]
    rows = {(r.change, r.id): (r.before, r.after) for r in frame.itertuples()}
    assert rows == {("merged", "10951"): ("Vĩnh Hưng", "10945"), ("renamed", "288-c01"): ("Tân Bình", "Tân Bình Mới")}


def test_diff_and_id_map_column_types(tiny):
    applied = restructure.apply(tiny, changes({"op": "merge", "into": "10945", "sources": ["10951"]},
                                              {"op": "abolish", "unit": "10945-v01"}))
    frame = restructure.diff(tiny, applied.graph, applied)
    for column in ("change", "kind", "level"):
        assert frame[column].dtype == "category"
        assert list(frame[column].cat.categories) == sorted(frame[column].cat.categories)
    assert set(frame["change"]) >= {"merged", "abolished"}
    assert all(isinstance(v, str) for column in ("id", "before", "after") for v in frame[column])
    ids = applied.ids
    assert str(ids["share"].dtype) == "float64" and ids["share"].isna().all()
    row = ids.set_index("before").loc["10945-v01"]
    assert row["after"] is None and row["how"] == "abolish"
    assert (ids["after"] == ids["before"]).sum() == (ids["how"] == "kept").sum()
    assert list(ids["before"].drop_duplicates()) == list(tiny.units)  # the order of the units before


def test_diff_of_identical_graphs_is_empty(tiny):
    frame = restructure.diff(tiny, antq.loads(tiny.dumps(), "copy.json"))
    assert len(frame) == 0 and list(frame.columns) == list(restructure.DIFF_COLUMNS)


def test_timeline_gives_the_graph_on_each_date(tiny):
    timeline = restructure.Timeline(tiny, [
        changes({"op": "rename", "unit": "10945", "name": "Later"}, date="2025-01-01"),
        changes({"op": "rename", "unit": "10945", "name": "Earlier"}, date="2024-06-01"),
    ])
    assert [c.date for c in timeline.change_sets] == ["2024-06-01", "2025-01-01"]
    assert timeline.at("2024-03-01").unit("10945").name == "Kẻ Sặt"
    assert timeline.at("2024-12-31").unit("10945").name == "Earlier"
    assert timeline.at("2030-01-01").unit("10945").name == "Later"
    with pytest.raises(antq.InvalidInputError) as info:
        timeline.at("2020-01-01")
    assert info.value.tag == "date_out_of_order"


def test_remove_level_on_hai_duong_reattaches_commune_bodies(hai_duong):
    applied = restructure.remove_level(hai_duong, "district")
    after = applied.graph
    assert after.structure.id == "two_tier"
    assert levels(after).get("district") is None
    assert after.parent("10945") == "30"
    assert "296.pc" not in after
    assert "30.pc" in after.parents("10945.pc", "directs")
    assert "30.police" in after.parents("10945.police", "directs")
    assert applied.successors("296") == []
    assert applied.ties_reattached > 0


def test_the_id_map_names_what_a_translation_replaces(tiny):
    # A unit merged whole is replaced by the unit it went into; one that gave a part away lives on and keeps its id.
    whole = restructure.apply(tiny, changes({"op": "merge", "into": "10945", "sources": ["10951"]}))
    assert whole.id_map.replacements() == [("10951", ["10945"])]
    part = restructure.apply(tiny, changes({"op": "merge", "into": "10945", "parts": [{"unit": "10951", "share": 0.3}]}))
    assert part.successors("10951") == ["10951", "10945"]
    assert "10951" not in dict(part.id_map.replacements())
    _levels, ids, _drop = antq.directive._translation({"ids": whole})
    assert ids == whole.id_map.replacements() == antq.directive._translation({"ids": whole.id_map})[1]


def test_merge_what_if(tiny):
    applied = restructure.merge(tiny, ["10951"], into="10945", name="Bình Giang")
    assert applied.graph.unit("10945").name == "Bình Giang"
    with pytest.raises(antq.InvalidInputError) as info:
        restructure.merge(tiny, ["10945"], into="10945")
    assert info.value.tag == "merge_into_itself"


# ---- the 2025 reform --------------------------------------------------------------------------------------------------


def test_reform_2025_reproduces_the_post_reform_list(replayed, two_tier):
    after = replayed.graph
    assert after.structure.id == "two_tier"
    assert levels(after) == levels(two_tier)
    want = {i: two_tier.unit(i) for i in two_tier.units}
    got = {i: after.unit(i) for i in after.units if after.unit(i).kind in antq._core.territory_kinds}
    assert set(got) == set(want)
    parents = [i for i in want if i != "vn" and after.parent(i) != two_tier.parent(i)]
    assert parents == []
    names = sorted(i for i in want if antq.model.name_key(got[i].name) != antq.model.name_key(want[i].name))
    assert names == ["00745"]  # "Phố Bảng" in the crosswalk, "Phó Bảng" in the list (docs/restructure.md)
    types = [i for i in want if got[i].attributes.get("type") != want[i].attributes.get("type")]
    assert types == []


def test_reform_2025_id_map_follows_hai_duong(replayed):
    assert replayed.successors("30") == ["31"]
    assert replayed.successors("10945") == ["10945"]
    assert replayed.graph.unit("10945").attributes["type"] == "xã"
    assert replayed.successors("296") == []


def test_name_key_ignores_where_the_tone_mark_sits():
    key = antq.model.name_key
    assert key("Thanh Hóa") == key("Thanh Hoá") == key(unicodedata.normalize("NFD", "thanh hoá"))
    assert key("Phó Bảng") != key("Phố Bảng")


# ---- the national graph with bodies: the reform and remove_level, with a directive compiled before and after ----------


@pytest.fixture(scope="module")
def national_bodies() -> antq.OrgGraph:
    return antq.datasets.vietnam("2025-03-01", with_bodies=True)


def test_reform_with_bodies_gives_the_bodies_of_the_two_tier_list(national_bodies):
    replay = restructure.apply(national_bodies, restructure.reform_2025())
    expected = antq.datasets.vietnam("2025-07-01", with_bodies=True)
    missing = sorted(i for i in expected.units if i not in replay.graph)
    extra = sorted(i for i in replay.graph.units if i not in expected)
    # The five đặc khu made from island districts without communes take over their district's bodies, and districts
    # have had no police since 01/03/2025 (docs/restructure.md, "Bodies in the replay").
    islands = ["11948", "19742", "20333", "21548", "26732"]
    assert missing == sorted([f"{c}.police" for c in islands] + [f"{c}.police.head" for c in islands])
    assert extra == []
    assert set(replay.graph.parents("10945.police", "directs")) == {"31.police", "10945.pc"}
    assert replay.ties_reattached > 0


def test_remove_level_on_the_national_graph_with_a_directive_before_and_after(national_bodies, directive):
    # The 2024 directive names Hải Dương's bodies and kinds the national lists lack (steering committees, mass
    # organisations): every miss is listed, and drop_unmatched compiles the rest.
    with pytest.raises(antq.InvalidInputError) as info:
        antq.compile(directive, national_bodies)
    assert info.value.tag == "unmatched_selector" and "steering_committee" in str(info.value)
    before = antq.compile(directive, national_bodies, translate={"drop_unmatched": True})
    applied = restructure.remove_level(national_bodies, "district")
    assert applied.graph.structure.id == "two_tier"
    with pytest.raises(antq.InvalidInputError, match=r"level\(district\)"):
        antq.compile(directive, applied.graph, translate={"drop_unmatched": False, "ids": applied})
    after = antq.compile(directive, applied.graph,
                         translate={"levels": {"district": "commune"}, "ids": applied, "drop_unmatched": True})
    assert len(before) > 0 and len(after) > 0
    assert len(after.dropped()) >= len(before.dropped())
    leads = set(after.units_of("1", "lead"))
    assert "30.pc" in leads and not any(applied.graph.unit(u).level == "district" for u in leads)


def test_compare_sets_a_directive_before_and_after_side_by_side(hai_duong, directive, compiled):
    applied = restructure.remove_level(hai_duong, "district")
    after = antq.compile(directive, applied.graph,
                         translate={"levels": {"district": "commune"}, "ids": applied, "drop_unmatched": True})
    frame = restructure.compare(compiled, after).set_index("measure")
    assert list(frame.columns) == ["section", "before", "after", "change", "before_synthetic", "after_synthetic"]
    assert frame.loc["load district lead", "before"] == compiled.load()["by_level"]["district"]["lead"] > 0
    assert frame.loc["load district lead", "after"] == 0
    assert frame.loc["units bound", "before"] == len(compiled.bound_units())
    assert (frame["change"] == frame["after"] - frame["before"]).all()


def test_the_embedded_lists_carry_their_licence_notices():
    data = pathlib.Path(__file__).resolve().parents[3] / "data"
    notices = antq.datasets.notices()
    assert set(notices) == {"hai_duong_2024", "vietnam", "reform_2025"}
    files = {"hai_duong_2024": data / "LICENSE-vn-admin.txt",
             "vietnam": data / "vn" / "LICENSE-vietnamese-provinces-database.txt",
             "reform_2025": data / "vn" / "LICENSE-dvhcvn-20250701.txt"}
    for dataset, text in notices.items():
        assert text == files[dataset].read_text(encoding="utf-8") and "MIT License" in text


def reference_diff(before: antq.OrgGraph, after: antq.OrgGraph, ids=None,
                   territories_only: bool = False) -> list[tuple[str, ...]]:
    """diff()'s rows read the plain way from the graphs' tables, as docs/restructure.md defines them."""
    territory = set(antq._core.territory_kinds)

    def table(graph):
        units, ties = graph.to_pandas()
        kind_of = dict(zip(units["id"], units["kind"]))
        place: dict[str, str] = {}
        for source, target, kind in zip(ties["source"], ties["target"], ties["kind"]):
            if kind == "contains" and kind_of[target] in territory:
                place[target] = source  # the last
            elif kind_of[source] not in territory and kind == ("heads" if kind_of[source] == "post" else "serves"):
                place.setdefault(source, target)  # the first
        rows = []
        for id_, name, kind, level, attributes in zip(units["id"], units["name"], units["kind"], units["level"],
                                                      units["attributes"]):
            type_ = (attributes or {}).get("type")
            rows.append((id_, name, kind, level, type_ if isinstance(type_, str) else ""))
        return rows, place

    rows_before, place_before = table(before)
    rows_after, place_after = table(after)
    successors: dict[str, list[str]] = {}
    if ids is not None:
        for old, new in zip(ids["before"], ids["after"]):
            successors.setdefault(old, [])
            if new is not None:
                successors[old].append(new)
    later = {row[0] for row in rows_after}
    out, ended = [], set()
    for id_, name, kind, level, _ in rows_before:
        if territories_only and kind not in territory:
            continue
        if id_ in later and (id_ not in successors or id_ in successors[id_]):
            continue
        ended.add(id_)
        following = successors.get(id_, [])
        change = "abolished" if not following else "merged" if len(following) == 1 else "split"
        out.append((change, id_, kind, level, name, ", ".join(following)))
    earlier = {row[0]: row for row in rows_before}
    for id_, name, kind, level, type_ in rows_after:
        if territories_only and kind not in territory:
            continue
        if id_ not in earlier or id_ in ended:
            out.append(("created", id_, kind, level, "", name))
            continue
        was = earlier[id_]
        if was[1] != name:
            out.append(("renamed", id_, kind, level, was[1], name))
        if was[4] != type_:
            out.append(("retyped", id_, kind, level, was[4], type_))
        if place_before.get(id_, "") != place_after.get(id_, ""):
            out.append(("moved", id_, kind, level, place_before.get(id_, ""), place_after.get(id_, "")))
    return out


def diff_rows(frame) -> list[tuple[str, ...]]:
    return list(frame.itertuples(index=False, name=None))


def test_diff_of_the_national_lists_is_the_plain_reading_row_for_row(three_tier, two_tier):
    frame = restructure.diff(three_tier, two_tier, territories_only=True)
    assert diff_rows(frame) == reference_diff(three_tier, two_tier, territories_only=True)
    assert dict(frame["change"].value_counts()) == {"abolished": 7445, "moved": 3315, "renamed": 1849, "retyped": 634,
                                                    "created": 6}
    for column in ("change", "kind", "level"):
        assert frame[column].dtype == "category"
        assert list(frame[column].cat.categories) == sorted(set(frame[column]))
    assert frame["id"].dtype == object and all(isinstance(v, str) for v in frame["after"])
    # Again, the graphs' strings now kept: the same table.
    assert restructure.diff(three_tier, two_tier, territories_only=True).equals(frame)


def test_diff_with_the_reform_id_map_is_the_plain_reading_row_for_row(three_tier, replayed):
    frame = restructure.diff(three_tier, replayed.graph, replayed)
    assert diff_rows(frame) == reference_diff(three_tier, replayed.graph, replayed.ids)
    assert set(frame["change"]) >= {"merged", "split", "renamed", "retyped", "moved"}


def test_diff_of_bodies_and_posts_is_the_plain_reading_row_for_row(tiny):
    removed = restructure.remove_level(tiny, "district")
    assert diff_rows(restructure.diff(tiny, removed.graph, removed)) == reference_diff(tiny, removed.graph, removed.ids)
    assert diff_rows(restructure.diff(tiny, removed.graph)) == reference_diff(tiny, removed.graph)
    other = antq.loads(tiny.dumps(), "copy.json")
    other.remove_tie("30.pc.head", "30.pc", "heads")
    other.add_tie("30.pc.head", "30.police", "heads")
    other.remove_tie("10945.police", "10945", "serves")
    other.add_tie("10945.police", "10951", "serves")
    other.remove_unit("296.pc")
    frame = restructure.diff(tiny, other)
    assert diff_rows(frame) == reference_diff(tiny, other) == [
        ("abolished", "296.pc", "peoples_committee", "district", "Ủy ban nhân dân huyện Bình Giang", ""),
        ("moved", "30.pc.head", "post", "province", "30.pc", "30.police"),
        ("moved", "10945.police", "police", "commune", "10945", "10951"),
    ]
    assert list(frame["kind"].cat.categories) == ["peoples_committee", "police", "post"]


def test_diff_reads_a_graph_changed_since_the_last_diff(tiny):
    other = antq.loads(tiny.dumps(), "copy.json")
    assert len(restructure.diff(tiny, other)) == 0
    other.rename_unit("288-c01", "Tân Bình Mới")
    frame = restructure.diff(tiny, other)
    assert diff_rows(frame) == [("renamed", "288-c01", "commune", "commune", "Tân Bình", "Tân Bình Mới")]
    tiny.rename_unit("288-c01", "Tân Bình Cũ")
    assert diff_rows(restructure.diff(tiny, other))[0][4] == "Tân Bình Cũ"



# ---- what-ifs given arguments of the wrong type or value --------------------------------------------------------------


TRANSLATE_WRONG = [
    ("a string", "district=commune", "translate", "a dict"),
    ("levels as a string", {"levels": "district=commune"}, "translate/levels", "expected a dict"),
    ("ids as a list", {"ids": ["10951"]}, "translate/ids", "antq.restructure.Applied"),
    ("drop_unmatched as a string", {"drop_unmatched": "yes"}, "translate/drop_unmatched", "expected True or False"),
    ("drop_unmatched as a number", {"drop_unmatched": 1}, "translate/drop_unmatched", "expected True or False"),
]


@pytest.mark.parametrize("translate,where,expected", [t[1:] for t in TRANSLATE_WRONG], ids=[t[0] for t in TRANSLATE_WRONG])
def test_compile_across_structures_refuses_a_translation_of_the_wrong_type(hai_duong, directive, translate, where,
                                                                            expected):
    with pytest.raises(antq.WrongTypeError) as info:
        antq.compile(directive, hai_duong, translate=translate)
    assert info.value.tag == "wrong_type" and info.value.where == where, str(info.value)
    assert expected in str(info.value) and "unknown_field" not in str(info.value)
    # The evaluation reads the same translation, and refuses it alike.
    rules = antq.evaluation.default_rules()
    with pytest.raises(antq.WrongTypeError) as info:
        antq.evaluation.evaluate(hai_duong, antq.evaluation.example_assessments(hai_duong, rules), rules,
                                 translate=translate)
    assert info.value.where == where


def test_a_translation_takes_numpy_booleans():
    np = pytest.importorskip("numpy")
    assert antq.directive._translation({"drop_unmatched": np.bool_(True)})[2] is True
    assert antq.directive._translation({"drop_unmatched": False})[2] is False


def test_merge_refuses_one_id_given_as_a_string(tiny):
    before = tiny.dumps()
    with pytest.raises(antq.WrongTypeError) as info:
        restructure.merge(tiny, "10951", into="10945")  # type: ignore[arg-type]
    assert info.value.tag == "wrong_type" and info.value.where == "units"
    assert "pass ['10951']" in str(info.value) and "'1'" not in str(info.value)
    assert tiny.dumps() == before
    assert restructure.merge(tiny, ["10951"], into="10945").successors("10951") == ["10945"]


@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf")], ids=["nan", "inf", "-inf"])
def test_a_share_that_is_no_number_is_a_bad_share_naming_its_place(tiny, value):
    doc = changes({"op": "merge", "into": "10945", "parts": [{"unit": "10951", "share": value}]})
    with pytest.raises(antq.InvalidInputError) as info:
        restructure.apply(tiny, doc)
    assert info.value.tag == "bad_share" and info.value.where == "t:/operations/0/parts/0/share"
    assert "column" not in str(info.value)


def test_another_value_that_is_no_json_number_is_malformed_json_naming_its_key_path(tiny):
    doc = changes({"op": "rename", "unit": "10945", "name": "X", "attributes": {"area/km2": float("nan")}})
    with pytest.raises(antq.InvalidInputError) as info:
        restructure.apply(tiny, doc)
    assert info.value.tag == "malformed_json" and info.value.where == "t:/operations/0/attributes/area~1km2"
    assert "column" not in str(info.value)


def test_a_change_set_holding_itself_is_malformed_json(tiny):
    doc = changes({"op": "rename", "unit": "10945", "name": "X"})
    doc["operations"][0]["attributes"] = {"self": doc}
    with pytest.raises(antq.InvalidInputError) as info:
        restructure.apply(tiny, doc)
    assert info.value.tag == "malformed_json" and info.value.where == "t"



def test_what_ifs_and_the_timeline_take_datetime_dates(tiny):
    import datetime

    day = datetime.date(2025, 7, 1)
    merged = restructure.merge(tiny, ["10951"], into="10945", date=day)
    assert merged.graph.attributes["as_of"] == "2025-07-01"
    assert merged.graph.attributes["as_of"] == restructure.merge(tiny, ["10951"], into="10945",
                                                                 date="2025-07-01").graph.attributes["as_of"]
    assert restructure.remove_level(tiny, "district", date=day).graph.attributes["as_of"] == "2025-07-01"
    assert restructure.remove_level(tiny, "district", date=datetime.datetime(2025, 7, 1)).graph.attributes["as_of"] \
        == "2025-07-01"
    timeline = restructure.Timeline(tiny, [changes({"op": "rename", "unit": "10945", "name": "Later"},
                                                   date=day)])  # type: ignore[arg-type]
    assert timeline.change_sets[0].date == "2025-07-01"
    assert timeline.at(datetime.date(2025, 6, 30)).unit("10945").name == "Kẻ Sặt"
    assert timeline.at(day).unit("10945").name == "Later"

@pytest.mark.parametrize("changes, expected", [
    ([5], "expected a ChangeSet, a dict in format antq.changes or a path, found int"),
    ([{"format": "antq.changes", "version": 1, "name": "t", "date": "2025-01-01",
       "operations": [{"op": "merge", "into": "10945", "sources": {"10951"}}]}], "JSON values only"),
], ids=["not a change set", "a set in a dict"])
def test_a_timeline_given_what_is_no_change_set_says_so(tiny, changes, expected):
    with pytest.raises(antq.WrongTypeError) as info:
        restructure.Timeline(tiny, changes)
    assert expected in str(info.value)


def test_a_scenario_saves_as_every_writer_does(tmp_path):
    import os

    scenario = antq.simulation.Scenario.load(os.path.join(os.path.dirname(__file__), "..", "..", "fuzz", "corpus",
                                                          "scenario", "valid_cascade.json"))
    scenario.save(tmp_path / "s.json")
    assert antq.simulation.Scenario.load(tmp_path / "s.json").to_json() == scenario.to_json()
    os.mkfifo(tmp_path / "pipe.json")
    with pytest.raises(antq.IoError) as info:
        scenario.save(tmp_path / "pipe.json")
    assert info.value.tag == "cannot_write"

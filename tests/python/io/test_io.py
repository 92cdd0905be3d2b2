"""Reading and writing: antq JSON round trips, DOT (rendered by Graphviz), pandas and NetworkX adapters (GraphML:
test_graphml.py)."""

from __future__ import annotations

import json
import math
import random
import re
import shutil
import subprocess
import unicodedata

import pytest

import antq

# ---- antq JSON -------------------------------------------------------------------------------------


def test_save_load_round_trip_tiny(tiny, tmp_path):
    path = tmp_path / "tiny.json"
    tiny.save(path)
    back = antq.load(path)
    assert back.same_content(tiny)
    assert back.dumps() == tiny.dumps()  # the writer is deterministic
    assert antq.load(str(path)).same_content(tiny)  # str paths too


def test_save_load_round_trip_dataset(hai_duong, tmp_path):
    path = tmp_path / "hd.json"
    hai_duong.save(path)
    back = antq.load(path)
    assert back.same_content(hai_duong)
    assert (len(back), back.number_of_ties()) == (8170, 24680)
    assert antq.loads(back.dumps()).dumps() == back.dumps()


def test_embedded_json_and_built_dataset_agree(hai_duong, hai_duong_text):
    assert antq.loads(hai_duong_text, "hai_duong_2024.json").same_content(hai_duong)


def test_saved_file_is_utf8_json_in_the_documented_format(tiny, tmp_path):
    path = tmp_path / "tiny.json"
    tiny.save(path)
    doc = json.loads(path.read_bytes().decode("utf-8"))
    assert (doc["format"], doc["version"], doc["name"]) == ("antq.orggraph", 1, "tiny")
    assert set(doc) == {"format", "version", "name", "attributes", "units", "ties"}
    assert doc["units"][2] == {"id": "30", "name": "Hải Dương", "kind": "province", "level": "province",
                               "attributes": {"type": "tỉnh"}}
    assert doc["ties"][0] == {"source": "vn", "target": "30", "kind": "contains"}
    assert "Hải Dương".encode() in path.read_bytes()  # not \u-escaped
    assert not list(tmp_path.glob("*.tmp"))  # no temporary file left behind


def test_save_into_a_missing_directory(tiny, tmp_path):
    target = tmp_path / "no" / "such" / "g.json"
    with pytest.raises(antq.IoError) as info:
        tiny.save(target)
    assert isinstance(info.value, OSError)
    assert info.value.tag == "cannot_write" and info.value.where == str(target)


def shuffled(doc, seed):
    rng = random.Random(seed)
    doc = dict(doc)
    doc["units"] = list(doc["units"])
    doc["ties"] = list(doc["ties"])
    rng.shuffle(doc["units"])
    rng.shuffle(doc["ties"])
    return doc


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_order_of_units_and_ties_does_not_matter_tiny(tiny, tiny_doc, seed):
    # Bodies and posts without a level come after the territory they serve in some of these orders.
    doc = shuffled(tiny_doc, seed)
    assert doc["units"] != tiny_doc["units"]
    assert antq.loads(json.dumps(doc, ensure_ascii=False)).same_content(tiny)


def test_order_of_units_and_ties_does_not_matter_dataset(hai_duong, hai_duong_text):
    doc = shuffled(json.loads(hai_duong_text), 2024)
    back = antq.loads(json.dumps(doc, ensure_ascii=False))
    assert back.same_content(hai_duong)
    assert list(back.units) != list(hai_duong.units)  # really another order


def test_order_of_attribute_members_does_not_matter(tiny, tiny_doc):
    tiny_doc["units"][8]["attributes"] = {"synthetic": True, "households": 420}  # reversed
    assert antq.loads(json.dumps(tiny_doc)).same_content(tiny)


RICH = {
    "null": None,
    "true": True,
    "false": False,
    "zero": 0,
    "int": 110000,
    "negative": -42,
    "max_int": 2**63 - 1,
    "min_int": -(2**63),
    "float": 0.1,
    "third": 1 / 3,
    "tiny_float": 5e-324,
    "huge_float": 1.7976931348623157e308,
    "negative_float": -2.5e-10,
    "integral_float": 3.0,
    "empty_string": "",
    "vietnamese": "Tổ bảo vệ an ninh, trật tự ở cơ sở",
    "cjk_emoji": "安全 🇻🇳 👮",
    "escapes": "quote \" backslash \\ tab \t newline \n nul-free",
    "empty_array": [],
    "empty_object": {},
    "array": [1, 2.5, "x", None, True, [[]], {"k": []}],
    "nested": {"a": {"b": {"c": [1, {"d": "đ"}]}}},
    "unicode key ố": "value",
}


def test_attributes_of_every_json_type_survive(tiny, tmp_path):
    tiny.attributes = {"rich": RICH}
    for key, value in RICH.items():
        tiny.set_unit_attribute("296", key, value)
    tiny.remove_tie("10945.police", "10945.pc", "coordinates")
    tiny.add_tie("10945.police", "10945.pc", "coordinates", RICH)
    path = tmp_path / "rich.json"
    tiny.save(path)
    back = antq.load(path)
    assert back.same_content(tiny)
    attrs = back.unit("296").attributes
    for key, value in RICH.items():
        assert attrs[key] == value, key
        assert type(attrs[key]) is type(value), key  # 3.0 stays a float, 0 an int, False a bool
    assert back.attributes == {"rich": RICH}
    assert back.out_ties("10945.police", "coordinates")[0].attributes == RICH


def test_attributes_read_from_json_text(tiny_doc):
    tiny_doc["units"][4]["attributes"] = {"max": 2**63 - 1, "min": -(2**63), "e": 1e300, "neg_zero": -0.0}
    g = antq.loads(json.dumps(tiny_doc))
    attrs = g.unit("296").attributes
    assert attrs["max"] == 2**63 - 1 and type(attrs["max"]) is int
    assert attrs["min"] == -(2**63)
    assert attrs["e"] == 1e300
    assert math.copysign(1.0, attrs["neg_zero"]) == -1.0


def test_names_and_text_are_normalised_to_nfc(tiny_doc):
    nfd = unicodedata.normalize("NFD", "Kẻ Sặt")
    assert nfd != "Kẻ Sặt"
    tiny_doc["units"][6]["name"] = nfd
    tiny_doc["units"][6]["attributes"] = {"type": unicodedata.normalize("NFD", "thị trấn"),
                                          unicodedata.normalize("NFD", "ghi chú"): 1}
    tiny_doc["name"] = unicodedata.normalize("NFD", "Hải Dương nhỏ")
    g = antq.loads(json.dumps(tiny_doc, ensure_ascii=False))
    assert g.unit("10945").name == "Kẻ Sặt"
    assert g.unit("10945").attributes == {"type": "thị trấn", "ghi chú": 1}
    assert g.name == "Hải Dương nhỏ"
    # Escaped (\\u) input is normalised the same way.
    assert antq.loads(json.dumps(tiny_doc, ensure_ascii=True)).unit("10945").name == "Kẻ Sặt"


def test_byte_order_mark_is_accepted(tiny, tiny_text, write_doc):
    path = write_doc(b"\xef\xbb\xbf" + tiny_text.encode())
    assert antq.load(path).same_content(tiny)


# GraphML: tests/python/io/test_graphml.py.


# ---- DOT -------------------------------------------------------------------------------------------

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")


@needs_dot
def test_dot_of_a_selection_renders(hai_duong, tmp_path):
    selection = antq.Selector.within("296") & ~antq.Selector.level("village")
    path = tmp_path / "binh_giang.dot"
    hai_duong.write_dot(path, units=selection)
    text = path.read_text(encoding="utf-8")
    node_lines = [line for line in text.splitlines() if re.match(r"^\d+\[label=", line)]
    assert len(node_lines) == len(hai_duong.select(selection))
    assert "Nhân Quyền" in text
    result = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "<svg" in result.stdout


@needs_dot
def test_dot_with_awkward_names_renders(tiny):
    for name in ['quote " inside', "ends with backslash \\", "line\nbreak", "<html> & {braces}"]:
        tiny.rename_unit("10951", name)
        result = subprocess.run(["dot", "-Tsvg"], input=tiny.to_dot(), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, (name, result.stderr)
        assert "<svg" in result.stdout


def test_dot_tie_kind_filter(tiny):
    text = tiny.to_dot(units=antq.Selector.kind("police"), tie_kinds=["directs"])
    edges = [line for line in text.splitlines() if "->" in line]
    assert len(edges) == 2 and all('label="directs"' in line for line in edges)
    assert text.count("[label=") == 3 + 2
    with pytest.raises(antq.InvalidInputError) as info:
        tiny.to_dot(tie_kinds=["owns"])
    assert info.value.tag == "unknown_kind"


# ---- pandas ----------------------------------------------------------------------------------------


def test_to_pandas_shape(tiny):
    pytest.importorskip("pandas")
    units, ties = tiny.to_pandas()
    assert list(units.columns) == ["id", "name", "kind", "level", "attributes"]
    assert list(ties.columns) == ["source", "target", "kind", "attributes"]
    assert len(units) == 16 and len(ties) == 24
    row = units[units["id"] == "30.police"].iloc[0]
    assert (row["name"], row["kind"], row["level"], row["attributes"]) == (
        "Công an tỉnh Hải Dương", "police", "province", None)
    assert units[units["id"] == "30"].iloc[0]["attributes"] == {"type": "tỉnh"}


def test_pandas_round_trip_tiny(tiny):
    pytest.importorskip("pandas")
    units, ties = tiny.to_pandas()
    back = antq.OrgGraph.from_pandas(units, ties, name=tiny.name, attributes=tiny.attributes)
    assert isinstance(back, antq.OrgGraph)
    assert back.same_content(tiny)


def test_pandas_round_trip_dataset(hai_duong):
    pytest.importorskip("pandas")
    units, ties = hai_duong.to_pandas()
    back = antq.OrgGraph.from_pandas(units, ties, name=hai_duong.name, attributes=hai_duong.attributes)
    assert back.same_content(hai_duong)


def test_from_pandas_extra_columns_become_attributes():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({
        "id": ["30", "296", "10945", "296.pc"],
        "name": ["Hải Dương", "Bình Giang", "Kẻ Sặt", "Ủy ban nhân dân huyện Bình Giang"],
        "kind": ["province", "district", "commune", "peoples_committee"],
        "level": [None, None, None, None],  # derived: territories by kind, the body from its serves tie
        "population": [1_936_774, None, 12_000, None],  # missing values are skipped
        "type": ["tỉnh", "huyện", "thị trấn", None],
        "attributes": [None, {"code": "296"}, None, {"since": 1945}],
    })
    ties = pd.DataFrame({
        "source": ["30", "296", "296.pc"],
        "target": ["296", "10945", "296"],
        "kind": ["contains", "contains", "serves"],
        "note": [None, "real", None],
    })
    g = antq.OrgGraph.from_pandas(units, ties, name="bg", attributes={"as_of": "2024-01-01"})
    assert (g.name, g.attributes) == ("bg", {"as_of": "2024-01-01"})
    assert g.unit("30").attributes == {"population": 1_936_774, "type": "tỉnh"}
    assert g.unit("296").attributes == {"code": "296", "type": "huyện"}
    assert g.unit("296.pc").attributes == {"since": 1945}
    assert g.unit("296.pc").level == "district"
    assert g.out_ties("296", "contains")[0].attributes == {"note": "real"}
    assert g.out_ties("30", "contains")[0].attributes == {}


def test_from_pandas_keeps_integer_columns_integers():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296"], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"],
                          "code": [30, 296], "share": [1.0, 0.5], "real": [True, False]})
    g = antq.OrgGraph.from_pandas(units)
    attrs = g.unit("30").attributes
    assert attrs == {"code": 30, "share": 1.0, "real": True}
    assert (type(attrs["code"]), type(attrs["share"]), type(attrs["real"])) == (int, float, bool)


def test_from_pandas_skips_pd_na_in_nullable_columns():
    # Nullable dtypes mark empty cells with pd.NA, not None or NaN; they are missing values all the same.
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({
        "id": ["30", "296", "296.pc"],
        "name": ["Hải Dương", "Bình Giang", "Ủy ban nhân dân huyện Bình Giang"],
        "kind": ["province", "district", "peoples_committee"],
        "level": pd.array([None, None, "district"], dtype="string"),
        "population": pd.array([1_936_774, None, None], dtype="Int64"),
        "type": pd.array(["tỉnh", "huyện", None], dtype="string"),
    })
    ties = pd.DataFrame({"source": ["30", "296.pc"], "target": ["296", "296"], "kind": ["contains", "serves"]})
    g = antq.OrgGraph.from_pandas(units, ties)
    assert g.unit("30").attributes == {"population": 1_936_774, "type": "tỉnh"}
    assert g.unit("296").attributes == {"type": "huyện"}
    assert g.unit("296").level == "district" and g.unit("296.pc").attributes == {}


def test_from_pandas_without_ties():
    pd = pytest.importorskip("pandas")
    g = antq.OrgGraph.from_pandas(pd.DataFrame({"id": ["30"], "name": ["Hải Dương"], "kind": ["province"]}))
    assert len(g) == 1 and g.number_of_ties() == 0 and g.unit("30").level == "province"


@pytest.mark.parametrize(
    "change, exc, tag, where_starts",
    [
        (lambda u, t: u.loc.__setitem__((5, "kind"), "county"), antq.InvalidInputError, "unknown_kind",
         "units row 5"),
        (lambda u, t: u.loc.__setitem__((7, "id"), "30"), antq.InvalidInputError, "duplicate_id", "units row 7"),
        (lambda u, t: t.loc.__setitem__((3, "target"), "297"), antq.InvalidInputError, "dangling_reference",
         "ties row 3"),
        (lambda u, t: t.loc.__setitem__((4, "kind"), "owns"), antq.InvalidInputError, "unknown_kind", "ties row 4"),
    ],
    ids=["unknown kind", "duplicate id", "dangling tie", "unknown tie kind"],
)
def test_from_pandas_errors_name_the_row(tiny, change, exc, tag, where_starts):
    pytest.importorskip("pandas")
    units, ties = tiny.to_pandas()
    change(units, ties)
    with pytest.raises(exc) as info:
        antq.OrgGraph.from_pandas(units, ties)
    assert info.value.tag == tag
    assert info.value.where.startswith(where_starts)


# ---- NetworkX --------------------------------------------------------------------------------------


def test_to_networkx(tiny, hai_duong):
    nx = pytest.importorskip("networkx")
    g = tiny.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert g.number_of_nodes() == 16 and g.number_of_edges() == 24
    assert g.nodes["30"] == {"type": "tỉnh", "name": "Hải Dương", "kind": "province", "level": "province"}
    assert g.graph == {"name": "tiny", "as_of": "2024-01-01"}
    assert g.has_edge("296.pc", "296.police", key="directs")
    assert g.edges["10945.police", "10945.pc", "coordinates"]["programme"] == "07/CTrPH-BCA-MTTW"
    big = hai_duong.to_networkx()
    assert big.number_of_nodes() == 8170 and big.number_of_edges() == 24680
    contains = nx.DiGraph([(s, t) for s, t, k in big.edges(keys=True) if k == "contains"])
    assert nx.is_tree(contains)  # nation -> province -> district -> commune -> village is one tree
    assert nx.ancestors(contains, "10987-v01") == {"10987", "296", "30", "vn"}


# ---- CSV through pandas ------------------------------------------------------------------------------


def _csv_trip(graph, tmp_path):
    pd = pytest.importorskip("pandas")
    units, ties = graph.to_pandas()
    units.to_csv(tmp_path / "units.csv", index=False)
    ties.to_csv(tmp_path / "ties.csv", index=False)
    # Ids are text: GSO codes keep their leading zeros.
    units = pd.read_csv(tmp_path / "units.csv", dtype={"id": str})
    ties = pd.read_csv(tmp_path / "ties.csv", dtype={"source": str, "target": str})
    return antq.OrgGraph.from_pandas(units, ties, name=graph.name, attributes=graph.attributes)


def test_csv_round_trip_default_graph(hai_duong, tmp_path):
    back = _csv_trip(hai_duong, tmp_path)
    assert back.same_content(hai_duong)
    assert back.dumps() == hai_duong.dumps()
    assert type(back.unit("10945-v01").attributes.get("households", 0)) is int


def test_csv_round_trip_with_empty_cells_read_as_text(hai_duong, tmp_path):
    # read_csv(keep_default_na=False) gives "" for an empty attributes cell: no attributes, not bad JSON.
    pd = pytest.importorskip("pandas")
    units, ties = hai_duong.to_pandas()
    units.to_csv(tmp_path / "units.csv", index=False)
    ties.to_csv(tmp_path / "ties.csv", index=False)
    units = pd.read_csv(tmp_path / "units.csv", dtype=str, keep_default_na=False)
    ties = pd.read_csv(tmp_path / "ties.csv", dtype=str, keep_default_na=False)
    assert (units["attributes"] == "").any()
    back = antq.OrgGraph.from_pandas(units, ties, name=hai_duong.name, attributes=hai_duong.attributes)
    assert back.same_content(hai_duong)


def test_from_pandas_takes_nullable_columns_and_refuses_a_series_in_a_cell():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296"], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"],
                          "area": pd.array([1656.0, None], dtype="Float64")})
    g = antq.OrgGraph.from_pandas(units, pd.DataFrame({"source": ["30"], "target": ["296"], "kind": ["contains"]}))
    assert g.unit("30").attributes == {"area": 1656} and g.unit("296").attributes == {}
    units = units.drop(columns="area").assign(attributes=[pd.Series([1]), None])
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert (info.value.tag, info.value.where) == ("wrong_type", "units row 0 attributes")


def test_csv_round_trip_keeps_value_types(tiny, tmp_path):
    tiny.set_unit_attribute("30", "share", 0.5)
    tiny.set_unit_attribute("30", "codes", [1, "01", None, True])
    tiny.set_tie_attribute("30", "296", "contains", "since", 1997)
    back = _csv_trip(tiny, tmp_path)
    assert back.same_content(tiny)
    attrs = back.unit("30").attributes
    assert (attrs["share"], attrs["codes"]) == (0.5, [1, "01", None, True])
    assert type(back.unit("10945-v01").attributes["households"]) is int
    assert back.tie("30", "296", "contains").attributes == {"since": 1997}


def test_attributes_cell_prints_as_json(tiny):
    units, _ = tiny.to_pandas()
    cell = units.set_index("id").at["10945-v01", "attributes"]
    assert cell == {"households": 420, "synthetic": True}
    assert json.loads(str(cell)) == cell


def test_int_column_with_empty_cells_stays_int():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296"], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"],
                          "households": [float("nan"), 420.0], "share": [1.0, 2.0], "ratio": [float("nan"), 0.5]})
    g = antq.OrgGraph.from_pandas(units)
    assert type(g.unit("296").attributes["households"]) is int
    assert type(g.unit("296").attributes["share"]) is float  # no gap: floats stay floats
    assert g.unit("296").attributes["ratio"] == 0.5 and "ratio" not in g.unit("30").attributes


@pytest.mark.parametrize("cell, tag, says", [
    ("{'households': 420}", "bad_json", "expected a JSON object"),  # a Python dict's repr, not JSON
    ('{"households": ', "bad_json", "expected a JSON object"),
    ("[1, 2]", "wrong_type", "found list"),
    (True, "wrong_type", "found bool"),
])
def test_bad_attributes_cell_names_row_and_column(cell, tag, says):
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296"], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"],
                          "attributes": [None, cell]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert (info.value.tag, info.value.where) == (tag, "units row 1 attributes")
    assert says in str(info.value)


def test_empty_required_cell_names_row_and_column():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296"], "name": ["Hải Dương", float("nan")], "kind": ["province", "district"]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert (info.value.tag, info.value.where) == ("wrong_type", "units row 1 name")
    assert "an empty cell (NaN)" in str(info.value)


def test_numeric_ids_read_as_numbers_are_refused_with_their_row():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": [30, 296], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert (info.value.tag, info.value.where) == ("wrong_type", "units row 0 id")


# ---- back from NetworkX ------------------------------------------------------------------------------


def test_networkx_round_trip_default_graph(hai_duong):
    pytest.importorskip("networkx")
    back = antq.OrgGraph.from_networkx(hai_duong.to_networkx())
    assert back.same_content(hai_duong)
    assert (back.name, back.attributes) == (hai_duong.name, hai_duong.attributes)


def test_networkx_round_trip_keeps_value_types(tiny):
    pytest.importorskip("networkx")
    tiny.set_unit_attribute("30", "codes", [1, "01", None, True, 0.5])
    tiny.set_tie_attribute("30", "296", "contains", "since", 1997)
    back = antq.OrgGraph.from_networkx(tiny.to_networkx())
    assert back.same_content(tiny)
    assert back.unit("30").attributes["codes"] == [1, "01", None, True, 0.5]
    assert type(back.unit("10945-v01").attributes["households"]) is int


def test_from_networkx_takes_a_digraph_with_kind_as_edge_data():
    nx = pytest.importorskip("networkx")
    G = nx.DiGraph(name="bg", as_of="2024-01-01")
    G.add_node("296", name="Bình Giang", kind="district", type="huyện")
    G.add_node("296.pc", name="Ủy ban nhân dân huyện Bình Giang", kind="peoples_committee")
    G.add_edge("296.pc", "296", kind="serves")
    g = antq.OrgGraph.from_networkx(G)
    assert (g.name, g.attributes) == ("bg", {"as_of": "2024-01-01"})
    assert g.unit("296.pc").level == "district" and g.unit("296").attributes == {"type": "huyện"}
    assert g.has_tie("296.pc", "296", "serves")


def test_from_networkx_names_the_node_and_field_of_an_error():
    nx = pytest.importorskip("networkx")
    G = nx.MultiDiGraph()
    G.add_node("30", name="Hải Dương", kind="province")
    G.add_node("296", name="Bình Giang", kind="huyen")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_networkx(G)
    assert info.value.where == "units row 1 kind" and "huyen" in str(info.value)
    G.nodes["296"]["kind"] = "district"
    G.add_edge("30", "296")  # no kind, and the key 0 is no tie kind
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_networkx(G)
    assert info.value.where == "ties row 0 kind"


def test_from_pandas_names_the_row_of_a_bad_level_and_takes_every_empty_cell_as_no_level():
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": ["30", "296", "296.pc"], "name": ["Hải Dương", "Bình Giang", "UBND huyện Bình Giang"],
                          "kind": ["province", "district", "peoples_committee"], "level": ["province", "huyen", None]})
    ties = pd.DataFrame({"source": ["30", "296.pc"], "target": ["296", "296"], "kind": ["contains", "serves"]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units, ties)
    assert info.value.where == "units row 1 level" and "huyen" in str(info.value)
    for empty in (None, float("nan"), pd.NA):
        units["level"] = pd.Series(["province", "district", empty], dtype=object)
        g = antq.OrgGraph.from_pandas(units, ties)
        assert g.unit("296.pc").level == "district"  # taken from the territory it serves

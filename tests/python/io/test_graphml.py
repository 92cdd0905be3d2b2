"""GraphML: read by NetworkX, igraph and graph-tool with unit ids as vertex names and typed attributes, and read back
by antq (``antq.read_graphml``, and ``OrgGraph.from_networkx`` of what NetworkX read), docs/data-format.md."""

from __future__ import annotations

import os
import pathlib
import unicodedata
import warnings

import pytest

import antq


@pytest.fixture(scope="module")
def hd_graphml(hai_duong, tmp_path_factory) -> pathlib.Path:
    path = tmp_path_factory.mktemp("graphml") / "hd.graphml"
    hai_duong.write_graphml(path)
    return path


def _edge_cases() -> antq.OrgGraph:
    g = antq.OrgGraph(structure="three_tier")
    g.name = "tên <đồ thị> & \"x\""
    nfd = unicodedata.normalize("NFD", "Nhân Quyền")
    g.add_unit(nfd, "Hải\nDương", "province", attributes={"mixed": 1, "nested": {"a": [1, None]}, "ratio": 0.5})
    g.add_unit("a&b<c>'d\"", "B", "district", attributes={"mixed": "một", "ratio": -1e300, "empty": "",
                                                          "kind": "a free attribute named kind"})
    g.add_tie(unicodedata.normalize("NFC", nfd), "a&b<c>'d\"", "contains", attributes={"since": "2024-07-01", "id": "a free attribute named id"})
    g.attributes = {"as_of": "2024-07-01", "sources": ["a", "b"], "count": 2**40}
    return g


# ---- what other tools read ----------------------------------------------------------------------------------------


def test_networkx_reads_unit_ids_and_typed_attributes(hai_duong, hd_graphml):
    nx = pytest.importorskip("networkx")
    back = nx.read_graphml(hd_graphml)
    assert back.number_of_nodes() == len(hai_duong) and back.number_of_edges() == hai_duong.number_of_ties()
    assert set(back.nodes) == set(hai_duong.units)
    assert back.nodes["296"]["name"] == "Bình Giang" and back.nodes["296"]["kind"] == "district"
    assert back.nodes["10987-v01"]["households"] == hai_duong.unit("10987-v01").attributes["households"]
    assert isinstance(back.nodes["10987-v01"]["households"], int)
    assert back.graph["name"] == "hai_duong_2024" and back.graph["as_of"] == "2024-07-01"
    assert back.graph["antq_format"] == "antq.orggraph" and back.graph["antq_version"] == 1
    kinds: dict[str, int] = {}
    for _, _, data in back.edges(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == hai_duong.summary()["ties"]


def test_networkx_reads_markup_unchanged(tiny, tmp_path):
    nx = pytest.importorskip("networkx")
    nasty = 'Công an "xã" <b>&amp; \\ tab\tend\r\nline'
    tiny.rename_unit("10951", nasty)
    tiny.set_unit_attribute("10951", 'k<&>"', 'v"<&>')
    path = tmp_path / "n.graphml"
    tiny.write_graphml(path)
    assert tiny.to_graphml() == path.read_text(encoding="utf-8")
    back = nx.read_graphml(path)
    assert back.nodes["10951"]["name"] == nasty
    assert back.nodes["10951"]['k<&>"'] == 'v"<&>'


def test_igraph_reads_without_a_warning_and_can_filter_on_households(hai_duong, hd_graphml):
    igraph = pytest.importorskip("igraph")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # igraph warned on every read of the old files (a key named "id")
        g = igraph.Graph.Read_GraphML(os.fspath(hd_graphml))
    assert g.vcount() == len(hai_duong) and g.is_directed()
    assert set(g.vs["id"]) == set(hai_duong.units)
    village = g.vs.find(id="10987-v01")
    assert village["households"] == hai_duong.unit("10987-v01").attributes["households"]
    big = g.vs.select(households_gt=300)
    expected = [i for i in hai_duong.units if hai_duong.unit(i).attributes.get("households", 0) > 300]
    assert sorted(big["id"]) == sorted(expected) and expected


def test_graph_tool_reads_unit_ids_and_an_integer_property(hai_duong, hd_graphml):
    gt = pytest.importorskip("graph_tool")
    g = gt.load_graph(os.fspath(hd_graphml), fmt="graphml")
    assert g.num_vertices() == len(hai_duong) and g.is_directed()
    ids = g.vp["_graphml_vertex_id"]
    assert set(ids[v] for v in g.vertices()) == set(hai_duong.units)
    assert g.vp["households"].value_type() == "int32_t"
    village = next(v for v in g.vertices() if ids[v] == "10987-v01")
    assert g.vp["households"][village] == hai_duong.unit("10987-v01").attributes["households"]
    assert g.gp["name"] == "hai_duong_2024"


# ---- reading back -------------------------------------------------------------------------------------------------


def test_read_graphml_gives_the_graph_back(hai_duong, hd_graphml):
    back = antq.read_graphml(hd_graphml)
    assert back.same_content(hai_duong)
    assert back.attributes == hai_duong.attributes and back.name == hai_duong.name
    assert antq.parse_graphml(hai_duong.to_graphml()).same_content(hai_duong)


def test_edge_cases_read_back_equal(tmp_path):
    g = _edge_cases()
    back = antq.parse_graphml(g.to_graphml())
    assert back.same_content(g)
    assert back.structure.id == "three_tier"
    assert back.unit("a&b<c>'d\"").attributes == g.unit("a&b<c>'d\"").attributes
    assert back.attributes["count"] == 2**40 and back.attributes["sources"] == ["a", "b"]
    assert unicodedata.normalize("NFC", "Nhân Quyền") in back
    assert antq.parse_graphml(antq.OrgGraph().to_graphml()).same_content(antq.OrgGraph())


def test_round_trip_through_networkx(hai_duong, hd_graphml, tmp_path):
    nx = pytest.importorskip("networkx")
    assert antq.OrgGraph.from_networkx(nx.read_graphml(hd_graphml)).same_content(hai_duong)
    g = _edge_cases()
    g.write_graphml(tmp_path / "e.graphml")
    assert antq.OrgGraph.from_networkx(nx.read_graphml(tmp_path / "e.graphml")).same_content(g)


def test_reads_what_networkx_writes(hai_duong, hd_graphml, tiny, tmp_path):
    nx = pytest.importorskip("networkx")
    # From an antq graph directly (scalar attributes: NetworkX cannot write lists or dicts) ...
    nx.write_graphml(tiny.to_networkx(), tmp_path / "tiny.graphml")
    assert antq.read_graphml(tmp_path / "tiny.graphml").same_content(tiny)
    # ... and antq's GraphML read and written again by NetworkX (new key ids, its own types).
    nx.write_graphml(nx.read_graphml(hd_graphml), tmp_path / "again.graphml")
    assert antq.read_graphml(tmp_path / "again.graphml").same_content(hai_duong)


def test_errors_name_the_file_line_and_element(tmp_path):
    path = tmp_path / "bad.graphml"
    text = antq.OrgGraph().to_graphml().replace("</graph>", '<node id="30"><data key="u_kind">province</data></node>'
                                                             "</graph>")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(antq.InvalidInputError) as info:
        antq.read_graphml(path)
    line = text[: text.index('<node id="30">')].count("\n") + 1
    assert info.value.tag == "missing_field"
    assert info.value.where == f"{path}:line {line} <node id='30'>"
    with pytest.raises(ValueError, match="dtd_not_allowed"):
        antq.parse_graphml('<!DOCTYPE x [<!ENTITY a "b">]><graphml/>', "d.graphml")
    with pytest.raises(antq.IoError, match="too_large"):
        antq.read_graphml(path, max_bytes=10)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_not_waited_on(tmp_path):
    fifo = tmp_path / "pipe.graphml"
    os.mkfifo(fifo)
    with pytest.raises(antq.IoError, match="not a regular file"):
        antq.read_graphml(fifo)

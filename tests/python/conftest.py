"""Shared fixtures: a tiny hand-written graph (as inline JSON) and helpers to write documents to disk.

The tiny graph is a slice of Hải Dương province: the nation with the Ministry of Public Security, province
"30", two districts (288 and 296), three communes, one village, the People's Committees and police of
30 / 296 / 10945 with dual subordination, and the post of the provincial Chairman. Tests below rely on its
exact shape (unit order, tie order), so change it only together with them.
"""

from __future__ import annotations

import json
import pathlib
from typing import Any, Callable

import pytest

import antq

# Unit and tie indices are referred to by tests (e.g. "/units/11" is 30.police, "/ties/9" its serves tie).
TINY_JSON = """
{
 "format": "antq.orggraph",
 "version": 1,
 "name": "tiny",
 "attributes": {"as_of": "2024-01-01"},
 "units": [
  {"id": "vn", "name": "Việt Nam", "kind": "nation"},
  {"id": "vn.mps", "name": "Bộ Công an", "kind": "ministry", "level": "nation"},
  {"id": "30", "name": "Hải Dương", "kind": "province", "attributes": {"type": "tỉnh"}},
  {"id": "288", "name": "Hải Dương", "kind": "district", "attributes": {"type": "thành phố"}},
  {"id": "296", "name": "Bình Giang", "kind": "district", "attributes": {"type": "huyện"}},
  {"id": "288-c01", "name": "Tân Bình", "kind": "commune", "attributes": {"type": "phường", "code_known": false}},
  {"id": "10945", "name": "Kẻ Sặt", "kind": "commune", "attributes": {"type": "thị trấn"}},
  {"id": "10951", "name": "Vĩnh Hưng", "kind": "commune", "attributes": {"type": "xã"}},
  {"id": "10945-v01", "name": "Tổ dân phố 1", "kind": "village", "attributes": {"households": 420, "synthetic": true}},
  {"id": "30.pc", "name": "Ủy ban nhân dân tỉnh Hải Dương", "kind": "peoples_committee"},
  {"id": "30.pc.head", "name": "Chủ tịch UBND tỉnh Hải Dương", "kind": "post", "attributes": {"holder": "Triệu Thế Hùng"}},
  {"id": "30.police", "name": "Công an tỉnh Hải Dương", "kind": "police", "level": "province"},
  {"id": "296.pc", "name": "Ủy ban nhân dân huyện Bình Giang", "kind": "peoples_committee"},
  {"id": "296.police", "name": "Công an huyện Bình Giang", "kind": "police"},
  {"id": "10945.pc", "name": "Ủy ban nhân dân thị trấn Kẻ Sặt", "kind": "peoples_committee"},
  {"id": "10945.police", "name": "Công an thị trấn Kẻ Sặt", "kind": "police", "attributes": {"pilot": "exemplary_commune_police_2021"}}
 ],
 "ties": [
  {"source": "vn", "target": "30", "kind": "contains"},
  {"source": "30", "target": "288", "kind": "contains"},
  {"source": "30", "target": "296", "kind": "contains"},
  {"source": "288", "target": "288-c01", "kind": "contains"},
  {"source": "296", "target": "10945", "kind": "contains"},
  {"source": "296", "target": "10951", "kind": "contains"},
  {"source": "10945", "target": "10945-v01", "kind": "contains"},
  {"source": "vn.mps", "target": "vn", "kind": "serves"},
  {"source": "30.pc", "target": "30", "kind": "serves"},
  {"source": "30.police", "target": "30", "kind": "serves"},
  {"source": "296.pc", "target": "296", "kind": "serves"},
  {"source": "296.police", "target": "296", "kind": "serves"},
  {"source": "10945.pc", "target": "10945", "kind": "serves"},
  {"source": "10945.police", "target": "10945", "kind": "serves"},
  {"source": "30.pc.head", "target": "30.pc", "kind": "heads"},
  {"source": "vn.mps", "target": "30.police", "kind": "directs"},
  {"source": "30.pc", "target": "30.police", "kind": "directs"},
  {"source": "30.pc", "target": "296.pc", "kind": "directs"},
  {"source": "30.police", "target": "296.police", "kind": "directs"},
  {"source": "296.pc", "target": "296.police", "kind": "directs"},
  {"source": "296.pc", "target": "10945.pc", "kind": "directs"},
  {"source": "296.police", "target": "10945.police", "kind": "directs"},
  {"source": "10945.pc", "target": "10945.police", "kind": "directs"},
  {"source": "10945.police", "target": "10945.pc", "kind": "coordinates", "attributes": {"programme": "07/CTrPH-BCA-MTTW"}}
 ]
}
"""

TINY_UNIT_COUNT = 16
TINY_TIE_COUNT = 24

# A minimal valid document: just a province.
PROVINCE_ONLY_JSON = (
    '{"format": "antq.orggraph", "version": 1, "name": "p", '
    '"units": [{"id": "30", "name": "Hải Dương", "kind": "province"}], "ties": []}'
)


@pytest.fixture
def tiny_text() -> str:
    return TINY_JSON


@pytest.fixture
def tiny_doc() -> dict[str, Any]:
    """A fresh, mutable copy of the tiny document as Python objects."""
    return json.loads(TINY_JSON)


@pytest.fixture
def tiny() -> antq.OrgGraph:
    return antq.loads(TINY_JSON, "tiny.json")


@pytest.fixture(scope="session")
def hai_duong() -> antq.OrgGraph:
    """The embedded dataset, shared read-only by the whole session; tests that mutate must load their own."""
    return antq.datasets.hai_duong_2024()


@pytest.fixture(scope="session")
def directive() -> antq.Directive:
    """The embedded 2024 directive."""
    return antq.datasets.directive_2024()


@pytest.fixture(scope="session")
def compiled(hai_duong: antq.OrgGraph, directive: antq.Directive) -> antq.Responsibilities:
    """The 2024 directive compiled on the embedded graph (do not change the graph: it is shared)."""
    return antq.compile(directive, hai_duong)


@pytest.fixture(scope="session")
def hai_duong_text() -> str:
    return antq._core.hai_duong_2024_json()


def dump(doc: Any) -> str:
    """A document as JSON text, keeping non-ASCII characters as they are (as the real files do)."""
    return json.dumps(doc, ensure_ascii=False, indent=1)


@pytest.fixture
def write_doc(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """write_doc(doc_or_text_or_bytes, name="g.json") -> path of the written file inside tmp_path."""

    def write(content: Any, name: str = "g.json") -> pathlib.Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_bytes(content.encode("utf-8"))
        else:
            path.write_bytes(dump(content).encode("utf-8"))
        return path

    return write


def fingerprint(graph: antq.OrgGraph) -> tuple[int, int, str]:
    """Counts plus the serialised content, to compare a graph before and after a failed call."""
    return graph.number_of_units(), graph.number_of_ties(), graph.dumps()


@pytest.fixture
def fingerprint_of() -> Callable[[antq.OrgGraph], tuple[int, int, str]]:
    return fingerprint



@pytest.fixture(scope="session")
def run_notebook(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Runs a notebook of docs/notebooks once per session, whichever test files read it (tests/python/notebooks:
    a conftest.py there would shadow this module, which tests import by name)."""
    from _notebooks import execute  # on the path once a test of tests/python/notebooks is collected

    done: dict[str, Any] = {}

    def run(name: str) -> Any:
        if name not in done:
            done[name] = execute(name, tmp_path_factory.mktemp(name.removesuffix(".ipynb")))
        return done[name]

    return run

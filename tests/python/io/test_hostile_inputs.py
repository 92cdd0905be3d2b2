"""Hostile inputs: every malformed, inconsistent or oversized document must fail with the right antq exception,
a stable tag and a `where` that names the place (file name plus JSON pointer, line or unit id), or load correctly
where that is the right answer. Never a crash, a hang or a foreign exception type.

Documents are written to ``h.json`` in a temporary directory and read with ``antq.load("h.json")``, so ``where``
starts with exactly ``h.json``. Unit and tie positions refer to the tiny graph of conftest.py
(/units/3 = district 288, /units/11 = 30.police, /ties/3 = 288 contains 288-c01, /ties/9 = 30.police serves 30).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import unicodedata
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import pytest

import antq
from conftest import TINY_JSON

IIE, HE, NF, IOE = antq.InvalidInputError, antq.HierarchyError, antq.NotFoundError, antq.IoError
FILE = "h.json"


def dump(doc: Any) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=1)


# ---- how a case names the place it expects ---------------------------------------------------------


@dataclass(frozen=True)
class LineOf:
    """`where` is "h.json:line L, column C", L being the line of the first occurrence of `token` in the input."""

    token: bytes

    def check(self, where: str, content: bytes) -> None:
        position = content.index(self.token)
        line = content[:position].count(b"\n") + 1
        assert where.startswith(f"{FILE}:line {line}, column "), where


@dataclass(frozen=True)
class Prefix:
    text: str

    def check(self, where: str, content: bytes) -> None:
        assert where.startswith(self.text), where


@dataclass(frozen=True)
class Names:
    """`where` starts with the file name and mentions each of these unit ids (e.g. a cycle's members)."""

    ids: tuple[str, ...]

    def check(self, where: str, content: bytes) -> None:
        assert where.startswith(FILE), where
        for uid in self.ids:
            assert f"'{uid}'" in where, where


def check_where(expected: Any, where: str, content: bytes) -> None:
    if isinstance(expected, str):
        assert where == expected
    else:
        expected.check(where, content)


# ---- how a case builds its document ----------------------------------------------------------------


def edit(change: Callable[[dict], Any]) -> Callable[[dict], str]:
    """A document made by changing the tiny document in place."""

    def make(doc: dict) -> str:
        change(doc)
        return dump(doc)

    return make


def replace(old: str, new: str) -> Callable[[dict], str]:
    """A document made by replacing text in the tiny document."""

    def make(doc: dict) -> str:
        text = dump(doc)
        assert old in text
        return text.replace(old, new, 1)

    return make


def replace_bytes(old: str, new: bytes) -> Callable[[dict], bytes]:
    def make(doc: dict) -> bytes:
        data = dump(doc).encode("utf-8")
        assert old.encode() in data
        return data.replace(old.encode(), new, 1)

    return make


def households(literal: str) -> Callable[[dict], str]:
    """The village's integer attribute replaced by a raw JSON literal."""
    return replace('"households": 420', '"households": ' + literal)


def fixed(content: str | bytes) -> Callable[[dict], str | bytes]:
    return lambda doc: content


def add_units(*units: dict) -> Callable[[dict], str]:
    return edit(lambda d: d["units"].extend(units))


def add_ties(*ties: tuple[str, str, str]) -> Callable[[dict], str]:
    return edit(lambda d: d["ties"].extend({"source": s, "target": t, "kind": k} for s, t, k in ties))


def rename_id(old: str, new: str) -> Callable[[dict], str]:
    def change(doc: dict) -> None:
        for unit in doc["units"]:
            if unit["id"] == old:
                unit["id"] = new
        for tie in doc["ties"]:
            for end in ("source", "target"):
                if tie[end] == old:
                    tie[end] = new

    return edit(change)


def nested(depth: int, opener: str = "[", closer: str = "]", inner: str = "") -> str:
    return opener * depth + inner + closer * depth


@dataclass
class Case:
    id: str
    make: Callable[[dict], str | bytes]
    exc: type | None  # None: the document is fine and must load
    tag: str = ""
    where: Any = None
    check: Callable[[antq.OrgGraph], None] | None = None  # for documents that load
    marks: list = field(default_factory=list)


def attribute_is(unit: str, key: str, value: Any) -> Callable[[antq.OrgGraph], None]:
    def check(g: antq.OrgGraph) -> None:
        got = g.unit(unit).attributes[key]
        assert got == value and type(got) is type(value)

    return check


def has_unit(uid: str) -> Callable[[antq.OrgGraph], None]:
    def check(g: antq.OrgGraph) -> None:
        assert uid in g and len(g) == 17

    return check


CASES = [
    # -- not JSON at all
    Case("empty file", fixed(b""), IIE, "malformed_json", "h.json:line 1, column 1"),
    Case("only whitespace", fixed(" \n\n"), IIE, "malformed_json", "h.json:line 3, column 1"),
    Case("not JSON", fixed("this is not JSON"), IIE, "malformed_json", Prefix("h.json:line 1, column ")),
    Case("trailing garbage", lambda d: dump(d) + "\n}", IIE, "malformed_json", Prefix("h.json:line ")),
    Case("trailing comma", replace('"tiny",', '"tiny",,'), IIE, "malformed_json", LineOf(b'"tiny",,')),
    # -- JSON, but not a graph document
    Case("top level array", fixed("[]"), IIE, "not_a_graph", "h.json:/"),
    Case("top level string", fixed('"antq.orggraph"'), IIE, "not_a_graph", "h.json:/"),
    Case("top level null", fixed("null"), IIE, "not_a_graph", "h.json:/"),
    Case("wrong format string", edit(lambda d: d.update(format="antq.graph")), IIE, "not_a_graph", "h.json:/format"),
    Case("format missing", edit(lambda d: d.pop("format")), IIE, "missing_field", "h.json:/"),
    Case("format not a string", edit(lambda d: d.update(format=1)), IIE, "wrong_type", "h.json:/format"),
    Case("version 2", edit(lambda d: d.update(version=2)), IIE, "unsupported_version", "h.json:/version"),
    Case("version as string", edit(lambda d: d.update(version="1")), IIE, "wrong_type", "h.json:/version"),
    Case("version missing", edit(lambda d: d.pop("version")), IIE, "missing_field", "h.json:/"),
    Case("units missing", edit(lambda d: d.pop("units")), IIE, "missing_field", "h.json:/"),
    Case("units not an array", edit(lambda d: d.update(units={})), IIE, "wrong_type", "h.json:/units"),
    Case("ties not an array", edit(lambda d: d.update(ties="none")), IIE, "wrong_type", "h.json:/ties"),
    # With no ties, the first body has neither a level nor a serves tie to take one from.
    Case("ties missing", edit(lambda d: d.pop("ties")), IIE, "missing_field", "h.json:/units/9"),
    Case("unknown top-level field", edit(lambda d: d.update(tie=[])), IIE, "unknown_field", "h.json:/tie"),
    Case("graph attributes not an object", edit(lambda d: d.update(attributes=[1])), IIE, "wrong_type",
         "h.json:/attributes"),
    Case("graph name null", edit(lambda d: d.update(name=None)), IIE, "wrong_type", "h.json:/name"),
    # -- units
    Case("unit not an object", edit(lambda d: d["units"].__setitem__(3, "288")), IIE, "wrong_type",
         "h.json:/units/3"),
    Case("id not a string", edit(lambda d: d["units"][3].update(id=288)), IIE, "wrong_type", "h.json:/units/3/id"),
    Case("name missing", edit(lambda d: d["units"][3].pop("name")), IIE, "missing_field", "h.json:/units/3"),
    Case("name null", edit(lambda d: d["units"][3].update(name=None)), IIE, "wrong_type", "h.json:/units/3/name"),
    Case("kind missing", edit(lambda d: d["units"][3].pop("kind")), IIE, "missing_field", "h.json:/units/3"),
    Case("unknown unit kind", edit(lambda d: d["units"][3].update(kind="county")), IIE, "unknown_kind",
         "h.json:/units/3/kind"),
    Case("unknown level", edit(lambda d: d["units"][11].update(level="regional")), IIE, "unknown_level",
         "h.json:/units/11/level"),
    Case("unknown field (typo)", edit(lambda d: d["units"][3].update(nmae="Hải Dương")), IIE, "unknown_field",
         "h.json:/units/3/nmae"),
    Case("unit attributes not an object", edit(lambda d: d["units"][3].update(attributes=["thành phố"])), IIE,
         "wrong_type", "h.json:/units/3/attributes"),
    Case("duplicate id", edit(lambda d: d["units"].append(dict(d["units"][3]))), IIE, "duplicate_id",
         "h.json:/units/16/id"),
    Case("empty id", add_units({"id": "", "name": "Thôn", "kind": "village"}), IIE, "bad_id", "h.json:/units/16"),
    Case("id with a tab", add_units({"id": "a\tb", "name": "Thôn", "kind": "village"}), IIE, "bad_id",
         "h.json:/units/16: 'a\tb'"),
    Case("GSO code with trailing space", add_units({"id": "10954 ", "name": "Hùng Thắng", "kind": "commune"}),
         IIE, "bad_id", "h.json:/units/16: '10954 '"),
    Case("GSO code with leading space", add_units({"id": " 10954", "name": "Hùng Thắng", "kind": "commune"}),
         IIE, "bad_id", "h.json:/units/16: ' 10954'"),
    Case("id longer than 256 bytes", add_units({"id": "x" * 300, "name": "Thôn", "kind": "village"}), IIE,
         "bad_id", Prefix("h.json:/units/16: 'xxxx")),
    Case("id of 128 two-byte characters (256 bytes)", add_units({"id": "đ" * 128, "name": "T", "kind": "village"}),
         None, check=has_unit("đ" * 128)),
    Case("id of 129 two-byte characters (258 bytes)", add_units({"id": "đ" * 129, "name": "T", "kind": "village"}),
         IIE, "bad_id", Prefix("h.json:/units/16: 'đđđ")),
    Case("empty name", add_units({"id": "v", "name": "", "kind": "village"}), IIE, "bad_name",
         "h.json:/units/16: unit 'v'"),
    Case("name over 4096 bytes", add_units({"id": "v", "name": "ố" * 1400, "kind": "village"}), IIE, "bad_name",
         "h.json:/units/16: unit 'v'"),
    Case("4-digit district id", rename_id("296", "2960"), IIE, "bad_gso_code", "h.json:/units/4: unit '2960'"),
    Case("6-digit commune id", rename_id("10945", "109450"), IIE, "bad_gso_code",
         "h.json:/units/6: unit '109450'"),
    Case("1-digit province id", rename_id("30", "3"), IIE, "bad_gso_code", "h.json:/units/2: unit '3'"),
    Case("territory at the wrong level", edit(lambda d: d["units"][2].update(level="district")), IIE,
         "level_mismatch", "h.json:/units/2: unit '30'"),
    # -- ties
    Case("tie not an object", edit(lambda d: d["ties"].__setitem__(3, ["288", "288-c01"])), IIE, "wrong_type",
         "h.json:/ties/3"),
    Case("tie target missing", edit(lambda d: d["ties"][3].pop("target")), IIE, "missing_field", "h.json:/ties/3"),
    Case("unknown tie field", edit(lambda d: d["ties"][3].update(weight=1)), IIE, "unknown_field",
         "h.json:/ties/3/weight"),
    Case("dangling tie source", edit(lambda d: d["ties"][3].update(source="289")), IIE, "dangling_reference",
         "h.json:/ties/3/source"),
    Case("dangling tie target", edit(lambda d: d["ties"][3].update(target="289")), IIE, "dangling_reference",
         "h.json:/ties/3/target"),
    Case("unknown tie kind", edit(lambda d: d["ties"][3].update(kind="owns")), IIE, "unknown_kind",
         "h.json:/ties/3/kind"),
    Case("commune contains commune", add_ties(("10945", "10951", "contains")), HE, "wrong_level",
         "h.json:/ties/24: '10945' -contains-> '10951'"),
    Case("province contains village", edit(lambda d: (
        d["units"].append({"id": "v", "name": "Thôn", "kind": "village"}),
        d["ties"].append({"source": "30", "target": "v", "kind": "contains"}))), HE, "wrong_level",
        "h.json:/ties/24: '30' -contains-> 'v'"),
    Case("second containment parent", add_ties(("288", "10951", "contains")), HE, "second_parent",
         "h.json:/ties/24: '288' -contains-> '10951'"),
    Case("subordination cycle", add_ties(("296.police", "296.pc", "directs")), HE, "cycle",
         Names(("296.pc", "296.police"))),
    Case("superior below", add_ties(("10945.police", "30.police", "directs")), HE, "superior_below",
         "h.json:/ties/24: '10945.police' -directs-> '30.police'"),
    Case("self tie", add_ties(("30.pc", "30.pc", "guides")), IIE, "self_tie", "h.json:/ties/24: '30.pc' -guides-> '30.pc'"),
    Case("duplicate tie", add_ties(("30.pc", "296.pc", "directs")), IIE, "duplicate_tie",
         "h.json:/ties/24: '30.pc' -directs-> '296.pc'"),
    Case("coordination stored both ways", add_ties(("10945.pc", "10945.police", "coordinates")), IIE,
         "duplicate_tie", "h.json:/ties/24: '10945.pc' -coordinates-> '10945.police'"),
    Case("body serves two territories", add_ties(("296.pc", "288", "serves")), IIE, "serves_twice",
         "h.json:/ties/24: '296.pc' -serves-> '288'"),
    Case("body headed twice", edit(lambda d: (
        d["units"].append({"id": "30.pc.deputy", "name": "Phó Chủ tịch", "kind": "post"}),
        d["ties"].append({"source": "30.pc.deputy", "target": "30.pc", "kind": "heads"}))), IIE, "second_head",
        "h.json:/ties/24: '30.pc.deputy' -heads-> '30.pc'"),
    Case("territory serves a body", add_ties(("30", "30.pc", "serves")), IIE, "wrong_endpoint",
         "h.json:/ties/24: '30' -serves-> '30.pc'"),
    # -- completeness and levels
    Case("body serving nothing", edit(lambda d: d["ties"].pop(9)), IIE, "body_serves_nothing",
         "h.json: unit '30.police'"),
    Case("post heading nothing", edit(lambda d: (d["ties"].pop(14), d["units"][10].update(level="province"))), IIE,
         "post_heads_nothing", "h.json: unit '30.pc.head'"),
    Case("body without level or serves tie", edit(lambda d: d["ties"].pop(10)), IIE, "missing_field",
         "h.json:/units/12"),
    Case("body level differs from its territory", edit(lambda d: d["units"][11].update(level="district")), IIE,
         "level_mismatch", "h.json:/ties/9: '30.police' -serves-> '30'"),
    Case("post level differs from its body", edit(lambda d: d["units"][10].update(level="district")), IIE,
         "level_mismatch", "h.json:/ties/14: '30.pc.head' -heads-> '30.pc'"),
    # -- text encoding
    Case("invalid UTF-8 byte in a name", replace_bytes('"Kẻ Sặt"', b'"K\xff S"'), IIE, "malformed_json",
         LineOf(b"\xff")),
    Case("truncated UTF-8 sequence in an id", replace_bytes('"10951"', b'"109\xc3("'), IIE, "malformed_json",
         LineOf(b"\xc3(")),
    Case("UTF-8 encoded surrogate in a name", replace_bytes('"Kẻ Sặt"', b'"K\xed\xa0\x80"'), IIE, "malformed_json",
         LineOf(b"\xed\xa0\x80")),
    Case("overlong UTF-8 in a name", replace_bytes('"Kẻ Sặt"', b'"K\xc0\xaf"'), IIE, "malformed_json",
         LineOf(b"\xc0\xaf")),
    Case("lone surrogate escape", replace('"Kẻ Sặt"', '"K\\ud800"'), IIE, "malformed_json", LineOf(b"\\ud800")),
    Case("byte order mark", lambda d: b"\xef\xbb\xbf" + dump(d).encode(), None,
         check=lambda g: g.unit("10945").name == "Kẻ Sặt"),
    # -- numbers
    Case("NaN literal", households("NaN"), IIE, "malformed_json", LineOf(b"NaN")),
    Case("Infinity literal", households("Infinity"), IIE, "malformed_json", LineOf(b"Infinity")),
    Case("-Infinity literal", households("-Infinity"), IIE, "malformed_json", LineOf(b"-Infinity")),
    Case("2**63 - 1 is the largest integer", households(str(2**63 - 1)), None,
         check=attribute_is("10945-v01", "households", 2**63 - 1)),
    Case("-2**63 is the smallest integer", households(str(-(2**63))), None,
         check=attribute_is("10945-v01", "households", -(2**63))),
    Case("2**63", households(str(2**63)), IIE, "number_out_of_range", "h.json:/units/8/attributes/households"),
    Case("2**64 - 1", households(str(2**64 - 1)), IIE, "number_out_of_range",
         "h.json:/units/8/attributes/households"),
    Case("2**64", households(str(2**64)), IIE, "number_out_of_range", Prefix("h.json")),
    Case("10**30 nested in an array", replace('"households": 420', '"households": [1, ' + str(10**30) + "]"), IIE,
         "number_out_of_range", Prefix("h.json")),
    Case("-2**63 - 1", households(str(-(2**63) - 1)), IIE, "number_out_of_range", Prefix("h.json")),
    Case("1e400 overflows a double", households("1e400"), IIE, "malformed_json", Prefix("h.json")),
    Case("-1e400 overflows a double", households("-1e400"), IIE, "malformed_json", Prefix("h.json")),
    Case("1e-400 underflows to zero", households("1e-400"), None, check=attribute_is("10945-v01", "households", 0.0)),
    # -- nesting
    Case("arrays nested 10**5 deep", households(nested(10**5)), IIE, "too_deep", LineOf(b'"households"')),
    Case("objects nested 10**5 deep", households(nested(10**5, '{"a":', "}", "1")), IIE, "too_deep",
         LineOf(b'"households"')),
    Case("10**5 unclosed brackets", households("[" * 10**5), IIE, "too_deep", LineOf(b'"households"')),
    Case("nesting 50 deep is fine", households(nested(50, inner="7")), None,
         check=lambda g: g.unit("10945-v01").attributes["households"] == json.loads(nested(50, inner="7"))),
    # The depth guard must skip strings, escaped quotes included.
    Case("brackets inside a string", households(json.dumps('\\"' + "[" * 10**5 + '\\"{')), None,
         check=lambda g: len(g.unit("10945-v01").attributes["households"]) == 10**5 + 5),
]

assert len(CASES) >= 30


def params(cases: list[Case]) -> list:
    out = []
    for case in cases:
        out.append(pytest.param(case, id=case.id, marks=list(case.marks)))
    return out


@pytest.mark.parametrize("case", params(CASES))
def test_hostile_document(case, tiny_doc, tmp_path, monkeypatch):
    content = case.make(tiny_doc)
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    (tmp_path / FILE).write_bytes(data)
    monkeypatch.chdir(tmp_path)
    if case.exc is None:
        graph = antq.load(FILE)
        graph.validate()
        if case.check:
            result = case.check(graph)
            assert result in (None, True)
        return
    with pytest.raises(antq.Error) as info:
        antq.load(FILE)
    error = info.value
    assert type(error) is case.exc, (type(error), str(error))
    assert error.tag == case.tag, str(error)
    check_where(case.where, error.where, data)
    assert str(error).startswith(f"{case.tag}: {error.where}: ")


# ---- truncated documents ---------------------------------------------------------------------------


@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.25, 1 / 3, 0.5, 0.75, 0.9, 0.999])
def test_truncated_dataset(hai_duong_text, fraction):
    # Cut the real dataset: the error names the line and the column where the text stops.
    cut = max(1, int(len(hai_duong_text) * fraction))
    text = hai_duong_text[:cut]
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(text, "hd.json")
    assert info.value.tag == "malformed_json"
    lines = text.split("\n")
    prefix = f"hd.json:line {len(lines)}, column "
    assert info.value.where.startswith(prefix), info.value.where
    column = int(info.value.where[len(prefix):])
    # Columns may count characters or bytes; either way they point at the end of the text.
    assert len(lines[-1]) <= column <= len(lines[-1].encode()) + 1


@pytest.mark.parametrize("cut", [1, 2, 3], ids=["last char", "last 2", "last 3"])
def test_dataset_missing_its_last_characters(hai_duong_text, cut):
    assert hai_duong_text.endswith("]\n}\n")
    text = hai_duong_text[:-cut]
    if cut == 1:  # only the final newline is gone: still a complete document
        assert antq.loads(text).number_of_units() == 8170
        return
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(text, "hd.json")
    assert info.value.tag == "malformed_json" and info.value.where.startswith("hd.json:line ")


# ---- files that cannot be read ---------------------------------------------------------------------


def test_missing_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(antq.IoError) as info:
        antq.load("missing.json")
    assert isinstance(info.value, OSError)
    assert (info.value.tag, info.value.where) == ("cannot_read", "missing.json")


def test_directory_instead_of_file(tmp_path, monkeypatch):
    (tmp_path / "data.json").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(antq.IoError) as info:
        antq.load("data.json")
    assert isinstance(info.value, OSError)
    assert (info.value.tag, info.value.where) == ("cannot_read", "data.json")


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names are bytes")
def test_missing_file_with_a_non_utf8_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    name = os.fsdecode(b"th\xf4n.json")  # Latin-1 "thôn", as an old tool might write it
    with pytest.raises(antq.IoError) as info:
        antq.load(name)
    assert info.value.tag == "cannot_read"
    assert info.value.where.endswith(".json")


def test_non_utf8_file_name_that_exists(tmp_path, tiny_text):
    path = os.path.join(os.fsencode(tmp_path), b"th\xf4n.json")
    with open(path, "wb") as f:
        f.write(tiny_text.encode())
    assert antq.load(os.fsdecode(path)).number_of_units() == 16


# ---- size ------------------------------------------------------------------------------------------


def test_commune_with_10_5_villages():
    # One very wide node: adding ties must not scan the hub's children each time.
    n = 10**5
    units = [{"id": "10945", "name": "Kẻ Sặt", "kind": "commune"}]
    units += [{"id": f"v{i}", "name": f"Thôn {i}", "kind": "village"} for i in range(n)]
    ties = [{"source": "10945", "target": f"v{i}", "kind": "contains"} for i in range(n)]
    doc = {"format": "antq.orggraph", "version": 1, "name": "wide", "units": units, "ties": ties}
    g = antq.loads(json.dumps(doc, ensure_ascii=False), "wide.json")
    assert len(g) == n + 1 and g.number_of_ties() == n
    assert len(g.children("10945")) == n
    assert g.parent(f"v{n - 1}") == "10945"


MILLION_SCRIPT = textwrap.dedent(
    """
    import resource, sys, time
    import antq
    n = 10**6
    started = time.perf_counter()
    text = ('{"format":"antq.orggraph","version":1,"name":"flat","units":[' +
            ",".join('{"id":"v%d","name":"Thôn %d","kind":"village"}' % (i, i) for i in range(n)) +
            '],"ties":[]}')
    built = time.perf_counter()
    g = antq.loads(text, "flat.json")
    loaded = time.perf_counter()
    assert len(g) == n and g.number_of_ties() == 0
    assert g.unit("v999999").name == "Thôn 999999" and g.unit("v0").level == "village"
    assert "v1000000" not in g
    print("%d units: text %.1f s, load %.1f s, peak RSS %d MB" % (
        len(g), built - started, loaded - built, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))
    """
)


def test_a_million_villages(capsys):
    # In a child process so its memory (~1 GB at peak, mostly the parsed JSON tree) is returned at once.
    # The timeout only guards against a hang (a linear load takes a few seconds); it is not a timing test.
    result = subprocess.run([sys.executable, "-c", MILLION_SCRIPT], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    with capsys.disabled():
        print(f"\n[a million villages] {result.stdout.strip()}")
    assert result.stdout.startswith("1000000 units")


# ---- from_pandas ------------------------------------------------------------------------------------


def frames(tiny):
    pytest.importorskip("pandas")
    return tiny.to_pandas()


@pytest.mark.parametrize(
    "change, exc, tag, where",
    [
        (lambda u, t: u.drop(columns=["kind"], inplace=True), IIE, "missing_field", "units"),
        (lambda u, t: u.drop(columns=["id"], inplace=True), IIE, "missing_field", "units"),
        (lambda u, t: t.drop(columns=["target"], inplace=True), IIE, "missing_field", "ties"),
        (lambda u, t: u.loc.__setitem__((5, "kind"), "county"), IIE, "unknown_kind", Prefix("units row 5")),
        (lambda u, t: u.loc.__setitem__((11, "level"), "regional"), IIE, "unknown_level", Prefix("units row 11")),
        (lambda u, t: u.loc.__setitem__((7, "id"), "296"), IIE, "duplicate_id", Prefix("units row 7")),
        (lambda u, t: u.loc.__setitem__((4, "id"), "2960"), IIE, "bad_gso_code", Prefix("units row 4")),
        (lambda u, t: u.loc.__setitem__((3, "name"), ""), IIE, "bad_name", Prefix("units row 3")),
        (lambda u, t: u.loc.__setitem__((11, "level"), "district"), IIE, "level_mismatch", Prefix("ties row 9")),
        (lambda u, t: t.loc.__setitem__((3, "target"), "297"), IIE, "dangling_reference", Prefix("ties row 3 target")),
        (lambda u, t: t.loc.__setitem__((4, "kind"), "owns"), IIE, "unknown_kind", Prefix("ties row 4")),
        (lambda u, t: t.loc.__setitem__((3, "source"), "10945"), HE, "wrong_level", Prefix("ties row 3")),
        (lambda u, t: t.loc.__setitem__(24, ["288", "10951", "contains", None]), HE, "second_parent",
         Prefix("ties row 24")),
        (lambda u, t: t.drop(index=9, inplace=True), IIE, "body_serves_nothing", Prefix("unit '30.police'")),
    ],
    ids=["no kind column", "no id column", "no target column", "unknown kind row 5", "unknown level row 11",
         "duplicate id row 7", "bad GSO code row 4", "empty name row 3", "level mismatch", "dangling tie row 3",
         "unknown tie kind row 4", "commune contains commune", "second parent", "body serving nothing"],
)
def test_from_pandas_hostile_rows(tiny, change, exc, tag, where):
    units, ties = frames(tiny)
    change(units, ties)
    with pytest.raises(antq.Error) as info:
        antq.OrgGraph.from_pandas(units, ties)
    assert type(info.value) is exc
    assert info.value.tag == tag
    check_where(where, info.value.where, b"")


def test_from_pandas_unsupported_attribute_value(tiny):
    pd = pytest.importorskip("pandas")
    units, ties = frames(tiny)
    units["seen"] = [pd.Timestamp("2024-01-01")] + [None] * (len(units) - 1)
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units, ties)
    assert (info.value.tag, info.value.where) == ("wrong_type", "units row 0 attributes/seen")


@pytest.mark.parametrize(
    "frame, column, row",
    [("units", "name", 3), ("units", "id", 8), ("units", "kind", 5), ("ties", "target", 3), ("ties", "kind", 0)],
)
def test_from_pandas_missing_required_value(tiny, frame, column, row):
    # An empty cell must not become the text "None" or "nan".
    units, ties = frames(tiny)
    table = units if frame == "units" else ties
    table[column] = table[column].astype(object)
    table.loc[row, column] = None if column != "id" else float("nan")
    if column == "id":
        ties = ties[(ties["source"] != "10945-v01") & (ties["target"] != "10945-v01")]
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units, ties)
    assert info.value.tag == "wrong_type"
    assert info.value.where == f"{frame} row {row} {column}"


def test_from_pandas_integer_ids_are_refused(tiny):
    # GSO codes read by pandas.read_csv come out as integers and lose leading zeros: refuse rather than guess.
    pd = pytest.importorskip("pandas")
    units = pd.DataFrame({"id": [30, 296], "name": ["Hải Dương", "Bình Giang"], "kind": ["province", "district"]})
    with pytest.raises(antq.InvalidInputError) as info:
        antq.OrgGraph.from_pandas(units)
    assert (info.value.tag, info.value.where) == ("wrong_type", "units row 0 id")


# ---- what is not a regular file, and files larger than the reader's cap ----------------------------------------


READERS = {
    "graph": lambda path, **kw: antq.load(path, **kw),
    "directive": lambda path, **kw: antq.Directive.load(path, **kw),
    "rules": lambda path, **kw: antq._core.EvaluationRules.load(path, **kw),
    "assessments": lambda path, **kw: antq._core.Assessments.load(path, **kw),
    "progress": lambda path, **kw: antq._core.ProgressReports.load(path, **kw),
    "team sizing": lambda path, **kw: antq._core.TeamSizingRule.load(path, **kw),
    "models": lambda path, **kw: antq._core.ModelRegistry.load(path, antq.io.loads(TINY_JSON, "tiny.json"), **kw),
    "changes": lambda path, **kw: antq.restructure.load_changes(path, **kw),
    "scenario": lambda path, **kw: antq.simulation.Scenario.load(path, **kw),
    "graphml": lambda path, **kw: antq.read_graphml(path, **kw),
}


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_fifo_is_refused_without_blocking(reader, tmp_path):
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block for ever
    started = time.perf_counter()
    with pytest.raises(IOE) as info:
        reader(fifo)
    assert (info.value.tag, info.value.where) == ("cannot_read", str(fifo))
    assert "not a regular file" in str(info.value)
    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_device_is_refused_at_once(reader):
    with pytest.raises(IOE) as info:
        reader("/dev/zero")  # would never end, then run out of memory
    assert (info.value.tag, info.value.where) == ("cannot_read", "/dev/zero")


@pytest.mark.parametrize("reader", READERS.values(), ids=READERS.keys())
def test_a_file_over_the_cap_is_refused_and_the_cap_can_be_raised(reader, tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000 + b"{}")
    with pytest.raises(IOE) as info:
        reader(path, max_bytes=1000)
    assert (info.value.tag, info.value.where) == ("too_large", str(path))
    assert "1000 bytes" in str(info.value) and "max_bytes" in str(info.value)
    with pytest.raises(antq.InvalidInputError):  # within a raised cap the reader reads it, and finds it wanting
        reader(path, max_bytes=5000)


def test_the_graph_reader_takes_a_file_at_the_cap(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(PROVINCE_ONLY, encoding="utf-8")
    size = path.stat().st_size
    assert antq.load(path, max_bytes=size).number_of_units() == 1
    with pytest.raises(IOE):
        antq.load(path, max_bytes=size - 1)


PROVINCE_ONLY = ('{"format": "antq.orggraph", "version": 1, "name": "p", '
                 '"units": [{"id": "30", "name": "Hải Dương", "kind": "province"}], "ties": []}')


# ---- every saved graph loads: the writer side keeps the readers' limits ------------------------------------------


def _nested(depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


def test_the_deepest_attribute_the_graph_takes_saves_and_loads(tmp_path):
    g = antq.loads(PROVINCE_ONLY)
    g.set_unit_attribute("30", "deep", _nested(59))  # the member at depth 1, then 59 arrays: 60 in all
    g.save(tmp_path / "deep.json")
    assert antq.load(tmp_path / "deep.json").same_content(g)
    with pytest.raises(IIE) as info:
        g.set_unit_attribute("30", "deeper", _nested(60))
    assert info.value.tag == "too_deep"
    assert info.value.where.startswith("unit '30' attribute 'deeper'")
    assert "deeper" not in g.unit("30").attributes


def test_the_deepest_graph_attribute_saves_and_loads(tmp_path):
    g = antq.loads(PROVINCE_ONLY)
    g.attributes = {"deep": _nested(59)}
    g.save(tmp_path / "deep.json")
    assert antq.load(tmp_path / "deep.json").same_content(g)
    with pytest.raises(IIE) as info:
        g.attributes = {"deep": _nested(60)}
    assert info.value.tag == "too_deep"


# ---- one id, two spellings (NFD and NFC): one id everywhere ---------------------------------------------------


NFC_ID, NFD_ID = "thôn-đông", unicodedata.normalize("NFD", "thôn-đông")


def test_unit_ids_given_in_nfd_are_stored_and_found_in_nfc():
    assert NFC_ID != NFD_ID
    g = antq.loads(PROVINCE_ONLY)
    g.add_unit(NFD_ID, "Thôn Đông", "village", attributes={"households": 3})
    assert g.unit(NFC_ID).id == NFC_ID and g.unit(NFD_ID).id == NFC_ID
    with pytest.raises(IIE) as info:
        g.add_unit(NFC_ID, "Thôn Đông", "village")
    assert info.value.tag == "duplicate_id"
    assert g.select(antq.Selector.id(NFD_ID)) == [NFC_ID]
    assert antq.loads(g.dumps()).same_content(g)


def test_rules_refuse_two_spellings_of_one_subject_id():
    doc = json.loads(antq.evaluation.default_rules_json())
    twin = json.loads(json.dumps(doc["subjects"][0]))
    doc["subjects"][0]["id"] = NFC_ID
    twin["id"] = NFD_ID
    doc["subjects"].insert(1, twin)
    with pytest.raises(IIE) as info:
        antq.evaluation.rules_from_dict(doc, "r.json")
    assert (info.value.tag, info.value.where) == ("duplicate_id", "r.json:/subjects/1/id")


def test_assessment_scores_refuse_two_spellings_of_one_criterion():
    text = json.dumps({"format": "antq.assessments", "version": 1, "year": 2024, "records": [
        {"unit": "30", "dossier_date": "2024-11-01", "scores": {NFC_ID: 1, NFD_ID: 2}}]})
    with pytest.raises(IIE) as info:
        antq._core.Assessments.loads(text, "a.json")
    assert info.value.tag == "duplicate_key"
    assert info.value.where.startswith("a.json:/records/0/scores/")


def test_directive_ids_are_read_in_nfc():
    doc = json.loads(antq._core.directive_2024_json())
    doc["id"] = NFD_ID
    assert antq.Directive.loads(json.dumps(doc)).id == NFC_ID


# ---- year 0 and other years out of range: one rule, one tag, in every format ------------------------------------


@pytest.mark.parametrize("date", ["0000-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_the_years_are_refused_in_every_format(date):
    progress = json.dumps({"format": "antq.progress", "version": 1, "directive": "d",
                           "reports": [{"unit": "30", "clause": "1", "status": "done", "date": date}]})
    with pytest.raises(IIE) as info:
        antq._core.ProgressReports.loads(progress, "p.json")
    assert (info.value.tag, info.value.where) == ("bad_date", "p.json:/reports/0/date")
    assert "1900 to 2200" in str(info.value)
    doc = json.loads(antq._core.directive_2024_json())
    doc["date"] = date
    with pytest.raises(IIE) as info:
        antq.Directive.loads(json.dumps(doc), "d.json")
    assert (info.value.tag, info.value.where) == ("bad_date", "d.json:/date")
    sizing = json.loads(antq._core.default_team_sizing_rule_json())
    sizing["in_force"] = date
    with pytest.raises(IIE) as info:
        antq._core.TeamSizingRule.loads(json.dumps(sizing), "t.json")
    assert (info.value.tag, info.value.where) == ("bad_date", "t.json:/in_force")


@pytest.mark.parametrize("year", [0, 1899, 2201, 2**64 - 1, -1])
def test_years_outside_the_range_are_bad_year_in_every_format(year):
    doc = json.loads(antq._core.directive_2024_json())
    doc["year"] = year
    with pytest.raises(IIE) as info:
        antq.Directive.loads(json.dumps(doc), "d.json")
    assert (info.value.tag, info.value.where) == ("bad_year", "d.json:/year")
    records = json.dumps({"format": "antq.assessments", "version": 1, "year": year, "records": []})
    with pytest.raises(IIE) as info:
        antq._core.Assessments.loads(records, "a.json")
    assert (info.value.tag, info.value.where) == ("bad_year", "a.json:/year")


def test_a_save_replaces_only_its_own_file(tiny, tmp_path):
    # A fixed temporary name would have overwritten the user's file; renaming over a pipe would have replaced it.
    (tmp_path / "g.json.tmp").write_text("keep")
    tiny.save(tmp_path / "g.json")
    assert (tmp_path / "g.json.tmp").read_text() == "keep"
    assert antq.load(tmp_path / "g.json").same_content(tiny)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(IOE) as info:
        tiny.save(fifo)
    assert (info.value.tag, info.value.where) == ("cannot_write", str(fifo))
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json", "g.json.tmp", "pipe.json"]

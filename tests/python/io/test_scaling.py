"""Readers stay linear on wide objects: time n and 8n members in one run and compare (a ratio, not a time, so a
noisy machine does not decide). Linear gives about 8x, quadratic 64x; 20x or more fails."""

from __future__ import annotations

import json
import time
from typing import Callable

import pytest

import antq

LIMIT = 20  # 8x the input: linear ~8x, quadratic ~64x


def _time_ratio(large: Callable[[], object], small: Callable[[], object], rounds: int = 3) -> float:
    """The best CPU time of `large` over the best of `small`, in alternate runs. CPU time, not wall-clock: time the
    process spends waiting for a core on a loaded machine does not count. Other work can still slow a run (shared
    caches), and only ever adds time: so while the ratio is at the limit, more runs are taken, keeping the best of
    each side. A linear reader comes under the limit within a few runs; a quadratic one stays near 64x however many."""
    best_large = best_small = float("inf")
    for _ in range(rounds):
        for _ in range(5):
            for run, is_large in ((small, False), (large, True)):
                started = time.process_time()
                run()
                took = time.process_time() - started
                if is_large:
                    best_large = min(best_large, took)
                else:
                    best_small = min(best_small, took)
        if best_large < LIMIT * best_small:
            break
    return best_large / max(best_small, 1e-9)


def _graph_text(members: int, where: str) -> str:
    wide = {f"k{i}": i for i in range(members)}
    unit = {"id": "30", "name": "Hải Dương", "kind": "province"}
    doc: dict[str, object] = {"format": "antq.orggraph", "version": 1, "units": [unit]}
    if where == "unit":
        unit["attributes"] = wide
    else:
        doc["attributes"] = wide
    return json.dumps(doc)


@pytest.mark.parametrize("where", ["unit", "graph"])
def test_a_wide_attribute_object_loads_in_linear_time(where):
    small, large = _graph_text(5_000, where), _graph_text(40_000, where)
    ratio = _time_ratio(lambda: antq.loads(large), lambda: antq.loads(small))
    assert ratio < LIMIT, f"8x the members took {ratio:.1f}x the time"


def test_a_wide_python_dict_is_taken_in_linear_time():
    small = {f"k{i}": i for i in range(5_000)}
    large = {f"k{i}": i for i in range(40_000)}

    def add(attributes: dict[str, int]) -> None:
        antq.OrgGraph().add_unit("30", "Hải Dương", "province", attributes=attributes)

    ratio = _time_ratio(lambda: add(large), lambda: add(small))
    assert ratio < LIMIT, f"8x the members took {ratio:.1f}x the time"


def test_a_member_named_twice_in_a_wide_object_is_still_found():
    members = ",".join(f'"k{i}":{i}' for i in range(1_000))
    text = ('{"format":"antq.orggraph","version":1,"units":[{"id":"30","name":"x","kind":"province",'
            f'"attributes":{{{members},"k7":8}}}}]}}')
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(text, "w.json")
    assert (info.value.tag, info.value.where) == ("duplicate_key", "w.json:/units/0/attributes/k7")
    # Two spellings of one name (NFD and NFC) in a wide object: the later one is named.
    twins = ('{"format":"antq.orggraph","version":1,"units":[{"id":"30","name":"x","kind":"province",'
             f'"attributes":{{"e\\u0301":1,{members},"\\u00e9":2}}}}]}}')
    with pytest.raises(antq.InvalidInputError) as info:
        antq.loads(twins, "t.json")
    assert info.value.tag == "duplicate_key" and info.value.where == "t.json:/units/0/attributes/\u00e9"


# ---- the other shapes, in every reader: long arrays, long strings, deep nesting repeated, many ids ---------------


def _ratio(make: Callable[[int], str], read: Callable[[str], object], n: int) -> float:
    small, large = make(n), make(8 * n)
    return _time_ratio(lambda: read(large), lambda: read(small))


def _units(n: int) -> str:
    villages = [{"id": f"v{i}", "name": "Thôn", "kind": "village"} for i in range(n)]
    ties = [{"source": "10945", "target": f"v{i}", "kind": "contains"} for i in range(n)]
    return json.dumps({"format": "antq.orggraph", "version": 1, "units": [
        {"id": "10945", "name": "Kẻ Sặt", "kind": "commune"}, *villages], "ties": ties})


def _long_string(n: int) -> str:
    return json.dumps({"format": "antq.orggraph", "version": 1, "units": [
        {"id": "30", "name": "Hải Dương", "kind": "province", "attributes": {"note": "Hải Dương " * n}}]},
        ensure_ascii=False)


def _deep_values(n: int) -> str:
    deep: object = 1
    for _ in range(55):
        deep = [deep]
    return json.dumps({"format": "antq.orggraph", "version": 1, "units": [
        {"id": "30", "name": "Hải Dương", "kind": "province", "attributes": {f"k{i}": deep for i in range(n)}}]})


def _records(n: int) -> str:
    return json.dumps({"format": "antq.assessments", "version": 1, "year": 2024, "records": [
        {"unit": f"u{i}", "dossier_date": "2024-11-01", "criteria_met": ["a", "b"], "scores": {"c": 1}}
        for i in range(n)]})


def _wide_scores(n: int) -> str:
    return json.dumps({"format": "antq.assessments", "version": 1, "year": 2024, "records": [
        {"unit": "u", "dossier_date": "2024-11-01", "scores": {f"c{i}": i % 100 for i in range(n)}}]})


def _changes(operations: list[dict[str, object]]) -> str:
    return json.dumps({"format": "antq.changes", "version": 1, "name": "t", "date": "2025-01-01",
                       "operations": operations}, ensure_ascii=False)


def _renames(n: int) -> str:
    return _changes([{"op": "rename", "unit": f"u{i}", "name": "Tân Bình"} for i in range(n)])


def _wide_operation(n: int) -> str:
    return _changes([{"op": "rename", "unit": "u", "name": "X", "attributes": {f"k{i}": i for i in range(n)}}])


def _merge_sources(n: int) -> str:
    return _changes([{"op": "merge", "into": "u", "sources": [f"s{i}" for i in range(n)]}])


def _scenario_samples(n: int) -> str:
    delay = {"dist": "empirical", "samples": [i % 7 + 1 for i in range(n)]}
    return json.dumps({"format": "antq.scenario", "version": 1, "graph": "default", "model": "cascade",
                       "parameters": {"sources": ["30.pc"], "delay": delay}, "seed": 1, "reps": 1})


def _reports(n: int) -> str:
    return json.dumps({"format": "antq.progress", "version": 1, "directive": "d", "reports": [
        {"unit": f"u{i}", "clause": "1", "status": "done", "date": "2024-05-01"} for i in range(n)]})


def _tasks(n: int) -> str:
    doc = json.loads(antq._core.directive_2024_json())
    task = doc["tasks"][0]
    doc["tasks"] = [{**task, "clause": f"c{i}"} for i in range(n)]
    return json.dumps(doc, ensure_ascii=False)


def _ids_in_a_selector(n: int) -> str:
    doc = json.loads(antq._core.directive_2024_json())
    doc["tasks"][0]["assignments"][0]["units"] = {"id": [f"x{i}" for i in range(n)]}
    return json.dumps(doc, ensure_ascii=False)


def _graphml(keys: str, body: str) -> str:
    return ('<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<key id="n" for="node" attr.name="name"/><key id="k" for="node" attr.name="kind"/>'
            f'<key id="t" for="edge" attr.name="kind"/>{keys}\n<graph id="G" edgedefault="directed">\n'
            '<node id="10945"><data key="n">Kẻ Sặt</data><data key="k">commune</data></node>\n'
            f'{body}</graph>\n</graphml>\n')


def _graphml_units(n: int) -> str:
    return _graphml("", "".join(
        f'<node id="v{i}"><data key="n">Thôn</data><data key="k">village</data></node>\n'
        f'<edge source="10945" target="v{i}"><data key="t">contains</data></edge>\n' for i in range(n)))


def _graphml_long_string(n: int) -> str:
    return _graphml('<key id="note" for="node" attr.name="note"/>',
                    f'<node id="v"><data key="n">Thôn</data><data key="k">village</data>'
                    f'<data key="note">{"Hải Dương &amp; " * n}</data></node>\n')


def _graphml_wide_node(n: int) -> str:
    keys = "".join(f'<key id="a{i}" for="node" attr.name="a{i}" attr.type="int"/>' for i in range(n))
    data = "".join(f'<data key="a{i}">{i}</data>' for i in range(n))
    return _graphml(keys, f'<node id="v"><data key="n">Thôn</data><data key="k">village</data>{data}</node>\n')


def _graphml_wide_element(n: int) -> str:
    attributes = " ".join(f'x{i}="{i}"' for i in range(n))
    return _graphml("", f'<node id="v" {attributes}><data key="n">Thôn</data><data key="k">village</data></node>\n')


SHAPES = {
    "graph, many units and ties": (_units, antq.loads, 2_000),
    "graph, a long string": (_long_string, antq.loads, 20_000),
    "graph, many deep values": (_deep_values, antq.loads, 200),
    "graphml, many nodes and edges": (_graphml_units, antq.parse_graphml, 2_000),
    "graphml, a long string": (_graphml_long_string, antq.parse_graphml, 20_000),
    "graphml, a node with many attributes": (_graphml_wide_node, antq.parse_graphml, 5_000),
    "graphml, an element with many XML attributes": (_graphml_wide_element, antq.parse_graphml, 5_000),
    "assessments, many records": (_records, antq._core.Assessments.loads, 2_000),
    "assessments, one record with many scores": (_wide_scores, antq._core.Assessments.loads, 5_000),
    "change set, many operations": (_renames, antq.restructure.ChangeSet.loads, 2_000),
    "change set, an operation with many attributes": (_wide_operation, antq.restructure.ChangeSet.loads, 5_000),
    "change set, a merge of many sources": (_merge_sources, antq.restructure.ChangeSet.loads, 5_000),
    "scenario, a delay of many samples": (_scenario_samples, lambda text: antq.simulation.Scenario.from_json(text), 5_000),
    "progress, many reports": (_reports, antq._core.ProgressReports.loads, 2_000),
    "directive, many tasks": (_tasks, antq.Directive.loads, 200),
    "directive, many ids in one selector": (_ids_in_a_selector, antq.Directive.loads, 5_000),
}


@pytest.mark.parametrize("make, read, n", SHAPES.values(), ids=SHAPES.keys())
def test_every_reader_is_linear_on_every_shape(make, read, n):
    ratio = _ratio(make, read, n)
    assert ratio < LIMIT, f"8x the input took {ratio:.1f}x the time"


def test_compile_is_linear_in_the_number_of_tasks(hai_duong):
    def directive(n: int) -> antq.Directive:
        return antq.Directive.loads(_tasks(n))

    small, large = directive(20), directive(160)
    ratio = _time_ratio(lambda: antq.compile(large, hai_duong), lambda: antq.compile(small, hai_duong))
    assert ratio < LIMIT, f"8x the tasks took {ratio:.1f}x the time"

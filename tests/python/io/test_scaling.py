"""Readers stay linear on wide objects: time n and 8n members in one run and compare (a ratio, not a time, so a
noisy machine does not decide). Linear gives about 8x, quadratic 64x; above 20x fails."""

from __future__ import annotations

import json
import time
from typing import Callable

import pytest

import antq


def _seconds(run: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: a pause of the machine only ever adds time
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


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
    ratio = _seconds(lambda: antq.loads(large)) / _seconds(lambda: antq.loads(small))
    assert ratio < 20, f"8x the members took {ratio:.1f}x the time"


def test_a_wide_python_dict_is_taken_in_linear_time():
    small = {f"k{i}": i for i in range(5_000)}
    large = {f"k{i}": i for i in range(40_000)}

    def add(attributes: dict[str, int]) -> None:
        antq.OrgGraph().add_unit("30", "Hải Dương", "province", attributes=attributes)

    ratio = _seconds(lambda: add(large)) / _seconds(lambda: add(small))
    assert ratio < 20, f"8x the members took {ratio:.1f}x the time"


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

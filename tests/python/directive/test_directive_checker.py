"""data/tools/check_directive_2024.py passes on the shipped directive and graph, and its reading of clause 6
agrees with antq's compile: the steering committees 138 of every level hold the monitor role. Each obligation
of its list OBLIGATIONS (clauses 1-4 read sentence by sentence) is in antq's compiled table too."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import antq

ROOT = Path(__file__).resolve().parents[3]
CHECKER = ROOT / "data" / "tools" / "check_directive_2024.py"


def _obligations() -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location("check_directive_2024", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.OBLIGATIONS)


OBLIGATIONS = _obligations()


def test_the_checker_passes_and_agrees_with_compile() -> None:
    result = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("ok")
    table = antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024()).to_pandas()
    monitors = table[(table["task"] == "6") & (table["role"] == "monitor")]
    counts = monitors.groupby("unit_level").size().to_dict()
    assert counts == {"province": 1, "district": 12, "commune": 235}
    assert set(monitors["unit_kind"]) == {"steering_committee"}
    line = "  6 monitor steering_committee: province 1, district 12, commune 235"
    assert line in result.stdout.splitlines()


def test_the_checker_rejects_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "directive.json"
    broken.write_text('{"format": "antq.directive", "version": 2}', encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECKER), str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


def test_the_checker_lists_a_recipient_outside_the_graph_and_wants_its_reason(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(CHECKER)], capture_output=True, text=True)
    assert "  Lưu: VT, NC-KSTTHC: outside the graph" in result.stdout.splitlines()
    doc = json.loads((ROOT / "data" / "directive_2024.json").read_text(encoding="utf-8"))
    del doc["recipients"][-1]["note"]
    broken = tmp_path / "directive.json"
    broken.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECKER), str(broken)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "needs a 'note'" in result.stdout + result.stderr


@pytest.fixture(scope="module")
def compiled() -> antq.Responsibilities:
    return antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024())


def _every_unit_of(graph: antq.OrgGraph, spec: dict[str, list[str]]) -> set[str]:
    return {u for kind, levels in spec.items() for u in graph.select({"kind": kind, "level": levels})}


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=[f"{o['clause']}-{o['role']}-{o['phrase']}" for o in OBLIGATIONS])
def test_each_obligation_of_clauses_1_to_4_is_in_the_compiled_table(compiled: antq.Responsibilities,
                                                                    ob: dict[str, Any]) -> None:
    graph = compiled.graph
    task = next(t for t in compiled.directive.tasks if t.clause == ob["clause"])
    quoting = [a for a in task.assignments if a.role == ob["role"] and ob["phrase"] in a.note]
    assert len(quoting) == 1
    holders = set(graph.select(quoting[0].units))
    assert holders == _every_unit_of(graph, ob["units"])
    if "target" in ob:
        assert quoting[0].target is not None
        assert set(graph.select(quoting[0].target)) == _every_unit_of(graph, ob["target"])
    table = compiled.to_pandas()
    rows = table[(table["task"] == ob["clause"]) & (table["role"] == ob["role"])]
    assert holders <= set(rows["unit"])


def test_the_checker_fails_when_an_obligation_is_dropped_or_narrowed(tmp_path: Path) -> None:
    doc = json.loads((ROOT / "data" / "directive_2024.json").read_text(encoding="utf-8"))
    clause1 = next(t for t in doc["tasks"] if t["clause"] == "1")
    party = next(a for a in clause1["assignments"] if "các cấp ủy đảng" in a.get("note", ""))
    dropped = tmp_path / "dropped.json"
    clause1["assignments"].remove(party)
    dropped.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECKER), str(dropped)], capture_output=True, text=True)
    assert result.returncode == 1
    assert 'obligation 1 lead "của các cấp ủy đảng": expected one assignment quoting it, found 0' in result.stdout

    party["units"] = {"kind": "party_committee", "level": "province"}
    clause1["assignments"].append(party)
    narrowed = tmp_path / "narrowed.json"
    narrowed.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run([sys.executable, str(CHECKER), str(narrowed)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "obligation 1 lead \"của các cấp ủy đảng\": picks {'party_committee': ['province']}" in result.stdout

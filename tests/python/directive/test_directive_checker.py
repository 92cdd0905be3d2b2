"""data/tools/check_directive_2024.py passes on the shipped directive and graph, and its reading of clause 6
agrees with antq's compile: the steering committees 138 of every level hold the monitor role."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import antq

ROOT = Path(__file__).resolve().parents[3]
CHECKER = ROOT / "data" / "tools" / "check_directive_2024.py"


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

"""The examples and the benchmark script run as shipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def test_typed_usage_example_runs():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "typed_usage.py")], capture_output=True, text=True, check=True
    )
    assert "Bình Giang (huyện): 16 communes" in result.stdout
    assert "commune police in Bình Giang: 16" in result.stdout
    assert "Triệu Thế Hùng" in result.stdout
    assert "unknown_unit at 'no-such-unit'" in result.stdout


# Each benchmark still runs against the current API; its figures mean nothing at this size. The evaluation one
# also proves the pandas re-implementation still agrees with antq's evaluation (the script checks first).
@pytest.mark.parametrize(
    ("script", "expected"),
    [
        ("national_scale.py", ("build from DataFrames", "memory per unit")),
        ("directive_scale.py", ("reach",)),
        ("evaluation_scale.py", ("evaluation run with roll-ups", "faulty record sets")),
        ("restructure_replay.py", ("the 2025 reform replayed", "diff of the two national lists")),
        ("measures_scale.py", ("betweenness", "articulation points")),
        ("simulation_scale.py", ("cascade: one replication", "escalation: a call of 1 replication", "2 threads")),
        ("frozen_scale.py", ("BFS along contains", "within(province)", "subtree_mask", "memory per unit")),
    ],
)
def test_benchmark_quick_mode_runs(tmp_path, script, expected):
    results = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), "--quick", "--results", str(results)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    text = results.read_text(encoding="utf-8")
    assert "Load average " in text  # how busy the machine was, measured, beside the figures
    for phrase in expected:
        assert phrase in text

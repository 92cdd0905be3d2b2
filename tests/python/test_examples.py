"""The examples and the benchmark script run as shipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_typed_usage_example_runs():
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "typed_usage.py")], capture_output=True, text=True, check=True
    )
    assert "Bình Giang (huyện): 16 communes" in result.stdout
    assert "commune police in Bình Giang: 16" in result.stdout
    assert "Triệu Thế Hùng" in result.stdout
    assert "unknown_unit at 'no-such-unit'" in result.stdout


def test_benchmark_quick_mode_runs(tmp_path):
    # Proves the benchmark still runs against the current API; its figures mean nothing at this size.
    results = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "national_scale.py"), "--quick", "--results", str(results)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    text = results.read_text(encoding="utf-8")
    assert "build from DataFrames" in text and "memory per unit" in text


def test_directive_benchmark_quick_mode_runs(tmp_path):
    results = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "directive_scale.py"), "--quick", "--results", str(results)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    assert "reach" in results.read_text(encoding="utf-8")


def test_evaluation_scale_benchmark_quick_mode_runs(tmp_path):
    # Also proves the pandas re-implementation still agrees with antq's evaluation (the script checks first).
    results = tmp_path / "results.md"
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "evaluation_scale.py"), "--quick", "--results", str(results)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    text = results.read_text(encoding="utf-8")
    assert "evaluation run with roll-ups" in text and "faulty record sets" in text

"""The command line: python -m antq info / validate / export, run as a user would, in a separate process."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import antq


def run(cwd, *args, timeout=120):
    return subprocess.run([sys.executable, "-m", "antq", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


def test_info_on_the_embedded_dataset(tmp_path):
    result = run(tmp_path, "info")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("hai_duong_2024: 8170 units, 24680 ties")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}
    # unit kind / nation / province / district / commune / village / total
    assert rows["commune"] == [".", ".", ".", "235", ".", "235"]
    assert rows["district"] == [".", ".", "12", ".", ".", "12"]
    assert rows["village"][-1] == "1176"
    assert rows["contains"] == ["1424"]
    assert "using the embedded dataset" in result.stderr
    assert list(tmp_path.iterdir()) == []  # info writes nothing


def test_info_on_a_file(tmp_path, tiny):
    tiny.save(tmp_path / "tiny.json")
    result = run(tmp_path, "info", "tiny.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("tiny: 16 units, 24 ties")
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line.strip()}
    assert rows["police"][-1] == "3" and rows["directs"] == ["8"]
    assert "loading tiny.json" in result.stderr


def test_validate_a_good_file(tmp_path, tiny):
    tiny.save(tmp_path / "tiny.json")
    result = run(tmp_path, "validate", "tiny.json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "tiny.json: valid (16 units, 24 ties)"


@pytest.mark.parametrize(
    "change, tag, where",
    [
        (lambda d: d.update(version=2), "unsupported_version", "bad.json:/version"),
        (lambda d: d["ties"][3].update(target="289"), "dangling_reference", "bad.json:/ties/3/target"),
        (lambda d: d["units"][3].update(kind="county"), "unknown_kind", "bad.json:/units/3/kind"),
        (lambda d: d["ties"].append({"source": "10945", "target": "10951", "kind": "contains"}), "wrong_level",
         "bad.json:/ties/24"),
    ],
    ids=["version", "dangling", "unknown kind", "hierarchy"],
)
def test_validate_a_bad_file(tmp_path, tiny_doc, change, tag, where):
    change(tiny_doc)
    (tmp_path / "bad.json").write_text(json.dumps(tiny_doc, ensure_ascii=False), encoding="utf-8")
    result = run(tmp_path, "validate", "bad.json")
    assert result.returncode == 2
    assert f"antq: error: {tag}: {where}" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_validate_a_missing_file(tmp_path):
    result = run(tmp_path, "validate", "missing.json")
    assert result.returncode == 2
    assert "antq: error: cannot_read: missing.json" in result.stderr


def test_validate_a_file_with_invalid_utf8(tmp_path, tiny_text):
    (tmp_path / "bad.json").write_bytes(tiny_text.encode().replace("Kẻ Sặt".encode(), b"K\xff", 1))
    result = run(tmp_path, "validate", "bad.json")
    assert result.returncode == 2, result.stderr[-500:]
    assert "antq: error: malformed_json: bad.json:line " in result.stderr
    assert "Traceback" not in result.stderr


def test_export_writes_readable_files(tmp_path, tiny):
    nx = pytest.importorskip("networkx")
    tiny.save(tmp_path / "tiny.json")
    result = run(tmp_path, "export", "tiny.json", "--graphml", "out.graphml", "--dot", "out.dot", "--json",
                 "out.json")
    assert result.returncode == 0, result.stderr
    assert antq.load(tmp_path / "out.json").same_content(tiny)
    graphml = nx.read_graphml(tmp_path / "out.graphml")
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (16, 24)
    dot = (tmp_path / "out.dot").read_text(encoding="utf-8")
    assert dot.startswith("digraph") and dot.count("->") == 24
    for name in ("out.json", "out.graphml", "out.dot"):
        assert f"wrote {name}" in result.stderr


def test_export_the_embedded_dataset_as_json(tmp_path, hai_duong):
    result = run(tmp_path, "export", "--json", "hd.json")
    assert result.returncode == 0, result.stderr
    assert antq.load(tmp_path / "hd.json").same_content(hai_duong)


def test_export_needs_an_output(tmp_path):
    result = run(tmp_path, "export")
    assert result.returncode != 0
    assert "name at least one of --json, --graphml, --dot" in result.stderr


def test_export_into_a_missing_directory(tmp_path, tiny):
    tiny.save(tmp_path / "tiny.json")
    result = run(tmp_path, "export", "tiny.json", "--json", "no/such/dir/out.json")
    assert result.returncode == 2
    assert "antq: error: cannot_write: no/such/dir/out.json" in result.stderr


def test_usage_errors(tmp_path):
    assert run(tmp_path).returncode == 2  # a command is required
    assert run(tmp_path, "frobnicate").returncode == 2
    version = run(tmp_path, "--version")
    assert version.returncode == 0 and version.stdout.strip() == f"antq {antq.__version__}"


def _last_line_only(result):
    """The command failed with exit code 2, printing its error as its last line and no traceback."""
    assert result.returncode == 2
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_report_on_a_directive_without_tasks_is_one_line(tmp_path, tiny):
    tiny.save(tmp_path / "g.json")
    doc = json.loads(antq._core.directive_2024_json())
    doc["tasks"] = []
    (tmp_path / "d.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    result = run(tmp_path, "report", "--graph", "g.json", "--directive", "d.json", "--out", "out", "--no-evaluation")
    assert _last_line_only(result) == (
        "antq: error: empty_value: d.json:/tasks: a directive needs at least one task (clause)")


@pytest.mark.parametrize("seed", ["-1", str(2**70), "x"])
def test_report_with_a_bad_seed_is_a_usage_error(tmp_path, seed):
    result = run(tmp_path, "report", "--out", "out", "--seed", seed)
    assert "argument --seed" in _last_line_only(result) and "2**64 - 1" in result.stderr
    assert not (tmp_path / "out").exists()


def test_report_with_a_huge_subject_label_is_one_line_and_quick(tmp_path, tiny):
    tiny.save(tmp_path / "g.json")
    doc = json.loads(antq.evaluation.default_rules_json())
    doc["subjects"][0]["label"] = "x" * 8_000_000  # made matplotlib overflow its raster, after minutes
    (tmp_path / "r.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run(tmp_path, "report", "--graph", "g.json", "--rules", "r.json", "--out", "out", timeout=60)
    assert _last_line_only(result) == (
        "antq: error: too_long: r.json:/subjects/0/label: a label has at most 400 bytes, this one 8000000")

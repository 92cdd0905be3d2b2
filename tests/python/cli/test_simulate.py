"""python -m antq simulate: a page labelled as resting on assumed parameters, and one-line errors with a non-zero
exit for bad input."""

from __future__ import annotations

import json

from antq.__main__ import main

SCENARIO = {
    "format": "antq.scenario",
    "version": 1,
    "name": "Cascade, assumed delays",
    "graph": "default",
    "compare": {"remove_level": "district"},
    "model": "cascade",
    "parameters": {"sources": ["30.pc"], "delay": {"dist": "exponential", "mean": 1.0}, "deadline": 3},
    "seed": 1,
    "reps": 10,
}


def test_simulate_writes_a_page_with_both_structures_and_the_assumption(tmp_path, capsys):
    path = tmp_path / "s.json"
    path.write_text(json.dumps(SCENARIO), encoding="utf-8")
    assert main(["simulate", str(path), "--reps", "12", "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Assumed parameters" in page and "<svg" in page
    assert "without_district" in page and "Deadline hit rates" in page
    captured = capsys.readouterr()
    assert "assumptions" in captured.out
    assert "\r" not in captured.err  # no progress line when stderr is not a terminal


def test_simulate_escalation_draws_backlog(tmp_path):
    doc = {**SCENARIO, "model": "escalation", "parameters": {
        "rates": [{"select": {"level": "commune"}, "per_day": 0.05}],
        "service": {"dist": "exponential", "mean": 0.5}, "horizon": 30}}
    path = tmp_path / "e.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["simulate", str(path), "--reps", "3", "--out", str(tmp_path / "out")]) == 0
    assert "Backlog over time" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def test_bad_input_is_one_line_and_a_non_zero_exit(tmp_path, capsys):
    bad = {**SCENARIO, "parameters": {"sources": ["30.pc"], "delay": {"dist": "exponential"}}}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    for argv in (["simulate", str(path), "--out", str(tmp_path)],
                 ["simulate", str(tmp_path / "missing.json"), "--out", str(tmp_path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert err.startswith("antq: error:") and "\n" not in err
    assert main(["simulate", str(path), "--out", str(tmp_path)]) == 2
    assert "/parameters/delay/mean" in capsys.readouterr().err

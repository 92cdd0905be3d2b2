"""data/tools/check_directive_2024.py, the checker of the shipped directive, run as its users run it.

It reads the files with antq's readers and compiles the directive with antq.compile, so a broken file fails with
antq's error and its JSON pointer, and the units it prints are antq's: its reading of clause 6 is the compiled
table's (the steering committees 138 of every level hold the monitor role). It fails when any obligation of its list
OBLIGATIONS (every clause read sentence by sentence) is dropped from the file, narrowed or redated, when an assignment
is flagged, when an obligation's sentence is not in its clause of the directive's text, and when an assignment's note
quotes words the text does not have or no sentence of its clause (checked when ../shared/domain holds the text). Each
obligation is also checked here against antq's compiled table directly."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import antq

ROOT = Path(__file__).resolve().parents[3]
CHECKER = ROOT / "data" / "tools" / "check_directive_2024.py"
DIRECTIVE = ROOT / "data" / "directive_2024.json"


def _module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_directive_2024", CHECKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CHECK = _module()
OBLIGATIONS: list[dict[str, Any]] = list(CHECK.OBLIGATIONS)
IDS = [f"{o['clause']}-{o['role']}-{o['phrase']}" for o in OBLIGATIONS]


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The checker as a user runs it, in a process of its own (the test's Python, which imports antq)."""
    return subprocess.run([sys.executable, str(CHECKER), *map(str, args)], capture_output=True, text=True)


def _check(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str]:
    """The checker's main() in this process (faster when run many times): exit code and printed output."""
    code = CHECK.main(["check_directive_2024.py", *map(str, args)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _directive() -> dict[str, Any]:
    return json.loads(DIRECTIVE.read_text(encoding="utf-8"))


def _write(tmp_path: Path, doc: dict[str, Any], name: str = "directive.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def _quoting(doc: dict[str, Any], ob: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The task of ``ob``'s clause in a directive document and the one assignment whose note quotes its phrase."""
    task = next(t for t in doc["tasks"] if t["clause"] == ob["clause"])
    found = [a for a in task["assignments"] if a["role"] == ob["role"] and ob["phrase"] in a.get("note", "")]
    assert len(found) == 1
    return task, found[0]


def test_the_checker_passes_and_agrees_with_compile() -> None:
    result = _run()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("ok")
    table = antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024()).to_pandas()
    monitors = table[(table["task"] == "6") & (table["role"] == "monitor")]
    counts = monitors.groupby("unit_level").size().to_dict()
    assert counts == {"province": 1, "district": 12, "commune": 235}
    assert set(monitors["unit_kind"]) == {"steering_committee"}
    lines = result.stdout.splitlines()
    assert "  6 monitor steering_committee: province 1, district 12, commune 235" in lines
    # Clause 1's heads of units, read to include the enterprises and schools (the text's addressees).
    assert "  1 lead school: district 12, commune 235" in lines
    assert "  1 lead enterprise: district 12" in lines
    # Clause 2's propaganda: the agencies and enterprises the directive addresses, and the schools as units (đơn vị).
    assert "  2 lead agency: district 12" in lines
    assert "  2 lead enterprise: district 12" in lines
    assert "  2 lead school: district 12, commune 235" in lines
    # The recipients' inform rows are printed once, under the recipients, not under every clause.
    assert not any(line.startswith("  1 inform") for line in lines)
    assert "  3 inform ministry: nation 1" in lines


def test_a_broken_file_fails_with_antqs_error_and_its_pointer(tmp_path: Path) -> None:
    broken = tmp_path / "directive.json"
    broken.write_text('{"format": "antq.directive", "version": 2}', encoding="utf-8")
    result = _run(broken)
    assert result.returncode == 1
    assert f"unsupported_version: {broken}:/version: this library reads version 1, not 2" in result.stdout

    doc = _directive()
    doc["tasks"][0]["assignments"][0]["role"] = "chair"
    result = _run(_write(tmp_path, doc))
    assert result.returncode == 1
    assert "unknown_role:" in result.stdout and ":/tasks/0/assignments/0/role: 'chair' is not a role" in result.stdout


def test_a_file_that_cannot_be_read_exits_2(tmp_path: Path) -> None:
    result = _run(tmp_path / "missing.json")
    assert result.returncode == 2
    assert "cannot_read" in result.stderr and "missing.json" in result.stderr


def test_a_selector_that_matches_nothing_fails_where_antq_says(tmp_path: Path) -> None:
    doc = _directive()
    doc["tasks"][0]["assignments"][0]["units"] = {"kind": "school", "level": "province"}
    result = _run(_write(tmp_path, doc))
    assert result.returncode == 1
    assert "unmatched_selector" in result.stdout and "clause 1, assignment 0 units" in result.stdout


def test_the_checker_lists_a_recipient_outside_the_graph_and_wants_its_reason(tmp_path: Path) -> None:
    result = _run()
    assert "  Lưu: VT, NC-KSTTHC: outside the graph" in result.stdout.splitlines()
    doc = _directive()
    del doc["recipients"][-1]["note"]
    result = _run(_write(tmp_path, doc))
    assert result.returncode == 1
    assert f"missing_field: {tmp_path / 'directive.json'}:/recipients/8:" in result.stdout
    assert "a 'note' saying why" in result.stdout


def test_commune_peoples_committees_as_recipients_and_a_missing_clause_fail(tmp_path: Path) -> None:
    doc = _directive()
    doc["recipients"].append({"label": "UBND các xã", "selector": {"kind": "peoples_committee", "level": "commune"}})
    doc["tasks"] = [t for t in doc["tasks"] if t["clause"] != "5"]
    result = _run(_write(tmp_path, doc))
    assert result.returncode == 1
    assert "235 commune People's Committees are recipients; the text does not list them" in result.stdout
    assert "clause '5' of the text is missing" in result.stdout


def test_a_flagged_assignment_fails(tmp_path: Path) -> None:
    # The commune steering committees' clause 6 monitoring narrowed to enterprises within each commune: the graph's
    # enterprises are district units, so antq flags every commune committee as watching nothing.
    doc = _directive()
    clause6 = next(t for t in doc["tasks"] if t["clause"] == "6")
    communes = next(a for a in clause6["assignments"] if a.get("target_within") == "assignee")
    communes["target"] = {"kind": "enterprise"}
    result = _run(_write(tmp_path, doc))
    assert result.returncode == 1
    assert "235 problem(s):" in result.stdout
    assert "clause 6, assignment" in result.stdout and "10507.sc138:" in result.stdout


@pytest.fixture(scope="module")
def compiled() -> antq.Responsibilities:
    return antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024())


def _every_unit_of(graph: antq.OrgGraph, spec: dict[str, list[str]]) -> set[str]:
    return {u for kind, values in spec.items()
            for u in graph.select({"id": values} if kind == "id" else {"kind": kind, "level": values})}


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=IDS)
def test_each_obligation_is_in_the_compiled_table(compiled: antq.Responsibilities, ob: dict[str, Any]) -> None:
    graph = compiled.graph
    task = next(t for t in compiled.directive.tasks if t.clause == ob["clause"])
    quoting = [i for i, a in enumerate(task.assignments) if a.role == ob["role"] and ob["phrase"] in a.note]
    assert len(quoting) == 1
    assignment = task.assignments[quoting[0]]
    holders = set(graph.select(assignment.units))
    assert holders == _every_unit_of(graph, ob["units"])
    assert set(compiled.targets(ob["clause"], quoting[0])) == _every_unit_of(graph, ob.get("target", {}))
    if "deadline" in ob:
        assert (assignment.deadline or None) == ob["deadline"]
    if "window" in ob:
        assert assignment.window == ob["window"]
    table = compiled.to_pandas()
    rows = table[(table["task"] == ob["clause"]) & (table["role"] == ob["role"])]
    assert holders <= set(rows["unit"])


@pytest.mark.parametrize("ob", OBLIGATIONS, ids=IDS)
def test_the_checker_fails_when_an_obligation_is_dropped(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         ob: dict[str, Any]) -> None:
    doc = _directive()
    task, assignment = _quoting(doc, ob)
    task["assignments"].remove(assignment)
    code, out = _check(capsys, _write(tmp_path, doc))
    assert code == 1
    assert f"obligation {ob['clause']} {ob['role']} \"{ob['phrase']}\": expected one assignment quoting it, found 0" in out


# (clause, phrase of the obligation, field of its assignment, the value put there, what the checker must say)
CHANGED = [
    ("1", "của các cấp ủy đảng", "units", {"kind": "party_committee", "level": "province"},
     "obligation 1 lead \"của các cấp ủy đảng\": picks {'party_committee': ['province']}"),
    # The schools left out.
    ("1", "các cơ quan, doanh nghiệp trên địa bàn", "units", {"kind": "enterprise", "within": "30"},
     "obligation 1 lead \"các cơ quan, doanh nghiệp trên địa bàn\": picks {'enterprise': ['district']}"),
    # The unit piloted leading its own pilot.
    ("3", "thí điểm thành công “Công an huyện Bình Giang", "units", {"id": "296.police"},
     "picks {'police': ['district']}, expected {'id': ['30.police', '296.pc']}"),
    ("3", "Công an xã, phường, thị trấn điển hình, kiểu mẫu", "target", {"kind": "police", "level": "district"},
     "targets {'police': ['district']}, expected {'police': ['commune']}"),
    # The Ngày hội moved off 19/8/2024.
    ("4", "Ngày hội của nhân dân", "deadline", "2024-09-19",
     "obligation 4 lead \"Ngày hội của nhân dân\": deadline 2024-09-19, expected 2024-08-19"),
    # The day Law 30 takes effect made a deadline of clause 5: the text sets none.
    ("5", "Luật Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở", "deadline", "2024-07-01",
     "deadline 2024-07-01, expected none"),
]


@pytest.mark.parametrize(("clause", "phrase", "field", "value", "expected"), CHANGED,
                         ids=[f"{c[0]}-{c[2]}-{c[1]}" for c in CHANGED])
def test_the_checker_fails_when_an_obligation_is_narrowed_retargeted_or_redated(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], clause: str, phrase: str, field: str, value: Any,
        expected: str) -> None:
    doc = _directive()
    ob = next(o for o in OBLIGATIONS if o["clause"] == clause and o["phrase"] == phrase)
    _, assignment = _quoting(doc, ob)
    assignment[field] = value
    code, out = _check(capsys, _write(tmp_path, doc))
    assert code == 1
    assert expected in out


def test_the_checker_fails_when_a_window_moves_to_another_obligation(tmp_path: Path) -> None:
    # The offices project's period given to the streamlining of clause 5's first sentence, and taken from the project;
    # the checker run as a user runs it, in a process of its own.
    doc = _directive()
    _, project = _quoting(doc, next(o for o in OBLIGATIONS if o["phrase"] == "giai đoạn 2021 - 2025"))
    _, streamlining = _quoting(doc, next(o for o in OBLIGATIONS
                                         if o["phrase"] == "theo hướng tinh gọn, hiệu lực, hiệu quả"))
    streamlining["window"] = project.pop("window")
    result = _run(_write(tmp_path, doc, "window.json"))
    assert result.returncode == 1
    assert ("obligation 5 lead \"theo hướng tinh gọn, hiệu lực, hiệu quả\": window ('2021-01-01', '2025-12-31'), "
            "expected none") in result.stdout
    assert ("obligation 5 lead \"giai đoạn 2021 - 2025\": window none, expected ('2021-01-01', '2025-12-31')"
            in result.stdout)


def test_quoted_passages_are_found_word_for_word_with_ellipses_leaving_words_out() -> None:
    text = CHECK.spaced("Chủ tịch chỉ thị Ủy ban nhân dân các cấp, thủ trưởng các sở, ngành")
    assert CHECK.quoted_passages('"chỉ thị Ủy ban nhân dân các cấp" (before), and "thủ trưởng"') == [
        "chỉ thị Ủy ban nhân dân các cấp", "thủ trưởng"]
    assert CHECK.found_in("chỉ thị ... các sở, ngành", text)
    assert CHECK.found_in("Chủ tịch … thủ trưởng", text)
    assert not CHECK.found_in("các sở, ngành ... Chủ tịch", text)  # the parts in the text's order
    assert not CHECK.found_in("chỉ thị Ủy ban nhân dân tỉnh", text)
    assert not CHECK.found_in("Chỉ thị Ủy ban nhân dân các cấp", text)  # word for word, capitals included


@pytest.mark.skipif(not CHECK.TEXT.is_file(), reason="the directive's text (../shared/domain) is not beside the repository")
def test_a_note_that_misquotes_the_text_or_quotes_no_sentence_of_its_clause_fails(tmp_path: Path) -> None:
    result = _run()
    assigned = sum(len(t["assignments"]) for t in _directive()["tasks"])
    assert f"text: the notes of {assigned} assignments quote the text as it is written" in result.stdout

    doc = _directive()
    closing = next(i for i, t in enumerate(doc["tasks"]) if t["clause"] == "closing")
    advice = doc["tasks"][closing]["assignments"][1]
    advice["note"] = advice["note"].replace("tham mưu, đề xuất những biện pháp", "tham mưu, đề xuất các giải pháp")
    result = _run(_write(tmp_path, doc, "misquoted.json"))
    assert result.returncode == 1
    assert (f"{tmp_path / 'misquoted.json'}:/tasks/{closing}/assignments/1/note: quotes \"tham mưu, đề xuất các giải "
            f"pháp cần tập trung chỉ đạo\", which is not in 000_d9258373e77a5406.txt") in result.stdout

    doc = _directive()
    police = doc["tasks"][closing]["assignments"][0]
    police["note"] = "The provincial police watch the departments and the People's Committees."
    result = _run(_write(tmp_path, doc, "unquoted.json"))
    assert result.returncode == 1
    assert (f"{tmp_path / 'unquoted.json'}:/tasks/{closing}/assignments/0/note: quotes no sentence of clause closing "
            "of 000_d9258373e77a5406.txt") in result.stdout
    # A sentence of another clause, quoted as written, does not stand for one of the assignment's own.
    police["note"] = "\"Lực lượng Công an các cấp thường xuyên tổ chức các đợt cao điểm\" (clause 2)."
    result = _run(_write(tmp_path, doc, "other_clause.json"))
    assert result.returncode == 1
    assert "/assignments/0/note: quotes no sentence of clause closing" in result.stdout
    assert "which is not in" not in result.stdout


def test_the_texts_clauses_are_cut_at_their_numbers_and_joined_across_page_breaks() -> None:
    text = "Chỉ thị\n\nmở đầu khiếu\n\nkiện\n\n1. Một\n\n2. Hai, trọng tâm là\n\nduy trì\n\nGiao Công an tỉnh theo dõi\n\nNơi nhận:\n"
    clauses = CHECK.clauses_of_text(text)
    assert clauses["preamble"] == "Chỉ thị mở đầu khiếu kiện"
    assert clauses["1"] == "1. Một"
    assert clauses["2"] == "2. Hai, trọng tâm là duy trì"
    assert clauses["closing"] == "Giao Công an tỉnh theo dõi"


@pytest.mark.skipif(not CHECK.TEXT.is_file(), reason="the directive's text (../shared/domain) is not beside the repository")
def test_each_obligations_sentence_is_in_its_clause_of_the_text(tmp_path: Path) -> None:
    result = _run()
    assert f"text: {len(OBLIGATIONS)} obligations' sentences found in their clauses" in result.stdout
    # The sentence of clause 2 on crime-suppression campaigns left out of the text: the obligation is not in it.
    text = CHECK.TEXT.read_text(encoding="utf-8")
    sentence = "Lực lượng Công an các cấp thường xuyên tổ chức các đợt cao điểm trấn áp mạnh mẽ tội phạm"
    assert sentence in text
    edited = tmp_path / "text.txt"
    edited.write_text(text.replace(sentence, "Lực lượng Công an các cấp"), encoding="utf-8")
    result = _run("--text", edited)
    assert result.returncode == 1
    assert f"obligation 2 lead \"cao điểm trấn áp mạnh mẽ tội phạm\": its text \"{sentence}\" is not in clause 2" in result.stdout
    # A sentence found only in another clause does not count.
    moved = text.replace(sentence, "").replace("Giao Công an tỉnh", f"{sentence}. Giao Công an tỉnh")
    edited.write_text(moved, encoding="utf-8")
    assert _run("--text", edited).returncode == 1


def test_a_text_given_that_cannot_be_read_is_a_problem(tmp_path: Path) -> None:
    result = _run("--text", tmp_path / "missing.txt")
    assert result.returncode == 1
    assert "the directive's text cannot be read" in result.stdout

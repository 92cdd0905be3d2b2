"""The main job: `python -m antq report` on the embedded data, and its page opened in headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import antq
from antq.report import Report, write_report
from antq.report import cycle as report_cycle
from antq.report import figures

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("report")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--out", str(out)], capture_output=True, text=True, check=True
    )
    return out, result.stdout


def test_report_prints_the_expanded_counts_per_clause_and_role(report_dir):
    _, stdout = report_dir
    # Clause 4: the police of every level coordinate (1 province + 12 districts + 235 communes).
    assert re.search(r"^\s+4 coordinate\s+248\s+\(province 1, district 12, commune 235\)$", stdout, re.M)
    assert re.search(r"^\s+closing monitor\s+1\s+\(province 1\)$", stdout, re.M)
    assert "2534 bound units, 0 not reached" in stdout


def test_report_prints_the_assumptions_grouped_with_counts(report_dir):
    _, stdout = report_dir
    caveats = figures.caveats(report_cycle.run(antq.datasets.hai_duong_2024(), antq.datasets.directive_2024(),
                                               evaluation=False))
    block = stdout.split("NOT ALL FACT: ", 1)[1].split("\nResponsibilities per clause", 1)[0]
    assert re.search(r"^  \d+ assumptions and synthetic inputs behind the figures, by what they concern; the rules' values "
                     r"from rules 'hai_duong_2024':$", block, re.M)
    total = int(re.search(r"^  (\d+) assumptions", block, re.M).group(1))
    headings = re.findall(r"^  (\S.*) \((\d+)\):$", block, re.M)
    assert [label for label, _ in headings] == [
        "synthetic data", "the graph's records", "due dates and evaluation windows", "title criteria",
        "points of the scored criteria", "classification thresholds", "heads' assessments", "who decides",
        "commendation"]
    assert sum(int(n) for _, n in headings) == total > 60
    # No assumption dropped: the graph's own (with no year) each in its words, under its heading.
    for line in caveats.lines:
        assert f"    - {line}" in block
    assert "  assumed: " not in stdout
    assert re.search(r"^    - Khá from 70 points: threshold assumed \[Khu dân cư; .*; Cấp huyện\]$", block, re.M)


def test_report_writes_its_files(report_dir):
    out, _ = report_dir
    page = (out / "index.html").read_text(encoding="utf-8")
    assert 'id="clauses"' in page and 'id="orgchart"' in page and 'id="heatmap"' in page
    assert (out / "heatmap.png").stat().st_size > 10_000
    import pandas as pd

    table = pd.read_csv(out / "responsibilities.csv", dtype=str)
    assert {"task", "unit", "role"} <= set(table.columns)
    assert len(table) == len(antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024()).to_pandas())
    # Every assignment behind a row: clause 5's police build their force and carry out Law 30 (assignments 1, 2).
    police = table[(table["task"] == "5") & (table["unit"] == "296.police")]
    assert police[["assignment", "assignments"]].values.tolist() == [["1", "1 2"]]


def test_report_renders_in_chromium(report_dir, tmp_path):
    out, _ = report_dir
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (scripts/setup.sh installs it)"
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
         "--dump-dom", (out / "index.html").as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    # The page's script records what the browser actually rendered.
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    width = re.search(r'data-heatmap-width="(\d+)"', body.group(1))
    nodes = re.search(r'data-orgchart-nodes="(\d+)"', body.group(1))
    assert width and int(width.group(1)) > 400, "the heat-map image did not decode"
    assert nodes and int(nodes.group(1)) >= 1 + 12 + 235, "the org chart has too few nodes"
    clause_rows = re.search(r'<table id="clauses">.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert clause_rows and clause_rows.group(1).count("<tr>") == len(antq.datasets.directive_2024().tasks)
    # A screenshot, for people to look at when this test is investigated.
    subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile2'}", "--window-size=1300,2000",
         f"--screenshot={tmp_path / 'report.png'}", (out / "index.html").as_uri()],
        capture_output=True, timeout=120, check=True,
    )
    assert (tmp_path / "report.png").stat().st_size > 50_000


def test_report_on_files_given_as_arguments(tmp_path):
    graph, directive = antq.datasets.hai_duong_2024(), antq.datasets.directive_2024()
    graph.save(tmp_path / "g.json")
    directive.save(tmp_path / "d.json")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--graph", str(tmp_path / "g.json"), "--directive",
         str(tmp_path / "d.json"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").exists()


def test_report_shows_unreached_units(tmp_path):
    # Without Bình Giang's People's Committee forwarding, its communes' committees never get the text.
    graph = antq.datasets.hai_duong_2024()
    for tie in graph.out_ties("296.pc", "forwards"):
        graph.remove_tie(tie.source, tie.target, "forwards")
    report = Report(graph, antq.datasets.directive_2024())
    assert set(graph.children("296")) <= {graph.area(u) for u in report.reach["unreached"]}
    page = write_report(report, tmp_path).read_text(encoding="utf-8")
    assert 'id="unreached"' in page and "10987.pc" in page


def test_report_bad_directive_file_is_a_clean_error(tmp_path):
    bad = tmp_path / "d.json"
    bad.write_text('{"format": "antq.directive", "version": 1, "tasks": 3}', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--directive", str(bad), "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "antq: error:" in result.stderr and "d.json" in result.stderr


# ---- the evaluation page ---------------------------------------------------------------------------


def _line(stdout: str, start: str) -> str:
    """The printed line that starts with ``start``."""
    return next(line for line in stdout.splitlines() if line.startswith(start))


def test_report_prints_the_evaluation_of_the_example_year(report_dir):
    _, stdout = report_dir
    graph = antq.datasets.hai_duong_2024()
    year = antq.evaluation.evaluate(graph, antq.evaluation.example_assessments(graph, seed=2024))
    summary = year.summary().set_index("subject")
    assert "input: synthetic example" in stdout
    # Each line whose figures come from the example says so, read on its own.
    assert "(from the synthetic example's assessment records)" in _line(stdout, "Heads' assessments")
    assert "(from the synthetic example's models registry)" in _line(stdout, "Models")
    assert "(from the synthetic example's progress reports)" in _line(stdout, "Follow-up on")
    villages = summary.loc["residential_area"]
    assert re.search(rf"residential_area\s+1176 units: {villages['passed']} titled .*late {villages['late']}, "
                     rf"missing {villages['missing']}", stdout)
    assert re.search(r"30\.police \(clause closing\) watches 265 units", stdout)
    # The 940 commune monitors are added up per clause, not printed one by one (the page lists each).
    assert re.search(r"^  705 commune monitors \(clause 4\) watch \d+ units in all: \d+ duties, \d+ overdue", stdout, re.M)
    assert re.search(r"^  235 commune monitors \(clause 6\) watch \d+ units in all: \d+ duties, \d+ overdue", stdout, re.M)
    assert "10507.sc138 (clause 6) watches" not in stdout
    assert len(re.findall(r" watches \d+ units", stdout)) == 1 + 13 + 3 * 13  # province and district monitors


def test_report_writes_the_evaluation_page_and_its_files(report_dir):
    out, _ = report_dir
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="evaluation.html"' in index
    page = (out / "evaluation.html").read_text(encoding="utf-8")
    for anchor in ("subjects", "districts", "dossiers", "heads", "commendation", "models", "follow-up", "assumptions"):
        assert f'id="{anchor}"' in page
    assert "synthetic example" in page
    # The files it writes are the inputs a user can edit and give back, and the tables in full.
    graph = antq.datasets.hai_duong_2024()
    records = antq.evaluation.load_assessments(out / "assessments.json")
    assert records == antq.evaluation.example_assessments(graph, seed=2024)
    import pandas as pd

    results = pd.read_csv(out / "evaluation_results.csv", dtype=str)
    assert len(results) == len(antq.evaluation.evaluate(graph, records))
    overdue = pd.read_csv(out / "overdue.csv", dtype=str)
    assert (overdue["state"] == "overdue").all()
    assert antq.models.ModelRegistry.load(out / "models.json", graph) == antq.models.example_registry(graph)


def test_evaluation_page_renders_in_chromium(report_dir, tmp_path):
    out, _ = report_dir
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is needed (scripts/setup.sh installs it)"
    dom = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=10000",
         "--dump-dom", (out / "evaluation.html").as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout
    body = re.search(r"<body([^>]*)>", dom)
    assert body, dom[:500]
    width = re.search(r'data-chart-width="(\d+)"', body.group(1))
    assert width and int(width.group(1)) > 600, "the evaluation chart did not decode"
    subjects = re.search(r'<table id="subjects-table">.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert subjects and subjects.group(1).count("<tr>") == len(antq.evaluation.default_rules().subjects)
    districts = re.search(r'<table id="districts-table">.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert districts and districts.group(1).count("<tr>") == 12
    monitoring = re.search(r'<table id="monitoring-table">.*?<tbody>(.*?)</tbody>', dom, re.S)
    assert monitoring and "30.police" in monitoring.group(1)


def test_report_with_the_users_evaluation_files(tmp_path):
    graph = antq.datasets.hai_duong_2024()
    rules = antq.evaluation.default_rules()
    records = antq.evaluation.example_assessments(graph, rules, seed=9)
    records.save(tmp_path / "year.json")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--assessments", str(tmp_path / "year.json"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "synthetic example (progress reports, models registry; seed 2024)" in result.stdout
    # The user's records behind the heads' line: no example named there; still the example behind the others.
    assert "(from the synthetic example's" not in _line(result.stdout, "Heads' assessments")
    assert "(from the synthetic example's models registry)" in _line(result.stdout, "Models")
    assert "(from the synthetic example's progress reports)" in _line(result.stdout, "Follow-up on")
    # A bad record stops the job with the file and record named.
    text = (tmp_path / "year.json").read_text(encoding="utf-8").replace('"unit": "288-c01-v01"', '"unit": "nowhere"', 1)
    (tmp_path / "bad.json").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--assessments", str(tmp_path / "bad.json"), "--out", str(tmp_path / "out2")],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert re.search(r"antq: error: unknown_unit: .*bad\.json:/records/\d+/unit", result.stderr), result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--no-evaluation", "--out", str(tmp_path / "out3")],
        capture_output=True, text=True,
    )
    assert result.returncode == 0 and not (tmp_path / "out3" / "evaluation.html").exists()
    assert "Evaluation" not in result.stdout


def test_report_refuses_records_for_another_year(tmp_path):
    graph = antq.datasets.hai_duong_2024()
    antq.evaluation.example_assessments(graph, year=2025, seed=1).save(tmp_path / "y2025.json")
    result = subprocess.run(
        [sys.executable, "-m", "antq", "report", "--assessments", str(tmp_path / "y2025.json"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True,
    )
    assert result.returncode == 2
    assert "wrong_year" in result.stderr and "the records are for 2025, the directive for 2024" in result.stderr

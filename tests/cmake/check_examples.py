"""Runs the C++ examples (examples/, built against the installed antq) and checks what they print against the
Python API and against the data files themselves, so an example that prints a wrong figure fails, not only one that
crashes.

Usage: python tests/cmake/check_examples.py EXAMPLES_BUILD_DIR
"""

import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import antq
from antq import evaluation

ROOT = Path(__file__).resolve().parents[2]
LEVELS = ("nation", "province", "district", "commune", "village")


def run(binary: Path, *args: str, expect: int = 0) -> str:
    done = subprocess.run([str(binary), *args], capture_output=True, encoding="utf-8", timeout=120)
    if done.returncode != expect:
        sys.exit(f"{binary.name} {' '.join(args)}: exit {done.returncode}, expected {expect}\n"
                 f"{done.stdout}{done.stderr}")
    return done.stdout if expect == 0 else done.stderr


def check(condition: bool, what: str, output: str) -> None:
    if not condition:
        sys.exit(f"check_examples: {what}\n--- output ---\n{output}")


def number(pattern: str, output: str) -> int:
    found = re.search(pattern, output, re.M)
    check(found is not None, f"no line matches {pattern!r}", output)
    return int(found.group(1))  # type: ignore[union-attr]


def check_load_graph(bin_dir: Path) -> None:
    path = ROOT / "data" / "hai_duong_2024.json"
    document = json.loads(path.read_text(encoding="utf-8"))  # read apart from antq: the figures must agree
    units = Counter(u["level"] for u in document["units"])
    synthetic = Counter(u["level"] for u in document["units"] if u.get("attributes", {}).get("synthetic") is True)
    output = run(bin_dir / "load_graph", str(path))
    sections = output.split(f"{path}:")
    check(len(sections) == 2, "the file's section is missing", output)
    for section in sections:  # the embedded dataset, then the file: the same data
        check(f"{len(document['units'])} units, {len(document['ties'])} ties" in section, "unit or tie count", output)
        for level in LEVELS:
            line = f"  {level}: {units[level]} units ({synthetic[level]} SYNTHETIC)"
            check(line in section, f"{level} counts", output)
    check(synthetic["village"] == units["village"] > 0, "every village is synthetic in the data", output)
    with tempfile.TemporaryDirectory() as tmp:
        broken = Path(tmp) / "broken.json"
        broken.write_text('{"format": "antq.orggraph", "version": 1, "units": [', encoding="utf-8")
        error = run(bin_dir / "load_graph", str(broken), expect=1)
        check("malformed_json" in error and "broken.json" in error, "a broken file names its tag and file", error)


def check_select_units(bin_dir: Path, graph: antq.OrgGraph) -> None:
    output = run(bin_dir / "select_units")
    everywhere = graph.select({"kind": "police", "level": "commune"})
    in_district = graph.select({"kind": "police", "level": "commune", "within": "296"})
    check(number(r"^kind\(police\) & level\(commune\): (\d+) units", output) == len(everywhere) == 235,
          "commune police in the province", output)
    check(number(r"& within\('296'\): (\d+) units", output) == len(in_district), "commune police in 296", output)
    listed = re.findall(r"^  (\S+)  ", output.split("within('296')")[1], re.M)
    check(listed == in_district[:20], "the commune police of 296, in index order", output)

    selector = '{"kind": "school", "within": "288"}'
    schools = graph.select(json.loads(selector))
    output = run(bin_dir / "select_units", selector)
    check(number(r": (\d+) units", output) == len(schools) > 0, "a selector given as JSON", output)
    error = run(bin_dir / "select_units", '{"kind": "castle"}', expect=1)
    check("unknown_kind" in error, "an unknown kind is refused by name", error)


def check_directive_roles(bin_dir: Path, graph: antq.OrgGraph) -> None:
    directive = antq.datasets.directive_2024()
    table = antq.compile(directive, graph)
    roles = ("lead", "coordinate", "advise", "monitor")
    output = run(bin_dir / "directive_roles")
    check(f"{len(table)} responsibility rows" in output, "row count", output)
    for task in directive.tasks:
        counts = " ".join(f"{role} {len(table.units_of(task.clause, role))}" for role in roles)
        check(f"  clause {task.clause}: {counts}  " in output, f"clause {task.clause}'s role counts", output)
    # The closing assignment (DIRECTIVE.md): the provincial police monitor, and advise the provincial People's
    # Committee.
    closing = output.split("Clause closing:")[1]
    for role in ("advise", "monitor"):
        block = closing.split(f"  {role}: ")[1]
        check(block.startswith("1 unit\n      30.police  "), f"the provincial police alone {role} the closing clause",
              output)
    # Clause 6: the steering committees 138 at every level lead, direct and inspect; the provincial People's
    # Committee funds the movement.
    output = run(bin_dir / "directive_roles", "6")
    committees = graph.select({"kind": "steering_committee"})
    leads = table.units_of("6", "lead")
    check(set(leads) == set(committees) | {"30.pc"}, "clause 6's leads, as DIRECTIVE.md reads it", output)
    check(number(r"^  lead: (\d+) units", output) == len(leads), "clause 6's lead count", output)
    check(number(r"^  monitor: (\d+) units", output) == len(committees), "clause 6's monitors", output)
    listed = re.findall(r"^      (\S+)  ", output.split("  lead: ")[1].split("  coordinate: ")[0], re.M)
    check(listed == leads[:5], "the first leads, in index order", output)
    error = run(bin_dir / "directive_roles", "99", expect=1)
    check("unknown_clause" in error, "an unknown clause is refused by name", error)


def check_evaluate_year(bin_dir: Path, graph: antq.OrgGraph) -> None:
    output = run(bin_dir / "evaluate_year", "7")
    check("SYNTHETIC example year 2024 (seeded records, seed 7)" in output and "NOT Hải Dương's results" in output,
          "the figures are labelled synthetic", output)
    year = evaluation.evaluate(graph, evaluation.example_assessments(graph, year=2024, seed=7))
    check(f"{len(year)} units evaluated" in output, "evaluated units", output)
    for row in year.summary().itertuples():
        line = re.search(rf"\({row.subject}\): (\d+) units, (\d+) excluded; dossiers (\d+) on time, (\d+) late, "
                         rf"(\d+) missing", output)
        check(line is not None, f"subject {row.subject}", output)
        expected = (row.units, row.excluded, row.on_time, row.late, row.missing)
        found = tuple(map(int, line.groups()))  # type: ignore[union-attr]
        check(found == expected, f"subject {row.subject}'s counts {expected}", output)
        if row.title_share == row.title_share:  # not NaN: the subject has a title and eligible units
            title = f"({row.subject}): {row.units} units" + output.split(f"({row.subject}): {row.units} units")[1]
            check(title.split("\n")[1].startswith(f"  title: {row.passed} of {row.eligible} passed ("),
                  f"subject {row.subject}'s titles", output)
    check(run(bin_dir / "evaluate_year", "8") != output, "another seed gives another year", output)
    error = run(bin_dir / "evaluate_year", "-1", expect=2)
    check("seed" in error, "a bad seed is refused", error)


def check_write_dot(bin_dir: Path, graph: antq.OrgGraph) -> None:
    territories = graph.select({"within": "296", "kind": ["district", "commune"]})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "chart.dot"
        output = run(bin_dir / "write_dot", str(path))
        check(number(r": (\d+) territories", output) == len(territories) == 17, "territories drawn", output)
        dot = path.read_text(encoding="utf-8")
        check(dot.startswith("digraph"), "a DOT digraph", dot)
        check(len(re.findall(r"^\d+\[label=", dot, re.M)) == len(territories), "one node per territory", dot)
        check(len(re.findall(r"^\d+->\d+", dot, re.M)) == len(territories) - 1, "one edge per commune", dot)
        check("Bình Giang" in dot and "UBND" in dot and "Công an" in dot, "names and body cells", dot)
        if shutil.which("dot"):  # Graphviz reads it
            subprocess.run(["dot", "-Tsvg", str(path), "-o", str(path.with_suffix(".svg"))], check=True)
        error = run(bin_dir / "write_dot", str(path), "no-such-district", expect=1)
        check("unknown_unit" in error, "an unknown district is refused by name", error)


def main() -> None:
    bin_dir = Path(sys.argv[1])
    graph = antq.datasets.hai_duong_2024()
    check_load_graph(bin_dir)
    check_select_units(bin_dir, graph)
    check_directive_roles(bin_dir, graph)
    check_evaluate_year(bin_dir, graph)
    check_write_dot(bin_dir, graph)
    print("check_examples: 5 examples ran and printed what the library and the data say")


if __name__ == "__main__":
    main()

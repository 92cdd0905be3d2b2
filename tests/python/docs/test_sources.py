"""docs/sources.md lists every assumption, date and reference the default data carries, read from the data at test
time: a new assumed value in the rules, a new date in the directive or a new figure assumed in the graph fails here
until the page lists it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
SOURCES = ROOT / "docs" / "sources.md"


def _rows(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("|")]


def _assumed_in_rules(rules: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(subject, what) for every value the evaluation rules mark as assumed."""
    for subject in rules["subjects"]:
        sid = subject["id"]
        if "assumption" in subject.get("window", {}):
            yield sid, "window"
        for part in ("title", "classification"):
            for key in ("criteria", "levels"):
                for item in subject.get(part, {}).get(key, []):
                    if item.get("assumption"):
                        yield sid, item["id"]
    for part in ("heads", "commendation"):
        if rules.get(part, {}).get("assumption"):
            yield part, part


def missing(page: str, rules: dict[str, Any], sizing: dict[str, Any], directive: dict[str, Any],
            graph_attributes: dict[str, Any]) -> list[str]:
    """What the default data carries that ``page`` does not list."""
    rows = _rows(page)
    out = []
    for subject, what in _assumed_in_rules(rules):
        subject_named = (f"`{subject}`", "every subject")
        if not any(f"`{what}`" in row and any(s in row for s in subject_named) and "assumption" in row for row in rows):
            out.append(f"rules: {subject} {what}")
    deadline_readings = [s["id"] for s in rules["subjects"] if s.get("deadline_assumption")]
    if deadline_readings and not any("deadline_assumption" in row for row in rows):
        out.append("rules: deadline_assumption")
    for band in sizing["bands"]:
        if band.get("assumption") and not any("`team_sizing`" in row and "assumption" in row and
                                              f"| {band['members']} |" in row for row in rows):
            out.append(f"team sizing: {band['members']} members")
    dates = [e["date"] for e in directive["events"]]
    for task in directive["tasks"]:
        for a in task["assignments"]:
            dates += [a["deadline"]] if "deadline" in a else []
            dates += [a["window"]["from"], a["window"]["to"]] if "window" in a else []
    undated = directive.get("undated_due")
    if undated and not any("`undated_due`" in row and undated["date"] in row and "assumption" in row for row in rows):
        out.append(f"directive: undated_due {undated['date']}")
    out += [f"directive: date {d}" for d in sorted(set(dates)) if not any(d in row for row in rows)]
    out += [f"directive: reference {r['number']}" for r in directive["references"]
            if r["number"] and not any(r["number"] in row for row in rows)]
    for assumption in graph_attributes.get("assumptions", []):
        label = assumption.split(":")[0]
        if not any(label in row and "assumption" in row for row in rows):
            out.append(f"graph: {label}")
    return out


def _defaults() -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    def read(name: str) -> Any:
        return json.loads((DATA / name).read_text(encoding="utf-8"))

    return (read("rules/evaluation_hai_duong_2024.json"), read("rules/team_sizing_hai_duong_2024.json"),
            read("directive_2024.json"), read("hai_duong_2024.json")["attributes"])


def test_sources_lists_every_assumption_date_and_reference_of_the_defaults():
    assert missing(SOURCES.read_text(encoding="utf-8"), *_defaults()) == []


def test_the_check_notices_what_the_page_leaves_out():
    rules, sizing, directive, graph = _defaults()
    rules["subjects"][0]["classification"]["levels"].append({"id": "kem", "assumption": "made up here"})
    sizing["bands"].append({"min_households": 2000, "members": 6, "assumption": "made up here"})
    directive["undated_due"] = {"date": "2024-12-31", "assumption": "made up here"}
    directive["events"].append({"date": "2024-03-31", "title": "x"})
    directive["references"].append({"kind": "quyết định", "number": "999/QĐ-X", "date": "", "title": "x"})
    graph = {**graph, "assumptions": [*graph.get("assumptions", []), "Made-up figure: 7 per village."]}
    assert missing(SOURCES.read_text(encoding="utf-8"), rules, sizing, directive, graph) == [
        f"rules: {rules['subjects'][0]['id']} kem", "team sizing: 6 members", "directive: undated_due 2024-12-31",
        "directive: date 2024-03-31",
        "directive: reference 999/QĐ-X", "graph: Made-up figure"]


def test_readme_and_manual_link_the_page():
    for page in (ROOT / "README.md", ROOT / "docs" / "manual.md"):
        assert "sources.md" in page.read_text(encoding="utf-8"), page

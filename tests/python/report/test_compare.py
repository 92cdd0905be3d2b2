"""The what-if comparison: restructure.compare / compare_pairs (figures from the core), antq.report.compare and its
page, and ``python -m antq report --compare`` with its errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

import antq
from antq import restructure
from antq.report import Report, write_report
from antq.report.whatif import SYNTHETIC_MARK, compare, diff_counts, write_compare

DIRECTIVE = {
    "format": "antq.directive", "version": 1, "id": "what_if", "kind": "chỉ thị", "number": "01/CT-UBND",
    "date": "2024-03-01", "year": 2024,
    "title": "Thử", "issuer": "30.pc", "signer": "30.pc.head", "theme": "ANTT", "references": [], "events": [],
    "recipients": [{"label": "UBND tỉnh", "selector": {"id": "30.pc"}}],
    "tasks": [
        {"clause": "1", "title": "Commune duty", "assignments": [
            {"role": "lead", "units": {"kind": "police", "level": "commune"}},
            {"role": "coordinate", "units": {"kind": "peoples_committee", "level": "commune"}}]},
        {"clause": "2", "title": "District police", "assignments": [
            {"role": "lead", "units": {"kind": "police", "level": "district"}}]},
    ],
}


def without_district_bodies(doc):
    """The tiny graph with Bình Giang's police and People's Committee gone: the commune's bodies answer to the
    province's; the commune's committee and police no longer tied; the commune police marked synthetic."""
    gone = {"296.police", "296.pc"}
    doc["units"] = [u for u in doc["units"] if u["id"] not in gone]
    doc["ties"] = [t for t in doc["ties"] if t["source"] not in gone and t["target"] not in gone
                   and {t["source"], t["target"]} != {"10945.pc", "10945.police"}]
    doc["ties"] += [{"source": "30.police", "target": "10945.police", "kind": "directs"},
                    {"source": "30.pc", "target": "10945.pc", "kind": "directs"}]
    for u in doc["units"]:
        if u["id"] == "10945.police":
            u.setdefault("attributes", {})["synthetic"] = True
    doc["name"] = "tiny_after"
    return doc


@pytest.fixture
def sides(tiny, tiny_doc):
    after = antq.loads(json.dumps(without_district_bodies(tiny_doc), ensure_ascii=False), "after.json")
    directive = antq.Directive.loads(json.dumps(DIRECTIVE, ensure_ascii=False), "what_if.json")
    return tiny, after, directive


def test_compare_sets_the_core_figures_side_by_side(sides):
    before, after, directive = sides
    table = restructure.compare(antq.compile(directive, before),
                                antq.compile(directive, after, translate={"drop_unmatched": True}))
    assert list(table.columns) == ["section", "measure", "before", "after", "change", "before_synthetic",
                                   "after_synthetic"]
    rows = table.set_index("measure")
    assert rows.loc["load district lead", ["before", "after", "change"]].tolist() == [1, 0, -1]
    # Longest chain of command of the commune police (3 -> 2 steps) and committee (2 -> 1).
    assert rows.loc["chain steps commune", ["before", "after"]].tolist() == [2.5, 1.5]
    assert rows.loc["chain steps commune", "section"] == "chains"
    # The commune police, synthetic on the graph after, is counted and said to be.
    assert rows.loc["load commune lead", ["before_synthetic", "after_synthetic"]].tolist() == [0, 1]
    assert set(table["section"]) == {"reach", "load", "chains", "coordination"}


def test_compare_pairs_lists_the_gap_opened(sides):
    before, after, directive = sides
    pairs = restructure.compare_pairs(antq.compile(directive, before),
                                      antq.compile(directive, after, translate={"drop_unmatched": True}))
    assert pairs[["lead", "partner", "before", "after", "gap_before", "gap_after", "synthetic"]].values.tolist() == [
        ["10945.police", "10945.pc", True, True, False, True, True]]


def test_report_compare_writes_the_page_and_says_what_is_synthetic(sides, tmp_path):
    before, after, directive = sides
    c = compare(before, after, directive, translate={"drop_unmatched": True})
    assert c.dropped == ["clause 2, assignment 0 units: kind(police) & level(district)"]
    assert c.synthetic
    text = c.summary()
    assert re.search(rf"load commune lead +1 +1\{SYNTHETIC_MARK} +0\n", text)
    assert "the figure counts synthetic units" in text
    assert "Left out on the graph after (unmatched selectors): 1" in text
    page = write_compare(c, tmp_path).read_text(encoding="utf-8")
    assert 'id="synthetic-note"' in page and "chain steps commune" in page
    assert "clause 2, assignment 0 units: kind(police) &amp; level(district)" in page
    assert "gap opened (no tie after)" in page
    assert (tmp_path / "compare_measures.csv").read_text(encoding="utf-8").startswith("section,measure,before,after")
    assert (tmp_path / "style.css").exists()


def test_report_compare_without_drop_names_every_unmatched_selector(sides):
    before, after, directive = sides
    with pytest.raises(antq.InvalidInputError, match=r"unmatched_selector: .*clause 2, assignment 0 units"):
        compare(before, after, directive)


def run(cwd, *args):
    return subprocess.run([sys.executable, "-m", "antq", "report", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=600)


def one_clean_line(result):
    assert result.returncode == 2, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("antq: error:")]
    assert len(errors) == 1 and "Traceback" not in result.stderr, result.stderr
    return errors[0]


def test_cli_compare_on_files(sides, tmp_path):
    before, after, _ = sides
    before.save(tmp_path / "before.json")
    after.save(tmp_path / "after.json")
    (tmp_path / "d.json").write_text(json.dumps(DIRECTIVE, ensure_ascii=False), encoding="utf-8")
    result = run(tmp_path, "--compare", "before.json", "after.json", "--directive", "d.json", "--drop-unmatched",
                 "--out", "out")
    assert result.returncode == 0, result.stderr
    assert "load district lead" in result.stdout and "chain steps commune" in result.stdout
    assert "clause 2, assignment 0 units: kind(police) & level(district)" in result.stdout
    assert (tmp_path / "out" / "compare.html").exists()


def test_cli_compare_missing_file(tmp_path):
    line = one_clean_line(run(tmp_path, "--compare", "nope.json", "default", "--out", "out"))
    assert "nope.json" in line and "no such graph file" in line


def test_cli_compare_graph_that_fails_to_load(tmp_path):
    (tmp_path / "bad.json").write_text('{"format": "antq.orggraph", "version": 9, "units": [], "ties": []}',
                                       encoding="utf-8")
    line = one_clean_line(run(tmp_path, "--compare", "default", "bad.json", "--out", "out"))
    assert "unsupported_version" in line and "bad.json" in line


def test_cli_compare_directive_unmatched_on_after(sides, tmp_path):
    before, after, _ = sides
    before.save(tmp_path / "before.json")
    after.save(tmp_path / "after.json")
    (tmp_path / "d.json").write_text(json.dumps(DIRECTIVE, ensure_ascii=False), encoding="utf-8")
    line = one_clean_line(run(tmp_path, "--compare", "before.json", "after.json", "--directive", "d.json",
                              "--out", "out"))
    assert "unmatched_selector" in line and "level(district)" in line
    assert not (tmp_path / "out").exists()


def test_cli_compare_flags_that_do_not_go_together(tmp_path):
    line = one_clean_line(run(tmp_path, "--compare", "default", "default", "--graph", "g.json", "--out", "out"))
    assert "--graph" in line
    line = one_clean_line(run(tmp_path, "--translate-levels", "district", "--compare", "default", "default",
                              "--out", "out"))
    assert "FROM=TO" in line


def test_cli_compare_the_default_and_its_what_if(tmp_path):
    result = run(tmp_path, "--compare", "default", "default-without-district", "--translate-levels",
                 "district=commune", "--drop-unmatched", "--out", "out")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "structure either" in out and "structure two_tier" in out
    assert "NOT ALL FACT (before)" in out and "the figure counts synthetic units" in out
    assert "Left out on the graph after (unmatched selectors): 13" in out
    page = (tmp_path / "out" / "compare.html").read_text(encoding="utf-8")
    assert "Not every figure here is a fact" in page and "load district lead" in page


# The structural diff on the page, and the page in the report.

def _table_rows(page, table_id):
    """The cells of each body row of the table with ``table_id``, as text."""
    body = page.split(f'<table id="{table_id}">', 1)[1].split("</tbody>", 1)[0].split("<tbody>", 1)[1]
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in body.split("<tr>")[1:]]


@pytest.fixture(scope="module")
def without_district():
    """The Hải Dương default, its what-if without the district level, and the embedded directive carried over."""
    graph = antq.datasets.hai_duong_2024()
    applied = restructure.remove_level(graph, "district")
    directive = antq.datasets.directive_2024()
    c = compare(graph, applied.graph, directive,
                translate={"levels": {"district": "commune"}, "ids": applied, "drop_unmatched": True})
    return graph, applied, c


def test_the_diff_counts_are_restructure_diffs(without_district):
    graph, applied, c = without_district
    expected = restructure.diff(graph, applied.graph, applied)
    # compare took the what-if's id map from translate, and its diff is restructure.diff's, with names beside.
    assert c.diff_by_id_map
    assert c.diff[list(expected.columns)].astype(str).values.tolist() == expected.astype(str).values.tolist()
    counts = diff_counts(c)
    by_change = counts.groupby("change")["units"].sum().to_dict()
    assert by_change == {k: v for k, v in expected["change"].value_counts().to_dict().items() if v}
    assert by_change == {"abolished": 348, "moved": 235}
    by_level = counts.groupby(["change", "level"])["units"].sum().to_dict()
    assert by_level == {(str(ch), str(lv)): n
                        for (ch, lv), n in expected.groupby(["change", "level"], observed=True).size().items()}
    assert counts[["change", "part", "level", "units"]].values.tolist() == [
        ["abolished", "territories", "district", 12], ["abolished", "bodies", "district", 336],
        ["moved", "territories", "commune", 235]]
    # The communes moved up are every commune; the 47 synthetic among them are the graph's own count.
    moved = counts.set_index(["change", "part"]).loc[("moved", "territories")]
    assert int(moved["synthetic"]) == 47
    assert int(c.diff["synthetic"].sum()) == int(counts["synthetic"].sum())


def test_the_page_shows_the_diff_with_names_and_the_graphs(without_district, tmp_path):
    graph, applied, c = without_district
    page = write_compare(c, tmp_path).read_text(encoding="utf-8")
    expected = restructure.diff(graph, applied.graph, applied)["change"].value_counts()
    rows = _table_rows(page, "diff-counts")
    shown: dict[str, int] = {}
    for change, _part, _level, units, _synthetic in rows:
        shown[change] = shown.get(change, 0) + int(units)
    assert shown == {k: v for k, v in expected.to_dict().items() if v}
    assert 'id="diff"' in page and "hai_duong_2024 (2024-07-01) → hai_duong_2024 (2024-07-01)" in page
    assert "matched through the what-if's id map" in page
    assert 'id="diff-synthetic-note"' in page
    # The first rows of each change, named as the data names them (Vietnamese), the rest pointed to.
    abolished = _table_rows(page, "diff-abolished-rows")
    assert len(abolished) == 10 and abolished[0][:4] == ["288", "district", "district", "Hải Dương"]
    moved = _table_rows(page, "diff-moved-rows")
    assert moved[0][3] == "Cẩm Thượng: under Hải Dương (288) → under Hải Dương (30)"
    assert "… and 338 more in compare_diff.csv" in page and "… and 225 more in compare_diff.csv" in page
    csv = (tmp_path / "compare_diff.csv").read_text(encoding="utf-8").splitlines()
    assert csv[0] == "change,id,kind,level,before,after,name,before_name,after_name,synthetic" and len(csv) == 1 + 583
    text = c.summary()
    assert "Structural diff, hai_duong_2024 (as of 2024-07-01) → hai_duong_2024 (as of 2024-07-01): 583 units changed" in text
    assert re.search(r"^  moved +territories +commune +235  \(47 synthetic \*\)$", text, re.M)
    assert "  10507 Cẩm Thượng: under Hải Dương (288) → under Hải Dương (30)" in text


def test_a_merge_shows_as_a_merge_only_with_the_id_map(sides):
    before, _, directive = sides
    merged = restructure.merge(before, ["10951"], into="10945", name="Kẻ Sặt mới")
    with_map = compare(before, merged.graph, directive, ids=merged)
    assert with_map.diff_by_id_map
    assert with_map.diff[["change", "id", "name", "after_name"]].values.tolist()[0] == [
        "merged", "10951", "Vĩnh Hưng", "Kẻ Sặt mới (10945)"]
    by_id = compare(before, merged.graph, directive)
    assert not by_id.diff_by_id_map
    assert by_id.diff["change"].astype(str).tolist() == ["abolished", "renamed", "renamed", "renamed"]
    assert "merged" not in set(diff_counts(by_id)["change"])
    assert "matched by id alone" in by_id.summary()


def test_the_index_links_the_comparison_only_when_it_is_written(sides, tmp_path):
    before, after, directive = sides
    c = compare(before, after, directive, translate={"drop_unmatched": True})
    with_page = tmp_path / "with"
    write_report(Report(before, directive), with_page, comparison=c)
    index = (with_page / "index.html").read_text(encoding="utf-8")
    assert '<a href="compare.html" id="compare-link">' in index
    page = (with_page / "compare.html").read_text(encoding="utf-8")
    assert '<a href="index.html">the report</a>' in page and "Structural diff" in page
    assert (with_page / "compare_diff.csv").exists()
    alone = tmp_path / "alone"
    write_report(Report(before, directive), alone)
    assert "compare.html" not in (alone / "index.html").read_text(encoding="utf-8")
    assert not (alone / "compare.html").exists()
    # Written on its own, the comparison page has no index to link back to.
    assert 'href="index.html"' not in write_compare(c, tmp_path / "page").read_text(encoding="utf-8")

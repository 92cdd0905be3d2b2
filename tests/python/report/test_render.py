"""The pages as written from the templates: escaping, the one stylesheet, lists cut with a pointer to the CSV."""

from __future__ import annotations

from pathlib import Path

import pytest

import antq
from antq.report import Report, write_report
from antq.report.render import LIST_LIMIT


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = antq.datasets.hai_duong_2024()
    graph.rename_unit("288-c01.pc", "UBND <b>Tân Bình</b> & co")
    out = tmp_path_factory.mktemp("pages")
    write_report(Report(graph, antq.datasets.directive_2024(), evaluation=True), out)
    return out


def test_names_are_escaped(pages):
    page = (pages / "index.html").read_text(encoding="utf-8")
    assert "UBND &lt;b&gt;Tân Bình&lt;/b&gt; &amp; co" in page
    assert "<b>Tân Bình</b>" not in page


def test_both_pages_link_the_one_stylesheet(pages):
    assert (pages / "style.css").read_text(encoding="utf-8").strip()
    for name in ("index.html", "evaluation.html"):
        page = (pages / name).read_text(encoding="utf-8")
        assert '<link rel="stylesheet" href="style.css">' in page and "<style" not in page


def test_long_lists_are_cut_and_point_to_the_csv(pages):
    page = (pages / "index.html").read_text(encoding="utf-8")
    clause_1_leads = len(antq.compile(antq.datasets.directive_2024(), antq.datasets.hai_duong_2024()).units_of("1", "lead"))
    assert f"… and {clause_1_leads - LIST_LIMIT} more in responsibilities.csv" in page
    evaluation = (pages / "evaluation.html").read_text(encoding="utf-8")
    assert "more in overdue.csv" in evaluation
    overdue_rows = evaluation.split('<table id="overdue-table">', 1)[1].split("</tbody>", 1)[0]
    assert overdue_rows.count("<tr>") == LIST_LIMIT + 1  # the header row, then the rows shown


def test_both_pages_say_the_inputs_are_synthetic(pages):
    label = "synthetic example (assessment records, progress reports, models registry; seed 2024)"
    for name in ("index.html", "evaluation.html"):
        page = (pages / name).read_text(encoding="utf-8")
        assert label in page and "figures illustrate the method, not Hải Dương" in page


def test_missing_values_show_as_dashes_not_nan(pages):
    evaluation = (pages / "evaluation.html").read_text(encoding="utf-8")
    assert ">nan<" not in evaluation and "nan None" not in evaluation

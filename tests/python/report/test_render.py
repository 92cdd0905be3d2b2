"""The pages as written from the templates: escaping, the one stylesheet, lists cut with a pointer to the CSV."""

from __future__ import annotations

from pathlib import Path

import pytest
from markupsafe import escape

import antq
from antq.report import Report, write_report
from antq.report import cycle as report_cycle
from antq.report import figures
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


def test_every_page_carries_the_banner_with_the_graphs_own_counts_and_assumptions(pages):
    p = antq.datasets.hai_duong_2024().provenance()
    real, synthetic = p["units"] - p["synthetic"], p["synthetic"]
    for name in ("index.html", "evaluation.html"):
        page = (pages / name).read_text(encoding="utf-8")
        banner = page.split('<div class="banner" id="caveats">', 1)[1].split("</div>", 1)[0]
        assert f"{real:,} real units, {synthetic:,} synthetic" in banner
        assert "communes: 188 real, 47 synthetic" in banner
        for assumption in p["assumptions"]:  # the graph's own words, 3.58 persons per household among them
            assert str(escape(assumption)) in banner
        assert "3.58" in banner
        assert "&#34;members_assumed&#34;: true" in banner
        assert "duties whose clause gives no date are taken as due on 2024-12-15" in banner
        assert "min_points" not in banner and "Xuất sắc from 90 points" in banner  # the rules' assumed thresholds


def test_the_banner_lists_the_assumptions_grouped_as_the_terminal_does(pages):
    from antq.report import terminal

    graph = antq.datasets.hai_duong_2024()
    graph.rename_unit("288-c01.pc", "UBND <b>Tân Bình</b> & co")
    caveats = figures.caveats(report_cycle.run(graph, antq.datasets.directive_2024(), evaluation=True))
    printed = terminal.caveat_lines(caveats)
    for name in ("index.html", "evaluation.html"):
        page = (pages / name).read_text(encoding="utf-8")
        banner = page.split('<div class="banner" id="caveats">', 1)[1].split("</div>", 1)[0]
        assert f"{len(caveats.lines)} assumptions and synthetic inputs behind the figures" in banner
        for group in caveats.groups:
            assert f"  {group.label} ({group.count}):" in printed  # the same heading and count on both
            assert f"<strong>{escape(group.label)}</strong> ({group.count})" in banner
            for entry in group.entries:
                line = f"    - {entry.text}" + (f" [{'; '.join(entry.subjects)}]" if entry.subjects else "")
                assert line in printed
                assert f"<li>{escape(entry.text)}" in banner
                if entry.subjects:
                    assert f"[{escape('; '.join(entry.subjects))}]" in banner
    evaluation = (pages / "evaluation.html").read_text(encoding="utf-8")
    assert "<th>concerns</th>" in evaluation and "<td>classification thresholds</td>" in evaluation


def test_the_banner_follows_the_data_not_a_fixed_list(tmp_path):
    # A graph whose records carry no flag and a year given in full would show no banner: here only the graph is
    # flagged, by a made-up attribute, so the banner names exactly that.
    graph = antq.datasets.hai_duong_2024()
    graph.set_unit_attribute("296", "ratio_assumed", True)
    cycle = report_cycle.run(graph, antq.datasets.directive_2024(), evaluation=False)
    lines = figures.caveats(cycle).lines
    assert '1 units carry "ratio_assumed": true.' in lines
    assert not any("Rules" in line for line in lines)  # no year, no rules


def test_recipients_outside_the_graph_are_listed_with_their_note(pages):
    page = (pages / "index.html").read_text(encoding="utf-8")
    assert "<td>Lưu: VT, NC-KSTTHC</td><td>outside the graph</td>" in page

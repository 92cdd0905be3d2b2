"""docs/notebooks/researcher.ipynb runs from top to bottom, as a researcher would rerun it: the cascade checked
against shortest paths, a cascade and escalation under assumed parameters, three tiers against two, a sweep."""

from __future__ import annotations

import pytest

from _notebooks import tables_with_rows

NOTEBOOK = "researcher.ipynb"


@pytest.fixture
def executed(run_notebook):
    return run_notebook(NOTEBOOK)


def test_every_result_is_a_table_and_says_its_figures_are_assumed(executed):
    tables = tables_with_rows(executed)
    assert len(tables) >= 7
    # The checks against theory (shortest paths, Erlang C) are not figures about Hải Dương; every other table carries
    # the "synthetic" column.
    simulated = [html for _, html in tables if "largest difference" not in html and "Erlang C" not in html]
    assert simulated and all("synthetic: assumed parameters" in html for html in simulated)


def test_the_charts_are_titled_as_synthetic(executed):
    charts = [c for c in executed.cells if c.cell_type == "code" and "set_title(" in c.source]
    assert len(charts) == 2
    for cell in charts:
        assert "SYNTHETIC" in cell.source
        assert any("image/png" in o.get("data", {}) for o in cell.outputs)

"""docs/notebooks/first_hour.ipynb runs from top to bottom, as an analyst would rerun it.

Executed with Debian's nbclient on the python3 kernel (ipykernel); the kernel imports the same antq as these tests.
"""

from __future__ import annotations

import re

import pytest

from _notebooks import tables_with_rows

NOTEBOOK = "first_hour.ipynb"


@pytest.fixture
def executed(run_notebook):
    return run_notebook(NOTEBOOK)


def test_every_analysis_result_displays_as_a_table_with_rows(executed):
    assert len(tables_with_rows(executed)) >= 15


def test_synthetic_figures_say_so_beside_them(executed):
    # Every cell showing the example year: a table with a column saying "synthetic", or a chart titled so.
    year = [c for c in executed.cells if c.cell_type == "code" and re.search(r"\byear\b\.", c.source)]
    assert len(year) >= 3
    for cell in year:
        html = "".join(o["data"].get("text/html", "") for o in cell.outputs if "data" in o)
        assert "synthetic" in html or 'set_title("' in cell.source and "SYNTHETIC" in cell.source, cell.source


def test_the_plots_are_drawn(executed):
    images = [o for c in executed.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) == 2

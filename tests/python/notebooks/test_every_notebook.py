"""What every notebook of docs/notebooks must do, checked on each one found there: it is committed without outputs,
and rerun from top to bottom every cell runs and none shows a raw binding error."""

from __future__ import annotations

import pytest

from _notebooks import NOTEBOOKS, committed_without_outputs, no_raw_binding_error

NAMES = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_the_notebooks_are_found():
    assert {"first_hour.ipynb", "researcher.ipynb"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    committed_without_outputs(name)


@pytest.mark.parametrize("name", NAMES)
def test_every_cell_runs_without_a_raw_binding_error(name, run_notebook):
    executed = run_notebook(name)
    assert all(c.execution_count for c in executed.cells if c.cell_type == "code")
    no_raw_binding_error(executed)

"""docs/notebooks/first_hour.ipynb runs from top to bottom, as an analyst would rerun it.

Executed with Debian's nbclient on the python3 kernel (ipykernel); the kernel imports the same antq as these tests.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import antq

nbclient = pytest.importorskip("nbclient")
nbformat = pytest.importorskip("nbformat")

NOTEBOOK = Path(__file__).resolve().parents[3] / "docs" / "notebooks" / "first_hour.ipynb"
RAW_BINDING_ERRORS = ("incompatible function arguments", "Unable to cast", "TypeError: __init__()")


def _outputs_text(cell: dict) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(v) for v in output.get("data", {}).values())
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def test_the_notebook_is_committed_without_outputs():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {index} keeps rendered output"


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    # The kernel is Debian's python3; it must import this antq (a build tree or the installed package), not another.
    package_root = str(Path(antq.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
               MPLBACKEND="module://matplotlib_inline.backend_inline")
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(tmp_path_factory.mktemp("first_hour"))}})
    client.execute(env=env)  # raises CellExecutionError, with the cell and its traceback, on any cell error
    return notebook


def test_the_kernel_ran_this_antq(executed):
    code = [c for c in executed.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code)


def test_no_raw_binding_error_anywhere(executed):
    for index, cell in enumerate(executed.cells):
        text = _outputs_text(cell)
        for raw in RAW_BINDING_ERRORS:
            assert raw not in text, f"cell {index} shows {raw!r}"


def test_every_analysis_result_displays_as_a_table_with_rows(executed):
    tables = [(i, c) for i, c in enumerate(executed.cells) if "table" in c.metadata.get("tags", [])]
    assert len(tables) >= 15
    for index, cell in tables:
        html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        assert html, f"cell {index} ({cell.source.splitlines()[-1]!r}) displays no table"
        body = re.search(r"<tbody>(.*?)</tbody>", html[-1], re.S)
        assert body and "<tr" in body.group(1), f"cell {index} ({cell.source.splitlines()[-1]!r}) is an empty table"


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

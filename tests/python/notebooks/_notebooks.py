"""Running docs/notebooks as an analyst would rerun them: Debian's nbclient on the python3 kernel (ipykernel),
importing the same antq as these tests."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import antq

NOTEBOOKS = Path(__file__).resolve().parents[3] / "docs" / "notebooks"
RAW_BINDING_ERRORS = ("incompatible function arguments", "Unable to cast", "TypeError: __init__()")


def execute(name: str, folder: Path):
    """The notebook `name` run from top to bottom in `folder`; raises CellExecutionError, with the cell and its
    traceback, on any cell error."""
    nbclient = pytest.importorskip("nbclient")
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    # The kernel is Debian's python3; it must import this antq (a build tree or the installed package), not another.
    package_root = str(Path(antq.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH")) if p),
               MPLBACKEND="module://matplotlib_inline.backend_inline")
    client = nbclient.NotebookClient(notebook, kernel_name="python3", timeout=600,
                                     resources={"metadata": {"path": str(folder)}})
    client.execute(env=env)
    return notebook


def outputs_text(cell: dict) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.extend(str(v) for v in output.get("data", {}).values())
        parts.extend(output.get("traceback", []))
    return "\n".join(parts)


def committed_without_outputs(name: str) -> None:
    nbformat = pytest.importorskip("nbformat")
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"cell {index} keeps rendered output"


def no_raw_binding_error(notebook) -> None:
    for index, cell in enumerate(notebook.cells):
        text = outputs_text(cell)
        for raw in RAW_BINDING_ERRORS:
            assert raw not in text, f"cell {index} shows {raw!r}"


def tables_with_rows(notebook) -> list[tuple[int, str]]:
    """The cells tagged `table`, each checked to display an HTML table with rows; returns (index, html)."""
    found = []
    for index, cell in enumerate(notebook.cells):
        if "table" not in cell.metadata.get("tags", []):
            continue
        html = [o["data"]["text/html"] for o in cell.outputs if "text/html" in o.get("data", {})]
        assert html, f"cell {index} ({cell.source.splitlines()[-1]!r}) displays no table"
        body = re.search(r"<tbody>(.*?)</tbody>", html[-1], re.S)
        assert body and "<tr" in body.group(1), f"cell {index} ({cell.source.splitlines()[-1]!r}) is an empty table"
        found.append((index, html[-1]))
    return found

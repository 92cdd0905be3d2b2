"""The manual's examples run as written (doctest), against the example document of docs/data-format.md."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[3] / "docs"


@pytest.fixture()
def example_folder(tmp_path, monkeypatch):
    # The complete example of data-format.md is the file the other pages load as example.json.
    text = (DOCS / "data-format.md").read_text(encoding="utf-8")
    section = text[text.index("## A complete example"):]
    document = re.search(r"```json\n(.*?)```", section, re.S)
    assert document, "data-format.md lost its complete example"
    (tmp_path / "example.json").write_text(document.group(1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("page", ["manual.md", "selectors.md", "data-format.md", "grassroots.md", "models.md", "evaluation.md",
                                  "restructure.md", "simulation.md"])
def test_page_examples_run(page, example_folder):
    result = doctest.testfile(str(DOCS / page), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {page}"

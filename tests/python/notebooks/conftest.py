"""Each notebook of docs/notebooks runs once per session, whichever test files read it."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from _notebooks import execute


@pytest.fixture(scope="session")
def run_notebook(tmp_path_factory) -> Callable[[str], object]:
    done: dict[str, object] = {}

    def run(name: str):
        if name not in done:
            done[name] = execute(name, tmp_path_factory.mktemp(Path(name).stem))
        return done[name]

    return run

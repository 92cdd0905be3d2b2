"""The main job: a directive compiled onto a graph, analysed, its year evaluated, printed as a terminal summary
and written as an HTML report folder (``python -m antq report --out DIR``).

The report is made in one-way steps, as NetworKit's profiling is (compute, draw, render):

1. :mod:`.cycle` gathers the inputs (the user's where given, seeded synthetic examples otherwise, labelled) and
   runs the library once;
2. :mod:`.figures` turns the results into DataFrames and small plain values;
3. :mod:`.charts` draws the heat-map, the evaluation chart and the org charts, :mod:`.render` renders the pages
   from Jinja2 templates and writes the files they link, :mod:`.terminal` prints the summary.

:mod:`.whatif` sets one directive compiled on two graphs side by side with their structural diff (``compare``,
``compare.html``); ``write_report(report, out, comparison=c)`` writes that page beside the index, which links it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Callable

from ..directive import Directive, Responsibilities
from ..evaluation import Assessments, Evaluation, EvaluationRules, ProgressReports
from ..graph import OrgGraph
from ..models import ModelRegistry
from . import cycle, render, terminal
from .cycle import Cycle, YearRun
from .whatif import Comparison, compare, write_compare

__all__ = ["Report", "build_report", "write_report", "Cycle", "YearRun", "Comparison", "compare", "write_compare"]


class Report:
    """A directive compiled and analysed on a graph, with its year when ``evaluation`` is true, ready to print or to
    write as HTML. ``say`` receives progress messages.

    The year's inputs are ``rules``, ``assessments``, ``progress`` (reports), ``registry``, ``as_of``; those not given
    are seeded synthetic examples (``seed``), and the report says so."""

    def __init__(
        self,
        graph: OrgGraph,
        directive: Directive,
        say: Callable[[str], None] | None = None,
        *,
        evaluation: bool = False,
        rules: EvaluationRules | None = None,
        assessments: Assessments | None = None,
        progress: ProgressReports | None = None,
        registry: ModelRegistry | None = None,
        as_of: str | None = None,
        seed: int = 2024,
    ) -> None:
        self.cycle: Cycle = cycle.run(
            graph, directive, evaluation=evaluation, rules=rules, assessments=assessments, progress=progress,
            registry=registry, as_of=as_of, seed=seed, say=say or (lambda message: None),
        )

    @property
    def graph(self) -> OrgGraph:
        return self.cycle.graph

    @property
    def directive(self) -> Directive:
        return self.cycle.directive

    @property
    def responsibilities(self) -> Responsibilities:
        return self.cycle.responsibilities

    @property
    def table(self) -> Any:
        """The responsibility table (a DataFrame): Responsibilities.to_pandas()."""
        return self.cycle.table

    @property
    def reach(self) -> dict[str, Any]:
        return self.cycle.reach

    @property
    def load(self) -> dict[str, Any]:
        return self.cycle.load

    @property
    def coordination(self) -> list[dict[str, Any]]:
        return self.cycle.coordination

    @property
    def oversight(self) -> dict[str, Any]:
        return self.cycle.oversight

    @property
    def flags(self) -> list[dict[str, Any]]:
        return self.cycle.flags

    @property
    def year(self) -> YearRun | None:
        """The year evaluated, followed up and its models counted; None without evaluation."""
        return self.cycle.year

    @property
    def evaluation(self) -> Evaluation | None:
        return self.cycle.year.evaluation if self.cycle.year is not None else None

    def summary(self) -> str:
        """The terminal summary."""
        return terminal.summary(self.cycle)


def write_report(report: Report, out: str | os.PathLike[str], progress: Callable[[str], None] | None = None,
                 *, comparison: Comparison | None = None) -> Path:
    """Writes ``index.html``, ``heatmap.png``, ``responsibilities.csv`` and ``style.css`` into ``out``, the
    evaluation page with its files when the report has a year, and ``compare.html`` with its files when
    ``comparison`` (from :func:`compare`) is given; the index links each page written, and only those. Returns the
    main page."""
    return render.write(report.cycle, out, progress or (lambda message: None), comparison)


def build_report(
    graph: OrgGraph, directive: Directive, out: str | os.PathLike[str], *, evaluation: bool = True,
    comparison: Comparison | None = None, **inputs: Any
) -> Report:
    """Compiles, analyses, evaluates the directive's year (``inputs``: the keyword arguments of :class:`Report`),
    prints progress to stderr, writes the folder (with the comparison page when ``comparison`` is given); returns the
    Report."""

    def say(message: str) -> None:
        print(f"antq: {message}", file=sys.stderr, flush=True)

    report = Report(graph, directive, say, evaluation=evaluation, **inputs)
    write_report(report, out, say, comparison=comparison)
    return report

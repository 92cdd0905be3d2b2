"""Step 1 of the report: gather the inputs and run the library once.

The graph and the directive are the user's; the evaluation's rules, assessment records, progress reports and models
registry are the user's where given and seeded synthetic examples otherwise, and :attr:`YearRun.synthetic` says
which. Everything the pages show is computed here or in C++; nothing here is formatted.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Callable

from .. import evaluation as ev
from .. import measures
from ..directive import Directive, Responsibilities, compile
from ..errors import InvalidInputError
from ..evaluation import Assessments, Evaluation, EvaluationRules, FollowUp, ProgressReports
from ..graph import OrgGraph
from ..measures import CutsFrom, Structure
from ..model import roles
from ..models import ModelRegistry, example_registry

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Cycle", "YearRun", "run", "ASSESSMENTS", "PROGRESS", "REGISTRY"]

# How the synthetic inputs are named on the page and in the terminal, in this order.
ASSESSMENTS = "assessment records"
PROGRESS = "progress reports"
REGISTRY = "models registry"

Say = Callable[[str], None]


@dataclass(frozen=True)
class YearRun:
    """The directive's year evaluated, followed up, and its models counted."""

    year: int
    rules: EvaluationRules
    assessments: Assessments
    progress: ProgressReports
    registry: ModelRegistry
    seed: int
    #: The inputs made up as seeded examples (ASSESSMENTS, PROGRESS, REGISTRY), in that order.
    synthetic: tuple[str, ...]
    #: The day of the follow-up, and the day clauses without a date are taken as due (None: never).
    as_of: str
    undated_due: str | None
    evaluation: Evaluation
    follow_up: FollowUp
    #: The level of the territory the issuer serves: the year's results are broken down below it.
    root_level: str
    #: The registry's figures for the whole graph, and the models in force per territory the roll-ups name.
    model_counts: dict[str, Any]
    models_in_force: dict[str, int]


@dataclass(frozen=True)
class Cycle:
    """A directive compiled and analysed on a graph, with its year when the report includes one."""

    graph: OrgGraph
    directive: Directive
    responsibilities: Responsibilities
    #: One row per (task, unit, role): Responsibilities.to_pandas().
    table: "pandas.DataFrame"
    #: Every unit: name, kind, level, indexed by id.
    units: "pandas.DataFrame"
    #: Units per level and kind in the graph (OrgGraph.summary()["units"]).
    population: dict[str, dict[str, int]]
    #: The units holding each role of each clause, in the order the core lists them.
    holders: dict[tuple[str, str], list[str]]
    #: Each entry of the recipients list: its label, the units it designates (None: it names no unit of the graph)
    #: and its note.
    recipients: list[tuple[str, list[str] | None, str]]
    reach: dict[str, Any]
    load: dict[str, Any]
    coordination: list[dict[str, Any]]
    oversight: dict[str, Any]
    flags: list[dict[str, Any]]
    #: Per clause, per level: the lead units and the posts heading them.
    task_accountability: dict[str, dict[str, list[tuple[str, str | None]]]]
    #: The chain of superiors of one commune police (the first bound one), to show what a chain looks like.
    example_chain: dict[str, Any] | None
    #: The territory the issuer serves: the root of the org chart (None: nothing to chart).
    chart_root: str | None
    year: YearRun | None
    #: antq.measures on the graph and the table: the structure, what cuts whom from the issuer along `forwards`,
    #: the workload per unit.
    #: What the graph says of its own records (OrgGraph.provenance()): synthetic units, assumed figures.
    provenance: dict[str, Any] | None = None
    structure: Structure | None = None
    forwarding_cuts: CutsFrom | None = None
    workload: "pandas.DataFrame | None" = None


def _quiet(message: str) -> None:
    pass


def _forwarding_cuts(graph: OrgGraph, issuer: str) -> CutsFrom | None:
    """What cuts whom from the issuer along `forwards`; None when the issuer forwards nothing."""
    try:
        return measures.cuts_from(graph, issuer, "forwards")
    except InvalidInputError:
        return None


def run(
    graph: OrgGraph,
    directive: Directive,
    *,
    evaluation: bool = True,
    rules: EvaluationRules | None = None,
    assessments: Assessments | None = None,
    progress: ProgressReports | None = None,
    registry: ModelRegistry | None = None,
    as_of: str | None = None,
    seed: int = 2024,
    say: Say = _quiet,
) -> Cycle:
    """Compiles ``directive`` on ``graph``, runs the analyses and, with ``evaluation``, the year: evaluation under
    ``rules`` (default: antq.evaluation.default_rules() for the graph's structure), follow-up on ``as_of`` (default:
    31/12 of the directive's year) and the models registry. Inputs not given are seeded examples (``seed``).

    Raises InvalidInputError ``wrong_year`` when the records are for another year than the directive."""
    started = time.perf_counter()
    responsibilities = compile(directive, graph)
    table = responsibilities.to_pandas()
    say(f"compiled {len(directive.tasks)} tasks into {len(table)} responsibilities")
    units = graph.to_pandas()[0].set_index("id")[["name", "kind", "level"]]
    reach = responsibilities.reach()
    bound = units.loc[reach["bound"]]
    commune_police = bound.index[(bound["kind"] == "police") & (bound["level"] == "commune")]
    example = str(commune_police[0]) if len(commune_police) else None
    cycle = Cycle(
        graph=graph,
        directive=directive,
        responsibilities=responsibilities,
        table=table,
        units=units,
        population=graph.summary()["units"],
        holders={(task.clause, role): responsibilities.units_of(task.clause, role)
                 for task in directive.tasks for role in roles},
        recipients=[(r.label, None if r.units is None else r.units.select(graph), r.note)
                    for r in directive.recipients],
        reach=reach,
        load=responsibilities.load(),
        coordination=responsibilities.coordination(),
        oversight=responsibilities.oversight(),
        flags=responsibilities.flags(),
        task_accountability={task.clause: responsibilities.task_accountability(task.clause)
                             for task in directive.tasks},
        example_chain=responsibilities.accountability(example) if example is not None else None,
        chart_root=graph.area(directive.issuer),
        year=None,
        provenance=graph.provenance(),
        structure=measures.structure(graph),
        forwarding_cuts=_forwarding_cuts(graph, directive.issuer),
        workload=measures.workload(responsibilities),
    )
    say(f"analysed reach, load, coordination and oversight in {time.perf_counter() - started:.2f} s")
    if not evaluation:
        return cycle
    year = _run_year(graph, responsibilities, rules=rules, assessments=assessments, progress=progress,
                     registry=registry, as_of=as_of, seed=seed, say=say)
    return replace(cycle, year=year)


def _run_year(
    graph: OrgGraph,
    responsibilities: Responsibilities,
    *,
    rules: EvaluationRules | None,
    assessments: Assessments | None,
    progress: ProgressReports | None,
    registry: ModelRegistry | None,
    as_of: str | None,
    seed: int,
    say: Say,
) -> YearRun:
    started = time.perf_counter()
    year = responsibilities.directive.year
    rules = rules if rules is not None else ev.default_rules(graph.structure.id)
    synthetic: list[str] = []
    if assessments is None:
        assessments = ev.example_assessments(graph, rules, year, seed)
        synthetic.append(ASSESSMENTS)
    if assessments.year != year:
        where = assessments.source or "assessments"
        raise InvalidInputError(
            f"wrong_year: {where}: the records are for {assessments.year}, the directive for {year}", "wrong_year",
            where)
    evaluation = ev.evaluate(graph, assessments, rules)
    say(f"evaluated {len(evaluation)} units for {year} in {time.perf_counter() - started:.2f} s")
    as_of = as_of or f"{year}-12-31"
    # Undated duties are due on the day the directive's data proposes, itself labelled an assumption; none: never.
    undated_due = responsibilities.directive.undated_due[0] if responsibilities.directive.undated_due else None
    if progress is None:
        progress = ev.example_progress(responsibilities, as_of, seed, undated_due)
        synthetic.append(PROGRESS)
    follow_up = ev.follow_up(responsibilities, progress, as_of, undated_due)
    if registry is None:
        registry = example_registry(graph, year, seed)
        synthetic.append(REGISTRY)
    territories = evaluation.roll_ups()["territory"].astype(str).unique()
    models_in_force = {t: int(registry.counts_within(graph, t)["models"]) for t in territories}
    say(f"followed up {len(follow_up)} duties and {len(registry)} models")
    root = graph.area(responsibilities.directive.issuer)
    return YearRun(
        year=year,
        rules=rules,
        assessments=assessments,
        progress=progress,
        registry=registry,
        seed=seed,
        synthetic=tuple(synthetic),
        as_of=as_of,
        undated_due=undated_due,
        evaluation=evaluation,
        follow_up=follow_up,
        root_level=graph.unit(root).level if root is not None else graph.structure.levels[0],
        model_counts=registry.counts(),
        models_in_force=models_in_force,
    )

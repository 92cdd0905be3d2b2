"""Step 4 of the report: the pages, rendered from Jinja2 templates (templates/), and the files they link.

``index.html`` shows the directive and its analyses, ``evaluation.html`` the year, ``compare.html`` (written here when
a comparison is given, :mod:`.whatif`) the directive on two graphs; the index links each page only when it is written.
All link the one stylesheet, ``style.css``, copied beside them. Lists are cut at :data:`LIST_LIMIT` rows; the CSV files hold every row.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

import jinja2
from markupsafe import Markup

from ..model import duty_states, roles
from . import charts
from . import figures as fig
from .cycle import Cycle, YearRun
from .formats import blank, is_missing, per_level, percent

if TYPE_CHECKING:  # pragma: no cover
    from .whatif import Comparison

__all__ = ["LIST_LIMIT", "environment", "write"]

#: Rows listed inline per list; the CSV next to the page holds every row.
LIST_LIMIT = 200
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "style.css"


def _records(frame: Any, limit: int | None = None) -> list[dict[str, Any]]:
    """A DataFrame's rows as dicts, the first ``limit`` only if given."""
    rows: list[dict[str, Any]] = (frame if limit is None else frame.head(limit)).to_dict("records")
    return rows


def _rows(frame: Any, columns: Iterable[str] | None = None, limit: int | None = None) -> list[tuple[Any, ...]]:
    """A DataFrame's rows as tuples of ``columns`` (all by default), the first ``limit`` only if given."""
    part = frame if columns is None else frame[list(columns)]
    part = part if limit is None else part.head(limit)
    return list(part.itertuples(index=False, name=None))


def environment() -> jinja2.Environment:
    """The templates with autoescaping, the formatting filters and the vocabularies they use."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(blank=blank, percent=percent, per_level=per_level, records=_records, rows=_rows)
    env.tests["missing"] = is_missing
    env.globals.update(list_limit=LIST_LIMIT, roles=list(roles), duty_states=list(duty_states),
                       no_dot=Markup("<p>(Graphviz's <code>dot</code> is not installed: no chart.)</p>"))
    return env


def _quiet(message: str) -> None:
    pass


def _svg(svg: str | None) -> Markup | None:
    # Graphviz escaped every label it drew; the SVG goes into the page as it is.
    return Markup(svg) if svg is not None else None


def _territory_name(cycle: Cycle) -> str:
    """The territory the directive is about, as the page names it."""
    root = cycle.chart_root
    return str(cycle.units.at[root, "name"]) if root is not None else cycle.graph.name


def write(cycle: Cycle, out: str | os.PathLike[str], say: Callable[[str], None] = _quiet,
          comparison: "Comparison | None" = None) -> Path:
    """Writes ``index.html`` with ``heatmap.png``, ``responsibilities.csv`` and ``style.css`` into ``out``, the
    evaluation page with its files when the cycle has a year, and the comparison page with its files
    (:func:`.whatif.write_compare`) when ``comparison`` is given, each linked from the index; returns the main page."""
    from .whatif import write_compare

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    env = environment()
    shutil.copyfile(TEMPLATES / STYLESHEET, folder / STYLESHEET)
    cycle.responsibilities.to_csv(folder / "responsibilities.csv")
    if cycle.year is not None:
        _write_year(env, cycle, cycle.year, folder, fig.caveats(cycle))
        say("wrote the evaluation page")
    compared = None
    if comparison is not None:
        write_compare(comparison, folder, index=True)
        say("wrote the comparison page")
        compared = {"before": comparison.before.graph.name, "after": comparison.after.graph.name,
                    "units_changed": len(comparison.diff)}
    charts.heatmap_png(fig.heatmap(cycle), folder / "heatmap.png")
    say("drew the heat-map")

    plan = fig.org_chart(cycle)
    overview = charts.org_chart_svg(cycle.graph, plan.overview, f"{plan.overview.name}: territory and bodies")
    parts = [(part, _svg(charts.org_chart_svg(cycle.graph, part, part.name))) for part in plan.parts]
    say(f"drew the org chart ({len(parts)} {plan.overview.below_kind} charts)")
    caveats = fig.caveats(cycle)

    d, graph = cycle.directive, cycle.graph
    names = cycle.units["name"]
    by_clause_and_role = fig.assignees(cycle).groupby(["clause", "role"], sort=False)
    holders = {key: frame.to_dict("records") for key, frame in by_clause_and_role}
    counts = {(row["clause"], row["role"]): row for row in fig.responsibility_counts(cycle).to_dict("records")}
    year = cycle.year
    page = env.get_template("index.html.j2").render(
        caveats=caveats,
        territory=_territory_name(cycle),
        synthetic_units=caveats.synthetic_units,
        directive=d,
        issuer=names[d.issuer],
        signer=names[d.signer],
        graph={"name": graph.name, "units": len(graph), "ties": graph.number_of_ties()},
        evaluation=None if year is None else {"year": year.year, "synthetic": bool(year.synthetic),
                                              "origin": fig.input_origin(year), "territory": _territory_name(cycle)},
        comparison=compared,
        clauses=fig.clauses(cycle),
        counts=counts,
        holders=holders,
        recipients=fig.recipients(cycle),
        references=fig.references(cycle),
        dates=fig.dates(cycle),
        reach=fig.reach_counts(cycle),
        unreached=fig.unreached(cycle),
        forwarding=fig.forwarding_samples(cycle),
        load_by_level=fig.load_by_level(cycle),
        most_loaded=fig.most_loaded(cycle),
        coordination=fig.coordination_counts(cycle),
        coordination_gaps=fig.coordination_gaps(cycle),
        accountability=fig.accountability(cycle),
        chain=fig.example_chain(cycle),
        monitors=fig.monitors(cycle),
        unmonitored=fig.unmonitored(cycle),
        flags=fig.capability_flags(cycle),
        span_by_level=fig.span_by_level(cycle),
        forwarding_cuts=fig.forwarding_cut_points(cycle),
        forwarding_reached=None if cycle.forwarding_cuts is None else cycle.forwarding_cuts.reached,
        workload=fig.workload(cycle),
        orgchart={"overview": _svg(overview), "parts": parts, "parts_kind": plan.overview.below_kind,
                  "below_kind": plan.parts[0].below_kind if plan.parts else ""},
    )
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    say(f"wrote {index}")
    return index


def _write_year(env: jinja2.Environment, cycle: Cycle, year: YearRun, folder: Path, caveats: fig.Caveats) -> Path:
    """Writes ``evaluation.html`` with ``evaluation.png``, the inputs used (so they can be edited and given back) and
    the tables in full; returns the page."""
    e = year.evaluation
    e.results.to_csv(folder / "evaluation_results.csv", index=False)
    e.heads.to_csv(folder / "heads.csv", index=False)
    e.commendations.to_csv(folder / "commendations.csv", index=False)
    year.follow_up.overdue().to_csv(folder / "overdue.csv", index=False)
    year.registry.to_pandas().to_csv(folder / "models.csv", index=False)
    year.assessments.save(folder / "assessments.json")
    year.progress.save(folder / "progress.json")
    year.registry.save(folder / "models.json")

    origin = fig.input_origin(year)
    breakdown = fig.breakdown(year)
    charts.evaluation_png(breakdown, f"{year.year}: {origin}", folder / "evaluation.png")
    page = env.get_template("evaluation.html.j2").render(
        caveats=caveats,
        year=year.year,
        graph_name=cycle.graph.name,
        rules=year.rules,
        origin=origin,
        synthetic=bool(year.synthetic),
        territory=_territory_name(cycle),
        levels=fig.classification_levels(year),
        subjects=fig.subjects(year),
        breakdown=breakdown,
        dossiers=[(status, fig.dossiers(year, status)) for status in ("late", "missing")],
        heads=fig.head_inputs(year),
        commendation=fig.commendation(year),
        models=fig.models(year),
        as_of=year.as_of,
        undated_due=year.undated_due,
        undated_reason=cycle.directive.undated_due[1] if cycle.directive.undated_due else "",
        duties=fig.follow_up_by_clause(year),
        monitoring=fig.monitoring(year),
        overdue=fig.overdue(year),
        assumptions=fig.assumptions(year),
    )
    path = folder / "evaluation.html"
    path.write_text(page, encoding="utf-8")
    return path

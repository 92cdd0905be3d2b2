"""The main job: a directive compiled onto a graph, analysed, and written as a terminal summary and an
HTML report folder (clauses with their assignees, the analyses, an org chart and a responsibility heat-map),
with the year's evaluation on its own page (evaluation_report.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from . import _core
from .directive import ROLES, Directive, Responsibilities, compile
from ._html import STYLE as _STYLE
from ._html import esc as _esc
from ._html import table as _table
from .evaluation_report import EvaluationPages
from .graph import OrgGraph

__all__ = ["Report", "build_report", "write_report"]

_LEVELS = tuple(_core.levels)
_LIST_LIMIT = 200  # units listed inline per role; the CSV next to the page holds every row


class Report:
    """A directive compiled and analysed on a graph, ready to print or to write as HTML."""

    def __init__(self, graph: OrgGraph, directive: Directive, progress: Callable[[str], None] | None = None) -> None:
        say = progress or (lambda message: None)
        self.graph = graph
        self.directive = directive
        started = time.perf_counter()
        self.responsibilities: Responsibilities = compile(directive, graph)
        self.table = self.responsibilities.to_pandas()
        say(f"compiled {len(directive.tasks)} tasks into {len(self.table)} responsibilities")
        self.reach = self.responsibilities.reach()
        self.load = self.responsibilities.load()
        self.coordination = self.responsibilities.coordination()
        self.oversight = self.responsibilities.oversight()
        self.flags = self.responsibilities.flags()
        say(f"analysed reach, load, coordination and oversight in {time.perf_counter() - started:.2f} s")
        #: The year's evaluation, models and follow-up, when the report includes them.
        self.evaluation: EvaluationPages | None = None

    # ---- shared figures ---------------------------------------------------------------------------

    def counts(self, clause: str, role: str) -> dict[str, int]:
        """Units holding ``role`` in ``clause``, per level."""
        rows = self.table[(self.table["task"] == clause) & (self.table["role"] == role)]
        return {str(k): int(v) for k, v in rows.groupby("unit_level").size().items()}

    def name(self, unit: str) -> str:
        return self.graph.unit(unit).name

    def gaps_by_kind(self) -> Counter[tuple[str, str, str]]:
        """Coordination gaps counted by (lead kind, partner kind, level)."""
        out: Counter[tuple[str, str, str]] = Counter()
        for pair in self.coordination:
            if pair["gap"]:
                lead, partner = self.graph.unit(pair["lead"]), self.graph.unit(pair["partner"])
                out[(lead.kind, partner.kind, lead.level)] += 1
        return out

    def by_kind_and_level(self, units: Iterable[str]) -> Counter[tuple[str, str]]:
        out: Counter[tuple[str, str]] = Counter()
        for u in units:
            unit = self.graph.unit(u)
            out[(unit.kind, unit.level)] += 1
        return out

    # ---- terminal -----------------------------------------------------------------------------------

    def summary(self) -> str:
        d = self.directive
        lines = [
            f"{d.kind.capitalize()} {d.number or '(number unknown)'}: {d.title}",
            f"issued by {self.name(d.issuer)}, signed by {self.name(d.signer)}; year {d.year}",
            "",
            "Responsibilities per clause and role (units per level):",
        ]
        for task in d.tasks:
            for role in ROLES:
                counts = self.counts(task.clause, role)
                if counts:
                    per_level = ", ".join(f"{lvl} {counts[lvl]}" for lvl in _LEVELS if lvl in counts)
                    lines.append(f"  {task.clause:>7} {role:<10} {sum(counts.values()):>5}  ({per_level})")
        unreached = self.reach["unreached"]
        lines += [
            "",
            f"Reach: {len(self.reach['recipients'])} recipient units; {len(self.reach['bound'])} bound units, "
            f"{len(unreached)} not reached through forwarding ties",
        ]
        lines += [f"  unreached: {u} {self.name(u)}" for u in unreached[:20]]
        if len(unreached) > 20:
            lines.append(f"  ... and {len(unreached) - 20} more (see the HTML report)")
        top = ", ".join(f"{self.name(u)}" for u in self.load["most_loaded"][:5])
        gaps = sum(1 for p in self.coordination if p["gap"])
        lines += [
            f"Load: most loaded units: {top}",
            f"Coordination: {len(self.coordination)} required pairs, {gaps} without any tie",
            f"Oversight: {len(self.oversight['monitors'])} monitor(s); {len(self.oversight['unmonitored'])} bound "
            "units no one monitors",
            f"Capability flags: {len(self.flags)}",
        ]
        if self.evaluation is not None:
            lines += ["", self.evaluation.summary()]
        return "\n".join(lines)


# ---- org chart -------------------------------------------------------------------------------------

_LEVEL_COLOURS = {"nation": "#f4cccc", "province": "#fce5cd", "district": "#fff2cc", "commune": "#d9ead3",
                  "village": "#cfe2f3"}


def _dot_id(unit: str) -> str:
    return '"' + unit.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _chart_dot(graph: OrgGraph, root: str, depth_levels: Sequence[str], title: str) -> str:
    """Territories under ``root`` down to ``depth_levels``, one column per level (left to right), each box
    naming the territory, its People's Committee and its police; deeper territories are summarised as a
    count so a chart stays legible however large the province."""
    lines = ["digraph chart {", f'label="{_esc(title)}"; labelloc=t; rankdir=LR; nodesep=0.08; ranksep=0.6;',
             'node [fontname="DejaVu Sans", fontsize=10, shape=plain];', "edge [color=gray50, arrowsize=0.6];"]
    territories = [root] + [t for t in graph.descendants(root) if graph.unit(t).level in depth_levels]
    shown = set(territories)
    for t in territories:
        unit = graph.unit(t)
        below = [c for c in graph.children(t) if c not in shown]
        count = f"<BR/><FONT POINT-SIZE='8'>{len(below)} {_esc(graph.unit(below[0]).kind)}s</FONT>" if below else ""
        bodies = {graph.unit(b).kind: b for b in graph.parents(t, "serves")}
        cells = "".join(
            f"<TD BGCOLOR='white' TOOLTIP='{_esc(graph.unit(bodies[kind]).name)}'>{short}</TD>"
            for kind, short in (("peoples_committee", "UBND"), ("police", "Công an"))
            if kind in bodies
        )
        row = f"<TR>{cells}</TR>" if cells else ""
        span = max(1, cells.count("<TD"))
        label = (f"<<TABLE BORDER='1' CELLBORDER='0' CELLSPACING='0' CELLPADDING='3' BGCOLOR='{_LEVEL_COLOURS[unit.level]}'>"
                 f"<TR><TD COLSPAN='{span}'><B>{_esc(unit.name)}</B>{count}</TD></TR>{row}</TABLE>>")
        lines.append(f"{_dot_id(t)} [label={label}, tooltip=\"{_esc(unit.id)} ({_esc(unit.kind)})\"];")
        parent = graph.parent(t)
        if parent in shown:
            lines.append(f"{_dot_id(parent)} -> {_dot_id(t)};")
    lines.append("}")
    return "\n".join(lines)


def _svg(dot_text: str) -> str:
    """Renders DOT with Graphviz; the SVG is inlined so the page needs no other file to show it."""
    if shutil.which("dot") is None:
        return "<p>(Graphviz's <code>dot</code> is not installed: no chart.)</p>"
    result = subprocess.run(["dot", "-Tsvg"], input=dot_text, capture_output=True, text=True, check=True)
    svg = result.stdout
    return svg[svg.index("<svg"):]


# ---- heat-map --------------------------------------------------------------------------------------


def _heatmap(report: Report, path: Path) -> list[str]:
    """Tasks × (unit kind, level): the share of that kind's units at that level holding a working role (lead,
    coordinate, advise, monitor) — shares, so 940 mass organisations do not drown one provincial police; the
    cells carry the counts."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    working = report.table[report.table["role"] != "inform"]
    columns = sorted(
        {(k, lvl) for k, lvl in zip(working["unit_kind"], working["unit_level"])},
        key=lambda kl: (_LEVELS.index(kl[1]), kl[0]),
    )
    clauses = [t.clause for t in report.directive.tasks]
    grid = [[0] * len(columns) for _ in clauses]
    share = [[0.0] * len(columns) for _ in clauses]
    index = {c: i for i, c in enumerate(columns)}
    population = report.graph.summary()["units"]
    for (clause, kind, level), n in working.groupby(["task", "unit_kind", "unit_level"])["unit"].nunique().items():
        i, j = clauses.index(clause), index[(kind, level)]
        grid[i][j] = int(n)
        share[i][j] = 100.0 * int(n) / population[level][kind]
    fig, ax = plt.subplots(figsize=(max(6.0, 0.55 * len(columns) + 2), 0.5 * len(clauses) + 2.5))
    image = ax.imshow(share, cmap="YlOrRd", aspect="auto", vmin=0, vmax=100)
    ax.set_xticks(range(len(columns)), [f"{k}\n{lvl}" for k, lvl in columns], rotation=60, ha="right", fontsize=7)
    ax.set_yticks(range(len(clauses)), [f"clause {c}" for c in clauses], fontsize=8)
    for i, row in enumerate(grid):
        for j, n in enumerate(row):
            if n:
                ax.text(j, i, str(n), ha="center", va="center", fontsize=6)
    fig.colorbar(image, ax=ax, label="% of the kind's units at that level (cells: number of units)")
    ax.set_title("Responsibilities: tasks × unit kinds per level")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return [f"{k}·{lvl}" for k, lvl in columns]


# ---- the page --------------------------------------------------------------------------------------



def _clause_rows(report: Report) -> str:
    rows = []
    for task in report.directive.tasks:
        cells = []
        for role in ROLES:
            units = report.responsibilities.units_of(task.clause, role)
            if not units:
                cells.append("")
                continue
            counts = report.counts(task.clause, role)
            per_level = ", ".join(f"{lvl} {counts[lvl]}" for lvl in _LEVELS if lvl in counts)
            shown = "".join(f"<li>{_esc(report.name(u))} <span class='muted'>{_esc(u)}</span></li>"
                            for u in units[:_LIST_LIMIT])
            more = (f"<li class='muted'>… and {len(units) - _LIST_LIMIT} more in responsibilities.csv</li>"
                    if len(units) > _LIST_LIMIT else "")
            cells.append(f"<details><summary><strong>{len(units)}</strong> ({_esc(per_level)})</summary>"
                         f"<ul>{shown}{more}</ul></details>")
        summary = f"<div class='muted'>{_esc(task.summary)}</div>" if task.summary else ""
        rows.append(f"<tr><td>{_esc(task.clause)}</td><td><strong>{_esc(task.title)}</strong>{summary}</td>"
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{r}</th>" for r in ROLES)
    return (f'<table id="clauses"><thead><tr><th>clause</th><th>task</th>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


def _analyses(report: Report) -> str:
    g = report.graph
    parts = ["<h2 id='reach'>Reach through forwarding</h2>"]
    reach = report.reach
    parts.append(f"<p>{len(reach['recipients'])} units are on the recipients list; {len(reach['bound'])} units are "
                 f"bound by a task; <strong>{len(reach['unreached'])}</strong> bound units are not reached.</p>")
    if reach["unreached"]:
        parts.append(_table(["unit", "name", "kind", "level"],
                            ([u, g.unit(u).name, g.unit(u).kind, g.unit(u).level] for u in reach["unreached"]),
                            id="unreached"))
    samples = []
    for level in ("province", "district", "commune"):
        for u in reach["bound"]:
            if g.unit(u).level == level and g.unit(u).kind == "peoples_committee" and u in reach["paths"]:
                samples.append((u, " → ".join(report.name(p) for p in reach["paths"][u])))
                break
    parts.append(_table(["unit", "forwarding path from a recipient"], samples))

    parts.append("<h2 id='load'>Load</h2>")
    parts.append(_table(["level", *ROLES], ([lvl, *(report.load["by_level"][lvl][r] for r in ROLES)]
                                            for lvl in _LEVELS if any(report.load["by_level"][lvl].values()))))
    parts.append(_table(["most loaded", "kind", *ROLES],
                        ([report.name(u), g.unit(u).kind, *(report.load["units"][u][r] for r in ROLES)]
                         for u in report.load["most_loaded"])))

    parts.append("<h2 id='coordination'>Coordination</h2>")
    gaps = report.gaps_by_kind()
    parts.append(f"<p>{len(report.coordination)} pairs must coordinate (a lead and a coordinator of one task in the "
                 f"same territory); <strong>{sum(gaps.values())}</strong> have no tie of any kind.</p>")
    parts.append(_table(["lead kind", "partner kind", "level", "pairs without a tie"],
                        ([a, b, lvl, n] for (a, b, lvl), n in sorted(gaps.items()))))

    parts.append("<h2 id='accountability'>Accountability</h2>")
    rows = []
    for task in report.directive.tasks:
        per_level = report.responsibilities.task_accountability(task.clause)
        for level, pairs in per_level.items():
            headed = sum(1 for _, head in pairs if head)
            rows.append([task.clause, level, len(pairs), headed])
    parts.append(_table(["clause", "level", "lead units", "with a head post"], rows))
    example = next((u for u in reach["bound"] if g.unit(u).kind == "police" and g.unit(u).level == "commune"), None)
    if example:
        acc = report.responsibilities.accountability(example)
        chain = " → ".join(f"{report.name(u)} ({report.name(h) if h else 'no head post'})"
                           for u, h in zip(acc["chain"], acc["chain_heads"]))
        parts.append(f"<p>Chain of superiors for {_esc(report.name(example))}: {_esc(chain)}</p>")

    parts.append("<h2 id='oversight'>Oversight</h2>")
    for monitor, watched in report.oversight["monitors"].items():
        parts.append(f"<p>{_esc(report.name(monitor))} monitors {len(watched)} units.</p>")
    unmonitored = report.by_kind_and_level(report.oversight["unmonitored"])
    parts.append(_table(["unmonitored bound units: kind", "level", "count"],
                        ([k, lvl, n] for (k, lvl), n in sorted(unmonitored.items()))))
    if report.flags:
        parts.append("<h2 id='flags'>Capability flags</h2>")
        parts.append(_table(["clause", "assignment", "unit", "reason"],
                            ([f["task"], f["assignment"], f["unit"], f["reason"]] for f in report.flags)))
    return "".join(parts)


def write_report(report: Report, out: str | os.PathLike[str], progress: Callable[[str], None] | None = None) -> Path:
    """Writes ``index.html``, ``heatmap.png`` and ``responsibilities.csv`` into ``out``, and the evaluation page
    with its files when the report has one; returns the main page."""
    say = progress or (lambda message: None)
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    d, g = report.directive, report.graph

    report.responsibilities.to_csv(folder / "responsibilities.csv")
    if report.evaluation is not None:
        report.evaluation.write(folder)
        say("wrote the evaluation page")
    _heatmap(report, folder / "heatmap.png")
    say("drew the heat-map")

    root = g.area(d.issuer)
    if root is None:
        raise ValueError(f"the issuer {d.issuer!r} serves no territory: nothing to chart")
    overview = _svg(_chart_dot(g, root, ("province", "district"), f"{g.unit(root).name}: territory and bodies"))
    districts = []
    for district in g.children(root):
        svg = _svg(_chart_dot(g, district, ("district", "commune"), g.unit(district).name))
        districts.append(f"<details><summary>{_esc(g.unit(district).name)} "
                         f"({len(g.children(district))} communes)</summary>{svg}</details>")
    say(f"drew the org chart ({len(districts)} district charts)")

    references = _table(["kind", "number", "date", "title"],
                        ([r.kind, r.number, r.date or "unknown", r.title] for r in d.references))
    events = _table(["date", "event", "note"], ([e.date, e.title, e.note] for e in d.events))
    recipients = _table(["recipient", "units"], ([r.label, len(r.units.select(g))] for r in d.recipients))
    evaluation_link = (f' · <strong><a href="evaluation.html">evaluation {d.year}: titles, classification, '
                       'models, follow-up</a></strong>' if report.evaluation is not None else "")
    page = f"""<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>{_esc(d.title)}</title><style>{_STYLE}</style></head>
<body>
<h1>{_esc(d.title)}</h1>
<p>{_esc(d.kind)} {_esc(d.number or "(number unknown)")}, {_esc(d.date or "date unknown")}; issued by
{_esc(report.name(d.issuer))}, signed by {_esc(report.name(d.signer))}. Graph: {_esc(g.name)} ({len(g)} units,
{g.number_of_ties()} ties).</p>
<p class="muted">{_esc(d.theme)}</p>
<nav><a href="#clauses">clauses</a> · <a href="#reach">reach</a> · <a href="#load">load</a> ·
<a href="#coordination">coordination</a> · <a href="#accountability">accountability</a> ·
<a href="#oversight">oversight</a> · <a href="#orgchart">org chart</a> · <a href="#heatmap">heat-map</a> ·
<a href="responsibilities.csv">responsibilities.csv</a>{evaluation_link}</nav>
<h2>Clauses and their assignees</h2>
{_clause_rows(report)}
<h2>Recipients</h2>{recipients}
<h2>References</h2>{references}
<h2>Dates</h2>{events}
{_analyses(report)}
<h2>Org chart</h2>
<div id="orgchart">{overview}
<p>Each district, with its communes:</p>{''.join(districts)}</div>
<h2>Heat-map</h2>
<img id="heatmap" src="heatmap.png" alt="responsibility heat-map: tasks by unit kind and level">
<script>
  // Marks the page once images have decoded, so a headless browser can tell they rendered.
  window.addEventListener("load", () => {{
    const map = document.getElementById("heatmap");
    document.body.dataset.heatmapWidth = map.naturalWidth;
    document.body.dataset.orgchartNodes = document.querySelectorAll("#orgchart svg g.node").length;
  }});
</script>
</body></html>
"""
    index = folder / "index.html"
    index.write_text(page, encoding="utf-8")
    say(f"wrote {index}")
    return index


def build_report(
    graph: OrgGraph, directive: Directive, out: str | os.PathLike[str], *, evaluation: bool = True, **evaluation_inputs: Any
) -> Report:
    """Compiles, analyses, evaluates the directive's year (see :class:`EvaluationPages`, whose keyword arguments
    ``rules``, ``assessments``, ``progress``, ``registry``, ``as_of`` and ``seed`` are passed on), prints progress
    to stderr, writes the folder; returns the Report."""
    def say(message: str) -> None:
        print(f"antq: {message}", file=sys.stderr, flush=True)

    report = Report(graph, directive, say)
    if evaluation:
        report.evaluation = EvaluationPages(graph, report.responsibilities, say=say, **evaluation_inputs)
    write_report(report, out, say)
    return report

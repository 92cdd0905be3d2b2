"""The one writer of bench/RESULTS.md: every benchmark script hands over a ``Report`` (its measurements and
notes) and this module renders the rest alike: the header (what was run, when, on which tree, how often),
the machine block, the ratio table and the marked section the script owns."""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TIME_UNITS = ("s", "ms", "µs")
TABLE_KEY = ("Medians, one row per measurement and peer; peer ÷ antq above 1 means antq is faster or smaller; "
             "the aim, where the project has one, is for that ratio.")


@dataclass(frozen=True)
class Row:
    """One line of a ratio table: what is measured, antq's figure and one peer's (both in ``unit``), and the
    project's aim for peer ÷ antq where there is one. ``peer`` None: a figure antq alone has."""

    measured: str
    unit: str
    antq: float
    peer: str | None = None
    peer_figure: float | None = None
    aim: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.peer_figure is None or not self.antq > 0 or not self.peer_figure > 0:
            return None  # a quick run can measure no memory growth at all
        return self.peer_figure / self.antq


@dataclass
class Report:
    """What a benchmark script measured, in the words of that script."""

    title: str  # "national-scale": the heading says "antq national-scale benchmark"
    repeats: int  # timing repeats per figure (medians shown)
    rss_repeats: int | None  # fresh processes per memory figure; None when the script measures no memory
    inputs_heading: str  # "Graph", "Graph and directive", ...
    inputs: str  # markdown: what was measured on (sizes, counts, checks)
    rows: list[Row]
    table_note: str = ""  # markdown above the ratio table: what the peers are, what a figure covers
    notes: list[str] = field(default_factory=list)  # markdown paragraphs after the table
    summary: str = ""  # one line for the terminal


@dataclass(frozen=True)
class Run:
    """How and where the figures were made: the same facts for every script, gathered by ``measure.main``."""

    script: str  # file name in bench/
    options: list[str]  # as recorded: no path of this machine (see ``portable_path``)
    started: datetime.datetime
    tree: str  # ``git describe`` of the checkout
    seconds: float
    machine: dict[str, str]
    versions: dict[str, str]
    load_note: str = ""  # ``load_sentence`` at the end of the run


def portable_path(path: str) -> str:
    """``path`` as it may be recorded: relative to the repository when inside it, else the file's name, so
    that no directory of the machine that ran the benchmark ends up in a committed file."""
    full, root = os.path.realpath(path), os.path.realpath(ROOT)
    if os.path.commonpath([full, root]) == root:
        return os.path.relpath(full, root)
    return os.path.basename(full)


def command_line(run: Run) -> str:
    # The interpreter's name, never its path: a virtualenv's location is the runner's business.
    interpreter = os.path.basename(sys.executable) or "python"
    return " ".join([interpreter, f"bench/{run.script}", *run.options])


def figure(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def ratio_text(row: Row) -> str:
    r = row.ratio
    if r is None:
        return "—"
    if r >= 1:
        return f"{r:.1f}×"
    worse = "slower" if row.unit in TIME_UNITS else "larger"
    return f"{r:.2f}× (antq {1 / r:.1f}× {worse})"


def aim_text(row: Row) -> str:
    if row.aim is None:
        return ""
    met = row.ratio is not None and row.ratio >= row.aim
    if row.aim >= 1:
        aim = f"≥ {row.aim:g}×"
    else:  # an aim of keeping up with the peer: say by how much antq may trail it
        aim = f"antq at most {1 / row.aim:g}× {'slower' if row.unit in TIME_UNITS else 'larger'}"
    return f"{aim} — {'**met**' if met else '**not met**'}"


def ratio_table(rows: list[Row]) -> str:
    out = "| measured | unit | antq | peer | peer's figure | peer ÷ antq | aim |\n|---|---|---:|---|---:|---:|---|\n"
    for row in rows:
        out += (f"| {row.measured} | {row.unit} | {figure(row.antq)} | {row.peer or '—'} | "
                f"{figure(row.peer_figure)} | {ratio_text(row)} | {aim_text(row)} |\n")
    return out


def load_sentence(load: tuple[float, float, float], cores: int, when: str) -> str:
    """How busy the machine was, from its load averages (1, 5 and 15 minutes, as ``os.getloadavg()`` gives them):
    the figures of a busy machine are slower and noisier, and a second thread only helps with a core to spare."""
    per_core = load[0] / max(cores, 1)
    if per_core < 0.5:
        verdict = "the machine was nearly idle"
    elif per_core < 1.25:
        verdict = "about one runnable task per core, so the tools shared the machine with some other work"
    else:
        verdict = (f"about {per_core:.1f} runnable tasks per core, a busy machine: every tool got a share of a core, "
                   "figures are slower and noisier than on an idle one (treat differences under ~20% as noise) and a "
                   "second thread finds no free core")
    averages = ", ".join(f"{x:.2f}" for x in load)
    return f"Load average {averages} (1, 5, 15 minutes) {when}, on {cores} cores: {verdict}."


def machine_block(machine: dict[str, str], versions: dict[str, str], load_note: str = "") -> str:
    lines = [f"- {k}: {v}" for k, v in machine.items()] + [f"- {k} version: {v}" for k, v in versions.items()]
    return "\n".join(lines) + (f"\n\n{load_note}\n" if load_note else "\n")


def how_run(report: Report, run: Run) -> str:
    memory = (f"memory median of {report.rss_repeats} fresh processes per tool, "
              if report.rss_repeats is not None else "")
    return (f"How this was run: `{command_line(run)}` on {run.started:%Y-%m-%d %H:%M} UTC, antq tree at "
            f"`{run.tree}`, {report.repeats} timing repeats per figure (median shown; within each repeat the "
            f"tools take turns), {memory}whole run {run.seconds / 60:.1f} min. The tools' answers were checked "
            f"equal before timing (see bench/README.md).")


def markdown(report: Report, run: Run) -> str:
    """The script's whole section of RESULTS.md."""
    notes = "".join(f"\n{note.strip()}\n" for note in report.notes)
    notes_block = f"\n## Notes\n{notes}" if notes else ""
    table_note = f"\n{report.table_note.strip()}\n" if report.table_note.strip() else ""
    return f"""# antq {report.title} benchmark: results

*Generated by `bench/{run.script}`; do not edit by hand, rerun it.*

{how_run(report, run)}

## Machine

{machine_block(run.machine, run.versions, run.load_note)}
## {report.inputs_heading}

{report.inputs.strip()}

## Figures and ratios

{TABLE_KEY}
{table_note}
{ratio_table(report.rows)}{notes_block}"""


def terminal(report: Report) -> str:
    notes = "".join(f"\n{note.strip()}\n" for note in report.notes)
    return f"\n{report.summary}\n\n{ratio_table(report.rows)}{notes}"


def write_section(path: str, name: str, text: str) -> None:
    """Writes ``text`` between ``<!-- name:begin -->`` and ``<!-- name:end -->`` in the file at ``path``,
    replacing what the markers held and leaving the rest of the file alone (appended if the markers are
    missing; the file is created if need be). Lets several scripts share one RESULTS.md."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text.strip()}\n{end}"
    try:
        with open(path, encoding="utf-8") as f:
            current = f.read()
    except FileNotFoundError:
        current = ""
    start = current.find(begin)
    stop = current.find(end, start + len(begin)) if start >= 0 else -1
    if start >= 0 and stop >= 0:
        current = current[:start] + block + current[stop + len(end):]
    else:
        current = (current.rstrip() + "\n\n" if current.strip() else "") + block + "\n"
    with open(path, "w", encoding="utf-8") as f:
        f.write(current)

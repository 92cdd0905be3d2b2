"""``python -m antq simulate``: run a scenario file and write its figures as one HTML page.

The page and the terminal label every figure as resting on assumed parameters (``simulation.ASSUMED``): no measured
delays exist for Hải Dương."""

from __future__ import annotations

import html
import io
import os
import sys
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, TextIO

from . import simulation

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["simulate"]


def _elapsed(stream: TextIO, what: str, work: Callable[[], Any]) -> Any:
    """Runs ``work`` (C++ with the GIL released) while a line on ``stream`` shows the seconds spent, when ``stream`` is
    a terminal; the run reports no fraction done, so the line does not pretend to one."""
    if not stream.isatty():
        return work()
    done = threading.Event()
    started = time.perf_counter()

    def tick() -> None:
        spinner = "|/-\\"
        k = 0
        while not done.wait(0.2):
            stream.write(f"\r{spinner[k % 4]} {what}: {time.perf_counter() - started:.1f} s")
            stream.flush()
            k += 1

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        return work()
    finally:
        done.set()
        thread.join()
        stream.write(f"\r{what}: done in {time.perf_counter() - started:.1f} s\n")
        stream.flush()


def _svg(figure: Any) -> str:
    out = io.StringIO()
    figure.savefig(out, format="svg", bbox_inches="tight")
    text = out.getvalue()
    return text[text.index("<svg"):]


def _arrival_charts(run: simulation.Run, graph_levels: dict[str, dict[str, str]]) -> str:
    from matplotlib.figure import Figure

    structures = run.structures
    figure = Figure(figsize=(5.5 * len(structures), 3.6))
    axes = figure.subplots(1, len(structures), squeeze=False)[0]
    deadline = run.scenario.parameters.get("deadline")
    for ax, label in zip(axes, structures):
        result = run.results[label]
        assert isinstance(result, simulation.Cascade)
        frame = result.to_pandas()
        frame["level"] = frame.unit.astype(str).map(graph_levels[label])
        for level, part in frame.dropna(subset=["arrival"]).groupby("level", sort=False):
            ax.hist(part.arrival, bins=40, histtype="step", density=True, label=str(level))
        if deadline is not None:
            ax.axvline(deadline, color="black", linestyle="--", linewidth=1, label=f"deadline ({deadline} days)")
        ax.set_title(f"{label}: arrival times (assumed delays)")
        ax.set_xlabel("days since issue")
        ax.set_ylabel("density")
        ax.legend(fontsize=8)
    return _svg(figure)


def _backlog_charts(run: simulation.Run) -> str:
    from matplotlib.figure import Figure

    structures = run.structures
    figure = Figure(figsize=(5.5 * len(structures), 3.6))
    axes = figure.subplots(1, len(structures), squeeze=False)[0]
    for ax, label in zip(axes, structures):
        result = run.results[label]
        assert isinstance(result, simulation.Escalation)
        mean = result.backlog_frame().groupby(["level", "time"], observed=True).backlog.mean()
        for level in result.levels:
            ax.plot(mean[level].index, mean[level].to_numpy(), label=level)
        ax.set_title(f"{label}: backlog, mean over replications (assumed rates)")
        ax.set_xlabel("day")
        ax.set_ylabel("incidents waiting or in handling")
        ax.legend(fontsize=8)
    return _svg(figure)


def _table(frame: "pandas.DataFrame") -> str:
    return str(frame.to_html(float_format=lambda x: f"{x:.3g}", na_rep="–", border=0))


def page(run: simulation.Run, graph_levels: dict[str, dict[str, str]]) -> str:
    """The HTML page of a run: the assumption first, then the figures, the structures side by side."""
    scenario = run.scenario
    summary = run.summary()
    doc = scenario.to_dict()
    title = html.escape(doc.get("name") or f"{scenario.model} scenario")
    parts = [
        f"<!doctype html><html lang='en'><meta charset='utf-8'><title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto}"
        ".assumed{background:#fff3cd;border:1px solid #d39e00;padding:.6em}table{border-collapse:collapse}"
        "td,th{padding:2px 8px;text-align:right}</style>",
        f"<h1>{title}</h1>",
        f"<p class='assumed'><strong>Assumed parameters.</strong> {html.escape(simulation.ASSUMED)}</p>",
        f"<p>{scenario.reps} replications, seed {scenario.seed}; structures: {', '.join(run.structures)}.</p>",
    ]
    if scenario.model == "cascade":
        parts.append("<h2>Arrival times per level</h2>" + _arrival_charts(run, graph_levels))
        on_time = summary[summary.measure == "on_time"]
        if len(on_time):
            parts.append("<h2>Deadline hit rates (share of each level's units reached by the deadline)</h2>")
            parts.append(_table(on_time.pivot_table(index="level", columns="structure", values="mean", observed=True, sort=False)))
    else:
        parts.append("<h2>Backlog over time</h2>" + _backlog_charts(run))
    parts.append("<h2>Summary: means over replications, 95% intervals (assumed parameters)</h2>" + _table(summary))
    if len(run.structures) > 1:
        parts.append("<h2>Side by side: means</h2>" + _table(run.side_by_side()))
    parts.append("<h2>The scenario (every parameter assumed)</h2><pre>" + html.escape(scenario.to_json()) + "</pre>")
    parts.append("</html>")
    return "\n".join(parts)


def simulate(path: str, out: str, reps: int | None, seed: int | None, threads: int, stderr: TextIO | None = None) -> simulation.Run:
    """Runs the scenario file ``path`` and writes ``out``/index.html."""
    stderr = sys.stderr if stderr is None else stderr  # looked up per call: a caller may have replaced it
    scenario = simulation.Scenario.load(path)
    reps = scenario.reps if reps is None else reps
    what = f"antq: {reps} replications of {scenario.model}" + (", two structures" if scenario.compare else "")
    run: simulation.Run = _elapsed(stderr, what, lambda: simulation.run(scenario, reps=reps, seed=seed, threads=threads))
    graph_levels = {label: {u: run.graphs[label].unit(u).level for u in result.units}
                    for label, result in run.results.items() if isinstance(result, simulation.Cascade)}
    os.makedirs(out, exist_ok=True)
    target = os.path.join(out, "index.html")
    with open(target, "w", encoding="utf-8") as f:
        f.write(page(run, graph_levels))
    return run


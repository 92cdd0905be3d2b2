"""Step 3 of the report: pictures drawn from the figures. Matplotlib PNGs for the heat-map and the evaluation chart;
the org charts as SVG, laid out by Graphviz's ``dot`` from the C++ DOT writer (OrgGraph.to_dot)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from .._core import Selector
from ..model import territory_kinds
from .figures import Breakdown, ChartPart, Heatmap

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import OrgGraph

__all__ = ["heatmap_png", "evaluation_png", "org_chart_svg", "territories_selector"]

# Classification levels from the best down; a rule set with more levels reuses them.
_LEVEL_COLOURS = ("#2e7d32", "#9ccc65", "#ffca28", "#e53935")
_NO_DOSSIER_COLOUR = "#bdbdbd"
# The bodies shown inside each territory's box.
_BODY_CELLS = [("peoples_committee", "UBND"), ("police", "Công an")]


def heatmap_png(heat: Heatmap, path: Path) -> None:
    """Tasks × (unit kind, level), coloured by share of the kind's units at that level, the count in each cell."""
    from matplotlib.figure import Figure

    shares, counts = 100 * heat.shares.to_numpy(dtype=float), heat.counts.to_numpy()
    columns = list(heat.counts.columns)
    clauses = list(heat.counts.index)
    figure = Figure(figsize=(max(6.0, 0.55 * len(columns) + 2), 0.5 * len(clauses) + 2.5))
    ax = figure.subplots()
    image = ax.imshow(shares, cmap="YlOrRd", aspect="auto", vmin=0, vmax=100)
    ax.set_xticks(range(len(columns)), [f"{kind}\n{level}" for kind, level in columns], rotation=60, ha="right",
                  fontsize=7)
    ax.set_yticks(range(len(clauses)), [f"clause {c}" for c in clauses], fontsize=8)
    for i in range(len(clauses)):
        for j in range(len(columns)):
            if counts[i, j]:
                # White on the dark end of the scale, so every count stays readable.
                ax.text(j, i, str(counts[i, j]), ha="center", va="center", fontsize=6,
                        color="white" if shares[i, j] > 60 else "black")
    figure.colorbar(image, ax=ax, label="% of the kind's units at that level (cells: number of units)")
    ax.set_title("Responsibilities: tasks × unit kinds per level")
    figure.tight_layout()
    figure.savefig(path, dpi=110)


def evaluation_png(breakdown: Breakdown, caption: str, path: Path) -> None:
    """Per territory of the breakdown: the charted subject's units by classification level (left) and the share of
    each titled subject's units holding the title (right)."""
    from matplotlib.figure import Figure

    table = breakdown.table
    names = list(table["name"])
    figure = Figure(figsize=(12, 0.42 * len(names) + 2.2))
    left, right = figure.subplots(1, 2, sharey=True)
    starts = [0] * len(names)
    for k, level in enumerate(breakdown.levels):
        counts = [int(n) for n in table[f"level_{level.id}"].fillna(0)]
        left.barh(names, counts, left=starts, color=_LEVEL_COLOURS[k % len(_LEVEL_COLOURS)], label=level.label)
        starts = [s + c for s, c in zip(starts, counts)]
    left.barh(names, [int(n) for n in table["no_dossier"].fillna(0)], left=starts, color=_NO_DOSSIER_COLOUR,
              label="no dossier")
    left.set_title(f"{breakdown.charted.label if breakdown.charted else ''} by classification level")
    left.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=5, frameon=False)
    left.invert_yaxis()
    width = 0.8 / max(1, len(breakdown.titled))
    for k, subject in enumerate(breakdown.titled):
        offset = (k - (len(breakdown.titled) - 1) / 2) * width
        right.barh([i + offset for i in range(len(names))], 100 * table[f"title_share_{subject.id}"], height=width,
                   label=subject.label)
    right.set_xlim(0, 100)
    right.set_title('"An toàn về ANTT": % titled')
    right.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.04), ncol=3, frameon=False)
    figure.suptitle(caption, fontsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=100)


def territories_selector(root: str, levels: tuple[str, ...]) -> Selector:
    """The territories under ``root`` (itself included) at ``levels``."""
    return Selector.within(root) & Selector.level(*levels) & Selector.kind(*territory_kinds)


def org_chart_svg(graph: "OrgGraph", part: ChartPart, title: str) -> str | None:
    """``part`` drawn left to right, each box naming a territory with its People's Committee and police and how many
    territories below it are left out; None when Graphviz's ``dot`` is not installed.

    Raises subprocess.CalledProcessError when ``dot`` refuses the chart."""
    if shutil.which("dot") is None:
        return None
    dot = graph.to_dot(units=territories_selector(part.territory, part.levels), tie_kinds=["contains"], rankdir="LR",
                       title=title, count_hidden_children=True, body_cells=_BODY_CELLS)
    svg = subprocess.run(["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True).stdout
    return svg[svg.index("<svg"):]  # inlined in the page: no XML prolog or doctype

"""The what-if comparison page: a directive compiled on two graphs (before and after a change, or a what-if), its
figures side by side with the change (computed by the core, ``antq::compare``), the coordination pairs that differ,
the selectors left out and the structural diff of the two graphs (``antq.restructure.diff``); printed as a terminal
summary and written as ``compare.html`` (``python -m antq report --compare BEFORE AFTER --out DIR``, or beside the
report's ``index.html``, which links it, by ``write_report(report, out, comparison=c)``)."""

from __future__ import annotations

import dataclasses
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Mapping

from .. import restructure
from ..directive import Directive, Responsibilities, compile
from ..graph import OrgGraph
from ..model import territory_kinds
from . import figures as fig

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Comparison", "compare", "write_compare", "diff_counts", "diff_examples", "SYNTHETIC_MARK", "DIFF_SHOWN"]

#: Beside a figure that counts synthetic units (on the page and in the terminal).
SYNTHETIC_MARK = "*"
#: Rows of each kind of change the page lists (the terminal the first 5); compare_diff.csv holds every row.
DIFF_SHOWN = 10
_DIFF_SHOWN_TERMINAL = 5
_PAIRS_SHOWN = 15  # the terminal's; the page lists them up to LIST_LIMIT, the CSV all
#: The columns of Comparison.diff: restructure.diff's, then the unit's name, the names behind the ids of before and
#: after (moved: the parents; merged and split: the successors) and whether the unit is synthetic.
DIFF_COLUMNS: tuple[str, ...] = ("change", "id", "kind", "level", "before", "after", "name", "before_name",
                                 "after_name", "synthetic")


@dataclass(frozen=True)
class Comparison:
    """``directive`` compiled on ``before`` and on ``after`` (with ``translate`` there), and the tables of
    :func:`antq.restructure.compare` and :func:`antq.restructure.compare_pairs`."""

    directive: Directive
    before: Responsibilities
    after: Responsibilities
    #: section, measure, before, after, change, before_synthetic, after_synthetic.
    measures: "pandas.DataFrame"
    #: lead, partner, before, after, gap_before, gap_after, synthetic.
    pairs: "pandas.DataFrame"
    #: What the translation onto the graph after left out (Responsibilities.dropped()).
    dropped: list[str]
    caveats_before: fig.Caveats
    caveats_after: fig.Caveats
    #: The structural diff of the two graphs, one row per unit (DIFF_COLUMNS): :func:`antq.restructure.diff`'s rows
    #: (change, id, kind, level, before, after), with the names as the graphs hold them and each unit's "synthetic".
    diff: "pandas.DataFrame"
    #: Whether the diff matched the units through the what-if's id map (merges show as merges) or by id alone.
    diff_by_id_map: bool

    @property
    def synthetic(self) -> bool:
        """Whether any figure counts synthetic units."""
        return bool((self.measures["before_synthetic"] > 0).any() or (self.measures["after_synthetic"] > 0).any())

    def summary(self) -> str:
        """The terminal summary."""
        return summary(self)


def compare(before: OrgGraph, after: OrgGraph, directive: Directive,
            translate: Mapping[str, Any] | None = None, *, ids: Any = None) -> Comparison:
    """Compiles ``directive`` on ``before`` and on ``after`` (with ``translate``, as :func:`antq.compile` takes it),
    sets the figures side by side and diffs the two graphs (:func:`antq.restructure.diff`).

    ``ids`` (an :class:`antq.restructure.Applied` or its id map, when ``after`` came from ``apply``, ``remove_level``
    or ``merge``; by default ``translate["ids"]`` if given) lets the diff follow the change: merged units show as
    merged into their successor. Without it, units are matched by id alone: a unit merged away shows as abolished,
    one split as abolished with its parts created. Raises what ``compile`` raises: ``unmatched_selector`` when the
    directive matches nothing on ``after`` and ``translate`` does not drop what is unmatched."""
    on_before = compile(directive, before)
    on_after = compile(directive, after, translate)
    if ids is None and translate is not None:
        ids = translate.get("ids")
    return Comparison(
        directive=directive,
        before=on_before,
        after=on_after,
        measures=restructure.compare(on_before, on_after),
        pairs=restructure.compare_pairs(on_before, on_after),
        dropped=on_after.dropped(),
        caveats_before=fig.graph_caveats(before),
        caveats_after=fig.graph_caveats(after),
        diff=_named_diff(before, after, restructure.diff(before, after, ids)),
        diff_by_id_map=ids is not None,
    )


class _Units:
    """Name and "synthetic" (the attribute, true) of the units of one graph that the diff names, looked up one id at a
    time: the diff names a few of the graph's units, and a whole table of them costs more than the diff."""

    def __init__(self, graph: OrgGraph) -> None:
        self._graph = graph

    def name(self, id: str) -> str | None:  # noqa: A002
        return self._graph.unit(id).name if id in self._graph else None

    def synthetic(self, id: str) -> bool:  # noqa: A002
        return id in self._graph and self._graph.unit(id).attributes.get("synthetic") is True

    def named(self, ids: Any) -> str:
        """"Name (id)" for each of the ids ``ids`` holds (several joined by ", "); an id not in the graph as it is."""
        text = "" if ids is None else str(ids)
        return ", ".join(i if self.name(i) is None else f"{self.name(i)} ({i})" for i in text.split(", ")) if text else ""


def _named_diff(before: OrgGraph, after: OrgGraph, diff: "pandas.DataFrame") -> "pandas.DataFrame":
    """``diff`` with the names behind its ids: the unit's own (from the graph after for a created unit, from the graph
    before otherwise), and for ``before`` / ``after`` where they hold ids (moved: the parents; merged, split: the
    successors, several joined by ", "), each name followed by its id; the unit's "synthetic" from the same graph as
    its name."""
    old, new = _Units(before), _Units(after)
    created = (diff["change"] == "created").to_numpy()
    own = [new if c else old for c in created]
    out = diff.copy()
    out["name"] = [side.name(i) or "" for side, i in zip(own, diff["id"])]
    out["synthetic"] = [side.synthetic(i) for side, i in zip(own, diff["id"])]
    moved = (diff["change"] == "moved").to_numpy()
    successors = diff["change"].isin(["merged", "split"]).to_numpy()
    out["before_name"] = [old.named(b) if m else ("" if b is None else str(b))
                          for m, b in zip(moved, diff["before"])]
    out["after_name"] = [new.named(a) if m or s else ("" if a is None else str(a))
                         for m, s, a in zip(moved, successors, diff["after"])]
    return out[list(DIFF_COLUMNS)]


def diff_counts(c: Comparison) -> "pandas.DataFrame":
    """The structural diff counted: one row per change, part ("territories" or "bodies", posts among them) and level,
    with units and how many of them are synthetic; the changes in the order the diff gives them."""
    import pandas as pd

    d = c.diff
    if d.empty:
        return pd.DataFrame({"change": [], "part": [], "level": [], "units": [], "synthetic": []})
    frame = pd.DataFrame({
        "change": d["change"].astype(str),
        "part": ["territories" if k in territory_kinds else "bodies" for k in d["kind"].astype(str)],
        "level": d["level"].astype(str),
        "synthetic": d["synthetic"].astype(int),
    })
    order = {change: n for n, change in enumerate(dict.fromkeys(frame["change"]))}
    counts = (frame.groupby(["change", "part", "level"], sort=False)
              .agg(units=("synthetic", "size"), synthetic=("synthetic", "sum")).reset_index())
    counts["_order"] = counts["change"].map(order)
    counts["_part"] = (counts["part"] == "bodies").astype(int)
    counts = counts.sort_values(["_order", "_part"], kind="stable").drop(columns=["_order", "_part"])
    return counts.reset_index(drop=True)


def diff_examples(c: Comparison, n: int = DIFF_SHOWN) -> list[tuple[str, int, "pandas.DataFrame"]]:
    """Per change in the diff's order: the change, how many units it concerns, and its first ``n`` rows."""
    d = c.diff
    return [(str(change), len(rows), rows.head(n))
            for change, rows in d.groupby(d["change"].astype(str), sort=False)]


def _graph_line(graph: OrgGraph) -> str:
    as_of = graph.attributes.get("as_of")
    return f"{graph.name} (as of {as_of if as_of else 'unknown'})"


def _diff_row_text(r: Mapping[str, Any]) -> str:
    """One row of the diff as the terminal and the page say it."""
    change, name = r["change"], r["name"]
    if change == "renamed":
        return f"{r['before_name']} → {r['after_name']}"
    if change == "retyped":
        return f"{name}: {r['before_name']} → {r['after_name']}"
    if change == "moved":
        return f"{name}: under {r['before_name']} → under {r['after_name']}"
    if change in ("merged", "split"):
        return f"{name} → {r['after_name']}"
    return str(name)


def _figure(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def _change(value: float) -> str:
    return "0" if value == 0 else ("+" if value > 0 else "") + _figure(value)


def rows(c: Comparison) -> list[dict[str, Any]]:
    """The measures as the page and the terminal show them: figures formatted, a mark where synthetic units count."""
    out = []
    for r in c.measures.to_dict("records"):
        out.append({
            "section": r["section"], "measure": r["measure"],
            "before": _figure(r["before"]) + (SYNTHETIC_MARK if r["before_synthetic"] else ""),
            "after": _figure(r["after"]) + (SYNTHETIC_MARK if r["after_synthetic"] else ""),
            "change": _change(r["change"]),
            "synthetic": f"{int(r['before_synthetic']):,} / {int(r['after_synthetic']):,}"
            if r["before_synthetic"] or r["after_synthetic"] else "",
        })
    return out


def summary(c: Comparison) -> str:
    """The directive, both graphs, each measure before / after / change, the pairs that differ and what was left out."""
    b, a = c.before.graph, c.after.graph
    d = c.directive
    lines = [f"{d.kind.capitalize()} {d.number or '(number unknown)'} compared on two graphs:",
             f"  before: {b.name} ({len(b):,} units, structure {b.structure.id})",
             f"  after:  {a.name} ({len(a):,} units, structure {a.structure.id})"]
    for side, caveats in (("before", c.caveats_before), ("after", c.caveats_after)):
        if caveats.any:
            lines.append(f"NOT ALL FACT ({side}): {caveats.headline}")
    if c.synthetic:
        lines.append(f"{SYNTHETIC_MARK} the figure counts synthetic units of its graph (\"synthetic\": true): it is not "
                     "a fact about the territory")
    table = rows(c)
    width = max(len(r["measure"]) for r in table) if table else 10
    lines += ["", f"  {'measure':<{width}} {'before':>10} {'after':>10} {'change':>9}"]
    section = None
    for r in table:
        if r["section"] != section:
            section = r["section"]
            lines.append(f"{section}:")
        lines.append(f"  {r['measure']:<{width}} {r['before']:>10} {r['after']:>10} {r['change']:>9}")
    pairs = c.pairs
    lines += ["", f"Coordination pairs that differ: {len(pairs)}"]
    for p in pairs.head(_PAIRS_SHOWN).to_dict("records"):
        lines.append(f"  {p['lead']} - {p['partner']}: {_pair_change(p)}" + (f" {SYNTHETIC_MARK}" if p["synthetic"] else ""))
    if len(pairs) > _PAIRS_SHOWN:
        lines.append(f"  ... and {len(pairs) - _PAIRS_SHOWN} more (compare_pairs.csv)")
    lines.append(f"Left out on the graph after (unmatched selectors): {len(c.dropped)}")
    lines += [f"  {line}" for line in c.dropped]
    lines += ["", f"Structural diff, {_graph_line(b)} → {_graph_line(a)}: {len(c.diff):,} units changed, "
                  + ("matched through the what-if's id map" if c.diff_by_id_map else "matched by id alone")]
    for r in diff_counts(c).to_dict("records"):
        lines.append(f"  {r['change']:<10} {r['part']:<12} {r['level']:<10} {r['units']:>6,}"
                     + (f"  ({r['synthetic']:,} synthetic {SYNTHETIC_MARK})" if r["synthetic"] else ""))
    for change, total, rows_ in diff_examples(c, _DIFF_SHOWN_TERMINAL):
        lines.append(f"{change} ({total:,}), the first {min(total, _DIFF_SHOWN_TERMINAL)}:")
        for r in rows_.to_dict("records"):
            lines.append(f"  {r['id']} {_diff_row_text(r)}" + (f" {SYNTHETIC_MARK}" if r["synthetic"] else ""))
    if len(c.diff):
        lines.append("  (every row in compare_diff.csv)")
    return "\n".join(lines)


def _pair_change(p: Mapping[str, Any]) -> str:
    if p["before"] and not p["after"]:
        return "required before only"
    if p["after"] and not p["before"]:
        return "required after only" + (" (no tie)" if p["gap_after"] else "")
    return "gap opened (no tie after)" if p["gap_after"] else "gap closed (a tie after)"


def write_compare(c: Comparison, out: str | os.PathLike[str], *, index: bool = False) -> Path:
    """Writes ``compare.html`` with ``compare_measures.csv``, ``compare_pairs.csv``, ``compare_diff.csv`` and
    ``style.css`` into ``out``; returns the page. ``index``: the page belongs to a report whose ``index.html`` is
    beside it, and links back to it."""
    from .render import STYLESHEET, TEMPLATES, environment

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / STYLESHEET, folder / STYLESHEET)
    c.measures.to_csv(folder / "compare_measures.csv", index=False)
    c.pairs.to_csv(folder / "compare_pairs.csv", index=False)
    c.diff.to_csv(folder / "compare_diff.csv", index=False)
    before, after = c.before.graph, c.after.graph
    banner = fig.Caveats(
        any=c.caveats_before.any or c.caveats_after.any,
        headline=f"Before: {c.caveats_before.headline} After: {c.caveats_after.headline}",
        lines=[f"before: {line}" for line in c.caveats_before.lines] + [f"after: {line}" for line in c.caveats_after.lines],
        synthetic_units=c.caveats_before.synthetic_units,
        groups=[dataclasses.replace(g, label=f"{side}: {g.label}")
                for side, side_caveats in (("before", c.caveats_before), ("after", c.caveats_after))
                for g in side_caveats.groups],
    )
    pairs = [{**p, "change": _pair_change(p)} for p in c.pairs.to_dict("records")]
    page = environment().get_template("compare.html.j2").render(
        caveats=banner,
        territory=before.name,
        directive=c.directive,
        graphs=[{"side": side, "name": g.name, "as_of": g.attributes.get("as_of") or "unknown", "units": len(g),
                  "ties": g.number_of_ties(), "structure": g.structure.id}
                for side, g in (("before", before), ("after", after))],
        rows=rows(c),
        synthetic=c.synthetic,
        mark=SYNTHETIC_MARK,
        pairs=pairs,
        dropped=c.dropped,
        diff={"total": len(c.diff), "by_id_map": c.diff_by_id_map, "counts": diff_counts(c).to_dict("records"),
              "synthetic": int(c.diff["synthetic"].sum()), "shown": DIFF_SHOWN,
              "changes": [{"change": change, "total": total,
                           "rows": [{**r, "text": _diff_row_text(r)} for r in rows_.to_dict("records")]}
                          for change, total, rows_ in diff_examples(c)]},
        index=index,
    )
    path = folder / "compare.html"
    path.write_text(page, encoding="utf-8")
    return path

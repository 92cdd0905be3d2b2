"""The what-if comparison page: a directive compiled on two graphs (before and after a change, or a what-if), its
figures side by side with the change (computed by the core, ``antq::compare``), the coordination pairs that differ and
the selectors left out; printed as a terminal summary and written as ``compare.html``
(``python -m antq report --compare BEFORE AFTER --out DIR``)."""

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
from . import figures as fig

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["Comparison", "compare", "write_compare", "SYNTHETIC_MARK"]

#: Beside a figure that counts synthetic units (on the page and in the terminal).
SYNTHETIC_MARK = "*"
_PAIRS_SHOWN = 15  # the terminal's; the page lists them up to LIST_LIMIT, the CSV all


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

    @property
    def synthetic(self) -> bool:
        """Whether any figure counts synthetic units."""
        return bool((self.measures["before_synthetic"] > 0).any() or (self.measures["after_synthetic"] > 0).any())

    def summary(self) -> str:
        """The terminal summary."""
        return summary(self)


def compare(before: OrgGraph, after: OrgGraph, directive: Directive,
            translate: Mapping[str, Any] | None = None) -> Comparison:
    """Compiles ``directive`` on ``before`` and on ``after`` (with ``translate``, as :func:`antq.compile` takes it) and
    sets the figures side by side. Raises what ``compile`` raises: ``unmatched_selector`` when the directive matches
    nothing on ``after`` and ``translate`` does not drop what is unmatched."""
    on_before = compile(directive, before)
    on_after = compile(directive, after, translate)
    return Comparison(
        directive=directive,
        before=on_before,
        after=on_after,
        measures=restructure.compare(on_before, on_after),
        pairs=restructure.compare_pairs(on_before, on_after),
        dropped=on_after.dropped(),
        caveats_before=fig.graph_caveats(before),
        caveats_after=fig.graph_caveats(after),
    )


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
    return "\n".join(lines)


def _pair_change(p: Mapping[str, Any]) -> str:
    if p["before"] and not p["after"]:
        return "required before only"
    if p["after"] and not p["before"]:
        return "required after only" + (" (no tie)" if p["gap_after"] else "")
    return "gap opened (no tie after)" if p["gap_after"] else "gap closed (a tie after)"


def write_compare(c: Comparison, out: str | os.PathLike[str]) -> Path:
    """Writes ``compare.html`` with ``compare_measures.csv``, ``compare_pairs.csv`` and ``style.css`` into ``out``;
    returns the page."""
    from .render import STYLESHEET, TEMPLATES, environment

    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATES / STYLESHEET, folder / STYLESHEET)
    c.measures.to_csv(folder / "compare_measures.csv", index=False)
    c.pairs.to_csv(folder / "compare_pairs.csv", index=False)
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
        graphs=[{"side": side, "name": g.name, "units": len(g), "ties": g.number_of_ties(), "structure": g.structure.id}
                for side, g in (("before", before), ("after", after))],
        rows=rows(c),
        synthetic=c.synthetic,
        mark=SYNTHETIC_MARK,
        pairs=pairs,
        dropped=c.dropped,
    )
    path = folder / "compare.html"
    path.write_text(page, encoding="utf-8")
    return path

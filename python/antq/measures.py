"""Organisation measures, computed in C++ (antq/measures/): the structure's shape (span of control, chains of
command, dual subordination, bodies per territory, what each head answers for), Krackhardt's four dimensions on a
tie view, graph kernels on typed views (betweenness, articulation points, bridges, components, what cuts whom
from a source), and the measures of a compiled directive (workload, exclusivity, redundancy, orphans,
congruence). docs/measures.md gives each formula, its source and its complexity.

A *tie view* is named by ``ties`` (one tie kind or a list of them, e.g. ``["forwards"]``), ``directed`` (False
reads every tie both ways) and ``units`` (an :class:`antq.Selector` or its JSON form; by default every unit with a
tie of the view). ``units`` needs the OrgGraph (a selector is evaluated on it): on a frozen view it is refused
with ``needs_graph``.

Every call that takes a graph takes an :class:`antq.OrgGraph` or its frozen view (``graph.freeze()``) alike, with
the same answers; a frozen view is the cheaper to query again and again while the graph stays unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Mapping, NamedTuple

from . import _core
from ._core import Selector
from ._frames import frame
from .errors import _wrong_type

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from .directive import Responsibilities

__all__ = [
    "Structure",
    "Krackhardt",
    "Cuts",
    "CutsFrom",
    "Congruence",
    "structure",
    "krackhardt",
    "betweenness",
    "components",
    "articulation_points",
    "bridges",
    "cuts",
    "cuts_from",
    "workload",
    "redundancy",
    "orphans",
    "congruence",
]

Ties = str | Iterable[str]
# Every graph measure reads an OrgGraph or its frozen view (``graph.freeze()``), with the same answers.
Graph = _core.OrgGraph | _core.FrozenGraph


def _ties(ties: Ties) -> list[str]:
    if isinstance(ties, str):
        return [ties]
    if ties is None:
        raise _wrong_type("ties", "name at least one tie kind, found None")
    return [str(t) for t in ties]


def _units(units: Selector | Mapping[str, Any] | None) -> Selector | None:
    if units is None or isinstance(units, Selector):
        return units
    return Selector.from_json(dict(units))


class Structure(NamedTuple):
    """The structure's shape. ``bodies``: per body its span of control (``subordinates``), ``superiors``, ``depth``
    (ties on its longest chain of command to a top body) and ``chains`` (chains of command to a top). ``levels``:
    per level the mean and largest span of the directing bodies, the dual-subordination share, depth, bodies per
    territory and what head posts answer for. ``territories``: bodies serving each. ``heads``: bodies each head post
    heads and ``answers_for`` (those and every body below them)."""

    bodies: "pandas.DataFrame"
    levels: "pandas.DataFrame"
    territories: "pandas.DataFrame"
    heads: "pandas.DataFrame"
    max_depth: int
    dual_share: float


class Krackhardt(NamedTuple):
    """Krackhardt's (1994) four dimensions: each 1 for an out-tree; NaN where undefined (as in R's sna)."""

    connectedness: float
    hierarchy: float
    efficiency: float
    lubness: float


class Cuts(NamedTuple):
    """Articulation points (``unit``, ``pieces``) and bridges (``source``, ``target``, ``ties``, ``separated``)."""

    articulation_points: "pandas.DataFrame"
    bridges: "pandas.DataFrame"


class CutsFrom(NamedTuple):
    """What cuts whom from ``source``: units (``unit``, ``cut_off``) and ties (``source``, ``target``,
    ``cut_off``) that every path to ``cut_off`` units runs through; ``reached`` counts the units the source reaches."""

    source: str
    reached: int
    units: "pandas.DataFrame"
    ties: "pandas.DataFrame"


class Congruence(NamedTuple):
    """Required coordination (lead and coordinator of a task in one territory) against existing ties, over the
    ``units`` with a working role: ``required``, ``tied``, ``covered`` pairs, ``gaps`` (required, untied),
    ``unrequired`` (tied, not required); ``congruence`` = 1 − (gaps + unrequired) / (n(n−1)/2); ``coverage`` =
    covered / required."""

    units: int
    required: int
    tied: int
    covered: int
    gaps: int
    unrequired: int
    congruence: float
    coverage: float


def structure(graph: Graph) -> Structure:
    """Span of control, chains of command, dual subordination, bodies per territory and heads' reach."""
    r = _core.structure(graph)
    return Structure(
        bodies=frame(r["bodies"]),
        levels=frame(r["levels"]),
        territories=frame(r["territories"]),
        heads=frame(r["heads"]),
        max_depth=int(r["max_depth"]),
        dual_share=float(r["dual_share"]),
    )


def krackhardt(
    graph: Graph,
    ties: Ties = ("directs",),
    *,
    directed: bool = True,
    units: Selector | Mapping[str, Any] | None = None,
    lub: str = "krackhardt",
    max_component: int = 20_000,
) -> Krackhardt:
    """Connectedness, hierarchy, efficiency and least upper boundedness of a tie view. ``lub="sna"`` counts least
    upper bounds as R's sna 2.7 does (one top unit above both); the default follows Krackhardt's axiom (an upper
    bound reached by every other). Weak components above ``max_component`` units are refused."""
    r = _core.krackhardt(graph, _ties(ties), directed, _units(units), lub, max_component)
    return Krackhardt(r["connectedness"], r["hierarchy"], r["efficiency"], r["lubness"])


def betweenness(
    graph: Graph,
    ties: Ties = ("forwards",),
    *,
    directed: bool = True,
    units: Selector | Mapping[str, Any] | None = None,
    normalized: bool = False,
    samples: int | None = None,
    seed: int = 0,
    sources: Iterable[str] | None = None,
) -> "pandas.DataFrame":
    """Shortest-path betweenness of every unit of the view: DataFrame ``unit``, ``betweenness`` (raw unless
    ``normalized``). ``samples`` estimates from that many seeded random sources (``sources`` names them), scaled
    to all sources as NetworkX's ``k`` does."""
    columns, _ = _core.betweenness(
        graph, _ties(ties), directed, _units(units), normalized, samples, seed, list(sources or [])
    )
    return frame(columns)


def components(
    graph: Graph,
    ties: Ties,
    *,
    directed: bool = True,
    units: Selector | Mapping[str, Any] | None = None,
    connection: str = "weak",
) -> "pandas.DataFrame":
    """Component of every unit of the view: DataFrame ``unit``, ``component`` (0, 1, ... by first unit);
    ``connection="strong"`` for strongly connected components of a directed view."""
    return frame(_core.components(graph, _ties(ties), directed, _units(units), connection))


def cuts(graph: Graph, ties: Ties, *, units: Selector | Mapping[str, Any] | None = None) -> Cuts:
    """Articulation points and bridges of the view, every tie read both ways."""
    r = _core.cuts(graph, _ties(ties), _units(units))
    return Cuts(frame(r["articulation_points"]), frame(r["bridges"]))


def articulation_points(
    graph: Graph, ties: Ties, *, units: Selector | Mapping[str, Any] | None = None
) -> "pandas.DataFrame":
    """Units whose loss splits their component (ties read both ways): DataFrame ``unit``, ``pieces``."""
    return frame(_core.cuts(graph, _ties(ties), _units(units), bridges=False)["articulation_points"])


def bridges(
    graph: Graph, ties: Ties, *, units: Selector | Mapping[str, Any] | None = None
) -> "pandas.DataFrame":
    """Links whose loss splits their component (ties read both ways): ``source``, ``target``, ``ties``, ``separated``."""
    return frame(_core.cuts(graph, _ties(ties), _units(units), articulation_points=False)["bridges"])


def cuts_from(
    graph: Graph,
    source: str,
    ties: Ties = ("forwards",),
    *,
    directed: bool = True,
    units: Selector | Mapping[str, Any] | None = None,
) -> CutsFrom:
    """Which single unit or tie cuts whom from ``source`` along the view (dominators), e.g. the forwarding
    network from a directive's issuer."""
    r = _core.cuts_from(graph, source, _ties(ties), directed, _units(units))
    return CutsFrom(r["source"], int(r["reached"]), frame(r["units"]), frame(r["ties"]))


def _measures(table: "Responsibilities | _core.Responsibilities") -> dict[str, Any]:
    core = getattr(table, "_core", table)
    if not isinstance(core, _core.Responsibilities):
        found = type(table).__name__
        raise _wrong_type("table", f"expected antq.Responsibilities, found {found}")
    return _core.responsibility_measures(core)


def workload(table: "Responsibilities | _core.Responsibilities") -> "pandas.DataFrame":
    """Per unit holding a role: ``tasks`` with a working role (lead, coordinate, advise, monitor), the tasks per
    role, ``share`` of the directive's tasks and task ``exclusivity`` (Σ exp(1 − units on the task); exactly 0 when
    every task has 747 units or more, docs/measures.md)."""
    return frame(_measures(table)["units"])


def redundancy(table: "Responsibilities | _core.Responsibilities") -> "pandas.DataFrame":
    """Per task (``clause``): working ``units``, units per role, ``redundancy`` (units beyond one),
    ``lead_territories``, ``duplicate_leads``, ``leads_reached`` along ``forwards`` from the issuer, ``orphan``."""
    return frame(_measures(table)["tasks"])


def orphans(table: "Responsibilities | _core.Responsibilities") -> list[str]:
    """Clauses whose only lead has no forwarding path from the issuer."""
    tasks = _measures(table)["tasks"]
    return [clause for clause, orphan in zip(tasks["clause"], tasks["orphan"]) if orphan]


def congruence(table: "Responsibilities | _core.Responsibilities", ties: Ties | None = None) -> Congruence:
    """Congruence of required coordination with ties of ``ties`` (every kind if None)."""
    core = getattr(table, "_core", table)
    if not isinstance(core, _core.Responsibilities):
        found = type(table).__name__
        raise _wrong_type("table", f"expected antq.Responsibilities, found {found}")
    r = _core.congruence(core, [] if ties is None else _ties(ties))
    return Congruence(**r)

"""antq.measures' Python face: DataFrames and named results, hand-checked on a small graph, and clean errors."""

from __future__ import annotations

import json
import math

import pytest

import antq
import antq.measures as am


@pytest.fixture
def small() -> antq.OrgGraph:
    """Province 30 with districts 1 and 2, commune 11 in district 1. Bodies: p (province), d1, d2 (districts, under
    p), c (commune 11) under both d1 and d2 (dual subordination). Post h heads p. Text goes p -> d1 -> c."""
    g = antq.OrgGraph()
    g.add_unit("30", "Tỉnh", "province")
    g.add_unit("001", "Huyện 1", "district")
    g.add_unit("002", "Huyện 2", "district")
    g.add_unit("00011", "Xã 11", "commune")
    g.add_tie("30", "001", "contains")
    g.add_tie("30", "002", "contains")
    g.add_tie("001", "00011", "contains")
    for body, area, level in [("p", "30", "province"), ("d1", "001", "district"), ("d2", "002", "district"), ("c", "00011", "commune")]:
        g.add_unit(body, f"UBND {area}", "peoples_committee", level=level)
        g.add_tie(body, area, "serves")
    g.add_unit("h", "Chủ tịch", "post", level="province")
    g.add_tie("h", "p", "heads")
    for a, b in [("p", "d1"), ("p", "d2"), ("d1", "c"), ("d2", "c")]:
        g.add_tie(a, b, "directs")
    g.add_tie("p", "d1", "forwards")
    g.add_tie("d1", "c", "forwards")
    return g


def test_structure_by_hand(small: antq.OrgGraph) -> None:
    s = am.structure(small)
    bodies = s.bodies.assign(unit=s.bodies["unit"].astype(str)).set_index("unit")
    assert bodies.loc["p", "subordinates"] == 2
    assert bodies.loc["c", "superiors"] == 2
    assert bodies.loc["c", "depth"] == 2
    assert bodies.loc["c", "chains"] == 2
    assert s.max_depth == 2
    assert s.dual_share == pytest.approx(1 / 3)  # c, of the three subordinate bodies
    levels = s.levels.set_index("level")
    assert levels.loc["province", "mean_span"] == 2.0
    assert levels.loc["district", "mean_span"] == 1.0
    assert levels.loc["commune", "dual_share"] == 1.0
    assert levels.loc["province", "mean_bodies_per_territory"] == 1.0
    assert list(s.heads["answers_for"]) == [4]
    assert list(s.levels["level"]) == list(antq.levels)


def test_krackhardt_by_name(small: antq.OrgGraph) -> None:
    k = am.krackhardt(small, ties=["directs"])
    assert k._fields == ("connectedness", "hierarchy", "efficiency", "lubness")
    assert k.connectedness == 1.0 and k.hierarchy == 1.0
    assert k.efficiency == pytest.approx(1 - 1 / 9)  # 4 arcs, 3 needed, (4-1)^2 possible
    assert k.lubness == 1.0  # p is the least upper bound of every pair
    assert tuple(am.krackhardt(small, "forwards")) == (1.0, 1.0, 1.0, 1.0)  # a chain is an out-tree
    assert math.isnan(am.krackhardt(small, "coordinates").hierarchy)


def test_betweenness_frame(small: antq.OrgGraph) -> None:
    b = am.betweenness(small, ties=["forwards"])
    assert list(b.columns) == ["unit", "betweenness"]
    assert dict(zip(b["unit"].astype(str), b["betweenness"])) == {"p": 0.0, "d1": 1.0, "c": 0.0}
    n = am.betweenness(small, ties=["forwards"], normalized=True)
    assert n["betweenness"].max() == pytest.approx(0.5)  # 1 of (3-1)(3-2) ordered pairs
    both = am.betweenness(small, ties=["directs"], directed=False)
    # d1 and d2 are joined by two shortest paths, d1-p-d2 and d1-c-d2: p carries half.
    assert dict(zip(both["unit"].astype(str), both["betweenness"]))["p"] == pytest.approx(0.5)


def test_cuts_and_components(small: antq.OrgGraph) -> None:
    cuts = am.cuts(small, ["forwards"])
    assert list(cuts.articulation_points["unit"].astype(str)) == ["d1"]
    assert len(cuts.bridges) == 2
    assert am.articulation_points(small, ["directs"]).empty  # the diamond has none
    assert am.components(small, ["directs"], connection="strong")["component"].nunique() == 4
    c = am.cuts_from(small, "p", "forwards")
    assert c.reached == 3
    assert dict(zip(c.units["unit"].astype(str), c.units["cut_off"])) == {"d1": 1}
    assert list(c.ties["cut_off"]) == [2, 1]
    assert am.cuts_from(small, "p", "directs").units.empty  # two ways down to c


def test_responsibility_measures(small: antq.OrgGraph) -> None:
    # The embedded directive's document, with the issuer, recipients and tasks of this graph.
    document = json.loads(antq.datasets.directive_2024().dumps())
    template = document["tasks"][0]
    document.update(issuer="p", signer="h", recipients=[{"label": "UBND", "selector": {"id": "p"}}])

    def task(clause: str, assignments: list[dict[str, object]]) -> dict[str, object]:
        return {**template, "clause": clause, "title": clause, "assignments": assignments}

    document["tasks"] = [
        task("1", [{"role": "lead", "units": {"kind": "peoples_committee", "level": "district"}}, {"role": "coordinate", "units": {"id": "c"}}]),
        task("2", [{"role": "lead", "units": {"id": "d2"}}]),
        task("3", [{"role": "lead", "units": {"id": "c"}}]),
    ]
    directive = antq.Directive.loads(json.dumps(document))
    table = antq.compile(directive, small)
    w = am.workload(table).assign(unit=lambda f: f["unit"].astype(str)).set_index("unit")
    assert w.loc["c", "tasks"] == 2
    assert w.loc["c", "exclusivity"] == pytest.approx(math.exp(-2) + 1)  # task 1 with d1, d2; task 3 alone
    r = am.redundancy(table).set_index("clause")
    assert list(r["redundancy"]) == [2, 0, 0]
    assert am.orphans(table) == ["2"]  # d2 leads alone and gets no text
    k = am.congruence(table)
    # 3 working units, 3 pairs. Required: none (c serves commune 11, the leads serve districts); tied: d1-c, d2-c.
    assert (k.required, k.tied, k.gaps, k.unrequired) == (0, 2, 0, 2)
    assert k.congruence == pytest.approx(1 / 3)
    assert math.isnan(k.coverage)


def test_clean_errors(small: antq.OrgGraph) -> None:
    with pytest.raises(antq.InvalidInputError, match="wrong_type"):
        am.betweenness(None, "forwards")  # type: ignore[arg-type]
    with pytest.raises(antq.InvalidInputError, match="wrong_type"):
        am.krackhardt(small, None)  # type: ignore[arg-type]
    with pytest.raises(antq.InvalidInputError, match="no_tie_kind"):
        am.krackhardt(small, [])
    with pytest.raises(antq.InvalidInputError):
        am.krackhardt(small, ["friendship"])
    with pytest.raises(antq.InvalidInputError, match="bad_option"):
        am.krackhardt(small, "directs", lub="tarski")
    with pytest.raises(antq.InvalidInputError, match="bad_option"):
        am.components(small, "directs", connection="medium")
    with pytest.raises(antq.InvalidInputError, match="component_too_large"):
        am.krackhardt(small, "directs", max_component=2)
    with pytest.raises(antq.InvalidInputError, match="bad_samples"):
        am.betweenness(small, "forwards", samples=0)
    with pytest.raises(antq.NotFoundError):
        am.cuts_from(small, "nowhere", "forwards")
    with pytest.raises(antq.InvalidInputError, match="not_in_view"):
        am.cuts_from(small, "h", "forwards")
    with pytest.raises(antq.InvalidInputError, match="wrong_type"):
        am.workload("table")  # type: ignore[arg-type]


def test_stale_table(small: antq.OrgGraph) -> None:
    directive = antq.datasets.directive_2024()
    graph = antq.datasets.hai_duong_2024()
    table = antq.compile(directive, graph)
    assert len(am.workload(table)) > 0
    graph.add_unit("x.body", "X", "police", level="province")
    with pytest.raises(antq.StaleViewError):
        am.workload(table)

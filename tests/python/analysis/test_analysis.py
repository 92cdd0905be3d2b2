"""The analyses of a compiled directive from Python: reach through forwarding, load, coordination, accountability
and oversight, on the embedded 2024 directive and graph (the `compiled` fixture)."""

from __future__ import annotations

import json
from collections import Counter

import pytest

import antq


def test_reach(compiled):
    res = compiled.reach()
    assert res["unreached"] == []
    assert res["recipients"] == compiled.recipients()
    assert res["bound"] == compiled.bound_units()
    assert set(res["paths"]) == set(res["bound"])
    recipients = set(res["recipients"])
    for unit, path in res["paths"].items():
        assert path[0] in recipients and path[-1] == unit
    assert res["paths"]["10987.pc"] == ["296.pc", "10987.pc"]
    assert res["paths"]["30.pc"] == ["30.pc"]


def test_reach_without_one_district_forwarding():
    g = antq.datasets.hai_duong_2024()
    for tie in g.out_ties("296.pc", "forwards"):
        g.remove_tie(tie.source, tie.target, tie.kind)
    r = antq.compile(antq.datasets.directive_2024(), g)
    unreached = r.reach()["unreached"]
    bg_commune_pcs = g.select(antq.Selector.kind("peoples_committee") & antq.Selector.level("commune") & antq.Selector.within("296"))
    assert len(bg_commune_pcs) == 16
    assert set(bg_commune_pcs) <= set(unreached)
    assert set(unreached) <= set(g.select(antq.Selector.within("296")))
    assert "296.police" not in unreached  # also forwarded by 30.police
    # Exactly the bound units no forwarding path reaches any more, computed here by hand.
    seen = set(r.recipients())
    frontier = list(seen)
    while frontier:
        nxt = []
        for u in frontier:
            for v in g.children(u, "forwards"):
                if v not in seen:
                    seen.add(v)
                    nxt.append(v)
        frontier = nxt
    assert unreached == [u for u in r.bound_units() if u not in seen]


def test_load(compiled, hai_duong):
    res = compiled.load()
    # The provincial police build the Bình Giang pilot (clause 3) and, as a provincial sector, lead clause 1 and
    # receive the text; a district police leads clause 1 as a sector and builds the exemplary commune police.
    assert res["units"]["30.police"] == {"lead": 4, "coordinate": 2, "advise": 1, "monitor": 1, "inform": 7}
    assert res["units"]["296.police"] == {"lead": 4, "coordinate": 2, "advise": 0, "monitor": 0, "inform": 0}
    assert res["units"]["30.pc"]["lead"] == 5
    df = compiled.to_pandas()
    by_level = df.groupby(["unit_level", "role"]).size()
    for level, roles in res["by_level"].items():
        for role, n in roles.items():
            assert n == int(by_level.get((level, role), 0)), (level, role)
    assert sum(sum(roles.values()) for roles in res["by_level"].values()) == len(compiled)
    assert len(res["units"]) == df["unit"].nunique()

    def weight(u: str) -> int:
        roles = res["units"][u]
        return roles["lead"] + roles["coordinate"] + roles["monitor"]

    top = res["most_loaded"]
    assert len(top) == 10
    assert top[:3] == ["30.police", "30.pc", "288.pc"]  # the provincial police also build the Bình Giang pilot
    keys = [(-weight(u), hai_duong.index_of(u)) for u in top]
    assert keys == sorted(keys)
    assert weight(top[-1]) >= max(weight(u) for u in res["units"] if u not in top)


def test_coordination(compiled, hai_duong):
    pairs = compiled.coordination()
    assert pairs
    for p in pairs:
        assert hai_duong.area(p["lead"]) == hai_duong.area(p["partner"])
        assert p["lead"] != p["partner"]
        assert p["gap"] == (p["ties"] == [])
    keys = [(hai_duong.index_of(p["lead"]), hai_duong.index_of(p["partner"])) for p in pairs]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    pair = next(p for p in pairs if (p["lead"], p["partner"]) == ("296.pc", "296.police"))
    assert pair["tasks"] == ["3", "4"]  # clause 4: the district PC holds the Ngày hội at the grassroots
    assert "directs" in pair["ties"]
    assert not pair["gap"]
    # No pair across territories: 296.pc with the provincial police.
    assert not any((p["lead"], p["partner"]) == ("296.pc", "30.police") for p in pairs)


def test_accountability(compiled, hai_duong):
    a = compiled.accountability("10987.police")
    assert a["unit"] == "10987.police"
    assert a["head"] == hai_duong.head("10987.police")
    chain, heads = a["chain"], a["chain_heads"]
    assert chain[0] == "10987.police" and chain[-1] == "30.pc"
    assert heads[-1] == "30.pc.head"
    assert len(chain) == len(heads) == 4  # a shortest chain: commune, district, province
    for lower, upper in zip(chain, chain[1:]):
        assert upper in hai_duong.parents(lower, "directs")
    assert heads == [hai_duong.head(u) for u in chain]
    top = compiled.accountability("30.pc")
    assert top["chain"] == ["30.pc"] and top["chain_heads"] == ["30.pc.head"]
    # No directs path up to the issuer: an empty chain.
    assert hai_duong.parents("vn.mps", "directs") == []
    none = compiled.accountability("vn.mps")
    assert none["chain"] == [] and none["chain_heads"] == []
    with pytest.raises(antq.NotFoundError):
        compiled.accountability("no.such.unit")


def test_task_accountability(compiled, hai_duong):
    res = compiled.task_accountability("1")
    assert set(res) == {"province", "district", "commune"}
    assert ("30.pc", "30.pc.head") in res["province"]
    leads = compiled.units_of("1", "lead")
    listed = [u for rows in res.values() for u, _ in rows]
    assert sorted(listed) == sorted(leads)
    for level, rows in res.items():
        for unit, head in rows:
            assert hai_duong.unit(unit).level == level
            assert head == hai_duong.head(unit)
    # People's Committees, steering committees, Party committees, Front committees, police, schools; mass organisations.
    assert len(res["commune"]) == 6 * 235 + 940
    with pytest.raises(antq.NotFoundError):
        compiled.task_accountability("9")


def test_oversight(compiled, hai_duong):
    res = compiled.oversight()
    # The closing clause's provincial police; clause 6's steering committees 138 of every level; clause 4's Party
    # committees, People's Committees and steering committees of every level, who attend the Ngày hội.
    assert len(res["monitors"]) == 1 + 3 * 248 and "30.police" in res["monitors"]
    watched = res["monitors"]["30.police"]
    assert len(watched) == 18 + 247  # not 30.pc, which issued the directive
    kinds = Counter(hai_duong.unit(u).kind for u in watched)
    assert kinds == Counter({"department": 18, "peoples_committee": 247})
    # The provincial committee watches its province's units, the district one its district's, neither its own PC.
    assert "296.police" in res["monitors"]["30.sc138"] and "30.pc" not in res["monitors"]["30.sc138"]
    assert "10987.police" in res["monitors"]["296.sc138"] and "296.pc" not in res["monitors"]["296.sc138"]
    assert not any(u.startswith("288") for u in res["monitors"]["296.sc138"])
    everyone = set().union(*map(set, res["monitors"].values())) | set(res["monitors"])
    assert res["unmonitored"] == [u for u in compiled.bound_units() if u not in everyone]


@pytest.mark.parametrize(
    "unit, names",
    [("296", ["296.pc", "296.police"]), ("30.pc.head", ["30.pc"])],
    ids=["a territory", "a post"],
)
def test_accountability_of_what_is_not_a_body_says_where_to_look(compiled, unit, names):
    with pytest.raises(antq.InvalidInputError) as info:
        compiled.accountability(unit)  # an empty chain would read as "answers to nobody"
    assert (info.value.tag, info.value.where) == ("not_a_body", f"'{unit}'")
    for name in names:
        assert f"'{name}'" in str(info.value)


def test_results_are_tables_for_pandas(compiled):
    reach = compiled.reach()
    frame = reach.to_pandas()
    assert list(frame.columns) == ["unit", "recipient", "reached", "path"]
    assert list(frame["unit"]) == reach["bound"]
    assert frame.set_index("unit").at["10987.pc", "path"] == ["296.pc", "10987.pc"]
    assert frame["recipient"].sum() == len(set(reach["recipients"]) & set(reach["bound"]))
    assert frame["reached"].all()

    load = compiled.load()
    per_unit = load.to_pandas().set_index("unit")
    assert list(per_unit.columns) == list(antq.directive.ROLES)
    assert per_unit.loc["30.police"].to_dict() == load["units"]["30.police"]
    assert per_unit.to_numpy().sum() == len(compiled)
    per_level = load.to_pandas("level").set_index("level")
    assert per_level.loc["district"].to_dict() == load["by_level"]["district"]
    with pytest.raises(antq.InvalidInputError, match="unknown_by: 'kind': expected one of unit, level"):
        load.to_pandas("kind")

    pairs = compiled.coordination()
    table = pairs.to_pandas()
    assert len(table) == len(pairs) and list(table.columns) == ["lead", "partner", "tasks", "ties", "gap"]
    assert table.to_dict("records") == list(pairs)
    assert pairs.gaps() == [p for p in pairs if p["gap"]]

    chain = compiled.accountability("10987.police")
    assert chain.to_pandas().to_dict("list") == {"unit": chain["chain"], "head": chain["chain_heads"]}

    oversight = compiled.oversight()
    watched = oversight.to_pandas()
    assert len(watched) == sum(len(w) for w in oversight["monitors"].values())
    assert set(watched.loc[watched["monitor"] == "30.police", "unit"]) == set(oversight["monitors"]["30.police"])


def test_results_stay_plain_dicts_and_lists(compiled):
    # Code written for the dicts keeps working: equality, keys, JSON.
    oversight = compiled.oversight()
    assert isinstance(oversight, dict) and oversight == dict(oversight)
    assert set(compiled.load()) == {"units", "by_level", "most_loaded"}
    assert isinstance(compiled.coordination(), list)
    assert set(compiled.reach()) == {"recipients", "bound", "unreached", "paths"}


def test_results_display_as_escaped_tables(compiled):
    for result in (compiled.reach(), compiled.load(), compiled.coordination(), compiled.accountability("10987.police"),
                   compiled.oversight()):
        page = result._repr_html_()
        assert page.startswith("<p><b>&lt;antq.analysis.") and "<table" in page, type(result).__name__
    assert "10987.police" in compiled.accountability("10987.police")._repr_html_()


def test_result_titles_are_escaped(tiny):
    tiny.add_unit("30.<b>&x", "Ban <i>", "police", level="province")
    tiny.add_tie("30.pc", "30.<b>&x", "directs")
    doc = {"format": "antq.directive", "version": 1, "id": "d", "kind": "chỉ thị", "number": "", "date": "",
           "year": 2024, "title": "t", "issuer": "30.pc", "signer": "30.pc.head", "theme": "t", "references": [],
           "events": [], "recipients": [{"label": "x", "selector": {"id": "30.pc"}}],
           "tasks": [{"clause": "1", "title": "t", "assignments": [{"role": "lead", "units": {"id": "30.<b>&x"}}]}]}
    page = antq.compile(antq.Directive.loads(json.dumps(doc)), tiny).accountability("30.<b>&x")._repr_html_()
    assert "30.&lt;b&gt;&amp;x" in page and "<b>&x" not in page


def test_hierarchy_on_the_frozen_view(hai_duong):
    """FrozenGraph.ancestors, descendants and chains_of_command give OrgGraph's answers, as arrays of unit indices."""
    import numpy as np

    f = hai_duong.freeze()
    for unit in f.ids()[::25]:
        for kind in ("contains", "directs", "forwards", "heads"):
            assert f.ids(f.ancestors(unit, kind)) == hai_duong.ancestors(unit, kind), (unit, kind)
            assert f.ids(f.descendants(unit, kind)) == hai_duong.descendants(unit, kind), (unit, kind)
        if f.kinds([f.index_of(unit)])[0] == antq.unit_kinds.index("police"):
            assert [f.ids(c) for c in f.chains_of_command(unit)] == hai_duong.chains_of_command(unit), unit
    up = f.ancestors("10987.police", "directs")
    assert up.dtype == np.int64
    assert f.ids(up)[:3] == ["10987.pc", "296.police", "10987.council"]
    # A unit by index, a NumPy integer included (as f.indices() gives them).
    assert list(f.ancestors(f.index_of("10987.police"), "directs")) == list(up)
    assert list(f.descendants(f.indices(["296"])[0])) == list(f.descendants("296"))
    chains = f.chains_of_command("10987.police")
    assert len(chains) == 7 and f.ids(chains[-1]) == ["10987.police", "296.police", "30.police", "vn.mps"]
    with pytest.raises(antq.InvalidInputError, match="too_many_paths: '10987.police'"):
        f.chains_of_command("10987.police", max_paths=3)


def test_hierarchy_on_the_frozen_view_refuses_bad_units_and_answers_as_frozen(tiny):
    f = tiny.freeze()
    with pytest.raises(antq.NotFoundError, match="unknown_unit"):
        f.ancestors("nowhere")
    with pytest.raises(antq.NotFoundError, match=r"unknown_unit: unit\[0\]: no unit has index 9999"):
        f.descendants(9999)
    for bad in (True, 2.0, None):
        with pytest.raises(antq.InvalidInputError, match="wrong_type: unit"):
            f.chains_of_command(bad)  # type: ignore[arg-type]
    with pytest.raises(antq.InvalidInputError, match="unknown_kind: kind"):
        f.ancestors("296", "above")
    tiny.add_unit("10945-v99", "Thôn mới", "village")
    tiny.add_tie("10945", "10945-v99", "contains")
    assert "10945-v99" in tiny.descendants("296")
    assert f.ids(f.descendants("296")) == [u for u in tiny.descendants("296") if u != "10945-v99"]  # as frozen


def _body_rows(page: str) -> int:
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    return body.count("<tr")


def test_displays_cut_long_tables_to_the_display_option(compiled):
    import pandas as pd

    reach = compiled.reach()
    total = len(reach["bound"])
    with pd.option_context("display.max_rows", 10):
        page = reach._repr_html_()
    # pandas' own cut: the first five rows, a row of ellipses, the last five, and the count in all beneath.
    assert _body_rows(page) == 10 + 1 and f"{total} rows × 4 columns" in page
    assert len(page) < 10_000
    with pd.option_context("display.max_rows", total + 1):
        page = reach._repr_html_()
    assert _body_rows(page) == total and f"{total} rows × 4 columns" in page

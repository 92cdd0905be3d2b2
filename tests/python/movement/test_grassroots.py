"""antq.grassroots: team-sizing rules, team plans and adding teams (Law 30/2023/QH15)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest

import antq
from antq import grassroots as gr

ROOT = Path(__file__).resolve().parents[3]
RULE_FILE = ROOT / "data" / "rules" / "team_sizing_hai_duong_2024.json"


def members(households: int, first: int = 800, second: int = 1000) -> int:
    """Hải Dương's thresholds written out, independently of the rule."""
    return 3 if households < first else 4 if households < second else 5


def villages_by_hand(graph: antq.OrgGraph):
    """Villages with households, commune, district and province, read from the graph's DataFrames."""
    units, ties = graph.to_pandas()
    contains = ties[ties["kind"] == "contains"].set_index("target")["source"]
    villages = units[units["kind"] == "village"].copy()
    villages["households"] = villages["attributes"].map(lambda a: a["households"])
    villages["commune"] = villages["id"].map(contains)
    villages["district"] = villages["commune"].map(contains)
    villages["province"] = villages["district"].map(contains)
    return villages


# ---- the rule ------------------------------------------------------------------------------------------


def test_default_rule_is_hai_duong_with_the_last_band_assumed():
    rule = gr.default_rule()
    assert rule.id == "hai_duong_2024"
    assert rule.in_force == "2024-07-01"
    assert [(b.min_households, b.below_households, b.members) for b in rule.bands] == [
        (0, 800, 3),
        (800, 1000, 4),
        (1000, None, 5),
    ]
    assert [b.assumed for b in rule.bands] == [False, False, True]
    assert rule.bands[0].assumption is None
    assert "cut off" in rule.bands[2].assumption
    assert gr.TeamSizingRule.load(RULE_FILE) == rule
    assert json.loads(gr.default_rule_json()) == json.loads(RULE_FILE.read_text("utf-8"))


@pytest.mark.parametrize(("households", "expected"), [(0, 3), (799, 3), (800, 4), (999, 4), (1000, 5), (10**9, 5)])
def test_members_for_band_boundaries(households, expected):
    assert gr.default_rule().members_for(households) == expected


def test_negative_households_is_an_error():
    with pytest.raises(antq.InvalidInputError) as e:
        gr.default_rule().members_for(-1)
    assert e.value.tag == "bad_households"


@pytest.mark.parametrize(
    ("edit", "tag", "where"),
    [
        (lambda d: d.update(format="antq.orggraph"), "bad_rule", "rule.json:/format"),
        (lambda d: d.update(version=2), "unsupported_version", "rule.json:/version"),
        (lambda d: d.update(extra=1), "unknown_field", "rule.json:/extra"),
        (lambda d: d.pop("in_force"), "missing_field", "rule.json:/"),
        (lambda d: d["bands"][0].update(members="3"), "wrong_type", "rule.json:/bands/0/members"),
        (lambda d: d["bands"][1].update(min_households=900), "bad_rule", "rule.json:/bands/1/min_households"),
        (lambda d: d["bands"][2].update(below_households=2000), "bad_rule", "rule.json:/bands/2/below_households"),
        (lambda d: d["bands"][1].update(members=51), "bad_rule", "rule.json:/bands/1/members"),
    ],
)
def test_rule_errors_name_source_and_pointer(edit, tag, where):
    doc = json.loads(RULE_FILE.read_text("utf-8"))
    edit(doc)
    with pytest.raises(antq.InvalidInputError) as e:
        gr.TeamSizingRule.loads(json.dumps(doc), "rule.json")
    assert e.value.tag == tag
    assert e.value.where == where


def test_missing_rule_file_is_an_io_error(tmp_path):
    with pytest.raises(antq.IoError) as e:
        gr.TeamSizingRule.load(tmp_path / "absent.json")
    assert e.value.tag == "cannot_read"


# ---- the plan ------------------------------------------------------------------------------------------


def test_default_plan_matches_a_hand_computation(hai_duong):
    plan = gr.plan_teams(hai_duong)
    villages = villages_by_hand(hai_duong)
    villages["members"] = villages["households"].map(members)
    assert len(plan) == len(villages) == 1176
    assert villages["members"].value_counts().to_dict() == {3: 959, 4: 181, 5: 36}

    for level in ("commune", "district", "province"):
        by_hand = villages.groupby(level)["members"].agg(["size", "sum"])
        got = plan.totals(level).set_index("territory")
        assert got["teams"].to_dict() == by_hand["size"].to_dict(), level
        assert got["members"].to_dict() == by_hand["sum"].to_dict(), level
    assert plan.totals("province", as_dict=True) == {
        "30": {"name": "Hải Dương", "teams": 1176, "members": 3781, "assumed_teams": 36, "assumed_members": 180}
    }
    assert plan.total["members"] == villages["members"].sum() == 3781

    frame = plan.to_pandas()
    assert list(frame.columns) == [
        "village", "commune", "district", "households", "members", "assumed", "existing_team", "existing_members"
    ]
    assert frame["village"].tolist() == villages["id"].tolist()  # unit order
    assert (frame["assumed"] == (frame["households"] >= 1000)).all()
    # Every existing team of the dataset has the size the rule gives.
    assert frame["existing_team"].notna().all()
    assert (frame["existing_members"] == frame["members"]).all()
    assert plan.disagreements() == []
    assert plan.missing() == []


def test_a_user_rule_file_overriding_a_threshold_changes_the_totals(hai_duong, tmp_path):
    doc = json.loads(RULE_FILE.read_text("utf-8"))
    doc["id"] = "lower_threshold"
    doc["bands"][0]["below_households"] = 700
    doc["bands"][1]["min_households"] = 700
    path = tmp_path / "rule.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    rule = gr.TeamSizingRule.load(path)
    assert rule.members_for(699) == 3 and rule.members_for(700) == 4

    default, lower = gr.plan_teams(hai_duong), gr.plan_teams(hai_duong, rule)
    villages = villages_by_hand(hai_duong)
    moved = villages[(villages["households"] >= 700) & (villages["households"] < 800)]
    assert len(moved) > 0
    assert lower.total["teams"] == default.total["teams"]
    assert lower.total["members"] == default.total["members"] + len(moved)
    by_hand = villages.assign(m=villages["households"].map(lambda h: members(h, first=700)))
    got = lower.totals("district").set_index("territory")["members"].to_dict()
    assert got == by_hand.groupby("district")["m"].sum().to_dict()
    # The dataset's teams were sized by the default rule: the moved villages now disagree.
    assert sorted(lower.disagreements()) == sorted(moved["id"])


def test_villages_without_households_are_errors(tiny):
    tiny.erase_unit_attribute("10945-v01", "households")
    with pytest.raises(antq.InvalidInputError) as e:
        gr.plan_teams(tiny)
    assert (e.value.tag, e.value.where) == ("missing_households", "10945-v01")
    tiny.set_unit_attribute("10945-v01", "households", 12.5)
    with pytest.raises(antq.InvalidInputError) as e:
        gr.plan_teams(tiny)
    assert (e.value.tag, e.value.where) == ("bad_households", "10945-v01")


def test_totals_level_must_be_commune_district_or_province(tiny):
    with pytest.raises(antq.InvalidInputError) as e:
        gr.plan_teams(tiny).totals("village")
    assert e.value.tag == "bad_level"


# ---- adding teams ----------------------------------------------------------------------------------------


def test_add_teams_adds_the_team_and_its_ties(tiny):
    plan = gr.plan_teams(tiny)
    assert plan.missing() == ["10945-v01"]
    units, ties = tiny.number_of_units(), tiny.number_of_ties()
    assert gr.add_teams(tiny, plan) == 1
    assert (tiny.number_of_units(), tiny.number_of_ties()) == (units + 1, ties + 5)
    team = tiny.unit("10945-v01.team")
    assert (team.kind, team.level, team.name) == ("security_team", "village", "Tổ bảo vệ ANTT Tổ dân phố 1")
    assert team.attributes == {"members": 3, "since": "2024-07-01"}
    touching = {(t.source, t.kind, t.target) for t in tiny.in_ties("10945-v01.team") + tiny.out_ties("10945-v01.team")}
    assert touching == {
        ("10945-v01.team", "serves", "10945-v01"),
        ("10945.pc", "directs", "10945-v01.team"),
        ("10945.pc", "forwards", "10945-v01.team"),
        ("10945.police", "guides", "10945-v01.team"),
        ("10945.police", "inspects", "10945-v01.team"),
    }
    assert gr.add_teams(tiny, gr.plan_teams(tiny)) == 0


def test_add_teams_is_all_or_nothing(tiny, fingerprint_of):
    # A second village in 10951, a commune with no People's Committee or police.
    tiny.add_unit("10951-v01", "Thôn 1", "village", attributes={"households": 1200})
    tiny.add_tie("10951", "10951-v01", "contains")
    before = fingerprint_of(tiny)
    with pytest.raises(antq.InvalidInputError) as e:
        gr.add_teams(tiny, gr.plan_teams(tiny))
    assert (e.value.tag, e.value.where) == ("missing_commune_body", "10951")
    assert fingerprint_of(tiny) == before
    assert "10945-v01.team" not in tiny


def test_add_teams_corrects_existing_teams():
    graph = antq.datasets.hai_duong_2024()
    graph.set_unit_attribute("288-c01-v01.team", "members", 7)
    plan = gr.plan_teams(graph)
    assert plan.disagreements() == ["288-c01-v01"]
    row = plan.to_pandas().set_index("village").loc["288-c01-v01"]
    assert (row["existing_members"], row["members"]) == (7, 3)
    assert gr.add_teams(graph, plan) == 0
    assert graph.unit("288-c01-v01.team").attributes["members"] == 3
    assert gr.plan_teams(graph).disagreements() == []


# ---- the guide -------------------------------------------------------------------------------------------


def test_guide_examples_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = doctest.testfile(
        str(ROOT / "docs" / "grassroots.md"),
        module_relative=False,
        optionflags=doctest.ELLIPSIS,
        verbose=False,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in docs/grassroots.md"

"""Evaluation rules across a change of structure: a rule set for three tiers on a two-tier graph, its translation
(levels, ids, drop_unmatched), and the default rule set following the graph's structure preset."""

from __future__ import annotations

import json

import pytest

import antq
from antq import evaluation as ev
from antq import restructure

MESSAGE = ("subject 'district' units: kind(district) (needs the level district, which the structure two_tier does "
           "not have)")


@pytest.fixture(scope="module")
def two_tier():
    return restructure.remove_level(antq.datasets.hai_duong_2024(), "district").graph


@pytest.fixture(scope="module")
def records(two_tier):
    return ev.example_assessments(two_tier, ev.default_rules("two_tier"), seed=1)


def test_three_tier_rules_on_a_two_tier_graph_name_every_unmatched_subject(two_tier, records):
    with pytest.raises(antq.InvalidInputError, match="unmatched_selector") as raised:
        ev.evaluate(two_tier, records, ev.default_rules())
    assert raised.value.tag == "unmatched_selector"
    assert "1 selector matches no unit: rules 'hai_duong_2024' " + MESSAGE in str(raised.value)


def test_translated_rules_drop_what_still_matches_nothing(two_tier, records):
    year = ev.evaluate(two_tier, records, ev.default_rules(),
                       translate={"levels": {"district": "commune"}, "drop_unmatched": True})
    assert year.dropped() == ["rules 'hai_duong_2024' " + MESSAGE]
    assert "district" not in {s.id for s in year.rules.subjects}
    agency = next(s for s in year.rules.subjects if s.id == "agency")
    assert "district" not in str(agency.units)


def test_the_default_rules_follow_the_graph_structure(two_tier, records):
    fitted = ev.default_rules(two_tier.structure.id)
    assert [s.id for s in fitted.subjects] == ["residential_area", "commune", "agency", "enterprise", "school"]
    assert "fitted to two_tier" in fitted.title
    commune = next(s for s in fitted.subjects if s.id == "commune")
    assert "province" in commune.decided_at.assumption
    year = ev.evaluate(two_tier, records)  # rules=None: the preset's
    assert year.rules == fitted and year.dropped() == []
    assert ev.default_rules("three_tier") == ev.default_rules() == ev.default_rules("either")
    assert ev.for_structure(ev.default_rules(), "three_tier") == ev.default_rules()


def test_an_unknown_id_is_translated_or_dropped_with_the_share_naming_it(tiny):
    doc = json.loads(ev.default_rules_json())
    villages = next(s for s in doc["subjects"] if s["id"] == "residential_area")
    villages["units"] = {"kind": "village", "within": "31"}
    rules = ev.rules_from_dict(doc, "moved.json")
    records = ev.example_assessments(tiny, ev.default_rules(), seed=1)
    # An unknown id alone keeps its NotFound, at the subject (as compile does).
    with pytest.raises(antq.NotFoundError, match=r"unknown_unit: rules 'hai_duong_2024' subject 'residential_area' units"):
        ev.evaluate(tiny, records, rules)
    # (The tiny graph has no steering committee to classify, so the rules are translated here, not run.)
    carried, dropped = ev.translate_rules(rules, tiny, {"ids": {"31": ["30"]}})
    assert dropped == [] and str(carried.subjects[0].units) == "kind(village) & within('30')"
    carried, dropped = ev.translate_rules(rules, tiny, {"drop_unmatched": True})
    assert "residential_area" not in {s.id for s in carried.subjects}
    assert len(dropped) == 2
    assert dropped[0].startswith("rules 'hai_duong_2024' subject 'residential_area' units:")
    assert "subject 'commune' title criterion" in dropped[1] and "share of subject 'residential_area'" in dropped[1]


def test_a_bad_translation_is_a_clear_error(tiny):
    records = ev.example_assessments(tiny, seed=1)
    with pytest.raises(antq.InvalidInputError, match="unknown_field"):
        ev.evaluate(tiny, records, translate={"level": {}})
    with pytest.raises(antq.InvalidInputError, match="unknown_level"):
        ev.evaluate(tiny, records, translate={"levels": {"county": "commune"}})

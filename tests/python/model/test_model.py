"""The vocabularies and administrative structures come from the C++ core: one owner, read by every module."""

from __future__ import annotations

import pytest

import antq
from antq import evaluation as ev
from antq import model


def test_every_vocabulary_is_the_cores():
    assert model.roles == ("lead", "coordinate", "advise", "monitor", "inform")
    assert model.duty_states == ("done", "done_late", "open", "overdue")
    assert model.progress_statuses == ("not_started", "in_progress", "done")
    assert model.title_outcomes == ("passed", "failed", "no_dossier", "excluded", "not_applicable")
    assert model.dossier_statuses == ("on_time", "late", "missing", "excluded")
    assert model.model_statuses == ("effective", "formal", "dissolved")
    assert model.model_actions == ("created", "replicated", "status_changed", "eliminated", "teams_changed")
    assert model.team_plan_levels == ("commune", "district", "province")
    assert model.levels == ("nation", "province", "district", "commune", "village")
    assert model.territory_kinds == model.levels  # one territory kind per level, named alike
    # The modules' constants are the same objects, not copies typed again.
    assert antq.directive.ROLES is model.roles
    assert ev.DUTY_STATES is model.duty_states and ev.TITLE_OUTCOMES is model.title_outcomes
    assert antq.models.STATUSES is model.model_statuses and antq.models.ACTIONS is model.model_actions
    assert antq.grassroots.LEVELS is model.team_plan_levels


def test_structures_by_id():
    assert model.AdministrativeStructure.presets() == ["three_tier", "two_tier", "either"]
    two = model.AdministrativeStructure.preset("two_tier")
    assert two.levels == ["nation", "province", "commune", "village"]
    assert two.may_contain("province", "commune") and not two.may_contain("province", "district")
    assert model.AdministrativeStructure.preset("either").containers_of("commune") == ["province", "district"]
    assert two.code_digits("commune") == 5 and two.code_digits("district") is None
    assert two == model.AdministrativeStructure.preset("two_tier") and hash(two) == hash(model.AdministrativeStructure.preset("two_tier"))
    with pytest.raises(antq.InvalidInputError, match="unknown_structure.*known: three_tier, two_tier, either"):
        model.AdministrativeStructure.preset("three-tier")
    with pytest.raises(antq.InvalidInputError, match="unknown_level"):
        two.may_contain("province", "county")


def test_a_graph_follows_its_structure(tiny):
    assert tiny.structure.id == "either"
    tiny.structure = "three_tier"
    assert tiny.structure == antq.AdministrativeStructure.preset("three_tier")
    with pytest.raises(antq.HierarchyError, match="no district level"):
        tiny.structure = "two_tier"
    assert tiny.structure.id == "three_tier"
    saved = antq.loads(tiny.dumps())
    assert saved.structure.id == "three_tier" and saved.same_content(tiny)
    fresh = antq.OrgGraph("two", structure="two_tier")
    fresh.add_unit("01", "Hà Nội", "province")
    with pytest.raises(antq.HierarchyError, match="no district level"):
        fresh.add_unit("001", "Ba Đình", "district")


def test_from_pandas_takes_the_structure(tiny):
    pytest.importorskip("pandas")
    units, ties = tiny.to_pandas()
    assert antq.OrgGraph.from_pandas(units, ties, structure="three_tier").structure.id == "three_tier"
    with pytest.raises(antq.HierarchyError, match="no district level"):
        antq.OrgGraph.from_pandas(units, ties, structure="two_tier")
    with pytest.raises(antq.InvalidInputError, match="unknown_structure"):
        antq.OrgGraph.from_pandas(units, ties, structure="flat")


@pytest.mark.parametrize(
    "call",
    [
        lambda: antq.compile(antq.datasets.directive_2024(), None),
        lambda: ev.evaluate(None, ev.example_assessments(antq.datasets.hai_duong_2024())),
        lambda: ev.example_assessments(None),
    ],
    ids=["compile", "evaluate", "example_assessments"],
)
def test_none_for_a_graph_is_a_clean_error(call):
    with pytest.raises(antq.InvalidInputError, match="expected an antq.OrgGraph, found None"):
        call()


def test_objects_made_with_new_alone_are_refused_or_whole():
    # Classes Python cannot construct refuse __new__ (it would give an instance holding no C++ object) ...
    for cls in (antq._core.TeamSizingRule, antq._core.Unit, antq._core.Evaluation, antq._core.Responsibilities):
        with pytest.raises(TypeError, match=f"not from {cls.__name__}.__new__"):
            cls.__new__(cls)
    # ... and those it can are whole straight from __new__.
    registry = antq._core.ModelRegistry.__new__(antq._core.ModelRegistry)
    assert len(registry) == 0 and "ModelRegistry" in repr(registry)
    selector = antq.Selector.__new__(antq.Selector)
    assert selector == antq.Selector.all() and str(selector)
    assert antq.Selector() == antq.Selector.all() and len(antq._core.ModelRegistry()) == 0

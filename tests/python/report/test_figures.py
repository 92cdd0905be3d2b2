"""The report's figures on the embedded data, read as DataFrames: no page is rendered here."""

from __future__ import annotations

import pandas as pd
import pytest

import antq
from antq.report import cycle as report_cycle
from antq.report import figures as fig

SYNTHETIC_LABEL = "synthetic example (assessment records, progress reports, models registry; seed 2024)"


@pytest.fixture(scope="module")
def cycle(hai_duong: antq.OrgGraph) -> report_cycle.Cycle:
    return report_cycle.run(hai_duong, antq.datasets.directive_2024())


@pytest.fixture(scope="module")
def year(cycle: report_cycle.Cycle) -> report_cycle.YearRun:
    assert cycle.year is not None
    return cycle.year


# ---- the directive ---------------------------------------------------------------------------------------


def test_clause_4_is_coordinated_by_the_police_of_every_level(cycle):
    counts = fig.responsibility_counts(cycle).set_index(["clause", "role"])
    row = counts.loc[("4", "coordinate")]
    assert (row["units"], row["province"], row["district"], row["commune"]) == (248, 1, 12, 235)
    assert counts.loc[("closing", "monitor"), "units"] == counts.loc[("closing", "monitor"), "province"] == 1
    # The per-level columns add up to the units, for every clause and role.
    assert (counts[list(antq.model.levels)].sum(axis=1) == counts["units"]).all()


def test_assignees_list_exactly_the_counted_units(cycle):
    listed = fig.assignees(cycle).groupby(["clause", "role"]).size()
    counted = fig.responsibility_counts(cycle).set_index(["clause", "role"])["units"]
    assert listed.sort_index().tolist() == counted.sort_index().tolist()
    assert set(fig.assignees(cycle).query("clause == '4' and role == 'coordinate'")["unit"]) == set(
        cycle.responsibilities.units_of("4", "coordinate"))


def test_every_bound_unit_is_reached(cycle):
    assert fig.reach_counts(cycle) == {"recipients": 44, "bound": 2534, "unreached": 0}
    assert fig.unreached(cycle).empty
    samples = fig.forwarding_samples(cycle)
    assert samples["level"].tolist() == ["province", "district", "commune"]
    assert samples["path"].iloc[-1][-1] == cycle.units.at[samples["unit"].iloc[-1], "name"]


def test_the_closing_clause_monitor_and_the_steering_committees(cycle):
    monitors = fig.monitors(cycle).set_index("monitor")["watched"]
    # The closing clause: departments and People's Committees but the issuing one; clause 6: each steering
    # committee 138 over its territory (the communes' committees without a target, see directive_2024.json);
    # clause 4: the Party committees, People's Committees and steering committees who attend the Ngày hội.
    assert monitors["30.police"] == 265 and len(monitors) == 1 + 3 * 248
    assert (monitors[[f"{d}.sc138" for d in ("288", "296")]] > 0).all()
    unmonitored = fig.unmonitored(cycle)
    # No bound unit is watched by no one and monitors no one: the issuer and the Party committees, watched by no
    # one, monitor the grassroots at the Ngày hội (clause 4).
    assert unmonitored["units"].sum() == len(cycle.oversight["unmonitored"]) == 0
    assert cycle.oversight["unmonitored"] == []


def test_coordination_gaps_add_up(cycle):
    counts = fig.coordination_counts(cycle)
    # The default ties the police to the Front and to each of its member organisations at every level (clause 4,
    # Programme 07/CTrPH-BCA-MTTW), so no pair of clause 4 lacks a tie.
    assert counts == {"pairs": 1501, "gaps": 0}
    gaps = fig.coordination_gaps(cycle)
    assert gaps["pairs"].sum() == counts["gaps"] == 0


def test_accountability_per_clause_and_level(cycle):
    table = fig.accountability(cycle).set_index(["clause", "level"])
    assert table.loc[("1", "commune"), "lead_units"] == 2350  # 6 bodies (the school among them) x 235 + 940 mass organisations
    assert (table["headed"] <= table["lead_units"]).all()
    chain = fig.example_chain(cycle)
    assert chain["unit"].iloc[-1] == "30.pc" and chain["head"].iloc[-1] == "30.pc.head"


def test_heatmap_counts_and_shares(cycle):
    heat = fig.heatmap(cycle)
    assert heat.counts.loc["4", ("police", "commune")] == 235
    assert heat.counts.loc["closing", ("police", "province")] == 1
    assert heat.shares.loc["4", ("police", "commune")] == 1.0
    assert ((heat.shares >= 0) & (heat.shares <= 1)).all().all()
    assert list(heat.counts.index) == [t.clause for t in cycle.directive.tasks]
    # Columns run from the province down.
    order = [antq.model.levels.index(level) for _, level in heat.counts.columns]
    assert order == sorted(order)


def test_org_chart_has_an_overview_and_one_part_per_district(cycle):
    plan = fig.org_chart(cycle)
    assert (plan.overview.territory, plan.overview.levels, plan.overview.below) == ("30", ("province", "district"), 12)
    assert len(plan.parts) == 12 and all(p.levels == ("district", "commune") for p in plan.parts)
    assert sum(p.below for p in plan.parts) == 235 and {p.below_kind for p in plan.parts} == {"commune"}


# ---- the year ------------------------------------------------------------------------------------------


def test_synthetic_inputs_are_labelled(cycle, year):
    assert year.synthetic == ("assessment records", "progress reports", "models registry")
    assert fig.input_origin(year) == SYNTHETIC_LABEL


def test_inputs_given_are_not_labelled_synthetic(hai_duong):
    records = antq.evaluation.example_assessments(hai_duong, seed=9)
    given = report_cycle.run(hai_duong, antq.datasets.directive_2024(), assessments=records).year
    assert given is not None and given.assessments is records
    assert fig.input_origin(given) == "synthetic example (progress reports, models registry; seed 2024)"


def test_records_of_another_year_are_refused(hai_duong):
    records = antq.evaluation.example_assessments(hai_duong, year=2025, seed=1)
    with pytest.raises(antq.InvalidInputError, match="the records are for 2025, the directive for 2024") as error:
        report_cycle.run(hai_duong, antq.datasets.directive_2024(), assessments=records)
    assert error.value.tag == "wrong_year"


def test_no_year_without_evaluation(hai_duong):
    assert report_cycle.run(hai_duong, antq.datasets.directive_2024(), evaluation=False).year is None


def test_subject_table_is_the_evaluation_summary(hai_duong, year):
    again = antq.evaluation.evaluate(hai_duong, antq.evaluation.example_assessments(hai_duong, seed=2024))
    pd.testing.assert_frame_equal(fig.subjects(year), again.summary())


def test_classification_levels_come_from_the_rules(year):
    levels = fig.classification_levels(year)
    assert [k.id for k in levels] == year.rules.level_ids()
    assert [k.label for k in levels] == [year.rules.level_label(i) for i in year.rules.level_ids()]
    assert levels[0].label == "Xuất sắc"


def test_breakdown_per_district_takes_title_shares_from_the_roll_ups(year):
    breakdown = fig.breakdown(year)
    assert breakdown.level == "district" and len(breakdown.table) == 12
    titled = [s.id for s in year.rules.subjects if s.title]
    assert [s.id for s in breakdown.titled] == titled and titled
    for subject in titled:
        roll = year.evaluation.roll_ups(level="district", subject=subject)
        expected = pd.Series(roll["title_share"].to_numpy(), index=roll["territory"].astype(str))
        shown = breakdown.table[f"title_share_{subject}"]
        pd.testing.assert_series_equal(shown[expected.index], expected, check_names=False)
        # Territories without such units show nothing rather than a share.
        assert shown.drop(expected.index).isna().all()


def test_breakdown_charts_the_largest_classified_subject(year):
    breakdown = fig.breakdown(year)
    assert breakdown.charted is not None and breakdown.charted.id == "residential_area"
    roll = year.evaluation.roll_ups(level="district", subject="residential_area").set_index("territory")
    roll.index = roll.index.astype(str)
    table = breakdown.table
    by_level = table[[f"level_{k.id}" for k in breakdown.levels]].sum(axis=1)
    assert (by_level + table["no_dossier"] == roll.loc[table.index, "units"] - roll.loc[table.index, "excluded"]).all()
    # Each district's own level is its result in the evaluation (its level's label).
    own = year.evaluation.results.set_index("unit")
    for district in ("288", "291"):
        assert table.loc[district, "own_level"] == year.rules.level_label(own.loc[district, "level"])
    assert table["models"].sum() == year.model_counts["models"]


def test_breakdown_counts_dossiers_and_overdue_duties(year):
    table = fig.breakdown(year).table
    roll = year.evaluation.roll_ups(level="district")
    assert table["late_or_missing"].sum() == roll["late"].sum() + roll["missing"].sum()
    duties = year.follow_up.roll_ups(level="district")
    assert table["overdue"].sum() == duties["overdue"].sum()


def test_dossiers_name_no_district_above_the_districts(year):
    late = fig.dossiers(year, "late")
    assert len(late) == fig.subjects(year)["late"].sum()
    # The province's units name no district; a district's own dossier names itself (the seeded year has one).
    assert late[late["unit"].str.startswith("30.")]["district"].isna().all()
    districts = late[late["unit"].isin(set(fig.breakdown(year).table.index))]
    assert len(districts) and (districts["district"] == districts["unit"]).all()
    assert not late["district"].astype(str).eq("nan").any()
    missing = fig.dossiers(year, "missing")
    assert missing["dossier_date"].isna().all()
    assert set(missing["deadline"]) <= {s.deadline_day(2024) for s in year.rules.subjects}


def test_heads_and_commendation(year):
    heads = fig.head_inputs(year)
    assert sum(heads.totals.values()) == len(year.evaluation.heads) == heads.by_body_kind.to_numpy().sum()
    assert list(heads.by_body_kind.columns) == [g.id for g in year.rules.heads.contributions]
    assert len(heads.lowest) == heads.totals[year.rules.heads.contributions[-1].id]
    # The embedded graph's heads of enterprises and schools are made up with their units: every one counted.
    assert set(heads.synthetic) == set(heads.by_body_kind.index)
    assert heads.synthetic["enterprise"] == heads.by_body_kind.loc["enterprise"].sum() == 12
    assert heads.synthetic["school"] == heads.by_body_kind.loc["school"].sum() == 247
    assert heads.synthetic["steering_committee"] < heads.by_body_kind.loc["steering_committee"].sum()
    proposals = fig.commendation(year)
    assert proposals.collectives["subject"].tolist() == [s.id for s in year.rules.subjects]
    assert proposals.collectives["collectives"].sum() + len(proposals.individuals) == len(year.evaluation.commendations)


def test_models_figures(year):
    models = fig.models(year)
    assert models.in_force == {"models": 34, "points": 97, "teams": 183}
    assert models.by_status["status"].tolist() == list(antq.models.STATUSES)
    assert models.by_status["models"].sum() == len(models.registry) == len(year.registry)


def test_follow_up_per_clause_adds_up_to_every_duty(year):
    per_clause = fig.follow_up_by_clause(year)
    assert list(per_clause.columns) == list(antq.model.duty_states)
    assert per_clause.to_numpy().sum() == len(year.follow_up)
    assert sum(fig.duty_state_counts(year).values()) == len(year.follow_up)
    assert per_clause["overdue"].sum() == len(fig.overdue(year))


def test_monitors_view_and_overdue_duties(year):
    view = fig.monitoring(year).set_index("monitor")
    assert view.loc["30.police", "clause"] == "closing" and view.loc["30.police", "targets"] == 265
    assert view.loc["30.police", "level"] == "province" and set(view.loc["10507.sc138", "level"]) == {"commune"}
    totals = fig.monitoring_by_clause(view.reset_index()).set_index("clause")
    assert totals.loc["6", "monitors"] == 248 and totals.loc["4", "monitors"] == 3 * 248
    for column in ("targets", "duties", "overdue"):
        assert totals[column].sum() == view[column].sum()
    overdue = fig.overdue(year)
    assert list(overdue["due"]) == sorted(overdue["due"])
    assert overdue["latest_status"].isna().any() and not overdue["latest_status"].astype(str).eq("nan").any()


def test_assumptions_list_every_assumed_value_of_the_rules(year):
    table = fig.assumptions(year)
    listed = set(zip(table["subject"], table["part"], table["id"]))
    for s in year.rules.subjects:
        expected = {
            "window": {s.id} if s.window.assumed else set(),
            "title criterion": {c.id for c in (s.title.criteria if s.title else []) if c.assumed},
            "scored criterion": {c.id for c in (s.classification.criteria if s.classification else []) if c.assumed},
            "level": {k.id for k in (s.classification.levels if s.classification else []) if k.assumed},
            "deadline": {s.id} if s.deadline_assumption else set(),
            "decided at": {s.decided_at.rule} if s.decided_at.assumed else set(),
        }
        for part, ids in expected.items():
            assert {i for label, p, i in listed if label == s.label and p == part} == ids, (s.id, part)
    assert {"heads", "commendation"} <= set(table["part"])
    # Every contribution to heads' assessments is an assumed threshold, and the steering committee's share of clause 6.
    assert {i for _, p, i in listed if p == "contribution"} == {c.id for c in year.rules.heads.contributions}
    assert ("deciders", "classification", "steering_committee") in listed
    assert table["assumption"].str.len().gt(0).all()


# ---- structure (antq.measures): the figures agree with the measures they come from, and with NetworkX --------


def test_span_by_level_lists_the_levels_with_bodies(cycle, hai_duong):
    import antq.measures as am

    table = fig.span_by_level(cycle)
    levels = am.structure(hai_duong).levels
    assert list(table["level"]) == [lvl for lvl, n in zip(levels["level"], levels["bodies"]) if n > 0]
    assert (table["max_span"] >= table["mean_span"]).all()
    _, ties = hai_duong.to_pandas()
    directs = ties[ties["kind"] == "directs"]
    assert table["bodies"].sum() >= directs["source"].nunique()


def test_forwarding_cut_points_are_dominators_of_the_issuers_forwarding(cycle, hai_duong):
    import networkx as nx

    _, ties = hai_duong.to_pandas()
    forwards = ties[ties["kind"] == "forwards"]
    ref = nx.DiGraph(list(zip(forwards["source"].astype(str), forwards["target"].astype(str))))
    issuer = cycle.directive.issuer
    idom = nx.immediate_dominators(ref, issuer)
    dominators = {d for v, d in idom.items() if v != issuer and d != issuer}
    table = fig.forwarding_cut_points(cycle)
    assert set(table["unit"]) <= dominators
    assert list(table["cut_off"]) == sorted(table["cut_off"], reverse=True)
    assert len(table) == min(10, len(dominators))


def test_workload_counts_working_roles(cycle):
    table = fig.workload(cycle)
    rows = cycle.table[cycle.table["role"].astype(str) != "inform"]
    tasks = rows.groupby(rows["unit"].astype(str))["task"].nunique()
    assert len(table) == min(10, len(tasks))
    for unit, n in zip(table["unit"], table["tasks"]):
        assert n == tasks[unit]
    assert list(table["tasks"]) == sorted(table["tasks"], reverse=True)


# ---- caveats: every assumption listed, grouped by what it concerns -----------------------------------------------


def test_caveat_groups_hold_every_line_once_by_topic(cycle, year):
    caveats = fig.caveats(cycle)
    topics = [t for t, _ in fig.CAVEAT_TOPICS]
    assert [g.topic for g in caveats.groups] == [t for t in topics if t in {g.topic for g in caveats.groups}]
    assert sum(g.count for g in caveats.groups) == len(caveats.lines) > 60
    assert caveats.rules == year.rules.id
    # Each line of the flat list is an entry of exactly one group: its words, and its subject among the entry's.
    labels = {s.label for s in year.rules.subjects}
    for line in caveats.lines:
        holders = []
        for g in caveats.groups:
            for e in g.entries:
                if line == e.text:
                    holders.append(g.topic)
                elif line.startswith(f"Rules '{year.rules.id}', ") and line.endswith(f": {e.text}"):
                    subject = line[len(f"Rules '{year.rules.id}', "):-len(f": {e.text}")]
                    if subject in e.subjects or (subject not in labels and not e.subjects):
                        holders.append(g.topic)
        assert len(holders) == 1, (line, holders)
    # An entry counts once per subject it names, and the entries of a group add up to its count.
    for g in caveats.groups:
        assert g.count == sum(max(1, len(e.subjects)) for e in g.entries), g.topic
    by_topic = {g.topic: g for g in caveats.groups}
    assert {"synthetic", "graph", "due_dates", "thresholds", "heads"} <= set(by_topic)
    assert any(e.text.startswith("Evaluation input: synthetic example") for e in by_topic["synthetic"].entries)
    assert any("taken as due on 2024-12-15" in e.text for e in by_topic["due_dates"].entries)
    khá = next(e for e in by_topic["thresholds"].entries if e.text.startswith("Khá from 70 points"))
    assert len(khá.subjects) == 6  # one line for the six unit types the rules assume it for


def test_every_part_of_the_rules_assumptions_has_its_topic(year):
    table = fig.assumptions(year)
    labels = [label for _, label in fig.CAVEAT_TOPICS]
    assert set(table["topic"]) <= set(labels)
    positions = [labels.index(t) for t in table["topic"]]
    assert positions == sorted(positions)  # rows come by topic, as the banner lists them


def test_graph_caveats_alone_are_grouped_too(hai_duong):
    caveats = fig.graph_caveats(hai_duong)
    assert caveats.rules is None
    assert sum(g.count for g in caveats.groups) == len(caveats.lines)
    assert {g.topic for g in caveats.groups} == {"synthetic", "graph"}

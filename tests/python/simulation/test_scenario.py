"""antq.simulation.Scenario, run, compare and sweep: the format round trip, errors naming the field by JSON pointer,
results independent of threads and of where a sweep runs (locally or on a Dask LocalCluster)."""

from __future__ import annotations

import json

import numpy as np
import pytest

import antq
from antq import simulation

CASCADE = {"sources": ["30.pc"], "delay": {"dist": "exponential", "mean": 1.0}, "failure": 0.05, "deadline": 4}
ESCALATION = {
    "rates": [{"select": {"all": [{"within": "296"}, {"level": "commune"}]}, "per_day": 0.4}],
    "service": {"dist": "exponential", "mean": 0.5},
    "escalation": 0.2,
    "horizon": 60,
    "warm_up": 10,
}


def test_a_scenario_made_in_code_saves_loads_and_reads_back_equal(tmp_path):
    scenario = simulation.Scenario("cascade", CASCADE, seed=3, reps=20, name="Hải Dương, assumed delays")
    path = tmp_path / "s.json"
    scenario.save(path)
    loaded = simulation.Scenario.load(path)
    assert loaded == scenario
    assert loaded.to_json() == scenario.to_json()
    doc = json.loads(scenario.to_json())
    assert doc["format"] == "antq.scenario" and doc["model"] == "cascade" and doc["reps"] == 20
    assert scenario.parameters["deadline"] == 4
    assert scenario.replace(failure=0.5).parameters["failure"] == 0.5
    assert scenario.replace(**{"delay.mean": 2.0}).parameters["delay"] == {"dist": "exponential", "mean": 2.0}


@pytest.mark.parametrize(
    "model, parameters, where, tag",
    [
        ("cascade", {"sources": ["30.pc"], "delay": {"dist": "exponential"}}, "/parameters/delay/mean", "missing_field"),
        ("escalation", {**ESCALATION, "rates": [{"select": {"level": "commune"}, "per_day": -1}]},
         "/parameters/rates/0/per_day", "bad_value"),
        ("escalation", {**ESCALATION, "servers": 0}, "/parameters/servers", "bad_value"),
        ("escalation", {**ESCALATION, "horizon": 1e12}, "/parameters/horizon", "bad_value"),
        ("cascade", {**CASCADE, "speed": 1}, "/parameters/speed", "unknown_field"),
        ("queue", CASCADE, "/model", "unknown_model"),
    ],
)
def test_bad_scenarios_are_refused_naming_the_field(model, parameters, where, tag):
    with pytest.raises(antq.InvalidInputError) as caught:
        simulation.Scenario(model, parameters)
    assert caught.value.tag == tag
    assert where in str(caught.value)


def test_a_bad_file_is_a_clear_error(tmp_path):
    with pytest.raises(antq.IoError):
        simulation.Scenario.load(tmp_path / "missing.json")
    (tmp_path / "bad.json").write_text('{"format": "antq.scenario", "version": 1, "graph": "default",', encoding="utf-8")
    with pytest.raises(antq.InvalidInputError, match="malformed_json"):
        simulation.Scenario.load(tmp_path / "bad.json")
    scenario = simulation.Scenario("cascade", {**CASCADE, "sources": ["nowhere"]})
    with pytest.raises(antq.NotFoundError, match=r"sources\[0\]"):
        simulation.run(scenario)


def test_run_is_the_same_whatever_the_threads_and_matches_the_direct_call(hai_duong):
    scenario = simulation.Scenario("cascade", CASCADE, seed=5, reps=30)
    one = simulation.run(scenario, threads=1)
    four = simulation.run(scenario, threads=4)
    assert one.structures == ["as_given"]
    assert one.to_pandas().equals(four.to_pandas())
    direct = simulation.cascade(hai_duong, sources=["30.pc"], delay=CASCADE["delay"], failure=0.05, reps=30, seed=5)
    np.testing.assert_array_equal(one.results["as_given"].arrivals, direct.arrivals)
    other = simulation.run(scenario, seed=6)
    assert not one.to_pandas().equals(other.to_pandas())


def test_the_cascade_summary_counts_what_the_arrivals_show(hai_duong):
    scenario = simulation.Scenario("cascade", CASCADE, seed=2, reps=25)
    result = simulation.run(scenario)
    summary = result.summary()
    arrivals = result.to_pandas()
    levels = {u: hai_duong.unit(u).level for u in arrivals.unit.unique()}
    arrivals["level"] = arrivals.unit.map(levels)
    communes = arrivals[arrivals.level == "commune"]
    on_time = communes.groupby("rep").arrival.apply(lambda a: (a <= 4).mean()).mean()
    row = summary[(summary.level == "commune") & (summary.measure == "on_time")].iloc[0]
    assert row["mean"] == pytest.approx(on_time)
    assert row.ci_low <= row["mean"] <= row.ci_high
    assert set(summary.measure) == {"arrival", "reached", "on_time"}


def test_compare_puts_three_tiers_and_two_side_by_side():
    # Rates by level: a rule within a district would name a territory the two-tier graph has lost.
    parameters = {**ESCALATION, "rates": [{"select": {"level": "commune"}, "per_day": 0.02}]}
    scenario = simulation.Scenario("escalation", parameters, seed=1, reps=8)
    both = simulation.compare(scenario, remove_level="district", threads=2)
    assert both.structures == ["as_given", "without_district"]
    levels = both.summary().groupby("structure", observed=True)["level"].unique()
    assert "district" in set(levels["as_given"]) and "district" not in set(levels["without_district"])
    table = both.side_by_side()
    assert list(table.columns) == ["as_given", "without_district"]
    assert "assumed" in repr(both)


def test_a_run_too_large_is_refused_before_it_starts():
    scenario = simulation.Scenario("cascade", CASCADE, reps=10_000_000)
    with pytest.raises(antq.InvalidInputError, match="too_large"):
        simulation.run(scenario, max_memory_bytes=2**20)


def test_sweep_gives_the_same_answers_locally_and_on_a_dask_cluster():
    distributed = pytest.importorskip("distributed")
    scenario = simulation.Scenario("cascade", CASCADE, seed=4, reps=10)
    grid = {"failure": [0.0, 0.2], "delay.mean": [0.5, 2.0]}
    local = simulation.sweep(scenario, grid)
    assert len(local.groupby(["failure", "delay.mean"])) == 4
    with distributed.LocalCluster(n_workers=2, processes=False, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            remote = simulation.sweep(scenario, grid, client=client)
    assert local.equals(remote)
    slow = local[(local["delay.mean"] == 2.0) & (local.failure == 0.0) & (local.measure == "arrival")]
    fast = local[(local["delay.mean"] == 0.5) & (local.failure == 0.0) & (local.measure == "arrival")]
    assert (slow["mean"].to_numpy() >= fast["mean"].to_numpy()).all()
    assert slow["mean"].sum() > fast["mean"].sum()


def test_a_bad_grid_point_is_refused_before_anything_runs():
    scenario = simulation.Scenario("cascade", CASCADE, reps=10)
    with pytest.raises(antq.InvalidInputError, match="grid point 1"):
        simulation.sweep(scenario, {"failure": [0.1, 1.5]})
    with pytest.raises(antq.InvalidInputError, match="grid"):
        simulation.sweep(scenario, {})

"""antq.simulation.cascade: arrival times against NetworkX's Dijkstra, seeds, threads, and errors that name the
field."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest

import antq
from antq import simulation

COMMUNE_PC = {"all": [{"kind": "peoples_committee"}, {"level": "commune"}]}


@pytest.fixture()
def tiny(tiny: antq.OrgGraph) -> antq.OrgGraph:
    """The tiny province with forwarding: each People's Committee and police sends down its own line, and the
    provincial committee to the provincial police."""
    for source, target in [("30.pc", "30.police"), ("30.pc", "296.pc"), ("296.pc", "10945.pc"),
                           ("30.police", "296.police"), ("296.police", "10945.police")]:
        tiny.add_tie(source, target, "forwards")
    return tiny


def dijkstra(graph: antq.OrgGraph, source: str, delay_of_target) -> dict[str, float]:
    digraph = nx.DiGraph()
    digraph.add_weighted_edges_from(
        (t.source, t.target, delay_of_target(t.target)) for t in graph.ties if t.kind == "forwards"
    )
    return nx.single_source_dijkstra_path_length(digraph, source)


def test_constant_delays_equal_networkx_dijkstra_for_every_unit(hai_duong):
    slow = set(hai_duong.select(COMMUNE_PC))
    result = simulation.cascade(
        hai_duong,
        sources=["30.pc"],
        delay={"dist": "constant", "value": 1.0},
        delays=[{"select": COMMUNE_PC, "delay": {"dist": "constant", "value": 3.5}}],
        reps=3,
        seed=1,
        threads=2,
    )
    expected = dijkstra(hai_duong, "30.pc", lambda target: 3.5 if target in slow else 1.0)
    assert sorted(result.units) == sorted(expected)
    assert result.arrivals.shape == (3, len(expected))
    for row in result.arrivals:
        assert row.tolist() == pytest.approx([expected[u] for u in result.units])
    frame = result.to_pandas()
    assert list(frame.columns) == ["rep", "unit", "arrival"]
    assert len(frame) == 3 * len(expected)
    assert frame[frame.rep == 2].set_index("unit")["arrival"].to_dict() == pytest.approx(expected)


@pytest.mark.parametrize(
    "delay",
    [
        {"dist": "exponential", "mean": 2.0},
        {"dist": "lognormal", "mu": 0.5, "sigma": 0.4},
        {"dist": "empirical", "samples": [1, 2, 2.5, 7]},
    ],
)
def test_a_seed_gives_the_same_answer_whatever_the_threads(hai_duong, delay):
    def run(seed: int, threads: int) -> np.ndarray:
        return simulation.cascade(
            hai_duong, ["30.pc", "30.police"], delay, capacity=4.0, failure=0.02, reps=6, seed=seed, threads=threads
        ).arrivals

    one = run(11, 1)
    np.testing.assert_array_equal(one, run(11, 2))
    np.testing.assert_array_equal(one, run(11, 3))
    assert not np.array_equal(one, run(12, 2), equal_nan=True)
    assert np.isnan(one).any()  # with failures some units are never reached


def test_empirical_delays_draw_only_the_samples(tiny):
    result = simulation.cascade(tiny, ["30.pc"], {"dist": "empirical", "samples": [2, 5]}, reps=50, seed=3)
    first_hops = [i for i, u in enumerate(result.units) if u in tiny.children("30.pc", "forwards")]
    assert first_hops
    assert set(np.unique(result.arrivals[:, first_hops])) <= {2.0, 5.0}


def test_a_failing_issuer_reaches_no_one(tiny):
    result = simulation.cascade(
        tiny, ["30.pc"], {"dist": "constant", "value": 1}, failures=[{"select": {"id": "30.pc"}, "p": 1.0}], reps=2
    )
    source = result.units.index("30.pc")
    assert (result.arrivals[:, source] == 0).all()
    assert np.isnan(np.delete(result.arrivals, source, axis=1)).all()


@pytest.mark.parametrize(
    ("kwargs", "error", "where"),
    [
        ({"delay": {"dist": "exponential"}}, antq.InvalidInputError, "delay.mean"),
        ({"delay": {"dist": "gamma", "k": 2}}, antq.InvalidInputError, "delay.dist"),
        ({"delay": {"dist": "constant", "value": -1}}, antq.InvalidInputError, "delay.value"),
        ({"delay": None}, antq.InvalidInputError, "delay"),
        ({"delays": [{"select": {"kind": "peoples_committee"}, "delay": {"dist": "lognormal", "mu": 1}}]},
         antq.InvalidInputError, "delays[0].delay.sigma"),
        ({"delays": [{"select": {"within": "nope"}, "delay": {"dist": "constant", "value": 1}}]},
         antq.NotFoundError, "delays[0].select"),
        ({"delays": [{"select": {"kind": "nonsense"}, "delay": {"dist": "constant", "value": 1}}]},
         antq.InvalidInputError, "delays[0].select"),
        ({"delays": [{"delay": {"dist": "constant", "value": 1}}]}, antq.InvalidInputError, "delays[0].select"),
        ({"capacities": [{"select": {"kind": "police"}, "per_day": 0}]}, antq.InvalidInputError, "capacities[0]"),
        ({"capacity": -2.0}, antq.InvalidInputError, "capacity"),
        ({"failures": [{"select": {"kind": "police"}, "p": 1.5}]}, antq.InvalidInputError, "failures[0]"),
        ({"failure": "often"}, antq.InvalidInputError, "failure"),
        ({"reps": 0}, antq.InvalidInputError, "reps"),
        ({"threads": 0}, antq.InvalidInputError, "threads"),
        ({"seed": -1}, antq.InvalidInputError, "seed"),
        ({"sources": ["nope"]}, antq.NotFoundError, "sources[0]"),
        ({"sources": "30.pc"}, antq.InvalidInputError, "sources"),
    ],
)
def test_bad_parameters_name_the_field(tiny, kwargs, error, where):
    arguments = {"sources": ["30.pc"], "delay": {"dist": "constant", "value": 1.0}, **kwargs}
    with pytest.raises(error) as info:
        simulation.cascade(tiny, **arguments)
    assert info.value.where.startswith(where), info.value.where


def test_a_run_beyond_the_memory_limit_is_refused_before_it_starts(hai_duong):
    with pytest.raises(antq.InvalidInputError) as info:
        simulation.cascade(hai_duong, ["30.pc"], {"dist": "constant", "value": 1}, reps=10**9, threads=2)
    assert info.value.tag == "too_large" and info.value.where == "reps"
    assert "max_memory_bytes" in str(info.value)
    with pytest.raises(antq.InvalidInputError):
        simulation.cascade(hai_duong, ["30.pc"], {"dist": "constant", "value": 1}, reps=100, max_memory_bytes=1000)


def test_results_go_stale_with_their_graph(tiny):
    result = simulation.cascade(tiny, ["30.pc"], {"dist": "constant", "value": 1})
    tiny.rename_unit("30", "renamed")
    with pytest.raises(antq.StaleViewError):
        result.to_pandas()
    assert result.arrivals.shape[0] == 1  # the numbers themselves stay readable
    assert math.isfinite(result.arrivals[0, 0])

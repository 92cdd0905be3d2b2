"""Concurrency: the core releases the GIL while loading and building graphs, and read-only calls may run from
several threads. Results must be exactly those of a single thread."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import antq

THREADS = 4


def in_threads(fn, n=THREADS):
    """Runs fn(i) for i in range(n) in n threads started together; returns the results in order."""
    barrier = threading.Barrier(n)

    def start(i):
        barrier.wait()
        return fn(i)

    with ThreadPoolExecutor(n) as pool:
        return list(pool.map(start, range(n)))


def test_loads_in_threads(hai_duong, hai_duong_text):
    graphs = in_threads(lambda i: antq.loads(hai_duong_text, f"hd{i}.json"))
    assert all(g.same_content(hai_duong) for g in graphs)
    assert len({id(g) for g in graphs}) == THREADS


def test_load_files_in_threads(hai_duong, hai_duong_text, tmp_path):
    for i in range(THREADS):
        (tmp_path / f"hd{i}.json").write_text(hai_duong_text, encoding="utf-8")
    graphs = in_threads(lambda i: antq.load(tmp_path / f"hd{i}.json"))
    assert all(g.same_content(hai_duong) for g in graphs)


def test_embedded_dataset_in_threads(hai_duong):
    graphs = in_threads(lambda i: antq.datasets.hai_duong_2024())
    assert all(g.same_content(hai_duong) for g in graphs)


def test_from_pandas_in_threads(hai_duong):
    pytest.importorskip("pandas")
    units, ties = hai_duong.to_pandas()
    graphs = in_threads(lambda i: antq.OrgGraph.from_pandas(units, ties, name=hai_duong.name,
                                                            attributes=hai_duong.attributes))
    assert all(g.same_content(hai_duong) for g in graphs)


def test_errors_in_threads_stay_in_their_thread(hai_duong, hai_duong_text):
    # Half the threads read a broken copy: each gets its own error, naming its own source, the others a graph.
    doc = json.loads(hai_duong_text)
    doc["ties"][100]["target"] = "nowhere"
    broken = json.dumps(doc, ensure_ascii=False)

    def work(i):
        try:
            return antq.loads(broken if i % 2 else hai_duong_text, f"hd{i}.json")
        except antq.InvalidInputError as error:
            return error

    results = in_threads(work)
    for i, result in enumerate(results):
        if i % 2:
            assert isinstance(result, antq.InvalidInputError)
            assert (result.tag, result.where) == ("dangling_reference", f"hd{i}.json:/ties/100/target")
        else:
            assert result.same_content(hai_duong)


def test_concurrent_reads_of_one_graph(hai_duong):
    selector = antq.Selector.within("296") & antq.Selector.kind("police")
    expected = (hai_duong.select(selector), hai_duong.chains_of_command("10987.police"),
                hai_duong.descendants("30.pc", "forwards"), hai_duong.dumps())

    def read(i):
        return (hai_duong.select(selector), hai_duong.chains_of_command("10987.police"),
                hai_duong.descendants("30.pc", "forwards"), hai_duong.dumps())

    assert in_threads(read) == [expected] * THREADS


# --- a graph changed while a call that released the GIL reads it ------------------------------------------------


def _hammer(read, write, seconds=1.5, patience=60.0):
    """Runs read() in one thread and write(i) in another for `seconds`, and on (up to `patience` seconds) until a
    write has been refused, so a loaded machine that schedules the two threads apart does not decide the test;
    returns (reads, writes done, writes refused with GraphInUseError). Any other exception fails the test."""
    stop = threading.Event()
    counts = {"reads": 0, "writes": 0, "refused": 0}

    def reader():
        while not stop.is_set():
            try:
                read()
                counts["reads"] += 1
            except antq.GraphInUseError as error:  # a read that meets a running change is refused too (manual §11)
                assert error.tag == "graph_in_use"

    def writer():
        i = 0
        while not stop.is_set():
            try:
                write(i)
                counts["writes"] += 1
            except antq.GraphInUseError as error:
                assert error.tag == "graph_in_use"
                counts["refused"] += 1
            i += 1

    with ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(reader), pool.submit(writer)]
        stop.wait(seconds)
        waited = seconds
        while counts["refused"] == 0 and waited < patience and not any(f.done() for f in futures):
            stop.wait(0.1)
            waited += 0.1
        stop.set()
        for f in futures:
            f.result()  # re-raises what a thread raised
    return counts


def test_mutation_during_evaluate_is_refused_and_the_graph_stays_whole():
    g = antq.datasets.hai_duong_2024()
    records = antq.evaluation.example_assessments(g)
    rules = antq.evaluation.default_rules()
    units = g.number_of_units()

    def write(i):
        g.set_unit_attribute("296", "visits", i)

    counts = _hammer(lambda: antq._core.evaluate(g, records, rules), write)
    assert counts["reads"] > 0
    assert counts["refused"] > 0, "no mutation met a running evaluation: the test proved nothing"
    g.validate()
    assert g.number_of_units() == units
    write(-1)  # free again once the reader is done
    assert g.unit("296").attributes["visits"] == -1


def test_mutation_during_example_assessments_and_compile_is_refused():
    g = antq.datasets.hai_duong_2024()
    directive = antq.datasets.directive_2024()

    def read():
        antq.evaluation.example_assessments(g, seed=7)
        antq.compile(directive, g)

    def write(i):
        g.set_unit_attribute("30", "round", i)

    counts = _hammer(read, write)
    assert counts["refused"] > 0, "no mutation met a running call: the test proved nothing"
    g.validate()
    assert g.number_of_units() == antq.datasets.hai_duong_2024().number_of_units()


def test_a_refused_mutation_changes_nothing():
    g = antq.datasets.hai_duong_2024()
    records = antq.evaluation.example_assessments(g)
    started = threading.Event()
    results = []

    def read():
        started.set()
        for _ in range(5):
            results.append(len(antq.evaluation.evaluate(g, records)))

    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(read)
        started.wait()
        refused = renamed = 0
        while not future.done():
            before = g.unit("296").name
            try:
                g.rename_unit("296", f"Bình Giang {renamed}")
                renamed += 1
            except antq.GraphInUseError:
                assert g.unit("296").name == before
                refused += 1
        future.result()
    assert refused > 0
    assert len(set(results)) == 1


@pytest.mark.parametrize("call", ["betweenness", "structure", "cascade", "escalation", "freeze", "remove_level"])
def test_mutation_during_other_released_calls_is_refused(call):
    # Every call that releases the GIL over a graph holds its read guard, not only compile and evaluate.
    g = antq.datasets.hai_duong_2024()
    units = g.number_of_units()
    reads = {
        "betweenness": lambda: antq.measures.betweenness(g, ties=["forwards"]),
        "structure": lambda: antq.measures.structure(g),
        "cascade": lambda: antq.simulation.cascade(g, sources=["30.pc"], delay={"dist": "constant", "value": 1.0},
                                                   reps=4, seed=1),
        "escalation": lambda: antq.simulation.escalation(
            g, rates=[{"select": {"level": "commune"}, "per_day": 0.5}], service={"dist": "exponential", "mean": 0.2},
            horizon=20.0, reps=2, seed=1),
        "freeze": lambda: g.freeze(),
        "remove_level": lambda: antq.restructure.remove_level(g, "district"),
    }

    def write(i):
        g.set_unit_attribute("30", "round", i)

    # freeze() is cached, so its refusals are rare: it gets no extra patience.
    counts = _hammer(reads[call], write, patience=1.5 if call == "freeze" else 60.0)
    assert counts["reads"] > 0
    # freeze() is cached until the next change, so it reads the graph only after a write: the writes must still win.
    assert counts["refused"] > 0 or call == "freeze", "no mutation met a running call: the test proved nothing"
    g.validate()
    assert g.number_of_units() == units

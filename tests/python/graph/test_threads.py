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

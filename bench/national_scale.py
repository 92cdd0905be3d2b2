"""National-scale benchmark: antq against NetworkX, igraph and graph-tool on one synthetic graph.

    .venv/bin/python bench/national_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/national_scale.py --quick    # ~5k units, 10^3 queries: a smoke test

See bench/README.md for what is measured and how the peers are made to answer the same questions.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
from dataclasses import dataclass

import measure
import results
import synth
import tools

QUERY_OPS = ("parent", "children", "ancestors")
SELECT_OPS = ("within", "police_communes")


@dataclass(frozen=True)
class Config:
    shape: synth.Shape
    queries: int
    repeats: int  # timing repeats (median reported)
    rss_repeats: int  # fresh subprocesses per tool for memory (median reported)
    provinces: int  # provinces used for the selections
    seed: int = 2024


FULL = Config(synth.FULL, queries=100_000, repeats=5, rss_repeats=3, provinces=5)
QUICK = Config(synth.QUICK, queries=1_000, repeats=2, rss_repeats=1, provinces=2)


# ---- the four measurements ----------------------------------------------------------------------


round_robin = measure.round_robin  # median seconds per tool; tools take turns inside each repeat


def time_builds(names, units, ties, repeats) -> dict[str, float]:
    return round_robin({n: (lambda T=tools.BY_NAME[n]: T.build(units, ties)) for n in names}, repeats)


def _each(f, h, ids):
    for n in ids:
        f(h, n)


def time_queries(handles, ids, repeats) -> dict[str, dict[str, float]]:
    """Seconds for the whole id list, per operation and tool."""
    out = {}
    for op in QUERY_OPS:
        cases = {n: (lambda f=getattr(tools.BY_NAME[n], op), h=h: _each(f, h, ids)) for n, h in handles.items()}
        out[op] = round_robin(cases, repeats)
    return out


def time_selections(handles, codes, repeats) -> dict[str, dict[str, float]]:
    """Seconds per selection (mean over the chosen provinces), per operation and tool."""
    out = {}
    for op in SELECT_OPS:
        cases = {
            n: (lambda f=getattr(tools.BY_NAME[n], op), h=h: [f(h, c) for c in codes]) for n, h in handles.items()
        }
        out[op] = {n: s / len(codes) for n, s in round_robin(cases, repeats).items()}
    return out


def memory(names, quick: bool, repeats: int) -> dict[str, int]:
    return {n: measure.rss_in_subprocess(os.path.abspath(__file__), n, quick, repeats) for n in names}


def rss_child(tool: str, config: Config) -> None:
    """Runs in a fresh interpreter: the frames and the tool's library are loaded before the first reading."""
    units, ties = synth.generate(config.shape, config.seed)
    tools.available(("antq", tool))  # antq too: graph-tool's kind codes come from antq.tie_kinds
    grown = measure.graph_rss_bytes(lambda: tools.BY_NAME[tool].build(units, ties))
    print(json.dumps({"tool": tool, "rss_bytes": grown, "units": len(units)}))


# ---- same answers before any timing -------------------------------------------------------------


def check_agreement(handles, ids, codes) -> None:
    """Every tool must give antq's answers (selections compared as sets: their order is not promised)."""
    ref = tools.BY_NAME["antq"]
    for name, h in handles.items():
        tool = tools.BY_NAME[name]
        for op in QUERY_OPS:
            for n in ids:
                want, got = getattr(ref, op)(handles["antq"], n), getattr(tool, op)(h, n)
                if want != got:
                    raise SystemExit(f"{name}.{op}({n!r}) = {got!r}, antq says {want!r}")
        for op in SELECT_OPS:
            for c in codes:
                want, got = getattr(ref, op)(handles["antq"], c), getattr(tool, op)(h, c)
                if sorted(want) != sorted(got) or len(set(got)) != len(got):
                    raise SystemExit(f"{name}.{op}({c!r}) picks {len(got)} units, antq {len(want)}")


# ---- report -------------------------------------------------------------------------------------

NETWORKX = ("networkx", "networkx-multi")  # the project's aims are set against both NetworkX variants
AIMS = {"build": 5.0, "memory": 4.0, "query": 1.0}  # peer ÷ antq: build, memory, micro-queries no slower


def rows(config: Config, names: list[str], size: dict, build, queries, selections, rss) -> list[results.Row]:
    """One row per measurement and peer, figures in the unit shown."""
    measured = [("build from DataFrames", "s", build, AIMS["build"])]
    measured += [(f"{config.queries:,} × {op}", "s", queries[op], AIMS["query"]) for op in QUERY_OPS]
    measured += [
        ("within(province)", "ms", {k: v * 1e3 for k, v in selections["within"].items()}, None),
        ("police ∧ commune ∧ within(province)", "ms",
         {k: v * 1e3 for k, v in selections["police_communes"].items()}, None),
        ("memory per unit (RSS growth)", "bytes", {k: v / size["units"] for k, v in rss.items()}, AIMS["memory"]),
    ]
    return [
        results.Row(label, unit, row["antq"], peer, row[peer], aim if peer in NETWORKX else None)
        for label, unit, row, aim in measured
        for peer in names
        if peer != "antq"
    ]


def report(config: Config, names: list[str], size: dict, build, queries, selections, rss) -> results.Report:
    per_query = "\n".join(
        f"- `{op}`: " + ", ".join(f"{n} {queries[op][n] / config.queries * 1e6:.2f}" for n in names)
        for op in QUERY_OPS
    )
    inputs = f"""Synthetic, seed {config.seed}: {size['units']:,} units and {size['ties']:,} ties.

- units: {", ".join(f"{k} {v:,}" for k, v in size['unit_kinds'].items())}
- ties: {", ".join(f"{k} {v:,}" for k, v in size['tie_kinds'].items())}
- micro-queries: {config.queries:,} ids drawn uniformly (with replacement) from all units, one list for every \
tool; {size['territory_share']:.0%} of them are territories (the rest are bodies: no `contains` parent or children)
- selections: provinces {", ".join(size['codes'])} (mean {size['within_units']:,.0f} units within, \
{size['police_units']:,.0f} commune police)"""
    return results.Report(
        title="national-scale",
        repeats=config.repeats,
        rss_repeats=config.rss_repeats,
        inputs_heading="Graph",
        inputs=inputs,
        rows=rows(config, names, size, build, queries, selections, rss),
        table_note="Times are wall-clock; query rows are the total for the whole id list; selection rows are "
        "per selection; memory is the RSS growth of building the graph, per unit. The micro-query aim: no "
        "slower than NetworkX dict access.",
        notes=[f"Per query (µs):\n\n{per_query}"],
        summary=f"{size['units']:,} units, {size['ties']:,} ties",
    )


# ---- main ---------------------------------------------------------------------------------------


def describe(units, ties, ids, select_codes, antq_graph) -> dict:
    within = [len(tools.antq_tool.within(antq_graph, c)) for c in select_codes]
    police = [len(tools.antq_tool.police_communes(antq_graph, c)) for c in select_codes]
    return {
        "units": len(units),
        "ties": len(ties),
        "unit_kinds": units["kind"].value_counts().to_dict(),
        "tie_kinds": ties["kind"].value_counts().to_dict(),
        "codes": list(select_codes),
        "territory_share": sum(antq_graph.unit(n).kind in synth.TERRITORY_KINDS for n in ids) / len(ids),
        "within_units": statistics.mean(within),
        "police_units": statistics.mean(police),
    }


def run(config: Config) -> results.Report:
    names = tools.available()
    units, ties = synth.generate(config.shape, config.seed)
    rng = random.Random(config.seed)
    ids = rng.choices(units["id"].tolist(), k=config.queries)
    codes = sorted(rng.sample(synth.provinces(units), config.provinces))
    print(f"graph: {len(units):,} units, {len(ties):,} ties; tools: {', '.join(names)}", flush=True)

    build = time_builds(names, units, ties, config.repeats)
    print("build done", flush=True)
    handles = {n: tools.BY_NAME[n].prepare(tools.BY_NAME[n].build(units, ties)) for n in names}
    check_agreement(handles, ids[:1000], codes)
    queries = time_queries(handles, ids, config.repeats)
    print("queries done", flush=True)
    selections = time_selections(handles, codes, config.repeats)
    size = describe(units, ties, ids, codes, handles["antq"])
    del handles
    rss = memory(names, config is QUICK, config.rss_repeats)
    print("memory done", flush=True)
    return report(config, names, size, build, queries, selections, rss)


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="national_scale", quick_help="small graph and 10^3 queries (smoke test)",
                 configs=(QUICK, FULL), run=run, rss_child=rss_child)


if __name__ == "__main__":
    main(sys.argv[1:])

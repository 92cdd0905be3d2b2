"""National-scale benchmark: antq against NetworkX, igraph and graph-tool on one synthetic graph.

    .venv/bin/python bench/national_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/national_scale.py --quick    # ~5k units, 10^3 queries: a smoke test

See bench/README.md for what is measured and how the peers are made to answer the same questions.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass

import measure
import synth
import tools

HERE = os.path.dirname(os.path.abspath(__file__))
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


@dataclass
class Results:
    config: Config
    names: list[str]
    size: dict
    build: dict[str, float]
    queries: dict[str, dict[str, float]]
    selections: dict[str, dict[str, float]]
    rss: dict[str, int]
    machine: dict[str, str]
    seconds: float = 0.0

    def rows(self):
        """(label, unit, {tool: value}) per measured row; value in the unit shown."""
        n_units = self.size["units"]
        yield "build from DataFrames", "s", self.build
        for op in QUERY_OPS:
            yield f"{self.config.queries:,} × {op}", "s", self.queries[op]
        yield "within(province)", "ms", {k: v * 1e3 for k, v in self.selections["within"].items()}
        yield "police ∧ commune ∧ within(province)", "ms", {
            k: v * 1e3 for k, v in self.selections["police_communes"].items()
        }
        yield "memory per unit (RSS growth)", "bytes", {k: v / n_units for k, v in self.rss.items()}


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _ratio(peer: float, antq: float) -> str:
    r = peer / antq
    return f"{r:.1f}×" if r >= 1 else f"{r:.2f}× (antq {1 / r:.1f}× worse)"


def tables(res: Results) -> tuple[str, str]:
    peers = [n for n in res.names if n != "antq"]
    head = "| operation | unit | " + " | ".join(res.names) + " |\n|---|---|" + "---:|" * len(res.names) + "\n"
    ratio_head = "| operation | " + " | ".join(f"{p} / antq" for p in peers) + " |\n|---|" + "---:|" * len(peers) + "\n"
    values, ratios = head, ratio_head
    for label, unit, row in res.rows():
        values += f"| {label} | {unit} | " + " | ".join(_fmt(row[n]) for n in res.names) + " |\n"
        ratios += f"| {label} | " + " | ".join(_ratio(row[p], row["antq"]) for p in peers) + " |\n"
    return values, ratios


def aims(res: Results) -> str:
    rows = {label: row for label, _, row in res.rows()}
    lines = []

    def verdict(ok: bool) -> str:
        return "**met**" if ok else "**not met**"

    for nx in [n for n in ("networkx", "networkx-multi") if n in res.names]:
        kind = "DiGraph" if nx == "networkx" else "MultiDiGraph"
        b = res.build[nx] / res.build["antq"]
        m = res.rss[nx] / res.rss["antq"]
        lines.append(f"- Build ≥ 5× faster than NetworkX {kind}: {b:.1f}× — {verdict(b >= 5)}")
        lines.append(f"- Memory ≥ 4× smaller than NetworkX {kind}: {m:.1f}× — {verdict(m >= 4)}")
        for op in QUERY_OPS:
            r = res.queries[op][nx] / res.queries[op]["antq"]
            lines.append(
                f"- `{op}` micro-queries no slower than NetworkX {kind} dict access: "
                f"NetworkX / antq = {r:.2f} — {verdict(r >= 1)}"
            )
    return "\n".join(lines) + "\n"


def markdown(res: Results, argv: list[str]) -> str:
    values, ratios = tables(res)
    env = {**res.machine, **{f"{k} version": v for k, v in measure.versions().items()}}
    size = res.size
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = " ".join([os.path.relpath(sys.executable), "bench/national_scale.py", *argv])
    per_query = "\n".join(
        f"- `{op}`: antq {res.queries[op]['antq'] / res.config.queries * 1e6:.2f} µs/query"
        + "".join(
            f", {n} {res.queries[op][n] / res.config.queries * 1e6:.2f}" for n in res.names if n != "antq"
        )
        for op in QUERY_OPS
    )
    return f"""# antq national-scale benchmark: results

*Generated by `bench/national_scale.py`; do not edit by hand, rerun it.*

How this was run: `{command}` on {when}, antq tree at `{measure.git_revision(HERE)}`, \
{res.config.repeats} timing repeats per figure (median shown, tools interleaved), memory median of \
{res.config.rss_repeats} fresh processes per tool, whole run {res.seconds / 60:.1f} min.

## Machine

{chr(10).join(f"- {k}: {v}" for k, v in env.items())}

The machine is shared and noisy; treat differences under ~20% as noise.

## Graph

Synthetic, seed {res.config.seed}: {size['units']:,} units and {size['ties']:,} ties.

- units: {", ".join(f"{k} {v:,}" for k, v in size['unit_kinds'].items())}
- ties: {", ".join(f"{k} {v:,}" for k, v in size['tie_kinds'].items())}
- micro-queries: {res.config.queries:,} ids drawn uniformly (with replacement) from all units, one list for every \
tool; {size['territory_share']:.0%} of them are territories (the rest are bodies: no `contains` parent or children)
- selections: provinces {", ".join(res.size['codes'])} (mean {size['within_units']:,.0f} units within, \
{size['police_units']:,.0f} commune police)

## Medians

Times are wall-clock; query rows are the total for the whole id list; selection rows are per selection.

{values}
Per query:

{per_query}

## Ratios (peer ÷ antq; above 1 means antq is faster or smaller)

{ratios}
## Project aims

{aims(res)}"""


def print_report(res: Results) -> None:
    values, ratios = tables(res)
    print(f"\n{res.size['units']:,} units, {res.size['ties']:,} ties\n")
    print(values)
    print(ratios)
    print(aims(res))


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


def run(config: Config) -> Results:
    started = time.perf_counter()
    machine = measure.machine()  # before the run loads the machine
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
    return Results(config, names, size, build, queries, selections, rss, machine, time.perf_counter() - started)


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="national_scale", quick_help="small graph and 10^3 queries (smoke test)", configs=(QUICK, FULL), run=run,
                 report=print_report, markdown=markdown, rss_child=rss_child)


if __name__ == "__main__":
    main(sys.argv[1:])

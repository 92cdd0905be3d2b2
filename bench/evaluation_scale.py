"""Evaluation-scale benchmark: the yearly evaluation run over the national graph, antq against pandas.

    .venv/bin/python bench/evaluation_scale.py            # full run, rewrites its section of bench/RESULTS.md
    .venv/bin/python bench/evaluation_scale.py --quick    # ~7k units: a smoke test, writes nothing
    .venv/bin/python bench/evaluation_scale.py --quick --results "$(mktemp)"

The graph is synth.generate(evaluation=True): the directive benchmark's graph plus schools, enterprises,
provincial departments and head posts. The rules are antq's default (Hải Dương 2024), the records antq's
seeded example year; the pandas side (evaluation_pandas.py) reads the same rules JSON and the records as the
four DataFrames of ``antq.evaluation.assessment_tables``. See bench/README.md for what is measured.
"""

from __future__ import annotations

import collections
import copy
import json
import os
import sys
import time
from dataclasses import dataclass

import evaluation_pandas
import measure
import results
import synth

AIM = 20.0  # the project's aim: antq at least this many times faster than pandas for the run with roll-ups


@dataclass(frozen=True)
class Config:
    shape: synth.Shape
    repeats: int  # timing repeats (median reported)
    rss_repeats: int  # fresh subprocesses per tool for memory (median reported)
    seed: int = 2024
    year: int = 2024


FULL = Config(synth.FULL, repeats=7, rss_repeats=3)
QUICK = Config(synth.QUICK, repeats=2, rss_repeats=1)


@dataclass
class Inputs:
    """Everything both sides start from; none of it is timed."""

    units: object
    ties: object
    graph: object  # antq.OrgGraph
    tables_graph: evaluation_pandas.Graph
    rules: object  # antq EvaluationRules
    rules_document: dict  # the same rules as JSON data
    assessments: object  # antq Assessments
    tables: dict  # the records as the four DataFrames
    build: dict[str, float]


def prepare(config: Config) -> Inputs:
    import antq
    from antq import evaluation as ev

    units, ties = synth.generate(config.shape, config.seed, evaluation=True)
    t0 = time.perf_counter()
    g = antq.OrgGraph.from_pandas(units, ties)
    t1 = time.perf_counter()
    G = evaluation_pandas.build(units, ties)
    build = {"antq": t1 - t0, "pandas": time.perf_counter() - t1}
    # The run reads the graph's frozen view (OrgGraph.freeze()), built once per state of the graph and shared by
    # every reader: built here, like the graph, so that no timed call and no memory reading includes it; the
    # report gives its time and size.
    t2 = time.perf_counter()
    build["view_bytes"] = g.freeze().memory_bytes()
    build["freeze"] = time.perf_counter() - t2
    document = bench_rules_document()
    rules = ev.rules_from_dict(document, "default rules, decided where the unit is")
    assessments = ev.example_assessments(g, rules, year=config.year, seed=config.seed)
    return Inputs(units, ties, g, G, rules, document, assessments,
                  ev.assessment_tables(assessments), build)


def bench_rules_document() -> dict:
    """The default rules, each unit decided in its own territory by its People's Committee: the synthetic graph has
    no steering committees and no management ties, which the default's TT 124 Điều 10 and clause 6 rules read."""
    from antq import evaluation as ev

    document = json.loads(ev.default_rules_json())
    document.pop("deciders")
    for subject in document["subjects"]:
        subject.pop("decided_at", None)
    return document


def antq_tables(evaluation) -> tuple:
    """The four tables the pandas side also produces, as antq's DataFrames."""
    return evaluation.results, evaluation.roll_ups(), evaluation.heads, evaluation.commendations


def antq_run_to_pandas(x: Inputs) -> tuple:
    """The evaluation and its four tables."""
    from antq import evaluation as ev

    evaluation = ev.evaluate(x.graph, x.assessments, x.rules)
    return evaluation, *antq_tables(evaluation)


def pandas_run(x: Inputs, tables: dict | None = None) -> evaluation_pandas.Evaluation:
    return evaluation_pandas.evaluate(x.tables_graph, x.rules_document, x.tables if tables is None else tables,
                                      x.assessments.year)


# ---- same answers before any timing -------------------------------------------------------------


def _fail(message: str):
    raise SystemExit(f"antq and pandas disagree: {message}")


def _cells(values) -> list:
    """Comparable cells: categoricals as their values, lists as tuples, NaN as None."""
    values = values.astype(object) if hasattr(values, "cat") else values
    return [tuple(v) if isinstance(v, list) else (None if isinstance(v, float) and v != v else v) for v in values]


def _compare_results(a, p, where: str) -> None:
    if list(a.columns) != list(p.columns):
        _fail(f"{where}: result columns {list(a.columns)} vs {list(p.columns)}")
    a, p = a.set_index("unit"), p.set_index("unit")
    if set(a.index) != set(p.index) or len(a) != len(p):
        _fail(f"{where}: evaluated units differ: {len(a.index.difference(p.index))} only in antq's, "
              f"{len(p.index.difference(a.index))} only in pandas'")
    p = p.loc[a.index]
    # Title, level, dossier and authority first: they are the point; the other columns must agree as well.
    first = ("title", "level", "dossier", "authority")
    for column in (*first, *(c for c in a.columns if c not in first)):
        x, y = _cells(a[column]), _cells(p[column])
        wrong = [i for i, (u, v) in enumerate(zip(x, y)) if u != v]
        if wrong:
            i = wrong[0]
            _fail(f"{where}: {column} differs for {len(wrong):,} units, e.g. {a.index[i]!r}: antq {x[i]!r}, "
                  f"pandas {y[i]!r}")


def _compare_roll_ups(a, p, where: str) -> None:
    if list(a.columns) != list(p.columns):
        _fail(f"{where}: roll-up columns {list(a.columns)} vs {list(p.columns)}")
    a, p = a.set_index(["territory", "subject"]), p.set_index(["territory", "subject"])
    if set(a.index) != set(p.index) or len(a) != len(p):
        _fail(f"{where}: roll-ups for {len(a):,} (territory, subject) pairs in antq, {len(p):,} in pandas")
    p = p.loc[a.index]
    for column in a.columns:
        x, y = _cells(a[column]), _cells(p[column])
        wrong = [i for i, (u, v) in enumerate(zip(x, y)) if u != v]
        if wrong:
            i = wrong[0]
            _fail(f"{where}: roll-up {column} differs in {len(wrong):,} (territory, subject) pairs, e.g. "
                  f"{a.index[i]}: antq {x[i]!r}, pandas {y[i]!r}")


def _compare_rows(a, p, what: str, where: str) -> None:
    if list(a.columns) != list(p.columns):
        _fail(f"{where}: {what} columns {list(a.columns)} vs {list(p.columns)}")
    rows_a = collections.Counter(map(tuple, _cells_rows(a)))
    rows_p = collections.Counter(map(tuple, _cells_rows(p)))
    if rows_a != rows_p:
        _fail(f"{where}: {what} differ: {sum((rows_a - rows_p).values()):,} rows only in antq's, "
              f"{sum((rows_p - rows_a).values()):,} only in pandas'")


def _cells_rows(frame) -> list:
    return [_cells(row) for row in frame.itertuples(index=False, name=None)]


def compare(antq_result: tuple, ours: evaluation_pandas.Evaluation, where: str) -> None:
    results, roll_ups, heads, commendations = antq_result
    _compare_results(results, ours.results, where)
    _compare_roll_ups(roll_ups, ours.roll_ups, where)
    _compare_rows(heads, ours.heads, "heads' contributions", where)
    _compare_rows(commendations, ours.commendations, "commendations", where)


def records_as_tables(records: list[dict]) -> dict:
    """Records in the JSON form (dicts) as the four DataFrames of ``assessment_tables``."""
    import pandas as pd

    def frame(rows, columns):
        return pd.DataFrame(rows, columns=columns)

    return {
        "records": frame([(r["unit"], r["dossier_date"], r.get("proposed_level")) for r in records],
                         ["unit", "dossier_date", "proposed_level"]),
        "criteria_met": frame([(r["unit"], c) for r in records for c in r.get("criteria_met", [])],
                              ["unit", "criterion"]),
        "scores": frame([(r["unit"], c, float(p)) for r in records for c, p in r.get("scores", {}).items()],
                        ["unit", "criterion", "points"]),
        "incidents": frame([(r["unit"], i["criterion"], i["date"], i.get("note", "")) for r in records
                            for i in r.get("incidents", [])], ["unit", "criterion", "date", "note"]),
    }


def _faulty_records(x: Inputs, results) -> tuple[list[dict], list[tuple[str, object]]]:
    """A small set of valid records (a few of every subject) and the faults each side must reject, one at a
    time: (antq's error tag, a function turning the valid records into faulty ones)."""
    records = json.loads(x.assessments.dumps())["records"]
    subject_of = dict(zip(results["unit"], results["subject"]))
    base, seen = [], collections.Counter()
    for r in records:
        if seen[subject_of[r["unit"]]] < 25:
            seen[subject_of[r["unit"]]] += 1
            base.append(r)
    first = {}
    for i, r in enumerate(base):
        first.setdefault(subject_of[r["unit"]], i)
    village, commune, enterprise = first["residential_area"], first["commune"], first["enterprise"]
    excluded = results.loc[results["excluded"].notna() & (results["subject"] == "enterprise"), "unit"].iloc[0]
    body = x.units.loc[x.units["kind"] == "peoples_committee", "id"].iloc[0]
    met = base[village]["criteria_met"]

    def edit(i: int, **fields):
        def apply(rs):
            rs[i].update(copy.deepcopy(fields))
        return apply

    def add(record: dict):
        return lambda rs: rs.append(copy.deepcopy(record))

    def scores(i: int, change):
        return lambda rs: change(rs[i]["scores"])

    faults = [
        ("unknown_unit", edit(village, unit="no-such-unit")),
        ("not_evaluated", edit(village, unit=body)),
        ("excluded_unit", add({**base[enterprise], "unit": excluded})),
        ("duplicate_record", add(base[village])),
        ("date_outside_window", edit(village, dossier_date=f"{x.assessments.year - 1}-10-31")),
        ("bad_date", edit(village, dossier_date=f"{x.assessments.year}-02-30")),
        ("date_outside_window", edit(village, criteria_met=met[1:], incidents=[
            {"criterion": met[0], "date": f"{x.assessments.year}-12-31", "note": "after the window"}])),
        ("conflicting_record", edit(village, incidents=[
            {"criterion": met[0], "date": f"{x.assessments.year}-03-01", "note": "listed as met too"}])),
        ("unknown_criterion", edit(village, criteria_met=met + ["no_such_criterion"])),
        ("unknown_criterion", edit(village, criteria_met=met[1:] + ["police_no_discipline"])),  # a commune criterion
        ("unknown_criterion", edit(commune, criteria_met=base[commune]["criteria_met"] + ["residential_areas_safe"])),
        ("duplicate_criterion", edit(village, criteria_met=met + met[:1])),
        ("score_out_of_range", scores(village, lambda s: s.update(leadership=10.5))),
        ("score_out_of_range", scores(village, lambda s: s.update(models=-0.5))),
        ("missing_score", scores(village, lambda s: s.pop("propaganda"))),
        ("unknown_criterion", scores(village, lambda s: s.update(no_such_criterion=1))),
        ("unknown_level", edit(village, proposed_level="no_such_level")),
    ]
    return base, faults


def _antq_error(x: Inputs, records: list[dict]) -> str | None:
    import antq
    from antq import evaluation as ev

    try:
        ev.evaluate(x.graph, ev.assessments_from_records(x.assessments.year, records), x.rules)
    except antq.Error as e:
        return e.tag
    return None


def _pandas_error(x: Inputs, records: list[dict]) -> str | None:
    try:
        pandas_run(x, records_as_tables(records))
    except evaluation_pandas.EvaluationError as e:
        return e.tag
    return None


def check_errors(x: Inputs, results) -> tuple[int, int]:
    """Both sides agree on a few records (most units then have no dossier) and reject each fault with the same
    tag. Returns the number of those records and of the faults checked."""
    from antq import evaluation as ev

    base, faults = _faulty_records(x, results)
    few = ev.assessments_from_records(x.assessments.year, base)
    compare(antq_tables(ev.evaluate(x.graph, few, x.rules)), pandas_run(x, records_as_tables(base)),
            f"{len(base)} records")
    for tag, fault in faults:
        records = copy.deepcopy(base)
        fault(records)
        got = {"antq": _antq_error(x, records), "pandas": _pandas_error(x, records)}
        if got["antq"] != tag:
            raise SystemExit(f"antq does not reject a faulty record as {tag!r}: {got['antq']!r}")
        if got["pandas"] != tag:
            _fail(f"a faulty record is {tag!r} in antq, {got['pandas']!r} in pandas")
    return len(base), len(faults)


def check_agreement(x: Inputs) -> dict:
    """The full year: every unit's title, level, dossier, authority (and every other result column), every
    roll-up count, heads' contribution and commendation equal. Returns the figures the report describes."""
    from antq import evaluation as ev

    evaluation = ev.evaluate(x.graph, x.assessments, x.rules)
    mine = antq_tables(evaluation)
    compare(mine, pandas_run(x), "the example year")
    results, roll_ups, heads, commendations = mine
    few, faults = check_errors(x, results)
    return {
        "subjects": results["subject"].value_counts().to_dict(),
        "evaluated": len(results),
        "excluded": int(results["excluded"].notna().sum()),
        "records": len(x.tables["records"]),
        "rows": {name: len(frame) for name, frame in x.tables.items()},
        "dossier": results["dossier"].value_counts().to_dict(),
        "title": results["title"].value_counts().to_dict(),
        "level": results["level"].value_counts().to_dict(),
        "roll_ups": len(roll_ups),
        "roll_up_levels": roll_ups["level"].value_counts().to_dict(),
        "heads": len(heads),
        "contributions": heads["contribution"].value_counts().to_dict(),
        "commendations": commendations["type"].value_counts().to_dict(),
        "few_records": few,
        "faults": faults,
    }


# ---- timing and memory --------------------------------------------------------------------------

#: (key, label) of the timed calls.
CASES = (
    ("antq_roll_ups", "antq: evaluate → the roll-up DataFrame"),
    ("antq_roll_ups_afresh", "antq: the same, the graph's unit strings decoded afresh"),
    ("antq_tables", "antq: evaluate → DataFrames (results, roll-ups, heads, commendations)"),
    ("antq_run", "antq: evaluate, results in antq's own form (`_core.evaluate`)"),
    ("antq_to_pandas", "antq: the four DataFrames only"),
    ("pandas", "pandas: the whole run, the same four DataFrames"),
)


def time_cases(x: Inputs, repeats: int) -> dict[str, float]:
    import antq
    from antq import evaluation as ev

    def with_roll_ups(evaluation):
        return evaluation, evaluation.roll_ups()

    core = antq._core.evaluate(x.graph, x.assessments, x.rules)
    # Each call returns what it made, the evaluation with its tables, as the pandas run returns its Evaluation: the
    # timer drops a call's result after the clock stops, for both tools alike.
    cases = {
        "antq_roll_ups": lambda: with_roll_ups(ev.evaluate(x.graph, x.assessments, x.rules)),
        "antq_roll_ups_afresh": lambda: (antq._core._unit_strings.pop(x.graph, None),
                                         with_roll_ups(ev.evaluate(x.graph, x.assessments, x.rules))),
        "antq_tables": lambda: antq_run_to_pandas(x),
        "antq_run": lambda: antq._core.evaluate(x.graph, x.assessments, x.rules),
        "antq_to_pandas": lambda: antq_tables(ev.Evaluation(core)),
        "pandas": lambda: pandas_run(x),
    }
    times = measure.round_robin(cases, repeats)
    for key, label in CASES:
        print(f"{label}: {times[key] * 1e3:,.1f} ms", flush=True)
    return times


def rss_child(tool: str, config: Config) -> None:
    """Runs in a fresh interpreter: graph, records and both libraries are loaded before the first reading."""
    x = prepare(config)
    run = (lambda: antq_run_to_pandas(x)) if tool == "antq" else (lambda: pandas_run(x))
    print(json.dumps({"tool": tool, "rss_bytes": measure.peak_rss_bytes(run)}))


def memory(config: Config) -> dict[str, int]:
    """Median peak RSS growth of the run to its four DataFrames, per tool, over fresh processes."""
    out = {}
    for tool in ("antq", "pandas"):
        out[tool] = measure.rss_in_subprocess(os.path.abspath(__file__), tool, config is QUICK, config.rss_repeats)
        print(f"memory, {tool}: peak growth {out[tool] / 2**20:.0f} MiB", flush=True)
    return out


# ---- report -------------------------------------------------------------------------------------


def _counts(d: dict) -> str:
    return ", ".join(f"{k} {v:,}" for k, v in d.items())


def report(config: Config, size: dict, facts: dict, times: dict[str, float], rss: dict[str, int],
           build: dict[str, float]) -> results.Report:
    f, ms = facts, {k: v * 1e3 for k, v in times.items()}
    inputs = f"""`synth.generate(evaluation=True)`, seed {config.seed}: {size['units']:,} units and {size['ties']:,} ties.

- units: {_counts(size['unit_kinds'])}
- ties: {_counts(size['tie_kinds'])}
- built once, not timed below: antq `from_pandas` {build['antq']:.2f} s, the pandas side's graph tables \
{build['pandas']:.2f} s; the frozen view the antq run reads (`freeze()`, once per state of the graph, shared by \
every reader) {build['freeze']:.2f} s, {build['view_bytes'] / 2**20:.0f} MiB, held before the memory readings below
- rules: antq's default (Hải Dương 2024, `data/rules/evaluation_hai_duong_2024.json`), year {config.year}
- evaluated units: {f['evaluated']:,} ({_counts(f['subjects'])}), of which {f['excluded']:,} excluded by the rules
- records: antq's seeded example year, {f['records']:,} records; as tables {_counts(f['rows'])} rows
- dossiers: {_counts(f['dossier'])}; titles: {_counts(f['title'])}; levels: {_counts(f['level'])}
- {f['roll_ups']:,} roll-ups (territory × subject; by territory level: {_counts(f['roll_up_levels'])}); \
{f['heads']:,} heads' contributions ({_counts(f['contributions'])}); commendations: {_counts(f['commendations'])}
- checked equal before timing: every result column of every unit, every roll-up count, the heads' contributions and the \
commendations; the same for a year of only {f['few_records']} records (most dossiers missing); and \
{f['faults']} faulty record sets (unknown unit, duplicate record, dates outside the window, unknown or \
duplicate criteria, scores out of range or missing, ...), each rejected by both sides with the same error tag"""
    rows = [
        results.Row("evaluation run with roll-ups, the roll-up table out", "ms", ms["antq_roll_ups"], "pandas",
                    ms["pandas"], AIM),
        results.Row("the same, the graph's unit strings decoded afresh", "ms", ms["antq_roll_ups_afresh"], "pandas",
                    ms["pandas"]),
        results.Row("evaluation run with roll-ups, all four DataFrames out", "ms", ms["antq_tables"], "pandas",
                    ms["pandas"]),
        results.Row("evaluation run, antq's results left in its own form", "ms", ms["antq_run"], "pandas",
                    ms["pandas"]),
        results.Row("antq's four DataFrames only", "ms", ms["antq_to_pandas"]),
        results.Row("peak RSS growth, run to the four DataFrames", "MiB", rss["antq"] / 2**20, "pandas",
                    rss["pandas"] / 2**20),
    ]
    share = times["antq_to_pandas"] / times["antq_tables"]
    return results.Report(
        title="evaluation-scale",
        repeats=config.repeats,
        rss_repeats=config.rss_repeats,
        inputs_heading="Graph, rules and records",
        inputs=inputs,
        rows=rows,
        table_note='Wall-clock per call. "pandas" is `bench/evaluation_pandas.py` on the same rules JSON and the '
        "records as four DataFrames. Each call returns what it made (antq its evaluation with the tables asked, "
        "pandas its Evaluation), which is freed after the clock stops, alike for both. Memory: the highest "
        "resident-set growth during the call (Linux `VmHWM`, reset just before), in a fresh process already holding "
        "the graph (and its frozen view), the records and both libraries; it includes the four DataFrames the call "
        "returns.",
        notes=[
            "The aim: the evaluation run with roll-ups (every unit's title, level, dossier and authority, the "
            "roll-ups, heads and commendations computed; the roll-up table handed over as a DataFrame) at least "
            f"{AIM:.0f}× faster than the pandas run. Building the four DataFrames is {share:.0%} of antq's time "
            f"to them ({results.figure(ms['antq_to_pandas'])} ms).",
            "The tables take unit ids and names from the Python strings antq keeps per state of the graph (manual "
            "§5), made by the first call that needs them, as the pandas side holds its ids and names in its graph "
            "tables, built before timing; the row \"decoded afresh\" drops them before each call, so it shows what "
            "the first run after a change of the graph costs.",
        ],
        summary=f"{size['units']:,} units, {size['ties']:,} ties; {f['evaluated']:,} evaluated, "
        f"{f['records']:,} records, {f['roll_ups']:,} roll-ups",
    )


# ---- main ---------------------------------------------------------------------------------------


def run(config: Config) -> results.Report:
    x = prepare(config)
    print(f"graph: {len(x.units):,} units, {len(x.ties):,} ties; {len(x.tables['records']):,} records", flush=True)
    facts = check_agreement(x)
    print(f"same answers: {facts['evaluated']:,} units, {facts['roll_ups']:,} roll-ups, "
          f"{facts['faults']} faults rejected alike", flush=True)
    times = time_cases(x, config.repeats)
    size = {
        "units": len(x.units),
        "ties": len(x.ties),
        "unit_kinds": x.units["kind"].value_counts().to_dict(),
        "tie_kinds": x.ties["kind"].value_counts().to_dict(),
    }
    build = x.build
    del x  # the memory children start from a quieter machine
    rss = memory(config)
    return report(config, size, facts, times, rss, build)


def main(argv: list[str]) -> None:
    measure.main(argv, doc=__doc__, section="evaluation_scale", quick_help="small graph, 2 repeats (smoke test)",
                 configs=(QUICK, FULL), run=run, rss_child=rss_child)


if __name__ == "__main__":
    main(sys.argv[1:])

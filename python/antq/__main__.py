"""The antq command line: ``python -m antq report --out DIR`` (or ``report --compare BEFORE AFTER --out DIR``),
``info [FILE]``, ``validate [FILE]``,
``export [FILE] --graphml OUT``, ``simulate SCENARIO --out DIR``.

Without FILE, each command works on the embedded Hải Dương 2024 graph."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from typing import Any, Sequence

from . import __version__, datasets
from .directive import Directive
from .errors import Error
from .graph import OrgGraph
from .io import load

_DEFAULT = "hai_duong_2024"


def _status(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _open(path: str | None) -> OrgGraph:
    """The graph file at ``path``, or the embedded default when no path is given."""
    started = time.perf_counter()
    if path is None:
        _status(f"antq: using the embedded dataset {_DEFAULT}")
        graph = datasets.hai_duong_2024()
    else:
        size = os.path.getsize(path) if os.path.exists(path) else 0
        _status(f"antq: loading {path} ({size / 1e6:.1f} MB) ...")
        graph = load(path)
    _status(f"antq: {len(graph)} units, {graph.number_of_ties()} ties, read in {time.perf_counter() - started:.2f} s")
    return graph


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def info_text(graph: OrgGraph) -> str:
    """A plain-text summary: units by kind and level, ties by kind."""
    from . import _core

    summary = graph.summary()
    levels = [lvl for lvl in _core.levels if lvl in summary["units"]]
    kinds = [k for k in _core.unit_kinds if any(k in summary["units"][lvl] for lvl in levels)]
    rows = [["unit kind", *levels, "total"]]
    for kind in kinds:
        counts = [summary["units"][lvl].get(kind, 0) for lvl in levels]
        rows.append([kind, *[str(c) if c else "." for c in counts], str(sum(counts))])
    totals = [sum(summary["units"][lvl].values()) for lvl in levels]
    rows.append(["all units", *[str(t) for t in totals], str(sum(totals))])
    tie_rows = [["tie kind", "count"]] + [[k, str(summary["ties"][k])] for k in _core.tie_kinds if k in summary["ties"]]
    description = graph.attributes.get("description")
    header = f"{graph.name or '(unnamed graph)'}: {len(graph)} units, {graph.number_of_ties()} ties"
    parts = [header]
    if isinstance(description, str):
        parts.append(description)
    parts += ["", _table(rows), "", _table(tie_rows)]
    return "\n".join(parts)


def _cmd_info(args: argparse.Namespace) -> int:
    print(info_text(_open(args.file)))
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    graph = _open(args.file)
    graph.validate()
    print(f"{args.file or _DEFAULT}: valid ({len(graph)} units, {graph.number_of_ties()} ties)")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if not (args.json or args.graphml or args.dot):
        print("antq: error: name at least one of --json, --graphml, --dot", file=sys.stderr)
        return 2
    graph = _open(args.file)
    if args.json:
        graph.save(args.json)
        _status(f"antq: wrote {args.json}")
    if args.graphml:
        graph.write_graphml(args.graphml)
        _status(f"antq: wrote {args.graphml}")
    if args.dot:
        graph.write_dot(args.dot)
        _status(f"antq: wrote {args.dot}")
    return 0


def _evaluation_inputs(args: argparse.Namespace, graph: OrgGraph) -> dict[str, Any]:
    """The evaluation files given on the command line; what is not given is made up as a seeded example."""
    from . import evaluation as ev
    from .models import ModelRegistry

    inputs: dict[str, Any] = {"seed": args.seed}
    if args.rules:
        inputs["rules"] = ev.load_rules(args.rules)
    if args.assessments:
        inputs["assessments"] = ev.load_assessments(args.assessments)
    if args.progress:
        inputs["progress"] = ev.load_progress(args.progress)
    if args.models:
        inputs["registry"] = ModelRegistry.load(args.models, graph)
    if args.as_of:
        inputs["as_of"] = args.as_of
    return inputs


#: Names --compare takes for the embedded graph and its what-if without the district level.
_WHAT_IF = "default-without-district"
_NAMED = ("default", _WHAT_IF)


def _directive(path: str | None) -> Directive:
    if path is None:
        _status("antq: using the embedded directive directive_2024")
        return datasets.directive_2024()
    return Directive.load(path)


def _levels(pairs: list[str]) -> dict[str, str]:
    """--translate-levels FROM=TO, as many as given."""
    levels = {}
    for pair in pairs:
        source, _, target = pair.partition("=")
        if not source or not target:
            raise ValueError(f"--translate-levels: expected FROM=TO (e.g. district=commune), not {pair!r}")
        levels[source] = target
    return levels


def _compare_side(name: str) -> tuple[OrgGraph, object | None]:
    """A graph for --compare: a file, ``default`` (the embedded graph) or ``default-without-district`` (its what-if
    without the district level, with the id map of that change)."""
    from . import restructure

    if name == "default":
        return _open(None), None
    if name == _WHAT_IF:
        applied = restructure.remove_level(_open(None), "district")
        _status(f"antq: {_WHAT_IF}: the district level removed ({len(applied.graph)} units)")
        return applied.graph, applied
    if not os.path.isfile(name):
        raise FileNotFoundError(f"{name}: no such graph file (or one of the names {', '.join(_NAMED)})")
    return _open(name), None


def _cmd_compare(args: argparse.Namespace) -> int:
    from .report.whatif import compare, write_compare

    given = [f"--{n.replace('_', '-')}" for n in ("graph", "rules", "assessments", "progress", "models", "as_of")
             if getattr(args, n)]
    if given:
        raise ValueError(f"--compare takes BEFORE and AFTER as its graphs and runs no evaluation: drop {', '.join(given)}")
    translate: dict[str, object] = {"levels": _levels(args.translate_levels or []), "drop_unmatched": args.drop_unmatched}
    before, _ = _compare_side(args.compare[0])
    after, applied = _compare_side(args.compare[1])
    directive = _directive(args.directive)
    if applied is not None:
        translate["ids"] = applied
    comparison = compare(before, after, directive, translate)
    print(comparison.summary())
    print(f"\nPage: {write_compare(comparison, args.out)}")
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from .report import build_report

    if args.compare:
        return _cmd_compare(args)
    if args.translate_levels or args.drop_unmatched:
        raise ValueError("--translate-levels and --drop-unmatched go with --compare BEFORE AFTER")
    graph = _open(args.graph)
    directive = _directive(args.directive)
    inputs = _evaluation_inputs(args, graph)
    report = build_report(graph, directive, args.out, evaluation=not args.no_evaluation, **inputs)
    print(report.summary())
    print(f"\nReport: {os.path.join(args.out, 'index.html')}")
    return 0


def _cmd_simulate(args: argparse.Namespace) -> int:
    from . import simulation
    from ._simulate import simulate

    run = simulate(args.scenario, args.out, args.reps, args.seed, args.threads)
    print(f"antq: {simulation.ASSUMED}")
    print(run.summary().to_string(index=False, float_format=lambda x: f"{x:.3g}"))
    print(f"\nPage (assumed parameters): {os.path.join(args.out, 'index.html')}")
    return 0


def _positive(text: str) -> int:
    """A count of at least 1 (argparse turns the error into a usage line)."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, not {text!r}")
    return value


def _seed(text: str) -> int:
    """A seed as the library takes it: an int from 0 to 2**64 - 1 (argparse turns the error into a usage line)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value < 2**64:
        raise argparse.ArgumentTypeError(f"a seed is an integer from 0 to 2**64 - 1, not {text!r}")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m antq", description=__doc__)
    parser.add_argument("--version", action="version", version=f"antq {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    info = commands.add_parser("info", help="summarise a graph file (default: the embedded Hải Dương 2024 graph)")
    info.add_argument("file", nargs="?", help="graph file (format antq.orggraph)")
    info.set_defaults(run=_cmd_info)

    validate = commands.add_parser("validate", help="check a graph file and report the first problem")
    validate.add_argument("file", nargs="?", help="graph file (format antq.orggraph)")
    validate.set_defaults(run=_cmd_validate)

    export = commands.add_parser("export", help="write a graph as JSON, GraphML or Graphviz DOT")
    export.add_argument("file", nargs="?", help="graph file (default: the embedded dataset)")
    export.add_argument("--json", metavar="OUT", help="write antq JSON to OUT")
    export.add_argument("--graphml", metavar="OUT", help="write GraphML to OUT")
    export.add_argument("--dot", metavar="OUT", help="write Graphviz DOT to OUT")
    export.set_defaults(run=_cmd_export)

    report = commands.add_parser(
        "report", help="compile a directive onto a graph, analyse it, and write an HTML report (the main job)"
    )
    report.add_argument("--graph", metavar="FILE", help="graph file (default: the embedded Hải Dương 2024 graph)")
    report.add_argument("--directive", metavar="FILE", help="directive file (default: the embedded 2024 directive)")
    report.add_argument("--out", metavar="DIR", required=True, help="folder for index.html and its files")
    report.add_argument("--rules", metavar="FILE", help="evaluation rules (default: the embedded Hải Dương 2024 rules)")
    report.add_argument("--assessments", metavar="FILE", help="the year's assessment records (default: a synthetic example)")
    report.add_argument("--progress", metavar="FILE", help="progress reports on the directive (default: a synthetic example)")
    report.add_argument("--models", metavar="FILE", help="self-managed models registry (default: a synthetic example)")
    report.add_argument("--as-of", metavar="DATE", help="day of the follow-up (default: the directive year's 31/12)")
    report.add_argument("--seed", type=_seed, default=2024, help="seed of the synthetic examples (default 2024)")
    report.add_argument("--no-evaluation", action="store_true", help="leave out the evaluation page")
    report.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"),
                        help="compare the directive on two graph files (or 'default', 'default-without-district'): "
                             "writes compare.html")
    report.add_argument("--translate-levels", action="append", metavar="FROM=TO",
                        help="with --compare: a level of the directive's selectors read as another on AFTER")
    report.add_argument("--drop-unmatched", action="store_true",
                        help="with --compare: leave out (and list) what matches nothing on AFTER")
    report.set_defaults(run=_cmd_report)

    simulate = commands.add_parser("simulate", help="run a simulation scenario (antq.scenario) and write an HTML page")
    simulate.add_argument("scenario", help="scenario file (format antq.scenario, docs/simulation.md)")
    simulate.add_argument("--out", metavar="DIR", required=True, help="folder for index.html")
    simulate.add_argument("--reps", type=_positive, help="replications (default: the scenario's)")
    simulate.add_argument("--seed", type=_seed, help="seed (default: the scenario's)")
    simulate.add_argument("--threads", type=_positive, default=1, help="C++ threads (default 1); results do not depend on it")
    simulate.set_defaults(run=_cmd_simulate)

    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except (Error, OSError, ValueError) as error:
        print(f"antq: error: {error}", file=sys.stderr)
        return 2
    except subprocess.CalledProcessError as error:  # Graphviz refused a chart
        print(f"antq: error: {error.cmd[0]} failed: {error.stderr or error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

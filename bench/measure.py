"""Timing, resident-memory and machine-description helpers (Linux /proc), and the benchmarks' command line."""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from typing import Callable

import results

HERE = os.path.dirname(os.path.abspath(__file__))


def median_seconds(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``repeats`` calls; the result of each call is dropped before the next."""
    times = []
    for _ in range(repeats):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
        del result
    return statistics.median(times)


def round_robin(cases: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds per case; the cases take turns inside each repeat so machine noise hits them alike."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(repeats):
        for name, fn in cases.items():
            times[name].append(median_seconds(fn, 1))
    return {name: statistics.median(ts) for name, ts in times.items()}


def main(argv: list[str], *, doc: str | None, section: str, quick_help: str, configs: tuple,
         run: Callable[..., results.Report], rss_child: Callable | None = None) -> None:
    """A benchmark script's command line: ``--quick`` (configs[0], a smoke test that writes nothing unless
    ``--results`` says where), ``--results PATH`` (default bench/RESULTS.md for a full run, configs[1]); writes
    only the script's own marked ``section``, named after the script. ``run(config)`` returns the script's
    ``results.Report``; the machine, versions, tree and timing of the run are gathered here, alike for every
    script. With ``rss_child``, the hidden ``--rss-child TOOL`` that the memory measurements start in fresh
    processes."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help=quick_help)
    parser.add_argument(
        "--results", help="markdown file to write (default: bench/RESULTS.md for a full run, none for --quick)"
    )
    if rss_child:
        parser.add_argument("--rss-child", metavar="TOOL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    config = configs[0] if args.quick else configs[1]
    if rss_child and args.rss_child:
        rss_child(args.rss_child, config)
        return
    started = datetime.datetime.now(datetime.timezone.utc)
    facts = machine()  # before the run loads the machine
    libraries = versions()  # imports the libraries: no import time in any figure
    t0 = time.perf_counter()
    report = run(config)
    seconds = time.perf_counter() - t0
    load = load_note("at the end of the run")
    print(results.terminal(report))
    print(load)
    target = args.results or (None if args.quick else os.path.join(HERE, "RESULTS.md"))
    if target:  # only this script's marked section: the other benchmarks own theirs
        options = (["--quick"] if args.quick else []) + (
            ["--results", results.portable_path(args.results)] if args.results else []
        )
        how = results.Run(f"{section}.py", options, started, git_revision(HERE), seconds, facts, libraries, load)
        results.write_section(target, section, results.markdown(report, how))
        print(f"wrote the {section} section of {target}")


def vm_rss_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def graph_rss_bytes(build: Callable[[], object]) -> int:
    """RSS growth caused by what ``build`` returns (kept alive for the second reading)."""
    gc.collect()
    before = vm_rss_bytes()
    graph = build()
    gc.collect()
    after = vm_rss_bytes()
    del graph
    return after - before


def _vm_hwm_bytes() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def peak_rss_bytes(run: Callable[[], object]) -> int:
    """Highest RSS growth while ``run`` runs, over the RSS before the call (Linux: VmHWM is reset through
    /proc/self/clear_refs first). Freed memory rarely goes back to the system, so this is also about what the
    process holds afterwards."""
    gc.collect()
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = vm_rss_bytes()
    result = run()
    grown = _vm_hwm_bytes() - before
    del result
    return grown


def rss_in_subprocess(script: str, tool: str, quick: bool, repeats: int) -> int:
    """Median over ``repeats`` fresh interpreters, each running ``script --rss-child tool``."""
    values = []
    for _ in range(repeats):
        cmd = [sys.executable, script, "--rss-child", tool] + (["--quick"] if quick else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        values.append(json.loads(out.strip().splitlines()[-1])["rss_bytes"])
    return int(statistics.median(values))


def _first(path: str, prefix: str) -> str:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip() if ":" in line else line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def load_note(when: str) -> str:
    """A sentence on how busy the machine is now (``os.getloadavg()``), ``when`` saying at which point of the run."""
    try:
        return results.load_sentence(os.getloadavg(), os.cpu_count() or 1, when)
    except OSError:
        return f"The load average {when} could not be read."


def machine() -> dict[str, str]:
    mem_kib = _first("/proc/meminfo", "MemTotal").split()[0]
    try:
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "unknown"
    return {
        "CPU": _first("/proc/cpuinfo", "model name"),
        "cores": str(os.cpu_count()),
        "RAM": f"{int(mem_kib) / 2**20:.1f} GiB" if mem_kib.isdigit() else "unknown",
        "OS": f"{_first('/etc/os-release', 'PRETTY_NAME=').strip(chr(34))}, Linux {platform.release()}",
        "Python": platform.python_version(),
        "load average at start": load,
    }


def versions() -> dict[str, str]:
    out = {}
    for module in ("antq", "networkx", "igraph", "graph_tool", "pandas", "numpy"):
        try:
            mod = __import__(module)
            out[module] = str(getattr(mod, "__version__", "?")).split()[0]
        except ImportError:
            out[module] = "not installed"
    return out


def git_revision(directory: str) -> str:
    try:
        return subprocess.run(
            ["git", "-C", directory, "describe", "--always", "--dirty"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
